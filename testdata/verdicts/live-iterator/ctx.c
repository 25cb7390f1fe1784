// SPDX-License-Identifier: GPL-2.0
/* The context keeps its opener's mm with mmgrab() only. */
#include <linux/sched/mm.h>

struct demo_ctx {
	struct mm_struct *mm;
	unsigned long start;
};

int demo_open(struct demo_ctx *ctx)
{
	mmgrab(current->mm);
	ctx->mm = current->mm;
	return 0;
}
