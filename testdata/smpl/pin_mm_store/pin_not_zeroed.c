/* mmcheck-pin 13 */
// Allocated without zeroing: the field may be garbage at the free. No pin.
struct req {
	struct mm_struct *mm;
};

static int req_start(struct work *w)
{
	struct req *r = kmalloc(sizeof(*r), GFP_KERNEL);

	if (!r)
		return -ENOMEM;
	r->mm = current->mm;
	queue_req(w, r);
	kfree(r);
	return 0;
}
