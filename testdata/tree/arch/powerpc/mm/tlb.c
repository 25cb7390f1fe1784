// SPDX-License-Identifier: GPL-2.0
/* A single-threaded mm that is current flushes on this CPU only. */
#include <linux/mm.h>

void radix_flush_tlb_mm(struct mm_struct *mm)
{
	preempt_disable();
	if (atomic_read(&mm->mm_users) <= 1 && current->mm == mm) {
		_tlbiel_pid(mm->context.id, RIC_FLUSH_TLB);
	} else {
		_tlbie_pid(mm->context.id, RIC_FLUSH_TLB);
	}
	preempt_enable();
}
