/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A growable string whose buffer is never NULL: after strbuf_init() (or
 * STRBUF_INIT) buf points at a NUL-terminated string, possibly the shared
 * empty one. strbuf_release() frees it and leaves an empty strbuf.
 */
#ifndef MMCHECK_STRBUF_H
#define MMCHECK_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	size_t alloc;
	size_t len;
	char *buf;
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT { 0, 0, strbuf_slopbuf }

/* Life cycle */
void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);
/* Hand the buffer to the caller (who frees it); sb is empty after. */
char *strbuf_detach(struct strbuf *sb, size_t *len);

/* Size */
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_reset(struct strbuf *sb);
void strbuf_setlen(struct strbuf *sb, size_t len);

/* Adding */
void strbuf_add(struct strbuf *sb, const void *data, size_t len);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
__attribute__((format(printf, 2, 3)))
void strbuf_addf(struct strbuf *sb, const char *fmt, ...);
__attribute__((format(printf, 2, 0)))
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);

/* Reading: the whole file; -1 with errno set on failure. */
int strbuf_read_file(struct strbuf *sb, const char *path);
/*
 * The same for a file that may have been made by untrusted input: only a
 * regular file is read, never through a symbolic link (its last
 * component; ELOOP), never a device or a FIFO (EINVAL).
 */
int strbuf_read_regular(struct strbuf *sb, const char *path);

/* Editing */
void strbuf_rtrim(struct strbuf *sb);

#endif
