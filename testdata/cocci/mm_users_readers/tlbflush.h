/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Static inlines in a header: a teardown test, and a single-user test
 * that skips the broadcast.
 */
#ifndef _ASM_TLBFLUSH_H
#define _ASM_TLBFLUSH_H

static inline void flush_tlb_mm(struct mm_struct *mm)
{
	if (atomic_read(&mm->mm_users) == 0)
		return;
	smp_flush_tlb_mm(mm);
}

static inline void flush_tlb_page(struct vm_area_struct *vma,
				  unsigned long addr)
{
	if (atomic_read(&vma->vm_mm->mm_users) > 1 ||
	    current->active_mm != vma->vm_mm)
		on_each_cpu(flush_page_other_cpus, vma, 1);
	else
		local_flush_tlb_page(vma, addr);
}

#endif

/* mmcheck-expect report
tlbflush.h:19:5-16: INFO: flush_tlb_page() skips the cross-CPU flush when mm_users == 1 (atomic_read(&vma->vm_mm->mm_users) > 1 decides on_each_cpu() on line 21): kthread_use_mm() without an mm_users reference leaves stale TLB entries on this architecture [mm-users-tlb-shortcut]
*/

/* mmcheck-expect facts
{"class": "flush-shortcut", "col": 6, "fact": "mm-users-read", "file": "tlbflush.h", "flush": "on_each_cpu", "flush_kind": "ipi", "flush_line": 21, "function": "flush_tlb_page", "guard": "branch", "line": 19, "mm": "vma->vm_mm", "test": "atomic_read(&vma->vm_mm->mm_users) > 1"}
{"class": "teardown", "col": 6, "fact": "mm-users-read", "file": "tlbflush.h", "function": "flush_tlb_mm", "line": 11, "mm": "mm", "test": "atomic_read(&mm->mm_users) == 0"}
*/
