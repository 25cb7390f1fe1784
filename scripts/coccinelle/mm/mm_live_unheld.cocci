// SPDX-License-Identifier: GPL-2.0-only
/// An mm used as a live address space (its mmap lock taken, a VMA looked
/// up, its pages reached from another task) needs mm_users above zero for
/// the whole use: mmget(), a checked mmget_not_zero(), get_task_mm() or
/// mm_access(). mmgrab() keeps only the struct mm_struct; once the owner
/// exits, the VMAs and page tables are torn down under it. Find the live
/// uses of an mm that the function pinned with mmgrab() and that some path
/// reaches with no mm_users reference.
//#
//# The check stays inside one function. `mmcheck scan` also follows mms
//# that come from struct fields filled elsewhere.
//
// Confidence: Moderate
// Copyright: (C) 2026 The mmcheck authors.
// Comments: rule id mm-live-mmgrab-only; `mmcheck explain RULE-ID`.
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@grabbed depends on context || org || report exists@
expression mm, E;
position g, p;
@@
mmgrab@g(mm);
... when != mmget(mm)
    when != mmget_not_zero(mm)
    when != mm = E
(
* \(mmap_read_lock@p\|mmap_write_lock@p\|mmap_read_trylock@p\|mmap_read_lock_killable@p\|mmap_write_lock_killable@p\|mmap_write_lock_nested@p\)(mm, ...)
|
* \(down_read@p\|down_write@p\)(&mm->\(mmap_lock\|mmap_sem\))
|
* \(find_vma@p\|find_vma_prev@p\|find_vma_intersection@p\|find_extend_vma@p\|vma_lookup@p\|vma_iter_init@p\)(mm, ...)
|
* \(get_user_pages_remote@p\|pin_user_pages_remote@p\|fixup_user_fault@p\|access_remote_vm@p\|walk_page_range@p\)(mm, ...)
)

@initialize:python@
@@
def call(p):
    # "mmap_read_lock" from the source line of the use
    with open(p.file, errors="replace") as f:
        line = f.readlines()[int(p.line) - 1]
    return line[int(p.column):].split("(")[0].strip()

def text(mm):
    return "".join(str(mm).split())

@script:python depends on report@
mm << grabbed.mm;
g << grabbed.g;
p << grabbed.p;
@@
coccilib.report.print_report(p[0], "WARNING: %s(%s) on an mm pinned only by "
    "mmgrab() (line %s): take mm_users with mmget_not_zero() first "
    "[mm-live-mmgrab-only]" % (call(p[0]), text(mm), g[0].line))

@script:python depends on org@
mm << grabbed.mm;
p << grabbed.p;
@@
cocci.print_main("%s(%s) on an mm pinned only by mmgrab()"
                 % (call(p[0]), text(mm)), p)
