/* mmcheck-fix 18,39,61 */
// The exit before the use warns, then jumps to the unlock; the function
// returns "len - left", and nothing assigns len or left between the jump
// and the use: the fix jumps there too (the shape of idxd_copy_cr()).
int copy_record(struct wq *wq, u32 id, void __user *addr, void *cr, int len)
{
	struct user_ctx *ctx;
	struct mm_struct *mm;
	int left = len;

	mutex_lock(&wq->lock);
	ctx = xa_load(&wq->ctxs, id);
	if (!ctx) {
		dev_warn(wq->dev, "no context\n");
		goto out;
	}
	mm = ctx->mm;
	kthread_use_mm(mm);			/* fix */
	left = copy_to_user(addr, cr, len);
	kthread_unuse_mm(mm);
out:
	mutex_unlock(&wq->lock);
	return len - left;
}

// left changes between the jump and the use: the jump would return
// another value than the path it imitates. No fix.
int copy_record_moved(struct wq *wq, u32 id, void __user *addr, void *cr,
		      int len)
{
	struct user_ctx *ctx;
	int left = len;

	mutex_lock(&wq->lock);
	ctx = xa_load(&wq->ctxs, id);
	if (!ctx)
		goto out;
	left = len - 1;
	kthread_use_mm(ctx->mm);		/* fix */
	left = copy_to_user(addr, cr, left);
	kthread_unuse_mm(ctx->mm);
out:
	mutex_unlock(&wq->lock);
	return len - left;
}

// The block unlocks before it jumps: the jump alone would leave the
// mutex held. No fix.
int copy_record_unlocked(struct wq *wq, u32 id, void __user *addr, void *cr,
			 int len)
{
	struct user_ctx *ctx;
	int left = len;

	mutex_lock(&wq->lock);
	ctx = xa_load(&wq->ctxs, id);
	if (!ctx) {
		mutex_unlock(&wq->lock);
		goto out;
	}
	kthread_use_mm(ctx->mm);		/* fix */
	left = copy_to_user(addr, cr, len);
	kthread_unuse_mm(ctx->mm);
	mutex_unlock(&wq->lock);
out:
	return len - left;
}
