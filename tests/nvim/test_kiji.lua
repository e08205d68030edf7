-- The Neovim plugin in a real headless Neovim (tests/suites/nvim.t): TAP on
-- stdout, `:cquit` on failure, `:qa!` on success. The steps run in a
-- coroutine that sleeps through vim.defer_fn, so that the main loop runs
-- between them (TextChanged, the auto mode's timers).
local api = vim.api
local out = io.stdout
local root = vim.env.KIJI_ROOT or vim.fn.getcwd()
local n, failed = 0, false

local function diag(s)
  for line in (tostring(s) .. "\n"):gmatch("(.-)\n") do out:write("# ", line, "\n") end
end

local function ok(cond, name, why)
  n = n + 1
  out:write((cond and "ok " or "not ok ") .. n .. " - " .. name .. "\n")
  if not cond then
    failed = true
    if why then diag(why) end
  end
  out:flush()
  return cond
end

local function is(got, want, name)
  return ok(got == want, name, ("got:  %s\nwant: %s"):format(vim.inspect(got), vim.inspect(want)))
end

local function finish()
  out:write("1..", n, "\n")
  out:flush()
  vim.cmd(failed and "cquit" or "qa!")
end

-- ------------------------------------------------------------ expectations

-- Row and column (0-based bytes) of every 1-based offset of `text`, up to
-- #text + 1, by walking the text: independent of the plugin's search.
local function positions(text)
  local rows, cols, r, c = {}, {}, 0, 0
  for b = 1, #text + 1 do
    rows[b], cols[b] = r, c
    if text:byte(b) == 10 then r, c = r + 1, 0 else c = c + 1 end
  end
  return rows, cols
end

-- The marks kiji.annotate's document asks for, "row:col-erow:ecol Group",
-- rows shifted by row0; and the spans themselves.
local function expected(doc, text, row0)
  local rows, cols = positions(text)
  local marks, spans = {}, {}
  local function add(span, group)
    local key = ("%d:%d-%d:%d %s"):format(row0 + rows[span.start], cols[span.start],
      row0 + rows[span.stop + 1], cols[span.stop + 1], group)
    marks[#marks + 1] = key
    spans[key] = span
  end
  for _, m in ipairs(doc.officials) do add(m, "KijiOfficial") end
  for _, m in ipairs(doc.outlets) do add(m, "KijiOutlet") end
  for _, d in ipairs(doc.denials) do
    add(d.cue, "KijiDenial")
    if d.claim then add(d.claim, "KijiClaim") end
    if d.by and not d.by.kind then add(d.by, "KijiDenier") end
  end
  table.sort(marks)
  return marks, spans
end

local function actual(buf)
  local ns = api.nvim_create_namespace("kiji")
  local marks, raw = {}, {}
  for _, m in ipairs(api.nvim_buf_get_extmarks(buf, ns, 0, -1, { details = true })) do
    local d = m[4]
    local key = ("%d:%d-%d:%d %s"):format(m[2], m[3], d.end_row or m[2], d.end_col or m[3],
      tostring(d.hl_group))
    marks[#marks + 1] = key
    raw[key] = m
  end
  table.sort(marks)
  return marks, raw
end

local function same_list(got, want, name)
  local g, w = {}, {}
  for _, k in ipairs(got) do g[k] = (g[k] or 0) + 1 end
  for _, k in ipairs(want) do w[k] = (w[k] or 0) + 1 end
  local why = {}
  for k, c in pairs(w) do
    if g[k] ~= c then why[#why + 1] = "missing " .. k end
  end
  for k, c in pairs(g) do
    if w[k] ~= c then why[#why + 1] = "unexpected " .. k end
  end
  table.sort(why)
  return ok(#why == 0 and #got == #want, name .. " (" .. #want .. " marks)",
    table.concat(why, "\n") .. ("\n%d marks, %d expected"):format(#got, #want))
end

local function buf_lines(buf, a, b)
  return api.nvim_buf_get_lines(buf, a or 0, b or -1, true)
end

local function flat(s) return (s:gsub("%s+", " ")) end

-- ------------------------------------------------------------ steps

local co
local function sleep(ms)
  vim.defer_fn(function()
    local okc, err = coroutine.resume(co)
    if not okc then
      ok(false, "test script error", err)
      finish()
    end
  end, ms)
  coroutine.yield()
end

-- Every mark of `buf` against the document of its text; returns the doc.
local function check_buffer(buf, label)
  local lines = buf_lines(buf)
  local text = table.concat(lines, "\n")
  local doc = require("kiji").annotate(text)
  local want, spans = expected(doc, text, 0)
  local got, raw = actual(buf)
  same_list(got, want, label .. ": every extmark's position and group")
  local bad = {}
  for _, key in ipairs(got) do
    local m, span = raw[key], spans[key]
    if span then
      local t = api.nvim_buf_get_text(buf, m[2], m[3], m[4].end_row, m[4].end_col, {})
      if table.concat(t, "\n") ~= span.text then
        bad[#bad + 1] = key .. ": " .. table.concat(t, "\\n") .. " ~= " .. span.text
      end
    end
  end
  ok(#bad == 0, label .. ": the text under every extmark is its span's text", table.concat(bad, "\n"))
  -- what the text exercises
  local multiline, after_mb = false, false
  for _, key in ipairs(want) do
    local r, c, er = key:match("^(%d+):(%d+)%-(%d+):")
    r, c, er = tonumber(r), tonumber(c), tonumber(er)
    if er > r then multiline = true end
    if lines[r + 1]:sub(1, c):find("[\128-\255]") then after_mb = true end
  end
  ok(multiline and after_mb and #doc.denials >= 3,
    label .. ": spans across line ends, after multibyte characters, denials")
  return doc, text
end

local function cursor_on(buf, text, span, offset)
  local rows, cols = positions(text)
  local b = span.start + (offset or 0)
  api.nvim_win_set_buf(0, buf)
  api.nvim_win_set_cursor(0, { rows[b] + 1, cols[b] })
end

local function check_denials(buf, doc, text, label)
  local cur_win = api.nvim_get_current_win()
  vim.cmd("KijiDenials")
  local qf = vim.fn.getqflist()
  is(#qf, #doc.denials, label .. ": :KijiDenials lists one item per denial")
  local rows, cols = positions(text)
  local bad = {}
  for i, d in ipairs(doc.denials) do
    local item = qf[i] or {}
    local want = (d.by and flat(d.by.text) or "(unknown)") .. " denied "
      .. (d.claim and flat(d.claim.text) or "(unspecified)")
    if item.bufnr ~= buf or item.lnum ~= rows[d.cue.start] + 1
      or item.col ~= cols[d.cue.start] + 1 or item.text ~= want then
      bad[#bad + 1] = ("item %d: %s\nwant lnum %d col %d text %s"):format(i, vim.inspect(item),
        rows[d.cue.start] + 1, cols[d.cue.start] + 1, want)
    end
  end
  ok(#bad == 0, label .. ": quickfix items at the cues, \"WHO denied WHAT\"", table.concat(bad, "\n"))
  ok(vim.fn.getqflist({ winid = 0 }).winid ~= 0, label .. ": :KijiDenials opens the quickfix window")
  vim.cmd("cclose")
  api.nvim_set_current_win(cur_win)
end

local function info_at(buf, text, span, offset)
  cursor_on(buf, text, span, offset)
  return api.nvim_exec("KijiInfo", true)
end

local function main()
  vim.o.hidden = true
  vim.o.more = false
  vim.o.shortmess = vim.o.shortmess .. "F"
  -- the plugin file
  is(vim.g.loaded_kiji, 1, "plugin/kiji.lua loaded from the runtimepath")
  ok(vim.fn.exists(":KijiAnnotate") == 2 and vim.fn.exists(":KijiClear") == 2
    and vim.fn.exists(":KijiDenials") == 2 and vim.fn.exists(":KijiInfo") == 2,
    "the commands exist")
  local links = { KijiOfficial = "Identifier", KijiOutlet = "Constant", KijiDenial = "WarningMsg",
    KijiClaim = "Underlined", KijiDenier = "Special" }
  local badhl = {}
  for g, l in pairs(links) do
    if vim.fn.synIDtrans(vim.fn.hlID(g)) ~= vim.fn.synIDtrans(vim.fn.hlID(l)) then
      badhl[#badhl + 1] = g .. " does not link to " .. l
    end
  end
  ok(#badhl == 0, "default highlight links", table.concat(badhl, "\n"))
  ok(package.loaded["kiji.nvim"] == nil and package.loaded["kiji.core"] == nil,
    "kiji.nvim and kiji.core are loaded on first use only")
  local okr, err = pcall(vim.cmd, "runtime! plugin/kiji.lua")
  ok(okr, "sourcing plugin/kiji.lua again is harmless", err)
  local okd, derr = pcall(dofile, root .. "/plugin/kiji.lua")
  ok(okd, "plugin/kiji.lua without loaded_kiji set again: no error", derr)

  -- English
  vim.cmd("edit " .. vim.fn.fnameescape(root .. "/tests/nvim/news-en.txt"))
  local en = api.nvim_get_current_buf()
  vim.cmd("KijiAnnotate")
  local build = vim.env.KIJI_BUILD or "build"
  if build:sub(1, 1) ~= "/" then build = root .. "/" .. build end
  local cpath_want = vim.fn.fnamemodify(build, ":p")
    :gsub("/$", "") .. "/5.1/?.so"
  ok(package.loaded["kiji.core"] ~= nil and package.cpath:find(cpath_want, 1, true) ~= nil,
    "kiji.core found by the plugin (package.cpath)",
    package.cpath .. "\n(wanted " .. cpath_want .. ")")
  local doc_en, text_en = check_buffer(en, "English")

  check_denials(en, doc_en, text_en, "English")

  local mai = doc_en.outlets[2]
  local msg = info_at(en, text_en, mai, 3)
  ok(msg:find("outlet", 1, true) and msg:find("mainichi", 1, true)
    and msg:find("毎日新聞", 1, true) and msg:find("JP", 1, true),
    ":KijiInfo on an outlet echoes kind, id, name, country", msg)
  local f = require("kiji.nvim").info(0, { echo = false })
  ok(f and f.kind == "outlet" and f.id == "mainichi" and f.name == "毎日新聞" and f.country == "JP",
    "kiji.nvim.info() on the outlet", vim.inspect(f))
  local def = doc_en.officials[3] -- Defense Ministry, KR, a denier
  msg = info_at(en, text_en, def, 0)
  ok(msg:find("official", 1, true) and msg:find("any.defense_ministry", 1, true)
    and msg:find("KR", 1, true) and msg:find("denied", 1, true),
    ":KijiInfo on an official that denies", msg)
  local d1 = doc_en.denials[1]
  msg = info_at(en, text_en, d1.cue, 1)
  ok(msg:find("Foreign Ministry denied a report by the Mainichi", 1, true),
    ":KijiInfo on a denial cue", msg)
  msg = info_at(en, text_en, d1.claim, 60) -- on its second line, not on a mention
  ok(msg:find("claim", 1, true) and msg:find("Foreign Ministry", 1, true),
    ":KijiInfo inside a claim across lines", msg)

  vim.cmd("KijiClear")
  is(#actual(en), 0, ":KijiClear removes every mark")
  is(#require("kiji.nvim").marks(en), 0, ":KijiClear forgets the items")

  -- a range, alone
  vim.cmd("2,5KijiAnnotate")
  local part = table.concat(buf_lines(en, 1, 5), "\n")
  local want = expected(require("kiji").annotate(part), part, 1)
  same_list(actual(en), want, ":2,5KijiAnnotate marks lines 2-5 from their own document")
  -- a range over a whole buffer's marks: replaced there, kept elsewhere
  vim.cmd("KijiAnnotate")
  local full = expected(doc_en, text_en, 0)
  vim.cmd("7,9KijiAnnotate")
  part = table.concat(buf_lines(en, 6, 9), "\n")
  want = expected(require("kiji").annotate(part), part, 6)
  for _, k in ipairs(full) do
    local r = tonumber(k:match("^(%d+):"))
    if r < 6 or r > 8 then want[#want + 1] = k end
  end
  same_list(actual(en), want, ":7,9KijiAnnotate replaces the marks of lines 7-9 only")
  vim.cmd("3KijiClear")
  local left = 0
  for _, k in ipairs(actual(en)) do
    if tonumber(k:match("^(%d+):")) == 2 then left = left + 1 end
  end
  is(left, 0, ":3KijiClear clears line 3")

  -- Japanese
  vim.cmd("edit " .. vim.fn.fnameescape(root .. "/tests/nvim/news-ja.txt"))
  local ja = api.nvim_get_current_buf()
  vim.cmd("KijiAnnotate")
  local doc_ja, text_ja = check_buffer(ja, "Japanese")
  check_denials(ja, doc_ja, text_ja, "Japanese")
  msg = info_at(ja, text_ja, doc_ja.officials[1], 6)
  ok(msg:find("kr.mnd", 1, true) and msg:find("KR", 1, true) and msg:find("韓国国防省", 1, true),
    ":KijiInfo on 韓国国防省", msg)
  local denier
  for _, d in ipairs(doc_ja.denials) do
    if d.by and not d.by.kind then denier = d.by end
  end
  msg = info_at(ja, text_ja, denier, 0)
  ok(msg:find("denier", 1, true) and msg:find("同氏", 1, true), ":KijiInfo on a plain denier", msg)

  -- the auto mode
  local kn = require("kiji.nvim")
  kn.setup { auto = { filetypes = { "text" }, events = { "BufEnter", "TextChanged", "InsertLeave" },
    debounce_ms = 40 } }
  local runs = 0
  local annotate = kn.annotate
  kn.annotate = function(...)
    runs = runs + 1
    return annotate(...)
  end
  vim.cmd("KijiClear")
  local tmp = vim.fn.tempname()
  vim.fn.mkdir(tmp, "p")
  vim.cmd("edit " .. vim.fn.fnameescape(tmp .. "/wire.txt"))
  local wire = api.nvim_get_current_buf()
  is(vim.bo.filetype, "text", "a .txt buffer has filetype text")
  sleep(150)
  local before = runs
  api.nvim_buf_set_lines(wire, 0, -1, true, buf_lines(ja))
  sleep(300) -- the main loop: TextChanged, then the debounce
  ok(runs > before and #actual(wire) > 0, "auto: TextChanged annotates the buffer",
    ("runs %d -> %d"):format(before, runs))
  check_buffer(wire, "auto, after TextChanged")

  vim.cmd("buffer " .. ja)
  sleep(200)
  same_list(actual(ja), (expected(doc_ja, text_ja, 0)), "auto: BufEnter annotates a cleared buffer")

  -- debounce: eight changes 30 ms apart, longer in all than debounce_ms
  -- (150), each within it: one annotation, after the last
  kn.setup { auto = { filetypes = { "text" }, debounce_ms = 150 } }
  vim.cmd("buffer " .. wire)
  sleep(300)
  before = runs
  for i = 1, 8 do
    api.nvim_buf_set_lines(wire, -1, -1, true, { ("追記%d。官房長官は報道を否定した。"):format(i) })
    sleep(30) -- the main loop fires TextChanged
  end
  sleep(400)
  is(runs - before, 1, "auto: changes within debounce_ms make one annotation")
  check_buffer(wire, "auto, after eight changes")

  -- another filetype stays alone
  vim.cmd("enew")
  local other = api.nvim_get_current_buf()
  vim.bo.filetype = "lua"
  api.nvim_buf_set_lines(other, 0, -1, true, buf_lines(en))
  vim.cmd("doautocmd TextChanged")
  sleep(200)
  is(#actual(other), 0, "auto: a lua buffer is left alone")

  -- InsertLeave alone, the default debounce
  kn.setup { auto = { filetypes = { "text" }, events = { "InsertLeave" } } }
  is(kn.config.auto.debounce_ms, 300, "setup{auto = {…}} keeps the defaults it does not set")
  vim.cmd("buffer " .. wire)
  vim.cmd("KijiClear")
  before = runs
  api.nvim_feedkeys(api.nvim_replace_termcodes("Go同氏は報道を否定した。<Esc>", true, false, true), "tx", false)
  sleep(100)
  is(runs, before, "auto: nothing before debounce_ms")
  sleep(400)
  ok(runs == before + 1 and #actual(wire) > 0, "auto: InsertLeave annotates the buffer")
  check_buffer(wire, "auto, after InsertLeave")

  kn.setup {}
  vim.cmd("buffer " .. en)
  vim.cmd("KijiClear")
  sleep(200)
  is(#actual(en), 0, "setup{} without auto turns it off")
  kn.annotate = annotate
  vim.fn.delete(tmp, "rf")
end

co = coroutine.create(function()
  local okm, err = xpcall(main, debug.traceback)
  if not okm then ok(false, "test script error", err) end
  finish()
end)
vim.defer_fn(function()
  ok(false, "timeout (25 s)")
  finish()
end, 25000)
local okc, err = coroutine.resume(co)
if not okc then
  ok(false, "test script error", err)
  finish()
end
