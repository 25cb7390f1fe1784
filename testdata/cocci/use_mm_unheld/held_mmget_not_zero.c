// A checked mmget_not_zero(), in both usual shapes.
static int rw_chunk(struct dma *dma, bool kthread)
{
	struct mm_struct *mm = dma->mm;

	if (!mmget_not_zero(mm))
		return -EPERM;
	if (kthread)
		kthread_use_mm(mm);
	copy(dma);
	if (kthread)
		kthread_unuse_mm(mm);
	mmput(mm);
	return 0;
}

static void copy_worker(struct io_data *io)
{
	if (mmget_not_zero(io->mm)) {
		kthread_use_mm(io->mm);
		copy(io);
		kthread_unuse_mm(io->mm);
		mmput(io->mm);
	}
}

static void held_mmget(struct dev *d)
{
	mmget(d->mm);
	kthread_use_mm(d->mm);
	copy(d);
	kthread_unuse_mm(d->mm);
	mmput(d->mm);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "held_mmget_not_zero.c", "function": "held_mmget", "key": "struct dev ->mm", "line": 30, "mm": "d->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "held_mmget_not_zero.c", "function": "copy_worker", "key": "struct io_data ->mm", "line": 20, "mm": "io->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "held_mmget_not_zero.c", "function": "rw_chunk", "key": null, "line": 9, "mm": "mm"}
{"col": 2, "fact": "refop", "file": "held_mmget_not_zero.c", "function": "held_mmget", "line": 29, "mm": "d->mm", "op": "mmget"}
{"col": 2, "fact": "refop", "file": "held_mmget_not_zero.c", "function": "held_mmget", "line": 33, "mm": "d->mm", "op": "mmput"}
{"col": 2, "fact": "refop", "file": "held_mmget_not_zero.c", "function": "rw_chunk", "line": 13, "mm": "mm", "op": "mmput"}
{"col": 2, "fact": "some-put", "file": "held_mmget_not_zero.c", "function": "held_mmget", "line": 30}
{"col": 2, "fact": "some-unuse", "file": "held_mmget_not_zero.c", "function": "held_mmget", "line": 30}
{"col": 3, "fact": "origin", "file": "held_mmget_not_zero.c", "function": "rw_chunk", "key": "struct dma ->mm", "line": 9, "mm": "mm", "origin": "dma->mm", "origin_line": 4}
{"col": 3, "fact": "refop", "file": "held_mmget_not_zero.c", "function": "copy_worker", "line": 23, "mm": "io->mm", "op": "mmput"}
{"col": 6, "fact": "refop", "file": "held_mmget_not_zero.c", "function": "copy_worker", "line": 19, "mm": "io->mm", "op": "mmget_not_zero"}
{"col": 7, "fact": "refop", "file": "held_mmget_not_zero.c", "function": "rw_chunk", "line": 6, "mm": "mm", "op": "mmget_not_zero"}
*/
