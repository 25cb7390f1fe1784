/* mmcheck-fix 8,23 */
// An int function whose only error exit is a later return -EFAULT;.
static int read_status(struct ctx *c, void __user *ubuf)
{
	struct status st;
	int rc;

	kthread_use_mm(c->mm);			/* fix */
	rc = fetch_status(c, &st);
	kthread_unuse_mm(c->mm);
	if (copy_to_user(ubuf, &st, sizeof(st)))
		return -EFAULT;
	return rc;
}

// The first error exit wins: the -EINVAL before the use.
static long write_word(struct ctx *c, unsigned long addr, u32 val)
{
	long rc;

	if (addr & 3)
		return -EINVAL;
	kthread_use_mm(c->mm);			/* fix */
	rc = put_user(val, (u32 __user *)addr);
	kthread_unuse_mm(c->mm);
	if (rc)
		return -EFAULT;
	return 0;
}
