// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcheck fix TREE -o DIR: scan, then write per subsystem a patch series
 * (git format-patch files, a cover letter first) for the uses that only
 * mmgrab() pins. The code change is the uses semantic patch's patch mode,
 * told which lines to fix; every patch is made with git in a scratch
 * repository holding copies of the files, re-parsed by spatch, and checked
 * with git apply --check against TREE before it is kept. A finding that
 * gets no patch is listed with the reason. TREE is never written to, and
 * DIR appears whole or not at all.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "cache.h"
#include "datadir.h"
#include "exec.h"
#include "fix.h"
#include "readfile.h"
#include "scan.h"
#include "spatch.h"
#include "tree.h"
#include "usage.h"

static const char fix_usage[] =
	"mmcheck fix -o DIR [-j N] [--cache DIR | --no-cache] [--timeout SEC] TREE";

struct fix_site {
	struct use_site *u;
	char *why;		/* no patch, and why; NULL: a candidate */
	int candidate;		/* handed to the semantic patch */
	int patched;
};

struct fix_state {
	const char *tree;
	int is_git;
	const struct sempatch *sp;	/* the uses patch */
	struct fix_ctx cx;
	char *work;			/* DIR's scratch twin */
	struct strbuf summary;
	size_t npatches, nseries;
};

static int rm_one(const char *path, const struct stat *st, int flag,
		  struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int git_ok(const char *dir, const char *const *args, struct strbuf *out)
{
	struct strbuf err = STRBUF_INIT;
	int rc = run_git(dir, args, out, &err);

	if (rc)
		warning("git %s in '%s' failed: %.200s", args[0], dir, err.buf);
	strbuf_release(&err);
	return rc;
}

/* Why a finding gets no automatic patch, or NULL if it may get one. */
static char *why_not(const struct use_site *u)
{
	const struct fact *f = u->use;

	if (u->family != FAMILY_USE_MM)
		return xstrdup("no automatic fix for this rule: the free or "
			       "the lifetime must be restructured by hand");
	if (f->macro)
		return xstrfmt("the use is in macro %s: each caller needs the "
			       "reference, a human must choose where",
			       f->function);
	if (strcmp(f->api, "kthread_use_mm") && strcmp(f->api, "use_mm"))
		return xstrfmt("a call of wrapper %s(): the reference belongs "
			       "in the wrapper or its callers", f->api);
	if (!strcmp(u->verdict, "mmgrab-only"))
		return NULL;
	if (!strcmp(u->verdict, "unreferenced"))
		return xstrdup("the mm is stored with no count at all: "
			       "mmget_not_zero() is safe only while mm_count "
			       "is held, so the store must first pin the mm");
	if (!strcmp(u->verdict, "mixed"))
		return xstrdup("the stores disagree (some hold mm_users): "
			       "which path is wrong is a human decision");
	if (!strcmp(u->verdict, "unknown"))
		return xstrdup("where the mm comes from could not be followed");
	return xstrfmt("%s: the fix depends on the function's own flow",
		       u->findings[0].rule->id);
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

/* Run the uses patch on file in repo with MMCHECK_FIX=file:lines. */
static int run_sp(const struct fix_state *st, const char *repo,
		  const char *file, const char *lines, int patch,
		  struct strbuf *out)
{
	struct strlist argv = STRLIST_INIT, env = STRLIST_INIT;
	struct strbuf err = STRBUF_INIT;
	int rc;

	strlist_push_owned(&env, xstrfmt("MMCHECK_FIX=%s", lines));
	if (patch) {
		strlist_push(&argv, spatch_program());
		spatch_push_python(&argv);
		strlist_push(&argv, "-D");
		strlist_push(&argv, "patch");
		strlist_push(&argv, "--in-place");
		strlist_push(&argv, "--very-quiet");
		strlist_push(&argv, "--no-includes");
		strlist_push(&argv, "--include-headers");
		strlist_push(&argv, "--sp-file");
		strlist_push(&argv, st->sp->path);
		strlist_push(&argv, file);
	} else {
		spatch_fact_argv(&argv, st->sp, file);
	}
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

/* "Fixes: 123456789abc ("subject")" for the line's commit, in a git tree. */
static char *fixes_line(const struct fix_state *st, const struct fact *f)
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
		if (!run_git(st->tree, show, &out, NULL) && out.len) {
			strbuf_rtrim(&out);
			res = strbuf_detach(&out, NULL);
		}
		free(sha);
	}
	strbuf_release(&out);
	free(range);
	return res;
}

/* Fix what can be fixed in one file: one commit. Returns 1 if made. */
static int fix_file(struct fix_state *st, const char *repo,
		    struct fix_site **sites, size_t n, const char *prefix)
{
	const char *file = sites[0]->u->use->file;
	struct strbuf lines = STRBUF_INIT, out = STRBUF_INIT, ok = STRBUF_INIT;
	struct fact_store fs = { NULL, 0, 0 };
	struct fix_site *first = NULL;
	size_t bad, nok = 0;
	char *why = NULL, *msg, *fixes, *msgfile;
	long before, after;
	int made = 0;

	for (size_t i = 0; i < n; i++)
		strbuf_addf(&lines, "%s%s:%d", i ? "," : "", file,
			    sites[i]->u->use->line);
	if (run_sp(st, repo, file, lines.buf, 0, &out)) {
		for (size_t i = 0; i < n; i++)
			sites[i]->why = xstrdup("spatch failed on the file");
		goto out;
	}
	facts_parse_buffer(&fs, out.buf, &bad, &why);
	free(why);
	for (size_t i = 0; i < n; i++) {
		const struct fact *verdict = NULL;

		for (size_t k = 0; k < fs.nr; k++)
			if ((fs.items[k].kind == FACT_FIX ||
			     fs.items[k].kind == FACT_NO_FIX) &&
			    fs.items[k].line == sites[i]->u->use->line)
				verdict = &fs.items[k];
		if (!verdict) {
			sites[i]->why = xstrdup("the semantic patch did not "
						"see this use in patch mode");
		} else if (verdict->kind == FACT_NO_FIX) {
			sites[i]->why = xstrdup(fact_str(verdict, "why") ?
				fact_str(verdict, "why") : "no safe bail-out");
		} else {
			strbuf_addf(&ok, "%s%s:%d", nok++ ? "," : "", file,
				    sites[i]->u->use->line);
			if (!first)
				first = sites[i];
		}
	}
	if (!nok)
		goto out;
	before = parse_errors(repo, file);
	strbuf_reset(&out);
	if (run_sp(st, repo, file, ok.buf, 1, &out)) {
		for (size_t i = 0; i < n; i++)
			if (!sites[i]->why)
				sites[i]->why = xstrdup("spatch failed in patch mode");
		goto out;
	}
	after = parse_errors(repo, file);
	{
		const char *diff[] = { "diff", "--quiet", "--", file, NULL };

		if (!run_git(repo, diff, NULL, NULL) || after < 0 ||
		    after > before) {
			const char *co[] = { "checkout", "--", file, NULL };

			git_ok(repo, co, NULL);
			for (size_t i = 0; i < n; i++)
				if (!sites[i]->why)
					sites[i]->why = xstrdup(after > before ?
						"the patched file has new parse errors" :
						"the semantic patch changed nothing");
			goto out;
		}
	}
	fixes = fixes_line(st, first->u->use);
	msg = fix_commit_message(&st->cx, first->u, nok, prefix, fixes);
	free(fixes);
	msgfile = xstrfmt("%s/.git/MMCHECK_MSG", repo);
	if (write_file_atomic(msgfile, msg, strlen(msg)) < 0)
		die("cannot write the commit message");
	{
		const char *commit[] = { "commit", "-q", "-a", "-F",
					 ".git/MMCHECK_MSG", NULL };

		if (git_ok(repo, commit, NULL))
			die("git commit failed in '%s'", repo);
	}
	free(msgfile);
	free(msg);
	for (size_t i = 0; i < n; i++)
		sites[i]->patched = !sites[i]->why;
	made = 1;
out:
	facts_clear(&fs);
	strbuf_release(&lines);
	strbuf_release(&out);
	strbuf_release(&ok);
	return made;
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

/* One subsystem's series; sites all belong to it. */
static void fix_subsystem(struct fix_state *st, const struct maint_entry *e,
			  struct fix_site **sites, size_t n)
{
	const char *name = subsys_name(e);
	char *sl = slug(name), *repo = xstrfmt("%s/.repo-%s", st->work, sl);
	char *outdir = xstrfmt("%s/%s", st->work, sl);
	size_t made = 0;
	char *prefix;

	if (mkdir(repo, 0777) < 0)
		die_errno("cannot create '%s'", repo);
	{
		const char *init[] = { "init", "-q", NULL };
		const char *cfg1[] = { "config", "user.name", "mmcheck", NULL };
		const char *cfg2[] = { "config", "user.email",
				       "mmcheck@localhost", NULL };
		const char *who[] = { "config", "user.email", NULL };
		struct strbuf email = STRBUF_INIT;

		if (git_ok(repo, init, NULL))
			die("git init failed");
		/* the user's identity if git has one, else a placeholder */
		if (run_git(repo, who, &email, NULL) || !email.len) {
			git_ok(repo, cfg1, NULL);
			git_ok(repo, cfg2, NULL);
		}
		strbuf_release(&email);
	}
	for (size_t i = 0; i < n; i++) {
		char *from = xstrfmt("%s/%s", st->tree, sites[i]->u->use->file);
		char *to = xstrfmt("%s/%s", repo, sites[i]->u->use->file);

		copy_tree_file(from, to);
		free(from);
		free(to);
	}
	{
		const char *add[] = { "add", "-A", NULL };
		const char *base[] = { "commit", "-q", "-m", "base", NULL };

		if (git_ok(repo, add, NULL) || git_ok(repo, base, NULL))
			die("cannot commit the base files in '%s'", repo);
	}
	prefix = NULL;
	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j < n && !strcmp(sites[j]->u->use->file,
					sites[i]->u->use->file))
			j++;
		free(prefix);
		prefix = fix_subject_prefix(st->tree, st->is_git,
					    sites[i]->u->use->file);
		made += (size_t)fix_file(st, repo, sites + i, j - i, prefix);
		i = j;
	}
	free(prefix);
	if (made) {
		struct strlist args = STRLIST_INIT;
		char *blurb, *cover;

		strlist_push(&args, "format-patch");
		strlist_push(&args, "-q");
		strlist_push(&args, "--cover-letter");
		strlist_push(&args, "--thread=shallow");
		strlist_push(&args, "--no-signature");
		strlist_push(&args, "-o");
		strlist_push(&args, outdir);
		for (size_t i = 0; e && i < e->maintainers.nr; i++)
			strlist_push_owned(&args, xstrfmt("--to=%s",
						e->maintainers.items[i]));
		for (size_t i = 0; e && i < e->reviewers.nr; i++)
			strlist_push_owned(&args, xstrfmt("--cc=%s",
						e->reviewers.items[i]));
		for (size_t i = 0; e && i < e->lists.nr; i++)
			strlist_push_owned(&args, xstrfmt("--cc=%s",
						e->lists.items[i]));
		strlist_push_owned(&args, xstrfmt("HEAD~%zu..HEAD", made));
		ALLOC_GROW(args.items, args.nr + 1, args.alloc);
		args.items[args.nr] = NULL;
		if (git_ok(repo, (const char *const *)args.items, NULL))
			die("git format-patch failed in '%s'", repo);
		strlist_clear(&args);
		cover = xstrfmt("%s/0000-cover-letter.patch", outdir);
		{
			char *subj = xstrfmt("%s: hold mm_users across borrowed "
					     "mms", name);

			fill_cover(cover, "SUBJECT", subj);
			free(subj);
		}
		blurb = fix_cover_blurb(&st->cx, name, made);
		fill_cover(cover, "BLURB", blurb);
		free(blurb);
		free(cover);
		st->npatches += made;
		st->nseries++;
	}
	strbuf_addf(&st->summary, "%s: %zu patch%s%s%s\n", name, made,
		    made == 1 ? "" : "es", made ? " in " : "", made ? sl : "");
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&st->summary, "  %s %s:%d %s(): %s\n",
			    sites[i]->patched ? "patched" : "no patch:",
			    sites[i]->u->use->file, sites[i]->u->use->line,
			    sites[i]->u->use->function,
			    sites[i]->patched ? sites[i]->u->verdict
					      : sites[i]->why);
	nftw(repo, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(repo);
	free(outdir);
	free(sl);
}

/* Every kept patch must apply to TREE as it is. */
static int check_applies(const char *tree, const char *work)
{
	DIR *d = opendir(work), *s;
	struct dirent *de, *pe;
	struct strlist env = STRLIST_INIT;
	char *parent = xstrdup(tree);
	int bad = 0;

	/*
	 * A tree inside another git work tree: git apply would ignore the
	 * paths outside its subdirectory and pass. Look no higher than TREE.
	 */
	if (strrchr(parent, '/'))
		*strrchr(parent, '/') = '\0';
	strlist_push_owned(&env, xstrfmt("GIT_CEILING_DIRECTORIES=%s",
					 *parent ? parent : "/"));
	free(parent);

	while (d && (de = readdir(d))) {
		char *sub;

		if (de->d_name[0] == '.')
			continue;
		sub = xstrfmt("%s/%s", work, de->d_name);
		s = opendir(sub);
		while (s && (pe = readdir(s))) {
			char *p;
			const char *args[] = { "git", "apply", "--check", NULL,
					       NULL };
			struct strbuf err = STRBUF_INIT;

			if (!strstr(pe->d_name, ".patch") ||
			    !strncmp(pe->d_name, "0000-", 5))
				continue;
			p = xstrfmt("%s/%s", sub, pe->d_name);
			args[3] = p;
			if (run_command(tree, args, &env, NULL, &err)) {
				error("%s does not apply to the tree: %.200s",
				      p, err.buf);
				bad = 1;
			}
			strbuf_release(&err);
			free(p);
		}
		if (s)
			closedir(s);
		free(sub);
	}
	if (d)
		closedir(d);
	strlist_clear(&env);
	return bad;
}

static int cmp_site(const void *a, const void *b)
{
	const struct fix_site *x = a, *y = b;
	const char *nx = subsys_name(x->u->subsystem);
	const char *ny = subsys_name(y->u->subsystem);
	int c = strcmp(nx, ny);

	if (c)
		return c;
	c = strcmp(x->u->use->file, y->u->use->file);
	return c ? c : x->u->use->line - y->u->use->line;
}

static int dir_is_empty(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *de;
	int empty = 1;

	if (!d)
		return 0;
	while ((de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

/*
 * DIR as rename() needs it: without the trailing slashes of "series/"
 * (the README's own example), a symlink resolved, absolute (git runs in
 * the scratch repositories). It must not exist, or be an empty directory
 * that rename() replaces: refused before any work otherwise.
 */
static char *output_path(const char *output)
{
	char *dir = xstrdup(output), *abs;
	size_t n = strlen(dir);
	struct stat st;

	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	if (!stat(dir, &st)) {
		if (!S_ISDIR(st.st_mode))
			die("'%s' exists and is not a directory", output);
		if (!dir_is_empty(dir))
			die("'%s' exists and is not empty", output);
		abs = realpath(dir, NULL);
		if (!abs)
			die_errno("cannot resolve '%s'", output);
	} else if (errno != ENOENT) {
		die_errno("cannot use '%s'", output);
	} else if (!lstat(dir, &st)) {
		die("'%s' is a symlink to nothing", output);
	} else if (dir[0] == '/') {
		abs = xstrdup(dir);
	} else {
		char *cwd = getcwd(NULL, 0);

		if (!cwd)
			die_errno("getcwd");
		abs = xstrfmt("%s/%s", cwd, dir);
		free(cwd);
	}
	free(dir);
	return abs;
}

int cmd_fix(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "timeout", required_argument, NULL, 't' },
		{ "cache", required_argument, NULL, 'C' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ NULL, 0, NULL, 0 }
	};
	struct scan_options opt = { .timeout = 300 };
	char *cache_dir = cache_default_dir(), *dir, *summary_path, *out_dir;
	const char *output = NULL;
	struct sempatch_set sps = { NULL, 0, 0 };
	struct fix_state st;
	struct fix_site *sites = NULL, **group;
	size_t nsites = 0, asites = 0;
	struct scan_result r;
	int c;

	opt.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:j:", longopts, NULL)) != -1) {
		if (scan_common_option(c, optarg, &opt, &cache_dir, fix_usage))
			continue;
		if (c == 'o')
			output = optarg;
		else
			usage_die(fix_usage, "unknown option");
	}
	if (optind != argc - 1)
		usage_die(fix_usage, optind < argc ? "one TREE only"
						  : "which TREE?");
	if (!output)
		usage_die(fix_usage, "where to? -o DIR");
	out_dir = output_path(output);
	if (opt.jobs < 1)
		opt.jobs = 1;
	opt.cache_dir = cache_dir;

	memset(&st, 0, sizeof(st));
	dir = mmcheck_data_path("scripts/coccinelle/mm");
	if (sempatch_load_dir(dir, &sps) < 0)
		exit(EXIT_FATAL);
	free(dir);
	for (size_t k = 0; k < sps.nr; k++)
		if (sps.items[k].role == SP_USES)
			st.sp = &sps.items[k];
	if (!st.sp)
		die("no uses semantic patch (// Mmcheck: uses) to fix with");

	/*
	 * DIR's scratch twin, beside it, renamed into place when all is
	 * done; removed on every other way out, signals included. Made
	 * first, so that a DIR that cannot be written fails before the scan.
	 */
	st.work = xstrfmt("%s.tmp.%ld", out_dir, (long)getpid());
	if (mkdir(st.work, 0777) < 0)
		die_errno("cannot create '%s'", st.work);
	register_tempdir(st.work);

	scan_tree(&r, argv[optind], &opt);
	st.tree = r.tree;
	st.cx.critical = &r.arches.critical;
	{
		const char *args[] = { "rev-parse", "--is-inside-work-tree",
				       NULL };
		struct strbuf out = STRBUF_INIT;

		st.is_git = !run_git(st.tree, args, &out, NULL) &&
			    !strncmp(out.buf, "true", 4);
		strbuf_release(&out);
	}
	strbuf_init(&st.summary, 0);

	for (size_t i = 0; i < r.verdicts.nr; i++) {
		struct use_site *u = &r.verdicts.items[i];

		if (!u->nfindings)
			continue;
		ALLOC_GROW(sites, nsites + 1, asites);
		sites[nsites].u = u;
		sites[nsites].why = why_not(u);
		sites[nsites].patched = sites[nsites].candidate = 0;
		nsites++;
	}
	if (nsites)
		qsort(sites, nsites, sizeof(*sites), cmp_site);
	group = xcalloc(nsites ? nsites : 1, sizeof(*group));
	for (size_t i = 0; i < nsites;) {
		size_t j = i, ng = 0;

		while (j < nsites && sites[j].u->subsystem == sites[i].u->subsystem)
			j++;
		for (size_t k = i; k < j; k++)
			if (!sites[k].why) {
				sites[k].candidate = 1;
				group[ng++] = &sites[k];
			}
		if (ng)
			fix_subsystem(&st, sites[i].u->subsystem, group, ng);
		i = j;
	}
	if (check_applies(st.tree, st.work))
		die("a patch does not apply to the tree it was made from");

	{
		struct strbuf head = STRBUF_INIT;

		strbuf_addf(&head, "mmcheck fix: %zu patch%s in %zu series "
			    "for %zu finding%s in %s\n", st.npatches,
			    st.npatches == 1 ? "" : "es", st.nseries, nsites,
			    nsites == 1 ? "" : "s", st.tree);
		strbuf_addstr(&head, "TLB-critical architectures in this tree: ");
		for (size_t i = 0; i < r.arches.critical.nr; i++)
			strbuf_addf(&head, "%s%s", i ? ", " : "",
				    r.arches.critical.items[i]);
		strbuf_addstr(&head, r.arches.critical.nr ? "\n\n" : "none\n\n");
		strbuf_addstr(&head, st.summary.buf);
		for (size_t i = 0; i < nsites; i++)
			if (!sites[i].candidate)
				strbuf_addf(&head, "no patch: %s:%d %s() [%s]: %s\n",
					    sites[i].u->use->file,
					    sites[i].u->use->line,
					    sites[i].u->use->function,
					    sites[i].u->findings[0].rule->id,
					    sites[i].why);
		summary_path = xstrfmt("%s/summary.txt", st.work);
		if (write_file_atomic(summary_path, head.buf, head.len) < 0)
			die("cannot write '%s'", summary_path);
		free(summary_path);
		/* an empty DIR is replaced whole; one filled meanwhile fails */
		if (rename(st.work, out_dir) < 0)
			die_errno("cannot rename '%s' to '%s'", st.work, out_dir);
		unregister_tempdir(st.work);
		/* the summary says what is in DIR: only once it is there */
		fputs(head.buf, stdout);
		strbuf_release(&head);
	}
	for (size_t i = 0; i < nsites; i++)
		free(sites[i].why);
	free(sites);
	free(group);
	free(st.work);
	free(out_dir);
	strbuf_release(&st.summary);
	sempatch_set_clear(&sps);
	scan_result_clear(&r);
	free(cache_dir);
	return 0;
}
