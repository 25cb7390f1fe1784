/* mmcheck-fix 8 */
// An error path returns with the mm still in use: no fix, the unuse and
// the mmput() would be missing on that path.
static int copy_out(struct ctx *c)
{
	int err;

	kthread_use_mm(c->mm);			/* fix */
	err = copy(c);
	if (err)
		return -EFAULT;
	kthread_unuse_mm(c->mm);
	return 0;
}
