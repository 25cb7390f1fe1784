// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcheck arches TREE: the architectures of TREE whose TLB code skips the
 * cross-CPU flush for an mm with a single user, one per line with the
 * file:line evidence; --all adds the other readers of mm_users. Only the
 * arches semantic patch runs, on arch/.
 */
#include <getopt.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtin.h"
#include "cache.h"
#include "json-str.h"
#include "scan.h"
#include "progress.h"
#include "usage.h"

const char arches_usage[] =
	"mmcheck arches [--all] [--format=text|json] [-o FILE] [-q] [-j N]\n"
	"               [--cache DIR | --no-cache] [--timeout SEC]\n"
	"               [--semantic-patches DIR] TREE";

static void print_text(struct strbuf *sb, const struct arch_report *ar,
		       int all)
{
	const char *arch = NULL;

	/* the critical ones: name, then every flush shortcut */
	for (size_t i = 0; i < ar->nr; i++) {
		const struct arch_reader *rd = &ar->items[i];

		if (!rd->critical)
			continue;
		if (!arch || strcmp(arch, rd->arch)) {
			strbuf_addf(sb, "%s%s", arch ? "\n" : "", rd->arch);
			arch = rd->arch;
		}
		strbuf_addf(sb, " %s:%d", rd->fact->file, rd->fact->line);
	}
	if (arch)
		strbuf_addch(sb, '\n');
	if (!all)
		return;
	for (size_t i = 0; i < ar->nr; i++) {
		const struct arch_reader *rd = &ar->items[i];
		const char *test = fact_str(rd->fact, "test");

		if (rd->critical)
			continue;
		strbuf_addf(sb, "%s (not critical) %s:%d %s: %s\n", rd->arch,
			    rd->fact->file, rd->fact->line, rd->fact->klass,
			    test ? test : "");
	}
}

int cmd_arches(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "output", required_argument, NULL, 'o' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "timeout", required_argument, NULL, 't' },
		{ "cache", required_argument, NULL, 'C' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ "semantic-patches", required_argument, NULL, 'S' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 }
	};
	struct scan_options opt = { .timeout = 300, .arches_only = 1 };
	char *cache_dir = cache_default_dir();
	const char *format = "text", *output = NULL;
	struct strbuf sb = STRBUF_INIT;
	struct scan_result r;
	int all = 0, quiet = 0, c, status, failed;

	opt.jobs = (int)sysconf(_SC_NPROCESSORS_ONLN);
	optind = 1;
	while ((c = getopt_long(argc, argv, "ao:j:q", longopts, NULL)) != -1) {
		if (scan_common_option(c, optarg, &opt, &cache_dir, arches_usage))
			continue;
		switch (c) {
		case 'a':
			all = 1;
			break;
		case 'f':
			if (strcmp(optarg, "text") && strcmp(optarg, "json"))
				usage_die(arches_usage, "--format is text or "
					  "json, not '%s'", optarg);
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'S':
			opt.sp_dir = optarg;
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			usage_die(arches_usage, "unknown option");
		}
	}
	if (optind != argc - 1)
		usage_die(arches_usage, optind < argc ? "one TREE only"
						      : "which TREE?");
	if (opt.jobs < 1)
		opt.jobs = 1;
	opt.cache_dir = cache_dir;
	progress_setup(quiet);

	status = scan_tree(&r, argv[optind], &opt) & 2;
	if (!r.arches.ran)
		die("no semantic patch reads arch/ (// Mmcheck: arches)");
	if (!strcmp(format, "json")) {
		json_t *doc = json_object();
		char *s;

		json_object_set_new(doc, "schema", json_string("mmcheck-arches"));
		json_object_set_new(doc, "version", json_integer(1));
		json_object_set_new(doc, "tree", json_path(r.tree));
		json_object_set_new(doc, "kernel_version", json_text(r.kernel_version));
		json_object_set_new(doc, "critical", json_array());
		for (size_t i = 0; i < r.arches.critical.nr; i++)
			json_array_append_new(json_object_get(doc, "critical"),
				json_text(r.arches.critical.items[i]));
		json_object_set_new(doc, "arches", arches_json(&r.arches, all));
		json_object_set_new(doc, "not_analysed", not_analysed_json(&r));
		s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(doc);
		if (!s)
			die("out of memory writing JSON");
		strbuf_addstr(&sb, s);
		strbuf_addch(&sb, '\n');
		free(s);
	} else {
		print_text(&sb, &r.arches, all);
		for (size_t i = 0; i < r.nnot_analysed; i++)
			warning("not analysed: %s: %s", r.not_analysed[i].file,
				r.not_analysed[i].reason);
	}
	failed = write_or_print(output, sb.buf) < 0;
	strbuf_release(&sb);
	scan_result_clear(&r);
	free(cache_dir);
	return failed ? EXIT_FATAL : status;
}
