/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Messages and allocation wrappers shared by every stage.
 *
 * die() prints "fatal: ..." and exits 128; usage errors exit 129;
 * error() prints "error: ..." and returns -1 so callers can write
 * "return error(...)"; warning() prints "warning: ...". Messages are
 * lower-case, without a full stop, with the subject quoted.
 *
 * The x*() allocators die on failure, so callers never check for NULL.
 */
#ifndef MMCHECK_USAGE_H
#define MMCHECK_USAGE_H

#include <stddef.h>
#include <sys/types.h>

#define EXIT_FATAL 128
#define EXIT_USAGE 129

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

__attribute__((format(printf, 1, 2), noreturn))
void die(const char *fmt, ...);
__attribute__((format(printf, 1, 2), noreturn))
void die_errno(const char *fmt, ...);
__attribute__((format(printf, 1, 2)))
int error(const char *fmt, ...);
__attribute__((format(printf, 1, 2)))
int error_errno(const char *fmt, ...);
__attribute__((format(printf, 1, 2)))
void warning(const char *fmt, ...);
__attribute__((format(printf, 2, 3), noreturn))
void usage_die(const char *usage, const char *fmt, ...);

/* COMMAND --help: "usage: ..." on stdout, exit 0. */
__attribute__((noreturn))
void usage_help(const char *usage);
/*
 * From now on usage_die() is usage_help(): main.c runs a command whose
 * usage it does not know with no argument this way, for its --help.
 */
void usage_help_mode(void);

/*
 * Temporary files and directories registered here are removed if the
 * process dies, exits or is killed by SIGHUP, SIGINT, SIGQUIT, SIGTERM or
 * SIGPIPE (and then dies of that signal). A directory is removed with all
 * it holds, links never followed (remove-tree.h). Remove it yourself
 * before unregistering it.
 */
void register_tempfile(const char *path);
void unregister_tempfile(const char *path);
void register_tempdir(const char *path);
void unregister_tempdir(const char *path);

/*
 * The status die() exits with: EXIT_FATAL unless a command documents
 * another for everything that stops it (check-patch: 2, "could not check").
 */
void set_die_status(int status);
/* Exit with that status, after an error message was printed. */
__attribute__((noreturn))
void exit_fatal(void);

/*
 * The child running now (0: none), which may be writing into a temporary
 * directory: killed and reaped before the directories are removed.
 */
void set_cleanup_child(pid_t pid);

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
__attribute__((format(printf, 1, 2)))
char *xstrfmt(const char *fmt, ...);

/* Grow an array to hold at least nr elements, doubling its allocation. */
#define ALLOC_GROW(arr, nr, alloc) do { \
		if ((size_t)(nr) > (size_t)(alloc)) { \
			size_t a_ = (alloc) ? (alloc) * 2 : 16; \
			if (a_ < (size_t)(nr)) \
				a_ = (nr); \
			(arr) = xrealloc((arr), a_ * sizeof(*(arr))); \
			(alloc) = a_; \
		} \
	} while (0)

#endif
