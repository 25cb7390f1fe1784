// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shard reader; see shard.h.
 */
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "facts.h"
#include "json-str.h"
#include "scan.h"
#include "shard.h"
#include "usage.h"

__attribute__((format(printf, 3, 4)))
static int broken(struct strbuf *err, const char *name, const char *fmt, ...)
{
	va_list ap;

	strbuf_addf(err, "'%s' is a broken shard: ", name);
	va_start(ap, fmt);
	strbuf_vaddf(err, fmt, ap);
	va_end(ap);
	return -1;
}

/* An integer member from lo to hi, or -1: missing, another type, too big. */
static int int_member(json_t *doc, const char *key, int lo, int hi, int *out)
{
	json_t *v = json_object_get(doc, key);

	if (!json_is_integer(v) || json_integer_value(v) < lo ||
	    json_integer_value(v) > hi)
		return -1;
	*out = (int)json_integer_value(v);
	return 0;
}

static int is_key(const char *s)
{
	return s && strlen(s) == 64 && strspn(s, "0123456789abcdef") == 64;
}

static int read_header(struct shard *s, json_t *doc, const char *name,
		       struct strbuf *err)
{
	const char *schema = json_string_value(json_object_get(doc, "schema"));
	json_t *version = json_object_get(doc, "version");

	if (!schema || strcmp(schema, "mmcheck-shard") ||
	    !json_is_integer(version) || json_integer_value(version) != 1) {
		strbuf_addf(err, "'%s' is not an mmcheck shard (version 1)", name);
		return -1;
	}
	if (int_member(doc, "of", 1, INT_MAX, &s->of) < 0)
		return broken(err, name, "'of' is not an integer from 1 to %d",
			      INT_MAX);
	if (int_member(doc, "shard", 1, s->of, &s->n) < 0)
		return broken(err, name, "'shard' is not an integer from 1 to "
			      "'of' (%d)", s->of);
	if (!is_key(json_string_value(json_object_get(doc, "tree_key"))))
		return broken(err, name, "'tree_key' is not 64 hex digits");
	s->tree_key = xstrdup(json_string_value(json_object_get(doc, "tree_key")));
	return 0;
}

/* Every line a good fact: merge must not find out after its work. */
static int read_facts(struct shard *s, json_t *doc, const char *name,
		      struct strbuf *err)
{
	const char *facts = json_string_value(json_object_get(doc, "facts"));
	struct fact_store fs = { NULL, 0, 0 };
	size_t bad;
	char *why;

	if (!facts)
		return broken(err, name, "'facts' is not a string");
	if (facts_parse_buffer(&fs, facts, &bad, &why) < 0) {
		broken(err, name, "%zu bad fact line%s, the first: %s", bad,
		       bad == 1 ? "" : "s", why);
		free(why);
		facts_clear(&fs);
		return -1;
	}
	facts_clear(&fs);
	s->facts = xstrdup(facts);
	return 0;
}

/*
 * scan writes its candidates with json_path(); a shard of an older
 * mmcheck wrote a name with a backslash as it is: one that does not
 * decode is taken so.
 */
static char *candidate_name(json_t *v)
{
	char *f = path_from_json(v);

	return f || !json_is_string(v) ? f : xstrdup(json_string_value(v));
}

static int read_candidates(struct shard *s, json_t *doc, const char *name,
			   struct strbuf *err)
{
	json_t *a = json_object_get(doc, "candidates"), *v;
	size_t i;

	if (!json_is_array(a))
		return broken(err, name, "'candidates' is not an array");
	json_array_foreach(a, i, v) {
		char *f = candidate_name(v);

		if (!f)
			return broken(err, name, "candidate %zu is not a file "
				      "name", i + 1);
		strlist_push_owned(&s->candidates, f);
	}
	return 0;
}

static int read_not_analysed(struct shard *s, json_t *doc, const char *name,
			     struct strbuf *err)
{
	json_t *a = json_object_get(doc, "not_analysed"), *v;
	size_t i;

	if (!json_is_array(a))
		return broken(err, name, "'not_analysed' is not an array");
	json_array_foreach(a, i, v) {
		char *f = path_from_json(json_object_get(v, "file"));
		const char *r = json_string_value(json_object_get(v, "reason"));

		if (!f || !r) {
			free(f);
			return broken(err, name, "'not_analysed' entry %zu is "
				      "not a file name and a reason", i + 1);
		}
		ALLOC_GROW(s->na, s->nna + 1, s->ana);
		s->na[s->nna].file = f;
		/* a reason is text: an escaped one is shown escaped */
		s->na[s->nna].reason = xstrdup(r);
		s->nna++;
	}
	return 0;
}

int shard_parse(struct shard *s, const char *buf, size_t len,
		const char *name, struct strbuf *err)
{
	json_error_t jerr;
	json_t *doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	int ret;

	memset(s, 0, sizeof(*s));
	if (!doc) {
		strbuf_addf(err, "cannot read shard '%s': %s", name, jerr.text);
		return -1;
	}
	/* members of anything but an object are NULL: "not a shard" */
	ret = read_header(s, doc, name, err);
	if (!ret)
		ret = read_candidates(s, doc, name, err);
	if (!ret)
		ret = read_not_analysed(s, doc, name, err);
	if (!ret)
		ret = read_facts(s, doc, name, err);
	json_decref(doc);
	if (ret)
		shard_release(s);
	return ret;
}

int shard_read(struct shard *s, const char *path, struct strbuf *err)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	memset(s, 0, sizeof(*s));
	if (strbuf_read_file(&sb, path) < 0) {
		strbuf_addf(err, "cannot read shard '%s': %s", path,
			    strerror(errno));
		strbuf_release(&sb);
		return -1;
	}
	ret = shard_parse(s, sb.buf, sb.len, path, err);
	strbuf_release(&sb);
	return ret;
}

void shard_release(struct shard *s)
{
	free(s->tree_key);
	free(s->facts);
	strlist_clear(&s->candidates);
	for (size_t i = 0; i < s->nna; i++) {
		free(s->na[i].file);
		free(s->na[i].reason);
	}
	free(s->na);
	memset(s, 0, sizeof(*s));
}
