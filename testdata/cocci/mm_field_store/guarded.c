// Stores under a field test: the facts carry the tests that hold there
// (vhost holds the mm for a device with a worker thread, pins it
// otherwise).
struct vdev {
	struct mm_struct *mm;
	bool use_worker;
	int flags;
};

static void attach_mm(struct vdev *dev)
{
	if (dev->use_worker) {
		dev->mm = get_task_mm(current);
	} else {
		dev->mm = current->mm;
		mmgrab(dev->mm);
	}
}

static void attach_negated(struct vdev *dev)
{
	if (!dev->use_worker) {
		mmgrab(current->mm);
		dev->mm = current->mm;
	} else {
		dev->mm = get_task_mm(current);
	}
}

static void attach_nested(struct vdev *dev)
{
	if (dev->flags) {
		if (!dev->use_worker)
			dev->mm = current->mm;
	}
}

static void attach_plain(struct vdev *dev)
{
	dev->mm = get_task_mm(current);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"class": "acquire", "col": 7, "comment": null, "fact": "store", "file": "guarded.c", "function": "attach_plain", "key": "struct vdev ->mm", "lhs": "dev->mm", "line": 40, "ops": [], "rhs": "get_task_mm(current)"}
{"class": "acquire", "col": 8, "comment": null, "fact": "store", "file": "guarded.c", "function": "attach_mm", "guards": ["struct vdev ->use_worker"], "key": "struct vdev ->mm", "lhs": "dev->mm", "line": 13, "ops": ["mmgrab(dev->mm):16"], "rhs": "get_task_mm(current)"}
{"class": "acquire", "col": 8, "comment": null, "fact": "store", "file": "guarded.c", "function": "attach_negated", "guards": ["struct vdev ->use_worker"], "key": "struct vdev ->mm", "lhs": "dev->mm", "line": 26, "ops": [], "rhs": "get_task_mm(current)"}
{"class": "grab", "col": 8, "comment": null, "fact": "store", "file": "guarded.c", "function": "attach_mm", "guards": ["!struct vdev ->use_worker"], "key": "struct vdev ->mm", "lhs": "dev->mm", "line": 15, "ops": ["mmgrab(dev->mm):16"], "rhs": "current->mm"}
{"class": "grab", "col": 8, "comment": null, "fact": "store", "file": "guarded.c", "function": "attach_negated", "guards": ["!struct vdev ->use_worker"], "key": "struct vdev ->mm", "lhs": "dev->mm", "line": 24, "ops": ["mmgrab(current->mm):23"], "rhs": "current->mm"}
{"class": "none", "col": 9, "comment": null, "fact": "store", "file": "guarded.c", "function": "attach_nested", "guards": ["!struct vdev ->use_worker", "struct vdev ->flags"], "key": "struct vdev ->mm", "lhs": "dev->mm", "line": 34, "ops": [], "rhs": "current->mm"}
*/
