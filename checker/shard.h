/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Reading a shard: what `mmcheck scan --shard I/N` wrote, for mmcheck
 * merge. A shard comes from another machine, or from anybody, so it is
 * read strictly and never trusted: every member merge uses must be there
 * with its type, integers in range, file names decoded (json-str.h), the
 * facts fact lines that parse; anything else is one error message that
 * says which member is wrong. Members merge does not use are ignored, so
 * that fields can be added within version 1.
 *
 * No die(): the fuzz target (fuzz/fuzz-shard.c) feeds it any bytes.
 */
#ifndef MMCHECK_SHARD_H
#define MMCHECK_SHARD_H

#include <stddef.h>

#include "strbuf.h"
#include "strlist.h"

struct not_analysed;

struct shard {
	int n, of;			/* shard n of of, 1 <= n <= of */
	char *tree_key;			/* 64 hex digits */
	char *facts;			/* fact lines, every one a good fact */
	struct strlist candidates;	/* file names, decoded */
	struct not_analysed *na;	/* file (decoded) and reason */
	size_t nna, ana;
};

#define SHARD_INIT { 0, 0, NULL, NULL, STRLIST_INIT, NULL, 0, 0 }

/*
 * Parse the len bytes at buf as the shard named name (for messages).
 * Returns 0, or -1 with a one-line message in *err ("'NAME' is a broken
 * shard: ..."); s is then empty.
 */
int shard_parse(struct shard *s, const char *buf, size_t len,
		const char *name, struct strbuf *err);

/* Read and parse the regular file at path; as shard_parse(). */
int shard_read(struct shard *s, const char *path, struct strbuf *err);

void shard_release(struct shard *s);

#endif
