// SPDX-License-Identifier: GPL-2.0-only
/// A struct field that stores current->mm takes no count on the mm: the
/// field must not be handed to kthread_use_mm() later, whose user needs an
/// mm_users reference (get_task_mm(), mmget()) to keep the page tables.
/// Find the stores of current->mm into a field named mm or *_mm in a
/// function that takes no count on it (mmget(), mmgrab(), ...).
//#
//# Many such stores are fine: the field is used for identity, or something
//# else keeps the mm alive (AIO requests are torn down before the address
//# space). Read them as questions. `mmcheck scan` reports only the fields
//# that a kthread_use_mm() really uses.
//
// Confidence: Low
// Copyright: (C) 2026 The mmcheck authors.
// Comments: rule id mm-store-unreferenced; `mmcheck explain RULE-ID`.
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@store depends on context || org || report@
expression e;
identifier fld =~ "^(mm|[A-Za-z0-9_]+_mm)$";
position q;
symbol current;
@@
(
e->fld@q = current->mm
|
e.fld@q = current->mm
|
e->fld@q = current->active_mm
)

// Some count on the stored mm in the same function.
@counted depends on store exists@
expression store.e, E;
identifier store.fld;
position store.q;
symbol current;
@@
(
\(mmget\|mmgrab\|mmget_not_zero\)(\(current->mm\|current->active_mm\));
... when any
e->fld@q = E;
|
e->fld@q = E;
... when any
\(mmget\|mmgrab\|mmget_not_zero\)(e->fld);
)

@depends on context && !counted@
expression store.e, E;
identifier store.fld;
position store.q;
@@
* e->fld@q = E

@script:python depends on report && !counted@
e << store.e;
fld << store.fld;
q << store.q;
@@
coccilib.report.print_report(q[0], "WARNING: %s->%s = current->mm takes no "
    "count on the mm: not for kthread_use_mm() without mmget_not_zero() "
    "[mm-store-unreferenced]" % (e, fld))

@script:python depends on org && !counted@
e << store.e;
fld << store.fld;
q << store.q;
@@
cocci.print_main("%s->%s = current->mm takes no count" % (e, fld), q)
