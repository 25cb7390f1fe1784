// The pre-5.8 names: use_mm()/unuse_mm().
static void aio_worker(struct kiocb_priv *priv)
{
	struct mm_struct *mm = priv->mm;

	use_mm(mm);
	copy(priv);
	unuse_mm(mm);
}

static void aio_worker_held(struct kiocb_priv *priv)
{
	struct mm_struct *mm = priv->mm;

	if (!mmget_not_zero(mm))
		return;
	use_mm(mm);
	copy(priv);
	unuse_mm(mm);
	mmput(mm);
}

/* mmcheck-expect report
old_api.c:6:1-7: WARNING: use_mm(mm) without an mm_users reference held in aio_worker() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "use_mm", "arg": 0, "col": 2, "fact": "use", "file": "old_api.c", "function": "aio_worker", "key": null, "line": 6, "mm": "mm"}
{"api": "use_mm", "arg": 0, "col": 2, "fact": "use", "file": "old_api.c", "function": "aio_worker_held", "key": null, "line": 17, "mm": "mm"}
{"col": 2, "fact": "no-put", "file": "old_api.c", "function": "aio_worker", "line": 6}
{"col": 2, "fact": "origin", "file": "old_api.c", "function": "aio_worker", "key": "struct kiocb_priv ->mm", "line": 6, "mm": "mm", "origin": "priv->mm", "origin_line": 4}
{"col": 2, "fact": "origin", "file": "old_api.c", "function": "aio_worker_held", "key": "struct kiocb_priv ->mm", "line": 17, "mm": "mm", "origin": "priv->mm", "origin_line": 13}
{"col": 2, "fact": "refop", "file": "old_api.c", "function": "aio_worker_held", "line": 20, "mm": "mm", "op": "mmput"}
{"col": 2, "fact": "some-put", "file": "old_api.c", "function": "aio_worker_held", "line": 17}
{"col": 2, "fact": "some-unuse", "file": "old_api.c", "function": "aio_worker", "line": 6}
{"col": 2, "fact": "some-unuse", "file": "old_api.c", "function": "aio_worker_held", "line": 17}
{"col": 2, "fact": "unheld", "file": "old_api.c", "function": "aio_worker", "line": 6, "reason": "no-acquire"}
{"col": 7, "fact": "refop", "file": "old_api.c", "function": "aio_worker_held", "line": 15, "mm": "mm", "op": "mmget_not_zero"}
*/
