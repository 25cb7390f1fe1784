// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-facts < LINES: parse fact lines as the driver does and print each
 * accepted fact in a fixed form, or "error: LINE-NUMBER: why" for a bad one.
 * With --verdicts, print the verdict of each use site instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "facts.h"
#include "rules.h"
#include "strbuf.h"
#include "usage.h"
#include "lock-race.h"
#include "verdict.h"

static void print_fact(const struct fact *f)
{
	printf("%s %s:%d:%d %s%s", f->kind_name, f->file, f->line, f->col,
	       f->function, f->macro ? " (macro)" : "");
	if (f->api)
		printf(" api=%s", f->api);
	if (f->mm)
		printf(" mm=%s", f->mm);
	if (f->op)
		printf(" op=%s", f->op);
	if (f->reason)
		printf(" reason=%s", f->reason);
	if (f->release_line)
		printf(" release_line=%d", f->release_line);
	putchar('\n');
}

int main(int argc, char **argv)
{
	struct fact_store fs = { NULL, 0, 0 };
	char line[65536];
	int n = 0, verdicts = argc > 1 && !strcmp(argv[1], "--verdicts");

	while (fgets(line, sizeof(line), stdin)) {
		char *why;

		n++;
		line[strcspn(line, "\n")] = '\0';
		if (!*line)
			continue;
		if (facts_parse_line(&fs, line, &why) < 0) {
			printf("error: %d: %s\n", n, why);
			free(why);
		}
	}
	facts_sort(&fs);
	if (!verdicts) {
		for (size_t i = 0; i < fs.nr; i++)
			print_fact(&fs.items[i]);
	} else {
		struct rule_catalogue rc;
		struct verdicts v = { NULL, 0, 0 };
		char *dir = mmcheck_data_path("rules");

		if (rules_load(&rc, dir) < 0)
			return 1;
		free(dir);
		verdicts_build(&v, &fs, &rc);
		lock_sites_build(&v, &fs, &rc);
		for (size_t i = 0; i < v.nr; i++) {
			const struct use_site *u = &v.items[i];

			printf("%s:%d %s %s", u->use->file, u->use->line,
			       u->verdict, severity_name(u->severity));
			for (size_t k = 0; k < u->nfindings; k++)
				printf(" %s", u->findings[k].rule->id);
			putchar('\n');
		}
		verdicts_clear(&v);
		rules_clear(&rc);
	}
	facts_clear(&fs);
	return 0;
}
