#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mmcheck scan end to end on the synthetic tree in testdata/tree: the real
# spatch, the real semantic patches, the tree's own MAINTAINERS.

. "$(dirname "$0")/test-lib.sh"

TREE="$TESTDATA/tree"

# The elapsed time is the only varying part of the output.
normalize() { sed -e 's/, [0-9.]* s)$/, T s)/'; }

test_expect_success SPATCH 'text report matches the golden one, exit 1 for an error' '
	test_expect_code 1 "$MMCHECK" scan -j 2 "$TREE" >out 2>err &&
	normalize <out >actual &&
	test_cmp "$TEST_DIRECTORY/expect/scan-tree.txt" actual &&
	test_cmp /dev/null err
'

test_expect_success SPATCH '--all adds the held uses as notes' '
	test_expect_code 1 "$MMCHECK" scan --all "$TREE" >out 2>err &&
	normalize <out >actual &&
	test_cmp "$TEST_DIRECTORY/expect/scan-tree-all.txt" actual &&
	test_no_sanitizer_report err
'

test_expect_success SPATCH,JQ 'JSON lists every use site, the safe ones too' '
	test_expect_code 1 "$MMCHECK" scan --format=json "$TREE" >scan.json 2>err &&
	test_no_sanitizer_report err &&
	jq -e ".schema == \"mmcheck-scan\" and .version == 1" scan.json &&
	jq -e ".summary | .uses == 13 and .lock_and_live_findings == 3 and .errors == 7 and .warnings == 4 and .held == 5 and .complete" scan.json &&
	jq -r ".uses[] | [.file, (.line|tostring), .function, .mm, .verdict, .severity, .subsystem] | join(\"|\")" \
		scan.json >actual &&
	cat >expect <<-\EOF &&
	arch/powerpc/platforms/book3s/vas-api.c|31|vas_update_csb|w->mm|mmgrab-only|error|LINUX FOR POWERPC
	arch/x86/kvm/xen.c|10|kvm_xen_set_evtchn|kvm->mm|mmgrab-only|error|KVM X86 XEN (KVM/Xen)
	drivers/dma/idxd/cdev.c|21|idxd_copy_cr|ctx->mm|unreferenced|error|DMAENGINE IDXD DRIVER
	drivers/gpu/drm/amd/amdgpu/amdgpu_amdkfd.h|13|read_user_wptr|mmptr|unknown|warning|AMD KFD
	drivers/gpu/drm/amd/amdgpu/amdgpu_amdkfd_gfx_v9.c|9|kgd_gfx_v9_hqd_load|mm|unknown|warning|AMD KFD
	drivers/gpu/drm/i915/gvt/kvmgt.c|13|kvmgt_rw_gpa|kvm->mm|mmgrab-only|error|INTEL GVT-g DRIVERS (Intel GPU Virtualization)
	drivers/misc/loopy.c|12|loopy_copy_all|l->mm|unknown|error|MISC DRIVERS
	drivers/staging/orphan/orphan.c|11|orphan_work|mm|held-local|none|(no MAINTAINERS entry)
	drivers/usb/gadget/function/f_fs.c|13|ffs_user_copy_worker|io_data->mm|held-local|none|USB SUBSYSTEM
	drivers/usb/gadget/legacy/inode.c|16|ep_user_copy_worker|mm|unreferenced|warning|USB SUBSYSTEM
	drivers/vfio/vfio_iommu_type1.c|14|vfio_dma_rw_chunk|mm|held-local|none|VFIO DRIVER
	drivers/vhost/vhost.c|15|vhost_worker|dev->mm|held-field|none|VIRTIO HOST (VHOST)
	lib/kunit/user_alloc.c|16|kunit_attach_mm|mm|held-local|none|LIBRARY CODE
	drivers/misc/demo_worker.c|11|demo_fault_work|ctx->mm|mmgrab-only|warning|MISC DRIVERS
	EOF
	test_cmp expect actual
'

test_expect_success SPATCH,JQ 'every use has file:line evidence and its findings name a rule' '
	jq -e "all(.uses[]; (.evidence | length) > 0 and all(.evidence[]; (.file | length) > 0 and .line > 0))" scan.json &&
	jq -e "all(.uses[]; (.severity == \"none\") == ((.findings | length) == 0))" scan.json &&
	jq -r ".uses[].findings[].rule" scan.json | sort -u >rules &&
	printf "mm-live-mmgrab-only\nuse-mm-after-put\nuse-mm-mmgrab-only\nuse-mm-unknown\nuse-mm-unreferenced\n" >expect &&
	test_cmp expect rules &&
	for r in $(cat rules); do "$MMCHECK" explain "$r" >/dev/null || return 1; done
'

test_expect_success SPATCH,JQ 'every finding has a confidence; the low ones only with --all' '
	jq -e "all(.uses[], .lock_sites[]; ((.findings | length) > 0) == (.confidence != null) and
		all(.findings[]; .confidence | IN(\"high\", \"medium\", \"low\")))" scan.json &&
	jq -e ".summary.confidence == {\"high\": 5, \"medium\": 4, \"low\": 2}" scan.json &&
	jq -r ".uses[] | select(.confidence == \"low\") | \"\(.file):\(.line):\"" scan.json >low &&
	test $(wc -l <low) = 2 &&
	test_expect_code 1 "$MMCHECK" scan "$TREE" >default &&
	test_expect_code 1 "$MMCHECK" scan --all "$TREE" >all &&
	while read -r l; do
		! grep "^$l" default &&
		grep -E "^$l(.*confidence: low\)\$| note: site [0-9]+ of [0-9]+: )" all || return 1
	done <low &&
	grep "^mmcheck: 1 finding of low confidence (2 sites) not shown (--all shows them)\$" default &&
	! grep "low confidence not shown" all &&
	grep "^drivers/misc/loopy.c:12:3: error: .*confidence: high)\$" default &&
	grep "^drivers/misc/loopy.c:12:3: warning: .*confidence: low)\$" default
'

test_expect_success SPATCH,JQ 'lock findings: both sides of the unregister race, joined across files' '
	jq -r ".lock_sites[] | [.file, (.line|tostring), .function, .lock, .role, .severity, .subsystem] | join(\"|\")" \
		scan.json >actual &&
	cat >expect <<-\EOF &&
	drivers/gpu/hmm/hmm_mirror.c|20|hmm_mirror_destroy|struct hmm_device ->mutex|last-access|error|DRM DRIVERS
	drivers/gpu/hmm/hmm_device.c|17|hmm_device_unregister|struct hmm_device ->mutex|decide|error|DRM DRIVERS
	EOF
	test_cmp expect actual &&
	jq -r ".lock_sites[] | select(.role == \"decide\") | .evidence[].file" scan.json | grep -x drivers/gpu/hmm/hmm_mirror.c
'

test_expect_success SPATCH,JQ 'subsystems carry their maintainers and lists' '
	jq -e ".subsystems[] | select(.name == \"KVM X86 XEN (KVM/Xen)\") |
		.maintainers == [\"Xen Maintainer <xen@example.org>\", \"Second Xen Maintainer <xen2@example.org>\"] and
		.lists == [\"kvm@lists.example.org\"] and .errors == 1 and .status == \"Supported\"" scan.json &&
	jq -e "[.subsystems[].uses] | add == 16" scan.json
'

test_expect_success SPATCH,JQ 'one job or two: the same result' '
	"$MMCHECK" scan --no-cache -j 1 --format=json "$TREE" >one.json;
	"$MMCHECK" scan --no-cache -j 2 --format=json "$TREE" >two.json;
	test_cmp one.json two.json &&
	test_cmp scan.json two.json
'

test_expect_success SPATCH '-o and --json write both reports, stdout has the summary' '
	test_expect_code 1 "$MMCHECK" scan -o report.txt --json report.json "$TREE" >out 2>err &&
	normalize <report.txt >actual &&
	test_cmp "$TEST_DIRECTORY/expect/scan-tree.txt" actual &&
	jq -e ".summary.uses == 13" report.json &&
	grep "^report: report.txt\$" out &&
	grep "^json:   report.json\$" out &&
	grep "^Per subsystem:" out &&
	! grep "error: \[" out &&
	! ls *.tmp.* 2>/dev/null
'

# The grab round runs the stores patch on the files where one function
# both calls mmgrab() and stores into an mm field: a file that does the
# two in different functions holds no grab store and is left out. So is
# a file, from the live-mm patch, that calls mmgrab() in one function
# and takes the mmap lock in another (and names no grab-stored struct).
test_expect_success SPATCH 'the grab regexes: mmgrab() and the store or the live use in one function' '
	cp -R "$TREE" gtree &&
	cat >gtree/drivers/misc/demo_split.c <<-\EOF &&
	struct demo_split {
		struct mm_struct *mm;
	};

	void demo_split_pin(struct mm_struct *mm)
	{
		mmgrab(mm);
	}

	void demo_split_set(struct demo_split *s, struct mm_struct *mm)
	{
		s->mm = mm;
	}

	void demo_split_walk(struct demo_split *s)
	{
		mmap_read_lock(s->mm);
		mmap_read_unlock(s->mm);
	}
	EOF
	cat >gtree/drivers/misc/demo_grabwalk.c <<-\EOF &&
	void demo_grabwalk(struct mm_struct *mm)
	{
		mmgrab(mm);
		mmap_read_lock(mm);
		mmap_read_unlock(mm);
		mmdrop(mm);
	}
	EOF
	cat >spatch-log <<-EOF &&
	#!/bin/sh
	for a; do case "\$a" in *.cocci) sp=\$(basename "\$a");; *.c) f=\$a;; esac; done
	[ -n "\$sp" ] && [ -n "\$f" ] &&
		echo "\$sp \$f \${MMCHECK_FIELDS:-grab}" >>"$PWD/spatch.log"
	exec spatch "\$@"
	EOF
	chmod +x spatch-log &&
	rm -f spatch.log &&
	SPATCH="$PWD/spatch-log" test_expect_code 1 "$MMCHECK" scan --no-cache \
		--batch 1 -o /dev/null gtree &&
	grep "^mm_field_store.cocci drivers/misc/demo_owner.c grab\$" spatch.log &&
	! grep "^mm_field_store.cocci drivers/misc/demo_split.c " spatch.log &&
	grep "^mm_live_unheld.cocci drivers/misc/demo_grabwalk.c " spatch.log &&
	! grep "^mm_live_unheld.cocci drivers/misc/demo_split.c " spatch.log
'

# spatch asks a Python interpreter where its library is: the python3
# installed beside spatch, not whatever python3 comes first on $PATH.
test_expect_success SPATCH 'spatch gets the python3 installed beside it, or $MMCHECK_PYTHON' '
	mkdir -p bin &&
	cat >bin/spatch <<-EOF &&
	#!/bin/sh
	echo "\$*" >>"$PWD/argv.log"
	exec spatch "\$@"
	EOF
	chmod +x bin/spatch &&
	ln -sf /usr/bin/python3 bin/python3 &&
	rm -f argv.log &&
	SPATCH="$PWD/bin/spatch" test_expect_code 1 "$MMCHECK" scan --no-cache \
		-o /dev/null "$TREE" &&
	grep -v "^--version\$" argv.log >runs &&
	test -s runs &&
	grep -c -- "^--python $PWD/bin/python3 " runs >n &&
	test "$(cat n)" -eq "$(wc -l <runs)" &&
	rm -f argv.log &&
	SPATCH="$PWD/bin/spatch" MMCHECK_PYTHON=/usr/bin/python3 test_expect_code 1 \
		"$MMCHECK" scan --no-cache -o /dev/null "$TREE" &&
	grep -- "--python /usr/bin/python3 " argv.log &&
	! grep -- "--python $PWD" argv.log &&
	rm -f argv.log &&
	SPATCH="$PWD/bin/spatch" MMCHECK_PYTHON= test_expect_code 1 \
		"$MMCHECK" scan --no-cache -o /dev/null "$TREE" &&
	test -s argv.log &&
	! grep -- "--python" argv.log
'

test_expect_success SPATCH 'a progress line on stderr when it is a terminal' '
	{ script -qec "\"$MMCHECK\" scan --no-cache -o r.txt \"$TREE\" >/dev/null" /dev/null >tty.out || :; } &&
	grep -a "mmcheck: spatch, round [a-z+]*: [0-9]*/[0-9]*" tty.out
'

test_expect_success SPATCH 'no progress line when stderr is not a terminal' '
	"$MMCHECK" scan -o r.txt "$TREE" >/dev/null 2>err;
	test_cmp /dev/null err
'

test_done
