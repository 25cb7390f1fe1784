// The HMM shape before it took mmget_not_zero(): the mirror reaches the
// mm through struct hmm, which pins it with mmgrab() only.
struct hmm {
	struct mm_struct *mm;
};

struct hmm_mirror {
	struct hmm *hmm;
};

static struct hmm *hmm_get_or_create(struct mm_struct *mm)
{
	struct hmm *hmm = kzalloc(sizeof(*hmm), GFP_KERNEL);

	mmgrab(mm);
	hmm->mm = mm;
	return hmm;
}

static int range_fault(struct hmm_mirror *mirror, unsigned long start)
{
	struct vm_area_struct *vma;

	down_read(&mirror->hmm->mm->mmap_sem);
	vma = find_vma(mirror->hmm->mm, start);
	up_read(&mirror->hmm->mm->mmap_sem);
	return vma ? 0 : -EFAULT;
}

static int range_fault_fixed(struct hmm_mirror *mirror, unsigned long start)
{
	struct mm_struct *mm = mirror->hmm->mm;
	struct vm_area_struct *vma;

	if (!mmget_not_zero(mm))
		return -EFAULT;
	down_read(&mm->mmap_sem);
	vma = find_vma(mm, start);
	up_read(&mm->mmap_sem);
	mmput(mm);
	return vma ? 0 : -EFAULT;
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"api": "down_read", "col": 2, "context": "other", "fact": "live-use", "file": "hmm.c", "function": "range_fault", "grab_line": 0, "key": "struct hmm_mirror ->hmm->mm", "line": 24, "mm": "mirror->hmm->mm"}
{"api": "find_vma", "col": 8, "context": "other", "fact": "live-use", "file": "hmm.c", "function": "range_fault", "grab_line": 0, "key": "struct hmm_mirror ->hmm->mm", "line": 25, "mm": "mirror->hmm->mm"}
*/
