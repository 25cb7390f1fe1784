// SPDX-License-Identifier: GPL-2.0
/* Event channel delivery from a kernel thread borrows kvm->mm. */
#include <linux/kthread.h>

int kvm_xen_set_evtchn(struct kvm_xen_evtchn *xe, struct kvm *kvm)
{
	int rc;

	if (!current->mm) {
		kthread_use_mm(kvm->mm);
		rc = kvm_xen_set_evtchn_fast(xe, kvm);
		kthread_unuse_mm(kvm->mm);
		return rc;
	}
	return kvm_xen_set_evtchn_fast(xe, kvm);
}
