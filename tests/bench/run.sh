#!/bin/sh
# run.sh: what `make bench` does. Builds the benchmark programs, runs them
# all, then writes tests/bench/scaling.png (gnuplot, scaling.gp) and
# tests/bench/RESULTS.md (report.py) from what the runs printed: no figure
# is typed in by hand.
#
#   BUILD=build CC=cc sh tests/bench/run.sh      (from anywhere)
#
# Environment, with the Makefile's values as defaults:
#   BUILD         the build tree; needs $BUILD/lib/libkiji.a and kiji.core
#                 for Lua 5.4 and 5.1 (make lib modules)
#   CC            the C compiler
#   CFLAGS_ALL    the compile flags of the Makefile (-O3 is added, as the
#                 benchmarks have always been built)
#   LIBS          the libraries of libkiji.a
#   LUA           the interpreter of the command line for bench_parallel.sh
#   SCALE_MAX_MB  the largest input of bench_scale, MiB (256)
#   SIZE_MB       the JSON Lines input of bench_parallel.sh, MB (100)
#   BENCH_ONLY    the steps to run, of "norm seg dict annotate lua lualib
#                 scale parallel" (all); the report then takes the other steps'
#                 logs from an earlier run, and says when each ran
#
# Each step's whole output goes to $BUILD/bench/STEP.log (exit status in
# STEP.rc, seconds in STEP.time) and its tables to the terminal; lines
# starting with @result are the figures for report.py. Takes about a
# quarter of an hour on 2 cores and needs about 4 GB of memory (the 256 MiB
# annotation). Exit status 1 when a step failed (the report says which), 2
# when something to run it is missing.
set -u
cd "$(dirname "$0")/../.."
top=$(pwd)
BUILD=${BUILD:-build}
CC=${CC:-cc}
WARN="-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes"
CFLAGS_ALL=${CFLAGS_ALL:-"-std=c99 -D_POSIX_C_SOURCE=200809L -O2 -g $WARN -fPIC \
  -fvisibility=hidden -Iinclude -Iplugin"}
LIBS=${LIBS:-"-lutf8proc -licui18n -licuuc"}
LUA=${LUA:-lua5.4}
SCALE_MAX_MB=${SCALE_MAX_MB:-256}
SIZE_MB=${SIZE_MB:-100}
BENCH_ONLY=${BENCH_ONLY:-"norm seg dict annotate lua lualib scale parallel"}
case $BUILD in /*) build=$BUILD ;; *) build=$top/$BUILD ;; esac
out=$build/bench
export BUILD LUA SIZE_MB

# python3 of the system (Debian's, with python3-ahocorasick) before any other
if [ -x /usr/bin/python3 ]; then PYTHON=/usr/bin/python3; else PYTHON=python3; fi

missing=""
for c in "$CC" "$PYTHON" gnuplot lua5.4 luajit parallel; do
  command -v "$c" > /dev/null 2>&1 || missing="$missing $c"
done
[ -f "$build/lib/libkiji.a" ] || missing="$missing $BUILD/lib/libkiji.a(make lib)"
for abi in 5.4 5.1; do
  [ -f "$build/$abi/kiji/core.so" ] || missing="$missing $BUILD/$abi/kiji/core.so(make modules)"
done
[ -f /usr/include/mecab.h ] || missing="$missing mecab.h(libmecab-dev)"
if [ -n "$missing" ]; then
  echo "bench: missing:$missing (make deps lib modules)" >&2
  exit 2
fi
mkdir -p "$out"

# ---------------------------------------------------------------- build

# bench NAME EXTRA-SOURCES... -- EXTRA-LIBS...
build_one() {
  name=$1
  shift
  srcs=""
  while [ $# -gt 0 ] && [ "$1" != -- ]; do srcs="$srcs tests/bench/$1"; shift; done
  [ $# -gt 0 ] && shift
  # shellcheck disable=SC2086 # flag lists are word lists
  $CC $CFLAGS_ALL -O3 -o "$out/$name" "tests/bench/$name.c" $srcs \
    "$build/lib/libkiji.a" $LIBS "$@" -lpthread || { echo "bench: cannot build $name" >&2; exit 1; }
}
date +%s > "$out/run.start"
echo "bench: building in $BUILD/bench"
build_one bench_norm corpus.c
build_one bench_seg corpus.c -- -lmecab
build_one bench_dict corpus.c names.c fixtures.c
build_one bench_annotate fixtures.c
build_one bench_scale fixtures.c names.c corpus.c -- -lm
build_one bench_lua_data corpus.c names.c

# ---------------------------------------------------------------- run

failed=""
start=$(date +%s)

# step NAME COMMAND...: the command's output to NAME.log (the @result lines
# only there), its exit status to NAME.rc, its seconds to NAME.time
step() {
  name=$1
  shift
  case " $BENCH_ONLY " in *" $name "*) ;; *) return 0 ;; esac
  echo
  echo "bench: == $name: $*"
  t0=$(date +%s)
  { "$@"; echo $? > "$out/$name.rc"; } 2>&1 | tee "$out/$name.log" | grep -v '^@result'
  rc=$(cat "$out/$name.rc")
  echo $(($(date +%s) - t0)) > "$out/$name.time"
  [ "$rc" = 0 ] || failed="$failed $name"
}

lua_both() {
  for l in lua5.4 luajit; do
    abi=$([ $l = luajit ] && echo 5.1 || echo 5.4)
    LUA_PATH="$top/lua/?.lua;$top/lua/?/init.lua;;" LUA_CPATH="$build/$abi/?.so;;" \
      $l tests/bench/bench_annotate.lua tests/fixtures/annotate || return 1
  done
}

# normalize and the dictionary scan from Lua 5.4 and LuaJIT (bench_lua.lua)
lua_lib() {
  "$out/bench_lua_data" "$out" > "$out/bench-lua-c.txt" || return 1
  for l in lua5.4 luajit; do
    abi=$([ $l = luajit ] && echo 5.1 || echo 5.4)
    LUA_PATH="$top/lua/?.lua;$top/lua/?/init.lua;;" LUA_CPATH="$build/$abi/?.so;;" PYTHON=$PYTHON \
      $l tests/bench/bench_lua.lua "$out" || return 1
  done
}

step norm "$out/bench_norm" "$out"
step seg "$out/bench_seg" "$out"
step dict "$out/bench_dict" "$out" tests/fixtures/annotate
step annotate "$out/bench_annotate" tests/fixtures/annotate
step lua lua_both
step lualib lua_lib
step scale "$out/bench_scale" tests/fixtures/annotate "$out" "$out" "$SCALE_MAX_MB"
step parallel sh tests/bench/bench_parallel.sh

# ---------------------------------------------------------------- report

echo
echo "bench: == report"
if [ -f "$out/scale-dict.dat" ] && [ -f "$out/scale-size-en.dat" ]; then
  gnuplot -e "datadir='$out'" -e "outfile='tests/bench/scaling.png'" tests/bench/scaling.gp ||
    failed="$failed plot"
else
  echo "bench: no scaling data: no plot" >&2
  failed="$failed plot"
fi
CC=$CC "$PYTHON" tests/bench/report.py "$out" tests/bench/RESULTS.md || failed="$failed report"
echo "bench: wrote tests/bench/RESULTS.md and tests/bench/scaling.png ($(($(date +%s) - start)) s)"
if [ -n "$failed" ]; then
  echo "bench: FAILED:$failed (see $BUILD/bench/*.log)" >&2
  exit 1
fi
