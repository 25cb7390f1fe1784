/* A context that faults user pages in from a work item holds its
 * owner's mm; a context without one only pins it for identity. */
struct fctx {
	struct mm_struct *mm;
	int faults;
	struct work_struct fault_work;
	struct work_struct stat_work;
};

int fctx_open(struct fctx *c)
{
	if (!c->faults) {
		mmgrab(current->mm);
		c->mm = current->mm;
	} else {
		c->mm = get_task_mm(current);
	}
	return 0;
}
