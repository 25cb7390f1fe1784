/* ...whose callers decide: one holds mm_users, one does not. */
void good_caller(struct job *j)
{
	if (!mmget_not_zero(j->mm))
		return;
	copy_with_mm(j->mm, j->buf);
	mmput(j->mm);
}

void bad_caller(struct job *j)
{
	mmgrab(j->mm);
	copy_with_mm(j->mm, j->buf);
	mmdrop(j->mm);
}

void job_init(struct job *j)
{
	mmgrab(current->mm);
	j->mm = current->mm;
}
