-- bench_annotate.lua FIXTURES_DIR: kiji.annotate from Lua (the C pipeline
-- and the building of the result tables), on the fixture articles repeated
-- to >= 4 MB per language, article by article; then one 3 KB article
-- (fixture text cut at a sentence end) annotated many times, in
-- microseconds per call. Median of 5 runs after a warm-up, min-max beside.
-- Targets (issue 4): >= 25 MB/s, < 150 us per 3 KB article.
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
print(("== annotation from Lua (%s, %s), CPU time, median of 5 runs"):format(
  jit and jit.version or _VERSION, kiji._VERSION))
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
  -- one 3 KB article: whole fixtures, then cut at the last sentence end
  local text = table.concat(base, "\n\n")
  local cut = text:sub(1, 3000)
  local last = 0
  for i in cut:gmatch("()[%.。]") do last = i end
  local article = cut:sub(1, last)
  local n = 2000
  med, lo, hi = timed(function()
    for _ = 1, n do kiji.annotate(article) end
  end)
  print(("%s: one %d-byte article: %.1f us per call (%.1f-%.1f)"):format(
    lang, #article, med / n * 1e6, lo / n * 1e6, hi / n * 1e6))
end
print("targets: >= 25 MB/s, < 150 us per 3 KB article")
