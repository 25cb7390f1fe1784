// A use under a test, unused under the same test: the check goes in with
// the use and the mmput() with the unuse, each in braces.
static void cond_worker(struct ctx *c, bool kthread)
{
	if (!c->ok)
		return;
	if (kthread)
		kthread_use_mm(c->mm);
	copy(c);
	if (kthread)
		kthread_unuse_mm(c->mm);
}

/* mmcheck-expect report
fix_conditional.c:8:2-16: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in cond_worker() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "fix_conditional.c", "function": "cond_worker", "key": "struct ctx ->mm", "line": 8, "mm": "c->mm"}
{"col": 3, "fact": "unheld", "file": "fix_conditional.c", "function": "cond_worker", "line": 8, "reason": "no-acquire"}
*/
