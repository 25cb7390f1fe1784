// SPDX-License-Identifier: GPL-2.0
/* No MAINTAINERS entry covers this file. */
#include <linux/kthread.h>

static void orphan_work(struct orphan *o)
{
	struct mm_struct *mm = get_task_mm(o->task);

	if (!mm)
		return;
	kthread_use_mm(mm);
	orphan_copy(o);
	kthread_unuse_mm(mm);
	mmput(mm);
}
