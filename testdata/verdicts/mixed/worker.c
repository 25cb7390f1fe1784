static void hdev_work(struct hdev *dev)
{
	kthread_use_mm(dev->mm);
	hdev_run(dev);
	kthread_unuse_mm(dev->mm);
}
