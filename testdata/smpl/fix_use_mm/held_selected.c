/* mmcheck-fix 7 */
// A held use is never patched, even when MMCHECK_FIX names it.
static void held_worker(struct ctx *c)
{
	if (!mmget_not_zero(c->mm))
		return;
	kthread_use_mm(c->mm);			/* fix */
	copy(c);
	kthread_unuse_mm(c->mm);
	mmput(c->mm);
}
