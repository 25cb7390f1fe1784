/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The call graph of the files the lockctx round read, and the code that
 * runs in another context: the ctx-* facts of smpl/lockctx.cocci, indexed
 * once, and a walk up from a function to the contexts it runs in. The
 * lock family (lockctx.c) asks who else takes a lock and from where; the
 * live family (livectx.c) asks whether a live use runs only in the mm's
 * owner, and whether its callers hold mm_users. See docs/verdicts.md.
 */
#ifndef MMCHECK_CALLGRAPH_H
#define MMCHECK_CALLGRAPH_H

#include <stddef.h>

#include "facts.h"

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
 * The ctx-* facts of the scan, indexed: the calls by callee ("->f" for
 * a call through a pointer member f), the entries by target, the static
 * functions by name, the locks and the quiescing calls apart.
 */
struct ctxfacts {
	const struct fact **items;
	size_t nr, alloc;
	struct named_list calls, entries, statics;
	struct ctxfacts *locks, *quiesces;
};

struct ctxfacts *ctx_index(const struct fact_store *fs);
void ctx_index_free(struct ctxfacts *cf);

/* [*lo, return) of l: the items named name. */
size_t named_range(const struct named_list *l, const char *name, size_t *lo);

/* The line of f's (a ctx-calls fact's) first call of callee, or 0. */
int call_line(const struct fact *f, const char *callee);

int ctx_is_kind(const struct fact *f, const char *kind);
int ctx_str_is(const char *a, const char *b);	/* both set and equal */
int ctx_in_list(const char *s, const char *const *list);
/* "&dev->cfg.work" -> "work": the field an expression ends with. */
const char *ctx_last_field(const char *e);
int ctx_is_static(const struct ctxfacts *cf, const char *file,
		  const char *fn);
/* Has the ctx-* facts of file: the round read it. */
int ctx_scanned(const struct ctxfacts *cf, const char *file);

/*
 * A context some code runs in: the entry fact that starts it, an owner
 * check that gates it (CG_OWNER), or a root (a function with no entry
 * and no caller found): a static one runs only through its file's
 * tables, any other can be called from outside. A walk cut short by its
 * depth is a root too, with cut set (CG_CUT).
 */
struct context {
	const struct fact *entry;	/* ctx-entry, or NULL */
	const struct fact *owner;	/* ctx-owner, or NULL */
	int outside;		/* a root that is not static */
	int cut;		/* the walk stopped here, callers left */
	char chain[256];		/* "a() <- b()" from the function up */
};

struct contexts {
	struct context *items;
	size_t nr, alloc;
};

/* Follow a function stored into a member to the calls through it. */
#define CG_POINTERS 1
/* Stop at a function that bails out unless X->mm is current->mm. */
#define CG_OWNER 2
/* Say where the walk stopped with callers left (a context with cut). */
#define CG_CUT 4

/*
 * Every context function fn of file runs in, walking the callers up to
 * depth levels (flags: CG_*), appended to cs.
 */
void contexts_of(const struct ctxfacts *cf, const char *file, const char *fn,
		 int depth, unsigned flags, struct contexts *cs);

/* Is e (a ctx-entry) a context of its own, not a table of the driver's? */
int ctx_is_entry(const struct fact *e);
/* "a work item (INIT_WORK(&h->work, fn) at FILE:LINE)"; to be freed */
char *entry_text(const struct fact *e);

#endif
