// SPDX-License-Identifier: GPL-2.0-only
/*
 * Verdicts from facts; see verdict.h.
 *
 * First the function itself: the semantic patch says, per use, whether
 * some path from the entry reaches it without an mm_users acquisition on
 * the same expression ("unheld") or after an mmput() ("after-release"); an
 * mmget_not_zero() whose result is ignored does not count either. A use
 * held there is held-local.
 *
 * Otherwise the mm is followed out of the function:
 *   - a struct field ("struct kvm ->mm"), directly or through a local
 *     copied from one: every store into that field in the tree decides
 *     (held-field, mmgrab-only, unreferenced, mixed);
 *   - a parameter of a function or macro (a wrapper): every call of the
 *     wrapper is a use site of its own, and the wrapper's use takes the
 *     worst verdict of its callers, or held-caller when each of them holds
 *     mm_users (a call passing its own current->mm holds it);
 *   - anything else stops the search: unknown, saying where.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "livectx.h"
#include "strbuf.h"
#include "usage.h"
#include "verdict.h"

static const char *const acquire_ops[] = {
	"mmget", "mmget_not_zero", "get_task_mm", "mm_alloc", "mm_access",
};

/* Words that make a comment an explanation of the mm's lifetime. */
static const char *const lifetime_words[] = {
	"lifetime", "alive", "refcount", "reference", "mm_users", "mmget",
	"mmput", "teardown", "tear down", "outliv", "serializ", "exit_aio",
	"aio", "iocb", "notifier", "release", "pinned",
};

/* How many wrapper levels a verdict follows before giving up. */
#define MAX_DEPTH 8

enum verdict_rank {
	V_HELD_LOCAL, V_HELD_FIELD, V_HELD_CALLER, V_UNKNOWN, V_MIXED,
	V_UNREFERENCED, V_MMGRAB_ONLY,
};

static const char *const verdict_names[] = {
	[V_HELD_LOCAL] = "held-local",
	[V_HELD_FIELD] = "held-field",
	[V_HELD_CALLER] = "held-caller",
	[V_UNKNOWN] = "unknown",
	[V_MIXED] = "mixed",
	[V_UNREFERENCED] = "unreferenced",
	[V_MMGRAB_ONLY] = "mmgrab-only",
};

static const char *const verdict_rules[] = {
	[V_HELD_LOCAL] = NULL,
	[V_HELD_FIELD] = NULL,
	[V_HELD_CALLER] = NULL,
	[V_UNKNOWN] = "use-mm-unknown",
	[V_MIXED] = "use-mm-mixed",
	[V_UNREFERENCED] = "use-mm-unreferenced",
	[V_MMGRAB_ONLY] = "use-mm-mmgrab-only",
};

struct judge_ctx {
	const struct fact_store *fs;
	const struct rule_catalogue *rc;
	struct verdicts *v;
	int *state;		/* per use: 0 new, 1 in progress, 2 done */
	size_t *use_of;		/* fact index -> use index, (size_t)-1 */
	struct ctxfacts *cf;	/* the call graph, for the live uses */
};

static int is_acquire(const char *op)
{
	for (size_t i = 0; i < ARRAY_SIZE(acquire_ops); i++)
		if (!strcmp(op, acquire_ops[i]))
			return 1;
	return 0;
}

/* Acquisitions that return the mm rather than take it as argument. */
static int is_returning(const char *op)
{
	return !strcmp(op, "get_task_mm") || !strcmp(op, "mm_alloc") ||
	       !strcmp(op, "mm_access");
}

static int is_api(const char *name)
{
	return !strcmp(name, "kthread_use_mm") || !strcmp(name, "use_mm");
}

static int is_lifetime_comment(const char *text)
{
	if (!text)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(lifetime_words); i++)
		if (strcasestr(text, lifetime_words[i]))
			return 1;
	return 0;
}

static int same_function(const struct fact *a, const struct fact *b)
{
	return !strcmp(a->file, b->file) && !strcmp(a->function, b->function);
}

static int same_place(const struct fact *a, const struct fact *b)
{
	return !strcmp(a->file, b->file) && a->line == b->line &&
	       a->col == b->col;
}

static void add_mitigation(struct use_site *u, const char *kind,
			   const char *file, int line, const char *text)
{
	ALLOC_GROW(u->mitigations, u->nmitigations + 1, u->amitigations);
	u->mitigations[u->nmitigations].kind = kind;
	u->mitigations[u->nmitigations].file = xstrdup(file);
	u->mitigations[u->nmitigations].line = line;
	u->mitigations[u->nmitigations].text = xstrdup(text ? text : "");
	u->nmitigations++;
}

/* Facts of one file are contiguous once sorted: [*lo, *hi). */
static void file_range(const struct fact_store *fs, size_t i, size_t *lo,
		       size_t *hi)
{
	size_t a = i, b = i;

	while (a > 0 && !strcmp(fs->items[a - 1].file, fs->items[i].file))
		a--;
	while (b < fs->nr && !strcmp(fs->items[b].file, fs->items[i].file))
		b++;
	*lo = a;
	*hi = b;
}

static void where_of(const struct fact *f, char *buf, size_t n)
{
	snprintf(buf, n, f->macro ? "macro %s" : "%s()", f->function);
}

/* A rule's finding at its own severity. */
static void raise_rule(struct use_site *u, const struct judge_ctx *cx,
		       const char *id, char *msg)
{
	const struct rule *r = rules_get(cx->rc, id);

	site_finding(u, r, r->severity, msg);
}

/* What the use's own function says about it. */
struct local_facts {
	const struct fact *unheld, *released, *ignored, *put, *failed;
	const struct fact *no_unuse, *some_unuse, *no_put, *some_put;
	const struct fact *copy;	/* cur = src, src held at the use */
	int nacq;		/* mm_users acquisitions before the use */
};

/* A fact at the use's own place (file, line, column). */
static void note_at_use(struct use_site *u, const struct fact *f,
			struct local_facts *lf)
{
	switch (f->kind) {
	case FACT_UNHELD:
		if (!strcmp(f->reason, "after-release"))
			lf->released = f;
		else if (!strcmp(f->reason, "failed-check"))
			lf->failed = f;
		else
			lf->unheld = f;
		break;
	case FACT_ORIGIN:
		if (fact_bool(f, "held"))
			lf->copy = f;
		break;
	case FACT_PUT_IN_USE:
		lf->put = f;
		break;
	case FACT_NO_UNUSE:
		lf->no_unuse = f;
		break;
	case FACT_SOME_UNUSE:
		lf->some_unuse = f;
		break;
	case FACT_NO_PUT:
		lf->no_put = f;
		break;
	case FACT_SOME_PUT:
		lf->some_put = f;
		break;
	case FACT_COMMENT:
		add_mitigation(u, "lifetime-comment", f->file, f->line,
			       f->text);
		break;
	default:
		break;
	}
}

/* The facts of the use's function, with the acquisitions as evidence. */
static void collect_local(struct use_site *u, const struct fact_store *fs,
			  struct local_facts *lf)
{
	const struct fact *use = u->use;
	size_t lo, hi;

	file_range(fs, (size_t)(use - fs->items), &lo, &hi);
	for (size_t k = lo; k < hi; k++)
		if (same_place(&fs->items[k], use) &&
		    same_function(&fs->items[k], use))
			note_at_use(u, &fs->items[k], lf);
	for (size_t k = lo; k < hi; k++) {
		const struct fact *f = &fs->items[k];
		/* a held copy (cur = src) shares src's reference */
		const char *mm = lf->copy && f->kind == FACT_REFOP &&
				 !strcmp(f->mm, lf->copy->origin) ?
				 lf->copy->origin : use->mm;

		if (!same_function(f, use) || same_place(f, use))
			continue;
		if (f->kind == FACT_IGNORED_RESULT &&
			   !strcmp(f->mm, use->mm) && f->line <= use->line) {
			lf->ignored = f;
		} else if (f->kind == FACT_REFOP && !strcmp(f->mm, mm) &&
			   f->line < use->line && is_acquire(f->op)) {
			lf->nacq++;
			site_evidence(u, f->file, f->line,
				     is_returning(f->op)
				     ? xstrfmt("%s = %s() takes an mm_users "
					       "reference", f->mm, f->op)
				     : xstrfmt("%s(%s) takes an mm_users "
					       "reference", f->op, f->mm));
		}
	}
	if (lf->copy)
		site_evidence(u, use->file, lf->copy->origin_line,
			      xstrfmt("%s = %s: the copy shares the reference "
				      "held on %s at the use", use->mm,
				      lf->copy->origin, lf->copy->origin));
}

/* The findings about the reference itself: ignored, dropped, put early. */
static void report_reference(struct use_site *u, const struct judge_ctx *cx,
			     const struct local_facts *lf)
{
	const struct fact *use = u->use;

	if (lf->ignored) {
		site_evidence(u, lf->ignored->file, lf->ignored->line,
			     xstrfmt("the result of mmget_not_zero(%s) is "
				     "ignored", lf->ignored->mm));
		raise_rule(u, cx, "mmget-unchecked",
			   xstrfmt("mmget_not_zero(%s) result ignored before "
				   "%s(%s)", lf->ignored->mm, use->api,
				   use->mm));
	}
	if (lf->failed) {
		const char *m = fact_str(lf->failed, "mm");

		site_evidence(u, use->file, lf->failed->release_line,
			     xstrfmt("mmget_not_zero(%s) failed on the path to "
				     "the use: mm_users was already zero",
				     m ? m : use->mm));
		raise_rule(u, cx, "mmget-unchecked",
			   xstrfmt("%s(%s) runs in the branch where "
				   "mmget_not_zero(%s) on line %d failed",
				   use->api, use->mm, m ? m : use->mm,
				   lf->failed->release_line));
	}
	if (lf->released) {
		site_evidence(u, use->file, lf->released->release_line,
			     xstrfmt("mmput(%s) drops the reference, and a "
				     "path from here reaches the use",
				     use->mm));
		raise_rule(u, cx, "use-mm-after-put",
			   xstrfmt("%s(%s) can run after mmput(%s) on line %d",
				   use->api, use->mm, use->mm,
				   lf->released->release_line));
	}
	if (lf->put) {
		site_evidence(u, use->file, lf->put->release_line,
			     xstrfmt("mmput(%s) while the mm is still in use",
				     use->mm));
		raise_rule(u, cx, "use-mm-put-before-unuse",
			   xstrfmt("mmput(%s) on line %d runs before "
				   "kthread_unuse_mm()", use->mm,
				   lf->put->release_line));
	}
}

/* The findings about the paths out: an unuse or a put skipped. */
static void report_paths(struct use_site *u, const struct judge_ctx *cx,
			 const struct local_facts *lf, const char *where)
{
	const struct fact *use = u->use;

	if (lf->no_unuse && lf->some_unuse) {
		site_evidence(u, use->file, use->line,
			     xstrfmt("a path out of %s skips the unuse", where));
		raise_rule(u, cx, "use-mm-unbalanced",
			   xstrfmt("%s(%s): a path out of %s leaves the mm in "
				   "use", use->api, use->mm, where));
	} else if (lf->no_unuse && is_api(use->api)) {
		site_evidence(u, use->file, use->line,
			     xstrfmt("no path unuses it: the mm is attached "
				     "for the rest of the thread's life"));
	}
	if (lf->nacq && lf->no_put && lf->some_put) {
		site_evidence(u, use->file, use->line,
			     xstrfmt("a path out of %s calls no mmput(%s)",
				     where, use->mm));
		raise_rule(u, cx, "use-mm-ref-leak",
			   xstrfmt("%s(%s): the reference taken in %s leaks on "
				   "a path without mmput()", use->api,
				   use->mm, where));
	}
}

/*
 * Inside the function: held on every path? Adds the local evidence and
 * the local findings (after-put, ignored result, balance).
 */
static int judge_local(struct use_site *u, const struct judge_ctx *cx)
{
	const struct fact *use = u->use;
	struct local_facts lf;
	char where[256];

	memset(&lf, 0, sizeof(lf));
	where_of(use, where, sizeof(where));
	site_evidence(u, use->file, use->line,
		     xstrfmt("%s(%s) in %s", use->api, use->mm, where));
	collect_local(u, cx->fs, &lf);
	report_reference(u, cx, &lf);
	report_paths(u, cx, &lf, where);
	if (lf.unheld && !is_api(use->api) && !strcmp(use->mm, "current->mm")) {
		/* the caller lends its own mm: its task holds it for the call */
		site_evidence(u, use->file, use->line,
			      xstrfmt("current->mm: %s runs in the mm's owner, "
				      "whose own mm_users reference lasts the "
				      "call", where));
		lf.unheld = NULL;
	}
	return !lf.unheld && !lf.released && !lf.ignored && !lf.failed;
}

/* The use index of the use fact at fact index i, or -1. */
static struct use_site *use_at(const struct judge_ctx *cx, const struct fact *f)
{
	size_t i = cx->use_of[f - cx->fs->items];

	return i == (size_t)-1 ? NULL : &cx->v->items[i];
}

static enum verdict_rank judge(struct use_site *u, const struct judge_ctx *cx,
			       int depth);

/* The struct type part of a key: "struct kvm ->mm" -> "struct kvm". */
static int key_struct_is(const char *key, const char *st)
{
	size_t n = strlen(st);

	return !strncmp(key, st, n) && key[n] == ' ';
}

/* "!struct x ->f" <-> "struct x ->f", into buf. */
static const char *negate(const char *lit, char *buf, size_t n)
{
	snprintf(buf, n, "%s%s", *lit == '!' ? "" : "!", lit + (*lit == '!'));
	return buf;
}

/* Does literal lit hold at every start of the use's thread or work? */
static const struct fact *starts_under(const struct use_site *u,
				       const struct fact_store *fs,
				       const char *lit)
{
	const struct fact *use = u->use, *first = NULL;

	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];
		const char *thread = fact_str(f, "thread");

		if (strcmp(f->kind_name, "start") || strcmp(f->file, use->file) ||
		    !thread || strcmp(thread, use->function))
			continue;
		if (fact_bool(f, "escapes") || !fact_list_has(f, "guards", lit))
			return NULL;
		if (!first)
			first = f;
	}
	return first;
}

/*
 * Guard correlation (vhost's use_worker): every store into the field that
 * takes no mm_users runs under a field test's negation, !G, and the use's
 * function runs only as a thread or work item started under G. The start
 * fact, with G in *lit (buf), or NULL.
 */
static const struct fact *guard_correlated(const struct use_site *u,
					   const struct fact_store *fs,
					   const char *key, char *buf, size_t n)
{
	const struct fact *first = NULL;
	const char *c;

	for (size_t i = 0; i < fs->nr && !first; i++)
		if (fs->items[i].kind == FACT_STORE && fs->items[i].key &&
		    !strcmp(fs->items[i].key, key) &&
		    strcmp(fs->items[i].klass, "acquire"))
			first = &fs->items[i];
	if (!first)
		return NULL;
	for (size_t j = 0; (c = fact_list_str(first, "guards", j)); j++) {
		const struct fact *start;
		int all = 1;

		for (size_t i = 0; i < fs->nr && all; i++) {
			const struct fact *f = &fs->items[i];

			if (f->kind == FACT_STORE && f->key &&
			    !strcmp(f->key, key) && strcmp(f->klass, "acquire") &&
			    !fact_list_has(f, "guards", c))
				all = 0;
		}
		if (all && (start = starts_under(u, fs, negate(c, buf, n))))
			return start;
	}
	return NULL;
}

/* Every store into the field decides. */
static enum verdict_rank judge_field(struct use_site *u,
				     const struct judge_ctx *cx,
				     const char *key)
{
	const struct fact_store *fs = cx->fs;
	int acquire = 0, grab = 0, none = 0, copy = 0, n = 0;

	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];

		if (f->kind == FACT_NOTIFIER && f->release &&
		    key_struct_is(key, f->struct_name)) {
			char *t = xstrfmt("%s registers an mmu_notifier, and "
					  "%s gives one a .release",
					  f->struct_name, f->file);

			add_mitigation(u, "mmu-notifier-release", f->file,
				       f->line, t);
			free(t);
		}
		if (f->kind != FACT_STORE || !f->key || strcmp(f->key, key))
			continue;
		n++;
		if (!strcmp(f->klass, "acquire"))
			acquire++;
		else if (!strcmp(f->klass, "grab"))
			grab++;
		else if (!strcmp(f->klass, "none"))
			none++;
		else
			copy++;
		site_evidence(u, f->file, f->line,
			     xstrfmt("%s = %s in %s(): %s%s%s", f->lhs, f->rhs,
				     f->function,
				     !strcmp(f->klass, "acquire") ? "mm_users held" :
				     !strcmp(f->klass, "grab") ? "only mmgrab() (mm_count)" :
				     !strcmp(f->klass, "none") ? "no count at all" :
				     "copied from elsewhere, not followed",
				     *f->ops ? "; " : "", f->ops ? f->ops : ""));
		if (is_lifetime_comment(f->text))
			add_mitigation(u, "lifetime-comment", f->file, f->line,
				       f->text);
	}
	if (!n) {
		site_evidence(u, u->use->file, u->use->line,
			     xstrfmt("stopped: no store into %s found in the "
				     "tree", key));
		return V_UNKNOWN;
	}
	if (acquire && !grab && !none && !copy)
		return V_HELD_FIELD;
	if (acquire && (grab || none)) {
		char g[512];
		const struct fact *st = guard_correlated(u, fs, key, g, sizeof(g));

		if (!st)
			return V_MIXED;
		site_evidence(u, u->use->file, u->use->line,
			     xstrfmt("the stores without mm_users run only when "
				     "%s does not hold", g));
		site_evidence(u, st->file, st->line,
			     xstrfmt("%s() runs only as the thread or work "
				     "that %s() starts in %s(), reached only "
				     "when %s holds (tested in %s)",
				     u->use->function, fact_str(st, "api"),
				     st->function, g,
				     fact_list_str(st, "tested_at", 0) ?
				     fact_list_str(st, "tested_at", 0) : "?"));
		return V_HELD_FIELD;
	}
	if (copy)
		return V_UNKNOWN;
	return grab ? V_MMGRAB_ONLY : V_UNREFERENCED;
}

/* What holds the mm at a held call site, for its caller's evidence. */
static const char *held_how(const struct use_site *c)
{
	for (size_t k = 0; k < c->nevidence; k++) {
		const char *w = c->evidence[k].what;

		if (strstr(w, "takes an mm_users reference") ||
		    strstr(w, "current->mm:") || strstr(w, "mm_users held") ||
		    strstr(w, "held-caller:"))
			return w;
	}
	return NULL;
}

/* Whether the wrapper's own use at fact use holds mm_users itself. */
static int held_inside(const struct judge_ctx *cx, const struct fact *use)
{
	struct use_site tmp;
	struct local_facts lf;
	int held;

	memset(&tmp, 0, sizeof(tmp));
	memset(&lf, 0, sizeof(lf));
	tmp.use = use;
	collect_local(&tmp, cx->fs, &lf);	/* its evidence is dropped */
	held = !lf.unheld && !lf.released && !lf.ignored && !lf.failed;
	site_release(&tmp);
	return held;
}

/*
 * A call of a wrapper whose every use of the parameter takes its own
 * mm_users reference first (if (!mmget_not_zero(mm)) ...): when the
 * caller's mm is pinned by mmgrab(), the use is held, inside the wrapper.
 * One such use, or NULL.
 */
static const struct fact *wrapper_holds(const struct judge_ctx *cx,
					const struct fact *call)
{
	const struct fact_store *fs = cx->fs;
	const struct fact *held = NULL;

	if (is_api(call->api))
		return NULL;
	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *w = &fs->items[i];

		if (w->kind != FACT_WRAPPER || strcmp(w->wrapper, call->api) ||
		    w->index != call->arg ||
		    (w->is_static && strcmp(w->file, call->file)))
			continue;
		for (size_t k = 0; k < fs->nr; k++) {
			const struct fact *f = &fs->items[k];

			if (f->kind != FACT_USE || !same_place(f, w))
				continue;
			if (!held_inside(cx, f))
				return NULL;
			held = f;
		}
	}
	return held;
}

static int is_held(enum verdict_rank v)
{
	return v <= V_HELD_CALLER;
}

/*
 * The wrapper's callers decide: the worst of them, or held-caller when
 * every direct caller holds mm_users across its call.
 */
static enum verdict_rank judge_wrapper(struct use_site *u,
				       const struct judge_ctx *cx,
				       const struct fact *w, int depth)
{
	const struct fact_store *fs = cx->fs;
	enum verdict_rank worst = V_HELD_LOCAL;
	int callers = 0;

	for (size_t i = 0; i < fs->nr; i++) {
		const struct fact *f = &fs->items[i];
		struct use_site *c;
		enum verdict_rank v;

		if (f->kind != FACT_USE || strcmp(f->api, w->wrapper) ||
		    f->arg != w->index || (w->is_static &&
					  strcmp(f->file, w->file)))
			continue;
		c = use_at(cx, f);
		if (!c || c == u)
			continue;
		v = judge(c, cx, depth + 1);
		callers++;
		if (callers <= 8) {
			const char *how = is_held(v) ? held_how(c) : NULL;

			site_evidence(u, f->file, f->line,
				     xstrfmt("called as %s(%s) in %s(): %s%s%s",
					     w->wrapper, f->mm, f->function,
					     c->verdict, how ? ": " : "",
					     how ? how : ""));
		}
		if (v > worst)
			worst = v;
	}
	if (!callers) {
		site_evidence(u, u->use->file, u->use->line,
			     xstrfmt("stopped: no direct call of %s found; it "
				     "may be called through a function pointer",
				     w->wrapper));
		return V_UNKNOWN;
	}
	if (callers > 8)
		site_evidence(u, u->use->file, u->use->line,
			     xstrfmt("and %d more callers", callers - 8));
	if (is_held(worst)) {
		site_evidence(u, u->use->file, u->use->line,
			     xstrfmt("held-caller: each of the %d direct "
				     "caller%s holds mm_users across the call",
				     callers, callers == 1 ? "" : "s"));
		return V_HELD_CALLER;
	}
	return worst;
}

static enum verdict_rank judge_origin(struct use_site *u,
				      const struct judge_ctx *cx, int depth)
{
	const struct fact_store *fs = cx->fs;
	const struct fact *use = u->use, *wrapper = NULL, *origin = NULL;
	char where[256];
	size_t lo, hi;

	where_of(use, where, sizeof(where));
	file_range(fs, (size_t)(use - fs->items), &lo, &hi);
	for (size_t k = lo; k < hi; k++) {
		const struct fact *f = &fs->items[k];

		if (!same_place(f, use))
			continue;
		if (f->kind == FACT_WRAPPER)
			wrapper = f;
		else if (f->kind == FACT_ORIGIN &&
			 (!origin || f->origin_line > origin->origin_line))
			origin = f;	/* the nearest assignment above */
	}
	if (use->key)
		return judge_field(u, cx, use->key);
	if (origin) {
		site_evidence(u, use->file, origin->origin_line,
			     xstrfmt("%s = %s", use->mm, origin->origin));
		if (origin->key)
			return judge_field(u, cx, origin->key);
		if (!strcmp(origin->origin, "current->mm")) {
			site_evidence(u, use->file, origin->origin_line,
				     xstrfmt("current->mm takes no count"));
			return V_UNREFERENCED;
		}
		site_evidence(u, use->file, origin->origin_line,
			     xstrfmt("stopped: %s is not a struct field "
				     "mmcheck can follow", origin->origin));
		return V_UNKNOWN;
	}
	if (wrapper) {
		site_evidence(u, wrapper->file, wrapper->line,
			     xstrfmt("%s is parameter %d of %s: its callers "
				     "decide", use->mm, wrapper->index + 1,
				     where));
		if (depth >= MAX_DEPTH) {
			site_evidence(u, use->file, use->line,
				     xstrfmt("stopped: more than %d wrapper "
					     "levels", MAX_DEPTH));
			return V_UNKNOWN;
		}
		return judge_wrapper(u, cx, wrapper, depth);
	}
	site_evidence(u, use->file, use->line,
		     xstrfmt("stopped: where %s comes from was not followed "
			     "out of %s", use->mm, where));
	return V_UNKNOWN;
}

static enum verdict_rank rank_of(const char *verdict)
{
	for (size_t i = 0; i < ARRAY_SIZE(verdict_names); i++)
		if (!strcmp(verdict, verdict_names[i]))
			return (enum verdict_rank)i;
	return V_UNKNOWN;
}

static enum verdict_rank judge(struct use_site *u, const struct judge_ctx *cx,
			       int depth)
{
	size_t idx = (size_t)(u - cx->v->items);
	enum verdict_rank v;
	const char *rid;
	const struct fact *inner;

	if (cx->state[idx] == 2)
		return rank_of(u->verdict);
	if (cx->state[idx] == 1) {
		/* a wrapper calling itself: no decision down this way */
		return V_UNKNOWN;
	}
	cx->state[idx] = 1;
	if (judge_local(u, cx))
		v = V_HELD_LOCAL;
	else {
		v = judge_origin(u, cx, depth);
		/*
		 * mmget_not_zero() inside the wrapper is enough when the
		 * caller's mm is pinned by mmgrab(); an mm with no count at
		 * all may be freed before that test reads it.
		 */
		if (v == V_MMGRAB_ONLY &&
		    (inner = wrapper_holds(cx, u->use))) {
			site_evidence(u, inner->file, inner->line,
				      xstrfmt("%s() takes its own mm_users "
					      "reference before its use",
					      u->use->api));
			v = V_HELD_LOCAL;
		}
	}
	u->verdict = verdict_names[v];
	rid = verdict_rules[v];
	if (rid) {
		const struct rule *r = rules_get(cx->rc, rid);
		enum severity sev = r->severity;
		char where[256];

		enum confidence conf = r->confidence;

		/* argued for, not proven: an error becomes a warning */
		if (u->nmitigations) {
			if (sev == SEV_ERROR)
				sev = SEV_WARNING;
			if (conf == CONF_HIGH)
				conf = CONF_MEDIUM;
		}
		where_of(u->use, where, sizeof(where));
		site_finding_conf(u, r, sev, conf,
				  xstrfmt("%s(%s) in %s: %s", u->use->api,
					  u->use->mm, where, r->title));
	}
	cx->state[idx] = 2;
	return v;
}

/*
 * An mm used as a live address space (mmap lock, VMA walk, remote GUP)
 * with no mm_users reference in its function: a finding only when every
 * store into its field pins it with mmgrab() alone, or its own function
 * mmgrab()s it. Anything else is not this rule's business and leaves no
 * site behind.
 */
static void judge_live(const struct fact *f, struct judge_ctx *cx,
		       size_t first)
{
	struct verdicts *v = cx->v;
	struct use_site *u;
	const char *context = fact_str(f, "context");
	int grab_line = fact_int(f, "grab_line");
	const struct rule *r = rules_find(cx->rc, "mm-live-mmgrab-only");
	enum severity sev = SEV_WARNING;
	enum live_party party;

	if (!r)
		return;
	/* one site per function and mm: the later uses are its evidence */
	for (size_t i = first; i < v->nr; i++) {
		const struct fact *g = v->items[i].use;

		if (!strcmp(g->file, f->file) &&
		    !strcmp(g->function, f->function) && !strcmp(g->mm, f->mm)) {
			site_evidence(&v->items[i], f->file, f->line,
				      xstrfmt("also %s(%s) at line %d", f->api,
					      f->mm, f->line));
			return;
		}
	}
	u = site_new(v, FAMILY_LIVE, f, f->mm);
	if (f->key) {
		site_evidence(u, f->file, f->line,
			      xstrfmt("%s(%s) in %s(): %s is read from %s",
				      f->api, f->mm, f->function, f->mm, f->key));
		if (judge_field(u, cx, f->key) != V_MMGRAB_ONLY) {
					site_release(u);
			v->nr--;
			return;
		}
	} else if (grab_line > 0) {
		site_evidence(u, f->file, grab_line,
			      xstrfmt("mmgrab(%s) in %s(): only mm_count",
				      f->mm, f->function));
	} else {
		site_release(u);
		v->nr--;
		return;
	}
	site_evidence(u, f->file, f->line,
		      xstrfmt("%s(%s) with no checked mmget_not_zero() on the "
			      "path, in %s context", f->api, f->mm,
			      context ? context : "unknown"));
	u->verdict = "mmgrab-only";
	party = livectx_judge(cx->cf, f, u);
	if (party == LIVE_HELD_CALLER) {
		u->verdict = "held-caller";
		return;
	}
	/*
	 * A warning, medium, even in a work item: trace_events_user's fault
	 * work tests its own count of tasks under the mmap lock, which exit
	 * fences with the write lock. Reached only from the owner: low.
	 */
	site_finding_conf(u, r, sev,
			  party == LIVE_OWNER ? CONF_LOW : r->confidence,
			  xstrfmt("%s(%s) in %s(): %s", f->api, f->mm,
				  f->function, r->title));
}

void verdicts_build(struct verdicts *v, const struct fact_store *fs,
		    const struct rule_catalogue *rc)
{
	struct judge_ctx cx = { fs, rc, v, NULL, NULL, NULL };
	size_t nuses;

	cx.use_of = xcalloc(fs->nr ? fs->nr : 1, sizeof(*cx.use_of));
	for (size_t i = 0; i < fs->nr; i++) {
		cx.use_of[i] = (size_t)-1;
		if (fs->items[i].kind != FACT_USE)
			continue;
		site_new(v, FAMILY_USE_MM, &fs->items[i], fs->items[i].mm);
		cx.use_of[i] = v->nr - 1;
	}
	nuses = v->nr;
	cx.state = xcalloc(nuses ? nuses : 1, sizeof(*cx.state));
	for (size_t i = 0; i < nuses; i++)
		judge(&v->items[i], &cx, 0);
	free(cx.state);
	cx.state = NULL;
	cx.cf = ctx_index(fs);
	for (size_t i = 0; i < fs->nr; i++)
		if (fs->items[i].kind == FACT_LIVE_USE)
			judge_live(&fs->items[i], &cx, nuses);
	ctx_index_free(cx.cf);
	free(cx.use_of);
}
