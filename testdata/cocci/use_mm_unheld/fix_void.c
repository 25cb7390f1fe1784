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

// Old API: unuse_mm() ends it, and a void function needs no earlier return.
static void aio_copy(struct kiocb *iocb)
{
	struct mm_struct *mm = iocb->mm;

	use_mm(mm);				/* fix */
	iocb->ret = copy_out(iocb);
	unuse_mm(mm);
}

/* mmcheck-expect report
fix_void.c:20:1-7: WARNING: use_mm(mm) without an mm_users reference held in aio_copy() (mmgrab() is not enough) [use-mm-unheld]
fix_void.c:9:1-15: WARNING: kthread_use_mm(io->mm) without an mm_users reference held in copy_worker() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_void.c", "function": "copy_worker", "key": "struct io_data ->mm", "line": 9, "mm": "io->mm"}
{"api": "use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_void.c", "function": "aio_copy", "key": null, "line": 20, "mm": "mm"}
{"col": 2, "fact": "no-put", "file": "fix_void.c", "function": "aio_copy", "line": 20}
{"col": 2, "fact": "no-put", "file": "fix_void.c", "function": "copy_worker", "line": 9}
{"col": 2, "fact": "origin", "file": "fix_void.c", "function": "aio_copy", "key": "struct kiocb ->mm", "line": 20, "mm": "mm", "origin": "iocb->mm", "origin_line": 18}
{"col": 2, "fact": "some-unuse", "file": "fix_void.c", "function": "aio_copy", "line": 20}
{"col": 2, "fact": "some-unuse", "file": "fix_void.c", "function": "copy_worker", "line": 9}
{"col": 2, "fact": "unheld", "file": "fix_void.c", "function": "aio_copy", "line": 20, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "fix_void.c", "function": "copy_worker", "line": 9, "reason": "no-acquire"}
*/
