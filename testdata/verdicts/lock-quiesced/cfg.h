/* SPDX-License-Identifier: GPL-2.0-only */
struct cfg {
	struct mutex lock;
	int gen;
};

struct cfg_holder {
	struct cfg *cfg;
	struct work_struct work;
};

void cfg_refresh(struct work_struct *w);
void cfg_destroy(struct cfg_holder *h, struct cfg *c);
