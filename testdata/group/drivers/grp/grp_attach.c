// SPDX-License-Identifier: GPL-2.0
/*
 * A function wrapper whose two callers differ: one passes an mm pinned by
 * mmgrab() only, the other one stored with no count at all.
 */
#include "grp.h"

void grp_attach(struct mm_struct *mm)
{
	kthread_use_mm(mm);
	kthread_unuse_mm(mm);
}

void grp_attach_ctx(struct grp_ctx *ctx)
{
	grp_attach(ctx->mm);
}

void grp_attach_open(struct grp_open *o)
{
	grp_attach(o->mm);
}
