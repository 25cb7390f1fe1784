// SPDX-License-Identifier: GPL-2.0-only
/*
 * One subsystem's series: per file, the fixes applied (fix-apply.c),
 * compiled (fix-build.c) and committed in the scratch repository, an
 * unreferenced mm's store pinned first in a commit of its own; then the
 * mails (fix-mail.c). A finding whose fix fails at any step gets the
 * reason, and its commits are dropped.
 */
#define _GNU_SOURCE
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fix.h"
#include "scan.h"
#include "usage.h"

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static char *slug(const char *name)
{
	char *s = xstrdup(name), *o = s;
	int dash = 1;

	for (const char *p = name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
			*o++ = *p;
			dash = 0;
		} else if (*p >= 'A' && *p <= 'Z') {
			*o++ = (char)(*p - 'A' + 'a');
			dash = 0;
		} else if (!dash) {
			*o++ = '-';
			dash = 1;
		}
	}
	while (o > s && o[-1] == '-')
		o--;
	*o = '\0';
	return s;
}


/* Refuse the fix of file when it does not compile; 0 if it does. */
static int build_or_refuse(struct fix_state *st, const char *repo,
			   struct fix_site **sites, size_t n)
{
	const char *file = sites[0]->u->use->file;
	const char *co[] = { "checkout", "--", file, NULL };
	char *how = NULL, *why = NULL;
	int rc;

	if (!st->build)
		return 0;
	rc = fix_build_file(st, repo, file, &how, &why);
	for (size_t i = 0; rc && i < n; i++)
		if (!sites[i]->why && rc == -1)
			sites[i]->why = xstrfmt("the patched file does not "
						"compile: %s [%s]", why, how);
		else if (!sites[i]->why)
			sites[i]->why = xstrfmt("the patch could not be "
						"compiled: %s", why);
	if (rc)
		fix_git(repo, co, NULL);
	free(how);
	free(why);
	return rc;
}

/* Commit what is staged with msg. */
static void commit_msg(const char *repo, const char *msg)
{
	const char *commit[] = { "commit", "-q", "-a", "-F",
				 ".git/MMCHECK_MSG", NULL };
	char *msgfile = xstrfmt("%s/.git/MMCHECK_MSG", repo);

	if (write_file_atomic(msgfile, msg, strlen(msg)) < 0)
		die("cannot write the commit message");
	if (fix_git(repo, commit, NULL))
		die("git commit failed in '%s'", repo);
	free(msgfile);
}

/* Commit the fix of one file; the message is the first fixed site's. */
static void commit_fix(struct fix_state *st, const char *repo,
			struct fix_site **sites, size_t n, size_t nok,
			const struct maint_entry *e)
{
	struct fix_site *first = NULL;
	char *prefix, *fixes, *msg;

	for (size_t i = 0; i < n && !first; i++)
		if (!sites[i]->why)
			first = sites[i];
	prefix = fix_subject_prefix(st->tree, st->is_git, first->u->use->file,
				    e);
	fixes = fix_fixes_line(st, first->u->use);
	msg = fix_commit_message(&st->cx, first, nok, prefix, fixes);
	commit_msg(repo, msg);
	for (size_t i = 0; i < n; i++) {
		sites[i]->patched = !sites[i]->why;
		if (sites[i]->patched)
			sites[i]->commit = (int)st->commits;
	}
	st->commits++;
	free(prefix);
	free(fixes);
	free(msg);
}

/* The first patch for an unreferenced mm: the store pinned, compiled. */
static int pin_commit(struct fix_state *st, const char *repo,
		      struct fix_site *s, const struct maint_entry *e)
{
	const char *file = s->store->file;
	const char *co[] = { "checkout", "--", file, NULL };
	char *how = NULL, *why = NULL, *prefix, *fixes, *msg;
	int rc;

	if (fix_pin_store(st, repo, s))
		return -1;
	if (st->build && (rc = fix_build_file(st, repo, file, &how, &why))) {
		s->why = xstrfmt("the store pinned does not %s: %s",
				 rc == -1 ? "compile" : "build here", why);
		fix_git(repo, co, NULL);
		free(how);
		free(why);
		return -1;
	}
	prefix = fix_subject_prefix(st->tree, st->is_git, file, e);
	fixes = fix_fixes_line(st, s->store);
	msg = fix_pin_message(s, prefix, fixes);
	commit_msg(repo, msg);
	s->pin_commit = (int)st->commits++;
	free(how);
	free(prefix);
	free(fixes);
	free(msg);
	return 0;
}

/* An unreferenced mm: pin the store, then hold the use; both or none. */
static int fix_pin_pair(struct fix_state *st, const char *repo,
			struct fix_site *s, const struct maint_entry *e)
{
	const char *reset[] = { "reset", "-q", "--hard", "HEAD~1", NULL };
	size_t nok;

	if (pin_commit(st, repo, s, e))
		return 0;
	s->line = fix_map_line(repo, s->u->use->file, s->u->use->line);
	nok = fix_apply_file(st, repo, &s, 1);
	if (nok && !build_or_refuse(st, repo, &s, 1)) {
		commit_fix(st, repo, &s, 1, 1, e);
		return 2;
	}
	if (fix_git(repo, reset, NULL))
		die("cannot drop the pin commit in '%s'", repo);
	st->commits--;
	s->pin_commit = -1;
	{
		char *why = xstrfmt("the store can be pinned, but the use "
				    "gets no fix: %s", s->why ? s->why : "?");

		free(s->why);
		s->why = why;
	}
	return 0;
}

/* The sites of one file: fixed, compiled, committed. The commits made. */
static int fix_one_file(struct fix_state *st, const char *repo,
			struct fix_site **sites, size_t n,
			const struct maint_entry *e)
{
	struct fix_site **rest = xcalloc(n, sizeof(*rest));
	size_t nok, nrest = 0;
	int made = 0;

	/* the line names the file: its compile may take minutes */
	progress_context("%s", sites[0]->u->use->file);
	progress_update(st->progress, st->tried);
	for (size_t i = 0; i < n; i++)
		if (sites[i]->shape == SHAPE_PIN)
			made += fix_pin_pair(st, repo, sites[i], e);
		else
			rest[nrest++] = sites[i];
	for (size_t i = 0; i < nrest; i++)
		rest[i]->line = fix_map_line(repo, rest[i]->u->use->file,
					     rest[i]->u->use->line);
	nok = nrest ? fix_apply_file(st, repo, rest, nrest) : 0;
	if (nok && !build_or_refuse(st, repo, rest, nrest)) {
		commit_fix(st, repo, rest, nrest, nok, e);
		made++;
	}
	free(rest);
	st->tried += n;
	progress_update(st->progress, st->tried);
	return made;
}

/* Each patched site gets the names of its mails, by commit. */
static void name_patches(struct fix_state *st, struct fix_site **sites,
			 size_t n, const struct strlist *mails)
{
	size_t skip = strlen(st->work) + 1;

	for (size_t i = 0; i < n; i++) {
		struct fix_site *s = sites[i];

		if (s->patched && s->commit >= 0 &&
		    (size_t)s->commit < mails->nr)
			s->patch = xstrdup(mails->items[s->commit] + skip);
		if (s->patched && s->pin_commit >= 0 &&
		    (size_t)s->pin_commit < mails->nr)
			s->pin_patch = xstrdup(mails->items[s->pin_commit] +
					       skip);
	}
}

void fix_subsystem(struct fix_state *st, const struct maint_entry *e,
			  struct fix_site **sites, size_t n)
{
	const char *name = subsys_name(e);
	char *sl = slug(name), *repo = fix_repo_create(st, sl, sites, n);
	char *outdir = xstrfmt("%s/%s", st->work, sl);
	struct strlist mails = STRLIST_INIT;
	size_t made = 0;

	st->commits = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j < n && !strcmp(sites[j]->u->use->file,
					sites[i]->u->use->file))
			j++;
		made += (size_t)fix_one_file(st, repo, sites + i, j - i, e);
		i = j;
	}
	strbuf_addf(&st->summary, "%s: %zu patch%s%s%s\n", name, made,
		    made == 1 ? "" : "es", made ? " in " : "", made ? sl : "");
	if (made) {
		fix_mail_series(st, repo, outdir, e, name, made, &mails);
		name_patches(st, sites, n, &mails);
		st->npatches += made;
		st->nseries++;
	}
	strlist_clear(&mails);
	nftw(repo, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(repo);
	free(outdir);
	free(sl);
}

