# kiji -- build, test, bench, install. `make help` lists the targets.

# lua_h ABI (shell): true when the headers of Lua ABI (lua5.1, lua5.3,
# lua5.4) are installed; lua_dev ABI: its Debian package.
LUA_H_SH = lua_h() { pkg-config --exists "$$1" 2>/dev/null || [ -f "/usr/include/$$1/lua.h" ]; }; \
           lua_dev() { if [ "$$1" = lua5.1 ]; then echo liblua5.1-0-dev; else echo "lib$$1-dev"; fi; }
# The Lua of `make`, `make demo`...: lua5.4, else (a user without root
# lacking it) the newest of 5.3 and 5.1 with interpreter and headers.
ifeq ($(origin LUA),undefined)
LUA := $(or $(shell $(LUA_H_SH); for l in lua5.4 lua5.3 lua5.1; do \
          if lua_h $$l && command -v $$l >/dev/null 2>&1; then echo $$l; break; fi; done),lua5.4)
endif

PREFIX ?= /usr/local
CC ?= cc
FUZZ_SECONDS ?= 60
BUILD := build

# Lua ABI: lua5.1 | lua5.3 | lua5.4 (luajit and Neovim load the 5.1 build);
# LuaRocks passes an interpreter's path and its LUA_INCDIR instead.
LUAV := $(if $(findstring /,$(LUA)),$(shell $(LUA) -e 'io.write((_VERSION:gsub("Lua ", "")))'),$(patsubst lua%,%,$(LUA)))
LUA_CFLAGS := $(if $(LUA_INCDIR),-I$(LUA_INCDIR),$(shell pkg-config --cflags $(LUA) 2>/dev/null || echo -I/usr/include/$(LUA)))

# -Werror only where the project checks itself (make test, the check-*
# targets, coverage: STRICT): a user's `make`, `make install` and the rock
# build warn but do not stop at a new compiler's new warning.
WERROR ?=
STRICT := WERROR=-Werror
WARN := -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT ?= -O2 -g
CFLAGS_ALL := -std=c99 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) -fPIC -fvisibility=hidden \
              -Iinclude -Iplugin $(CFLAGS)
LIBS := -lutf8proc -licui18n -licuuc -lpthread

# plugin/: one folder per stage (plugin/*/README.md); lua/ is the only Lua-aware C
STAGES := base norm seg dict annotate
LIB_SRC := $(foreach d,$(STAGES),$(wildcard plugin/$(d)/*.c))
LUA_SRC := $(wildcard plugin/lua/*.c)
PLUGIN_H := $(wildcard plugin/*/*.h)
# the built-in lexicon, compiled from plugin/lexicon/*.tsv (see below)
LIB_OBJ := $(LIB_SRC:plugin/%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/seg/seg_words.o \
           $(BUILD)/obj/lexicon_data.o
MODULE := $(BUILD)/$(LUAV)/kiji/core.so
C_TESTS := $(patsubst tests/c/%.c,$(BUILD)/tests/%,$(wildcard tests/c/test_*.c))
ABIS := lua5.1 lua5.3 lua5.4

# Debian 12 packages a fresh machine lacks, installed by `make deps`.
DEB_BUILD := gcc make pkg-config libutf8proc-dev libicu-dev \
             lua5.1 liblua5.1-0-dev lua5.3 liblua5.3-dev lua5.4 liblua5.4-dev luajit
DEB_TEST := perl lua-busted lua-cjson unicode-data bzip2 luarocks python3 python3-ahocorasick \
            python3-jsonschema neovim man-db parallel pandoc chromium python3-html5lib \
            fonts-noto-cjk tmux
DEB_CHECK := clang libclang-rt-14-dev valgrind gcovr clang-format
DEB_BENCH := mecab mecab-ipadic-utf8 libmecab-dev gnuplot-nox
DEB_ALL := $(DEB_BUILD) $(DEB_TEST) $(DEB_CHECK) $(DEB_BENCH)

.PHONY: all lib module modules help deps demo test test-c test-specs check-asan check-tsan \
        check-valgrind check-huge fuzz bench coverage coverage-run \
        install uninstall rock rock-install rock-pack bench-parallel bench-track tables lint-lexicon eval clean \
        format format-check FORCE

all: lib module

help:
	@echo "kiji $(shell sed -n 's/^#define KIJI_VERSION "\(.*\)"/\1/p' include/kiji.h) -- make targets"
	@echo "  make demo          install what is missing, build, annotate the bundled samples"
	@echo "  make test          C tests and Lua specs on Lua 5.1, 5.3, 5.4 and LuaJIT,"
	@echo "                     the LuaRocks install route; ends with prove's summary"
	@echo "                     (not root: a suite whose host is missing is skipped;"
	@echo "                     under CI=true a skip is a failure)"
	@echo "  make               the C library (static, shared, pkg-config) and kiji.core"
	@echo "                     for LUA=$(LUA) (LUA=lua5.1|lua5.3|lua5.4)"
	@echo "  make modules       kiji.core for every Lua ABI whose headers are installed"
	@echo "  make deps          apt-get install the Debian packages that are missing (not"
	@echo "                     root: print the command); stop if kiji cannot be built"
	@echo "  make test-specs    the Lua specs alone for LUA (what luarocks test runs)"
	@echo "  make check-asan    the whole test suite under ASan + UBSan (clang)"
	@echo "  make check-tsan    the C tests under TSan: 8 threads sharing one annotator,"
	@echo "                     a compiled dictionary, the lexicon and a segmenter; and"
	@echo "                     annotate_many's spec in a Lua host built with TSan"
	@echo "  make check-valgrind  the Lua specs (lua5.4) and C tests under memcheck"
	@echo "  make format-check  the C sources against .clang-format (clang-format 14);"
	@echo "                     make test runs it too; make format rewrites them"
	@echo "  make coverage      line and branch coverage of plugin/ from the whole suite"
	@echo "                     (gcovr, tree build/cov): a table per file, the total last"
	@echo "  make check-huge    hostile input: time ratios n/8n, 10^6 cues, a 100 MB line,"
	@echo "                     1 GB through the CLI under 64 MB"
	@echo "  make fuzz          each libFuzzer target for FUZZ_SECONDS (now $(FUZZ_SECONDS)),"
	@echo "                     FUZZ_JOBS at a time; executions and coverage per target"
	@echo "  make bench         every benchmark against its peers (ICU, utf8proc, MeCab,"
	@echo "                     pyahocorasick, GNU parallel), scaling 1 KB-256 MB and"
	@echo "                     1k-1M entries -> tests/bench/RESULTS.md and scaling.png"
	@echo "  make bench-parallel  kiji annotate --input jsonl on 100 MB: alone, --jobs 1/2,"
	@echo "                     GNU parallel --pipe -j1/-j2 and --pipepart -j2 (outputs compared)"
	@echo "  make bench-track   kiji track on 1 GB of JSON Lines, alone and as GNU parallel"
	@echo "                     --pipepart shards merged (peak memory, outputs compared)"
	@echo "  make install       PREFIX=$(PREFIX): library, header, pkg-config, Lua modules,"
	@echo "                     the kiji command, its man page, the JSON Schema of its"
	@echo "                     output (share/kiji) and doc/*.md (share/doc/kiji)"
	@echo "  make rock-pack     BUILD/pack/kiji-scm-1.src.rock: a source rock of this tree"
	@echo "                     that luarocks installs offline"
	@echo "  make tables        regenerate plugin/base/unitab_data.c from the linked utf8proc"
	@echo "                     and the Unicode data files in UNIDATA (/usr/share/unicode)"
	@echo "  make lint-lexicon  check plugin/lexicon/*.tsv (compiled in by every build)"
	@echo "  make eval CORPUS=DIR  annotate DIR/texts/*.txt into DIR's predictions and,"
	@echo "                     with DIR/gold.jsonl, score them with score.py"
	@echo "  make clean"

# ---------------------------------------------------------------- build

lib: $(BUILD)/lib/libkiji.a $(BUILD)/lib/libkiji.so $(BUILD)/lib/pkgconfig/kiji.pc
module: $(MODULE)
# every ABI whose headers are installed (a user without root may lack some:
# the suites of those are skipped)
# (after the library and this LUA's module: a parallel make builds no object twice)
modules: $(LIB_OBJ) $(MODULE)
	@$(LUA_H_SH); for l in $(ABIS); do \
	  if lua_h $$l; then $(MAKE) --no-print-directory module LUA=$$l || exit 1; \
	  else echo "make modules: no $$l headers, so no kiji.core for it (Debian: apt-get install $$(lua_dev $$l))"; fi; \
	done

$(BUILD)/obj/%.o: plugin/%.c $(PLUGIN_H) include/kiji.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/lib/libkiji.a: $(LIB_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/lib/libkiji.so: $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) -shared -Wl,-soname,libkiji.so.0 -o $@ $^ $(LIBS) $(LDFLAGS)

$(BUILD)/lib/pkgconfig/kiji.pc: Makefile
	@mkdir -p $(@D)
	printf 'prefix=%s\nlibdir=$${prefix}/lib\nincludedir=$${prefix}/include\n\nName: kiji\nDescription: officials, outlets and denials in Japanese and English news\nVersion: %s\nRequires.private: libutf8proc icu-uc icu-i18n\nLibs: -L$${libdir} -lkiji\nLibs.private: -lpthread\nCflags: -I$${includedir}\n' \
	  '$(PREFIX)' '$(shell sed -n 's/^#define KIJI_VERSION "\(.*\)"/\1/p' include/kiji.h)' > $@

# The module links the library objects in, so it needs no libkiji at run time
# and leaves the Lua symbols to the host (lua, luajit, nvim, pandoc).
$(BUILD)/$(LUAV)/%.o: plugin/%.c $(wildcard plugin/lua/*.h) include/kiji.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(LUA_CFLAGS) -c $< -o $@

$(MODULE): $(LUA_SRC:plugin/%.c=$(BUILD)/$(LUAV)/%.o) $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) -shared -o $@ $^ $(LIBS) $(LDFLAGS)

# Every object depends on the flags it was compiled with: $(BUILD)/flags
# changes when they do (`make` then `make test`, which adds -Werror; OPT,
# CFLAGS, CC), and what was compiled with others is compiled again.
$(BUILD)/flags: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' '$(CC) $(CFLAGS_ALL)' | cmp -s - $@ 2>/dev/null || printf '%s\n' '$(CC) $(CFLAGS_ALL)' > $@
$(LIB_OBJ) $(LUA_SRC:plugin/%.c=$(BUILD)/$(LUAV)/%.o) $(C_TESTS) $(LEXGEN): $(BUILD)/flags
FORCE:

# The built-in lexicon: plugin/lexicon/*.tsv compiled by the library itself
# (without the lexicon) into a dictionary image, embedded as C source.
LEXICON_TSV := $(sort $(filter-out plugin/lexicon/seg.tsv,$(wildcard plugin/lexicon/*.tsv)))
GEN_OBJ := $(filter-out $(BUILD)/obj/dict/lexicon.o $(BUILD)/obj/lexicon_data.o,$(LIB_OBJ))
LEXGEN := $(BUILD)/gen/lexicon_gen

$(BUILD)/gen/libkiji-gen.a: $(GEN_OBJ)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(LEXGEN): plugin/gen/lexicon_gen.c $(BUILD)/gen/libkiji-gen.a
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/gen/libkiji-gen.a $(LIBS) $(LDFLAGS)

# (a build tool that exits without freeing: no leak report in sanitizer builds)
$(BUILD)/gen/lexicon_data.c: $(LEXICON_TSV) $(LEXGEN)
	ASAN_OPTIONS=detect_leaks=0 $(LEXGEN) $@.new $(LEXICON_TSV) && mv $@.new $@

# The sentence rules' words (plugin/lexicon/seg.tsv), compiled by awk: the
# segmenter comes before the dictionaries, and the lexicon generator links it.
$(BUILD)/gen/seg_words.c: plugin/lexicon/seg.tsv plugin/gen/seg_words.awk
	@mkdir -p $(@D)
	awk -f plugin/gen/seg_words.awk plugin/lexicon/seg.tsv > $@.new && mv $@.new $@

$(BUILD)/obj/seg/seg_words.o: $(BUILD)/gen/seg_words.c plugin/seg/seg_words.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -c $< -o $@

$(BUILD)/obj/lexicon_data.o: $(BUILD)/gen/lexicon_data.c plugin/dict/lexicon.h
	$(CC) $(CFLAGS_ALL) -c $< -o $@

lint-lexicon: $(LEXGEN)
	ASAN_OPTIONS=detect_leaks=0 $(LEXGEN) --check /dev/null $(LEXICON_TSV)

# The Unicode data files of utf8proc's version, for the script classes
# (Scripts.txt, ScriptExtensions.txt, PropList.txt: Debian's unicode-data).
# Only `make tables` reads them; the table they make is committed.
UNIDATA ?= /usr/share/unicode

tables: plugin/gen/unitab_gen.c plugin/gen/unitab_flags.h plugin/norm/norm_rules.c
	@mkdir -p $(BUILD)/gen
	$(CC) -O2 -Iinclude -Iplugin -o $(BUILD)/gen/unitab_gen plugin/gen/unitab_gen.c plugin/norm/norm_rules.c $(LIBS)
	$(BUILD)/gen/unitab_gen $(UNIDATA) > plugin/base/unitab_data.c.new && mv plugin/base/unitab_data.c.new plugin/base/unitab_data.c

# ---------------------------------------------------------------- deps

# As root, apt-installs what is missing of DEB_ALL. As another user it
# prints the apt-get line and goes on: the suites whose host is missing are
# skipped (tests/suites/skip.sh). Either way it stops only when kiji cannot
# be built at all: no C compiler, pkg-config, utf8proc, ICU or Lua headers.
deps:
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
	  for p in $(DEB_ALL); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	  done; \
	else echo "make deps: no dpkg-query, so no list of missing Debian packages ($(DEB_ALL))"; fi; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "make deps: installing$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null || exit 1; \
	  else \
	    echo "make deps: not root, so nothing installed; what needs the missing packages is skipped. To install them:"; \
	    echo "  sudo apt-get install$$missing"; \
	  fi; \
	fi; \
	$(LUA_H_SH); need=""; lua=""; \
	command -v $(CC) >/dev/null 2>&1 || need="$$need gcc"; \
	if command -v pkg-config >/dev/null 2>&1; then \
	  pkg-config --exists libutf8proc || need="$$need libutf8proc-dev"; \
	  pkg-config --exists icu-uc icu-i18n || need="$$need libicu-dev"; \
	else need="$$need pkg-config"; fi; \
	for l in $(ABIS); do lua_h $$l && lua="$$lua $$l"; done; \
	[ -n "$$lua$(LUA_INCDIR)" ] || need="$$need liblua5.4-dev"; \
	if [ -n "$$need" ]; then \
	  echo "make deps: kiji cannot be built here: it needs a C compiler ($(CC)), pkg-config, utf8proc, ICU and the headers of Lua 5.1, 5.3 or 5.4."; \
	  echo "make deps: missing; install:"; echo "  sudo apt-get install$$need"; exit 1; \
	fi

# ---------------------------------------------------------------- demo

demo: deps
	@$(MAKE) --no-print-directory all
	@LUA_PATH='lua/?.lua;lua/?/init.lua;;' LUA_CPATH='$(BUILD)/$(LUAV)/?.so;;' \
	  $(LUA) bin/kiji annotate --format text tests/fixtures/sample-en.txt tests/fixtures/sample-ja.txt

# ---------------------------------------------------------------- tests

$(BUILD)/tests/%: tests/c/%.c tests/c/tap.h $(BUILD)/lib/libkiji.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/lib/libkiji.a $(LIBS) -lpthread $(LDFLAGS)

# The sentence scanner's differential test also reads the benchmark corpora.
$(BUILD)/tests/test_sent_scan: tests/c/test_sent_scan.c tests/c/sent_diff.h tests/c/tap.h \
                               tests/bench/corpus.c $(BUILD)/lib/libkiji.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -o $@ $< tests/bench/corpus.c $(BUILD)/lib/libkiji.a $(LIBS) $(LDFLAGS)

# The allocation-failure test links the library objects with
# tests/c/alloc_fail.c in place of alloc.o (an explicit rule wins over the
# pattern rule above).
ALLOC_FAIL_OBJ := $(filter-out $(BUILD)/obj/base/alloc.o,$(LIB_OBJ))

$(BUILD)/tests/test_alloc_fail: tests/c/test_alloc_fail.c tests/c/alloc_fail.c tests/c/alloc_fail.h \
                                tests/c/tap.h $(ALLOC_FAIL_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -o $@ tests/c/test_alloc_fail.c tests/c/alloc_fail.c $(ALLOC_FAIL_OBJ) \
	  $(LIBS) $(LDFLAGS)

# The memory test counts every byte the library holds: tests/c/alloc_count.c
# in place of alloc.o, likewise.
$(BUILD)/tests/test_memory: tests/c/test_memory.c tests/c/alloc_count.c tests/c/alloc_count.h \
                            tests/c/tap.h $(ALLOC_FAIL_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -o $@ tests/c/test_memory.c tests/c/alloc_count.c $(ALLOC_FAIL_OBJ) \
	  $(LIBS) $(LDFLAGS)

test-c: $(C_TESTS)

# (lib and the C tests, then the modules: two makes building the lexicon at
# once under -j would clash)
test: deps
	@$(MAKE) --no-print-directory $(STRICT) lib test-c
	@$(MAKE) --no-print-directory $(STRICT) modules
	@command -v prove >/dev/null 2>&1 || { echo "make test: prove is missing (Debian: apt-get install perl)"; exit 1; }
	BUILD=$(BUILD) ASAN_PRELOAD="$(ASAN_PRELOAD)" prove -f $(PROVE_FLAGS) $(C_TESTS) tests/suites/*.t

# The C style is .clang-format's (clang-format 14): tests/suites/format.t
# checks it in make test; make format rewrites what is out of it.
format-check:
	@sh tests/tools/format.sh
format:
	@sh tests/tools/format.sh --fix

# Line and branch coverage (tests/tools/coverage.sh): the library and
# kiji.core built with --coverage in their own tree, counters zeroed, the
# whole suite as make test runs it (C tests, the Lua specs on every ABI, the
# host suites), then gcovr: per file of plugin/{base,norm,seg,dict,annotate,
# lua} lines and branches, the total last; the functions never run in
# $(COV_BUILD)/coverage/never-run.txt, gcovr's pages in .../index.html.
COV_BUILD := build/cov
# (atomic counters: test_threads runs 8 threads; gcc -O0 sees a possible
# snprintf truncation in dict_file.c that -O2 does not)
COV_VARS := $(STRICT) BUILD=$(COV_BUILD) OPT='-O0 -g --coverage -fprofile-update=atomic -Wno-error=format-truncation' LDFLAGS='--coverage'
coverage: deps
	@command -v gcovr >/dev/null 2>&1 || { echo "make coverage: needs gcovr (Debian: apt-get install gcovr)"; exit 1; }
	@$(MAKE) --no-print-directory $(COV_VARS) lib test-c
	@$(MAKE) --no-print-directory $(COV_VARS) modules
	@$(MAKE) --no-print-directory $(COV_VARS) coverage-run

coverage-run:
	BUILD=$(BUILD) sh tests/tools/coverage.sh $(C_TESTS) tests/suites/*.t

# The Lua specs alone, for one interpreter (what `luarocks test` runs).
test-specs: module
	BUILD=$(BUILD) sh tests/run-busted.sh $(if $(findstring /,$(LUA)),lua$(LUAV),$(LUA))

# Sanitizers: everything rebuilt by clang in its own tree.
check-asan: deps
	$(MAKE) --no-print-directory test BUILD=build/asan CC=clang \
	  OPT='-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer' \
	  LDFLAGS='-fsanitize=address,undefined' \
	  ASAN_PRELOAD="$$(clang -print-file-name=libclang_rt.asan-x86_64.so) $(ICU_PRELOAD)"

# ICU keeps process-wide caches: preloaded, it stays mapped when Lua unloads
# kiji.core at exit, so LeakSanitizer sees them reachable, as in any program
# linked with ICU.
ICU_PRELOAD = $(addprefix $(shell pkg-config --variable=libdir icu-uc 2>/dev/null)/,libicuuc.so libicui18n.so)

# ThreadSanitizer over the C tests, among them 8 threads sharing one
# compiled dictionary and one segmenter (not the allocation-failure test:
# it starts no thread).
# The threads of kiji.core (annotate_many's crew) are checked under a Lua
# host built with the sanitizer (tests/tools/lua_host.c): its runtime cannot
# be preloaded into the system's lua5.4.
TSAN_FLAGS := OPT='-O1 -g -fsanitize=thread' LDFLAGS='-fsanitize=thread'
check-tsan: deps
	$(MAKE) --no-print-directory $(STRICT) test-c BUILD=build/tsan CC=clang $(TSAN_FLAGS)
	$(MAKE) --no-print-directory module BUILD=build/tsan CC=clang $(TSAN_FLAGS) LUA=lua5.4
	clang -O1 -g -fsanitize=thread $$(pkg-config --cflags lua5.4) tests/tools/lua_host.c \
	  -o build/tsan/lua_host $$(pkg-config --libs lua5.4)
	TSAN_OPTIONS=halt_on_error=1 prove -f $$(ls build/tsan/tests/test_* | grep -v test_alloc_fail)
	LUA_PATH='lua/?.lua;lua/?/init.lua;tests/spec/?.lua;;' LUA_CPATH='build/tsan/5.4/?.so;;' \
	  TSAN_OPTIONS=halt_on_error=1 prove -f --exec 'build/tsan/lua_host /usr/bin/busted --output=TAP' \
	  tests/spec/annotate_many_spec.lua

# test_hostile includes the generators of hostile input
$(BUILD)/tests/test_hostile: tests/c/hostile.h

# Long hostile-input checks (tests/hostile/check_huge.sh): time ratios at n
# and 8n of every hostile generator, 10^6 denial cues in one sentence, a TSV
# of 10^6 copies of a line, a 100 MB line in one call, and 1 GB of JSON Lines
# through kiji annotate --input jsonl under a fixed peak memory (PEAK_MB, 64).
# About 10-15 minutes on 2 cores.
$(BUILD)/hostile/huge: tests/hostile/huge.c tests/c/hostile.h tests/c/tap.h $(BUILD)/lib/libkiji.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -Itests/c -o $@ $< $(BUILD)/lib/libkiji.a $(LIBS) -lpthread $(LDFLAGS)

check-huge: deps
	@$(MAKE) --no-print-directory lib module $(BUILD)/hostile/huge
	BUILD=$(BUILD) LUA=$(LUA) sh tests/hostile/check_huge.sh

# Valgrind's memcheck over the Lua specs (lua5.4) and the C tests: no error,
# no definite leak; TAP ending with "N passed, N failed" (tests/valgrind.sh).
check-valgrind: deps
	@$(MAKE) --no-print-directory $(STRICT) module LUA=lua5.4 test-c
	BUILD=$(BUILD) sh tests/valgrind.sh lua5.4

# The libFuzzer campaign (tests/fuzz/run.sh): every target under ASan +
# UBSan for FUZZ_SECONDS, FUZZ_JOBS at a time, with a summary per target.
FUZZ_JOBS ?= 1
fuzz: deps $(BUILD)/gen/lexicon_data.c $(BUILD)/gen/seg_words.c
	BUILD=$(BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) sh tests/fuzz/run.sh

# ---------------------------------------------------------------- bench

# Every benchmark, then tests/bench/RESULTS.md and tests/bench/scaling.png
# (tests/bench/run.sh; about 15 min and 4 GB of memory on 2 cores).
bench: deps lib modules
	BUILD=$(BUILD) CC='$(CC)' CFLAGS_ALL='$(CFLAGS_ALL)' LIBS='$(LIBS)' LUA=$(LUA) sh tests/bench/run.sh

# ---------------------------------------------------------------- install

install: lib module
	install -d $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/lib/lua/$(LUAV)/kiji $(DESTDIR)$(PREFIX)/share/lua/$(LUAV)/kiji
	install -m 644 include/kiji.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 $(BUILD)/lib/libkiji.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(BUILD)/lib/libkiji.so $(DESTDIR)$(PREFIX)/lib/libkiji.so.0
	ln -sf libkiji.so.0 $(DESTDIR)$(PREFIX)/lib/libkiji.so
	install -m 644 $(BUILD)/lib/pkgconfig/kiji.pc $(DESTDIR)$(PREFIX)/lib/pkgconfig/
	install -m 755 $(MODULE) $(DESTDIR)$(PREFIX)/lib/lua/$(LUAV)/kiji/core.so
	install -m 644 lua/kiji/*.lua $(wildcard lua/kiji/*.css) $(DESTDIR)$(PREFIX)/share/lua/$(LUAV)/kiji/
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	sed '1s|.*|#!/usr/bin/env $(LUA)|' bin/kiji > $(DESTDIR)$(PREFIX)/bin/kiji
	chmod 755 $(DESTDIR)$(PREFIX)/bin/kiji
	install -m 644 doc/kiji.1 $(DESTDIR)$(PREFIX)/share/man/man1/kiji.1
	install -d $(DESTDIR)$(PREFIX)/share/kiji $(DESTDIR)$(PREFIX)/share/doc/kiji
	install -m 644 doc/kiji-doc.schema.json $(DESTDIR)$(PREFIX)/share/kiji/
	install -m 644 doc/SCHEMA.md doc/ANNOTATION.md $(DESTDIR)$(PREFIX)/share/doc/kiji/

# LuaRocks' make build (rockspec/kiji-scm-1.rockspec): kiji.core for the
# Lua that LuaRocks passes (LUA, LUA_INCDIR), installed into the rock's
# directory (INST_LIBDIR, INST_LUADIR), whose lib/ and lua/ LuaRocks then
# deploys into the tree; the JSON Schema goes beside the Lua modules, where
# `kiji --help` finds it. Nothing else of the rock's directory reaches the
# tree (LuaRocks keeps doc/ there for `luarocks doc kiji`), so the man page
# is copied to the tree's share/man/man1 itself: the one that man-db finds
# from the tree's bin/ on PATH. ROCK_BINDIR is that bin/ (LuaRocks'
# SCRIPTS_DIR); `luarocks remove kiji` leaves the page.
rock: module

ROCK_MANDIR = $(abspath $(ROCK_BINDIR)/../share/man/man1)
rock-install: module
	install -d $(INST_LIBDIR)/kiji $(INST_LUADIR)/kiji
	install -m 755 $(MODULE) $(INST_LIBDIR)/kiji/core.so
	install -m 644 lua/kiji/*.lua $(wildcard lua/kiji/*.css) doc/kiji-doc.schema.json $(INST_LUADIR)/kiji/
	@if [ -n "$(ROCK_BINDIR)" ]; then \
	  echo "install -m 644 doc/kiji.1 $(ROCK_MANDIR)/kiji.1"; \
	  install -d $(ROCK_MANDIR) && install -m 644 doc/kiji.1 $(ROCK_MANDIR)/kiji.1; \
	else echo "rock-install: no ROCK_BINDIR (LuaRocks 2?): the man page is only in the rock's doc/"; fi

# A source rock of this tree that builds offline:
# $(BUILD)/pack/kiji-scm-1.src.rock holds the sources as kiji-scm-1.tar.gz
# and the rockspec with that file as its source.url (luarocks pack reads
# it back and zips the two). `luarocks install kiji-scm-1.src.rock` builds
# from the rock alone; it needs only the build's Debian packages.
ROCK_SRC := Makefile README.md LICENSE CHANGELOG.md include plugin lua bin doc rockspec tests
LUAROCKS ?= luarocks
rock-pack:
	rm -rf $(BUILD)/pack && mkdir -p $(BUILD)/pack
	tar -czf $(BUILD)/pack/kiji-scm-1.tar.gz --exclude-vcs --sort=name --owner=0 --group=0 \
	  --numeric-owner --transform 's|^|kiji-scm-1/|' $(wildcard $(ROCK_SRC))
	sed 's|^  url = .*|  url = "file://$(abspath $(BUILD))/pack/kiji-scm-1.tar.gz",\n  dir = "kiji-scm-1",|' \
	  rockspec/kiji-scm-1.rockspec > $(BUILD)/pack/kiji-scm-1.rockspec
	cd $(BUILD)/pack && $(LUAROCKS) pack kiji-scm-1.rockspec

# kiji annotate --input jsonl on 100 MB of JSON Lines, alone, with --jobs 1
# and 2, and under GNU parallel --pipe -j1 / -j2 and --pipepart -j2 (outputs
# compared): minutes and ~1.5 GB of temp files.
bench-parallel: deps modules
	BUILD=$(BUILD) LUA=$(LUA) sh tests/bench/bench_parallel.sh

# kiji track on SIZE_MB (default 1000) MB of JSON Lines built from the
# fixture stories (INPUT=docs: kiji's documents; INPUT=articles: texts it
# annotates), alone and as GNU parallel --pipepart shards merged; wall and
# CPU time, peak memory, outputs compared (tests/bench/bench_track.sh).
bench-track: deps modules
	BUILD=$(BUILD) LUA=$(LUA) sh tests/bench/bench_track.sh

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/include/kiji.h $(DESTDIR)$(PREFIX)/lib/libkiji.* \
	  $(DESTDIR)$(PREFIX)/lib/pkgconfig/kiji.pc
	rm -rf $(DESTDIR)$(PREFIX)/lib/lua/$(LUAV)/kiji $(DESTDIR)$(PREFIX)/share/lua/$(LUAV)/kiji
	rm -f $(DESTDIR)$(PREFIX)/bin/kiji $(DESTDIR)$(PREFIX)/share/man/man1/kiji.1
	rm -rf $(DESTDIR)$(PREFIX)/share/kiji $(DESTDIR)$(PREFIX)/share/doc/kiji

clean:
	rm -rf $(BUILD)

# ---------------------------------------------------------------- eval

# make eval CORPUS=DIR: predictions for DIR/texts/*.txt as JSON Lines in
# $(BUILD)/eval/predictions.jsonl; scored when DIR/gold.jsonl and a
# score.py (DIR's or its parent's) are there.
eval: all
	@test -n "$(CORPUS)" || { echo "make eval: set CORPUS=DIR (DIR/texts/*.txt)"; exit 2; }
	@mkdir -p $(BUILD)/eval
	@LUA_PATH='lua/?.lua;lua/?/init.lua;;' LUA_CPATH='$(BUILD)/$(LUAV)/?.so;;' \
	  $(LUA) tests/tools/annotate_dir.lua $(CORPUS)/texts $(BUILD)/eval/predictions.jsonl
	@score=$$(ls $(CORPUS)/score.py $(CORPUS)/../score.py 2>/dev/null | head -1); \
	if [ -f $(CORPUS)/gold.jsonl ] && [ -n "$$score" ] && command -v python3 >/dev/null; then \
	  for l in en ja; do echo "== $$l"; python3 $$score $(CORPUS)/gold.jsonl $(BUILD)/eval/predictions.jsonl --lang $$l; done; \
	fi
