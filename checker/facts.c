// SPDX-License-Identifier: GPL-2.0-only
/*
 * Fact parsing with jansson; see facts.h.
 */
#include <jansson.h>
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

static char *opt_str(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

static int opt_int(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (int)json_integer_value(v) : 0;
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

/* Which fields each kind must carry, beyond the common ones. */
static const char *missing_field(struct fact *f)
{
	switch (f->kind) {
	case FACT_USE:
		return !f->api ? "api" : !f->mm ? "mm" : NULL;
	case FACT_UNHELD:
		return !f->reason ? "reason" : NULL;
	case FACT_REFOP:
	case FACT_IGNORED_RESULT:
		return !f->op ? "op" : !f->mm ? "mm" : NULL;
	case FACT_ORIGIN:
		return !f->origin ? "origin" : NULL;
	case FACT_WRAPPER:
		return !f->wrapper ? "wrapper" : NULL;
	case FACT_COMMENT:
		return !f->text ? "text" : NULL;
	case FACT_STORE:
		return !f->lhs ? "lhs" : !f->rhs ? "rhs" :
		       !f->klass ? "class" : NULL;
	case FACT_NOTIFIER:
		return !f->struct_name ? "struct" : NULL;
	case FACT_LIVE_USE:
		return !f->api ? "api" : !f->mm ? "mm" : NULL;
	case FACT_LOCK_DECIDE:
	case FACT_LOCK_LAST:
	case FACT_UNLOCK_FREE:
	case FACT_LOCK_ORDERED:
		return !f->key ? "key" : NULL;
	case FACT_MM_USERS_READ:
		return !f->klass ? "class" : NULL;
	default:
		return NULL;
	}
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

int facts_parse_line(struct fact_store *fs, const char *line, char **why)
{
	json_error_t jerr;
	json_t *o = json_loads(line, JSON_REJECT_DUPLICATES, &jerr);
	json_t *kind, *file, *ln, *col, *fn;
	struct fact f;
	const char *miss;

	*why = NULL;
	if (!o) {
		*why = xstrfmt("not JSON: %s", jerr.text);
		return -1;
	}
	kind = json_object_get(o, "fact");
	file = json_object_get(o, "file");
	ln = json_object_get(o, "line");
	col = json_object_get(o, "col");
	fn = json_object_get(o, "function");
	if (!json_is_object(o) || !json_is_string(kind) ||
	    !json_is_string(file) || !json_is_integer(ln) ||
	    !json_is_integer(col) || !json_is_string(fn)) {
		*why = xstrdup("fact lacks one of fact, file, line, col, function");
		json_decref(o);
		return -1;
	}
	memset(&f, 0, sizeof(f));
	f.kind_name = xstrdup(json_string_value(kind));
	f.kind = kind_of(f.kind_name);
	f.file = xstrdup(json_string_value(file));
	f.line = (int)json_integer_value(ln);
	f.col = (int)json_integer_value(col);
	f.function = xstrdup(json_string_value(fn));
	f.api = opt_str(o, "api");
	f.mm = opt_str(o, "mm");
	f.op = opt_str(o, "op");
	f.reason = opt_str(o, "reason");
	f.macro = json_is_true(json_object_get(o, "macro"));
	f.release_line = opt_int(o, "release_line");
	f.arg = opt_int(o, "arg");
	f.key = opt_str(o, "key");
	f.origin = opt_str(o, "origin");
	f.origin_line = opt_int(o, "origin_line");
	f.wrapper = opt_str(o, "wrapper");
	f.index = opt_int(o, "index");
	f.is_static = json_is_true(json_object_get(o, "static"));
	f.text = opt_str(o, "text");
	if (!f.text)
		f.text = opt_str(o, "comment");
	f.lhs = opt_str(o, "lhs");
	f.rhs = opt_str(o, "rhs");
	f.klass = opt_str(o, "class");
	f.ops = opt_str_list(o, "ops");
	f.struct_name = opt_str(o, "struct");
	f.release = json_is_true(json_object_get(o, "release"));
	f.obj = o;

	miss = missing_field(&f);
	if (miss || f.line <= 0) {
		*why = miss ? xstrfmt("'%s' fact lacks '%s'", f.kind_name, miss)
			    : xstrfmt("'%s' fact has line %d", f.kind_name, f.line);
		fact_release(&f);
		return -1;
	}
	ALLOC_GROW(fs->items, fs->nr + 1, fs->alloc);
	fs->items[fs->nr++] = f;
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
