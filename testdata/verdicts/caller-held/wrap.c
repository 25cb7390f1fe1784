/* Two wrappers: each passes its parameter to kthread_use_mm(). */
void job_copy(struct mm_struct *mm, void *buf)
{
	kthread_use_mm(mm);
	copy_to_job(buf);
	kthread_unuse_mm(mm);
}

void job_fill(struct mm_struct *mm, void *buf)
{
	kthread_use_mm(mm);
	fill_job(buf);
	kthread_unuse_mm(mm);
}
