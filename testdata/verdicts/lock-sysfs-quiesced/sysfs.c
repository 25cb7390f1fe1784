// SPDX-License-Identifier: GPL-2.0-only
/* The attribute, in another file of the driver. */
#include "cfg.h"

static ssize_t val_show(struct device *dev, struct device_attribute *attr,
			char *buf)
{
	struct acc_dev *d = dev_get_drvdata(dev);

	return acc_cfg_get(d, buf);
}
static DEVICE_ATTR_RO(val);
