// SPDX-License-Identifier: GPL-2.0
/* Workers that walk the opener's address space. */
#include <linux/mm.h>
#include <linux/workqueue.h>

/* Fixed: it already returns early, the same return bails out. */
void demo_fault_work(struct work_struct *work)
{
	struct demo_ctx *ctx = container_of(work, struct demo_ctx, work);
	struct vm_area_struct *vma;

	if (!ctx->addr)
		return;
	mmap_read_lock(ctx->mm);
	vma = find_vma(ctx->mm, ctx->addr);
	if (vma)
		vma->vm_flags |= VM_DONTCOPY;
	mmap_read_unlock(ctx->mm);
}

/* No patch: it always completes, a bail-out would skip that. */
void demo_done_work(struct work_struct *work)
{
	struct demo_ctx *ctx = container_of(work, struct demo_ctx, done_work);

	mmap_read_lock(ctx->mm);
	find_vma(ctx->mm, ctx->addr);
	mmap_read_unlock(ctx->mm);
	complete(&ctx->done);
}
