// SPDX-License-Identifier: GPL-2.0-only
/*
 * Diagnostics and allocation wrappers; see usage.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "remove-tree.h"
#include "usage.h"

/*
 * Files being written (reports, cache entries) and scratch directories
 * are removed when we die, exit or are killed by a signal, so that no
 * half-written output and no scratch is left behind. The signal handler
 * reads these arrays: an entry is cleared before it is freed.
 */
static char *volatile tempfiles[8];
static char *volatile tempdirs[4];
static pid_t temp_owner;
static volatile pid_t temp_child;
static int die_status = EXIT_FATAL;

/* Async-signal-safe. A forked child (before its exec) removes nothing. */
static void remove_tempfiles(void)
{
	if (getpid() != temp_owner)
		return;
	/* a child still writing into a directory would refill it */
	if (temp_child > 0) {
		kill(temp_child, SIGKILL);
		waitpid(temp_child, NULL, 0);
		temp_child = 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(tempfiles); i++)
		if (tempfiles[i])
			unlink(tempfiles[i]);
	for (size_t i = 0; i < ARRAY_SIZE(tempdirs); i++)
		if (tempdirs[i])
			remove_tree(tempdirs[i]);
}

static void remove_tempfiles_on_signal(int sig)
{
	remove_tempfiles();
	signal(sig, SIG_DFL);
	raise(sig);	/* delivered when the handler returns: we die of it */
}

/* From the first registration on: remove them at exit and on signals. */
static void watch_exits(void)
{
	static const int sigs[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE };
	static int watching;

	temp_owner = getpid();
	if (watching)
		return;
	watching = 1;
	atexit(remove_tempfiles);
	for (size_t i = 0; i < ARRAY_SIZE(sigs); i++) {
		struct sigaction sa, old;

		/* a signal ignored when we started (nohup) stays ignored */
		if (sigaction(sigs[i], NULL, &old) < 0 || old.sa_handler == SIG_IGN)
			continue;
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = remove_tempfiles_on_signal;
		sigemptyset(&sa.sa_mask);
		sigaction(sigs[i], &sa, NULL);
	}
}

static void register_in(char *volatile *slots, size_t n, const char *path)
{
	watch_exits();
	for (size_t i = 0; i < n; i++)
		if (!slots[i]) {
			slots[i] = xstrdup(path);
			return;
		}
	die("too many temporary files ('%s')", path);
}

static void unregister_in(char *volatile *slots, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (slots[i] && !strcmp(slots[i], path)) {
			char *p = slots[i];

			slots[i] = NULL;
			free(p);
		}
}

void set_cleanup_child(pid_t pid)
{
	temp_child = pid;
}

void register_tempfile(const char *path)
{
	register_in(tempfiles, ARRAY_SIZE(tempfiles), path);
}

void unregister_tempfile(const char *path)
{
	unregister_in(tempfiles, ARRAY_SIZE(tempfiles), path);
}

void register_tempdir(const char *path)
{
	register_in(tempdirs, ARRAY_SIZE(tempdirs), path);
}

void unregister_tempdir(const char *path)
{
	unregister_in(tempdirs, ARRAY_SIZE(tempdirs), path);
}

void exit_fatal(void)
{
	exit(die_status);
}

void set_die_status(int status)
{
	die_status = status;
}

__attribute__((format(printf, 2, 0)))
static void vreport(const char *prefix, const char *fmt, va_list ap,
		    int errnum)
{
	fflush(stdout);
	fputs(prefix, stderr);
	vfprintf(stderr, fmt, ap);
	if (errnum)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("fatal: ", fmt, ap, 0);
	va_end(ap);
	remove_tempfiles();
	exit(die_status);
}

void die_errno(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vreport("fatal: ", fmt, ap, e);
	va_end(ap);
	remove_tempfiles();
	exit(die_status);
}

int error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("error: ", fmt, ap, 0);
	va_end(ap);
	return -1;
}

int error_errno(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vreport("error: ", fmt, ap, e);
	va_end(ap);
	return -1;
}

void warning(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("warning: ", fmt, ap, 0);
	va_end(ap);
}

static int help_mode;

void usage_help_mode(void)
{
	help_mode = 1;
}

void usage_help(const char *usage)
{
	printf("usage: %s\n", usage);
	if (fflush(stdout) || ferror(stdout))
		exit(EXIT_FATAL);
	exit(0);
}

void usage_die(const char *usage, const char *fmt, ...)
{
	va_list ap;

	if (help_mode)
		usage_help(usage);
	va_start(ap, fmt);
	vreport("error: ", fmt, ap, 0);
	va_end(ap);
	fprintf(stderr, "usage: %s\n", usage);
	exit(EXIT_USAGE);
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory allocating %zu bytes", n);
	return p;
}

void *xcalloc(size_t nmemb, size_t n)
{
	void *p = calloc(nmemb ? nmemb : 1, n ? n : 1);

	if (!p)
		die("out of memory allocating %zu bytes", nmemb * n);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory allocating %zu bytes", n);
	return p;
}

char *xstrdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		die("out of memory");
	return d;
}

char *xstrndup(const char *s, size_t n)
{
	char *d = strndup(s, n);

	if (!d)
		die("out of memory");
	return d;
}

char *xstrfmt(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	return s;
}
