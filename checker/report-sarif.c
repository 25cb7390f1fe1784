// SPDX-License-Identifier: GPL-2.0-only
/*
 * SARIF 2.1.0 output, built with jansson; see report-sarif.h. The
 * document follows the OASIS schema (docs/schema/sarif-schema-2.1.0.json);
 * t/t0280-sarif.sh validates real outputs against it.
 */
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cache.h"
#include "json-str.h"
#include "report-sarif.h"
#include "scan.h"
#include "strbuf.h"
#include "usage.h"
#include "version.h"

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
		     "errata01/os/schemas/sarif-schema-2.1.0.json"
#define SRCROOT "SRCROOT"
#define FINGERPRINT "mmcheck/v1"
/*
 * The rule a held use passed (with --all): the use holds mm_users.
 * SARIF wants a rule on every result, a passing one too.
 */
#define HELD_RULE "use-mm-unheld"

struct sarif_log {
	json_t *doc, *results, *invocation, *notifications;
	struct strlist rule_ids;	/* the rules' order: ruleIndex */
	struct strlist not_analysed;	/* "file\treason" already listed */
};

/* Strings */

/*
 * A JSON string of s ("" for NULL), whatever its bytes: json_text()
 * writes each byte that is not UTF-8 as "\xNN" (README, JSON strings).
 */
static json_t *str(const char *s)
{
	return json_text(s ? s : "");
}

/* {"text": s} */
static json_t *message(const char *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "text", str(s));
	return o;
}

/*
 * A path as a URI reference (RFC 3986): every byte but the unreserved
 * ones and '/' is percent-encoded, so the URI is ASCII and keeps every
 * byte of the path.
 */
static void add_uri_path(struct strbuf *sb, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p)) {
			strbuf_addch(sb, *p);
		} else {
			strbuf_addch(sb, '%');
			strbuf_addch(sb, hex[*p >> 4]);
			strbuf_addch(sb, hex[*p & 15]);
		}
	}
}

/* A file of the tree (or an absolute path) as an artifactLocation. */
static json_t *artifact(const char *file)
{
	struct strbuf sb = STRBUF_INIT;
	json_t *o = json_object();

	if (file[0] == '/')
		strbuf_addstr(&sb, "file://");
	add_uri_path(&sb, file);
	json_object_set_new(o, "uri", json_stringn(sb.buf, sb.len));
	if (file[0] != '/')
		json_object_set_new(o, "uriBaseId", json_string(SRCROOT));
	strbuf_release(&sb);
	return o;
}

/* A location: file, and line and column where known (from 1). */
static json_t *location(const char *file, int line, int col)
{
	json_t *loc = json_object(), *phys = json_object();

	json_object_set_new(phys, "artifactLocation", artifact(file));
	if (line > 0) {
		json_t *region = json_object();

		json_object_set_new(region, "startLine", json_integer(line));
		if (col > 0)
			json_object_set_new(region, "startColumn",
					    json_integer(col));
		json_object_set_new(phys, "region", region);
	}
	json_object_set_new(loc, "physicalLocation", phys);
	return loc;
}

/* The rules */

static const char *level_name(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

/*
 * From a rule's catalogue file: its text after the header (what `mmcheck
 * explain` adds to the title) into body, and its "Why it matters"
 * section, reflowed into paragraphs, into why.
 */
static void rule_texts(const struct rule *r, struct strbuf *body,
		       struct strbuf *why)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p;
	int in_why = 0, blank = 0;

	if (strbuf_read_file(&sb, r->path) < 0 ||
	    !(p = strstr(sb.buf, "\n\n"))) {
		strbuf_release(&sb);
		return;
	}
	p += 2;
	strbuf_addstr(body, p);
	strbuf_rtrim(body);
	while (*p) {
		size_t len = strcspn(p, "\n");
		const char *t = p + strspn(p, " \t");
		size_t tlen = len - (size_t)(t - p);

		if (len && t == p) {
			/* a heading */
			in_why = len == 14 && !strncmp(p, "Why it matters", 14);
		} else if (in_why && !tlen) {
			blank = 1;
		} else if (in_why) {
			if (why->len)
				strbuf_addstr(why, blank ? "\n\n" : " ");
			strbuf_add(why, t, tlen);
			blank = 0;
		}
		p += len + (p[len] == '\n');
	}
	strbuf_release(&sb);
}

static json_t *rule_json(const struct rule *r)
{
	json_t *o = json_object(), *conf = json_object();
	struct strbuf body = STRBUF_INIT, why = STRBUF_INIT;
	struct strbuf name = STRBUF_INIT;

	rule_texts(r, &body, &why);
	json_object_set_new(o, "id", str(r->id));
	/* the friendly name SARIF asks for: use-mm-unheld is UseMmUnheld */
	for (const char *p = r->id; *p; p++)
		if (*p != '-')
			strbuf_addch(&name, p == r->id || p[-1] == '-' ?
				     toupper((unsigned char)*p) : *p);
	json_object_set_new(o, "name", str(name.buf));
	strbuf_release(&name);
	json_object_set_new(o, "shortDescription", message(r->title));
	json_object_set_new(o, "fullDescription",
			    message(why.len ? why.buf : r->title));
	json_object_set_new(o, "help", message(body.len ? body.buf : r->title));
	json_object_set_new(conf, "level",
			    json_string(level_name(r->severity)));
	json_object_set_new(o, "defaultConfiguration", conf);
	strbuf_release(&body);
	strbuf_release(&why);
	return o;
}

/* The results */

/* What check-patch matches findings on: rule, file, function, mm. */
static json_t *fingerprints(const char *rule, const struct use_site *u)
{
	json_t *o = json_object();
	char *key = xstrfmt("%s\t%s\t%s\t%s", rule, u->use->file,
			    u->use->function ? u->use->function : "",
			    u->subject ? u->subject : "");
	char hex[65];

	sha256_hex(key, strlen(key), hex);
	json_object_set_new(o, FINGERPRINT, json_string(hex));
	free(key);
	return o;
}

/* The evidence, step by step, as one thread flow. */
static json_t *code_flows(const struct use_site *u)
{
	json_t *flows = json_array(), *flow = json_object();
	json_t *threads = json_array(), *thread = json_object();
	json_t *steps = json_array();

	for (size_t k = 0; k < u->nevidence; k++) {
		const struct evidence *e = &u->evidence[k];
		json_t *step = json_object();
		json_t *loc = location(e->file, e->line, 0);

		json_object_set_new(loc, "message", message(e->what));
		json_object_set_new(step, "location", loc);
		json_array_append_new(steps, step);
	}
	json_object_set_new(thread, "locations", steps);
	json_array_append_new(threads, thread);
	json_object_set_new(flow, "threadFlows", threads);
	json_array_append_new(flows, flow);
	return flows;
}

/* What the text and JSON reports also say of a site. */
static json_t *site_properties(const struct use_site *u, int patch)
{
	json_t *o = json_object();
	const struct fact *f = u->use;

	if (u->family == FAMILY_LOCK) {
		json_object_set_new(o, "lock", str(u->subject));
		json_object_set_new(o, "role", str(u->verdict));
	} else {
		json_object_set_new(o, "family", json_string(
			u->family == FAMILY_LIVE ? "live" : "use"));
		json_object_set_new(o, "api", str(f->api));
		json_object_set_new(o, "mm", str(f->mm));
		json_object_set_new(o, "verdict", str(u->verdict));
		if (u->arches_how) {
			json_t *a = json_array();

			for (size_t i = 0; i < u->arches.nr; i++)
				json_array_append_new(a,
						      str(u->arches.items[i]));
			json_object_set_new(o, "critical_arches", a);
			json_object_set_new(o, "arches_from",
					    str(u->arches_how));
		}
	}
	json_object_set_new(o, "subsystem", str(subsys_name(u->subsystem)));
	if (patch)
		json_object_set_new(o, "patch", json_integer(patch));
	return o;
}

static void set_rule(json_t *o, const struct sarif_log *log, const char *rule)
{
	json_object_set_new(o, "ruleId", str(rule));
	for (size_t i = 0; i < log->rule_ids.nr; i++)
		if (!strcmp(log->rule_ids.items[i], rule))
			json_object_set_new(o, "ruleIndex",
					    json_integer((json_int_t)i));
}

/* Finding k of u, or with k == u->nfindings the held use itself. */
static json_t *result_json(const struct sarif_log *log,
			   const struct use_site *u, size_t k,
			   const char *baseline, int patch)
{
	const struct fact *f = u->use;
	json_t *o = json_object(), *locs = json_array(), *loc, *logical;
	const char *rule = HELD_RULE;

	if (k < u->nfindings) {
		const struct finding *fi = &u->findings[k];

		rule = fi->rule->id;
		set_rule(o, log, rule);
		json_object_set_new(o, "level",
				    json_string(level_name(fi->severity)));
		json_object_set_new(o, "message", message(fi->message));
		/* SARIF's rank: how sure mmcheck is, 0 to 100 */
		json_object_set_new(o, "rank", json_real(
			fi->confidence == CONF_HIGH ? 90.0 :
			fi->confidence == CONF_MEDIUM ? 60.0 : 30.0));
	} else {
		char *msg = xstrfmt("%s(%s) in %s%s%s: %s", f->api, f->mm,
				    f->macro ? "macro " : "", f->function,
				    f->macro ? "" : "()", u->verdict);

		set_rule(o, log, rule);
		json_object_set_new(o, "kind", json_string("pass"));
		json_object_set_new(o, "level", json_string("none"));
		json_object_set_new(o, "message", message(msg));
		free(msg);
	}
	if (baseline)
		json_object_set_new(o, "baselineState", json_string(baseline));
	loc = location(f->file, f->line, f->col);
	logical = json_object();
	json_object_set_new(logical, "name", str(f->function));
	json_object_set_new(logical, "kind",
			    json_string(f->macro ? "macro" : "function"));
	json_object_set_new(loc, "logicalLocations", json_pack("[o]", logical));
	json_array_append_new(locs, loc);
	json_object_set_new(o, "locations", locs);
	if (u->nevidence)
		json_object_set_new(o, "codeFlows", code_flows(u));
	if (u->nmitigations) {
		json_t *rel = json_array();

		for (size_t i = 0; i < u->nmitigations; i++) {
			const struct mitigation *m = &u->mitigations[i];
			char *msg = xstrfmt("mitigation (%s), not proof: %s",
					    m->kind, m->text);

			loc = location(m->file, m->line, 0);
			json_object_set_new(loc, "id",
					    json_integer((json_int_t)i));
			json_object_set_new(loc, "message", message(msg));
			json_array_append_new(rel, loc);
			free(msg);
		}
		json_object_set_new(o, "relatedLocations", rel);
	}
	json_object_set_new(o, "partialFingerprints", fingerprints(rule, u));
	json_object_set_new(o, "properties", site_properties(u, patch));
	return o;
}

/*
 * The root cause of site i (docs/output.md, "Root causes"): each site
 * stays a result of its own, so that code scanning tracks and annotates
 * every place a fix must touch, and check-patch matches per site. The
 * group is a property, and the other sites of the group are related
 * locations: a partial fingerprint shared by several results would make
 * a service that matches alerts on fingerprints keep only one of them.
 */
static void add_group(json_t *o, const struct scan_result *r, size_t i)
{
	const struct site_group *g = group_of(&r->groups, i);
	json_t *props = json_object_get(o, "properties"), *x, *rel;
	size_t id;

	if (!g)
		return;
	x = json_object();
	json_object_set_new(x, "id", json_string(g->id));
	json_object_set_new(x, "kind", json_string(group_kind_name(g->kind)));
	json_object_set_new(x, "subject", g->subject ? str(g->subject) :
			    json_null());
	json_object_set_new(x, "sites", json_integer((json_int_t)g->n));
	json_object_set_new(x, "head", json_boolean(g->head == i));
	json_object_set_new(props, "group", x);
	if (g->n < 2)
		return;
	rel = json_object_get(o, "relatedLocations");
	if (!rel) {
		rel = json_array();
		json_object_set_new(o, "relatedLocations", rel);
	}
	id = json_array_size(rel);
	for (size_t m = 0; m < g->n; m++) {
		const struct fact *f = r->verdicts.items[g->members[m]].use;
		json_t *loc;
		char *msg;

		if (g->members[m] == i)
			continue;
		msg = xstrfmt("same root cause (%s %s): %s(%s) in %s%s%s",
			      group_kind_name(g->kind),
			      g->subject ? g->subject : "", f->api, f->mm,
			      f->macro ? "macro " : "", f->function,
			      f->macro ? "" : "()");
		loc = location(f->file, f->line, f->col);
		json_object_set_new(loc, "id", json_integer((json_int_t)id++));
		json_object_set_new(loc, "message", message(msg));
		json_array_append_new(rel, loc);
		free(msg);
	}
}

/* The log */

struct sarif_log *sarif_log_new(const struct scan_result *r)
{
	struct sarif_log *log = xcalloc(1, sizeof(*log));
	json_t *run = json_object(), *tool = json_object();
	json_t *driver = json_object(), *rules = json_array();
	json_t *bases = json_object(), *root = json_object(), *props;
	struct strbuf uri = STRBUF_INIT;

	log->doc = json_object();
	json_object_set_new(log->doc, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(log->doc, "version", json_string("2.1.0"));

	json_object_set_new(driver, "name", json_string("mmcheck"));
	json_object_set_new(driver, "version", json_string(MMCHECK_VERSION));
	for (size_t i = 0; i < r->rules.nr; i++) {
		json_array_append_new(rules, rule_json(&r->rules.items[i]));
		strlist_push(&log->rule_ids, r->rules.items[i].id);
	}
	json_object_set_new(driver, "rules", rules);
	json_object_set_new(tool, "driver", driver);
	json_object_set_new(run, "tool", tool);

	log->invocation = json_object();
	log->notifications = json_array();
	json_object_set_new(log->invocation, "executionSuccessful",
			    json_true());
	json_object_set(log->invocation, "toolExecutionNotifications",
			log->notifications);
	json_object_set_new(run, "invocations",
			    json_pack("[O]", log->invocation));

	/* the tree, ending in '/' as a base URI must */
	strbuf_addstr(&uri, "file://");
	add_uri_path(&uri, r->tree);
	if (uri.buf[uri.len - 1] != '/')
		strbuf_addch(&uri, '/');
	json_object_set_new(root, "uri", json_stringn(uri.buf, uri.len));
	json_object_set_new(root, "description", message("the kernel tree"));
	json_object_set_new(bases, SRCROOT, root);
	json_object_set_new(run, "originalUriBaseIds", bases);
	strbuf_release(&uri);

	log->results = json_array();
	json_object_set(run, "results", log->results);

	props = json_object();
	json_object_set_new(props, "kernel_version", r->kernel_version ?
			    str(r->kernel_version) : json_null());
	json_object_set_new(props, "spatch_version", str(r->spatch_version));
	json_object_set_new(run, "properties", props);

	json_object_set_new(log->doc, "runs", json_pack("[o]", run));
	return log;
}

void sarif_log_add(struct sarif_log *log, const struct use_site *u,
		   size_t k, const char *baseline, int patch)
{
	if (k >= u->nfindings)
		die("BUG: site has no finding %zu", k);
	json_array_append_new(log->results,
			      result_json(log, u, k, baseline, patch));
}

void sarif_log_not_analysed(struct sarif_log *log, const struct scan_result *r)
{
	for (size_t i = 0; i < r->nnot_analysed; i++) {
		const struct not_analysed *na = &r->not_analysed[i];
		char *key = xstrfmt("%s\t%s", na->file, na->reason);
		char *msg;
		json_t *n;

		if (strlist_has(&log->not_analysed, key)) {
			free(key);
			continue;
		}
		strlist_push_owned(&log->not_analysed, key);
		msg = xstrfmt("not analysed: %s", na->reason);
		n = json_object();
		json_object_set_new(n, "level", json_string("warning"));
		json_object_set_new(n, "message", message(msg));
		json_object_set_new(n, "locations",
				    json_pack("[o]", location(na->file, 0, 0)));
		json_array_append_new(log->notifications, n);
		json_object_set_new(log->invocation, "executionSuccessful",
				    json_false());
		free(msg);
	}
}

char *sarif_log_finish(struct sarif_log *log)
{
	char *s = json_dumps(log->doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	char *out;

	if (!s)
		die("out of memory writing SARIF");
	out = xstrfmt("%s\n", s);
	free(s);
	json_decref(log->doc);
	json_decref(log->results);
	json_decref(log->invocation);
	json_decref(log->notifications);
	strlist_clear(&log->rule_ids);
	strlist_clear(&log->not_analysed);
	free(log);
	return out;
}

char *report_sarif(const struct scan_result *r, int show_all)
{
	struct sarif_log *log = sarif_log_new(r);

	for (size_t i = 0; i < r->verdicts.nr; i++) {
		const struct use_site *u = &r->verdicts.items[i];

		if (!u->nfindings && show_all)
			json_array_append_new(log->results,
					      result_json(log, u, 0, NULL, 0));
		/* the text report's findings: low confidence with --all only */
		if (!show_all && !site_shown(u))
			continue;
		for (size_t k = 0; k < u->nfindings; k++) {
			json_t *o = result_json(log, u, k, NULL, 0);

			add_group(o, r, i);
			json_array_append_new(log->results, o);
		}
	}
	sarif_log_not_analysed(log, r);
	return sarif_log_finish(log);
}
