// SPDX-License-Identifier: GPL-2.0-only
/*
 * The lock family's join: a lock inside an object cannot decide that the
 * object may be freed.
 *
 * unregister-race: a function finds the object idle under its own lock
 * and lets its caller free it (lock-decide), while another function's
 * last access to the object is that same lock's unlock (lock-last-access).
 * The unlock can still touch the lock after the decider got it: both
 * sides are reported, joined by struct type and lock field, in whatever
 * files they are. An object with its own count (kref, refcount_t, a
 * completion) or a decider that waits for the users (lock-ordered) is
 * left alone.
 *
 * unlock-free: unlock of an embedded lock, then the free of its object,
 * in one function; the semantic patch already stays quiet where a count
 * guards the free, this adds the struct-level counts it could not see.
 * Reported as warnings, and only the strong ones (another function takes
 * the lock through another pointer) after a mutex or rwsem.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lock-race.h"
#include "callgraph.h"
#include "lockctx.h"
#include "usage.h"

/* "struct hmm_device ->mutex" -> length of "struct hmm_device". */
static size_t struct_len(const char *key)
{
	const char *sp = strchr(key, ' ');

	if (!sp)
		return strlen(key);
	sp = strchr(sp + 1, ' ');
	return sp ? (size_t)(sp - key) : strlen(key);
}

static const char *lock_field(const char *key)
{
	size_t n = struct_len(key);

	return key[n] ? key + n + 1 : key;
}

/* The ordering facts that keep this key's object safe, or NULL. */
static const struct fact *ordered(const struct fact_store *fs,
				  const char *key, const struct fact *decide)
{
	size_t n = struct_len(key);

	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];
		const char *how;

		if (f->kind != FACT_LOCK_ORDERED || struct_len(f->key) != n ||
		    strncmp(f->key, key, n))
			continue;
		how = fact_str(f, "how");
		/* a wait orders only the function that waits */
		if (how && !strcmp(how, "waits") &&
		    (!decide || strcmp(f->function, decide->function) ||
		     strcmp(f->file, decide->file)))
			continue;
		return f;
	}
	return NULL;
}

/*
 * A mutex or rwsem: its unlock can touch the lock after a waiter got it.
 * A spinlock's is one release store on most configurations: a warning.
 */
static int sleeping(const char *lockfn)
{
	return lockfn && (strstr(lockfn, "mutex") || strstr(lockfn, "down_") ||
			  strstr(lockfn, "up_"));
}

static void fn_where(const struct fact *f, char *buf, size_t n)
{
	snprintf(buf, n, "%s() at %s:%d", f->function, f->file, f->line);
}

/* The race as a decide side d sees it. */
struct race {
	const struct fact *d;
	const struct rule *r;
	enum severity sev;
	const char *test;	/* the idle test, or NULL */
	char where[512];	/* fn_where() of d */
};

/* The other side: l's unlock is its last access to the object. */
static void last_access_site(struct verdicts *v, const struct race *rc,
			     const struct fact *l)
{
	const struct fact *d = rc->d;
	const char *what = fact_str(l, "what");
	struct use_site *u = site_new(v, FAMILY_LOCK, l, l->key);

	u->verdict = "last-access";
	if (what)
		site_evidence(u, l->file, fact_int(l, "what_line") ?
			      fact_int(l, "what_line") : l->line,
			      xstrfmt("%s(): %s, the last use of the object",
				      l->function, what));
	site_evidence(u, l->file, l->line,
		      xstrfmt("%s(): unlocks %s: the unlock still touches the "
			      "lock after a waiter got it", l->function,
			      lock_field(l->key)));
	site_evidence(u, d->file, d->line,
		      xstrfmt("%s tests the object idle (%s) under the same "
			      "lock and lets its caller free it", rc->where,
			      rc->test ? rc->test : "?"));
	site_finding(u, rc->r, rc->sev,
		     xstrfmt("%s() unlocks %s as its last access, while %s "
			     "decides under that lock that the object may be "
			     "freed: %s", l->function, l->key, rc->where,
			     rc->r->title));
}

/* The decide side, naming the last-access sites from first on. */
static void decide_site(struct verdicts *v, const struct race *rc,
			size_t first)
{
	const struct fact *d = rc->d;
	struct use_site *u = site_new(v, FAMILY_LOCK, d, d->key);

	u->verdict = "decide";
	site_evidence(u, d->file, d->line,
		      xstrfmt("%s(): tests %s under %s, then unlocks and "
			      "returns success", d->function,
			      rc->test ? rc->test : "finds the object idle",
			      lock_field(d->key)));
	for (size_t k = first; k < v->nr - 1; k++) {
		char lw[512];

		fn_where(v->items[k].use, lw, sizeof(lw));
		site_evidence(u, v->items[k].use->file, v->items[k].use->line,
			      xstrfmt("%s may still be inside its unlock of %s",
				      lw, lock_field(d->key)));
	}
	site_evidence(u, d->file, d->line,
		      xstrfmt("nothing orders the free after them: no "
			      "kref/refcount_t/completion in %.*s, no wait in "
			      "%s()", (int)struct_len(d->key), d->key,
			      d->function));
	site_finding(u, rc->r, rc->sev,
		     xstrfmt("%s() decides %.*s is idle under its own %s: %s",
			     d->function, (int)struct_len(d->key), d->key,
			     lock_field(d->key), rc->r->title));
}

/*
 * The other party of the race's sites from first on (the decide site
 * last): the confidence of them all, the evidence on the decide site.
 */
static void judge_race(struct verdicts *v, const struct ctxfacts *cx,
		       const struct fact *d, size_t first)
{
	struct lock_free lf = { d->file, d->function, 0, d->key, 0 };
	struct use_site *ds = &v->items[v->nr - 1];
	enum confidence c = lockctx_judge(cx, &lf, ds, ds->confidence);

	for (size_t k = first; k < v->nr; k++) {
		v->items[k].confidence = c;
		for (size_t i = 0; i < v->items[k].nfindings; i++)
			v->items[k].findings[i].confidence = c;
	}
}

static void unregister_race(struct verdicts *v, const struct fact_store *fs,
			    const struct ctxfacts *cx, const struct rule *r)
{
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *d = &fs->items[i];
		struct race rc = { d, r, SEV_WARNING, NULL, "" };
		size_t first = v->nr;

		if (d->kind != FACT_LOCK_DECIDE)
			continue;
		rc.test = fact_str(d, "test");
		/*
		 * An error needs a sleeping lock and an empty list as the
		 * idle test (the HMM shape). A count tested under the lock
		 * (ubiblock's refcnt) was, on Linux 6.12, also ordered by the
		 * open/release serialisation: a warning.
		 */
		if (sleeping(fact_str(d, "lock")) && rc.test &&
		    strstr(rc.test, "list_empty"))
			rc.sev = r->severity;
		if (fact_waits(d) || ordered(fs, d->key, d))
			continue;
		fn_where(d, rc.where, sizeof(rc.where));
		/* the other side: every last access under the same lock */
		for (size_t k = 0; k < fs->nr; k++) {
			const struct fact *l = &fs->items[k];

			if (l->kind != FACT_LOCK_LAST || strcmp(l->key, d->key) ||
			    (!strcmp(l->file, d->file) &&
			     !strcmp(l->function, d->function)))
				continue;
			last_access_site(v, &rc, l);
		}
		if (v->nr > first) {	/* nobody else's last access: quiet */
			decide_site(v, &rc, first);
			judge_race(v, cx, d, first);
		}
	}
}

static void unlock_free(struct verdicts *v, const struct fact_store *fs,
			const struct ctxfacts *cx, const struct rule *r)
{
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];
		const char *strength = fact_str(f, "strength");
		const char *why = fact_str(f, "why");
		const char *freefn = fact_str(f, "free");
		struct use_site *u;
		enum severity sev = SEV_WARNING;
		struct lock_free lf = { f->file, f->function, f->line, f->key, 1 };
		enum confidence conf;

		/*
		 * Only a free after a sleeping lock that another function takes
		 * through another pointer: the rest were teardowns on Linux
		 * 6.12, ordered by means the patch cannot see.
		 */
		if (f->kind != FACT_UNLOCK_FREE || ordered(fs, f->key, NULL) ||
		    !strength || strcmp(strength, "strong") ||
		    !sleeping(fact_str(f, "unlock")))
			continue;
		u = site_new(v, FAMILY_LOCK, f, f->key);
		u->verdict = "unlock-free";
		site_evidence(u, f->file, fact_int(f, "unlock_line"),
			      xstrfmt("%s(): unlocks %s", f->function,
				      lock_field(f->key)));
		site_evidence(u, f->file, f->line,
			      xstrfmt("%s(): %s() frees the object the lock "
				      "lives in%s%s", f->function,
				      freefn ? freefn : "free",
				      why ? ": " : "", why ? why : ""));
		conf = lockctx_judge(cx, &lf, u, r->confidence);
		site_finding_conf(u, r, sev, conf,
				  xstrfmt("%s() frees %.*s right after "
					  "unlocking its %s: %s", f->function,
					  (int)struct_len(f->key), f->key,
					  lock_field(f->key), r->title));
	}
}

void lock_sites_build(struct verdicts *v, const struct fact_store *fs,
		      const struct rule_catalogue *rc)
{
	const struct rule *race = rules_find(rc, "unregister-race");
	const struct rule *uf = rules_find(rc, "unlock-free");
	struct ctxfacts *cx = ctx_index(fs);

	/* a catalogue without the rules (an older --sp-dir) runs without */
	if (race)
		unregister_race(v, fs, cx, race);
	if (uf)
		unlock_free(v, fs, cx, uf);
	ctx_index_free(cx);
}
