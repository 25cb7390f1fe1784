// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mm is stored with no count at all: it may be freed before the
 * wrapper's mmget_not_zero() reads it.
 */
#include <linux/sched/mm.h>

struct demo_bare {
	struct mm_struct *mm;
	struct work_struct work;
};

static int demo_bare_open(struct demo_bare *b)
{
	b->mm = current->mm;
	return 0;
}

static void demo_bare_work(struct work_struct *work)
{
	struct demo_bare *b = container_of(work, struct demo_bare, work);
	char buf[8];

	demo_copy_in(b->mm, buf);
}
