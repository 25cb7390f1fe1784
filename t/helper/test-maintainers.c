// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-maintainers ROOT [PATH...]: print "PATH<TAB>ENTRY" for each path
 * (or each line of stdin), the entry being the most specific MAINTAINERS
 * section of ROOT/MAINTAINERS, or "(none)". With -v, also M: and L:.
 * With -a, every matching entry as "PATH<TAB>SCORE<TAB>ENTRY", best first
 * as mmcheck orders them.
 */
#include <stdio.h>
#include <string.h>

#include "maintainers.h"
#include "strbuf.h"
#include "usage.h"

static void show_all(const struct maintainers *m, const char *path)
{
	const struct maint_entry *best = maintainers_match(m, path);
	int score;

	if (best && maintainers_entry_score(best, path, &score))
		printf("%s\t%d\t%s\n", path, score, best->name);
	for (size_t i = 0; i < m->nr; i++)
		if (&m->entries[i] != best &&
		    maintainers_entry_score(&m->entries[i], path, &score))
			printf("%s\t%d\t%s\n", path, score, m->entries[i].name);
}

static void show(const struct maintainers *m, const char *path, int verbose)
{
	const struct maint_entry *e = maintainers_match(m, path);

	if (verbose == 2) {
		show_all(m, path);
		return;
	}
	printf("%s\t%s\n", path, e ? e->name : "(none)");
	if (!verbose || !e)
		return;
	for (size_t i = 0; i < e->maintainers.nr; i++)
		printf("\tM: %s\n", e->maintainers.items[i]);
	for (size_t i = 0; i < e->lists.nr; i++)
		printf("\tL: %s\n", e->lists.items[i]);
}

int main(int argc, char **argv)
{
	struct maintainers m;
	int verbose = 0, i = 1, ret;
	char line[4096];

	if (argc > 1 && !strcmp(argv[1], "-v")) {
		verbose = 1;
		i++;
	} else if (argc > 1 && !strcmp(argv[1], "-a")) {
		verbose = 2;
		i++;
	}
	if (i >= argc)
		usage_die("test-maintainers [-v|-a] ROOT [PATH...]", "which ROOT?");
	ret = maintainers_load(&m, argv[i]);
	if (ret)
		die("no MAINTAINERS in '%s'", argv[i]);
	if (m.bad_regex)
		printf("bad patterns: %zu\n", m.bad_regex);
	if (i + 1 < argc) {
		for (i++; i < argc; i++)
			show(&m, argv[i], verbose);
	} else {
		while (fgets(line, sizeof(line), stdin)) {
			line[strcspn(line, "\n")] = '\0';
			if (*line)
				show(&m, line, verbose);
		}
	}
	maintainers_clear(&m);
	return 0;
}
