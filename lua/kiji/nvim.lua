--- kiji for Neovim (0.7 and later): officials, outlets and denials of the
-- news in a buffer as extmarks in the `kiji` namespace, denials in the
-- quickfix list, what is under the cursor.
--
-- The commands (plugin/kiji.lua) call this module; `setup{}` sets options:
--
--   require("kiji.nvim").setup {
--     lang = "auto",            -- kiji.annotate's lang: "auto" | "en" | "ja"
--     dictionaries = nil,       -- extra kiji.dictionary objects
--     claims = true,            -- highlight what is denied (KijiClaim)
--     deniers = true,           -- highlight deniers that are no mention (KijiDenier)
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
local api = vim.api
local uv = vim.uv or vim.loop

local M = {}

M.ns = api.nvim_create_namespace("kiji")

--- Highlight group of each kind of mark, and the default link of each group.
M.groups = {
  official = "KijiOfficial",
  outlet = "KijiOutlet",
  mention = "KijiMention", -- other kinds of mention, should kiji report them
  denial = "KijiDenial",
  claim = "KijiClaim",
  denier = "KijiDenier",
}
M.links = {
  KijiOfficial = "Identifier",
  KijiOutlet = "Constant",
  KijiMention = "Special",
  KijiDenial = "WarningMsg",
  KijiClaim = "Underlined",
  KijiDenier = "Special",
}

-- Claims under mentions and cues: they stack, the higher priority on top.
local PRIORITY = { claim = 4096, denier = 4097, mention = 4098, cue = 4099 }

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
    quickfix = { open = true },
    auto = false,
  }
end

M.config = defaults()

local function notify(msg, level)
  vim.notify("kiji: " .. msg, level or vim.log.levels.INFO)
end

--- Define the default highlight links (kept by colorschemes that set the
-- groups themselves: `default`).
function M.define_highlights()
  for group, link in pairs(M.links) do
    if not pcall(api.nvim_set_hl, 0, group, { link = link, default = true }) then
      vim.cmd(("highlight default link %s %s"):format(group, link))
    end
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
  local c = M.config
  local doc, aerr = lib.annotate(table.concat(lines, "\n"),
    { lang = c.lang, dictionaries = c.dictionaries })
  if not doc then
    if not opts.silent then notify(aerr, vim.log.levels.ERROR) end
    return nil, aerr
  end

  if whole then M.clear(buf) else M.clear(buf, line1, line2) end
  local s = get_state(buf, true)
  local starts, row0 = M.line_starts(lines), line1 - 1

  local function place(span, group, what, item)
    if not span or not span.start or span.stop < span.start then return end
    local row, col, erow, ecol = M.span_range(starts, span)
    local id = api.nvim_buf_set_extmark(buf, M.ns, row0 + row, col, {
      end_row = row0 + erow,
      end_col = ecol,
      hl_group = group,
      priority = PRIORITY[what],
    })
    item.what, item.span, item.group = what, span, group
    s.items[id] = item
    return id
  end

  -- the denials of each mention (a denial's `by` is the mention's table)
  local denied = {}
  for _, d in ipairs(doc.denials) do
    if d.by and d.by.kind then
      denied[d.by] = denied[d.by] or {}
      table.insert(denied[d.by], d)
    end
  end
  local n = 0
  for _, list in ipairs({ "officials", "outlets" }) do
    local key = list:sub(1, -2)
    for _, m in ipairs(doc[list] or {}) do
      if place(m, mention_group(m, key), "mention", { mention = m, denials = denied[m] }) then
        n = n + 1
      end
    end
  end
  for _, d in ipairs(doc.denials) do
    if place(d.cue, M.groups.denial, "cue", { denial = d }) then n = n + 1 end
    if c.claims and d.claim then
      if place(d.claim, M.groups.claim, "claim", { denial = d }) then n = n + 1 end
    end
    if c.deniers and d.by and not d.by.kind then
      if place(d.by, M.groups.denier, "denier", { denial = d }) then n = n + 1 end
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

local function flat(s)
  return (s:gsub("%s+", " "))
end

local function who(d)
  return d.by and flat(d.by.text) or "(unknown)"
end

local function what(d)
  return d.claim and flat(d.claim.text) or "(unspecified)"
end

--- "WHO denied WHAT" of a denial.
function M.denial_text(d)
  return who(d) .. " denied " .. what(d)
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
-- never was), one per denial at its cue; with opts.set (the default) they
-- become the quickfix list, opened when config.quickfix.open.
function M.denials(bufnr, opts)
  opts = opts or {}
  local buf = buf_of(bufnr)
  if not ensure(buf) then return nil end
  local items = {}
  for _, m in ipairs(M.marks(buf)) do
    if m.item.what == "cue" then
      local d = m.item.denial
      items[#items + 1] = {
        bufnr = buf,
        lnum = m.row + 1,
        col = m.col + 1,
        end_lnum = m.end_row + 1,
        end_col = m.end_col + 1,
        text = M.denial_text(d),
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

local RANK = { mention = 1, cue = 1, denier = 2, claim = 3 }

local function describe(item)
  local f = {}
  if item.what == "mention" then
    local m = item.mention
    f.kind, f.subtype, f.id, f.name, f.country = m.kind, m.subtype, m.id, m.name, m.country
    f.text = m.text
    local parts = {
      ("%s%s %q"):format(m.kind or "mention", m.subtype and ("/" .. m.subtype) or "", flat(m.text)),
      "id " .. (m.id or "-"),
      "name " .. (m.name or "-"),
      "country " .. (m.country or "-"),
    }
    local msg = table.concat(parts, ", ")
    for _, d in ipairs(item.denials or {}) do
      msg = msg .. "; denied " .. what(d)
    end
    f.message = msg
  else
    local d = item.denial
    f.kind = item.what == "cue" and "denial" or item.what
    f.text = item.span.text
    local by = d.by or {}
    f.id, f.name, f.country = by.id, by.name, by.country
    local via = d.reported_by and (" (via " .. flat(d.reported_by.text) .. ")") or ""
    if item.what == "cue" then
      f.message = ("denial %q: %s%s"):format(flat(d.cue.text), M.denial_text(d), via)
    elseif item.what == "claim" then
      f.message = ("claim %q, denied by %s%s"):format(flat(d.claim.text), who(d), via)
    else
      f.message = ("denier %q, denied %s%s"):format(flat(d.by.text), what(d), via)
    end
  end
  return f
end

--- What kiji found under the cursor of window `winid` (0: the current one),
-- the innermost mark: a table {kind, subtype, id, name, country, text,
-- message}, echoed unless opts.echo == false; nil when there is nothing.
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
    if opts.echo ~= false then api.nvim_echo({ { "kiji: nothing here" } }, false, {}) end
    return nil
  end
  local f = describe(best.item)
  if opts.echo ~= false then
    api.nvim_echo({ { "kiji: " }, { f.message, best.item.group } }, false, {})
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

--- The body of :KijiAnnotate (a: the command's table; range 0 = the buffer).
function M.command_annotate(a)
  if a.range == 0 then
    M.annotate(0)
  else
    M.annotate(0, a.line1, a.line2)
  end
end

function M.command_clear(a)
  if a.range == 0 then M.clear(0) else M.clear(0, a.line1, a.line2) end
end

return M
