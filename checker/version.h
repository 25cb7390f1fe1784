/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mmcheck's version, as `mmcheck version` prints it and as the reports
 * that name their tool (SARIF) give it. A build may set MMCHECK_VERSION.
 */
#ifndef MMCHECK_VERSION_H
#define MMCHECK_VERSION_H

#ifndef MMCHECK_VERSION
#define MMCHECK_VERSION "0.1"
#endif

#endif
