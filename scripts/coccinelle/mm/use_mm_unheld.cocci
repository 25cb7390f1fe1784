// SPDX-License-Identifier: GPL-2.0-only
/// kthread_use_mm() and use_mm() need an mm that keeps its page tables for
/// the whole use, which only an mm_users reference guarantees: mmget(), a
/// checked mmget_not_zero(), get_task_mm() or mm_alloc() (mm_access() too).
/// mmgrab() keeps only the struct mm_struct. This finds the uses with no such
/// reference taken on every path to them inside the same function, the
/// uses reached after the reference was already dropped with mmput() or
/// after an mmget_not_zero() whose result is ignored, the mmput() that runs
/// while the mm is still in use, and the paths out of the function that
/// leave the mm in use or leak the reference taken for it.
/// On the architectures that skip remote TLB flushes while mm_users == 1 a
/// borrowed mm without its own mm_users reference is a silent TLB bug.
//#
//# The check stays inside one function. An mm held by the caller or through
//# a struct field filled by get_task_mm() (the vhost model) is reported here
//# too, as a warning: check where the mm comes from (`mmcheck scan` follows
//# it through struct fields, wrappers and macros). A checked
//# mmget_not_zero() counts as held on every path through its test; a use
//# inside its failure branch, tested directly or through a flag that keeps
//# its result (fault = !mmget_not_zero(mm); if (fault) ...), is reported
//# as mmget-unchecked, but a failure branch that falls through to a use
//# after it is not seen. A copy of the mm (cur = mm, in the success branch
//# or before the test) is held where the mm it copies is held at the use.
//# A use that relies on another lifetime guarantee should say so in a
//# comment above the call. In the facts mode, the starts of a thread or
//# work function that holds a use (kthread_create(), INIT_WORK(), ...)
//# are facts too, with the field tests that hold at every path into them
//# in this file, for the driver to match with the tests around the stores
//# of the used field.
//#
// Confidence: Moderate
// Copyright: (C) 2026 The mmcheck authors.
// Comments: rule ids use-mm-unheld, use-mm-after-put, mmget-unchecked,
//  use-mm-put-before-unuse, use-mm-unbalanced, use-mm-ref-leak;
//  `mmcheck explain RULE-ID`
//  prints each one's catalogue entry. In the facts mode the environment
//  variable MMCHECK_WRAPPERS ("name:index,...") adds functions and macros
//  that pass their argument number index to kthread_use_mm(), and
//  MMCHECK_ONLY_WRAPPERS=1 looks at those alone.
// Keywords: use_mm, kthread_use_mm
// Options: --no-includes --include-headers
// Mmcheck: uses

virtual context
virtual org
virtual report
virtual facts

@initialize:python@
@@
import json
import os
import re

API = ("use_mm", "kthread_use_mm")

# Wrappers found by the driver: name -> index of the mm argument.
wrappers = {}
for w in os.environ.get("MMCHECK_WRAPPERS", "").split(","):
    if ":" in w:
        name, idx = w.rsplit(":", 1)
        wrappers[name] = int(idx)
only_wrappers = os.environ.get("MMCHECK_ONLY_WRAPPERS") == "1"

# (file, name) pairs where the file defines its own use_mm or
# kthread_use_mm with another signature: calls there are not the mm API.
local_defs = set()

# (file, line, col) of a use inside a #define body -> the macro's name
in_macro = {}

# (file, line, col, mm) of the bindings of rule use that are real uses
valid = set()

# (file, function) -> {identifier: type}, for the roots of field accesses
types = {}

# (file, name) of static functions: a static wrapper is called from its file
static_funcs = set()

# uses under an if, and uses in macros: no balance checks there
conditional = set()

def balance_checked(p, fn):
    return str(fn) in API and where(p) not in conditional and \
        where(p) not in in_macro

def where(p):
    return (p.file, int(p.line), int(p.column))

def fact(kind, p, **kw):
    d = {"fact": kind, "file": p.file, "line": int(p.line),
         "col": int(p.column) + 1, "function": p.current_element}
    if where(p) in in_macro:
        d["function"] = in_macro[where(p)]
        d["macro"] = True
    d.update(kw)
    print(json.dumps(d, sort_keys=True))

def norm(e):
    # "kvm -> mm" becomes "kvm->mm", as the source writes it
    s = " ".join(str(e).split())
    s = re.sub(r" ?(->|\.) ?", r"\1", s)
    s = re.sub(r" ?([\[\]\)]) ?", r"\1", s)
    s = re.sub(r"([\(\[&!~]) ", r"\1", s)
    s = re.sub(r"(\w) \(", r"\1(", s)
    return s

def is_target(fn):
    if fn in API:
        return not only_wrappers
    return fn in wrappers

def is_use(p, fn, n, m, mm):
    key = where(p) + (norm(mm),)
    return key in valid

def note_type(p, r, t):
    types.setdefault((p.file, p.current_element), {})[str(r)] = str(t)

def field_key(p, e):
    # "snap->snap[i].mm" with snap a "struct xe_vm_snapshot *" gives
    # "struct xe_vm_snapshot ->snap[].mm": struct type, then field path
    m = re.match(r"^(\w+)((?:->|\.|\[).*)$", norm(e))
    if not m:
        return None
    root, path = m.groups()
    t = types.get((p.file, p.current_element), {}).get(root)
    if not t or "struct" not in t:
        return None
    path = re.sub(r"\[[^\]]*\]", "[]", path)
    if not re.search(r"(->|\.)\w+$", path):
        return None
    return t.replace("*", "").strip() + " " + path

LIFETIME = re.compile(r"lifetime|alive|refcount|reference|mm_users|mmget|"
                      r"mmput|teardown|tear down|outliv|serializ|exit_aio|"
                      r"\baio\b|iocb|notifier|\brelease|pinned|valid", re.I)

def lifetime_comment(c):
    text = " ".join(x for x in (c[0].before,) if x) if c else ""
    return text if LIFETIME.search(text) else None

PURE_MM = re.compile(r"^[A-Za-z_]\w*(?:(?:->|\.)[A-Za-z_]\w*|\[\w+\])*$")
unheld_at = set()       # where(p) + (mm,): a path that takes no reference
fail_spans = []         # (file, fn, mm, test line, span of the failure branch)
flags = []              # (file, fn, flag, mm, line, true when the test failed)
src_unheld = set()      # where(p) + (E,): a path reaches p without E held
origins = {}            # where(p) + (mm,) -> [origin expression]

def copy_held(p, mm):
    # the sources of the copies of mm (cur = src) above the use, when each
    # is held on every path to the use: the copy shares that reference
    w = where(p)
    srcs = set(origins.get(w + (norm(mm),), [])) - set([norm(mm)])
    if not srcs or any(not PURE_MM.match(e) or w + (e,) in src_unheld
                       for e in srcs):
        return []
    return sorted(srcs)

def failed_test(p, mm):
    # (mm, line) of an mmget_not_zero() whose failure branch holds the use
    names = set([norm(mm)] + copy_held(p, mm))
    pos = (int(p.line), int(p.column))
    for (f, fn, m, line, r) in sorted(fail_spans):
        if f == p.file and fn == p.current_element and m in names and \
           r[0] <= pos <= r[1]:
            return (m, line)
    return None

def is_flag(name):
    return any(x[2] == name for x in flags)

def flag_branch(ip, name, when, r):
    # the branch of "if (flag)" taken when the flag is "when": a failure
    # branch when that value means the test failed
    for (f, fn, x, m, line, failed) in flags:
        if f == ip.file and fn == ip.current_element and x == name and \
           line < int(ip.line) and when == failed:
            fail_spans.append((f, fn, m, line, r))

def really_unheld(p, mm):
    return where(p) + (norm(mm),) in unheld_at and not copy_held(p, mm)

# Thread and work starts of the functions that hold a use, and the tests
# ("guards") that hold at every start: facts the driver correlates with
# the guards of the stores into the field of the use (vhost: use_worker).
use_fn_names = set()    # names of functions that hold a use
unheld_fn_names = set() # those with a use that some path reaches unheld
starts = []             # (position, thread function, api)
start_args = set()      # (file, line, col) of the thread function there
static_defs = set()     # (file, name) of static functions
fn_refs = {}            # (file, name) -> set of (line, col) of references
fn_calls = {}           # (file, name) -> [(line, col, caller)]
ops_members = {}        # (file, name) -> set of (member, line, col)
member_calls = {}       # (file, member) -> [(line, col, caller)]
guard_ifs = []          # (file, fn, literal then, (range), (range) or None, line)
guard_exits = []        # (file, fn, literal after, line, col)

def is_use_fn(name):
    # only a function with an unheld use needs its starts
    return name in unheld_fn_names

def is_static_name(name):
    return any(n == name for (f, n) in static_defs)

def is_member(name):
    return any(x == name for v in ops_members.values() for (x, l, c) in v)

def span(p):
    return ((int(p.line), int(p.column)), (int(p.line_end), int(p.column_end)))

def inside(pos, r):
    return r is not None and r[0] <= pos <= r[1]

def neg(lit):
    return lit[1:] if lit.startswith("!") else "!" + lit

def guard_key(t, fld):
    t = str(t).replace("*", "").strip()
    return t + " ->" + str(fld) if t.startswith("struct ") else None

def local_guards(f, fn, line, col):
    # literal -> where it is tested, for a call at (line, col) of fn
    g = {}
    for (ff, gfn, lit, then, other, il) in guard_ifs:
        if ff != f or gfn != fn:
            continue
        if inside((line, col), then):
            g.setdefault(lit, "%s():%d" % (fn, il))
        elif inside((line, col), other):
            g.setdefault(neg(lit), "%s():%d" % (fn, il))
    for (ff, gfn, lit, il, ic) in guard_exits:
        # a test at the top level of the function (kernel style: one tab)
        if ff == f and gfn == fn and ic == 1 and il < line:
            g.setdefault(lit, "%s():%d" % (fn, il))
    return g

def callers_of(f, name):
    # the calls of a function of this file, or None when some are unseen
    if (f, name) not in static_defs:
        return None
    calls = list(fn_calls.get((f, name), []))
    known = set((l, c) for (l, c, x) in calls)
    for (m, l, c) in ops_members.get((f, name), set()):
        if not member_calls.get((f, m)):
            return None     # the ops table is called from elsewhere
        known.add((l, c))
        calls += member_calls[(f, m)]
    if any(r not in known for r in fn_refs.get((f, name), set())):
        return None         # its address goes somewhere else
    return calls

def guards_in(f, name, seen):
    # the literals that hold at every call of name in this file
    calls = callers_of(f, name)
    if not calls or (f, name) in seen or len(seen) > 8:
        return {}
    res = None
    for (l, c, caller) in calls:
        g = local_guards(f, caller, l, c)
        for (k, v) in guards_in(f, caller, seen | frozenset([(f, name)])).items():
            g.setdefault(k, v)
        res = g if res is None else \
            dict((k, res[k] + ", " + g[k]) for k in res if k in g)
    return res

// A file-local function named like the API but with another parameter
// list is not the mm API: remember it so that its calls are skipped.
@localdef@
identifier fn = {use_mm, kthread_use_mm};
parameter list ps;
position pd;
@@
fn@pd(ps) {...}

@script:python depends on localdef@
fn << localdef.fn;
ps << localdef.ps;
pd << localdef.pd;
@@
if not re.match(r"^\s*struct\s+mm_struct\s*\*\s*\w+\s*$", str(ps)):
    local_defs.add((pd[0].file, str(fn)))

// Every call of the API with one argument, and of a wrapper with its mm
// argument at the wrapper's index.
@use@
identifier fn : script:python() { is_target(fn) };
expression list[n] before;
expression list[m] after;
expression mm;
position p;
@@
fn@p(before, mm, after)

@script:python@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << use.p;
@@
fn, n, m = str(fn), int(n), int(m)
if fn in API:
    ok = n == 0 and m == 0 and (p[0].file, fn) not in local_defs
else:
    ok = wrappers.get(fn) == n
if ok:
    valid.add(where(p[0]) + (norm(mm),))
    use_fn_names.add(p[0].current_element)

// A use in the body of a #define: the driver names it by the macro.
@inmacro@
identifier use.fn;
position use.p;
identifier M;
@@
#define M(...) <+... fn@p(...) ...+>

@script:python@
M << inmacro.M;
p << use.p;
@@
in_macro[where(p[0])] = str(M)

// The types of the identifiers in the used expression, to name a field
// by its struct type rather than by the variable that reaches it.
@useroot@
identifier use.fn;
position use.p;
type T;
idexpression T r;
@@
fn@p(..., <+... r ...+>, ...)

@script:python@
p << use.p;
r << useroot.r;
T << useroot.T;
@@
note_type(p[0], r, T)

// Where a plain identifier was assigned from, in the same function.
@origin@
expression use.mm;
expression E;
position q;
@@
mm = E@q

@originroot@
expression use.mm;
type T;
idexpression T r;
position rq;
@@
mm = <+... r@rq ...+>

@script:python@
rq << originroot.rq;
r << originroot.r;
T << originroot.T;
@@
note_type(rq[0], r, T)

// The use's mm is a parameter: the function is a wrapper.
@param@
identifier use.fn;
position use.p;
identifier f, x;
parameter list[k] ps;
type T;
@@
f(ps, T x, ...) { <+... fn@p(...) ...+> }

@sparam@
identifier param.f;
type T;
position sp;
@@
static T f@sp(...) {...}

@script:python@
f << param.f;
sp << sparam.sp;
@@
static_funcs.add((sp[0].file, str(f)))

@mparam@
identifier use.fn;
position use.p;
identifier M, x;
identifier list[k] ps;
@@
#define M(ps, x, ...) <+... fn@p(...) ...+>

// A use under an if: its unuse is usually under the same test, which the
// path checks below cannot see, so they skip it.
@conduse@
identifier use.fn;
position use.p;
expression C;
statement S;
@@
(
if (C) { <+... fn@p(...) ...+> } else S
|
if (C) { <+... fn@p(...) ...+> }
|
if (C) fn@p(...); else S
|
if (C) fn@p(...);
)

@script:python@
p << use.p;
c << conduse.C;
@@
conditional.add(where(p[0]))

// A comment right above the use.
@ucomment@
identifier use.fn;
position use.p;
comments c;
@@
fn@c@p(...)

// A path from the function entry to the use that takes no mm_users
// reference on the same expression.
@unheld exists@
identifier use.fn;
expression use.mm;
position use.p, up;
expression t;
@@
... when != mmget(mm)
    when != mmget_not_zero(mm)
    when != mm = get_task_mm(t)
    when != mm = mm_access(...)
    when != mm = mm_alloc()
fn@p@up(...)

// A path on which the reference was dropped before the use.
@released exists@
identifier use.fn;
expression use.mm;
position use.p, up, q;
expression t, e;
@@
\(mmput@q(mm)\|mmput_async@q(mm)\)
... when != mm = e
    when != mmget(mm)
    when != mmget_not_zero(mm)
    when != mm = get_task_mm(t)
    when != mm = mm_access(...)
    when != mm = mm_alloc()
fn@p@up(...)

// The branches where mmget_not_zero() failed, tested directly or through
// a flag that keeps its result: no reference is held there.
@hasmnz@
position q;
@@
mmget_not_zero@q(...)

@mnz_fail depends on hasmnz@
expression M;
statement S1, S2;
position q, fp;
@@
(
if (!mmget_not_zero@q(M)) S1@fp else S2
|
if (!mmget_not_zero@q(M)) S1@fp
|
if (mmget_not_zero@q(M)) S1 else S2@fp
)

@script:python@
M << mnz_fail.M;
q << mnz_fail.q;
fp << mnz_fail.fp;
@@
fail_spans.append((q[0].file, q[0].current_element, norm(M),
                   int(q[0].line), span(fp[0])))

@mnz_flag_not depends on hasmnz@
expression M;
identifier F;
type T;
position q;
@@
\(F = (!mmget_not_zero@q(M));\|T F = (!mmget_not_zero@q(M));\)

@script:python@
M << mnz_flag_not.M;
F << mnz_flag_not.F;
q << mnz_flag_not.q;
@@
flags.append((q[0].file, q[0].current_element, str(F), norm(M),
              int(q[0].line), True))

@mnz_flag depends on hasmnz@
expression M;
identifier F;
type T;
position q;
@@
\(F = mmget_not_zero@q(M);\|T F = mmget_not_zero@q(M);\)

@script:python@
M << mnz_flag.M;
F << mnz_flag.F;
q << mnz_flag.q;
@@
flags.append((q[0].file, q[0].current_element, str(F), norm(M),
              int(q[0].line), False))

@flag_if depends on mnz_flag_not || mnz_flag@
identifier F : script:python() { is_flag(F) };
statement S1, S2;
position ip, tp, ep;
@@
(
if@ip (F) S1@tp else S2@ep
|
if@ip (F) S1@tp
)

@script:python@
F << flag_if.F;
ip << flag_if.ip;
tp << flag_if.tp;
@@
flag_branch(ip[0], str(F), True, span(tp[0]))

@script:python@
F << flag_if.F;
ip << flag_if.ip;
ep << flag_if.ep;
@@
flag_branch(ip[0], str(F), False, span(ep[0]))

@flag_ifnot depends on mnz_flag_not || mnz_flag@
identifier F : script:python() { is_flag(F) };
statement S1, S2;
position ip, tp, ep;
@@
(
if@ip (!F) S1@tp else S2@ep
|
if@ip (!F) S1@tp
)

@script:python@
F << flag_ifnot.F;
ip << flag_ifnot.ip;
tp << flag_ifnot.tp;
@@
flag_branch(ip[0], str(F), False, span(tp[0]))

@script:python@
F << flag_ifnot.F;
ip << flag_ifnot.ip;
ep << flag_ifnot.ep;
@@
flag_branch(ip[0], str(F), True, span(ep[0]))

// The use's mm is a copy (cur = src): a path to the use on which src is
// not held. With none, the copy shares src's reference.
@unheld_src exists@
identifier use.fn;
expression origin.E;
position use.p, up;
expression t;
@@
... when != mmget(E)
    when != mmget_not_zero(E)
    when != E = get_task_mm(t)
    when != E = mm_access(...)
    when != E = mm_alloc()
fn@p@up(...)

@script:python@
p << unheld_src.up;
E << origin.E;
@@
src_unheld.add(where(p[0]) + (norm(E),))

// A checked mmget_not_zero() is an acquisition; an ignored one is not.
@ignored@
expression mm;
position q;
@@
mmget_not_zero@q(mm);

// A use reached from such an ignored call: the kernel modes say so.
@ignored_use exists@
identifier use.fn;
expression use.mm;
position use.p, up, q;
@@
mmget_not_zero@q(mm);
...
fn@p@up(...)

// The reference dropped while the mm is still in use.
@put_in_use exists@
identifier use.fn;
expression use.mm;
position use.p, up, q;
@@
fn@p@up(...)
... when != kthread_unuse_mm(mm)
    when != unuse_mm(mm)
\(mmput@q(mm)\|mmput_async@q(mm)\)

// A path out of the function that leaves the mm in use, and whether any
// path unuses it at all (none: attached for the thread's life).
@no_unuse exists@
identifier use.fn;
expression use.mm;
position use.p, up;
@@
fn@p@up(...)
... when != kthread_unuse_mm(mm)
    when != unuse_mm(mm)

@some_unuse exists@
identifier use.fn;
expression use.mm;
position use.p, up;
@@
fn@p@up(...)
...
\(kthread_unuse_mm(mm)\|unuse_mm(mm)\)

// A path from the use out of the function that drops no reference while
// another path does: the reference taken for the use leaks there.
@no_put exists@
identifier use.fn;
expression use.mm;
position use.p, up;
expression E;
@@
fn@p@up(...)
... when != mmput(mm)
    when != mmput_async(mm)
    when != E = mm
    when != mm = E

@some_put exists@
identifier use.fn;
expression use.mm;
position use.p, up;
@@
fn@p@up(...)
...
\(mmput(mm)\|mmput_async(mm)\)

// Acquisitions and releases, for the driver's evidence and joins.
@refop@
identifier op = {mmget, mmget_not_zero, mmgrab, mmgrab_lazy_tlb, mmput,
                 mmput_async, mmdrop, mmdrop_lazy_tlb};
expression mm;
position q;
@@
op@q(mm)

@refret@
identifier op = {get_task_mm, mm_access, mm_alloc};
expression mm;
position q;
@@
mm = op@q(...)

@script:python@
mm << use.mm;
p << unheld.up;
@@
unheld_at.add(where(p[0]) + (norm(mm),))
unheld_fn_names.add(p[0].current_element)

@script:python@
p << use.p;
mm << use.mm;
E << origin.E;
q << origin.q;
@@
if q[0].current_element == p[0].current_element and \
   int(q[0].line) < int(p[0].line):
    origins.setdefault(where(p[0]) + (norm(mm),), []).append(norm(E))

// The starts of a thread or work function that holds a use, and what
// leads to them in this file: direct calls, calls through an ops table's
// member, and the field tests around them (if (dev->use_worker) ...,
// if (!dev->use_worker) return ...;). The driver matches the tests with
// those of the stores into the use's field.
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
@script:python depends on report@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << use.p;
@@
if is_use(p[0], fn, n, m, mm) and really_unheld(p[0], mm):
    coccilib.report.print_report(p[0],
        "WARNING: %s(%s) without an mm_users reference held in %s() "
        "(mmgrab() is not enough) [use-mm-unheld]"
        % (fn, norm(mm), in_macro.get(where(p[0]), p[0].current_element)))
bad = is_use(p[0], fn, n, m, mm) and failed_test(p[0], mm)
if bad:
    coccilib.report.print_report(p[0],
        "ERROR: %s(%s) in the branch where mmget_not_zero(%s) on line %s "
        "failed [mmget-unchecked]" % (fn, norm(mm), bad[0], bad[1]))

@script:python depends on report@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << released.up;
q << released.q;
@@
if is_use(p[0], fn, n, m, mm):
    coccilib.report.print_report(p[0],
        "ERROR: %s(%s) after its mm_users reference was dropped on line %s "
        "[use-mm-after-put]" % (fn, norm(mm), q[0].line))

@script:python depends on report@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << ignored_use.up;
q << ignored_use.q;
@@
if is_use(p[0], fn, n, m, mm):
    coccilib.report.print_report(p[0],
        "ERROR: %s(%s) after mmget_not_zero() on line %s whose result is "
        "ignored [mmget-unchecked]" % (fn, norm(mm), q[0].line))

@script:python depends on report@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << put_in_use.up;
q << put_in_use.q;
@@
if is_use(p[0], fn, n, m, mm) and balance_checked(p[0], fn):
    coccilib.report.print_report(q[0],
        "ERROR: mmput(%s) while the mm is still in use since line %s "
        "[use-mm-put-before-unuse]" % (norm(mm), p[0].line))

@script:python depends on report@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << no_unuse.up;
p2 << some_unuse.up;
@@
if is_use(p[0], fn, n, m, mm) and balance_checked(p[0], fn) and \
   where(p[0]) == where(p2[0]):
    coccilib.report.print_report(p[0],
        "WARNING: %s(%s): a path out of %s() leaves the mm in use "
        "[use-mm-unbalanced]" % (fn, norm(mm), p[0].current_element))

@script:python depends on report@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << no_put.up;
p2 << some_put.up;
@@
if is_use(p[0], fn, n, m, mm) and balance_checked(p[0], fn) and \
   where(p[0]) == where(p2[0]):
    coccilib.report.print_report(p[0],
        "WARNING: %s(%s): a path out of %s() drops no reference while "
        "another calls mmput() [use-mm-ref-leak]"
        % (fn, norm(mm), p[0].current_element))

@script:python depends on org@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << use.p;
@@
if is_use(p[0], fn, n, m, mm) and really_unheld(p[0], mm):
    cocci.print_main("%s(%s) without an mm_users reference" % (fn, norm(mm)),
                     p)
if is_use(p[0], fn, n, m, mm) and failed_test(p[0], mm):
    cocci.print_main("%s(%s) where mmget_not_zero() failed" % (fn, norm(mm)),
                     p)

@script:python depends on org@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << released.up;
q << released.q;
@@
if is_use(p[0], fn, n, m, mm):
    cocci.print_main("%s() after mmput()" % fn, p)
    cocci.print_secs("mmput", q)

@script:python depends on org@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << ignored_use.up;
q << ignored_use.q;
@@
if is_use(p[0], fn, n, m, mm):
    cocci.print_main("%s() after an ignored mmget_not_zero()" % fn, p)
    cocci.print_secs("mmget_not_zero", q)

@script:python depends on org@
fn << use.fn;
n << use.n;
m << use.m;
mm << use.mm;
p << put_in_use.up;
q << put_in_use.q;
@@
if is_use(p[0], fn, n, m, mm) and balance_checked(p[0], fn):
    cocci.print_main("mmput() while %s is in use" % norm(mm), q)
    cocci.print_secs("use", p)

@depends on context@
identifier use.fn;
position unheld.up;
@@
* fn@up(...)

@depends on context@
identifier use.fn;
position released.up;
@@
* fn@up(...)

@depends on context@
identifier use.fn;
position ignored_use.up;
@@
* fn@up(...)

@depends on context@
expression use.mm;
position put_in_use.q;
@@
* mmput@q(mm)
