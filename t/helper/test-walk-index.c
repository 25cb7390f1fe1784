// SPDX-License-Identifier: GPL-2.0-only
/*
 * test-walk-index FILE NAME...: for each NAME, whether the walk index of
 * FILE has it as a reference in code ("ref"), as a call through a member
 * ("member-call", for a NAME written "->m"), or not ("no").
 */
#include <stdio.h>
#include <string.h>

#include "strbuf.h"
#include "walk-index.h"

int main(int argc, char **argv)
{
	struct strbuf sb = STRBUF_INIT;
	struct file_refs fr;
	size_t len;

	if (argc < 2 || strbuf_read_file(&sb, argv[1]) < 0) {
		fprintf(stderr, "usage: test-walk-index FILE NAME...\n");
		return 2;
	}
	len = sb.len;
	file_refs_build(&fr, strbuf_detach(&sb, NULL), len);
	for (int i = 2; i < argc; i++) {
		int member = !strncmp(argv[i], "->", 2);
		struct strlist one = STRLIST_INIT;

		strlist_push(&one, argv[i] + (member ? 2 : 0));
		printf("%s %s\n", argv[i],
		       file_refs_any(member ? &fr.member_calls : &fr.refs, &one)
			       ? (member ? "member-call" : "ref")
			       : "no");
		strlist_clear(&one);
	}
	file_refs_clear(&fr);
	return 0;
}
