// The reference is dropped at the end of an iteration and the same
// expression is used again in the next one.
static void loop_put(struct ctx *c)
{
	int i;

	if (!mmget_not_zero(c->mm))
		return;
	for (i = 0; i < c->n; i++) {
		kthread_use_mm(c->mm);
		copy(c, i);
		kthread_unuse_mm(c->mm);
		mmput(c->mm);
	}
}

// Safe twin: the put expression is cleared, so the next use is another mm
// (the xe snapshot shape).
static void loop_put_cleared(struct snap *s)
{
	int i;

	for (i = 0; i < s->n; i++) {
		if (!s->snap[i].mm)
			continue;
		kthread_use_mm(s->snap[i].mm);
		copy(s, i);
		kthread_unuse_mm(s->snap[i].mm);
		mmput(s->snap[i].mm);
		s->snap[i].mm = NULL;
	}
}

// Put on an error path that falls through to the use.
static int put_then_use(struct ctx *c, int err)
{
	struct mm_struct *mm = get_task_mm(c->task);

	if (!mm)
		return -ESRCH;
	if (err)
		mmput(mm);
	kthread_use_mm(mm);
	kthread_unuse_mm(mm);
	mmput(mm);
	return 0;
}

/* mmcheck-expect report
after_put.c:10:2-16: ERROR: kthread_use_mm(c->mm) after its mm_users reference was dropped on line 13 [use-mm-after-put]
after_put.c:26:2-16: WARNING: kthread_use_mm(s->snap[i].mm) without an mm_users reference held in loop_put_cleared() (mmgrab() is not enough) [use-mm-unheld]
after_put.c:43:1-15: ERROR: kthread_use_mm(mm) after its mm_users reference was dropped on line 42 [use-mm-after-put]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "after_put.c", "function": "put_then_use", "key": null, "line": 43, "mm": "mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "after_put.c", "function": "loop_put", "key": "struct ctx ->mm", "line": 10, "mm": "c->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "after_put.c", "function": "loop_put_cleared", "key": "struct snap ->snap[].mm", "line": 26, "mm": "s->snap[i].mm"}
{"col": 2, "fact": "origin", "file": "after_put.c", "function": "put_then_use", "key": null, "line": 43, "mm": "mm", "origin": "get_task_mm(c->task)", "origin_line": 37}
{"col": 2, "fact": "refop", "file": "after_put.c", "function": "put_then_use", "line": 45, "mm": "mm", "op": "mmput"}
{"col": 2, "fact": "some-put", "file": "after_put.c", "function": "put_then_use", "line": 43}
{"col": 2, "fact": "some-unuse", "file": "after_put.c", "function": "put_then_use", "line": 43}
{"col": 2, "fact": "unheld", "file": "after_put.c", "function": "put_then_use", "line": 43, "reason": "after-release", "release_line": 42}
{"col": 25, "fact": "refop", "file": "after_put.c", "function": "put_then_use", "line": 37, "mm": "mm", "op": "get_task_mm"}
{"col": 3, "fact": "refop", "file": "after_put.c", "function": "loop_put", "line": 13, "mm": "c->mm", "op": "mmput"}
{"col": 3, "fact": "refop", "file": "after_put.c", "function": "loop_put_cleared", "line": 29, "mm": "s->snap[i].mm", "op": "mmput"}
{"col": 3, "fact": "refop", "file": "after_put.c", "function": "put_then_use", "line": 42, "mm": "mm", "op": "mmput"}
{"col": 3, "fact": "some-put", "file": "after_put.c", "function": "loop_put", "line": 10}
{"col": 3, "fact": "some-put", "file": "after_put.c", "function": "loop_put_cleared", "line": 26}
{"col": 3, "fact": "some-unuse", "file": "after_put.c", "function": "loop_put", "line": 10}
{"col": 3, "fact": "some-unuse", "file": "after_put.c", "function": "loop_put_cleared", "line": 26}
{"col": 3, "fact": "unheld", "file": "after_put.c", "function": "loop_put", "line": 10, "reason": "after-release", "release_line": 13}
{"col": 3, "fact": "unheld", "file": "after_put.c", "function": "loop_put_cleared", "line": 26, "reason": "no-acquire"}
{"col": 7, "fact": "refop", "file": "after_put.c", "function": "loop_put", "line": 7, "mm": "c->mm", "op": "mmget_not_zero"}
*/
