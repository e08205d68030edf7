#!/bin/sh
# bench_parallel.sh: the scale-out measurement of the command line.
#
# Builds a JSON Lines file of at least SIZE_MB (default 100) MB of records
# {"id", "text"}: the fixture articles tests/fixtures/annotate/*/*.txt
# repeated, each copy with its own id, in a temporary directory. Then times
#   kiji annotate --input jsonl --format jsonl            (one process)
#   the same reading a pipe                               (record by record)
#   the same with --jobs 1 and --jobs 2, in turn, ROUNDS (5) times
#   parallel --pipe -N 1000 --keep-order -j1 kiji ...     (GNU parallel)
#   parallel --pipe -N 1000 --keep-order -j2 kiji ...
# prints MB/s (input bytes over wall-clock time) for each, and checks that
# both parallel outputs are byte for byte the single-process output. One
# run each (minutes of work apiece); lines starting with @result repeat the
# figures for tests/bench/report.py.
#
#   tests/bench/bench_parallel.sh            (from anywhere; builds nothing)
#   LUA=luajit SIZE_MB=200 tests/bench/bench_parallel.sh
#
# Needs the kiji.core module of LUA's ABI in $BUILD (make modules), lua-cjson
# and GNU parallel (Debian: parallel). Exit 1 when an output differs.
set -eu
cd "$(dirname "$0")/../.."
top=$(pwd)
BUILD=${BUILD:-build}
LUA=${LUA:-lua5.4}
SIZE_MB=${SIZE_MB:-100}
JOBS_MAX=${JOBS_MAX:-2}
ROUNDS=${ROUNDS:-5}
differs=""

bench=bench_parallel
. tests/bench/lua_module.sh
if ! command -v parallel > /dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "bench_parallel: installing GNU parallel" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends parallel > /dev/null
  else
    echo "bench_parallel: needs GNU parallel; run: sudo apt-get install parallel" >&2
    exit 1
  fi
fi

LUA_PATH="$top/lua/?.lua;$top/lua/?/init.lua;;"
LUA_CPATH="$build/$abi/?.so;;"
export LUA_PATH LUA_CPATH
kiji="$LUA $top/bin/kiji"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kiji-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# ---------------------------------------------------------------- input

$LUA - "$tmp/in.jsonl" "$SIZE_MB" tests/fixtures/annotate/*/*.txt <<'EOF'
local cjson = require "cjson"
local out_path, size_mb = arg[1], tonumber(arg[2])
local texts = {}
for i = 3, #arg do
  local f = assert(io.open(arg[i], "rb"))
  local name = arg[i]:match("([^/]+/[^/]+)%.txt$"):gsub("/", "-")
  texts[#texts + 1] = { name = name, json = cjson.encode(f:read("*a")) }
  f:close()
end
local out = assert(io.open(out_path, "wb"))
local target, bytes, copy, records = size_mb * 1000000, 0, 0, 0
while bytes < target do
  copy = copy + 1
  local buf = {}
  for _, t in ipairs(texts) do
    buf[#buf + 1] = ('{"id":"%s-%d","text":%s}\n'):format(t.name, copy, t.json)
    records = records + 1
  end
  local s = table.concat(buf)
  out:write(s)
  bytes = bytes + #s
end
out:close()
EOF
set -- $(wc -lc < "$tmp/in.jsonl")
records=$1
bytes=$2

now() { date +%s.%N; }
# CPU seconds (user + system) of the children this shell has waited for
tck=$(getconf CLK_TCK)
cpu() { sed 's/^.*) //' /proc/$$/stat | awk -v t="$tck" '{ printf "%.2f", ($14 + $15) / t }'; }
mbps() { awk -v b="$bytes" -v t="$1" 'BEGIN { printf "%.1f", b / t / 1e6 }'; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# ---------------------------------------------------------------- runs

echo "kiji annotate --input jsonl --format jsonl ($LUA, $(nproc) CPUs)"
echo "input: $records records, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB"
echo

# watch_peak PID: PID's peak resident memory (kB, VmHWM), read every 0.2 s
# by the shell itself (no process per read) until PID is gone; printed then.
watch_peak() {
  h=0
  while [ -d "/proc/$1" ]; do
    { while read -r key value rest; do [ "$key" = "VmHWM:" ] && h=$value; done < "/proc/$1/status"; } \
      2> /dev/null || true
    sleep 0.2
  done
  echo "$h"
}

# time_run OUT CMD...: CMD < the input > OUT; sets wall, cpu (user + system
# of every process it started), peak (MB, of CMD's own process) and load
# (the 1-minute load average when it started). The clock stops when CMD
# is reaped, while the watcher may still sleep; the last run's OUT is
# removed before the clock starts. (Polling in the timed loop, and
# truncating the last run's 685 MB as the command's redirection, added
# 0.05 to 0.8 s to a run of 2.4 to 5 s, and most to the shortest.)
time_run() {
  out=$1
  shift
  rm -f "$out"
  load=$(cut -d' ' -f1 /proc/loadavg)
  c0=$(cpu)
  t0=$(now)
  "$@" < "$tmp/in.jsonl" > "$out" &
  pid=$!
  watch_peak "$pid" > "$tmp/peak" &
  watcher=$!
  wait "$pid" || true
  t1=$(now)
  wait "$watcher" || true
  c1=$(cpu)
  wall=$(secs "$t0" "$t1")
  cputime=$(secs "$c0" "$c1")
  peak=$(($(cat "$tmp/peak") / 1024))
}

rows=""
results=""
status=0
# row KEY LABEL FILE: a row of the table and an @result line; FILE is
# compared with the single process's output (then removed)
row() {
  if cmp -s "$tmp/single.jsonl" "$3"; then same=identical; else same=DIFFERENT; status=1; fi
  rows="$rows$(printf '%-44s %8s %8s %8s %6s %5s   %s' "$2" "$wall" "$(mbps "$wall")" "$cputime" "$peak" "$load" "$same")
"
  results="$results$(printf '@result\tparallel\t%s\twall_s=%s\tmb_s=%s\tcpu_s=%s\tpeak_mb=%s\tload=%s\toutput=%s' \
    "$1" "$wall" "$(mbps "$wall")" "$cputime" "$peak" "$load" "$same")
"
  rm -f "$3"
}

time_run "$tmp/single.jsonl" $kiji annotate --input jsonl --format jsonl
single=$wall
single_cpu=$cputime
single_load=$load
hwm=$((peak * 1024))
out_mb=$(awk -v b="$(wc -c < "$tmp/single.jsonl")" 'BEGIN { printf "%.1f", b / 1e6 }')

# the same records from a pipe (a FIFO kiji opens: its own process is
# timed), which it annotates one at a time as they come, where a file is
# read in chunks as --jobs 1 reads it
mkfifo "$tmp/fifo"
cat "$tmp/in.jsonl" > "$tmp/fifo" &
time_run "$tmp/pipe.jsonl" $kiji annotate --input jsonl --format jsonl "$tmp/fifo"
wait
row "pipe" "one process, records from a pipe" "$tmp/pipe.jsonl"

# --jobs 1 and 2 in turn, ROUNDS times (a slow spell of the machine then
# falls on both): the medians, and the median of the rounds' ratios
median() { tr ' ' '\n' | grep . | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratios=""
for j in 1 2; do eval "jw$j='' jc$j='' jp$j='' jl$j=''"; done
r=1
while [ "$r" -le "$ROUNDS" ]; do
  for j in 1 2; do
    time_run "$tmp/jobs$j.jsonl" $kiji annotate --input jsonl --format jsonl --jobs $j
    cmp -s "$tmp/single.jsonl" "$tmp/jobs$j.jsonl" || differs="$differs $j"
    eval "jw$j=\"\$jw$j \$wall\" jc$j=\"\$jc$j \$cputime\" jp$j=\"\$jp$j \$peak\" jl$j=\"\$jl$j \$load\" last$j=\$wall"
  done
  ratios="$ratios $(awk -v a="$last1" -v b="$last2" 'BEGIN { printf "%.3f", a / b }')"
  r=$((r + 1))
done
for j in 1 2; do
  eval "wall=\$(echo \$jw$j | median) cputime=\$(echo \$jc$j | median) peak=\$(echo \$jp$j | median)"
  eval "load=\$(echo \$jl$j | median)"
  eval "jobs${j}_wall=\$wall jobs${j}_cpu=\$cputime jobs${j}_walls=\"\$jw$j\""
  case " $differs " in *" $j "*) echo "bench_parallel: --jobs $j differs in a round" > "$tmp/jobs$j.jsonl" ;; esac
  row "jobs$j" "kiji annotate --jobs $j (median of $ROUNDS)" "$tmp/jobs$j.jsonl"
done

j=1
while [ "$j" -le "$JOBS_MAX" ]; do
  time_run "$tmp/par$j.jsonl" parallel --will-cite --pipe -N 1000 --keep-order -j"$j" \
    $kiji annotate --input jsonl --format jsonl
  row "j$j" "parallel --pipe -N 1000 --keep-order -j$j" "$tmp/par$j.jsonl"
  j=$((j + 1))
done

# the many-machine recipe of README.md, on this one: parallel reads the
# file's blocks itself (no perl copying every byte through a pipe)
time_run "$tmp/part.jsonl" parallel --will-cite --pipepart -a "$tmp/in.jsonl" --block 10M \
  --keep-order -j2 $kiji annotate --input jsonl --format jsonl
row "pipepart_j2" "parallel --pipepart --block 10M --keep-order -j2" "$tmp/part.jsonl"

printf '%-44s %8s %8s %8s %6s %5s   %s\n' "run" "wall s" "MB/s" "CPU s" "MB" "load" "output vs single"
printf '%-44s %8s %8s %8s %6s %5s   %s\n' "single process" "$single" "$(mbps "$single")" "$single_cpu" \
  "$((hwm / 1024))" "$single_load" "($out_mb MB of JSON Lines)"
printf '%s' "$rows"
echo
speedup=$(echo $ratios | median)
echo "--jobs 2 against --jobs 1: ${speedup}x wall-clock, the median of the rounds' ratios ($(echo $ratios | tr ' ' '\n' | sort -n | tr '\n' ' ' | sed 's/ $//'));"
echo "wall s of the rounds: --jobs 1:$jobs1_walls, --jobs 2:$jobs2_walls (CPU s, medians: $jobs1_cpu and $jobs2_cpu)."
echo "MB/s: input MB over wall-clock seconds; CPU s: user + system of every process"
echo "(kiji, parallel, its perl); MB: peak resident memory of the command's own"
echo "process (kiji's; parallel's perl for parallel); load: the 1-minute load"
echo "average when the run started (other work on the machine skews wall time)."
echo "Load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '@result\tparallel\tinput\trecords=%s\tinput_mb=%s\tlua=%s\tcpus=%s\tparallel=%s\n' "$records" \
  "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')" "$LUA" "$(nproc)" \
  "$(parallel --version 2> /dev/null | sed -n '1s/^GNU parallel //p')"
printf '@result\tparallel\tsingle\twall_s=%s\tmb_s=%s\tcpu_s=%s\tpeak_mb=%s\toutput_mb=%s\tload=%s\n' \
  "$single" "$(mbps "$single")" "$single_cpu" "$((hwm / 1024))" "$out_mb" "$single_load"
printf '@result\tparallel\tjobs\tspeedup=%s\n' "$speedup"
printf '%s' "$results"
exit $status
