-- Checks a tmux capture of kiji in Neovim (tests/nvim/screen.sh) against
-- what that Neovim reported of its own screen (tests/nvim/screen_init.lua,
-- `,w`), and writes the capture as HTML (tests/nvim/ansi2html.lua). Run by
-- a headless Neovim (the Lua at hand), from the top of the tree:
--   KIJI_SCREEN_ANSI   the capture (capture-pane -e -p -N)
--   KIJI_SCREEN_REPORT the report
--   KIJI_SCREEN_HTML   the page to write
--   KIJI_SCREEN_BG     dark | light (the page's default colours)
--   KIJI_SCREEN_SIZE   COLSxROWS of the pane
--   KIJI_SCREEN_LABEL  a word for the test names
-- Prints TAP lines without numbers ("ok - …", "not ok - …", "# …"): the
-- caller numbers them.
local env = vim.env
local a2h = dofile("tests/nvim/ansi2html.lua")
local label = env.KIJI_SCREEN_LABEL or "screen"
local out = io.stdout

local function diag(s)
  for line in (tostring(s) .. "\n"):gmatch("(.-)\n") do out:write("# ", line, "\n") end
end

local function ok(cond, name, why)
  out:write(cond and "ok - " or "not ok - ", label, ": ", name, "\n")
  if not cond and why then diag(why) end
  return cond
end

local function slurp(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("*a")
  f:close()
  return s
end

local function main()
  local ansi = assert(slurp(env.KIJI_SCREEN_ANSI), "no capture")
  local report = assert(slurp(env.KIJI_SCREEN_REPORT), "no report")
  local cols, rows = (env.KIJI_SCREEN_SIZE or "100x30"):match("^(%d+)x(%d+)$")
  cols, rows = tonumber(cols), tonumber(rows)
  local screen = a2h.parse(ansi, { width = function(ch) return vim.fn.strdisplaywidth(ch) end })

  -- the HTML page
  local page = a2h.html(screen, { title = "kiji in Neovim (tmux " .. cols .. "x" .. rows .. ")",
    background = env.KIJI_SCREEN_BG })
  local f = assert(io.open(env.KIJI_SCREEN_HTML, "wb"))
  f:write(page)
  f:close()

  -- the grid
  -- (tmux leaves out the blank cells at the end of a row)
  local bad, widest = {}, 0
  if #screen.rows ~= rows then bad[#bad + 1] = ("%d rows"):format(#screen.rows) end
  for r, row in ipairs(screen.rows) do
    if #row > cols then bad[#bad + 1] = ("row %d: %d cells"):format(r, #row) end
    widest = math.max(widest, #row)
  end
  if widest ~= cols then bad[#bad + 1] = ("the widest row has %d cells"):format(widest) end
  ok(#bad == 0, ("the capture is %d rows of %d cells"):format(rows, cols), table.concat(bad, "\n"))

  -- the report
  local marks, float, float_lines, message = {}, nil, {}, nil
  for line in report:gmatch("([^\n]*)\n") do
    local kind, rest = line:match("^(%a+)\t(.*)$")
    if kind == "mark" then
      local what, group, r, c, w, text = rest:match("^(%a+)\t(%a+)\t(%d+)\t(%d+)\t(%d+)\t(.*)$")
      marks[#marks + 1] = { what = what, group = group, row = tonumber(r), col = tonumber(c), width = tonumber(w),
        text = text }
    elseif kind == "float" then
      local r, c, h, w = rest:match("^(%d+)\t(%d+)\t(%d+)\t(%d+)$")
      float = { row = tonumber(r), col = tonumber(c), height = tonumber(h), width = tonumber(w) }
    elseif kind == "line" then
      float_lines[#float_lines + 1] = rest
    elseif kind == "message" then
      message = rest
    end
  end

  -- The text of cells c .. c + w - 1 of row r, and whether each has `want`.
  local function cells(r, c, w, want)
    local row, text, miss = screen.rows[r] or {}, {}, {}
    for k = c, c + w - 1 do
      local cell = row[k]
      if not cell then
        miss[#miss + 1] = "no cell " .. k
      else
        if not cell.cont then text[#text + 1] = cell.ch end
        for attr, v in pairs(want) do
          local have = cell.attr[attr]
          if (v == true and not have) or (v ~= true and have ~= v) then
            miss[#miss + 1] = ("cell %d (%s) lacks %s"):format(k, cell.ch or "…", attr)
            break
          end
        end
      end
    end
    return table.concat(text), miss
  end

  -- Each mark on the screen: its text where the report says, with the
  -- attributes of its group (any underline style counts).
  local WANT = {
    KijiDenial = { bold = true, underline = true },
    KijiAttribution = { italic = true, underline = true },
    KijiClaim = { underline = true },
    KijiDenier = { bold = true, underline = true },
    KijiOfficial = { bold = true },
    KijiOutlet = { bold = true },
    KijiMention = { bold = true },
  }
  local by_group, wide = {}, false
  for _, m in ipairs(marks) do
    local g = by_group[m.group] or { n = 0, bad = {} }
    by_group[m.group] = g
    g.n = g.n + 1
    if vim.fn.strdisplaywidth(m.text) > vim.fn.strchars(m.text) then wide = true end
    local text, miss = cells(m.row, m.col, m.width, WANT[m.group] or {})
    if text ~= m.text then
      g.bad[#g.bad + 1] = ("%q at %d:%d: the capture has %q"):format(m.text, m.row, m.col, text)
    end
    for _, s in ipairs(miss) do g.bad[#g.bad + 1] = ("%q at %d:%d: %s"):format(m.text, m.row, m.col, s) end
  end
  local function check_group(group, what, min)
    local g = by_group[group] or { n = 0, bad = {} }
    ok(g.n >= min and #g.bad == 0, ("every %s on screen (%d) carries %s in the capture"):format(what, g.n,
      table.concat((function()
        local t = {}
        for k in pairs(WANT[group]) do t[#t + 1] = k end
        table.sort(t)
        return t
      end)(), "+")),
      (g.n < min and ("fewer than %d\n"):format(min) or "") .. table.concat(g.bad, "\n"))
  end
  check_group("KijiDenial", "denial cue", 4)
  check_group("KijiAttribution", "attribution cue", 3)
  check_group("KijiClaim", "claim", 1)
  check_group("KijiOfficial", "official", 3)
  check_group("KijiOutlet", "outlet", 3)
  ok(wide, "marks on Japanese text (wide cells) among them")

  -- the summary of :KijiAnnotate on the last row
  local last = a2h.text(screen, rows):gsub("%s+$", "")
  ok(message and message:match("^kiji: %d+ officials?, %d+ outlets?, %d+ denials?, %d+ attributions? in %d+ sentences?$")
    and last == message, "the summary of :KijiAnnotate is the last row",
    ("last row: %q\nmessage:  %q"):format(last, tostring(message)))

  -- the float of :KijiInfo: its first line where the report says, its
  -- label in KijiDenial's attributes, a border around it
  if not ok(float and #float_lines > 0, "the float of :KijiInfo is open", report) then return end
  local first = float_lines[1]
  local prefix, w = {}, 0
  for ch in first:gmatch("[%z\1-\127\194-\244][\128-\191]*") do
    local cw = vim.fn.strdisplaywidth(ch)
    if w + cw > math.min(float.width - 1, 60) then break end
    prefix[#prefix + 1] = ch
    w = w + cw
  end
  prefix = table.concat(prefix)
  local got = cells(float.row, float.col, w, {})
  ok(got == prefix, "the float's first line is on screen where Neovim put it",
    ("want %q\ngot  %q"):format(prefix, got))
  local lab = first:match("^(%a+):")
  local _, miss = cells(float.row, float.col, #(lab or ""), WANT.KijiDenial)
  ok(lab == "denial" and #miss == 0, "the float's label \"denial\" is bold and underlined", table.concat(miss, "\n"))
  local region = {}
  for r = float.row, float.row + float.height - 1 do region[#region + 1] = a2h.text(screen, r) end
  region = table.concat(region, "\n")
  local rep = first:match("%(reported by ([^)]+)%)")
  ok(rep and region:find("reported by", 1, true) and region:find(rep, 1, true),
    "the float says who reported the denial (" .. tostring(rep) .. ")", region)
  local border = a2h.text(screen, float.row - 1)
  ok(border:find("╭", 1, true) and a2h.text(screen, float.row + float.height):find("╰", 1, true),
    "a border around the float", border)

  -- the page: a denial cue in a bold underlined span
  local cue
  for _, m in ipairs(marks) do
    if m.group == "KijiDenial" then cue = m.text break end
  end
  local found = false
  for css, body in page:gmatch('<span style="([^"]*)">(.-)</span>') do
    if body == cue and css:find("font-weight:bold", 1, true) and css:find("text-decoration-line:underline", 1, true) then
      found = true
    end
  end
  ok(found, ("the HTML page has the cue %q in a bold underlined span"):format(tostring(cue)))
end

local okm, err = xpcall(main, debug.traceback)
if not okm then
  ok(false, "screen_check.lua error", err)
end
out:flush()
vim.cmd("qa!")
