// SPDX-License-Identifier: GPL-2.0
/* The context keeps its opener's mm with mmgrab() only; its ioctls take
 * mm_users around the range operations, but one path forgets. */
#include <linux/sched/mm.h>

struct demo_uctx {
	struct mm_struct *mm;
};

int demo_uctx_open(struct demo_uctx *ctx)
{
	mmgrab(current->mm);
	ctx->mm = current->mm;
	return 0;
}

int demo_uctx_protect(struct demo_uctx *ctx, unsigned long start)
{
	int ret = -ESRCH;

	if (mmget_not_zero(ctx->mm)) {
		ret = demo_protect_range(ctx, start);
		mmput(ctx->mm);
	}
	return ret;
}

int demo_uctx_zap(struct demo_uctx *ctx, unsigned long start)
{
	struct mm_struct *mm = ctx->mm;
	int ret;

	if (!mmget_not_zero(mm))
		return -ESRCH;
	ret = demo_zap_range(ctx, start);
	mmput(mm);
	return ret;
}

int demo_uctx_zap_fast(struct demo_uctx *ctx, unsigned long start)
{
	return demo_zap_range(ctx, start);
}
