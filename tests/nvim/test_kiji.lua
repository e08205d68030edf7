-- The Neovim plugin in a real headless Neovim (tests/suites/nvim.t): TAP on
-- stdout, `:cquit` on failure, `:qa!` on success. The steps run in a
-- coroutine that sleeps through vim.defer_fn, so that the main loop runs
-- between them (TextChanged, CursorMoved, the auto mode's timers). The
-- words of :KijiDenials, :KijiInfo and the summary are checked against the
-- command line's text format (kiji.formats) of the same document.
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
  for _, a in ipairs(doc.attributions) do add(a.cue, "KijiAttribution") end
  for _, q in ipairs(doc.quotes) do add(q.text, "KijiQuote") end
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

-- The command line's text format (kiji.formats) of a document: its lines
-- of denials and attributions (without the indent) and its "N sentences".
local function cli_text(text, doc)
  local out = require("kiji.formats").get("text").write(nil, text, doc)
  local res, sec = { denials = {}, attributions = {} }, nil
  for line in out:gmatch("([^\n]*)\n") do
    local head = line:match("^%-%- (%a+)$")
    if head then
      sec = res[head]
    elseif line:sub(1, 3) == "== " then
      res.sentences = line:match("(%d+ sentences?)$")
    elseif sec and line:sub(1, 3) == "   " then
      sec[#sec + 1] = line:sub(4)
    end
  end
  return res
end

local function plural(n, word) return n .. " " .. word .. (n == 1 and "" or "s") end

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
  local cli = cli_text(text, doc)
  for i, d in ipairs(doc.denials) do
    local item = qf[i] or {}
    local want = cli.denials[i]:gsub("  %[cue: [^%]]*%]$", "")
    if item.bufnr ~= buf or item.lnum ~= rows[d.cue.start] + 1
      or item.col ~= cols[d.cue.start] + 1 or item.text ~= want then
      bad[#bad + 1] = ("item %d: %s\nwant lnum %d col %d text %s"):format(i, vim.inspect(item),
        rows[d.cue.start] + 1, cols[d.cue.start] + 1, want)
    end
  end
  ok(#bad == 0, label .. ": quickfix items at the cues, \"WHO denied WHAT (reported by X)\" as the CLI's text format says",
    table.concat(bad, "\n"))
  ok(vim.fn.getqflist({ winid = 0 }).winid ~= 0, label .. ": :KijiDenials opens the quickfix window")
  vim.cmd("cclose")
  api.nvim_set_current_win(cur_win)
end

-- The floating windows open now.
local function floats()
  local out = {}
  for _, w in ipairs(api.nvim_list_wins()) do
    if api.nvim_win_get_config(w).relative ~= "" then out[#out + 1] = w end
  end
  return out
end

-- :KijiInfo with the cursor at `offset` bytes into `span`: the lines of
-- the float it opens, joined with "\n" (or what it echoes, if no float).
local function info_at(buf, text, span, offset)
  cursor_on(buf, text, span, offset)
  local echoed = api.nvim_exec("KijiInfo", true)
  local f = floats()
  if #f == 1 then
    return table.concat(api.nvim_buf_get_lines(api.nvim_win_get_buf(f[1]), 0, -1, true), "\n"), f[1]
  end
  return echoed
end

-- Does `s` hold `line` as a whole line?
local function has_line(s, line)
  return ("\n" .. s .. "\n"):find("\n" .. line .. "\n", 1, true) ~= nil
end

-- The highlight groups, under the default colour scheme with a dark and
-- a light background: bold or undercurl (with its colour), no background,
-- not WarningMsg; a colour scheme's own definition wins (default = true).
local GROUPS = { "KijiOfficial", "KijiOutlet", "KijiMention", "KijiDenial", "KijiClaim", "KijiDenier",
  "KijiAttribution", "KijiQuote" }

local function highlights()
  local warn = vim.fn.synIDtrans(vim.fn.hlID("WarningMsg"))
  for _, bg in ipairs({ "dark", "light" }) do
    vim.o.background = bg
    vim.cmd("colorscheme default")
    local bad = {}
    for _, g in ipairs(GROUPS) do
      local gui, cterm = {}, {}
      if vim.fn.hlexists(g) ~= 1 then
        bad[#bad + 1] = g .. " does not exist"
      else
        gui, cterm = api.nvim_get_hl_by_name(g, true), api.nvim_get_hl_by_name(g, false)
      end
      if vim.fn.synIDtrans(vim.fn.hlID(g)) == warn then bad[#bad + 1] = g .. " is WarningMsg" end
      if not (gui.bold or gui.undercurl) then bad[#bad + 1] = g .. ": neither bold nor undercurl (gui)" end
      if not (cterm.bold or cterm.undercurl) then bad[#bad + 1] = g .. ": neither bold nor undercurl (cterm)" end
      if gui.undercurl and not gui.special then bad[#bad + 1] = g .. ": undercurl without a colour (sp)" end
      if gui.background or cterm.background then bad[#bad + 1] = g .. ": a background" end
    end
    ok(#bad == 0, ("highlights with background=%s after :colorscheme default: bold or undercurl, not WarningMsg")
      :format(bg), table.concat(bad, "\n") .. "\n" .. vim.inspect(api.nvim_get_hl_by_name("KijiDenial", true)))
  end
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir .. "/colors", "p")
  local f = assert(io.open(dir .. "/colors/kijitest.vim", "w"))
  f:write("hi clear\nlet g:colors_name = 'kijitest'\n",
    "hi KijiDenial guifg=#123456 gui=italic ctermfg=4 cterm=italic\n")
  f:close()
  vim.opt.runtimepath:append(dir)
  vim.cmd("colorscheme kijitest")
  local d, c = api.nvim_get_hl_by_name("KijiDenial", true), api.nvim_get_hl_by_name("KijiClaim", true)
  ok(d.italic and not d.bold and d.foreground == 0x123456 and c.undercurl,
    "a colour scheme that sets KijiDenial keeps it; the other groups come back after its :hi clear",
    vim.inspect({ KijiDenial = d, KijiClaim = c }))
  vim.cmd("colorscheme default")
  d = api.nvim_get_hl_by_name("KijiDenial", true)
  ok(d.bold and d.undercurl and not d.italic, "back to kiji's KijiDenial after :colorscheme default",
    vim.inspect(d))
  vim.opt.runtimepath:remove(dir)
  vim.fn.delete(dir, "rf")
end

-- tests/nvim/screen-news.txt (English and Japanese, the tmux screenshot's
-- article): the summary after :KijiAnnotate, the float of :KijiInfo on
-- each kind of record, in the command line's words.
local function screen_fixture()
  vim.cmd("edit " .. vim.fn.fnameescape(root .. "/tests/nvim/screen-news.txt"))
  local buf = api.nvim_get_current_buf()
  local text = table.concat(buf_lines(buf), "\n")
  local doc = require("kiji").annotate(text)
  local cli = cli_text(text, doc)

  local function summary(d)
    return ("kiji: %s, %s, %s, %s in %s"):format(plural(#d.officials, "official"), plural(#d.outlets, "outlet"),
      plural(#d.denials, "denial"), plural(#d.attributions, "attribution"), plural(#d.sentences, "sentence"))
  end
  local want = summary(doc)
  vim.cmd("messages clear")
  vim.cmd("KijiAnnotate")
  local hist = api.nvim_exec("messages", true)
  ok(has_line(hist, want), "the summary of :KijiAnnotate is in :messages", hist)
  local said = api.nvim_exec("KijiAnnotate", true)
  is(said, want, ":KijiAnnotate says what it found")
  ok(want:sub(-#cli.sentences) == cli.sentences, "the summary counts sentences as the CLI's text format does",
    want .. " / " .. tostring(cli.sentences))
  -- one line of the buffer: singulars
  local line6 = buf_lines(buf, 5, 6)[1]
  local d6 = require("kiji").annotate(line6)
  said = api.nvim_exec("6KijiAnnotate", true)
  is(said, summary(d6) .. " (line 6)", ":6KijiAnnotate: the summary of one line, in the singular")
  ok(said:find("1 official,", 1, true) and said:find("1 denial,", 1, true) and said:find("in 1 sentence", 1, true),
    "one official, one denial, one sentence", said)
  vim.cmd("KijiAnnotate")
  same_list(actual(buf), (expected(doc, text, 0)), "screen-news.txt: every mark")

  local function find(list, pred)
    for i, x in ipairs(list) do if pred(x) then return x, i end end
  end
  -- a denial told to reporters and reported by an outlet
  local d2, i2 = find(doc.denials, function(d) return d.reported_by and d.by and d.by.kind == "official" end)
  local msg, win = info_at(buf, text, d2.cue, 1)
  ok(win and api.nvim_win_get_config(win).relative ~= "", ":KijiInfo opens a float", msg)
  ok(has_line(msg, "denial: " .. cli.denials[i2]) and msg:find(d2.by.text .. " denied", 1, true)
    and msg:find("(reported by " .. d2.reported_by.text .. ")", 1, true),
    ":KijiInfo on a denial cue: who denied, the claim, reported by (the CLI's line)", msg)
  -- a denial by no one named
  local d3, i3 = find(doc.denials, function(d) return not d.by end)
  msg = info_at(buf, text, d3.cue, 0)
  ok(cli.denials[i3]:find("(unnamed) denied", 1, true) and has_line(msg, "denial: " .. cli.denials[i3]),
    ":KijiInfo on a denial by no one: (unnamed), as the CLI says", msg)
  -- the quickfix list says so too
  vim.cmd("KijiDenials")
  local qf = vim.fn.getqflist()
  is(qf[i3] and qf[i3].text, (cli.denials[i3]:gsub("  %[cue: [^%]]*%]$", "")), ":KijiDenials: (unnamed)")
  vim.cmd("cclose")
  api.nvim_set_current_buf(buf)
  -- an attribution to a person, in a sentence an outlet reports
  local a1, ia1 = find(doc.attributions, function(a) return a.source and a.source.kind == "official" end)
  local out = find(doc.attributions, function(a) return a.source and a.source.kind == "outlet"
    and a.sentence.index == a1.sentence.index end)
  msg = info_at(buf, text, a1.cue, 1)
  ok(has_line(msg, "attribution: " .. cli.attributions[ia1]) and msg:find(a1.source.text .. ":", 1, true),
    ":KijiInfo on an attribution cue: the speaker and the claim (the CLI's line)", msg)
  ok(out and msg:find(out.source.text, 1, true), ":KijiInfo on an attribution: the outlet of its sentence",
    msg .. "\n(outlet " .. tostring(out and out.source.text) .. ")")
  -- a quotation's words (its first word: under no cue or mention)
  local q1 = find(doc.quotes, function(q) return q.speaker and q.speaker.kind == "official" end)
  msg = info_at(buf, text, q1.text, 0)
  ok(has_line(msg, "quote: " .. require("kiji.wording").quote_line(q1)) and msg:find(q1.speaker.text .. ": ", 1, true),
    ":KijiInfo on a quotation: its speaker, words and verb", msg)
  -- an attribution to an outlet (Japanese)
  local a2, ia2 = find(doc.attributions, function(a) return a.source and a.source.kind == "outlet"
    and a.cue.text:find("[\128-\255]") end)
  msg = info_at(buf, text, a2.cue, 3)
  ok(has_line(msg, "attribution: " .. cli.attributions[ia2]) and msg:find("共同通信", 1, true),
    ":KijiInfo on によると: the outlet as the source", msg)
  -- on the outlet itself: the attribution it takes part in
  msg = info_at(buf, text, a2.source, 0)
  ok(msg:find("^outlet: 共同通信") and has_line(msg, "attribution: " .. cli.attributions[ia2]),
    ":KijiInfo on an outlet: its attribution", msg)
  -- the float stays while the cursor does, and goes when it moves (the
  -- main loop fires CursorMoved: everything above ran before it started)
  sleep(30)
  is(#floats(), 1, "the float stays while the cursor does")
  api.nvim_win_set_cursor(0, { 1, 0 })
  sleep(60)
  is(#floats(), 0, "the float closes when the cursor moves")
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
    ":KijiInfo on an outlet shows kind, id, name, country", msg)
  local f = require("kiji.nvim").info(0, { echo = false })
  ok(f and f.kind == "outlet" and f.id == "mainichi" and f.name == "毎日新聞" and f.country == "JP",
    "kiji.nvim.info() on the outlet", vim.inspect(f))
  local def = doc_en.officials[3] -- Defense Ministry, KR, a denier
  msg = info_at(en, text_en, def, 0)
  ok(msg:find("official", 1, true) and msg:find("kr.mnd", 1, true)
    and msg:find("KR", 1, true) and msg:find("denied", 1, true),
    ":KijiInfo on an official that denies", msg)
  local d1 = doc_en.denials[1]
  msg = info_at(en, text_en, d1.cue, 1)
  ok(msg:find("Foreign Ministry denied Mainichi Shimbun's report: a report by the Mainichi", 1, true),
    ":KijiInfo on a denial cue", msg)
  local cli_en = cli_text(text_en, doc_en)
  ok(has_line(msg, "denial: " .. cli_en.denials[1]), ":KijiInfo on a denial cue: the CLI's line", msg)
  msg = info_at(en, text_en, d1.claim, 60) -- on its second line, not on a mention
  ok(has_line(msg, "denial: " .. cli_en.denials[1]), ":KijiInfo inside a claim across lines", msg)

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
  -- :KijiTrack over both open buffers: an item per denial of each event
  vim.cmd("KijiTrack")
  local tqf = vim.fn.getqflist()
  local acc = require("kiji").track()
  acc:add(text_en, { id = api.nvim_buf_get_name(en) })
  acc:add(text_ja, { id = api.nvim_buf_get_name(ja) })
  local want_items = 0
  for _, ev in ipairs(acc:events()) do want_items = want_items + #ev.denials end
  ok(#tqf > 0 and #tqf == want_items and tqf[1].text:match("^ev%-%x+ ") ~= nil,
    ":KijiTrack: the open buffers' events, an item per denial", vim.inspect(tqf[1]))
  vim.cmd("cclose")
  vim.cmd("buffer " .. ja)
  msg = info_at(ja, text_ja, doc_ja.officials[1], 6)
  ok(msg:find("kr.mnd", 1, true) and msg:find("KR", 1, true) and msg:find("韓国国防省", 1, true),
    ":KijiInfo on 韓国国防省", msg)
  local denier
  for _, d in ipairs(doc_ja.denials) do
    if d.by and not d.by.kind then denier = d.by end
  end
  msg = info_at(ja, text_ja, denier, 0)
  ok(has_line(msg, "denial: 同氏 (荒川健二官房長官) denied (the claim is not in the sentence) (reported by 共同)  [cue: 誤報]"),
    ":KijiInfo on a plain denier: an anaphor and what it names", msg)

  highlights()
  screen_fixture()

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
