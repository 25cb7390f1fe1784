#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The JSON schemas in docs/schema/ against real outputs: scan (and merge),
# check-patch and arches --format=json validate; a missing, mistyped or
# (where the schema is closed) unknown field does not.

. "$(dirname "$0")/test-lib.sh"

TREE="$TESTDATA/tree"
SCHEMAS="$SRC_ROOT/docs/schema"

# valid NAME FILE...: FILE validates against docs/schema/NAME.schema.json
valid() {
	local name=$1
	shift
	"$PYTHON_JSONSCHEMA" "$TEST_DIRECTORY/helper/validate-json.py" \
		"$SCHEMAS/$name.schema.json" "$@"
}
# invalid NAME FILE JQ-EDIT PATTERN: the edited FILE fails, saying PATTERN
invalid() {
	jq "$3" "$2" >broken.json &&
	test_expect_code 1 valid "$1" broken.json >why &&
	grep -e "$4" why
}

test_expect_success JSONSCHEMA 'the schemas are valid schemas of their drafts' '
	for s in "$SCHEMAS"/*.schema.json "$SCHEMAS"/sarif-schema-2.1.0.json; do
		echo "{}" >empty.json &&
		"$PYTHON_JSONSCHEMA" "$TEST_DIRECTORY/helper/validate-json.py" "$s" empty.json >out;
		test $? -lt 2 || { cat out; return 1; }
	done
'

test_expect_success SPATCH,JSONSCHEMA 'scan --format=json validates' '
	test_expect_code 1 "$MMCHECK" scan --format=json "$TREE" >scan.json 2>err &&
	test_no_sanitizer_report err &&
	valid mmcheck-scan scan.json
'

test_expect_success SPATCH,JSONSCHEMA 'scan: files not analysed, and no arches patch (critical_arches null)' '
	test_expect_code 2 "$MMCHECK" scan --format=json --semantic-patches "$TESTDATA/broken-sp/crash" "$TREE" >na.json 2>err &&
	jq -e ".not_analysed | length == 1" na.json &&
	valid mmcheck-scan na.json &&
	mkdir sp && cp "$SMPL_DIR"/use_mm_unheld.cocci "$SMPL_DIR"/mm_field_store.cocci sp/ &&
	"$MMCHECK" scan --format=json --semantic-patches sp "$TREE" >noarch.json 2>err;
	test $? -lt 128 &&
	jq -e ".critical_arches == null and (.uses | length) > 0" noarch.json &&
	valid mmcheck-scan noarch.json
'

test_expect_success SPATCH,JSONSCHEMA 'merge --format=json and --json FILE validate' '
	"$MMCHECK" scan --shard 1/2 -o s1.json "$TREE" &&
	"$MMCHECK" scan --shard 2/2 -o s2.json "$TREE" &&
	test_expect_code 1 "$MMCHECK" merge --format=json "$TREE" s1.json s2.json >merged.json &&
	test_expect_code 1 "$MMCHECK" scan -q -o report.txt --json report.json "$TREE" &&
	valid mmcheck-scan merged.json report.json
'

test_expect_success JSONSCHEMA,JQ 'the scan schema: a missing or mistyped field fails, an added one does not' '
	invalid mmcheck-scan scan.json "del(.uses[0].verdict)" "/uses/0: .verdict. is a required property" &&
	invalid mmcheck-scan scan.json "del(.summary.complete)" "/summary: .complete. is a required property" &&
	invalid mmcheck-scan scan.json ".summary.errors = \"7\"" "/summary/errors: .7. is not of type .integer." &&
	invalid mmcheck-scan scan.json ".uses[0].severity = \"fatal\"" "/uses/0/severity: .fatal. is not one of" &&
	invalid mmcheck-scan scan.json ".uses[0].verdict = \"fine\"" "/uses/0/verdict: .fine. is not one of" &&
	invalid mmcheck-scan scan.json ".uses[0].findings[0].rule = \"No Rule\"" "/uses/0/findings/0/rule" &&
	invalid mmcheck-scan scan.json ".lock_sites[0].role = \"winner\"" "/lock_sites/0/role" &&
	invalid mmcheck-scan scan.json ".tree.kernel_version = 6" "/tree/kernel_version" &&
	invalid mmcheck-scan scan.json "del(.uses[0].arches_from)" "/uses/0: .arches_from. is a dependency of .critical_arches." &&
	invalid mmcheck-scan scan.json ".uses[0].findings = []" "/uses/0/findings" &&
	invalid mmcheck-scan scan.json ".schema = \"mmcheck-shard\"" "/schema" &&
	jq ".uses[0].new_field = 1 | .summary.new_count = 2" scan.json >added.json &&
	valid mmcheck-scan added.json
'

test_expect_success 'a git copy of the synthetic tree, and the patches of t0240' '
	make_patch_series "$TREE" &&
	cat patches/*.patch >series.mbox
'

test_expect_success SPATCH,JSONSCHEMA 'check-patch --format=json validates: a series, a plain diff on stdin' '
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree series.mbox >series.json 2>err &&
	test_no_sanitizer_report err &&
	jq -e "[.patches[] | (.new + .fixed) | length] == [1, 1, 0]" series.json &&
	sed -n "/^diff --git/,\$p" patches/0001-*.patch | sed "/^-- \$/,\$d" >plain.diff &&
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree - <plain.diff >plain.json &&
	jq -e ".patches[0].message_id == null" plain.json &&
	valid mmcheck-check-patch series.json plain.json
'

test_expect_success SPATCH,JSONSCHEMA 'check-patch --format=json validates: a cover letter skipped, a first patch that does not apply' '
	rm -rf cover && mkdir cover && cd cover &&
	make_patch_series "$TREE" --cover-letter &&
	cat patches/*.patch >cover.mbox &&
	test_expect_code 1 "$MMCHECK" check-patch --format=json tree cover.mbox >../cover.json 2>err &&
	sed "s/dev->mm = get_task_mm(current);/dev->mm = not_there(current);/" patches/0001-*.patch >stale.patch &&
	test_expect_code 2 "$MMCHECK" check-patch --format=json tree stale.patch >../stale.json 2>err &&
	cd .. &&
	jq -e "(.skipped | map(.mail)) == [1] and (.patches | map(.mail)) == [2, 3, 4]" cover.json &&
	jq -e ".patches == [] and .new_findings == 0" stale.json &&
	valid mmcheck-check-patch cover.json stale.json
'

test_expect_success JSONSCHEMA,JQ 'the check-patch schema: a missing, mistyped or unknown field fails' '
	invalid mmcheck-check-patch series.json "del(.skipped)" "skipped. is a required property" &&
	invalid mmcheck-check-patch series.json ".patches[0].new[0].confidence = \"sure\"" "/patches/0/new/0/confidence" &&
	invalid mmcheck-check-patch series.json "del(.patches[0].new[0].evidence)" "/patches/0/new/0: .evidence. is a required property" &&
	invalid mmcheck-check-patch series.json "del(.new_findings)" "new_findings. is a required property" &&
	invalid mmcheck-check-patch series.json ".patches[0].number = 0" "/patches/0/number" &&
	invalid mmcheck-check-patch series.json ".patches[1].fixed[0].line = \"10\"" "/patches/1/fixed/0/line" &&
	invalid mmcheck-check-patch series.json ".patches[0].new[0].severity = \"high\"" "/patches/0/new/0/severity" &&
	invalid mmcheck-check-patch series.json ".patches[0].new[0].verdict = \"bad\"" "/patches/0/new/0/verdict" &&
	invalid mmcheck-check-patch series.json ".patches[0].new[0].col = 2" "Additional properties are not allowed" &&
	invalid mmcheck-check-patch series.json ".version = 2" "/version"
'

test_expect_success SPATCH,JSONSCHEMA 'arches --format=json validates, with and without --all, with no critical arch' '
	"$MMCHECK" arches --format=json "$TREE" >arches.json 2>err &&
	test_no_sanitizer_report err &&
	"$MMCHECK" arches --all --format=json "$TREE" >arches-all.json &&
	jq -e "[.arches[].critical] == [true, true, false]" arches-all.json &&
	cp -r "$TREE" none && rm -r none/arch/mips none/arch/powerpc/mm &&
	"$MMCHECK" arches --format=json none >arches-none.json &&
	jq -e ".critical == [] and .arches == []" arches-none.json &&
	valid mmcheck-arches arches.json arches-all.json arches-none.json
'

test_expect_success JSONSCHEMA,JQ 'the arches schema: a missing, mistyped or unknown field fails' '
	invalid mmcheck-arches arches-all.json "del(.critical)" "critical. is a required property" &&
	invalid mmcheck-arches arches-all.json ".arches[0].readers[0].class = \"guess\"" "/arches/0/readers/0/class" &&
	invalid mmcheck-arches arches-all.json ".arches[0].readers[0].line = null" "/arches/0/readers/0/line" &&
	invalid mmcheck-arches arches-all.json ".arches[2].critical = true" "/arches/2/readers" &&
	invalid mmcheck-arches arches-all.json ".arches[0].count = 1" "Additional properties are not allowed" &&
	invalid mmcheck-arches arches-all.json ".schema = \"mmcheck-scan\"" "/schema"
'

test_done
