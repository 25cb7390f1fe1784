#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The semantic patches drop into a kernel tree: copied into
# scripts/coccinelle/mm/ of (a hard-linked copy of) Linux, they run under
# the kernel's own `make coccicheck` in every mode. Nothing here writes
# into the tree.

. "$(dirname "$0")/test-lib.sh"

SP=scripts/coccinelle/mm/use_mm_unheld.cocci

test_expect_success KERNEL 'a scratch kernel tree with the semantic patch in it' '
	cp -al "$KERNEL_TREE" linux &&
	mkdir -p linux/scripts/coccinelle/mm &&
	cp "$SRC_ROOT/$SP" linux/$SP
'
[ -f linux/$SP ] && test_set_prereq SCRATCH

test_expect_success SCRATCH 'MODE=report M=drivers/vhost reports the vhost use' '
	line=$(grep -n "kthread_use_mm(dev->mm);" linux/drivers/vhost/vhost.c | cut -d: -f1) &&
	test -n "$line" &&
	make -s -C linux coccicheck MODE=report COCCI=$SP M=drivers/vhost >out 2>err &&
	grep "^drivers/vhost/vhost.c:$line:[0-9-]*: WARNING: kthread_use_mm(dev->mm) without an mm_users reference held in [a-z_]*() .*\[use-mm-unheld\]\$" out &&
	test $(grep -c "WARNING\|ERROR" out) = 1
'

test_expect_success SCRATCH 'MODE=report stays quiet where the reference is held' '
	make -s -C linux coccicheck MODE=report COCCI=$SP M=drivers/vfio >out 2>err &&
	! grep "WARNING\|ERROR" out &&
	grep -q "kthread_use_mm(mm)" linux/drivers/vfio/vfio_iommu_type1.c
'

test_expect_success SCRATCH 'MODE=org and MODE=context work too' '
	make -s -C linux coccicheck MODE=org COCCI=$SP M=drivers/vhost >org 2>err &&
	grep "^\* TODO \[\[view:drivers/vhost/vhost.c::" org &&
	make -s -C linux coccicheck MODE=context COCCI=$SP M=drivers/vhost >ctx 2>err &&
	grep "^-	kthread_use_mm(dev->mm);" ctx
'

test_expect_success SCRATCH 'the scratch copy left the cached tree alone' '
	! test -e "$KERNEL_TREE/$SP"
'

test_done
