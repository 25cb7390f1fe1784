// SPDX-License-Identifier: GPL-2.0-only
/*
 * Sites: what the judging stages report, with their evidence, findings
 * and mitigations; see site.h.
 */
#include <stdlib.h>
#include <string.h>

#include "site.h"
#include "usage.h"

struct use_site *site_new(struct verdicts *v, enum site_family family,
			  const struct fact *f, const char *subject)
{
	struct use_site *u;

	ALLOC_GROW(v->items, v->nr + 1, v->alloc);
	u = &v->items[v->nr++];
	memset(u, 0, sizeof(*u));
	u->family = family;
	u->use = f;
	u->subject = subject;
	return u;
}

void site_evidence(struct use_site *u, const char *file, int line, char *what)
{
	ALLOC_GROW(u->evidence, u->nevidence + 1, u->aevidence);
	u->evidence[u->nevidence].file = xstrdup(file);
	u->evidence[u->nevidence].line = line;
	u->evidence[u->nevidence].what = what;
	u->nevidence++;
}

void site_finding_conf(struct use_site *u, const struct rule *r,
		       enum severity sev, enum confidence conf, char *msg)
{
	ALLOC_GROW(u->findings, u->nfindings + 1, u->afindings);
	u->findings[u->nfindings].rule = r;
	u->findings[u->nfindings].severity = sev;
	u->findings[u->nfindings].confidence = conf;
	u->findings[u->nfindings].message = msg;
	if (!u->nfindings++ || conf > u->confidence)
		u->confidence = conf;
	if (sev > u->severity)
		u->severity = sev;
}

void site_finding(struct use_site *u, const struct rule *r, enum severity sev,
		  char *msg)
{
	site_finding_conf(u, r, sev, r->confidence, msg);
}

int site_shown(const struct use_site *u)
{
	return !u->nfindings || u->confidence > CONF_LOW;
}

void site_release(struct use_site *u)
{
	for (size_t k = 0; k < u->nfindings; k++)
		free(u->findings[k].message);
	for (size_t k = 0; k < u->nevidence; k++) {
		free(u->evidence[k].file);
		free(u->evidence[k].what);
	}
	for (size_t k = 0; k < u->nmitigations; k++) {
		free(u->mitigations[k].file);
		free(u->mitigations[k].text);
	}
	free(u->findings);
	free(u->evidence);
	free(u->mitigations);
	strlist_clear(&u->arches);
	free(u->arches_how);
	memset(u, 0, sizeof(*u));
}

void verdicts_clear(struct verdicts *v)
{
	for (size_t i = 0; i < v->nr; i++)
		site_release(&v->items[i]);
	free(v->items);
	memset(v, 0, sizeof(*v));
}
