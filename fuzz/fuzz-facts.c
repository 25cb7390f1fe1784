// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-facts: the facts parser through the verdicts. Fact lines come from
 * spatch, but also back from the cache and from shards anybody can write,
 * so the bytes go where those go: facts_parse_buffer(), facts_sort(),
 * verdicts_build() with the real rule catalogue (which runs the lock join
 * of lock-race.c too) and arches_build(), the other reader of facts; then
 * everything is freed, so that LeakSanitizer sees what a run leaks.
 *
 * The catalogue is rules/ under $MMCHECK_DATADIR, else the build tree
 * (datadir.c); it is loaded once.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arches.h"
#include "datadir.h"
#include "facts.h"
#include "rules.h"
#include "usage.h"
#include "verdict.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rule_catalogue catalogue;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char *dir = mmcheck_data_path("rules");

	(void)argc;
	(void)argv;
	if (rules_load(&catalogue, dir) < 0)
		die("fuzz-facts: cannot load the rules in '%s'", dir);
	free(dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fact_store fs = { NULL, 0, 0 };
	struct verdicts v = { NULL, 0, 0 };
	struct arch_report ar;
	char *buf = xmalloc(size + 1), *why;
	size_t bad;

	/* the callers hand the parser NUL-terminated text */
	memcpy(buf, data, size);
	buf[size] = '\0';
	facts_parse_buffer(&fs, buf, &bad, &why);
	free(why);
	facts_sort(&fs);
	verdicts_build(&v, &fs, &catalogue);
	memset(&ar, 0, sizeof(ar));
	arches_build(&ar, &fs);
	arches_clear(&ar);
	verdicts_clear(&v);
	facts_clear(&fs);
	free(buf);
	return 0;
}
