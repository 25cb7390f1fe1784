// SPDX-License-Identifier: GPL-2.0-only
/*
 * The lock family's other party; see lockctx.h.
 *
 * A lock inside an object cannot order the object's free, but something
 * else often does: the other users of the lock run in contexts that the
 * freeing side stops first (a work item it cancels, a timer it deletes
 * synchronously, a thread it stops, a sysfs group it removes), or they
 * are operations of the very file whose last reference the free
 * releases, or the object was never published (the free is the error
 * path of the function that allocated it). This file finds, for each
 * other user, the contexts it runs in by walking the call graph up to the
 * code that starts it (ctx-call and ctx-entry facts), and the quiescing
 * calls before the free, in the freeing function, the helpers it calls
 * first and its callers before their call (ctx-quiesce facts). A user
 * whose context the free does not wait for is the other party, named in
 * the evidence; a finding with none left goes to low confidence.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lockctx.h"
#include "strbuf.h"
#include "usage.h"

/* How far the call graph is walked up from a user, and from the free. */
#define USER_DEPTH 4
#define FREE_DEPTH 2
/* Evidence lines per finding, beyond which the rest is counted. */
#define MAX_PARTIES 6
/* Functions a walk up from one user visits, at most. */
#define MAX_VISITS 200

static int is_kind(const struct fact *f, const char *kind)
{
	return f->kind == FACT_OTHER && !strcmp(f->kind_name, kind);
}

static int str_is(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

static int in_list(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (!strcmp(s, *list))
			return 1;
	return 0;
}

/* "&dev->cfg.work" -> "work": the field a work or timer is named by. */
static const char *last_field(const char *e)
{
	const char *p = e ? e + strlen(e) : NULL;

	if (!p)
		return "";
	while (p > e && (p[-1] == '_' || (p[-1] >= '0' && p[-1] <= '9') ||
			 (p[-1] >= 'a' && p[-1] <= 'z') ||
			 (p[-1] >= 'A' && p[-1] <= 'Z')))
		p--;
	return p;
}

/* A name and the fact that names it: an edge or an entry, by name. */
struct named {
	const char *name;
	const struct fact *f;
	int line;
};

struct named_list {
	struct named *items;
	size_t nr, alloc;
};

/*
 * The ctx-* facts of the scan, the only ones this file reads, indexed:
 * the calls by callee, the entries by target, the locks and the
 * quiescing calls apart.
 */
struct ctxfacts {
	const struct fact **items;
	size_t nr, alloc;
	struct named_list calls, entries, statics;
	struct ctxfacts *locks, *quiesces;
};

static void push_named(struct named_list *l, const char *name,
		       const struct fact *f, int line)
{
	ALLOC_GROW(l->items, l->nr + 1, l->alloc);
	l->items[l->nr++] = (struct named){ name, f, line };
}

static void push_fact(struct ctxfacts *cf, const struct fact *f)
{
	ALLOC_GROW(cf->items, cf->nr + 1, cf->alloc);
	cf->items[cf->nr++] = f;
}

static int cmp_named(const void *a, const void *b)
{
	return strcmp(((const struct named *)a)->name,
		      ((const struct named *)b)->name);
}

static void sort_named(struct named_list *l)
{
	if (l->nr)
		qsort(l->items, l->nr, sizeof(*l->items), cmp_named);
}

/* [*lo, return) of l: the items named name. */
static size_t named_range(const struct named_list *l, const char *name,
			  size_t *lo)
{
	size_t a = 0, b = l->nr;

	while (a < b) {
		size_t m = a + (b - a) / 2;

		if (strcmp(l->items[m].name, name) < 0)
			a = m + 1;
		else
			b = m;
	}
	*lo = a;
	while (b < l->nr && !strcmp(l->items[b].name, name))
		b++;
	return b;
}

static void index_calls(struct ctxfacts *cf, const struct fact *f)
{
	json_t *names = json_object_get(f->obj, "callees");
	json_t *lines = json_object_get(f->obj, "lines"), *x;
	size_t i;

	json_array_foreach(names, i, x) {
		json_t *l = json_array_get(lines, i);

		if (json_is_string(x))
			push_named(&cf->calls, json_string_value(x), f,
				   json_is_integer(l) &&
				   json_integer_value(l) > 0 &&
				   json_integer_value(l) < INT_MAX
					   ? (int)json_integer_value(l) : 1);
	}
}

struct ctxfacts *lockctx_index(const struct fact_store *fs)
{
	struct ctxfacts *cf = xcalloc(1, sizeof(*cf));

	cf->locks = xcalloc(1, sizeof(*cf->locks));
	cf->quiesces = xcalloc(1, sizeof(*cf->quiesces));
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];
		const char *target = fact_str(f, "target");

		if (f->kind != FACT_OTHER || strncmp(f->kind_name, "ctx-", 4))
			continue;
		push_fact(cf, f);
		if (!strcmp(f->kind_name, "ctx-calls"))
			index_calls(cf, f);
		else if (!strcmp(f->kind_name, "ctx-entry") && target)
			push_named(&cf->entries, target, f, f->line);
		else if (!strcmp(f->kind_name, "ctx-lock"))
			push_fact(cf->locks, f);
		else if (!strcmp(f->kind_name, "ctx-static"))
			push_named(&cf->statics, f->function, f, f->line);
		else if (!strcmp(f->kind_name, "ctx-quiesce"))
			push_fact(cf->quiesces, f);
	}
	sort_named(&cf->calls);
	sort_named(&cf->entries);
	sort_named(&cf->statics);
	return cf;
}

void lockctx_index_free(struct ctxfacts *cf)
{
	if (!cf)
		return;
	free(cf->items);
	free(cf->calls.items);
	free(cf->entries.items);
	free(cf->statics.items);
	free(cf->locks->items);
	free(cf->quiesces->items);
	free(cf->locks);
	free(cf->quiesces);
	free(cf);
}

/* The line of f's (a ctx-calls fact's) first call of callee, or 0. */
static int call_line(const struct fact *f, const char *callee)
{
	json_t *names = json_object_get(f->obj, "callees");
	json_t *lines = json_object_get(f->obj, "lines");
	size_t i;
	json_t *x;

	json_array_foreach(names, i, x)
		if (json_is_string(x) && !strcmp(json_string_value(x), callee)) {
			json_t *l = json_array_get(lines, i);

			return json_is_integer(l) && json_integer_value(l) > 0
				       ? (int)json_integer_value(l)
				       : 1;
		}
	return 0;
}

/*
 * A context some code runs in: the entry fact that starts it, or a root
 * (a function with no entry and no caller found): a static one runs only
 * through its file's tables, any other can be called from outside.
 */
struct context {
	const struct fact *entry;	/* ctx-entry, or NULL: a root */
	int outside;		/* a root that is not static */
	char chain[256];		/* "a() <- b()" from the user up */
};

struct contexts {
	struct context *items;
	size_t nr, alloc;
};

struct visit {
	const char *file, *function;
	int depth;
	char chain[256];
};

/*
 * The ops tables through which a subsystem or user space starts code: a
 * member of any other table (a driver's own vtable) is a call of its
 * own code, not another context, and the walk stops there.
 */
static const char *const entry_ops[] = {
	"struct file_operations", "struct proc_ops",
	"struct vm_operations_struct", "struct block_device_operations",
	"struct notifier_block", "struct net_device_ops", "struct drm_driver",
	"struct address_space_operations", "struct seq_operations",
	"struct kernel_param_ops", "struct tty_operations",
	"struct mmu_notifier_ops", "struct ethtool_ops",
	"struct super_operations", "struct inode_operations",
	"struct device_attribute", "struct kobj_attribute",
	"struct bin_attribute", NULL,
};

static int is_entry(const struct fact *e)
{
	return !str_is(fact_str(e, "how"), "ops") ||
	       in_list(fact_str(e, "via"), entry_ops);
}

static int seen(const struct visit *q, size_t n, const char *file,
		const char *fn)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(q[i].function, fn) && !strcmp(q[i].file, file))
			return 1;
	return 0;
}

static void add_context(struct contexts *cs, const struct fact *entry,
			int outside, const char *chain)
{
	struct context *c;

	ALLOC_GROW(cs->items, cs->nr + 1, cs->alloc);
	c = &cs->items[cs->nr++];
	c->entry = entry;
	c->outside = outside;
	snprintf(c->chain, sizeof(c->chain), "%s", chain);
}

static int is_static(const struct ctxfacts *cf, const char *file,
		     const char *fn)
{
	size_t lo, hi = named_range(&cf->statics, fn, &lo);

	for (; lo < hi; lo++)
		if (!strcmp(cf->statics.items[lo].f->file, file))
			return 1;
	return 0;
}

/*
 * Every context function fn of file runs in, walking the callers up to
 * depth: an entry that names a function on the way is a context; a
 * function with neither an entry nor a caller is a root.
 */
static void contexts_of(const struct ctxfacts *cf, const char *file,
			const char *fn, int depth, struct contexts *cs)
{
	struct visit *q = NULL;
	size_t nq = 0, aq = 0;

	ALLOC_GROW(q, 1, aq);
	q[nq++] = (struct visit){ file, fn, 0, "" };
	snprintf(q[0].chain, sizeof(q[0].chain), "%s()", fn);
	for (size_t h = 0; h < nq; h++) {
		struct visit v = q[h];
		int started = 0, called = 0;

		size_t lo, hi = named_range(&cf->entries, v.function, &lo);

		for (; lo < hi; lo++) {
			if (!is_entry(cf->entries.items[lo].f))
				continue;
			add_context(cs, cf->entries.items[lo].f, 0, v.chain);
			started = 1;
		}
		hi = named_range(&cf->calls, v.function, &lo);
		for (; lo < hi && nq < MAX_VISITS; lo++) {
			const struct fact *f = cf->calls.items[lo].f;

			if (!strcmp(f->function, v.function))
				continue;
			called = 1;
			if (v.depth >= depth ||
			    seen(q, nq, f->file, f->function))
				continue;
			ALLOC_GROW(q, nq + 1, aq);
			q[nq] = (struct visit){ f->file, f->function,
						v.depth + 1, "" };
			snprintf(q[nq].chain, sizeof(q[nq].chain),
				 "%.200s <- %.40s()", v.chain, f->function);
			nq++;
		}
		if (!started && !called)
			add_context(cs, NULL,
				    !is_static(cf, v.file, v.function),
				    v.chain);
	}
	free(q);
}

struct quiesces {
	const struct fact **items;
	size_t nr, alloc;
};

static void add_quiesces(const struct ctxfacts *cf, const char *file,
			 const char *fn, int before, struct quiesces *qs)
{
	for (size_t i = 0; i < cf->quiesces->nr; i++) {
		const struct fact *f = cf->quiesces->items[i];

		if (strcmp(f->function, fn) ||
		    strcmp(f->file, file) || (before && f->line >= before))
			continue;
		ALLOC_GROW(qs->items, qs->nr + 1, qs->alloc);
		qs->items[qs->nr++] = f;
	}
}

/*
 * The quiescing calls that run before line before of fn (0: anywhere in
 * it): its own, those of the helpers of its file it calls before, and,
 * up to depth, those of its callers before their call.
 */
static void quiesced_before(const struct ctxfacts *cf, const char *file,
			    const char *fn, int before, int depth,
			    struct quiesces *qs)
{
	size_t lo, hi;

	add_quiesces(cf, file, fn, before, qs);
	for (size_t i = 0; i < cf->nr; i++) {
		const struct fact *f = cf->items[i];
		json_t *names = json_object_get(f->obj, "callees"), *x;
		size_t k;
		int at;

		if (!is_kind(f, "ctx-calls") || strcmp(f->function, fn) ||
		    strcmp(f->file, file))
			continue;
		/* the helpers of the file it calls first */
		json_array_foreach(names, k, x) {
			const char *callee = json_string_value(x);

			at = callee ? call_line(f, callee) : 0;
			if (at && (!before || at < before))
				add_quiesces(cf, file, callee, 0, qs);
		}
	}
	if (depth <= 0)
		return;
	hi = named_range(&cf->calls, fn, &lo);
	for (; lo < hi; lo++) {
		const struct named *c = &cf->calls.items[lo];

		if (strcmp(c->f->function, fn))
			quiesced_before(cf, c->f->file, c->f->function,
					c->line, depth - 1, qs);
	}
}

static const char *const work_waits[] = {
	"cancel_work_sync", "flush_work", "cancel_delayed_work_sync",
	"flush_delayed_work", "kthread_cancel_work_sync", NULL,
};
static const char *const queue_waits[] = {
	"destroy_workqueue", "drain_workqueue", "flush_workqueue", NULL,
};
static const char *const timer_waits[] = {
	"del_timer_sync", "timer_delete_sync", "timer_shutdown_sync",
	"hrtimer_cancel", NULL,
};
static const char *const irq_waits[] = {
	"free_irq", "devm_free_irq", "synchronize_irq", NULL,
};
static const char *const attr_removes[] = {
	"sysfs_remove_group", "sysfs_remove_groups", "device_remove_group",
	"device_remove_groups", "device_remove_file", "sysfs_remove_file",
	"device_unregister", "device_del", NULL,
};
static const char *const seq_removes[] = {
	"debugfs_remove", "debugfs_remove_recursive",
	"debugfs_lookup_and_remove", "proc_remove", "remove_proc_entry", NULL,
};

/* An unregister (or deregister) whose argument names var. */
static int unregisters(const struct fact *q, const char *var)
{
	const char *call = fact_str(q, "call"), *arg = fact_str(q, "expr");

	return call && arg && var && *var &&
	       (strstr(call, "unregister") || strstr(call, "deregister")) &&
	       !strcmp(last_field(arg), var);
}

/* Does q stop the context that entry e starts? */
static int stops(const struct fact *q, const struct fact *e)
{
	const char *how = fact_str(e, "how"), *via = fact_str(e, "via");
	const char *call = fact_str(q, "call"), *qarg = fact_str(q, "expr");
	const char *field = last_field(fact_str(e, "expr"));

	if (!how || !call)
		return 0;
	if (!strcmp(how, "work"))
		return in_list(call, queue_waits) ||
		       (in_list(call, work_waits) &&
			!strcmp(last_field(qarg), field));
	if (!strcmp(how, "timer"))
		return in_list(call, timer_waits) &&
		       !strcmp(last_field(qarg), field);
	if (!strcmp(how, "tasklet"))
		return !strcmp(call, "tasklet_kill") &&
		       !strcmp(last_field(qarg), field);
	if (!strcmp(how, "kthread"))
		return !strncmp(call, "kthread_stop", 12);
	if (!strcmp(how, "irq"))
		return in_list(call, irq_waits);
	if (!strcmp(how, "sysfs"))
		return in_list(call, attr_removes);
	if (!strcmp(how, "seq"))
		return in_list(call, seq_removes);
	/* ops: the unregister of what reaches it */
	if (str_is(via, "struct block_device_operations") &&
	    !strcmp(call, "del_gendisk"))
		return 1;	/* ->release runs under the disk's open_mutex */
	if (str_is(via, "struct notifier_block") &&
	    !strncmp(call, "synchronize_", 12))
		return 1;
	if (str_is(via, "struct file_operations") &&
	    in_list(call, seq_removes))
		return 1;	/* debugfs removal waits for its files' ops */
	return unregisters(q, fact_str(e, "var"));
}

/* The members through which a file's last reference is released. */
static const char *const release_members[] = {
	"release", "postclose", NULL,
};

/*
 * Is the free the release of a file's last reference, and e an
 * operation of that same file (an ops table of the same source file: its
 * file_operations, or the vm_operations_struct of its mappings, which
 * hold a reference of the file)? Returns the release entry, or NULL.
 */
static const struct fact *own_file_op(const struct contexts *freeside,
				      const struct fact *e)
{
	if (!str_is(fact_str(e, "how"), "ops"))
		return NULL;
	for (size_t i = 0; i < freeside->nr; i++) {
		const struct fact *r = freeside->items[i].entry;

		if (r && str_is(fact_str(r, "how"), "ops") &&
		    in_list(fact_str(r, "expr"), release_members) &&
		    !strcmp(r->file, e->file) && r != e)
			return r;
	}
	return NULL;
}

static const char *how_text(const struct fact *e)
{
	const char *how = fact_str(e, "how");

	if (str_is(how, "work"))
		return "a work item";
	if (str_is(how, "timer"))
		return "a timer";
	if (str_is(how, "tasklet"))
		return "a tasklet";
	if (str_is(how, "kthread"))
		return "a kernel thread";
	if (str_is(how, "irq"))
		return "an interrupt handler";
	if (str_is(how, "sysfs"))
		return "a sysfs attribute";
	if (str_is(how, "seq"))
		return "a seq_file show (debugfs, procfs)";
	return "an ops member";
}

static char *entry_text(const struct fact *e)
{
	const char *how = fact_str(e, "how"), *via = fact_str(e, "via");
	const char *arg = fact_str(e, "expr"), *tgt = fact_str(e, "target");

	if (str_is(how, "ops"))
		return xstrfmt("%s, .%s = %s in %s at %s:%d", how_text(e),
			       arg ? arg : "?", tgt ? tgt : "?",
			       via ? via : "?", e->file, e->line);
	if (str_is(how, "sysfs") || str_is(how, "seq"))
		return xstrfmt("%s (%s at %s:%d)", how_text(e), tgt ? tgt : "?",
			       e->file, e->line);
	return xstrfmt("%s (%s(%s%s%s) at %s:%d)", how_text(e),
		       via ? via : "?", arg && *arg ? arg : "",
		       arg && *arg ? ", " : "", tgt ? tgt : "?", e->file,
		       e->line);
}

struct judgement {
	const struct ctxfacts *cf;
	const struct lock_free *f;
	struct quiesces qs;
	struct contexts freeside;
	struct use_site *u;
	int open;		/* contexts the free does not wait for */
	int lines;		/* evidence lines written */
	int pass;		/* evidence of this rank only (say()) */
};

/*
 * Evidence of rank 0 (an open entry: the other party, named), 1 (an open
 * root) or 2 (the rest), written in that order, one rank a pass.
 */
static void say(struct judgement *j, int rank, const char *file, int line,
		char *what)
{
	if (rank != j->pass)
		free(what);
	else if (j->lines++ < MAX_PARTIES)
		site_evidence(j->u, file, line, what);
	else
		free(what);
}

/* One context c of the user at fact l: quiesced, own, or open. */
static void judge_context(struct judgement *j, const struct fact *l,
			  const struct context *c)
{
	const struct fact *e = c->entry, *r;
	char *ctx;

	if (!e && c->outside) {
		j->open += j->pass == 1;
		say(j, 1, l->file, l->line,
		    xstrfmt("other party: %s() takes the lock as %s, and the "
			    "last of them is not static: called from outside "
			    "the files read, in any context", l->function,
			    c->chain));
		return;
	}
	if (!e) {
		say(j, 2, l->file, l->line,
		    xstrfmt("%s() takes the lock, reached only as %s: a "
			    "static function that no work item, timer, thread, "
			    "interrupt, attribute or subsystem ops member "
			    "starts", l->function, c->chain));
		return;
	}
	ctx = entry_text(e);
	for (size_t i = 0; i < j->qs.nr; i++) {
		const struct fact *q = j->qs.items[i];

		if (!stops(q, e))
			continue;
		say(j, 2, q->file, q->line,
		    xstrfmt("quiesced: %s() takes the lock as %s, run as %s; "
			    "%s(%s) in %s() stops it before the free",
			    l->function, c->chain, ctx, fact_str(q, "call"),
			    fact_str(q, "expr"), q->function));
		free(ctx);
		return;
	}
	if ((r = own_file_op(&j->freeside, e))) {
		say(j, 2, l->file, l->line,
		    xstrfmt("%s() takes the lock as %s, run as %s: an "
			    "operation of the file whose last reference the "
			    "free releases (.%s = %s at %s:%d)", l->function,
			    c->chain, ctx, fact_str(r, "expr"),
			    fact_str(r, "target"), r->file, r->line));
		free(ctx);
		return;
	}
	j->open += j->pass == 0;
	say(j, 0, l->file, l->line,
	    xstrfmt("other party: %s() takes the lock as %s, run as %s, "
		    "which nothing before the free waits for", l->function,
		    c->chain, ctx));
	free(ctx);
}

static void judge_user(struct judgement *j, const struct fact *l)
{
	struct contexts cs = { NULL, 0, 0 };

	contexts_of(j->cf, l->file, l->function, USER_DEPTH, &cs);
	for (size_t i = 0; i < cs.nr; i++)
		judge_context(j, l, &cs.items[i]);
	free(cs.items);
}

/* The allocation that makes the free an error path, or NULL. */
static const struct fact *own_alloc(const struct ctxfacts *cf,
				    const struct lock_free *f)
{
	size_t n = strcspn(f->key, " ");

	n += f->key[n] ? 1 + strcspn(f->key + n + 1, " ") : 0;
	for (size_t i = 0; i < cf->nr; i++) {
		const struct fact *a = cf->items[i];
		const char *key = fact_str(a, "key");

		if (is_kind(a, "ctx-alloc") && key && strlen(key) == n &&
		    !strncmp(key, f->key, n) && !strcmp(a->file, f->file) &&
		    !strcmp(a->function, f->function) && a->line < f->line)
			return a;
	}
	return NULL;
}

/* One user fact per other function: its first lock of the key. */
static int first_of_function(const struct ctxfacts *cf, size_t k)
{
	const struct fact *l = cf->items[k];

	for (size_t i = 0; i < k; i++) {
		const struct fact *o = cf->items[i];

		if (is_kind(o, "ctx-lock") &&
		    str_is(fact_str(o, "key"), fact_str(l, "key")) &&
		    !strcmp(o->function, l->function) &&
		    !strcmp(o->file, l->file))
			return 0;
	}
	return 1;
}

static int is_other_user(const struct ctxfacts *cf, size_t k,
			 const struct lock_free *f)
{
	const struct fact *l = cf->items[k];

	if (!is_kind(l, "ctx-lock") || !str_is(fact_str(l, "key"), f->key) ||
	    (!strcmp(l->function, f->function) && !strcmp(l->file, f->file)))
		return 0;
	return first_of_function(cf, k);
}

static int scanned(const struct ctxfacts *cf, const char *file)
{
	for (size_t i = 0; i < cf->nr; i++)
		if (!strcmp(cf->items[i]->file, file))
			return 1;
	return 0;
}

enum confidence lockctx_judge(const struct ctxfacts *cf,
			      const struct lock_free *f,
			      struct use_site *u, enum confidence dflt)
{
	struct judgement j = { cf, f, { NULL, 0, 0 }, { NULL, 0, 0 }, u, 0, 0, 0 };
	const struct fact *a;
	int users = 0;

	if (!scanned(cf, f->file))
		return dflt;
	if (f->may_be_unpublished && (a = own_alloc(cf, f))) {
		site_evidence(u, a->file, a->line,
			      xstrfmt("never published: %s() allocates the "
				      "object here (%s()), and the free is "
				      "its error path", a->function,
				      fact_str(a, "alloc")));
		return CONF_LOW;
	}
	quiesced_before(cf, f->file, f->function, f->line, FREE_DEPTH, &j.qs);
	contexts_of(cf, f->file, f->function, USER_DEPTH, &j.freeside);
	for (j.pass = 0; j.pass < 3; j.pass++)
		for (size_t k = 0; k < cf->locks->nr; k++) {
			if (!is_other_user(cf->locks, k, f))
				continue;
			users += !j.pass;
			judge_user(&j, cf->locks->items[k]);
		}
	if (j.lines > MAX_PARTIES)
		site_evidence(u, f->file, f->line,
			      xstrfmt("and %d more contexts of the other users",
				      j.lines - MAX_PARTIES));
	free(j.qs.items);
	free(j.freeside.items);
	if (!users)
		return dflt;
	return j.open ? dflt : CONF_LOW;
}
