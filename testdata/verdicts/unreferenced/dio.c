// A direct I/O write continued from a worker: the mm stored bare.
struct dio_write {
	struct mm_struct *mm;
};

int dio_start(struct dio_write *dio)
{
	dio->mm = current->mm;
	return queue_dio(dio);
}

static void dio_continue(struct dio_write *dio)
{
	struct mm_struct *mm = dio->mm;

	if (mm)
		kthread_use_mm(mm);
	dio_loop(dio);
	if (mm)
		kthread_unuse_mm(mm);
}
