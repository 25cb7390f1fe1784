// SPDX-License-Identifier: GPL-2.0-only
/*
 * Diagnostics and allocation wrappers; see usage.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "usage.h"

/*
 * Files being written (reports, cache entries) and directories being
 * filled (a fix series) are removed when we exit, die or are killed by a
 * signal, so that no half-written output is left behind. A forked child
 * inherits the lists but never acts on them: only their owner does.
 */
static char *tempfiles[16];
static char *tempdirs[4];
static pid_t temp_owner;
static volatile pid_t temp_child;

static const int cleanup_signals[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM,
				       SIGPIPE };

static int remove_one(const char *path, const struct stat *st, int flag,
		      struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;	/* go on: remove what can be removed */
}

static void remove_tempfiles(void)
{
	if (!temp_owner || getpid() != temp_owner)
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
			nftw(tempdirs[i], remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/*
 * nftw() is not async-signal-safe (it allocates), as git's removal of
 * its temporary object directory on a signal is not: a signal that lands
 * inside malloc() could hang the removal. SA_RESETHAND lets a second
 * signal end the process then.
 */
static void remove_tempfiles_on_signal(int sig)
{
	int e = errno;

	remove_tempfiles();
	errno = e;
	raise(sig);	/* the default action, once this handler returns */
}

static void install_cleanup(void)
{
	struct sigaction sa, old;

	if (temp_owner)
		return;
	temp_owner = getpid();
	atexit(remove_tempfiles);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = remove_tempfiles_on_signal;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < ARRAY_SIZE(cleanup_signals); i++) {
		int sig = cleanup_signals[i];

		/* an ignored signal (nohup, a background job) stays ignored */
		if (!sigaction(sig, NULL, &old) && old.sa_handler == SIG_IGN)
			continue;
		sigaction(sig, &sa, NULL);
	}
}

static void add_temp(char **list, size_t n, const char *path)
{
	install_cleanup();
	for (size_t i = 0; i < n; i++)
		if (!list[i]) {
			list[i] = xstrdup(path);
			return;
		}
	die("BUG: too many temporary files");
}

/* The slot is emptied before it is freed: a signal may come in between. */
static void remove_temp(char **list, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] && !strcmp(list[i], path)) {
			char *p = list[i];

			list[i] = NULL;
			free(p);
		}
}

void register_tempfile(const char *path)
{
	add_temp(tempfiles, ARRAY_SIZE(tempfiles), path);
}

void unregister_tempfile(const char *path)
{
	remove_temp(tempfiles, ARRAY_SIZE(tempfiles), path);
}

void register_tempdir(const char *path)
{
	add_temp(tempdirs, ARRAY_SIZE(tempdirs), path);
}

void unregister_tempdir(const char *path)
{
	remove_temp(tempdirs, ARRAY_SIZE(tempdirs), path);
}

void set_cleanup_child(pid_t pid)
{
	temp_child = pid;
}

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
	exit(EXIT_FATAL);
}

void die_errno(const char *fmt, ...)
{
	int e = errno;
	va_list ap;

	va_start(ap, fmt);
	vreport("fatal: ", fmt, ap, e);
	va_end(ap);
	remove_tempfiles();
	exit(EXIT_FATAL);
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

void usage_die(const char *usage, const char *fmt, ...)
{
	va_list ap;

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
