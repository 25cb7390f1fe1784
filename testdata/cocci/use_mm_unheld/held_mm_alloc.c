// A fresh mm from mm_alloc() is owned: attached for the thread's life.
int attach_mm(void)
{
	struct mm_struct *mm;

	if (current->mm)
		return -EINVAL;
	mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	kthread_use_mm(mm);
	return 0;
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "held_mm_alloc.c", "function": "attach_mm", "key": null, "line": 11, "mm": "mm"}
{"col": 2, "fact": "no-put", "file": "held_mm_alloc.c", "function": "attach_mm", "line": 11}
{"col": 2, "fact": "no-unuse", "file": "held_mm_alloc.c", "function": "attach_mm", "line": 11}
{"col": 2, "fact": "origin", "file": "held_mm_alloc.c", "function": "attach_mm", "key": null, "line": 11, "mm": "mm", "origin": "mm_alloc()", "origin_line": 8}
{"col": 7, "fact": "refop", "file": "held_mm_alloc.c", "function": "attach_mm", "line": 8, "mm": "mm", "op": "mm_alloc"}
*/
