#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The TLB-critical architectures come from the tree: mmcheck arches lists
# them with their evidence, the answer follows the tree's arch/ code, and
# every finding says on which of them its code builds.

. "$(dirname "$0")/test-lib.sh"

TREE="$TESTDATA/tree"

test_expect_success SPATCH 'arches: one line per critical architecture, name first' '
	"$MMCHECK" arches "$TREE" >out 2>err &&
	test_no_sanitizer_report err &&
	cat >expect <<-\EOT &&
	mips arch/mips/kernel/smp.c:17
	powerpc arch/powerpc/mm/tlb.c:8
	EOT
	test_cmp expect out
'

test_expect_success SPATCH 'arches --all: the other readers, marked as not critical' '
	"$MMCHECK" arches --all "$TREE" >out 2>err &&
	grep -x "x86 (not critical) arch/x86/mm/tlb.c:7 teardown: atomic_read(&mm->mm_users) == 0" out &&
	test $(grep -vc "(not critical)" out) = 2
'

test_expect_success SPATCH,JQ 'arches --format=json: critical list, readers with their class' '
	"$MMCHECK" arches --format=json --all "$TREE" >a.json &&
	test "$(jq -c .critical a.json)" = "[\"mips\",\"powerpc\"]" &&
	test "$(jq -r ".arches[] | select(.arch==\"mips\") | .readers[0].flush" a.json)" = smp_on_other_tlbs &&
	test "$(jq -r ".arches[] | select(.arch==\"x86\") | .critical" a.json)" = false
'

test_expect_success SPATCH 'the answer follows the tree: an arch removed, another that copied the shortcut' '
	cp -r "$TREE" changed &&
	rm -r changed/arch/mips &&
	mkdir -p changed/arch/newarch/mm &&
	sed "s/radix_flush_tlb_mm/newarch_flush_tlb_mm/" "$TREE/arch/powerpc/mm/tlb.c" >changed/arch/newarch/mm/tlb.c &&
	"$MMCHECK" arches changed >out &&
	cat >expect <<-\EOT &&
	newarch arch/newarch/mm/tlb.c:8
	powerpc arch/powerpc/mm/tlb.c:8
	EOT
	test_cmp expect out
'

test_expect_success SPATCH 'a tree without any shortcut has no critical architecture' '
	cp -r "$TREE" none && rm -r none/arch/mips none/arch/powerpc/mm &&
	"$MMCHECK" arches none >out &&
	! test -s out &&
	"$MMCHECK" scan none >scan.out 2>err;
	grep "^mmcheck: TLB-critical architectures in this tree: none found\$" scan.out
'

test_expect_success SPATCH,JQ 'scan: the list, and where each finding builds' '
	test_expect_code 1 "$MMCHECK" scan --format=json "$TREE" >scan.json &&
	test "$(jq -c "[.critical_arches[].arch]" scan.json)" = "[\"mips\",\"powerpc\"]" &&
	test "$(jq -c ".uses[] | select(.function==\"vas_update_csb\") | .critical_arches" scan.json)" = "[\"powerpc\"]" &&
	test "$(jq -c ".uses[] | select(.function==\"idxd_copy_cr\") | .critical_arches" scan.json)" = "[]" &&
	jq -r ".uses[] | select(.function==\"idxd_copy_cr\") | .arches_from" scan.json |
		grep -x "INTEL_IDXD depends on X86_64 (drivers/dma/Kconfig:5)" &&
	test "$(jq -c ".uses[] | select(.function==\"loopy_copy_all\") | .critical_arches" scan.json)" = "[\"mips\",\"powerpc\"]" &&
	test "$(jq -c ".uses[] | select(.function==\"kvm_xen_set_evtchn\") | .critical_arches" scan.json)" = "[]"
'

test_expect_success SPATCH 'scan text: the list and a note per finding' '
	test_expect_code 1 "$MMCHECK" scan "$TREE" >out &&
	grep "^mmcheck: TLB-critical architectures in this tree: mips, powerpc " out &&
	grep -x "arch/powerpc/platforms/book3s/vas-api.c:31: note: builds on TLB-critical powerpc (it sits in arch/powerpc)" out
'

test_expect_success 'arches: bad input' '
	test_expect_code 128 "$MMCHECK" arches /nonexistent 2>err &&
	test $(wc -l <err) = 1 &&
	test_expect_code 129 "$MMCHECK" arches 2>err &&
	test_expect_code 129 "$MMCHECK" arches --format=xml "$TREE" 2>err
'

test_done
