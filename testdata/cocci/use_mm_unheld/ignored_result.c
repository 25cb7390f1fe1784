// mmget_not_zero() called for its side effect: no reference if it failed.
static void ignored(struct ctx *c)
{
	mmget_not_zero(c->mm);
	kthread_use_mm(c->mm);
	copy(c);
	kthread_unuse_mm(c->mm);
	mmput(c->mm);
}

/* mmcheck-expect report
ignored_result.c:5:1-15: ERROR: kthread_use_mm(c->mm) after mmget_not_zero() on line 4 whose result is ignored [mmget-unchecked]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "ignored_result.c", "function": "ignored", "key": "struct ctx ->mm", "line": 5, "mm": "c->mm"}
{"col": 2, "fact": "ignored-result", "file": "ignored_result.c", "function": "ignored", "line": 4, "mm": "c->mm", "op": "mmget_not_zero"}
{"col": 2, "fact": "refop", "file": "ignored_result.c", "function": "ignored", "line": 4, "mm": "c->mm", "op": "mmget_not_zero"}
{"col": 2, "fact": "refop", "file": "ignored_result.c", "function": "ignored", "line": 8, "mm": "c->mm", "op": "mmput"}
{"col": 2, "fact": "some-put", "file": "ignored_result.c", "function": "ignored", "line": 5}
{"col": 2, "fact": "some-unuse", "file": "ignored_result.c", "function": "ignored", "line": 5}
*/
