/* mmcheck-fix 12:check,26:check,39:check */
// mmget_not_zero() whose result is ignored before the use: the fix tests
// it and bails out as the function does.
static int read_remote(struct remote *r, u32 __user *addr, u32 *val)
{
	int ret;

	if (!r->live)
		return -ENODEV;

	mmget_not_zero(r->mm);
	kthread_use_mm(r->mm);			/* fix */
	ret = get_user(*val, addr);
	kthread_unuse_mm(r->mm);
	mmput(r->mm);
	return ret;
}

// A void function: return;.
static void poke_remote(struct remote *r, u32 __user *addr)
{
	mutex_lock(&r->lock);
	if (!r->live)
		goto out;
	mmget_not_zero(r->mm);
	kthread_use_mm(r->mm);			/* fix */
	put_user(1, addr);
	kthread_unuse_mm(r->mm);
	mmput(r->mm);
out:
	mutex_unlock(&r->lock);
}

// No mmput() after the use: the test would take a reference that nothing
// drops. No fix.
static void peek_remote(struct remote *r, u32 __user *addr, u32 *val)
{
	mmget_not_zero(r->mm);
	kthread_use_mm(r->mm);			/* fix */
	get_user(*val, addr);
	kthread_unuse_mm(r->mm);
}
