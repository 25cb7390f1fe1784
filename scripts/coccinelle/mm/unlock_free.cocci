// SPDX-License-Identifier: GPL-2.0-only
/// An object freed right after the unlock of a lock that lives inside it:
/// mutex_unlock(&x->lock); ... kfree(x). Taking and dropping x->lock does
/// not make the caller the object's last user: another thread may be
/// waiting for x->lock, or still inside its own mutex_unlock() or
/// up_write(), which may touch the lock after releasing it. Only a count of
/// the object's own (kref, refcount_t), or making the object unreachable
/// and waiting for its users, orders the free.
//#
//# Frees handled: kfree(), kvfree(), vfree(), kfree_sensitive() and
//# kmem_cache_free(cache, x); frees through a driver's own *_free()
//# helpers are not followed. Quiet when a count already says the caller is
//# the last user: the function calls kref_put(), refcount_dec_and_test(),
//# atomic_dec_and_test() or a *_dec_and_lock() variant, or it is a kref
//# release callback (a struct kref * parameter), or the struct has a kref
//# or refcount_t member and the function unlinks the object (list_del(),
//# hlist_del(), rb_erase(), idr_remove(), xa_erase()) before freeing it.
//# Quiet as well when the function waits for the other users first
//# (cancel_work_sync(), del_timer_sync(), free_irq(), synchronize_rcu(),
//# wait_for_completion(), kthread_stop(), ...): a teardown that already
//# ordered itself.
//# Evidence is "strong" when another function of the same file takes the
//# same lock on an object it reached through another pointer (x =
//# y->field; lock(&x->lock); a file's ->private_data does not count): that
//# side can be in the lock or the unlock at the time of the free.
//# Otherwise it is "weak": the lock is only taken by the object's owner,
//# and the unlock-then-free is usually a teardown of an object nobody else
//# can reach any more. The kernel modes report strong frees after a
//# sleeping lock (mutex, rwsem) only, as warnings. On Linux 6.12 even
//# those were nearly all teardowns ordered by means this patch cannot see
//# (a closed file, an unregistered device, a destroyed rdma id): read them
//# as questions.
//#
// Confidence: Low
// Copyright: (C) 2026 The mmcheck authors.
// Comments: rule id unlock-free; `mmcheck explain unlock-free`.
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@initialize:python@
@@
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

// The frees this rule is about: spatch skips the files without them.
@anchor@
position pa;
@@
\(kfree@pa\|kvfree@pa\|vfree@pa\|kfree_sensitive@pa\|kmem_cache_free@pa\)(...)

// The kernel modes report frees after a sleeping lock's unlock only: they
// skip the files without one.
@sleeping depends on context || org || report@
@@
\(mutex_unlock\|up_write\|up_read\|rt_mutex_unlock\)(...)

@counted_struct depends on anchor && (sleeping || !(context || org || report))@
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
@decides depends on anchor && (sleeping || !(context || org || report))@
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
@waiter depends on anchor && (sleeping || !(context || org || report))@
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

@release_cb depends on anchor && (sleeping || !(context || org || report))@
identifier f, k;
position p;
@@
f@p(..., struct kref *k, ...) {...}

@script:python@
f << release_cb.f;
p << release_cb.p;
@@
counted_fn[(p[0].file, str(f))] = "kref release callback"

@unlink depends on anchor && (sleeping || !(context || org || report))@
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
@uf depends on anchor && (sleeping || !(context || org || report)) exists@
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

@script:python depends on report@
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
    if s == "strong" and str(unlockf) in SLEEPING:
        arg = ("..., " if str(freef) == "kmem_cache_free" else "") + norm(x)
        coccilib.report.print_report(pf[0],
            "WARNING: %s(%s) right after %s(&%s->%s) on line %s: a lock "
            "inside the object cannot order its free (%s) [unlock-free]"
            % (freef, arg, unlockf, norm(x), lk, pu[0].line, why))

@script:python depends on org@
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
    if s == "strong" and str(unlockf) in SLEEPING:
        cocci.print_main("%s(%s) after %s() (%s)" %
                         (freef, norm(x), unlockf, s), pf)
        cocci.print_secs("%s()" % unlockf, pu)

@script:python reported depends on context@
unlockf << uf.unlockf;
x << uf.x;
lk << uf.lk;
pu << uf.pu;
pf << uf.pf;
@@
key = lock_key(pu[0], x, lk)
s = strength(pf[0], key)[0] if key else None
if not key or quiet(pf[0], key) or \
   not (s == "strong" and str(unlockf) in SLEEPING):
    cocci.include_match(False)

@depends on context && reported@
identifier uf.unlockf;
position uf.pu;
@@
* unlockf@pu(...)

@depends on context && reported@
identifier ufname.freef;
position uf.pf;
@@
* freef@pf(...)
