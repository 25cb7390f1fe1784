// SPDX-License-Identifier: GPL-2.0-only
/// The fixes of `mmcheck fix` for the uses of kthread_use_mm() and
/// use_mm() that the driver judged unsafe. Driver-only: the driver names
/// each use to fix and the shape of its fix in MMCHECK_FIX; nothing else
/// is touched. In the facts mode it prints, per named use, a "fix" fact
/// (the statement that bails out, when the shape needs one) or a "no-fix"
/// fact with the reason; the patch mode writes the fix.
// Mmcheck: fix
//#
//# MMCHECK_FIX is "file.c:LINE:SHAPE,..." (the file as given to spatch,
//# the line of the kthread_use_mm() call; a missing SHAPE is "hold"):
//#  hold       the mm is pinned by mmgrab() alone: "if (!mmget_not_zero(mm))
//#             <bail-out>" before the use, "mmput(mm);" after each unuse
//#             that ends it.
//#  check      an mmget_not_zero(mm); before the use whose result is
//#             ignored: test it, with the same bail-out.
//#  put-order  mmput(mm) before the unuse: move it after the unuse.
//#  unuse      a return after the use that leaves the mm in use: unuse
//#             (and mmput() when the function drops its reference after
//#             the unuse) before it; or, when the unuse follows a label
//#             and only releases and a return of a variable follow it,
//#             set that variable and jump to the label.
//#  live       a live use of an mm pinned by mmgrab() alone: the line
//#             names mmap_read_lock(mm) or mmap_write_lock(mm), which
//#             gets the hold shape, mmput(mm) after each unlock that ends
//#             the locked span.
//# The bail-out imitates one the function has: a return; before the use
//# in a void function, else its first return -E...; (return NULL; or ERR_PTR(-E...)
//# in a pointer function, return false; in a bool one) outside the use.
//# When something taken before the use would leak, the bail-out first
//# runs the release calls that follow the unuse (put_task_struct(tsk);)
//# when they release everything taken, else it reuses an existing
//# "err = -E...; goto label;" from a place that holds the same, to a label
//# after the use. With no such bail-out there is no patch for that use,
//# never a partial one: also not in macros, for mm expressions with side
//# effects, in loops that clean up after, for uses that some path leaves
//# unbalanced, that an mmput() already follows, or that hold a reference
//# on some paths.
//#
// Options: --no-includes --include-headers

virtual patch
virtual facts

@initialize:python@
@@
import json
import os
import re

API = ("use_mm", "kthread_use_mm")
UNUSE = {"kthread_use_mm": "kthread_unuse_mm", "use_mm": "unuse_mm",
         "mmap_read_lock": "mmap_read_unlock",
         "mmap_write_lock": "mmap_write_unlock"}
LOCK = ("mmap_read_lock", "mmap_write_lock")
SHAPES = ("hold", "check", "put-order", "unuse", "live")
PURE_MM = re.compile(r"^[A-Za-z_]\w*(?:(?:->|\.)[A-Za-z_]\w*|\[\w+\])*$")
ERRNO = re.compile(r"^-E[A-Z0-9]+$")
ERR_PTR = re.compile(r"^ERR_PTR\(-E[A-Z0-9]+\)$")
# Name parts of calls that take or give back something a bail-out could
# leak or skip: locks, references, allocations, mappings.
ACQ = {"lock", "trylock", "get", "grab", "mmgrab", "mmget", "acquire",
       "alloc", "kmalloc", "kzalloc", "kcalloc", "vmalloc", "vzalloc",
       "kvmalloc", "kvzalloc", "hold", "pin", "take", "begin", "enter",
       "disable", "down", "save", "irqsave", "kmap", "map", "reserve",
       "prepare", "start", "open", "ref"}
REL = {"unlock", "put", "mmput", "drop", "mmdrop", "release", "free",
       "kfree", "vfree", "kvfree", "end", "exit", "enable", "up", "restore",
       "irqrestore", "kunmap", "unmap", "unpin", "unreserve", "finish",
       "stop", "close", "deref"}
NOT_RESOURCE = {"kthread_use_mm", "use_mm", "kthread_unuse_mm", "unuse_mm",
                "get_user", "put_user", "mmget_not_zero"}

def norm_path(f):
    f = os.path.normpath(f.strip())
    while f.startswith("./"):
        f = f[2:]
    return f

# (file, line) -> shape
fix_sites = {}
for w in os.environ.get("MMCHECK_FIX", "").split(","):
    parts = w.strip().rsplit(":", 2)
    if len(parts) == 3 and not parts[1].isdigit():
        parts = [parts[0] + ":" + parts[1], parts[2]]
    if len(parts) == 2:
        parts.append("hold")
    if len(parts) == 3 and parts[1].strip().isdigit() and parts[2] in SHAPES:
        fix_sites[(norm_path(parts[0]), int(parts[1]))] = parts[2]

in_macro = {}           # where(p) -> name of the #define holding the use
conditional = set()     # uses under an if
released_at = set()     # where(p) reached after mmput()
no_unuse_at = set()     # where(p): a path out of the function skips the unuse
put_after_use = set()   # where(p) followed by mmput() of the same mm
put_in_use = {}         # where(p) -> [(line, col)] of mmput() while in use
put_stmt = set()        # (file, line, col) of mmput(mm); statements
in_loop = set()
stmt_use = set()
first_unuse = {}        # where(p) -> {(line, col, same API)}: its unuses
unuse_stmt = set()      # where(p) + (line, col) of those that are statements
fn_type = {}            # where(p) -> return type of the function
ignored = {}            # (file, fn, mm) -> [(line, col)] of ignored tests
calls = {}              # (file, function) -> [(name, line)]
refops = {}             # (file, function) -> [(op, mm, line)]
returns = {}            # (file, function) -> [(line, expression)]
gotos = {}              # (file, function) -> {line: (label, "V = E;" or None)}
unuses = {}             # (file, function) -> [(mm, line)] of unuse and mmput
assigns = {}            # (file, function) -> [(name, line)] of assignments
decided = {}            # where(p) -> (shape, bail or "", line of the test)
labels = {}             # where(p) -> (label to add, line of the unuse)
unuse_goto = {}         # where(p) -> (label of the unuse, returned var)

def where(p):
    return (p.file, int(p.line), int(p.column))

def fkey(p):
    return (p.file, p.current_element)

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

def shape_of(p):
    f = norm_path(p.file)
    for ((g, line), shape) in fix_sites.items():
        if line == int(p.line) and (f == g or f.endswith("/" + g) or
                                    g.endswith("/" + f)):
            return shape
    return None

def selected(p):
    return shape_of(p) is not None

def kind(name, parts):
    return name in parts or any(x in parts for x in name.split("_"))

def resources(p, lo, hi):
    # the calls between lines lo and hi (exclusive) that take something
    return [(n, l) for (n, l) in calls.get(fkey(p), [])
            if lo < l < hi and n not in NOT_RESOURCE and kind(n, ACQ)
            and not kind(n, REL)]

def source_lines(p):
    try:
        with open(p.file, errors="replace") as fp:
            return fp.read().split("\n")
    except OSError:
        return []

def label_line(p, label):
    lines = source_lines(p)
    lo, hi = int(p.current_element_line), int(p.current_element_line_end)
    for i in range(lo, min(hi, len(lines))):
        if re.match(r"^\s*%s\s*:(?!:)" % re.escape(label), lines[i]):
            return i + 1
    return None

CALL_STMT = re.compile(r"^\s*(\w+)\(([^;]*)\);\s*$")

def release_calls(p, unuse_line, n):
    # the n release calls right after the unuse (put_task_struct(tsk);),
    # as statements, or None when the lines there are not n such calls
    lines = source_lines(p)
    out = []
    for i in range(unuse_line, min(unuse_line + n, len(lines))):
        m = CALL_STMT.match(lines[i])
        if not m or m.group(1) in NOT_RESOURCE or m.group(1) in \
           ("mmput", "mmput_async") or not kind(m.group(1), REL):
            return None
        out.append("%s(%s);" % (m.group(1), m.group(2).strip()))
    return out if len(out) == n else None

TOP_STMT = re.compile(r"^\t[^\t\s]")
RETURN_VAR = re.compile(r"^\treturn ([a-z_]\w*);\s*$")
CLOSE = "\x7d"          # the function's closing brace

def label_name(p, frees):
    # out_unlock, out_put, ...: from the first release, not yet a label
    words = [w for w in frees[0].split("(")[0].split("_") if w in REL]
    base = "out_" + (words[0] if words else "release")
    name, k = base, 1
    while label_line(p, name) is not None:
        k += 1
        name = "%s%d" % (base, k)
    return name

def label_exit(p, t, ret, end, frees):
    # "{ V = -E; goto out_X; }" with the label out_X to add before the
    # release sequence after the unuse on line end, when that sequence
    # ends the function (then "return V;" or the closing brace) and the
    # use and its unuse are statements of the function's own body, or None
    lines = source_lines(p)
    unuse = first_unuse.get(where(p), set())
    if len(unuse) != 1 or not TOP_STMT.match(lines[int(p.line) - 1]) or \
       not TOP_STMT.match(lines[end - 1]):
        return None
    rest = [l for l in lines[end + len(frees):] if l.strip()]
    if not rest:
        return None
    name = label_name(p, frees)
    if t == "void" and (rest[0] == CLOSE or
                        (rest[0] == "\treturn;" and rest[1:2] == [CLOSE])):
        labels[where(p)] = (name, end)
        return "goto %s;" % name
    m = RETURN_VAR.match(rest[0])
    e = re.match(r"^return (.*);$", ret)
    if t != "void" and m and rest[1:2] == [CLOSE] and e:
        labels[where(p)] = (name, end)
        return "{ %s = %s; goto %s; }" % (m.group(1), e.group(1), name)
    return None

def label_at(p, u):
    # the unuse u of the use p gets the mmput() and then the new label
    l = labels.get(where(p[0]))
    return (is_shape(p[0], "hold") or is_shape(p[0], "live")) and \
        l is not None and \
        l[1] == int(u[0].line)

def returned_vars(p):
    return set(norm(e) for (l, e) in returns.get(fkey(p), []))

def plain_return(p, t, at, inside):
    # the own error return of the function, outside the use; in a void
    # function a return; before the test, which already skips all that
    # follows (completions, frees) on some path
    if t == "void":
        if any(e == "" and l < at and not inside(l)
               for (l, e) in returns.get(fkey(p), [])):
            return "return;"
        return None
    for (l, e) in sorted(returns.get(fkey(p), [])):
        e = re.sub(r"\s+", "", e)
        if inside(l):
            continue
        if t.endswith("*") and (e == "NULL" or ERR_PTR.match(e)):
            return "return %s;" % e
        if t == "bool" and e == "false":
            return "return false;"
        if not t.endswith("*") and t != "bool" and ERRNO.match(e):
            return "return %s;" % e
    return None

def returned_names(p, after):
    # the names in the expressions the function returns after line after
    names = set()
    for (l, e) in returns.get(fkey(p), []):
        if l >= after:
            names |= set(re.findall(r"[A-Za-z_]\w*", e))
    return names

def assigned_between(p, names, lo, hi):
    return any(lo < l < hi and n in names
               for (n, l) in assigns.get(fkey(p), []))

def goto_exit(p, mm, t, at, end, inside):
    # an existing goto to a label after the use, from a place that holds
    # what the place of the test holds
    for (g, (label, assign)) in sorted(gotos.get(fkey(p), {}).items()):
        if inside(g):
            continue
        ll = label_line(p, label)
        if ll is None or ll <= end:
            continue
        if resources(p, min(g, at), max(g, at)):
            continue
        if any(l >= ll for (x, l) in unuses.get(fkey(p), []) if x == mm):
            continue
        if t != "void" and not assign:
            # the function returns what it returns on the existing path
            # when nothing it returns is assigned between the two places
            if assigned_between(p, returned_names(p, ll), min(g, at),
                                max(g, at)):
                continue
        elif t != "void":
            if assign[0] not in returned_vars(p) or \
               not (ERRNO.match(assign[1]) or
                    (t.endswith("*") and ERR_PTR.match(assign[1]))):
                continue
        if assign:
            return "{ %s = %s; goto %s; }" % (assign[0], assign[1], label)
        return "goto %s;" % label
    return None

def use_checks(p, fn, mm):
    # why the use cannot be fixed whatever the shape, or None
    w = where(p)
    if (str(fn) in LOCK) != (shape_of(p) == "live"):
        return "%s() is not the use that shape %s fixes" % (fn, shape_of(p))
    if str(fn) not in UNUSE:
        return "a call of the wrapper %s(): fix the use inside it" % fn
    if w in in_macro:
        return "the use is in the body of macro %s()" % in_macro[w]
    if not PURE_MM.match(norm(mm)):
        return "the mm expression %s may have side effects" % norm(mm)
    if w not in stmt_use:
        return "the use is not a statement of its own"
    return None

def unuse_end(p, fn, mm):
    # (line of the last unuse that ends the use, None), or (None, why)
    w = where(p)
    unuse = first_unuse.get(w, set())
    if not unuse:
        return None, "no %s(%s) follows the use" % (UNUSE[str(fn)], norm(mm))
    if not all(ok for (l, c, ok) in unuse):
        return None, "the use is ended by the other API's unuse"
    if any(w + (l, c) not in unuse_stmt for (l, c, ok) in unuse):
        return None, "an unuse that ends the use is not a statement of its own"
    return max(l for (l, c, ok) in unuse), None

def plan_bail(p, fn, mm, at, end):
    # the statement that bails out at line at (the test before the use),
    # or (None, why)
    line = int(p.line)
    inside = lambda l: min(at, line) <= l <= end
    rel = [(n, l) for (n, l) in calls.get(fkey(p), [])
           if l > line and n not in NOT_RESOURCE and kind(n, REL)]
    held = resources(p, 0, at)
    if where(p) in in_loop and (rel or held):
        return None, "the use is in a loop and a bail-out would skip %s() " \
            "on line %d" % (rel or held)[0]
    t = " ".join(fn_type.get(where(p), "").split())
    ret = plain_return(p, t, at, inside)
    if ret and (not held or not rel):
        return ret, None
    if ret and held:
        # release what was taken, as the function does after the unuse:
        # through a label before that release sequence when it ends the
        # function, else with a copy of it
        frees = release_calls(p, end, len(held))
        if frees:
            lab = label_exit(p, t, ret, end, frees)
            if lab:
                return lab, None
            return "{ %s %s }" % (" ".join(frees), ret), None
    g = goto_exit(p, norm(mm), t, at, end, inside)
    if g:
        return g, None
    if held and rel:
        return None, "%s() on line %d takes something that a plain return " \
            "would leave taken, and neither its release after the unuse " \
            "nor a goto exit fits" % held[0]
    if t == "void":
        return None, "%s() has no return; before the use to imitate: a " \
            "bail-out would skip what it always does after the use" \
            % p.current_element
    return None, "%s() has no error exit to imitate" % p.current_element

def taken_here(p, mm):
    return [(op, l) for (op, x, l) in refops.get(fkey(p), [])
            if x == norm(mm) and op in ("mmget", "mmget_not_zero",
                                         "get_task_mm", "mm_access",
                                         "mm_alloc")]

def plan_hold(p, fn, mm):
    w = where(p)
    if w in released_at:
        return None, "the use can follow mmput() of the same mm: reorder by hand"
    taken = taken_here(p, mm)
    if taken:
        return None, "%s() on line %d takes a reference on some paths only" \
            % taken[0]
    if w in put_after_use:
        return None, "mmput(%s) already follows the use" % norm(mm)
    end, why = unuse_end(p, fn, mm)
    if why:
        return None, why
    if w in no_unuse_at and w not in conditional:
        return None, "a path out of %s() leaves the mm in use" \
            % p.current_element
    return plan_bail(p, fn, mm, int(p.line), end)

def ignored_test(p, mm):
    # the one ignored mmget_not_zero(mm); before the use, or None
    tests = [t for t in ignored.get((p.file, p.current_element, norm(mm)), [])
             if t[0] < int(p.line)]
    return tests[0] if len(tests) == 1 else None

def plan_check(p, fn, mm):
    t = ignored_test(p, mm)
    if not t:
        return None, "no single mmget_not_zero(%s); before the use to test" \
            % norm(mm)
    if not where(p) in put_after_use:
        return None, "no mmput(%s) after the use drops what the test takes" \
            % norm(mm)
    end, why = unuse_end(p, fn, mm)
    if why:
        return None, why
    return plan_bail(p, fn, mm, t[0], end)

def plan_order(p, fn, mm):
    puts = put_in_use.get(where(p), [])
    if len(puts) != 1:
        return None, "not a single mmput(%s) while the mm is in use" % norm(mm)
    if (p.file,) + puts[0] not in put_stmt:
        return None, "the mmput() is not a statement of its own"
    end, why = unuse_end(p, fn, mm)
    if why:
        return None, why
    if where(p) in no_unuse_at and where(p) not in conditional:
        return None, "a path out of %s() leaves the mm in use" \
            % p.current_element
    return "", None

def plan_unuse(p, fn, mm):
    if where(p) not in no_unuse_at:
        return None, "every path out of %s() unuses the mm" % p.current_element
    end, why = unuse_end(p, fn, mm)
    if why:
        return None, why
    if where(p) in in_loop:
        return None, "the use is in a loop"
    g = exit_label(p, end)
    if g:
        unuse_goto[where(p)] = g
        return "goto %s;" % g[0], None
    return "", None

LABEL = re.compile(r"^(\w+):\s*$")

def exit_label(p, end):
    # (label, returned variable or None) when the one unuse on line end
    # directly follows a label and the function then only releases and
    # returns a variable (or nothing, in a void function): the paths that
    # leave the mm in use can jump there
    lines = source_lines(p)
    if len(first_unuse.get(where(p), set())) != 1 or end < 2:
        return None
    m = LABEL.match(lines[end - 2])
    if not m:
        return None
    rest = [l for l in lines[end:] if l.strip()]
    i = 0
    while i < len(rest) and CALL_STMT.match(rest[i]) and \
            kind(CALL_STMT.match(rest[i]).group(1), REL):
        i += 1
    t = " ".join(fn_type.get(where(p), "").split())
    if t == "void" and rest[i:i + 1] in (["\treturn;"], [CLOSE]):
        return (m.group(1), None)
    r = RETURN_VAR.match(rest[i]) if i < len(rest) else None
    if t != "void" and r and rest[i + 1:i + 2] == [CLOSE]:
        return (m.group(1), r.group(1))
    return None

PLANS = {"hold": plan_hold, "check": plan_check, "put-order": plan_order,
         "unuse": plan_unuse, "live": plan_hold}

def decide(p, fn, mm):
    shape = shape_of(p)
    why = use_checks(p, fn, mm)
    bail = None
    if not why:
        bail, why = PLANS[shape](p, fn, mm)
    test = (int(p.line), int(p.column))
    if shape == "check" and bail is not None:
        test = ignored_test(p, mm)
    if bail is not None:
        decided[where(p)] = (shape, bail) + tuple(test)
    return shape, bail, why

def check_at(q, b):
    # the ignored test at q, with the bail-out b chosen for it
    same = lambda x: re.sub(r"\s+", "", x)
    return any(d[0] == "check" and w[0] == q.file and
               d[2:] == (int(q.line), int(q.column)) and
               same(d[1]) == same(str(b)) for (w, d) in decided.items())

def order_at(q):
    return any(d[0] == "put-order" and w[0] == q.file and
               (int(q.line), int(q.column)) in put_in_use.get(w, [])
               for (w, d) in decided.items())

def unuse_at(p, with_put):
    d = decided.get(where(p))
    if not d or d[0] != "unuse" or where(p) in unuse_goto:
        return False
    drops = any(x == "mmput" and l > int(p.line)
                for (x, m, l) in refops.get(fkey(p), []))
    return drops == with_put

def unuse_jump_at(p, void):
    d = decided.get(where(p))
    g = unuse_goto.get(where(p))
    return d is not None and d[0] == "unuse" and g is not None and \
        (g[1] is None) == void

def is_shape(p, shape):
    d = decided.get(where(p))
    return d is not None and d[0] == shape

def put_here(p, u):
    return (is_shape(p[0], "hold") or is_shape(p[0], "live")) and \
        not label_at(p, u) and \
        where(p[0]) + (int(u[0].line), int(u[0].column)) in unuse_stmt

// Every call of the API with one argument that the driver names, and
// every mmap lock taken that it names for the live shape.
@use@
identifier fn = {use_mm, kthread_use_mm, mmap_read_lock, mmap_write_lock};
expression mm;
position p : script:python() { selected(p[0]) };
@@
fn@p(mm)

// A use in the body of a #define.
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

// A use under an if: its unuse is usually under the same test.
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

@script:python@
p << released.up;
@@
released_at.add(where(p[0]))

// mmget_not_zero(mm); as a statement: its result is ignored.
@fix_ignored@
expression use.mm;
position q;
@@
mmget_not_zero@q(mm);

@script:python@
mm << use.mm;
q << fix_ignored.q;
@@
ignored.setdefault((q[0].file, q[0].current_element, norm(mm)), []).append(
    (int(q[0].line), int(q[0].column)))

// The reference dropped while the mm is still in use (borrowed, or
// locked for the live shape).
@put_in_use exists@
identifier fn = {kthread_use_mm, use_mm};
expression use.mm;
position use.p, q;
@@
fn@p(...)
... when != kthread_unuse_mm(mm)
    when != unuse_mm(mm)
\(mmput@q(mm)\|mmput_async@q(mm)\)

@script:python@
p << use.p;
q << put_in_use.q;
@@
put_after_use.add(where(p[0]))
put_in_use.setdefault(where(p[0]), []).append((int(q[0].line),
                                               int(q[0].column)))

@put_in_lock exists@
identifier fn = {mmap_read_lock, mmap_write_lock};
expression use.mm;
position use.p, q;
@@
fn@p(...)
... when != mmap_read_unlock(mm)
    when != mmap_write_unlock(mm)
\(mmput@q(mm)\|mmput_async@q(mm)\)

@script:python@
p << use.p;
q << put_in_lock.q;
@@
put_after_use.add(where(p[0]))
put_in_use.setdefault(where(p[0]), []).append((int(q[0].line),
                                               int(q[0].column)))

@put_stmt@
expression use.mm;
position q;
@@
mmput@q(mm);

@script:python@
q << put_stmt.q;
@@
put_stmt.add((q[0].file, int(q[0].line), int(q[0].column)))

// A path out of the function that leaves the mm in use.
@no_unuse exists@
identifier fn = {kthread_use_mm, use_mm};
expression use.mm;
position use.p, up;
@@
fn@p@up(...)
... when != kthread_unuse_mm(mm)
    when != unuse_mm(mm)

@script:python@
p << no_unuse.up;
@@
no_unuse_at.add(where(p[0]))

@no_unlock exists@
identifier fn = {mmap_read_lock, mmap_write_lock};
expression use.mm;
position use.p, up;
@@
fn@p@up(...)
... when != mmap_read_unlock(mm)
    when != mmap_write_unlock(mm)

@script:python@
p << no_unlock.up;
@@
no_unuse_at.add(where(p[0]))

// A path from the use that drops the reference.
@some_put exists@
identifier use.fn;
expression use.mm;
position use.p, up;
@@
fn@p@up(...)
...
\(mmput(mm)\|mmput_async(mm)\)

@script:python@
p << some_put.up;
@@
put_after_use.add(where(p[0]))

@refop@
identifier op = {mmget, mmget_not_zero, mmgrab, mmput, mmput_async, mmdrop};
expression mm;
position q;
@@
op@q(mm)

@script:python@
op << refop.op;
mm << refop.mm;
q << refop.q;
@@
refops.setdefault(fkey(q[0]), []).append((str(op), norm(mm), int(q[0].line)))

@refret@
identifier op = {get_task_mm, mm_access, mm_alloc};
expression mm;
position q;
@@
mm = op@q(...)

@script:python@
op << refret.op;
mm << refret.mm;
q << refret.q;
@@
refops.setdefault(fkey(q[0]), []).append((str(op), norm(mm), int(q[0].line)))

// The use is in a loop: a path leads from it back to itself.
@fix_loop exists@
identifier use.fn;
position use.p, up;
@@
fn@p@up(...)
... when any
fn@p(...)

@script:python@
p << fix_loop.up;
@@
in_loop.add(where(p[0]))

@fix_stmt@
identifier use.fn;
expression use.mm;
position use.p, up;
@@
fn@p@up(mm);

@script:python@
p << fix_stmt.up;
@@
stmt_use.add(where(p[0]))

// The unuses that end the use: the first one on each path from it.
@fix_unuse exists@
identifier use.fn;
expression use.mm;
position use.p;
identifier un = {kthread_unuse_mm, unuse_mm, mmap_read_unlock,
                 mmap_write_unlock};
position u;
@@
fn@p(mm)
... when != un(mm)
un@u(mm)

@fix_unuse_stmt@
expression use.mm;
identifier fix_unuse.un;
position fix_unuse.u, us;
@@
un@u@us(mm);

@script:python@
fn << use.fn;
p << use.p;
un << fix_unuse.un;
u << fix_unuse.u;
@@
# an unlock inside a borrowed span, or an unuse inside a locked one,
# ends nothing
if (str(fn) in LOCK) == str(un).startswith("mmap_"):
    first_unuse.setdefault(where(p[0]), set()).add(
        (int(u[0].line), int(u[0].column), str(un) == UNUSE.get(str(fn))))

@script:python@
p << use.p;
u << fix_unuse_stmt.us;
@@
unuse_stmt.add(where(p[0]) + (int(u[0].line), int(u[0].column)))

@fix_type@
identifier use.fn;
position use.p;
type T;
identifier f;
@@
T f(...) { <+... fn@p(...) ...+> }

@script:python@
p << use.p;
T << fix_type.T;
@@
fn_type[where(p[0])] = str(T)

// Calls that may take or give back something, error exits and labels.
@fix_calls depends on use@
identifier g =~ "lock|get|grab|acquire|alloc|hold|pin|take|begin|enter|disable|down|save|map|reserve|prepare|start|open|ref|put|drop|release|free|end|exit|enable|up|restore|finish|stop|close";
position q;
@@
g@q(...)

@script:python@
g << fix_calls.g;
q << fix_calls.q;
@@
calls.setdefault(fkey(q[0]), []).append((str(g), int(q[0].line)))

@fix_ret depends on use@
expression E;
position r;
@@
return@r E;

@script:python@
E << fix_ret.E;
r << fix_ret.r;
@@
returns.setdefault(fkey(r[0]), []).append((int(r[0].line), str(E)))

@fix_ret_void depends on use@
position r;
@@
return@r;

@script:python@
r << fix_ret_void.r;
@@
returns.setdefault(fkey(r[0]), []).append((int(r[0].line), ""))

// An existing error exit that is only a goto, or only "V = E; goto L;":
// an exit that does more before it jumps cannot be imitated by the jump.
@fix_goto depends on use@
expression C;
identifier L;
position g;
@@
if (C) goto@g L;

@script:python@
L << fix_goto.L;
g << fix_goto.g;
@@
gotos.setdefault(fkey(g[0]), {})[int(g[0].line)] = (str(L), None)

// Assignments: a jump to an exit returns what it returns elsewhere
// only when nothing returned is assigned in between.
@fix_assign depends on use@
identifier X;
expression E;
position a;
@@
(
X@a = E
|
X@a += E
|
X@a -= E
|
X@a++
|
X@a--
)

@script:python@
X << fix_assign.X;
a << fix_assign.a;
@@
assigns.setdefault(fkey(a[0]), []).append((str(X), int(a[0].line)))

// A goto that ends a block of calls which release nothing (a warning
// before the jump): the jump alone does what the block does.
@fix_goto_blk depends on use@
expression C;
identifier L;
position g, ip;
@@
if@ip (C) { ... goto@g L; }

@script:python@
L << fix_goto_blk.L;
g << fix_goto_blk.g;
ip << fix_goto_blk.ip;
@@
k = fkey(g[0])
lo, hi = int(ip[0].line), int(g[0].line)
if not any(lo <= l < hi and kind(n, REL) for (n, l) in calls.get(k, [])) \
   and not any(lo <= l < hi for (n, l) in assigns.get(k, [])):
    gotos.setdefault(k, {}).setdefault(hi, (str(L), None))

@fix_goto_set depends on use@
expression C, V, E;
identifier L;
position g;
@@
if (C) {
  V = E;
  goto@g L;
}

@script:python@
L << fix_goto_set.L;
V << fix_goto_set.V;
E << fix_goto_set.E;
g << fix_goto_set.g;
@@
gotos.setdefault(fkey(g[0]), {})[int(g[0].line)] = \
    (str(L), (norm(V), re.sub(r"\s+", "", str(E))))

@fix_unuses depends on use@
identifier un = {kthread_unuse_mm, unuse_mm, mmput, mmput_async};
expression mm;
position q;
@@
un@q(mm)

@script:python@
mm << fix_unuses.mm;
q << fix_unuses.q;
@@
unuses.setdefault(fkey(q[0]), []).append((norm(mm), int(q[0].line)))

// The decision, per use: the fix fact with its bail-out, or why there
// is none.
@script:python fix@
fn << use.fn;
mm << use.mm;
p << use.p;
b;
L;
@@
shape, bail, why = decide(p[0], fn, mm)
coccinelle.L = labels.get(where(p[0]), ("mmcheck_no_label",))[0]
if bail is None:
    fact("no-fix", p[0], mm=norm(mm), shape=shape, why=why)
else:
    fact("fix", p[0], mm=norm(mm), shape=shape, bail=bail)
if bail:
    coccinelle.b = cocci.make_stmt(bail)
else:
    cocci.include_match(False)

// hold: test a new reference before the use, drop it after each unuse;
// when the bail-out jumps to a new label, the label follows the mmput(),
// before the release sequence that ends the function.
@depends on patch@
identifier use.fn;
expression use.mm;
position use.p;
statement fix.b;
identifier fix.L;
identifier un = {kthread_unuse_mm, unuse_mm, mmap_read_unlock,
                 mmap_write_unlock};
position u : script:python(p) { put_here(p, u) };
position v : script:python(p) { label_at(p, v) };
position h : script:python() { is_shape(h[0], "hold") or
                               is_shape(h[0], "live") };
statement S;
@@
(
+ if (!mmget_not_zero(mm))
+	b
  fn@p@h(mm);
|
  un@u(mm);
+ mmput(mm);
|
  un@v(mm);
+ mmput(mm);
+ L:
  S
)

// check: the ignored test, tested.
@depends on patch@
expression mm;
statement fix.b;
position q : script:python(b) { check_at(q[0], b) };
@@
- mmget_not_zero@q(mm);
+ if (!mmget_not_zero(mm))
+	b

// put-order: the mmput() moves after the unuse.
@depends on patch@
identifier fn = {kthread_use_mm, use_mm};
identifier un = {kthread_unuse_mm, unuse_mm};
expression mm;
position q : script:python() { order_at(q[0]) };
@@
  fn(mm);
  ...
- mmput@q(mm);
  ...
  un(mm);
+ mmput(mm);

// unuse: a return that leaves the mm in use unuses it first, and drops
// the reference when the function drops it after the unuse.
@depends on patch exists@
expression mm, E;
position p : script:python() { unuse_at(p[0], True) };
@@
  kthread_use_mm@p(mm);
  ... when != kthread_unuse_mm(mm)
(
+ kthread_unuse_mm(mm);
+ mmput(mm);
  return E;
|
+ kthread_unuse_mm(mm);
+ mmput(mm);
  return;
)

@depends on patch exists@
expression mm, E;
position p : script:python() { unuse_at(p[0], False) };
@@
  kthread_use_mm@p(mm);
  ... when != kthread_unuse_mm(mm)
(
+ kthread_unuse_mm(mm);
  return E;
|
+ kthread_unuse_mm(mm);
  return;
)

// unuse through the function's own exit: a return that leaves the mm in
// use jumps to the label before the unuse, the returned value set first.
@depends on patch exists@
expression mm, E;
position p : script:python() { unuse_jump_at(p[0], False) };
fresh identifier L = script:python(p) { unuse_goto[where(p[0])][0] };
fresh identifier V = script:python(p) { unuse_goto[where(p[0])][1] };
@@
  kthread_use_mm@p(mm);
  ... when != kthread_unuse_mm(mm)
- return E;
+ V = E;
+ goto L;

@depends on patch exists@
expression mm;
position p : script:python() { unuse_jump_at(p[0], True) };
fresh identifier L = script:python(p) { unuse_goto[where(p[0])][0] };
@@
  kthread_use_mm@p(mm);
  ... when != kthread_unuse_mm(mm)
- return;
+ goto L;
