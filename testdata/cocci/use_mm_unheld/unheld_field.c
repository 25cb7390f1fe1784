// The i915/kvm shape: the mm comes from a field, nothing is taken here.
static int set_evtchn(struct kvm *kvm)
{
	int rc;

	kthread_use_mm(kvm->mm);
	rc = deliver(kvm);
	kthread_unuse_mm(kvm->mm);
	return rc;
}

// mmgrab() keeps only the struct, not the page tables.
static void grab_only(struct ctx *c)
{
	struct mm_struct *mm = c->mm;

	mmgrab(mm);
	kthread_use_mm(mm);
	copy(c);
	kthread_unuse_mm(mm);
	mmdrop(mm);
}

// The reference is taken on one path only.
static void one_path(struct ctx *c, bool fast)
{
	if (!fast) {
		if (!mmget_not_zero(c->mm))
			return;
	}
	kthread_use_mm(c->mm);
	copy(c);
	kthread_unuse_mm(c->mm);
}

/* mmcheck-expect report
unheld_field.c:18:1-15: WARNING: kthread_use_mm(mm) without an mm_users reference held in grab_only() (mmgrab() is not enough) [use-mm-unheld]
unheld_field.c:31:1-15: WARNING: kthread_use_mm(c->mm) without an mm_users reference held in one_path() (mmgrab() is not enough) [use-mm-unheld]
unheld_field.c:6:1-15: WARNING: kthread_use_mm(kvm->mm) without an mm_users reference held in set_evtchn() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "unheld_field.c", "function": "grab_only", "key": null, "line": 18, "mm": "mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "unheld_field.c", "function": "one_path", "key": "struct ctx ->mm", "line": 31, "mm": "c->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "unheld_field.c", "function": "set_evtchn", "key": "struct kvm ->mm", "line": 6, "mm": "kvm->mm"}
{"col": 2, "fact": "no-put", "file": "unheld_field.c", "function": "grab_only", "line": 18}
{"col": 2, "fact": "no-put", "file": "unheld_field.c", "function": "one_path", "line": 31}
{"col": 2, "fact": "no-put", "file": "unheld_field.c", "function": "set_evtchn", "line": 6}
{"col": 2, "fact": "origin", "file": "unheld_field.c", "function": "grab_only", "key": "struct ctx ->mm", "line": 18, "mm": "mm", "origin": "c->mm", "origin_line": 15}
{"col": 2, "fact": "refop", "file": "unheld_field.c", "function": "grab_only", "line": 17, "mm": "mm", "op": "mmgrab"}
{"col": 2, "fact": "refop", "file": "unheld_field.c", "function": "grab_only", "line": 21, "mm": "mm", "op": "mmdrop"}
{"col": 2, "fact": "some-unuse", "file": "unheld_field.c", "function": "grab_only", "line": 18}
{"col": 2, "fact": "some-unuse", "file": "unheld_field.c", "function": "one_path", "line": 31}
{"col": 2, "fact": "some-unuse", "file": "unheld_field.c", "function": "set_evtchn", "line": 6}
{"col": 2, "fact": "unheld", "file": "unheld_field.c", "function": "grab_only", "line": 18, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "unheld_field.c", "function": "one_path", "line": 31, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "unheld_field.c", "function": "set_evtchn", "line": 6, "reason": "no-acquire"}
{"col": 8, "fact": "refop", "file": "unheld_field.c", "function": "one_path", "line": 28, "mm": "c->mm", "op": "mmget_not_zero"}
*/
