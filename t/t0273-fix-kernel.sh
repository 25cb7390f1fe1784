#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# mmcheck fix on a real kernel (Debian's linux-source-$KVER): every patch
# it writes compiled in a configured build of the tree (cached under
# $CACHE/build, configured once per tree), passes the tree's checkpatch.pl
# --strict but for the missing Signed-off-by, applies with git am, and a
# re-scan of the patched tree drops its finding and adds none. A patch
# that does not compile is refused, and the summary says why. The tree is
# never written to: the re-scan runs on a hard-linked copy whose patched
# files are replaced, never written through.

. "$(dirname "$0")/test-lib.sh"

# The configured builds outlive the test, like the unpacked tree.
export MMCHECK_BUILD_DIR="$CACHE/build"

test_expect_success KERNEL,SPATCH "fix Linux $KVER, compiling every patch" '
	"$MMCHECK" fix -q -j 2 -o series "$KERNEL_TREE" >out 2>err &&
	test_no_sanitizer_report err &&
	grep "^Every patch compiled (see build.log)\.\$" out &&
	ls series/*/0*.patch | grep -v "/0000-cover-letter\.patch\$" >patches &&
	test -s patches &&
	test $(grep -c "^patched: " out) -ge 1
'

test_expect_success KERNEL,SPATCH 'each patched file compiled: the command and its result' '
	for f in $(sed -n "s/^patched: \([^:]*\):.*/\1/p" out | sort -u); do
		grep "^make .* ${f%.c}\.o (allmodconfig): ok\$" series/build.log || return 1
	done &&
	! grep "FAILED" series/build.log
'

test_expect_success KERNEL,SPATCH 'one line per finding: its patch, or why there is none' '
	n=$(sed -n "s/^mmcheck fix: .* for \([0-9]*\) findings .*/\1/p" out) &&
	test $(grep -c "^patched: \|^no patch: " out) = $n &&
	sed -n "s/^patched: .*: \([^ ]*\.patch\)\$/\1/p" out >named &&
	for p in $(cat named); do test -f "series/$p" || return 1; done
'

test_expect_success KERNEL,SPATCH 'every patch passes checkpatch.pl --strict but for the Signed-off-by' '
	for p in $(cat patches); do
		(cd "$KERNEL_TREE" && perl scripts/checkpatch.pl --strict --no-tree \
			--terse --show-types "$OLDPWD/$p") >cp.out;
		grep -v "MISSING_SIGN_OFF" cp.out | grep ": \(ERROR\|WARNING\|CHECK\):" && return 1
		grep -q "MISSING_SIGN_OFF" cp.out || return 1
	done
'

test_expect_success KERNEL,SPATCH 'To: and Cc: from get_maintainer.pl, no Link:, the rule id in the body' '
	for p in $(cat patches); do
		grep "^To: .*@" $p && grep "^Cc: .*@" $p &&
		! grep "^Link:" $p &&
		tr "\n" " " <$p | grep -q "Found by mmcheck, rule [a-z-]* (mmcheck explain" || return 1
	done
'

# The files the series touch, in a repository of their own.
test_expect_success KERNEL,SPATCH 'each series applies with git am' '
	git init -q am &&
	for f in $(sed -n "s|^+++ b/||p" $(cat patches) | sort -u); do
		mkdir -p "am/$(dirname $f)" && cp "$KERNEL_TREE/$f" "am/$f" || return 1
	done &&
	git -C am add -A &&
	git -C am -c user.email=a@example.org -c user.name=A commit -qm base &&
	for s in series/*/; do
		git -C am -c user.email=a@example.org -c user.name=A am -q \
			$(grep "^$s" patches | sed "s|^|$PWD/|") || return 1
	done &&
	test $(git -C am rev-list --count HEAD) = $(($(wc -l <patches) + 1))
'

test_expect_success KERNEL,SPATCH,JQ 'a re-scan of the patched tree drops each finding and adds none' '
	cp -al "$KERNEL_TREE" linux &&
	for f in $(git -C am diff --name-only HEAD~$(wc -l <patches)); do
		rm "linux/$f" && cp "am/$f" "linux/$f" || return 1
	done &&
	"$MMCHECK" scan -j 2 --format=json "$KERNEL_TREE" >before.json;
	test $? -lt 128 &&
	"$MMCHECK" scan -j 2 --format=json linux >after.json;
	test $? -lt 128 &&
	q=".uses[] | select(.findings | length > 0) | \"\(.file) \(.function) \(.findings[].rule)\"" &&
	jq -r "$q" before.json | sort >b && jq -r "$q" after.json | sort >a &&
	sed -n "s/^patched: \([^:]*\):[0-9]* \([a-z0-9_]*\)() \[\([a-z-]*\)\].*/\1 \2 \3/p" out >fixed &&
	test -s fixed &&
	while read -r line; do
		grep -qx "$line" b && ! grep -qx "$line" a || return 1
	done <fixed &&
	comm -13 b a >new && test_cmp /dev/null new
'

# The semantic patch writes a call that does not exist: nothing compiles.
test_expect_success KERNEL,SPATCH 'a patch that does not compile is refused, and the summary says why' '
	mkdir data && cp -r "$SRC_ROOT/rules" "$SRC_ROOT/scripts" "$SRC_ROOT/smpl" data/ &&
	sed -i "s/^+ if (!mmget_not_zero(mm))\$/+ if (!mmget_not_zero_nonexistent(mm))/" \
		data/smpl/fix_use_mm.cocci &&
	grep -q mmget_not_zero_nonexistent data/smpl/fix_use_mm.cocci &&
	MMCHECK_DATADIR="$PWD/data" "$MMCHECK" fix -q -j 2 -o broken "$KERNEL_TREE" >bout 2>err &&
	grep "^no patch: arch/x86/kvm/xen.c:[0-9]* kvm_xen_set_evtchn() .*: the patched file does not compile: .*mmget_not_zero_nonexistent" bout &&
	! grep "^patched: arch/x86/kvm/xen.c" bout &&
	! ls broken/*/0*-KVM-x86-xen* 2>/dev/null &&
	grep "arch/x86/kvm/xen.o (allmodconfig): FAILED" broken/build.log
'

test_expect_success KERNEL,SPATCH '--no-build skips the compile step and says so' '
	"$MMCHECK" fix -q --no-build -j 2 -o nobuild "$KERNEL_TREE" >nout 2>err &&
	grep "^Not compiled: --no-build\.\$" nout &&
	! test -e nobuild/build.log
'

test_expect_success KERNEL 'the tree was not written to' '
	test -z "$(find "$KERNEL_TREE" -newer out -print -quit)"
'

test_done
