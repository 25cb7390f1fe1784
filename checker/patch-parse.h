/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading what check-patch is given: an mbox or a single patch, split into
 * messages with the headers a reply needs, and the records of
 * `git apply --numstat -z`, then the paths they name.
 *
 * A patch comes from a mailing list and is untrusted. These functions do
 * no I/O, never die on bad input (only the x*() allocators may, on out of
 * memory) and never read past the length they are given, so that a fuzz
 * target (fuzz/fuzz-patch.c) can call them on anything.
 */
#ifndef MMCHECK_PATCH_PARSE_H
#define MMCHECK_PATCH_PARSE_H

#include <stddef.h>

/* Messages */

struct patch_msg {
	char *text;		/* the whole message, NUL-terminated */
	char *subject, *from, *msgid;	/* NULL until patch_msg_parse() */
	int number;		/* 1-based, in the order given */
};

struct patch_msgs {
	struct patch_msg *items;
	size_t nr, alloc;
};

#define PATCH_MSGS_INIT { NULL, 0, 0 }

/*
 * Append the messages of buf (len bytes; it need not be NUL-terminated)
 * to out: an mbox (starting with "From ") is cut before each of its
 * "From ... <date>" lines, anything else is one message. The messages put
 * together are exactly buf. Returns 0, or -1 if buf holds a NUL byte
 * (a patch is text) and nothing was appended.
 */
int mbox_split(const char *buf, size_t len, struct patch_msgs *out);

/*
 * Fill m's subject ("(no subject)" when absent), from and msgid from its
 * headers. Control characters in a header become spaces, so that nothing
 * a patch says can start a new line in a reply's headers. Returns 0, or
 * -1 if the message holds no diff.
 */
int patch_msg_parse(struct patch_msg *m);

void patch_msgs_clear(struct patch_msgs *msgs);

/* The paths a patch touches */

struct numstat_entry {
	char *path;		/* the path after the patch */
	char *old_path;		/* a rename's or a copy's source, or NULL */
};

struct numstat {
	struct numstat_entry *items;
	size_t nr, alloc;
};

#define NUMSTAT_INIT { NULL, 0, 0 }

/*
 * Append the records of `git apply --numstat -z` output (buf, len bytes)
 * to out. A record is "ADDED\tDELETED\tPATH\0", or for a rename or a copy
 * "ADDED\tDELETED\t\0OLD\0NEW\0" (the form git diff prints; git apply
 * prints only the new name); ADDED and DELETED are decimal or "-" (binary).
 * Returns 0, or -1 on the first malformed record (the entries before it
 * stay in out).
 */
int numstat_parse(const char *buf, size_t len, struct numstat *out);

void numstat_clear(struct numstat *ns);

/*
 * 1 if path may be written below the scratch tree: not empty, relative,
 * and no component of it is "..". Other dots ("a..b.c") are fine.
 */
int patch_path_ok(const char *path);

#endif
