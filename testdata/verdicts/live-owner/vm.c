// SPDX-License-Identifier: GPL-2.0
/*
 * A VM keeps its creator's mm with mmgrab() only. Its ioctls return
 * unless the caller is the creator; its interrupt injection runs as a
 * work item, which the creator's exit does not wait for.
 */
#include <linux/fs.h>
#include <linux/sched/mm.h>
#include <linux/workqueue.h>

struct demo_vm {
	struct mm_struct *mm;
	struct work_struct inject;
	int gsi;
};

static void demo_inject_work(struct work_struct *work)
{
	struct demo_vm *vm = container_of(work, struct demo_vm, inject);

	demo_set_irq(vm, vm->gsi);
}

int demo_vm_create(struct demo_vm *vm)
{
	mmgrab(current->mm);
	vm->mm = current->mm;
	INIT_WORK(&vm->inject, demo_inject_work);
	return 0;
}

static long demo_vm_ioctl(struct file *filp, unsigned int cmd,
			  unsigned long arg)
{
	struct demo_vm *vm = filp->private_data;

	if (vm->mm != current->mm)
		return -EIO;
	if (cmd == 1)
		return demo_get_bits(vm, arg);
	return demo_set_irq(vm, arg);
}

static const struct file_operations demo_vm_fops = {
	.unlocked_ioctl = demo_vm_ioctl,
};
