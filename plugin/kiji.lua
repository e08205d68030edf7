-- kiji for Neovim 0.7+: the commands; the work (and the highlight groups)
-- is lua/kiji/nvim.lua's, loaded on first use. (The C sources beside this file
-- are kiji's library; Neovim sources only *.vim and *.lua here.)
if type(vim) ~= "table" or type(vim.api) ~= "table" then return end -- not Neovim
if vim.g.loaded_kiji then return end
vim.g.loaded_kiji = 1
if vim.fn.has("nvim-0.7") ~= 1 then
  vim.notify("kiji: Neovim 0.7 or later is needed", vim.log.levels.WARN)
  return
end

local api = vim.api

local function kiji() return require("kiji.nvim") end

api.nvim_create_user_command("KijiAnnotate", function(a) kiji().command_annotate(a) end,
  { range = true, desc = "kiji: mark officials, outlets and denials (buffer or range)" })
api.nvim_create_user_command("KijiClear", function(a) kiji().command_clear(a) end,
  { range = true, desc = "kiji: remove kiji's marks (buffer or range)" })
api.nvim_create_user_command("KijiDenials", function() kiji().denials(0) end,
  { desc = "kiji: the denials in the quickfix list" })
api.nvim_create_user_command("KijiTrack", function() kiji().track() end,
  { desc = "kiji: the denials of the open buffers as events, in the quickfix list" })
api.nvim_create_user_command("KijiInfo", function() kiji().info(0) end,
  { desc = "kiji: what is under the cursor" })
