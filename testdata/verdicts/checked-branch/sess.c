/* The session keeps its owner's mm pinned with mmgrab() alone: a worker
 * must hold mm_users itself, with a checked mmget_not_zero(). */
struct sess {
	struct mm_struct *mm;
};

int sess_open(struct sess *s)
{
	mmgrab(current->mm);
	s->mm = current->mm;
	return 0;
}
