/* SPDX-License-Identifier: GPL-2.0-only */
struct nic_tc {
	struct mutex lock;
	int nr_flows;
};

struct nic {
	struct net_device *ndev;
	struct nic_tc *tc;
	struct dentry *debugfs;
};

int nic_setup_tc(struct net_device *ndev, enum tc_setup_type type,
		 void *data);
int nic_flows_show(struct seq_file *m, void *v);
void nic_fini_tc(struct nic *n);
