// SPDX-License-Identifier: GPL-2.0-only
/// A lock embedded in an object cannot decide when that object may be
/// freed. The decide side takes obj->lock, finds the object idle (its list
/// empty, its count zero), drops the lock and returns success, so that its
/// caller frees the object. The last-access side takes the same lock
/// through another pointer, removes itself from the object's list (or
/// drops the count the decide side tests) and unlocks, touching the object
/// no more. The decide side can win the lock while the other side is still
/// inside mutex_unlock() or up_write(), which may touch the lock after
/// releasing it: the object is freed under the unlocker's feet.
/// The cure is a count of the object's own (kref, refcount_t) or a wait in
/// the decide side (wait_for_completion(), synchronize_srcu(), flush_work()).
//#
//# A decide side is a function that, under the lock, either bails out when
//# the object is busy (if (!list_empty(&obj->list)) return -EBUSY;, the
//# branch ending in a return or a goto) and then unlocks and returns 0, or
//# unlocks and returns 0 inside the branch that found it idle
//# (if (list_empty(&obj->list)) or if (!obj->count)). "ret = 0; ...
//# return ret;" is not recognised as success. A void function counts as
//# returning success in the first form only: returning early when idle is
//# having nothing to do. A plain field tested as a count must be named like
//# one (count, cnt, users, refs, nr_, num, ...): flags and pointers
//# (->is_bound, ->cdev) say nothing about users.
//# It must also have a teardown word in its name (unregister, destroy,
//# remove, release, free, put, unbind, exit, fini, detach, close, shutdown,
//# cleanup, ...; whole words between underscores) or a caller in the same
//# file that frees its argument: a
//# lookup that checks the list and returns an error is not a decide side.
//# In the second form the name must say that the object goes away
//# (unregister, destroy, remove, release, unbind, exit, fini, detach,
//# shutdown, teardown): try_to_free_chunks() returning 0 when there is
//# nothing to free decides nothing. A kref release callback is never a
//# decide side: the kref decided.
//# The kernel modes look at one file: they report a decide side only when
//# the same file also has a last-access side on the same struct and lock
//# field in another function, the struct has no kref, refcount_t or
//# completion member there, and the decide function does not wait.
//# `mmcheck scan` joins the two sides across files. Spinlocks and rwlocks
//# are reported as warnings: their unlock is a single release store on most
//# configurations. Locks taken with mutex_lock_interruptible() or trylock
//# are not followed. Only files that test or unlink a list are looked at:
//# a decide side that tests only a count is found only in such a file.
//#
// Confidence: Moderate
// Copyright: (C) 2026 The mmcheck authors.
// Comments: rule id unregister-race; `mmcheck explain unregister-race`.
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@initialize:python@
@@
import json
import re

# the driver sets it for its first round
first_round = False

SLEEPING = ("mutex_lock", "mutex_lock_nested", "mutex_lock_io",
            "down_write", "down_read", "down_write_nested",
            "down_read_nested", "rt_mutex_lock")

# words of a function name (hmm_device_unregister) that say the object
# goes away; whole words, so that btrfs_maybe_wake_unfinished_drop() or
# ceph_send_cap_releases() are not teardowns
STRICT_TEARDOWN = {"unregister", "destroy", "remove", "release", "unbind",
                   "exit", "fini", "detach", "shutdown", "teardown"}
TEARDOWN = STRICT_TEARDOWN | {"free", "put", "close", "cleanup", "delete",
                              "del", "dealloc", "kill"}

def named(fn, words):
    return bool(set(str(fn).lower().split("_")) & words)

# (file, function) -> {identifier: type}
types = {}
# (file, line, col) of a lock call -> struct type of its object, if known
lock_types = {}
# (file, function) -> names of the waiting calls in it
waits = {}
# file -> {struct type: how} of structs with a count of their own
counted = {}
# (file, function) of void functions
void_funcs = set()
# (file, line, col) of decide unlocks inside the branch that found it idle
idle_branch = set()
# (file, function) of kref release callbacks: the kref decided already
release_cbs = set()
# (file, function) of functions whose argument a caller of the file frees
freed_by_caller = set()
# (file, line, col) of an if -> its whole condition
conds = {}
# decide sites already printed
printed = set()
# (file, pu line, pu col) of decide sites that return success
succeeds = set()
# (file, pu line, pu col) of unlocks after which the object is touched
touched = set()
# file -> [(key, function, unlock line, what, what line)]
last_access = {}

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

def note_lock_type(pl, t):
    t = struct_of(t)
    if t:
        lock_types[where(pl)] = t

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

def lock_key(pl, x, lk):
    """struct hmm_device ->mutex: the object's type, then the lock field"""
    t = lock_types.get(where(pl))
    if t:
        return t + " ->" + str(lk)
    return field_key(pl, norm(x) + "->" + str(lk))

def struct_name(key):
    return key.split(" ->")[0] if key else None

def ordering(p, key, fn):
    """why the lock does not decide the free, or None"""
    t = struct_name(key)
    how = counted.get(p.file, {}).get(t)
    if how:
        return how
    if waits.get((p.file, fn)):
        return "waits"
    return None

def fact(kind, p, **kw):
    d = {"fact": kind, "file": p.file, "line": int(p.line),
         "col": int(p.column) + 1, "function": p.current_element}
    d.update(kw)
    print(json.dumps(d, sort_keys=True))

def is_decide(p, fn):
    if (p.file, fn) in release_cbs:
        return False
    # a void function that returns early when idle has nothing to do then:
    # it decided nothing
    if (p.file, fn) in void_funcs and where(p) in idle_branch:
        return False
    if (p.file, fn) not in void_funcs and where(p) not in succeeds:
        return False
    if (p.file, fn) in freed_by_caller:
        return True
    # "return 0 when idle" is also how "nothing to free" looks: there the
    # name must say that the object itself goes away
    if where(p) in idle_branch:
        return named(fn, STRICT_TEARDOWN)
    return named(fn, TEARDOWN)

def partner(p, key):
    """the last-access side of the same file on key, in another function"""
    for la in last_access.get(p.file, []):
        if la[0] == key and la[1] != p.current_element:
            return la
    return None

# a plain field tested as a count: its name must say so (flags and
# pointers such as ->is_bound or ->cdev decide nothing about users)
COUNTISH = re.compile(r"count|cnt|users|refs?$|^ref|^nr_|_nr$|^num|_num$|"
                      r"usage|openers|holders|waiters", re.I)

def countish(f):
    return bool(COUNTISH.search(str(f)))

// The lists and counts a decide side tests: spatch skips the files without
// a list test or unlink (the kernel modes need both sides in one file).
@anchor depends on context || org || report@
position pa;
@@
\(list_empty@pa\|hlist_empty@pa\|list_empty_careful@pa\|list_del@pa\|list_del_init@pa\|list_del_rcu@pa\|hlist_del@pa\|hlist_del_init@pa\|hlist_del_rcu@pa\|hlist_del_init_rcu@pa\)(...)

// With first_round set (mmcheck's first round) the rules that depend on
// this one do not run. It comes before the rules whose bindings others
// inherit: a script rule without metavariables forgets those above it.
@script:python full_round depends on anchor || !(context || org || report)@
@@
if first_round:
    cocci.include_match(False)

// Structs that carry a count of their own: the lock does not decide.
@counted_struct depends on anchor || !(context || org || report)@
identifier S, m;
type T = {struct kref, refcount_t, struct completion};
position ps;
@@
struct S@ps { ... T m; ... };

@script:python@
S << counted_struct.S;
T << counted_struct.T;
ps << counted_struct.ps;
@@
how = {"struct kref": "kref", "refcount_t": "refcount_t",
       "struct completion": "completion"}.get(" ".join(str(T).split()))
if how:
    counted.setdefault(ps[0].file, {}).setdefault("struct " + str(S), how)

@voidf depends on anchor || !(context || org || report)@
identifier f;
position p;
@@
void f@p(...) {...}

@script:python@
f << voidf.f;
p << voidf.p;
@@
void_funcs.add((p[0].file, str(f)))

@release_cb depends on anchor || !(context || org || report)@
identifier f, k;
position p;
@@
f@p(..., struct kref *k, ...) {...}

@script:python@
f << release_cb.f;
p << release_cb.p;
@@
release_cbs.add((p[0].file, str(f)))

// Calls that wait for the other side to be done.
@waiter depends on anchor || !(context || org || report)@
identifier w = {wait_for_completion, wait_for_completion_timeout,
  wait_for_completion_interruptible, wait_for_completion_killable,
  wait_for_completion_io, synchronize_srcu, synchronize_rcu,
  synchronize_srcu_expedited, synchronize_rcu_expedited, rcu_barrier,
  srcu_barrier, flush_work, cancel_work_sync, flush_workqueue,
  drain_workqueue, cancel_delayed_work_sync, flush_delayed_work,
  wait_event, wait_event_timeout, wait_event_interruptible,
  wait_var_event, kref_put, refcount_dec_and_test, kthread_stop,
  mmu_notifier_synchronize};
position pw;
@@
w@pw(...)

@script:python@
w << waiter.w;
pw << waiter.pw;
@@
waits.setdefault((pw[0].file, pw[0].current_element), []).append(str(w))

// Every lock function called here on a field of an object. The rules
// below inherit its name only, never a position: a rule is tried on every
// function of the file once per distinct binding it inherits, and a
// position apiece (hundreds of locks in a big driver) would multiply the
// work by the number of lock calls.
@locked depends on anchor || !(context || org || report)@
identifier lockf = {mutex_lock, mutex_lock_nested, mutex_lock_io,
  down_write, down_read, down_write_nested, down_read_nested,
  rt_mutex_lock, spin_lock, spin_lock_irq, spin_lock_bh, spin_lock_irqsave,
  spin_lock_nested, raw_spin_lock, raw_spin_lock_irq, raw_spin_lock_bh,
  raw_spin_lock_irqsave, write_lock, write_lock_irq, write_lock_bh,
  write_lock_irqsave, read_lock, read_lock_irq, read_lock_bh,
  read_lock_irqsave};
expression x;
identifier lk;
@@
lockf(&x->lk, ...)

// The decide side: under the lock, bail out when busy and unlock on the
// way to success, or unlock inside the branch that found the object idle.
@decide depends on anchor || !(context || org || report) exists@
identifier locked.lockf, lk, F;
identifier N : script:python() { countish(N) };
identifier l;
identifier unlockf = {mutex_unlock, up_write, up_read, rt_mutex_unlock,
  spin_unlock, spin_unlock_irq, spin_unlock_bh, spin_unlock_irqrestore,
  raw_spin_unlock, raw_spin_unlock_irq, raw_spin_unlock_bh,
  raw_spin_unlock_irqrestore, write_unlock, write_unlock_irq,
  write_unlock_bh, write_unlock_irqrestore, read_unlock, read_unlock_irq,
  read_unlock_bh, read_unlock_irqrestore};
identifier emptyf = {list_empty, hlist_empty, list_empty_careful};
identifier readf = {atomic_read, atomic_long_read, atomic64_read};
expression x, E;
position pl, pt, pu;
@@
lockf@pl(&x->lk, ...);
... when != unlockf(&x->lk, ...)
(
if@pt (\( !emptyf(&x->F) \| !emptyf(&x->F) || E \| E || !emptyf(&x->F) \|
         x->N \| x->N != 0 \| x->N > 0 \| readf(&x->F) \|
         readf(&x->F) != 0 \| readf(&x->F) > 0 \))
  \( return ...; \| { ... return ...; } \| goto l; \| { ... goto l; } \)
... when != unlockf(&x->lk, ...)
unlockf@pu(&x->lk, ...);
|
if@pt (\( emptyf(&x->F) \| emptyf(&x->F) && E \| !x->N \| x->N == 0 \|
         !readf(&x->F) \| readf(&x->F) == 0 \)) {
  ... when != unlockf(&x->lk, ...)
  unlockf@pu(&x->lk, ...);
  ...
}
)

// The object's type at the decide side's lock, when spatch knows it, and
// the type of the variable it is reached from. Typed only there: typing
// every lock of a big driver would cost more than all the rest.
@decide_ty depends on anchor || !(context || org || report)@
identifier lockf, decide.lk;
position decide.pl;
type T;
T e;
@@
lockf@pl(&e->lk, ...)

@script:python@
pl << decide.pl;
T << decide_ty.T;
@@
note_lock_type(pl[0], T)

@decide_root depends on anchor || !(context || org || report)@
identifier lockf, decide.lk;
position decide.pl;
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
pl << decide.pl;
r << decide_root.r;
T << decide_root.T;
@@
note_type(pl[0], r, T)

@decide_idle depends on anchor || !(context || org || report)@
identifier decide.unlockf;
position decide.pt, decide.pu;
expression E;
statement S;
@@
(
if@pt (E) { <+... unlockf@pu(...) ...+> } else S
|
if@pt (E) { <+... unlockf@pu(...) ...+> }
)

@script:python@
pu << decide.pu;
e << decide_idle.E;
@@
idle_branch.add(where(pu[0]))

@decide_ok depends on anchor || !(context || org || report) exists@
identifier decide.unlockf, decide.lk;
expression decide.x;
position decide.pu, pr;
@@
unlockf@pu(&x->lk, ...);
...
return@pr 0;

@script:python@
pu << decide.pu;
ok << decide_ok.pr;
@@
succeeds.add(where(pu[0]))

@decide_cond depends on anchor || !(context || org || report)@
position decide.pt;
expression C;
statement S1, S2;
@@
(
if@pt (C) S1 else S2
|
if@pt (C) S1
)

@script:python@
pt << decide.pt;
C << decide_cond.C;
@@
# isomorphisms bind C both with and without its "!": keep the whole test
c = norm(C)
if len(c) > len(conds.get(where(pt[0]), "")):
    conds[where(pt[0])] = c

// The function of each decide site, and a caller of the same file that
// frees what it passed to it.
@decide_fn depends on anchor || !(context || org || report)@
identifier f, decide.unlockf;
position decide.pu;
@@
f(...) { <+... unlockf@pu(...) ...+> }

@caller_frees depends on anchor || !(context || org || report) exists@
identifier decide_fn.f;
identifier freef = {kfree, kvfree, vfree, kfree_sensitive};
expression a, E;
position pf;
@@
(
f(a)
|
f(a, ...)
)
... when != a = E
(
freef@pf(a);
|
kmem_cache_free@pf(E, a);
)

@script:python@
f << decide_fn.f;
ok << caller_frees.pf;
@@
freed_by_caller.add((ok[0].file, str(f)))

// The last-access side: under the lock it takes through a pointer to the
// object, it removes an element from the object's list, or drops the
// object's count, and then unlocks.
// In mmcheck's first round only the decide sides are wanted: the rule
// and all that inherits from it are skipped (full_round).
@last depends on full_round exists@
identifier locked.lockf, lk, F;
identifier unlockf = {mutex_unlock, up_write, up_read, rt_mutex_unlock,
  spin_unlock, spin_unlock_irq, spin_unlock_bh, spin_unlock_irqrestore,
  raw_spin_unlock, raw_spin_unlock_irq, raw_spin_unlock_bh,
  raw_spin_unlock_irqrestore, write_unlock, write_unlock_irq,
  write_unlock_bh, write_unlock_irqrestore, read_unlock, read_unlock_irq,
  read_unlock_bh, read_unlock_irqrestore};
identifier delf = {list_del, list_del_init, list_del_rcu, hlist_del,
  hlist_del_init, hlist_del_rcu, hlist_del_init_rcu};
identifier decf = {atomic_dec, atomic_long_dec, atomic64_dec};
expression x, W, E;
position pl, pw, pu;
@@
lockf@pl(&x->lk, ...);
... when != unlockf(&x->lk, ...)
(
delf@pw(W);
|
x->F@pw--;
|
x->F@pw -= E;
|
--x->F@pw;
|
decf@pw(&x->F);
)
... when != unlockf(&x->lk, ...)
unlockf@pu(&x->lk, ...);

// The object's type at the last side's lock, when spatch knows it, and
// the type of the variable it is reached from. Typed only there: typing
// every lock of a big driver would cost more than all the rest.
@last_ty depends on anchor || !(context || org || report)@
identifier lockf, last.lk;
position last.pl;
type T;
T e;
@@
lockf@pl(&e->lk, ...)

@script:python@
pl << last.pl;
T << last_ty.T;
@@
note_lock_type(pl[0], T)

@last_root depends on anchor || !(context || org || report)@
identifier lockf, last.lk;
position last.pl;
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
pl << last.pl;
r << last_root.r;
T << last_root.T;
@@
note_type(pl[0], r, T)

// After that unlock the function touches the object again: not its last
// access. (Assigning the pointer itself is no access.)
@touch depends on anchor || !(context || org || report) exists@
identifier last.unlockf, last.lk;
expression last.x, E;
position last.pu, pt2;
@@
unlockf@pu(&x->lk, ...);
... when != x = E
(
x = E
|
x@pt2
)

@script:python@
pu << last.pu;
pt2 << touch.pt2;
@@
touched.add(where(pu[0]))

@last_what depends on anchor || !(context || org || report)@
identifier delf = {list_del, list_del_init, list_del_rcu, hlist_del,
  hlist_del_init, hlist_del_rcu, hlist_del_init_rcu};
position last.pw;
expression W;
@@
delf@pw(W)

@script:python@
x << last.x;
lk << last.lk;
pl << last.pl;
pu << last.pu;
pw << last.pw;
delf << last_what.delf;
W << last_what.W;
@@
w = norm(W)
# removing the object itself from another list is not a last access
if where(pu[0]) not in touched and not w.startswith("&" + norm(x) + "->"):
    key = lock_key(pl[0], x, lk)
    if key:
        last_access.setdefault(pu[0].file, []).append(
            (key, pu[0].current_element, int(pu[0].line),
             "%s(%s)" % (delf, w), int(pw[0].line), where(pu[0]), pu))

@last_dec depends on anchor || !(context || org || report)@
identifier decf = {atomic_dec, atomic_long_dec, atomic64_dec};
position last.pw;
@@
decf@pw(...)

@script:python@
x << last.x;
lk << last.lk;
pl << last.pl;
pu << last.pu;
pw << last.pw;
F << last.F;
@@
if where(pu[0]) not in touched:
    key = lock_key(pl[0], x, lk)
    if key:
        last_access.setdefault(pu[0].file, []).append(
            (key, pu[0].current_element, int(pu[0].line),
             "%s->%s--" % (norm(x), F), int(pw[0].line), where(pu[0]), pu))

@script:python@
pu << last.pu;
pw << last.pw;
decf << last_dec.decf;
@@
# the count was dropped with atomic_dec(): say so
for i, la in enumerate(last_access.get(pu[0].file, [])):
    if la[5] == where(pu[0]) and la[4] == int(pw[0].line):
        m = re.match(r"^(.*)--$", la[3])
        if m:
            last_access[pu[0].file][i] = la[:3] + (
                "%s(&%s)" % (decf, m.group(1)),) + la[4:]

@script:python depends on report@
x << decide.x;
lk << decide.lk;
lockf << locked.lockf;
pl << decide.pl;
pu << decide.pu;
@@
fn = pl[0].current_element
key = lock_key(pl[0], x, lk)
la = partner(pl[0], key) if key else None
if la and is_decide(pu[0], fn) and not ordering(pl[0], key, fn):
    level = "ERROR" if str(lockf) in SLEEPING else "WARNING"
    coccilib.report.print_report(pl[0],
        "%s: %s() decides %s is idle under ->%s while %s() may still be "
        "unlocking it at %s:%d: the lock cannot order the free "
        "[unregister-race]"
        % (level, fn, struct_name(key), lk, la[1], pl[0].file, la[2]))

@script:python depends on org@
x << decide.x;
lk << decide.lk;
pl << decide.pl;
pu << decide.pu;
@@
fn = pl[0].current_element
key = lock_key(pl[0], x, lk)
la = partner(pl[0], key) if key else None
if la and is_decide(pu[0], fn) and not ordering(pl[0], key, fn):
    cocci.print_main("%s() decides %s is idle under ->%s" %
                     (fn, struct_name(key), lk), pl)
    cocci.print_secs("%s() unlocks it last" % la[1], la[6])

@script:python reported depends on context@
x << decide.x;
lk << decide.lk;
pl << decide.pl;
pu << decide.pu;
@@
fn = pl[0].current_element
key = lock_key(pl[0], x, lk)
la = partner(pl[0], key) if key else None
if not (la and is_decide(pu[0], fn) and not ordering(pl[0], key, fn)):
    cocci.include_match(False)

@depends on context && reported@
identifier locked.lockf;
position decide.pl;
@@
* lockf@pl(...)
