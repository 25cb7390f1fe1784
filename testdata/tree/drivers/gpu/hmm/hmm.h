/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The HMM device and mirror structs, shared by hmm_device.c and
 * hmm_mirror.c: the two sides of the unregister race live in different
 * files, and only a join of their facts by key sees them meet.
 */
struct hmm {
	struct mm_struct *mm;
	struct rw_semaphore rwsem;
	struct hlist_head mirrors;
};

struct hmm_mirror;

struct hmm_device_ops {
	void (*release)(struct hmm_mirror *mirror);
};

struct hmm_device {
	const struct hmm_device_ops *ops;
	struct list_head mirrors;
	struct mutex mutex;
};

struct hmm_mirror {
	struct kref kref;
	struct hmm_device *device;
	struct hmm *hmm;
	struct list_head dlist;
	struct hlist_node mlist;
};

int hmm_device_register(struct hmm_device *device);
int hmm_device_unregister(struct hmm_device *device);
void hmm_mirror_unregister(struct hmm_mirror *mirror);
