// SPDX-License-Identifier: GPL-2.0
/* Accelerator fault handling: the window keeps the opener's mm. */
#include <linux/kthread.h>
#include <linux/sched/mm.h>

struct vas_window {
	struct mm_struct *mm;
	void __user *csb;
};

int vas_window_open(struct vas_window *w)
{
	w->mm = get_task_mm(current);
	if (!w->mm)
		return -EPERM;
	mmgrab(w->mm);
	mmput(w->mm);
	return 0;
}

void vas_window_close(struct vas_window *w)
{
	mmdrop(w->mm);
}

void vas_update_csb(struct vas_window *w, u64 status)
{
	if (!w->csb)
		return;

	kthread_use_mm(w->mm);
	if (copy_to_user(w->csb, &status, sizeof(status)))
		pr_debug("cannot update the CSB\n");
	kthread_unuse_mm(w->mm);
}
