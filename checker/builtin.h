/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The subcommands, one file each (cmd-NAME.c), dispatched from main.c.
 */
#ifndef MMCHECK_BUILTIN_H
#define MMCHECK_BUILTIN_H

#include "pipeline.h"

int cmd_scan(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_check_patch(int argc, char **argv);
int cmd_merge(int argc, char **argv);
int cmd_arches(int argc, char **argv);
int cmd_fix(int argc, char **argv);

/* Their usage lines, which --help prints. */
extern const char scan_usage[], check_patch_usage[], arches_usage[],
	merge_usage[], explain_usage[];

#endif
