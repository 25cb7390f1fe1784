// The starts of the thread and work functions that hold a use, with the
// field tests that hold at every path into them in this file: vhost's
// worker starts only for a device with use_worker.
struct vdev {
	struct mm_struct *mm;
	bool use_worker;
	struct work_struct work;
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
	vworker_run(w);
	kthread_unuse_mm(dev->mm);
	return 0;
}

/* reached through the ops table below */
static int vworker_kthread_create(struct vworker *w)
{
	w->task = kthread_create(vworker_fn, w, "vworker");
	return IS_ERR(w->task) ? PTR_ERR(w->task) : 0;
}

static const struct vworker_ops kthread_ops = {
	.create = vworker_kthread_create,
};

static struct vworker *vworker_create(struct vdev *dev)
{
	const struct vworker_ops *ops = &kthread_ops;
	struct vworker *w = kzalloc(sizeof(*w), GFP_KERNEL);

	w->dev = dev;
	ops->create(w);
	return w;
}

long vdev_set_owner(struct vdev *dev)
{
	if (dev->use_worker)
		vworker_create(dev);
	return 0;
}

/* the ioctl returns early without use_worker */
long vdev_worker_ioctl(struct vdev *dev)
{
	if (!dev->use_worker)
		return -EINVAL;
	vworker_create(dev);
	return 0;
}

/* a work function: started in the else branch of the test */
static void vdev_work(struct work_struct *work)
{
	struct vdev *dev = container_of(work, struct vdev, work);

	kthread_use_mm(dev->mm);
	vdev_poll(dev);
	kthread_unuse_mm(dev->mm);
}

void vdev_init(struct vdev *dev)
{
	if (dev->use_worker)
		vdev_prepare(dev);
	else
		INIT_WORK(&dev->work, vdev_work);
}

/* not static: it may start elsewhere too */
int vdev_poll_thread(void *data)
{
	struct vdev *dev = data;

	kthread_use_mm(dev->mm);
	vdev_poll(dev);
	kthread_unuse_mm(dev->mm);
	return 0;
}

void vdev_start_poll(struct vdev *dev)
{
	kthread_run(vdev_poll_thread, dev, "vpoll");
}

/* mmcheck-expect report
thread_start.c:24:1-15: WARNING: kthread_use_mm(dev->mm) without an mm_users reference held in vworker_fn() (mmgrab() is not enough) [use-mm-unheld]
thread_start.c:72:1-15: WARNING: kthread_use_mm(dev->mm) without an mm_users reference held in vdev_work() (mmgrab() is not enough) [use-mm-unheld]
thread_start.c:90:1-15: WARNING: kthread_use_mm(dev->mm) without an mm_users reference held in vdev_poll_thread() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "INIT_WORK", "col": 3, "escapes": false, "fact": "start", "file": "thread_start.c", "function": "vdev_init", "guards": ["!struct vdev ->use_worker"], "line": 82, "tested_at": ["vdev_init():79"], "thread": "vdev_work"}
{"api": "kthread_create", "col": 12, "escapes": false, "fact": "start", "file": "thread_start.c", "function": "vworker_kthread_create", "guards": ["struct vdev ->use_worker"], "line": 33, "tested_at": ["vdev_set_owner():53, vdev_worker_ioctl():61"], "thread": "vworker_fn"}
{"api": "kthread_run", "col": 2, "escapes": true, "fact": "start", "file": "thread_start.c", "function": "vdev_start_poll", "guards": [], "line": 98, "tested_at": [], "thread": "vdev_poll_thread"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "thread_start.c", "function": "vdev_poll_thread", "key": "struct vdev ->mm", "line": 90, "mm": "dev->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "thread_start.c", "function": "vdev_work", "key": "struct vdev ->mm", "line": 72, "mm": "dev->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "thread_start.c", "function": "vworker_fn", "key": "struct vdev ->mm", "line": 24, "mm": "dev->mm"}
{"col": 2, "fact": "no-put", "file": "thread_start.c", "function": "vdev_poll_thread", "line": 90}
{"col": 2, "fact": "no-put", "file": "thread_start.c", "function": "vdev_work", "line": 72}
{"col": 2, "fact": "no-put", "file": "thread_start.c", "function": "vworker_fn", "line": 24}
{"col": 2, "fact": "some-unuse", "file": "thread_start.c", "function": "vdev_poll_thread", "line": 90}
{"col": 2, "fact": "some-unuse", "file": "thread_start.c", "function": "vdev_work", "line": 72}
{"col": 2, "fact": "some-unuse", "file": "thread_start.c", "function": "vworker_fn", "line": 24}
{"col": 2, "fact": "unheld", "file": "thread_start.c", "function": "vdev_poll_thread", "line": 90, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "thread_start.c", "function": "vdev_work", "line": 72, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "thread_start.c", "function": "vworker_fn", "line": 24, "reason": "no-acquire"}
*/
