#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Where a finding builds comes from the Makefile and Kconfig files near
# it, which a hostile tree controls: a FIFO or a link there is skipped
# with a warning instead of hanging the scan, and a Makefile written to be
# slow to read is not.

. "$(dirname "$0")/test-lib.sh"

TREE="$TESTDATA/tree"
IDXD=drivers/dma/idxd/cdev.c:21

test_expect_success SPATCH 'a FIFO Makefile beside a finding is skipped, not waited on' '
	cp -r "$TREE" mk && rm mk/drivers/dma/idxd/Makefile &&
	mkfifo mk/drivers/dma/idxd/Makefile &&
	test_expect_code 1 timeout 120 "$MMCHECK" scan mk >out 2>err &&
	test_no_sanitizer_report err &&
	grep "^warning: .*/mk/drivers/dma/idxd/Makefile. is a FIFO: not read\$" err &&
	test $(grep -c "is a FIFO" err) = 1 &&
	grep "^$IDXD: note: builds on TLB-critical mips, powerpc (no architecture dependency found: all)\$" out
'

test_expect_success SPATCH 'a FIFO Kconfig beside a finding is skipped; the one above still answers' '
	cp -r "$TREE" kc && mkfifo kc/drivers/dma/idxd/Kconfig &&
	test_expect_code 1 timeout 120 "$MMCHECK" scan kc >out 2>err &&
	grep "^warning: .*/kc/drivers/dma/idxd/Kconfig. is a FIFO: not read\$" err &&
	grep "^$IDXD: note: builds on none of the TLB-critical architectures (INTEL_IDXD depends on X86_64 (drivers/dma/Kconfig:5))\$" out
'

test_expect_success SPATCH 'a Makefile that is a symlink is not followed' '
	cp -r "$TREE" ln && mv ln/drivers/dma/idxd/Makefile idxd.mk &&
	ln -s "$PWD/idxd.mk" ln/drivers/dma/idxd/Makefile &&
	test_expect_code 1 "$MMCHECK" scan ln >out 2>err &&
	grep "^warning: .*/ln/drivers/dma/idxd/Makefile. is a symbolic link: not read\$" err &&
	grep "^$IDXD: note: builds on TLB-critical mips, powerpc (no architecture dependency found: all)\$" out
'

test_expect_success SPATCH 'a Makefile of a million continuation lines is read in one pass' '
	cp -r "$TREE" cont &&
	cat >gen.pl <<-\EOF &&
	print "obj-\$(CONFIG_INTEL_IDXD) += idxd.o\n";
	print "idxd-y := init.o irq.o", " \\\n" x 1000000, "\tcdev.o\n";
	EOF
	perl gen.pl >cont/drivers/dma/idxd/Makefile &&
	test $(wc -l <cont/drivers/dma/idxd/Makefile) -gt 1000000 &&
	test_expect_code 1 timeout 60 "$MMCHECK" scan cont >out 2>err &&
	grep "^$IDXD: note: builds on none of the TLB-critical architectures (INTEL_IDXD" out
'

# $SPATCH names a program. It used to be pasted into a popen() command
# line inside single quotes, which a quote in it closed.
q="'"

test_expect_success '$SPATCH is not run through a shell' '
	SPATCH="spatch${q}; touch $PWD/PWNED; ${q}" \
		test_expect_code 128 "$MMCHECK" arches "$TREE" 2>err &&
	! test -e PWNED &&
	grep "spatch not found" err &&
	SPATCH="spatch;touch $PWD/PWNED" \
		test_expect_code 128 "$MMCHECK" arches "$TREE" 2>err &&
	! test -e PWNED
'

test_expect_success SPATCH 'a $SPATCH whose path has a quote in it runs' '
	mkdir "it${q}s" && ln -s "$(command -v spatch)" "it${q}s/spatch" &&
	SPATCH="$PWD/it${q}s/spatch" "$MMCHECK" arches "$TREE" >out 2>err &&
	test_no_sanitizer_report err &&
	printf "%s\n" "mips arch/mips/kernel/smp.c:17" \
		"powerpc arch/powerpc/mm/tlb.c:8" >expect &&
	test_cmp expect out
'

test_done
