// SPDX-License-Identifier: GPL-2.0
/* Workers that walk the opener's address space. */
#include <linux/mm.h>
#include <linux/workqueue.h>

void demo_fault_work(struct work_struct *work)
{
	struct demo_ctx *ctx = container_of(work, struct demo_ctx, work);
	struct vm_area_struct *vma;

	mmap_read_lock(ctx->mm);
	vma = find_vma(ctx->mm, ctx->addr);
	if (vma)
		vma->vm_flags |= 0;
	mmap_read_unlock(ctx->mm);
}

void demo_fault_work_held(struct work_struct *work)
{
	struct demo_ctx *ctx = container_of(work, struct demo_ctx, work);

	if (!mmget_not_zero(ctx->mm))
		return;
	mmap_read_lock(ctx->mm);
	mmap_read_unlock(ctx->mm);
	mmput(ctx->mm);
}

void demo_owned_work(struct demo_owned *o)
{
	mmap_read_lock(o->mm);
	mmap_read_unlock(o->mm);
}
