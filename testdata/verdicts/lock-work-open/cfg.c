// SPDX-License-Identifier: GPL-2.0-only
/*
 * The unquiesced twin: cfg_refresh() takes cfg->lock from a work item
 * (started in setup.c), and cfg_destroy() frees cfg without waiting for
 * it: the work item is the other party, named in the evidence; the
 * finding stays in the default report.
 */
#include "cfg.h"

void cfg_refresh(struct work_struct *w)
{
	struct cfg_holder *h = container_of(w, struct cfg_holder, work);
	struct cfg *c = h->cfg;

	mutex_lock(&c->lock);
	c->gen++;
	mutex_unlock(&c->lock);
}

void cfg_destroy(struct cfg_holder *h, struct cfg *c)
{
	mutex_lock(&c->lock);
	c->gen = 0;
	mutex_unlock(&c->lock);
	kfree(c);
}
