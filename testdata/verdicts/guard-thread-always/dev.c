/* vhost: the owner's mm is held with get_task_mm() for a device that
 * runs a worker thread, only pinned with mmgrab() for one that does not. */
struct vdev {
	struct mm_struct *mm;
	bool use_worker;
};

void vdev_attach_mm(struct vdev *dev)
{
	if (dev->use_worker) {
		dev->mm = get_task_mm(current);
	} else {
		dev->mm = current->mm;
		mmgrab(dev->mm);
	}
}

void vdev_detach_mm(struct vdev *dev)
{
	if (dev->use_worker)
		mmput(dev->mm);
	else
		mmdrop(dev->mm);
	dev->mm = NULL;
}
