/* fault_work is set up only when the context faults; stat_work in the
 * branch that does not: its use of the mm is the unsafe twin. */
struct fctx {
	struct mm_struct *mm;
	int faults;
	struct work_struct fault_work;
	struct work_struct stat_work;
};

static void fctx_fault_work(struct work_struct *work)
{
	struct fctx *c = container_of(work, struct fctx, fault_work);

	kthread_use_mm(c->mm);
	fctx_fault_in(c);
	kthread_unuse_mm(c->mm);
}

static void fctx_stat_work(struct work_struct *work)
{
	struct fctx *c = container_of(work, struct fctx, stat_work);

	kthread_use_mm(c->mm);
	fctx_count(c);
	kthread_unuse_mm(c->mm);
}

void fctx_init_work(struct fctx *c)
{
	if (c->faults)
		INIT_WORK(&c->fault_work, fctx_fault_work);
	else
		INIT_WORK(&c->stat_work, fctx_stat_work);
}
