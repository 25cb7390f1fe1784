// get_task_mm() returns a held mm or NULL: the vhost/kfd shape.
static void worker(struct work_struct *work)
{
	struct ctx *c = container_of(work, struct ctx, work);
	struct mm_struct *mm;

	mm = get_task_mm(c->task);
	if (!mm)
		return;
	kthread_use_mm(mm);
	do_copy(c);
	kthread_unuse_mm(mm);
	mmput(mm);
}

static void worker_decl(struct ctx *c)
{
	struct mm_struct *mm = get_task_mm(c->task);

	if (!mm)
		return;
	kthread_use_mm(mm);
	do_copy(c);
	kthread_unuse_mm(mm);
	mmput(mm);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "held_get_task_mm.c", "function": "worker", "key": null, "line": 10, "mm": "mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "held_get_task_mm.c", "function": "worker_decl", "key": null, "line": 22, "mm": "mm"}
{"col": 2, "fact": "origin", "file": "held_get_task_mm.c", "function": "worker", "key": null, "line": 10, "mm": "mm", "origin": "get_task_mm(c->task)", "origin_line": 7}
{"col": 2, "fact": "origin", "file": "held_get_task_mm.c", "function": "worker_decl", "key": null, "line": 22, "mm": "mm", "origin": "get_task_mm(c->task)", "origin_line": 18}
{"col": 2, "fact": "refop", "file": "held_get_task_mm.c", "function": "worker", "line": 13, "mm": "mm", "op": "mmput"}
{"col": 2, "fact": "refop", "file": "held_get_task_mm.c", "function": "worker_decl", "line": 25, "mm": "mm", "op": "mmput"}
{"col": 2, "fact": "some-put", "file": "held_get_task_mm.c", "function": "worker", "line": 10}
{"col": 2, "fact": "some-put", "file": "held_get_task_mm.c", "function": "worker_decl", "line": 22}
{"col": 2, "fact": "some-unuse", "file": "held_get_task_mm.c", "function": "worker", "line": 10}
{"col": 2, "fact": "some-unuse", "file": "held_get_task_mm.c", "function": "worker_decl", "line": 22}
{"col": 25, "fact": "refop", "file": "held_get_task_mm.c", "function": "worker_decl", "line": 18, "mm": "mm", "op": "get_task_mm"}
{"col": 7, "fact": "refop", "file": "held_get_task_mm.c", "function": "worker", "line": 7, "mm": "mm", "op": "get_task_mm"}
*/
