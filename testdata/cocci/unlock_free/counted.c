// Safe twins: a count already says who frees the object.
struct obj {
	struct mutex lock;
	struct kref kref;
	refcount_t users;
	struct list_head node;
	struct obj *parent;
};

/* the release callback of the kref: it runs once, for the last user */
static void obj_release(struct kref *kref)
{
	struct obj *o = container_of(kref, struct obj, kref);

	mutex_lock(&o->lock);
	o->parent = NULL;
	mutex_unlock(&o->lock);
	kfree(o);
}

/* the free is under refcount_dec_and_test() */
static void obj_put_users(struct obj *o)
{
	mutex_lock(&o->lock);
	o->parent = NULL;
	mutex_unlock(&o->lock);
	if (refcount_dec_and_test(&o->users))
		kfree(o);
}

/* unlinked from every lookup structure, and the struct is counted */
static void obj_unlink_free(struct obj *o)
{
	mutex_lock(&o->lock);
	list_del(&o->node);
	mutex_unlock(&o->lock);
	vfree(o);
}

/* another pointer reaches the object here */
static void obj_touch_parent(struct obj *child)
{
	struct obj *p = child->parent;

	mutex_lock(&p->lock);
	p->parent = NULL;
	mutex_unlock(&p->lock);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
*/
