#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A MAINTAINERS file nobody checked: a FIFO or a link in its place is not
# read (and not waited on), and patterns written to backtrack (an F: glob
# of a hundred stars, an N: regex with nested repeats) cost no more than
# plain ones.

. "$(dirname "$0")/test-lib.sh"

TM="$MMCHECK_BUILD/test-maintainers"
TREE="$TESTDATA/tree"

test_expect_success 'a FIFO named MAINTAINERS is skipped with a warning, not waited on' '
	mkdir fifo && mkfifo fifo/MAINTAINERS &&
	test_expect_code 128 timeout 10 "$TM" fifo drivers/foo.c 2>err &&
	grep "^warning: .fifo/MAINTAINERS. is a FIFO: not read\$" err &&
	grep "^fatal: no MAINTAINERS" err
'

test_expect_success 'a MAINTAINERS that is a symlink is not followed' '
	mkdir link && cp "$TREE/MAINTAINERS" real &&
	ln -s ../real link/MAINTAINERS &&
	test_expect_code 128 "$TM" link drivers/vhost/vhost.c 2>err &&
	grep "^warning: .link/MAINTAINERS. is a symbolic link: not read\$" err
'

test_expect_success SPATCH 'scan: a FIFO MAINTAINERS means no subsystems, not a hang' '
	cp -r "$TREE" tree && rm tree/MAINTAINERS && mkfifo tree/MAINTAINERS &&
	test_expect_code 1 timeout 120 "$MMCHECK" scan tree >out 2>err &&
	test_no_sanitizer_report err &&
	grep "MAINTAINERS. is a FIFO: not read" err &&
	grep "^warning: no MAINTAINERS in" err &&
	grep "(no MAINTAINERS entry)" out
'

stars=$(printf "%120s" "" | tr " " "*")

test_expect_success 'an F: glob of 120 stars matches at once' '
	mkdir stars &&
	printf "STARS\nM:\tS <s@example.org>\nF:\tdrivers/%sx.c\n" "$stars" >stars/MAINTAINERS &&
	for i in 1 2 3 4 5 6 7 8 9 10; do
		printf "%s\t(none)\n" drivers/abcdefghijklmnopqrstuvwyz$i.c \
			drivers/gpu/drm/i915/gvt/kvmgt$i.h
		printf "%s\tSTARS\n" drivers/abc${i}x.c
	done >expect &&
	cut -f1 expect | timeout 5 "$TM" stars >actual &&
	test_cmp expect actual
'

test_expect_success 'an N: regex that backtracks for ever is cut short' '
	mkdir nested &&
	for i in 1 2 3 4 5 6 7 8 9 10; do
		printf "NESTED %s\nM:\tN <n@example.org>\nN:\t^(a|aa)+\$\n\n" $i
	done >nested/MAINTAINERS &&
	a=$(printf "%40s" "" | tr " " a) &&
	for i in 1 2 3 4 5 6 7 8 9 10; do echo ${a}b; done >paths &&
	timeout 5 "$TM" nested <paths >actual &&
	sed "s/\$/	(none)/" paths >expect &&
	test_cmp expect actual &&
	"$TM" nested $a >actual &&
	printf "%s\tNESTED 1\n" $a >expect &&
	test_cmp expect actual
'

# The patterns that get_maintainer.pl turns into regexes keep their
# meaning: "*" crosses "/", "?" is one character, "[...]" a class, the
# match is anchored at the start only, and a file pattern covers files
# at its own depth.
test_expect_success 'globs keep the meaning get_maintainer.pl gives them' '
	mkdir globs &&
	cat >globs/MAINTAINERS <<-\EOF &&
	CLASS
	M:	C <c@example.org>
	F:	drivers/regulator/da9???-regulator.[ch]

	NEGATED
	M:	N <n@example.org>
	F:	sound/x[^0-9]

	ANYWHERE
	M:	A <a@example.org>
	F:	*/net/*
	EOF
	cat >expect <<-\EOF &&
	drivers/regulator/da9063-regulator.c	CLASS
	drivers/regulator/da9063-regulator.o	(none)
	drivers/regulator/da906-regulator.c	(none)
	drivers/regulator/da9063-regulator.cxx	CLASS
	sound/xa	NEGATED
	sound/x1	(none)
	drivers/net/foo.c	ANYWHERE
	drivers/net/sub/foo.c	(none)
	a/b/net/foo.c	(none)
	EOF
	cut -f1 expect | "$TM" globs >actual &&
	test_cmp expect actual
'

# get_maintainer.pl would read "\*" as Perl does "\.*"; no MAINTAINERS
# has a backslash, and a glob escapes with it.
test_expect_success 'a backslash in a glob makes the next character literal' '
	mkdir escape &&
	printf "LITERAL\nM:\tL <l@example.org>\nF:\tlib/a\\\\*b.c\n" >escape/MAINTAINERS &&
	grep -F "lib/a\*b.c" escape/MAINTAINERS &&
	printf "%s\tLITERAL\n%s\t(none)\n" "lib/a*b.c" lib/axb.c >expect &&
	cut -f1 expect | "$TM" escape >actual &&
	test_cmp expect actual
'

test_done
