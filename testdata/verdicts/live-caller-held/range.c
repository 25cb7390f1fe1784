// SPDX-License-Identifier: GPL-2.0
/* Range operations on the context's mm: their callers hold mm_users. */
#include <linux/mm.h>

int demo_protect_range(struct demo_uctx *ctx, unsigned long start)
{
	struct vm_area_struct *vma;

	mmap_write_lock(ctx->mm);
	vma = find_vma(ctx->mm, start);
	mmap_write_unlock(ctx->mm);
	return vma ? 0 : -ENOENT;
}

int demo_zap_range(struct demo_uctx *ctx, unsigned long start)
{
	struct vm_area_struct *vma;

	mmap_read_lock(ctx->mm);
	vma = find_vma(ctx->mm, start);
	mmap_read_unlock(ctx->mm);
	return vma ? 0 : -ENOENT;
}
