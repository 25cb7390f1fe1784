// Reconstruction of the shape of x86 kvm_xen_set_evtchn() in Linux 6.12: an
// int function that borrows kvm->mm only when it runs outside the VM's own
// threads, remembers that in a flag and unuses under the same flag. Its
// error exit is return -EINVAL; the fix reuses it, and the mmput() goes
// under the flag with the unuse (in braces).
static int evq_deliver(struct evq_event *ev, struct kvm *kvm)
{
	bool borrowed = false;
	int rc;

	rc = evq_deliver_fast(ev, kvm);
	if (rc != -EWOULDBLOCK)
		return rc;

	if (current->mm != kvm->mm) {
		/* only from the irqfd workqueue */
		if (WARN_ON_ONCE(current->mm))
			return -EINVAL;

		kthread_use_mm(kvm->mm);	/* fix */
		borrowed = true;
	}

	do {
		int idx;

		rc = evq_deliver_fast(ev, kvm);
		if (rc != -EWOULDBLOCK)
			break;

		idx = srcu_read_lock(&kvm->srcu);
		rc = evq_cache_refresh(kvm);
		srcu_read_unlock(&kvm->srcu, idx);
	} while (!rc);

	if (borrowed)
		kthread_unuse_mm(kvm->mm);

	return rc;
}

/* mmcheck-expect report
shape_kvm_xen_set_evtchn.c:20:2-16: WARNING: kthread_use_mm(kvm->mm) without an mm_users reference held in evq_deliver() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 3, "fact": "use", "file": "shape_kvm_xen_set_evtchn.c", "function": "evq_deliver", "key": "struct kvm ->mm", "line": 20, "mm": "kvm->mm"}
{"col": 3, "fact": "unheld", "file": "shape_kvm_xen_set_evtchn.c", "function": "evq_deliver", "line": 20, "reason": "no-acquire"}
*/
