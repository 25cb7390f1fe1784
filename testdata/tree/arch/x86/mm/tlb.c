// SPDX-License-Identifier: GPL-2.0
/* Lazy TLB: an mm nobody uses any more needs no flush at all. */
#include <linux/mm.h>

void arch_tlb_teardown(struct mm_struct *mm)
{
	if (atomic_read(&mm->mm_users) == 0)
		return;
	flush_tlb_mm_range(mm, 0, TLB_FLUSH_ALL, 0, false);
}
