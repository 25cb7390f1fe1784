/* mmcheck-fix 13,31,60 */
// The use sits in a mutex region whose error exits jump to the unlock:
// the fix jumps there too, with the error value the function sets.
static int sync_fence(struct fence_ctx *f)
{
	int err;

	mutex_lock(&f->lock);
	if (!f->armed) {
		err = -ENOENT;
		goto out_unlock;
	}
	kthread_use_mm(f->mm);			/* fix */
	err = put_user(f->value, f->addr);
	kthread_unuse_mm(f->mm);
	f->armed = false;
out_unlock:
	mutex_unlock(&f->lock);
	return err;
}

// The only goto comes after a buffer was allocated after the use: jumping
// to its label would free what the function has not allocated yet, and a
// plain return would leave the spinlock held. No fix.
static int fill_page(struct page_ctx *pc)
{
	void *buf;
	int err;

	spin_lock(&pc->lock);
	kthread_use_mm(pc->mm);			/* fix */
	err = probe(pc);
	kthread_unuse_mm(pc->mm);
	buf = kmalloc(PAGE_SIZE, GFP_ATOMIC);
	if (!buf) {
		err = -ENOMEM;
		goto out_unlock;
	}
	err = fill(pc, buf);
	kfree(buf);
out_unlock:
	spin_unlock(&pc->lock);
	if (err)
		return -EIO;
	return 0;
}

// The error exit before the use unlocks before it jumps: the jump alone
// would leave the mutex held, so it is no bail-out to imitate. No fix.
static int flush_ring(struct ring *r)
{
	int err = 0;

	mutex_lock(&r->lock);
	if (!r->mapped) {
		mutex_unlock(&r->lock);
		err = -ENXIO;
		goto out;
	}
	kthread_use_mm(r->mm);			/* fix */
	err = drain(r);
	kthread_unuse_mm(r->mm);
	mutex_unlock(&r->lock);
out:
	return err;
}
