// SPDX-License-Identifier: GPL-2.0-only
/// kthread_use_mm() and use_mm() need an mm that keeps its page tables for
/// the whole use, which only an mm_users reference guarantees: mmget(), a
/// checked mmget_not_zero(), get_task_mm() or mm_alloc() (mm_access() too).
/// mmgrab() keeps only the struct mm_struct. This finds the uses with no such
/// reference taken on every path to them inside the same function, and the
/// uses reached after the reference was already dropped with mmput() or
/// after an mmget_not_zero() whose result is ignored.
/// On the architectures that skip remote TLB flushes while mm_users == 1 a
/// borrowed mm without its own mm_users reference is a silent TLB bug.
//#
//# The check stays inside one function. An mm held by the caller or through
//# a struct field filled by get_task_mm() (the vhost model) is reported here
//# too, as a warning: check where the mm comes from. A checked mmget_not_zero() counts as held on every
//# path through its test, also on its failure branch. A use that relies on
//# another lifetime guarantee should say so in a comment above the call.
//# There is no patch mode (so no MODE=patch or MODE=chain either): a safe
//# fix needs the function's own way of bailing out, which a rule cannot
//# guess. Use MODE=report, org or context.
//#
// Confidence: Moderate
// Copyright: (C) 2026 The mmcheck authors.
// Comments: rule ids use-mm-unheld, use-mm-after-put, mmget-unchecked;
//  `mmcheck explain RULE-ID` prints each one's catalogue entry.
// Keywords: use_mm, kthread_use_mm
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report
virtual facts

@initialize:python@
@@
import json
import re

# (file, name) pairs where the file defines its own use_mm or
# kthread_use_mm with another signature: calls there are not the mm API.
local_defs = set()

# The mm_users API: kept in step with rules/api/mm-refs.
ACQUIRE = ("mmget", "mmget_not_zero", "get_task_mm", "mm_alloc", "mm_access")

# (file, line, col) of a use inside a #define body -> the macro's name
in_macro = {}

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

def real_api(p, fn):
    return (p.file, fn) not in local_defs

def norm(e):
    # "kvm -> mm" becomes "kvm->mm", as the source writes it
    s = " ".join(str(e).split())
    s = re.sub(r" ?(->|\.) ?", r"\1", s)
    s = re.sub(r" ?([\[\]\)]) ?", r"\1", s)
    s = re.sub(r"([\(\[&!~]) ", r"\1", s)
    s = re.sub(r"(\w) \(", r"\1(", s)
    return s

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
import re
if not re.match(r"^\s*struct\s+mm_struct\s*\*\s*\w+\s*$", str(ps)):
    local_defs.add((pd[0].file, str(fn)))

// A use in the body of a #define: the driver names it by the macro.
@inmacro@
identifier M;
identifier fn = {use_mm, kthread_use_mm};
expression mm;
position p;
@@
#define M(...) <+... fn@p(mm) ...+>

@script:python@
M << inmacro.M;
p << inmacro.p;
@@
in_macro[where(p[0])] = str(M)

// Every one-argument call of the API.
@use@
identifier fn = {use_mm, kthread_use_mm};
expression mm;
position p;
@@
fn@p(mm)

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
fn@p@up(mm)

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
fn@p@up(mm)

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
fn@p@up(mm)

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
mm << use.mm;
p << use.p;
@@
if real_api(p[0], fn):
    fact("use", p[0], api=fn, mm=norm(mm))

@script:python depends on facts@
fn << use.fn;
p << unheld.up;
@@
if real_api(p[0], fn):
    fact("unheld", p[0], reason="no-acquire")

@script:python depends on facts@
fn << use.fn;
p << released.up;
q << released.q;
@@
if real_api(p[0], fn):
    fact("unheld", p[0], reason="after-release", release_line=int(q[0].line))

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
fact("refop", q[0], op=op, mm=norm(mm))

@script:python depends on facts@
op << refret.op;
mm << refret.mm;
q << refret.q;
@@
fact("refop", q[0], op=op, mm=norm(mm))

// The kernel modes report what this one function shows.
@script:python depends on report@
fn << use.fn;
mm << use.mm;
p << unheld.up;
@@
if real_api(p[0], fn):
    coccilib.report.print_report(p[0],
        "WARNING: %s(%s) without an mm_users reference held in %s() "
        "(mmgrab() is not enough) [use-mm-unheld]"
        % (fn, norm(mm), in_macro.get(where(p[0]), p[0].current_element)))

@script:python depends on report@
fn << use.fn;
mm << use.mm;
p << released.up;
q << released.q;
@@
if real_api(p[0], fn):
    coccilib.report.print_report(p[0],
        "ERROR: %s(%s) after its mm_users reference was dropped on line %s "
        "[use-mm-after-put]" % (fn, norm(mm), q[0].line))

@script:python depends on report@
fn << use.fn;
mm << use.mm;
p << ignored_use.up;
q << ignored_use.q;
@@
if real_api(p[0], fn):
    coccilib.report.print_report(p[0],
        "ERROR: %s(%s) after mmget_not_zero() on line %s whose result is "
        "ignored [mmget-unchecked]" % (fn, norm(mm), q[0].line))

@script:python depends on org@
fn << use.fn;
mm << use.mm;
p << unheld.up;
@@
if real_api(p[0], fn):
    cocci.print_main("%s(%s) without an mm_users reference" % (fn, norm(mm)),
                     p)

@script:python depends on org@
fn << use.fn;
p << released.up;
q << released.q;
@@
if real_api(p[0], fn):
    cocci.print_main("%s() after mmput()" % fn, p)
    cocci.print_secs("mmput", q)

@script:python depends on org@
fn << use.fn;
p << ignored_use.up;
q << ignored_use.q;
@@
if real_api(p[0], fn):
    cocci.print_main("%s() after an ignored mmget_not_zero()" % fn, p)
    cocci.print_secs("mmget_not_zero", q)

@depends on context@
identifier use.fn;
expression use.mm;
position unheld.up;
@@
* fn@up(mm)

@depends on context@
identifier use.fn;
expression use.mm;
position released.up;
@@
* fn@up(mm)

@depends on context@
identifier use.fn;
expression use.mm;
position ignored_use.up;
@@
* fn@up(mm)
