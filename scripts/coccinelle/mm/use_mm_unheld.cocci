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
//# mmget_not_zero() counts as held on every path through its test, also on
//# its failure branch. A use that relies on another lifetime guarantee
//# should say so in a comment above the call.
//# There is no patch mode (so no MODE=patch or MODE=chain either): a safe
//# fix needs the function's own way of bailing out, which a rule cannot
//# guess. Use MODE=report, org or context.
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
    fact("origin", p[0], mm=norm(mm), origin=norm(E),
         origin_line=int(q[0].line), key=field_key(q[0], E))

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
p << unheld.up;
@@
if is_use(p[0], fn, n, m, mm):
    fact("unheld", p[0], reason="no-acquire")

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
p << unheld.up;
@@
if is_use(p[0], fn, n, m, mm):
    coccilib.report.print_report(p[0],
        "WARNING: %s(%s) without an mm_users reference held in %s() "
        "(mmgrab() is not enough) [use-mm-unheld]"
        % (fn, norm(mm), in_macro.get(where(p[0]), p[0].current_element)))

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
p << unheld.up;
@@
if is_use(p[0], fn, n, m, mm):
    cocci.print_main("%s(%s) without an mm_users reference" % (fn, norm(mm)),
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
