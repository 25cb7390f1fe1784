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
	jq -e "all(.uses[]; (.verdict | IN(\"held-local\", \"held-field\", \"held-caller\", \"mmgrab-only\", \"unreferenced\", \"mixed\", \"unknown\")) and (.evidence | length) > 0)" scan.json
'

test_expect_success KERNEL "verdicts are those expected for Linux $KVER" '
	test -f "$EXPECT" &&
	jq -r ".uses[] | select(.family == \"use\") | [.file, .function, .mm, .verdict] | join(\"|\")" scan.json >actual &&
	test_cmp "$EXPECT" actual
'

test_expect_success KERNEL 'a use with mmget_not_zero/get_task_mm in its own function is held-local' '
	jq -r ".uses[] | select(.verdict == \"held-local\" and .api == \"kthread_use_mm\") | .evidence[1].what" scan.json >held-ev &&
	test -s held-ev &&
	! grep -v "takes an mm_users reference" held-ev
'

test_expect_success KERNEL "lock and live-mm findings are those expected for Linux $KVER" '
	test -f "$TESTDATA/linux-$KVER.others" &&
	jq -r "(.uses[] | select(.family == \"live\") | [.file, .function, .mm, .verdict, .severity]),
	       (.lock_sites[] | [.file, .function, .lock, .role, .severity]) | join(\"|\")" scan.json >actual &&
	test_cmp "$TESTDATA/linux-$KVER.others" actual
'

test_expect_success KERNEL "the TLB-critical architectures of Linux $KVER" '
	test -f "$TESTDATA/linux-$KVER.arches" &&
	"$MMCHECK" arches "$KERNEL_TREE" >arches 2>err &&
	cut -d" " -f1 arches >actual &&
	test_cmp "$TESTDATA/linux-$KVER.arches" actual &&
	jq -r ".critical_arches[].arch" scan.json >from-scan &&
	test_cmp actual from-scan
'

test_expect_success KERNEL "mmcheck fix: the whole series applies to a scratch copy and fixes what it says" '
	"$MMCHECK" fix --no-build -o series "$KERNEL_TREE" >summary 2>err &&
	test_no_sanitizer_report err &&
	grep "^patched: " summary >patched && test -s patched &&
	cp -al "$KERNEL_TREE" linux &&
	for p in series/*/0[0-9][0-9][1-9]-*.patch; do
		git apply --numstat -z "$p" | tr "\0" "\n" | cut -f3 >>touched || return 1
	done &&
	# hard links would let the patches reach the cached tree
	while read -r f; do
		test -n "$f" && cp --remove-destination "$KERNEL_TREE/$f" "linux/$f" || return 1
	done <touched &&
	for p in series/*/0[0-9][0-9][1-9]-*.patch; do
		(cd linux && git apply --check "../$p" && git apply "../$p") || return 1
	done &&
	while read -r f; do
		before=$(spatch_bad_lines "$KERNEL_TREE/$f") &&
		after=$(spatch_bad_lines "linux/$f") &&
		test -n "$after" && test "$after" -le "$before" || return 1
	done <touched &&
	"$MMCHECK" scan --format=json linux >after.json 2>err;
	test $? -lt 128 &&
	while read -r _ where fn rest; do
		file=${where%%:*} &&
		! jq -e ".uses[] | select(.file == \"$file\" and .function == \"${fn%()*}\" and (.findings | length) > 0)" after.json >/dev/null || return 1
	done <patched &&
	! cmp -s "$KERNEL_TREE/$(head -1 touched)" "linux/$(head -1 touched)"
'

test_done
