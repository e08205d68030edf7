-- The init (nvim -u) of the Neovim that tests/nvim/screen.sh runs in a
-- tmux pane: kiji from the checkout ($KIJI_ROOT, kiji.core from
-- $KIJI_BUILD), background $KIJI_SCREEN_BG (dark or light), and two
-- mappings that the test types (as keys, so that the command line keeps
-- the summary of :KijiAnnotate):
--   ,i   the cursor on the cue of the last denial an outlet reports (in
--        Japanese, on the last line: the float leaves the article in
--        view), then :KijiInfo
--   ,w   write $KIJI_SCREEN_REPORT: where each mark is on the screen, the
--        last message, the float's lines and place (tests/nvim/screen_check.lua
--        reads it)
local api = vim.api
vim.opt.runtimepath:prepend(vim.env.KIJI_ROOT)
vim.g.kiji_build = vim.env.KIJI_BUILD
vim.o.background = vim.env.KIJI_SCREEN_BG == "light" and "light" or "dark"
vim.o.termguicolors = false
vim.o.laststatus = 2
vim.o.ruler = true
vim.o.showmode = false
vim.o.shortmess = vim.o.shortmess .. "I"

local function float_win()
  for _, w in ipairs(api.nvim_list_wins()) do
    if api.nvim_win_get_config(w).relative ~= "" then return w end
  end
end

vim.keymap.set("n", ",i", function()
  local at
  for _, m in ipairs(require("kiji.nvim").marks(0)) do
    if m.item.what == "cue" and m.item.record.reported_by then at = m end
  end
  if at then api.nvim_win_set_cursor(0, { at.row + 1, at.col }) end
  vim.cmd("KijiInfo")
end)

-- One line a fact, TAB-separated:
--   mark  WHAT  GROUP  ROW  COL  WIDTH  TEXT   (screen cells, 1-based; one-line
--                                               marks outside the float's rows)
--   message  TEXT   (the last message: the summary)
--   float  ROW  COL  HEIGHT  WIDTH   (its text area, 1-based, borders outside)
--   line  TEXT      (each line of the float)
vim.keymap.set("n", ",w", function()
  local out = {}
  local fw = float_win()
  local top, bottom = math.huge, -math.huge
  if fw then
    local pos = api.nvim_win_get_position(fw)
    local h, w = api.nvim_win_get_height(fw), api.nvim_win_get_width(fw)
    -- the text area; the border is a row above and below
    out[#out + 1] = ("float\t%d\t%d\t%d\t%d"):format(pos[1] + 2, pos[2] + 2, h, w)
    top, bottom = pos[1] + 1, pos[1] + h + 2
    for _, l in ipairs(api.nvim_buf_get_lines(api.nvim_win_get_buf(fw), 0, -1, true)) do
      out[#out + 1] = "line\t" .. l
    end
  end
  local win = api.nvim_get_current_win()
  local buf = api.nvim_get_current_buf()
  for _, m in ipairs(require("kiji.nvim").marks(buf)) do
    if m.row == m.end_row then
      local p = vim.fn.screenpos(win, m.row + 1, m.col + 1)
      if p.row > 0 and (p.row < top or p.row > bottom) then
        local text = api.nvim_buf_get_text(buf, m.row, m.col, m.end_row, m.end_col, {})[1]
        out[#out + 1] = ("mark\t%s\t%s\t%d\t%d\t%d\t%s"):format(m.item.what, m.item.group, p.row, p.col,
          vim.fn.strdisplaywidth(text), text)
      end
    end
  end
  local msgs = vim.split(api.nvim_exec("messages", true), "\n", { trimempty = true })
  out[#out + 1] = "message\t" .. (msgs[#msgs] or "")
  local f = assert(io.open(vim.env.KIJI_SCREEN_REPORT .. ".tmp", "w"))
  f:write(table.concat(out, "\n"), "\n")
  f:close()
  assert(os.rename(vim.env.KIJI_SCREEN_REPORT .. ".tmp", vim.env.KIJI_SCREEN_REPORT))
end)
