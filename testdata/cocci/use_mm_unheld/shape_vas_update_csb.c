/* mmcheck-fix 25,56 */
// Reconstruction of the shape of powerpc vas_update_csb() in Linux 6.12: a
// void function with early returns that borrows the mm its window pinned
// with mmgrab() at open time. It takes a task reference before the use and
// drops it after: a plain return; between the two would leak the task, and
// the function has no goto exit. So no fix is written, only the no-fix fact.
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
shape_vas_update_csb.c:25:1-15: WARNING: kthread_use_mm(owner->mm) without an mm_users reference held in coproc_report_fault() (mmgrab() is not enough) [use-mm-unheld]
shape_vas_update_csb.c:56:1-15: WARNING: kthread_use_mm(owner->mm) without an mm_users reference held in coproc_report_fault_notask() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault", "key": "struct win_owner ->mm", "line": 25, "mm": "owner->mm"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault_notask", "key": "struct win_owner ->mm", "line": 56, "mm": "owner->mm"}
{"col": 2, "fact": "no-put", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault", "line": 25}
{"col": 2, "fact": "no-put", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault_notask", "line": 56}
{"col": 2, "fact": "some-unuse", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault", "line": 25}
{"col": 2, "fact": "some-unuse", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault_notask", "line": 56}
{"col": 2, "fact": "unheld", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault", "line": 25, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "shape_vas_update_csb.c", "function": "coproc_report_fault_notask", "line": 56, "reason": "no-acquire"}
*/
