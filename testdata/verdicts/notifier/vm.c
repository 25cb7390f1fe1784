// mmgrab() only, but the VM registers an mmu_notifier with a .release:
// a mitigation, not a proof (kvm's release does not stop the user).
struct vm {
	struct mm_struct *mm;
	struct mmu_notifier mmu_notifier;
};

static const struct mmu_notifier_ops vm_mmu_notifier_ops = {
	.release = vm_mmu_notifier_release,
};

struct vm *vm_create(void)
{
	struct vm *vm = vm_alloc();

	mmgrab(current->mm);
	vm->mm = current->mm;
	vm->mmu_notifier.ops = &vm_mmu_notifier_ops;
	mmu_notifier_register(&vm->mmu_notifier, current->mm);
	return vm;
}

int vm_set_evtchn(struct vm *vm)
{
	kthread_use_mm(vm->mm);
	deliver(vm);
	kthread_unuse_mm(vm->mm);
	return 0;
}
