// SPDX-License-Identifier: GPL-2.0-only
/*
 * A teardown that stops the other user first: cfg_refresh() takes
 * cfg->lock from a work item (started in setup.c), and cfg_teardown()
 * cancels that work synchronously before it calls cfg_destroy(), which
 * frees cfg. Quiesced in the caller: the unlock-free finding is of low
 * confidence, not in the default report.
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

void cfg_teardown(struct cfg_holder *h)
{
	cancel_work_sync(&h->work);
	cfg_destroy(h, h->cfg);
}
