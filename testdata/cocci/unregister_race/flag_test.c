// Not decide sides: epf_unbind() tests a flag, not a count of users, and
// epf_release_vfs() does not bail out when the list is busy. The removal
// in epf_release_vfs() is its own business: a function cannot race with
// itself.
struct epf {
	struct mutex lock;
	bool is_bound;
	struct list_head vfs;
};

struct vf {
	struct epf *epf;
	struct list_head node;
};

static void vf_remove(struct vf *vf)
{
	struct epf *epf = vf->epf;

	mutex_lock(&epf->lock);
	list_del(&vf->node);
	mutex_unlock(&epf->lock);
}

int epf_unbind(struct epf *epf)
{
	mutex_lock(&epf->lock);
	if (epf->is_bound) {
		mutex_unlock(&epf->lock);
		return -EBUSY;
	}
	mutex_unlock(&epf->lock);
	return 0;
}

static void epf_release_vfs(struct epf *epf)
{
	struct vf *vf;

	mutex_lock(&epf->lock);
	if (!list_empty(&epf->vfs)) {
		vf = list_first_entry(&epf->vfs, struct vf, node);
		list_del(&vf->node);
	}
	mutex_unlock(&epf->lock);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"col": 2, "fact": "lock-last-access", "file": "flag_test.c", "function": "epf_release_vfs", "key": "struct epf ->lock", "line": 45, "what": "list_del(&vf->node)", "what_line": 43}
{"col": 2, "fact": "lock-last-access", "file": "flag_test.c", "function": "vf_remove", "key": "struct epf ->lock", "line": 22, "what": "list_del(&vf->node)", "what_line": 21}
*/
