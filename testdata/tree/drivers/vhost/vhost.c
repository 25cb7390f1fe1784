// SPDX-License-Identifier: GPL-2.0-only
/* The vhost model: get_task_mm() at set-up, mmput() at teardown. */
#include <linux/kthread.h>
#include <linux/sched/mm.h>

struct vhost_dev {
	struct mm_struct *mm;
	struct task_struct *worker;
};

static int vhost_worker(void *data)
{
	struct vhost_dev *dev = data;

	kthread_use_mm(dev->mm);
	for (;;) {
		if (kthread_should_stop())
			break;
		vhost_run_work_list(dev);
	}
	kthread_unuse_mm(dev->mm);
	return 0;
}

long vhost_dev_set_owner(struct vhost_dev *dev)
{
	dev->mm = get_task_mm(current);
	if (!dev->mm)
		return -ENOMEM;
	dev->worker = kthread_create(vhost_worker, dev, "vhost-%d", current->pid);
	return 0;
}

void vhost_dev_cleanup(struct vhost_dev *dev)
{
	kthread_stop(dev->worker);
	if (dev->mm)
		mmput(dev->mm);
	dev->mm = NULL;
}
