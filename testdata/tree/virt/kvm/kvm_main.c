// SPDX-License-Identifier: GPL-2.0-only
/* kvm pins the creator's mm with mmgrab() only. */
#include <linux/sched/mm.h>

struct kvm {
	struct mm_struct *mm;
};

struct kvm *kvm_create_vm(unsigned long type)
{
	struct kvm *kvm = kvm_arch_alloc_vm();

	mmgrab(current->mm);
	kvm->mm = current->mm;
	return kvm;
}

void kvm_destroy_vm(struct kvm *kvm)
{
	mmdrop(kvm->mm);
}
