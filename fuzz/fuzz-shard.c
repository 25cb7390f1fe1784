// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz-shard: the shard reader of mmcheck merge (shard.c), which takes a
 * file from another machine or from anybody. The bytes are a shard;
 * whatever it says, shard_parse() must answer with a shard or one error,
 * and free everything either way.
 *
 * The same bytes, as a C string, also check the file-name escaping that
 * shards rely on (json-str.c): json_path() of any name must be valid
 * JSON text that path_from_json() turns back into the very same bytes.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json-str.h"
#include "scan.h"
#include "shard.h"
#include "strbuf.h"
#include "usage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_round_trip(const uint8_t *data, size_t size)
{
	char *name = xstrndup((const char *)data, size), *back;
	json_t *j = json_path(name);

	back = path_from_json(j);
	if (!back || strcmp(back, name))
		abort();	/* a file name merge would read back wrong */
	free(back);
	json_decref(j);
	free(name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct shard s;
	struct strbuf err = STRBUF_INIT;

	if (!shard_parse(&s, (const char *)data, size, "fuzz", &err))
		shard_release(&s);
	else if (!err.len)
		abort();	/* an error must say what is wrong */
	strbuf_release(&err);
	check_round_trip(data, size);
	return 0;
}
