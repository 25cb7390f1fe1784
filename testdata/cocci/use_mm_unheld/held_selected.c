/* mmcheck-fix 7 */
// A held use is never patched, even when MMCHECK_FIX names it.
static void held_worker(struct ctx *c)
{
	if (!mmget_not_zero(c->mm))
		return;
	kthread_use_mm(c->mm);			/* fix */
	copy(c);
	kthread_unuse_mm(c->mm);
	mmput(c->mm);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "held_selected.c", "function": "held_worker", "key": "struct ctx ->mm", "line": 7, "mm": "c->mm"}
{"col": 2, "fact": "refop", "file": "held_selected.c", "function": "held_worker", "line": 10, "mm": "c->mm", "op": "mmput"}
{"col": 2, "fact": "some-put", "file": "held_selected.c", "function": "held_worker", "line": 7}
{"col": 2, "fact": "some-unuse", "file": "held_selected.c", "function": "held_worker", "line": 7}
{"col": 7, "fact": "refop", "file": "held_selected.c", "function": "held_worker", "line": 5, "mm": "c->mm", "op": "mmget_not_zero"}
*/
