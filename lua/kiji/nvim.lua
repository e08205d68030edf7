--- kiji for Neovim (0.7 and later): officials, outlets, denials,
-- attributions and quotations of the news in a buffer as extmarks in the `kiji`
-- namespace, a one-line summary, denials in the quickfix list, what is
-- under the cursor in a float. The words are the command line's (`kiji
-- annotate --format text`, kiji.wording): "WHO denied WHOSE report: CLAIM
-- (reported by OUTLET)", "SOURCE: CLAIM", "(unnamed)".
--
-- The commands (plugin/kiji.lua) call this module; `setup{}` sets options:
--
--   require("kiji.nvim").setup {
--     lang = "auto",            -- kiji.annotate's lang: "auto" | "en" | "ja"
--     dictionaries = nil,       -- extra kiji.dictionary objects
--     claims = true,            -- highlight what is denied (KijiClaim)
--     deniers = true,           -- highlight deniers that are no mention (KijiDenier)
--     attributions = true,      -- highlight attribution cues (KijiAttribution)
--     quotes = true,            -- highlight what quotations quote (KijiQuote)
--     summary = true,           -- :KijiAnnotate says what it found
--     info = { float = true },  -- :KijiInfo in a float (false: echoed)
--     quickfix = { open = true },          -- :KijiDenials opens the window
--     auto = {                  -- or true (these defaults), or false
--       filetypes = { "markdown", "text" }, -- "*" for every filetype
--       events = { "BufEnter", "TextChanged", "InsertLeave" },
--       debounce_ms = 300,
--     },
--   }
--
-- kiji's offsets are bytes of the buffer's lines joined with "\n", 1-based
-- and inclusive; extmarks take 0-based rows and 0-based byte columns with
-- an exclusive end, so a span may end on a later row than it starts.
--
-- The highlight groups (M.highlights) are bold or undercurled, with no
-- background, so that they read on light and dark themes alike; they are
-- defined `default`, so a colour scheme that sets them wins, and again
-- after each :colorscheme (which clears them).
local api = vim.api
local wording = require "kiji.wording"
local uv = vim.uv or vim.loop

local M = {}

M.ns = api.nvim_create_namespace("kiji")

--- Highlight group of each kind of mark.
M.groups = {
  official = "KijiOfficial",
  outlet = "KijiOutlet",
  mention = "KijiMention", -- other kinds of mention, should kiji report them
  denial = "KijiDenial",
  claim = "KijiClaim",
  denier = "KijiDenier",
  attribution = "KijiAttribution",
  quote = "KijiQuote",
}

--- The definition of each group: attributes, no colour but the curl's
-- (sp), and the same for terminals without 'termguicolors' (cterm).
-- Mentions bold (outlets also italic); a denial's cue bold on a red curl,
-- its claim on an amber curl, a denier that is no mention bold and
-- underlined; an attribution's cue italic on a blue curl; a quotation's
-- words on a grey curl.
M.highlights = {
  KijiOfficial = { bold = true, cterm = { bold = true } },
  KijiOutlet = { bold = true, italic = true, cterm = { bold = true, italic = true } },
  KijiMention = { bold = true, cterm = { bold = true } },
  KijiDenial = { bold = true, undercurl = true, sp = "#e5484d", cterm = { bold = true, undercurl = true } },
  KijiClaim = { undercurl = true, sp = "#d4a017", cterm = { undercurl = true } },
  KijiDenier = { bold = true, underline = true, sp = "#e5484d", cterm = { bold = true, underline = true } },
  KijiAttribution = { italic = true, undercurl = true, sp = "#3b8eea", cterm = { italic = true, undercurl = true } },
  KijiQuote = { undercurl = true, sp = "#8a8a8a", cterm = { undercurl = true } },
}

-- Quotations under claims, claims under mentions and cues: they stack,
-- the higher priority on top.
local PRIORITY = { quote = 4095, claim = 4096, denier = 4097, mention = 4098, cue = 4099, attribution = 4099 }

local AUTO_DEFAULTS = {
  filetypes = { "markdown", "text" },
  events = { "BufEnter", "TextChanged", "InsertLeave" },
  debounce_ms = 300,
}

local function defaults()
  return {
    lang = "auto",
    dictionaries = nil,
    claims = true,
    deniers = true,
    attributions = true,
    quotes = true,
    summary = true,
    info = { float = true },
    quickfix = { open = true },
    auto = false,
  }
end

M.config = defaults()

local function notify(msg, level)
  vim.notify("kiji: " .. msg, level or vim.log.levels.INFO)
end

--- Define the highlight groups (M.highlights), `default`: a group a colour
-- scheme or the user has set is kept.
function M.define_highlights()
  for group, def in pairs(M.highlights) do
    local spec = vim.deepcopy(def)
    spec.default = true
    api.nvim_set_hl(0, group, spec)
  end
end

-- ------------------------------------------------------------ the module

-- The repository (or install) root: the directory holding lua/kiji/nvim.lua.
local function plugin_root()
  local src = debug.getinfo(1, "S").source
  if src:sub(1, 1) == "@" then
    local path = vim.fn.fnamemodify(src:sub(2), ":p")
    local root = path:match("^(.*)[/\\]lua[/\\]kiji[/\\]nvim%.lua$")
    if root then return root end
  end
  local files = api.nvim_get_runtime_file("lua/kiji/nvim.lua", false)
  if files[1] then
    return vim.fn.fnamemodify(files[1], ":p:h:h:h")
  end
end

local kiji_lib

--- `require "kiji"`, finding kiji.core (the Lua 5.1 build, for LuaJIT) in
-- the repository's build tree when package.cpath does not have it:
-- `g:kiji_build` (a build directory, relative to the root unless absolute),
-- then `<root>/build`. Returns the module, or nil and a message.
function M.kiji()
  if kiji_lib then return kiji_lib end
  if not pcall(require, "kiji.core") then
    local root = plugin_root()
    local dirs = {}
    local g = vim.g.kiji_build
    if type(g) == "string" and g ~= "" then
      dirs[#dirs + 1] = (g:sub(1, 1) == "/" or not root) and g or (root .. "/" .. g)
    end
    if root then dirs[#dirs + 1] = root .. "/build" end
    local added = {}
    for _, d in ipairs(dirs) do
      local pat = d .. "/5.1/?.so"
      if vim.fn.filereadable(d .. "/5.1/kiji/core.so") == 1
        and not package.cpath:find(pat, 1, true) then
        added[#added + 1] = pat
      end
    end
    if #added > 0 then
      package.cpath = table.concat(added, ";") .. ";" .. package.cpath
    end
    local ok, err = pcall(require, "kiji.core")
    if not ok then
      return nil, ("the C module kiji.core is missing: run `make LUA=lua5.1 module` in %s (%s)")
        :format(root or "kiji's directory", tostring(err):gsub("\n.*", ""))
    end
  end
  local ok, lib = pcall(require, "kiji")
  if not ok then return nil, tostring(lib) end
  kiji_lib = lib
  return lib
end

-- ------------------------------------------------------------ state

-- Per buffer: items[extmark id] = what the mark stands for; full = the last
-- annotation covered the whole buffer, at changedtick tick.
local state = {}

local function buf_of(bufnr)
  if bufnr == nil or bufnr == 0 then return api.nvim_get_current_buf() end
  return bufnr
end

local function get_state(buf, create)
  local s = state[buf]
  if not s and create then
    s = { items = {} }
    state[buf] = s
  end
  return s
end

-- Forget the items whose marks are gone.
local function prune(buf, s)
  for id in pairs(s.items) do
    if #api.nvim_buf_get_extmark_by_id(buf, M.ns, id, {}) == 0 then
      s.items[id] = nil
    end
  end
end

--- Remove kiji's marks from a buffer, or from its lines line1..line2
-- (1-based, inclusive: marks starting there).
function M.clear(bufnr, line1, line2)
  local buf = buf_of(bufnr)
  if not api.nvim_buf_is_valid(buf) then return end
  if line1 == nil then
    api.nvim_buf_clear_namespace(buf, M.ns, 0, -1)
    state[buf] = nil
    return
  end
  api.nvim_buf_clear_namespace(buf, M.ns, line1 - 1, line2)
  local s = state[buf]
  if s then
    prune(buf, s)
    s.full = false
  end
end

-- ------------------------------------------------------------ offsets

--- The 1-based offset, in the lines joined with "\n", of each line's first
-- byte. Lengths, not a search for "\n": a NUL in a buffer line comes back
-- from the API as "\n" inside the line.
function M.line_starts(lines)
  local starts, pos = {}, 1
  for i = 1, #lines do
    starts[i] = pos
    pos = pos + #lines[i] + 1
  end
  return starts
end

--- Row and column (0-based, bytes) of the 1-based offset `b` in the joined
-- text; `b` one past a line's last byte is that line's end column.
function M.locate(starts, b)
  local lo, hi = 1, #starts
  while lo < hi do
    local mid = math.floor((lo + hi + 1) / 2)
    if starts[mid] <= b then lo = mid else hi = mid - 1 end
  end
  return lo - 1, b - starts[lo]
end

--- Extmark range of a span {start, stop} (1-based inclusive):
-- row, col, end_row, end_col (end exclusive).
function M.span_range(starts, span)
  local row, col = M.locate(starts, span.start)
  local erow, ecol = M.locate(starts, span.stop + 1)
  return row, col, erow, ecol
end

-- ------------------------------------------------------------ words
--
-- The command line's words (kiji.formats, `--format text`), over kiji.walk
-- records or the document's own tables (each part a span with .text):
-- the same as its writer's (tests/nvim/test_kiji.lua compares them), but
-- that white space runs are one space, so that a span across lines stays
-- on one line. Copies, not kiji.formats' functions: that module is the
-- command line's (it loads its I/O helpers), and its line writers are
-- its own.

local flat = wording.flat

--- The CLI's words (kiji.wording): "WHO denied WHOSE report: CLAIM
-- (reported by OUTLET)  [cue: CUE]", "SOURCE: CLAIM  [cue: CUE]",
-- "SPEAKER: “WORDS”  [cue: CUE]".
M.denial_line = wording.denial_line
M.attribution_line = wording.attribution_line
M.quote_line = wording.quote_line

--- "KIND: TEXT  [id, country, subtype]" of a mention, and its name when
-- that is not its text.
function M.mention_line(m)
  local extra = {}
  if m.id then extra[#extra + 1] = m.id end
  if m.country then extra[#extra + 1] = m.country end
  extra[#extra + 1] = m.subtype
  local line = ("%s: %s  [%s]"):format(m.kind or "mention", flat(m.text), table.concat(extra, ", "))
  if m.name and m.name ~= m.text then line = line .. "  name: " .. m.name end
  return line
end

--- "WHO denied WHAT (reported by OUTLET)" of a denial.
function M.denial_text(d)
  return M.denial_line(d, { cue = false })
end

--- "3 officials, 2 outlets, 1 denial, 0 attributions in 12 sentences".
M.summary = wording.summary

-- ------------------------------------------------------------ annotate

local function mention_group(m, list)
  return M.groups[m.kind] or M.groups[list] or M.groups.mention
end

--- Annotate buffer `bufnr` (0: the current one), or its lines
-- line1..line2 (1-based, inclusive), and place the marks (replacing kiji's
-- marks there). opts.silent: no messages. Returns the document
-- (kiji.annotate's, offsets into the annotated lines joined with "\n"),
-- the 0-based row of its first line and the number of marks placed; or nil
-- and a message.
function M.annotate(bufnr, line1, line2, opts)
  opts = opts or {}
  local buf = buf_of(bufnr)
  local lib, err = M.kiji()
  if not lib then
    if not opts.silent then notify(err, vim.log.levels.ERROR) end
    return nil, err
  end
  local nlines = api.nvim_buf_line_count(buf)
  local whole = line1 == nil or (line1 <= 1 and (line2 or nlines) >= nlines)
  line1 = line1 or 1
  line2 = math.min(line2 or nlines, nlines)
  if line1 < 1 or line1 > line2 then
    return nil, "bad line range"
  end
  local lines = api.nvim_buf_get_lines(buf, line1 - 1, line2, true)
  local text = table.concat(lines, "\n")
  local c = M.config
  local doc, aerr = lib.annotate(text, { lang = c.lang, dictionaries = c.dictionaries })
  if not doc then
    if not opts.silent then notify(aerr, vim.log.levels.ERROR) end
    return nil, aerr
  end

  if whole then M.clear(buf) else M.clear(buf, line1, line2) end
  local s = get_state(buf, true)
  local starts, row0 = M.line_starts(lines), line1 - 1
  local w = require("kiji.walk")(doc, { len = #text })

  local function place(span, group, what, item)
    if not span or not span.start or span.stop < span.start then return end
    local row, col, erow, ecol = M.span_range(starts, span)
    local id = api.nvim_buf_set_extmark(buf, M.ns, row0 + row, col, {
      end_row = row0 + erow,
      end_col = ecol,
      hl_group = group,
      priority = PRIORITY[what],
    })
    item.what, item.span, item.group, item.walk = what, span, group, w
    s.items[id] = item
    return id
  end

  -- the denials and attributions each mention takes part in, by the
  -- mention's number
  local part_of = {}
  local function takes_part(it, r)
    if not (it and it.mention) then return end
    local k = it.mention.record.n
    local ps = part_of[k]
    if not ps then
      ps = {}
      part_of[k] = ps
    end
    if ps[#ps] ~= r then ps[#ps + 1] = r end
  end
  for _, r in ipairs(w.denials) do
    takes_part(r.by, r)
    takes_part(r.reported_by, r)
  end
  for _, r in ipairs(w.attributions) do takes_part(r.source, r) end
  for _, r in ipairs(w.quotes) do takes_part(r.speaker, r) end
  local n = 0
  local function count(id) if id then n = n + 1 end end
  for _, r in ipairs(w.mentions) do
    local m = r.data
    count(place(m, mention_group(m, r.list:sub(1, -2)), "mention",
      { record = r, mention = m, roles = part_of[r.n] or {} }))
  end
  for _, r in ipairs(w.denials) do
    if r.cue then count(place(r.cue.span, M.groups.denial, "cue", { record = r, denial = r.data })) end
    if c.claims and r.claim then
      count(place(r.claim.span, M.groups.claim, "claim", { record = r, denial = r.data }))
    end
    if c.deniers and r.by and not r.by.mention then
      count(place(r.by.span, M.groups.denier, "denier", { record = r, denial = r.data }))
    end
  end
  if c.attributions then
    for _, r in ipairs(w.attributions) do
      if r.cue then
        count(place(r.cue.span, M.groups.attribution, "attribution", { record = r, attribution = r.data }))
      end
    end
  end
  if c.quotes then
    for _, r in ipairs(w.quotes) do
      if r.quote then count(place(r.quote.span, M.groups.quote, "quote", { record = r, quote = r.data })) end
    end
  end
  if whole then
    s.full = true
    s.tick = api.nvim_buf_get_changedtick(buf)
  end
  return doc, row0, n
end

-- ------------------------------------------------------------ reading marks

local function ensure(buf)
  if not state[buf] then
    return M.annotate(buf) ~= nil
  end
  return true
end

--- The marks of a buffer: {id, row, col, end_row, end_col, item}, in
-- buffer order (where the marks are now, after any edits).
function M.marks(bufnr)
  local buf = buf_of(bufnr)
  local s = state[buf]
  local out = {}
  if not s then return out end
  for _, m in ipairs(api.nvim_buf_get_extmarks(buf, M.ns, 0, -1, { details = true })) do
    local item = s.items[m[1]]
    if item then
      local det = m[4] or {}
      out[#out + 1] = {
        id = m[1], row = m[2], col = m[3],
        end_row = det.end_row or m[2], end_col = det.end_col or m[3],
        item = item,
      }
    end
  end
  return out
end

--- The denials of a buffer as quickfix items (annotating it first if it
-- never was), one per denial at its cue, "WHO denied WHAT (reported by
-- OUTLET)"; with opts.set (the default) they become the quickfix list,
-- opened when config.quickfix.open.
function M.denials(bufnr, opts)
  opts = opts or {}
  local buf = buf_of(bufnr)
  if not ensure(buf) then return nil end
  local items = {}
  for _, m in ipairs(M.marks(buf)) do
    if m.item.what == "cue" then
      items[#items + 1] = {
        bufnr = buf,
        lnum = m.row + 1,
        col = m.col + 1,
        end_lnum = m.end_row + 1,
        end_col = m.end_col + 1,
        text = M.denial_text(m.item.record.data),
      }
    end
  end
  if opts.set ~= false then
    vim.fn.setqflist({}, " ", {
      title = "kiji denials: " .. vim.fn.fnamemodify(api.nvim_buf_get_name(buf), ":~:."),
      items = items,
    })
    if #items == 0 then
      notify("no denials")
    elseif M.config.quickfix and M.config.quickfix.open then
      vim.cmd("copen")
    end
  end
  return items
end

--- The denials of the open (listed, loaded) buffers as events (kiji.track,
-- each buffer an article named by its file): quickfix items, one per
-- denial of each event at its sentence, "EVENT DENIER → TARGET or claim:
-- cue"; with opts.set (the default) they become the quickfix list.
-- Returns the items and the events.
function M.track(opts)
  opts = opts or {}
  local lib, err = M.kiji()
  if not lib then notify(err, vim.log.levels.ERROR) return nil end
  local acc = lib.track()
  local starts_of, buf_of_name = {}, {}
  for _, buf in ipairs(api.nvim_list_bufs()) do
    if api.nvim_buf_is_loaded(buf) and vim.bo[buf].buflisted then
      local lines = api.nvim_buf_get_lines(buf, 0, -1, false)
      local name = api.nvim_buf_get_name(buf)
      if name == "" then name = "buffer " .. buf end
      buf_of_name[name] = buf
      starts_of[buf] = M.line_starts(lines)
      acc:add(table.concat(lines, "\n"), { id = name })
    end
  end
  local items, events = {}, acc:events()
  for _, ev in ipairs(events) do
    local what = ev.target and (ev.target.name or ev.target.id) or ev.claim or "?"
    for _, d in ipairs(ev.denials) do
      local buf = buf_of_name[d.article]
      local row, col = M.locate(starts_of[buf], d.start + 1)
      items[#items + 1] = {
        bufnr = buf, lnum = row + 1, col = col + 1,
        text = ("%s %s → %s: %s"):format(ev.event, ev.denier.name or ev.denier.id or "?", what, d.cue or ""),
      }
    end
  end
  if opts.set ~= false then
    vim.fn.setqflist({}, " ", { title = "kiji track: " .. #events .. " events", items = items })
    if #items == 0 then
      notify("no denials")
    elseif M.config.quickfix and M.config.quickfix.open then
      vim.cmd("copen")
    end
  end
  return items, events
end

local RANK = { mention = 1, cue = 1, attribution = 1, denier = 2, claim = 3, quote = 4 }

local function record_line(r)
  if r.kind == "denial" then return "denial: " .. M.denial_line(r.data) end
  if r.kind == "quote" then return "quote: " .. M.quote_line(r.data) end
  return "attribution: " .. M.attribution_line(r.data)
end

-- The other denials and attributions of record r's sentence, in text order.
local function same_sentence(w, r)
  local out = {}
  if not r.sentence then return out end
  for _, list in ipairs({ w.denials, w.attributions }) do
    for _, o in ipairs(list) do
      if o ~= r and o.sentence == r.sentence and o.cue then out[#out + 1] = o end
    end
  end
  table.sort(out, function(a, b) return a.cue.start < b.cue.start end)
  return out
end

-- What a mark stands for: the fields of M.info and its lines.
local function describe(item)
  local r, f, lines = item.record, {}, {}
  if item.what == "mention" then
    local m = r.data
    f.kind, f.subtype, f.id, f.name, f.country, f.text = m.kind, m.subtype, m.id, m.name, m.country, m.text
    lines[1] = M.mention_line(m)
    for _, p in ipairs(item.roles or {}) do lines[#lines + 1] = record_line(p) end
  else
    f.kind = item.what == "cue" and "denial" or item.what
    f.text = item.span.text
    local who = r.by or r.source or r.speaker
    local p = who and who.span or {}
    f.id, f.name, f.country = p.id, p.name, p.country
    lines[1] = record_line(r)
    local others = same_sentence(item.walk, r)
    if #others > 0 then
      lines[#lines + 1] = "same sentence:"
      for _, o in ipairs(others) do lines[#lines + 1] = record_line(o) end
    end
  end
  f.lines = lines
  f.message = table.concat(lines, "; ")
  return f
end

-- ------------------------------------------------------------ the float

local LABEL_GROUP = {
  denial = "KijiDenial", attribution = "KijiAttribution", official = "KijiOfficial",
  outlet = "KijiOutlet", mention = "KijiMention", quote = "KijiQuote",
}
local float_win
local FLOAT_AUGROUP = "kiji_info"

--- Close the float of :KijiInfo, if it is open.
function M.close_float()
  pcall(api.nvim_create_augroup, FLOAT_AUGROUP, { clear = true })
  if float_win and api.nvim_win_is_valid(float_win) then
    pcall(api.nvim_win_close, float_win, true)
  end
  float_win = nil
end

--- Show `lines` in a float at the cursor of the current window, each
-- line's "label:" in its group; closed when the cursor moves, on insert,
-- on leaving the buffer. Returns the window.
function M.float(lines)
  M.close_float()
  local fbuf = api.nvim_create_buf(false, true)
  api.nvim_buf_set_lines(fbuf, 0, -1, true, lines)
  vim.bo[fbuf].modifiable = false
  vim.bo[fbuf].bufhidden = "wipe"
  local width = 1
  for i, l in ipairs(lines) do
    width = math.max(width, vim.fn.strdisplaywidth(l))
    local label = l:match("^([%a ]+):")
    if label and LABEL_GROUP[label] then
      api.nvim_buf_add_highlight(fbuf, M.ns, LABEL_GROUP[label], i - 1, 0, #label)
    end
  end
  width = math.max(1, math.min(width, vim.o.columns - 4))
  local height = 0
  for _, l in ipairs(lines) do
    height = height + math.max(1, math.ceil(vim.fn.strdisplaywidth(l) / width))
  end
  -- below the cursor's line, or above it when there is more room there;
  -- placed at the cursor's buffer position (bufpos), not relative to the
  -- cursor, whose screen row is that of the last redraw
  local win = api.nvim_get_current_win()
  local cur = api.nvim_win_get_cursor(win)
  local srow = vim.fn.screenpos(win, cur[1], cur[2] + 1).row
  if srow == 0 then srow = vim.fn.winline() + api.nvim_win_get_position(win)[1] end
  local below = vim.o.lines - vim.o.cmdheight - srow - 3 -- a status line, the borders
  local above = srow - 3
  local anchor = "NW"
  if height > below and above > below then
    anchor = "SW"
    height = math.min(height, above)
  else
    height = math.min(height, math.max(1, below))
  end
  float_win = api.nvim_open_win(fbuf, false, {
    relative = "win", win = win, bufpos = { cur[1] - 1, cur[2] }, anchor = anchor,
    width = width, height = math.max(1, height),
    style = "minimal", border = "rounded", focusable = true, noautocmd = true,
  })
  vim.wo[float_win].wrap = true
  local src, at = api.nvim_get_current_buf(), cur
  local group = api.nvim_create_augroup(FLOAT_AUGROUP, { clear = true })
  api.nvim_create_autocmd({ "CursorMoved", "CursorMovedI" }, {
    group = group, buffer = src,
    callback = function()
      local now = api.nvim_win_get_cursor(0)
      if now[1] ~= at[1] or now[2] ~= at[2] then M.close_float() end
    end,
  })
  api.nvim_create_autocmd({ "InsertEnter", "BufLeave", "BufHidden" }, {
    group = group, buffer = src, callback = function() M.close_float() end,
  })
  return float_win
end

--- What kiji found under the cursor of window `winid` (0: the current one),
-- the innermost mark: a table {kind, subtype, id, name, country, text,
-- lines, message} (lines: the record in the command line's words, the
-- denials and attributions a mention takes part in, the others of a
-- record's sentence; message: them on one line). Shown in a float (or
-- echoed, config.info.float = false; opts.float overrides) unless
-- opts.echo == false; nil when there is nothing.
function M.info(winid, opts)
  opts = opts or {}
  local win = (winid == nil or winid == 0) and api.nvim_get_current_win() or winid
  local buf = api.nvim_win_get_buf(win)
  if not ensure(buf) then return nil end
  local cur = api.nvim_win_get_cursor(win)
  local row, col = cur[1] - 1, cur[2]
  local best, best_rank, best_len
  for _, m in ipairs(M.marks(buf)) do
    local after_start = row > m.row or (row == m.row and col >= m.col)
    local before_end = row < m.end_row or (row == m.end_row and col < m.end_col)
    if after_start and before_end then
      local rank = RANK[m.item.what] or 9
      local len = m.item.span.stop - m.item.span.start
      if not best or rank < best_rank or (rank == best_rank and len < best_len) then
        best, best_rank, best_len = m, rank, len
      end
    end
  end
  if not best then
    if opts.echo ~= false then
      M.close_float()
      api.nvim_echo({ { "kiji: nothing here" } }, false, {})
    end
    return nil
  end
  local f = describe(best.item)
  if opts.echo ~= false then
    local float = opts.float
    if float == nil then float = not (M.config.info and M.config.info.float == false) end
    if float and win == api.nvim_get_current_win() then
      M.float(f.lines)
    else
      api.nvim_echo({ { "kiji: " }, { f.message, best.item.group } }, false, {})
    end
  end
  return f
end

-- ------------------------------------------------------------ auto mode

local timers = {}
local AUGROUP = "kiji_auto"

local function stop_timer(buf)
  local t = timers[buf]
  if t then
    timers[buf] = nil
    t:stop()
    if not t:is_closing() then t:close() end
  end
end

local function wanted(buf, auto)
  if not api.nvim_buf_is_valid(buf) or vim.bo[buf].buftype ~= "" then
    return false
  end
  local fts = auto.filetypes
  if not fts or #fts == 0 then return true end
  local ft = vim.bo[buf].filetype
  for _, f in ipairs(fts) do
    if f == "*" or f == ft then return true end
  end
  return false
end

--- Annotate `buf` after config.auto.debounce_ms without another request.
function M.schedule(buf)
  local auto = M.config.auto or AUTO_DEFAULTS
  local t = timers[buf]
  if not t then
    t = uv.new_timer()
    timers[buf] = t
  end
  t:stop()
  t:start(math.max(0, tonumber(auto.debounce_ms) or 0), 0, vim.schedule_wrap(function()
    stop_timer(buf)
    if not api.nvim_buf_is_valid(buf) then return end
    local s = state[buf]
    if s and s.full and s.tick == api.nvim_buf_get_changedtick(buf) then return end
    M.annotate(buf, nil, nil, { silent = true })
  end))
end

local function enable_auto(auto)
  local group = api.nvim_create_augroup(AUGROUP, { clear = true })
  if not auto then
    for buf in pairs(timers) do stop_timer(buf) end
    return
  end
  api.nvim_create_autocmd(auto.events, {
    group = group,
    desc = "kiji: annotate news buffers",
    callback = function(args)
      if wanted(args.buf, auto) then M.schedule(args.buf) end
    end,
  })
  api.nvim_create_autocmd({ "BufUnload", "BufWipeout" }, {
    group = group,
    callback = function(args)
      stop_timer(args.buf)
      state[args.buf] = nil
    end,
  })
end

local function merge(dst, src)
  for k, v in pairs(src) do
    if type(v) == "table" and type(dst[k]) == "table" and v[1] == nil then
      merge(dst[k], v)
    else
      dst[k] = v
    end
  end
  return dst
end

--- Options (see the top of this file). Each call starts from the defaults.
function M.setup(opts)
  opts = opts or {}
  local c = defaults()
  local auto = opts.auto
  local o = {}
  for k, v in pairs(opts) do if k ~= "auto" then o[k] = v end end
  merge(c, o)
  if auto == true then
    c.auto = vim.deepcopy(AUTO_DEFAULTS)
  elseif type(auto) == "table" then
    c.auto = merge(vim.deepcopy(AUTO_DEFAULTS), auto)
  else
    c.auto = false
  end
  M.config = c
  M.define_highlights()
  enable_auto(c.auto)
  return M
end

-- ------------------------------------------------------------ commands

--- The body of :KijiAnnotate (a: the command's table; range 0 = the
-- buffer): the marks, then (config.summary) what was found, in a line.
function M.command_annotate(a)
  local doc
  if a.range == 0 then
    doc = M.annotate(0)
  else
    doc = M.annotate(0, a.line1, a.line2)
  end
  if doc and M.config.summary then
    local where = ""
    if a.range ~= 0 then
      where = a.line1 == a.line2 and (" (line %d)"):format(a.line1)
        or (" (lines %d-%d)"):format(a.line1, a.line2)
    end
    notify(M.summary(doc) .. where)
  end
end

function M.command_clear(a)
  if a.range == 0 then M.clear(0) else M.clear(0, a.line1, a.line2) end
end

-- The groups, now and after each :colorscheme (its :hi clear removes
-- them). The augroup is the one plugin/kiji.lua made for its links: this
-- replaces its autocommand.
M.define_highlights()
api.nvim_create_autocmd("ColorScheme", {
  group = api.nvim_create_augroup("kiji_highlights", { clear = true }),
  desc = "kiji: highlight groups",
  callback = function() M.define_highlights() end,
})

return M
