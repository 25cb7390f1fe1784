// SPDX-License-Identifier: GPL-2.0-only
/*
 * The single-user test returns early, after flushing only this CPU; the
 * cross-call comes after the if (the alpha and ia64 shape).
 */

void flush_tlb_mm(struct mm_struct *mm)
{
	preempt_disable();

	if (mm == current->active_mm) {
		flush_tlb_current(mm);
		if (atomic_read(&mm->mm_users) <= 1 &&
		    !mm_active_elsewhere(mm)) {
			preempt_enable();
			return;
		}
	} else {
		flush_tlb_other(mm);
	}

	smp_call_function(tlb_mm_other_cpus, mm, 1);
	preempt_enable();
}

void smp_flush_tlb_mm(struct mm_struct *mm)
{
	preempt_disable();
	/* a single-threaded fork() */
	if (likely(mm == current->active_mm &&
		   atomic_read(&mm->mm_users) == 1)) {
		local_finish_flush_tlb_mm(mm);
		preempt_enable();
		return;
	}
	smp_call_function_many(mm_cpumask(mm), finish_flush_other, mm, 1);
	local_finish_flush_tlb_mm(mm);
	preempt_enable();
}

/* Not an early return: the flush after the if runs on both paths. */
void flush_tlb_both(struct mm_struct *mm)
{
	if (atomic_read(&mm->mm_users) > 1)
		note_threaded(mm);
	flush_tlb_current(mm);
}

/* mmcheck-expect report
early_return.c:13:6-17: INFO: flush_tlb_mm() skips the cross-CPU flush when mm_users == 1 (atomic_read(&mm->mm_users) <= 1 decides smp_call_function() on line 22): kthread_use_mm() without an mm_users reference leaves stale TLB entries on this architecture [mm-users-tlb-shortcut]
early_return.c:31:5-16: INFO: smp_flush_tlb_mm() skips the cross-CPU flush when mm_users == 1 (atomic_read(&mm->mm_users) == 1 decides smp_call_function_many() on line 36): kthread_use_mm() without an mm_users reference leaves stale TLB entries on this architecture [mm-users-tlb-shortcut]
*/

/* mmcheck-expect facts
{"class": "flush-shortcut", "col": 6, "fact": "mm-users-read", "file": "early_return.c", "flush": "smp_call_function_many", "flush_kind": "ipi", "flush_line": 36, "function": "smp_flush_tlb_mm", "guard": "early-return", "line": 31, "mm": "mm", "test": "atomic_read(&mm->mm_users) == 1"}
{"class": "flush-shortcut", "col": 7, "fact": "mm-users-read", "file": "early_return.c", "flush": "smp_call_function", "flush_kind": "ipi", "flush_line": 22, "function": "flush_tlb_mm", "guard": "early-return", "line": 13, "mm": "mm", "test": "atomic_read(&mm->mm_users) <= 1"}
{"class": "other", "col": 6, "fact": "mm-users-read", "file": "early_return.c", "function": "flush_tlb_both", "line": 44, "mm": "mm", "test": "atomic_read(&mm->mm_users) > 1"}
*/
