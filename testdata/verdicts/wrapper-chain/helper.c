#include "wrap.h"

/* ...called by a function wrapper... */
void copy_with_mm(struct mm_struct *mm, void *buf)
{
	with_mm(mm, copy(buf));
}
