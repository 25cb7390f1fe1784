// SPDX-License-Identifier: GPL-2.0-only
/// Some architectures flush the TLB of other CPUs only when the mm may be
/// live elsewhere: when mm_users is 1 and the mm is current->mm they skip
/// the IPI or the broadcast. A kernel thread that borrows the mm with
/// kthread_use_mm() without an mm_users reference of its own breaks that
/// test, and the other CPU keeps stale TLB entries. Find the ifs that test
/// mm_users against one user and decide a flush in one of their branches.
//#
//# Flushes are known by name (*flush*tlb*, *tlb*flush*, *tlbie*,
//# smp_call_function*, on_each_cpu*, *send_*ipi*, cpumask_copy(), call_rcu()
//# ...). A test carried in a local or a helper, or a flush reached after an
//# early return, is seen by `mmcheck scan` only.
//
// Confidence: High
// Copyright: (C) 2026 The mmcheck authors.
// Comments: rule id mm-users-tlb-shortcut (severity none: it names the
//  architectures where an unreferenced kthread_use_mm() corrupts memory).
// Options: --no-includes --include-headers

virtual context
virtual org
virtual report

@shortcut depends on context || org || report@
expression mm;
binary operator b = {==, !=, <, <=, >, >=};
constant K;
statement S1, S2;
position p;
@@
(
* if (<+... atomic_read@p(&mm->mm_users) b K ...+>) S1 else S2
|
* if (<+... atomic_read@p(&mm->mm_users) b K ...+>) S1
|
* if (<+... K b atomic_read@p(&mm->mm_users) ...+>) S1 else S2
|
* if (<+... K b atomic_read@p(&mm->mm_users) ...+>) S1
)

@flush depends on shortcut@
identifier f =~ "flush.*tlb|tlb.*flush|tlbie|^smp_call_function|^on_each_cpu|^smp_on_other_tlbs|^smp_cross_call|send_.*ipi|^cpumask_(copy|clear|and|andnot|clear_cpu)$|^call_rcu|^tlb_remove_table";
position shortcut.p, q;
statement shortcut.S1;
expression shortcut.mm;
@@
if (<+... atomic_read@p(&mm->mm_users) ...+>) S1
... when any
f@q(...)

@initialize:python@
@@
ONE = {("==", "1"), ("!=", "1"), ("<=", "1"), (">", "1"), ("<", "2"),
       (">=", "2")}

def one_user(b, K):
    return (str(b).strip(), str(K).strip()) in ONE

def msg(p, mm, f, q):
    return ("%s() skips the cross-CPU flush when mm_users == 1 (mm_users of "
            "%s decides %s() on line %s): kthread_use_mm() without an "
            "mm_users reference leaves stale TLB entries on this architecture"
            % (p.current_element, "".join(str(mm).split()), f, q.line))

@script:python depends on report@
p << shortcut.p;
mm << shortcut.mm;
b << shortcut.b;
K << shortcut.K;
f << flush.f;
q << flush.q;
@@
if one_user(b, K):
    coccilib.report.print_report(p[0], "INFO: %s [mm-users-tlb-shortcut]"
                                 % msg(p[0], mm, f, q[0]))

@script:python depends on org@
p << shortcut.p;
mm << shortcut.mm;
b << shortcut.b;
K << shortcut.K;
f << flush.f;
q << flush.q;
@@
if one_user(b, K):
    cocci.print_main(msg(p[0], mm, f, q[0]), p)
