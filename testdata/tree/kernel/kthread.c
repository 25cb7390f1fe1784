// SPDX-License-Identifier: GPL-2.0
/* The API itself: its definition is not a use. */
#include <linux/kthread.h>

void kthread_use_mm(struct mm_struct *mm)
{
	struct task_struct *tsk = current;

	mmgrab(mm);
	tsk->active_mm = mm;
	tsk->mm = mm;
	switch_mm(tsk->active_mm, mm, tsk);
}

void kthread_unuse_mm(struct mm_struct *mm)
{
	current->mm = NULL;
	mmdrop(mm);
}
