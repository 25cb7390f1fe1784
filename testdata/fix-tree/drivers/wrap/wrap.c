// SPDX-License-Identifier: GPL-2.0
/* Wrappers that borrow the mm their callers pass. */
#include <linux/kthread.h>
#include <linux/sched/mm.h>
#include <linux/uaccess.h>

struct wjob {
	struct mm_struct *mm;
	u32 __user *uptr;
	u32 val;
};

/* Fixed once, inside: it has an error return to bail out with. */
static int wjob_read(struct mm_struct *mm, u32 __user *uptr, u32 *val)
{
	int ret;

	if (!uptr)
		return -EINVAL;
	kthread_use_mm(mm);
	ret = get_user(*val, uptr);
	kthread_unuse_mm(mm);
	return ret;
}

/* No patch: no way out before the use, and it always writes back. */
static void wjob_write(struct mm_struct *mm, struct wjob *j)
{
	kthread_use_mm(mm);
	put_user(j->val, j->uptr);
	kthread_unuse_mm(mm);
	j->val = 0;
}

int wjob_start(struct wjob *j)
{
	mmgrab(current->mm);
	j->mm = current->mm;
	return 0;
}

int wjob_run(struct wjob *j)
{
	return wjob_read(j->mm, j->uptr, &j->val);
}

int wjob_run_twice(struct wjob *j)
{
	int ret = wjob_read(j->mm, j->uptr, &j->val);

	return ret ? ret : wjob_read(j->mm, j->uptr + 1, &j->val);
}

void wjob_flush(struct wjob *j)
{
	wjob_write(j->mm, j);
}
