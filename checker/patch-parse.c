// SPDX-License-Identifier: GPL-2.0-only
/*
 * check-patch's readers of untrusted text, once git has cut the mails up:
 * mail headers, git mailinfo's header block, address lists, git apply's
 * numstat records and the paths they name; see patch-parse.h. Every scan
 * is bounded by the length it was given.
 */
#define _GNU_SOURCE
#include <ctype.h>
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

/* Where the line at p ends (its newline, or end). */
static const char *line_end(const char *p, const char *end)
{
	const char *nl = memchr(p, '\n', (size_t)(end - p));

	return nl ? nl : end;
}

static const char *next_line(const char *p, const char *end)
{
	p = line_end(p, end);
	return p < end ? p + 1 : end;
}

/*
 * Control characters (a NUL too) become spaces, so that a header value
 * stays one line, then the spaces around it go. NULL if nothing is left.
 */
static char *one_line(struct strbuf *sb)
{
	size_t start = 0;

	for (size_t i = 0; i < sb->len; i++)
		if ((unsigned char)sb->buf[i] < ' ' || sb->buf[i] == 0x7f)
			sb->buf[i] = ' ';
	strbuf_rtrim(sb);
	while (start < sb->len && sb->buf[start] == ' ')
		start++;
	if (start == sb->len) {
		strbuf_release(sb);
		return NULL;
	}
	memmove(sb->buf, sb->buf + start, sb->len - start);
	strbuf_setlen(sb, sb->len - start);
	return strbuf_detach(sb, NULL);
}

/*
 * The value of the first header called name from p on, its folded lines
 * joined, or NULL; *resume is where to look for the next one. Headers
 * end at the first empty line.
 */
static char *header_from(const char *p, const char *end, const char *name,
			 const char **resume)
{
	size_t n = strlen(name);

	while (p < end && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n')) {
		const char *eol = line_end(p, end);

		if ((size_t)(eol - p) > n && !strncasecmp(p, name, n) &&
		    p[n] == ':') {
			struct strbuf sb = STRBUF_INIT;

			strbuf_add(&sb, p + n + 1, (size_t)(eol - p - n - 1));
			for (p = next_line(p, end);
			     p < end && (*p == ' ' || *p == '\t');
			     p = next_line(p, end)) {
				strbuf_addch(&sb, ' ');
				strbuf_add(&sb, p, (size_t)(line_end(p, end) - p));
			}
			*resume = p;
			return one_line(&sb);
		}
		p = next_line(p, end);
	}
	*resume = end;
	return NULL;
}

static char *header(const char *p, size_t len, const char *name)
{
	const char *resume;

	return header_from(p, p + len, name, &resume);
}

/* The addresses of every header called name (To, Cc: there may be more). */
static void address_headers(const char *p, size_t len, const char *name,
			    struct strlist *out)
{
	const char *end = p + len;

	while (p < end) {
		char *v = header_from(p, end, name, &p);

		if (v)
			address_list_split(v, out);
		free(v);
	}
}

void mail_headers_parse(const char *mail, size_t len, struct patch_msg *m)
{
	free(m->raw_subject);
	free(m->from);
	free(m->msgid);
	m->raw_subject = header(mail, len, "Subject");
	m->from = header(mail, len, "From");
	m->msgid = header(mail, len, "Message-ID");
	address_headers(mail, len, "To", &m->cc);
	address_headers(mail, len, "Cc", &m->cc);
}

void mailinfo_parse(const char *info, size_t len, struct patch_msg *m)
{
	free(m->subject);
	m->subject = header(info, len, "Subject");
	if (!m->subject)
		m->subject = xstrdup("(no subject)");
}

/* 1 if a line of text (len bytes) starts with prefix. */
static int has_line(const char *text, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	char needle[32];

	if (len >= n && !memcmp(text, prefix, n))
		return 1;
	if (n + 1 >= sizeof(needle))
		return 0;
	needle[0] = '\n';
	memcpy(needle + 1, prefix, n);
	return memmem(text, len, needle, n + 1) != NULL;
}

int has_diff(const char *text, size_t len)
{
	return has_line(text, len, "diff --git ") ||
	       (has_line(text, len, "--- ") && has_line(text, len, "+++ "));
}

void address_list_split(const char *list, struct strlist *out)
{
	const char *start = list;
	int quoted = 0, angle = 0, comment = 0;

	for (const char *p = list;; p++) {
		if (*p == '\\' && quoted && p[1]) {
			p++;
			continue;
		}
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && *p == '<')
			angle++;
		else if (!quoted && *p == '>' && angle)
			angle--;
		else if (!quoted && *p == '(')
			comment++;
		else if (!quoted && *p == ')' && comment)
			comment--;
		if (*p && (*p != ',' || quoted || angle || comment))
			continue;
		{
			struct strbuf sb = STRBUF_INIT;
			char *a;

			strbuf_add(&sb, start, (size_t)(p - start));
			a = one_line(&sb);
			if (a)
				strlist_push_owned(out, a);
		}
		if (!*p)
			return;
		start = p + 1;
	}
}

char *address_mailbox(const char *addr)
{
	const char *lt = strrchr(addr, '<');
	const char *gt = lt ? strchr(lt, '>') : NULL;
	char *box = lt && gt ? xmemdupz(lt + 1, (size_t)(gt - lt - 1))
			     : xstrdup(addr);

	for (char *c = box; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return box;
}

void patch_msg_clear(struct patch_msg *m)
{
	free(m->text);
	free(m->subject);
	free(m->raw_subject);
	free(m->from);
	free(m->msgid);
	strlist_clear(&m->cc);
	memset(m, 0, sizeof(*m));
}

void patch_msgs_clear(struct patch_msgs *msgs)
{
	for (size_t i = 0; i < msgs->nr; i++)
		patch_msg_clear(&msgs->items[i]);
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
