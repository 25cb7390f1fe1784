/* mmcheck-fix 24,42,60 */
// A bail-out that must release what the function took before the use (a
// task reference, a lock): when the release sequence after the unuse ends
// the function, the bail-out jumps to a new label before it, so nothing
// leaks and nothing is released twice.
struct req {
	struct mm_struct *mm;
	struct pid *pid;
	struct mutex lock;
	u32 __user *uaddr;
};

static int req_copy(struct req *r, u32 val)
{
	struct task_struct *tsk;
	int ret;

	if (!r->uaddr)
		return -EINVAL;
	tsk = get_pid_task(r->pid, PIDTYPE_PID);
	if (!tsk)
		return -ESRCH;
	mutex_lock(&r->lock);
	kthread_use_mm(r->mm);			/* fix: goto out_unlock */
	ret = put_user(val, r->uaddr);
	kthread_unuse_mm(r->mm);
	mutex_unlock(&r->lock);
	put_task_struct(tsk);
	return ret;
}

// A void function: goto the label, the function ends after the release.
static void req_poke(struct req *r)
{
	struct task_struct *tsk;

	if (!r->uaddr)
		return;
	tsk = get_pid_task(r->pid, PIDTYPE_PID);
	if (!tsk)
		return;
	kthread_use_mm(r->mm);			/* fix: goto out_put */
	put_user(1, r->uaddr);
	kthread_unuse_mm(r->mm);
	put_task_struct(tsk);
}

// More follows the release: the bail-out copies the release instead
// (a jump would run what follows with ret unset).
static int req_copy_log(struct req *r, u32 val)
{
	struct task_struct *tsk;
	int ret;

	if (!r->uaddr)
		return -EINVAL;
	tsk = get_pid_task(r->pid, PIDTYPE_PID);
	if (!tsk)
		return -ESRCH;
	kthread_use_mm(r->mm);			/* fix: copy the put */
	ret = put_user(val, r->uaddr);
	kthread_unuse_mm(r->mm);
	put_task_struct(tsk);
	if (ret)
		pr_debug("req: copy failed\n");
	return ret;
}
