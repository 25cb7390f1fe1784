/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The prefilter stage: a fast, parallel token scan that picks the files
 * worth handing to spatch. A file is a candidate for a semantic patch when
 * it holds one of the patch's keywords as a whole identifier.
 */
#ifndef MMCHECK_PREFILTER_H
#define MMCHECK_PREFILTER_H

#include <stdint.h>

#include "strlist.h"

#define PREFILTER_MAX_SETS 32

struct regex;

struct token_set {
	const struct strlist *tokens;	/* identifiers, any one suffices */
	const struct strlist *also;	/* if set, one of these too */
	const struct regex *regex;	/* if set, the text must match it */
};

/*
 * A PCRE2 pattern that a file's text must match as well, for semantic
 * patches whose keywords alone would pick thousands of files. NULL after
 * an error message.
 */
struct regex *regex_compile(const char *pattern);
void regex_free(struct regex *re);
/* 1 if buf[0..len) matches; safe to call from several threads. */
int regex_matches(const struct regex *re, const char *buf, size_t len);
const char *regex_pattern(const struct regex *re);

/*
 * For each file in files (relative to root), set bit k of masks[i] when
 * the file holds a token of sets[k]. Unreadable files get no bits and are
 * counted in *unreadable, and marked in bad[i] unless bad is NULL. Runs
 * on nthreads threads.
 */
int prefilter_run(const char *root, const struct strlist *files,
		  const struct token_set *sets, int nsets, int nthreads,
		  uint32_t *masks, size_t *unreadable, char *bad);

/* 1 if buf[0..len) holds a token of set (and one of set->also, and
 * matches set->regex). */
int token_set_matches(const char *buf, size_t len,
		      const struct token_set *set);

/* 1 if buf[0..len) holds tok as a whole identifier. */
int has_identifier(const char *buf, size_t len, const char *tok);

#endif
