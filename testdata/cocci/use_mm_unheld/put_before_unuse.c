// The reference is dropped while the mm is still the thread's mm.
static void put_early(struct ctx *c)
{
	struct mm_struct *mm = get_task_mm(c->task);

	if (!mm)
		return;
	kthread_use_mm(mm);
	copy(c);
	mmput(mm);
	kthread_unuse_mm(mm);
}

// Safe twin: unuse first.
static void put_late(struct ctx *c)
{
	struct mm_struct *mm = get_task_mm(c->task);

	if (!mm)
		return;
	kthread_use_mm(mm);
	copy(c);
	kthread_unuse_mm(mm);
	mmput(mm);
}

/* mmcheck-expect report
put_before_unuse.c:10:1-6: ERROR: mmput(mm) while the mm is still in use since line 8 [use-mm-put-before-unuse]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "put_before_unuse.c", "function": "put_early", "key": null, "line": 8, "mm": "mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "put_before_unuse.c", "function": "put_late", "key": null, "line": 21, "mm": "mm"}
{"col": 2, "fact": "origin", "file": "put_before_unuse.c", "function": "put_early", "key": null, "line": 8, "mm": "mm", "origin": "get_task_mm(c->task)", "origin_line": 4}
{"col": 2, "fact": "origin", "file": "put_before_unuse.c", "function": "put_late", "key": null, "line": 21, "mm": "mm", "origin": "get_task_mm(c->task)", "origin_line": 17}
{"col": 2, "fact": "put-in-use", "file": "put_before_unuse.c", "function": "put_early", "line": 8, "release_line": 10}
{"col": 2, "fact": "refop", "file": "put_before_unuse.c", "function": "put_early", "line": 10, "mm": "mm", "op": "mmput"}
{"col": 2, "fact": "refop", "file": "put_before_unuse.c", "function": "put_late", "line": 24, "mm": "mm", "op": "mmput"}
{"col": 2, "fact": "some-put", "file": "put_before_unuse.c", "function": "put_early", "line": 8}
{"col": 2, "fact": "some-put", "file": "put_before_unuse.c", "function": "put_late", "line": 21}
{"col": 2, "fact": "some-unuse", "file": "put_before_unuse.c", "function": "put_early", "line": 8}
{"col": 2, "fact": "some-unuse", "file": "put_before_unuse.c", "function": "put_late", "line": 21}
{"col": 25, "fact": "refop", "file": "put_before_unuse.c", "function": "put_early", "line": 4, "mm": "mm", "op": "get_task_mm"}
{"col": 25, "fact": "refop", "file": "put_before_unuse.c", "function": "put_late", "line": 17, "mm": "mm", "op": "get_task_mm"}
*/
