#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# One finding per root cause: a macro with three call sites in two files,
# two functions in two files reading one mmgrab-only field, and a wrapper
# whose callers differ in verdict, on the tree in testdata/group. The text
# report groups them; JSON and SARIF keep each site, tied by a group id.

. "$(dirname "$0")/test-lib.sh"

TREE="$TESTDATA/group"

normalize() { sed -e 's/, [0-9.]* s)$/, T s)/'; }

test_expect_success SPATCH 'text report: one finding per root cause, the golden one' '
	test_expect_code 1 "$MMCHECK" scan -j 2 "$TREE" >out 2>err &&
	normalize <out >actual &&
	test_cmp "$TEST_DIRECTORY/expect/scan-group.txt" actual &&
	test_no_sanitizer_report err
'

test_expect_success SPATCH 'the macro: one head line, its 3 call sites as notes, the store once' '
	grep "^drivers/grp/grp.h:25:4: error: \[use-mm-mmgrab-only\] kthread_use_mm(mmptr) in macro grp_read_user, called at 3 sites: .*(verdict: mmgrab-only, confidence: high)\$" actual &&
	grep "^drivers/grp/grp_load.c:9: note: site 1 of 3: grp_read_user(dev->mm) in grp_load_v1()\$" actual &&
	grep "^drivers/grp/grp_load.c:17: note: site 2 of 3: grp_read_user(dev->mm) in grp_load_v2()\$" actual &&
	grep "^drivers/grp/grp_load_v3.c:9: note: site 3 of 3: grp_read_user(dev->mm) in grp_load_v3()\$" actual &&
	grep -c "dev->mm = current->mm in grp_dev_open()" actual >n &&
	echo 1 >expect && test_cmp expect n
'

test_expect_success SPATCH 'the field: two files, one head line, the store once' '
	grep "^drivers/grp/grp_work_a.c:9:2: error: \[use-mm-mmgrab-only\] 2 sites read struct grp_ctx ->mm: " actual &&
	grep "^drivers/grp/grp_work_a.c:9: note: site 1 of 2: kthread_use_mm(ctx->mm) in grp_work_a()\$" actual &&
	grep "^drivers/grp/grp_work_b.c:9: note: site 2 of 2: kthread_use_mm(ctx->mm) in grp_work_b()\$" actual &&
	! grep "grp_work_b.c:9:2: error" actual &&
	! grep "grp_work_held" actual
'

test_expect_success SPATCH 'sites that differ in verdict are not grouped' '
	grep "^drivers/grp/grp_attach.c:10:2: error: .* in grp_attach(), called at 1 site: .*(verdict: mmgrab-only," actual &&
	grep "^drivers/grp/grp_attach.c:16: note: site 1 of 1: grp_attach(ctx->mm) in grp_attach_ctx()\$" actual &&
	grep "^drivers/grp/grp_attach.c:21:2: error: \[use-mm-unreferenced\] grp_attach(o->mm) in grp_attach_open(): .*(verdict: unreferenced," actual
'

test_expect_success SPATCH 'the summary line counts root causes and sites; the exit status is per site' '
	grep "^mmcheck: 10 use sites: 9 errors, 0 warnings, 1 held; 4 root causes at 9 sites; " actual &&
	grep -c "^[^ ]*:[0-9]*:[0-9]*: error: " actual >n &&
	echo 4 >expect && test_cmp expect n
'

test_expect_success SPATCH,JQ 'JSON keeps every site, tied by its group' '
	test_expect_code 1 "$MMCHECK" scan --format=json "$TREE" >scan.json 2>err &&
	jq -e ".summary | .errors == 9 and .root_causes == 4" scan.json &&
	jq -r ".uses[] | select(.group != null) | [.group.kind, (.group.subject // \"-\"), (.group.sites|tostring), (.group.head|tostring), .file, (.line|tostring), .function] | join(\"|\")" \
		scan.json | sort >actual &&
	cat >expect <<-\EOF &&
	field|struct grp_ctx ->mm|2|false|drivers/grp/grp_work_b.c|9|grp_work_b
	field|struct grp_ctx ->mm|2|true|drivers/grp/grp_work_a.c|9|grp_work_a
	macro|grp_read_user|4|false|drivers/grp/grp_load.c|17|grp_load_v2
	macro|grp_read_user|4|false|drivers/grp/grp_load.c|9|grp_load_v1
	macro|grp_read_user|4|false|drivers/grp/grp_load_v3.c|9|grp_load_v3
	macro|grp_read_user|4|true|drivers/grp/grp.h|25|grp_read_user
	site|-|1|true|drivers/grp/grp_attach.c|21|grp_attach_open
	wrapper|grp_attach|2|false|drivers/grp/grp_attach.c|16|grp_attach_ctx
	wrapper|grp_attach|2|true|drivers/grp/grp_attach.c|10|grp_attach
	EOF
	test_cmp expect actual &&
	: the sites of one kind and subject share one id, and no other does &&
	jq -e "[.uses[] | select(.group != null) | [.group.id, .group.kind, .group.subject]] | unique |
		(map(.[0]) | unique | length) == length" scan.json &&
	jq -e "[.uses[] | select(.group == null)] | length == 1 and .[0].function == \"grp_work_held\"" scan.json
'

test_expect_success SPATCH,JQ 'SARIF: one result per site, the group a property, the others related' '
	test_expect_code 1 "$MMCHECK" scan --format=sarif "$TREE" >scan.sarif 2>err &&
	jq -e ".runs[0].results | length == 9" scan.sarif &&
	jq -e "[.runs[0].results[].properties.group.id] | unique | length == 4" scan.sarif &&
	jq -e "[.runs[0].results[] | select(.properties.group.kind == \"macro\")] |
		length == 4 and all(.[]; (.relatedLocations | length) == 3)" scan.sarif &&
	jq -e "[.runs[0].results[].partialFingerprints[\"mmcheck/v1\"]] | length == (unique | length)" scan.sarif
'

test_done
