# engagestat — plain Makefile.  `make`, `make check`, `make check-asan`,
# `make check-valgrind`, `make check-fresh`, `make check-notebooks`, `make crosscheck`, `make bench`, `make install PREFIX=...`,
# `make man`, `make fuzz` (libFuzzer, docs/fuzzing.md).

VERSION   := 0.3.1
PREFIX    ?= /usr/local
CC        ?= cc
BUILD     ?= build
OPT       ?= -O2
CFLAGS    ?= $(OPT) -g
WARN      := -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CPPFLAGS  += -Iinclude -Isrc -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DES_VERSION='"$(VERSION)"'
LIBS      := -lgsl -lgslcblas -lcsv -lyajl -lz -lnettle -lm -lpthread
SANITIZE  ?=
ALLFLAGS   = $(WARN) $(CFLAGS) $(SANITIZE) -fPIC -MMD -MP

# One folder per module (src/MODULE/*.c, docs/architecture.md); src/cli/ is the program.
LIB_SRC   := $(sort $(filter-out src/cli/%,$(wildcard src/*/*.c)))
CLI_SRC   := $(sort $(wildcard src/cli/*.c))
TEST_SRC  := $(sort $(wildcard tests/test_*.c))
LIB_OBJ   := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ   := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ  := $(TEST_SRC:%.c=$(BUILD)/%.o) $(BUILD)/tests/runner.o $(BUILD)/tests/testutil.o

STATIC    := $(BUILD)/libengagestat.a
SHARED    := $(BUILD)/libengagestat.so.0
PROGRAM   := $(BUILD)/engagestat
RUNNER    := $(BUILD)/tests/runner
DEPS_OK   := $(BUILD)/.deps-ok

.PHONY: all deps check check-unit check-cli check-bad-input check-csv-parser check-stream check-man check-install check-symbols check-report check-notebooks crosscheck nist-lre check-asan check-valgrind check-fresh \
        check-fuzz-replay fuzz fuzz-build bench install uninstall man clean

all: $(PROGRAM) $(STATIC) $(SHARED) $(if $(filter build,$(BUILD)),engagestat)

# Install the Debian packages we build with (only those missing).
deps: $(DEPS_OK)
$(DEPS_OK): scripts/install-deps.sh
	@mkdir -p $(BUILD)
	@sh scripts/install-deps.sh
	@touch $@

$(BUILD)/%.o: %.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALLFLAGS) -c $< -o $@

# ar keeps one member per file name: two modules must not both have a NAME.c.
$(STATIC): $(LIB_OBJ)
	@dup=$$(printf '%s\n' $(notdir $^) | sort | uniq -d); \
	  if [ -n "$$dup" ]; then echo "Makefile: object names used twice across modules: $$dup" >&2; exit 1; fi
	rm -f $@
	ar rcs $@ $^

$(SHARED): $(LIB_OBJ)
	$(CC) $(SANITIZE) -shared -Wl,-soname,libengagestat.so.0 -o $@ $^ $(LIBS)
	ln -sf libengagestat.so.0 $(BUILD)/libengagestat.so

$(PROGRAM): $(CLI_OBJ) $(STATIC)
	$(CC) $(SANITIZE) -o $@ $(CLI_OBJ) $(STATIC) $(LIBS)

# A convenience link at the top level, so that ./engagestat works after `make`.
engagestat: $(PROGRAM)
	@ln -sf $(PROGRAM) engagestat

$(BUILD)/tests/suites.h: $(TEST_SRC)
	@mkdir -p $(dir $@)
	@sed -n 's/^int \(es_suite_[a-z0-9_]*\)(void)$$/\1/p' $(TEST_SRC) | \
	  awk '{d = d "int " $$1 "(void);\n"; c = c "    " $$1 ",\n"} \
	       END {printf "%s#define ES_SUITES \\\n%s\n", d, c}' | sed 's/,$$/, \\/' > $@.tmp
	@sed -i '$$s/, \\$$//' $@.tmp; mv $@.tmp $@

$(BUILD)/tests/runner.o: $(BUILD)/tests/suites.h
$(BUILD)/tests/runner.o: CPPFLAGS += -I$(BUILD)/tests

$(RUNNER): $(TEST_OBJ) $(STATIC)
	$(CC) $(SANITIZE) -o $@ $(TEST_OBJ) $(STATIC) $(LIBS) -lcunit

# ---------------------------------------------------------------- tests
# Every suite runs even when one fails; one summary at the end (tests/check.sh).
# install and report are left out under the sanitizers (check-asan); check-valgrind runs unit and cli only.
SUITES := unit cli bad-input csv-parser stream man symbols fuzz-replay $(if $(SANITIZE),,install report)
check: all $(RUNNER)
	@MAKE="$(MAKE)" sh tests/check.sh $(SUITES)

check-unit: $(RUNNER)
	@VALGRIND="$(VALGRIND)" sh tests/unit.sh $(RUNNER)

check-cli: $(PROGRAM)
	ES_PROGRAM="$(VALGRIND) $(abspath $(PROGRAM))" sh tests/cli/run.sh

# The hostile-input corpus and the bad option values (tests/bad-input/README.md).
check-bad-input: $(PROGRAM)
	ES_PROGRAM="$(abspath $(PROGRAM))" ES_BAD_SANITIZED=$(if $(SANITIZE),1,0) sh tests/bad-input/run.sh

# The loader's fast path for plain lines against libcsv (ES_CSV_PARSER=libcsv) on every
# CSV/TSV file of the tests (tests/csv-parser-same.sh).
check-csv-parser: $(PROGRAM)
	ES_PROGRAM="$(abspath $(PROGRAM))" sh tests/csv-parser-same.sh

# describe, compare and report with the units built as the rows stream past against
# ES_STREAM=0, which keeps the table (tests/stream-same.sh).
check-stream: $(PROGRAM)
	ES_PROGRAM="$(abspath $(PROGRAM))" ES_BAD_SANITIZED=$(if $(SANITIZE),1,0) sh tests/stream-same.sh

check-man: $(PROGRAM)
	sh tests/man-check.sh $(PROGRAM) docs/engagestat.x

# ---------------------------------------------------------------- fuzzing
# One libFuzzer target per tests/fuzz/fuzz_NAME.c (docs/fuzzing.md).  check-fuzz-replay runs each
# target's seed corpus and crash reproducers once through tests/fuzz/replay.c, built with the
# normal compiler and flags (under check-asan: ASan and UBSan).  `make fuzz` builds the targets
# with clang's libFuzzer in build-fuzz/ and runs each for FUZZ_SECONDS (tests/fuzz/run.sh).
FUZZ_TARGETS := load_csv load_gz load_jsonl numparse where er bands opts
FUZZ_COMMON  := $(BUILD)/tests/fuzz/fuzz_common.o $(BUILD)/tests/fuzz/fuzz_load.o
# opts drives the option engine: the program's objects, its main renamed (libFuzzer has one).
FUZZ_CLI     := $(filter-out $(BUILD)/src/cli/main.o,$(CLI_OBJ)) $(BUILD)/tests/fuzz/cli_main.o
FUZZ_REPLAY  := $(FUZZ_TARGETS:%=$(BUILD)/tests/fuzz/replay-%)
FUZZ_SECONDS ?= 60

$(BUILD)/tests/fuzz/cli_main.o: src/cli/main.c | $(DEPS_OK)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Dmain=es_fuzz_unused_main $(ALLFLAGS) -c $< -o $@

$(BUILD)/tests/fuzz/replay-%: $(BUILD)/tests/fuzz/fuzz_%.o $(BUILD)/tests/fuzz/replay.o $(FUZZ_COMMON) $(STATIC) $(FUZZ_CLI)
	$(CC) $(SANITIZE) -o $@ $< $(BUILD)/tests/fuzz/replay.o $(FUZZ_COMMON) $(if $(filter %/replay-opts,$@),$(FUZZ_CLI)) $(STATIC) $(LIBS)

$(BUILD)/fuzz/%: $(BUILD)/tests/fuzz/fuzz_%.o $(FUZZ_COMMON) $(STATIC) $(FUZZ_CLI)
	@mkdir -p $(dir $@)
	$(CC) -fsanitize=fuzzer,address,undefined -o $@ $< $(FUZZ_COMMON) $(if $(filter %/opts,$@),$(FUZZ_CLI)) $(STATIC) $(LIBS)

# make would delete these as intermediates of the pattern rules above
.SECONDARY: $(FUZZ_TARGETS:%=$(BUILD)/tests/fuzz/fuzz_%.o) $(BUILD)/tests/fuzz/replay.o $(FUZZ_COMMON)

check-fuzz-replay: $(FUZZ_REPLAY)
	@sh tests/fuzz/replay.sh $(BUILD) $(FUZZ_TARGETS)

fuzz-build: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)

fuzz:
	@command -v clang >/dev/null && [ -n "$$(ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a 2>/dev/null)" ] || \
	  sh scripts/install-deps.sh clang libclang-rt-14-dev
	$(MAKE) BUILD=build-fuzz CC=clang OPT=-O1 \
	  SANITIZE="-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" fuzz-build
	FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh build-fuzz $(FUZZ_TARGETS)

# Only what include/engagestat/*.h declares is exported from the shared library.
check-symbols: $(SHARED)
	sh tests/symbols-check.sh $(BUILD)

check-install: all
	sh tests/install-check.sh $(BUILD)

# Two reports (the bundled dataset, hostile niche names) rendered by headless Chromium
# and compiled by pdflatex (tests/report_check.py); they stay in $(BUILD)/check-report/.
check-report: $(PROGRAM)
	sh tests/report-suite.sh $(abspath $(PROGRAM)) $(BUILD)

# The notebooks (notebooks/*.ipynb, stored stripped) executed and converted to HTML, and
# notebooks/micro-vs-mega.Rmd rendered, into $(BUILD)/notebooks/ (tests/notebooks-check.sh).
# Not in SUITES: it installs Jupyter and R Markdown and takes minutes (notebooks/README.md).
NOTEBOOK_DEPS := jupyter-nbconvert python3-ipykernel python3-nbclient r-cran-rmarkdown r-cran-jsonlite pandoc
check-notebooks: all
	@sh scripts/install-deps.sh $(NOTEBOOK_DEPS)
	sh tests/notebooks-check.sh $(BUILD)

# engagestat against R 4.2.2 on random datasets of a fixed seed (scripts/crosscheck/README.md,
# docs/accuracy.md): every statistic of describe, compare, regress and fit; about 1-2 minutes
# on 2 cores.  CROSSCHECK_CASES=N and CROSSCHECK_SEED=S run other cases.  Not in SUITES:
# it installs R; CI runs it as a stage of its own (.ci/run).
CROSSCHECK_DEPS := python3-numpy r-base-core r-cran-mass r-cran-sandwich r-cran-fitdistrplus
crosscheck: $(PROGRAM)
	@sh scripts/install-deps.sh $(CROSSCHECK_DEPS)
	/usr/bin/python3 scripts/crosscheck/crosscheck.py $(PROGRAM) $(BUILD)/crosscheck

# The NIST StRD log relative errors of the unit tests as the table of docs/accuracy.md.
nist-lre: $(RUNNER)
	/usr/bin/python3 scripts/crosscheck/nist_lre.py $(RUNNER)

check-asan:
	$(MAKE) BUILD=build-asan OPT=-O1 SANITIZE="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" check

VALGRIND_CMD := valgrind --quiet --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --track-origins=yes
check-valgrind: all $(RUNNER)
	@command -v valgrind >/dev/null || sh scripts/install-deps.sh valgrind
	@ES_VALGRIND=1 VALGRIND="$(VALGRIND_CMD)" MAKE="$(MAKE)" sh tests/check.sh unit cli

# The README's two commands, exactly as written, on a new minimal Debian 12 root
# (debootstrap) holding a clean clone of HEAD: what a new user meets.  Needs root.
check-fresh:
	sh tests/check-fresh.sh

# ---------------------------------------------------------------- bench
bench: all
	sh scripts/bench/run.sh

# ---------------------------------------------------------------- man page
man: docs/engagestat.1
# The page: engagestat --help, docs/engagestat.x, and a COMMANDS section generated from
# every command's option table (engagestat --man-commands).
docs/engagestat.1: $(PROGRAM) docs/engagestat.x
	$(PROGRAM) --man-commands > $(BUILD)/commands.x
	help2man --no-info --name="statistics of social-media engagement by follower band" \
	  --include=docs/engagestat.x --include=$(BUILD)/commands.x --version-string=$(VERSION) \
	  $(PROGRAM) > $@.tmp && mv $@.tmp $@

# ---------------------------------------------------------------- install
install: all docs/engagestat.1
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/include/engagestat $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/engagestat/scripts $(DESTDIR)$(PREFIX)/share/engagestat/datasets
	install -m 755 $(PROGRAM) $(DESTDIR)$(PREFIX)/bin/engagestat
	install -m 644 $(STATIC) $(DESTDIR)$(PREFIX)/lib/libengagestat.a
	install -m 755 $(SHARED) $(DESTDIR)$(PREFIX)/lib/libengagestat.so.0
	ln -sf libengagestat.so.0 $(DESTDIR)$(PREFIX)/lib/libengagestat.so
	install -m 644 include/engagestat/*.h $(DESTDIR)$(PREFIX)/include/engagestat/
	install -m 644 docs/engagestat.1 $(DESTDIR)$(PREFIX)/share/man/man1/engagestat.1
	-install -m 644 scripts/*.gp $(DESTDIR)$(PREFIX)/share/engagestat/scripts/ 2>/dev/null
	install -m 644 datasets/engagestat-sim.csv.gz datasets/engagestat-sim.csv.gz.truth datasets/kim2020-calibrated.params \
	  datasets/published_benchmarks.csv datasets/README.md $(DESTDIR)$(PREFIX)/share/engagestat/datasets/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' engagestat.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/engagestat.pc

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/engagestat $(DESTDIR)$(PREFIX)/lib/libengagestat.* \
	  $(DESTDIR)$(PREFIX)/include/engagestat $(DESTDIR)$(PREFIX)/share/man/man1/engagestat.1 \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig/engagestat.pc $(DESTDIR)$(PREFIX)/share/engagestat

clean:
	rm -rf --one-file-system build build-asan build-fuzz engagestat

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(wildcard $(BUILD)/tests/fuzz/*.d)
