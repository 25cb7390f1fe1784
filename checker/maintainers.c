// SPDX-License-Identifier: GPL-2.0-only
/*
 * MAINTAINERS parser and matcher; see maintainers.h. Patterns are compiled
 * with PCRE2, which gives N: lines the Perl semantics they are written in.
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
	char *regex;		/* as get_maintainer.pl rewrites it */
	int depth;		/* F: specificity */
	int slashes;		/* '/' in the pattern */
	int subtree;		/* ends in '/' */
	pcre2_code *code;
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

/* F:/X: glob to the regex get_maintainer.pl makes of it. */
static char *glob_to_regex(const char *glob, const char *root)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(glob);

	for (const char *p = glob; *p; p++) {
		if (*p == '.')
			strbuf_addstr(&sb, "\\.");
		else if (*p == '*')
			strbuf_addstr(&sb, ".*");
		else if (*p == '?')
			strbuf_addch(&sb, '.');
		else
			strbuf_addch(&sb, *p);
	}
	if (n && glob[n - 1] != '/' && is_dir(root, glob))
		strbuf_addch(&sb, '/');
	return strbuf_detach(&sb, NULL);
}

static pcre2_code *compile(const char *re, uint32_t opts)
{
	int err;
	PCRE2_SIZE off;

	return pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED, opts,
			     &err, &off, NULL);
}

static int add_pattern(struct maintainers *m, struct maint_entry *e,
		       char type, const char *value, const char *root)
{
	struct maint_pattern *p;
	char *anchored;

	ALLOC_GROW(e->pats, e->npats + 1, e->apats);
	p = &e->pats[e->npats];
	memset(p, 0, sizeof(*p));
	p->type = type;
	if (type == 'N') {
		p->regex = xstrdup(value);
		p->code = compile(value, PCRE2_EXTENDED);
	} else {
		size_t n;

		p->regex = glob_to_regex(value, root);
		n = strlen(p->regex);
		p->slashes = count_slashes(p->regex);
		p->subtree = n && p->regex[n - 1] == '/';
		p->depth = p->slashes + !p->subtree;
		if (!strncmp(p->regex, ".*", 2))
			p->depth = -1;
		anchored = xstrfmt("^(?:%s)", p->regex);
		p->code = compile(anchored, 0);
		free(anchored);
	}
	if (!p->code) {
		m->bad_regex++;
		free(p->regex);
		return -1;
	}
	e->npats++;
	return 0;
}

static int pattern_matches(const struct maint_pattern *p, const char *path,
			   pcre2_match_data *md)
{
	int rc = pcre2_match(p->code, (PCRE2_SPTR)path, PCRE2_ZERO_TERMINATED,
			     0, 0, md, NULL);

	if (rc < 0)
		return 0;
	if (p->type == 'N' || p->subtree)
		return 1;
	/* a file pattern only covers files at its own depth */
	return count_slashes(path) == p->slashes;
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
		free(e->pats[i].regex);
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
