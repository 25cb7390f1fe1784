#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The live family names the other party: a live use of an mm that only
# mmgrab() pins is reported with the context that can run it after the
# owner is gone (a work item, reached here through a call through a
# pointer member), goes to low confidence when only the owner's own
# ioctl (one that returns unless X->mm is current->mm) reaches it, and is
# held-caller when each direct caller holds mm_users across the call.
# The verdict cases in testdata/verdicts/live-* give the verdicts and the
# confidence; this reads their evidence and the default report.

. "$(dirname "$0")/test-lib.sh"

# evidence CASE FUNCTION: the evidence lines of the live site in FUNCTION
evidence() {
	jq -r --arg fn "$2" '.uses[] | select(.family == "live" and
		.function == $fn) | .evidence[].what' "$1.json"
}

test_expect_success SPATCH,JQ 'the work item that reaches a live use is named' '
	scan_case live-owner &&
	evidence live-owner demo_map_page >actual &&
	grep "^other party: demo_map_page() runs as demo_map_page() <- demo_set_adapter() <- (through ->set) demo_set_irq() <- demo_inject_work(), started as a work item (INIT_WORK(&vm->inject, demo_inject_work) at drivers/demo/vm.c:28)" actual
'

test_expect_success SPATCH,JQ 'the owner path of the same use is shown too' '
	grep "^owner: demo_map_page() runs as .* <- demo_vm_ioctl(), which returns unless vm->mm is current->mm (drivers/demo/vm.c:37)" actual
'

test_expect_success SPATCH,JQ 'a use only the owner reaches names the owner check' '
	evidence live-owner demo_get_bits >actual &&
	grep "^owner: demo_get_bits() runs as demo_get_bits() <- demo_vm_ioctl(), which returns unless vm->mm is current->mm" actual &&
	! grep "^other party" actual
'

test_expect_success SPATCH 'the default report keeps the work item, not the owner ioctl' '
	"$MMCHECK" scan -q live-owner >report 2>err;
	test $? -lt 128 &&
	grep "drivers/demo/adapter.c:23:2: warning: \[mm-live-mmgrab-only\] .*demo_map_page()" report &&
	! grep "demo_get_bits().*\[mm-live" report &&
	"$MMCHECK" scan -q --all live-owner >report-all 2>err;
	grep "drivers/demo/adapter.c:11:2: warning: \[mm-live-mmgrab-only\] .*confidence: low" report-all
'

test_expect_success SPATCH,JQ 'held-caller: the caller and its reference are the evidence' '
	scan_case live-caller-held &&
	evidence live-caller-held demo_protect_range >actual &&
	grep "^called from demo_uctx_protect() with mm_users held: mmget_not_zero(ctx->mm) at line 21" actual &&
	grep "^held-caller: each of the 1 direct caller holds mm_users" actual
'

test_expect_success SPATCH,JQ 'a caller without mm_users is named, and the use stays a finding' '
	evidence live-caller-held demo_zap_range >actual &&
	grep "^called from demo_uctx_zap() with mm_users held: mmget_not_zero(mm)" actual &&
	grep "^called from demo_uctx_zap_fast() with no mm_users held across the call" actual &&
	! grep "^held-caller" actual
'

test_done
