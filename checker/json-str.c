// SPDX-License-Identifier: GPL-2.0-only
/*
 * JSON strings from bytes that need not be UTF-8; see json-str.h.
 */
#include <stdlib.h>
#include <string.h>

#include "json-str.h"
#include "strbuf.h"
#include "usage.h"

static int is_cont(unsigned char c)
{
	return (c & 0xc0) == 0x80;
}

/*
 * The length of the valid UTF-8 sequence at s, 1 to 4, or 0: RFC 3629,
 * as jansson checks it (no overlong forms, no surrogates, nothing above
 * U+10FFFF). Stops at the first byte that does not fit, so never reads
 * past a terminating NUL.
 */
static size_t utf8_len(const unsigned char *s)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return is_cont(s[1]) ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
		return s[1] >= lo && s[1] <= hi && is_cont(s[2]) ? 3 : 0;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
		return s[1] >= lo && s[1] <= hi && is_cont(s[2]) &&
		       is_cont(s[3]) ? 4 : 0;
	}
	return 0;
}

static json_t *escaped(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	struct strbuf sb = STRBUF_INIT;
	json_t *j;
	size_t n;

	while (*p) {
		if (*p == '\\') {
			strbuf_addstr(&sb, "\\\\");
			p++;
		} else if ((n = utf8_len(p))) {
			strbuf_add(&sb, p, n);
			p += n;
		} else {
			strbuf_addf(&sb, "\\x%02x", *p++);
		}
	}
	j = json_stringn(sb.buf, sb.len);
	strbuf_release(&sb);
	if (!j)
		die("BUG: escaped string is not UTF-8");
	return j;
}

json_t *json_path(const char *path)
{
	json_t *j;

	if (!path)
		return json_null();
	if (!strchr(path, '\\') && (j = json_string(path)))
		return j;
	return escaped(path);
}

json_t *json_text(const char *text)
{
	json_t *j;

	if (!text)
		return json_null();
	j = json_string(text);
	return j ? j : escaped(text);
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

char *path_from_json(const json_t *v)
{
	const char *s = json_string_value(v);
	struct strbuf sb = STRBUF_INIT;

	if (!s || strlen(s) != json_string_length(v))
		return NULL;	/* not a string, or one with a NUL inside */
	if (!strchr(s, '\\'))
		return xstrdup(s);
	while (*s) {
		int hi, lo;

		if (*s != '\\') {
			strbuf_addch(&sb, *s++);
		} else if (s[1] == '\\') {
			strbuf_addch(&sb, '\\');
			s += 2;
		} else if (s[1] == 'x' && (hi = hex_digit(s[2])) >= 8 &&
			   (lo = hex_digit(s[3])) >= 0) {
			/* only bytes of 0x80 and up are ever escaped */
			strbuf_addch(&sb, hi * 16 + lo);
			s += 4;
		} else {
			strbuf_release(&sb);
			return NULL;
		}
	}
	return strbuf_detach(&sb, NULL);
}
