// SPDX-License-Identifier: GPL-2.0+
/* The AIO copy worker, fixed: a checked mmget_not_zero(). */
#include <linux/kthread.h>

static void ffs_user_copy_worker(struct work_struct *work)
{
	struct ffs_io_data *io_data = container_of(work, struct ffs_io_data,
						   work);
	int ret = io_data->status;

	if (io_data->read && ret > 0) {
		if (mmget_not_zero(io_data->mm)) {
			kthread_use_mm(io_data->mm);
			ret = ffs_copy_to_iter(io_data->buf, ret, &io_data->data);
			kthread_unuse_mm(io_data->mm);
			mmput(io_data->mm);
		} else {
			ret = -EFAULT;
		}
	}
	io_data->kiocb->ki_complete(io_data->kiocb, ret);
}
