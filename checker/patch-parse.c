// SPDX-License-Identifier: GPL-2.0-only
/*
 * check-patch's readers of untrusted text: mbox splitting, mail headers,
 * git apply's numstat records and the paths they name; see patch-parse.h.
 * Every scan is bounded by the length it was given.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "patch-parse.h"
#include "strbuf.h"
#include "usage.h"

static char *xmemdupz(const char *p, size_t n)
{
	char *s = xmalloc(n + 1);

	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

static void push_msg(struct patch_msgs *out, const char *p, size_t n)
{
	ALLOC_GROW(out->items, out->nr + 1, out->alloc);
	memset(&out->items[out->nr], 0, sizeof(out->items[0]));
	out->items[out->nr++].text = xmemdupz(p, n);
}

/*
 * An mbox's "From " line ends in the year of its date ("From 8f2999f Mon
 * Sep 17 00:00:00 2001"); a "From " that starts a line of a commit
 * message usually does not.
 */
static int is_from_line(const char *p, const char *end)
{
	const char *eol = memchr(p, '\n', (size_t)(end - p));
	size_t len = eol ? (size_t)(eol - p) : (size_t)(end - p);

	return len >= 8 && !memcmp(p, "From ", 5) &&
	       p[len - 1] >= '0' && p[len - 1] <= '9' &&
	       memchr(p + 5, ' ', len - 5);
}

/* The next mbox "From " line after p, or NULL. */
static const char *next_from_line(const char *p, const char *end)
{
	for (;;) {
		const char *nl = memmem(p, (size_t)(end - p), "\nFrom ", 6);

		if (!nl)
			return NULL;
		if (is_from_line(nl + 1, end))
			return nl + 1;
		p = nl + 1;
	}
}

int mbox_split(const char *buf, size_t len, struct patch_msgs *out)
{
	const char *end = buf + len, *start = buf;

	if (!len)
		return 0;
	if (memchr(buf, '\0', len))
		return -1;
	if (len < 5 || memcmp(buf, "From ", 5)) {
		push_msg(out, buf, len);
		return 0;
	}
	for (;;) {
		const char *next = next_from_line(start, end);

		if (!next) {
			push_msg(out, start, (size_t)(end - start));
			return 0;
		}
		push_msg(out, start, (size_t)(next - start));
		start = next;
	}
}

/* Control characters become spaces: a header value stays one line. */
static void flatten(struct strbuf *sb)
{
	strbuf_rtrim(sb);
	for (size_t i = 0; i < sb->len; i++)
		if ((unsigned char)sb->buf[i] < ' ' || sb->buf[i] == 0x7f)
			sb->buf[i] = ' ';
}

/* The value of header name, with its folded lines joined, or NULL. */
static char *header(const char *text, const char *name)
{
	size_t n = strlen(name);
	const char *p = text;

	/* headers end at the first empty line */
	while (*p && *p != '\n') {
		if (!strncasecmp(p, name, n) && p[n] == ':') {
			const char *v = p + n + 1;
			struct strbuf sb = STRBUF_INIT;

			v += strspn(v, " \t");
			strbuf_add(&sb, v, strcspn(v, "\n"));
			/* folded continuation lines */
			for (p = strchr(v, '\n'); p && (p[1] == ' ' || p[1] == '\t');
			     p = strchr(p + 1, '\n')) {
				const char *c = p + 1 + strspn(p + 1, " \t");

				strbuf_addch(&sb, ' ');
				strbuf_add(&sb, c, strcspn(c, "\n"));
			}
			flatten(&sb);
			return strbuf_detach(&sb, NULL);
		}
		p = strchr(p, '\n');
		if (!p)
			break;
		p++;
	}
	return NULL;
}

static int has_diff(const char *text)
{
	return strstr(text, "\ndiff --git ") || !strncmp(text, "diff --git ", 11) ||
	       (strstr(text, "\n--- ") && strstr(text, "\n+++ ")) ||
	       (!strncmp(text, "--- ", 4) && strstr(text, "\n+++ "));
}

int patch_msg_parse(struct patch_msg *m)
{
	if (!has_diff(m->text))
		return -1;
	m->subject = header(m->text, "Subject");
	if (!m->subject)
		m->subject = xstrdup("(no subject)");
	m->from = header(m->text, "From");
	m->msgid = header(m->text, "Message-ID");
	return 0;
}

void patch_msgs_clear(struct patch_msgs *msgs)
{
	for (size_t i = 0; i < msgs->nr; i++) {
		free(msgs->items[i].text);
		free(msgs->items[i].subject);
		free(msgs->items[i].from);
		free(msgs->items[i].msgid);
	}
	free(msgs->items);
	memset(msgs, 0, sizeof(*msgs));
}

/* A count and its tab: decimal digits, or "-" for a binary file. */
static const char *skip_count(const char *p, const char *end)
{
	const char *q = p;

	if (q < end && *q == '-')
		q++;
	else
		while (q < end && *q >= '0' && *q <= '9')
			q++;
	if (q == p || q == end || *q != '\t')
		return NULL;
	return q + 1;
}

/* A non-empty NUL-terminated path at p into *path; what follows its NUL. */
static const char *take_path(const char *p, const char *end, char **path)
{
	const char *nul = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;

	if (!nul || nul == p)
		return NULL;
	*path = xmemdupz(p, (size_t)(nul - p));
	return nul + 1;
}

int numstat_parse(const char *buf, size_t len, struct numstat *out)
{
	const char *p = buf, *end = buf + len;

	while (p < end) {
		struct numstat_entry e = { NULL, NULL };

		p = skip_count(p, end);
		if (p)
			p = skip_count(p, end);
		if (p && p < end && !*p) {
			/* a rename or a copy: an empty path, then both */
			p = take_path(p + 1, end, &e.old_path);
			if (p)
				p = take_path(p, end, &e.path);
		} else if (p) {
			p = take_path(p, end, &e.path);
		}
		if (!p) {
			free(e.old_path);
			free(e.path);
			return -1;
		}
		ALLOC_GROW(out->items, out->nr + 1, out->alloc);
		out->items[out->nr++] = e;
	}
	return 0;
}

void numstat_clear(struct numstat *ns)
{
	for (size_t i = 0; i < ns->nr; i++) {
		free(ns->items[i].path);
		free(ns->items[i].old_path);
	}
	free(ns->items);
	memset(ns, 0, sizeof(*ns));
}

int patch_path_ok(const char *path)
{
	const char *c = path;

	if (!*path || *path == '/')
		return 0;
	for (;;) {
		size_t n = strcspn(c, "/");

		if (n == 2 && c[0] == '.' && c[1] == '.')
			return 0;
		if (!c[n])
			return 1;
		c += n + 1;
	}
}
