// Reconstruction of the shape of powerpc vas_update_csb() in Linux 6.12: a
// void function with early returns that borrows the mm its window pinned
// with mmgrab() at open time. It takes a task reference before the use and
// drops it after. The fix of this shape is t0272's twin case, in
// testdata/smpl/fix_use_mm/; here, what the uses patch reports.
void coproc_report_fault(struct request_block *rb, struct win_owner *owner)
{
	struct status_block sb;
	struct task_struct *tsk;
	void __user *addr;
	struct pid *pid;
	int rc;

	if (WARN_ON_ONCE(!owner->mm))
		return;

	addr = (void __user *)be64_to_cpu(rb->status_addr);
	memset(&sb, 0, sizeof(sb));
	sb.code = STATUS_FAULT;

	if (!owner_get_task(owner, &tsk, &pid))
		return;

	kthread_use_mm(owner->mm);		/* fix */
	rc = copy_to_user(addr, &sb, sizeof(sb));
	if (!rc) {
		sb.valid = 1;
		smp_mb();
		rc = copy_to_user(addr, &sb, 1);
	}
	kthread_unuse_mm(owner->mm);
	put_task_struct(tsk);

	if (!rc)
		return;

	send_fault_signal(pid, addr);
}

// The same shape with nothing taken before the use: return; is safe.
void coproc_report_fault_notask(struct request_block *rb,
				struct win_owner *owner)
{
	struct status_block sb;
	void __user *addr;
	int rc;

	if (WARN_ON_ONCE(!owner->mm))
		return;

	addr = (void __user *)be64_to_cpu(rb->status_addr);
	memset(&sb, 0, sizeof(sb));
	sb.code = STATUS_FAULT;

	kthread_use_mm(owner->mm);		/* fix */
	rc = copy_to_user(addr, &sb, sizeof(sb));
	kthread_unuse_mm(owner->mm);

	if (!rc)
		return;

	send_fault_signal(owner->pid, addr);
}

/* mmcheck-expect report
shape_vas_update_csb.c:24:1-15: WARNING: kthread_use_mm(owner->mm) without an mm_users reference held in coproc_report_fault() (mmgrab() is not enough) [use-mm-unheld]
shape_vas_update_csb.c:55:1-15: WARNING: kthread_use_mm(owner->mm) without an mm_users reference held in coproc_report_fault_notask() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault", "key": "struct win_owner ->mm", "line": 24, "mm": "owner->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault_notask", "key": "struct win_owner ->mm", "line": 55, "mm": "owner->mm"}
{"col": 2, "fact": "no-put", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault", "line": 24}
{"col": 2, "fact": "no-put", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault_notask", "line": 55}
{"col": 2, "fact": "some-unuse", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault", "line": 24}
{"col": 2, "fact": "some-unuse", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault_notask", "line": 55}
{"col": 2, "fact": "unheld", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault", "line": 24, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault_notask", "line": 55, "reason": "no-acquire"}
*/
