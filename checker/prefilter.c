// SPDX-License-Identifier: GPL-2.0-only
/*
 * Prefilter stage: memmem() over each file for whole-identifier tokens, on
 * a few threads sharing one work counter. A file is read once whatever the
 * number of semantic patches; reading is the cost, searching is cheap.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "prefilter.h"
#include "usage.h"

static int is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

int has_identifier(const char *buf, size_t len, const char *tok)
{
	size_t tl = strlen(tok);
	const char *p = buf, *end = buf + len;

	while ((p = memmem(p, (size_t)(end - p), tok, tl))) {
		if ((p == buf || !is_ident_char(p[-1])) &&
		    (p + tl == end || !is_ident_char(p[tl])))
			return 1;
		p++;
	}
	return 0;
}

static int has_any(const char *buf, size_t len, const struct strlist *t)
{
	for (size_t j = 0; j < t->nr; j++)
		if (has_identifier(buf, len, t->items[j]))
			return 1;
	return 0;
}

int token_set_matches(const char *buf, size_t len,
		      const struct token_set *set)
{
	return has_any(buf, len, set->tokens) &&
	       (!set->also || has_any(buf, len, set->also)) &&
	       (!set->regex || regex_matches(set->regex, buf, len));
}

struct regex {
	char *pattern;
	pcre2_code *code;
};

struct regex *regex_compile(const char *pattern)
{
	struct regex *re;
	int err;
	PCRE2_SIZE off;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern,
					 PCRE2_ZERO_TERMINATED, 0, &err, &off,
					 NULL);

	if (!code) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(err, msg, sizeof(msg));
		error("bad prefilter regex at offset %zu: %s", (size_t)off,
		      (char *)msg);
		return NULL;
	}
	/* JIT is a speed-up only: without it the interpreter matches */
	pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	re = xcalloc(1, sizeof(*re));
	re->pattern = xstrdup(pattern);
	re->code = code;
	return re;
}

void regex_free(struct regex *re)
{
	if (!re)
		return;
	pcre2_code_free(re->code);
	free(re->pattern);
	free(re);
}

const char *regex_pattern(const struct regex *re)
{
	return re->pattern;
}

int regex_matches(const struct regex *re, const char *buf, size_t len)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re->code,
								    NULL);
	int rc;

	if (!md)
		die("out of memory");
	rc = pcre2_match(re->code, (PCRE2_SPTR)buf, len, 0, 0, md, NULL);
	pcre2_match_data_free(md);
	/* a match limit hit is no proof of absence: keep the file */
	return rc >= 0 || rc == PCRE2_ERROR_MATCHLIMIT ||
	       rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

struct shared {
	const char *root;
	const struct strlist *files;
	const struct token_set *sets;
	int nsets;
	uint32_t *masks;
	atomic_size_t next;
	atomic_size_t unreadable;
};

/* Read a whole file into *buf (grown as needed); -1 on error. */
static ssize_t slurp(int dirfd, const char *rel, char **buf, size_t *alloc)
{
	int fd = openat(dirfd, rel, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	size_t len = 0;
	ssize_t n;

	if (fd < 0)
		return -1;
	for (;;) {
		if (len + 65536 > *alloc) {
			*alloc = (len + 65536) * 2;
			*buf = xrealloc(*buf, *alloc);
		}
		n = read(fd, *buf + len, *alloc - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	return n < 0 ? -1 : (ssize_t)len;
}

static void *worker(void *arg)
{
	struct shared *sh = arg;
	int dirfd = open(sh->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	char *buf = NULL;
	size_t alloc = 0, i;

	while (dirfd >= 0 &&
	       (i = atomic_fetch_add(&sh->next, 1)) < sh->files->nr) {
		ssize_t len = slurp(dirfd, sh->files->items[i], &buf, &alloc);
		uint32_t mask = 0;

		if (len < 0) {
			atomic_fetch_add(&sh->unreadable, 1);
			continue;
		}
		for (int k = 0; k < sh->nsets; k++)
			if (token_set_matches(buf, (size_t)len, &sh->sets[k]))
				mask |= 1u << k;
		sh->masks[i] = mask;
	}
	if (dirfd >= 0)
		close(dirfd);
	free(buf);
	return NULL;
}

int prefilter_run(const char *root, const struct strlist *files,
		  const struct token_set *sets, int nsets, int nthreads,
		  uint32_t *masks, size_t *unreadable)
{
	struct shared sh = { root, files, sets, nsets, masks, 0, 0 };
	pthread_t *tids;
	int started = 0;

	if (nsets > PREFILTER_MAX_SETS)
		die("BUG: too many token sets (%d)", nsets);
	if (nthreads < 1)
		nthreads = 1;
	memset(masks, 0, files->nr * sizeof(*masks));
	tids = xcalloc((size_t)nthreads, sizeof(*tids));
	for (int t = 0; t < nthreads; t++)
		if (!pthread_create(&tids[started], NULL, worker, &sh))
			started++;
	if (!started)
		worker(&sh);
	for (int t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	free(tids);
	*unreadable = atomic_load(&sh.unreadable);
	return 0;
}
