// SPDX-License-Identifier: GPL-2.0-only
/*
 * Only reference counting and an initializer: nothing reads the count to
 * decide anything, so nothing is listed.
 */

static struct mm_struct efi_like_mm = {
	.pgd		= efi_pg_dir,
	.mm_users	= ATOMIC_INIT(2),
};

static inline void take_mm(struct mm_struct *mm)
{
	atomic_inc(&mm->mm_users);
}

static inline bool take_mm_not_zero(struct mm_struct *mm)
{
	return atomic_inc_not_zero(&mm->mm_users);
}

void drop_mm(struct mm_struct *mm)
{
	if (atomic_dec_and_test(&mm->mm_users))
		release_mm(mm);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
*/
