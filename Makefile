# SPDX-License-Identifier: GPL-2.0-only
#
# mmcheck: build, set-up and the two main jobs.
#
#   make            build build/mmcheck
#   make scan       install what is missing, build, scan Linux 6.12 (or KERNEL=)
#   make check      install what is missing, build with ASan/UBSan, run the tests
#
# As root, missing Debian packages are installed with apt-get; otherwise the
# exact apt-get line is printed and make stops.

CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wformat=2
ALL_CFLAGS = -std=gnu11 $(WARNINGS) $(CFLAGS) -DMMCHECK_DATADIR='"$(CURDIR)"' \
	     $(shell pkg-config --cflags jansson libpcre2-8 sqlite3 libcrypto 2>/dev/null)
LIBS = $(shell pkg-config --libs jansson libpcre2-8 sqlite3 libcrypto 2>/dev/null || \
	 echo -ljansson -lpcre2-8 -lsqlite3 -lcrypto) -lpthread

BUILD ?= build
SANITIZE_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
		 -fno-sanitize-recover=undefined

CACHE ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/mmcheck
KVER ?= 6.12
KERNEL_TARBALL = /usr/src/linux-source-$(KVER).tar.xz
DEFAULT_KERNEL = $(CACHE)/trees/linux-source-$(KVER)
KERNEL ?= $(DEFAULT_KERNEL)
OUT ?= out
JOBS ?= $(shell nproc)

# What the tool and its tests need from Debian.
DEB_BUILD = gcc make pkg-config libjansson-dev libpcre2-dev libsqlite3-dev \
	    libssl-dev coccinelle
DEB_TEST = jq git perl sqlite3 bc python3-jsonschema b4 \
	   flex bison libelf-dev gcc-powerpc64le-linux-gnu
DEB_FUZZ = clang libclang-rt-14-dev
DEB_KERNEL = linux-source-$(KVER)

LIB_SRCS = usage.c strbuf.c strlist.c exec.c readfile.c tree.c prefilter.c runner.c spatch.c batch.c \
	   select.c tasks.c spatch-run.c rounds.c pipeline.c prewarm.c options.c site.c \
	   facts.c maintainers.c rules.c verdict.c lock-race.c callgraph.c lockctx.c livectx.c round-lockctx.c round-livectx.c walk-pick.c walk-index.c arches.c \
	   summary.c group.c report-text.c \
	   report-json.c report-sarif.c json-str.c shard.c datadir.c cache.c cmd-scan.c cmd-explain.c \
	   cmd-check-patch.c patch-parse.c patch-mail.c patch-apply.c patch-reply.c bot-config.c remove-tree.c cmd-merge.c cmd-arches.c cmd-fix.c fix-message.c progress.c \
	   fix-select.c fix-apply.c fix-build.c fix-mail.c fix-series.c
LIB_OBJS = $(LIB_SRCS:%.c=$(BUILD)/%.o)
HELPERS = test-maintainers test-facts test-spatch-version test-prefilter test-walk-index

.PHONY: all scan check test bench fuzz fuzz-build deps deps-test deps-fuzz deps-kernel kernel \
	clean FORCE

all: $(BUILD)/mmcheck

$(BUILD)/%.o: checker/%.c checker/*.h | $(BUILD)
	$(CC) $(ALL_CFLAGS) -Ichecker -c -o $@ $<

$(BUILD)/mmcheck: $(LIB_OBJS) $(BUILD)/main.o
	$(CC) $(CFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/test-%: t/helper/test-%.c $(LIB_OBJS) checker/*.h
	$(CC) $(ALL_CFLAGS) -Ichecker -o $@ $< $(LIB_OBJS) $(LIBS)

$(BUILD):
	mkdir -p $@

# Installing what is missing: root installs, anybody else is told how.
define need_packages
	@missing=""; for p in $(1); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' \
			|| missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "installing:$$missing"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
				apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
				|| { echo "error: apt-get install$$missing failed" >&2; exit 1; }; \
		else \
			echo "error: missing Debian packages; run as root:" >&2; \
			echo "  apt-get install$$missing" >&2; exit 1; \
		fi; \
	fi
endef

deps:
	$(call need_packages,$(DEB_BUILD))
deps-test:
	$(call need_packages,$(DEB_BUILD) $(DEB_TEST))
deps-kernel:
	$(call need_packages,$(DEB_KERNEL))
deps-fuzz:
	$(call need_packages,$(DEB_BUILD) $(DEB_FUZZ))

# Unpack Debian's kernel tarball once; a half-unpacked tree never gets
# the final name.
kernel: deps-kernel
	@if [ "$(KERNEL)" = "$(DEFAULT_KERNEL)" ] && [ ! -f "$(DEFAULT_KERNEL)/Makefile" ]; then \
		echo "unpacking $(KERNEL_TARBALL) into $(CACHE)/trees"; \
		mkdir -p "$(CACHE)/trees" && tmp=$$(mktemp -d "$(CACHE)/trees/.unpack.XXXXXX") && \
		tar -xJf "$(KERNEL_TARBALL)" -C "$$tmp" && \
		mv "$$tmp/linux-source-$(KVER)" "$(DEFAULT_KERNEL)" && rmdir "$$tmp" \
		|| { rm -rf "$$tmp"; echo "error: cannot unpack $(KERNEL_TARBALL)" >&2; exit 1; }; \
	fi

scan: deps kernel
	@$(MAKE) --no-print-directory all
	@mkdir -p $(OUT)
	$(BUILD)/mmcheck scan -j $(JOBS) -o $(OUT)/mmcheck-report.txt \
		--json $(OUT)/mmcheck-report.json $(KERNEL); \
	st=$$?; [ $$st -lt 128 ] || exit $$st

# The tests run the sanitized build.
check test: deps-test kernel fuzz-build
	@$(MAKE) --no-print-directory BUILD=build/asan CFLAGS="-O1 -g $(SANITIZE_FLAGS)" \
		build/asan/mmcheck $(HELPERS:%=build/asan/%)
	MMCHECK_BUILD=$(CURDIR)/build/asan MMCHECK_FUZZ_BUILD=$(CURDIR)/$(FUZZ_BUILD) \
		KVER=$(KVER) CACHE=$(CACHE) prove --exec /bin/bash $(PROVE_FLAGS) t/t[0-9]*.sh

# Timings against make coccicheck on the same tree; takes long (the
# baseline runs every semantic patch over the whole tree).
bench: deps-test kernel
	@$(MAKE) --no-print-directory all
	JOBS=$(JOBS) bench/bench.sh $(KERNEL)

# Fuzz targets: fuzz/fuzz-NAME.c is a libFuzzer harness over the library,
# fuzz/corpus/NAME/ its seeds, fuzz/regress/NAME/ the inputs that once
# crashed it. `make fuzz` runs each for FUZZ_SECONDS on a scratch copy of
# its corpus; the tests (t0500) replay the regressions and run a short
# smoke of each.
FUZZ_CC ?= clang
FUZZ_BUILD = build/fuzz
FUZZ_SECONDS ?= 600
FUZZ_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
	     -fno-sanitize-recover=undefined
FUZZ_TARGETS = $(patsubst fuzz/%.c,%,$(wildcard fuzz/fuzz-*.c))

fuzz-build: deps-fuzz
	$(if $(FUZZ_TARGETS),@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) \
		CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" \
		$(FUZZ_TARGETS:%=$(FUZZ_BUILD)/%))

$(BUILD)/fuzz-%: fuzz/fuzz-%.c $(LIB_OBJS) checker/*.h
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -Ichecker -o $@ $< $(LIB_OBJS) $(LIBS)

fuzz: fuzz-build
	@fail=0; for t in $(FUZZ_TARGETS); do \
		work=$$(mktemp -d) && cp -r fuzz/corpus/$$t/. $$work/ 2>/dev/null; \
		mkdir -p $(FUZZ_BUILD)/crashes/$$t; \
		echo "fuzzing $$t for $(FUZZ_SECONDS) s"; \
		$(FUZZ_BUILD)/$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_BUILD)/crashes/$$t/ $$work \
			>$(FUZZ_BUILD)/$$t.log 2>&1; st=$$?; \
		grep -E '^(stat::number_of_executed_units|SUMMARY)' $(FUZZ_BUILD)/$$t.log; \
		rm -rf $$work; \
		[ $$st = 0 ] || { echo "$$t: failed, see $(FUZZ_BUILD)/$$t.log"; fail=1; }; \
	done; exit $$fail

clean:
	rm -rf build
