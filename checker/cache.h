/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The persistent cache: SQLite, in the cache directory. It keeps
 *   - the facts of one semantic patch on one file, keyed by the SHA-256
 *     of the file's path and content and by the SHA-256 of the semantic
 *     patch, its environment, the spatch version and the fact format;
 *   - which files a token set selects in a tree, keyed by a hash of the
 *     tree's file list with sizes and mtimes (tree_state_key()).
 * A cache that is corrupt, foreign (another application id, other
 * tables) or of another schema version, or whose files SQLite cannot use
 * (a -shm or -wal left read-only or not a regular file, a link for the
 * database), is moved aside with its -wal and -shm and rebuilt, never
 * trusted; if it cannot be rebuilt, the run goes on without it. Rows are
 * untrusted too: the getters return a miss for one that does not parse,
 * and the run that follows replaces it. Nothing about a cache is fatal.
 * WAL mode and a busy timeout let several scans share it.
 */
#ifndef MMCHECK_CACHE_H
#define MMCHECK_CACHE_H

#include <stddef.h>

struct cache;

/* Open (or create) dir/cache.sqlite. NULL after a warning: run uncached. */
struct cache *cache_open(const char *dir);
void cache_close(struct cache *c);

/* The default directory: $MMCHECK_CACHE_DIR, else $XDG_CACHE_HOME/mmcheck,
 * else ~/.cache/mmcheck. Caller frees. */
char *cache_default_dir(void);

/* Hex SHA-256 of a buffer (65 bytes with the NUL). */
void sha256_hex(const void *buf, size_t len, char out[65]);

/*
 * Facts of a run, by file key and patch key. On a hit *facts (and *reason,
 * possibly NULL) are set, caller frees; returns 1. 0 on a miss, which a
 * row is too unless its facts parse (facts_parse_buffer()) and its reason
 * is one line: the caller never sees one that does not.
 */
int cache_get_facts(struct cache *c, const char *file_key,
		    const char *patch_key, char **facts, char **reason);
void cache_put_facts(struct cache *c, const char *file_key,
		     const char *patch_key, const char *facts,
		     const char *reason);

/*
 * Prefilter hits: a string of '0'/'1', one per file of the tree state; a
 * row of anything else is a miss.
 */
int cache_get_hits(struct cache *c, const char *tree_key,
		   const char *tokens_key, char **hits);
void cache_put_hits(struct cache *c, const char *tree_key,
		    const char *tokens_key, const char *hits);

/* Counters, for the summary and the benchmarks. */
struct cache_stats {
	size_t fact_hits, fact_misses, prefilter_hits, prefilter_misses;
	int rebuilt;	/* the cache was found bad and rebuilt */
};
const struct cache_stats *cache_stats(const struct cache *c);

#endif
