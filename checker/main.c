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
};

static int cmd_version(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("mmcheck %s\n", MMCHECK_VERSION);
	return 0;
}

static int cmd_help(int argc, char **argv);

static const struct cmd commands[] = {
	{ "scan", cmd_scan, "scan a kernel tree and give each use site a verdict" },
	{ "check-patch", cmd_check_patch, "report what a patch or series changes (for bots)" },
	{ "arches", cmd_arches, "list the architectures where the mm_users rule is a TLB bug" },
	{ "fix", cmd_fix, "write per-subsystem fix patch series (git format-patch)" },
	{ "merge", cmd_merge, "join the shards of a scan (scan --shard I/N)" },
	{ "explain", cmd_explain, "print a rule's catalogue entry (or list rules)" },
	{ "version", cmd_version, "print mmcheck's version" },
	{ "help", cmd_help, "this list" },
};

static int cmd_help(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	printf("usage: mmcheck <command> [<args>]\n\n");
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		printf("   %-10s %s\n", commands[i].name, commands[i].help);
	printf("\nSee README.md for the options, output formats and exit "
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
			return close_stdout(commands[i].fn(argc - 1, argv + 1));
	fprintf(stderr, "mmcheck: '%s' is not a command; see 'mmcheck help'\n",
		argv[1]);
	return EXIT_USAGE;
}
