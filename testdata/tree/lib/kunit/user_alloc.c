// SPDX-License-Identifier: GPL-2.0
/* Attached for the rest of the test thread's life, on purpose. */
#include <linux/kthread.h>

static int kunit_attach_mm(void)
{
	struct mm_struct *mm;

	if (current->mm)
		return 0;
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	mm->task_size = TASK_SIZE;
	/* Attach the mm. It will be cleaned up when the process dies. */
	kthread_use_mm(mm);
	return 0;
}
