// SPDX-License-Identifier: GPL-2.0-only
/*
 * mmcheck explain RULE-ID: print the catalogue entry of a rule; with no
 * argument, list the rules.
 */
#include <stdio.h>
#include <stdlib.h>

#include "builtin.h"
#include "datadir.h"
#include "rules.h"
#include "strbuf.h"
#include "usage.h"

const char explain_usage[] = "mmcheck explain [RULE-ID]";

int cmd_explain(int argc, char **argv)
{
	struct rule_catalogue rc;
	char *dir = mmcheck_data_path("rules");
	const struct rule *r;
	struct strbuf sb = STRBUF_INIT;

	if (argc > 2)
		usage_die(explain_usage, "one rule id at a time");
	if (rules_load(&rc, dir) < 0)
		exit(EXIT_FATAL);
	free(dir);
	if (argc < 2) {
		for (size_t i = 0; i < rc.nr; i++)
			printf("%-28s %-8s %-7s %s\n", rc.items[i].id,
			       severity_name(rc.items[i].severity),
			       confidence_name(rc.items[i].confidence),
			       rc.items[i].title);
		rules_clear(&rc);
		return 0;
	}
	r = rules_find(&rc, argv[1]);
	if (!r) {
		error("no rule '%s' (mmcheck explain lists them)", argv[1]);
		rules_clear(&rc);
		return 1;
	}
	if (strbuf_read_file(&sb, r->path) < 0)
		die_errno("cannot read '%s'", r->path);
	fputs(sb.buf, stdout);
	strbuf_release(&sb);
	rules_clear(&rc);
	return 0;
}
