#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mmcheck scan on a real kernel: Debian's linux-source-$KVER, unpacked by
# `make check` into the cache. Every direct kthread_use_mm() call outside
# kernel/kthread.c, found here independently with grep, must be listed
# with a verdict; the verdicts must be those of testdata/linux-$KVER.verdicts.

. "$(dirname "$0")/test-lib.sh"

EXPECT="$TESTDATA/linux-$KVER.verdicts"

test_expect_success KERNEL "scan Linux $KVER" '
	"$MMCHECK" scan --format=json "$KERNEL_TREE" >scan.json 2>err;
	st=$?; test $st -lt 128 &&
	test_no_sanitizer_report err &&
	jq -e ".summary.complete and .summary.files > 50000" scan.json
'

test_expect_success KERNEL 'every direct call site found by grep is listed' '
	(cd "$KERNEL_TREE" && git grep --no-index -n -E "^[[:space:]]+kthread_use_mm\(" -- "*.c" ":!kernel/kthread.c") |
		cut -d: -f1,2 | LC_ALL=C sort >grep-sites &&
	jq -r ".uses[] | \"\(.file):\(.line)\"" scan.json | LC_ALL=C sort >listed &&
	say "grep finds $(wc -l <grep-sites) direct call sites" &&
	test $(wc -l <grep-sites) -ge 10 &&
	comm -23 grep-sites listed >missing &&
	test_cmp /dev/null missing &&
	jq -r ".uses[] | select(.api == \"kthread_use_mm\" and (.macro | not)) | \"\(.file):\(.line)\"" scan.json |
		LC_ALL=C sort >direct &&
	grep -v "^kernel/kthread.c:" direct >direct-outside &&
	test_cmp grep-sites direct-outside
'

test_expect_success KERNEL 'every listed use has a verdict and evidence' '
	jq -e "all(.uses[]; (.verdict | IN(\"held-local\", \"held-field\", \"mmgrab-only\", \"unreferenced\", \"mixed\", \"unknown\")) and (.evidence | length) > 0)" scan.json
'

test_expect_success KERNEL "verdicts are those expected for Linux $KVER" '
	test -f "$EXPECT" &&
	jq -r ".uses[] | [.file, .function, .mm, .verdict] | join(\"|\")" scan.json >actual &&
	test_cmp "$EXPECT" actual
'

test_expect_success KERNEL 'a use with mmget_not_zero/get_task_mm in its own function is held-local' '
	jq -r ".uses[] | select(.verdict == \"held-local\" and .api == \"kthread_use_mm\") | .evidence[1].what" scan.json >held-ev &&
	test -s held-ev &&
	! grep -v "takes an mm_users reference" held-ev
'

test_done
