// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over what check-patch reads from a mailing list
 * (checker/patch-parse.h): the mbox splitter and the header reader, the
 * parser of git apply --numstat -z records and the path check. Every
 * input goes through all of them. Besides the sanitizers, it checks what
 * they promise: the messages put together are the input, a header value
 * is one line, a path is never empty and the path check lets no ".."
 * component and no absolute path through.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "patch-parse.h"

static void check_header(const char *v)
{
	for (; v && *v; v++)
		if ((unsigned char)*v < ' ' || *v == 0x7f)
			abort();
}

static void fuzz_mbox(const char *buf, size_t size)
{
	struct patch_msgs msgs = PATCH_MSGS_INIT;
	size_t off = 0;

	if (mbox_split(buf, size, &msgs) < 0) {
		if (!memchr(buf, '\0', size))
			abort();	/* refused text */
		return;
	}
	for (size_t i = 0; i < msgs.nr; i++) {
		struct patch_msg *m = &msgs.items[i];
		size_t n = strlen(m->text);

		if (!n || n > size - off || memcmp(m->text, buf + off, n))
			abort();	/* lost or changed a byte */
		off += n;
		if (!patch_msg_parse(m)) {
			if (!m->subject)
				abort();
			check_header(m->subject);
			check_header(m->from);
			check_header(m->msgid);
		}
	}
	if (off != size)
		abort();
	patch_msgs_clear(&msgs);
}

/* The path check, said another way: "/" + path + "/" holds no "/../". */
static void check_path(const char *path)
{
	size_t n = strlen(path);
	char *wrapped = malloc(n + 3);
	int ok;

	if (!n || !wrapped)
		abort();
	wrapped[0] = '/';
	memcpy(wrapped + 1, path, n);
	memcpy(wrapped + 1 + n, "/", 2);
	ok = path[0] != '/' && !strstr(wrapped, "/../");
	if (patch_path_ok(path) != ok)
		abort();
	free(wrapped);
}

static void fuzz_numstat(const char *buf, size_t size)
{
	struct numstat ns = NUMSTAT_INIT;

	numstat_parse(buf, size, &ns);
	for (size_t i = 0; i < ns.nr; i++) {
		check_path(ns.items[i].path);
		if (ns.items[i].old_path)
			check_path(ns.items[i].old_path);
	}
	numstat_clear(&ns);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data;

	fuzz_mbox(buf, size);
	fuzz_numstat(buf, size);
	return 0;
}
