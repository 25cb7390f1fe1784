// SPDX-License-Identifier: GPL-2.0-only
/*
 * After the cross-call, a single-user mm is trimmed to this CPU, so that
 * later flushes skip the others (the sparc32 shape); a flush type chosen
 * by the test and returned (the powerpc radix shape).
 */

static void smp_flush_tlb_mm(struct mm_struct *mm)
{
	if (mm->context != NO_CONTEXT) {
		if (other_mm_cpus(mm)) {
			xc1(local_ops->tlb_mm, (unsigned long)mm);
			if (atomic_read(&mm->mm_users) == 1 &&
			    current->active_mm == mm)
				cpumask_copy(mm_cpumask(mm),
					     cpumask_of(smp_processor_id()));
		}
		local_ops->tlb_mm(mm);
	}
}

static enum flush_kind flush_kind_needed(struct mm_struct *mm)
{
	if (cpumask_weight(mm_cpumask(mm)) == 1)
		return FLUSH_LOCAL;
	/* The only thread of the process can trim the mask itself. */
	if (atomic_read(&mm->mm_users) <= 1 && current->mm == mm) {
		exit_lazy_flush_tlbs(mm);
		return FLUSH_LOCAL;
	}
	return FLUSH_GLOBAL;
}

/* mmcheck-expect report
cpumask_trim.c:13:7-18: INFO: smp_flush_tlb_mm() skips the cross-CPU flush when mm_users == 1 (atomic_read(&mm->mm_users) == 1 decides cpumask_copy() on line 15): kthread_use_mm() without an mm_users reference leaves stale TLB entries on this architecture [mm-users-tlb-shortcut]
cpumask_trim.c:27:5-16: INFO: flush_kind_needed() skips the cross-CPU flush when mm_users == 1 (atomic_read(&mm->mm_users) <= 1 decides exit_lazy_flush_tlbs() on line 28): kthread_use_mm() without an mm_users reference leaves stale TLB entries on this architecture [mm-users-tlb-shortcut]
*/

/* mmcheck-expect facts
{"class": "flush-shortcut", "col": 6, "fact": "mm-users-read", "file": "cpumask_trim.c", "flush": "exit_lazy_flush_tlbs", "flush_kind": "tlb", "flush_line": 28, "function": "flush_kind_needed", "guard": "branch", "line": 27, "mm": "mm", "test": "atomic_read(&mm->mm_users) <= 1"}
{"class": "flush-shortcut", "col": 8, "fact": "mm-users-read", "file": "cpumask_trim.c", "flush": "cpumask_copy", "flush_kind": "cpumask", "flush_line": 15, "function": "smp_flush_tlb_mm", "guard": "branch", "line": 13, "mm": "mm", "test": "atomic_read(&mm->mm_users) == 1"}
*/
