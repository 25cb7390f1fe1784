// SPDX-License-Identifier: GPL-2.0-only
#include <linux/kthread.h>

static int vfio_dma_rw_chunk(struct vfio_dma *dma, void *data, size_t count,
			     bool write)
{
	struct mm_struct *mm = dma->mm;
	bool kthread = current->mm == NULL;
	int ret = 0;

	if (!mmget_not_zero(mm))
		return -EPERM;
	if (kthread)
		kthread_use_mm(mm);
	else if (current->mm != mm)
		goto out;
	ret = write ? copy_to_user(dma->vaddr, data, count)
		    : copy_from_user(data, dma->vaddr, count);
	if (kthread)
		kthread_unuse_mm(mm);
out:
	mmput(mm);
	return ret;
}
