// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reads of mm_users that decide no flush: checks, debug output, tests for
 * an mm being torn down, and a test for one user that guards something
 * else. Writes of the count are not reads.
 */

int init_new_context(struct task_struct *tsk, struct mm_struct *mm)
{
	BUG_ON(atomic_read(&mm->mm_users) != 1);
	VM_WARN_ON_ONCE(atomic_read(&mm->mm_users) == 0);
	mm->context.id = alloc_context_id();
	return 0;
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (atomic_read(&mm->mm_users) == 0)
		return;		/* the mm is being torn down */
	if (!atomic_read(&mm->mm_users))
		return;
	pr_debug("flush %p users %d\n", mm, atomic_read(&mm->mm_users));
	smp_call_function(tlb_mm_other_cpus, mm, 1);
}

void account_mm(struct mm_struct *mm)
{
	/* a test for one user that only keeps a statistic */
	if (atomic_read(&mm->mm_users) == 1)
		single_user_mms++;
	else
		shared_mms++;
	if (atomic_read(&mm->mm_users) > 3)
		crowded_mms++;
	stat_users = READ_ONCE(mm->mm_users.counter);
}

void check_pte_update(struct mm_struct *mm, pte_t *ptep, pte_t pte)
{
	/* an early return before a debug check, no flush after it */
	if (mm != current->active_mm && atomic_read(&mm->mm_users) <= 1)
		return;
	VM_WARN_ONCE(!pte_young(pte), "racy access flag clearing");
}

static struct mm_struct boot_mm = {
	.pgd		= boot_pg_dir,
	.mm_users	= ATOMIC_INIT(2),
	.mm_count	= ATOMIC_INIT(1),
};

void pin_boot_mm(void)
{
	atomic_inc(&boot_mm.mm_users);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"class": "bug-on", "col": 18, "fact": "mm-users-read", "file": "not_critical.c", "function": "init_new_context", "line": 11, "mm": "mm", "test": "atomic_read(&mm->mm_users) == 0"}
{"class": "bug-on", "col": 9, "fact": "mm-users-read", "file": "not_critical.c", "function": "init_new_context", "line": 10, "mm": "mm", "test": "atomic_read(&mm->mm_users) != 1"}
{"class": "debug", "col": 38, "fact": "mm-users-read", "file": "not_critical.c", "function": "flush_tlb_mm", "line": 22, "mm": "mm", "test": "atomic_read(&mm->mm_users)"}
{"class": "other", "col": 29, "fact": "mm-users-read", "file": "not_critical.c", "function": "account_mm", "line": 35, "mm": "mm", "test": "mm->mm_users"}
{"class": "other", "col": 34, "fact": "mm-users-read", "file": "not_critical.c", "function": "check_pte_update", "line": 41, "mm": "mm", "test": "atomic_read(&mm->mm_users) <= 1"}
{"class": "other", "col": 6, "fact": "mm-users-read", "file": "not_critical.c", "function": "account_mm", "line": 29, "mm": "mm", "test": "atomic_read(&mm->mm_users) == 1"}
{"class": "other", "col": 6, "fact": "mm-users-read", "file": "not_critical.c", "function": "account_mm", "line": 33, "mm": "mm", "test": "atomic_read(&mm->mm_users) > 3"}
{"class": "teardown", "col": 6, "fact": "mm-users-read", "file": "not_critical.c", "function": "flush_tlb_mm", "line": 18, "mm": "mm", "test": "atomic_read(&mm->mm_users) == 0"}
{"class": "teardown", "col": 7, "fact": "mm-users-read", "file": "not_critical.c", "function": "flush_tlb_mm", "line": 20, "mm": "mm", "test": "!atomic_read(&mm->mm_users)"}
*/
