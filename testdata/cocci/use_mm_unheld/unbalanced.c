// An error path returns with the mm still in use.
static int copy_out(struct ctx *c)
{
	struct mm_struct *mm = get_task_mm(c->task);
	int err;

	if (!mm)
		return -ESRCH;
	kthread_use_mm(mm);
	err = copy(c);
	if (err)
		return err;
	kthread_unuse_mm(mm);
	mmput(mm);
	return 0;
}

// A use under a test, unused under the same test: not checked.
static void cond_use(struct ctx *c, bool kthread)
{
	if (!mmget_not_zero(c->mm))
		return;
	if (kthread) {
		kthread_use_mm(c->mm);
	}
	copy(c);
	if (kthread)
		kthread_unuse_mm(c->mm);
	mmput(c->mm);
}

/* mmcheck-expect report
unbalanced.c:9:1-15: WARNING: kthread_use_mm(mm): a path out of copy_out() drops no reference while another calls mmput() [use-mm-ref-leak]
unbalanced.c:9:1-15: WARNING: kthread_use_mm(mm): a path out of copy_out() leaves the mm in use [use-mm-unbalanced]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "unbalanced.c", "function": "copy_out", "key": null, "line": 9, "mm": "mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "unbalanced.c", "function": "cond_use", "key": "struct ctx ->mm", "line": 24, "mm": "c->mm"}
{"col": 2, "fact": "no-put", "file": "unbalanced.c", "function": "copy_out", "line": 9}
{"col": 2, "fact": "no-unuse", "file": "unbalanced.c", "function": "copy_out", "line": 9}
{"col": 2, "fact": "origin", "file": "unbalanced.c", "function": "copy_out", "key": null, "line": 9, "mm": "mm", "origin": "get_task_mm(c->task)", "origin_line": 4}
{"col": 2, "fact": "refop", "file": "unbalanced.c", "function": "cond_use", "line": 29, "mm": "c->mm", "op": "mmput"}
{"col": 2, "fact": "refop", "file": "unbalanced.c", "function": "copy_out", "line": 14, "mm": "mm", "op": "mmput"}
{"col": 2, "fact": "some-put", "file": "unbalanced.c", "function": "copy_out", "line": 9}
{"col": 2, "fact": "some-unuse", "file": "unbalanced.c", "function": "copy_out", "line": 9}
{"col": 25, "fact": "refop", "file": "unbalanced.c", "function": "copy_out", "line": 4, "mm": "mm", "op": "get_task_mm"}
{"col": 7, "fact": "refop", "file": "unbalanced.c", "function": "cond_use", "line": 21, "mm": "c->mm", "op": "mmget_not_zero"}
*/
