-- bench_annotate.lua FIXTURES_DIR: kiji.annotate from Lua (the C pipeline
-- and the building of the result tables), on the fixture articles repeated
-- to >= 4 MB per language, article by article; then one 3 KB article
-- (fixture text cut at a sentence end) annotated many times, in
-- microseconds per call. Median of 5 runs after a warm-up, min-max beside.
-- First the memory: one 16 MB document (the articles joined by blank lines,
-- repeated) in one kiji.annotate call, result tables kept, in a fresh
-- interpreter (this script again with --memory LANG, so that no heap left
-- by other runs hides the growth): peak resident size during the call
-- (VmHWM, reset before it through /proc/self/clear_refs) less the resident
-- size before it, per MB of input.
-- With --rounds N (after FIXTURES_DIR) it only annotates every article N
-- times, for callgrind.
-- Lines starting with @result repeat the figures for tests/bench/report.py.
-- Then the same articles joined and cut into 3 KB pieces, as bench_annotate.c
-- does. Target (issue 14): the cuts at >= 0.25x of ICU sentences alone.
local kiji = require "kiji"
local clock = os.clock -- CPU time of this process: the machine is shared

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local function articles(dir)
  local list = {}
  local p = assert(io.popen('ls -1 "' .. dir .. '"'))
  for name in p:lines() do
    if name:match("%.txt$") then list[#list + 1] = read(dir .. "/" .. name) end
  end
  p:close()
  return list
end

local function median(t)
  table.sort(t)
  return t[math.floor(#t / 2) + 1], t[1], t[#t]
end

local engine = jit and "luajit" or ("lua" .. _VERSION:gsub("Lua ", ""))

local function result(row, fields)
  local out = { "@result", "annotate_" .. engine, row }
  for _, kv in ipairs(fields) do out[#out + 1] = kv[1] .. "=" .. kv[2] end
  print(table.concat(out, "\t"))
end

-- A field of /proc/self/status in KiB, or nil (not Linux).
local function status_kb(field)
  local f = io.open("/proc/self/status", "r")
  if not f then return nil end
  local s = f:read("*a")
  f:close()
  return tonumber(s:match("\n" .. field .. ":%s*(%d+)"))
end

local function reset_peak()
  local f = io.open("/proc/self/clear_refs", "w")
  if not f then return false end
  local ok = f:write("5")
  f:close()
  return ok and true or false
end

local function timed(f)
  f() -- warm-up
  local runs = {}
  for r = 1, 5 do
    local t0 = clock()
    f()
    runs[r] = clock() - t0
  end
  return median(runs)
end

local dir = arg[1] or "tests/fixtures/annotate"

-- The --memory LANG run: one 16 MB document in one call.
local function memory(lang)
  local base = articles(dir .. "/" .. lang)
  local parts, size, i = {}, 0, 0
  while size < 16e6 do
    parts[#parts + 1] = base[i % #base + 1]
    size = size + #parts[#parts] + 2
    i = i + 1
  end
  local big = table.concat(parts, "\n\n"):sub(1, 16e6)
  parts, base = nil, nil
  collectgarbage("collect")
  collectgarbage("collect")
  local reset = reset_peak()
  local before = status_kb("VmRSS")
  local t0 = clock()
  local doc = kiji.annotate(big)
  local secs = clock() - t0
  local peak = status_kb("VmHWM")
  if not (before and peak) then
    print(("  %s: no /proc/self/status: memory not measured"):format(lang))
    return
  end
  local mb = (peak - before) / 1024
  print(("  %s: one %.1f MB document in one call: %.2f s CPU, %d officials, peak RSS +%.1f MB"
    .. " = %.2f MB per MB of input%s"):format(lang, #big / 1e6, secs, #doc.officials, mb,
    mb / (#big / 1e6), reset and "" or " (peak not reset)"))
  result(lang .. ":memory", {
    { "input_mb", ("%.2f"):format(#big / 1e6) }, { "seconds", ("%.3f"):format(secs) },
    { "peak_mb", ("%.1f"):format(mb) }, { "rss_per_mb", ("%.3f"):format(mb / (#big / 1e6)) } })
end

if arg[2] == "--memory" then
  memory(arg[3])
  os.exit(0)
end

-- --rounds N: annotate every fixture article N times and stop, for
-- valgrind --tool=callgrind: the instructions of one round are the
-- difference between N = 2 and N = 1.
if arg[2] == "--rounds" then
  local all = articles(dir .. "/en")
  for _, a in ipairs(articles(dir .. "/ja")) do all[#all + 1] = a end
  kiji.annotate("") -- the default annotator, made before the rounds
  for _ = 1, tonumber(arg[3]) or 1 do
    for i = 1, #all do kiji.annotate(all[i]) end
  end
  os.exit(0)
end

print(("== annotation from Lua (%s, %s), CPU time, median of 5 runs"):format(
  jit and jit.version or _VERSION, kiji._VERSION))
do -- how busy the machine was (Linux)
  local f = io.open("/proc/loadavg", "r")
  if f then
    print("load average (1 min) at start: " .. (f:read("*l") or ""):match("^%S*"))
    f:close()
  end
end
print("memory, one document per language, each in a fresh " .. engine .. ":")
local interp = arg[-1] or engine
for _, lang in ipairs { "en", "ja" } do
  local p = assert(io.popen(('%s "%s" "%s" --memory %s'):format(interp, arg[0], dir, lang)))
  for line in p:lines() do print(line) end
  p:close()
end
for _, lang in ipairs { "en", "ja" } do
  local base = articles(dir .. "/" .. lang)
  local batch, bytes = {}, 0
  while bytes < 4e6 do
    for _, a in ipairs(base) do
      batch[#batch + 1] = a
      bytes = bytes + #a
    end
  end
  local med, lo, hi = timed(function()
    for i = 1, #batch do kiji.annotate(batch[i]) end
  end)
  print(("%s: %d articles, %.1f MB: %.1f MB/s (%.1f-%.1f), %.1f us/article"):format(
    lang, #batch, bytes / 1e6, bytes / 1e6 / med, bytes / 1e6 / hi, bytes / 1e6 / lo,
    med / #batch * 1e6))
  result(lang .. ":annotate", {
    { "mb_s", ("%.2f"):format(bytes / 1e6 / med) }, { "min", ("%.2f"):format(bytes / 1e6 / hi) },
    { "max", ("%.2f"):format(bytes / 1e6 / lo) },
    { "us_article", ("%.2f"):format(med / #batch * 1e6) },
    { "us_3kb", ("%.2f"):format(med / bytes * 3000 * 1e6) }, { "articles", #batch },
    { "mb", ("%.2f"):format(bytes / 1e6) } })
  -- the articles joined and cut into 3 KB pieces, each cut moved back to
  -- a character's first byte: a news feed's items, as bench_annotate.c
  -- cuts them (its ICU row is the floor issue 14 measures against)
  local joined = {}
  for i = 1, #batch do joined[i] = batch[i] end
  joined = table.concat(joined, "\n\n")
  local cuts, at = {}, 1
  while at <= #joined do
    local stop = math.min(at + 2999, #joined)
    while stop < #joined and stop >= at and joined:byte(stop + 1) >= 0x80
      and joined:byte(stop + 1) < 0xC0 do
      stop = stop - 1
    end
    cuts[#cuts + 1] = joined:sub(at, stop)
    at = stop + 1
  end
  med, lo, hi = timed(function()
    for i = 1, #cuts do kiji.annotate(cuts[i]) end
  end)
  print(("%s: %d 3 KB cuts, %.1f MB: %.1f MB/s (%.1f-%.1f)"):format(lang, #cuts, #joined / 1e6,
    #joined / 1e6 / med, #joined / 1e6 / hi, #joined / 1e6 / lo))
  result(lang .. ":cuts:annotate", {
    { "mb_s", ("%.2f"):format(#joined / 1e6 / med) },
    { "min", ("%.2f"):format(#joined / 1e6 / hi) }, { "max", ("%.2f"):format(#joined / 1e6 / lo) },
    { "articles", #cuts }, { "mb", ("%.2f"):format(#joined / 1e6) } })
  -- one 3 KB article: whole fixtures, then cut after the last "." or "。"
  local text = table.concat(base, "\n\n")
  local cut = text:sub(1, 3000)
  local last = 0
  for i in cut:gmatch("%.()") do last = math.max(last, i - 1) end
  for i in cut:gmatch("\227\128\130()") do last = math.max(last, i - 1) end
  local article = cut:sub(1, last)
  local n = 2000
  med, lo, hi = timed(function()
    for _ = 1, n do kiji.annotate(article) end
  end)
  print(("%s: one %d-byte article: %.1f us per call (%.1f-%.1f)"):format(
    lang, #article, med / n * 1e6, lo / n * 1e6, hi / n * 1e6))
  result(lang .. ":one article", {
    { "bytes", #article }, { "us", ("%.2f"):format(med / n * 1e6) },
    { "min", ("%.2f"):format(lo / n * 1e6) }, { "max", ("%.2f"):format(hi / n * 1e6) } })
end
print("target (issue 14): the 3 KB cuts >= 0.25x ICU sentences alone (bench_annotate.c)")
