// SPDX-License-Identifier: GPL-2.0
/* Where the structures get their mm: mmgrab() only, or no count. */
#include "grp.h"

int grp_dev_open(struct grp_dev *dev)
{
	mmgrab(current->mm);
	dev->mm = current->mm;
	return 0;
}

int grp_ctx_open(struct grp_ctx *ctx)
{
	mmgrab(current->mm);
	ctx->mm = current->mm;
	return 0;
}

int grp_open_open(struct grp_open *o)
{
	o->mm = current->mm;
	return 0;
}
