// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fact parsing with jansson; see facts.h.
 */
#include <jansson.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "strbuf.h"
#include "usage.h"

static const char *const kind_names[] = {
	[FACT_USE] = "use",
	[FACT_UNHELD] = "unheld",
	[FACT_REFOP] = "refop",
	[FACT_IGNORED_RESULT] = "ignored-result",
	[FACT_ORIGIN] = "origin",
	[FACT_WRAPPER] = "wrapper",
	[FACT_COMMENT] = "comment",
	[FACT_PUT_IN_USE] = "put-in-use",
	[FACT_NO_UNUSE] = "no-unuse",
	[FACT_SOME_UNUSE] = "some-unuse",
	[FACT_NO_PUT] = "no-put",
	[FACT_SOME_PUT] = "some-put",
	[FACT_STORE] = "store",
	[FACT_NOTIFIER] = "notifier",
	[FACT_LIVE_USE] = "live-use",
	[FACT_LOCK_DECIDE] = "lock-decide",
	[FACT_LOCK_LAST] = "lock-last-access",
	[FACT_LOCK_ORDERED] = "lock-ordered",
	[FACT_UNLOCK_FREE] = "unlock-free",
	[FACT_MM_USERS_READ] = "mm-users-read",
	[FACT_FIX] = "fix",
	[FACT_NO_FIX] = "no-fix",
	[FACT_OTHER] = "other",
};

const char *fact_kind_name(enum fact_kind k)
{
	return kind_names[k];
}

static enum fact_kind kind_of(const char *s)
{
	for (size_t k = 0; k < FACT_OTHER; k++)
		if (!strcmp(s, kind_names[k]))
			return (enum fact_kind)k;
	return FACT_OTHER;
}

/*
 * Facts are untrusted input: spatch prints them, but they also come back
 * from the cache and from shards that another machine (or anybody) wrote.
 * Every member the driver reads is checked here, kind and type, so that a
 * fact that gets past the parser is whole: nothing downstream tests for a
 * missing api, ops or key again.
 */
enum field_type {
	F_STR,		/* a string */
	F_LINE,		/* a line (or column) number, 0 to INT_MAX */
	F_INDEX,	/* a parameter index: 0 to INT_MAX - 1, 1 is added */
	F_BOOL,
	F_STRLIST,	/* an array of strings */
};

/*
 * Members with one meaning whatever the kind, and their type. Null is
 * "not given" (the semantic patches print "key": null); any other value
 * of the wrong type makes the line a bad fact, never a silently missing
 * member. Members not listed are read with fact_str()/fact_int(), which
 * check the type themselves.
 */
static const struct field_spec {
	const char *name;
	enum field_type type;
} field_specs[] = {
	{ "api", F_STR }, { "mm", F_STR }, { "op", F_STR },
	{ "reason", F_STR }, { "key", F_STR }, { "origin", F_STR },
	{ "wrapper", F_STR }, { "text", F_STR }, { "comment", F_STR },
	{ "lhs", F_STR }, { "rhs", F_STR }, { "class", F_STR },
	{ "struct", F_STR }, { "context", F_STR }, { "lock", F_STR },
	{ "test", F_STR }, { "waits", F_STR }, { "what", F_STR },
	{ "how", F_STR }, { "strength", F_STR }, { "why", F_STR },
	{ "free", F_STR }, { "unlock", F_STR }, { "flush", F_STR },
	{ "bail", F_STR },
	{ "release_line", F_LINE }, { "origin_line", F_LINE },
	{ "grab_line", F_LINE }, { "what_line", F_LINE },
	{ "unlock_line", F_LINE }, { "test_line", F_LINE },
	{ "flush_line", F_LINE },
	{ "arg", F_INDEX }, { "index", F_INDEX },
	{ "macro", F_BOOL }, { "static", F_BOOL }, { "release", F_BOOL },
	{ "ops", F_STRLIST },
};

/*
 * What each kind must carry beyond fact, file, line, col and function:
 * every string that verdict.c, lock-race.c, arches.c and the rounds of the
 * scan read without looking first, and a wrapper's parameter, which has
 * no default. Numbers that have one (a use's arg, 0) may be left out.
 */
static const char *const required_fields[][5] = {
	[FACT_USE] = { "api", "mm" },
	[FACT_UNHELD] = { "reason" },
	[FACT_REFOP] = { "op", "mm" },
	[FACT_IGNORED_RESULT] = { "op", "mm" },
	[FACT_ORIGIN] = { "origin" },
	[FACT_WRAPPER] = { "wrapper", "index" },
	[FACT_COMMENT] = { "text" },
	[FACT_STORE] = { "lhs", "rhs", "class", "ops" },
	[FACT_NOTIFIER] = { "struct" },
	[FACT_LIVE_USE] = { "api", "mm" },
	[FACT_LOCK_DECIDE] = { "key" },
	[FACT_LOCK_LAST] = { "key" },
	[FACT_LOCK_ORDERED] = { "key" },
	[FACT_UNLOCK_FREE] = { "key" },
	[FACT_MM_USERS_READ] = { "class" },
	[FACT_OTHER] = { NULL },
};

static const char *const type_names[] = {
	[F_STR] = "a string",
	[F_LINE] = "an integer from 0 to 2147483647",
	[F_INDEX] = "an integer from 0 to 2147483646",
	[F_BOOL] = "true or false",
	[F_STRLIST] = "an array of strings",
};

static int int_in(json_t *v, json_int_t lo, json_int_t hi)
{
	return json_is_integer(v) && json_integer_value(v) >= lo &&
	       json_integer_value(v) <= hi;
}

static int has_type(json_t *v, enum field_type t)
{
	size_t i;
	json_t *x;

	switch (t) {
	case F_STR:
		return json_is_string(v);
	case F_LINE:
		return int_in(v, 0, INT_MAX);
	case F_INDEX:
		return int_in(v, 0, INT_MAX - 1);
	case F_BOOL:
		return json_is_boolean(v);
	case F_STRLIST:
		if (!json_is_array(v))
			return 0;
		json_array_foreach(v, i, x)
			if (!json_is_string(x))
				return 0;
		return 1;
	}
	return 0;
}

static const struct field_spec *spec_of(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(field_specs); i++)
		if (!strcmp(field_specs[i].name, name))
			return &field_specs[i];
	return NULL;
}

/* Is every listed member present, of its type? NULL, or why not. */
static char *check_fields(json_t *o, const char *kind_name,
			  enum fact_kind kind)
{
	const char *name;
	json_t *v;

	json_object_foreach(o, name, v) {
		const struct field_spec *fs = spec_of(name);

		if (fs && !json_is_null(v) && !has_type(v, fs->type))
			return xstrfmt("'%s' fact has '%s' that is not %s",
				       kind_name, name, type_names[fs->type]);
	}
	for (size_t i = 0; i < ARRAY_SIZE(required_fields[kind]) &&
	     (name = required_fields[kind][i]); i++) {
		v = json_object_get(o, name);
		/* a comment's text may come as "comment" (the stores patch) */
		if (!v && kind == FACT_COMMENT)
			v = json_object_get(o, "comment");
		if (!v || json_is_null(v))
			return xstrfmt("'%s' fact lacks '%s'", kind_name, name);
	}
	return NULL;
}

/*
 * The file a fact names is opened below the tree (check-patch shows its
 * lines, fix copies it): a relative path that stays inside.
 */
static int is_tree_path(const char *p)
{
	if (!*p || *p == '/')
		return 0;
	for (const char *s = p; s; s = strchr(s, '/')) {
		if (*s == '/')
			s++;
		if (s[0] == '.' && s[1] == '.' && (!s[2] || s[2] == '/'))
			return 0;
	}
	return 1;
}

/* Only after check_fields(): present means of the right type. */
static char *opt_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

static int opt_int(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return int_in(v, INT_MIN, INT_MAX) ? (int)json_integer_value(v) : 0;
}

/* ["a", "b"] -> "a, b" */
static char *opt_str_list(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key), *x;
	struct strbuf sb = STRBUF_INIT;
	size_t i;

	if (!json_is_array(v))
		return NULL;
	json_array_foreach(v, i, x)
		if (json_is_string(x))
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "",
				    json_string_value(x));
	return strbuf_detach(&sb, NULL);
}

const char *fact_str(const struct fact *f, const char *key)
{
	json_t *v = json_object_get(f->obj, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

int fact_int(const struct fact *f, const char *key)
{
	return opt_int(f->obj, key);
}

int fact_bool(const struct fact *f, const char *key)
{
	return json_is_true(json_object_get(f->obj, key));
}

const char *fact_list_str(const struct fact *f, const char *key, size_t i)
{
	json_t *v = json_array_get(json_object_get(f->obj, key), i);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

int fact_list_has(const struct fact *f, const char *key, const char *s)
{
	const char *x;

	for (size_t i = 0; (x = fact_list_str(f, key, i)); i++)
		if (!strcmp(x, s))
			return 1;
	return 0;
}

int fact_waits(const struct fact *f)
{
	const char *waits = fact_str(f, "waits");

	return waits && *waits;
}

static void fact_release(struct fact *f)
{
	json_decref(f->obj);
	free(f->kind_name);
	free(f->file);
	free(f->function);
	free(f->api);
	free(f->mm);
	free(f->op);
	free(f->reason);
	free(f->key);
	free(f->origin);
	free(f->wrapper);
	free(f->text);
	free(f->lhs);
	free(f->rhs);
	free(f->klass);
	free(f->ops);
	free(f->struct_name);
	memset(f, 0, sizeof(*f));
}

/* The members every fact has; NULL, or why the line is not a fact. */
static char *check_common(json_t *o)
{
	json_t *kind = json_object_get(o, "fact");
	json_t *file = json_object_get(o, "file");
	json_t *ln = json_object_get(o, "line");
	json_t *col = json_object_get(o, "col");
	const char *k;

	if (!json_is_object(o) || !json_is_string(kind) ||
	    !json_is_string(file) || !json_is_integer(ln) ||
	    !json_is_integer(col) || !json_is_string(json_object_get(o, "function")))
		return xstrdup("fact lacks one of fact, file, line, col, function");
	k = json_string_value(kind);
	if (!int_in(ln, 1, INT_MAX))
		return xstrfmt("'%s' fact has line %lld", k,
			       (long long)json_integer_value(ln));
	if (!int_in(col, 0, INT_MAX))
		return xstrfmt("'%s' fact has col %lld", k,
			       (long long)json_integer_value(col));
	if (!is_tree_path(json_string_value(file)))
		return xstrfmt("'%s' fact names '%s', not a file inside the tree",
			       k, json_string_value(file));
	return NULL;
}

/* o has passed check_common() and check_fields(): fill f from it. */
static void fact_fill(struct fact *f, json_t *o)
{
	memset(f, 0, sizeof(*f));
	f->kind_name = xstrdup(json_string_value(json_object_get(o, "fact")));
	f->kind = kind_of(f->kind_name);
	f->file = xstrdup(json_string_value(json_object_get(o, "file")));
	f->line = opt_int(o, "line");
	f->col = opt_int(o, "col");
	f->function = xstrdup(json_string_value(json_object_get(o, "function")));
	f->api = opt_str(o, "api");
	f->mm = opt_str(o, "mm");
	f->op = opt_str(o, "op");
	f->reason = opt_str(o, "reason");
	f->macro = json_is_true(json_object_get(o, "macro"));
	f->release_line = opt_int(o, "release_line");
	f->arg = opt_int(o, "arg");
	f->key = opt_str(o, "key");
	f->origin = opt_str(o, "origin");
	f->origin_line = opt_int(o, "origin_line");
	f->wrapper = opt_str(o, "wrapper");
	f->index = opt_int(o, "index");
	f->is_static = json_is_true(json_object_get(o, "static"));
	f->text = opt_str(o, "text");
	if (!f->text)
		f->text = opt_str(o, "comment");
	f->lhs = opt_str(o, "lhs");
	f->rhs = opt_str(o, "rhs");
	f->klass = opt_str(o, "class");
	f->ops = opt_str_list(o, "ops");
	f->struct_name = opt_str(o, "struct");
	f->release = json_is_true(json_object_get(o, "release"));
	f->obj = o;
}

int facts_parse_line(struct fact_store *fs, const char *line, char **why)
{
	json_error_t jerr;
	json_t *o = json_loads(line, JSON_REJECT_DUPLICATES, &jerr);
	const char *kind_name;

	*why = NULL;
	if (!o) {
		*why = xstrfmt("not JSON: %s", jerr.text);
		return -1;
	}
	if (!(*why = check_common(o))) {
		kind_name = json_string_value(json_object_get(o, "fact"));
		*why = check_fields(o, kind_name, kind_of(kind_name));
	}
	if (*why) {
		json_decref(o);
		return -1;
	}
	ALLOC_GROW(fs->items, fs->nr + 1, fs->alloc);
	fact_fill(&fs->items[fs->nr++], o);
	return 0;
}

int facts_parse_buffer(struct fact_store *fs, const char *buf,
		       size_t *bad, char **first_bad)
{
	const char *p = buf;

	*bad = 0;
	*first_bad = NULL;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char *line = xstrndup(p, len), *why;

		if (len && facts_parse_line(fs, line, &why) < 0) {
			if (!(*bad)++)
				*first_bad = why;
			else
				free(why);
		}
		free(line);
		p += len + (nl ? 1 : 0);
	}
	return *bad ? -1 : 0;
}

static int cmp_fact(const void *a, const void *b)
{
	const struct fact *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	/* facts arrive in completion order: break every tie */
	if (x->origin_line != y->origin_line)
		return x->origin_line < y->origin_line ? -1 : 1;
	if (x->release != y->release)
		return x->release < y->release ? -1 : 1;
	{
		const char *sa[] = { x->op, x->reason, x->mm, x->key, x->origin,
				    x->wrapper, x->klass, x->lhs, x->rhs,
				    x->function, x->kind_name };
		const char *sb[] = { y->op, y->reason, y->mm, y->key, y->origin,
				    y->wrapper, y->klass, y->lhs, y->rhs,
				    y->function, y->kind_name };

		for (size_t i = 0; i < ARRAY_SIZE(sa); i++) {
			c = strcmp(sa[i] ? sa[i] : "", sb[i] ? sb[i] : "");
			if (c)
				return c;
		}
	}
	{
		/* facts of the newer kinds keep their details in obj */
		char *ja = json_dumps(x->obj, JSON_SORT_KEYS | JSON_COMPACT);
		char *jb = json_dumps(y->obj, JSON_SORT_KEYS | JSON_COMPACT);

		c = strcmp(ja ? ja : "", jb ? jb : "");
		free(ja);
		free(jb);
	}
	return c;
}

void facts_sort(struct fact_store *fs)
{
	size_t k = 0;

	if (!fs->nr)
		return;
	qsort(fs->items, fs->nr, sizeof(*fs->items), cmp_fact);
	/* two rounds can run one patch on one file: keep one of each fact */
	for (size_t i = 1; i < fs->nr; i++) {
		if (!cmp_fact(&fs->items[k], &fs->items[i]))
			fact_release(&fs->items[i]);
		else
			fs->items[++k] = fs->items[i];
	}
	fs->nr = k + 1;
}

void facts_clear(struct fact_store *fs)
{
	for (size_t i = 0; i < fs->nr; i++)
		fact_release(&fs->items[i]);
	free(fs->items);
	memset(fs, 0, sizeof(*fs));
}
