// SPDX-License-Identifier: GPL-2.0
/* The context keeps its opener's mm with mmgrab() only. */
#include <linux/sched/mm.h>

struct demo_ctx {
	struct mm_struct *mm;
	struct work_struct work;
	unsigned long addr;
};

struct demo_owned {
	struct mm_struct *mm;
};

int demo_open(struct demo_ctx *ctx)
{
	mmgrab(current->mm);
	ctx->mm = current->mm;
	return 0;
}

int demo_owned_open(struct demo_owned *o)
{
	o->mm = get_task_mm(current);
	return o->mm ? 0 : -ESRCH;
}
