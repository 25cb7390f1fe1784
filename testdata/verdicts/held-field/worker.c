static int demo_worker(void *data)
{
	struct demo_dev *dev = data;

	kthread_use_mm(dev->mm);
	demo_run(dev);
	kthread_unuse_mm(dev->mm);
	return 0;
}
