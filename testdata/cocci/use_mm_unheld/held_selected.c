// A held use: no report (its fix twin is in testdata/smpl/fix_use_mm/).
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
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "held_selected.c", "function": "held_worker", "key": "struct ctx ->mm", "line": 6, "mm": "c->mm"}
{"col": 2, "fact": "refop", "file": "held_selected.c", "function": "held_worker", "line": 9, "mm": "c->mm", "op": "mmput"}
{"col": 2, "fact": "some-put", "file": "held_selected.c", "function": "held_worker", "line": 6}
{"col": 2, "fact": "some-unuse", "file": "held_selected.c", "function": "held_worker", "line": 6}
{"col": 7, "fact": "refop", "file": "held_selected.c", "function": "held_worker", "line": 4, "mm": "c->mm", "op": "mmget_not_zero"}
*/
