// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer target: any bytes as a Kconfig file and as a Makefile, through
 * the text-level readers arches.c uses to tell on which architectures a
 * file builds (continuations, config symbols, depends-on lines, obj-
 * lines, composite objects). A hostile tree controls all of that text.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arches.h"
#include "strbuf.h"
#include "strlist.h"
#include "usage.h"

/* A symbol's depends-on, and the architectures that alone define them. */
static void depends(const char *text, const struct strlist *syms,
		    const char *sym)
{
	struct strbuf deps = STRBUF_INIT;
	struct strlist arches = STRLIST_INIT, why = STRLIST_INIT;

	if (kconfig_text_depends(text, sym, &deps))
		depends_text_arches(syms, deps.buf, &arches, &why);
	strbuf_release(&deps);
	strlist_clear(&arches);
	strlist_clear(&why);
}

/* A Makefile line for obj, then the composite object it names, once. */
static void makefile(const char *text, const char *obj)
{
	struct strlist syms = STRLIST_INIT;
	char composite[128];

	makefile_text_symbols(text, obj, &syms, composite, sizeof(composite));
	if (!syms.nr && composite[0]) {
		char *cobj = xstrfmt("%s.o", composite);

		makefile_text_symbols(text, cobj, &syms, composite,
				      sizeof(composite));
		free(cobj);
	}
	strlist_clear(&syms);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct strbuf sb = STRBUF_INIT;
	struct strlist syms = STRLIST_INIT;

	strbuf_add(&sb, data, size);
	kconfig_join_lines(&sb);
	kconfig_text_symbols(sb.buf, "fuzz", &syms);
	/* one arch's own symbol, and one that two define */
	strlist_push(&syms, "X86_64\tx86");
	strlist_push(&syms, "MMU\tx86");
	strlist_push(&syms, "MMU\tpowerpc");
	strlist_sort(&syms);
	/* the first symbols of the text, and one that real Kconfigs have */
	for (size_t i = 0; i < syms.nr && i < 4; i++) {
		char *sym = xstrndup(syms.items[i],
				     strcspn(syms.items[i], "\t"));

		depends(sb.buf, &syms, sym);
		free(sym);
	}
	depends(sb.buf, &syms, "INTEL_IDXD");
	makefile(sb.buf, "cdev.o");
	makefile(sb.buf, "vhost/");
	strlist_clear(&syms);
	strbuf_release(&sb);
	return 0;
}
