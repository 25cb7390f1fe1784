// SPDX-License-Identifier: GPL-2.0-only
/// The facts mode of `mmcheck scan`: stores of an mm into a struct field and which count keeps it, the
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

virtual facts

#include "scripts/coccinelle/mm/mm_field_store.cocci"

@initialize:python@
@@
import json
import os
import re

fields = set(f for f in os.environ.get("MMCHECK_FIELDS", "").split(",") if f)

def is_field(f):
    f = str(f)
    if fields:
        return f in fields
    return f == "mm" or f.endswith("_mm")

# (file, function) -> {identifier: type}
types = {}
# (file, function) -> [(op, argument, line)]
ops = {}
# (file, line) -> comment text around a store
comments = {}
# (file, function, literal, then span, else span or None): field tests
guard_ifs = []

def span(p):
    return ((int(p.line), int(p.column)), (int(p.line_end), int(p.column_end)))

def guard_key(t, fld):
    t = str(t).replace("*", "").strip()
    return t + " ->" + str(fld) if t.startswith("struct ") else None

def guards_of(q):
    # the field tests that hold at the store: a then or an else branch
    pos, g = (int(q.line), int(q.column)), set()
    for (f, fn, lit, then, other) in guard_ifs:
        if f != q.file or fn != q.current_element:
            continue
        if then[0] <= pos <= then[1]:
            g.add(lit)
        elif other and other[0] <= pos <= other[1]:
            g.add(lit[1:] if lit.startswith("!") else "!" + lit)
    return sorted(g)

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

# (file, line, col) of the field in each store -> "->" or "."
def lhs_of(q, e, fld):
    with open(q.file, errors="replace") as f:
        lines = f.read().split("\n")
    text = lines[int(q.line) - 1][:int(q.column)].rstrip()
    sep = "->" if text.endswith("->") else "."
    return norm(e) + sep + str(fld)

ACQ_CALL = re.compile(r"^(get_task_mm|mm_alloc|mm_access)\(")

def classify(p, lhs, rhs):
    """acquire, grab, none, clear or copy, and the ops that decided it."""
    line = int(p.line)
    fops = ops.get((p.file, p.current_element), [])
    # ops on the stored value anywhere in the function; ops on the field
    # only after the store (before it, or "field = get_task_mm()", they
    # belong to another store of the same field)
    mine = [o for o in fops if o[1] == rhs or
            (o[1] == lhs and o[2] >= line and
             o[0] not in ("get_task_mm", "mm_alloc", "mm_access"))]
    seen = ["%s(%s):%d" % o for o in mine]
    names = set(o[0] for o in mine)
    if ACQ_CALL.match(rhs) or names & {"mmget", "mmget_not_zero",
                                       "get_task_mm", "mm_alloc",
                                       "mm_access"}:
        traded = any(o[0] in ("mmput", "mmput_async") and o[2] > line
                     for o in mine) and "mmgrab" in names
        return ("grab" if traded else "acquire"), seen
    if "mmgrab" in names:
        return "grab", seen
    if rhs in ("NULL", "0"):
        return "clear", seen
    if rhs in ("current->mm", "current->active_mm"):
        return "none", seen
    return "copy", seen

@fieldstore@
identifier fld : script:python() { is_field(fld) };
expression e, rhs;
position q;
@@
(
e.fld@q = rhs
|
e->fld@q = rhs
)

// The struct type of the variable the field is reached from.
@storeroot@
identifier fieldstore.fld;
position fieldstore.q;
type T;
idexpression T r;
identifier a;
expression i;
@@
(
r->fld@q
|
r.fld@q
|
r->a.fld@q
|
r->a[i].fld@q
|
r->a->fld@q
|
r.a.fld@q
)

@script:python@
q << fieldstore.q;
r << storeroot.r;
T << storeroot.T;
@@
note_type(q[0], r, T)

@storecomment@
identifier fieldstore.fld;
position fieldstore.q;
expression fieldstore.e, fieldstore.rhs;
comments c2;
@@
(
e.fld@q = rhs;@c2
|
e->fld@q = rhs;@c2
)

@script:python@
q << fieldstore.q;
c2 << storecomment.c2;
@@
text = " ".join(x for x in (c2[0].after,) if x)
if text:
    comments[(q[0].file, int(q[0].line))] = text

@refop@
identifier op = {mmget, mmget_not_zero, mmgrab, mmput, mmput_async, mmdrop};
expression x;
position o;
@@
op@o(x)

@script:python@
op << refop.op;
x << refop.x;
o << refop.o;
@@
ops.setdefault((o[0].file, o[0].current_element), []).append(
    (str(op), norm(x), int(o[0].line)))

@refret@
identifier op = {get_task_mm, mm_access, mm_alloc};
expression x;
position o;
@@
x = op@o(...)

@script:python@
op << refret.op;
x << refret.x;
o << refret.o;
@@
ops.setdefault((o[0].file, o[0].current_element), []).append(
    (str(op), norm(x), int(o[0].line)))

// An mmu_notifier registered on a field of a struct, and whether the file
// gives some mmu_notifier_ops a .release.
@notifier@
identifier reg = {mmu_notifier_register, __mmu_notifier_register};
identifier nfld;
expression e, mm;
position o;
@@
reg@o(&e->nfld, mm)

@notifierroot@
identifier notifier.reg, notifier.nfld;
position notifier.o;
expression notifier.mm;
type T;
idexpression T r;
@@
reg@o(&r->nfld, mm)

@release@
identifier ops, f;
@@
struct mmu_notifier_ops ops = { ..., .release = f, ... };

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
