// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-batch: the batch output splitter (batch.c), which sorts what one
 * spatch process printed for several files back into per-file results.
 * spatch's output holds text from the files it read, so it is not ours
 * to trust.
 *
 * Input: the batch's file names, one a line (at most BATCH_MAX_FILES),
 * then a NUL, spatch's stdout, a NUL, and its stderr. A missing part is
 * empty.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "batch.h"
#include "strbuf.h"
#include "usage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next NUL-separated part of [*p, end), NUL-terminated. */
static char *next_part(const char **p, const char *end)
{
	const char *nul = memchr(*p, '\0', (size_t)(end - *p));
	const char *stop = nul ? nul : end;
	char *part = xstrndup(*p, (size_t)(stop - *p));

	*p = nul ? nul + 1 : end;
	return part;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	char *names = next_part(&p, end), *out = next_part(&p, end);
	char *err = next_part(&p, end), *save = NULL, *groups;
	struct batch_file files[BATCH_MAX_FILES];
	size_t nr = 0, bad;

	memset(files, 0, sizeof(files));
	for (char *n = strtok_r(names, "\n", &save); n && nr < BATCH_MAX_FILES;
	     n = strtok_r(NULL, "\n", &save)) {
		files[nr].file = n;
		strbuf_init(&files[nr].out, 0);
		strbuf_init(&files[nr].err, 0);
		nr++;
	}
	groups = batch_groups(files, nr);
	bad = batch_split(out, err, files, nr);
	if (bad > nr)
		abort();
	for (size_t i = 0; i < nr; i++)
		if (files[i].out.len > strlen(out) + 1)
			abort();	/* a file got more than was printed */
	batch_files_release(files, nr);
	free(groups);
	free(names);
	free(out);
	free(err);
	return 0;
}
