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

/* Where s is, or would sort, in a sorted list. */
static size_t sorted_pos(const struct strlist *l, const char *s, int *found)
{
	size_t lo = 0, hi = l->nr;

	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(l->items[mid], s);

		if (!c) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void strlist_insert_sorted(struct strlist *l, const char *s)
{
	int found;
	size_t i = sorted_pos(l, s, &found);

	if (found)
		return;
	ALLOC_GROW(l->items, l->nr + 1, l->alloc);
	memmove(l->items + i + 1, l->items + i, (l->nr - i) * sizeof(*l->items));
	l->items[i] = xstrdup(s);
	l->nr++;
}

void strlist_remove_sorted(struct strlist *l, const char *s)
{
	int found;
	size_t i = sorted_pos(l, s, &found);

	if (!found)
		return;
	free(l->items[i]);
	memmove(l->items + i, l->items + i + 1,
		(l->nr - i - 1) * sizeof(*l->items));
	l->nr--;
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
