// SPDX-License-Identifier: GPL-2.0-only
/*
 * The quiesced twin of lock-sysfs-open: the device's remove takes the
 * attribute group away (which waits for the attribute's readers) before
 * it frees the configuration. Low confidence.
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

void acc_cfg_remove(struct device *dev, struct acc_dev *d)
{
	struct acc_cfg *c = d->cfg;

	device_remove_group(dev, &acc_group);
	down_write(&c->lock);
	c->val = 0;
	up_write(&c->lock);
	kfree(c);
	d->cfg = NULL;
}
