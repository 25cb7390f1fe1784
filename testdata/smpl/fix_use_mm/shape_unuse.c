/* mmcheck-fix 12:unuse,24:unuse,34:unuse */
// An error path returns with the mm in use, and the reference held: the
// fix unuses and puts before it.
static int fill_user(struct req *rq)
{
	struct mm_struct *mm;
	int ret;

	mm = get_task_mm(rq->task);
	if (!mm)
		return -ESRCH;
	kthread_use_mm(mm);			/* fix */
	if (copy_to_user(rq->uaddr, rq->buf, rq->len))
		return -EFAULT;
	ret = finish_req(rq);
	kthread_unuse_mm(mm);
	mmput(mm);
	return ret;
}

// The reference belongs to the caller: unuse only.
static void fill_user_held(struct req *rq, struct mm_struct *mm)
{
	kthread_use_mm(mm);			/* fix */
	if (copy_to_user(rq->uaddr, rq->buf, rq->len))
		return;
	finish_req(rq);
	kthread_unuse_mm(mm);
}

// No path unuses the mm at all: attached for the thread's life. No fix.
static int attach_user(struct req *rq, struct mm_struct *mm)
{
	kthread_use_mm(mm);			/* fix */
	return finish_req(rq);
}
