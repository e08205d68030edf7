-- kiji for Neovim 0.7+: commands and highlight links; the work is done by
-- lua/kiji/nvim.lua, loaded on first use. (The C sources beside this file
-- are kiji's library; Neovim sources only *.vim and *.lua here.)
if type(vim) ~= "table" or type(vim.api) ~= "table" then return end -- not Neovim
if vim.g.loaded_kiji then return end
vim.g.loaded_kiji = 1
if vim.fn.has("nvim-0.7") ~= 1 then
  vim.notify("kiji: Neovim 0.7 or later is needed", vim.log.levels.WARN)
  return
end

local api = vim.api

local links = {
  KijiOfficial = "Identifier",
  KijiOutlet = "Constant",
  KijiMention = "Special",
  KijiDenial = "WarningMsg",
  KijiClaim = "Underlined",
  KijiDenier = "Special",
}

local function highlights()
  for group, link in pairs(links) do
    if not pcall(api.nvim_set_hl, 0, group, { link = link, default = true }) then
      vim.cmd(("highlight default link %s %s"):format(group, link))
    end
  end
end
highlights()
api.nvim_create_autocmd("ColorScheme", {
  group = api.nvim_create_augroup("kiji_highlights", { clear = true }),
  callback = highlights,
})

local function kiji() return require("kiji.nvim") end

api.nvim_create_user_command("KijiAnnotate", function(a) kiji().command_annotate(a) end,
  { range = true, desc = "kiji: mark officials, outlets and denials (buffer or range)" })
api.nvim_create_user_command("KijiClear", function(a) kiji().command_clear(a) end,
  { range = true, desc = "kiji: remove kiji's marks (buffer or range)" })
api.nvim_create_user_command("KijiDenials", function() kiji().denials(0) end,
  { desc = "kiji: the denials in the quickfix list" })
api.nvim_create_user_command("KijiInfo", function() kiji().info(0) end,
  { desc = "kiji: what is under the cursor" })
