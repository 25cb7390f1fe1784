// SPDX-License-Identifier: GPL-2.0-only
/// Architecture code that reads mm->mm_users, and what each read decides.
/// Some architectures flush the TLB of other CPUs only when the mm may be
/// live elsewhere: when mm_users is 1 and the mm is current->mm they skip
/// the IPI or the broadcast and only mark the other CPUs' contexts stale.
/// A kernel thread that borrows the mm with kthread_use_mm() without an
/// mm_users reference of its own breaks that test, and the other CPU keeps
/// stale TLB entries. This finds every read of mm_users and sorts it:
/// flush-shortcut (a test against one user that decides a TLB flush, an IPI
/// or a deferred free), bug-on, debug, teardown (a test against zero),
/// asm-offsets, other.
//#
//# A read is a flush-shortcut when it is compared with one user (== 1,
//# != 1, <= 1, > 1, < 2, >= 2, either side) and the comparison is in the
//# condition of an if, or in a local that an if of the same function
//# tests later, or is returned by a function or a macro that an if of the
//# same file calls (a helper in a header is not followed into the files
//# that include it); and when that if decides a flush: a branch of it
//# calls one, or its then-branch ends in return or goto and a path from
//# after the if reaches one. Other tests combined with && or || do not
//# matter. A flush is a cross-CPU call (smp_call_function*, on_each_cpu*,
//# smp_on_other_tlbs, smp_cross_call*, xc0..xc4, *send_*ipi*), a TLB
//# flush or invalidation (*flush*tlb*, *tlb*flush*, *tlbie*), a store that
//# narrows mm_cpumask() (cpumask_copy, cpumask_clear, cpumask_and,
//# cpumask_andnot, cpumask_clear_cpu), or a deferred free (call_rcu*,
//# tlb_remove_table*). A comparison with one user that decides none of
//# these is "other": arm64's __check_safe_pte_update() returns early
//# before a debug check, and flushes nothing.
//# Flushes are known by name: one done by a helper with another name is
//# missed, and a flush after an early return counts even when the early
//# return skips it only on some paths. Reads through other calls than
//# atomic_read() and its variants, such as READ_ONCE(mm->mm_users), are
//# listed as "other". Writes and reference counting (atomic_set(),
//# atomic_inc(), atomic_dec_and_test(), atomic_inc_not_zero(), an
//# initializer .mm_users = ATOMIC_INIT(n)) are not listed. The
//# asm-offsets entries let assembly read the count; what that assembly
//# does is not looked at.
//#
// Confidence: High
// Copyright: (C) 2026 The mmcheck authors.
// Comments: rule id mm-users-tlb-shortcut (severity none: it names the
//  architectures where an unreferenced kthread_use_mm() corrupts memory).
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@initialize:python@
@@
import re

def where(p):
    return (p.file, int(p.line), int(p.column))

def start(p):
    return (int(p.line), int(p.column))

def end(p):
    return (int(p.line_end), int(p.column_end))

def norm(e):
    # "vma -> vm_mm" becomes "vma->vm_mm", as the source writes it
    s = " ".join(str(e).split())
    s = re.sub(r" ?(->|\.) ?", r"\1", s)
    s = re.sub(r" ?([\[\]\)]) ?", r"\1", s)
    s = re.sub(r"([\(\[&!~]) ", r"\1", s)
    s = re.sub(r"(\w) \(", r"\1(", s)
    return s

BUG = re.compile(r"^(BUG_ON|WARN_ON\w*|WARN|WARN_ONCE|VM_BUG_ON\w*|"
                 r"VM_WARN\w*|BUILD_BUG_ON\w*)$")
DEBUG = re.compile(r"^(pr_\w+|printk\w*|printf|trace_\w+|trace_printk|"
                   r"dev_(dbg|info|warn|err|notice)\w*|seq_printf|"
                   r"\w*_debug|\w*_dbg|dump_\w+)$")

# What a test decides, best first: a cross-CPU call, a global TLB
# invalidation or a narrowed mm_cpumask(), any TLB flush, a deferred free.
FLUSHES = [
    re.compile(r"^(smp_call_function\w*|on_each_cpu\w*|smp_on_other_tlbs|"
               r"smp_cross_call\w*|xc[0-4]|\w*send_\w*ipi\w*)$"),
    re.compile(r"tlbie(?!l)"),
    re.compile(r"flush\w*tlb|tlb\w*flush|tlbiel"),
    re.compile(r"^(call_rcu\w*|tlb_remove_table\w*)$"),
]
TRIM_RANK = 1
TRIMS = ("cpumask_copy", "cpumask_clear", "cpumask_and", "cpumask_andnot",
         "cpumask_clear_cpu")
KINDS = ("ipi", "global", "tlb", "deferred-free")

def flush_kind(name):
    if name in TRIMS:
        return "cpumask"
    return KINDS[flush_rank(name)]

def flush_rank(fl):
    for i, r in enumerate(FLUSHES):
        if r.search(str(fl)):
            return i
    return None

def is_flush(fl):
    return flush_rank(fl) is not None

# Reference counting on mm_users (mmget(), mmput()) changes the count;
# it does not test it.
WRITE = re.compile(r"^(arch_|raw_)?(atomic|atomic_long|refcount)_"
                   r"(set|inc|dec|add|sub)\w*$")

def is_write(wr):
    return WRITE.match(str(wr)) is not None

def call_class(g):
    g = str(g)
    if BUG.match(g):
        return "bug-on"
    if DEBUG.match(g):
        return "debug"
    return None

# reads: key -> dict(p, mm, text)
reads = {}
# key of a read -> (operator, constant, reversed, text)
cmps = {}
# keys of reads under "!"
nots = set()
# file -> [(start, end, class)] of BUG_ON()s and printk()s
calls = {}
# file -> [(start, end)] of calls that write mm_users
writes = {}
# (file, function) -> [(local, line, key of the read assigned)]
locals_ = {}
local_names = set()
# (file, function) -> [dict(cond start, end, text, branches, exits, key)]
ifs = {}
# (file, cond start) -> [(rank, name, line)] reached after the if
after = {}
# (file, function) -> [(rank, name, start)]
flushes = {}
# file -> {name of a function or macro that returns a test: key of the read}
helpers = {}
# key of a read in a #define body -> the macro's name
in_macro = {}
# asm-offsets: key -> (p, text)
offsets = {}

def inside(pos, a, b):
    return a <= pos <= b

def cond_wanted(c):
    c = str(c)
    if "mm_users" in c:
        return True
    return any(re.search(r"\b%s\b" % re.escape(x), c) for x in local_names)

def span(a, b, raw=False):
    """The source text from position a to the end of position b."""
    with open(a.file, errors="replace") as f:
        lines = f.read().split("\n")
    l0, c0 = start(a)
    l1, c1 = end(b)
    if l0 == l1:
        text = lines[l0 - 1][c0:c1]
    else:
        text = "\n".join([lines[l0 - 1][c0:]] + lines[l0:l1 - 1] +
                         [lines[l1 - 1][:c1]])
    return text if raw else norm(text)

def source(p, raw=False):
    return span(p, p, raw)

def exits(p):
    """The branch at p ends in a return or a goto."""
    text = re.sub(r"/\*.*?\*/|//[^\n]*", " ", source(p, True), flags=re.S).strip()
    text = text.rstrip("}").strip().rstrip(";")
    last = re.split(r"[;{}]", text)[-1].strip()
    return re.match(r"^(return|goto)\b", last) is not None

def threshold(op, k, rev):
    """"one" for a test of a single user, "zero" for a test of none."""
    if rev:
        op = {"<": ">", ">": "<", "<=": ">=", ">=": "<="}.get(op, op)
    m = re.match(r"^(\d+)[uUlL]*$", k)
    if not m:
        return None
    n = int(m.group(1))
    if (op, n) in (("==", 1), ("!=", 1), ("<=", 1), (">", 1), ("<", 2),
                   (">=", 2)):
        return "one"
    if (op, n) in (("==", 0), ("!=", 0), ("<=", 0), (">", 0), ("<", 1),
                   (">=", 1)):
        return "zero"
    return None

def note_local(p, x, pa):
    locals_.setdefault((p.file, p.current_element), []).append(
        (str(x), int(pa.line), where(p)))
    local_names.add(str(x))

def note_helper(p, name):
    helpers.setdefault(p.file, {})[str(name)] = where(p)
    local_names.add(str(name))

def guard(key, fn):
    """The best flush that the single-user test of read key decides:
    (rank, after, line, name, guard, local, helper, function)."""
    f = key[0]
    pos = key[1:]
    # (if, its function, the local or the helper that carries the test)
    tests = [(i, fn, None, None) for i in ifs.get((f, fn), [])
             if inside(pos, i["start"], i["end"])]
    for (x, line, k) in locals_.get((f, fn), []):
        if k != key:
            continue
        for i in ifs.get((f, fn), []):
            if i["start"][0] >= line and \
               re.search(r"\b%s\b" % re.escape(x), i["text"]):
                tests.append((i, fn, x, None))
    for h, k in helpers.get(f, {}).items():
        if k != key:
            continue
        for (ff, ifn), l in ifs.items():
            if ff != f or ifn == fn:
                continue
            for i in l:
                if re.search(r"\b%s\b" % re.escape(h), i["text"]):
                    tests.append((i, ifn, None, h))
    best = None
    for i, ifn, x, h in tests:
        found = []
        for (rank, name, q) in flushes.get((f, ifn), []):
            if any(inside(q, a, b) for (a, b) in i["branches"]):
                found.append((rank, 0, q[0], name, "branch"))
        if i["exits"]:
            for (rank, name, line) in after.get((f, i["start"]), []):
                found.append((rank, 1, line, name, "early-return"))
        for cand in found:
            c = cand + (x, h, ifn)
            if best is None or c[:3] < best[:3]:
                best = c
    return best

def classify(key, fn):
    """class, test text and the flush it decides (or None)."""
    r = reads[key]
    pos = key[1:]
    test = r["text"]
    if key in cmps:
        test = cmps[key][3]
    elif key in nots:
        test = "!" + r["text"]
    for (a, b, cls) in calls.get(key[0], []):
        if inside(pos, a, b):
            return cls, test, None
    if key in cmps:
        op, k, rev, _ = cmps[key]
        t = threshold(op, k, rev)
        if t == "zero":
            return "teardown", test, None
        if t == "one":
            g = guard(key, fn)
            if g:
                return "flush-shortcut", test, g
    elif key in nots:
        return "teardown", test, None
    return "other", test, None

def read_fact(p, key):
    fn = p.current_element
    cls, test, g = classify(key, fn)
    d = {"fact": "mm-users-read", "file": p.file, "line": int(p.line),
         "col": int(p.column) + 1, "function": in_macro.get(key, fn),
         "class": cls, "test": test, "mm": reads[key]["mm"]}
    if key in in_macro:
        d["macro"] = True
    if g:
        d.update(flush=g[3], flush_line=g[2], guard=g[4],
                 flush_kind=flush_kind(g[3]))
        if g[5]:
            d["local"] = g[5]
        if g[6]:
            d.update(helper=g[6], flush_function=g[7])
    return d

def critical(p):
    key = where(p)
    return key in reads and \
        classify(key, p.current_element)[0] == "flush-shortcut"

def shortcut_message(p):
    d = read_fact(p, where(p))
    fn = d.get("flush_function", d["function"])
    if d["flush_kind"] == "deferred-free":
        return ("%s() frees page tables at once when mm_users == 1 (%s "
                "decides %s() on line %d): kthread_use_mm() without an "
                "mm_users reference can walk freed page tables on this "
                "architecture"
                % (fn, d["test"], d["flush"], d["flush_line"]))
    return ("%s() skips the cross-CPU flush when mm_users == 1 (%s "
            "decides %s() on line %d): kthread_use_mm() without an "
            "mm_users reference leaves stale TLB entries on this "
            "architecture"
            % (fn, d["test"], d["flush"], d["flush_line"]))

// Every read of the count through atomic_read() and its variants.
// Every file this rule reports on names the field: spatch skips the others.
@anchor@
expression E;
identifier X, S;
symbol mm_users;
@@
(
E->mm_users
|
E.mm_users
|
OFFSET(X, S, mm_users)
|
offsetof(struct mm_struct, mm_users)
)

@read depends on anchor@
identifier fr = {atomic_read, atomic_read_acquire, arch_atomic_read,
                 raw_atomic_read};
expression E;
position p, pe;
@@
(
fr@p(&E->mm_users)@pe
|
fr@p(&E.mm_users)@pe
)

@script:python@
E << read.E;
p << read.p;
pe << read.pe;
@@
reads[where(p[0])] = {"mm": re.sub(r"^\((.*)\)$", r"\1", norm(E)), "text": span(p[0], pe[0]),
                      "end": end(pe[0])}

// Reads compared with a constant.
@cmp depends on anchor@
identifier read.fr;
expression read.E;
position read.p, pk;
binary operator b = {==, !=, <, <=, >, >=};
constant K;
@@
(
fr@p@pk(&E->mm_users) b K
|
fr@p@pk(&E.mm_users) b K
)

@script:python@
p << cmp.pk;
b << cmp.b;
K << cmp.K;
@@
k = where(p[0])
b, K = str(b).strip(), norm(K)
cmps[k] = (b, K, False, "%s %s %s" % (reads[k]["text"], b, K))

@rcmp depends on anchor@
identifier read.fr;
expression read.E;
position read.p, pk;
binary operator b = {==, !=, <, <=, >, >=};
constant K;
@@
(
K b fr@p@pk(&E->mm_users)
|
K b fr@p@pk(&E.mm_users)
)

@script:python@
p << rcmp.pk;
b << rcmp.b;
K << rcmp.K;
@@
k = where(p[0])
b, K = str(b).strip(), norm(K)
cmps[k] = (b, K, True, "%s %s %s" % (K, b, reads[k]["text"]))

@notread depends on anchor@
identifier read.fr;
expression read.E;
position read.p, pn;
@@
(
!fr@p@pn(&E->mm_users)
|
!fr@p@pn(&E.mm_users)
)

@script:python@
pn << notread.pn;
@@
nots.add(where(pn[0]))

// Any other access to the field, and the calls that write it.
@access depends on anchor@
expression E;
position pf;
@@
(
E->mm_users@pf
|
E.mm_users@pf
)

@write depends on access@
identifier wr : script:python() { is_write(wr) };
expression list es;
position ps, pe;
@@
wr@ps(es)@pe

@script:python@
ps << write.ps;
pe << write.pe;
es << write.es;
@@
if "mm_users" in str(es):
    writes.setdefault(ps[0].file, []).append((start(ps[0]), end(pe[0])))

// BUG_ON()s, WARN_ON()s and printk()s around a read.
@calls depends on read@
identifier g : script:python() { call_class(g) is not None };
position ps, pe;
@@
g@ps(...)@pe

@script:python@
g << calls.g;
ps << calls.ps;
pe << calls.pe;
@@
calls.setdefault(ps[0].file, []).append((start(ps[0]), end(pe[0]),
                                         call_class(g)))

// A comparison kept in a local: "single = atomic_read(...) <= 1;".
@locset depends on anchor@
identifier read.fr;
expression read.E;
position read.p;
identifier x;
position pa, ph;
@@
x@pa = <+... fr@p@ph(&E->mm_users) ...+>

@script:python@
ph << locset.ph;
x << locset.x;
pa << locset.pa;
@@
note_local(ph[0], x, pa[0])

@locdecl depends on anchor@
identifier read.fr;
expression read.E;
position read.p;
identifier x;
type T;
position pa, ph;
@@
T x@pa = <+... fr@p@ph(&E->mm_users) ...+>;

@script:python@
ph << locdecl.ph;
x << locdecl.x;
pa << locdecl.pa;
@@
note_local(ph[0], x, pa[0])

// A function or a macro that returns the test: "return atomic_read(...)
// == 1;" or "#define mm_single(mm) (atomic_read(...) == 1)". The ifs of
// the same file that call it carry the test.
@helperret depends on anchor@
identifier read.fr;
expression read.E;
position read.p;
identifier F;
type T;
position ph;
@@
T F(...) {
<...
return <+... fr@p@ph(&E->mm_users) ...+>;
...>
}

@script:python@
ph << helperret.ph;
F << helperret.F;
@@
note_helper(ph[0], F)

@helpermacro depends on anchor@
identifier read.fr;
expression read.E;
position read.p;
identifier M;
position ph;
@@
#define M(...) <+... fr@p@ph(&E->mm_users) ...+>

@script:python@
ph << helpermacro.ph;
M << helpermacro.M;
@@
note_helper(ph[0], M)
in_macro[where(ph[0])] = str(M)

// The ifs that test a read or such a local, with the extent of their
// condition and branches.
@ifelse depends on read@
expression C : script:python() { cond_wanted(C) };
statement S1, S2;
position pc, s1, s2;
@@
if (C@pc) S1@s1 else S2@s2

@script:python@
C << ifelse.C;
pc << ifelse.pc;
s1 << ifelse.s1;
s2 << ifelse.s2;
@@
ifs.setdefault((pc[0].file, pc[0].current_element), []).append(
    {"start": start(pc[0]), "end": end(pc[0]), "text": str(C),
     "branches": [(start(s1[0]), end(s1[0])), (start(s2[0]), end(s2[0]))],
     "exits": False})

@ifonly depends on read@
expression C : script:python() { cond_wanted(C) };
statement S1;
position pc, s1;
@@
if (C@pc) S1@s1

@script:python@
C << ifonly.C;
pc << ifonly.pc;
s1 << ifonly.s1;
@@
ifs.setdefault((pc[0].file, pc[0].current_element), []).append(
    {"start": start(pc[0]), "end": end(pc[0]), "text": str(C),
     "branches": [(start(s1[0]), end(s1[0]))], "exits": exits(s1[0])})

// The flushes that a path from after such an if reaches.
@afterif depends on anchor exists@
expression C;
position ifonly.pc;
statement S1;
identifier fl : script:python() { is_flush(fl) };
position q, pa;
@@
if (C@pc@pa) S1
...
fl@q(...)

@script:python@
pc << afterif.pa;
fl << afterif.fl;
q << afterif.q;
@@
after.setdefault((pc[0].file, start(pc[0])), []).append(
    (flush_rank(fl), str(fl), int(q[0].line)))

@flushcall depends on read@
identifier fl : script:python() { is_flush(fl) };
position q;
@@
fl@q(...)

@script:python@
fl << flushcall.fl;
q << flushcall.q;
@@
flushes.setdefault((q[0].file, q[0].current_element), []).append(
    (flush_rank(fl), str(fl), start(q[0])))

// Stores that narrow mm_cpumask(): later flushes skip the other CPUs.
@trim depends on read@
identifier cm = {cpumask_copy, cpumask_clear, cpumask_and, cpumask_andnot};
identifier cc = {cpumask_clear_cpu};
expression M, c;
position q;
@@
(
cm@q(mm_cpumask(M), ...)
|
cc@q(c, mm_cpumask(M))
)

@script:python@
q << trim.q;
@@
text = source(q[0])
flushes.setdefault((q[0].file, q[0].current_element), []).append(
    (TRIM_RANK, text, start(q[0])))

// The offset of the field, for assembly.
@offset depends on anchor@
identifier X, S;
identifier fld = {mm_users};
position p;
@@
OFFSET@p(X, S, fld)

@script:python@
X << offset.X;
S << offset.S;
p << offset.p;
@@
offsets[where(p[0])] = (p[0], "OFFSET(%s, %s, mm_users)" % (X, S))

@offof depends on anchor@
identifier fld = {mm_users};
position p;
@@
offsetof@p(struct mm_struct, fld)

@script:python@
p << offof.p;
@@
offsets[where(p[0])] = (p[0], "offsetof(struct mm_struct, mm_users)")

@script:python depends on report@
p << read.p;
@@
if critical(p[0]):
    coccilib.report.print_report(p[0], "INFO: %s [mm-users-tlb-shortcut]"
                                 % shortcut_message(p[0]))

@script:python depends on org@
p << read.p;
@@
if critical(p[0]):
    cocci.print_main(shortcut_message(p[0]), p)

@depends on context@
identifier read.fr;
expression read.E;
position read.p : script:python() { critical(p[0]) };
@@
(
* fr@p(&E->mm_users)
|
* fr@p(&E.mm_users)
)
