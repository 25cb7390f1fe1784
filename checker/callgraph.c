// SPDX-License-Identifier: GPL-2.0-only
/*
 * The call graph and the contexts code runs in; see callgraph.h.
 *
 * The facts are per file and joined by name: a callee "f" of a
 * ctx-calls fact is any function f of the facts (a static one is not
 * told apart from a namesake of another file), a callee "->f" is a call
 * through a pointer member f, which reaches every function stored into
 * a member f (a ctx-entry of kind "ptr", or a member of a struct
 * initializer that is not a subsystem's table).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "callgraph.h"
#include "strbuf.h"
#include "usage.h"

/* Functions a walk up from one function visits, at most. */
#define MAX_VISITS 200

int ctx_is_kind(const struct fact *f, const char *kind)
{
	return f->kind == FACT_OTHER && !strcmp(f->kind_name, kind);
}

int ctx_str_is(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

int ctx_in_list(const char *s, const char *const *list)
{
	for (; s && *list; list++)
		if (!strcmp(s, *list))
			return 1;
	return 0;
}

const char *ctx_last_field(const char *e)
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

size_t named_range(const struct named_list *l, const char *name,
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

struct ctxfacts *ctx_index(const struct fact_store *fs)
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

void ctx_index_free(struct ctxfacts *cf)
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

int call_line(const struct fact *f, const char *callee)
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
struct visit {
	const char *file, *function;
	int depth;
	int hops;		/* pointer hops on the way */
	char chain[256];
};

/*
 * The ops tables through which a subsystem or user space starts code: a
 * member of any other table (a driver's own vtable) is a call of its
 * own code, not another context: the walk stops there, or with
 * CG_POINTERS goes on to the calls through that member.
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

int ctx_is_entry(const struct fact *e)
{
	const char *how = fact_str(e, "how");

	if (ctx_str_is(how, "ptr"))	/* x->notifier_call = fn: a notifier */
		return ctx_str_is(fact_str(e, "expr"), "notifier_call");
	return !ctx_str_is(how, "ops") || ctx_in_list(fact_str(e, "via"), entry_ops);
}

static int seen(const struct visit *q, size_t n, const char *file,
		const char *fn)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(q[i].function, fn) && !strcmp(q[i].file, file))
			return 1;
	return 0;
}

static struct context *add_context(struct contexts *cs,
				   const struct fact *entry, int outside,
				   const char *chain)
{
	struct context *c;

	ALLOC_GROW(cs->items, cs->nr + 1, cs->alloc);
	c = &cs->items[cs->nr++];
	memset(c, 0, sizeof(*c));
	c->entry = entry;
	c->outside = outside;
	snprintf(c->chain, sizeof(c->chain), "%s", chain);
	return c;
}

int ctx_is_static(const struct ctxfacts *cf, const char *file,
		  const char *fn)
{
	size_t lo, hi = named_range(&cf->statics, fn, &lo);

	for (; lo < hi; lo++)
		if (!strcmp(cf->statics.items[lo].f->file, file))
			return 1;
	return 0;
}

int ctx_scanned(const struct ctxfacts *cf, const char *file)
{
	for (size_t i = 0; i < cf->nr; i++)
		if (!strcmp(cf->items[i]->file, file))
			return 1;
	return 0;
}

/* A ctx-owner fact of fn in file, or NULL. */
static const struct fact *owner_check(const struct ctxfacts *cf,
				      const char *file, const char *fn)
{
	for (size_t i = 0; i < cf->nr; i++) {
		const struct fact *f = cf->items[i];

		if (ctx_is_kind(f, "ctx-owner") && !strcmp(f->function, fn) &&
		    !strcmp(f->file, file))
			return f;
	}
	return NULL;
}

struct walk {
	const struct ctxfacts *cf;
	struct visit *q;
	size_t nq, aq;
	int depth;
	int cut;		/* callers left beyond the depth */
};

/*
 * Queue the callers of name (a function, or "->m": the calls through
 * member m) of v; via names the pointer hop in the chain. Returns how
 * many callers there are.
 */
static int queue_callers(struct walk *w, const struct visit *v,
			 const char *name, const char *via)
{
	const struct ctxfacts *cf = w->cf;
	size_t lo, hi = named_range(&cf->calls, name, &lo);
	int called = 0;

	for (; lo < hi; lo++) {
		const struct fact *f = cf->calls.items[lo].f;

		if (w->nq >= MAX_VISITS) {
			w->cut = 1;
			break;
		}
		if (!strcmp(f->function, v->function))
			continue;
		called = 1;
		if (seen(w->q, w->nq, f->file, f->function))
			continue;
		if (v->depth >= w->depth) {
			w->cut = 1;
			continue;
		}
		ALLOC_GROW(w->q, w->nq + 1, w->aq);
		w->q[w->nq] = (struct visit){ f->file, f->function,
					      v->depth + 1, v->hops + !!*via,
					      "" };
		snprintf(w->q[w->nq].chain, sizeof(w->q[w->nq].chain),
			 "%.180s <- %s%.40s()", v->chain, via, f->function);
		w->nq++;
	}
	return called;
}

/* The calls through the members fn is stored into (CG_POINTERS). */
static int queue_pointer_callers(struct walk *w, const struct visit *v,
				 const struct fact *e)
{
	const char *m = fact_str(e, "expr");
	char *name, *via;
	int called;

	/*
	 * Members are joined by name alone: one hop a chain, or a ->func
	 * of one table leads to every ->func of the tree.
	 */
	if (!m || !*m || v->hops)
		return 0;
	name = xstrfmt("->%s", m);
	via = xstrfmt("(through ->%s) ", m);
	called = queue_callers(w, v, name, via);
	free(name);
	free(via);
	return called;
}

void contexts_of(const struct ctxfacts *cf, const char *file, const char *fn,
		 int depth, unsigned flags, struct contexts *cs)
{
	struct walk w = { cf, NULL, 0, 0, depth, 0 };

	ALLOC_GROW(w.q, 1, w.aq);
	w.q[w.nq++] = (struct visit){ file, fn, 0, 0, "" };
	snprintf(w.q[0].chain, sizeof(w.q[0].chain), "%s()", fn);
	for (size_t h = 0; h < w.nq; h++) {
		struct visit v = w.q[h];
		const struct fact *own;
		int started = 0, called = 0;
		size_t lo, hi;

		if ((flags & CG_OWNER) &&
		    (own = owner_check(cf, v.file, v.function))) {
			add_context(cs, NULL, 0, v.chain)->owner = own;
			continue;
		}
		hi = named_range(&cf->entries, v.function, &lo);
		for (; lo < hi; lo++) {
			const struct fact *e = cf->entries.items[lo].f;

			if (ctx_is_entry(e)) {
				add_context(cs, e, 0, v.chain);
				started = 1;
			} else if (flags & CG_POINTERS) {
				called |= queue_pointer_callers(&w, &v, e);
			}
		}
		w.cut = 0;
		called |= queue_callers(&w, &v, v.function, "");
		if (w.cut && (flags & CG_CUT))
			add_context(cs, NULL, 1, v.chain)->cut = 1;
		if (!started && !called)
			add_context(cs, NULL,
				    !ctx_is_static(cf, v.file, v.function),
				    v.chain);
	}
	free(w.q);
}

static const char *how_text(const struct fact *e)
{
	const char *how = fact_str(e, "how");

	if (ctx_str_is(how, "work"))
		return "a work item";
	if (ctx_str_is(how, "timer"))
		return "a timer";
	if (ctx_str_is(how, "tasklet"))
		return "a tasklet";
	if (ctx_str_is(how, "kthread"))
		return "a kernel thread";
	if (ctx_str_is(how, "irq"))
		return "an interrupt handler";
	if (ctx_str_is(how, "sysfs"))
		return "a sysfs attribute";
	if (ctx_str_is(how, "seq"))
		return "a seq_file show (debugfs, procfs)";
	if (ctx_str_is(how, "wakeup"))
		return "a wait queue callback (run by whoever wakes the queue)";
	if (ctx_str_is(how, "ptr"))
		return "a notifier";
	return "an ops member";
}

char *entry_text(const struct fact *e)
{
	const char *how = fact_str(e, "how"), *via = fact_str(e, "via");
	const char *arg = fact_str(e, "expr"), *tgt = fact_str(e, "target");

	if (ctx_str_is(how, "ops"))
		return xstrfmt("%s, .%s = %s in %s at %s:%d", how_text(e),
			       arg ? arg : "?", tgt ? tgt : "?",
			       via ? via : "?", e->file, e->line);
	if (ctx_str_is(how, "sysfs") || ctx_str_is(how, "seq"))
		return xstrfmt("%s (%s at %s:%d)", how_text(e), tgt ? tgt : "?",
			       e->file, e->line);
	if (ctx_str_is(how, "ptr"))
		return xstrfmt("%s (%s = %s in %s() at %s:%d)", how_text(e),
			       via ? via : "?", tgt ? tgt : "?", e->function,
			       e->file, e->line);
	return xstrfmt("%s (%s(%s%s%s) at %s:%d)", how_text(e),
		       via ? via : "?", arg && *arg ? arg : "",
		       arg && *arg ? ", " : "", tgt ? tgt : "?", e->file,
		       e->line);
}
