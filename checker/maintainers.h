/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The subsystem map: a kernel MAINTAINERS file, matched the way the
 * kernel's scripts/get_maintainer.pl matches it.
 *
 * F: and X: are globs ('*', '?', "[...]"), anchored at the start of the
 * path; '*' crosses '/', as get_maintainer.pl's ".*" does, and a lookup
 * costs at most the glob's length times the path's.
 * A pattern ending in '/' (or naming a directory of the tree) covers the
 * whole subtree; any other pattern only files at its own depth. An X:
 * match excludes the entry. N: is a Perl regex (extended syntax) matched
 * anywhere in the path. Of the entries that match, the most specific
 * wins. An entry's depth is, as get_maintainer.pl computes it, that of its
 * last matching line: an F: pattern counts its '/'s (one more unless it
 * ends in '/'), a pattern starting with a wildcard -1, an N: match 0.
 * Ties go to the entry listed first (get_maintainer.pl leaves them to
 * Perl's hash order).
 */
#ifndef MMCHECK_MAINTAINERS_H
#define MMCHECK_MAINTAINERS_H

#include "strlist.h"

struct maint_entry {
	char *name;
	char *status;			/* S:, or NULL */
	struct strlist maintainers;	/* M: */
	struct strlist reviewers;	/* R: */
	struct strlist lists;		/* L: */
	struct maint_pattern *pats;
	size_t npats, apats;
	int order;			/* position in the file */
};

struct maintainers {
	struct maint_entry *entries;
	size_t nr, alloc;
	size_t bad_regex;		/* N:/F: patterns that did not compile */
};

/*
 * Load root/MAINTAINERS. Returns 0, 1 when the file does not exist or is
 * not a regular file (an empty map; for the latter after a warning), or
 * -1 after an error message.
 */
int maintainers_load(struct maintainers *m, const char *root);

/* Load from a buffer; root is used to tell directories in F: (may be NULL). */
int maintainers_parse(struct maintainers *m, const char *buf,
		      const char *root);

/* The most specific entry for a path relative to the tree, or NULL. */
const struct maint_entry *maintainers_match(const struct maintainers *m,
					    const char *path);

/* 1 and the entry's depth in *score if e covers path, else 0. */
int maintainers_entry_score(const struct maint_entry *e, const char *path,
			    int *score);

void maintainers_clear(struct maintainers *m);

#endif
