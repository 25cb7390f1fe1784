// SPDX-License-Identifier: GPL-2.0-only
/*
 * The SQLite cache; see cache.h.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <openssl/evp.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "usage.h"

/* 'mmck' */
#define CACHE_APP_ID 0x6d6d636b
#define CACHE_SCHEMA 1

struct cache {
	sqlite3 *db;
	char *path;
	struct cache_stats stats;
};

static const char schema[] =
	"BEGIN IMMEDIATE;"
	"PRAGMA application_id = 1835885419;"
	"PRAGMA user_version = 1;"
	"CREATE TABLE IF NOT EXISTS facts ("
	"  file_key TEXT NOT NULL, patch_key TEXT NOT NULL,"
	"  facts TEXT NOT NULL, reason TEXT,"
	"  PRIMARY KEY (file_key, patch_key)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS hits ("
	"  tree_key TEXT NOT NULL, tokens_key TEXT NOT NULL,"
	"  hits TEXT NOT NULL,"
	"  PRIMARY KEY (tree_key, tokens_key)) WITHOUT ROWID;"
	"COMMIT;";

void sha256_hex(const void *buf, size_t len, char out[65])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;

	if (!EVP_Digest(buf, len, md, &n, EVP_sha256(), NULL))
		die("SHA-256 failed");
	for (unsigned int i = 0; i < n && i < 32; i++)
		sprintf(out + 2 * i, "%02x", md[i]);
	out[64] = '\0';
}

char *cache_default_dir(void)
{
	const char *d = getenv("MMCHECK_CACHE_DIR");
	const char *x = getenv("XDG_CACHE_HOME");
	const char *h = getenv("HOME");

	if (d && *d)
		return xstrdup(d);
	if (x && *x)
		return xstrfmt("%s/mmcheck", x);
	return xstrfmt("%s/.cache/mmcheck", h && *h ? h : "/tmp");
}

static int pragma_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* 0: ours (or new and empty), -1: bad or foreign */
static int check_db(sqlite3 *db)
{
	int app = 0, ver = 0, tables = 0;
	sqlite3_stmt *st;

	if (pragma_int(db, "PRAGMA application_id", &app) < 0 ||
	    pragma_int(db, "PRAGMA user_version", &ver) < 0 ||
	    pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables) < 0)
		return -1;
	if (!tables && !app)
		return 0;	/* brand new */
	if (app != CACHE_APP_ID || ver != CACHE_SCHEMA)
		return -1;
	if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) != SQLITE_ROW ||
	    strcmp((const char *)sqlite3_column_text(st, 0), "ok")) {
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

static sqlite3 *open_db(const char *path)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
			    NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 30000);
	return db;
}

struct cache *cache_open(const char *dir)
{
	struct cache *c = xcalloc(1, sizeof(*c));
	char *err = NULL, *lock;
	int lockfd;

	if (mkdir(dir, 0777) < 0 && errno != EEXIST) {
		warning("cannot create the cache directory '%s': %s; running "
			"without a cache", dir, strerror(errno));
		free(c);
		return NULL;
	}
	/*
	 * Checking, rebuilding and creating the database happen under a
	 * lock: two scans that start at once must not take each other's
	 * half-made database for a bad one.
	 */
	lock = xstrfmt("%s/cache.lock", dir);
	lockfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	free(lock);
	if (lockfd >= 0)
		while (flock(lockfd, LOCK_EX) < 0 && errno == EINTR)
			;
	c->path = xstrfmt("%s/cache.sqlite", dir);
	c->db = open_db(c->path);
	if (c->db && check_db(c->db) < 0) {
		/* never trust it: move it aside and start again */
		char *aside = xstrfmt("%s.bad.%ld", c->path, (long)getpid());

		sqlite3_close(c->db);
		warning("the cache '%s' is corrupt or not mmcheck's; rebuilding "
			"it (the old one is kept as '%s')", c->path, aside);
		if (rename(c->path, aside) < 0)
			unlink(c->path);
		free(aside);
		c->stats.rebuilt = 1;
		c->db = open_db(c->path);
	}
	if (!c->db ||
	    sqlite3_exec(c->db, "PRAGMA journal_mode = WAL;", NULL, NULL,
			 NULL) != SQLITE_OK ||
	    sqlite3_exec(c->db, schema, NULL, NULL, &err) != SQLITE_OK) {
		warning("cannot use the cache '%s'%s%s; running without it",
			c->path, err ? ": " : "", err ? err : "");
		sqlite3_free(err);
		cache_close(c);
		c = NULL;
	}
	if (lockfd >= 0)
		close(lockfd);	/* and with it the lock */
	return c;
}

void cache_close(struct cache *c)
{
	if (!c)
		return;
	sqlite3_close(c->db);
	free(c->path);
	free(c);
}

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);

	return t ? xstrdup((const char *)t) : NULL;
}

int cache_get_facts(struct cache *c, const char *file_key,
		    const char *patch_key, char **facts, char **reason)
{
	sqlite3_stmt *st;
	int hit = 0;

	if (!c)
		return 0;
	if (sqlite3_prepare_v2(c->db, "SELECT facts, reason FROM facts WHERE "
			       "file_key = ?1 AND patch_key = ?2", -1, &st,
			       NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, file_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, patch_key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*facts = col_dup(st, 0);
		*reason = col_dup(st, 1);
		hit = *facts != NULL;
	}
	sqlite3_finalize(st);
	if (hit)
		c->stats.fact_hits++;
	else
		c->stats.fact_misses++;
	return hit;
}

void cache_put_facts(struct cache *c, const char *file_key,
		     const char *patch_key, const char *facts,
		     const char *reason)
{
	sqlite3_stmt *st;

	if (!c || sqlite3_prepare_v2(c->db, "INSERT OR REPLACE INTO facts "
				     "VALUES (?1, ?2, ?3, ?4)", -1, &st,
				     NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, file_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, patch_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, facts, -1, SQLITE_STATIC);
	if (reason)
		sqlite3_bind_text(st, 4, reason, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 4);
	sqlite3_step(st);	/* a full disk only costs the next run time */
	sqlite3_finalize(st);
}

int cache_get_hits(struct cache *c, const char *tree_key,
		   const char *tokens_key, char **hits)
{
	sqlite3_stmt *st;
	int hit = 0;

	if (!c)
		return 0;
	if (sqlite3_prepare_v2(c->db, "SELECT hits FROM hits WHERE "
			       "tree_key = ?1 AND tokens_key = ?2", -1, &st,
			       NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, tree_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tokens_key, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		*hits = col_dup(st, 0);
		hit = *hits != NULL;
	}
	sqlite3_finalize(st);
	if (hit)
		c->stats.prefilter_hits++;
	else
		c->stats.prefilter_misses++;
	return hit;
}

void cache_put_hits(struct cache *c, const char *tree_key,
		    const char *tokens_key, const char *hits)
{
	sqlite3_stmt *st;

	if (!c || sqlite3_prepare_v2(c->db, "INSERT OR REPLACE INTO hits "
				     "VALUES (?1, ?2, ?3)", -1, &st,
				     NULL) != SQLITE_OK)
		return;
	sqlite3_bind_text(st, 1, tree_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, tokens_key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, hits, -1, SQLITE_STATIC);
	sqlite3_step(st);
	sqlite3_finalize(st);
}

const struct cache_stats *cache_stats(const struct cache *c)
{
	return &c->stats;
}
