// An error path returns with the mm still in use: no fix, the unuse and
// the mmput() would be missing on that path.
static int copy_out(struct ctx *c)
{
	int err;

	kthread_use_mm(c->mm);			/* fix */
	err = copy(c);
	if (err)
		return -EFAULT;
	kthread_unuse_mm(c->mm);
	return 0;
}

/* mmcheck-expect report
fix_unbalanced.c:7:1-15: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in copy_out() (mmgrab() is not enough) [use-mm-unheld]
fix_unbalanced.c:7:1-15: WARNING: kthread_use_mm(c->mm): a path out of copy_out() leaves the mm in use [use-mm-unbalanced]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_unbalanced.c", "function": "copy_out", "key": "struct ctx ->mm", "line": 7, "mm": "c->mm"}
{"col": 2, "fact": "no-put", "file": "fix_unbalanced.c", "function": "copy_out", "line": 7}
{"col": 2, "fact": "no-unuse", "file": "fix_unbalanced.c", "function": "copy_out", "line": 7}
{"col": 2, "fact": "some-unuse", "file": "fix_unbalanced.c", "function": "copy_out", "line": 7}
{"col": 2, "fact": "unheld", "file": "fix_unbalanced.c", "function": "copy_out", "line": 7, "reason": "no-acquire"}
*/
