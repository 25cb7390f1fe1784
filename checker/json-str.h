/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * JSON strings from bytes. jansson takes only valid UTF-8: json_string()
 * of anything else returns NULL, and the member it was meant for vanishes
 * without a word (a file whose name is not UTF-8 dropped out of a shard,
 * and merge said complete where scan said incomplete). Every string built
 * from a path or from text mmcheck did not write goes through here.
 *
 * The escaping (README, "JSON strings"): a string is written as it is
 * when it is valid UTF-8; otherwise each byte that is not part of a valid
 * UTF-8 sequence is written as the four characters \xNN (lower-case hex)
 * and each backslash as \\. A file name that holds a backslash is escaped
 * that way even when it is valid UTF-8, so that every file name can be
 * read back exactly (path_from_json(), which mmcheck merge uses): a
 * string without a backslash is the name itself.
 */
#ifndef MMCHECK_JSON_STR_H
#define MMCHECK_JSON_STR_H

#include <jansson.h>

/* A file name, reversibly; NULL gives JSON null. */
json_t *json_path(const char *path);

/* A message or source text: readable, valid UTF-8 unchanged. */
json_t *json_text(const char *text);

/*
 * The file name a json_path() string stands for, or NULL when v is not a
 * string or holds an escape json_path() never writes. Caller frees.
 */
char *path_from_json(const json_t *v);

#endif
