/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The call-graph walks' file index: for each file a walk step looks at,
 * the identifiers its code refers to, read once a scan. A step asks
 * whether a file refers to one of a hundred function names, or calls
 * through one of some members; a regex or a memmem() per name over every
 * file of the walked directories at every step was most of a warm
 * re-scan's time.
 *
 * "Refers to" is lexical: an identifier outside comments and string or
 * character literals, not right after "->" or "." (x->brk names a field,
 * not SYSCALL_DEFINE1(brk)). A member call is an identifier right after
 * "->" or "." and followed by "(".
 */
#ifndef MMCHECK_WALK_INDEX_H
#define MMCHECK_WALK_INDEX_H

#include <stddef.h>

#include "strlist.h"

/* Distinct spans of a text, in a hash table. */
struct span_set {
	const char **at;	/* NULL: free */
	size_t *len;
	size_t nr, size;	/* size: a power of two */
};

struct file_refs {
	char *text;			/* the spans point into it */
	struct span_set refs;
	struct span_set member_calls;
};

struct walk_index;

struct walk_index *walk_index_new(size_t nfiles);
void walk_index_free(struct walk_index *wi);

/*
 * The references of file i (of the scan's file list), read from path the
 * first time. NULL if it cannot be read.
 */
const struct file_refs *walk_index_get(struct walk_index *wi, size_t i,
				       const char *path);

/*
 * Index text (NUL-terminated, len bytes), which fr takes over; for the
 * unit tests too. file_refs_clear() frees it.
 */
void file_refs_build(struct file_refs *fr, char *text, size_t len);
void file_refs_clear(struct file_refs *fr);

/* Does set hold one of names? */
int file_refs_any(const struct span_set *set, const struct strlist *names);

#endif
