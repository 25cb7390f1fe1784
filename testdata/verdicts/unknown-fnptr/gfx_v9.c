#include "wptr.h"

int gfx_v9_hqd_load(void *mqd, u32 __user *wptr, struct mm_struct *mm)
{
	u32 v;

	if (read_wptr(mm, wptr, v))
		write_wptr(v);
	return 0;
}
