/* Every caller of job_copy() holds mm_users across the call... */
struct job {
	struct mm_struct *mm;
	struct task_struct *task;
	void *buf;
};

void job_run(struct job *j)
{
	if (!mmget_not_zero(j->mm))
		return;
	job_copy(j->mm, j->buf);
	mmput(j->mm);
}

long job_ioctl(struct job *j)
{
	/* the owner lends its own mm */
	job_copy(current->mm, j->buf);
	return 0;
}

void job_of_task(struct job *j)
{
	struct mm_struct *mm = get_task_mm(j->task);

	if (!mm)
		return;
	job_copy(mm, j->buf);
	mmput(mm);
}

/* ...while one caller of job_fill() passes the mm only mmgrab() pins. */
void job_refill(struct job *j)
{
	if (!mmget_not_zero(j->mm))
		return;
	job_fill(j->mm, j->buf);
	mmput(j->mm);
}

void job_fill_late(struct job *j)
{
	job_fill(j->mm, j->buf);
}
