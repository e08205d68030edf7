#!/bin/sh
# bench_parallel.sh: the scale-out measurement of the command line.
#
# Builds a JSON Lines file of at least SIZE_MB (default 100) MB of records
# {"id", "text"}: the fixture articles tests/fixtures/annotate/*/*.txt
# repeated, each copy with its own id, in a temporary directory. Then times
#   kiji annotate --input jsonl --format jsonl            (one process)
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

case $LUA in
  lua5.1|luajit|*/luajit*) abi=5.1 ;;
  lua5.3) abi=5.3 ;;
  *) abi=5.4 ;;
esac
case $BUILD in /*) build=$BUILD ;; *) build=$top/$BUILD ;; esac
if [ ! -f "$build/$abi/kiji/core.so" ]; then
  echo "bench_parallel: no $build/$abi/kiji/core.so: run make modules first" >&2
  exit 1
fi
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

c0=$(cpu)
t0=$(now)
$kiji annotate --input jsonl --format jsonl < "$tmp/in.jsonl" > "$tmp/single.jsonl" &
pid=$!
# the peak resident memory of the single process (bounded: it streams)
hwm=0
while kill -0 "$pid" 2> /dev/null; do
  h=$(awk '/^VmHWM:/ { print $2 }' "/proc/$pid/status" 2> /dev/null || true)
  [ -n "$h" ] && hwm=$h
  sleep 0.2
done
wait "$pid"
t1=$(now)
c1=$(cpu)
single=$(secs "$t0" "$t1")
single_cpu=$(secs "$c0" "$c1")
out_mb=$(awk -v b="$(wc -c < "$tmp/single.jsonl")" 'BEGIN { printf "%.1f", b / 1e6 }')

rows=""
results=""
status=0
j=1
while [ "$j" -le "$JOBS_MAX" ]; do
  c0=$(cpu)
  t0=$(now)
  parallel --will-cite --pipe -N 1000 --keep-order -j"$j" \
    $kiji annotate --input jsonl --format jsonl < "$tmp/in.jsonl" > "$tmp/par$j.jsonl"
  t1=$(now)
  c1=$(cpu)
  s=$(secs "$t0" "$t1")
  c=$(secs "$c0" "$c1")
  if cmp -s "$tmp/single.jsonl" "$tmp/par$j.jsonl"; then same=identical; else same=DIFFERENT; status=1; fi
  rows="$rows$(printf '%-32s %8s %8s %8s   %s' "parallel --pipe -N 1000 -j$j" "$s" "$(mbps "$s")" "$c" "$same")
"
  results="$results$(printf '@result\tparallel\tj%s\twall_s=%s\tmb_s=%s\tcpu_s=%s\toutput=%s' "$j" "$s" "$(mbps "$s")" "$c" "$same")
"
  rm -f "$tmp/par$j.jsonl"
  j=$((j + 1))
done

printf '%-32s %8s %8s %8s   %s\n' "run" "wall s" "MB/s" "CPU s" "output vs single"
printf '%-32s %8s %8s %8s   %s\n' "single process" "$single" "$(mbps "$single")" "$single_cpu" "($out_mb MB of JSON Lines)"
printf '%s' "$rows"
echo
echo "MB/s: input MB over wall-clock seconds; CPU s: user + system of every process"
echo "(kiji, parallel, its perl). Peak memory of the single process: $((hwm / 1024)) MB."
echo "Load average while measuring: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '@result\tparallel\tinput\trecords=%s\tinput_mb=%s\tlua=%s\tcpus=%s\tparallel=%s\n' "$records" \
  "$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')" "$LUA" "$(nproc)" \
  "$(parallel --version 2> /dev/null | sed -n '1s/^GNU parallel //p')"
printf '@result\tparallel\tsingle\twall_s=%s\tmb_s=%s\tcpu_s=%s\tpeak_mb=%s\toutput_mb=%s\n' \
  "$single" "$(mbps "$single")" "$single_cpu" "$((hwm / 1024))" "$out_mb"
printf '%s' "$results"
exit $status
