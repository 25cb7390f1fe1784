/* SPDX-License-Identifier: GPL-2.0-only */
struct acc_cfg {
	struct rw_semaphore lock;
	int val;
};

struct acc_dev {
	struct acc_cfg *cfg;
};

int acc_cfg_get(struct acc_dev *d, char *buf);
void acc_cfg_remove(struct acc_dev *d);
