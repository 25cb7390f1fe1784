// SPDX-License-Identifier: GPL-2.0
/* Another worker on the same field, and one that holds mm_users. */
#include "grp.h"

void grp_work_b(struct work_struct *work)
{
	struct grp_ctx *ctx = container_of(work, struct grp_ctx, work);

	kthread_use_mm(ctx->mm);
	kthread_unuse_mm(ctx->mm);
}

void grp_work_held(struct work_struct *work)
{
	struct grp_ctx *ctx = container_of(work, struct grp_ctx, work);

	if (!mmget_not_zero(ctx->mm))
		return;
	kthread_use_mm(ctx->mm);
	kthread_unuse_mm(ctx->mm);
	mmput(ctx->mm);
}
