// SPDX-License-Identifier: GPL-2.0-only
/// The facts mode of `mmcheck scan`:
/// kthread_use_mm() and use_mm() uses, and everything the driver needs
/// to judge them across files: how the mm is held on each path, where it
/// comes from, wrappers, thread and work starts and their field tests.
/// It builds on the kernel rules of scripts/coccinelle/mm/use_mm_unheld.cocci,
/// included below; the driver writes that file in place of the include
/// line before it runs spatch (spatch resolves an include from its
/// working directory, which is the tree).
//
// Copyright: (C) 2026 The mmcheck authors.
// Keywords: use_mm, kthread_use_mm
// Options: --no-includes --include-headers
// Mmcheck: uses
// Comments: MMCHECK_WRAPPERS ("name:index,...") adds functions and macros
//  that pass their argument number index to kthread_use_mm();
//  MMCHECK_ONLY_WRAPPERS=1 looks at those alone.

#include "scripts/coccinelle/mm/use_mm_unheld.cocci"

virtual facts

@initialize:python@
@@
import json
import os

# MMCHECK_WRAPPERS ("name:index,..."): functions and macros that pass
# their argument number index to kthread_use_mm(); with
# MMCHECK_ONLY_WRAPPERS=1 the uses of those alone
for w in os.environ.get("MMCHECK_WRAPPERS", "").split(","):
    if ":" in w:
        name, idx = w.rsplit(":", 1)
        wrappers[name] = int(idx)
only_wrappers = os.environ.get("MMCHECK_ONLY_WRAPPERS") == "1"


@start_k depends on facts@
identifier U : script:python() { is_use_fn(U) };
identifier api = {kthread_create, kthread_run, kthread_create_on_node,
                  kthread_create_on_cpu, kthread_run_on_cpu};
position sp, up;
@@
api@sp(U@up, ...)

@start_w depends on facts@
identifier U : script:python() { is_use_fn(U) };
identifier api = {INIT_WORK, INIT_DELAYED_WORK, INIT_WORK_ONSTACK,
                  kthread_init_work, kthread_init_delayed_work};
expression w;
position sp, up;
@@
api@sp(w, U@up)

@script:python@
U << start_k.U;
api << start_k.api;
sp << start_k.sp;
up << start_k.up;
@@
starts.append((sp[0], str(U), str(api)))
start_args.add((up[0].file, int(up[0].line), int(up[0].column)))

@script:python@
U << start_w.U;
api << start_w.api;
sp << start_w.sp;
up << start_w.up;
@@
starts.append((sp[0], str(U), str(api)))
start_args.add((up[0].file, int(up[0].line), int(up[0].column)))

@gstatic depends on start_k || start_w@
identifier F;
type T;
position fp;
@@
static T F@fp(...) {...}

@script:python@
F << gstatic.F;
fp << gstatic.fp;
@@
static_defs.add((fp[0].file, str(F)))

@gref depends on start_k || start_w@
identifier F : script:python() { is_use_fn(F) or is_static_name(F) };
position rp;
@@
F@rp

@script:python@
F << gref.F;
rp << gref.rp;
@@
fn_refs.setdefault((rp[0].file, str(F)), set()).add(
    (int(rp[0].line), int(rp[0].column)))

@gcall depends on start_k || start_w@
identifier F : script:python() { is_static_name(F) };
position cp;
@@
F@cp(...)

@script:python@
F << gcall.F;
cp << gcall.cp;
@@
fn_calls.setdefault((cp[0].file, str(F)), []).append(
    (int(cp[0].line), int(cp[0].column), cp[0].current_element))

@gops depends on start_k || start_w@
identifier I, m;
identifier F : script:python() { is_static_name(F) };
type T;
position op;
@@
T I = { ..., .m = F@op, ... };

@script:python@
F << gops.F;
m << gops.m;
op << gops.op;
@@
ops_members.setdefault((op[0].file, str(F)), set()).add(
    (str(m), int(op[0].line), int(op[0].column)))

@gmember depends on start_k || start_w@
expression E;
identifier m : script:python() { is_member(m) };
position cp;
@@
(
E->m@cp(...)
|
E.m@cp(...)
)

@script:python@
m << gmember.m;
cp << gmember.cp;
@@
member_calls.setdefault((cp[0].file, str(m)), []).append(
    (int(cp[0].line), int(cp[0].column), cp[0].current_element))

@gif depends on start_k || start_w@
type T;
idexpression T r;
identifier gf;
statement S1, S2;
position ip, tp, ep;
@@
(
if@ip (r->gf) S1@tp else S2@ep
|
if@ip (r->gf) S1@tp
)

@script:python@
T << gif.T;
gf << gif.gf;
ip << gif.ip;
tp << gif.tp;
@@
k = guard_key(T, gf)
if k:
    guard_ifs.append((ip[0].file, ip[0].current_element, k, span(tp[0]),
                      None, int(ip[0].line)))

@script:python@
T << gif.T;
gf << gif.gf;
ip << gif.ip;
tp << gif.tp;
ep << gif.ep;
@@
k = guard_key(T, gf)
if k:
    guard_ifs.append((ip[0].file, ip[0].current_element, k, span(tp[0]),
                      span(ep[0]), int(ip[0].line)))

@gnot depends on start_k || start_w@
type T;
idexpression T r;
identifier gf;
statement S1, S2;
position ip, tp, ep;
@@
(
if@ip (!r->gf) S1@tp else S2@ep
|
if@ip (!r->gf) S1@tp
)

@script:python@
T << gnot.T;
gf << gnot.gf;
ip << gnot.ip;
tp << gnot.tp;
@@
k = guard_key(T, gf)
if k:
    guard_ifs.append((ip[0].file, ip[0].current_element, "!" + k,
                      span(tp[0]), None, int(ip[0].line)))

@script:python@
T << gnot.T;
gf << gnot.gf;
ip << gnot.ip;
tp << gnot.tp;
ep << gnot.ep;
@@
k = guard_key(T, gf)
if k:
    guard_ifs.append((ip[0].file, ip[0].current_element, "!" + k,
                      span(tp[0]), span(ep[0]), int(ip[0].line)))

// An early exit: after "if (!dev->use_worker) return ...;" the field holds.
@gexit depends on start_k || start_w@
type T;
idexpression T r;
identifier gf;
position ip;
@@
if@ip (!r->gf) \( return ...; \| return; \| { ... return ...; } \| { ... return; } \)

@script:python@
T << gexit.T;
gf << gexit.gf;
ip << gexit.ip;
@@
k = guard_key(T, gf)
if k:
    guard_exits.append((ip[0].file, ip[0].current_element, k,
                        int(ip[0].line), int(ip[0].column)))

@gexitnot depends on start_k || start_w@
type T;
idexpression T r;
identifier gf;
position ip;
@@
if@ip (r->gf) \( return ...; \| return; \| { ... return ...; } \| { ... return; } \)

@script:python@
T << gexitnot.T;
gf << gexitnot.gf;
ip << gexitnot.ip;
@@
k = guard_key(T, gf)
if k:
    guard_exits.append((ip[0].file, ip[0].current_element, "!" + k,
                        int(ip[0].line), int(ip[0].column)))

// One fact per start: the tests that hold at every path into it that this
// file shows, and whether the thread function may start elsewhere too.
@script:python depends on facts && (start_k || start_w)@
@@
for (sp, U, api) in starts:
    f = sp.file
    if U not in unheld_fn_names:
        continue
    g = local_guards(f, sp.current_element, int(sp.line), int(sp.column))
    for (k, v) in guards_in(f, sp.current_element, frozenset()).items():
        g.setdefault(k, v)
    escapes = (f, U) not in static_defs or any(
        (f,) + r not in start_args for r in fn_refs.get((f, U), set()))
    fact("start", sp, thread=U, api=api, guards=sorted(g),
         tested_at=sorted(set(g.values())), escapes=escapes)
del starts[:]

@script:python depends on facts@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << use.p;
@@
if is_use(p[0], fn, n, m, mm):
    fact("use", p[0], api=str(fn), mm=norm(mm), arg=int(n),
         key=field_key(p[0], mm))

@script:python depends on facts@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << use.p;
E << origin.E;
q << origin.q;
@@
if is_use(p[0], fn, n, m, mm) and \
   q[0].current_element == p[0].current_element and \
   int(q[0].line) < int(p[0].line):
    held = {}
    if where(p[0]) + (norm(mm),) in unheld_at and \
       norm(E) in copy_held(p[0], mm) and not failed_test(p[0], mm):
        held["held"] = True
    fact("origin", p[0], mm=norm(mm), origin=norm(E),
         origin_line=int(q[0].line), key=field_key(q[0], E), **held)

@script:python depends on facts@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << use.p;
f << param.f;
k << param.k;
x << param.x;
@@
if is_use(p[0], fn, n, m, mm) and str(x) == norm(mm):
    fact("wrapper", p[0], mm=norm(mm), wrapper=str(f), index=int(k),
         static=(p[0].file, str(f)) in static_funcs)

@script:python depends on facts@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << use.p;
M << mparam.M;
k << mparam.k;
x << mparam.x;
@@
if is_use(p[0], fn, n, m, mm) and str(x) == norm(mm):
    fact("wrapper", p[0], mm=norm(mm), wrapper=str(M), index=int(k),
         static=p[0].file.endswith(".c"))

@script:python depends on facts@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << use.p;
c << ucomment.c;
@@
text = lifetime_comment(c)
if is_use(p[0], fn, n, m, mm) and text:
    fact("comment", p[0], text=text)

@script:python depends on facts@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << use.p;
@@
if is_use(p[0], fn, n, m, mm):
    if really_unheld(p[0], mm):
        fact("unheld", p[0], reason="no-acquire")
    bad = failed_test(p[0], mm)
    if bad:
        fact("unheld", p[0], reason="failed-check", mm=bad[0],
             release_line=bad[1])

@script:python depends on facts@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << released.up;
q << released.q;
@@
if is_use(p[0], fn, n, m, mm):
    fact("unheld", p[0], reason="after-release", release_line=int(q[0].line))

@script:python depends on facts@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << put_in_use.up;
q << put_in_use.q;
@@
if is_use(p[0], fn, n, m, mm) and balance_checked(p[0], fn):
    fact("put-in-use", p[0], release_line=int(q[0].line))

@script:python depends on facts@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << no_unuse.up;
@@
if is_use(p[0], fn, n, m, mm) and balance_checked(p[0], fn):
    fact("no-unuse", p[0])

@script:python depends on facts@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << some_unuse.up;
@@
if is_use(p[0], fn, n, m, mm) and balance_checked(p[0], fn):
    fact("some-unuse", p[0])

@script:python depends on facts@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << no_put.up;
@@
if is_use(p[0], fn, n, m, mm) and balance_checked(p[0], fn):
    fact("no-put", p[0])

@script:python depends on facts@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << some_put.up;
@@
if is_use(p[0], fn, n, m, mm) and balance_checked(p[0], fn):
    fact("some-put", p[0])

@script:python depends on facts@
mm << ignored.mm;
q << ignored.q;
@@
fact("ignored-result", q[0], op="mmget_not_zero", mm=norm(mm))

@script:python depends on facts@
op << refop.op;
mm << refop.mm;
q << refop.q;
@@
fact("refop", q[0], op=str(op), mm=norm(mm))

@script:python depends on facts@
op << refret.op;
mm << refret.mm;
q << refret.q;
@@
fact("refop", q[0], op=str(op), mm=norm(mm))

// The kernel modes report what this one function shows.
