/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The picks of the call-graph rounds' walk steps: which files of the
 * walked directories a step reads, by the functions their code refers to
 * (the walk index) or by a token set, cached per tree state.
 */
#ifndef MMCHECK_WALK_PICK_H
#define MMCHECK_WALK_PICK_H

#include "facts.h"
#include "prefilter.h"
#include "scan-state.h"
#include "strlist.h"

/* Add file's directory ("a/b/" for "a/b/c.c") to dirs, once. */
void walk_push_dir(struct strlist *dirs, const char *file);
/* Is file a direct child of one of dirs? */
int walk_in_dirs(const struct strlist *dirs, const char *file);

/* head, then one of alts, then tail: "head(?:a|b)tail". */
struct regex *walk_alternation_regex(const char *head,
				     const struct strlist *alts,
				     const char *tail);
/* One of names referred to in code (what the walk index answers). */
struct regex *walk_function_regex(const struct strlist *names);

/* Mark in hit the files of dirs that set matches. */
void walk_pick_in_dirs(struct scan_state *st, const struct strlist *files,
		       const struct strlist *dirs,
		       const struct token_set *set, char *hit);
/*
 * Mark in hit the files of dirs whose code refers to one of fns or calls
 * through one of members (either may be NULL).
 */
void walk_pick_refs(struct scan_state *st, const struct strlist *files,
		    const struct strlist *dirs, const struct strlist *fns,
		    const struct strlist *members, char *hit);

#endif
