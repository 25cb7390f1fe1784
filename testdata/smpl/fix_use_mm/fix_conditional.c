/* mmcheck-fix 9 */
// A use under a test, unused under the same test: the check goes in with
// the use and the mmput() with the unuse, each in braces.
static void cond_worker(struct ctx *c, bool kthread)
{
	if (!c->ok)
		return;
	if (kthread)
		kthread_use_mm(c->mm);
	copy(c);
	if (kthread)
		kthread_unuse_mm(c->mm);
}
