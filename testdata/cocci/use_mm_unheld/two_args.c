// A call with another arity is not the one-argument API.
static void kthread_use_mm(struct foo *f, int flags);

static void caller(struct foo *f)
{
	kthread_use_mm(f, 0);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
*/
