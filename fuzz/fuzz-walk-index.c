// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-walk-index: the call-graph walks' file index (walk-index.c), which
 * reads the tree's C files, or a patch's, byte by byte: comments, string
 * and character literals, identifiers and member accesses.
 *
 * Input: any text; the names looked up are its first line's words.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "usage.h"
#include "walk-index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = xmalloc(size + 1), *line, *save = NULL, *w;
	const char *nl = memchr(data, '\n', size);
	struct strlist names = STRLIST_INIT;
	struct file_refs fr;

	memcpy(text, data, size);
	text[size] = '\0';
	line = xstrndup(text, nl ? (size_t)(nl - (const char *)data) : size);
	for (w = strtok_r(line, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
		strlist_push(&names, w);
	file_refs_build(&fr, text, size);
	(void)file_refs_any(&fr.refs, &names);
	(void)file_refs_any(&fr.member_calls, &names);
	file_refs_clear(&fr);
	strlist_clear(&names);
	free(line);
	return 0;
}
