/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Where mmcheck's data lives: the rule catalogue (rules/) and the semantic
 * patches (scripts/coccinelle/mm/). $MMCHECK_DATADIR wins; else the
 * directory above the binary, when it holds rules/; else the build tree.
 */
#ifndef MMCHECK_DATADIR_H
#define MMCHECK_DATADIR_H

const char *mmcheck_datadir(void);
/* datadir/rel, caller frees */
char *mmcheck_data_path(const char *rel);

#endif
