-- bench_lua.lua DIR: kiji.normalize and the dictionary scan from Lua,
-- against the same work in C and against pyahocorasick from Python.
--
-- DIR holds what bench_lua_data (bench_lua_data.c) writes and the C
-- figures it printed, in DIR/bench-lua-c.txt. Input MB (10^6 bytes) per
-- second of CPU time, median of 5 runs after a warm-up:
--   normalize      kiji.normalize(s, {form = "match"}) with its map, and
--                  with map = false, on the 20 MB corpora (corpus.h); with
--                  its map, each run beside a run of kiji_normalize in C
--                  (bench_lua_data --normalize, a process of its own) on
--                  the same corpus, so that the ratio to C compares figures
--                  of the same moment (the machine's speed drifts): the
--                  median of the runs' ratios;
--   scan/each/gmatch  d:scan(s), d:each(s), d:gmatch(s) of bench_dict's
--                  10 000 generated names over the same corpora (every
--                  match read: start, stop and the entry's id);
--   pyahocorasick  iter_long over the Japanese corpus's match form with the
--                  entries' match forms as keys (bench_dict_pyac.py).
-- Targets (issue 14): normalize with its map within 1.5x of C; dictionary
-- scanning on the match-dense Japanese text >= 2x pyahocorasick.
-- Lines starting with @result repeat the figures for tests/bench/report.py.
local kiji = require "kiji"
local clock = os.clock

local dir = assert(arg[1], "usage: bench_lua.lua DIR")
local here = (arg[0]:match("^(.*)/[^/]*$") or ".")
local engine = jit and "luajit" or ("lua" .. _VERSION:gsub("Lua ", ""))

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local function median(t)
  table.sort(t)
  return t[math.floor(#t / 2) + 1]
end

local function quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- kiji_normalize in C on the corpus of lang, once after a warm-up, now: MB/s
local function c_normalize(lang)
  local p = assert(io.popen(quote(dir .. "/bench_lua_data") .. " --normalize " .. quote(dir) .. " " .. lang))
  local v = tonumber(p:read("*a"))
  p:close()
  return assert(v, "bench_lua_data --normalize failed")
end

-- MB/s of f, and of C's normalize in the same rounds, and their ratio:
-- medians over 5 rounds of one run each after a warm-up
local function mbs_beside_c(bytes, f, lang)
  f()
  local lua, c, ratio = {}, {}, {}
  for r = 1, 5 do
    c[r] = c_normalize(lang)
    collectgarbage()
    local t0 = clock()
    f()
    lua[r] = bytes / (clock() - t0) / 1e6
    ratio[r] = lua[r] / c[r]
  end
  return median(lua), median(c), median(ratio)
end

local function mbs(bytes, f)
  f()
  local runs = {}
  for r = 1, 5 do
    collectgarbage()
    local t0 = clock()
    f()
    runs[r] = clock() - t0
  end
  return bytes / median(runs) / 1e6
end

local c = {}
for line in io.lines(dir .. "/bench-lua-c.txt") do
  local lang, norm, scan = line:match("^(%a+) ([%d.]+) ([%d.]+)")
  if lang then c[lang] = { norm = tonumber(norm), scan = tonumber(scan) } end
end

local d = assert(kiji.dictionary(dir .. "/bench-lua-names.tsv"))
local results = {}
local function row(name, lang, v, ref)
  print(("  %-28s %-3s %8.1f MB/s%s"):format(name, lang, v, ref and ("   (%.2fx of %s)"):format(v / ref[2], ref[1]) or ""))
  print(("@result\tlua_%s\t%s_%s\tmbs=%.1f"):format(engine, name, lang, v))
end

local function scans(lang, text, cf)
  local n, count = #text, 0
  row("scan", lang, mbs(n, function()
    local ms = d:scan(text)
    count = #ms
    for i = 1, count do
      local m = ms[i]
      local _ = m.start + m.stop, m.id
    end
  end), cf.scan and { "C", cf.scan })
  row("each", lang, mbs(n, function()
    for m in d:each(text) do local _ = m.start + m.stop, m.id end
  end))
  if d.gmatch then
    local gcount = 0
    row("gmatch", lang, mbs(n, function()
      gcount = 0
      for s, e, entry in d:gmatch(text) do
        gcount = gcount + 1
        local _ = s + e, entry.id
      end
    end), cf.scan and { "C", cf.scan })
    assert(gcount == count, "gmatch and scan disagree")
  end
  print(("  %s: %d matches"):format(lang, count))
end

print(("bench_lua (%s): MB/s of CPU time, median of 5"):format(engine))
for _, lang in ipairs { "en", "ja" } do
  local text = read(dir .. "/bench-lua-" .. lang .. ".txt")
  local cf = c[lang] or {}
  local v, cv, ratio = mbs_beside_c(#text, function() kiji.normalize(text, { form = "match" }) end, lang)
  print(("  %-28s %-3s %8.1f MB/s   (%.2fx of C: %.1f MB/s in the same rounds)"):format("normalize", lang,
                                                                                         v, ratio, cv))
  print(("@result\tlua_%s\tnormalize_%s\tmbs=%.1f\tc_mbs=%.1f\tratio=%.3f"):format(engine, lang, v, cv, ratio))
  row("normalize_nomap", lang, mbs(#text, function() kiji.normalize(text, { form = "match", map = false }) end))
  scans(lang, text, cf)
end

-- the match-dense Japanese text, and pyahocorasick over its match form
-- (keys: the entries' match forms)
scans("dense", read(dir .. "/bench-lua-dense-ja.txt"), c.dense or {})
local keys = dir .. "/bench-lua-keys.txt"
local f = assert(io.open(keys, "wb"))
for line in io.lines(dir .. "/bench-lua-names.tsv") do
  f:write(kiji.normalize(line:match("^[^\t]*"), { map = false }), "\n")
end
f:close()
local py = os.getenv("PYTHON") or (io.open("/usr/bin/python3") and "/usr/bin/python3") or "python3"
local p = io.popen(("%s '%s/bench_dict_pyac.py' '%s' '%s/bench-lua-dense-norm-ja.txt' 5 2>/dev/null")
  :format(py, here, keys, dir))
local out = p:read("*a")
p:close()
local v = tonumber(out:match("^([%d.]+)"))
if v then
  row("pyahocorasick", "dense", v)
  print(("  pyahocorasick: %s matches"):format(out:match("^[%d.]+ (%d+)")))
end
