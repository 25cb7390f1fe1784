#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The semantic patches drop into a kernel tree: copied into
# scripts/coccinelle/mm/ of (a hard-linked copy of) Linux, they run under
# the kernel's own `make coccicheck` in every mode, patch mode included.
# Nothing here writes into the tree: fixes are only dry-run.

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

# No diff at all: neither a "diff" nor a "+++" line.
no_diff() {
	! grep -q "^diff \|^+++ " "$1"
}

test_expect_success SCRATCH 'MODE=patch writes nothing where the reference is held' '
	make -s -C linux coccicheck MODE=patch COCCI=$SP M=drivers/vfio >out 2>err &&
	no_diff out
'

# vhost is unheld in its function, but nothing there pins the mm with
# mmgrab(): without MMCHECK_FIX only the driver could select it.
test_expect_success SCRATCH 'MODE=patch without MMCHECK_FIX fixes only uses pinned in their function' '
	make -s -C linux coccicheck MODE=patch COCCI=$SP M=drivers/vhost >out 2>err &&
	no_diff out
'

test_expect_success SCRATCH 'MODE=patch with MMCHECK_FIX writes the kvm xen fix, and it applies' '
	f=arch/x86/kvm/xen.c &&
	line=$(grep -n "kthread_use_mm(kvm->mm);" linux/$f | cut -d: -f1) &&
	test -n "$line" &&
	MMCHECK_FIX=$f:$line make -s -C linux coccicheck MODE=patch COCCI=$SP \
		M=$f >out 2>err &&
	grep "^+++ b/$f\$" out &&
	grep -A1 "^+		if (!mmget_not_zero(kvm->mm))\$" out >bail &&
	grep "^+			return -EINVAL;\$" bail &&
	grep -B1 "^+		mmput(kvm->mm);\$" out | grep "^ 		kthread_unuse_mm(kvm->mm);\$" &&
	test $(grep -c "^+" out) = 6 &&
	sed -n "/^--- a\//,\$p" out >fix.diff &&
	patch --dry-run -p1 -d linux <fix.diff
'

# vas_update_csb() holds a task reference at the use that a plain return
# would leak, and has no goto exit: no fix.
test_expect_success SCRATCH 'MODE=patch with MMCHECK_FIX leaves vas_update_csb() alone' '
	f=arch/powerpc/platforms/book3s/vas-api.c &&
	line=$(grep -n "kthread_use_mm(task_ref->mm);" linux/$f | cut -d: -f1) &&
	test -n "$line" &&
	MMCHECK_FIX=./$f:$line make -s -C linux coccicheck MODE=patch COCCI=$SP \
		M=$f >out 2>err &&
	no_diff out
'

test_expect_success SCRATCH 'the scratch copy left the cached tree alone' '
	! test -e "$KERNEL_TREE/$SP"
'

test_done
