#!/bin/sh
# kiji track and kiji.track under lua5.4, as TAP: the fixture stories of
# tests/fixtures/track (written for the project: three invented stories
# told over English and Japanese articles, with distractors) against their
# expectation files; kiji's own documents give the same events as the
# texts; the merge property: any random split of the input, each shard
# written by --partial and the states combined by --merge (also in two
# rounds), gives the single run's bytes; --max-denials; --format html
# (kiji.timeline's page of the events); bad lines; the Lua API (add, events,
# merge, dump/load, a denial's own date winning). Skipped without
# lua5.4, lua-cjson or the Lua 5.4 kiji.core (skip.sh).
cd "$(dirname "$0")/../.." || exit 1
BUILD=${BUILD:-build}
. tests/suites/skip.sh
. tests/suites/tap.sh
need_cmd lua5.4 lua5.4
need_lua_mod lua5.4 cjson lua-cjson
need_core 5.4
LUA_PATH="lua/?.lua;lua/?/init.lua;;"
LUA_CPATH="$BUILD/5.4/?.so;;"
export LUA_PATH LUA_CPATH

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

lua() {
  if [ -n "${ASAN_PRELOAD:-}" ]; then env LD_PRELOAD="$ASAN_PRELOAD" lua5.4 "$@"; else lua5.4 "$@"; fi
}
kiji() { lua bin/kiji "$@"; }
same() { cmp -s "$1" "$2" || { diff "$1" "$2" | head -20 | sed 's/^/# /' >&2; return 1; }; }

fx=tests/fixtures/track
stories="radar summit water"

# ------------------------------------------------------------ the stories

for s in $stories; do
  kiji track "$fx/$s.jsonl" > "$tmp/$s.out" 2> "$tmp/$s.err"
  check "$s: exit 0, nothing on stderr" test $? = 0 -a ! -s "$tmp/$s.err"
  check "$s: exactly the events of $s.expect.jsonl" same "$fx/$s.expect.jsonl" "$tmp/$s.out"
done
cat "$fx/radar.jsonl" "$fx/summit.jsonl" "$fx/water.jsonl" > "$tmp/all.jsonl"
kiji track < "$tmp/all.jsonl" > "$tmp/all.out"
check "the stories together (stdin): exactly all.expect.jsonl" same "$fx/all.expect.jsonl" "$tmp/all.out"

# kiji's own documents, as kiji annotate writes them, read as they are
kiji annotate --input jsonl "$tmp/all.jsonl" > "$tmp/docs.jsonl"
kiji track "$tmp/docs.jsonl" > "$tmp/docs.out"
check "kiji's JSONL documents give the texts' events" same "$fx/all.expect.jsonl" "$tmp/docs.out"

# the events' shape (SCHEMA.md "An event") and order
lua - "$tmp/all.out" > "$tmp/shape.err" 2>&1 <<'EOF'
local cjson = require "cjson"
local prev
for line in io.lines(arg[1]) do
  local e = cjson.decode(line)
  assert(type(e.event) == "string" and e.event:match("^ev%-%x+$"), "event id")
  assert(type(e.denier) == "table" and (e.denier.id or e.denier.name), "denier")
  assert(type(e.first) == "string" and type(e.last) == "string" and e.first <= e.last, "first <= last")
  assert(e.count >= #e.denials and #e.denials > 0, "count")
  for _, d in ipairs(e.denials) do
    for _, k in ipairs { "article", "date", "sentence", "cue", "start", "end" } do assert(d[k] ~= nil, k) end
    assert(d["end"] > d.start, "offsets")
  end
  if prev then assert(prev.first < e.first or (prev.first == e.first and prev.event < e.event), "order") end
  prev = e
end
EOF
check "every event has SCHEMA's fields, ordered by first then event" test $? = 0
[ -s "$tmp/shape.err" ] && sed 's/^/# /' "$tmp/shape.err" >&2

# ------------------------------------------------------------ the merge property

# SPLITS random splits of the lines (each line to a random shard, so the
# shards also reorder them), 1 to 5 shards each, seeded per run
seed=${TRACK_SEED:-$(date +%s)}
echo "# merge property: seed $seed (TRACK_SEED=$seed to repeat)"
bad=0
i=0
while [ $i -lt 8 ]; do
  i=$((i + 1))
  rm -rf "$tmp/split" && mkdir "$tmp/split"
  lua - "$tmp/all.jsonl" "$tmp/split" $((seed + i)) <<'EOF'
math.randomseed(tonumber(arg[3]))
local k = math.random(1, 5)
local outs = {}
for j = 1, k do outs[j] = assert(io.open(("%s/shard%d.jsonl"):format(arg[2], j), "wb")) end
for line in io.lines(arg[1]) do outs[math.random(1, k)]:write(line, "\n") end
for j = 1, k do outs[j]:close() end
EOF
  for f in "$tmp/split"/shard*.jsonl; do kiji track --partial "$f" > "${f%.jsonl}.state" || bad=1; done
  kiji track --merge "$tmp/split"/*.state > "$tmp/merged.out" || bad=1
  cmp -s "$tmp/merged.out" "$fx/all.expect.jsonl" || { bad=1; echo "# split $i differs"; }
  # two rounds: the states merged pairwise into states, then merged
  set -- "$tmp/split"/*.state
  if [ $# -ge 2 ]; then
    kiji track --merge --partial "$1" "$2" > "$tmp/split/round.state"
    shift 2
    kiji track --merge "$tmp/split/round.state" "$@" > "$tmp/merged2.out" || bad=1
    cmp -s "$tmp/merged2.out" "$fx/all.expect.jsonl" || { bad=1; echo "# split $i (two rounds) differs"; }
  fi
done
check "8 random splits, --partial then --merge (and in two rounds): the single run's bytes" test $bad = 0

# the same article twice (in two shards) counts twice but is listed once
head -1 "$fx/radar.jsonl" > "$tmp/one.jsonl"
kiji track --partial "$tmp/one.jsonl" > "$tmp/one.state"
kiji track --merge "$tmp/one.state" "$tmp/one.state" > "$tmp/twice.out"
cat "$tmp/one.jsonl" "$tmp/one.jsonl" | kiji track > "$tmp/twice1.out"
check "a repeated article: merged as the single run, listed once" \
  sh -c "cmp -s '$tmp/twice.out' '$tmp/twice1.out' && grep -q '\"count\":2' '$tmp/twice.out' && test \$(grep -o '\"article\"' '$tmp/twice.out' | wc -l) = 1"

# --max-denials: the smallest denials kept, count still all; split-free
kiji track --max-denials 1 "$tmp/all.jsonl" > "$tmp/max1.out"
head -3 "$tmp/all.jsonl" | kiji track --partial --max-denials 1 > "$tmp/m1.state"
tail -n +4 "$tmp/all.jsonl" | kiji track --partial --max-denials 1 > "$tmp/m2.state"
kiji track --merge "$tmp/m1.state" "$tmp/m2.state" > "$tmp/max1m.out"
check "--max-denials 1: one denial an event, count unchanged, merged alike" \
  sh -c "cmp -s '$tmp/max1.out' '$tmp/max1m.out' && grep -q '\"count\":4,\"denials\":\[{\"article\":\"radar-1\"' '$tmp/max1.out' \
    && test \$(grep -o '\"article\"' '$tmp/max1.out' | wc -l) = \$(wc -l < '$tmp/max1.out')"

# --format html: kiji.timeline's page of the events, as their JSON decodes:
# the same bytes as the page of all.expect.jsonl (the page itself is
# tested in Chromium by timeline.t)
kiji track --format html "$tmp/all.jsonl" > "$tmp/page.html"
lua - "$fx/all.expect.jsonl" > "$tmp/page-expect.html" <<'EOF'
local cjson = require "cjson"
local events = {}
for line in io.lines(arg[1]) do events[#events + 1] = cjson.decode(line) end
io.write(require("kiji.timeline").page(events, { title = "kiji track" }))
EOF
check "--format html: kiji.timeline's page of the events (10 rows)" \
  sh -c "cmp -s '$tmp/page.html' '$tmp/page-expect.html' && test \$(grep -o 'data-event=\"ev-[0-9a-f]*\"' '$tmp/page.html' | sort -u | wc -l) = 10"

# ------------------------------------------------------------ errors

printf '%s\n' '{"id":"x","text":"The Japanese Health Ministry denied a Nikkei Shimbun report on drug prices."}' \
  'not json' '{"id":"y"}' '{"id":"z","denials":[1,null,"x",{"by":5,"sentence":7,"claim":[]}]}' \
  > "$tmp/bad.jsonl"
kiji track "$tmp/bad.jsonl" > "$tmp/bad.out" 2> "$tmp/bad.err"
st=$?
check "bad lines (and a document of malformed denials): exit 1, each named, the good one still tracked" \
  sh -c "test $st = 1 && grep -q 'bad.jsonl:2: bad record' '$tmp/bad.err' && grep -q 'bad.jsonl:3:' '$tmp/bad.err' && ! grep -q traceback '$tmp/bad.err' && grep -q '\"article\":\"x\"' '$tmp/bad.out'"
kiji track --merge "$fx/radar.jsonl" > /dev/null 2> "$tmp/merge.err"
st=$?
check "--merge of articles, not states: exit 1, said" sh -c "test $st = 1 && grep -q 'not a kiji track state' '$tmp/merge.err'"
kiji track --max-denials 0 "$fx/radar.jsonl" > /dev/null 2>&1
check "--max-denials 0: usage error (2)" test $? = 2
kiji track --help | grep -q 'usage: kiji track'
check "kiji track --help" test $? = 0
kiji --help | grep -q 'kiji track'
check "kiji --help names track" test $? = 0

# ------------------------------------------------------------ the Lua API

lua - "$fx" > "$tmp/api.out" 2>&1 <<'EOF'
local kiji = require "kiji"
local cjson = require "cjson"
local fx = arg[1]
local function articles(name)
  local list = {}
  for line in io.lines(fx .. "/" .. name .. ".jsonl") do list[#list + 1] = cjson.decode(line) end
  return list
end
local function expected(name)
  local list = {}
  for line in io.lines(fx .. "/" .. name .. ".expect.jsonl") do list[#list + 1] = cjson.decode(line) end
  return list
end
local function same(a, b, path)
  if type(a) ~= type(b) then error(path .. ": " .. type(a) .. " vs " .. type(b)) end
  if type(a) ~= "table" then
    if a ~= b then error(path .. ": " .. tostring(a) .. " vs " .. tostring(b)) end
    return
  end
  for k, v in pairs(a) do if v ~= cjson.null then same(v, b[k], path .. "." .. tostring(k)) end end
  for k, v in pairs(b) do if v ~= cjson.null and a[k] == nil then error(path .. "." .. tostring(k) .. " missing") end end
end
-- texts added one by one: events() as the expectation file decodes
local acc = kiji.track()
for _, a in ipairs(articles("radar")) do assert(acc:add(a.text, { id = a.id, date = a.date, source = a.source })) end
same(acc:events(), expected("radar"), "radar")
print("ok texts")
-- documents, two accumulators merged
local one, two = kiji.track(), kiji.track()
for i, a in ipairs(articles("summit")) do
  -- annotated as kiji track annotates a text: with the article's day
  local doc = kiji.annotate(a.text, { date = require("kiji.feed_date").day(a.date) })
  ;(i % 2 == 0 and one or two):add(doc, { id = a.id, date = a.date, source = a.source })
end
same(one:merge(two):events(), expected("summit"), "summit")
print("ok documents merged")
-- the state written and read back
local lines = {}
one:dump(function(l) lines[#lines + 1] = l end)
local back = kiji.track()
for _, l in ipairs(lines) do assert(back:load(l)) end
same(back:events(), expected("summit"), "summit state")
print("ok state")
-- a denial's own date wins over the article's
local doc = kiji.annotate("防衛省は、毎日新聞の報道を否定した。")
doc.denials[1].date = "2024-02-29"
local acc2 = kiji.track()
acc2:add(doc, { id = "d", date = "2024-03-01" })
local ev = acc2:events()[1]
assert(ev.first == "2024-02-29" and ev.denials[1].date == "2024-02-29", "own date")
local acc3 = kiji.track()
acc3:add(kiji.annotate("防衛省は、毎日新聞の報道を否定した。"), { id = "d", date = "2024/3/1" })
assert(acc3:events()[1].first == "2024-03-01", "article date")
print("ok dates")
-- one denier, one outlet: the same event id in both languages
local ja, en = kiji.track(), kiji.track()
ja:add("防衛省は、毎日新聞の報道を否定した。", { id = "j" })
en:add("Japan's Defense Ministry denied a Mainichi Shimbun report.", { id = "e" })
assert(ja:events()[1].event == en:events()[1].event, "one event id across languages")
assert(ja:merge(en):events()[1].count == 2, "one event")
print("ok languages")
-- claim key words: grammar words (here "may", a hedge), numbers left out
assert(require("kiji.track").key_words("that the water in Osaka was contaminated on 3 May") == "contaminated osaka water")
print("ok key words")
EOF
st=$?
check "Lua API: add, events, merge, dump/load, dates, languages, key words" test $st = 0
[ $st = 0 ] || sed 's/^/# /' "$tmp/api.out" >&2

tap_end
