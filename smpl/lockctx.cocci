// SPDX-License-Identifier: GPL-2.0-only
/// Facts for the lock family's join (mmcheck scan only, no kernel modes):
/// who else takes a lock, in what context that code runs, and what the
/// freeing side waits for before the free.
//#
//# ctx-lock: a lock call on &E->f with E of a known struct type, keyed
//# like the lock patches ("struct T ->f").
//# ctx-calls: per function, the functions it calls (and the release
//# functions of its kref_put() calls), each with the line of its first
//# call: the driver walks this call graph up from the other
//# users of a lock and from the freeing function.
//# ctx-entry: code started in another context: a work item
//# (INIT_WORK() and the like), a timer, a kthread, an interrupt handler,
//# a member of an ops struct initializer (.release = fn), a sysfs
//# attribute (a struct device_attribute * or kobj_attribute * parameter),
//# a seq_file show (debugfs, procfs).
//# ctx-quiesce: a call that waits for such a context or removes it
//# (cancel_work_sync(), del_timer_sync(), kthread_stop(), free_irq(),
//# an unregister, debugfs_remove(), a sysfs group removal,
//# synchronize_*()), with its argument.
//# ctx-static: a static function (its callers are all in its file).
//# ctx-alloc: the function allocates an object of a struct type into a
//# local: a free of it in the same function is an error path before the
//# object was published.
//# For the live family's owner context: a call through a pointer member
//# (e->set(...)) is a callee "->set" in ctx-calls; a function of the file
//# stored into a member (e->set = fn) is a ctx-entry of kind "ptr";
//# ctx-owner: an if that bails out when X->mm is not current->mm (the
//# code after it runs in the mm's owner); ctx-held: a call made between
//# an mm_users acquisition on M and its mmput(M) (the callee runs with M
//# held).
//#
// Confidence: Moderate
// Copyright: (C) 2026 The mmcheck authors.
// Comments: driver-only facts; see docs/verdicts.md.
// Keywords: mutex_lock, down_read, down_write, spin_lock, spin_lock_irqsave, spin_lock_irq, spin_lock_bh
// Options: --no-includes --include-headers
// Mmcheck: lockctx

virtual facts

@initialize:python@
@@
import json
import re

# (file, function) -> {callee: (line, col) of its first call}
calls = {}
# (file, function, member, fn, line, col) of e->member = fn
stored = []
# (file, function) of the static functions
statics = set()

def norm(e):
    s = " ".join(str(e).split())
    s = re.sub(r" ?(->|\.) ?", r"\1", s)
    return re.sub(r"([&*!]) ", r"\1", s)

def struct_of(t):
    t = str(t).replace("*", "").strip()
    t = re.sub(r"^const ", "", t)
    return t if t.startswith("struct ") else None

def fact(kind, p, **kw):
    d = {"fact": kind, "file": p.file, "line": int(p.line),
         "col": int(p.column) + 1, "function": p.current_element}
    d.update(kw)
    print(json.dumps(d, sort_keys=True))

@lock@
identifier lockf = {mutex_lock, mutex_lock_nested, mutex_lock_io,
  mutex_lock_interruptible, mutex_lock_killable, mutex_trylock,
  down_write, down_read, down_write_nested, down_read_nested,
  down_write_killable, down_read_killable, down_read_interruptible,
  down_write_trylock, down_read_trylock, rt_mutex_lock, spin_lock,
  spin_lock_irq, spin_lock_bh, spin_lock_irqsave, spin_lock_nested,
  raw_spin_lock, raw_spin_lock_irq, raw_spin_lock_bh, raw_spin_lock_irqsave,
  write_lock, write_lock_irq, write_lock_bh, write_lock_irqsave, read_lock,
  read_lock_irq, read_lock_bh, read_lock_irqsave};
identifier lk;
type T;
T e;
position p;
@@
lockf@p(&e->lk, ...)

@script:python@
lockf << lock.lockf;
lk << lock.lk;
T << lock.T;
p << lock.p;
@@
t = struct_of(T)
if t:
    fact("ctx-lock", p[0], key=t + " ->" + str(lk), op=str(lockf))

// The same through one more pointer: &adap->tc_mqprio->mqprio_mutex is
// "struct adapter ->tc_mqprio->mqprio_mutex", as the lock patches key it.
@lock2@
identifier lockf = {mutex_lock, mutex_lock_nested, mutex_lock_io,
  mutex_lock_interruptible, mutex_lock_killable, mutex_trylock,
  down_write, down_read, down_write_nested, down_read_nested,
  down_write_killable, down_read_killable, down_read_interruptible,
  down_write_trylock, down_read_trylock, rt_mutex_lock, spin_lock,
  spin_lock_irq, spin_lock_bh, spin_lock_irqsave, spin_lock_nested,
  raw_spin_lock, raw_spin_lock_irq, raw_spin_lock_bh, raw_spin_lock_irqsave,
  write_lock, write_lock_irq, write_lock_bh, write_lock_irqsave, read_lock,
  read_lock_irq, read_lock_bh, read_lock_irqsave};
identifier a, lk;
type T;
T e;
position p;
@@
lockf@p(&e->a->lk, ...)

@script:python@
lockf << lock2.lockf;
a << lock2.a;
lk << lock2.lk;
T << lock2.T;
p << lock2.p;
@@
t = struct_of(T)
if t:
    fact("ctx-lock", p[0], key=t + " ->" + str(a) + "->" + str(lk),
         op=str(lockf))

// The quiescing calls, matched by a regex (PCRE) rather than a Python
// test: the test ran once per call of every file, about a tenth of the
// patch's time. Any synchronize_*() is one, and so is any name with the
// word unregister or deregister. A call with no argument has expr "".
@quiesce@
identifier q =~ "^(cancel_delayed_work_sync|cancel_work_sync|cdev_del|cdev_device_del|debugfs_lookup_and_remove|debugfs_remove|debugfs_remove_recursive|del_gendisk|del_timer_sync|destroy_workqueue|device_del|device_remove_file|device_remove_group|device_remove_groups|devm_free_irq|drain_workqueue|flush_delayed_work|flush_work|flush_workqueue|free_irq|hrtimer_cancel|kthread_cancel_work_sync|kthread_flush_worker|kthread_stop|kthread_stop_put|proc_remove|rcu_barrier|remove_proc_entry|sysfs_remove_file|sysfs_remove_group|sysfs_remove_groups|tasklet_kill|timer_delete_sync|timer_shutdown_sync|synchronize_[a-z0-9_]*)$|(^|_)(unregister|deregister)(_|$)";
expression a;
position p;
@@
(
q@p(a, ...)
|
q@p()
)

@script:python@
q << quiesce.q;
a << quiesce.a = "";
p << quiesce.p;
@@
fact("ctx-quiesce", p[0], call=str(q), expr=norm(a))

@call@
identifier g;
position p;
@@
g@p(...)

@script:python@
g << call.g;
p << call.p;
@@
fn = (p[0].file, p[0].current_element)
seen = calls.setdefault(fn, {})
if str(g) != fn[1] and str(g) not in seen:
    seen[str(g)] = (int(p[0].line), int(p[0].column) + 1)

// A call through a pointer member: the callee "->f", which the driver
// joins with the functions stored into a member f.
@pcall@
expression e;
identifier f;
position p;
@@
(
e->f@p(...)
|
e.f@p(...)
)

@script:python@
f << pcall.f;
p << pcall.p;
@@
fn = (p[0].file, p[0].current_element)
seen = calls.setdefault(fn, {})
if "->" + str(f) not in seen:
    seen["->" + str(f)] = (int(p[0].line), int(p[0].column) + 1)

@pstore@
expression e;
identifier f, fn;
position p;
@@
(
e->f = fn@p
|
e.f = fn@p
)

@script:python@
f << pstore.f;
fn << pstore.fn;
p << pstore.p;
@@
stored.append((p[0].file, p[0].current_element, str(f), str(fn),
               int(p[0].line), int(p[0].column) + 1))

// The owner's door: code after "if (X->mm != current->mm) return ...;"
// runs in the process whose mm it is (KVM's VM and vCPU ioctls).
@owner@
expression e, c;
position p;
@@
(
if@p (<+... e->mm != c ...+>) return ...;
|
if@p (<+... c != e->mm ...+>) return ...;
|
if@p (<+... e->mm != c ...+>) { ... return ...; }
|
if@p (<+... c != e->mm ...+>) { ... return ...; }
)

@script:python@
e << owner.e;
c << owner.c;
p << owner.p;
@@
if norm(c) == "current->mm":
    fact("ctx-owner", p[0], expr=norm(e) + "->mm")

// A call with mm_users held on M: after mmget(M) or mmget_not_zero(M),
// before mmput(M), on some path (the callee's caller-held evidence).
@held exists@
expression M, E;
identifier g;
identifier acq = {mmget_not_zero, mmget};
position p1, p;
@@
acq@p1(M)
... when != mmput(M)
    when != mmput_async(M)
    when != M = E
g@p(...)
... when != M = E
(
mmput(M)
|
mmput_async(M)
)

@script:python@
M << held.M;
acq << held.acq;
g << held.g;
p << held.p;
p1 << held.p1;
@@
if str(g) not in ("mmput", "mmput_async", "mmget", "mmget_not_zero"):
    fact("ctx-held", p[0], callee=str(g), expr=norm(M), op=str(acq),
         acquired=int(p1[0].line))

// A static function: with no caller in its file, it runs only where a
// table or a registration of the file puts it.
@stat@
identifier fn;
type T;
position p;
@@
static T fn@p(...) { ... }

@script:python@
fn << stat.fn;
p << stat.p;
@@
statics.add((p[0].file, str(fn)))
fact("ctx-static", p[0])

// A kref's release runs in the put that drops the last reference: for
// the call graph, the put calls it.
@put@
identifier putf = {kref_put, kref_put_mutex, kref_put_lock};
expression k;
identifier fn;
position p;
@@
putf@p(k, fn, ...)

@script:python@
fn << put.fn;
p << put.p;
@@
seen = calls.setdefault((p[0].file, p[0].current_element), {})
if str(fn) not in seen:
    seen[str(fn)] = (int(p[0].line), int(p[0].column) + 1)

@work@
identifier init = {INIT_WORK, INIT_DELAYED_WORK, INIT_RCU_WORK,
  INIT_WORK_ONSTACK, INIT_DEFERRABLE_WORK, kthread_init_work,
  kthread_init_delayed_work, timer_setup, hrtimer_setup, tasklet_setup,
  tasklet_init};
expression w;
identifier fn;
position p;
@@
init@p(w, fn, ...)

@script:python@
init << work.init;
w << work.w;
fn << work.fn;
p << work.p;
@@
how = "timer" if "timer" in str(init) else \
      "tasklet" if "tasklet" in str(init) else "work"
fact("ctx-entry", p[0], target=str(fn), how=how, via=str(init), expr=norm(w))

@thread@
identifier start = {kthread_run, kthread_create, kthread_create_on_node,
  kthread_run_on_cpu, kthread_create_on_cpu};
identifier fn;
position p;
@@
start@p(fn, ...)

@script:python@
start << thread.start;
fn << thread.fn;
p << thread.p;
@@
fact("ctx-entry", p[0], target=str(fn), how="kthread", via=str(start), expr="")

@irq@
identifier req = {request_irq, request_threaded_irq, request_any_context_irq,
  devm_request_irq, devm_request_threaded_irq};
expression i, d;
identifier fn;
position p;
@@
(
req@p(i, fn, ...)
|
req@p(d, i, fn, ...)
)

@script:python@
req << irq.req;
fn << irq.fn;
p << irq.p;
@@
fact("ctx-entry", p[0], target=str(fn), how="irq", via=str(req), expr="")

// A wait queue callback (an eventfd's irqfd_wakeup): it runs in whoever
// wakes the queue, another process or an interrupt.
@wakeup@
expression w;
identifier fn;
position p;
@@
init_waitqueue_func_entry@p(w, fn)

@script:python@
w << wakeup.w;
fn << wakeup.fn;
p << wakeup.p;
@@
fact("ctx-entry", p[0], target=str(fn), how="wakeup",
     via="init_waitqueue_func_entry", expr=norm(w))

@ops@
identifier S, v, m, fn;
position p;
@@
struct S v = { ..., .m = fn@p, ... };

@script:python@
S << ops.S;
v << ops.v;
m << ops.m;
fn << ops.fn;
p << ops.p;
@@
fact("ctx-entry", p[0], target=str(fn), how="ops", via="struct " + str(S),
     expr=str(m), var=str(v))

@attr0@
identifier fn, a;
position p;
@@
fn@p(..., struct device_attribute *a, ...) { ... }

@script:python@
fn << attr0.fn;
p << attr0.p;
@@
fact("ctx-entry", p[0], target=str(fn), how="sysfs", via="struct device_attribute *", expr="")

@attr1@
identifier fn, a;
position p;
@@
fn@p(..., struct kobj_attribute *a, ...) { ... }

@script:python@
fn << attr1.fn;
p << attr1.p;
@@
fact("ctx-entry", p[0], target=str(fn), how="sysfs", via="struct kobj_attribute *", expr="")

@attr2@
identifier fn, a;
position p;
@@
fn@p(..., struct seq_file *a, ...) { ... }

@script:python@
fn << attr2.fn;
p << attr2.p;
@@
fact("ctx-entry", p[0], target=str(fn), how="seq", via="struct seq_file *", expr="")

@alloc@
identifier af = {kzalloc, kmalloc, kcalloc, kvzalloc, kvmalloc, kvcalloc,
  vzalloc, vmalloc, kmem_cache_alloc, kmem_cache_zalloc, kzalloc_node,
  kmalloc_node, kzalloc_obj, kmemdup};
type T;
T x;
position p;
@@
x@p = af(...)

@script:python@
x << alloc.x;
T << alloc.T;
af << alloc.af;
p << alloc.p;
@@
t = struct_of(T)
if t:
    fact("ctx-alloc", p[0], key=t, var=norm(x), alloc=str(af))

// One ctx-calls fact per function: its callees, each with the line of
// its first call (the call graph, joined by name in the driver).
@finalize:python@
@@
defined = set(calls) | statics
for file, fn, member, target, line, col in stored:
    if (file, target) in defined:
        print(json.dumps({"fact": "ctx-entry", "file": file, "line": line,
                          "col": col, "function": fn, "target": target,
                          "how": "ptr", "via": "->" + member,
                          "expr": member}, sort_keys=True))
for (file, fn), seen in sorted(calls.items()):
    names = sorted(seen, key=lambda n: seen[n])
    if not names:
        continue
    line, col = seen[names[0]]
    print(json.dumps({"fact": "ctx-calls", "file": file, "line": line,
                      "col": col, "function": fn, "callees": names,
                      "lines": [seen[n][0] for n in names]},
                     sort_keys=True))
