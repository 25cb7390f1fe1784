// Not a decide side: cep_release() is the release callback of the cep's
// kref, so the kref already decided that this is the last user; the test
// under the lock only empties the free list.
struct cep {
	spinlock_t lock;
	struct kref ref;
	struct list_head work_freelist;
};

struct cm_work {
	struct cep *cep;
	struct list_head list;
};

static void cep_release(struct kref *ref)
{
	struct cep *cep = container_of(ref, struct cep, ref);

	spin_lock_bh(&cep->lock);
	if (!list_empty(&cep->work_freelist))
		return;
	spin_unlock_bh(&cep->lock);
}

static void cm_work_detach(struct cm_work *work)
{
	struct cep *cep = work->cep;

	spin_lock_bh(&cep->lock);
	list_del_init(&work->list);
	spin_unlock_bh(&cep->lock);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"col": 2, "fact": "lock-last-access", "file": "release_cb.c", "function": "cm_work_detach", "key": "struct cep ->lock", "line": 31, "what": "list_del_init(&work->list)", "what_line": 30}
{"col": 8, "fact": "lock-ordered", "file": "release_cb.c", "function": "", "how": "kref", "key": "struct cep", "line": 4}
*/
