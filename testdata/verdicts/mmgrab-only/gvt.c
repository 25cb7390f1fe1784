// i915 gvt, old API, through a local copy of the field.
static int gvt_rw(struct vm *vm, void *buf)
{
	struct mm_struct *mm = vm->mm;
	int ret;

	use_mm(mm);
	ret = rw(vm, buf);
	unuse_mm(mm);
	return ret;
}
