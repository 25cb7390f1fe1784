// SPDX-License-Identifier: GPL-2.0-only
/// The facts mode of `mmcheck scan`:
/// stores of an mm into a struct field and which count keeps it, the
/// mmu_notifiers registered on a field, and the field tests a store runs
/// under.
/// It builds on the kernel rules of scripts/coccinelle/mm/mm_field_store.cocci,
/// included below; the driver writes that file in place of the include
/// line before it runs spatch (spatch resolves an include from its
/// working directory, which is the tree).
//
// Copyright: (C) 2026 The mmcheck authors.
// Keywords: get_task_mm, mm_alloc, mm_access, mmgrab, mmget, mmget_not_zero, current->mm
// Options: --no-includes --include-headers
// Mmcheck: stores
// Comments: MMCHECK_FIELDS ("mm,source_mm") names the fields to look at
//  (default: mm and *_mm).
// Mmcheck-grab-regex: \bmmgrab\s*\((?:[^\n]|\n(?!\}))*?(?<!\bcurrent)(?:->|\.)\w*mm\s*=(?!=)|(?<!\bcurrent)(?:->|\.)\w*mm\s*=(?!=)(?:[^\n]|\n(?!\}))*?\bmmgrab\s*\(

#include "scripts/coccinelle/mm/mm_field_store.cocci"

virtual facts

@initialize:python@
@@
import json
import os

# MMCHECK_FIELDS ("mm,source_mm"): the fields the driver looks at
fields.update(f for f in os.environ.get("MMCHECK_FIELDS", "").split(",") if f)

@script:python depends on facts && !release@
o << notifier.o;
r << notifierroot.r;
T << notifierroot.T;
@@
t = str(T).replace("*", "").strip()
if "struct" in t:
    print(json.dumps({"fact": "notifier", "file": o[0].file,
                      "line": int(o[0].line), "col": int(o[0].column) + 1,
                      "function": o[0].current_element, "struct": t,
                      "release": False}, sort_keys=True))

@script:python depends on facts && release@
o << notifier.o;
r << notifierroot.r;
T << notifierroot.T;
@@
t = str(T).replace("*", "").strip()
if "struct" in t:
    print(json.dumps({"fact": "notifier", "file": o[0].file,
                      "line": int(o[0].line), "col": int(o[0].column) + 1,
                      "function": o[0].current_element, "struct": t,
                      "release": True}, sort_keys=True))

// The field tests a store runs under (vhost: the mm is held with
// get_task_mm() if dev->use_worker, only pinned with mmgrab() otherwise).
@sgif depends on facts && fieldstore@
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
T << sgif.T;
gf << sgif.gf;
ip << sgif.ip;
tp << sgif.tp;
@@
k = guard_key(T, gf)
if k:
    guard_ifs.append((ip[0].file, ip[0].current_element, k, span(tp[0]), None))

@script:python@
T << sgif.T;
gf << sgif.gf;
ip << sgif.ip;
tp << sgif.tp;
ep << sgif.ep;
@@
k = guard_key(T, gf)
if k:
    guard_ifs.append((ip[0].file, ip[0].current_element, k, span(tp[0]),
                      span(ep[0])))

@sgnot depends on facts && fieldstore@
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
T << sgnot.T;
gf << sgnot.gf;
ip << sgnot.ip;
tp << sgnot.tp;
@@
k = guard_key(T, gf)
if k:
    guard_ifs.append((ip[0].file, ip[0].current_element, "!" + k,
                      span(tp[0]), None))

@script:python@
T << sgnot.T;
gf << sgnot.gf;
ip << sgnot.ip;
tp << sgnot.tp;
ep << sgnot.ep;
@@
k = guard_key(T, gf)
if k:
    guard_ifs.append((ip[0].file, ip[0].current_element, "!" + k,
                      span(tp[0]), span(ep[0])))

@script:python depends on facts@
e << fieldstore.e;
fld << fieldstore.fld;
rhs << fieldstore.rhs;
q << fieldstore.q;
@@
lhs = lhs_of(q[0], e, fld)
cls, seen = classify(q[0], lhs, norm(rhs))
if cls != "clear":
    d = {"fact": "store", "file": q[0].file,
         "line": int(q[0].line), "col": int(q[0].column) + 1,
         "function": q[0].current_element,
         "key": field_key(q[0], lhs), "lhs": lhs,
         "rhs": norm(rhs), "class": cls, "ops": seen,
         "comment": comments.get((q[0].file, int(q[0].line)))}
    if guards_of(q[0]):
        d["guards"] = guards_of(q[0])
    print(json.dumps(d, sort_keys=True))
