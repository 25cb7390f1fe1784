// SPDX-License-Identifier: GPL-2.0-only
/*
 * check-patch's input, read as git am reads mail: git mailsplit cuts each
 * file into mails (an mbox, a single mail, a plain diff, CRLF line ends
 * undone), git mailinfo decodes each one (quoted-printable, base64,
 * charsets, format=flowed) into its patch part and a header block. What
 * is left to read here (a few headers, the address lists) is in
 * patch-parse.c, which has a fuzz target. A mail without a diff (a cover
 * letter, a reply) is skipped, and said to be.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check-patch.h"
#include "usage.h"

void read_inputs(int argc, char **argv, struct strlist *inputs)
{
	for (int i = 0; i < argc; i++) {
		struct strbuf sb = STRBUF_INIT;
		const char *name = strcmp(argv[i], "-") ? argv[i] : "/dev/stdin";

		if (strbuf_read_file(&sb, name) < 0)
			cannot_check("cannot read patch '%s': %s", argv[i],
				     strerror(errno));
		if (!sb.len)
			cannot_check("patch '%s' is empty", argv[i]);
		if (memchr(sb.buf, '\0', sb.len))
			cannot_check("patch '%s' is malformed: it holds a NUL byte",
				     argv[i]);
		strlist_push_owned(inputs, strbuf_detach(&sb, NULL));
	}
}

static void write_file(const char *path, const char *buf, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		      0600);
	FILE *f = fd < 0 ? NULL : fdopen(fd, "w");

	if (!f || fwrite(buf, 1, len, f) != len || fclose(f))
		die_errno("cannot write '%s'", path);
}

/* The first line of what git printed on stderr, for a one-line error. */
static int first_line(const struct strbuf *err)
{
	return (int)strcspn(err->buf, "\n");
}

/* Input i cut into mails in dir; how many. */
static long split_input(const char *input, int i, const char *dir)
{
	char *in = xstrfmt("%s/input-%d", scratch_dir(), i + 1);
	char *opt = xstrfmt("-o%s", dir);
	/* -b: a file that is no mbox is one mail (or a plain diff) */
	const char *args[] = { "mailsplit", "-b", opt, in, NULL };
	struct strbuf out = STRBUF_INIT, err = STRBUF_INIT;
	char *end;
	long n;

	write_file(in, input, strlen(input));
	if (mkdir(dir, 0700) < 0)
		die_errno("cannot create '%s'", dir);
	if (scratch_git(scratch_dir(), args, NULL, &out, &err))
		cannot_check("git mailsplit cannot read patch input %d: %.*s",
			     i + 1, first_line(&err), err.buf);
	n = strtol(out.buf, &end, 10);
	if (end == out.buf || n < 0)
		cannot_check("git mailsplit printed no count for input %d", i + 1);
	strbuf_release(&out);
	strbuf_release(&err);
	free(opt);
	free(in);
	return n;
}

/*
 * Mail number mail (the k-th, 1-based, of dir) into m: its headers, then
 * git mailinfo's decoding. 0 if it holds a diff, 1 if not, -1 after a
 * warning if git could not decode it.
 */
static int read_mail(const char *dir, long k, struct patch_msg *m)
{
	char *path = xstrfmt("%s/%04ld", dir, k);
	char *msg = xstrfmt("%s/msg", scratch_dir());
	char *patch = xstrfmt("%s/patch", scratch_dir());
	/* -k: the subject as sent, "[PATCH 2/3]" and all */
	const char *args[] = { "mailinfo", "-k", msg, patch, NULL };
	struct strbuf mail = STRBUF_INIT, info = STRBUF_INIT, err = STRBUF_INIT;
	struct strbuf diff = STRBUF_INIT;
	int ret = -1;

	if (strbuf_read_regular(&mail, path) < 0)
		die_errno("cannot read '%s'", path);
	mail_headers_parse(mail.buf, mail.len, m);
	unlink(msg);
	unlink(patch);
	if (scratch_git(scratch_dir(), args, path, &info, &err)) {
		mailinfo_parse("", 0, m);
		warning("mail %d (%s): git mailinfo cannot decode it: %.*s",
			m->mail, m->raw_subject ? m->raw_subject : m->subject,
			first_line(&err), err.buf);
		goto out;
	}
	mailinfo_parse(info.buf, info.len, m);
	if (strbuf_read_regular(&diff, patch) < 0)
		die_errno("cannot read '%s'", patch);
	m->text = strbuf_detach(&diff, NULL);
	ret = !has_diff(m->text, strlen(m->text));
out:
	strbuf_release(&mail);
	strbuf_release(&info);
	strbuf_release(&err);
	strbuf_release(&diff);
	free(patch);
	free(msg);
	free(path);
	return ret;
}

static struct patch_msg *msgs_push(struct patch_msgs *msgs)
{
	ALLOC_GROW(msgs->items, msgs->nr + 1, msgs->alloc);
	memset(&msgs->items[msgs->nr], 0, sizeof(msgs->items[0]));
	return &msgs->items[msgs->nr++];
}

void read_mails(const struct strlist *inputs, struct patch_msgs *msgs,
		struct patch_msgs *skipped)
{
	int nmail = 0;

	for (size_t i = 0; i < inputs->nr; i++) {
		char *dir = xstrfmt("%s/mails-%zu", scratch_dir(), i + 1);
		long n = split_input(inputs->items[i], (int)i, dir);

		for (long k = 1; k <= n; k++) {
			struct patch_msg m = { 0 };
			int rc;

			m.mail = ++nmail;
			rc = read_mail(dir, k, &m);
			if (!rc) {
				m.number = (int)msgs->nr + 1;
				*msgs_push(msgs) = m;
				continue;
			}
			if (rc > 0)
				fprintf(stderr, "note: mail %d (%s) holds no "
					"diff: skipped\n", m.mail, m.subject);
			free(m.text);
			m.text = NULL;
			*msgs_push(skipped) = m;
		}
		free(dir);
	}
}
