// SPDX-License-Identifier: GPL-2.0
/* A worker on the context's mm, which only mmgrab() pins. */
#include "grp.h"

void grp_work_a(struct work_struct *work)
{
	struct grp_ctx *ctx = container_of(work, struct grp_ctx, work);

	kthread_use_mm(ctx->mm);
	kthread_unuse_mm(ctx->mm);
}
