// SPDX-License-Identifier: GPL-2.0-only
/*
 * A remove that stops both other users before the free: the netdev is
 * unregistered (its ndo calls hold rtnl, which unregister_netdev() takes)
 * and the debugfs directory removed (which waits for its files' seq
 * operations) before nic_fini_tc() frees the lock's object. Quiesced in
 * the caller: low confidence, not in the default report.
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
	unregister_netdev(n->ndev);
	debugfs_remove_recursive(n->debugfs);
	nic_fini_tc(n);
}
