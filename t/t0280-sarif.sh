#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# --format=sarif: scan, scan --all, merge and check-patch write SARIF
# 2.1.0 that the OASIS schema (docs/schema/sarif-schema-2.1.0.json)
# accepts, with the findings of the text report, the rule catalogue,
# the evidence as code flows, files not analysed as notifications, and
# fingerprints that do not move with the lines.

. "$(dirname "$0")/test-lib.sh"

SARIF_SCHEMA="$SRC_ROOT/docs/schema/sarif-schema-2.1.0.json"

valid_sarif() {
	"$PYTHON_JSONSCHEMA" "$TEST_DIRECTORY/helper/validate-json.py" \
		"$SARIF_SCHEMA" "$@"
}

# "uri:line:col: level: [rule]" of each result that is not a pass
sarif_findings() {
	jq -r '.runs[0].results[] | select(.kind != "pass") |
		.locations[0].physicalLocation as $p |
		"\($p.artifactLocation.uri):\($p.region.startLine):\($p.region.startColumn): \(.level): [\(.ruleId)]"' "$1"
}

test_expect_success 'a git copy of the synthetic tree, and the patches of t0240' '
	make_patch_series
'

test_expect_success SPATCH,JQ,JSONSCHEMA 'scan --format=sarif: valid SARIF 2.1.0 with the findings of the text report' '
	test_expect_code 1 "$MMCHECK" scan --format=sarif tree >scan.sarif 2>err &&
	test_no_sanitizer_report err &&
	valid_sarif scan.sarif &&
	jq -e ".version == \"2.1.0\" and (.runs | length) == 1" scan.sarif &&
	test_expect_code 1 "$MMCHECK" scan tree >scan.txt &&
	test_expect_code 1 "$MMCHECK" scan --format=json tree >scan.json &&
	jq -r ".uses[], .lock_sites[] | select(.confidence == \"high\" or .confidence == \"medium\") |
		. as \$u | .findings[] | \"\(\$u.file):\(\$u.line):\(\$u.col): \(.severity): [\(.rule)]\"" \
		scan.json >expect &&
	test $(wc -l <expect) = 10 &&
	sarif_findings scan.sarif >actual &&
	test_cmp expect actual &&
	: one result per site, and the root causes of the text report: &&
	: 9 head lines, loopy.c having two findings, for 8 root causes &&
	grep -c "^[^ ]*:[0-9]*:[0-9]*: [a-z]*: \[" scan.txt >heads &&
	echo 9 >expect && test_cmp expect heads &&
	jq "[.runs[0].results[].properties.group.id] | unique | length" scan.sarif >groups &&
	echo 8 >expect && test_cmp expect groups &&
	jq -e "[.runs[0].results[] | select(.properties.group.kind == \"field\")] |
		length == 2 and all(.[]; (.relatedLocations | length) == 1 and
		(.relatedLocations[0].message.text | startswith(\"same root cause (field struct kvm ->mm)\")))" scan.sarif &&
	jq -e "[.runs[0].results[].partialFingerprints[\"mmcheck/v1\"]] | length == (unique | length)" scan.sarif &&
	jq -e "all(.runs[0].results[]; .locations[0].physicalLocation.artifactLocation.uriBaseId == \"SRCROOT\")" scan.sarif
'

test_expect_success SPATCH,JQ 'the driver: name, version, and the rule catalogue as its rules' '
	jq -r ".runs[0].tool.driver | \"\(.name) \(.version)\"" scan.sarif >actual &&
	"$MMCHECK" version >expect &&
	test_cmp expect actual &&
	jq -e ".runs[0].tool.driver | has(\"informationUri\") | not" scan.sarif &&
	"$MMCHECK" explain | awk "{ print \$1, (\$2 == \"none\" ? \"note\" : \$2) }" >expect &&
	jq -r ".runs[0].tool.driver.rules[] | \"\(.id) \(.defaultConfiguration.level)\"" scan.sarif >actual &&
	test_cmp expect actual &&
	for f in "$SRC_ROOT"/rules/*.rule; do
		printf "%s\t%s\n" "$(sed -n "s/^id: //p" "$f")" "$(sed -n "s/^title: //p" "$f")" || return 1
	done | sort >expect &&
	jq -r ".runs[0].tool.driver.rules[] | \"\(.id)\t\(.shortDescription.text)\"" scan.sarif >actual &&
	test_cmp expect actual &&
	jq -e ".runs[0].tool.driver.rules[] | select(.id == \"use-mm-mmgrab-only\") |
		.name == \"UseMmMmgrabOnly\" and
		(.fullDescription.text | startswith(\"mmgrab() raises mm_count\")) and
		(.help.text | startswith(\"What it means\")) and
		(.help.text | contains(\"How to fix it\"))" scan.sarif &&
	jq -e ".runs[0] as \$r | all(\$r.results[]; \$r.tool.driver.rules[.ruleIndex].id == .ruleId)" scan.sarif
'

test_expect_success SPATCH,JQ 'each result: evidence as a code flow, properties, a fingerprint' '
	test_expect_code 1 "$MMCHECK" scan --format=json tree >scan.json &&
	jq -r "(.uses + .lock_sites)[] | select(.findings | length > 0) |
		select(.confidence != \"low\") | . as \$u |
		.findings[] | \"\(\$u.file):\(\$u.line) \(.rule) \(\$u.evidence | map(\"\(.file):\(.line) \(.what)\") | join(\" | \"))\"" \
		scan.json | sort >expect &&
	jq -r ".runs[0].results[] | .locations[0].physicalLocation as \$p |
		\"\(\$p.artifactLocation.uri):\(\$p.region.startLine) \(.ruleId) \(.codeFlows[0].threadFlows[0].locations |
		map(\"\(.location.physicalLocation.artifactLocation.uri):\(.location.physicalLocation.region.startLine) \(.location.message.text)\") | join(\" | \"))\"" \
		scan.sarif | sort >actual &&
	test_cmp expect actual &&
	jq -e "all(.runs[0].results[]; .partialFingerprints[\"mmcheck/v1\"] | test(\"^[0-9a-f]{64}\$\"))" scan.sarif &&
	jq -e "[.runs[0].results[].partialFingerprints[\"mmcheck/v1\"]] | length == (unique | length)" scan.sarif &&
	jq -e ".runs[0].results[] | select(.locations[0].physicalLocation.artifactLocation.uri == \"drivers/usb/gadget/legacy/inode.c\") |
		.properties.verdict == \"unreferenced\" and .level == \"warning\" and
		(.relatedLocations[0].message.text | startswith(\"mitigation (lifetime-comment), not proof:\"))" scan.sarif &&
	jq -e ".runs[0].results[] | select(.ruleId == \"unregister-race\") | .properties.lock == \"struct hmm_device ->mutex\"" scan.sarif &&
	jq -e ".runs[0].originalUriBaseIds.SRCROOT.uri | startswith(\"file:///\") and endswith(\"/tree/\")" scan.sarif &&
	case "$PWD" in
	*[!A-Za-z0-9/._~-]*) ;;
	*) jq -e ".runs[0].originalUriBaseIds.SRCROOT.uri == \"file://$PWD/tree/\"" scan.sarif ;;
	esac &&
	jq -e ".runs[0].invocations == [ { \"executionSuccessful\": true, \"toolExecutionNotifications\": [] } ]" scan.sarif
'

test_expect_success SPATCH,JQ 'the fingerprint is the SHA-256 of what check-patch matches findings on' '
	printf "use-mm-mmgrab-only\tarch/x86/kvm/xen.c\tkvm_xen_set_evtchn\tkvm->mm" | sha256sum | cut -d" " -f1 >expect &&
	jq -r ".runs[0].results[] | select(.locations[0].physicalLocation.artifactLocation.uri == \"arch/x86/kvm/xen.c\") |
		.partialFingerprints[\"mmcheck/v1\"]" scan.sarif >actual &&
	test_cmp expect actual
'

test_expect_success SPATCH,JQ,JSONSCHEMA 'scan --all: the held uses too, as passing results' '
	test_expect_code 1 "$MMCHECK" scan --all --format=sarif tree >all.sarif 2>err &&
	test_no_sanitizer_report err &&
	valid_sarif all.sarif &&
	jq -r ".uses[] | select(.findings | length == 0) | \"\(.file):\(.line) \(.verdict)\"" scan.json >expect &&
	test $(wc -l <expect) = 5 &&
	jq -r ".runs[0].results[] | select(.kind == \"pass\") |
		\"\(.locations[0].physicalLocation.artifactLocation.uri):\(.locations[0].physicalLocation.region.startLine) \(.properties.verdict)\"" \
		all.sarif >actual &&
	test_cmp expect actual &&
	jq -e "all(.runs[0].results[] | select(.kind == \"pass\"); .level == \"none\" and .ruleId == \"use-mm-unheld\" and
		(.message.text | endswith(\": held-local\") or endswith(\": held-field\")))" all.sarif &&
	# --all adds the low-confidence results to the default ones, nothing else
	jq --slurpfile d scan.sarif "[\$d[0].runs[0].results[].partialFingerprints] as \$k |
		[.runs[0].results[] | select(.kind != \"pass\") |
		 select(.partialFingerprints as \$f | \$k | index([\$f]))]" all.sarif >actual &&
	jq -e --slurpfile d scan.sarif "[\$d[0].runs[0].results[].partialFingerprints] as \$k |
		all(.runs[0].results[] | select(.kind != \"pass\") |
		    select(.partialFingerprints as \$f | \$k | index([\$f]) | not); .rank == 30)" all.sarif &&
	jq ".runs[0].results" scan.sarif >expect &&
	test_cmp expect actual
'

test_expect_success SPATCH,JQ,JSONSCHEMA 'a file not analysed: a warning of the invocation, which did not succeed' '
	test_expect_code 2 "$MMCHECK" scan --format=sarif --semantic-patches "$TESTDATA/broken-sp/crash" tree >na.sarif 2>err &&
	test_no_sanitizer_report err &&
	valid_sarif na.sarif &&
	jq -e ".runs[0].invocations[0] | .executionSuccessful == false and
		(.toolExecutionNotifications | length) == 1 and
		.toolExecutionNotifications[0].level == \"warning\" and
		(.toolExecutionNotifications[0].message.text | startswith(\"not analysed: \")) and
		.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation ==
			{ \"uri\": \"drivers/vhost/vhost.c\", \"uriBaseId\": \"SRCROOT\" }" na.sarif
'

test_expect_success SPATCH,JQ,JSONSCHEMA 'paths that are not UTF-8 keep their bytes, percent-encoded' '
	cp -r "$TESTDATA/tree" "t$(printf "\377")ree" &&
	mv "t$(printf "\377")ree/drivers/misc/loopy.c" "t$(printf "\377")ree/drivers/misc/lo$(printf "\377")py c.c" &&
	"$MMCHECK" scan --format=sarif "t$(printf "\377")ree" >utf8.sarif 2>err;
	test $? -lt 128 &&
	test_no_sanitizer_report err &&
	valid_sarif utf8.sarif &&
	jq -e ".runs[0].originalUriBaseIds.SRCROOT.uri | endswith(\"/t%FFree/\")" utf8.sarif &&
	grep -F "\"uri\": \"drivers/misc/lo%FFpy%20c.c\"" utf8.sarif &&
	test "$(LC_ALL=C grep -c "$(printf "\377")" utf8.sarif)" = 0
'

test_expect_success SPATCH,JSONSCHEMA 'merge --format=sarif: the same SARIF as the whole scan' '
	"$MMCHECK" scan --shard 1/2 -o s1.json tree &&
	"$MMCHECK" scan --shard 2/2 -o s2.json tree &&
	test_expect_code 1 "$MMCHECK" merge --format=sarif tree s1.json s2.json >merged.sarif 2>err &&
	test_no_sanitizer_report err &&
	valid_sarif merged.sarif &&
	test_cmp scan.sarif merged.sarif
'

test_expect_success SPATCH,JSONSCHEMA '-o FILE with --json FILE: SARIF in one, JSON in the other' '
	test_expect_code 1 "$MMCHECK" scan --format=sarif -o out.sarif --json out.json tree >stdout &&
	grep "^report: out.sarif\$" stdout &&
	test_cmp scan.sarif out.sarif &&
	jq -e ".schema == \"mmcheck-scan\"" out.json
'

test_expect_success SPATCH,JQ,JSONSCHEMA 'check-patch --format=sarif: the vhost finding the patch adds' '
	test_expect_code 1 "$MMCHECK" check-patch --format=sarif tree patches/0001-*.patch >cp1.sarif 2>err &&
	test_no_sanitizer_report err &&
	valid_sarif cp1.sarif &&
	jq -e ".runs[0].results | length == 1" cp1.sarif &&
	jq -e ".runs[0].results[0] | .ruleId == \"use-mm-mmgrab-only\" and .level == \"error\" and
		.baselineState == \"new\" and .properties.patch == 1 and
		.locations[0].physicalLocation.artifactLocation.uri == \"drivers/vhost/vhost.c\" and
		.locations[0].physicalLocation.region.startLine == 15 and
		.locations[0].logicalLocations[0].name == \"vhost_worker\" and
		(.codeFlows[0].threadFlows[0].locations | length) >= 2" cp1.sarif &&
	jq -e ".runs[0].results[0].codeFlows[0].threadFlows[0].locations[1].location |
		.physicalLocation.region.startLine == 28 and
		(.message.text | startswith(\"dev->mm = current->mm in vhost_dev_set_owner(): only mmgrab()\"))" cp1.sarif
'

test_expect_success SPATCH,JQ,JSONSCHEMA 'check-patch of a series: new and absent results, each with its patch' '
	cat patches/0001-*.patch patches/0002-*.patch patches/0003-*.patch >series.mbox &&
	test_expect_code 1 "$MMCHECK" check-patch --format=sarif tree series.mbox >series.sarif 2>err &&
	test_no_sanitizer_report err &&
	valid_sarif series.sarif &&
	jq -r ".runs[0].results[] | \"\(.properties.patch) \(.baselineState) \(.ruleId) \(.locations[0].physicalLocation.artifactLocation.uri)\"" \
		series.sarif >actual &&
	cat >expect <<-\EOF &&
	1 new use-mm-mmgrab-only drivers/vhost/vhost.c
	2 absent use-mm-mmgrab-only arch/x86/kvm/xen.c
	EOF
	test_cmp expect actual &&
	jq -e ".runs[0].invocations[0].executionSuccessful" series.sarif &&
	"$MMCHECK" check-patch --format=sarif tree patches/0003-*.patch >moved.sarif &&
	jq -e ".runs[0].results == []" moved.sarif
'

test_expect_success SPATCH,JQ 'fingerprints stay when only the lines move, and match check-patch' '
	cp -r tree moved && rm -rf moved/.git &&
	(cd moved && patch -s -p1 <../patches/0003-*.patch) &&
	test_expect_code 1 "$MMCHECK" scan --format=sarif moved >moved-scan.sarif &&
	jq -r ".runs[0].results[] | select(.locations[0].physicalLocation.artifactLocation.uri == \"drivers/gpu/drm/i915/gvt/kvmgt.c\") |
		\"\(.locations[0].physicalLocation.region.startLine) \(.partialFingerprints[\"mmcheck/v1\"])\"" scan.sarif >before &&
	jq -r ".runs[0].results[] | select(.locations[0].physicalLocation.artifactLocation.uri == \"drivers/gpu/drm/i915/gvt/kvmgt.c\") |
		\"\(.locations[0].physicalLocation.region.startLine) \(.partialFingerprints[\"mmcheck/v1\"])\"" moved-scan.sarif >after &&
	test $(wc -l <before) = 1 &&
	test "$(cut -d" " -f1 after)" = $(( $(cut -d" " -f1 before) + 2 )) &&
	test "$(cut -d" " -f2 after)" = "$(cut -d" " -f2 before)" &&
	jq -r "[.runs[0].results[].partialFingerprints[\"mmcheck/v1\"]] | sort[]" scan.sarif >expect &&
	jq -r "[.runs[0].results[].partialFingerprints[\"mmcheck/v1\"]] | sort[]" moved-scan.sarif >actual &&
	test_cmp expect actual &&
	cp -r tree vhost && rm -rf vhost/.git &&
	(cd vhost && patch -s -p1 <../patches/0001-*.patch) &&
	test_expect_code 1 "$MMCHECK" scan --format=sarif vhost >vhost.sarif &&
	jq -r ".runs[0].results[] | select(.locations[0].physicalLocation.artifactLocation.uri == \"drivers/vhost/vhost.c\") |
		.partialFingerprints[\"mmcheck/v1\"]" vhost.sarif >expect &&
	jq -r ".runs[0].results[0].partialFingerprints[\"mmcheck/v1\"]" cp1.sarif >actual &&
	test_cmp expect actual
'

test_expect_success 'usage: sarif is a format of scan, merge and check-patch, not of arches' '
	test_expect_code 129 "$MMCHECK" scan --format=xml tree 2>err &&
	grep "unknown format" err &&
	test_expect_code 129 "$MMCHECK" arches --format=sarif tree 2>err &&
	test_expect_code 129 "$MMCHECK" check-patch --format=sarifs tree x.patch 2>err
'

test_done
