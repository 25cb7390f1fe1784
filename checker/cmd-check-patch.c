// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcheck check-patch TREE PATCH...: what a patch (or a series) changes.
 *
 * The patches are read as git am reads mail (patch-mail.c): a mail
 * without a diff, such as a cover letter or a reply, is skipped. The tree
 * is scanned as it is (from the cache, when a bot keeps it warm), then
 * each patch is applied in a scratch tree (patch-apply.c) and the tree is
 * scanned again as seen through it (an overlay): only the touched files
 * and whatever new wrappers or struct fields they bring are analysed
 * anew. A series is checked patch by patch, each on the tree with the
 * earlier ones applied. TREE itself is never written to.
 *
 * Output (patch-reply.c): an email reply in the style of the kernel test
 * robot, JSON or SARIF. Exit status: 0 nothing new, 1 new findings, 2
 * could not check (a malformed patch, a patch that does not apply, a bad
 * tree), 3 both: a series stops at a patch that cannot be checked, and
 * what the patches before it added is reported and counts.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtin.h"
#include "cache.h"
#include "check-patch.h"
#include "json-str.h"
#include "progress.h"
#include "report-sarif.h"
#include "scan.h"
#include "spatch.h"
#include "tree.h"
#include "usage.h"

const char check_patch_usage[] =
	"mmcheck check-patch [--format=email|json|sarif] [-q] [-j N]\n"
	"               [--timeout SEC] [--batch N|auto] [--cache DIR | --no-cache]\n"
	"               [--config FILE] [--from ADDR] [--reported-by ADDR]\n"
	"               [--closes TEMPLATE] [--link TEMPLATE] [--cc ADDR]...\n"
	"               [--no-cc-patch] TREE PATCH... (- for stdin)";

void cannot_check(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_CANNOT);
}

/*
 * Refuse a bad tree or a missing spatch before any work, with exit 2 as
 * documented; scan_tree() would exit 128 for them.
 */
static void check_tree_and_spatch(const char *tree)
{
	struct stat st;
	char *version;

	if (stat(tree, &st) < 0)
		cannot_check("'%s' is not a kernel tree: %s", tree, strerror(errno));
	if (tree_check(tree) < 0 || spatch_check(&version) < 0)
		exit(EXIT_CANNOT);
	free(version);
}

/* Where the replies go, and what they need besides each patch. */
struct check_run {
	const char *format;
	const char *tree;
	struct overlay ov;
	struct bot_config bc;
	struct sarif_log *sarif;
	json_t *patches;
	size_t nadded;
};

static void report_patch(struct check_run *cr, const struct patch_msg *m,
			 const struct patch_result *pr,
			 const struct scan_result *after)
{
	struct reply r = { after->tree, &cr->ov, m, pr, after->kernel_version,
			   &cr->bc };

	if (cr->sarif) {
		for (size_t k = 0; k < pr->added.nr; k++)
			sarif_log_add(cr->sarif, pr->added.items[k].u,
				      pr->added.items[k].k, "new", m->number);
		for (size_t k = 0; k < pr->fixed.nr; k++)
			sarif_log_add(cr->sarif, pr->fixed.items[k].u,
				      pr->fixed.items[k].k, "absent", m->number);
		sarif_log_not_analysed(cr->sarif, after);
	} else if (!strcmp(cr->format, "email")) {
		if (m->number > 1)
			printf("\n");
		email_reply(stdout, &r);
		flush_stdout();
	} else {
		json_array_append_new(cr->patches, patch_json(&r));
	}
}

/*
 * Check the patches in order, each against the tree as the ones before
 * it left it. Returns EXIT_CANNOT if one could not be applied: the rest
 * of the series builds on it.
 */
static int check_series(struct check_run *cr, const struct patch_msgs *msgs,
			struct scan_options *opt, struct scan_result *before)
{
	struct fkeys fbefore = FKEYS_INIT;
	int status = 0;

	fkeys_collect(before, &fbefore);
	if (!strcmp(cr->format, "sarif"))
		cr->sarif = sarif_log_new(before);
	for (size_t i = 0; i < msgs->nr; i++) {
		const struct patch_msg *m = &msgs->items[i];
		struct fkeys fafter = FKEYS_INIT;
		struct patch_result pr = { FKEYS_INIT, FKEYS_INIT };
		struct scan_result after;

		progress_context("patch %d/%zu", m->number, msgs->nr);
		if (apply_patch(before->tree, &cr->ov, m) < 0) {
			status = EXIT_CANNOT;
			break;
		}
		opt->overlay = &cr->ov;
		scan_prewarm(before, opt);
		scan_tree(&after, cr->tree, opt);
		fkeys_collect(&after, &fafter);
		fkeys_difference(&fafter, &fbefore, &pr.added);
		fkeys_difference(&fbefore, &fafter, &pr.fixed);
		cr->nadded += pr.added.nr;
		report_patch(cr, m, &pr, &after);
		fkeys_clear(&pr.added);
		fkeys_clear(&pr.fixed);
		/* the next patch of a series is checked against this one */
		fkeys_clear(&fbefore);
		scan_result_clear(before);
		*before = after;
		fbefore = fafter;
	}
	progress_context(NULL);
	fkeys_clear(&fbefore);
	return status;
}

static json_t *skipped_json(const struct patch_msgs *skipped)
{
	json_t *a = json_array();

	for (size_t i = 0; i < skipped->nr; i++) {
		const struct patch_msg *m = &skipped->items[i];
		json_t *o = json_object();

		json_object_set_new(o, "mail", json_integer(m->mail));
		json_object_set_new(o, "subject", json_text(m->subject));
		json_object_set_new(o, "message_id", m->msgid ?
				    json_text(m->msgid) : json_null());
		json_array_append_new(a, o);
	}
	return a;
}

static void print_outputs(struct check_run *cr, const char *tree,
			  const struct patch_msgs *skipped)
{
	if (!strcmp(cr->format, "json")) {
		print_json(tree, cr->nadded, cr->patches, skipped_json(skipped));
		cr->patches = NULL;
	}
	if (cr->sarif) {
		char *s = sarif_log_finish(cr->sarif);

		fputs(s, stdout);
		free(s);
		flush_stdout();
	}
}

static void parse_options(int argc, char **argv, struct check_run *cr,
			  struct scan_options *opt, char **cache_dir)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "cache", required_argument, NULL, 'C' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ "timeout", required_argument, NULL, 't' },
		{ "batch", required_argument, NULL, 'B' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		BOT_CONFIG_LONGOPTS,
		{ NULL, 0, NULL, 0 }
	};
	int c, quiet = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "j:qh", longopts, NULL)) != -1) {
		if (scan_common_option(c, optarg, opt, cache_dir, check_patch_usage) ||
		    bot_config_option(&cr->bc, c, optarg))
			continue;
		switch (c) {
		case 'f':
			if (strcmp(optarg, "email") && strcmp(optarg, "json") &&
			    strcmp(optarg, "sarif"))
				usage_die(check_patch_usage, "unknown format '%s'", optarg);
			cr->format = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'h':
			usage_help(check_patch_usage);
		default:
			usage_die(check_patch_usage, "unknown option");
		}
	}
	if (argc - optind < 2)
		usage_die(check_patch_usage, "wants a TREE and at least one PATCH");
	progress_setup(quiet);
}

int cmd_check_patch(int argc, char **argv)
{
	struct scan_options opt = { .timeout = 300 };
	struct check_run cr = { .format = "email" };
	struct patch_msgs msgs = PATCH_MSGS_INIT, skipped = PATCH_MSGS_INIT;
	struct strlist inputs = STRLIST_INIT;
	struct scan_result before;
	char *cache_dir = cache_default_dir();
	int status;

	/* whatever stops check-patch is "could not check" */
	set_die_status(EXIT_CANNOT);
	opt.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (opt.jobs < 1)
		opt.jobs = 1;
	bot_config_init(&cr.bc);
	parse_options(argc, argv, &cr, &opt, &cache_dir);
	opt.cache_dir = cache_dir;
	cr.tree = argv[optind];
	cr.patches = json_array();

	read_inputs(argc - optind - 1, argv + optind + 1, &inputs);
	check_tree_and_spatch(cr.tree);
	make_scratch(&cr.ov);
	read_mails(&inputs, &msgs, &skipped);
	strlist_clear(&inputs);
	if (!msgs.nr)
		cannot_check("malformed input: none of its %zu mail%s holds a diff",
			     skipped.nr, skipped.nr == 1 ? "" : "s");

	/* the tree as it is */
	scan_tree(&before, cr.tree, &opt);
	status = check_series(&cr, &msgs, &opt, &before);
	print_outputs(&cr, before.tree, &skipped);

	json_decref(cr.patches);
	scan_result_clear(&before);
	patch_msgs_clear(&msgs);
	patch_msgs_clear(&skipped);
	remove_scratch(&cr.ov);
	bot_config_clear(&cr.bc);
	free(cache_dir);
	return status | (cr.nadded ? EXIT_NEW : 0);
}
