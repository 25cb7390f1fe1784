// SPDX-License-Identifier: GPL-2.0-only
/*
 * The code change of mmcheck fix, in a scratch git repository that holds
 * copies of the files to fix: smpl/fix_use_mm.cocci first says, in its
 * facts mode, which of the named uses it can fix and with what bail-out,
 * then writes the fix in its patch mode. A patched file that spatch
 * parses worse than before, or that nothing changed, is put back.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec.h"
#include "facts.h"
#include "fix.h"
#include "readfile.h"
#include "scan.h"
#include "spatch.h"
#include "tree.h"
#include "usage.h"

int fix_git(const char *dir, const char *const *args, struct strbuf *out)
{
	struct strbuf err = STRBUF_INIT;
	int rc = run_git(dir, args, out, &err);

	if (rc)
		warning("git %s in '%s' failed: %.200s", args[0], dir, err.buf);
	strbuf_release(&err);
	return rc;
}

/*
 * A finding's file into the scratch repository. The scan listed it as a
 * regular file; it is read again as one, without following a link.
 */
static void copy_tree_file(const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	int ret = read_regular_file(&sb, from, READ_NOFOLLOW);

	if (ret == READ_SKIPPED)
		die("'%s' is no longer a regular file", from);
	if (ret < 0)
		die_errno("cannot read '%s'", from);
	mkdirs_for(to);
	if (write_file_atomic(to, sb.buf, sb.len) < 0)
		die("cannot write '%s'", to);
	strbuf_release(&sb);
}

/* git init, with the user's identity if git has one, else a placeholder. */
static void init_repo(const char *repo)
{
	const char *init[] = { "init", "-q", NULL };
	const char *cfg1[] = { "config", "user.name", "mmcheck", NULL };
	const char *cfg2[] = { "config", "user.email", "mmcheck@localhost",
			       NULL };
	const char *who[] = { "config", "user.email", NULL };
	struct strbuf email = STRBUF_INIT;

	if (mkdir(repo, 0777) < 0)
		die_errno("cannot create '%s'", repo);
	if (fix_git(repo, init, NULL))
		die("git init failed");
	if (run_git(repo, who, &email, NULL) || !email.len) {
		fix_git(repo, cfg1, NULL);
		fix_git(repo, cfg2, NULL);
	}
	strbuf_release(&email);
}

static void copy_site_file(const struct fix_state *st, const char *repo,
			   const char *file)
{
	char *from = xstrfmt("%s/%s", st->tree, file);
	char *to = xstrfmt("%s/%s", repo, file);
	struct stat sb;

	if (lstat(to, &sb))
		copy_tree_file(from, to);
	free(from);
	free(to);
}

char *fix_repo_create(const struct fix_state *st, const char *name,
		      struct fix_site **sites, size_t n)
{
	char *repo = xstrfmt("%s/.repo-%s", st->work, name);
	const char *add[] = { "add", "-A", NULL };
	const char *base[] = { "commit", "-q", "-m", "base", NULL };

	const char *tag[] = { "tag", "base", NULL };

	init_repo(repo);
	for (size_t i = 0; i < n; i++) {
		copy_site_file(st, repo, sites[i]->u->use->file);
		if (sites[i]->store)
			copy_site_file(st, repo, sites[i]->store->file);
	}
	if (fix_git(repo, add, NULL) || fix_git(repo, base, NULL) ||
	    fix_git(repo, tag, NULL))
		die("cannot commit the base files in '%s'", repo);
	return repo;
}

/* "nb bad = N" of spatch --parse-c: the lines it could not parse. */
static long parse_errors(const char *dir, const char *file)
{
	const char *argv[] = { spatch_program(), "--parse-c", file, NULL };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	const char *p;
	long bad = -1;

	if (!run_command(dir, argv, NULL, &out, &err) &&
	    (p = strstr(out.buf, "nb bad = ")))
		bad = strtol(p + 9, NULL, 10);
	strbuf_release(&out);
	strbuf_release(&err);
	return bad;
}

/* Run semantic patch sp on file in repo with the environment var. */
static int run_sp_env(const char *sp, const char *repo, const char *file,
		      char *var, int patch, struct strbuf *out)
{
	struct strlist argv = STRLIST_INIT, env = STRLIST_INIT;
	struct strbuf err = STRBUF_INIT;
	int rc;

	strlist_push_owned(&env, var);
	strlist_push(&argv, spatch_program());
	spatch_push_python(&argv);
	strlist_push(&argv, "-D");
	strlist_push(&argv, patch ? "patch" : "facts");
	if (patch)
		strlist_push(&argv, "--in-place");
	else
		strlist_push(&argv, "--no-show-diff");
	strlist_push(&argv, "--very-quiet");
	strlist_push(&argv, "--no-includes");
	strlist_push(&argv, "--include-headers");
	strlist_push(&argv, "--sp-file");
	strlist_push(&argv, sp);
	strlist_push(&argv, file);
	ALLOC_GROW(argv.items, argv.nr + 1, argv.alloc);
	argv.items[argv.nr] = NULL;
	rc = run_command(repo, (const char *const *)argv.items, &env, out, &err);
	if (rc)
		warning("spatch on '%s' failed (%d): %.200s", file, rc, err.buf);
	strbuf_release(&err);
	strlist_clear(&argv);
	strlist_clear(&env);
	return rc;
}

/* Run the fix semantic patch on file in repo, MMCHECK_FIX=sites. */
static int run_sp(const struct fix_state *st, const char *repo,
		  const char *file, const char *sites, int patch,
		  struct strbuf *out)
{
	return run_sp_env(st->sp_path, repo, file,
			  xstrfmt("MMCHECK_FIX=%s", sites), patch, out);
}

static void add_site(struct strbuf *sb, const struct fix_site *s)
{
	strbuf_addf(sb, "%s%s:%d:%s", sb->len ? "," : "", s->u->use->file,
		    s->line, fix_shape_name(s->shape));
}

/* Each site's fix or no-fix fact; the sites to patch into ok. */
static size_t read_decisions(struct fix_site **sites, size_t n,
			     const char *facts, struct strbuf *ok)
{
	struct fact_store fs = { NULL, 0, 0 };
	size_t bad, nok = 0;
	char *why = NULL;

	facts_parse_buffer(&fs, facts, &bad, &why);
	free(why);
	for (size_t i = 0; i < n; i++) {
		const struct fact *d = NULL;
		const char *bail;

		for (size_t k = 0; k < fs.nr; k++)
			if ((fs.items[k].kind == FACT_FIX ||
			     fs.items[k].kind == FACT_NO_FIX) &&
			    fs.items[k].line == sites[i]->line)
				d = &fs.items[k];
		if (!d) {
			sites[i]->why = xstrdup("the semantic patch did not "
						"see this use");
		} else if (d->kind == FACT_NO_FIX) {
			sites[i]->why = xstrdup(fact_str(d, "why") ?
				fact_str(d, "why") : "no safe fix");
		} else {
			bail = fact_str(d, "bail");
			sites[i]->bail = bail && *bail ? xstrdup(bail) : NULL;
			add_site(ok, sites[i]);
			nok++;
		}
	}
	facts_clear(&fs);
	return nok;
}

static void refuse_rest(struct fix_site **sites, size_t n, const char *why)
{
	for (size_t i = 0; i < n; i++)
		if (!sites[i]->why)
			sites[i]->why = xstrdup(why);
}

static void restore_file(const char *repo, const char *file)
{
	const char *co[] = { "checkout", "--", file, NULL };

	fix_git(repo, co, NULL);
}

size_t fix_apply_file(const struct fix_state *st, const char *repo,
		      struct fix_site **sites, size_t n)
{
	const char *file = sites[0]->u->use->file;
	const char *diff[] = { "diff", "--quiet", "--", file, NULL };
	struct strbuf named = STRBUF_INIT, out = STRBUF_INIT, ok = STRBUF_INIT;
	size_t nok = 0;
	long before, after;

	for (size_t i = 0; i < n; i++)
		add_site(&named, sites[i]);
	if (run_sp(st, repo, file, named.buf, 0, &out)) {
		refuse_rest(sites, n, "spatch failed on the file");
		goto out;
	}
	nok = read_decisions(sites, n, out.buf, &ok);
	if (!nok)
		goto out;
	before = parse_errors(repo, file);
	strbuf_reset(&out);
	if (run_sp(st, repo, file, ok.buf, 1, &out)) {
		restore_file(repo, file);
		refuse_rest(sites, n, "spatch failed in patch mode");
		nok = 0;
		goto out;
	}
	after = parse_errors(repo, file);
	if (!run_git(repo, diff, NULL, NULL) || after < 0 || after > before) {
		restore_file(repo, file);
		refuse_rest(sites, n, after > before ?
			    "the patched file has new parse errors" :
			    "the semantic patch changed nothing");
		nok = 0;
	}
out:
	strbuf_release(&named);
	strbuf_release(&out);
	strbuf_release(&ok);
	return nok;
}

/* The facts of a run, and the one of kind fix or no-fix at line. */
static int pin_decision(const char *facts, int line, char **why)
{
	struct fact_store fs = { NULL, 0, 0 };
	size_t bad;
	char *err = NULL;
	int ok = -1;

	facts_parse_buffer(&fs, facts, &bad, &err);
	free(err);
	for (size_t k = 0; k < fs.nr; k++) {
		const char *kind = fact_str(&fs.items[k], "fact");

		if (fs.items[k].line != line || !kind)
			continue;
		if (!strcmp(kind, "pin"))
			ok = 0;
		else if (!strcmp(kind, "no-pin") && !*why)
			*why = xstrdup(fact_str(&fs.items[k], "why") ?
				       fact_str(&fs.items[k], "why") : "?");
	}
	facts_clear(&fs);
	return ok;
}

int fix_pin_store(const struct fix_state *st, const char *repo,
		  struct fix_site *s)
{
	const char *file = s->store->file;
	int line = fix_map_line(repo, file, s->store->line);
	const char *diff[] = { "diff", "--quiet", "--", file, NULL };
	struct strbuf out = STRBUF_INIT;
	char *why = NULL;
	long before, after;
	int rc = -1;

	if (run_sp_env(st->pin_path, repo, file,
		       xstrfmt("MMCHECK_PIN=%s:%d", file, line), 0, &out)) {
		why = xstrdup("spatch failed on the file of the store");
	} else if (pin_decision(out.buf, line, &why)) {
		if (!why)
			why = xstrdup("the semantic patch did not see the store");
	} else {
		before = parse_errors(repo, file);
		strbuf_reset(&out);
		rc = run_sp_env(st->pin_path, repo, file,
				xstrfmt("MMCHECK_PIN=%s:%d", file, line), 1,
				&out) ? -1 : 0;
		after = parse_errors(repo, file);
		if (rc || !run_git(repo, diff, NULL, NULL) || after < 0 ||
		    after > before) {
			restore_file(repo, file);
			why = xstrdup("pinning the store failed or changed "
				      "nothing");
			rc = -1;
		}
	}
	if (why)
		s->why = xstrfmt("the mm is stored with no count at all, and "
				 "the store cannot be pinned: %s", why);
	free(why);
	strbuf_release(&out);
	return rc;
}

/* The hunks of git diff -U0 base -- file: old line to new line. */
int fix_map_line(const char *repo, const char *file, int line)
{
	const char *args[] = { "diff", "-U0", "base", "--", file, NULL };
	struct strbuf out = STRBUF_INIT;
	const char *p;
	int shift = 0;

	if (run_git(repo, args, &out, NULL))
		return line;
	for (p = out.buf; (p = strstr(p, "\n@@ -")); p++) {
		long a, b = 1, c, d = 1;
		char *e;

		a = strtol(p + 5, &e, 10);
		if (*e == ',')
			b = strtol(e + 1, &e, 10);
		c = strtol(e + 2, &e, 10);
		if (*e == ',')
			d = strtol(e + 1, &e, 10);
		(void)c;
		/* a hunk wholly before the line moves it */
		if (a + (b ? b : 1) <= line || (!b && a < line))
			shift += (int)(d - b);
	}
	strbuf_release(&out);
	return line + shift;
}
