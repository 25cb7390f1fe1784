/* mmcheck-fix 12:put-order,26:put-order,40:put-order */
// mmput() before the unuse: the mm may be torn down while still in use.
// The fix moves the put after the unuse.
static int copy_back(struct job *j)
{
	struct mm_struct *mm;
	int ret;

	mm = get_task_mm(j->task);
	if (!mm)
		return -ESRCH;
	kthread_use_mm(mm);			/* fix */
	ret = copy_to_user(j->uaddr, j->buf, j->len);
	mmput(mm);
	kthread_unuse_mm(mm);
	return ret ? -EFAULT : 0;
}

// The put is in the middle of the use, the unuse under an if.
static void flush_job(struct job *j)
{
	struct mm_struct *mm = j->mm;

	if (!mmget_not_zero(mm))
		return;
	kthread_use_mm(mm);			/* fix */
	flush(j);
	mmput(mm);
	finish(j);
	kthread_unuse_mm(mm);
}

// Two puts, one on each branch: a human must choose. No fix.
static void drop_job(struct job *j)
{
	struct mm_struct *mm = j->mm;

	if (!mmget_not_zero(mm))
		return;
	kthread_use_mm(mm);			/* fix */
	if (j->fast)
		mmput(mm);
	else
		mmput_async(mm);
	kthread_unuse_mm(mm);
}
