// SPDX-License-Identifier: GPL-2.0-only
/// An mm used as a live address space (its mmap lock taken, a VMA looked
/// up or walked, its pages reached from another task) must have mm_users
/// above zero for the whole use: mmget(), a checked mmget_not_zero(),
/// get_task_mm() or mm_access(). mmgrab() keeps only the struct
/// mm_struct; once the owner exits, the VMAs and page tables are torn down
/// under it. This finds the live uses of an mm that comes from a struct
/// field, or that the function pinned with mmgrab(), with no mm_users
/// reference taken on some path to the use in the same function.
/// The live uses are mmap_read_lock(), mmap_write_lock(),
/// mmap_read_trylock(), mmap_read_lock_killable(),
/// mmap_write_lock_killable(), mmap_write_lock_nested(), down_read(),
/// down_write() and their variants on mm->mmap_sem or mm->mmap_lock,
/// find_vma(), find_vma_prev(),
/// find_vma_intersection(), find_extend_vma(), find_extend_vma_locked(),
/// vma_lookup(), VMA_ITERATOR(), vma_iter_init(), any call on
/// &mm->mm_mt (MA_STATE(), mt_find(), ...), get_user_pages_remote(),
/// pin_user_pages_remote() (also the older form with a task first),
/// fixup_user_fault(), access_remote_vm(), walk_page_range() and
/// walk_page_range_novma().
//#
//# The check stays inside one function: it reports only what the function
//# itself shows, an mm pinned by mmgrab() here and used live with no
//# mm_users reference. `mmcheck scan` also joins the live uses of struct
//# fields with the stores into the field (mm_field_store.cocci).
//# Not looked at, because the mm is alive by definition or someone else
//# answers for it: current->mm (also through a local, or with the use in a
//# function that compares the mm with current->mm), vma->vm_mm (a VMA is
//# only reached under the lock of its live mm), walk->mm of a struct
//# mm_walk (page walk callbacks run under the lock of the walked mm),
//# task->mm (the task's own rules apply), and an mm that is a struct
//# mm_struct * parameter of the function (its callers hold it or not).
//# zap_page_range_single() and zap_vma_ptes() take a VMA, not an mm, and
//# are not live uses here. MA_STATE(), VMA_ITERATOR() and vma_iter_init()
//# only set an iterator up: when the function uses the same mm live later
//# (its mmap lock, after a checked mmget_not_zero()), that use is judged,
//# not the set-up.
//# A checked mmget_not_zero() counts as held on every path through its
//# test; one whose result is ignored does not, and neither does one that
//# was dropped with mmput() before the use. An mm kept alive by other
//# means is a false positive: a caller that took mmget_not_zero(), an
//# ioctl that checked that the mm is current->mm, an mm_users or owner
//# test under the mmap lock against a teardown that takes the lock for
//# writing (ksm, khugepaged), an mmu_notifier whose .release stops every
//# user.
//# There is no patch mode: a safe fix needs the function's own way of
//# bailing out.
//#
// Confidence: Moderate
// Copyright: (C) 2026 The mmcheck authors.
// Comments: rule id mm-live-mmgrab-only; `mmcheck explain RULE-ID` prints
//  its catalogue entry.
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@initialize:python@
@@
import re

# (file, function) -> {identifier: type}, for the roots of field accesses
types = {}
# (file, function, line, col) -> [api, mm, position]
uses = {}
# (file, line, col) of uses with a path that holds no mm_users reference
unheld = set()
# (file, line, col) of uses after an mmget_not_zero() whose result is
# ignored, or after mmput()
ignored = set()
# (file, line, col, origin) of uses held through the origin of a local
origin_held = set()
# file -> its lines, for api_at()
lines_of = {}
# (file, function, local) -> [(line, origin, key)]
origins = {}
# (file, function) -> [(mm, line)] of mmgrab()
grabs = {}
# (file, function, mm) compared with current->mm
current_cmp = set()
# (file, function, name) of the parameters
params = set()
# (file, function) calling kthread_use_mm() or use_mm()
kthread_fns = set()
# (file, function) of work functions and thread functions
work_fns = set()
# (file, line, col) -> the live-use fact or None
judged = {}
# (file, line, col) already printed
printed = set()
# (file, function, mm) already reported
reported = set()

def where(p):
    return (p.file, int(p.line), int(p.column))

def norm(e):
    # "priv -> mm" becomes "priv->mm", as the source writes it
    s = " ".join(str(e).split())
    s = re.sub(r" ?(->|\.) ?", r"\1", s)
    s = re.sub(r" ?([\[\]\)]) ?", r"\1", s)
    s = re.sub(r"([\(\[&!~]) ", r"\1", s)
    s = re.sub(r"(\w) \(", r"\1(", s)
    return s

def note_type(p, r, t):
    types.setdefault((p.file, p.current_element), {})[str(r)] = str(t)

def field_key(p, e):
    # "priv->mm" with priv a "struct foo *" gives "struct foo ->mm"
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

def api_at(p):
    # the name of the function or macro called at p
    lines = lines_of.get(p.file)
    if lines is None:
        with open(p.file, errors="replace") as f:
            lines = lines_of[p.file] = f.read().split("\n")
    m = re.match(r"\w+", lines[int(p.line) - 1][int(p.column):])
    return m.group(0) if m else "?"

def add_use(p, mm):
    uses[where(p)] = (api_at(p), norm(mm), p)

CURRENT = ("current->mm", "current->active_mm")

def alive_by_definition(e, key):
    # the mm of current, of a VMA, of a task, of a page walk
    if e in CURRENT:
        return True
    if key and (key.endswith("->vm_mm") or key.endswith(".vm_mm") or
                key.startswith("struct task_struct ") or
                key.startswith("struct mm_walk ")):
        return True
    return False

# MA_STATE(), VMA_ITERATOR() and vma_iter_init() set an iterator up; the
# VMA tree is read when it is walked, under the mmap lock. Declared before
# a checked mmget_not_zero() and walked after it, the set-up is not the
# use: a later live use of the same mm in the function is judged instead.
SETUP = ("MA_STATE", "VMA_ITERATOR", "vma_iter_init")

def used_later(w, api, mm, p):
    return api in SETUP and any(
        u[0] not in SETUP and u[1] == mm and
        u[2].current_element == p.current_element and x[0] == w[0] and
        x[1] > w[1] for x, u in uses.items())

def judge(w):
    """The live-use fact for the use at w, or None."""
    api, mm, p = uses[w]
    fn = p.current_element
    if w not in unheld and w not in ignored:
        return None
    if used_later(w, api, mm, p):
        return None
    cands = [mm]
    key = None
    if re.match(r"^\w+$", mm):
        # a local: the last copy before the use decides
        before = [o for o in origins.get((p.file, fn, mm), [])
                  if o[0] < int(p.line)]
        if before:
            line, origin, okey = max(before)
            if (w + (origin,)) in origin_held and w not in ignored:
                return None
            if alive_by_definition(origin, okey):
                return None
            cands.append(origin)
            key = okey
        elif (p.file, fn, mm) in params:
            return None
    else:
        key = field_key(p, mm)
    if alive_by_definition(mm, key):
        return None
    if any((p.file, fn, c) in current_cmp for c in cands):
        return None
    grab = [l for (x, l) in grabs.get((p.file, fn), []) if x in cands and
            l <= int(p.line)]
    grab_line = min(grab) if grab else 0
    if not key and not grab_line:
        return None
    if (p.file, fn) in kthread_fns:
        ctx = "kthread"
    elif (p.file, fn) in work_fns:
        ctx = "work"
    else:
        ctx = "other"
    return {"fact": "live-use", "file": p.file, "line": int(p.line),
            "col": int(p.column) + 1, "function": fn, "api": api, "mm": mm,
            "key": key, "grab_line": grab_line, "context": ctx}

def first_grabbed(p):
    # the fact of the first use of an mm pinned here by mmgrab()
    w = where(p)
    d = judged.get(w)
    if not d or not d["grab_line"]:
        return None
    k = (d["file"], d["function"], d["mm"])
    firsts = [x for x, e in judged.items()
              if e and e["grab_line"] and
              (e["file"], e["function"], e["mm"]) == k]
    if w != min(firsts) or w in printed:
        return None
    printed.add(w)
    return d

def is_grabbed_use(p):
    d = judged.get(where(p))
    return bool(d and d["grab_line"])

// Every live use, and the mm it works on.
// The live uses: spatch skips the files with none of them.
@anchor@
expression E;
@@
(
\(mmap_read_lock\|mmap_write_lock\|mmap_read_trylock\|mmap_read_lock_killable\|mmap_write_lock_killable\|mmap_write_lock_nested\|find_vma\|find_vma_prev\|find_vma_intersection\|find_extend_vma\|find_extend_vma_locked\|vma_lookup\|VMA_ITERATOR\|vma_iter_init\|get_user_pages_remote\|pin_user_pages_remote\|fixup_user_fault\|access_remote_vm\|walk_page_range\|walk_page_range_novma\)(...)
|
E->mmap_lock
|
E->mmap_sem
|
E->mm_mt
)

// The kernel modes report only an mm that the function pins with
// mmgrab(): they skip the files without one.
@grabbed depends on context || org || report@
@@
mmgrab(...)

@use depends on anchor && (grabbed || !(context || org || report))@
identifier fn0 = {mmap_read_lock, mmap_write_lock, mmap_read_trylock,
                  mmap_read_lock_killable, mmap_write_lock_killable,
                  mmap_write_lock_nested,
                  find_vma, find_vma_prev, find_vma_intersection,
                  find_extend_vma, find_extend_vma_locked, vma_lookup,
                  get_user_pages_remote, pin_user_pages_remote,
                  fixup_user_fault, access_remote_vm, walk_page_range,
                  walk_page_range_novma};
identifier gup = {get_user_pages_remote, pin_user_pages_remote};
identifier sem = {down_read, down_write, down_read_trylock,
                  down_write_trylock, down_read_killable,
                  down_write_killable, down_read_interruptible};
identifier lock = {mmap_sem, mmap_lock};
identifier it = {VMA_ITERATOR, vma_iter_init};
identifier f;
expression mm, t, x, e3, e4, e5, e6, e7, e8;
position p;
@@
(
gup@p(t, mm, e3, e4, e5, e6, e7, e8)
|
fn0@p(mm, ...)
|
sem@p(&mm->lock)
|
it@p(x, mm, ...)
|
f@p(..., &mm->mm_mt, ...)
)

@script:python@
mm << use.mm;
p << use.p;
@@
add_use(p[0], mm)

// The types of the identifiers in the use's arguments, to name a field by
// its struct type rather than by the variable that reaches it.
@useroot depends on anchor && (grabbed || !(context || org || report))@
position use.p;
identifier f;
type T;
idexpression T r;
@@
f@p(..., <+... r ...+>, ...)

@script:python@
p << use.p;
r << useroot.r;
T << useroot.T;
@@
note_type(p[0], r, T)

// Where a local was copied from, in the same function.
@origin depends on anchor && (grabbed || !(context || org || report))@
expression use.mm;
expression E;
position q;
@@
mm@q = E

@originroot depends on anchor && (grabbed || !(context || org || report))@
expression use.mm;
position origin.q;
type T;
idexpression T r;
position rq;
@@
mm@q = <+... r@rq ...+>

@script:python@
rq << originroot.rq;
r << originroot.r;
T << originroot.T;
@@
note_type(rq[0], r, T)

@script:python@
mm << use.mm;
E << origin.E;
q << origin.q;
@@
if re.match(r"^\w+$", norm(mm)):
    origins.setdefault((q[0].file, q[0].current_element, norm(mm)),
                       set()).add((int(q[0].line), norm(E),
                                   field_key(q[0], E)))

// A path from the function entry to the use that takes no mm_users
// reference on the same expression.
@unheld_path depends on anchor && (grabbed || !(context || org || report)) exists@
expression use.mm;
position use.p, up;
identifier f;
expression t;
@@
... when != mmget(mm)
    when != mmget_not_zero(mm)
    when != mm = get_task_mm(t)
    when != mm = mm_access(...)
    when != mm = mm_alloc()
f@p@up(...)

@script:python@
p << unheld_path.up;
@@
unheld.add(where(p[0]))

// The same for the expression a local was copied from:
// if (!mmget_not_zero(priv->mm)) ...; mm = priv->mm; mmap_read_lock(mm);
@unheld_origin depends on anchor && (grabbed || !(context || org || report)) exists@
expression origin.E;
position use.p, up;
identifier f;
expression t;
@@
... when != mmget(E)
    when != mmget_not_zero(E)
    when != E = get_task_mm(t)
    when != E = mm_access(...)
f@p@up(...)

@script:python@
p << use.p;
E << origin.E;
@@
origin_held.add(where(p[0]) + (norm(E),))

@script:python@
p << unheld_origin.up;
E << origin.E;
@@
origin_held.discard(where(p[0]) + (norm(E),))

// An mmget_not_zero() called for its side effect is no reference.
@ignored_use depends on anchor && (grabbed || !(context || org || report)) exists@
expression use.mm;
position use.p, up, q;
identifier f;
@@
mmget_not_zero@q(mm);
...
f@p@up(...)

@script:python@
p << ignored_use.up;
@@
ignored.add(where(p[0]))

// A path on which the reference was dropped before the use: an mm_users
// reference traded for mmgrab() (get_task_mm(), mmgrab(), mmput()).
@released depends on anchor && (grabbed || !(context || org || report)) exists@
expression use.mm;
position use.p, up;
identifier f;
expression t, e;
@@
\(mmput(mm)\|mmput_async(mm)\)
... when != mm = e
    when != mmget(mm)
    when != mmget_not_zero(mm)
    when != mm = get_task_mm(t)
    when != mm = mm_access(...)
f@p@up(...)

@script:python@
p << released.up;
@@
ignored.add(where(p[0]))

@grab depends on anchor && (grabbed || !(context || org || report))@
expression x;
position q;
@@
mmgrab@q(x)

@script:python@
x << grab.x;
q << grab.q;
@@
grabs.setdefault((q[0].file, q[0].current_element), []).append(
    (norm(x), int(q[0].line)))

@curcmp depends on anchor && (grabbed || !(context || org || report))@
symbol current;
identifier fld = {mm, active_mm};
expression x;
position q;
@@
(
x@q == current->fld
|
current->fld == x@q
|
x@q != current->fld
|
current->fld != x@q
)

@script:python@
x << curcmp.x;
q << curcmp.q;
@@
current_cmp.add((q[0].file, q[0].current_element, norm(x)))

// Only the mm parameters: every other one would cost a script call.
@param depends on anchor && (grabbed || !(context || org || report))@
identifier f, x;
position q;
@@
f@q(..., struct mm_struct *x, ...) {...}

@script:python@
f << param.f;
x << param.x;
q << param.q;
@@
params.add((q[0].file, str(f), str(x)))

@kuse depends on anchor && (grabbed || !(context || org || report))@
identifier fn = {kthread_use_mm, use_mm};
position q;
@@
fn@q(...)

@script:python@
q << kuse.q;
@@
kthread_fns.add((q[0].file, q[0].current_element))

@workfn depends on anchor && (grabbed || !(context || org || report))@
identifier f, w;
type T;
position q;
@@
(
T f@q(..., struct work_struct *w, ...) {...}
|
T f@q(..., struct kthread_work *w, ...) {...}
|
int f@q(void *w) {...}
)

@script:python@
f << workfn.f;
q << workfn.q;
@@
work_fns.add((q[0].file, str(f)))

// The verdict on each use, once everything above is known.
@script:python@
p << use.p;
@@
w = where(p[0])
if w in uses and w not in judged:
    judged[w] = judge(w)

@script:python depends on report@
p << use.p;
@@
d = first_grabbed(p[0])
if d:
    coccilib.report.print_report(p[0],
        "WARNING: %s(%s) on an mm pinned only by mmgrab() (line %d): take "
        "mm_users with mmget_not_zero() first [mm-live-mmgrab-only]"
        % (d["api"], d["mm"], d["grab_line"]))

@script:python depends on org@
p << use.p;
@@
d = first_grabbed(p[0])
if d:
    cocci.print_main("%s(%s) on an mm pinned only by mmgrab()"
                     % (d["api"], d["mm"]), p)

@depends on context && anchor && grabbed@
identifier f;
position p : script:python() { is_grabbed_use(p[0]) };
@@
* f@p(...)
