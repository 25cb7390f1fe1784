// SPDX-License-Identifier: GPL-2.0-only
/*
 * The test sits in a helper, a static inline or a macro, and the flush
 * functions of the same file call it in their if conditions.
 */

#define mm_single_user(mm)	(atomic_read(&(mm)->mm_users) == 1)

static inline bool mm_only_here(struct mm_struct *mm)
{
	return atomic_read(&mm->mm_users) <= 1 && current->mm == mm;
}

/* returned, but no if of this file calls it */
static inline bool mm_shared(struct mm_struct *mm)
{
	return atomic_read(&mm->mm_users) > 1;
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (mm_only_here(mm))
		forget_other_contexts(mm);
	else
		smp_call_function(tlb_mm_other_cpus, mm, 1);
	local_flush_tlb_mm(mm);
}

void flush_tlb_page(struct vm_area_struct *vma, unsigned long addr)
{
	if (!mm_single_user(vma->vm_mm))
		on_each_cpu_mask(mm_cpumask(vma->vm_mm), tlb_page_other_cpus,
				 vma, 1);
	local_flush_tlb_page(vma, addr);
}

/* mmcheck-expect report
helper.c:11:8-19: INFO: flush_tlb_mm() skips the cross-CPU flush when mm_users == 1 (atomic_read(&mm->mm_users) <= 1 decides smp_call_function() on line 25): kthread_use_mm() without an mm_users reference leaves stale TLB entries on this architecture [mm-users-tlb-shortcut]
helper.c:7:28-39: INFO: flush_tlb_page() skips the cross-CPU flush when mm_users == 1 (atomic_read(&(mm)->mm_users) == 1 decides on_each_cpu_mask() on line 32): kthread_use_mm() without an mm_users reference leaves stale TLB entries on this architecture [mm-users-tlb-shortcut]
*/

/* mmcheck-expect facts
{"class": "flush-shortcut", "col": 29, "fact": "mm-users-read", "file": "helper.c", "flush": "on_each_cpu_mask", "flush_function": "flush_tlb_page", "flush_kind": "ipi", "flush_line": 32, "function": "mm_single_user", "guard": "branch", "helper": "mm_single_user", "line": 7, "macro": true, "mm": "mm", "test": "atomic_read(&(mm)->mm_users) == 1"}
{"class": "flush-shortcut", "col": 9, "fact": "mm-users-read", "file": "helper.c", "flush": "smp_call_function", "flush_function": "flush_tlb_mm", "flush_kind": "ipi", "flush_line": 25, "function": "mm_only_here", "guard": "branch", "helper": "mm_only_here", "line": 11, "mm": "mm", "test": "atomic_read(&mm->mm_users) <= 1"}
{"class": "other", "col": 9, "fact": "mm-users-read", "file": "helper.c", "function": "mm_shared", "line": 17, "mm": "mm", "test": "atomic_read(&mm->mm_users) > 1"}
*/
