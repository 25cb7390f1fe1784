/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A growable array of owned strings, with sorting and lookup.
 */
#ifndef MMCHECK_STRLIST_H
#define MMCHECK_STRLIST_H

#include <stddef.h>

struct strlist {
	char **items;
	size_t nr, alloc;
};

#define STRLIST_INIT { NULL, 0, 0 }

void strlist_push(struct strlist *l, const char *s);
void strlist_push_owned(struct strlist *l, char *s);
void strlist_sort(struct strlist *l);
/* After strlist_sort(): 1 if s is in the list. */
int strlist_has_sorted(const struct strlist *l, const char *s);
/* In a sorted list: add s where it sorts unless it is there already. */
void strlist_insert_sorted(struct strlist *l, const char *s);
/* In a sorted list: remove s if it is there. */
void strlist_remove_sorted(struct strlist *l, const char *s);
/* 1 if s is in the list (linear: for short lists). */
int strlist_has(const struct strlist *l, const char *s);
void strlist_clear(struct strlist *l);

#endif
