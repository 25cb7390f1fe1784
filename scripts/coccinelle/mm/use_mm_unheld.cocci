// SPDX-License-Identifier: GPL-2.0-only
/// kthread_use_mm() and use_mm() need an mm that keeps its page tables for
/// the whole use, which only an mm_users reference guarantees: mmget(), a
/// checked mmget_not_zero(), get_task_mm(), mm_access() or mm_alloc().
/// mmgrab() keeps only the struct mm_struct. Find the uses reached on some
/// path of their function with no such reference, the uses after the
/// reference was dropped with mmput() or after an mmget_not_zero() whose
/// result is ignored, and the mmput() while the mm is still in use.
//#
//# The check stays inside one function: an mm held by the caller, or by a
//# struct field filled with get_task_mm() elsewhere, is reported too, as a
//# warning (check where the mm comes from). `mmcheck scan` follows the mm
//# through struct fields, wrappers and other files.
//
// Confidence: Moderate
// Copyright: (C) 2026 The mmcheck authors.
// Comments: rule ids use-mm-unheld, use-mm-after-put, mmget-unchecked,
//  use-mm-put-before-unuse; `mmcheck explain RULE-ID`.
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@initialize:python@
@@
import re

def call(p):
    # the call as written: "kthread_use_mm(dev->mm)"
    with open(p.file, errors="replace") as f:
        line = f.readlines()[int(p.line) - 1]
    return line[int(p.column):].split("(")[0]

def norm(e):
    # "c -> mms [ i ]" as written: "c->mms[i]"
    s = " ".join(str(e).split())
    return re.sub(r" ?(->|\.|\[|\]) ?", r"\1", s)

seen = set()

def say(mode, p, msg):
    # one message a call: the first rule that explains it wins
    if (p.file, p.line, p.column) in seen:
        return
    seen.add((p.file, p.line, p.column))
    if mode == "report":
        coccilib.report.print_report(p, msg)
    else:
        cocci.print_main(msg.split(": ", 1)[1], [p])

// A file-local function named use_mm() is not the mm API.

@apidef depends on context || org || report@
type T;
@@
T use_mm(...) { ... }

@noref depends on (context || org || report) && !apidef exists@
expression mm;
position p;
@@
... when != mmget(mm)
    when != mmget_not_zero(mm)
    when != mm = \(get_task_mm\|mm_access\)(...)
    when != mm = mm_alloc()
(
* kthread_use_mm@p(mm)
|
* use_mm@p(mm)
)

@unchecked depends on (org || report) && !apidef exists@
expression mm;
position g, p;
@@
mmget_not_zero@g(mm);
... when != mmput(mm)
\(kthread_use_mm@p\|use_mm@p\)(mm)

@afterput depends on (org || report) && !apidef exists@
expression mm, E;
position q, p;
@@
mmput@q(mm);
... when != mmget(mm)
    when != mmget_not_zero(mm)
    when != mm = E
\(kthread_use_mm@p\|use_mm@p\)(mm)

@putinuse depends on (org || report) && !apidef exists@
expression mm;
position p, q;
@@
\(kthread_use_mm@p\|use_mm@p\)(mm);
... when != \(kthread_unuse_mm\|unuse_mm\)(mm)
mmput@q(mm);

// Some path unuses the mm before the mmput(): the use is conditional.

@unused exists@
expression putinuse.mm;
position putinuse.p, putinuse.q;
@@
\(kthread_use_mm@p\|use_mm@p\)(mm);
...
\(kthread_unuse_mm\|unuse_mm\)(mm);
...
mmput@q(mm);

// A copy of an mm that holds a reference: cur = mm after (or before) a
// checked mmget_not_zero(mm).

@copy exists@
expression noref.mm, E;
position noref.p;
@@
(
mm = E;
... when any
\(mmget\|mmget_not_zero\)(E)
... when any
\(kthread_use_mm@p\|use_mm@p\)(mm)
|
\(mmget\|mmget_not_zero\)(E)
... when any
mm = E;
... when any
\(kthread_use_mm@p\|use_mm@p\)(mm)
)

@copydecl exists@
identifier x;
type T;
expression E;
position noref.p;
@@
T x = E;
... when any
\(mmget\|mmget_not_zero\)(E)
... when any
\(kthread_use_mm@p\|use_mm@p\)(x)

@script:python depends on copy || copydecl@
p << noref.p;
@@
seen.add((p[0].file, p[0].line, p[0].column))

@script:python depends on report@
mm << unchecked.mm;
g << unchecked.g;
p << unchecked.p;
@@
say("report", p[0], "ERROR: %s(%s) after mmget_not_zero() on line %s whose result is ignored [mmget-unchecked]" % (call(p[0]), norm(mm), g[0].line))

@script:python depends on org@
mm << unchecked.mm;
g << unchecked.g;
p << unchecked.p;
@@
say("org", p[0], "ERROR: %s(%s) after mmget_not_zero() on line %s whose result is ignored [mmget-unchecked]" % (call(p[0]), norm(mm), g[0].line))

@script:python depends on report@
mm << afterput.mm;
q << afterput.q;
p << afterput.p;
@@
say("report", p[0], "ERROR: %s(%s) after its mm_users reference was dropped on line %s [use-mm-after-put]" % (call(p[0]), norm(mm), q[0].line))

@script:python depends on org@
mm << afterput.mm;
q << afterput.q;
p << afterput.p;
@@
say("org", p[0], "ERROR: %s(%s) after its mm_users reference was dropped on line %s [use-mm-after-put]" % (call(p[0]), norm(mm), q[0].line))

@script:python depends on report && !unused@
mm << putinuse.mm;
p << putinuse.p;
q << putinuse.q;
@@
say("report", q[0], "ERROR: mmput(%s) while the mm is still in use since line %s [use-mm-put-before-unuse]" % (norm(mm), p[0].line))

@script:python depends on org && !unused@
mm << putinuse.mm;
p << putinuse.p;
q << putinuse.q;
@@
say("org", q[0], "ERROR: mmput(%s) while the mm is still in use since line %s [use-mm-put-before-unuse]" % (norm(mm), p[0].line))

@script:python depends on report@
mm << noref.mm;
p << noref.p;
@@
say("report", p[0], "WARNING: %s(%s) without an mm_users reference held in %s() (mmgrab() is not enough) [use-mm-unheld]" % (call(p[0]), norm(mm), p[0].current_element))

@script:python depends on org@
mm << noref.mm;
p << noref.p;
@@
say("org", p[0], "WARNING: %s(%s) without an mm_users reference held in %s() (mmgrab() is not enough) [use-mm-unheld]" % (call(p[0]), norm(mm), p[0].current_element))
