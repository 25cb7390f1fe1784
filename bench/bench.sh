#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# make bench: mmcheck against today's baseline for users, in one run on
# one tree (default: Debian's linux-source-6.12, unpacked by make):
#   1. mmcheck scan, cold (empty cache)
#   2. mmcheck scan, warm (same tree, same cache)
#   3. mmcheck check-patch on a one-file driver patch (warm cache)
#   4. mmcheck scan, cold, without the lock and live-mm patches (the uses,
#      stores and arches roles): what those rules add to a scan
#   4b. mmcheck scan, cold, with the use_mm patches only (uses, stores)
#   4c. with BENCH_BASE=REF (a git commit of this project): the cold scan
#      of that version, built from `git archive REF`: the ratio is what a
#      change costs a scan
# The cold scans take turns, BENCH_ROUNDS times (default 3), and each
# counts with its shortest: this machine's speed drifts over a minute,
# and a ratio of two scans made far apart in time would measure the
# drift. The tree is read into the page cache before anything is timed.
#   5. make coccicheck MODE=report with the same semantic patches, one
#      after the other, in a hard-linked scratch copy of the tree
#      (BENCH_COCCICHECK=no leaves this out: it takes hours)
# It prints each time, the ratios, and whether the one-function findings
# of use_mm_unheld.cocci are the same both ways.
set -u

MMCHECK=${MMCHECK:-$(cd "$(dirname "$0")/.." && pwd)/build/mmcheck}
SRC=$(cd "$(dirname "$0")/.." && pwd)
TREE=${1:?usage: bench.sh TREE}
JOBS=${JOBS:-$(nproc)}
work=$(mktemp -d "${TMPDIR:-/tmp}/mmcheck-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
elapsed() { echo "$2 - $1" | bc; }
ratio() { echo "scale=1; $1 / $2" | bc; }

[ -f "$TREE/Makefile" ] || { echo "error: '$TREE' is not a kernel tree" >&2; exit 2; }

echo "mmcheck bench on $TREE ($(sed -n 's/^VERSION = //p;s/^PATCHLEVEL = //p;s/^SUBLEVEL = //p' "$TREE/Makefile" | paste -sd.), $JOBS jobs, $(nproc) cores)"

# The tree in the page cache first: no measurement pays for the disk.
find "$TREE" -name '*.[ch]' -print0 | xargs -0 cat >/dev/null

# One cold scan (an empty cache): "$@" are mmcheck scan options; the
# JSON is kept as $work/NAME.json. Prints the seconds it took. $BIN is
# the mmcheck it runs (the base version's for 4c).
cold_once() {
	local name=$1 s e
	shift
	rm -rf "$work/cache-$name"
	s=$(now)
	"${BIN:-$MMCHECK}" scan -q -j "$JOBS" --cache "$work/cache-$name" --format=json \
		-o "$work/$name.json" "$@" "$TREE"
	e=$(now)
	elapsed "$s" "$e"
}

min() { if [ -z "$1" ] || [ "$(echo "$2 < $1" | bc)" = 1 ]; then echo "$2"; else echo "$1"; fi; }

# the patch sets of 4 and 4b
mkdir -p "$work/sp-base" "$work/sp-uses"
# (smpl/ holds the scan's patches with their Mmcheck role headers; the
# copies under scripts/coccinelle are the kernel's, without them)
for sp in "$SRC"/smpl/*.cocci; do
	grep -q '^// Mmcheck: \(uses\|stores\|arches\)$' "$sp" && cp "$sp" "$work/sp-base/"
	grep -q '^// Mmcheck: \(uses\|stores\)$' "$sp" && cp "$sp" "$work/sp-uses/"
done

# 4c: the base version, built the way make builds this one
base_bin=
if [ -n "${BENCH_BASE:-}" ]; then
	mkdir -p "$work/base-src"
	git -C "$SRC" archive "$BENCH_BASE" | tar -x -C "$work/base-src" ||
		{ echo "error: cannot export '$BENCH_BASE' from $SRC" >&2; exit 2; }
	make -s -C "$work/base-src" build/mmcheck >"$work/base-build.log" 2>&1 ||
		{ echo "error: '$BENCH_BASE' does not build: $work/base-build.log" >&2; exit 2; }
	base_bin=$work/base-src/build/mmcheck
fi

# 1, 4, 4b (and 4c) in turns, then 2 on the cache of the last cold scan
cold= base_cold= uses_only= ref_cold=
for i in $(seq "${BENCH_ROUNDS:-3}"); do
	cold=$(min "$cold" "$(cold_once cold)")
	base_cold=$(min "$base_cold" "$(cold_once base --semantic-patches "$work/sp-base")")
	uses_only=$(min "$uses_only" "$(cold_once uses-only --semantic-patches "$work/sp-uses")")
	[ -n "$base_bin" ] &&
		ref_cold=$(min "$ref_cold" "$(BIN=$base_bin cold_once ref)")
done
t1=$(now)
"$MMCHECK" scan -q -j "$JOBS" --cache "$work/cache-cold" --format=json -o "$work/warm.json" "$TREE"
t2=$(now)
warm=$(elapsed "$t1" "$t2")
same_scan=no
cmp -s "$work/cold.json" "$work/warm.json" && same_scan=yes

# 3: a one-file driver patch: vhost's owner pinned with mmgrab() only
mkdir -p "$work/p/a/drivers/vhost" "$work/p/b/drivers/vhost"
cp "$TREE/drivers/vhost/vhost.c" "$work/p/a/drivers/vhost/"
sed 's/\(\t*\)dev->mm = get_task_mm(current);/\1mmgrab(current->mm);\n\1dev->mm = current->mm;/' \
	"$TREE/drivers/vhost/vhost.c" >"$work/p/b/drivers/vhost/vhost.c"
(cd "$work/p" && diff -u a/drivers/vhost/vhost.c b/drivers/vhost/vhost.c) >"$work/vhost.patch"
t3=$(now)
"$MMCHECK" check-patch -j "$JOBS" --cache "$work/cache-cold" --format=json "$TREE" "$work/vhost.patch" >"$work/patch.json"
cp_status=$?
t4=$(now)
patch=$(elapsed "$t3" "$t4")

# 5: the baseline, every semantic patch through the kernel's coccicheck
base=0
if [ "${BENCH_COCCICHECK:-yes}" != no ]; then
	cp -al "$TREE" "$work/linux"
	mkdir -p "$work/linux/scripts/coccinelle/mm"
	for sp in "$SRC"/scripts/coccinelle/mm/*.cocci; do
		name=$(basename "$sp")
		cp "$sp" "$work/linux/scripts/coccinelle/mm/$name"
		t5=$(now)
		# spatch 1.1.1 overflows the default 8 MiB stack on a whole tree
		(ulimit -s unlimited; make -s -C "$work/linux" coccicheck MODE=report J="$JOBS" \
			COCCI="scripts/coccinelle/mm/$name" >"$work/coccicheck-$name.txt" 2>&1)
		st=$?
		t6=$(now)
		one=$(elapsed "$t5" "$t6")
		base=$(echo "$base + $one" | bc)
		printf '  coccicheck %-22s %8.1f s%s\n' "$name" "$one" \
			"$([ $st = 0 ] || echo " (exit $st)")"
	done
fi

# the one-function findings, both ways
touch "$work/coccicheck-use_mm_unheld.cocci.txt"
grep -o '^\./[^:]*:[0-9]*:[^ ]* \(WARNING\|ERROR\): .*\[\(use-mm-unheld\|use-mm-after-put\|mmget-unchecked\|use-mm-unbalanced\|use-mm-ref-leak\)\]$' \
	"$work/coccicheck-use_mm_unheld.cocci.txt" | sed 's/^\.\///; s/^\([^:]*:[0-9]*\):.*/\1/' | sort -u >"$work/a"
jq -r '.uses[] | select((.api == "kthread_use_mm" or .api == "use_mm") and
	(.verdict != "held-local" or (.findings | length) > 0)) | "\(.file):\(.line)"' \
	"$work/cold.json" | sort -u >"$work/b"
same=no
cmp -s "$work/a" "$work/b" && same=yes
[ "$base" = 0 ] && same="not compared (BENCH_COCCICHECK=no)"

echo
printf '%-44s %8.2f s\n' "mmcheck scan, cold cache" "$cold"
printf '%-44s %8.2f s\n' "mmcheck scan, warm cache" "$warm"
printf '%-44s %8.2f s (exit %d)\n' "mmcheck check-patch, one-file driver patch" "$patch" "$cp_status"
printf '%-44s %8.2f s\n' "mmcheck scan, cold, no lock/live-mm patches" "$base_cold"
printf '%-44s %8.2f s\n' "mmcheck scan, cold, use_mm patches only" "$uses_only"
[ -n "$base_bin" ] && printf '%-44s %8.2f s\n' "mmcheck $BENCH_BASE scan, cold cache" "$ref_cold"
[ "$base" != 0 ] && printf '%-44s %8.2f s\n' "make coccicheck MODE=report, all patches" "$base"
echo
printf 'with vs without lock/live: %sx the time (target: at most 2x)\n' "$(echo "scale=2; $cold / $base_cold" | bc)"
printf 'all rules vs use_mm only:  %sx the time\n' "$(echo "scale=2; $cold / $uses_only" | bc)"
[ -n "$base_bin" ] && printf 'this vs %s:%*s%sx the time\n' "$BENCH_BASE" \
	$((18 - ${#BENCH_BASE} > 1 ? 18 - ${#BENCH_BASE} : 1)) '' "$(echo "scale=2; $cold / $ref_cold" | bc)"
[ "$base" != 0 ] && printf 'cold scan vs baseline:     %sx faster (target: 3x)\n' "$(ratio "$base" "$cold")"
printf 'warm re-scan:              %.2f s (target: under 2 s)\n' "$warm"
printf 'check-patch:               %.2f s (target: under 3 s)\n' "$patch"
printf 'cold and warm JSON equal:  %s\n' "$same_scan"
printf 'one-function findings identical (%d coccicheck, %d mmcheck): %s\n' \
	"$(wc -l <"$work/a")" "$(wc -l <"$work/b")" "$same"
[ "$same" = no ] && diff "$work/a" "$work/b"
[ "$same" != no ] && [ "$same_scan" = yes ]
