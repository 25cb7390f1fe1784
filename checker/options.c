// SPDX-License-Identifier: GPL-2.0-only
/*
 * The options that the scanning commands share (jobs, cache, timeout,
 * batch size) and the report options of scan and merge, with the writing
 * of their outputs.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "pipeline.h"
#include "report-sarif.h"
#include "scan.h"
#include "usage.h"

/*
 * More would only start that many threads in every token pass and that
 * many spatch processes; a typo such as -j 10000 must not.
 */
#define MAX_JOBS 1024
/* A day: more is a typo, and the limit must stay a limit. */
#define MAX_TIMEOUT 86400

/* arg as a whole decimal number in [min, max]; -1 if it is not one. */
static int parse_long(const char *arg, long min, long max, long *out)
{
	char *end;

	errno = 0;
	*out = strtol(arg, &end, 10);
	if (end == arg || *end || errno || *out < min || *out > max)
		return -1;
	return 0;
}

int scan_common_option(int c, const char *arg, struct scan_options *opt,
		       char **cache_dir, const char *usage)
{
	char *end;
	long n;

	switch (c) {
	case 'j':
		if (parse_long(arg, 1, MAX_JOBS, &n))
			usage_die(usage, "-j wants a number from 1 to %d, not "
				  "'%s'", MAX_JOBS, arg);
		opt->jobs = (int)n;
		return 1;
	case 't':
		opt->timeout = strtod(arg, &end);
		/* 0, nan and inf would each turn the limit off unsaid */
		if (end == arg || *end || !isfinite(opt->timeout) ||
		    opt->timeout <= 0 || opt->timeout > MAX_TIMEOUT)
			usage_die(usage, "--timeout wants seconds, more than 0 "
				  "and at most %d, not '%s'", MAX_TIMEOUT, arg);
		return 1;
	case 'B':
		if (!strcmp(arg, "auto"))
			opt->batch = 0;
		else if (parse_long(arg, 1, BATCH_MAX_FILES, &n))
			usage_die(usage, "--batch wants 'auto' or 1 to %d, not "
				  "'%s'", BATCH_MAX_FILES, arg);
		else
			opt->batch = (int)n;
		return 1;
	case 'C':
		free(*cache_dir);
		*cache_dir = xstrdup(arg);
		return 1;
	case 'N':
		free(*cache_dir);
		*cache_dir = NULL;
		return 1;
	default:
		return 0;
	}
}

/* The text report as a string; caller frees. */
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

int report_option(int c, const char *arg, struct report_options *ro,
		  const char *usage)
{
	switch (c) {
	case 'f':
		if (strcmp(arg, "text") && strcmp(arg, "json") &&
		    strcmp(arg, "sarif"))
			usage_die(usage, "unknown format '%s'", arg);
		ro->format = arg;
		return 1;
	case 'o':
		ro->output = arg;
		return 1;
	case 'J':
		ro->json_out = arg;
		return 1;
	case 'a':
		ro->show_all = 1;
		return 1;
	case 'q':
		ro->quiet = 1;
		return 1;
	default:
		return 0;
	}
}

/*
 * The report and the --json copy are written all or none: both are
 * staged first, and only when both could be written do they replace what
 * was there. A failed run leaves the last good reports (or a device or
 * FIFO given as target) as they were.
 */
int write_outputs(struct scan_result *r, const struct report_options *ro)
{
	char *main_out =
		!strcmp(ro->format, "json") ? report_json(r) :
		!strcmp(ro->format, "sarif") ? report_sarif(r, ro->show_all) :
		text_of(r, ro->show_all);
	char *js = ro->json_out ? report_json(r) : NULL;
	char *main_tmp = NULL, *js_tmp = NULL;
	int failed = 0;

	if (ro->output &&
	    stage_file(ro->output, main_out, strlen(main_out), &main_tmp) < 0)
		failed = 1;
	if (!failed && js &&
	    stage_file(ro->json_out, js, strlen(js), &js_tmp) < 0)
		failed = 1;
	if (!failed && ro->output)
		failed = commit_file(ro->output, main_out, strlen(main_out),
				     &main_tmp) < 0;
	else if (!failed)
		failed = write_or_print(NULL, main_out) < 0;
	if (!failed && js)
		failed = commit_file(ro->json_out, js, strlen(js), &js_tmp) < 0;
	unstage_file(&main_tmp);
	unstage_file(&js_tmp);
	free(main_out);
	free(js);
	if (ro->output && !ro->quiet && !failed) {
		/* the report went to a file: show the summary here */
		report_subsystems(stdout, r);
		printf("\nreport: %s\n", ro->output);
		if (ro->json_out)
			printf("json:   %s\n", ro->json_out);
	}
	return failed ? -1 : 0;
}
