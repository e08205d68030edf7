#!/bin/sh
# bench_track.sh: kiji track at scale, alone and under GNU parallel.
#
# Builds a JSON Lines file of at least SIZE_MB (default 1000) MB from the
# fixture stories of tests/fixtures/track, each copy of an article with its
# own id, in a temporary directory:
#   INPUT=docs      kiji's own documents (kiji annotate --input jsonl of
#                   the stories, copied): what kiji track reads when the
#                   annotation is done once and the tracking many times
#   INPUT=articles  the articles {"id","date","source","text"}, each text
#                   padded with neutral sentences to wire length (~2 KB),
#                   so kiji track annotates them all
# Then, with the peak resident memory of every process (/usr/bin/time):
#   kiji track IN > single.jsonl                              (one process)
#   parallel --pipepart -a IN --block -1 -jJOBS kiji track --partial |
#     kiji track --merge > merged.jsonl                       (GNU parallel)
# and checks that merged.jsonl is single.jsonl byte for byte. The recipe
# for many machines is the same with -S (README "Following a story"):
#   parallel --pipepart -a IN --block 100M -S 8/host1,8/host2 \
#     kiji track --partial | kiji track --merge > events.jsonl
# Lines starting with @result repeat the figures.
#
#   tests/bench/bench_track.sh                  (from anywhere; builds nothing)
#   INPUT=articles SIZE_MB=1000 JOBS=2 tests/bench/bench_track.sh
#
# Needs the kiji.core module of LUA's ABI in $BUILD (make modules),
# lua-cjson, GNU parallel and GNU time (Debian: parallel, time). Exit 1 when
# the outputs differ.
set -eu
cd "$(dirname "$0")/../.."
top=$(pwd)
BUILD=${BUILD:-build}
LUA=${LUA:-lua5.4}
SIZE_MB=${SIZE_MB:-1000}
JOBS=${JOBS:-2}
INPUT=${INPUT:-docs}

bench=bench_track
. tests/bench/lua_module.sh
for c in parallel /usr/bin/time; do
  command -v $c > /dev/null 2>&1 || { echo "bench_track: needs $c (Debian: apt-get install parallel time)" >&2; exit 1; }
done

LUA_PATH="$top/lua/?.lua;$top/lua/?/init.lua;;"
LUA_CPATH="$build/$abi/?.so;;"
export LUA_PATH LUA_CPATH
kiji="$LUA $top/bin/kiji"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kiji-track-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# ---------------------------------------------------------------- input

for f in tests/fixtures/track/*.jsonl; do
  case $f in *.expect.jsonl) ;; *) cat "$f" ;; esac
done > "$tmp/stories.jsonl"
if [ "$INPUT" = docs ]; then
  $kiji annotate --input jsonl "$tmp/stories.jsonl" > "$tmp/seed.jsonl"
else
  cp "$tmp/stories.jsonl" "$tmp/seed.jsonl"
fi

$LUA - "$tmp/seed.jsonl" "$tmp/in.jsonl" "$SIZE_MB" "$INPUT" <<'EOF'
local cjson = require "cjson"
local seed, out_path, size_mb, input = arg[1], arg[2], tonumber(arg[3]), arg[4]
-- neutral sentences (no denial, no attribution) that bring an article to
-- wire length
local PAD = {
  en = " The city council met on the same day to discuss the budget for the coming year."
    .. " Local schools reopened after the summer break, and trains ran on a normal schedule.",
  ja = "同じ日、市議会は来年度の予算について話し合った。夏休みが明けて学校が再開し、列車は平常通り運行した。",
}
local lines = {}
for line in io.lines(seed) do
  if input == "articles" then
    local r = cjson.decode(line)
    local pad = PAD[r.text:find("[\227-\233]") and "ja" or "en"]
    r.text = r.text .. pad:rep(math.max(1, math.floor(2000 / #pad)))
    line = cjson.encode(r)
  end
  local id = line:match('"id":"([^"]*)"')
  local at = line:find('"id":"', 1, true)
  lines[#lines + 1] = { head = line:sub(1, at + 5), id = id, tail = line:sub(at + 6 + #id) }
end
local out = assert(io.open(out_path, "wb"))
local target, bytes, copy, records = size_mb * 1000000, 0, 0, 0
while bytes < target do
  copy = copy + 1
  local buf = {}
  for _, l in ipairs(lines) do
    buf[#buf + 1] = l.head .. l.id .. "#" .. copy .. l.tail .. "\n"
    records = records + 1
  end
  local s = table.concat(buf)
  out:write(s)
  bytes = bytes + #s
end
out:close()
io.stderr:write(("bench_track: %s, %.1f MB, %d records\n"):format(input, bytes / 1e6, records))
EOF

bytes=$(wc -c < "$tmp/in.jsonl")
mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')

# ---------------------------------------------------------------- runs

# wall seconds and peak RSS (MB) of one process
/usr/bin/time -f '%e %M %U %S' -o "$tmp/single.time" $kiji track "$tmp/in.jsonl" > "$tmp/single.jsonl"
read -r s_wall s_rss s_user s_sys < "$tmp/single.time"
s_cpu=$(awk -v u="$s_user" -v s="$s_sys" 'BEGIN { printf "%.1f", u + s }')

# each shard's kiji under GNU time (appending to one file), then the merge
start=$(date +%s.%N)
parallel --pipepart -a "$tmp/in.jsonl" --block -1 -j"$JOBS" \
  /usr/bin/time -f "'%e %M %U %S'" -a -o "$tmp/shards.time" $kiji track --partial > "$tmp/states.jsonl"
mid=$(date +%s.%N)
/usr/bin/time -f '%e %M %U %S' -o "$tmp/merge.time" $kiji track --merge "$tmp/states.jsonl" > "$tmp/merged.jsonl"
end=$(date +%s.%N)
read -r m_wall m_rss m_user m_sys < "$tmp/merge.time"
m_cpu=$(awk -v u="$m_user" -v s="$m_sys" 'BEGIN { printf "%.1f", u + s }')
shard_cpu=$(awk '{ c += $3 + $4 } END { printf "%.1f", c }' "$tmp/shards.time")
p_wall=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
shard_wall=$(awk -v a="$start" -v b="$mid" 'BEGIN { printf "%.1f", b - a }')
shards=$(wc -l < "$tmp/shards.time")
shard_rss=$(awk '$2 > m { m = $2 } END { print m }' "$tmp/shards.time")
state_mb=$(awk -v b="$(wc -c < "$tmp/states.jsonl")" 'BEGIN { printf "%.2f", b / 1e6 }')
events=$(wc -l < "$tmp/single.jsonl")

if cmp -s "$tmp/single.jsonl" "$tmp/merged.jsonl"; then same=identical; else same=DIFFERENT; fi

rate() { awk -v m="$mb" -v s="$1" 'BEGIN { printf "%.1f", m / s }'; }
kb2mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
echo "kiji track, $INPUT: $mb MB of JSON Lines, $events events; $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
echo "  one process:        ${s_wall} s wall, ${s_cpu} s CPU ($(rate "$s_cpu") MB/s of CPU), peak RSS $(kb2mb "$s_rss") MB"
echo "  parallel -j$JOBS --pipepart: ${p_wall} s wall, $(rate "$p_wall") MB/s ($shards shards: ${shard_wall} s wall, ${shard_cpu} s CPU in all, peak RSS $(kb2mb "$shard_rss") MB each at most; state $state_mb MB; merge ${m_wall} s wall, ${m_cpu} s CPU, peak RSS $(kb2mb "$m_rss") MB)"
echo "  merged vs one process: $same"
echo "@result track $INPUT mb=$mb events=$events single_s=$s_wall single_cpu_s=$s_cpu single_rss_kb=$s_rss parallel_s=$p_wall shards_cpu_s=$shard_cpu shard_rss_kb=$shard_rss merge_s=$m_wall merge_rss_kb=$m_rss same=$same"
[ "$same" = identical ]
