// SPDX-License-Identifier: GPL-2.0-only
/*
 * Prefilter stage: which files hold which whole-identifier tokens, on a
 * few threads sharing one work counter. Each file is read once for all
 * the sets. With many tokens it is walked once, and an identifier whose
 * first two bytes start a token is looked up in a hash table of every
 * token of every set: one pass over the text however many tokens there
 * are, where a memmem() per token would be a pass per token (the patches
 * together have dozens). With few, a memmem() per token is quicker than
 * the walk. Regexes run only on the files whose tokens already matched.
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
#include "progress.h"
#include "readfile.h"
#include "usage.h"

static int is_ident_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_';
}

/* is_ident_char() by byte: the walk below looks at every byte of the tree */
static unsigned char ident_char[256];
static pthread_once_t ident_once = PTHREAD_ONCE_INIT;

static void init_ident_chars(void)
{
	for (int c = 0; c < 256; c++)
		ident_char[c] = (unsigned char)is_ident_char((char)c);
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

/*
 * A bounded window of a group, "(?:[^\n]|\n(?!\}))*", backtracks
 * once per character and outgrows the JIT's default 32 KiB stack on
 * a long function. The rare file that does gets a bigger stack, made
 * for it: one stack per call keeps the worker threads apart.
 */
static int match_big_stack(const struct regex *re, const char *buf,
			   size_t len, pcre2_match_data *md)
{
	pcre2_jit_stack *stack = pcre2_jit_stack_create(64 * 1024,
							16 * 1024 * 1024,
							NULL);
	pcre2_match_context *ctx = pcre2_match_context_create(NULL);
	int rc;

	if (!stack || !ctx)
		die("out of memory");
	pcre2_jit_stack_assign(ctx, NULL, stack);
	rc = pcre2_match(re->code, (PCRE2_SPTR)buf, len, 0, 0, md, ctx);
	pcre2_match_context_free(ctx);
	pcre2_jit_stack_free(stack);
	return rc;
}

int regex_matches(const struct regex *re, const char *buf, size_t len)
{
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re->code,
								    NULL);
	int rc;

	if (!md)
		die("out of memory");
	rc = pcre2_match(re->code, (PCRE2_SPTR)buf, len, 0, 0, md, NULL);
	if (rc == PCRE2_ERROR_JIT_STACKLIMIT)
		rc = match_big_stack(re, buf, len, md);
	pcre2_match_data_free(md);
	/* a match limit hit is no proof of absence: keep the file */
	return rc >= 0 || rc == PCRE2_ERROR_MATCHLIMIT ||
	       rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT;
}

/*
 * Every token of the sets, by id. An identifier is found through the
 * open-addressing hash table; a token that is not one ("current->mm") is
 * searched for with has_identifier(), and only where a set needs it.
 */
struct token_table {
	const char **tok;	/* by id */
	size_t *len;
	char *literal;		/* by id: not an identifier */
	size_t ntok, atok;
	int32_t *slot;		/* id, or -1 */
	size_t mask;		/* slots - 1 */
	size_t minlen, maxlen;
	/*
	 * by the first two bytes of an identifier, as a little-endian
	 * 16-bit index: whether a token starts so (a one-byte token, with
	 * any byte that ends an identifier)
	 */
	unsigned char start[65536 / 8];
	/* per set: the ids of its tokens and of its also tokens */
	struct set_ids { size_t *tok, ntok, *also, nalso; } *sets;
};

static uint64_t hash_ident(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	while (len--) {
		h ^= (unsigned char)*s++;
		h *= 1099511628211ULL;
	}
	return h;
}

static int32_t table_find(const struct token_table *t, const char *s,
			  size_t len)
{
	size_t i = hash_ident(s, len) & t->mask;

	for (; t->slot[i] >= 0; i = (i + 1) & t->mask) {
		int32_t id = t->slot[i];

		if (t->len[id] == len && !memcmp(t->tok[id], s, len))
			return id;
	}
	return -1;
}

/* The id of tok if it is in the table already, by any kind of lookup. */
static int32_t table_lookup(const struct token_table *t, const char *tok,
			    size_t len)
{
	for (size_t id = 0; id < t->ntok; id++)
		if (t->literal[id] && t->len[id] == len &&
		    !memcmp(t->tok[id], tok, len))
			return (int32_t)id;
	return table_find(t, tok, len);
}

static void set_start(struct token_table *t, unsigned char a, unsigned char b)
{
	unsigned int i = a | (unsigned int)b << 8;

	t->start[i / 8] |= (unsigned char)(1u << (i % 8));
}

static void mark_start(struct token_table *t, const char *tok, size_t len)
{
	if (len > 1) {
		set_start(t, (unsigned char)tok[0], (unsigned char)tok[1]);
		return;
	}
	for (int c = 0; c < 256; c++)
		if (!ident_char[c])
			set_start(t, (unsigned char)tok[0], (unsigned char)c);
}

/* The id of tok, added if new. */
static size_t table_id(struct token_table *t, const char *tok)
{
	size_t len = strlen(tok), i;
	int32_t id = table_lookup(t, tok, len);

	if (id >= 0)
		return (size_t)id;
	ALLOC_GROW(t->tok, t->ntok + 1, t->atok);
	t->len = xrealloc(t->len, t->atok * sizeof(*t->len));
	t->literal = xrealloc(t->literal, t->atok);
	t->tok[t->ntok] = tok;
	t->len[t->ntok] = len;
	t->literal[t->ntok] = !len;
	for (i = 0; i < len; i++)
		if (!is_ident_char(tok[i]))
			t->literal[t->ntok] = 1;
	if (t->literal[t->ntok])
		return t->ntok++;
	for (i = hash_ident(tok, len) & t->mask; t->slot[i] >= 0;
	     i = (i + 1) & t->mask)
		;
	t->slot[i] = (int32_t)t->ntok;
	mark_start(t, tok, len);
	if (!t->minlen || len < t->minlen)
		t->minlen = len;
	if (len > t->maxlen)
		t->maxlen = len;
	return t->ntok++;
}

static size_t *ids_of(struct token_table *t, const struct strlist *l,
		      size_t *n)
{
	size_t *ids = xcalloc(l->nr ? l->nr : 1, sizeof(*ids));

	for (size_t j = 0; j < l->nr; j++)
		ids[j] = table_id(t, l->items[j]);
	*n = l->nr;
	return ids;
}

static void table_build(struct token_table *t, const struct token_set *sets,
			int nsets)
{
	size_t all = 0;

	memset(t, 0, sizeof(*t));
	for (int k = 0; k < nsets; k++)
		all += sets[k].tokens->nr + (sets[k].also ? sets[k].also->nr : 0);
	/* at most a quarter full: a miss, the common case, stops early */
	t->mask = 15;
	while (t->mask + 1 < 4 * all)
		t->mask = t->mask * 2 + 1;
	t->slot = xmalloc((t->mask + 1) * sizeof(*t->slot));
	memset(t->slot, 0xff, (t->mask + 1) * sizeof(*t->slot));
	t->sets = xcalloc((size_t)(nsets ? nsets : 1), sizeof(*t->sets));
	for (int k = 0; k < nsets; k++) {
		t->sets[k].tok = ids_of(t, sets[k].tokens, &t->sets[k].ntok);
		if (sets[k].also)
			t->sets[k].also = ids_of(t, sets[k].also,
						 &t->sets[k].nalso);
	}
}

static void table_free(struct token_table *t, int nsets)
{
	for (int k = 0; k < nsets; k++) {
		free(t->sets[k].tok);
		free(t->sets[k].also);
	}
	free(t->sets);
	free(t->slot);
	free(t->tok);
	free(t->len);
	free(t->literal);
}

/*
 * Mark in seen[] (seen[id] == gen) every token of t that buf holds as a
 * whole identifier: a maximal run of identifier characters equal to it,
 * which is what has_identifier() finds too. buf[len] must be readable
 * and end an identifier (a NUL). One table lookup per byte: only where
 * that byte and the next are how some token starts (few places do) is
 * the identifier around it looked at, and hashed if it starts there.
 */
static void mark_tokens(const struct token_table *t, const char *buf,
			size_t len, uint32_t *seen, uint32_t gen)
{
	const unsigned char *b = (const unsigned char *)buf, *p = b;
	const unsigned char *end = b + len;

	while (p < end) {
		unsigned int i = p[0] | (unsigned int)p[1] << 8;
		const unsigned char *s = p;
		int32_t id;

		if (!((t->start[i / 8] >> (i % 8)) & 1)) {
			p++;
			continue;
		}
		/* inside an identifier or at its start: on to its end */
		while (ident_char[*p])
			p++;
		if (s > b && ident_char[s[-1]])
			continue;
		if ((size_t)(p - s) < t->minlen || (size_t)(p - s) > t->maxlen)
			continue;
		id = table_find(t, (const char *)s, (size_t)(p - s));
		if (id >= 0)
			seen[id] = gen;
	}
}

/* What one worker knows of the file at hand. */
struct file_marks {
	const char *buf;
	size_t len;
	uint32_t gen;		/* this file's */
	uint32_t *seen;		/* by id: == gen when the file holds it */
	uint32_t *looked;	/* by id: == gen when a literal was searched */
};

static int any_seen(const struct token_table *t, const size_t *ids, size_t n,
		    struct file_marks *m)
{
	for (size_t j = 0; j < n; j++) {
		size_t id = ids[j];

		if (t->literal[id] && m->looked[id] != m->gen) {
			m->looked[id] = m->gen;
			if (has_identifier(m->buf, m->len, t->tok[id]))
				m->seen[id] = m->gen;
		}
		if (m->seen[id] == m->gen)
			return 1;
	}
	return 0;
}

/*
 * Below this many tokens in all, a memmem() per token (vectorised in the
 * C library) is quicker than walking every identifier: on Linux 6.12 a
 * token costs a tenth of the walk.
 */
#define WALK_MIN_TOKENS 12

struct shared {
	const char *root;
	const struct strlist *files;
	const struct token_set *sets;
	int nsets;
	int walk;		/* the identifier walk, not memmem() */
	struct token_table table;
	uint32_t *masks;
	char *bad;		/* per file: could not be read, or NULL */
	atomic_size_t next;
	atomic_size_t unreadable;
};

/*
 * Read a whole file into *buf (grown as needed); -1 on error. The walk
 * listed it as a regular file; if it is no longer one (a FIFO would block
 * the thread for ever), it is unreadable.
 */
static ssize_t slurp(int dirfd, const char *rel, char **buf, size_t *alloc)
{
	struct stat st;
	int fd = open_regular_file(dirfd, rel, READ_NOFOLLOW, &st);
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
	const struct token_table *t = &sh->table;
	int dirfd = open(sh->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	size_t n = t->ntok ? t->ntok : 1;
	struct file_marks m = { .seen = xcalloc(n, sizeof(*m.seen)),
				.looked = xcalloc(n, sizeof(*m.looked)) };
	char *buf = NULL;
	size_t alloc = 0, i;

	while (dirfd >= 0 &&
	       (i = atomic_fetch_add(&sh->next, 1)) < sh->files->nr) {
		ssize_t len = slurp(dirfd, sh->files->items[i], &buf, &alloc);
		uint32_t mask = 0;

		if (len < 0) {
			atomic_fetch_add(&sh->unreadable, 1);
			if (sh->bad)
				sh->bad[i] = 1;
			continue;
		}
		if (!++m.gen) {	/* wrapped: no stale mark may look fresh */
			memset(m.seen, 0, n * sizeof(*m.seen));
			memset(m.looked, 0, n * sizeof(*m.looked));
			m.gen = 1;
		}
		buf[len] = '\0';	/* slurp() leaves room: mark_tokens() reads it */
		m.buf = buf;
		m.len = (size_t)len;
		if (!sh->walk) {
			for (int k = 0; k < sh->nsets; k++)
				if (token_set_matches(buf, (size_t)len,
						      &sh->sets[k]))
					mask |= 1u << k;
			sh->masks[i] = mask;
			continue;
		}
		mark_tokens(t, buf, (size_t)len, m.seen, m.gen);
		for (int k = 0; k < sh->nsets; k++) {
			const struct set_ids *si = &t->sets[k];

			if (any_seen(t, si->tok, si->ntok, &m) &&
			    (!sh->sets[k].also ||
			     any_seen(t, si->also, si->nalso, &m)) &&
			    (!sh->sets[k].regex ||
			     regex_matches(sh->sets[k].regex, buf, (size_t)len)))
				mask |= 1u << k;
		}
		sh->masks[i] = mask;
	}
	if (dirfd >= 0)
		close(dirfd);
	free(m.seen);
	free(m.looked);
	free(buf);
	return NULL;
}

/* On a terminal: the files the threads took, until they took them all. */
static void show_progress(struct shared *sh)
{
	size_t nr = sh->files->nr;
	struct progress *p = progress_start("token scan", nr);
	size_t next;

	while (p && (next = atomic_load(&sh->next)) < nr) {
		progress_update(p, next);
		usleep(100000);
	}
	progress_stop(&p);
}

int prefilter_run(const char *root, const struct strlist *files,
		  const struct token_set *sets, int nsets, int nthreads,
		  uint32_t *masks, size_t *unreadable, char *bad)
{
	struct shared sh = { .root = root, .files = files, .sets = sets,
			     .nsets = nsets, .masks = masks, .bad = bad };
	pthread_t *tids;
	int started = 0;

	if (nsets > PREFILTER_MAX_SETS)
		die("BUG: too many token sets (%d)", nsets);
	pthread_once(&ident_once, init_ident_chars);
	atomic_init(&sh.next, 0);
	atomic_init(&sh.unreadable, 0);
	table_build(&sh.table, sets, nsets);
	for (size_t id = 0; id < sh.table.ntok; id++)
		sh.walk += !sh.table.literal[id];
	sh.walk = sh.walk >= WALK_MIN_TOKENS;
	if (nthreads < 1)
		nthreads = 1;
	memset(masks, 0, files->nr * sizeof(*masks));
	if (bad)
		memset(bad, 0, files->nr);
	tids = xcalloc((size_t)nthreads, sizeof(*tids));
	for (int t = 0; t < nthreads; t++)
		if (!pthread_create(&tids[started], NULL, worker, &sh))
			started++;
	if (!started)
		worker(&sh);
	else
		show_progress(&sh);
	for (int t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	free(tids);
	table_free(&sh.table, nsets);
	*unreadable = atomic_load(&sh.unreadable);
	return 0;
}
