#!/bin/sh
# The libFuzzer campaign: every tests/fuzz/fuzz_*.c target built with
# ASan + UBSan, run for FUZZ_SECONDS each, FUZZ_JOBS targets at a time,
# then one summary line per target (executions, coverage, features, corpus)
# and "N passed, N failed". A target fails when libFuzzer finds a crash,
# leak or timeout; the input is left in $BUILD/fuzz/ as TARGET-crash-*,
# -leak-* or -timeout-* (add it to tests/fuzz/corpus and to a C test once fixed).
#
#   BUILD=build FUZZ_SECONDS=1800 FUZZ_JOBS=2 sh tests/fuzz/run.sh [TARGET...]
#
# Each target gets its seeds from tests/fuzz/corpus (shared: texts, TSV,
# crash regressions) and keeps what it learns in $BUILD/fuzz/corpus-TARGET;
# tests/fuzz/STEM.dict, when present, is its dictionary of tokens.
set -u
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
FUZZ_SECONDS=${FUZZ_SECONDS:-60}
FUZZ_JOBS=${FUZZ_JOBS:-1}
out=$BUILD/fuzz
mkdir -p "$out"

targets=${*:-$(ls tests/fuzz/fuzz_*.c | sed 's|.*/||; s|\.c$||')}
lib_src="$(ls plugin/base/*.c plugin/norm/*.c plugin/seg/*.c plugin/dict/*.c plugin/annotate/*.c) plugin/lua/jsonl_read.c"

for t in $targets; do
  clang -std=c99 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -Iinclude -Iplugin -o "$out/$t" "tests/fuzz/$t.c" $lib_src \
    "$BUILD/gen/lexicon_data.c" "$BUILD/gen/seg_words.c" -lutf8proc -licui18n -licuuc || exit 1
done

run_one() {
  t=$1
  mkdir -p "$out/corpus-$t"
  dict=tests/fuzz/${t#fuzz_}.dict
  opt=
  [ -f "$dict" ] && opt=-dict=$dict
  ASAN_OPTIONS=detect_leaks=1 "$out/$t" $opt -max_total_time="$FUZZ_SECONDS" \
    -max_len=4096 -timeout=25 -print_final_stats=1 -artifact_prefix="$out/$t-" \
    "$out/corpus-$t" tests/fuzz/corpus > "$out/$t.log" 2>&1
  echo $? > "$out/$t.rc"
}

# FUZZ_JOBS targets at a time, each in the background
running=0
for t in $targets; do
  echo "fuzz: $t for ${FUZZ_SECONDS}s"
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$FUZZ_JOBS" ]; then wait; running=0; fi
done
wait

passed=0 failed=0
printf '%-18s %12s %10s %8s %8s %8s  %s\n' target executions exec/s cov ft corpus result
for t in $targets; do
  log=$out/$t.log
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1)
  cov=$(echo "$last" | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  ft=$(echo "$last" | sed -n 's/.*ft: \([0-9]*\).*/\1/p')
  corp=$(echo "$last" | sed -n 's/.*corp: \([0-9]*\).*/\1/p')
  if [ "$(cat "$out/$t.rc")" = 0 ]; then result=clean; passed=$((passed + 1));
  else result="FOUND: $(ls "$out" | grep -E "^$t-(crash|leak|timeout|oom)-" | tr '\n' ' ')"; failed=$((failed + 1)); fi
  printf '%-18s %12s %10s %8s %8s %8s  %s\n' "$t" "${runs:-?}" "${rate:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
done
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
