// SPDX-License-Identifier: GPL-2.0-only
/*
 * The mails of a fix series, in the kernel's conventions: git
 * format-patch, a cover letter only when there are two patches or more,
 * To: the maintainers and Cc: the reviewers and lists that the tree's
 * scripts/get_maintainer.pl names for each patch (the MAINTAINERS entry
 * when the tree has no such script), a Fixes: tag only from git blame of
 * the line that brought the use in, and each mail checked with the
 * tree's scripts/checkpatch.pl --strict; the only complaint allowed is
 * the missing Signed-off-by, which the user adds.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec.h"
#include "fix.h"
#include "readfile.h"
#include "scan.h"
#include "usage.h"

/* 1 if sha has no parent: a root or an import, never a Fixes: target. */
static int is_root_commit(const char *tree, const char *sha)
{
	const char *args[] = { "rev-list", "--parents", "-n", "1", sha, NULL };
	struct strbuf out = STRBUF_INIT;
	int root = 1;

	if (!run_git(tree, args, &out, NULL))
		root = !strchr(out.buf, ' ');
	strbuf_release(&out);
	return root;
}

char *fix_fixes_line(const struct fix_state *st, const struct fact *f)
{
	struct strbuf out = STRBUF_INIT;
	char *range = xstrfmt("%d,%d", f->line, f->line), *res = NULL;
	const char *blame[] = { "blame", "--porcelain", "-L", range, "--",
				f->file, NULL };

	if (st->is_git && !run_git(st->tree, blame, &out, NULL) &&
	    out.len >= 40) {
		char *sha = xstrndup(out.buf, 40);
		const char *show[] = { "log", "-1", "--abbrev=12",
				       "--format=%h (\"%s\")", sha, NULL };

		strbuf_reset(&out);
		if (!is_root_commit(st->tree, sha) &&
		    !run_git(st->tree, show, &out, NULL) && out.len) {
			strbuf_rtrim(&out);
			res = strbuf_detach(&out, NULL);
		}
		free(sha);
	}
	strbuf_release(&out);
	free(range);
	return res;
}

/* The addresses get_maintainer.pl prints for patch, one a line. */
static int get_maintainer(const char *tree, const char *patch, int to,
			  struct strlist *out)
{
	char *script = xstrfmt("%s/scripts/get_maintainer.pl", tree);
	const char *argv[] = { "perl", script, "--no-git", "--no-git-fallback",
			       "--no-rolestats", "--no-tree",
			       to ? "--no-r" : "--no-m",
			       to ? "--no-l" : "--r", patch, NULL };
	struct strbuf sb = STRBUF_INIT;
	char *save = NULL;
	int rc = -1;

	if (!access(script, R_OK) &&
	    !run_command(tree, argv, NULL, &sb, NULL)) {
		for (char *l = strtok_r(sb.buf, "\n", &save); l;
		     l = strtok_r(NULL, "\n", &save))
			if (strchr(l, '@') && !strlist_has(out, l))
				strlist_push(out, l);
		rc = 0;
	}
	strbuf_release(&sb);
	free(script);
	return rc;
}

/* The MAINTAINERS entry's addresses, without get_maintainer.pl. */
static void entry_addresses(const struct maint_entry *e, int to,
			    struct strlist *out)
{
	const struct strlist *ls[2];

	if (!e)
		return;
	ls[0] = to ? &e->maintainers : &e->reviewers;
	ls[1] = to ? NULL : &e->lists;
	for (size_t k = 0; k < ARRAY_SIZE(ls); k++)
		for (size_t i = 0; ls[k] && i < ls[k]->nr; i++)
			if (!strlist_has(out, ls[k]->items[i]))
				strlist_push(out, ls[k]->items[i]);
}

static void add_header(struct strbuf *h, const char *name,
		       const struct strlist *l)
{
	for (size_t i = 0; i < l->nr; i++)
		strbuf_addf(h, "%s%s", i ? ",\n    " : name, l->items[i]);
	if (l->nr)
		strbuf_addch(h, '\n');
}

/* Put To: and Cc: after the mail's Subject: header (and its folds). */
static void insert_headers(const char *path, const struct strlist *to,
			   const struct strlist *cc)
{
	struct strbuf sb = STRBUF_INIT, res = STRBUF_INIT, h = STRBUF_INIT;
	char *p;

	if (strbuf_read_file(&sb, path) < 0)
		die_errno("cannot read '%s'", path);
	p = strstr(sb.buf, "\nSubject: ");
	if (!p)
		die("'%s' has no Subject:", path);
	p = strchr(p + 1, '\n');
	while (p && (p[1] == ' ' || p[1] == '\t'))
		p = strchr(p + 1, '\n');
	if (!p)
		die("'%s' has no body", path);
	add_header(&h, "To: ", to);
	add_header(&h, "Cc: ", cc);
	strbuf_add(&res, sb.buf, (size_t)(p + 1 - sb.buf));
	strbuf_add(&res, h.buf, h.len);
	strbuf_addstr(&res, p + 1);
	if (write_file_atomic(path, res.buf, res.len) < 0)
		die("cannot write '%s'", path);
	strbuf_release(&sb);
	strbuf_release(&res);
	strbuf_release(&h);
}

/* To/Cc of one patch, added to the series' own lists. */
static void address_patch(const struct fix_state *st, const char *path,
			  const struct maint_entry *e, struct strlist *all_to,
			  struct strlist *all_cc)
{
	struct strlist to = STRLIST_INIT, cc = STRLIST_INIT;

	if (get_maintainer(st->tree, path, 1, &to) ||
	    get_maintainer(st->tree, path, 0, &cc)) {
		strlist_clear(&to);
		strlist_clear(&cc);
		entry_addresses(e, 1, &to);
		entry_addresses(e, 0, &cc);
	}
	insert_headers(path, &to, &cc);
	for (size_t i = 0; i < to.nr; i++)
		if (!strlist_has(all_to, to.items[i]))
			strlist_push(all_to, to.items[i]);
	for (size_t i = 0; i < cc.nr; i++)
		if (!strlist_has(all_cc, cc.items[i]) &&
		    !strlist_has(all_to, cc.items[i]))
			strlist_push(all_cc, cc.items[i]);
	strlist_clear(&to);
	strlist_clear(&cc);
}

/*
 * checkpatch.pl --strict on a mail: its complaints other than the
 * missing Signed-off-by, appended to report. Returns their number, or
 * 0 when the tree has no checkpatch.pl (report says so).
 */
static int checkpatch(const struct fix_state *st, const char *path,
		      struct strbuf *report)
{
	char *script = xstrfmt("%s/scripts/checkpatch.pl", st->tree);
	const char *argv[] = { "perl", script, "--strict", "--no-tree",
			       "--terse", "--no-summary", "--show-types",
			       path, NULL };
	struct strbuf out = STRBUF_INIT;
	char *save = NULL;
	int bad = 0;

	if (access(script, R_OK)) {
		strbuf_addf(report, "%s: not checked: the tree has no "
			    "scripts/checkpatch.pl\n", path);
		free(script);
		return 0;
	}
	run_command(st->tree, argv, NULL, &out, &out);
	for (char *l = strtok_r(out.buf, "\n", &save); l;
	     l = strtok_r(NULL, "\n", &save)) {
		if (strstr(l, "MISSING_SIGN_OFF") || !strstr(l, ": "))
			continue;
		strbuf_addf(report, "%s\n", l);
		bad++;
	}
	strbuf_release(&out);
	free(script);
	return bad;
}

static int is_mail(const char *name)
{
	size_t n = strlen(name);

	return n > 6 && !strcmp(name + n - 6, ".patch");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The mails in outdir, sorted: the cover letter first when there is one. */
static void list_mails(const char *outdir, struct strlist *mails)
{
	DIR *d = opendir(outdir);
	struct dirent *de;

	while (d && (de = readdir(d)))
		if (is_mail(de->d_name))
			strlist_push_owned(mails, xstrfmt("%s/%s", outdir,
							  de->d_name));
	if (d)
		closedir(d);
	qsort(mails->items, mails->nr, sizeof(*mails->items), cmp_str);
}

/* Replace the first "*** WHAT HERE ***" of file with text. */
static void fill_cover(const char *path, const char *what, const char *text)
{
	struct strbuf sb = STRBUF_INIT, res = STRBUF_INIT;
	char *mark = xstrfmt("*** %s HERE ***", what), *p;

	if (strbuf_read_file(&sb, path) < 0)
		die_errno("cannot read '%s'", path);
	p = strstr(sb.buf, mark);
	if (p) {
		strbuf_add(&res, sb.buf, (size_t)(p - sb.buf));
		strbuf_addstr(&res, text);
		strbuf_addstr(&res, p + strlen(mark));
		if (write_file_atomic(path, res.buf, res.len) < 0)
			die("cannot write '%s'", path);
	}
	strbuf_release(&sb);
	strbuf_release(&res);
	free(mark);
}

/*
 * The subject prefix of the series' first patch, from the cover letter's
 * shortlog ("  dmaengine: idxd: pin the mm ..."): the words up to the
 * last ": ". NULL if there is none.
 */
static char *first_prefix(const char *cover)
{
	struct strbuf sb = STRBUF_INIT;
	char *res = NULL, *p, *eol, *colon;

	if (strbuf_read_file(&sb, cover) < 0)
		return NULL;
	p = strstr(sb.buf, "):\n  ");
	if (p) {
		p += 5;
		eol = strchr(p, '\n');
		if (eol)
			*eol = '\0';
		colon = strstr(p, ": ");
		while (colon && strstr(colon + 2, ": "))
			colon = strstr(colon + 2, ": ");
		if (colon)
			res = xstrndup(p, (size_t)(colon - p));
	}
	strbuf_release(&sb);
	return res;
}

static void format_patches(const char *repo, const char *outdir, size_t n)
{
	struct strlist args = STRLIST_INIT;

	strlist_push(&args, "format-patch");
	strlist_push(&args, "-q");
	if (n > 1)
		strlist_push(&args, "--cover-letter");
	strlist_push(&args, "--thread=shallow");
	strlist_push(&args, "--no-signature");
	strlist_push(&args, "-o");
	strlist_push(&args, outdir);
	strlist_push_owned(&args, xstrfmt("HEAD~%zu..HEAD", n));
	ALLOC_GROW(args.items, args.nr + 1, args.alloc);
	args.items[args.nr] = NULL;
	if (fix_git(repo, (const char *const *)args.items, NULL))
		die("git format-patch failed in '%s'", repo);
	strlist_clear(&args);
}

static void fill_cover_letter(const struct fix_state *st, const char *path,
			      const char *subsys, size_t n)
{
	char *prefix = first_prefix(path);
	char *subj = xstrfmt("%s: fix the lifetime of borrowed mms",
			     prefix ? prefix : subsys);
	char *blurb = fix_cover_blurb(&st->cx, subsys, n);

	fill_cover(path, "SUBJECT", subj);
	fill_cover(path, "BLURB", blurb);
	free(prefix);
	free(subj);
	free(blurb);
}

int fix_mail_series(struct fix_state *st, const char *repo,
		    const char *outdir, const struct maint_entry *e,
		    const char *subsys, size_t n, struct strlist *patches)
{
	struct strlist mails = STRLIST_INIT, to = STRLIST_INIT,
		       cc = STRLIST_INIT;
	struct strbuf report = STRBUF_INIT;
	size_t first = n > 1 ? 1 : 0;
	int bad = 0;

	format_patches(repo, outdir, n);
	list_mails(outdir, &mails);
	if (mails.nr != n + first)
		die("git format-patch wrote %zu mails for %zu patches",
		    mails.nr, n);
	for (size_t i = first; i < mails.nr; i++)
		address_patch(st, mails.items[i], e, &to, &cc);
	if (first) {
		fill_cover_letter(st, mails.items[0], subsys, n);
		insert_headers(mails.items[0], &to, &cc);
	}
	for (size_t i = first; i < mails.nr; i++) {
		bad += checkpatch(st, mails.items[i], &report);
		strlist_push(patches, mails.items[i]);
	}
	strbuf_addstr(&st->summary, "  To: ");
	for (size_t i = 0; i < to.nr; i++)
		strbuf_addf(&st->summary, "%s%s", i ? ", " : "", to.items[i]);
	strbuf_addstr(&st->summary, "\n  Cc: ");
	for (size_t i = 0; i < cc.nr; i++)
		strbuf_addf(&st->summary, "%s%s", i ? ", " : "", cc.items[i]);
	strbuf_addch(&st->summary, '\n');
	strbuf_addf(&st->summary, "  checkpatch.pl --strict: %s\n",
		    bad ? "PROBLEMS:" : "clean but for the missing "
		    "Signed-off-by");
	if (bad)
		strbuf_add(&st->summary, report.buf, report.len);
	strbuf_release(&report);
	strlist_clear(&mails);
	strlist_clear(&to);
	strlist_clear(&cc);
	return bad ? -1 : 0;
}
