// SPDX-License-Identifier: GPL-2.0-only
/// Stores of an mm into a struct field, and which count keeps it: an
/// mm_users reference (get_task_mm(), mm_alloc(), mm_access(), mmget(), a
/// checked mmget_not_zero()), only mm_count (mmgrab()), or nothing at all
/// (x->mm = current->mm). A field filled without mm_users must not be
/// handed to kthread_use_mm(): mmgrab() keeps the struct mm_struct, not
/// its page tables.
/// The kernel modes report the stores of current->mm that take no count,
/// in the files that also call kthread_use_mm() or use_mm().
//#
//# Most stores of an mm pinned by mmgrab() are fine: the field is used for
//# identity or for an mmu_notifier, never as a live address space. This
//# patch reports only stores that take no count at all, and even those are
//# fine when something else keeps the mm alive (AIO requests are torn down
//# before the address space, for instance): read them as questions.
//# `mmcheck scan` joins these stores with the kthread_use_mm() uses of the
//# same struct field in any file, and reports only the fields that are
//# really used, with the field tests a store runs under (if
//# (dev->use_worker) ... else ...) matched with where the user's thread
//# starts.
//#
// Confidence: Low
// Copyright: (C) 2026 The mmcheck authors.
// Comments: rule id mm-store-unreferenced; `mmcheck explain RULE-ID`.
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@initialize:python@
@@
import re

# the fields to look at; none named: mm and *_mm
fields = set()

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

// The kernel modes report stores of current->mm in the files that hand an
// mm to kthread_use_mm() or use_mm(): spatch skips the other files.
@borrows depends on context || org || report@
@@
\(kthread_use_mm\|use_mm\)(...)

@anchor depends on borrows@
expression E;
identifier fld;
symbol current;
@@
(
E->fld = current->mm
|
E.fld = current->mm
|
E->fld = current->active_mm
|
E.fld = current->active_mm
)

@fieldstore depends on anchor || !(context || org || report)@
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
@storeroot depends on anchor || !(context || org || report)@
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

@storecomment depends on anchor || !(context || org || report)@
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

@refop depends on anchor || !(context || org || report)@
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

@refret depends on anchor || !(context || org || report)@
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
@notifier depends on anchor || !(context || org || report)@
identifier reg = {mmu_notifier_register, __mmu_notifier_register};
identifier nfld;
expression e, mm;
position o;
@@
reg@o(&e->nfld, mm)

@notifierroot depends on anchor || !(context || org || report)@
identifier notifier.reg, notifier.nfld;
position notifier.o;
expression notifier.mm;
type T;
idexpression T r;
@@
reg@o(&r->nfld, mm)

@release depends on anchor || !(context || org || report)@
identifier ops, f;
@@
struct mmu_notifier_ops ops = { ..., .release = f, ... };

@script:python depends on report@
e << fieldstore.e;
fld << fieldstore.fld;
rhs << fieldstore.rhs;
q << fieldstore.q;
@@
lhs = lhs_of(q[0], e, fld)
cls, seen = classify(q[0], lhs, norm(rhs))
if cls == "none":
    coccilib.report.print_report(q[0],
        "WARNING: %s = %s takes no count on the mm: not for "
        "kthread_use_mm() without mmget_not_zero() [mm-store-unreferenced]"
        % (lhs, norm(rhs)))

@script:python depends on org@
e << fieldstore.e;
fld << fieldstore.fld;
rhs << fieldstore.rhs;
q << fieldstore.q;
@@
lhs = lhs_of(q[0], e, fld)
cls, seen = classify(q[0], lhs, norm(rhs))
if cls == "none":
    cocci.print_main("%s = %s takes no count" % (lhs, norm(rhs)), q)

@depends on context@
identifier fieldstore.fld;
position fieldstore.q;
expression e;
@@
* e->fld@q = current->mm
