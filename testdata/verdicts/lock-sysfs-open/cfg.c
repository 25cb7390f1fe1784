// SPDX-License-Identifier: GPL-2.0-only
/*
 * The qat shape: a sysfs attribute reads the configuration under
 * cfg->lock, and the device's remove frees it without removing the
 * attribute group first (it is devm-managed: removed only after ->remove
 * returns). The attribute is the other party: medium, reported.
 */
#include "cfg.h"

int acc_cfg_get(struct acc_dev *d, char *buf)
{
	struct acc_cfg *c = d->cfg;

	down_read(&c->lock);
	buf[0] = c->val;
	up_read(&c->lock);
	return 1;
}

void acc_cfg_remove(struct acc_dev *d)
{
	struct acc_cfg *c = d->cfg;

	down_write(&c->lock);
	c->val = 0;
	up_write(&c->lock);
	kfree(c);
	d->cfg = NULL;
}
