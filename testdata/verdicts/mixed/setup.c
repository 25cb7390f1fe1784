// One set-up path takes mm_users, the other only mmgrab().
struct hdev {
	struct mm_struct *mm;
	bool use_worker;
};

static void hdev_attach_mm(struct hdev *dev)
{
	if (dev->use_worker) {
		dev->mm = get_task_mm(current);
	} else {
		dev->mm = current->mm;
		mmgrab(dev->mm);
	}
}
