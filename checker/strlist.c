// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arrays of strings; see strlist.h.
 */
#include <stdlib.h>
#include <string.h>

#include "strlist.h"
#include "usage.h"

void strlist_push_owned(struct strlist *l, char *s)
{
	ALLOC_GROW(l->items, l->nr + 1, l->alloc);
	l->items[l->nr++] = s;
}

void strlist_push(struct strlist *l, const char *s)
{
	strlist_push_owned(l, xstrdup(s));
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void strlist_sort(struct strlist *l)
{
	if (l->nr)
		qsort(l->items, l->nr, sizeof(*l->items), cmp_str);
}

int strlist_has_sorted(const struct strlist *l, const char *s)
{
	return l->nr && bsearch(&s, l->items, l->nr, sizeof(*l->items),
				cmp_str) != NULL;
}

int strlist_has(const struct strlist *l, const char *s)
{
	for (size_t i = 0; i < l->nr; i++)
		if (!strcmp(l->items[i], s))
			return 1;
	return 0;
}

void strlist_clear(struct strlist *l)
{
	for (size_t i = 0; i < l->nr; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->nr = l->alloc = 0;
}
