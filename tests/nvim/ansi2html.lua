--- A terminal screen as `tmux capture-pane -e -p -N` prints it (text with
-- SGR escapes: colours, bold, italic, underline and its styles and colour,
-- reverse...) read into a grid of cells, and written as an HTML page.
-- Pure Lua 5.1 to 5.4 (and LuaJIT: Neovim's).
--
--   local a2h = dofile("tests/nvim/ansi2html.lua")
--   local screen = a2h.parse(ansi_text, { width = fn })  -- fn: display width of a character
--   screen.rows[r][c] = { ch = "字", width = 2, attr = {...} }   -- c: the cell (a wide
--                                                               -- character's second is { cont = true })
--   a2h.text(screen, r)                  -- row r as plain text
--   local page = a2h.html(screen, { title = "…", background = "dark" | "light" })
--
-- As a script: lua ansi2html.lua IN.ansi OUT.html [dark|light]
local M = {}

-- ------------------------------------------------------------ palette

local BASE = {
  "#000000", "#cd0000", "#00cd00", "#cdcd00", "#0000ee", "#cd00cd", "#00cdcd", "#e5e5e5",
  "#7f7f7f", "#ff0000", "#00ff00", "#ffff00", "#5c5cff", "#ff00ff", "#00ffff", "#ffffff",
}

--- The xterm 256-colour palette: colour n (0-255) as #rrggbb.
function M.palette(n)
  if n < 16 then return BASE[n + 1] end
  if n < 232 then
    n = n - 16
    local steps = { 0, 95, 135, 175, 215, 255 }
    local r, g, b = math.floor(n / 36), math.floor(n / 6) % 6, n % 6
    return ("#%02x%02x%02x"):format(steps[r + 1], steps[g + 1], steps[b + 1])
  end
  local v = 8 + (n - 232) * 10
  return ("#%02x%02x%02x"):format(v, v, v)
end

-- The terminal's own colours, the page's defaults.
M.themes = {
  dark = { fg = "#d0d0d0", bg = "#1c1c1c" },
  light = { fg = "#1c1c1c", bg = "#ffffff" },
}

-- ------------------------------------------------------------ widths

-- East Asian Wide and Fullwidth ranges (enough for a news screen).
local WIDE = {
  { 0x1100, 0x115F }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF }, { 0x3400, 0x4DBF },
  { 0x4E00, 0x9FFF }, { 0xA000, 0xA4CF }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF },
  { 0xFE30, 0xFE4F }, { 0xFF00, 0xFF60 }, { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F },
  { 0x20000, 0x3FFFD },
}

local function codepoint(ch)
  local b1 = ch:byte(1)
  if b1 < 0x80 then return b1 end
  if b1 < 0xE0 then return (b1 % 0x20) * 0x40 + ch:byte(2) % 0x40 end
  if b1 < 0xF0 then return ((b1 % 0x10) * 0x40 + ch:byte(2) % 0x40) * 0x40 + ch:byte(3) % 0x40 end
  return (((b1 % 0x08) * 0x40 + ch:byte(2) % 0x40) * 0x40 + ch:byte(3) % 0x40) * 0x40 + ch:byte(4) % 0x40
end

--- The display width of one UTF-8 character: 2 for East Asian wide.
function M.width(ch)
  local cp = codepoint(ch)
  for _, r in ipairs(WIDE) do
    if cp >= r[1] and cp <= r[2] then return 2 end
  end
  return 1
end

-- ------------------------------------------------------------ SGR

local function reset()
  return {}
end

local function copy(a)
  local t = {}
  for k, v in pairs(a) do t[k] = v end
  return t
end

local UNDERLINE_STYLE = { [0] = nil, "single", "double", "curly", "dotted", "dashed" }

-- An extended colour from params p at i (38/48/58 already read): either
-- "5;n" or "2;r;g;b" (as separate params), or one param "5:n" / "2::r:g:b"
-- (colon sub-parameters, in p[i - 1].sub). Returns the colour and the
-- index after it.
local function ext_colour(p, i)
  local head = p[i - 1]
  if head.sub and #head.sub > 0 then
    local s = head.sub
    if s[1] == 5 then return M.palette(s[2] or 0), i end
    if s[1] == 2 then
      local n = #s
      return ("#%02x%02x%02x"):format(s[n - 2] or 0, s[n - 1] or 0, s[n] or 0), i
    end
    return nil, i
  end
  local mode = p[i] and p[i].n
  if mode == 5 then return M.palette((p[i + 1] and p[i + 1].n) or 0), i + 2 end
  if mode == 2 then
    return ("#%02x%02x%02x"):format((p[i + 1] and p[i + 1].n) or 0, (p[i + 2] and p[i + 2].n) or 0,
      (p[i + 3] and p[i + 3].n) or 0), i + 4
  end
  return nil, i + 1
end

-- The SGR parameter string "1;4:3;38;5;81" as {n = 1, sub = {}}, {n = 4,
-- sub = {3}}...: colon sub-parameters kept in place ("2::r:g:b": an empty
-- colour-space id is 0).
local function params(s)
  if s == "" then return { { n = 0, sub = {} } } end
  local p = {}
  for item in (s .. ";"):gmatch("([^;]*);") do
    local raw = {}
    for x in (item .. ":"):gmatch("([^:]*):") do raw[#raw + 1] = x end
    local sub = {}
    for k = 2, #raw do sub[#sub + 1] = tonumber(raw[k]) or 0 end
    p[#p + 1] = { n = tonumber(raw[1]) or 0, sub = sub }
  end
  return p
end

--- Apply the SGR parameters `s` to attributes `a`; returns the new table.
function M.sgr(a, s)
  a = copy(a)
  local p = params(s)
  local i = 1
  while i <= #p do
    local n = p[i].n
    i = i + 1
    if n == 0 then
      a = reset()
    elseif n == 1 then a.bold = true
    elseif n == 2 then a.dim = true
    elseif n == 3 then a.italic = true
    elseif n == 4 then
      local style = p[i - 1].sub[1]
      if style == nil then a.underline = "single" else a.underline = UNDERLINE_STYLE[style] end
    elseif n == 5 or n == 6 then a.blink = true
    elseif n == 7 then a.reverse = true
    elseif n == 8 then a.hidden = true
    elseif n == 9 then a.strike = true
    elseif n == 21 then a.underline = "double"
    elseif n == 22 then a.bold, a.dim = nil, nil
    elseif n == 23 then a.italic = nil
    elseif n == 24 then a.underline = nil
    elseif n == 25 then a.blink = nil
    elseif n == 27 then a.reverse = nil
    elseif n == 28 then a.hidden = nil
    elseif n == 29 then a.strike = nil
    elseif n >= 30 and n <= 37 then a.fg = M.palette(n - 30)
    elseif n == 38 then a.fg, i = ext_colour(p, i)
    elseif n == 39 then a.fg = nil
    elseif n >= 40 and n <= 47 then a.bg = M.palette(n - 40)
    elseif n == 48 then a.bg, i = ext_colour(p, i)
    elseif n == 49 then a.bg = nil
    elseif n == 53 then a.overline = true
    elseif n == 55 then a.overline = nil
    elseif n == 58 then a.ul_colour, i = ext_colour(p, i)
    elseif n == 59 then a.ul_colour = nil
    elseif n >= 90 and n <= 97 then a.fg = M.palette(n - 90 + 8)
    elseif n >= 100 and n <= 107 then a.bg = M.palette(n - 100 + 8)
    end
  end
  return a
end

-- ------------------------------------------------------------ parse

--- The screen of `text` (the capture): rows of cells, attributes carried
-- from row to row as the terminal does. opts.width: a character's display
-- width (default M.width).
function M.parse(text, opts)
  local width = (opts and opts.width) or M.width
  local screen = { rows = {} }
  local a = {}
  local lines = {}
  for line in (text:gsub("\n$", "") .. "\n"):gmatch("(.-)\n") do lines[#lines + 1] = line end
  for r, line in ipairs(lines) do
    local row = {}
    local i = 1
    while i <= #line do
      local c = line:byte(i)
      if c == 27 then
        local csi_params, final, stop = line:match("^%[([%d;:?<=>]*)([%a@`~])()", i + 1)
        if csi_params then
          if final == "m" then a = M.sgr(a, csi_params) end
          i = stop
        else
          -- OSC (… BEL or ST) or a lone ESC: skip it
          local osc_end = line:match("^%][^\7\27]*\7()", i + 1) or line:match("^%][^\27]*\27\\()", i + 1)
          i = osc_end or (i + 2)
        end
      elseif c < 32 then
        i = i + 1
      else
        local len = c < 0x80 and 1 or c < 0xE0 and 2 or c < 0xF0 and 3 or 4
        local ch = line:sub(i, i + len - 1)
        local w = width(ch)
        row[#row + 1] = { ch = ch, width = w, attr = a }
        if w == 2 then row[#row + 1] = { cont = true, attr = a } end
        i = i + len
      end
    end
    screen.rows[r] = row
  end
  return screen
end

--- Row r's text (wide characters once).
function M.text(screen, r)
  local out = {}
  for _, cell in ipairs(screen.rows[r] or {}) do
    if not cell.cont then out[#out + 1] = cell.ch end
  end
  return table.concat(out)
end

-- ------------------------------------------------------------ HTML

local function esc(s)
  return (s:gsub("[&<>\"]", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }))
end

local DECORATION = { single = "solid", double = "double", curly = "wavy", dotted = "dotted", dashed = "dashed" }

-- The CSS of attributes a ("" for none).
local function style(a, theme)
  local fg, bg = a.fg, a.bg
  if a.reverse then fg, bg = bg or theme.bg, fg or theme.fg end
  local css = {}
  if fg then css[#css + 1] = "color:" .. fg end
  if bg then css[#css + 1] = "background:" .. bg end
  if a.bold then css[#css + 1] = "font-weight:bold" end
  if a.italic then css[#css + 1] = "font-style:italic" end
  if a.dim then css[#css + 1] = "opacity:.6" end
  if a.hidden then css[#css + 1] = "color:transparent" end
  local lines = {}
  if a.underline then lines[#lines + 1] = "underline" end
  if a.strike then lines[#lines + 1] = "line-through" end
  if a.overline then lines[#lines + 1] = "overline" end
  if #lines > 0 then
    css[#css + 1] = "text-decoration-line:" .. table.concat(lines, " ")
    if a.underline then
      css[#css + 1] = "text-decoration-style:" .. DECORATION[a.underline]
      css[#css + 1] = "text-decoration-skip-ink:none"
      if a.ul_colour then css[#css + 1] = "text-decoration-color:" .. a.ul_colour end
    end
  end
  return table.concat(css, ";")
end

--- An HTML page of the screen: one <pre>, a span per run of cells with
-- the same attributes, each wide character in a box two cells wide.
-- opts.title, opts.background ("dark" or "light": the default colours),
-- opts.font_px (14), opts.line_px (17).
function M.html(screen, opts)
  opts = opts or {}
  local theme = M.themes[opts.background or "dark"] or M.themes.dark
  local font_px, line_px = opts.font_px or 14, opts.line_px or 17
  local out = {
    "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>", esc(opts.title or "terminal"), "</title>\n",
    "<style>\nhtml,body{margin:0;background:", theme.bg, "}\n",
    "pre{margin:0;padding:12px;color:", theme.fg, ";background:", theme.bg,
    ";font:", font_px, "px/", line_px, "px 'DejaVu Sans Mono','Noto Sans Mono CJK JP',monospace}\n",
    "pre span{white-space:pre}\n",
    ".w{display:inline-block;width:2ch;text-align:center;overflow:hidden;vertical-align:top}\n",
    "</style></head><body><pre>",
  }
  for r, row in ipairs(screen.rows) do
    local run_attr, run = nil, {}
    local function flush()
      if #run == 0 then return end
      local css = style(run_attr, theme)
      if css == "" then
        out[#out + 1] = table.concat(run)
      else
        out[#out + 1] = "<span style=\"" .. css .. "\">" .. table.concat(run) .. "</span>"
      end
      run = {}
    end
    for _, cell in ipairs(row) do
      if not cell.cont then
        if cell.attr ~= run_attr then
          flush()
          run_attr = cell.attr
        end
        if cell.width == 2 then
          run[#run + 1] = "<span class=\"w\">" .. esc(cell.ch) .. "</span>"
        else
          run[#run + 1] = esc(cell.ch)
        end
      end
    end
    flush()
    if r < #screen.rows then out[#out + 1] = "\n" end
  end
  out[#out + 1] = "</pre></body></html>\n"
  return table.concat(out)
end

-- ------------------------------------------------------------ script

if arg and arg[0] and arg[0]:match("ansi2html%.lua$") and arg[1] and arg[2] then
  local f = assert(io.open(arg[1], "rb"))
  local text = f:read("*a")
  f:close()
  local page = M.html(M.parse(text), { title = arg[1], background = arg[3] })
  local o = assert(io.open(arg[2], "wb"))
  o:write(page)
  o:close()
end

return M
