#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The MAINTAINERS matcher: F:, X:, N: with get_maintainer.pl's semantics,
# on the synthetic tree, and cross-checked against the kernel's own
# scripts/get_maintainer.pl on a sample of a real tree.

. "$(dirname "$0")/test-lib.sh"

TM="$MMCHECK_BUILD/test-maintainers"
TREE="$TESTDATA/tree"

test_expect_success 'each path maps to its most specific entry' '
	cat >expect <<-\EOF &&
	drivers/vhost/vhost.c	VIRTIO HOST (VHOST)
	include/linux/vhost_iotlb.h	VIRTIO HOST (VHOST)
	include/linux/vhost_iotlb.hx	VIRTIO HOST (VHOST)
	include/linux/kthread.h	(none)
	virt/kvm/kvm_main.c	KERNEL VIRTUAL MACHINE (KVM)
	virt/kvm/arm/arm.c	(none)
	arch/x86/kvm/xen.c	KVM X86 XEN (KVM/Xen)
	arch/x86/kvm/xen.h	KVM X86 XEN (KVM/Xen)
	arch/x86/kvm/xen/extra.c	X86 ARCHITECTURE (32-BIT AND 64-BIT)
	arch/x86/kvm/x86.c	X86 ARCHITECTURE (32-BIT AND 64-BIT)
	drivers/gpu/drm/amd/amdgpu/amdgpu_amdkfd.h	AMD KFD
	drivers/gpu/drm/amd/amdgpu/amdgpu_amdkfd_gfx_v9.c	AMD KFD
	drivers/gpu/drm/amd/amdgpu/amdgpu_amdkfd_gfx_v9.o	DRM DRIVERS
	drivers/gpu/drm/amd/amdgpu/amdgpu_drv.c	DRM DRIVERS
	drivers/gpu/drm/i915/gvt/kvmgt.c	INTEL GVT-g DRIVERS (Intel GPU Virtualization)
	drivers/gpu/drm/i915/gvt/sub/deeper.c	INTEL GVT-g DRIVERS (Intel GPU Virtualization)
	drivers/usb/gadget/function/f_fs.c	USB SUBSYSTEM
	drivers/net/usb/gadgetnet.c	USB GADGET SUBSYSTEM
	drivers/misc/loopy.c	MISC DRIVERS
	drivers/misc/sub/deeper.c	(none)
	lib/kunit/user_alloc.c	LIBRARY CODE
	lib/string.c	LIBRARY CODE
	drivers/staging/orphan/orphan.c	(none)
	EOF
	cut -f1 expect | "$TM" "$TREE" >actual 2>err &&
	test_cmp expect actual &&
	test_no_sanitizer_report err
'

test_expect_success 'an entry carries its M: and L: lines' '
	printf "%s\t%s\n" arch/x86/kvm/xen.c "KVM X86 XEN (KVM/Xen)" >expect &&
	printf "\tM: %s\n" "Xen Maintainer <xen@example.org>" \
		"Second Xen Maintainer <xen2@example.org>" >>expect &&
	printf "\tL: kvm@lists.example.org\n" >>expect &&
	"$TM" -v "$TREE" arch/x86/kvm/xen.c >actual &&
	test_cmp expect actual
'

test_expect_success 'the depth of an entry is that of its last matching line' '
	# lib/kunit/ alone would give depth 2, but the N: line after it
	# gives 0, below LIBRARY CODE (lib/, depth 1): get_maintainer.pl too
	"$TM" -a "$TREE" lib/kunit/user_alloc.c >actual &&
	printf "lib/kunit/user_alloc.c\t1\tLIBRARY CODE\nlib/kunit/user_alloc.c\t0\tKUNIT TEST FRAMEWORK\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'preamble text makes no entry' '
	"$TM" -a "$TREE" Maintainers >actual &&
	test_cmp /dev/null actual
'

test_expect_success 'no MAINTAINERS is reported' '
	mkdir empty &&
	test_expect_code 128 "$TM" empty foo.c 2>err &&
	grep "no MAINTAINERS" err
'

# get_maintainer.pl is the reference. It breaks ties between entries of the
# same depth by Perl's hash order, so where the two differ, the kernel's
# first choice must have the same depth as ours.
test_expect_success KERNEL 'agrees with scripts/get_maintainer.pl on a real tree' '
	(cd "$KERNEL_TREE" && find arch drivers fs kernel mm net virt -name "*.[ch]" -type f |
		LC_ALL=C sort | awk "NR % 1200 == 7") >sample &&
	test $(wc -l <sample) -gt 20 &&
	while read -r f; do
		ref=$(cd "$KERNEL_TREE" && perl scripts/get_maintainer.pl --no-git \
			--no-git-fallback --no-keywords --sections -f "$f" 2>/dev/null |
			grep -v "^[A-Z]:" | grep -v "^[[:space:]]*\$" | head -n 1)
		"$TM" -a "$KERNEL_TREE" "$f" >all
		best=$(head -n 1 all | cut -f2)
		awk -F"\t" -v b="$best" "\$2 == b { print \$3 }" all >top
		if ! grep -qxF "$ref" top; then
			echo "$f: get_maintainer.pl says \"$ref\", mmcheck: $(cat top)"
			return 1
		fi
	done <sample
'

test_done
