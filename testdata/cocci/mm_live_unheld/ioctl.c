// The amdkfd/kvm shape: an ioctl works on the mm of a process object.
struct kfd_process {
	struct mm_struct *mm;
};

struct kvm {
	struct mm_struct *mm;
};

static int kfd_ioctl_svm(struct file *filep, struct kfd_process *p,
			 void *data)
{
	struct mm_struct *mm = p->mm;
	int r;

	mmap_write_lock(mm);
	r = svm_set_attr(p, data);
	mmap_write_unlock(mm);
	return r;
}

// kvm_vm_ioctl() makes sure the caller owns the mm.
static long kvm_vm_ioctl(struct file *filp, unsigned int ioctl,
			 unsigned long arg)
{
	struct kvm *kvm = filp->private_data;
	long r;

	if (kvm->mm != current->mm)
		return -EIO;
	mmap_read_lock(kvm->mm);
	r = lookup(kvm, arg);
	mmap_read_unlock(kvm->mm);
	return r;
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"api": "mmap_write_lock", "col": 2, "context": "other", "fact": "live-use", "file": "ioctl.c", "function": "kfd_ioctl_svm", "grab_line": 0, "key": "struct kfd_process ->mm", "line": 16, "mm": "mm"}
*/
