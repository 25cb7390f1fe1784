// The vhost model, over two files: the owner takes mm_users at set-up.
struct demo_dev {
	struct mm_struct *mm;
};

long demo_set_owner(struct demo_dev *dev)
{
	dev->mm = get_task_mm(current);
	return dev->mm ? 0 : -ESRCH;
}

void demo_cleanup(struct demo_dev *dev)
{
	if (dev->mm)
		mmput(dev->mm);
	dev->mm = NULL;
}
