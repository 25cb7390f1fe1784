/* amdgpu: the use sits in a macro, used by functions that are only
 * reached through an ops table. */
#define read_wptr(mmptr, wptr, dst)				\
	({							\
		bool valid = false;				\
		if ((mmptr) && (wptr)) {			\
			kthread_use_mm(mmptr);			\
			valid = !get_user((dst), (wptr));	\
			kthread_unuse_mm(mmptr);		\
		}						\
		valid;						\
	})
