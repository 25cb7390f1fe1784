// The rules of one function.
static void ignored(struct ctx *c)
{
	mmget_not_zero(c->mm);
	kthread_use_mm(c->mm);
	copy(c);
	kthread_unuse_mm(c->mm);
	mmput(c->mm);
}

static void put_early(struct ctx *c)
{
	struct mm_struct *mm = get_task_mm(c->task);

	if (!mm)
		return;
	kthread_use_mm(mm);
	mmput(mm);
	kthread_unuse_mm(mm);
}

static int error_path(struct ctx *c)
{
	struct mm_struct *mm = get_task_mm(c->task);

	if (!mm)
		return -ESRCH;
	kthread_use_mm(mm);
	if (copy(c))
		return -EFAULT;
	kthread_unuse_mm(mm);
	mmput(mm);
	return 0;
}

static void loop_put(struct ctx *c)
{
	int i;

	if (!mmget_not_zero(c->mm))
		return;
	for (i = 0; i < c->n; i++) {
		kthread_use_mm(c->mm);
		kthread_unuse_mm(c->mm);
		mmput(c->mm);
	}
}

/* Attached for the rest of the thread's life, on purpose. */
static int attach(void)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return -ENOMEM;
	kthread_use_mm(mm);
	return 0;
}

void ctx_init(struct ctx *c)
{
	c->mm = get_task_mm(current);
}

static int unuse_then_leak(struct ctx *c)
{
	struct mm_struct *mm = get_task_mm(c->task);
	int err;

	if (!mm)
		return -ESRCH;
	kthread_use_mm(mm);
	err = copy(c);
	kthread_unuse_mm(mm);
	if (err)
		return err;
	mmput(mm);
	return 0;
}
