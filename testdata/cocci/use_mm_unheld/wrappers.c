// A static function and a macro that pass their parameter to the API.
#define with_mm(m, body) do { kthread_use_mm(m); body; kthread_unuse_mm(m); } while (0)

static void run_on(int flags, struct mm_struct *mm)
{
	kthread_use_mm(mm);
	work(flags);
	kthread_unuse_mm(mm);
}

static void caller(struct ctx *c)
{
	if (!mmget_not_zero(c->mm))
		return;
	run_on(0, c->mm);
	mmput(c->mm);
}

// A lifetime comment right above the use.
static void commented(struct ctx *c)
{
	/* c->mm outlives this worker: the owner waits in exit_aio() */
	kthread_use_mm(c->mm);
	work(0);
	kthread_unuse_mm(c->mm);
}

/* mmcheck-expect report
wrappers.c:23:1-15: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in commented() (mmgrab() is not enough) [use-mm-unheld]
wrappers.c:2:30-44: WARNING: kthread_use_mm(m) without an mm_users reference held in with_mm() (mmgrab() is not enough) [use-mm-unheld]
wrappers.c:6:1-15: WARNING: kthread_use_mm(mm) without an mm_users reference held in run_on() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "wrappers.c", "function": "commented", "key": "struct ctx ->mm", "line": 23, "mm": "c->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "wrappers.c", "function": "run_on", "key": null, "line": 6, "mm": "mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 31, "fact": "use", "file": "wrappers.c", "function": "with_mm", "key": null, "line": 2, "macro": true, "mm": "m"}
{"col": 2, "fact": "comment", "file": "wrappers.c", "function": "commented", "line": 23, "text": "/* c->mm outlives this worker: the owner waits in exit_aio() */"}
{"col": 2, "fact": "no-put", "file": "wrappers.c", "function": "commented", "line": 23}
{"col": 2, "fact": "no-put", "file": "wrappers.c", "function": "run_on", "line": 6}
{"col": 2, "fact": "refop", "file": "wrappers.c", "function": "caller", "line": 16, "mm": "c->mm", "op": "mmput"}
{"col": 2, "fact": "some-unuse", "file": "wrappers.c", "function": "commented", "line": 23}
{"col": 2, "fact": "some-unuse", "file": "wrappers.c", "function": "run_on", "line": 6}
{"col": 2, "fact": "unheld", "file": "wrappers.c", "function": "commented", "line": 23, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "wrappers.c", "function": "run_on", "line": 6, "reason": "no-acquire"}
{"col": 2, "fact": "wrapper", "file": "wrappers.c", "function": "run_on", "index": 1, "line": 6, "mm": "mm", "static": true, "wrapper": "run_on"}
{"col": 31, "fact": "unheld", "file": "wrappers.c", "function": "with_mm", "line": 2, "macro": true, "reason": "no-acquire"}
{"col": 31, "fact": "wrapper", "file": "wrappers.c", "function": "with_mm", "index": 0, "line": 2, "macro": true, "mm": "m", "static": true, "wrapper": "with_mm"}
{"col": 7, "fact": "refop", "file": "wrappers.c", "function": "caller", "line": 13, "mm": "c->mm", "op": "mmget_not_zero"}
*/
