// xen: event delivery from a workqueue borrows vm->mm.
int vm_set_evtchn(struct vm *vm)
{
	int rc;

	kthread_use_mm(vm->mm);
	rc = deliver(vm);
	kthread_unuse_mm(vm->mm);
	return rc;
}
