// SPDX-License-Identifier: GPL-2.0-only
/*
 * The cross-call sits in the then-branch of a test for more than one user,
 * the else-branch only forgets the other CPUs' contexts (the sh, mips and
 * loongarch shape); the mm comes directly or through vma->vm_mm.
 */

static void tlb_mm_other_cpus(void *arg)
{
	local_flush_tlb_mm((struct mm_struct *)arg);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	preempt_disable();
	if ((atomic_read(&mm->mm_users) != 1) || (current->mm != mm)) {
		smp_call_function(tlb_mm_other_cpus, mm, 1);
	} else {
		int cpu;

		for_each_online_cpu(cpu)
			if (cpu != smp_processor_id())
				cpu_context(cpu, mm) = 0;
	}
	local_flush_tlb_mm(mm);
	preempt_enable();
}

void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	struct page_flush pf = { .vma = vma, .addr = addr };

	preempt_disable();
	if (cpu_has_global_invalidate) {
		global_invalidate(vma->vm_mm, addr);
	} else if ((atomic_read(&vma->vm_mm->mm_users) != 1) ||
		   (current->mm != vma->vm_mm)) {
		on_each_cpu_mask(mm_cpumask(vma->vm_mm), tlb_page_other_cpus,
				 &pf, 1);
	} else {
		int cpu;

		for_each_online_cpu(cpu)
			if (cpu != smp_processor_id())
				cpu_context(cpu, vma->vm_mm) = 0;
		local_flush_tlb_page(vma, addr);
	}
	preempt_enable();
}

/* The single user is tested first: the shortcut is the then-branch. */
void flush_tlb_range(struct vm_area_struct *vma, unsigned long start,
		     unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;

	if (1 == atomic_read(&mm->mm_users) && current->active_mm == mm)
		forget_other_contexts(mm);
	else
		smp_on_other_tlbs(tlb_range_other_cpus, vma);
	local_flush_tlb_range(vma, start, end);
}

/* mmcheck-expect report
ipi_branch.c:16:6-17: INFO: flush_tlb_mm() skips the cross-CPU flush when mm_users == 1 (atomic_read(&mm->mm_users) != 1 decides smp_call_function() on line 17): kthread_use_mm() without an mm_users reference leaves stale TLB entries on this architecture [mm-users-tlb-shortcut]
ipi_branch.c:36:13-24: INFO: flush_tlb_page() skips the cross-CPU flush when mm_users == 1 (atomic_read(&vma->vm_mm->mm_users) != 1 decides on_each_cpu_mask() on line 38): kthread_use_mm() without an mm_users reference leaves stale TLB entries on this architecture [mm-users-tlb-shortcut]
ipi_branch.c:57:10-21: INFO: flush_tlb_range() skips the cross-CPU flush when mm_users == 1 (1 == atomic_read(&mm->mm_users) decides smp_on_other_tlbs() on line 60): kthread_use_mm() without an mm_users reference leaves stale TLB entries on this architecture [mm-users-tlb-shortcut]
*/

/* mmcheck-expect facts
{"class": "flush-shortcut", "col": 11, "fact": "mm-users-read", "file": "ipi_branch.c", "flush": "smp_on_other_tlbs", "flush_kind": "ipi", "flush_line": 60, "function": "flush_tlb_range", "guard": "branch", "line": 57, "mm": "mm", "test": "1 == atomic_read(&mm->mm_users)"}
{"class": "flush-shortcut", "col": 14, "fact": "mm-users-read", "file": "ipi_branch.c", "flush": "on_each_cpu_mask", "flush_kind": "ipi", "flush_line": 38, "function": "flush_tlb_page", "guard": "branch", "line": 36, "mm": "vma->vm_mm", "test": "atomic_read(&vma->vm_mm->mm_users) != 1"}
{"class": "flush-shortcut", "col": 7, "fact": "mm-users-read", "file": "ipi_branch.c", "flush": "smp_call_function", "flush_kind": "ipi", "flush_line": 17, "function": "flush_tlb_mm", "guard": "branch", "line": 16, "mm": "mm", "test": "atomic_read(&mm->mm_users) != 1"}
*/
