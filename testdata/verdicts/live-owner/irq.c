// SPDX-License-Identifier: GPL-2.0
/* The routing table calls each entry's ->set. */
#include <linux/kernel.h>

struct demo_route {
	int (*set)(struct demo_route *e, struct demo_vm *vm);
};

extern struct demo_route demo_routes[4];

int demo_set_irq(struct demo_vm *vm, int gsi)
{
	struct demo_route *e = &demo_routes[gsi & 3];

	return e->set(e, vm);
}
