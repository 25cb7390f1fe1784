// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcheck: find kthread_use_mm()/use_mm() uses of an mm that no mm_users
 * reference keeps alive. This file only dispatches to the subcommands.
 */
#include <stdio.h>
#include <string.h>

#include "builtin.h"
#include "usage.h"
#include "version.h"

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
	const char *usage;	/* NULL: the command prints it (see run_help) */
};

static const char version_usage[] = "mmcheck version";
static const char help_usage[] = "mmcheck help";

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("mmcheck %s\n", MMCHECK_VERSION);
	return 0;
}

static int cmd_help(int argc, char **argv);

static const struct cmd commands[] = {
	{ "scan", cmd_scan, "scan a kernel tree and give each use site a verdict",
	  scan_usage },
	{ "check-patch", cmd_check_patch, "report what a patch or series changes (for bots)",
	  check_patch_usage },
	{ "arches", cmd_arches, "list the architectures where the mm_users rule is a TLB bug",
	  arches_usage },
	{ "fix", cmd_fix, "write per-subsystem fix patch series (git format-patch)",
	  NULL },
	{ "merge", cmd_merge, "join the shards of a scan (scan --shard I/N)",
	  merge_usage },
	{ "explain", cmd_explain, "print a rule's catalogue entry (or list rules)",
	  explain_usage },
	{ "version", cmd_version, "print mmcheck's version", version_usage },
	{ "help", cmd_help, "this list", help_usage },
};

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("usage: mmcheck <command> [<args>]\n\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		printf("   %-10s %s\n", commands[i].name, commands[i].help);
	printf("\n'mmcheck COMMAND --help' prints a command's usage; "
	       "docs/usage.md has\nthe options, output formats and exit "
	       "statuses.\n");
	return 0;
}

/*
 * What a command printed must have reached stdout: a full disk or a
 * closed pipe is a fatal error with a message, never a silent success
 * (stdio keeps a write error in the stream, and a later fflush() may
 * not repeat it).
 */
static int close_stdout(int status)
{
	if (fflush(stdout) || ferror(stdout) || fclose(stdout)) {
		error("cannot write to standard output");
		return EXIT_FATAL;
	}
	return status;
}

/* 1 if args (before a "--") ask for help. */
static int wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

/*
 * COMMAND --help (or -h): its usage on stdout, exit 0. A command whose
 * usage line main.c does not hold is run with no argument in help mode,
 * where the usage it would refuse that with is printed instead.
 */
static int run_help(const struct cmd *c)
{
	char *argv[] = { (char *)c->name, NULL };

	if (c->usage)
		usage_help(c->usage);
	usage_help_mode();
	c->fn(1, argv);
	/* it did not refuse: its one-line help is all there is */
	printf("usage: mmcheck %s\n\n   %s\n", c->name, c->help);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		cmd_help(argc, argv);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version"))
		return cmd_version(argc, argv);
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))
		return cmd_help(argc, argv);
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		if (!strcmp(argv[1], commands[i].name))
			return close_stdout(wants_help(argc - 1, argv + 1)
					    ? run_help(&commands[i])
					    : commands[i].fn(argc - 1, argv + 1));
	fprintf(stderr, "mmcheck: '%s' is not a command; see 'mmcheck help'\n",
		argv[1]);
	return EXIT_USAGE;
}
