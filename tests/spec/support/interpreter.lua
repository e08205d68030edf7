-- The interpreter running these specs (the first word of its command
-- line, as lua.c and luajit leave it in arg), to run a script in a child
-- process: nil when there is none to run, or KIJI_NO_SUBPROCESS is set.
local M = {}

function M.path()
  if os.getenv("KIJI_NO_SUBPROCESS") or not arg then return nil end
  local i = -1
  while arg[i - 1] do i = i - 1 end
  return arg[i]
end

-- s quoted for sh
function M.quote(s) return "'" .. s:gsub("'", "'\\''") .. "'" end

-- The output of `lua script [word]` (stderr too), then "exit N".
function M.run(lua, script, word)
  local p = assert(io.popen(M.quote(lua) .. " " .. M.quote(script) .. (word and " " .. M.quote(word) or "") ..
                            ' 2>&1; echo "exit $?"'))
  local out = p:read("*a")
  p:close()
  return out
end

return M
