/* mmcheck-fix 7,10 */
// Two uses in one function: each gets its check and its mmput().
static void sync_both(struct pair *pr)
{
	if (!pr->ready)
		return;
	kthread_use_mm(pr->src);		/* fix */
	read_in(pr);
	kthread_unuse_mm(pr->src);
	kthread_use_mm(pr->dst);		/* fix */
	write_out(pr);
	kthread_unuse_mm(pr->dst);
}
