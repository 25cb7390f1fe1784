/* The worker thread starts only for a device with use_worker: through an
 * ops table, from set_owner under the test, and from an ioctl that
 * returns early without it. */
struct vdev {
	struct mm_struct *mm;
	bool use_worker;
};

struct vworker {
	struct vdev *dev;
	struct task_struct *task;
};

struct vworker_ops {
	int (*create)(struct vworker *w);
};

static int vworker_fn(void *data)
{
	struct vworker *w = data;
	struct vdev *dev = w->dev;

	kthread_use_mm(dev->mm);
	while (!kthread_should_stop())
		vworker_run(w);
	kthread_unuse_mm(dev->mm);
	return 0;
}

static int vworker_kthread_create(struct vworker *w)
{
	w->task = kthread_run(vworker_fn, w, "vworker");
	return IS_ERR(w->task) ? PTR_ERR(w->task) : 0;
}

static const struct vworker_ops kthread_ops = {
	.create = vworker_kthread_create,
};

static struct vworker *vworker_create(struct vdev *dev)
{
	const struct vworker_ops *ops = &kthread_ops;
	struct vworker *w = kzalloc(sizeof(*w), GFP_KERNEL);

	if (!w)
		return NULL;
	w->dev = dev;
	if (ops->create(w)) {
		kfree(w);
		return NULL;
	}
	return w;
}

long vdev_set_owner(struct vdev *dev)
{
	vdev_attach_mm(dev);
	if (dev->use_worker) {
		if (!vworker_create(dev))
			return -ENOMEM;
	}
	return 0;
}

static int vdev_new_worker(struct vdev *dev)
{
	return vworker_create(dev) ? 0 : -ENOMEM;
}

long vdev_worker_ioctl(struct vdev *dev, unsigned int cmd)
{
	if (!dev->use_worker)
		return -EINVAL;
	return vdev_new_worker(dev);
}
