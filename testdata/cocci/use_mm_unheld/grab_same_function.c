// No MMCHECK_FIX: the patch mode fixes the uses whose mm the same
// function pins with mmgrab(), as this one that keeps the pin in the
// context for later (the pin is dropped when the context goes).
static int attach_and_probe(struct ctx *c, struct mm_struct *mm)
{
	int rc;

	if (c->mm)
		return -EBUSY;
	mmgrab(mm);
	c->mm = mm;
	kthread_use_mm(mm);
	rc = probe(c);
	kthread_unuse_mm(mm);
	return rc;
}

// The mm comes from a local that was pinned here, dropped at the end: a
// return before the use would leak the pin, so no fix.
static void grab_drop(struct ctx *c)
{
	struct mm_struct *mm = c->owner_mm;

	mmgrab(mm);
	kthread_use_mm(mm);
	copy(c);
	kthread_unuse_mm(mm);
	mmdrop(mm);
}

// Unheld but not pinned here: only the driver can tell, no patch.
static void field_only(struct ctx *c)
{
	kthread_use_mm(c->mm);
	copy(c);
	kthread_unuse_mm(c->mm);
}

/* mmcheck-expect report
grab_same_function.c:12:1-15: WARNING: kthread_use_mm(mm) without an mm_users reference held in attach_and_probe() (mmgrab() is not enough) [use-mm-unheld]
grab_same_function.c:25:1-15: WARNING: kthread_use_mm(mm) without an mm_users reference held in grab_drop() (mmgrab() is not enough) [use-mm-unheld]
grab_same_function.c:34:1-15: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in field_only() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "grab_same_function.c", "function": "attach_and_probe", "key": null, "line": 12, "mm": "mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "grab_same_function.c", "function": "field_only", "key": "struct ctx ->mm", "line": 34, "mm": "c->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "grab_same_function.c", "function": "grab_drop", "key": null, "line": 25, "mm": "mm"}
{"col": 2, "fact": "no-put", "file": "grab_same_function.c", "function": "attach_and_probe", "line": 12}
{"col": 2, "fact": "no-put", "file": "grab_same_function.c", "function": "field_only", "line": 34}
{"col": 2, "fact": "no-put", "file": "grab_same_function.c", "function": "grab_drop", "line": 25}
{"col": 2, "fact": "origin", "file": "grab_same_function.c", "function": "grab_drop", "key": "struct ctx ->owner_mm", "line": 25, "mm": "mm", "origin": "c->owner_mm", "origin_line": 22}
{"col": 2, "fact": "refop", "file": "grab_same_function.c", "function": "attach_and_probe", "line": 10, "mm": "mm", "op": "mmgrab"}
{"col": 2, "fact": "refop", "file": "grab_same_function.c", "function": "grab_drop", "line": 24, "mm": "mm", "op": "mmgrab"}
{"col": 2, "fact": "refop", "file": "grab_same_function.c", "function": "grab_drop", "line": 28, "mm": "mm", "op": "mmdrop"}
{"col": 2, "fact": "some-unuse", "file": "grab_same_function.c", "function": "attach_and_probe", "line": 12}
{"col": 2, "fact": "some-unuse", "file": "grab_same_function.c", "function": "field_only", "line": 34}
{"col": 2, "fact": "some-unuse", "file": "grab_same_function.c", "function": "grab_drop", "line": 25}
{"col": 2, "fact": "unheld", "file": "grab_same_function.c", "function": "attach_and_probe", "line": 12, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "grab_same_function.c", "function": "field_only", "line": 34, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "grab_same_function.c", "function": "grab_drop", "line": 25, "reason": "no-acquire"}
{"col": 2, "fact": "wrapper", "file": "grab_same_function.c", "function": "attach_and_probe", "index": 1, "line": 12, "mm": "mm", "static": true, "wrapper": "attach_and_probe"}
*/
