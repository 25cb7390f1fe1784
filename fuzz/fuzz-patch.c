// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target over what check-patch reads from a mailing list once
 * git mailsplit and git mailinfo have cut and decoded it
 * (checker/patch-parse.h): the mail header reader, git mailinfo's header
 * block, the diff test, the address lists, the parser of git apply
 * --numstat -z records and the path check. Every input goes through all
 * of them. Besides the sanitizers, it checks what they promise: a header
 * value and an address are one line, not empty and not padded, a subject
 * is always there, a path is never empty and the path check lets no ".."
 * component and no absolute path through.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "patch-parse.h"

/* One line, not empty, no space around it; NULL is fine. */
static void check_value(const char *v)
{
	size_t n;

	if (!v)
		return;
	n = strlen(v);
	if (!n || v[0] == ' ' || v[n - 1] == ' ')
		abort();
	for (; *v; v++)
		if ((unsigned char)*v < ' ' || *v == 0x7f)
			abort();
}

static void check_addresses(const struct strlist *cc)
{
	for (size_t i = 0; i < cc->nr; i++) {
		char *box = address_mailbox(cc->items[i]);

		check_value(cc->items[i]);
		for (const char *c = box; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				abort();	/* compared lower-cased */
		free(box);
	}
}

static void fuzz_mail(const char *buf, size_t size)
{
	struct patch_msg m = { 0 };

	mail_headers_parse(buf, size, &m);
	check_value(m.raw_subject);
	check_value(m.from);
	check_value(m.msgid);
	check_addresses(&m.cc);
	mailinfo_parse(buf, size, &m);
	if (!m.subject)
		abort();
	check_value(m.subject);
	if (size >= 11 && !memcmp(buf, "diff --git ", 11) && !has_diff(buf, size))
		abort();
	patch_msg_clear(&m);
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

	fuzz_mail(buf, size);
	fuzz_numstat(buf, size);
	return 0;
}
