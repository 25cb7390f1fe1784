// SPDX-License-Identifier: GPL-2.0-only
/*
 * JSON output: the versioned schema documented in README.md, built with
 * jansson. Every use site is listed, the safe ones too. File names and
 * texts go through json-str.h: a name that is not UTF-8 is escaped, never
 * dropped.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "json-str.h"
#include "scan.h"
#include "usage.h"

static json_t *strlist_json(const struct strlist *l)
{
	json_t *a = json_array();

	for (size_t i = 0; i < l->nr; i++)
		json_array_append_new(a, json_text(l->items[i]));
	return a;
}

json_t *evidence_json(const struct use_site *u)
{
	json_t *ev = json_array();

	for (size_t k = 0; k < u->nevidence; k++) {
		json_t *x = json_object();

		json_object_set_new(x, "file", json_path(u->evidence[k].file));
		json_object_set_new(x, "line", json_integer(u->evidence[k].line));
		json_object_set_new(x, "what", json_text(u->evidence[k].what));
		json_array_append_new(ev, x);
	}
	return ev;
}

json_t *not_analysed_json(const struct scan_result *r)
{
	json_t *na = json_array();

	for (size_t i = 0; i < r->nnot_analysed; i++) {
		json_t *x = json_object();

		json_object_set_new(x, "file", json_path(r->not_analysed[i].file));
		json_object_set_new(x, "reason",
				    json_text(r->not_analysed[i].reason));
		json_array_append_new(na, x);
	}
	return na;
}

/*
 * The root cause a site with findings belongs to: the sites sharing an id
 * are one finding of the text report (docs/output.md, "Root causes").
 */
static json_t *group_json(const struct site_group *g, size_t site)
{
	json_t *o;

	if (!g)
		return json_null();
	o = json_object();
	json_object_set_new(o, "id", json_string(g->id));
	json_object_set_new(o, "kind", json_string(group_kind_name(g->kind)));
	json_object_set_new(o, "subject",
			    g->subject ? json_text(g->subject) : json_null());
	json_object_set_new(o, "sites", json_integer((json_int_t)g->n));
	/* the site the text report's head line is at */
	json_object_set_new(o, "head", json_boolean(g->head == site));
	return o;
}

static json_t *use_json(const struct scan_result *r, size_t i)
{
	const struct use_site *u = &r->verdicts.items[i];
	const struct fact *f = u->use;
	json_t *o = json_object(), *ev, *fi = json_array();

	json_object_set_new(o, "file", json_path(f->file));
	json_object_set_new(o, "line", json_integer(f->line));
	json_object_set_new(o, "col", json_integer(f->col));
	json_object_set_new(o, "function", json_text(f->function));
	if (u->family == FAMILY_LOCK) {
		json_object_set_new(o, "lock", json_text(u->subject));
		json_object_set_new(o, "role", json_text(u->verdict));
	} else {
		json_object_set_new(o, "family", json_text(
			u->family == FAMILY_LIVE ? "live" : "use"));
		json_object_set_new(o, "macro", json_boolean(f->macro));
		json_object_set_new(o, "api", json_text(f->api));
		json_object_set_new(o, "mm", json_text(f->mm));
		json_object_set_new(o, "field", json_text(f->key));
		json_object_set_new(o, "verdict", json_text(u->verdict));
		if (u->arches_how) {
			json_object_set_new(o, "critical_arches",
					    strlist_json(&u->arches));
			json_object_set_new(o, "arches_from",
					    json_text(u->arches_how));
		}
	}
	json_object_set_new(o, "severity",
			    json_text(severity_name(u->severity)));
	json_object_set_new(o, "confidence", u->nfindings ?
			    json_string(confidence_name(u->confidence)) :
			    json_null());
	json_object_set_new(o, "subsystem",
			    json_text(subsys_name(u->subsystem)));
	json_object_set_new(o, "group", group_json(group_of(&r->groups, i), i));
	for (size_t k = 0; k < u->nfindings; k++) {
		json_t *x = json_object();

		json_object_set_new(x, "rule",
				    json_text(u->findings[k].rule->id));
		json_object_set_new(x, "severity",
				    json_text(severity_name(
					    u->findings[k].severity)));
		json_object_set_new(x, "confidence",
				    json_string(confidence_name(
					    u->findings[k].confidence)));
		json_object_set_new(x, "message",
				    json_text(u->findings[k].message));
		json_array_append_new(fi, x);
	}
	json_object_set_new(o, "findings", fi);
	json_object_set_new(o, "evidence", evidence_json(u));
	ev = json_array();
	for (size_t k = 0; k < u->nmitigations; k++) {
		json_t *x = json_object();

		json_object_set_new(x, "kind", json_text(u->mitigations[k].kind));
		json_object_set_new(x, "file", json_path(u->mitigations[k].file));
		json_object_set_new(x, "line",
				    json_integer(u->mitigations[k].line));
		json_object_set_new(x, "text", json_text(u->mitigations[k].text));
		json_array_append_new(ev, x);
	}
	json_object_set_new(o, "mitigations", ev);
	return o;
}

json_t *arches_json(const struct arch_report *ar, int all)
{
	json_t *a = json_array(), *cur = NULL, *ev = NULL;
	const char *arch = NULL;

	for (size_t i = 0; i < ar->nr; i++) {
		const struct arch_reader *rd = &ar->items[i];
		const struct fact *f = rd->fact;
		json_t *x;

		if (!all && !rd->critical)
			continue;
		if (!arch || strcmp(arch, rd->arch)) {
			arch = rd->arch;
			cur = json_object();
			ev = json_array();
			json_object_set_new(cur, "arch", json_text(rd->arch));
			json_object_set_new(cur, "critical", json_boolean(
				strlist_has(&ar->critical, rd->arch)));
			json_object_set_new(cur, "readers", ev);
			json_array_append_new(a, cur);
		}
		x = json_object();
		json_object_set_new(x, "file", json_path(f->file));
		json_object_set_new(x, "line", json_integer(f->line));
		json_object_set_new(x, "function", json_text(f->function));
		json_object_set_new(x, "class", json_text(f->klass));
		json_object_set_new(x, "test", json_text(fact_str(f, "test")));
		json_object_set_new(x, "flush", json_text(fact_str(f, "flush")));
		json_array_append_new(ev, x);
	}
	return a;
}

static json_t *subsys_json(const struct subsys_summary *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "name", json_text(subsys_name(s->entry)));
	json_object_set_new(o, "status", s->entry && s->entry->status ?
			    json_text(s->entry->status) : json_null());
	json_object_set_new(o, "maintainers", s->entry ?
			    strlist_json(&s->entry->maintainers) : json_array());
	json_object_set_new(o, "reviewers", s->entry ?
			    strlist_json(&s->entry->reviewers) : json_array());
	json_object_set_new(o, "lists", s->entry ?
			    strlist_json(&s->entry->lists) : json_array());
	json_object_set_new(o, "uses", json_integer((json_int_t)s->uses));
	json_object_set_new(o, "errors", json_integer((json_int_t)s->errors));
	json_object_set_new(o, "warnings",
			    json_integer((json_int_t)s->warnings));
	json_object_set_new(o, "held", json_integer((json_int_t)s->safe));
	return o;
}

char *report_json(const struct scan_result *r)
{
	json_t *doc = json_object(), *tree = json_object(), *sum = json_object();
	json_t *uses = json_array(), *subs = json_array();
	json_t *locks = json_array(), *conf;
	char *s;

	json_object_set_new(doc, "schema", json_string("mmcheck-scan"));
	json_object_set_new(doc, "version", json_integer(SCAN_SCHEMA_VERSION));
	json_object_set_new(tree, "path", json_path(r->tree));
	json_object_set_new(tree, "kernel_version", json_text(r->kernel_version));
	json_object_set_new(tree, "maintainers",
			    json_boolean(r->have_maintainers));
	json_object_set_new(doc, "tree", tree);
	json_object_set_new(doc, "spatch_version", json_text(r->spatch_version));
	json_object_set_new(sum, "files", json_integer((json_int_t)r->files));
	json_object_set_new(sum, "candidates",
			    json_integer((json_int_t)r->candidates));
	json_object_set_new(sum, "analysed",
			    json_integer((json_int_t)r->analysed));
	json_object_set_new(sum, "not_analysed",
			    json_integer((json_int_t)r->nnot_analysed));
	json_object_set_new(sum, "complete", json_boolean(!r->nnot_analysed));
	json_object_set_new(sum, "uses", json_integer((json_int_t)r->uses));
	json_object_set_new(sum, "lock_and_live_findings",
			    json_integer((json_int_t)r->others));
	json_object_set_new(sum, "errors", json_integer((json_int_t)r->errors));
	json_object_set_new(sum, "warnings",
			    json_integer((json_int_t)r->warnings));
	json_object_set_new(sum, "held", json_integer((json_int_t)r->safe));
	json_object_set_new(sum, "root_causes",
			    json_integer((json_int_t)r->root_causes));
	conf = json_object();
	for (int c = CONF_HIGH; c >= CONF_LOW; c--)
		json_object_set_new(conf, confidence_name((enum confidence)c),
				    json_integer((json_int_t)r->by_confidence[c]));
	json_object_set_new(sum, "confidence", conf);
	json_object_set_new(doc, "summary", sum);
	json_object_set_new(doc, "not_analysed", not_analysed_json(r));
	for (size_t i = 0; i < r->verdicts.nr; i++)
		json_array_append_new(r->verdicts.items[i].family == FAMILY_LOCK ?
				      locks : uses,
				      use_json(r, i));
	json_object_set_new(doc, "uses", uses);
	json_object_set_new(doc, "lock_sites", locks);
	json_object_set_new(doc, "critical_arches", r->arches.ran ?
			    arches_json(&r->arches, 0) : json_null());
	for (size_t i = 0; i < r->nsubsystems; i++)
		json_array_append_new(subs, subsys_json(&r->subsystems[i]));
	json_object_set_new(doc, "subsystems", subs);
	s = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (!s)
		die("out of memory writing JSON");
	return s;
}
