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

/* mmcheck-expect report
fix_goto.c:12:1-15: WARNING: kthread_use_mm(f->mm) without an mm_users reference held in sync_fence() (mmgrab() is not enough) [use-mm-unheld]
fix_goto.c:30:1-15: WARNING: kthread_use_mm(pc->mm) without an mm_users reference held in fill_page() (mmgrab() is not enough) [use-mm-unheld]
fix_goto.c:59:1-15: WARNING: kthread_use_mm(r->mm) without an mm_users reference held in flush_ring() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_goto.c", "function": "fill_page", "key": "struct page_ctx ->mm", "line": 30, "mm": "pc->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_goto.c", "function": "flush_ring", "key": "struct ring ->mm", "line": 59, "mm": "r->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_goto.c", "function": "sync_fence", "key": "struct fence_ctx ->mm", "line": 12, "mm": "f->mm"}
{"col": 2, "fact": "no-put", "file": "fix_goto.c", "function": "fill_page", "line": 30}
{"col": 2, "fact": "no-put", "file": "fix_goto.c", "function": "flush_ring", "line": 59}
{"col": 2, "fact": "no-put", "file": "fix_goto.c", "function": "sync_fence", "line": 12}
{"col": 2, "fact": "some-unuse", "file": "fix_goto.c", "function": "fill_page", "line": 30}
{"col": 2, "fact": "some-unuse", "file": "fix_goto.c", "function": "flush_ring", "line": 59}
{"col": 2, "fact": "some-unuse", "file": "fix_goto.c", "function": "sync_fence", "line": 12}
{"col": 2, "fact": "unheld", "file": "fix_goto.c", "function": "fill_page", "line": 30, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "fix_goto.c", "function": "flush_ring", "line": 59, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "fix_goto.c", "function": "sync_fence", "line": 12, "reason": "no-acquire"}
*/
