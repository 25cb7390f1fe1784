# SPDX-License-Identifier: GPL-2.0-only
#
# A small TAP test library in the style of git's t/test-lib.sh.
#
#   . ./test-lib.sh
#   test_expect_success 'what it checks' 'commands'
#   test_done
#
# Each script runs in its own trash directory, removed when all passed.
# Prerequisites: test_set_prereq NAME; test_expect_success NAME 'desc' '...'
# skips unless NAME is set.

TEST_DIRECTORY=$(cd "$(dirname "$0")" && pwd)
SRC_ROOT=$(cd "$TEST_DIRECTORY/.." && pwd)
MMCHECK_BUILD=${MMCHECK_BUILD:-$SRC_ROOT/build}
MMCHECK="$MMCHECK_BUILD/mmcheck"
TESTDATA="$SRC_ROOT/testdata"
SEMPATCH_DIR="$SRC_ROOT/scripts/coccinelle/mm"
SMPL_DIR="$SRC_ROOT/smpl"

# smpl/NAME.cocci as the driver runs it: its virtual lines first, then
# the rest with each '#include "REL"' line replaced by the file REL of the
# source tree.
smpl_expanded() {
	grep '^virtual ' "$1"
	awk -v root="$SRC_ROOT" '
		/^virtual / { next }
		/^#include "/ { f = $2; gsub(/"/, "", f); f = root "/" f
			while ((getline l < f) > 0) print l; close(f); next }
		{ print }' "$1"
}
KVER=${KVER:-6.12}
CACHE=${CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mmcheck}
export MMCHECK_DATADIR="$SRC_ROOT"
# Sanitizer reports fail the test that triggered them.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:exitcode=99}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1:exitcode=99}
export LC_ALL=C

this_test=$(basename "$0" .sh)
TRASH="$TEST_DIRECTORY/trash.$this_test"
rm -rf "$TRASH" && mkdir -p "$TRASH" || exit 1
cd "$TRASH" || exit 1
# each test script gets a cache of its own
export MMCHECK_CACHE_DIR="$TRASH/.cache"
# git in a trash directory must not find the project's own repository
export GIT_CEILING_DIRECTORIES="$TEST_DIRECTORY"

test_count=0
test_failed=0
prereqs=" "

say() { echo "# $*"; }

test_set_prereq() { prereqs="$prereqs$1 "; }
# NAME or NAME1,NAME2: all must be set
test_have_prereq() {
	local p
	for p in ${1//,/ }; do
		case "$prereqs" in *" $p "*) ;; *) return 1;; esac
	done
}

test_expect_success() {
	local prereq=
	if [ $# = 3 ]; then prereq=$1; shift; fi
	test_count=$((test_count + 1))
	if [ -n "$prereq" ] && ! test_have_prereq "$prereq"; then
		echo "ok $test_count # skip $1 (missing $prereq)"
		return
	fi
	if (set -e; eval "$2") >"$TRASH/.out.$test_count" 2>&1; then
		echo "ok $test_count - $1"
		rm -f "$TRASH/.out.$test_count"
	else
		test_failed=$((test_failed + 1))
		echo "not ok $test_count - $1"
		sed -e 's/^/#   /' "$TRASH/.out.$test_count"
	fi
}

# Compare expected and actual output, showing the difference.
test_cmp() { diff -u "$@"; }

# Run a command that must exit with the given status.
test_expect_code() {
	local want=$1 got=0
	shift $(($# > 0))
	"$@" || got=$?
	if [ "$got" != "$want" ]; then
		echo "expected exit $want, got $got from: $*"
		return 1
	fi
}

# The lines of a golden case's "/* mmcheck-expect MODE" block in FILE.
expect_block() {
	awk -v m="/* mmcheck-expect $1" '
		$0 == m { on = 1; next }
		on && $0 == "*/" { on = 0; next }
		on { print }' "$2"
}

# How many lines of FILE spatch --parse-c could not parse ("nb bad").
spatch_bad_lines() {
	spatch --parse-c "$1" 2>/dev/null | sed -n "s/.*nb bad = \([0-9]*\).*/\1/p"
}

# A sanitizer report anywhere in a stderr file is a failure.
test_no_sanitizer_report() {
	! grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$@"
}

# scan_case CASE: testdata/verdicts/CASE's C files as a small kernel-like
# tree named CASE, scanned into CASE.json; stderr in CASE.err, which must
# hold no sanitizer report, and the scan must not be fatal.
scan_case() {
	mkdir -p "$1/drivers/demo" "$1/include" &&
	printf 'VERSION = 6\nPATCHLEVEL = 0\n' >"$1/Makefile" &&
	: >"$1/Kconfig" &&
	cp "$TESTDATA/verdicts/$1"/*.[ch] "$1/drivers/demo/" &&
	"$MMCHECK" scan -q --format=json "$1" >"$1.json" 2>"$1.err"
	test $? -lt 128 && test_no_sanitizer_report "$1.err"
}

# Commit what changed in the git work tree "tree", as A Developer.
tree_commit() {
	git -C tree -c user.email=dev@example.org -c user.name="A Developer" \
		commit -qam "$1"
}

# The patch series of the check-patch tests: a git copy "tree" of SRC
# (the synthetic tree if empty) and, in "patches", three patches made by
# git format-patch --thread (further arguments go to it, e.g.
# --cover-letter): 1 breaks vhost (a new use-mm-mmgrab-only), 2 fixes
# xen's, 3 only moves lines of kvmgt. The tree is left at its base.
make_patch_series() {
	local src=${1:-$TESTDATA/tree}
	shift $(($# > 0))
	cp -r "$src" tree &&
	git -C tree init -q && git -C tree add -A && tree_commit base &&
	sed -i "s/\tdev->mm = get_task_mm(current);/\tmmgrab(current->mm);\n\tdev->mm = current->mm;/" tree/drivers/vhost/vhost.c &&
	tree_commit "vhost: pin the owner mm with mmgrab()" &&
	sed -i "s/^\t\tkthread_use_mm(kvm->mm);/\t\tif (!mmget_not_zero(kvm->mm))\n\t\t\treturn -ESRCH;\n\t\tkthread_use_mm(kvm->mm);/; s/^\t\tkthread_unuse_mm(kvm->mm);/\t\tkthread_unuse_mm(kvm->mm);\n\t\tmmput(kvm->mm);/" tree/arch/x86/kvm/xen.c &&
	tree_commit "KVM: x86/xen: hold mm_users across kthread_use_mm()" &&
	sed -i "s/^static int kvmgt_rw_gpa/\/* two new lines move the finding *\/\n\nstatic int kvmgt_rw_gpa/" tree/drivers/gpu/drm/i915/gvt/kvmgt.c &&
	tree_commit "drm/i915/gvt: a comment" &&
	git -C tree -c user.email=dev@example.org -c user.name="A Developer" \
		format-patch --thread "$@" -3 -o ../patches >/dev/null &&
	git -C tree reset -q --hard HEAD~3
}

test_done() {
	echo "1..$test_count"
	cd "$TEST_DIRECTORY" || exit 1
	if [ "$test_failed" = 0 ]; then
		rm -rf "$TRASH"
		exit 0
	fi
	say "failed $test_failed of $test_count; left $TRASH"
	exit 1
}

command -v spatch >/dev/null 2>&1 && test_set_prereq SPATCH
command -v jq >/dev/null 2>&1 && test_set_prereq JQ
command -v sqlite3 >/dev/null 2>&1 && test_set_prereq SQLITE
KERNEL_TREE="$CACHE/trees/linux-source-$KVER"
[ -f "$KERNEL_TREE/Makefile" ] && test_set_prereq KERNEL
# JSONSCHEMA: a python3 with jsonschema (Debian's python3-jsonschema,
# which make check installs) in $PYTHON_JSONSCHEMA
for py in /usr/bin/python3 python3; do
	if "$py" -c "import jsonschema" 2>/dev/null; then
		PYTHON_JSONSCHEMA=$py
		test_set_prereq JSONSCHEMA
		break
	fi
done
