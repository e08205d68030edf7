#!/bin/sh
# check_huge.sh: the long hostile-input checks (make check-huge). Minutes of
# CPU, about 2 GB of memory at the peak (the 100 MB line), nothing on disk
# but small temporary files.
#
#   1. time ratios, n against 8n, of every hostile generator through every
#      entry point, and of dictionaries (build/hostile/huge scale);
#   2. 10^6 denial cues in one sentence; a TSV of 10^6 copies of a line;
#   3. one 100 MB line annotated in one call: time, memory per input byte;
#   4. kiji annotate --input jsonl on 100 MB and on 1 GB of JSON Lines
#      (the fixture articles as records, generated as they are read): the
#      peak resident memory (VmHWM, polled) must stay under PEAK_MB and be
#      the same for both sizes, every record must give one line;
#   5. bad records through the command line: clear errors, the others kept.
#
#   BUILD=build LUA=lua5.4 sh tests/hostile/check_huge.sh
#   STREAM_MB=4000 PEAK_MB=64 sh tests/hostile/check_huge.sh   (a longer stream)
#   RATIO_MAX=20 SKIP_SCALE= ...   (the time bound of step 1, 16 by default;
#                                   SKIP_SCALE=1 leaves step 1 out)
#
# Needs build/hostile/huge and kiji.core for LUA (make check-huge builds
# both), lua-cjson. Prints TAP lines, then "N passed, N failed"; exit 1 on
# any failure.
set -u
cd "$(dirname "$0")/../.."
top=$(pwd)
BUILD=${BUILD:-build}
LUA=${LUA:-lua5.4}
STREAM_MB=${STREAM_MB:-1000}
PEAK_MB=${PEAK_MB:-64}

case $LUA in
  lua5.1|luajit|*/luajit*) abi=5.1 ;;
  lua5.3) abi=5.3 ;;
  *) abi=5.4 ;;
esac
case $BUILD in /*) build=$BUILD ;; *) build=$top/$BUILD ;; esac
huge=$build/hostile/huge
for f in "$huge" "$build/$abi/kiji/core.so"; do
  if [ ! -f "$f" ]; then
    echo "check_huge: no $f: run make check-huge" >&2
    exit 2
  fi
done
LUA_PATH="$top/lua/?.lua;$top/lua/?/init.lua;;"
LUA_CPATH="$build/$abi/?.so;;"
export LUA_PATH LUA_CPATH
fixtures=$(ls "$top"/tests/fixtures/annotate/*/*.txt)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kiji-huge.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
log=$tmp/tap.log
: > "$log"
n=0

# A result of the script itself, as TAP.
result() { # ok|fail description
  n=$((n + 1))
  if [ "$1" = ok ]; then line="ok $n - $2"; else line="not ok $n - $2"; fi
  echo "$line" | tee -a "$log"
}

# A TAP producer: its results renumbered into ours.
run_tap() {
  "$@" > "$tmp/out" 2>&1
  status=$?
  while IFS= read -r l; do
    case $l in
      "ok "*) result ok "${l#ok [0-9]* - }" ;;
      "not ok "*) result fail "${l#not ok [0-9]* - }" ;;
      "1.."*) ;;
      *) echo "$l" ;;
    esac
  done < "$tmp/out"
  [ $status -eq 0 ] || [ $status -eq 1 ] || result fail "$* exited with status $status"
}

now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "# check-huge: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg), $LUA"

# ---------------------------------------------------------------- 1-3: C

echo "# time ratios: CPU seconds at n and 8n, linear is 8, the bound 16"
t0=$(now)
[ -n "${SKIP_SCALE:-}" ] || run_tap "$huge" scale
echo "# (scale: $(secs "$t0" "$(now)") s)"
run_tap "$huge" cues 1000000
run_tap "$huge" dup 1000000
t0=$(now)
# shellcheck disable=SC2086
run_tap "$huge" line 100 $fixtures
echo "# (line: $(secs "$t0" "$(now)") s)"

# ---------------------------------------------------------------- 4: stream

# stream MB: kiji annotate --input jsonl on MB megabytes, generated as read;
# sets peak (KiB), records (in), lines (out), status, secs.
stream() {
  rm -f "$tmp/in" "$tmp/out.fifo"
  mkfifo "$tmp/in" "$tmp/out.fifo"
  # shellcheck disable=SC2086
  $LUA "$top/tests/hostile/gen_jsonl.lua" "$1" $fixtures > "$tmp/in" 2> "$tmp/gen.err" &
  gen=$!
  wc -l < "$tmp/out.fifo" > "$tmp/lines" &
  counter=$!
  t0=$(now)
  $LUA "$top/bin/kiji" annotate --input jsonl < "$tmp/in" > "$tmp/out.fifo" 2> "$tmp/kiji.err" &
  pid=$!
  peak=0
  while kill -0 "$pid" 2> /dev/null; do
    h=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2> /dev/null)
    [ -n "$h" ] && peak=$h
    sleep 0.5
  done
  wait "$pid"
  status=$?
  secs=$(secs "$t0" "$(now)")
  wait "$gen" "$counter"
  records=$(sed -n 's/^\([0-9]*\) records.*/\1/p' "$tmp/gen.err")
  lines=$(tr -d ' ' < "$tmp/lines")
}

mb=$STREAM_MB
stream 100
peak100=$peak
if [ "$status" = 0 ] && [ "$records" = "$lines" ] && [ ! -s "$tmp/kiji.err" ]; then
  result ok "100 MB of JSON Lines through kiji annotate --input jsonl: $records records, $lines lines out, ${secs} s"
else
  result fail "100 MB stream: status $status, $records records in, $lines lines out: $(head -c 300 "$tmp/kiji.err")"
fi
stream "$mb"
peakbig=$peak
if [ "$status" = 0 ] && [ "$records" = "$lines" ] && [ ! -s "$tmp/kiji.err" ]; then
  result ok "$mb MB of JSON Lines through kiji annotate --input jsonl: $records records, $lines lines out, ${secs} s"
else
  result fail "$mb MB stream: status $status, $records records in, $lines lines out: $(head -c 300 "$tmp/kiji.err")"
fi
bound=$((PEAK_MB * 1024))
if [ "$peak100" -gt 0 ] && [ "$peak100" -le "$bound" ] && [ "$peakbig" -le "$bound" ]; then
  result ok "peak resident memory under $PEAK_MB MB: $((peak100 / 1024)) MB at 100 MB, $((peakbig / 1024)) MB at $mb MB"
else
  result fail "peak resident memory: $peak100 KiB at 100 MB, $peakbig KiB at $mb MB (bound $bound KiB)"
fi
# the same bound whatever the length: a streaming filter keeps nothing
if [ "$peakbig" -le $((peak100 + peak100 / 10 + 2048)) ]; then
  result ok "the peak does not grow with the stream: $peak100 KiB at 100 MB, $peakbig KiB at $mb MB"
else
  result fail "the peak grows with the stream: $peak100 KiB at 100 MB, $peakbig KiB at $mb MB"
fi

# ---------------------------------------------------------------- 5: bad records

printf '%s\n' '{"id":"a","text":"Kyodo denied it."}' > "$tmp/bad.jsonl"
printf '{"id":"b","text":"Oda \300\200 denied it."}\n' >> "$tmp/bad.jsonl"
printf '%s\n' '{"id":"c","text":"\ud800 a lone surrogate escape"}' '{"id":"d","text":' \
  '{"id":"e","text":"政府は否定した。"}' >> "$tmp/bad.jsonl"
$LUA "$top/bin/kiji" annotate --input jsonl --invalid error "$tmp/bad.jsonl" > "$tmp/bad.out" 2> "$tmp/bad.err"
status=$?
if [ $status = 1 ] && [ "$(wc -l < "$tmp/bad.out")" = 2 ] && grep -q 'bad.jsonl:2: id b: invalid UTF-8' "$tmp/bad.err" &&
   grep -q 'bad.jsonl:3: bad record' "$tmp/bad.err" && grep -q 'bad.jsonl:4: bad record' "$tmp/bad.err"; then
  result ok "bad records (overlong UTF-8 under --invalid error, a surrogate escape, a cut record): each named with its line, the others written, status 1"
else
  result fail "bad records: status $status, $(wc -l < "$tmp/bad.out") lines: $(cat "$tmp/bad.err")"
fi
$LUA "$top/bin/kiji" annotate --input jsonl "$tmp/bad.jsonl" > "$tmp/bad.out" 2> /dev/null
if [ "$(wc -l < "$tmp/bad.out")" = 3 ]; then
  result ok "... under --invalid replace the overlong record is annotated too"
else
  result fail "... under --invalid replace: $(wc -l < "$tmp/bad.out") lines"
fi

passed=$(grep -c '^ok' "$log")
failed=$(grep -c '^not ok' "$log")
echo "1..$n"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
