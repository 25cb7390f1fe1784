// SPDX-License-Identifier: GPL-2.0
/*
 * Iterators over the mm's VMA tree: set up before the mm_users check,
 * walked after it under the mmap lock (safe); set up and walked with no
 * check (the lock is the use); set up alone, the caller holding the lock
 * (the set-up is the use).
 */
#include <linux/mm.h>

void demo_release(struct demo_ctx *ctx)
{
	struct mm_struct *mm = ctx->mm;
	struct vm_area_struct *vma;
	MA_STATE(mas, &mm->mm_mt, 0, 0);

	if (!mmget_not_zero(mm))
		return;
	mmap_write_lock(mm);
	mas_for_each(&mas, vma, ULONG_MAX)
		vma->vm_flags &= ~VM_LOCKED;
	mmap_write_unlock(mm);
	mmput(mm);
}

void demo_release_unheld(struct demo_ctx *ctx)
{
	struct mm_struct *mm = ctx->mm;
	struct vm_area_struct *vma;
	VMA_ITERATOR(vmi, mm, 0);

	mmap_write_lock(mm);
	for_each_vma(vmi, vma)
		vma->vm_flags &= ~VM_LOCKED;
	mmap_write_unlock(mm);
}

int demo_walk_locked(struct demo_ctx *ctx)
{
	VMA_ITERATOR(vmi, ctx->mm, ctx->start);
	struct vm_area_struct *prev = vma_prev(&vmi);

	return prev != NULL;
}
