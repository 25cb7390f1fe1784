// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: any bytes as a MAINTAINERS file, through the parser
 * (maintainers_parse(), as maintainers_load() calls it) and the matcher:
 * a few lookups of fixed paths, each entry's score for one of them. A
 * hostile tree writes its own MAINTAINERS, F: globs and N: regexes alike.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "maintainers.h"
#include "usage.h"

static const char *const paths[] = {
	"drivers/vhost/vhost.c",
	"arch/powerpc/platforms/book3s/vas-api.c",
	"drivers/gpu/drm/amd/amdgpu/amdgpu_amdkfd.h",
	"include/linux/sched/mm.h",
	"MAINTAINERS",
	"a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z.c",
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xmalloc(size + 1);
	struct maintainers m;
	int score;

	memcpy(buf, data, size);
	buf[size] = '\0';
	memset(&m, 0, sizeof(m));
	maintainers_parse(&m, buf, NULL);
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		maintainers_match(&m, paths[i]);
	for (size_t i = 0; i < m.nr; i++)
		maintainers_entry_score(&m.entries[i], paths[0], &score);
	maintainers_clear(&m);
	free(buf);
	return 0;
}
