// SPDX-License-Identifier: GPL-2.0-only
/*
 * Another user of nic_tc->lock: the show of a debugfs seq_file, through
 * its seq_operations.
 */
#include "nic.h"

static void *nic_flows_start(struct seq_file *m, loff_t *pos)
{
	return *pos ? NULL : SEQ_START_TOKEN;
}

static void *nic_flows_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return NULL;
}

static void nic_flows_stop(struct seq_file *m, void *v)
{
}

int nic_flows_show(struct seq_file *m, void *v)
{
	struct nic *n = m->private;
	struct nic_tc *tc = n->tc;

	mutex_lock(&tc->lock);
	seq_printf(m, "%d\n", tc->nr_flows);
	mutex_unlock(&tc->lock);
	return 0;
}

static const struct seq_operations nic_flows_seq_ops = {
	.start = nic_flows_start,
	.next = nic_flows_next,
	.stop = nic_flows_stop,
	.show = nic_flows_show,
};
