// session_idle() has no teardown name, but its caller frees the session
// when it returns 0: it decides the free, under the session's own mutex,
// while session_drop_user() may still be unlocking it.
struct session {
	struct mutex lock;
	atomic_t users;
};

struct user {
	struct session *sess;
};

static void session_drop_user(struct user *u)
{
	struct session *s = u->sess;

	mutex_lock(&s->lock);
	atomic_dec(&s->users);
	mutex_unlock(&s->lock);
}

static int session_idle(struct session *s)
{
	mutex_lock(&s->lock);
	if (atomic_read(&s->users)) {
		mutex_unlock(&s->lock);
		return -EBUSY;
	}
	mutex_unlock(&s->lock);
	return 0;
}

static void session_reap(struct session *s)
{
	if (!session_idle(s))
		kfree(s);
}

/* mmcheck-expect report
*/

/* mmcheck-expect facts
{"col": 2, "fact": "lock-decide", "file": "caller_frees.c", "function": "session_idle", "key": "struct session ->lock", "line": 24, "lock": "mutex_lock", "test": "atomic_read(&s->users)", "test_line": 25, "unlock_line": 29, "waits": ""}
{"col": 2, "fact": "lock-last-access", "file": "caller_frees.c", "function": "session_drop_user", "key": "struct session ->lock", "line": 19, "what": "atomic_dec(&s->users)", "what_line": 18}
*/
