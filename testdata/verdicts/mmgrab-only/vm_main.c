// kvm: the VM pins its creator's mm with mmgrab() only.
struct vm {
	struct mm_struct *mm;
};

struct vm *vm_create(void)
{
	struct vm *vm = vm_alloc();

	mmgrab(current->mm);
	vm->mm = current->mm;
	return vm;
}
