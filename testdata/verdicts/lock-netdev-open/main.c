// SPDX-License-Identifier: GPL-2.0-only
/*
 * The unquiesced twin: the object is freed before the netdev is
 * unregistered and while the debugfs file still exists, so an ndo call or
 * a read of the file can still be waiting on the lock: the finding stays
 * in the default report, with those users named.
 */
#include "nic.h"

int nic_setup_tc(struct net_device *ndev, enum tc_setup_type type,
		 void *data)
{
	struct nic *n = netdev_priv(ndev);
	struct nic_tc *tc = n->tc;

	mutex_lock(&tc->lock);
	tc->nr_flows++;
	mutex_unlock(&tc->lock);
	return 0;
}

static const struct net_device_ops nic_netdev_ops = {
	.ndo_setup_tc = nic_setup_tc,
};

void nic_fini_tc(struct nic *n)
{
	struct nic_tc *tc = n->tc;

	mutex_lock(&tc->lock);
	tc->nr_flows = 0;
	mutex_unlock(&tc->lock);
	kfree(tc);
}

void nic_remove(struct nic *n)
{
	nic_fini_tc(n);
	unregister_netdev(n->ndev);
	debugfs_remove_recursive(n->debugfs);
}
