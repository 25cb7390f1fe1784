/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading what check-patch is given, once git has cut it up: the headers
 * of one mail as `git mailsplit` left it, the header block that
 * `git mailinfo` prints (decoded), whether the patch part git mailinfo
 * kept holds a diff, the address lists of To and Cc, the records of
 * `git apply --numstat -z`, then the paths they name. git does the mail
 * decoding (mbox splitting, quoted-printable, base64, CRLF, charsets,
 * format=flowed), so that check-patch reads mail as git am does.
 *
 * A patch comes from a mailing list and is untrusted. These functions do
 * no I/O, never die on bad input (only the x*() allocators may, on out of
 * memory) and never read past the length they are given, so that a fuzz
 * target (fuzz/fuzz-patch.c) can call them on anything.
 */
#ifndef MMCHECK_PATCH_PARSE_H
#define MMCHECK_PATCH_PARSE_H

#include <stddef.h>

#include "strlist.h"

/* Mails */

/*
 * One mail of the input. Header values are one line each: control
 * characters become spaces, so that nothing a mail says can start a new
 * line in a reply's headers.
 */
struct patch_msg {
	char *text;		/* the patch part (git mailinfo's), NUL-terminated */
	char *subject;		/* decoded, for the reader; never NULL */
	char *raw_subject;	/* as sent, for the reply's Subject, or NULL */
	char *from;		/* the From header as sent, or NULL */
	char *msgid;		/* Message-ID, or NULL */
	struct strlist cc;	/* the addresses of To and Cc, as sent */
	int mail;		/* 1-based, among the mails given */
	int number;		/* 1-based, among the mails that hold a diff */
};

struct patch_msgs {
	struct patch_msg *items;
	size_t nr, alloc;
};

#define PATCH_MSGS_INIT { NULL, 0, 0 }

/*
 * Fill m's raw_subject, from, msgid and cc from the headers of mail (len
 * bytes, one mail of git mailsplit's output; an mbox "From " line first
 * is skipped). Folded lines are joined. A mail with no header (a plain
 * diff) leaves them NULL and empty.
 */
void mail_headers_parse(const char *mail, size_t len, struct patch_msg *m);

/*
 * Fill m->subject from the "Subject: " line of git mailinfo's header
 * block (len bytes); "(no subject)" without one, and a subject already
 * set is replaced.
 */
void mailinfo_parse(const char *info, size_t len, struct patch_msg *m);

/* 1 if text (len bytes) holds a diff git apply could read. */
int has_diff(const char *text, size_t len);

/*
 * Append the addresses of an address list ("A <a@x>, \"B, C\" <b@x>")
 * to out, each trimmed: commas inside quotes, angle brackets and
 * comments do not split. Empty entries are dropped.
 */
void address_list_split(const char *list, struct strlist *out);

/*
 * The mailbox of an address, lower-cased, to compare two addresses:
 * what is inside its angle brackets, or the whole of it. Caller frees.
 */
char *address_mailbox(const char *addr);

void patch_msg_clear(struct patch_msg *m);
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
