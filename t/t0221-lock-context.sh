#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The lock family names the other party: the evidence of a lock finding
# says in what context each other user of the lock runs (a work item, a
# sysfs attribute) and what stops it before the free (a cancel in the
# caller, the removal of the attribute group), or why there is none (an
# error path of the function that allocated the object, the released
# file's own operation). The verdict cases in testdata/verdicts/lock-*
# give the confidence; this reads their evidence.

. "$(dirname "$0")/test-lib.sh"

# evidence CASE: every evidence line of its lock sites
evidence() {
	jq -r '.lock_sites[].evidence[].what' "$1.json"
}

test_expect_success SPATCH,JQ 'a work item that nothing cancels is named' '
	scan_case lock-work-open &&
	evidence lock-work-open >actual &&
	grep "^other party: cfg_refresh() takes the lock as cfg_refresh(), run as a work item (INIT_WORK(&h->work, cfg_refresh) at drivers/demo/setup.c:7)" actual
'

test_expect_success SPATCH,JQ 'the cancel in the caller quiesces it' '
	scan_case lock-quiesced &&
	evidence lock-quiesced >actual &&
	grep "^quiesced: cfg_refresh() .*cancel_work_sync(&h->work) in cfg_teardown() stops it" actual &&
	! grep "^other party" actual
'

test_expect_success SPATCH,JQ 'a sysfs attribute that outlives the free is named' '
	scan_case lock-sysfs-open &&
	evidence lock-sysfs-open >actual &&
	grep "^other party: acc_cfg_get() takes the lock as acc_cfg_get() <- val_show(), run as a sysfs attribute (val_show at drivers/demo/sysfs.c:" actual
'

test_expect_success SPATCH,JQ 'removing the attribute group first quiesces it' '
	scan_case lock-sysfs-quiesced &&
	evidence lock-sysfs-quiesced >actual &&
	grep "^quiesced: acc_cfg_get() .*device_remove_group(dev) in acc_cfg_remove()" actual &&
	! grep "^other party" actual
'

test_expect_success SPATCH,JQ 'the error path of the allocating function: never published' '
	scan_case lock-unpublished &&
	evidence lock-unpublished >actual &&
	grep "^never published: ring_probe() allocates the object here (kzalloc())" actual
'

test_expect_success SPATCH,JQ 'the release of the last file reference and its mappings' '
	scan_case lock-file-release &&
	evidence lock-file-release >actual &&
	grep "^buf_vma_close() takes the lock .*an operation of the file whose last reference the free releases (.release = buf_release" actual
'

test_expect_success SPATCH,JQ 'the text report leaves the low ones out, --all shows them' '
	"$MMCHECK" scan -q lock-quiesced >text 2>/dev/null;
	! grep "unlock-free" text &&
	"$MMCHECK" scan -q --all lock-quiesced >all 2>/dev/null;
	grep "cfg.c:26:.*\[unlock-free" all
'

test_done
