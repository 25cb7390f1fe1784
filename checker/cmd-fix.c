// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcheck fix TREE -o DIR: scan, then write per subsystem a patch series
 * (git format-patch mails) for the findings that have a safe local fix.
 * The stages are in fix-select.c (which fix), fix-apply.c (the code
 * change by smpl/fix_use_mm.cocci in a scratch repository), fix-build.c
 * (the patched file must compile), fix-mail.c (addresses, checkpatch)
 * and fix-message.c (the words). Every kept patch applies to TREE (git
 * apply --check); a finding that gets no patch is listed with the
 * reason. TREE is never written to, and DIR appears whole or not at all.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
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
#include "pipeline.h"
#include "readfile.h"
#include "scan.h"
#include "usage.h"

static const char fix_usage[] =
	"mmcheck fix -o DIR [-j N] [-q] [--no-build] [--cache DIR | --no-cache]\n"
	"                   [--timeout SEC] TREE";

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


/*
 * A call of a wrapper function is fixed by the fix inside the wrapper:
 * its own use, held there with a checked mmget_not_zero(), whatever its
 * callers hold. Once, not in every caller; the scan of the patched tree
 * then finds the calls held too.
 */
static void wrapper_calls(struct fix_site *sites, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct fact *f = sites[i].u->use;
		const struct fix_site *in = NULL;

		if (sites[i].patch || sites[i].u->family != FAMILY_USE_MM ||
		    f->macro || !strcmp(f->api, "kthread_use_mm") ||
		    !strcmp(f->api, "use_mm"))
			continue;
		for (size_t j = 0; j < n; j++) {
			const struct fact *g = sites[j].u->use;

			if (sites[j].patch && !sites[j].inside && !g->macro &&
			    sites[j].shape == SHAPE_HOLD &&
			    !strcmp(g->function, f->api) &&
			    (!in || !strcmp(g->file, f->file)))
				in = &sites[j];
		}
		if (in) {
			sites[i].inside = in;
			free(sites[i].why);
			sites[i].why = NULL;
		}
	}
}

/* One line per finding: its patch, or why there is none. */
static void summary_lines(struct strbuf *sb, struct fix_site *sites,
			  size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const struct fact *f = sites[i].u->use;

		if (sites[i].patch && sites[i].pin_patch)
			strbuf_addf(sb, "patched: %s:%d %s() [%s]: %s, after "
				    "%s\n", f->file, f->line, f->function,
				    sites[i].rule, sites[i].patch,
				    sites[i].pin_patch);
		else if (sites[i].inside)
			strbuf_addf(sb, "patched: %s:%d %s() [%s]: inside "
				    "%s(), by %s\n", f->file, f->line,
				    f->function, sites[i].rule, f->api,
				    sites[i].inside->patch);
		else if (sites[i].patch)
			strbuf_addf(sb, "patched: %s:%d %s() [%s]: %s\n",
				    f->file, f->line, f->function,
				    sites[i].rule, sites[i].patch);
		else
			strbuf_addf(sb, "no patch: %s:%d %s() [%s]: %s\n",
				    f->file, f->line, f->function,
				    sites[i].rule, sites[i].why ? sites[i].why
				    : "the series it belonged to failed");
	}
}

static char *summary_text(const struct fix_state *st,
			  const struct scan_result *r,
			  struct fix_site *sites, size_t nsites)
{
	struct strbuf head = STRBUF_INIT;

	strbuf_addf(&head, "mmcheck fix: %zu patch%s in %zu series for %zu "
		    "finding%s in %s\n", st->npatches,
		    st->npatches == 1 ? "" : "es", st->nseries, nsites,
		    nsites == 1 ? "" : "s", st->tree);
	strbuf_addstr(&head, st->build ? "Every patch compiled (see "
		      "build.log).\n" : "Not compiled: --no-build.\n");
	strbuf_addstr(&head, "TLB-critical architectures in this tree: ");
	for (size_t i = 0; i < r->arches.critical.nr; i++)
		strbuf_addf(&head, "%s%s", i ? ", " : "",
			    r->arches.critical.items[i]);
	strbuf_addstr(&head, r->arches.critical.nr ? "\n\n" : "none\n\n");
	strbuf_add(&head, st->summary.buf, st->summary.len);
	strbuf_addch(&head, '\n');
	summary_lines(&head, sites, nsites);
	return strbuf_detach(&head, NULL);
}

/*
 * The store with no count behind an unreferenced use: the one its
 * evidence names; NULL when there is not exactly one.
 */
static const struct fact *unreferenced_store(const struct scan_result *r,
					     const struct use_site *u)
{
	const struct fact *found = NULL;

	for (size_t k = 0; k < u->nevidence; k++)
		for (size_t i = 0; i < r->facts.nr; i++) {
			const struct fact *f = &r->facts.items[i];
			const char *cls = fact_str(f, "class");

			if (f->kind != FACT_STORE || f->line != u->evidence[k].line ||
			    strcmp(f->file, u->evidence[k].file) ||
			    !cls || strcmp(cls, "none"))
				continue;
			if (found && found != f)
				return NULL;
			found = f;
		}
	return found;
}

/* The findings, each with its shape or the reason it has none, sorted. */
static struct fix_site *select_sites(struct scan_result *r, size_t *n)
{
	struct fix_site *sites = NULL;
	size_t nsites = 0, asites = 0;

	for (size_t i = 0; i < r->verdicts.nr; i++) {
		struct use_site *u = &r->verdicts.items[i];
		struct fix_site *s;

		if (!u->nfindings)
			continue;
		ALLOC_GROW(sites, nsites + 1, asites);
		s = &sites[nsites++];
		memset(s, 0, sizeof(*s));
		s->u = u;
		s->line = u->use->line;
		s->commit = s->pin_commit = -1;
		s->shape = fix_select(u, &s->rule, &s->why);
		if (s->shape == SHAPE_PIN && !(s->store = unreferenced_store(r, u))) {
			s->shape = SHAPE_NONE;
			s->why = xstrdup("the mm is stored with no count at all, "
					 "and the store was not found");
		}
		s->candidate = s->shape != SHAPE_NONE;
	}
	if (nsites)
		qsort(sites, nsites, sizeof(*sites), cmp_site);
	*n = nsites;
	return sites;
}

/* Per subsystem, the series of its candidates. */
static void fix_all(struct fix_state *st, struct fix_site *sites, size_t n)
{
	struct fix_site **group = xcalloc(n ? n : 1, sizeof(*group));
	size_t ncand = 0;

	for (size_t i = 0; i < n; i++)
		ncand += sites[i].candidate;
	st->progress = progress_start("fix", ncand);

	for (size_t i = 0; i < n;) {
		size_t j = i, ng = 0;

		while (j < n && sites[j].u->subsystem == sites[i].u->subsystem)
			j++;
		for (size_t k = i; k < j; k++)
			if (sites[k].candidate)
				group[ng++] = &sites[k];
		if (ng)
			fix_subsystem(st, sites[i].u->subsystem, group, ng);
		i = j;
	}
	progress_context(NULL);
	progress_stop(&st->progress);
	free(group);
}

/*
 * TREE is a git repository of its own: the top of its work tree. A tree
 * unpacked inside some other repository has none of its history there.
 */
static int tree_is_git(const char *tree)
{
	const char *args[] = { "rev-parse", "--show-toplevel", NULL };
	struct strbuf out = STRBUF_INIT;
	char *top, *real = realpath(tree, NULL);
	int git = 0;

	if (real && !run_git(tree, args, &out, NULL)) {
		strbuf_rtrim(&out);
		top = realpath(out.buf, NULL);
		git = top && !strcmp(top, real);
		free(top);
	}
	free(real);
	strbuf_release(&out);
	return git;
}

/* DIR from the scratch twin; the summary on stdout once it is there. */
static void finish(struct fix_state *st, const struct scan_result *r,
		   struct fix_site *sites, size_t n, const char *out_dir)
{
	char *text = summary_text(st, r, sites, n);
	char *path = xstrfmt("%s/summary.txt", st->work);

	if (write_file_atomic(path, text, strlen(text)) < 0)
		die("cannot write '%s'", path);
	free(path);
	if (st->build) {
		path = xstrfmt("%s/build.log", st->work);
		if (write_file_atomic(path, st->build_log.buf,
				      st->build_log.len) < 0)
			die("cannot write '%s'", path);
		free(path);
	}
	/* an empty DIR is replaced whole; one filled meanwhile fails */
	if (rename(st->work, out_dir) < 0)
		die_errno("cannot rename '%s' to '%s'", st->work, out_dir);
	unregister_tempdir(st->work);
	fputs(text, stdout);
	free(text);
}

struct fix_options {
	const char *output;
	int build, quiet;
};

static void parse_fix_options(int argc, char **argv, struct scan_options *opt,
			      char **cache_dir, struct fix_options *fo)
{
	static const struct option longopts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "timeout", required_argument, NULL, 't' },
		{ "cache", required_argument, NULL, 'C' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ "no-build", no_argument, NULL, 'n' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:j:q", longopts, NULL)) != -1) {
		if (scan_common_option(c, optarg, opt, cache_dir, fix_usage))
			continue;
		if (c == 'o')
			fo->output = optarg;
		else if (c == 'n')
			fo->build = 0;
		else if (c == 'q')
			fo->quiet = 1;
		else
			usage_die(fix_usage, "unknown option");
	}
	if (optind != argc - 1)
		usage_die(fix_usage, optind < argc ? "one TREE only"
						  : "which TREE?");
	if (!fo->output)
		usage_die(fix_usage, "where to? -o DIR");
}

int cmd_fix(int argc, char **argv)
{
	struct scan_options opt = { .timeout = 300 };
	struct fix_options fo = { NULL, 1, 0 };
	char *cache_dir = cache_default_dir(), *out_dir;
	struct fix_state st;
	struct fix_site *sites;
	size_t nsites;
	struct scan_result r;

	opt.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	parse_fix_options(argc, argv, &opt, &cache_dir, &fo);
	out_dir = output_path(fo.output);
	if (opt.jobs < 1)
		opt.jobs = 1;
	opt.cache_dir = cache_dir;

	memset(&st, 0, sizeof(st));
	st.build = fo.build;
	st.jobs = opt.jobs;
	progress_setup(fo.quiet);
	st.sp_path = mmcheck_data_path("smpl/fix_use_mm.cocci");
	st.pin_path = mmcheck_data_path("smpl/pin_mm_store.cocci");
	if (access(st.sp_path, R_OK) || access(st.pin_path, R_OK))
		die_errno("cannot read the semantic patches '%s' and '%s'",
			  st.sp_path, st.pin_path);

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
	st.tree_key = r.tree_key;
	st.cx.critical = &r.arches.critical;
	st.is_git = tree_is_git(st.tree);
	strbuf_init(&st.summary, 0);
	strbuf_init(&st.build_log, 0);

	sites = select_sites(&r, &nsites);
	fix_all(&st, sites, nsites);
	wrapper_calls(sites, nsites);
	if (check_applies(st.tree, st.work))
		die("a patch does not apply to the tree it was made from");
	finish(&st, &r, sites, nsites, out_dir);

	for (size_t i = 0; i < nsites; i++) {
		free(sites[i].why);
		free(sites[i].bail);
		free(sites[i].patch);
		free(sites[i].pin_patch);
	}
	free(sites);
	free(st.work);
	free(st.sp_path);
	free(st.pin_path);
	free(out_dir);
	strbuf_release(&st.summary);
	strbuf_release(&st.build_log);
	scan_result_clear(&r);
	free(cache_dir);
	return 0;
}
