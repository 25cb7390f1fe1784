// A field filled with current->mm and borrowed by a worker of the same
// file: the store takes no count, the worker runs on it.
struct job {
	struct mm_struct *mm;
	struct work_struct work;
};

static void job_fn(struct work_struct *w)
{
	struct job *j = container_of(w, struct job, work);

	kthread_use_mm(j->mm);
	run(j);
	kthread_unuse_mm(j->mm);
}

static void job_submit(struct job *j)
{
	j->mm = current->mm;
	INIT_WORK(&j->work, job_fn);
	queue_work(system_wq, &j->work);
}

/* mmcheck-expect report
borrowed.c:19:4-6: WARNING: j->mm = current->mm takes no count on the mm: not for kthread_use_mm() without mmget_not_zero() [mm-store-unreferenced]
*/

/* mmcheck-expect facts
{"class": "none", "col": 5, "comment": null, "fact": "store", "file": "borrowed.c", "function": "job_submit", "key": "struct job ->mm", "lhs": "j->mm", "line": 19, "ops": [], "rhs": "current->mm"}
*/
