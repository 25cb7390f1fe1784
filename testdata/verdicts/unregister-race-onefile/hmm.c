// HMM device and mirror teardown: hmm_device_unregister() decides the
// device is idle under device->mutex, while hmm_mirror_destroy() may still
// be inside mutex_unlock() on that very mutex: the decide side is reported.
struct hmm {
	struct mm_struct *mm;
	struct rw_semaphore rwsem;
	struct hlist_head mirrors;
};

struct hmm_device;

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

static void hmm_mirror_destroy(struct kref *kref)
{
	struct hmm_device *device;
	struct hmm_mirror *mirror;

	mirror = container_of(kref, struct hmm_mirror, kref);
	device = mirror->device;

	mutex_lock(&device->mutex);
	list_del_init(&mirror->dlist);
	device->ops->release(mirror);
	mutex_unlock(&device->mutex);
}

static void hmm_mirror_unref(struct hmm_mirror **mirror)
{
	struct hmm_mirror *m = *mirror;

	*mirror = NULL;
	if (m)
		kref_put(&m->kref, hmm_mirror_destroy);
}

static void hmm_mirror_kill(struct hmm_mirror *mirror)
{
	down_write(&mirror->hmm->rwsem);
	if (!hlist_unhashed(&mirror->mlist)) {
		hlist_del_init(&mirror->mlist);
		up_write(&mirror->hmm->rwsem);
		hmm_mirror_unref(&mirror);
	} else
		up_write(&mirror->hmm->rwsem);
}

int hmm_device_register(struct hmm_device *device)
{
	mutex_init(&device->mutex);
	INIT_LIST_HEAD(&device->mirrors);
	return 0;
}

int hmm_device_unregister(struct hmm_device *device)
{
	mutex_lock(&device->mutex);
	if (!list_empty(&device->mirrors)) {
		mutex_unlock(&device->mutex);
		return -EBUSY;
	}
	mutex_unlock(&device->mutex);
	return 0;
}

