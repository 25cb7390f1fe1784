// SPDX-License-Identifier: GPL-2.0-only
/*
 * The call-graph walks' file index; see walk-index.h.
 */
#define _GNU_SOURCE

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "usage.h"
#include "walk-index.h"

static void span_set_release(struct span_set *set);

struct walk_index {
	struct file_refs **files;	/* NULL until read */
	char *bad;			/* 1: could not be read */
	size_t nr;
};

struct walk_index *walk_index_new(size_t nfiles)
{
	struct walk_index *wi = xcalloc(1, sizeof(*wi));

	wi->nr = nfiles;
	wi->files = xcalloc(nfiles ? nfiles : 1, sizeof(*wi->files));
	wi->bad = xcalloc(nfiles ? nfiles : 1, 1);
	return wi;
}

void file_refs_clear(struct file_refs *fr)
{
	span_set_release(&fr->refs);
	span_set_release(&fr->member_calls);
	free(fr->text);
	fr->text = NULL;
}

void walk_index_free(struct walk_index *wi)
{
	if (!wi)
		return;
	for (size_t i = 0; i < wi->nr; i++)
		if (wi->files[i]) {
			file_refs_clear(wi->files[i]);
			free(wi->files[i]);
		}
	free(wi->files);
	free(wi->bad);
	free(wi);
}

static int ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int ident_char(char c)
{
	return ident_start(c) || (c >= '0' && c <= '9');
}

/* Past the literal that starts at p (a quote), or at the line's end. */
static const char *skip_literal(const char *p, const char *end)
{
	char q = *p++;

	while (p < end && *p != q && *p != '\n')
		p += *p == '\\' && p + 1 < end ? 2 : 1;
	return p < end && *p == q ? p + 1 : p;
}

/*
 * The distinct identifiers of a text, in a hash table of spans of it: a
 * kernel file has tens of thousands of identifier tokens but a few
 * thousand distinct ones, and a string each would be most of the cost.
 */
static size_t span_hash(const char *s, size_t n)
{
	size_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void span_add(struct span_set *set, const char *s, size_t n);

static void span_grow(struct span_set *set)
{
	struct span_set old = *set;

	set->size = old.size ? old.size * 2 : 1024;
	set->nr = 0;
	set->at = xcalloc(set->size, sizeof(*set->at));
	set->len = xcalloc(set->size, sizeof(*set->len));
	for (size_t i = 0; i < old.size; i++)
		if (old.at[i])
			span_add(set, old.at[i], old.len[i]);
	free(old.at);
	free(old.len);
}

static void span_add(struct span_set *set, const char *s, size_t n)
{
	size_t i;

	if (2 * (set->nr + 1) > set->size)
		span_grow(set);
	for (i = span_hash(s, n) & (set->size - 1); set->at[i];
	     i = (i + 1) & (set->size - 1))
		if (set->len[i] == n && !memcmp(set->at[i], s, n))
			return;
	set->at[i] = s;
	set->len[i] = n;
	set->nr++;
}

static int span_has(const struct span_set *set, const char *s, size_t n)
{
	if (!set->size)
		return 0;
	for (size_t i = span_hash(s, n) & (set->size - 1); set->at[i];
	     i = (i + 1) & (set->size - 1))
		if (set->len[i] == n && !memcmp(set->at[i], s, n))
			return 1;
	return 0;
}

static void span_set_release(struct span_set *set)
{
	free(set->at);
	free(set->len);
	memset(set, 0, sizeof(*set));
}

void file_refs_build(struct file_refs *fr, char *text, size_t len)
{
	const char *buf = text, *p = buf, *end = buf + len;
	int member = 0;	/* the last token was -> or . */

	memset(fr, 0, sizeof(*fr));
	fr->text = text;
	while (p < end) {
		const char *s = p;

		if (*p == '/' && p + 1 < end && p[1] == '*') {
			const char *e = memmem(p + 2, (size_t)(end - p - 2),
					       "*/", 2);

			p = e ? e + 2 : end;
		} else if (*p == '/' && p + 1 < end && p[1] == '/') {
			const char *e = memchr(p, '\n', (size_t)(end - p));

			p = e ? e : end;
		} else if (*p == '"' || *p == '\'') {
			p = skip_literal(p, end);
			member = 0;
		} else if (*p == '-' && p + 1 < end && p[1] == '>') {
			p += 2;
			member = 1;
		} else if (*p == '.' && !(p + 1 < end && p[1] == '.')) {
			p++;
			member = 1;
		} else if (ident_start(*p) &&
			   (p == buf || !ident_char(p[-1]))) {
			const char *n;

			while (p < end && ident_char(*p))
				p++;
			for (n = p; n < end && (*n == ' ' || *n == '\t' ||
						*n == '\n'); n++)
				;
			if (!member)
				span_add(&fr->refs, s, (size_t)(p - s));
			else if (n < end && *n == '(')
				span_add(&fr->member_calls, s, (size_t)(p - s));
			member = 0;
		} else {
			if (*p != ' ' && *p != '\t' && *p != '\n')
				member = 0;
			p++;
		}
	}
}

const struct file_refs *walk_index_get(struct walk_index *wi, size_t i,
				       const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len;

	if (i >= wi->nr || wi->bad[i])
		return NULL;
	if (wi->files[i])
		return wi->files[i];
	if (strbuf_read_file(&sb, path) < 0) {
		wi->bad[i] = 1;
		strbuf_release(&sb);
		return NULL;
	}
	wi->files[i] = xmalloc(sizeof(*wi->files[i]));
	len = sb.len;
	file_refs_build(wi->files[i], strbuf_detach(&sb, NULL), len);
	return wi->files[i];
}

int file_refs_any(const struct span_set *set, const struct strlist *names)
{
	for (size_t i = 0; i < names->nr; i++)
		if (span_has(set, names->items[i], strlen(names->items[i])))
			return 1;
	return 0;
}
