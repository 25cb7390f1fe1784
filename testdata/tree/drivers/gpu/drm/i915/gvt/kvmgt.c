// SPDX-License-Identifier: GPL-2.0
/* The i915 kvm interface of the time: use_mm() on kvm->mm. */
#include <linux/mmu_context.h>

static int kvmgt_rw_gpa(struct intel_vgpu *vgpu, unsigned long gpa,
			void *buf, unsigned long len, bool write)
{
	struct kvm *kvm = vgpu->kvm;
	bool kthread = current->mm == NULL;
	int ret;

	if (kthread)
		use_mm(kvm->mm);
	ret = write ? kvm_write_guest(kvm, gpa, buf, len) :
		      kvm_read_guest(kvm, gpa, buf, len);
	if (kthread)
		unuse_mm(kvm->mm);
	return ret;
}
