// SPDX-License-Identifier: GPL-2.0-only
/*
 * A page table of a single-user mm is freed at once; the others wait for
 * a grace period, because another CPU may still walk them (the powerpc
 * hugepd shape).
 */

static void free_table_deferred(struct mmu_gather *tlb, void *table)
{
	struct table_batch **batch = &get_cpu_var(table_batch_cur);

	if (atomic_read(&tlb->mm->mm_users) < 2 ||
	    mm_only_on_this_cpu(tlb->mm)) {
		free_table_now(table);
		put_cpu_var(table_batch_cur);
		return;
	}

	if (!*batch)
		*batch = new_table_batch();
	(*batch)->tables[(*batch)->nr++] = table;
	if ((*batch)->nr == TABLE_BATCH_MAX) {
		call_rcu(&(*batch)->rcu, free_table_batch_rcu);
		*batch = NULL;
	}
	put_cpu_var(table_batch_cur);
}

/* mmcheck-expect report
deferred_free.c:12:5-16: INFO: free_table_deferred() frees page tables at once when mm_users == 1 (atomic_read(&tlb->mm->mm_users) < 2 decides call_rcu() on line 23): kthread_use_mm() without an mm_users reference can walk freed page tables on this architecture [mm-users-tlb-shortcut]
*/

/* mmcheck-expect facts
{"class": "flush-shortcut", "col": 6, "fact": "mm-users-read", "file": "deferred_free.c", "flush": "call_rcu", "flush_kind": "deferred-free", "flush_line": 23, "function": "free_table_deferred", "guard": "early-return", "line": 12, "mm": "tlb->mm", "test": "atomic_read(&tlb->mm->mm_users) < 2"}
*/
