#!/bin/sh
# The kiji command line (bin/kiji, lua/kiji/cli.lua) under lua5.4, as TAP:
# every command and format on small wire-style texts written for this test.
# BUILD names the build tree; ASAN_PRELOAD, when set, is preloaded into the
# interpreter (as tests/run-busted.sh does). Skipped without lua5.4,
# lua-cjson or the Lua 5.4 kiji.core (skip.sh).
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
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

diag() { sed 's/^/# /' "$@" >&2; }

# the interpreters, with the sanitizer runtime preloaded when asked
lua() {
  if [ -n "${ASAN_PRELOAD:-}" ]; then env LD_PRELOAD="$ASAN_PRELOAD" lua5.4 "$@"; else lua5.4 "$@"; fi
}
kiji() { lua bin/kiji "$@"; }

# ------------------------------------------------------------ inputs

mkdir "$tmp/in"
cat > "$tmp/in/en.txt" <<'EOF'
Trade ministry rejects report on chip export curbs

OSAKA (Kiji Wire) -- Japan's Foreign Ministry on Thursday denied a report by the Hokuriku Shimbun that talks with Seoul had collapsed.
Chief Cabinet Secretary Daichi Morooka told Reuters the story was "groundless."
According to Kyodo News, government officials were surprised by the report.
EOF
cat > "$tmp/in/ja.txt" <<'EOF'
防衛省は１２日、北陸新聞が報じた演習中止について「事実無根だ」と否定した。
共同通信によると、外務省幹部は「そのような事実はない」と述べた。
EOF
cat > "$tmp/in/plain.txt" <<'EOF'
The weather in Sendai was mild on Friday.
EOF
printf 'The Foreign Ministry denied a story in Hirosaki Dawn about the talks.\n' > "$tmp/in/dawn.txt"
printf 'Kyodo News said \377 the ministry denied it.\n' > "$tmp/in/invalid.txt"
printf 'NUL\000 bytes: the Defense Ministry denied the report.\n' > "$tmp/in/nul.txt"
mkdir "$tmp/in/adir"

# checks.lua MODE ARGS: assertions on outputs, in Lua with lua-cjson
cat > "$tmp/checks.lua" <<'EOF'
local cjson = require "cjson.safe"
local mode = arg[1]
local function read(p) local f = assert(io.open(p, "rb")) local s = f:read("*a") f:close() return s end
local function fail(...) io.stderr:write(table.concat({...}, " "), "\n") os.exit(1) end
-- every {text, start, end} in a document matches the input's bytes
local function spans(v, text, where, count)
  if type(v) ~= "table" then return count end
  if type(v.start) == "number" and type(v["end"]) == "number" then
    local orig = v.text ~= nil and text:sub(v.start + 1, v["end"])
    -- JSON strings are UTF-8: an invalid byte (here only \377) is U+FFFD there
    if orig and orig ~= v.text and orig:gsub("\255", "\239\191\189") ~= v.text then
      fail(where, "span", v.start, v["end"], "is not", v.text)
    end
    count = count + 1
  end
  for _, x in pairs(v) do count = spans(x, text, where, count) end
  return count
end
local function has(list, pred) for _, x in ipairs(list or {}) do if pred(x) then return x end end end
if mode == "jsonl" then
  -- checks.lua jsonl OUT EXPECTED_IDS... : one document per id, in order,
  -- each parsing, offsets matching the file named by its id
  local i = 1
  for line in io.lines(arg[2]) do
    local doc, err = cjson.decode(line)
    if not doc then fail("line", i, "does not parse:", err) end
    if doc.kiji ~= 2 then fail("line", i, "is not a kiji document") end
    if doc.id ~= arg[i + 2] then fail("line", i, "id", tostring(doc.id), "expected", tostring(arg[i + 2])) end
    local n = spans(doc, read(doc.id), doc.id, 0)
    if doc.bytes ~= #read(doc.id) then fail(doc.id, "bytes", doc.bytes) end
    i = i + 1
  end
  if i - 1 ~= #arg - 2 then fail("got", i - 1, "documents, expected", #arg - 2) end
elseif mode == "as-kiji-json" then
  -- checks.lua as-kiji-json OUT: each line, byte for byte, what kiji.json
  -- of kiji.annotate of the file named by its id gives
  local kiji = require "kiji"
  local i = 0
  for line in io.lines(arg[2]) do
    i = i + 1
    local id = line:match('^{"kiji":%d+,"id":"([^"]*)"')
    if not id then fail("line", i, "has no id") end
    if line ~= kiji.json(assert(kiji.annotate(read(id))), id) then
      fail("line", i, "is not kiji.json of", id)
    end
  end
  if i == 0 then fail("no documents") end
elseif mode == "content" then
  -- checks.lua content OUT: what the en and ja texts must give
  for line in io.lines(arg[2]) do
    local doc = assert(cjson.decode(line))
    if doc.id:match("en%.txt$") then
      assert(doc.lang == "en", "en lang")
      assert(has(doc.officials, function(m) return m.text == "Foreign Ministry" and m.country == "JP" end), "en: Foreign Ministry")
      assert(has(doc.officials, function(m) return m.subtype == "person" and m.person and m.person.text == "Daichi Morooka" end), "en: Morooka")
      assert(has(doc.outlets, function(m) return m.id == "reuters" end), "en: Reuters")
      assert(has(doc.outlets, function(m) return m.id == "kyodo" end), "en: Kyodo")
      assert(has(doc.outlets, function(m) return m.text == "Hokuriku Shimbun" end), "en: Hokuriku Shimbun")
      assert(has(doc.denials, function(d) return d.by ~= cjson.null and d.by.text == "Foreign Ministry" and d.cue.text == "denied" end), "en: ministry denial")
      assert(has(doc.denials, function(d) return d.reported_by ~= cjson.null and d.reported_by.id == "reuters" end), "en: denial reported by Reuters")
      assert(has(doc.attributions, function(a) return a.cue.text == "According to" end), "en: attribution")
    elseif doc.id:match("ja%.txt$") then
      assert(doc.lang == "ja", "ja lang")
      assert(has(doc.officials, function(m) return m.text == "防衛省" and m.id == "jp.mod" end), "ja: 防衛省")
      assert(has(doc.outlets, function(m) return m.id == "kyodo" end), "ja: 共同通信")
      assert(has(doc.denials, function(d) return d.by ~= cjson.null and d.by.text == "防衛省" end), "ja: denial by 防衛省")
      assert(has(doc.attributions, function(a) return a.source ~= cjson.null and a.source.id == "kyodo" end), "ja: によると")
    end
  end
elseif mode == "json" then
  -- checks.lua json OUT ID: one indented JSON value
  local s = read(arg[2])
  local doc, err = cjson.decode(s)
  if not doc then fail("does not parse:", err) end
  if doc.id ~= arg[3] then fail("id", tostring(doc.id)) end
  if not s:find("\n  ", 1, true) then fail("not indented") end
  spans(doc, read(arg[3]), arg[3], 0)
elseif mode == "sentences" then
  -- checks.lua sentences OUT INPUT: start TAB end TAB text, matching the input
  local text, k = read(arg[3]), 0
  for line in io.lines(arg[2]) do
    local s, e, t = line:match("^(%d+)\t(%d+)\t(.*)$")
    if not s then fail("bad line", line) end
    t = t:gsub("\\n", "\n"):gsub("\\t", "\t")
    if text:sub(tonumber(s) + 1, tonumber(e)) ~= t then fail("sentence", s, e, "is not", t) end
    k = k + 1
  end
  if k ~= tonumber(arg[4]) then fail("got", k, "sentences") end
elseif mode == "outlet-id" then
  -- checks.lua outlet-id OUT ID yes|no
  local doc = assert(cjson.decode(read(arg[2])))
  local found = has(doc.outlets, function(m) return m.id == arg[3] end)
  if (found ~= nil) ~= (arg[4] == "yes") then fail("outlet", arg[3], found and "found" or "not found") end
elseif mode == "version" then
  local kiji = require "kiji"
  if read(arg[2]) ~= "kiji " .. kiji.version .. "\n" then fail("version line", read(arg[2])) end
elseif mode == "json-array" then
  -- checks.lua json-array OUT IDS...: one JSON text, an array of documents
  -- with those ids in order (the id 'null' for a document without one)
  local docs, err = cjson.decode(read(arg[2]))
  if not docs then fail("does not parse:", err) end
  if type(docs) ~= "table" or docs.kiji ~= nil then fail("not an array") end
  if #docs ~= #arg - 2 then fail("got", #docs, "documents, expected", #arg - 2) end
  for i, doc in ipairs(docs) do
    local id = type(doc.id) == "number" and ("%d"):format(doc.id) or doc.id == cjson.null and "null" or doc.id
    if doc.kiji ~= 2 or id ~= arg[i + 2] then
      fail("document", i, "id", tostring(doc.id))
    end
  end
elseif mode == "record" then
  -- checks.lua record OUT: the record of records-fields.jsonl, its fields kept
  local line = read(arg[2]):match("^[^\n]*")
  local doc, err = cjson.decode(line)
  if not doc then fail("does not parse:", err) end
  if not line:find('^{"kiji":2,"id":7,') then fail('"id":7 is not the number 7 at the start:', line:sub(1, 40)) end
  if doc.text ~= nil then fail("text is still there") end
  if doc._source ~= "x" or type(doc.source) ~= "table" or doc.source.text ~= "x" or doc.source.start ~= nil or doc.meta.list[2] ~= 2.5 or doc.meta.list[3].b ~= cjson.null or doc.flag ~= true then
    fail("a field of the record is not as it was")
  end
  if doc.lang ~= "en" or doc._lang ~= "en-GB" or doc.__lang ~= "kept too" then fail("lang clash: lang", doc.lang, "_lang", doc._lang) end
  if doc.bytes ~= 39 or #doc.outlets ~= 1 then fail("not kiji's document of the text") end
elseif mode == "screen" then
  -- checks.lua screen TRANSCRIPT WANT: the terminal's lines once \r and
  -- ESC[K are applied: the bar was drawn (WANT is in the transcript) but
  -- no line holds it, and each other line is whole (a document or empty)
  local raw = read(arg[2])
  if not raw:find(arg[3], 1, true) then fail("no progress bar drawn:", (raw:gsub("[%c]", "."))) end
  local lines, cur, col = {}, {}, 0
  local i = 1
  while i <= #raw do
    local c = raw:sub(i, i)
    if c == "\r" then col = 0
    elseif c == "\n" then lines[#lines + 1] = table.concat(cur) cur, col = {}, 0
    elseif raw:sub(i, i + 2) == "\27[K" then
      for k = col + 1, #cur do cur[k] = nil end
      i = i + 2
    else col = col + 1 cur[col] = c end
    i = i + 1
  end
  if #cur > 0 then lines[#lines + 1] = table.concat(cur) end
  for _, l in ipairs(lines) do
    if l:find(arg[3], 1, true) or l:find("%[[#-]+%]") then fail("a bar is left on the screen:", l) end
    if l ~= "" and not l:find("^{\"kiji\":2") then fail("a line is not a whole document:", l) end
  end
elseif mode == "kinds" then
  -- checks.lua kinds GENERATOR.c: dict lint's kinds and subtypes are the
  -- lexicon generator's (kinds[] and subtypes[] there)
  -- (a word's: the list in annotate/word_classes.h, which kiji.core has)
  local classes = {}
  for name in read("plugin/annotate/word_classes.h"):gmatch('X%(%u[%u%d_]*, "([^"]*)"%)') do classes[#classes + 1] = name end
  local c = read(arg[2]):gsub("KIJI_WORD_CLASSES%(KIJI_GEN_WORD_CLASS%)", '"' .. table.concat(classes, " ") .. '"')
  if #classes < 70 then fail("word_classes.h gives", #classes, "classes") end
  local kinds, subs = {}, {}
  for k in c:match("kinds%[%] = (%b{})"):gmatch('"([^"]*)"') do kinds[#kinds + 1] = k end
  local block = c:match("subtypes%[%] = (%b{})"):gsub("%b()", function(g)
    return '"' .. table.concat((function() local t = {} for x in g:gmatch('"([^"]*)"') do t[#t + 1] = x end return t end)()) .. '"'
  end)
  for x in block:gmatch('"([^"]*)"') do subs[#subs + 1] = x end
  local lint = require("kiji.cli_dict").KINDS
  if #lint ~= #kinds then fail("dict lint knows", #lint, "kinds, the generator", #kinds) end
  for i, k in ipairs(kinds) do
    local want = subs[i] == "-" and "" or subs[i]
    local mine = lint[i] and lint[i].name == k and table.concat(lint[i].subtypes, " ")
    if mine ~= want then fail("kind", k, "subtypes", tostring(mine), "expected", want) end
  end
elseif mode == "module" then
  -- checks.lua module NAME: exit 0 when NAME is on package.path
  local path = (package.searchpath or function() return nil end)(arg[2], package.path)
  os.exit(path and 0 or 1)
end
EOF
checks() { lua "$tmp/checks.lua" "$@" 2>"$tmp/check.err" || { diag "$tmp/check.err"; return 1; }; }

# ------------------------------------------------------------ --help, --version

kiji --help > "$tmp/out" 2> "$tmp/err"
check "--help exits 0 and lists the commands" \
  sh -c '[ $0 -eq 0 ] && grep -q "kiji annotate" "$1" && grep -q "dict compile" "$1" && [ ! -s "$2" ]' $? "$tmp/out" "$tmp/err"
kiji --version > "$tmp/out"
check "--version prints kiji.version" sh -c '[ $0 -eq 0 ]' $?
check "--version line" checks version "$tmp/out"
check "bin/kiji is executable" test -x bin/kiji
if [ "${BUILD:-build}" = build ]; then
  check "bin/kiji from the checkout finds its modules without LUA_PATH, from any directory" \
    sh -c 'cd / && env -u LUA_PATH -u LUA_CPATH lua5.4 "$0/bin/kiji" --version | grep -q "^kiji "' "$(pwd)"
else # (bin/kiji finds the checkout's build/, not this run's $BUILD)
  ok "bin/kiji from the checkout without LUA_PATH # SKIP it finds build/, this run builds in $BUILD"
fi
# LUA_PATH and LUA_CPATH come before the checkout's own (a sanitizer run
# points LUA_CPATH at build/asan): a kiji.cli of LUA_PATH is the one run
mkdir -p "$tmp/fake/kiji" && printf 'return {main = function() io.write("fake cli\\n") return 0 end}\n' > "$tmp/fake/kiji/cli.lua"
check "bin/kiji from a checkout takes LUA_PATH's modules first" \
  sh -c '[ "$(LUA_PATH="$0/?.lua;;" lua5.4 bin/kiji --version)" = "fake cli" ]' "$tmp/fake"

# ------------------------------------------------------------ annotate: jsonl

kiji annotate "$tmp/in/en.txt" "$tmp/in/ja.txt" > "$tmp/out.jsonl" 2> "$tmp/err"
check "annotate (default jsonl) of two files exits 0" sh -c '[ $0 -eq 0 ] && [ ! -s "$1" ]' $? "$tmp/err"
check "jsonl: one document per input, id = file name as given, parses, offsets match the bytes" \
  checks jsonl "$tmp/out.jsonl" "$tmp/in/en.txt" "$tmp/in/ja.txt"
check "jsonl: officials, outlets, denials and attributions in English and Japanese" \
  checks content "$tmp/out.jsonl"
check "jsonl: each document what kiji.json of kiji.annotate gives (the CLI writes it from C)" \
  checks as-kiji-json "$tmp/out.jsonl"
kiji annotate --format jsonl --lang en -- "$tmp/in/en.txt" > "$tmp/out2.jsonl"
check "--format jsonl --lang en and -- before the files" checks jsonl "$tmp/out2.jsonl" "$tmp/in/en.txt"

top=$(pwd)
case $BUILD in /*) abs_build=$BUILD ;; *) abs_build=$top/$BUILD ;; esac
(cd "$tmp/in" && LUA_PATH="$top/lua/?.lua;$top/lua/?/init.lua;;" LUA_CPATH="$abs_build/5.4/?.so;;" \
  lua "$top/bin/kiji" annotate en.txt ./ja.txt) > "$tmp/in/rel.jsonl" 2>"$tmp/err"
check "ids are the file names exactly as given (relative)" \
  sh -c 'cd "$0" && grep -q "\"id\":\"en.txt\"" rel.jsonl && grep -q "\"id\":\"./ja.txt\"" rel.jsonl' "$tmp/in"

kiji annotate < "$tmp/in/ja.txt" > "$tmp/out" && kiji annotate - < "$tmp/in/ja.txt" > "$tmp/out-dash"
check "stdin without FILE and with '-': id \"-\"" \
  sh -c 'grep -q "^{\"kiji\":2,\"id\":\"-\"" "$0" && cmp -s "$0" "$1"' "$tmp/out" "$tmp/out-dash"

kiji annotate "$tmp/in/en.txt" -o "$tmp/o.jsonl" > "$tmp/out"
check "-o OUT writes the file, nothing on stdout" \
  sh -c '[ ! -s "$0" ] && [ "$(wc -l < "$1")" -eq 1 ] && grep -q "Foreign Ministry" "$1"' "$tmp/out" "$tmp/o.jsonl"

# a stdout that cannot take the output (a full disk): said, and exit 1,
# however little was written (what stays in the stream's buffer until
# exit fails there too), with and without --jobs
if [ -w /dev/full ]; then
  printf 'The ministry denied the report.\n' | kiji annotate > /dev/full 2> "$tmp/err"
  check "stdout on a full disk: exit 1, said" sh -c '[ $0 -eq 1 ] && grep -q "cannot write stdout" "$1"' $? "$tmp/err"
  printf '{"id":"a","text":"The ministry denied the report."}\n' |
    kiji annotate --input jsonl --jobs 2 > /dev/full 2> "$tmp/err"
  check "stdout on a full disk, --jobs 2: exit 1, said" \
    sh -c '[ $0 -eq 1 ] && grep -q "cannot write stdout" "$1"' $? "$tmp/err"
  printf 'The ministry denied the report.\n' | kiji sentences > /dev/full 2> "$tmp/err"
  check "stdout on a full disk, kiji sentences: exit 1, said" \
    sh -c '[ $0 -eq 1 ] && [ "$(grep -c "cannot write stdout" "$1")" -eq 1 ]' $? "$tmp/err"
else
  skip "stdout on a full disk: no writable /dev/full"
  skip "stdout on a full disk, --jobs 2: no writable /dev/full"
  skip "stdout on a full disk, kiji sentences: no writable /dev/full"
fi

# -o naming an input (any spelling, a link to it): refused before anything
# is read or written, the input intact
cp "$tmp/in/en.txt" "$tmp/same.txt"
ln "$tmp/same.txt" "$tmp/hard.txt"
ln -s same.txt "$tmp/soft.txt"
sum=$(cksum < "$tmp/same.txt")
printf '%s\n' '{"id":1,"text":"Kyodo denied it."}' > "$tmp/same.jsonl"
jsum=$(cksum < "$tmp/same.jsonl")
for args in "annotate SAME -o SAME" "annotate $tmp/in/ja.txt $tmp/./same.txt -o $tmp/in/../same.txt" \
            "annotate -f tsv $tmp/hard.txt -o SAME" "annotate SAME -o $tmp/soft.txt" \
            "annotate --input jsonl $tmp/same.jsonl -o $tmp/same.jsonl" \
            "normalize SAME -o SAME" "sentences SAME -o SAME"; do
  # shellcheck disable=SC2086
  kiji $(echo "$args" | sed "s|SAME|$tmp/same.txt|g") > "$tmp/out" 2> "$tmp/err"
  check "-o naming an input is refused: kiji $args" \
    sh -c '[ $0 -eq 2 ] && grep -q "^kiji: -o .* is the input .*: name another file" "$1" && [ ! -s "$2" ] &&
           [ "$(cksum < "$3")" = "$4" ] && [ "$(cksum < "$5")" = "$6" ] && ! ls "$3".kiji-* "$5".kiji-* 2>/dev/null' \
    $? "$tmp/err" "$tmp/out" "$tmp/same.txt" "$sum" "$tmp/same.jsonl" "$jsum"
done

# ------------------------------------------------------------ other formats

kiji annotate --format json "$tmp/in/en.txt" > "$tmp/out.json"
check "--format json: one indented document, offsets match" checks json "$tmp/out.json" "$tmp/in/en.txt"
kiji annotate --format json "$tmp/in/en.txt" "$tmp/in/ja.txt" "$tmp/in/plain.txt" > "$tmp/out.json"
check "--format json of several inputs: one JSON array of their documents" \
  checks json-array "$tmp/out.json" "$tmp/in/en.txt" "$tmp/in/ja.txt" "$tmp/in/plain.txt"
if command -v python3 > /dev/null 2>&1; then
  check "... which python's json.load reads" python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$tmp/out.json"
else
  skip_one "python3 is not installed: json.load of the array"
fi
kiji annotate --format json "$tmp/in/missing.txt" "$tmp/in/nothing.txt" > "$tmp/out.json" 2> /dev/null
check "--format json of several inputs, all failing: exit 1, the empty array" \
  sh -c '[ $0 -eq 1 ] && [ "$(tr -d " \n" < "$1")" = "[]" ]' $? "$tmp/out.json"

kiji annotate --format tsv "$tmp/in/en.txt" "$tmp/in/ja.txt" > "$tmp/out.tsv"
check "--format tsv: header first, then mentions and denials of both inputs, a denial's target" \
  sh -c 'head -1 "$0" | grep -q "^input	kind	subtype	start	end	text	id" &&
         [ "$(grep -c "^input	" "$0")" -eq 1 ] &&
         grep -q "	official	body	[0-9]*	[0-9]*	Foreign Ministry	" "$0" &&
         grep -q "	outlet	agency	[0-9]*	[0-9]*	Reuters	reuters	" "$0" &&
         grep -q "ja.txt	denial		[0-9]*	[0-9]*	否定	" "$0" &&
         [ "$(awk -F "	" "NF != 15" "$0" | wc -l)" -eq 0 ] &&
         [ "$(awk -F "	" "\$2 == \"denial\" && \$11 == \"Foreign Ministry\" { print \$14 }" "$0")" = "Hokuriku Shimbun" ]' "$tmp/out.tsv"
check "--format tsv: start/end are byte offsets of the text" \
  sh -c 'line=$(grep -m1 "	Foreign Ministry	" "$0"); s=$(echo "$line" | cut -f4); e=$(echo "$line" | cut -f5);
         [ "$(tail -c +$((s + 1)) "$1" | head -c $((e - s)))" = "Foreign Ministry" ]' "$tmp/out.tsv" "$tmp/in/en.txt"

printf 'K' | kiji annotate --format text > "$tmp/one.txt"
check "--format text: 1 byte, not 1 bytes" grep -q ": 1 byte, " "$tmp/one.txt"
printf 'Kyodo denied the report.' | kiji annotate --format text > "$tmp/one.txt"
check "--format text: 1 sentence, not 1 sentences" grep -q ", 1 sentence\$" "$tmp/one.txt"

kiji annotate --format text "$tmp/in/en.txt" "$tmp/in/ja.txt" > "$tmp/out.txt"
check "--format text: WHO denied WHOSE report: WHAT (reported by WHOM)" \
  sh -c 'grep -q "^== .*en.txt: [0-9]* bytes, lang en" "$0" &&
         grep -q "Foreign Ministry denied Hokuriku Shimbun.s report: a report by the Hokuriku Shimbun" "$0" &&
         grep -q "Daichi Morooka denied .*(reported by Reuters)" "$0" &&
         grep -q "防衛省 denied" "$0" && grep -q "^-- outlets" "$0"' "$tmp/out.txt"

if checks module kiji.html 2>/dev/null; then
  kiji annotate --format html "$tmp/in/en.txt" > "$tmp/page.html" 2> "$tmp/err"
  check "--format html: one page on stdout" \
    sh -c '[ $0 -eq 0 ] && grep -qi "<html" "$1" && grep -q "Foreign Ministry" "$1"' $? "$tmp/page.html"
  kiji annotate --format html -o "$tmp/pages" "$tmp/in/en.txt" "$tmp/in/ja.txt" 2> "$tmp/err"
  check "--format html -o DIR: DIR/NAME.html per input" \
    sh -c '[ $0 -eq 0 ] && grep -qi "<html" "$1/en.html" && grep -q "防衛省" "$1/ja.html"' $? "$tmp/pages"
  mkdir "$tmp/one-dir"
  kiji annotate --format html -o "$tmp/one-dir" "$tmp/in/ja.txt" > "$tmp/out" 2> "$tmp/err"
  check "--format html -o DIR with one input, DIR there: DIR/NAME.html" \
    sh -c '[ $0 -eq 0 ] && [ ! -s "$1" ] && [ ! -s "$2" ] && grep -q "防衛省" "$3/ja.html"' $? "$tmp/out" "$tmp/err" "$tmp/one-dir"
  printf 'keep me\n' > "$tmp/page.file"
  kiji annotate --format html -o "$tmp/page.file" "$tmp/in/en.txt" "$tmp/in/ja.txt" > "$tmp/out" 2> "$tmp/err"
  check "--format html, several inputs, -o naming a file: exit 2, said on stderr, the file kept" \
    sh -c '[ $0 -eq 2 ] && [ ! -s "$1" ] && grep -q "^kiji: -o .*page.file is not a directory: --format html with several inputs" "$2" &&
           grep -q "^usage: kiji annotate" "$2" && [ "$(cat "$3")" = "keep me" ]' $? "$tmp/out" "$tmp/err" "$tmp/page.file"
  kiji annotate --format html --input jsonl -o "$tmp/page.file" "$tmp/in/en.txt" > "$tmp/out" 2> "$tmp/err"
  check "--format html --input jsonl, -o naming a file: exit 2, said on stderr" \
    sh -c '[ $0 -eq 2 ] && [ ! -s "$1" ] && grep -q "is not a directory: --format html with --input jsonl" "$2"' $? "$tmp/out" "$tmp/err"
  kiji annotate --format html -o "$tmp/page.file/" "$tmp/in/en.txt" > "$tmp/out" 2> "$tmp/err"
  check "--format html -o FILE/ (a directory asked for, a file there): exit 2" \
    sh -c '[ $0 -eq 2 ] && grep -q "page.file/ is not a directory" "$1" && [ "$(cat "$2")" = "keep me" ]' $? "$tmp/err" "$tmp/page.file"
else
  kiji annotate --format html "$tmp/in/en.txt" > /dev/null 2> "$tmp/err"
  check "--format html without kiji.html fails clearly" \
    sh -c '[ $0 -eq 1 ] && grep -q "html output needs kiji.html" "$1"' $? "$tmp/err"
  skip "kiji.html is not there yet: no html page to check"
fi
kiji annotate --format html "$tmp/in/en.txt" "$tmp/in/ja.txt" > /dev/null 2> "$tmp/err"
check "--format html of several inputs without -o is a usage error" sh -c '[ $0 -eq 2 ]' $?

# -o FILE with one input: that file, whatever the format, the same bytes
# as on stdout
for f in jsonl json tsv text html; do
  if [ $f = html ] && ! checks module kiji.html 2>/dev/null; then
    skip "kiji.html is not there: no -o FILE for html"
    continue
  fi
  rm -rf "$tmp/one.$f"
  kiji annotate --format $f "$tmp/in/en.txt" > "$tmp/stdout.$f" 2> /dev/null
  kiji annotate --format $f -o "$tmp/one.$f" "$tmp/in/en.txt" > "$tmp/out" 2> "$tmp/err"
  check "--format $f -o FILE with one input writes FILE (a file), as stdout would be" \
    sh -c '[ $0 -eq 0 ] && [ ! -s "$1" ] && [ ! -s "$2" ] && [ -f "$3" ] && [ -s "$3" ] && cmp -s "$3" "$4"' \
    $? "$tmp/out" "$tmp/err" "$tmp/one.$f" "$tmp/stdout.$f"
done

# ------------------------------------------------------------ --input jsonl

{
  printf '%s\n' '{"id":"r1","text":"The Foreign Ministry denied the report, Kyodo News said."}'
  printf '%s\n' '{"id":"r2","text": this is not json}'
  printf '\n'
  printf '%s\n' '{"id":"r3","text":"防衛省は読売新聞の報道を否定した。"}'
  printf '%s\n' '{"id":"r4"}'
  printf '%s\n' '{"id":5,"text":"Reuters reported that officials denied it."}'
} > "$tmp/records.jsonl"
kiji annotate --input jsonl --format jsonl < "$tmp/records.jsonl" > "$tmp/out" 2> "$tmp/err"
check "--input jsonl with bad records in the middle exits 1" sh -c '[ $0 -eq 1 ]' $?
check "--input jsonl: the good records written, in order, with their ids (a number stays one)" \
  sh -c '[ "$(wc -l < "$0")" -eq 3 ] && [ "$(sed -n "s/^{\"kiji\":2,\"id\":\([^,]*\),.*/\1/p" "$0" | tr "\n" " ")" = "\"r1\" \"r3\" 5 " ]' "$tmp/out"
check "--input jsonl: each bad record named on stderr with its line number" \
  sh -c 'grep -q "^kiji: -:2: bad record" "$0" && grep -q "^kiji: -:5: bad record" "$0" && [ "$(wc -l < "$0")" -eq 2 ]' "$tmp/err"
kiji annotate --input jsonl --format json < "$tmp/records.jsonl" > "$tmp/out.json" 2> /dev/null
check "--input jsonl --format json: one JSON array of the good records" checks json-array "$tmp/out.json" r1 r3 5

printf '%s\n' '{"lang": "en-GB", "id": 7, "source": "x", "text": "Kyodo News said the ministry denied it.", "meta": {"list": [1, 2.5, {"b": null}]}, "__lang": "kept too", "flag": true}' > "$tmp/fields.jsonl"
kiji annotate --input jsonl "$tmp/fields.jsonl" > "$tmp/out" 2> "$tmp/err"
check "--input jsonl: the record's fields kept, their types too; text left out; lang and source of the record as _lang, _source (the source also the document's)" \
  sh -c '[ $0 -eq 0 ] && [ ! -s "$1" ]' $? "$tmp/err"
check "... (the fields)" checks record "$tmp/out"
kiji annotate --input jsonl --format json "$tmp/fields.jsonl" > "$tmp/out" 2> "$tmp/err"
check "... and with --format json" sh -c 'tr -d "\n" < "$0" | grep -q "^\[ *{ *\"kiji\": *2, *\"id\": *7,.*\"_source\": *\"x\""' "$tmp/out"

printf 'The Defense Ministry on Tuesday denied the report.\n' > "$tmp/dated.txt"
kiji annotate --date 2023-08-10 --source Kyodo "$tmp/dated.txt" > "$tmp/out" 2> "$tmp/err"
check "--date and --source: the document's date and source, a denial's date read against it" \
  sh -c '[ $0 -eq 0 ] && grep -q "\"date\":\"2023-08-10\",\"source\":{\"text\":\"Kyodo\",\"kind\":\"outlet\",\"subtype\":\"agency\",\"id\":\"kyodo\"" "$1" &&
         grep -q "\"date\":\"2023-08-08\",\"date_text\":{\"text\":\"on Tuesday\"" "$1"' $? "$tmp/out"
printf '%s\n' '{"id":1,"date":"2023-08-09","source":"Reuters","text":"The Defense Ministry on Tuesday denied the report."}' > "$tmp/dated.jsonl"
kiji annotate --input jsonl --date 2023-08-20 "$tmp/dated.jsonl" > "$tmp/out" 2> "$tmp/err"
check "--input jsonl: a record's date and source win over --date, and are kept as _date, _source" \
  sh -c '[ $0 -eq 0 ] && grep -q "\"date\":\"2023-08-09\",\"source\":{\"text\":\"Reuters\"" "$1" &&
         grep -q "\"_date\":\"2023-08-09\"" "$1" && [ "$(grep -o "\"date\":" "$1" | wc -l)" -eq 2 ]' $? "$tmp/out"
kiji annotate --date 8/10/2023 "$tmp/dated.txt" > /dev/null 2> "$tmp/err"
check "--date not YYYY-MM-DD: exit 2, said on stderr" sh -c '[ $0 -eq 2 ] && grep -q "^kiji: --date" "$1"' $? "$tmp/err"
kiji annotate --input jsonl --format tsv "$tmp/records.jsonl" > "$tmp/out" 2> "$tmp/err"
check "--input jsonl FILE --format tsv: the record ids in the input column" \
  sh -c '[ $0 -eq 1 ] && grep -q "^r3	denial" "$1" && grep -q "records.jsonl:2: bad record" "$2"' $? "$tmp/out" "$tmp/err"

# ------------------------------------------------------------ --jobs

# more records than one chunk holds (1024), bad ones among them, and
# records with their own date (in the forms feeds write them, and one no
# calendar has) and source: every format's output, stderr and exit
# status as without --jobs
awk -v en="$tmp/in/en.txt" -v ja="$tmp/in/ja.txt" 'BEGIN {
  while ((getline l < en) > 0) if (l != "") t[n++] = l
  while ((getline l < ja) > 0) if (l != "") t[n++] = l
  for (i = 1; i <= 4500; i++) {
    s = t[i % n]; gsub(/"/, "\\\"", s)
    if (i % 1000 == 7) print "{\"id\":\"b" i "\",\"text\": not json}"
    else if (i % 1000 == 9) print ""
    else if (i % 1000 == 11) printf "{\"id\":\"u%d\",\"text\":\"bad \377 byte\"}\n", i
    else if (i % 1000 == 13) print "{\"id\":\"x" i "\",\"text\":\"" s "\",\"date\":\"2023-02-30\"}"
    else if (i % 5 == 0) print "{\"id\":\"d" i "\",\"text\":\"" s "\",\"date\":\"2023/8/" (i % 28 + 1) "\",\"source\":\"Kyodo\"}"
    else if (i % 2) print "{\"id\":\"r" i "\",\"text\":\"" s "\",\"n\":" i "}"
    else print "{\"id\":" i ",\"text\":\"" s "\"}"
  }
}' > "$tmp/many.jsonl"
for fmt in jsonl json tsv text; do
  kiji annotate --input jsonl --invalid error --format $fmt "$tmp/many.jsonl" > "$tmp/one.out" 2> "$tmp/one.err"
  one=$?
  for j in 1 2 0; do
    kiji annotate --input jsonl --invalid error --format $fmt --jobs $j "$tmp/many.jsonl" > "$tmp/jobs.out" 2> "$tmp/jobs.err"
    check "--jobs $j --format $fmt: output, stderr and exit status as without --jobs" \
      sh -c '[ $0 -eq 1 ] && [ $1 -eq 1 ] && cmp -s "$2" "$3" && cmp -s "$4" "$5" && [ -s "$2" ]' \
      $one $? "$tmp/one.out" "$tmp/jobs.out" "$tmp/one.err" "$tmp/jobs.err"
  done
done
check "... (records in several chunks; each bad one named: 5 not JSON, 5 invalid UTF-8)" \
  sh -c '[ "$(wc -l < "$0")" -eq 10 ] && grep -q "^kiji: .*many.jsonl:4011: id u4011: invalid UTF-8 at byte 5" "$0"' "$tmp/jobs.err"
# --jobs with FILEs: more files than one group holds (256), a file with
# invalid UTF-8 and one that cannot be read among them: every format's
# output, stderr and exit status as without --jobs
mkdir -p "$tmp/files"
for i in $(seq 1 300); do
  case $i in
    57) printf 'bad \377 byte\n' > "$tmp/files/$i.txt" ;;
    *) cp "$tmp/in/$( [ $((i % 2)) = 0 ] && echo en || echo ja ).txt" "$tmp/files/$i.txt" ;;
  esac
done
set -- $(seq 1 300 | sed "s|.*|$tmp/files/&.txt|")
set -- "$@" "$tmp/files/missing.txt"
for fmt in jsonl json tsv text; do
  kiji annotate --invalid error --format $fmt "$@" > "$tmp/one.out" 2> "$tmp/one.err"
  one=$?
  for j in 1 2; do
    kiji annotate --invalid error --format $fmt --jobs $j "$@" > "$tmp/jobs.out" 2> "$tmp/jobs.err"
    check "--jobs $j --format $fmt with FILEs: output, stderr and exit status as without --jobs" \
      sh -c '[ $0 -eq 1 ] && [ $1 -eq 1 ] && cmp -s "$2" "$3" && cmp -s "$4" "$5" && [ -s "$2" ]' \
      $one $? "$tmp/one.out" "$tmp/jobs.out" "$tmp/one.err" "$tmp/jobs.err"
  done
done
check "... (each failing file named: invalid UTF-8, cannot be read)" \
  sh -c '[ "$(wc -l < "$0")" -eq 2 ] && grep -q "files/57.txt: invalid UTF-8 at byte 5" "$0" && grep -q "missing.txt" "$0"' "$tmp/jobs.err"
set --
# records that the C reader of --jobs takes (escapes, the document's own
# member names, ids of every kind) and lines it leaves to the Lua reader
# (lone surrogates, raw control characters, names twice, bad JSON, a
# date): the same output and messages as without --jobs
cat > "$tmp/tricky.jsonl" <<'EOF'
{"id":"e1","text":"The Harbor Agency denied a caf\u00e9 \ud83d\ude00 report \/ \n\"quoted\" \\ here."}
{"id":"e2","text":"lone \ud800 high"}
{"id":"e4","text":"nul \u0000 in"}
{"t\u0065xt":"The ministry denied it.","id":"e6"}
{"id":"e7","text":"dup","text":"The ministry denied it twice."}
{"id":"e8","text":"own names","lang":"xx","_lang":1,"bytes":[1, 2 ,3],"kiji":{"a" : [ {} , [] ]}}
{"id":-1.5e+3,"text":"number id","n":0,"big":1E400}
{"id":null,"text":"null id"}
{"id":true,"text":"bool id"}
{"id":"e13","text":5}
{"id":"e14","text":"trailing"} x
   
{"id":"e18","text":"dated","date":"2024-05-01"}
{"id":"\u0041","text":"防衛省は報道を否定した。"}
EOF
printf '{"id":"e5","text":"raw\ttab"}\n{"id":"e23","text":"invalid \377 byte"}\r\n{"id":"e29","text":"no newline"}' >> "$tmp/tricky.jsonl"
kiji annotate --input jsonl --invalid error "$tmp/tricky.jsonl" > "$tmp/one.out" 2> "$tmp/one.err"
one=$?
for j in 1 2; do
  kiji annotate --input jsonl --invalid error --jobs $j "$tmp/tricky.jsonl" > "$tmp/jobs.out" 2> "$tmp/jobs.err"
  check "--jobs $j, records read in C and in Lua: output, stderr and exit status as without --jobs" \
    sh -c '[ $0 -eq 1 ] && [ $1 -eq 1 ] && cmp -s "$2" "$3" && cmp -s "$4" "$5" && [ "$(wc -l < "$2")" -eq 11 ] && [ "$(wc -l < "$4")" -eq 5 ]' \
    $one $? "$tmp/one.out" "$tmp/jobs.out" "$tmp/one.err" "$tmp/jobs.err"
done
# without --jobs a file is read in chunks, as --jobs 1 reads it, and a
# pipe in chunks of what is there: the same output and messages
for f in many tricky; do
  kiji annotate --input jsonl --invalid error "$tmp/$f.jsonl" > "$tmp/file.out" 2> "$tmp/file.err"
  one=$?
  cat "$tmp/$f.jsonl" | kiji annotate --input jsonl --invalid error > "$tmp/pipe.out" 2> "$tmp/pipe.err"
  check "$f.jsonl from a pipe, in chunks of what came: as from the file" \
    sh -c '[ $0 -eq 1 ] && [ $1 -eq 1 ] && cmp -s "$2" "$3" && [ -s "$4" ] &&
           [ "$(sed "s|^kiji: [^:]*:|kiji: X:|" "$4")" = "$(sed "s|^kiji: [^:]*:|kiji: X:|" "$5")" ]' \
    $one $? "$tmp/file.out" "$tmp/pipe.out" "$tmp/file.err" "$tmp/pipe.err"
done
# a pipe streams: a record is taken as soon as it has come, the writer
# still there (it writes the next record only once kiji has said what was
# wrong with the first, else after 10 s a "late" one)
for jobs in "" "--jobs 2"; do
  {
    printf 'not json\n'
    k=0
    while [ $k -lt 200 ] && ! grep -q "bad record" "$tmp/stream.err" 2> /dev/null; do sleep 0.05; k=$((k + 1)); done
    if [ $k -lt 200 ]; then echo '{"id":"told","text":"x"}'; else echo '{"id":"late","text":"x"}'; fi
  } | kiji annotate --input jsonl $jobs > "$tmp/stream.out" 2> "$tmp/stream.err"
  check "from a pipe${jobs:+ with $jobs}, a record is annotated as it comes, not when more have" \
    sh -c '[ $0 -eq 1 ] && grep -q "\"id\":\"told\"" "$1" && [ "$(grep -c "bad record" "$2")" -eq 1 ]' \
    $? "$tmp/stream.out" "$tmp/stream.err"
  rm -f "$tmp/stream.err"
done
# records with no "id" (false in the C reader's id_json), one read in C,
# one in Lua (its date): written, from a file, a pipe and with --jobs
printf '%s\n' '{"text":"Kyodo News said the ministry denied it."}' \
  '{"text":"The ministry denied it.","date":"2023-08-09"}' > "$tmp/noid.jsonl"
for how in file pipe "--jobs 2" "--format json"; do
  case $how in
    pipe) cat "$tmp/noid.jsonl" | kiji annotate --input jsonl > "$tmp/out" 2> "$tmp/err" ;;
    file) kiji annotate --input jsonl "$tmp/noid.jsonl" > "$tmp/out" 2> "$tmp/err" ;;
    *) kiji annotate --input jsonl $how "$tmp/noid.jsonl" > "$tmp/out" 2> "$tmp/err" ;;
  esac
  check "records with no id, $how: both written, nothing said" \
    sh -c '[ $0 -eq 0 ] && [ ! -s "$2" ] && [ "$(grep -c "\"kiji\": *2" "$1")" -eq 2 ]' $? "$tmp/out" "$tmp/err"
done
# a read error in the line the first 1 MB chunk ends in (a disk's EIO, on
# a stdin that can seek): said, and the records read before it written;
# the line it cut short is not read as a bad record
cat > "$tmp/eio.lua" <<'EOF'
-- stdin failing at byte `cut` (EIO), as a disk does: read(n) reaching it
-- gives nil and the error, a line reaching it too
local line = '{"id":1,"text":"Kyodo News said it."}\n'
local data = line:rep(math.floor(2 * 1024 * 1024 / #line))
local cut = tonumber(arg[2]) -- the byte it fails at
local pos, stdin = 0, {}
function stdin.seek(_, whence, offset)
  if whence == "set" then pos = offset elseif whence == "end" then return #data end
  return pos
end
function stdin.read(_, what)
  local e
  if type(what) == "number" then e = pos + what else e = data:find("\n", pos + 1, true) or #data end
  if e > cut then pos = cut return nil, "Input/output error", 5 end
  local s = data:sub(pos + 1, e)
  pos = e
  if type(what) ~= "number" then s = s:gsub("\n$", "") end
  if s == "" and type(what) == "number" then return nil end
  return s
end
local out = assert(io.open(arg[1], "wb"))
os.exit(require("kiji.cli").main({ "annotate", "--input", "jsonl" }, { stdin = stdin, stdout = out }))
EOF
lua "$tmp/eio.lua" "$tmp/out" $((1024 * 1024 + 5)) 2> "$tmp/err"
check "a read error in the middle of a line: only the error said, exit 1" \
  sh -c '[ $0 -eq 1 ] && [ "$(cat "$1")" = "kiji: -: Input/output error" ] && [ "$(wc -l < "$2")" -eq 27594 ]' $? "$tmp/err" "$tmp/out"
# ... and half way through the second chunk: the records before it are
# written still (41391 of 38 bytes), as a line-by-line reader writes them
lua "$tmp/eio.lua" "$tmp/out" $((3 * 512 * 1024 + 5)) 2> "$tmp/err"
check "a read error half way through a chunk: the records before it written" \
  sh -c '[ $0 -eq 1 ] && [ "$(cat "$1")" = "kiji: -: Input/output error" ] && [ "$(wc -l < "$2")" -eq 41391 ]' $? "$tmp/err" "$tmp/out"
printf 'Hirosaki Dawn\toutlet\thdawn\t\tsubtype=newspaper\n' > "$tmp/jobs.tsv"
{ cat "$tmp/records.jsonl"; printf '{"id":"d","text":"%s"}\n' "$(cat "$tmp/in/dawn.txt")"; } > "$tmp/jobs.jsonl"
kiji annotate --input jsonl --jobs 2 --dict "$tmp/jobs.tsv" < "$tmp/jobs.jsonl" > "$tmp/jobs.out" 2> /dev/null
kiji annotate --input jsonl --dict "$tmp/jobs.tsv" < "$tmp/jobs.jsonl" > "$tmp/one.out" 2> /dev/null
check "--jobs 2 --dict, from stdin: as without --jobs" \
  sh -c 'cmp -s "$0" "$1" && grep -q "\"id\":\"hdawn\"" "$1"' "$tmp/one.out" "$tmp/jobs.out"
kiji annotate --jobs 2 "$tmp/in/en.txt" > "$tmp/out" 2> "$tmp/err"
kiji annotate "$tmp/in/en.txt" > "$tmp/out1"
check "--jobs 2 with one FILE: as without" sh -c '[ $0 -eq 0 ] && [ ! -s "$1" ] && cmp -s "$2" "$3"' \
  $? "$tmp/err" "$tmp/out" "$tmp/out1"
kiji annotate --input jsonl --jobs -1 < /dev/null > "$tmp/out" 2> "$tmp/err"
check "--jobs -1: exit 2" sh -c '[ $0 -eq 2 ] && grep -q "bad value .-1. for .--jobs." "$1"' $? "$tmp/err"
kiji --help > "$tmp/out"
check "--help names --jobs" grep -q -- "-j, --jobs N" "$tmp/out"

# ------------------------------------------------------------ failures keep the others

cp "$tmp/in/plain.txt" "$tmp/in/locked.txt"
chmod 000 "$tmp/in/locked.txt"
kiji annotate "$tmp/in/en.txt" "$tmp/in/missing.txt" "$tmp/in/adir" "$tmp/in/ja.txt" > "$tmp/out" 2> "$tmp/err"
check "a missing file and a directory among good files: exit 1" sh -c '[ $0 -eq 1 ]' $?
check "... the good files still written" checks jsonl "$tmp/out" "$tmp/in/en.txt" "$tmp/in/ja.txt"
check "... each failure named on stderr" \
  sh -c 'grep -q "missing.txt: No such file" "$0" && grep -q "adir: Is a directory" "$0" && [ "$(wc -l < "$0")" -eq 2 ]' "$tmp/err"
if [ "$(id -u)" != 0 ]; then
  kiji annotate "$tmp/in/locked.txt" "$tmp/in/en.txt" > "$tmp/out" 2> "$tmp/err"
  check "an unreadable file: exit 1, named, the other written" \
    sh -c '[ $0 -eq 1 ] && grep -q "locked.txt: Permission denied" "$1" && [ "$(wc -l < "$2")" -eq 1 ]' $? "$tmp/err" "$tmp/out"
elif [ -r /proc/self/mem ]; then
  # root reads any file; /proc/self/mem opens but fails to read at offset 0
  ln -s /proc/self/mem "$tmp/in/unreadable.txt"
  kiji annotate "$tmp/in/unreadable.txt" "$tmp/in/en.txt" > "$tmp/out" 2> "$tmp/err"
  check "an unreadable file (read error): exit 1, named, the other written" \
    sh -c '[ $0 -eq 1 ] && grep -q "unreadable.txt: Input/output error" "$1" && [ "$(wc -l < "$2")" -eq 1 ]' $? "$tmp/err" "$tmp/out"
else
  skip "running as root without /proc: every file is readable"
fi

kiji annotate --invalid error "$tmp/in/invalid.txt" "$tmp/in/plain.txt" > "$tmp/out" 2> "$tmp/err"
check "--invalid error: invalid UTF-8 fails that input only (exit 1)" \
  sh -c '[ $0 -eq 1 ] && grep -q "invalid.txt: invalid UTF-8 at byte" "$1" && [ "$(wc -l < "$2")" -eq 1 ] && grep -q plain.txt "$2"' $? "$tmp/err" "$tmp/out"
kiji annotate "$tmp/in/invalid.txt" "$tmp/in/nul.txt" > "$tmp/out" 2> "$tmp/err"
check "--invalid replace (default) and NUL bytes: no failure, offsets still match" \
  sh -c '[ $0 -eq 0 ] && [ ! -s "$1" ]' $? "$tmp/err"
check "... offsets of the replaced and NUL texts match the bytes" checks jsonl "$tmp/out" "$tmp/in/invalid.txt" "$tmp/in/nul.txt"

# ------------------------------------------------------------ usage errors

for args in "frob" "--frob" "annotate --frob" "annotate --format" "annotate --format xml" \
            "annotate --lang fr" "annotate --invalid maybe" "dict" "dict frob" "dict compile one.tsv" \
            "sentences a b" "normalize --form nfx" ""; do
  # shellcheck disable=SC2086
  kiji $args > "$tmp/out" 2> "$tmp/err" < /dev/null
  check "usage error exits 2: kiji $args" \
    sh -c '[ $0 -eq 2 ] && [ ! -s "$1" ] && grep -q "^usage: kiji" "$2" && [ "$(wc -l < "$2")" -eq 2 ]' $? "$tmp/out" "$tmp/err"
done

# ------------------------------------------------------------ dictionaries

printf '# outlets the lexicon does not know\nHirosaki Dawn\toutlet\thirosaki_dawn\t\tsubtype=newspaper;country=JP\n弘前暁報\toutlet\thirosaki_dawn\t\tsubtype=newspaper;country=JP\n' > "$tmp/outlets.tsv"
kiji annotate "$tmp/in/dawn.txt" > "$tmp/out"
check "without --dict the outlet is unknown" checks outlet-id "$tmp/out" hirosaki_dawn no
kiji annotate --dict "$tmp/outlets.tsv" "$tmp/in/dawn.txt" > "$tmp/out"
check "--dict F.tsv adds the outlet" checks outlet-id "$tmp/out" hirosaki_dawn yes
kiji dict compile "$tmp/outlets.tsv" "$tmp/outlets.kdict" > "$tmp/out" 2> "$tmp/err"
check "dict compile writes the .kdict and counts the entries" \
  sh -c '[ $0 -eq 0 ] && [ -s "$1" ] && grep -q "2 entries" "$2"' $? "$tmp/outlets.kdict" "$tmp/out"
kiji annotate --dict="$tmp/outlets.kdict" "$tmp/in/dawn.txt" > "$tmp/out"
check "--dict F.kdict adds the outlet" checks outlet-id "$tmp/out" hirosaki_dawn yes
kiji dict lint "$tmp/outlets.tsv" > "$tmp/out"
check "dict lint of a good TSV: exit 0 and the entry count" \
  sh -c '[ $0 -eq 0 ] && grep -q "outlets.tsv: 2 entries" "$1"' $? "$tmp/out"
printf 'Tsugaru Wire\toutlet\tok\nno kind here\n# comment\nX\tBad Kind\n\nY\toutlet\t-\tfrob\nZ\toutlet\n' > "$tmp/bad.tsv"
kiji dict lint "$tmp/bad.tsv" > "$tmp/out"
check "dict lint of a bad TSV: exit 1, every bad line numbered" \
  sh -c '[ $0 -eq 1 ] && grep -q "bad.tsv:line 2: missing kind" "$1" && grep -q "bad.tsv:line 4: kind must be" "$1" &&
         grep -q "bad.tsv:line 6: unknown flag" "$1" && grep -q "bad.tsv: 3 errors" "$1"' $? "$tmp/out"
kiji dict compile "$tmp/bad.tsv" "$tmp/bad.kdict" > /dev/null 2> "$tmp/err"
check "dict compile of a bad TSV: exit 1, the line named, no file" \
  sh -c '[ $0 -eq 1 ] && grep -q "line 2" "$1" && [ ! -e "$2" ]' $? "$tmp/err" "$tmp/bad.kdict"
kiji dict lint "$tmp/outlets.kdict" > "$tmp/out" 2> "$tmp/err"
check "dict lint of a compiled .kdict: exit 2, it wants the TSV, no line errors" \
  sh -c '[ $0 -eq 2 ] && grep -q "outlets.kdict is a compiled dictionary" "$1" && grep -q "TSV" "$1" &&
         ! grep -q "UTF-8" "$1" "$2"' $? "$tmp/err" "$tmp/out"
cp "$tmp/outlets.kdict" "$tmp/compiled.tsv"
kiji dict compile "$tmp/compiled.tsv" "$tmp/again.kdict" > "$tmp/out" 2> "$tmp/err"
check "dict compile of a compiled dictionary (by its header, whatever its name): exit 2" \
  sh -c '[ $0 -eq 2 ] && grep -q "compiled.tsv is a compiled dictionary" "$1" && [ ! -e "$2" ]' $? "$tmp/err" "$tmp/again.kdict"
printf 'Tsugaru Wire\toutlet\ttw\t\tsubtype=newspaper;country=JP;name=Tsugaru Wire\nsomeone\tofficial\tx\nTabloid\toutlet\ttab\t\tsubtype=tabloid\nMisspelt\toutlet\tm\t\tsubtyp=agency\nperhaps\tword\nmaybe\tword\t\t\tclasses=hedge,adverb\nLand\tcountry\t-\t\tsubtype=country;country=Japan\n' > "$tmp/kinds.tsv"
kiji dict lint "$tmp/kinds.tsv" > "$tmp/out" 2> "$tmp/err"
check "dict lint: kinds, subtypes and payload keys annotate does not read are errors, each naming what it reads" \
  sh -c '[ $0 -eq 1 ] && grep -q "kinds.tsv:line 2: kind .official. is not one annotate reads (outlet, body, title, " "$1" &&
         grep -q "kinds.tsv:line 3: subtype .tabloid. is not one of outlet.s (agency, newspaper, broadcaster, magazine, online)" "$1" &&
         grep -q "kinds.tsv:line 4: payload key .subtyp. is not one annotate reads (subtype, country, name, bases)" "$1" &&
         grep -q "kinds.tsv:line 5: a word needs its class" "$1" &&
         grep -q "kinds.tsv:line 7: country=Japan" "$1" &&
         grep -q "kinds.tsv: 5 errors" "$1" && ! grep -q "line [16]:" "$1"' $? "$tmp/out"
check "dict lint's kinds and subtypes are the lexicon generator's" checks kinds plugin/gen/lexicon_gen.c
printf 'Tsugaru Wire\toutlet\ttw\n' > "$tmp/one.tsv"
kiji dict compile "$tmp/one.tsv" "$tmp/one.kdict" > "$tmp/out" && kiji dict lint "$tmp/one.tsv" >> "$tmp/out"
check "dict compile and lint of one entry: 1 entry" \
  sh -c 'grep -q "one.tsv: 1 entry compiled into" "$0" && grep -q "one.tsv: 1 entry\$" "$0"' "$tmp/out"
kiji annotate --dict "$tmp/bad.tsv" "$tmp/in/en.txt" > "$tmp/out" 2> "$tmp/err"
check "annotate with a bad --dict: exit 1 before any input" \
  sh -c '[ $0 -eq 1 ] && [ ! -s "$1" ] && grep -q "bad.tsv:line 2" "$2"' $? "$tmp/out" "$tmp/err"

# ------------------------------------------------------------ normalize, sentences

printf 'ＮＨＫと共同通信、Kyodo  News\n' > "$tmp/in/wide.txt"
kiji normalize "$tmp/in/wide.txt" > "$tmp/out"
check "normalize: the match form" sh -c '[ "$(cat "$0")" = "nhkと共同通信、kyodo news" ]' "$tmp/out"
kiji normalize --form nfkc < "$tmp/in/wide.txt" > "$tmp/out"
check "normalize --form nfkc from stdin" sh -c '[ "$(cat "$0")" = "NHKと共同通信、Kyodo  News" ]' "$tmp/out"
kiji normalize --form nfc "$tmp/in/en.txt" > "$tmp/out"
check "normalize --form nfc leaves NFC text as it is" cmp -s "$tmp/out" "$tmp/in/en.txt"
kiji normalize --invalid error "$tmp/in/invalid.txt" > /dev/null 2> "$tmp/err"
check "normalize --invalid error on invalid UTF-8: exit 1" \
  sh -c '[ $0 -eq 1 ] && grep -q "invalid UTF-8" "$1"' $? "$tmp/err"
kiji sentences "$tmp/in/en.txt" > "$tmp/out"
check "sentences (en): one a line, offsets match the bytes" checks sentences "$tmp/out" "$tmp/in/en.txt" 4
kiji sentences --lang ja - < "$tmp/in/ja.txt" > "$tmp/out"
check "sentences (ja, stdin): offsets match the bytes" checks sentences "$tmp/out" "$tmp/in/ja.txt" 2

# ------------------------------------------------------------ signals

# SIGINT and SIGTERM stop a run at once: exit 130 / 143, the file being
# written beside -o OUT removed, OUT as it was. kiji reads records without
# end from a pipe; it is killed once its output has begun. perl gives it
# the default SIGINT that sh takes away from a background command.
records_forever() {
  lua5.4 -e 'local r = [[{"id":%d,"text":"The Foreign Ministry on Thursday denied a report by the Hokuriku Shimbun, Kyodo News said."}]] .. "\n"
             local i = 0 while true do i = i + 1 io.write(r:format(i)) end' 2> /dev/null
}
# signalled SIG OUT [-o]: run kiji on records_forever until OUT (or, with
# -o, OUT.kiji-*) has 64 kB, send SIG; its exit status in $st (KILL after 10 s)
signalled() {
  sig=$1 out=$2
  if [ "${3:-}" = -o ]; then
    records_forever | perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' \
      env ${ASAN_PRELOAD:+LD_PRELOAD="$ASAN_PRELOAD"} lua5.4 bin/kiji annotate --input jsonl -o "$out" 2> "$tmp/sig.err" &
  else
    records_forever | perl -e '$SIG{INT} = "DEFAULT"; exec @ARGV' \
      env ${ASAN_PRELOAD:+LD_PRELOAD="$ASAN_PRELOAD"} lua5.4 bin/kiji annotate --input jsonl > "$out" 2> "$tmp/sig.err" &
  fi
  pid=$!
  k=0
  while [ $k -lt 200 ] && [ "$(cat "$out" "$out".kiji-* 2>/dev/null | wc -c)" -lt 65536 ]; do sleep 0.05; k=$((k + 1)); done
  kill -"$sig" $pid
  k=0
  while [ $k -lt 200 ] && kill -0 $pid 2> /dev/null; do sleep 0.05; k=$((k + 1)); done
  kill -KILL $pid 2> /dev/null
  wait $pid
  st=$?
  # the watcher removes what a kill leaves: give it a moment
  k=0
  while [ $k -lt 100 ] && ls "$out".kiji-* > /dev/null 2>&1; do sleep 0.05; k=$((k + 1)); done
}
if command -v perl > /dev/null 2>&1; then
  printf 'old\n' > "$tmp/sig.jsonl"
  signalled INT "$tmp/sig.jsonl" -o
  check "SIGINT: exit 130 at once, the partial output removed, -o OUT as it was" \
    sh -c '[ $0 -eq 130 ] && [ "$(cat "$1")" = old ] && ! ls "$1".kiji-* 2>/dev/null && grep -q "^kiji: interrupted" "$2" &&
           ! grep -q "interrupted!" "$2"' $st "$tmp/sig.jsonl" "$tmp/sig.err"
  signalled TERM "$tmp/sig.jsonl" -o
  check "SIGTERM: exit 143, the partial output removed, -o OUT as it was" \
    sh -c '[ $0 -eq 143 ] && [ "$(cat "$1")" = old ] && ! ls "$1".kiji-* 2>/dev/null' $st "$tmp/sig.jsonl"
  rm -f "$tmp/sig.jsonl"
  signalled TERM "$tmp/sig.jsonl" -o
  check "SIGTERM with -o OUT not there before: no OUT made, nothing left" \
    sh -c '[ $0 -eq 143 ] && [ ! -e "$1" ] && ! ls "$1".kiji-* 2>/dev/null' $st "$tmp/sig.jsonl"
  signalled INT "$tmp/sig.jsonl"
  check "SIGINT, JSON Lines on stdout: exit 130, every line a whole document" \
    sh -c '[ $0 -eq 130 ] && [ "$(wc -l < "$1")" -gt 10 ] && tail -c 1 "$1" | od -c | grep -q "\\n" &&
           [ "$(grep -vc "^{\"kiji\":2,.*}\$" "$1")" -eq 0 ]' $st "$tmp/sig.jsonl"
else
  for sig in INT TERM TERM INT; do skip_one "SIG$sig: perl is not installed (Debian: apt-get install perl-base)"; done
fi

# A real signal lands where the scheduler puts it; these put lua.c's
# "interrupted!" at every call and return of a run in turn, so a pcall
# that swallows it (cjson.safe's, a require's) cannot hide.
head -n 1 "$tmp/records.jsonl" > "$tmp/two.jsonl"
printf '%s\n' '{"id":"r2","text":"防衛省は読売新聞の報道を否定した。"}' >> "$tmp/two.jsonl"
head -n 1 tests/fixtures/track/water.jsonl > "$tmp/story.jsonl"
for run in "annotate --input jsonl -o $tmp/sweep.out $tmp/two.jsonl" \
           "annotate --format tsv -o $tmp/sweep.out $tmp/in/en.txt $tmp/in/ja.txt" \
           "track -o $tmp/sweep.out $tmp/story.jsonl"; do
  # shellcheck disable=SC2086 # (the run's words)
  lua tests/tools/interrupt_sweep.lua "$tmp/sweep.out" $run > "$tmp/sweep" 2>&1
  check "SIGINT at any call or return of kiji $(echo "$run" | sed "s|$tmp/||g"): it stops there, OUT as it was or whole" \
    sh -c '[ $0 -eq 0 ] && grep -q "^[1-9][0-9]* runs interrupted, 0 went on" "$1" || { sed "s/^/# /" "$1" | tail -20 >&2; false; }' $? "$tmp/sweep"
done
# ... and at each event of bin/kiji's own start, before kiji.cli runs:
# kiji says it was interrupted, or (on the few events of its first and
# last lines) the interpreter does; never another message.
printf 'old\n' > "$tmp/sweep.out"
events=$(KIJI_INTERRUPT_MARK="$tmp/events" lua -e 'dofile "tests/tools/interrupt_at.lua"' bin/kiji \
           annotate -o "$tmp/sweep.out" "$tmp/in/en.txt" > /dev/null 2>&1; cat "$tmp/events")
wrong=
at=1
while [ "$at" -le 120 ] && [ "$at" -le "${events:-0}" ]; do
  printf 'old\n' > "$tmp/sweep.out"
  KIJI_INTERRUPT_AT=$at KIJI_INTERRUPT_MARK="$tmp/mark" lua -e 'dofile "tests/tools/interrupt_at.lua"' bin/kiji \
    annotate -o "$tmp/sweep.out" "$tmp/in/en.txt" > /dev/null 2> "$tmp/err"
  st=$?
  if ! { { [ $st -eq 130 ] && [ "$(cat "$tmp/err")" = "kiji: interrupted" ]; } ||
         { [ $st -eq 1 ] && head -n 1 "$tmp/err" | grep -q "^lua5.4: .*interrupted!$"; }; } ||
     [ "$(cat "$tmp/sweep.out")" != old ] || ls "$tmp"/sweep.out.kiji-* > /dev/null 2>&1; then
    wrong="$wrong $at:$st:$(head -c 80 "$tmp/err" | tr '\n' ' ')"
  fi
  at=$((at + 1))
done
check "SIGINT at any of bin/kiji's first 120 events: it stops there, nothing written (of ${events:-?})" \
  sh -c '[ "${0:-0}" -gt 120 ] && [ -z "$1" ] || { echo "# $1" >&2; false; }' "$events" "$wrong"

# ------------------------------------------------------------ progress, pandoc, other Luas

kiji annotate "$tmp/in/en.txt" "$tmp/in/ja.txt" "$tmp/in/plain.txt" > /dev/null 2> "$tmp/err"
check "no progress bar when stderr is not a terminal" sh -c '[ ! -s "$0" ]' "$tmp/err"
kiji annotate --input jsonl "$tmp/records.jsonl" "$tmp/records.jsonl" > /dev/null 2> "$tmp/err"
check "... nor with --input jsonl (only the bad records on stderr)" \
  sh -c '! grep -q "$(printf "\r")" "$0" && [ "$(wc -l < "$0")" -eq 4 ]' "$tmp/err"
if command -v script > /dev/null 2>&1 &&
   [ "$(script -qec 'test -t 2 && echo tty' /dev/null 2>/dev/null | tr -d '\r')" = tty ]; then
  # script(1) gives the command a terminal: the bar is drawn with \r
  script -qec "sh -c 'LD_PRELOAD=\"${ASAN_PRELOAD:-}\" lua5.4 bin/kiji annotate $tmp/in/en.txt $tmp/in/ja.txt >/dev/null'" /dev/null > "$tmp/tty" 2>&1
  check "a progress bar when stderr is a terminal, erased at the end" checks screen "$tmp/tty" "/2 files"
  script -qec "sh -c 'LD_PRELOAD=\"${ASAN_PRELOAD:-}\" lua5.4 bin/kiji annotate $tmp/in/en.txt $tmp/in/ja.txt $tmp/in/plain.txt'" /dev/null > "$tmp/tty" 2>&1
  check "the bar is erased before each document written to the same terminal" checks screen "$tmp/tty" "/3 files"
  script -qec "sh -c 'LD_PRELOAD=\"${ASAN_PRELOAD:-}\" lua5.4 bin/kiji annotate --input jsonl $tmp/same.jsonl'" /dev/null > "$tmp/tty" 2>&1
  check "the bar of one record says 1 record" sh -c 'grep -q " 1 record " "$0"' "$tmp/tty"
else
  skip "script(1) cannot give a terminal here (not installed, or no /dev/pts)"
fi

# bin/kiji where kiji.core is not built: how to build it, no traceback
mkdir -p "$tmp/checkout/bin" && cp bin/kiji "$tmp/checkout/bin/" && cp -R lua "$tmp/checkout/"
env -u LUA_PATH LUA_CPATH="$tmp/nowhere/?.so" lua5.4 "$tmp/checkout/bin/kiji" --version > "$tmp/out" 2> "$tmp/err"
check "bin/kiji without kiji.core: exit 1, says how to build it" \
  sh -c '[ $0 -eq 1 ] && [ ! -s "$1" ] && grep -q "^kiji: kiji.core" "$2" && grep -q "make" "$2" &&
         grep -q "luarocks make" "$2" && ! grep -q "traceback" "$2"' $? "$tmp/out" "$tmp/err"

# a bug in kiji (an error that escapes kiji.cli): its message and one
# traceback, exit 1 (not lua.c's second traceback of bin/kiji's re-raise)
mkdir -p "$tmp/buggy/kiji" "$tmp/buggy2/kiji"
printf 'return { main = function() local t = nil; return t.x end }\n' > "$tmp/buggy/kiji/cli.lua"
LUA_PATH="$tmp/buggy/?.lua;;" lua bin/kiji --version > "$tmp/out" 2> "$tmp/err"
check "a bug escaping kiji.cli: exit 1, its message once, one traceback" \
  sh -c '[ $0 -eq 1 ] && [ "$(grep -c "attempt to index" "$1")" -eq 1 ] && grep -q "^kiji: .*cli.lua:1: attempt to index" "$1" &&
         [ "$(grep -c "stack traceback" "$1")" -eq 1 ] && grep -q "kiji/cli.lua:1: in" "$1"' $? "$tmp/err"
# the same for a bug in a command, which kiji.cli catches (to remove what
# it was writing) and raises again
printf 'return { run = function() local t = nil; return t.x end }\n' > "$tmp/buggy2/kiji/cli_annotate.lua"
LUA_PATH="$tmp/buggy2/?.lua;./lua/?.lua;;" lua bin/kiji annotate "$tmp/in/en.txt" > "$tmp/out" 2> "$tmp/err"
check "a bug in a command: exit 1, its message once, one traceback" \
  sh -c '[ $0 -eq 1 ] && [ "$(grep -c "attempt to index" "$1")" -eq 1 ] && grep -q "^kiji: .*cli_annotate.lua:1: attempt to index" "$1" &&
         [ "$(grep -c "stack traceback" "$1")" -eq 1 ] && grep -q "kiji/cli_annotate.lua:1: in" "$1"' $? "$tmp/err"

kiji --pandoc-filter > "$tmp/out" 2> "$tmp/err"
st=$?
if checks module kiji.pandoc 2>/dev/null; then
  check "--pandoc-filter prints the filter's absolute path" \
    sh -c '[ $0 -eq 0 ] && p=$(cat "$1") && case $p in /*) [ -f "$p" ];; *) false;; esac' $st "$tmp/out"
else
  check "--pandoc-filter without kiji/pandoc.lua: exit 1" sh -c '[ $0 -eq 1 ] && [ -s "$1" ]' $st "$tmp/err"
fi

if command -v luajit > /dev/null 2>&1 && [ -f "$BUILD/5.1/kiji/core.so" ]; then
  kiji annotate "$tmp/in/en.txt" "$tmp/in/ja.txt" > "$tmp/a.jsonl"
  LUA_CPATH="$BUILD/5.1/?.so;;" env ${ASAN_PRELOAD:+LD_PRELOAD="$ASAN_PRELOAD"} \
    luajit bin/kiji annotate "$tmp/in/en.txt" "$tmp/in/ja.txt" > "$tmp/b.jsonl"
  check "LuaJIT gives the same jsonl as Lua 5.4" cmp -s "$tmp/a.jsonl" "$tmp/b.jsonl"
elif ! command -v luajit > /dev/null 2>&1; then
  skip_one "LuaJIT gives the same jsonl: luajit is not installed (Debian: apt-get install luajit)"
else
  skip_one "LuaJIT gives the same jsonl: no $BUILD/5.1/kiji/core.so (Debian: apt-get install $(lua_dev_package 5.1))"
fi

tap_end
