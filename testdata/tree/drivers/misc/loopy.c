// SPDX-License-Identifier: GPL-2.0
/* Puts the mm at the end of each iteration and uses it in the next. */
#include <linux/kthread.h>

static void loopy_copy_all(struct loopy *l)
{
	int i;

	if (!mmget_not_zero(l->mm))
		return;
	for (i = 0; i < l->nr; i++) {
		kthread_use_mm(l->mm);
		loopy_copy(l, i);
		kthread_unuse_mm(l->mm);
		mmput(l->mm);
	}
}
