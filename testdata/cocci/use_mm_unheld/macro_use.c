// The use sits in a macro body, as in amdgpu's read_user_wptr().
#define read_user_wptr(mmptr, wptr, dst)			\
	({							\
		bool valid = false;				\
		if ((mmptr) && (wptr)) {			\
			pagefault_disable();			\
			if ((mmptr) == current->mm) {		\
				valid = !get_user((dst), (wptr)); \
			} else if (current->flags & PF_KTHREAD) { \
				kthread_use_mm(mmptr);		\
				valid = !get_user((dst), (wptr)); \
				kthread_unuse_mm(mmptr);	\
			}					\
			pagefault_enable();			\
		}						\
		valid;						\
	})

static int load_hqd(struct mm_struct *mm, u32 *wptr)
{
	u32 v;

	if (read_user_wptr(mm, wptr, v))
		return v;
	return 0;
}

/* mmcheck-expect report
macro_use.c:10:4-18: WARNING: kthread_use_mm(mmptr) without an mm_users reference held in read_user_wptr() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 5, "fact": "use", "file": "macro_use.c", "function": "read_user_wptr", "key": null, "line": 10, "macro": true, "mm": "mmptr"}
{"col": 5, "fact": "unheld", "file": "macro_use.c", "function": "read_user_wptr", "line": 10, "macro": true, "reason": "no-acquire"}
{"col": 5, "fact": "wrapper", "file": "macro_use.c", "function": "read_user_wptr", "index": 0, "line": 10, "macro": true, "mm": "mmptr", "static": true, "wrapper": "read_user_wptr"}
*/
