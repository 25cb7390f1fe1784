// SPDX-License-Identifier: GPL-2.0-only
/// The facts mode of `mmcheck scan`:
/// the decide and last-access sides of a lock embedded in an object that
/// cannot order the object's free, keyed by struct type and lock field.
/// It builds on the kernel rules of scripts/coccinelle/mm/unregister_race.cocci,
/// included below; the driver writes that file in place of the include
/// line before it runs spatch (spatch resolves an include from its
/// working directory, which is the tree).
//
// Copyright: (C) 2026 The mmcheck authors.
// Keywords: list_empty, hlist_empty, list_empty_careful, list_del, list_del_init, list_del_rcu, hlist_del, hlist_del_init, hlist_del_rcu, hlist_del_init_rcu
// Options: --no-includes --include-headers
// Mmcheck: locks
// Comments: with MMCHECK_ROUND=first, no lock-last-access facts.
// Mmcheck-regex: (?m)^[A-Za-z_][\w \t*]*?(?:\n[\w \t*]*?)?\b(?:(void)\s+(?:__\w+\s+)*)?(?:\w*_)?(?:unregister|destroy|remove|release|unbind|exit|fini|detach|shutdown|teardown|free|put|close|cleanup|delete|del|dealloc|kill)(?:_\w*)?\s*\([^;{]*\)\s*\{(?:[^\n]|\n(?!\}))*?\b(?:mutex_lock(?:_nested|_io)?|down_(?:write|read)(?:_nested)?|rt_mutex_lock|(?:raw_)?spin_lock(?:_irq|_bh|_irqsave|_nested)?|(?:write|read)_lock(?:_irq|_bh|_irqsave)?)\s*\(\s*&\s*((?:\w+(?:->|\.))*?\w+)->(\w+)\s*[,)](?:[^\n]|\n(?!\}))*?(?:\bif\s*\(\s*(?:(?:un)?likely\s*\(\s*)?(?:[^;{]*?\|\|\s*!\s*\bh?list_empty(?:_careful)?\s*\(\s*&\s*\2(?:->|\.)[\w.>\[\]-]*\s*\)|!\s*\bh?list_empty(?:_careful)?\s*\(\s*&\s*\2(?:->|\.)[\w.>\[\]-]*\s*\)(?:\s*\|\|[^;{]*?)?|\b\2->(?i:\w*(?:count|cnt|users|usage|openers|holders|waiters)\w*|\w*refs?\b|ref\w*|nr_\w*|\w*_nr\b|num\w*|\w*_num\b)(?:\s*(?:!=|>)\s*0)?|\batomic(?:64|_long)?_read\s*\(\s*&\s*\2->[\w.>\[\]-]*\s*\)(?:\s*(?:!=|>)\s*0)?)\s*\)?\s*\)\s*(?:return\b[^;]*;|goto\s+\w+\s*;|\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*?\b(?:return\b[^;]*|goto\s+\w+)\s*;\s*\})(?:[^\n]|\n(?!\}))*?\b(?:mutex_unlock|up_write|up_read|rt_mutex_unlock|(?:raw_)?spin_unlock(?:_irq|_bh|_irqrestore)?|(?:write|read)_unlock(?:_irq|_bh|_irqrestore)?)\s*\(\s*&\s*\2->\3\s*[,)](?(1)|(?:[^\n]|\n(?!\}))*?\breturn\s+0\s*;)|\bif\s*\(\s*(?:(?:un)?likely\s*\(\s*)?(?:\bh?list_empty(?:_careful)?\s*\(\s*&\s*\2(?:->|\.)[\w.>\[\]-]*\s*\)(?:\s*&&[^;{]*?)?|!\s*\b\2->(?i:\w*(?:count|cnt|users|usage|openers|holders|waiters)\w*|\w*refs?\b|ref\w*|nr_\w*|\w*_nr\b|num\w*|\w*_num\b)|\b\2->(?i:\w*(?:count|cnt|users|usage|openers|holders|waiters)\w*|\w*refs?\b|ref\w*|nr_\w*|\w*_nr\b|num\w*|\w*_num\b)\s*==\s*0|!\s*\batomic(?:64|_long)?_read\s*\(\s*&\s*\2->[\w.>\[\]-]*\s*\)|\batomic(?:64|_long)?_read\s*\(\s*&\s*\2->[\w.>\[\]-]*\s*\)\s*==\s*0)\s*\)?\s*\)\s*\{(?:[^{}]|\{[^{}]*\})*?\b(?:mutex_unlock|up_write|up_read|rt_mutex_unlock|(?:raw_)?spin_unlock(?:_irq|_bh|_irqrestore)?|(?:write|read)_unlock(?:_irq|_bh|_irqrestore)?)\s*\(\s*&\s*\2->\3\s*[,)][^{}]*?\breturn\s+0\s*;)
// Mmcheck-follow: lock-decide

#include "scripts/coccinelle/mm/unregister_race.cocci"

virtual facts

@initialize:python@
@@
import json
import os

# MMCHECK_ROUND=first: the driver's first round, no lock-last-access
first_round = os.environ.get("MMCHECK_ROUND") == "first"

@script:python depends on facts@
S << counted_struct.S;
T << counted_struct.T;
ps << counted_struct.ps;
@@
how = {"struct kref": "kref", "refcount_t": "refcount_t",
       "struct completion": "completion"}.get(" ".join(str(T).split()))
if how:
    print(json.dumps({"fact": "lock-ordered", "file": ps[0].file,
                      "line": int(ps[0].line), "col": int(ps[0].column) + 1,
                      "function": "", "key": "struct " + str(S),
                      "how": how}, sort_keys=True))

@script:python depends on facts@
pu << last.pu;
@@
for la in last_access.get(pu[0].file, []):
    if la[5] == where(pu[0]):
        fact("lock-last-access", pu[0], key=la[0], what=la[3],
             what_line=la[4])
        break

@script:python depends on facts@
x << decide.x;
lk << decide.lk;
lockf << locked.lockf;
pl << decide.pl;
pt << decide.pt;
pu << decide.pu;
@@
fn = pl[0].current_element
key = lock_key(pl[0], x, lk)
if key and is_decide(pu[0], fn) and where(pl[0]) not in printed:
    printed.add(where(pl[0]))
    w = waits.get((pl[0].file, fn), [])
    fact("lock-decide", pl[0], key=key, test=conds.get(where(pt[0]), ""),
         unlock_line=int(pu[0].line), test_line=int(pt[0].line),
         lock=str(lockf), waits=", ".join(sorted(set(w))))
    if w:
        fact("lock-ordered", pl[0], key=struct_name(key), how="waits",
             waits=", ".join(sorted(set(w))))
