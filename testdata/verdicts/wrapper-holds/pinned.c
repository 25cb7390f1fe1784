// SPDX-License-Identifier: GPL-2.0-only
/* The mm is pinned by mmgrab(): the wrapper's own test is enough. */
#include <linux/sched/mm.h>

struct demo_pinned {
	struct mm_struct *mm;
	struct work_struct work;
};

static int demo_pinned_open(struct demo_pinned *p)
{
	p->mm = current->mm;
	mmgrab(p->mm);
	return 0;
}

static void demo_pinned_work(struct work_struct *work)
{
	struct demo_pinned *p = container_of(work, struct demo_pinned, work);
	char buf[8];

	demo_copy_in(p->mm, buf);
}
