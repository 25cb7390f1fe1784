// SPDX-License-Identifier: GPL-2.0-only
/// The facts mode of `mmcheck scan`: Frees right after the unlock of a lock inside the freed object, with
/// the evidence that another thread takes the same lock.
/// It does not share its rules with scripts/coccinelle/mm/unlock_free.cocci yet.
//
// Copyright: (C) 2026 The mmcheck authors.
// Keywords: kfree, kvfree, vfree, kfree_sensitive, kmem_cache_free
// Options: --no-includes --include-headers
// Mmcheck: locks
// Mmcheck-regex: \b(?:mutex_unlock|up_write|up_read|rt_mutex_unlock)\s*\(\s*&\s*((?:\w+(?:->|\.))*?\w+)->\w+\s*\)\s*;(?:[^\w\n]++|\n(?!\})|(?!(?:kref_put(?:_mutex|_lock)?|refcount_dec_and_(?:test|lock|lock_irqsave|mutex_lock)|atomic(?:_long|64)?_dec_and_test|atomic_dec_and_(?:lock|lock_irqsave|mutex_lock)|atomic_sub_and_test|wait_for_completion(?:_timeout|_interruptible|_killable)?|synchronize_(?:rcu|srcu|irq)|rcu_barrier|flush_work|cancel_work_sync|flush_delayed_work|cancel_delayed_work_sync|flush_workqueue|drain_workqueue|destroy_workqueue|del_timer_sync|timer_delete_sync|timer_shutdown_sync|hrtimer_cancel|kthread_stop|free_irq|devm_free_irq|tasklet_kill|wait_event|wait_event_timeout|kthread_flush_worker|kthread_cancel_work_sync|rdma_destroy_id|ib_destroy_cm_id)\b)\w++)*?(?:\b(?:kv?free|vfree|kfree_sensitive)\s*\(\s*\1\s*\)|\bkmem_cache_free\s*\([^;,]*,\s*\1\s*\))(?:[^\w\n]++|\n(?!\})|(?!(?:kref_put(?:_mutex|_lock)?|refcount_dec_and_(?:test|lock|lock_irqsave|mutex_lock)|atomic(?:_long|64)?_dec_and_test|atomic_dec_and_(?:lock|lock_irqsave|mutex_lock)|atomic_sub_and_test|wait_for_completion(?:_timeout|_interruptible|_killable)?|synchronize_(?:rcu|srcu|irq)|rcu_barrier|flush_work|cancel_work_sync|flush_delayed_work|cancel_delayed_work_sync|flush_workqueue|drain_workqueue|destroy_workqueue|del_timer_sync|timer_delete_sync|timer_shutdown_sync|hrtimer_cancel|kthread_stop|free_irq|devm_free_irq|tasklet_kill|wait_event|wait_event_timeout|kthread_flush_worker|kthread_cancel_work_sync|rdma_destroy_id|ib_destroy_cm_id)\b)\w++)*?\n\}
// Mmcheck-regex: \b(?:mutex_unlock|up_write|up_read|rt_mutex_unlock)\s*\(\s*&\s*((?:\w+(?:->|\.))*?\w+)->\w+\s*\)\s*;(?:[^\w\n]++|\n(?!\})|(?!(?:kref_put(?:_mutex|_lock)?|refcount_dec_and_(?:test|lock|lock_irqsave|mutex_lock)|atomic(?:_long|64)?_dec_and_test|atomic_dec_and_(?:lock|lock_irqsave|mutex_lock)|atomic_sub_and_test|wait_for_completion(?:_timeout|_interruptible|_killable)?|synchronize_(?:rcu|srcu|irq)|rcu_barrier|flush_work|cancel_work_sync|flush_delayed_work|cancel_delayed_work_sync|flush_workqueue|drain_workqueue|destroy_workqueue|del_timer_sync|timer_delete_sync|timer_shutdown_sync|hrtimer_cancel|kthread_stop|free_irq|devm_free_irq|tasklet_kill|wait_event|wait_event_timeout|kthread_flush_worker|kthread_cancel_work_sync|rdma_destroy_id|ib_destroy_cm_id)\b)\w++)*?(?:\b(?:kv?free|vfree|kfree_sensitive)\s*\(\s*\1\s*\)|\bkmem_cache_free\s*\([^;,]*,\s*\1\s*\))(?:[^\w\n]++|\n(?!\})|(?!(?:kref_put(?:_mutex|_lock)?|refcount_dec_and_(?:test|lock|lock_irqsave|mutex_lock)|atomic(?:_long|64)?_dec_and_test|atomic_dec_and_(?:lock|lock_irqsave|mutex_lock)|atomic_sub_and_test|wait_for_completion(?:_timeout|_interruptible|_killable)?|synchronize_(?:rcu|srcu|irq)|rcu_barrier|flush_work|cancel_work_sync|flush_delayed_work|cancel_delayed_work_sync|flush_workqueue|drain_workqueue|destroy_workqueue|del_timer_sync|timer_delete_sync|timer_shutdown_sync|hrtimer_cancel|kthread_stop|free_irq|devm_free_irq|tasklet_kill|wait_event|wait_event_timeout|kthread_flush_worker|kthread_cancel_work_sync|rdma_destroy_id|ib_destroy_cm_id)\b)\w++)*?\n\}

virtual facts

@initialize:python@
@@
import json
import re

SLEEPING = ("mutex_unlock", "up_write", "up_read", "rt_mutex_unlock")

# (file, function) -> {identifier: type}
types = {}
# (file, line, col) of a lock or unlock call -> struct type of its object
lock_types = {}
# file -> {key: set of functions that take it on an object they reached
# through another pointer}
reached = {}
# (file, function) of functions where a count decides the free
counted_fn = {}
# (file, function) of functions that unlink something
unlinks = set()
# file -> {struct type: how}
counted = {}
# frees already printed
printed = set()

def where(p):
    return (p.file, int(p.line), int(p.column))

def norm(e):
    s = " ".join(str(e).split())
    s = re.sub(r" ?(->|\.) ?", r"\1", s)
    s = re.sub(r" ?([\[\]\)]) ?", r"\1", s)
    s = re.sub(r"([\(\[&!~]) ", r"\1", s)
    s = re.sub(r"(\w) \(", r"\1(", s)
    return s

def note_type(p, r, t):
    types.setdefault((p.file, p.current_element), {})[str(r)] = str(t)

def struct_of(t):
    t = str(t).replace("*", "").strip()
    return t if t.startswith("struct ") else None

def field_key(p, lhs):
    m = re.match(r"^(\w+)((?:->|\.|\[).*)$", lhs)
    if not m:
        return None
    root, path = m.groups()
    t = types.get((p.file, p.current_element), {}).get(root)
    if not t or "struct" not in t:
        return None
    path = re.sub(r"\[[^\]]*\]", "[]", path)
    return t.replace("*", "").strip() + " " + path

def lock_key(p, x, lk):
    t = lock_types.get(where(p))
    if t:
        return t + " ->" + str(lk)
    return field_key(p, norm(x) + "->" + str(lk))

def quiet(p, key):
    """why a count already orders the free, or None"""
    fn = (p.file, p.current_element)
    if fn in counted_fn:
        return counted_fn[fn]
    t = key.split(" ->")[0] if key else None
    how = counted.get(p.file, {}).get(t)
    if how and fn in unlinks:
        return "unlinked, %s" % how
    return None

def strength(p, key):
    others = sorted(f for f in reached.get(p.file, {}).get(key, ())
                    if f != p.current_element)
    if others:
        return "strong", "also locked through another pointer in %s()" % \
            others[0]
    return "weak", "locked only by its owner in this file"

@counted_struct@
identifier S, m;
type T = {struct kref, refcount_t};
position ps;
@@
struct S@ps { ... T m; ... };

@script:python@
S << counted_struct.S;
T << counted_struct.T;
ps << counted_struct.ps;
@@
how = {"struct kref": "kref", "refcount_t": "refcount_t"}.get(
    " ".join(str(T).split()))
if how:
    counted.setdefault(ps[0].file, {}).setdefault("struct " + str(S), how)

// A count decides who frees.
@decides@
identifier dt = {kref_put, kref_put_mutex, kref_put_lock,
  refcount_dec_and_test, refcount_dec_and_lock, refcount_dec_and_lock_irqsave,
  refcount_dec_and_mutex_lock, atomic_dec_and_test, atomic_long_dec_and_test,
  atomic64_dec_and_test, atomic_dec_and_lock, atomic_dec_and_lock_irqsave,
  atomic_dec_and_mutex_lock, atomic_sub_and_test};
position p;
@@
dt@p(...)

@script:python@
dt << decides.dt;
p << decides.p;
@@
counted_fn.setdefault((p[0].file, p[0].current_element), str(dt) + "()")

// A wait before the free: the teardown already ordered itself against
// the other users (work items, timers, interrupts, RCU readers, threads,
// the event handlers of an RDMA or IB CM id, which its destroy waits for).
@waiter@
identifier w = {wait_for_completion, wait_for_completion_timeout,
  wait_for_completion_interruptible, wait_for_completion_killable,
  synchronize_rcu, synchronize_srcu, synchronize_irq, rcu_barrier,
  flush_work, cancel_work_sync, flush_delayed_work, cancel_delayed_work_sync,
  flush_workqueue, drain_workqueue, destroy_workqueue, del_timer_sync,
  timer_delete_sync, timer_shutdown_sync, hrtimer_cancel, kthread_stop,
  free_irq, devm_free_irq, tasklet_kill, wait_event, wait_event_timeout,
  kthread_flush_worker, kthread_cancel_work_sync, rdma_destroy_id,
  ib_destroy_cm_id};
position p;
@@
w@p(...)

@script:python@
w << waiter.w;
p << waiter.p;
@@
counted_fn.setdefault((p[0].file, p[0].current_element), "waits in %s()" % w)

@release_cb@
identifier f, k;
position p;
@@
f@p(..., struct kref *k, ...) {...}

@script:python@
f << release_cb.f;
p << release_cb.p;
@@
counted_fn[(p[0].file, str(f))] = "kref release callback"

@unlink@
identifier u = {list_del, list_del_init, list_del_rcu, hlist_del,
  hlist_del_init, hlist_del_rcu, hlist_del_init_rcu, rb_erase, idr_remove,
  xa_erase, xa_erase_irq, radix_tree_delete};
position p;
@@
u@p(...)

@script:python@
p << unlink.p;
@@
unlinks.add((p[0].file, p[0].current_element))

// The unlock, then the free of the object that holds the lock.
@uf exists@
identifier unlockf = {mutex_unlock, up_write, up_read, rt_mutex_unlock,
  spin_unlock, spin_unlock_irq, spin_unlock_bh, spin_unlock_irqrestore,
  raw_spin_unlock, raw_spin_unlock_irq, raw_spin_unlock_bh,
  raw_spin_unlock_irqrestore, write_unlock, write_unlock_irq,
  write_unlock_bh, write_unlock_irqrestore, read_unlock, read_unlock_irq,
  read_unlock_bh, read_unlock_irqrestore};
identifier relock = {mutex_lock, mutex_lock_nested, down_write, down_read,
  spin_lock, spin_lock_irq, spin_lock_bh, spin_lock_irqsave, raw_spin_lock,
  raw_spin_lock_irq, raw_spin_lock_irqsave, write_lock, write_lock_irq,
  write_lock_irqsave, read_lock, read_lock_irq, read_lock_irqsave};
identifier freef = {kfree, kvfree, vfree, kfree_sensitive};
expression x, E, C;
identifier lk;
position pu, pf;
@@
unlockf@pu(&x->lk, ...);
... when != x = E
    when != relock(&x->lk, ...)
(
freef@pf(x);
|
kmem_cache_free@pf(C, x);
)

// Every lock taken on the same field as an unlock before a free, and
// whether the object was reached through another pointer: only those can
// make a free's evidence strong. Inheriting the field, not the position,
// keeps this to one pass per field.
@locked@
identifier lockf = {mutex_lock, mutex_lock_nested, mutex_lock_io,
  mutex_lock_interruptible, mutex_lock_killable, mutex_trylock,
  down_write, down_read, down_write_nested, down_read_nested,
  down_write_killable, down_read_killable, down_write_trylock,
  down_read_trylock, rt_mutex_lock, spin_lock, spin_lock_irq, spin_lock_bh,
  spin_lock_irqsave, spin_lock_nested, raw_spin_lock, raw_spin_lock_irq,
  raw_spin_lock_bh, raw_spin_lock_irqsave, write_lock, write_lock_irq,
  write_lock_bh, write_lock_irqsave, read_lock, read_lock_irq, read_lock_bh,
  read_lock_irqsave};
expression x;
identifier uf.lk;
position pl;
@@
lockf@pl(&x->lk, ...)

@lockedty@
identifier locked.lockf, uf.lk;
position locked.pl;
type T;
T e;
@@
lockf@pl(&e->lk, ...)

@script:python@
pl << locked.pl;
T << lockedty.T;
@@
t = struct_of(T)
if t:
    lock_types[where(pl[0])] = t

@lockedroot@
identifier locked.lockf, uf.lk;
position locked.pl;
type T;
idexpression T r;
identifier a;
@@
(
lockf@pl(&r->lk, ...)
|
lockf@pl(&r->a->lk, ...)
|
lockf@pl(&r.a->lk, ...)
)

@script:python@
pl << locked.pl;
r << lockedroot.r;
T << lockedroot.T;
@@
note_type(pl[0], r, T)

@fromfield exists@
identifier locked.lockf, uf.lk, f;
expression locked.x, E;
position locked.pl;
@@
(
x = E->f
|
x = E.f
)
...
lockf@pl(&x->lk, ...)

@script:python@
x << locked.x;
lk << uf.lk;
pl << locked.pl;
@@
# &y->obj->lock: the object is reached through y
if "->" in norm(x) or "." in norm(x):
    key = lock_key(pl[0], x, lk)
    if key:
        reached.setdefault(pl[0].file, {}).setdefault(key, set()).add(
            pl[0].current_element)

@script:python@
x << locked.x;
lk << uf.lk;
pl << locked.pl;
f << fromfield.f;
@@
key = lock_key(pl[0], x, lk)
# a file's or a device's own handle is not another owner
if key and str(f) not in ("private_data", "driver_data", "priv"):
    reached.setdefault(pl[0].file, {}).setdefault(key, set()).add(
        pl[0].current_element)

@ufty@
identifier uf.unlockf, uf.lk;
position uf.pu;
type T;
T e;
@@
unlockf@pu(&e->lk, ...)

@script:python@
pu << uf.pu;
T << ufty.T;
@@
t = struct_of(T)
if t:
    lock_types[where(pu[0])] = t

@ufroot@
identifier uf.unlockf, uf.lk;
position uf.pu;
type T;
idexpression T r;
identifier a;
@@
(
unlockf@pu(&r->lk, ...)
|
unlockf@pu(&r->a->lk, ...)
|
unlockf@pu(&r.a->lk, ...)
)

@script:python@
pu << uf.pu;
r << ufroot.r;
T << ufroot.T;
@@
note_type(pu[0], r, T)

@ufname@
identifier freef;
position uf.pf;
@@
freef@pf(...)

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
