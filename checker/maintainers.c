// SPDX-License-Identifier: GPL-2.0-only
/*
 * MAINTAINERS parser and matcher; see maintainers.h. F: and X: globs are
 * matched by a glob matcher of their own (get_maintainer.pl's regexes
 * without their backtracking), N: lines by PCRE2, which gives them the
 * Perl semantics they are written in.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <errno.h>
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "maintainers.h"
#include "readfile.h"
#include "strbuf.h"
#include "usage.h"

struct maint_pattern {
	char type;		/* 'F', 'X' or 'N' */
	char *text;		/* the glob ('/' added to a dir), N:'s regex */
	int depth;		/* F: specificity */
	int slashes;		/* '/' in the glob */
	int subtree;		/* ends in '/' */
	pcre2_code *code;	/* N: only */
};

static int count_slashes(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '/';
	return n;
}

static int is_dir(const char *root, const char *rel)
{
	char *p;
	struct stat st;
	int ok;

	if (!root)
		return 0;
	p = xstrfmt("%s/%s", root, rel);
	ok = !stat(p, &st) && S_ISDIR(st.st_mode);
	free(p);
	return ok;
}

/*
 * F: and X: globs. get_maintainer.pl turns one into a Perl regex ('*' to
 * '.*', '?' to '.', '.' to '\.'), anchors it at the start only and lets
 * Perl backtrack: "*" repeated a hundred times then takes seconds a path.
 * This matcher has the same meaning without a regex: '*' matches any run
 * of characters, '/' included; '?' any one; "[...]" one of a class
 * ("[^...]" none of it, "a-z" a range); '\' makes the next character
 * literal; anything else matches itself. A path matches when a prefix of
 * it matches the whole glob.
 */

/* The end of the class that starts at p ('['), or NULL if it never ends. */
static const char *class_end(const char *p)
{
	p++;
	if (*p == '^')
		p++;
	if (*p == ']')		/* a ']' first is a member */
		p++;
	for (; *p && *p != ']'; p++)
		if (*p == '\\' && p[1])
			p++;
	return *p ? p : NULL;
}

static int class_matches(const char *p, const char *end, unsigned char c)
{
	int negated = 0, in = 0;

	p++;
	if (*p == '^') {
		negated = 1;
		p++;
	}
	while (p < end) {
		unsigned char lo, hi;

		if (*p == '\\' && p + 1 < end)
			p++;
		lo = hi = (unsigned char)*p++;
		if (*p == '-' && p + 1 < end) {
			p++;
			if (*p == '\\' && p + 1 < end)
				p++;
			hi = (unsigned char)*p++;
		}
		in |= lo <= c && c <= hi;
	}
	return in != negated;
}

/* Does the one-character token at p match c? *next is the token after. */
static int token_matches(const char *p, unsigned char c, const char **next)
{
	const char *end;

	if (*p == '?') {
		*next = p + 1;
		return 1;
	}
	if (*p == '[') {
		end = class_end(p);
		*next = end + 1;
		return class_matches(p, end, c);
	}
	if (*p == '\\' && p[1]) {
		*next = p + 2;
		return (unsigned char)p[1] == c;
	}
	*next = p + 1;
	return (unsigned char)*p == c;
}

/*
 * The classic two-pointer match: on a mismatch, only the last '*' seen
 * takes one more character and the rest is tried again from there.
 * Earlier stars never need to move (whatever they could absorb the last
 * one can too), so the cost is at most the glob's length times the
 * path's, however many stars there are.
 */
static int glob_matches(const char *glob, const char *s)
{
	const char *star = NULL, *star_s = NULL, *next;

	for (;;) {
		if (*glob == '*') {
			while (*glob == '*')
				glob++;
			star = glob;
			star_s = s;
			continue;
		}
		if (!*glob)
			return 1;	/* "^glob", no "$": a prefix will do */
		if (*s && token_matches(glob, (unsigned char)*s, &next)) {
			glob = next;
			s++;
			continue;
		}
		if (!star || !*star_s)
			return 0;
		glob = star;
		s = ++star_s;
	}
}

/* 0 if glob can be matched: each class ends. */
static int glob_check(const char *glob)
{
	for (const char *p = glob; *p; p++) {
		if (*p == '\\' && p[1])
			p++;
		else if (*p == '[' && !(p = class_end(p)))
			return -1;
	}
	return 0;
}

static char *glob_of(const char *value, const char *root)
{
	size_t n = strlen(value);

	if (n && value[n - 1] != '/' && is_dir(root, value))
		return xstrfmt("%s/", value);
	return xstrdup(value);
}

/*
 * N: is a Perl regex, and PCRE2 gives it that meaning. A hostile one can
 * still backtrack for ever: a lookup that takes this many steps is no
 * match.
 */
#define N_MATCH_LIMIT 100000

static pcre2_match_context *match_context(void)
{
	static pcre2_match_context *mc;

	if (!mc) {
		mc = pcre2_match_context_create(NULL);
		if (!mc)
			die("out of memory");
		pcre2_set_match_limit(mc, N_MATCH_LIMIT);
	}
	return mc;
}

static int add_pattern(struct maintainers *m, struct maint_entry *e,
		       char type, const char *value, const char *root)
{
	struct maint_pattern *p;
	int ok;

	ALLOC_GROW(e->pats, e->npats + 1, e->apats);
	p = &e->pats[e->npats];
	memset(p, 0, sizeof(*p));
	p->type = type;
	if (type == 'N') {
		int err;
		PCRE2_SIZE off;

		p->text = xstrdup(value);
		p->code = pcre2_compile((PCRE2_SPTR)value, PCRE2_ZERO_TERMINATED,
					PCRE2_EXTENDED, &err, &off, NULL);
		ok = p->code != NULL;
	} else {
		size_t n;

		p->text = glob_of(value, root);
		n = strlen(p->text);
		p->slashes = count_slashes(p->text);
		p->subtree = n && p->text[n - 1] == '/';
		p->depth = p->slashes + !p->subtree;
		if (p->text[0] == '*')
			p->depth = -1;
		ok = !glob_check(p->text);
	}
	if (!ok) {
		m->bad_regex++;
		free(p->text);
		return -1;
	}
	e->npats++;
	return 0;
}

static int pattern_matches(const struct maint_pattern *p, const char *path,
			   pcre2_match_data *md)
{
	if (p->type == 'N')
		return pcre2_match(p->code, (PCRE2_SPTR)path,
				   PCRE2_ZERO_TERMINATED, 0, 0, md,
				   match_context()) >= 0;
	if (!glob_matches(p->text, path))
		return 0;
	/* a file pattern only covers files at its own depth */
	return p->subtree || count_slashes(path) == p->slashes;
}

static struct maint_entry *new_entry(struct maintainers *m, const char *name)
{
	struct maint_entry *e;

	ALLOC_GROW(m->entries, m->nr + 1, m->alloc);
	e = &m->entries[m->nr];
	memset(e, 0, sizeof(*e));
	e->name = xstrdup(name);
	e->order = (int)m->nr;
	m->nr++;
	return e;
}

static void entry_clear(struct maint_entry *e)
{
	free(e->name);
	free(e->status);
	strlist_clear(&e->maintainers);
	strlist_clear(&e->reviewers);
	strlist_clear(&e->lists);
	for (size_t i = 0; i < e->npats; i++) {
		free(e->pats[i].text);
		pcre2_code_free(e->pats[i].code);
	}
	free(e->pats);
}

static int is_tag_line(const char *l)
{
	return l[0] >= 'A' && l[0] <= 'Z' && l[1] == ':' &&
	       (l[2] == ' ' || l[2] == '\t' || l[2] == '\0');
}

int maintainers_parse(struct maintainers *m, const char *buf,
		      const char *root)
{
	char *copy = xstrdup(buf), *save = NULL, *line;
	struct maint_entry *cur = NULL;
	char *pending = NULL;	/* a name line not yet followed by tags */

	/*
	 * Tags bind to the non-tag line right above them; a blank line or a
	 * new name line ends the entry. Preamble text has no tags and so
	 * makes no entry.
	 */

	for (line = strtok_r(copy, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);

		while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' ||
			     line[n - 1] == '\r'))
			line[--n] = '\0';
		if (!n)
			continue;
		if (!is_tag_line(line)) {
			/* a section is the name line right above its tags */
			free(pending);
			pending = xstrdup(line);
			cur = NULL;
			continue;
		}
		if (!cur) {
			if (!pending)
				continue;
			cur = new_entry(m, pending);
			free(pending);
			pending = NULL;
		}
		{
			char type = line[0];
			const char *v = line + 2;

			v += strspn(v, " \t");
			switch (type) {
			case 'M':
				strlist_push(&cur->maintainers, v);
				break;
			case 'R':
				strlist_push(&cur->reviewers, v);
				break;
			case 'L':
				strlist_push(&cur->lists, v);
				break;
			case 'S':
				free(cur->status);
				cur->status = xstrdup(v);
				break;
			case 'F':
			case 'X':
			case 'N':
				add_pattern(m, cur, type, v, root);
				break;
			default:
				break;
			}
		}
	}
	free(pending);
	free(copy);
	return 0;
}

int maintainers_load(struct maintainers *m, const char *root)
{
	char *path = xstrfmt("%s/MAINTAINERS", root);
	struct strbuf sb = STRBUF_INIT;
	int ret;

	memset(m, 0, sizeof(*m));
	/* a FIFO or a link is no map: the tree has none (after a warning) */
	ret = read_regular_file(&sb, path, READ_NOFOLLOW);
	if (ret == READ_SKIPPED ||
	    (ret == READ_ERROR && (errno == ENOENT || errno == ENOTDIR)))
		ret = 1;
	else if (ret == READ_ERROR)
		ret = error_errno("cannot read '%s'", path);
	else
		ret = maintainers_parse(m, sb.buf, root);
	strbuf_release(&sb);
	free(path);
	return ret;
}

int maintainers_entry_score(const struct maint_entry *e, const char *path,
			    int *score)
{
	pcre2_match_data *md = pcre2_match_data_create(4, NULL);
	int matched = 0;

	for (size_t k = 0; k < e->npats; k++)
		if (e->pats[k].type == 'X' &&
		    pattern_matches(&e->pats[k], path, md))
			goto out;
	/*
	 * As in get_maintainer.pl, the entry's depth is that of its last
	 * matching F: or N: line, not the deepest one.
	 */
	for (size_t k = 0; k < e->npats; k++) {
		const struct maint_pattern *p = &e->pats[k];

		if (p->type == 'X' || !pattern_matches(p, path, md))
			continue;
		*score = p->type == 'N' ? 0 : p->depth;
		matched = 1;
	}
out:
	pcre2_match_data_free(md);
	return matched;
}

const struct maint_entry *maintainers_match(const struct maintainers *m,
					    const char *path)
{
	const struct maint_entry *best = NULL;
	int best_score = 0, score;

	for (size_t i = 0; i < m->nr; i++)
		if (maintainers_entry_score(&m->entries[i], path, &score) &&
		    (!best || score > best_score)) {
			best = &m->entries[i];
			best_score = score;
		}
	return best;
}

void maintainers_clear(struct maintainers *m)
{
	for (size_t i = 0; i < m->nr; i++)
		entry_clear(&m->entries[i]);
	free(m->entries);
	memset(m, 0, sizeof(*m));
}
