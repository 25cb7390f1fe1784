// Two uses in one function: each gets its check and its mmput().
static void sync_both(struct pair *pr)
{
	if (!pr->ready)
		return;
	kthread_use_mm(pr->src);		/* fix */
	read_in(pr);
	kthread_unuse_mm(pr->src);
	kthread_use_mm(pr->dst);		/* fix */
	write_out(pr);
	kthread_unuse_mm(pr->dst);
}

/* mmcheck-expect report
fix_two_uses.c:6:1-15: WARNING: kthread_use_mm(pr->src) without an mm_users reference held in sync_both() (mmgrab() is not enough) [use-mm-unheld]
fix_two_uses.c:9:1-15: WARNING: kthread_use_mm(pr->dst) without an mm_users reference held in sync_both() (mmgrab() is not enough) [use-mm-unheld]
*/

/* mmcheck-expect facts
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_two_uses.c", "function": "sync_both", "key": "struct pair ->dst", "line": 9, "mm": "pr->dst"}
{"api": "kthread_use_mm", "arg": 0, "col": 2, "fact": "use", "file": "fix_two_uses.c", "function": "sync_both", "key": "struct pair ->src", "line": 6, "mm": "pr->src"}
{"col": 2, "fact": "no-put", "file": "fix_two_uses.c", "function": "sync_both", "line": 6}
{"col": 2, "fact": "no-put", "file": "fix_two_uses.c", "function": "sync_both", "line": 9}
{"col": 2, "fact": "some-unuse", "file": "fix_two_uses.c", "function": "sync_both", "line": 6}
{"col": 2, "fact": "some-unuse", "file": "fix_two_uses.c", "function": "sync_both", "line": 9}
{"col": 2, "fact": "unheld", "file": "fix_two_uses.c", "function": "sync_both", "line": 6, "reason": "no-acquire"}
{"col": 2, "fact": "unheld", "file": "fix_two_uses.c", "function": "sync_both", "line": 9, "reason": "no-acquire"}
*/
