# ndislint - build, test and demo.
#
# `make demo` and `make check` first install missing Debian packages
# (scripts/deps.sh), then build in a sub-make, so that the flags taken from
# llvm-config and pkg-config are read only once those tools exist.

VERSION     := 0.1.0
BUILD       ?= build
LLVM_CONFIG ?= llvm-config
SANITIZE    ?=

SRC_DIRS    := analyzer rules reports cli engine
LIB_SRCS    := $(filter-out cli/main.c,$(wildcard $(addsuffix /*.c,$(SRC_DIRS))))
LIB_OBJS    := $(patsubst %.c,$(BUILD)/%.o,$(LIB_SRCS))
TEST_SRCS   := $(wildcard tests/*.c)
TEST_OBJS   := $(patsubst %.c,$(BUILD)/%.o,$(TEST_SRCS))
INCLUDE_DIR := $(CURDIR)/analyzer/include

.PHONY: all deps build demo check check-asan test clean bench install
.PHONY: fuzz fuzz-build check-valgrind

PREFIX      ?= /usr/local
DESTDIR     ?=

all: build

deps:
	@sh scripts/deps.sh

build: deps
	@$(MAKE) --no-print-directory binaries

demo: build
	@sh scripts/demo.sh $(BUILD)/ndislint

check: build
	@$(MAKE) --no-print-directory test

check-asan: deps
	@$(MAKE) --no-print-directory test BUILD=build-asan \
		SANITIZE="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all \
		-DNDISLINT_SELF_CHECKS"

# libFuzzer harness (fuzz/fuzz_driver.c) built with clang under ASan and
# UBSan in build-fuzz/, seeded from corpus/; new inputs are kept in
# build-fuzz/corpus, crashes in build-fuzz/artifacts.  FUZZ_SECONDS=0
# runs until stopped.
FUZZ_SECONDS ?= 60
FUZZ_ARGS    ?=
FUZZ_ARTIFACTS ?= build-fuzz/artifacts
fuzz-build: deps
	@$(MAKE) --no-print-directory build-fuzz/fuzz_driver BUILD=build-fuzz \
		CC=clang CFLAGS="-O1 -g" SANITIZE="-fsanitize=fuzzer-no-link,address,undefined \
		-fno-omit-frame-pointer -fno-sanitize-recover=all"

fuzz: fuzz-build
	@mkdir -p build-fuzz/corpus $(FUZZ_ARTIFACTS)
	nice -n 10 build-fuzz/fuzz_driver -max_total_time=$(FUZZ_SECONDS) \
		-timeout=20 -rss_limit_mb=3072 -max_len=65536 -print_final_stats=1 \
		-artifact_prefix=$(FUZZ_ARTIFACTS)/ $(FUZZ_ARGS) \
		build-fuzz/corpus corpus

# The binary under valgrind's memcheck over part of the corpus: no error,
# no leak (scripts/valgrind.sh).
check-valgrind: build
	@sh scripts/valgrind.sh $(BUILD)/ndislint

# Scaling benchmark: reports against the targets, never fails (bench/run.sh).
bench: build
	@mkdir -p $(BUILD)/bench
	$(CC) -std=gnu11 -O2 -Wall -Wextra bench/peak.c -o $(BUILD)/bench/peak
	@sh bench/run.sh $(CURDIR)/$(BUILD)/ndislint $(CURDIR)/$(BUILD)/bench/peak

# The binary, the bundled headers (found next to it at run time, in
# ../share/ndislint/include) and the man page.
install: build
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/ndislint/include \
		$(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BUILD)/ndislint $(DESTDIR)$(PREFIX)/bin/ndislint
	install -m 644 analyzer/include/*.h $(DESTDIR)$(PREFIX)/share/ndislint/include/
	install -m 644 docs/ndislint.1 $(DESTDIR)$(PREFIX)/share/man/man1/ndislint.1

clean:
	rm -rf build build-asan build-fuzz

# ---------------------------------------------------------------------------
# Everything below runs in the sub-make, after deps.

CLANG_INC   = $(shell $(LLVM_CONFIG) --includedir)
CLANG_LIB   = $(shell $(LLVM_CONFIG) --libdir)
CLANG_RES   = $(CLANG_LIB)/clang/$(shell $(LLVM_CONFIG) --version)
PKGS        = jansson sqlite3 inih
CFLAGS     ?= -O2 -g
ALL_CFLAGS  = -std=gnu11 -D_GNU_SOURCE -Wall -Wextra $(CFLAGS) $(SANITIZE) \
	-I$(CLANG_INC) $(shell pkg-config --cflags $(PKGS)) \
	-DNDISLINT_VERSION='"$(VERSION)"' \
	-DNDISLINT_SOURCE_INCLUDE='"$(INCLUDE_DIR)"' \
	-DNDISLINT_CLANG_RESOURCE_DIR='"$(CLANG_RES)"' -MMD -MP
ALL_LDFLAGS = $(SANITIZE) -L$(CLANG_LIB) -Wl,-rpath,$(CLANG_LIB)
LIBS        = -lclang $(shell pkg-config --libs $(PKGS)) -lpthread

.PHONY: binaries test
binaries: $(BUILD)/ndislint $(BUILD)/run_tests

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# A digest of the analyzer's own sources: part of every result-cache key,
# so that a rebuilt ndislint never reuses models or findings an older
# build stored under the same version number.
SOURCE_ID_INPUTS := $(sort $(wildcard analyzer/*.[ch] engine/*.[ch] rules/*.[ch] \
	rules/*.def cli/*.[ch] reports/*.[ch]))
$(BUILD)/source_id.h: $(SOURCE_ID_INPUTS)
	@mkdir -p $(dir $@)
	@printf '#define NDISLINT_SOURCE_ID "%s"\n' \
		"$$(cat $(SOURCE_ID_INPUTS) | sha256sum | cut -c1-16)" >$@.tmp
	@mv $@.tmp $@
$(BUILD)/cli/cache.o: $(BUILD)/source_id.h
$(BUILD)/cli/cache.o: ALL_CFLAGS += -I$(BUILD)

$(BUILD)/libndislint.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/ndislint: $(BUILD)/cli/main.o $(BUILD)/libndislint.a
	$(CC) $(ALL_LDFLAGS) $^ $(LIBS) -o $@

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(shell pkg-config --cflags check) -c $< -o $@

$(BUILD)/fuzz_driver: $(BUILD)/fuzz/fuzz_driver.o $(BUILD)/libndislint.a
	$(CC) $(ALL_LDFLAGS) -fsanitize=fuzzer $^ $(LIBS) -o $@

$(BUILD)/run_tests: $(TEST_OBJS) $(BUILD)/libndislint.a
	$(CC) $(ALL_LDFLAGS) $^ $(LIBS) $(shell pkg-config --libs check) -lutil -o $@

# The suites find the binary under test and the corpus through these.
test: binaries
	@NDISLINT=$(CURDIR)/$(BUILD)/ndislint NDISLINT_ROOT=$(CURDIR) \
		$(BUILD)/run_tests

-include $(LIB_OBJS:.o=.d) $(TEST_OBJS:.o=.d) $(BUILD)/cli/main.d
