#include "wptr.h"

int gfx_v10_hqd_load(void *mqd, u32 __user *wptr, struct mm_struct *mm)
{
	u32 v;

	if (read_wptr(mm, wptr, v))
		write_wptr(v);
	return 0;
}

const struct kfd2kgd_calls gfx_v10_kfd2kgd = {
	.hqd_load = gfx_v10_hqd_load,
};
