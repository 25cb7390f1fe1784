// The bail-out form in a void function whose header is split over two
// lines and whose lock comes long after its start, and which goes on
// working after the unlock: pool_release() finds chunks still out and
// returns, else it unlocks and tears the pool down, while chunk_put() may
// still be unlocking the pool it reached through the chunk.
struct pool {
	struct mutex lock;
	int nr_chunks;
	int stat[16];
	struct list_head node;	/* on the list of all pools */
};

struct chunk {
	struct pool *pool;
};

void chunk_put(struct chunk *c)
{
	mutex_lock(&c->pool->lock);
	c->pool->nr_chunks--;
	mutex_unlock(&c->pool->lock);
}

static void pool_teardown(struct pool *p);

static void
pool_release(struct pool *p)
{
	/*
	 * A long preamble before the lock: the statistics of the pool are
	 * folded into the totals first, one by one, so that a reader of
	 * the totals never sees them go back. None of this touches the
	 * chunks, which only the lock below may look at.
	 */
	p->stat[0] = 0;
	p->stat[1] = 0;
	p->stat[2] = 0;
	p->stat[3] = 0;
	p->stat[4] = 0;
	p->stat[5] = 0;
	p->stat[6] = 0;
	p->stat[7] = 0;
	p->stat[8] = 0;
	p->stat[9] = 0;
	p->stat[10] = 0;
	p->stat[11] = 0;
	p->stat[12] = 0;
	p->stat[13] = 0;
	p->stat[14] = 0;
	p->stat[15] = 0;
	/*
	 * Now the chunks: a pool with chunks out is left alone, and the
	 * last chunk_put() of it does not come back here. That is the
	 * caller's business, and a long comment keeps the lock below far
	 * from the function's first line, as in the longer kernel cases.
	 */
	mutex_lock(&p->lock);
	if (p->nr_chunks) {
		mutex_unlock(&p->lock);
		return;
	}
	mutex_unlock(&p->lock);

	if (p->stat[0]) {
		p->stat[0] = 1;
	}
	list_del_init(&p->node);
	pool_teardown(p);
}

/* mmcheck-expect report
void_busy_late.c:57:1-11: ERROR: pool_release() decides struct pool is idle under ->lock while chunk_put() may still be unlocking it at void_busy_late.c:21: the lock cannot order the free [unregister-race]
*/

/* mmcheck-expect facts
{"col": 2, "fact": "lock-decide", "file": "void_busy_late.c", "function": "pool_release", "key": "struct pool ->lock", "line": 57, "lock": "mutex_lock", "test": "p->nr_chunks", "test_line": 58, "unlock_line": 62, "waits": ""}
{"col": 2, "fact": "lock-last-access", "file": "void_busy_late.c", "function": "chunk_put", "key": "struct pool ->lock", "line": 21, "what": "c->pool->nr_chunks--", "what_line": 20}
*/
