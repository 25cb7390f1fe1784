// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-spatch-version BANNER...: for each spatch --version banner, print
 * the version found and whether it is new enough, as mmcheck decides.
 */
#include <stdio.h>
#include <stdlib.h>

#include "spatch.h"

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		char *v = spatch_parse_version(argv[i]);

		if (!v) {
			printf("none\n");
			continue;
		}
		printf("%s %s\n", v, version_cmp(v, SPATCH_MIN_VERSION) < 0
				     ? "too-old" : "ok");
		free(v);
	}
	return 0;
}
