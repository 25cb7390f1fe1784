/* mmcheck-fix 13:unuse,31:unuse,48:unuse */
// An error path returns with the mm in use while the function has its
// own exit that unuses and puts after a label: the return jumps there,
// the returned value set first.
static int fill_user_out(struct req *rq)
{
	struct mm_struct *mm;
	int ret;

	mm = get_task_mm(rq->task);
	if (!mm)
		return -ESRCH;
	kthread_use_mm(mm);			/* fix: ret = -EFAULT; goto out */
	if (copy_to_user(rq->uaddr, rq->buf, rq->len))
		return -EFAULT;
	ret = finish_req(rq);
	if (ret < 0)
		goto out;
	ret = 0;
out:
	kthread_unuse_mm(mm);
	mmput(mm);
	return ret;
}

// A void function: the return becomes the jump.
static void fill_user_void(struct req *rq, struct mm_struct *mm)
{
	if (!mmget_not_zero(mm))
		return;
	kthread_use_mm(mm);			/* fix: goto done */
	if (copy_to_user(rq->uaddr, rq->buf, rq->len))
		return;
	if (finish_req(rq))
		goto done;
	rq->done = true;
done:
	kthread_unuse_mm(mm);
	mmput(mm);
}

// More than a release follows the exit: unuse before the return, as
// with no label.
static int fill_user_log(struct req *rq, struct mm_struct *mm)
{
	int ret = 0;

	kthread_use_mm(mm);			/* fix: unuse before the return */
	if (copy_to_user(rq->uaddr, rq->buf, rq->len))
		return -EFAULT;
	ret = finish_req(rq);
	if (ret < 0)
		goto out;
	rq->done = true;
out:
	kthread_unuse_mm(mm);
	pr_debug("req: %d\n", ret);
	return ret;
}
