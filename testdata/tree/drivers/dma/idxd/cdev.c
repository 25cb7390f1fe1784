// SPDX-License-Identifier: GPL-2.0
/* Completion records are written back into the opener's memory. */
#include <linux/kthread.h>
#include <linux/sched/mm.h>

struct idxd_user_context {
	struct mm_struct *mm;
	void __user *cr;
};

int idxd_cdev_open(struct idxd_user_context *ctx)
{
	ctx->mm = current->mm;
	return 0;
}

int idxd_copy_cr(struct idxd_user_context *ctx, const void *cr, int len)
{
	int left;

	kthread_use_mm(ctx->mm);
	left = copy_to_user(ctx->cr, cr, len);
	kthread_unuse_mm(ctx->mm);
	return len - left;
}
