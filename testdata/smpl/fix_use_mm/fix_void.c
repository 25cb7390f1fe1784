/* mmcheck-fix 10,21 */
// A void worker that borrows the mm of a struct field: the fix bails out
// with return; like the function already does.
static void copy_worker(struct work_struct *work)
{
	struct io_data *io = container_of(work, struct io_data, work);

	if (!io->buf)
		return;
	kthread_use_mm(io->mm);			/* fix */
	io->ret = copy_to_user(io->buf, io->data, io->len);
	kthread_unuse_mm(io->mm);
	complete(&io->done);
}

// Old API, but no return; before the use to imitate: no fix.
static void aio_copy(struct kiocb *iocb)
{
	struct mm_struct *mm = iocb->mm;

	use_mm(mm);				/* fix */
	iocb->ret = copy_out(iocb);
	unuse_mm(mm);
}
