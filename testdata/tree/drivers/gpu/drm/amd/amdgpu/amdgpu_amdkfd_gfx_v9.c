// SPDX-License-Identifier: MIT
#include "amdgpu_amdkfd.h"

int kgd_gfx_v9_hqd_load(struct amdgpu_device *adev, void *mqd,
			uint32_t __user *wptr, struct mm_struct *mm)
{
	uint32_t wptr_val;

	if (read_user_wptr(mm, wptr, wptr_val))
		write_wptr(adev, wptr_val);
	return 0;
}
