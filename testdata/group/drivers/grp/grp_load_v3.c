// SPDX-License-Identifier: GPL-2.0
/* The macro's third call site, in a file of its own. */
#include "grp.h"

void grp_load_v3(struct grp_dev *dev)
{
	u32 val;

	if (grp_read_user(dev->mm, dev->wptr, val))
		pr_info("v3 %u\n", val);
}
