// SPDX-License-Identifier: GPL-2.0-only
/*
 * Rule catalogue loader; see rules.h.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "readfile.h"
#include "rules.h"
#include "strbuf.h"
#include "usage.h"

static const char *const sev_names[] = { "none", "warning", "error" };
static const char *const conf_names[] = { "low", "medium", "high" };

const char *severity_name(enum severity s)
{
	return sev_names[s];
}

int severity_parse(const char *s, enum severity *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(sev_names); i++)
		if (!strcmp(s, sev_names[i])) {
			*out = (enum severity)i;
			return 0;
		}
	return -1;
}

const char *confidence_name(enum confidence c)
{
	return conf_names[c];
}

int confidence_parse(const char *s, enum confidence *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(conf_names); i++)
		if (!strcmp(s, conf_names[i])) {
			*out = (enum confidence)i;
			return 0;
		}
	return -1;
}

static int load_one(struct rule_catalogue *rc, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct rule r = { NULL, SEV_NONE, CONF_MEDIUM, NULL, NULL };
	char *line, *save = NULL;
	int have_sev = 0, ret;

	/* a FIFO among the rules must not hang every command */
	ret = read_regular_file(&sb, path, 0);
	if (ret == READ_SKIPPED)
		return -1;
	if (ret < 0)
		return error_errno("cannot read rule '%s'", path);
	/* the header ends at the first blank line; strtok skips those, so
	 * stop at the first line without a "key:" */
	for (line = strtok_r(sb.buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':');
		char *space = strchr(line, ' ');
		char *v;

		if (!colon || (space && space < colon))
			break;
		*colon = '\0';
		v = colon + 1 + strspn(colon + 1, " \t");
		if (!strcmp(line, "id")) {
			free(r.id);
			r.id = xstrdup(v);
		} else if (!strcmp(line, "severity")) {
			if (severity_parse(v, &r.severity) < 0) {
				error("'%s': unknown severity '%s'", path, v);
				strbuf_release(&sb);
				free(r.id);
				free(r.title);
				return -1;
			}
			have_sev = 1;
		} else if (!strcmp(line, "confidence")) {
			if (confidence_parse(v, &r.confidence) < 0) {
				error("'%s': unknown confidence '%s'", path, v);
				strbuf_release(&sb);
				free(r.id);
				free(r.title);
				return -1;
			}
		} else if (!strcmp(line, "title")) {
			free(r.title);
			r.title = xstrdup(v);
		}
	}
	strbuf_release(&sb);
	if (!r.id || !r.title || !have_sev) {
		free(r.id);
		free(r.title);
		return error("'%s' lacks an id, title or severity line", path);
	}
	r.path = xstrdup(path);
	ALLOC_GROW(rc->items, rc->nr + 1, rc->alloc);
	rc->items[rc->nr++] = r;
	return 0;
}

static int cmp_rule(const void *a, const void *b)
{
	return strcmp(((const struct rule *)a)->id, ((const struct rule *)b)->id);
}

int rules_load(struct rule_catalogue *rc, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int ret = 0;

	memset(rc, 0, sizeof(*rc));
	if (!d)
		return error_errno("cannot read the rule catalogue '%s'", dir);
	while ((de = readdir(d))) {
		size_t n = strlen(de->d_name);
		char *p;

		if (n < 6 || strcmp(de->d_name + n - 5, ".rule"))
			continue;
		p = xstrfmt("%s/%s", dir, de->d_name);
		if (load_one(rc, p) < 0)
			ret = -1;
		free(p);
	}
	closedir(d);
	if (rc->nr)
		qsort(rc->items, rc->nr, sizeof(*rc->items), cmp_rule);
	return ret;
}

const struct rule *rules_find(const struct rule_catalogue *rc, const char *id)
{
	struct rule key = { (char *)id, SEV_NONE, CONF_MEDIUM, NULL, NULL };

	if (!rc->nr)
		return NULL;
	return bsearch(&key, rc->items, rc->nr, sizeof(key), cmp_rule);
}

const struct rule *rules_get(const struct rule_catalogue *rc, const char *id)
{
	const struct rule *r = rules_find(rc, id);

	if (!r)
		die("BUG: rule '%s' is not in the catalogue", id);
	return r;
}

void rules_clear(struct rule_catalogue *rc)
{
	for (size_t i = 0; i < rc->nr; i++) {
		free(rc->items[i].id);
		free(rc->items[i].title);
		free(rc->items[i].path);
	}
	free(rc->items);
	memset(rc, 0, sizeof(*rc));
}
