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
#include "facts.h"
#include "usage.h"

/* 'mmck' */
#define CACHE_APP_ID 0x6d6d636b
#define CACHE_SCHEMA 1

struct cache {
	sqlite3 *db;
	char *path;
	struct cache_stats stats;
	int warned_bad_row;	/* one warning a run, however many rows */
};

/*
 * What opening found. A bad cache is moved aside and rebuilt: corrupt,
 * foreign, of another schema, or with files SQLite cannot use (a -shm or
 * -wal left read-only or not a regular file, a symlink for a database).
 * A busy one is not ours to move: the run goes on without it.
 */
enum db_state { DB_OK, DB_CORRUPT, DB_UNUSABLE, DB_BUSY };

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

/* What an SQLite error says about the cache. */
static enum db_state state_of(sqlite3 *db)
{
	switch (sqlite3_errcode(db)) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
	case SQLITE_NOMEM:
	case SQLITE_INTERRUPT:
		return DB_BUSY;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return DB_CORRUPT;
	default:
		return DB_UNUSABLE;
	}
}

/*
 * Exactly our two tables, with our columns: a database that only looks
 * like ours (its application id) would fail every lookup and every
 * insert without a word, and the cache would be off for good.
 */
static int our_tables(sqlite3 *db)
{
	static const char *const queries[] = {
		"SELECT file_key, patch_key, facts, reason FROM facts LIMIT 0",
		"SELECT tree_key, tokens_key, hits FROM hits LIMIT 0",
	};
	int others = -1;

	if (pragma_int(db, "SELECT count(*) FROM sqlite_master WHERE NOT "
		       "(type = 'table' AND name IN ('facts', 'hits'))",
		       &others) < 0 || others)
		return 0;
	for (size_t i = 0; i < ARRAY_SIZE(queries); i++) {
		sqlite3_stmt *st;

		if (sqlite3_prepare_v2(db, queries[i], -1, &st, NULL) != SQLITE_OK)
			return 0;
		sqlite3_finalize(st);
	}
	return 1;
}

static enum db_state check_db(sqlite3 *db)
{
	int app = 0, ver = 0, tables = 0, ok;
	sqlite3_stmt *st;

	if (pragma_int(db, "PRAGMA application_id", &app) < 0 ||
	    pragma_int(db, "PRAGMA user_version", &ver) < 0 ||
	    pragma_int(db, "SELECT count(*) FROM sqlite_master", &tables) < 0)
		return state_of(db);
	if (!tables && !app)
		return DB_OK;	/* brand new */
	if (app != CACHE_APP_ID || ver != CACHE_SCHEMA || !our_tables(db))
		return DB_CORRUPT;
	if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK)
		return state_of(db);
	if (sqlite3_step(st) != SQLITE_ROW) {
		enum db_state e = state_of(db);

		sqlite3_finalize(st);
		return e;
	}
	ok = !strcmp((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
	return ok ? DB_OK : DB_CORRUPT;
}

static sqlite3 *open_db(const char *path)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX |
			    SQLITE_OPEN_NOFOLLOW, NULL) != SQLITE_OK) {
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 30000);
	return db;
}

/*
 * SQLite opens the -wal and -shm beside the database as they are: one
 * that is not a regular file (a directory, a link, a FIFO) is unusable.
 */
static int side_files_ok(const char *path)
{
	static const char *const sfx[] = { "-wal", "-shm" };

	for (size_t i = 0; i < ARRAY_SIZE(sfx); i++) {
		char *p = xstrfmt("%s%s", path, sfx[i]);
		struct stat st;
		int ok = lstat(p, &st) < 0 ? errno == ENOENT : S_ISREG(st.st_mode);

		free(p);
		if (!ok)
			return 0;
	}
	return 1;
}

/*
 * Open, check and set up the database: c->db on DB_OK, else NULL with
 * SQLite's reason in *why (caller frees).
 */
static enum db_state try_open(struct cache *c, char **why)
{
	enum db_state e = DB_OK;
	char *err = NULL;

	*why = NULL;
	if (!side_files_ok(c->path)) {
		*why = xstrdup("its -wal or -shm is not a regular file");
		return DB_UNUSABLE;
	}
	c->db = open_db(c->path);
	if (!c->db) {
		*why = xstrdup("cannot open it");
		return DB_UNUSABLE;
	}
	e = check_db(c->db);
	if (e == DB_OK &&
	    (sqlite3_exec(c->db, "PRAGMA journal_mode = WAL;", NULL, NULL,
			  &err) != SQLITE_OK ||
	     sqlite3_exec(c->db, schema, NULL, NULL, &err) != SQLITE_OK))
		e = state_of(c->db);
	if (e != DB_OK) {
		*why = xstrdup(err ? err : sqlite3_errmsg(c->db));
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close(c->db);
		c->db = NULL;
	}
	sqlite3_free(err);
	return e;
}

/*
 * Never trust a bad cache: move it aside, with its -wal and -shm (a WAL
 * left behind would be replayed into the new database), and start again.
 */
static char *move_aside(const char *path)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	char *aside = xstrfmt("%s.bad.%ld", path, (long)getpid());

	for (size_t i = 0; i < ARRAY_SIZE(sfx); i++) {
		char *from = xstrfmt("%s%s", path, sfx[i]);
		char *to = xstrfmt("%s%s", aside, sfx[i]);

		if (rename(from, to) < 0 && errno != ENOENT)
			unlink(from);
		free(from);
		free(to);
	}
	return aside;
}

struct cache *cache_open(const char *dir)
{
	struct cache *c = xcalloc(1, sizeof(*c));
	char *why, *lock;
	enum db_state e;
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
	e = try_open(c, &why);
	if (e == DB_CORRUPT || e == DB_UNUSABLE) {
		char *aside = move_aside(c->path), *why2;

		c->stats.rebuilt = 1;
		if (try_open(c, &why2) != DB_OK) {
			/* one warning, whatever went wrong first */
			free(why);
			why = why2;
		} else if (e == DB_CORRUPT) {
			warning("the cache '%s' is corrupt or not mmcheck's; "
				"rebuilding it (the old one is kept as '%s')",
				c->path, aside);
		} else {
			warning("cannot use the cache '%s': %s; rebuilding it "
				"(the old one is kept as '%s')", c->path, why,
				aside);
		}
		free(aside);
	}
	if (!c->db) {
		warning("cannot use the cache '%s': %s; running without it",
			c->path, why);
		cache_close(c);
		c = NULL;
	}
	free(why);
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

/*
 * A text column as a string, or NULL: NULL, another type, or a NUL
 * inside (which strlen() would cut short without a word).
 */
static char *col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t;
	int n;

	if (sqlite3_column_type(st, i) != SQLITE_TEXT)
		return NULL;
	t = sqlite3_column_text(st, i);
	n = sqlite3_column_bytes(st, i);
	if (!t || n < 0 || memchr(t, '\0', (size_t)n))
		return NULL;
	return xstrndup((const char *)t, (size_t)n);
}

/*
 * A row is untrusted: anybody can write into the database, and a disk
 * can corrupt a row that SQLite's quick_check still passes. Facts that
 * do not parse as the scan would parse them are a miss, and the run that
 * follows replaces them.
 */
static int facts_row_ok(const char *facts, const char *reason)
{
	struct fact_store fs = { NULL, 0, 0 };
	size_t bad;
	char *why;
	int ok = facts_parse_buffer(&fs, facts, &bad, &why) == 0;

	free(why);
	facts_clear(&fs);
	/* a reason is one line of the report */
	return ok && (!reason || !strchr(reason, '\n'));
}

static void bad_row(struct cache *c)
{
	if (!c->warned_bad_row++)
		warning("the cache '%s' holds entries that do not parse; "
			"running them again", c->path);
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
		*facts = col_text(st, 0);
		*reason = col_text(st, 1);
		hit = *facts && (*reason ||
				 sqlite3_column_type(st, 1) == SQLITE_NULL) &&
		      facts_row_ok(*facts, *reason);
		if (!hit) {
			bad_row(c);
			free(*facts);
			free(*reason);
			*facts = *reason = NULL;
		}
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
		*hits = col_text(st, 0);
		/* one '0' or '1' a file; the caller checks the count */
		hit = *hits && !(*hits)[strspn(*hits, "01")];
		if (!hit) {
			bad_row(c);
			free(*hits);
			*hits = NULL;
		}
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
