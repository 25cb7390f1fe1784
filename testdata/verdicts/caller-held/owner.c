struct job {
	struct mm_struct *mm;
	struct task_struct *task;
	void *buf;
};

void job_init(struct job *j)
{
	mmgrab(current->mm);
	j->mm = current->mm;
	j->task = current;
}
