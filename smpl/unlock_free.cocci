// SPDX-License-Identifier: GPL-2.0-only
/// The facts mode of `mmcheck scan`:
/// frees right after the unlock of a lock inside the freed object, with
/// the evidence that another thread takes the same lock.
/// It builds on the kernel rules of scripts/coccinelle/mm/unlock_free.cocci,
/// included below; the driver writes that file in place of the include
/// line before it runs spatch (spatch resolves an include from its
/// working directory, which is the tree).
//
// Copyright: (C) 2026 The mmcheck authors.
// Keywords: kfree, kvfree, vfree, kfree_sensitive, kmem_cache_free
// Options: --no-includes --include-headers
// Mmcheck: locks
// Mmcheck-regex: \b(?:mutex_unlock|up_write|up_read|rt_mutex_unlock)\s*\(\s*&\s*((?:\w+(?:->|\.))*?\w+)->\w+\s*\)\s*;(?:[^\w\n]++|\n(?!\})|(?!(?:kref_put(?:_mutex|_lock)?|refcount_dec_and_(?:test|lock|lock_irqsave|mutex_lock)|atomic(?:_long|64)?_dec_and_test|atomic_dec_and_(?:lock|lock_irqsave|mutex_lock)|atomic_sub_and_test|wait_for_completion(?:_timeout|_interruptible|_killable)?|synchronize_(?:rcu|srcu|irq)|rcu_barrier|flush_work|cancel_work_sync|flush_delayed_work|cancel_delayed_work_sync|flush_workqueue|drain_workqueue|destroy_workqueue|del_timer_sync|timer_delete_sync|timer_shutdown_sync|hrtimer_cancel|kthread_stop|free_irq|devm_free_irq|tasklet_kill|wait_event|wait_event_timeout|kthread_flush_worker|kthread_cancel_work_sync|rdma_destroy_id|ib_destroy_cm_id)\b)\w++)*?(?:\b(?:kv?free|vfree|kfree_sensitive)\s*\(\s*\1\s*\)|\bkmem_cache_free\s*\([^;,]*,\s*\1\s*\))(?:[^\w\n]++|\n(?!\})|(?!(?:kref_put(?:_mutex|_lock)?|refcount_dec_and_(?:test|lock|lock_irqsave|mutex_lock)|atomic(?:_long|64)?_dec_and_test|atomic_dec_and_(?:lock|lock_irqsave|mutex_lock)|atomic_sub_and_test|wait_for_completion(?:_timeout|_interruptible|_killable)?|synchronize_(?:rcu|srcu|irq)|rcu_barrier|flush_work|cancel_work_sync|flush_delayed_work|cancel_delayed_work_sync|flush_workqueue|drain_workqueue|destroy_workqueue|del_timer_sync|timer_delete_sync|timer_shutdown_sync|hrtimer_cancel|kthread_stop|free_irq|devm_free_irq|tasklet_kill|wait_event|wait_event_timeout|kthread_flush_worker|kthread_cancel_work_sync|rdma_destroy_id|ib_destroy_cm_id)\b)\w++)*?\n\}

virtual facts

#include "scripts/coccinelle/mm/unlock_free.cocci"

@initialize:python@
@@
import json

@script:python depends on facts@
unlockf << uf.unlockf;
x << uf.x;
lk << uf.lk;
pu << uf.pu;
pf << uf.pf;
freef << ufname.freef;
@@
key = lock_key(pu[0], x, lk)
if key and not quiet(pf[0], key) and where(pf[0]) not in printed:
    printed.add(where(pf[0]))
    s, why = strength(pf[0], key)
    print(json.dumps({"fact": "unlock-free", "file": pf[0].file,
                      "line": int(pf[0].line), "col": int(pf[0].column) + 1,
                      "function": pf[0].current_element, "key": key,
                      "unlock": str(unlockf), "unlock_line": int(pu[0].line),
                      "free": str(freef), "strength": s, "why": why},
                     sort_keys=True))
