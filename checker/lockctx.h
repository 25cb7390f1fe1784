/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The lock family's other party: in what context each other user of a
 * lock runs, and whether the free waits for it. Reads the ctx-* facts of
 * smpl/lockctx.cocci (a call graph walked up from the users, the code
 * started in other contexts, the quiescing calls, the allocations); see
 * docs/verdicts.md.
 */
#ifndef MMCHECK_LOCKCTX_H
#define MMCHECK_LOCKCTX_H

#include "facts.h"
#include "rules.h"
#include "site.h"

struct ctxfacts;	/* callgraph.h */

/* What the free is, for the judgement. */
struct lock_free {
	const char *file;
	const char *function;	/* the function that frees, or decides */
	int line;		/* the free (0: anywhere in the function) */
	const char *key;	/* "struct T ->lock" */
	int may_be_unpublished;	/* an unlock-free: its own allocation counts */
};

/*
 * Judge the free f against the other users: those that take the same
 * lock in another function (the ctx-lock facts). Appends evidence to u and
 * returns the confidence: dflt when some other user runs in a context the
 * free does not wait for (it is named), or when the scan has no context
 * facts for the free's file; CONF_LOW when every other user is quiesced
 * before the free, is the freed file's own operation, or has no context
 * that can run then, or when the object was never published.
 */
enum confidence lockctx_judge(const struct ctxfacts *cf,
			      const struct lock_free *f,
			      struct use_site *u, enum confidence dflt);

#endif
