/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SARIF 2.1.0 output (the OASIS Static Analysis Results Interchange
 * Format that code-scanning services read): one run of the tool
 * "mmcheck", the rule catalogue as its rules, one result per finding at
 * the site's file:line:col with the evidence as a code flow, and the
 * files that were not analysed as notifications of the invocation.
 *
 * Paths are written as URIs relative to the tree (uriBaseId SRCROOT,
 * which originalUriBaseIds gives as a file:// URI), percent-encoded byte
 * by byte, so that a path that is not UTF-8 keeps its bytes. In message
 * texts a byte that is not UTF-8 is written as \xNN.
 *
 * Each result has the partial fingerprint "mmcheck/v1": the SHA-256 of
 * the key that check-patch matches findings on (rule, file, function, mm
 * or lock), which stays the same when lines move.
 */
#ifndef MMCHECK_REPORT_SARIF_H
#define MMCHECK_REPORT_SARIF_H

#include <stddef.h>

struct scan_result;
struct use_site;

/*
 * The SARIF log of a scan, for scan and merge: the sites with findings
 * (one result per finding), and with show_all the held uses too, as
 * results of kind "pass". Caller frees.
 */
char *report_sarif(const struct scan_result *r, int show_all);

/*
 * A log built result by result, for check-patch: create it from the scan
 * before the patches (the tree, the rules), add the findings each patch
 * adds and removes, and finish it. The sites only need to live until
 * sarif_log_add() returns.
 */
struct sarif_log;

struct sarif_log *sarif_log_new(const struct scan_result *r);
/*
 * Finding k of site u; baseline is "new", "absent" or NULL, patch the
 * number of the patch in the series (0: none).
 */
void sarif_log_add(struct sarif_log *log, const struct use_site *u,
		   size_t k, const char *baseline, int patch);
/* The files r did not analyse, each once; they make the run unsuccessful. */
void sarif_log_not_analysed(struct sarif_log *log, const struct scan_result *r);
/* The document, ending in a newline; frees log. Caller frees. */
char *sarif_log_finish(struct sarif_log *log);

#endif
