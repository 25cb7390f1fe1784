/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The fact store: what the semantic patches' fact mode printed, one JSON
 * object per line, parsed with jansson. Facts are observations (a use
 * site, an acquisition, a path without a reference); verdicts are made
 * from them later, in verdict.c.
 */
#ifndef MMCHECK_FACTS_H
#define MMCHECK_FACTS_H

#include <stddef.h>

enum fact_kind {
	FACT_USE,		/* a call of use_mm()/kthread_use_mm() */
	FACT_UNHELD,		/* a path reaches that call without mm_users */
	FACT_REFOP,		/* mmget, mmput, mmgrab, get_task_mm ... */
	FACT_IGNORED_RESULT,	/* mmget_not_zero() whose result is dropped */
	FACT_ORIGIN,		/* the use's local was assigned from this */
	FACT_WRAPPER,		/* the use's mm is a parameter of a function/macro */
	FACT_COMMENT,		/* a lifetime comment right above the use */
	FACT_PUT_IN_USE,	/* mmput() before kthread_unuse_mm() */
	FACT_NO_UNUSE,		/* a path out of the function still in use */
	FACT_SOME_UNUSE,	/* some path unuses the mm */
	FACT_NO_PUT,		/* a path out of the function without mmput */
	FACT_SOME_PUT,		/* some path puts the mm */
	FACT_STORE,		/* an mm stored into a struct field */
	FACT_NOTIFIER,		/* an mmu_notifier registered on a struct */
	FACT_LIVE_USE,		/* an mm used as a live address space, unheld */
	FACT_LOCK_DECIDE,	/* found an object idle under its own lock */
	FACT_LOCK_LAST,		/* last access to an object: its lock's unlock */
	FACT_LOCK_ORDERED,	/* something orders the free after the users */
	FACT_UNLOCK_FREE,	/* unlock of an embedded lock, then free */
	FACT_MM_USERS_READ,	/* arch code reading mm_users */
	FACT_FIX,		/* patch mode: this use can be fixed */
	FACT_NO_FIX,		/* patch mode: this use cannot, and why */
	FACT_OTHER		/* a kind this driver does not know: kept */
};

struct fact {
	enum fact_kind kind;
	char *kind_name;
	char *file;
	int line, col;
	char *function;		/* or the macro's name when macro is set */
	int macro;		/* the fact sits in a #define body */
	char *api;		/* FACT_USE */
	char *mm;		/* FACT_USE, FACT_REFOP, FACT_IGNORED_RESULT */
	char *op;		/* FACT_REFOP, FACT_IGNORED_RESULT */
	char *reason;		/* FACT_UNHELD: "no-acquire", "after-release" */
	int release_line;	/* FACT_UNHELD after-release, FACT_PUT_IN_USE */
	int arg;		/* FACT_USE: index of the mm argument */
	char *key;		/* FACT_USE, _ORIGIN, _STORE: "struct kvm ->mm" */
	char *origin;		/* FACT_ORIGIN: the assigned expression */
	int origin_line;
	char *wrapper;		/* FACT_WRAPPER: function or macro name */
	int index;		/* FACT_WRAPPER: which parameter */
	int is_static;		/* FACT_WRAPPER: callers only in its file */
	char *text;		/* FACT_COMMENT, FACT_STORE: comment text */
	char *lhs, *rhs;	/* FACT_STORE */
	char *klass;		/* FACT_STORE: acquire, grab, none, copy */
	char *ops;		/* FACT_STORE: "mmgrab(x):12, ..." */
	char *struct_name;	/* FACT_NOTIFIER */
	int release;		/* FACT_NOTIFIER: the file has a .release op */
	struct json_t *obj;	/* the whole object, for fact_str()/fact_int() */
};

struct fact_store {
	struct fact *items;
	size_t nr, alloc;
};

/*
 * Parse one line of fact output into the store. Returns 0, or -1 with
 * a description of what is wrong in *why (caller frees). Facts are
 * untrusted (they come back from caches and shards too): a line is a fact
 * only when it has every member its kind needs, each of its type, with
 * line and column in range and a file inside the tree; the fields of
 * struct fact that its kind uses are then never NULL.
 */
int facts_parse_line(struct fact_store *fs, const char *line, char **why);

/*
 * Parse a whole buffer of fact lines. Lines that are not JSON objects are
 * errors: *bad counts them and *first_bad describes the first.
 */
int facts_parse_buffer(struct fact_store *fs, const char *buf,
		       size_t *bad, char **first_bad);

/*
 * Sort by file, line, column, kind, so that output is deterministic, and
 * drop duplicates.
 */
void facts_sort(struct fact_store *fs);

void facts_clear(struct fact_store *fs);

const char *fact_kind_name(enum fact_kind k);

/*
 * Any member of the fact's object: a string (or NULL), an integer that
 * fits an int (or 0), a boolean (1 for true, else 0).
 */
const char *fact_str(const struct fact *f, const char *key);
int fact_int(const struct fact *f, const char *key);
int fact_bool(const struct fact *f, const char *key);
/* The i-th string of an array member, or NULL past its end. */
const char *fact_list_str(const struct fact *f, const char *key, size_t i);
/* 1 if an array member holds the string s. */
int fact_list_has(const struct fact *f, const char *key, const char *s);

/*
 * 1 if the fact's own function waits for the object's other users (a
 * lock-decide fact's non-empty "waits"): no other side can race it.
 */
int fact_waits(const struct fact *f);

#endif
