// SPDX-License-Identifier: GPL-2.0-only
/*
 * The test is kept in a local and the local decides the broadcast.
 */

void flush_tlb_mm_range(struct mm_struct *mm, unsigned long start,
			unsigned long end)
{
	bool single = atomic_read(&mm->mm_users) <= 1;
	int only_here;

	only_here = atomic_read(&mm->mm_users) < 2 && current->mm == mm;
	if (single && current->mm == mm)
		local_flush_range(mm, start, end);
	else
		__tlbie_range(mm, start, end);
	if (!only_here)
		send_flush_ipi_mask(mm_cpumask(mm));
}

/* mmcheck-expect report
local_result.c:12:13-24: INFO: flush_tlb_mm_range() skips the cross-CPU flush when mm_users == 1 (atomic_read(&mm->mm_users) < 2 decides send_flush_ipi_mask() on line 18): kthread_use_mm() without an mm_users reference leaves stale TLB entries on this architecture [mm-users-tlb-shortcut]
local_result.c:9:15-26: INFO: flush_tlb_mm_range() skips the cross-CPU flush when mm_users == 1 (atomic_read(&mm->mm_users) <= 1 decides __tlbie_range() on line 16): kthread_use_mm() without an mm_users reference leaves stale TLB entries on this architecture [mm-users-tlb-shortcut]
*/

/* mmcheck-expect facts
{"class": "flush-shortcut", "col": 14, "fact": "mm-users-read", "file": "local_result.c", "flush": "send_flush_ipi_mask", "flush_kind": "ipi", "flush_line": 18, "function": "flush_tlb_mm_range", "guard": "branch", "line": 12, "local": "only_here", "mm": "mm", "test": "atomic_read(&mm->mm_users) < 2"}
{"class": "flush-shortcut", "col": 16, "fact": "mm-users-read", "file": "local_result.c", "flush": "__tlbie_range", "flush_kind": "global", "flush_line": 16, "function": "flush_tlb_mm_range", "guard": "branch", "line": 9, "local": "single", "mm": "mm", "test": "atomic_read(&mm->mm_users) <= 1"}
*/
