// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcheck scan: the whole pipeline on one tree.
 *
 *   discover -> prefilter -> spatch workers -> facts -> verdicts
 *            -> subsystems -> text / JSON
 *
 * Exit status: 0 nothing of severity error and every candidate analysed;
 * bit 1 (1) error findings; bit 2 (2) the result is incomplete (a file was
 * not analysed); 128 fatal (bad tree, no spatch); 129 usage.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "builtin.h"
#include "datadir.h"
#include "prefilter.h"
#include "runner.h"
#include "scan.h"
#include "spatch.h"
#include "tree.h"
#include "usage.h"

static const char scan_usage[] =
	"mmcheck scan [-j N] [--format=text|json] [-o FILE] [--json FILE] "
	"[--all] [--timeout SEC] [-q] TREE";

struct scan_state {
	struct scan_result *r;
	const struct strlist *files;
	const uint32_t *masks;
	const struct sempatch_set *sps;
	size_t next_file;
	int next_sp;
	size_t done, total;
	struct task *tasks;	/* one per spatch run, total of them */
	size_t ntasks;
	double timeout;
	int progress;
};

/* One spatch run: a semantic patch on a file. */
struct task {
	const char *file;
	const struct sempatch *sp;
};

static int next_task(struct child *c, void *cb)
{
	struct scan_state *st = cb;

	for (; st->next_file < st->files->nr; st->next_file++, st->next_sp = 0) {
		uint32_t m = st->masks[st->next_file];

		for (; st->next_sp < (int)st->sps->nr; st->next_sp++) {
			if (!(m & (1u << st->next_sp)))
				continue;
			spatch_fact_argv(&c->argv, &st->sps->items[st->next_sp],
					 st->files->items[st->next_file]);
			c->dir = st->r->tree;
			st->tasks[st->ntasks].file = st->files->items[st->next_file];
			st->tasks[st->ntasks].sp = &st->sps->items[st->next_sp];
			c->data = &st->tasks[st->ntasks++];
			st->next_sp++;
			return 1;
		}
	}
	return 0;
}

static void not_analysed(struct scan_result *r, const char *file,
			 char *reason)
{
	ALLOC_GROW(r->not_analysed, r->nnot_analysed + 1, r->anot_analysed);
	r->not_analysed[r->nnot_analysed].file = xstrdup(file);
	r->not_analysed[r->nnot_analysed].reason = reason;
	r->nnot_analysed++;
}

/* The first non-empty line of a child's stderr, for a one-line reason. */
static char *first_line(const struct strbuf *sb)
{
	const char *p = sb->buf;

	while (*p == '\n' || *p == ' ')
		p++;
	return xstrndup(p, strcspn(p, "\n"));
}

static void task_done(struct child *c, void *cb)
{
	struct scan_state *st = cb;
	const struct task *t = c->data;
	const char *file = t->file;
	size_t bad;
	char *why;
	int line;

	st->done++;
	if (st->progress)
		fprintf(stderr, "\rmmcheck: spatch %zu/%zu", st->done, st->total);
	if (c->timed_out) {
		not_analysed(st->r, file, xstrfmt("spatch timed out after %g s",
						  st->timeout));
		return;
	}
	if (c->spawn_errno) {
		not_analysed(st->r, file, xstrfmt("cannot run spatch: %s",
						  strerror(c->spawn_errno)));
		return;
	}
	if (c->status) {
		char *l = first_line(&c->err);

		not_analysed(st->r, file, xstrfmt("spatch failed (exit %d)%s%s",
						  c->status, *l ? ": " : "", l));
		free(l);
		return;
	}
	if (facts_parse_buffer(&st->r->facts, c->out.buf, &bad, &why) < 0) {
		not_analysed(st->r, file,
			     xstrfmt("%zu unreadable fact line%s: %s", bad,
				     bad == 1 ? "" : "s", why));
		free(why);
		return;
	}
	if (spatch_hidden_keyword(c->err.buf, &t->sp->keywords, &line))
		not_analysed(st->r, file,
			     xstrfmt("spatch cannot parse the code around line "
				     "%d, where %s looks for uses", line,
				     t->sp->name));
}

static int cmp_na(const void *a, const void *b)
{
	return strcmp(((const struct not_analysed *)a)->file,
		      ((const struct not_analysed *)b)->file);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int scan_tree(struct scan_result *r, const char *tree,
	      const struct scan_options *opt)
{
	struct sempatch_set sps = { NULL, 0, 0 };
	struct strlist files = STRLIST_INIT;
	struct token_set sets[PREFILTER_MAX_SETS];
	struct scan_state st;
	struct runner_ops ops = { next_task, task_done };
	uint32_t *masks;
	size_t unreadable;
	char *dir;
	double t0 = now();
	int ret;

	memset(r, 0, sizeof(*r));
	if (tree_check(tree) < 0)
		exit(EXIT_FATAL);
	if (spatch_check(&r->spatch_version) < 0)
		exit(EXIT_FATAL);
	r->tree = realpath(tree, NULL);
	if (!r->tree)
		die_errno("cannot resolve '%s'", tree);
	r->kernel_version = tree_kernel_version(r->tree);

	dir = opt->sp_dir ? xstrdup(opt->sp_dir)
			  : mmcheck_data_path("scripts/coccinelle/mm");
	if (sempatch_load_dir(dir, &sps) < 0)
		exit(EXIT_FATAL);
	free(dir);
	if (sps.nr > PREFILTER_MAX_SETS)
		die("too many semantic patches (%zu)", sps.nr);
	dir = mmcheck_data_path("rules");
	if (rules_load(&r->rules, dir) < 0)
		exit(EXIT_FATAL);
	free(dir);

	ret = maintainers_load(&r->maintainers, r->tree);
	if (ret < 0)
		exit(EXIT_FATAL);
	r->have_maintainers = !ret;
	if (ret == 1)
		warning("no MAINTAINERS in '%s': findings go under \"%s\"",
			tree, NO_ENTRY_NAME);
	if (r->maintainers.bad_regex)
		warning("%zu MAINTAINERS patterns do not compile and are "
			"ignored", r->maintainers.bad_regex);

	if (tree_list_sources(r->tree, &files) < 0)
		warning("some directories of '%s' could not be read", tree);
	r->files = files.nr;
	masks = xcalloc(files.nr ? files.nr : 1, sizeof(*masks));
	for (size_t k = 0; k < sps.nr; k++)
		sets[k].tokens = &sps.items[k].keywords;
	prefilter_run(r->tree, &files, sets, (int)sps.nr, opt->jobs, masks,
		      &unreadable);
	if (unreadable)
		warning("%zu files of '%s' could not be read", unreadable, tree);

	memset(&st, 0, sizeof(st));
	st.r = r;
	st.files = &files;
	st.masks = masks;
	st.sps = &sps;
	st.timeout = opt->timeout;
	st.progress = opt->progress;
	for (size_t i = 0; i < files.nr; i++) {
		if (masks[i])
			r->candidates++;
		st.total += (size_t)__builtin_popcount(masks[i]);
	}
	st.tasks = xcalloc(st.total ? st.total : 1, sizeof(*st.tasks));
	if (run_parallel(opt->jobs, opt->timeout, &ops, &st) < 0)
		die("interrupted");
	if (st.progress)
		fprintf(stderr, "\r%40s\r", "");

	/* a file is analysed once all its semantic patches ran cleanly */
	r->analysed = r->candidates;
	if (r->nnot_analysed) {
		size_t distinct = 1;

		qsort(r->not_analysed, r->nnot_analysed,
		      sizeof(*r->not_analysed), cmp_na);
		for (size_t i = 1; i < r->nnot_analysed; i++)
			distinct += !!strcmp(r->not_analysed[i].file,
					     r->not_analysed[i - 1].file);
		r->analysed -= distinct;
	}

	facts_sort(&r->facts);
	verdicts_build(&r->verdicts, &r->facts, &r->rules);
	for (size_t i = 0; i < r->verdicts.nr; i++)
		r->verdicts.items[i].subsystem =
			maintainers_match(&r->maintainers,
					  r->verdicts.items[i].use->file);
	scan_summarize(r);
	r->seconds = now() - t0;

	free(st.tasks);
	free(masks);
	strlist_clear(&files);
	sempatch_set_clear(&sps);
	return (r->errors ? 1 : 0) | (r->nnot_analysed ? 2 : 0);
}

static int write_or_print(const char *path, const char *buf)
{
	if (!path) {
		fputs(buf, stdout);
		return fflush(stdout) ? error_errno("cannot write output") : 0;
	}
	return write_file_atomic(path, buf, strlen(buf));
}

static char *text_of(const struct scan_result *r, int show_all)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		die_errno("cannot allocate the report");
	report_text(f, r, show_all);
	if (fclose(f))
		die_errno("cannot build the report");
	return buf;
}

int cmd_scan(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "jobs", required_argument, NULL, 'j' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "json", required_argument, NULL, 'J' },
		{ "all", no_argument, NULL, 'a' },
		{ "timeout", required_argument, NULL, 't' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "semantic-patches", required_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 }
	};
	struct scan_options opt = { 0, 300, 0, NULL };
	const char *format = "text", *output = NULL, *json_out = NULL;
	int show_all = 0, quiet = 0, c, status, failed = 0;
	struct scan_result r;
	char *main_out;

	opt.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:o:qa", longopts, NULL)) != -1) {
		char *end;

		switch (c) {
		case 'j':
			opt.jobs = (int)strtol(optarg, &end, 10);
			if (*end || opt.jobs < 1)
				usage_die(scan_usage, "-j wants a positive number, "
					  "not '%s'", optarg);
			break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				usage_die(scan_usage, "unknown format '%s'", optarg);
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'J':
			json_out = optarg;
			break;
		case 'a':
			show_all = 1;
			break;
		case 't':
			opt.timeout = strtod(optarg, &end);
			if (*end || opt.timeout < 0)
				usage_die(scan_usage, "--timeout wants seconds, "
					  "not '%s'", optarg);
			break;
		case 'q':
			quiet = 1;
			break;
		case 'S':
			opt.sp_dir = optarg;
			break;
		default:
			usage_die(scan_usage, "unknown option");
		}
	}
	if (optind != argc - 1)
		usage_die(scan_usage, optind < argc ? "one TREE only"
						    : "which TREE?");
	if (opt.jobs < 1)
		opt.jobs = 1;
	opt.progress = !quiet && isatty(2);

	status = scan_tree(&r, argv[optind], &opt);

	main_out = !strcmp(format, "json") ? report_json(&r)
					   : text_of(&r, show_all);
	if (write_or_print(output, main_out) < 0)
		failed = 1;
	free(main_out);
	if (json_out && !failed) {
		char *js = report_json(&r);

		if (write_file_atomic(json_out, js, strlen(js)) < 0)
			failed = 1;
		free(js);
	}
	if (output && !quiet && !failed) {
		/* the report went to a file: show the summary here */
		report_subsystems(stdout, &r);
		printf("\nreport: %s\n", output);
		if (json_out)
			printf("json:   %s\n", json_out);
	}
	scan_result_clear(&r);
	if (failed) {
		if (output)
			unlink(output);
		return EXIT_FATAL;
	}
	return status;
}
