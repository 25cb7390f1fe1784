// Safe: table_busy() and table_wake_unfinished() check the list under the
// lock and return an error, but nothing frees the table on their answer
// and their names hold no teardown word ("unfinished" is not "fini").
struct table {
	struct mutex lock;
	struct list_head entries;
};

struct entry {
	struct table *table;
	struct list_head node;
};

static void entry_remove(struct entry *e)
{
	struct table *t = e->table;

	mutex_lock(&t->lock);
	list_del(&e->node);
	mutex_unlock(&t->lock);
}

static int table_busy(struct table *t)
{
	mutex_lock(&t->lock);
	if (!list_empty(&t->entries)) {
		mutex_unlock(&t->lock);
		return -EBUSY;
	}
	mutex_unlock(&t->lock);
	return 0;
}

static int table_wake_unfinished(struct table *t)
{
	mutex_lock(&t->lock);
	if (!list_empty(&t->entries)) {
		mutex_unlock(&t->lock);
		return -EAGAIN;
	}
	mutex_unlock(&t->lock);
	return 0;
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"col": 2, "fact": "lock-last-access", "file": "lookup_only.c", "function": "entry_remove", "key": "struct table ->lock", "line": 20, "what": "list_del(&e->node)", "what_line": 19}
*/
