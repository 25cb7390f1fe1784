// SPDX-License-Identifier: GPL-2.0-only
/* A wrapper that takes its own mm_users reference before the use. */
#include <linux/sched/mm.h>

int demo_copy_in(struct mm_struct *mm, void *dst)
{
	int ret = 0;

	if (!mmget_not_zero(mm))
		return -ESRCH;
	kthread_use_mm(mm);
	ret = demo_copy(dst);
	kthread_unuse_mm(mm);
	mmput(mm);
	return ret;
}
