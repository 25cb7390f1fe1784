/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Running one helper program (git, spatch) to completion and collecting
 * what it printed. The parallel spatch runs of a scan go through runner.c.
 */
#ifndef MMCHECK_EXEC_H
#define MMCHECK_EXEC_H

#include "strbuf.h"
#include "strlist.h"

/*
 * Run argv (argv[0] looked up in PATH) in dir with env ("NAME=value")
 * added; its stdout and stderr in out and err (either may be NULL).
 * Returns the exit code, 127 if it could not be run, 128 + signal.
 */
int run_command(const char *dir, const char *const *argv,
		const struct strlist *env, struct strbuf *out,
		struct strbuf *err);

/* run_command() with its stdin read from the file in (NULL: ours). */
int run_command_in(const char *dir, const char *const *argv,
		   const struct strlist *env, const char *in,
		   struct strbuf *out, struct strbuf *err);

/* run_command() of "git" followed by args (NULL-terminated). */
int run_git(const char *dir, const char *const *args, struct strbuf *out,
	    struct strbuf *err);

#endif
