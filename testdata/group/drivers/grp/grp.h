/* SPDX-License-Identifier: GPL-2.0 */
#ifndef GRP_H
#define GRP_H
#include <linux/sched/mm.h>

struct grp_dev {
	struct mm_struct *mm;
	u32 __user *wptr;
};

struct grp_ctx {
	struct mm_struct *mm;
	struct work_struct work;
};

struct grp_open {
	struct mm_struct *mm;
};

/* The use sits in a macro: each call of it is a site of its own. */
#define grp_read_user(mmptr, uptr, dst)				\
	({							\
		bool valid = false;				\
		if (current->flags & PF_KTHREAD) {		\
			kthread_use_mm(mmptr);			\
			valid = !get_user((dst), (uptr));	\
			kthread_unuse_mm(mmptr);		\
		}						\
		valid;						\
	})

void grp_attach(struct mm_struct *mm);
#endif
