// SPDX-License-Identifier: GPL-2.0
/* Two of the macro's three call sites. */
#include "grp.h"

void grp_load_v1(struct grp_dev *dev)
{
	u32 val;

	if (grp_read_user(dev->mm, dev->wptr, val))
		pr_info("v1 %u\n", val);
}

void grp_load_v2(struct grp_dev *dev)
{
	u32 val;

	if (grp_read_user(dev->mm, dev->wptr, val))
		pr_info("v2 %u\n", val);
}
