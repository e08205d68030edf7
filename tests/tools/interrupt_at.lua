-- A SIGINT landing at one chosen point of a run, for tests/suites/cli.t:
--   lua5.4 -e 'dofile "tests/tools/interrupt_at.lua"' bin/kiji ARGS...
-- lua.c turns SIGINT into a hook that raises "interrupted!" once, at the
-- next call, return or instruction of whatever runs. This raises it at
-- the KIJI_INTERRUPT_AT-th call or return event and creates the file
-- KIJI_INTERRUPT_MARK when it does. Without KIJI_INTERRUPT_AT it counts
-- the run's events and writes the count to KIJI_INTERRUPT_MARK at exit.
-- An event in a finalizer is passed over to the next one: Lua itself turns
-- an error in __gc into a warning, so a signal landing there is lost to
-- every script (and a second ^C stops it, lua.c having restored SIG_DFL).
local at = tonumber(os.getenv("KIJI_INTERRUPT_AT"))
local mark = assert(os.getenv("KIJI_INTERRUPT_MARK"), "KIJI_INTERRUPT_MARK not set")
local getinfo, sethook = debug.getinfo, debug.sethook
local events = 0

local function in_finalizer()
  for level = 2, 200 do
    local info = getinfo(level, "n")
    if not info then return false end
    if info.name == "__gc" then return true end
  end
  return false
end

sethook(function()
  events = events + 1
  if at and events >= at and not in_finalizer() then
    sethook()
    io.open(mark, "w"):close()
    error("interrupted!")
  end
end, "cr")

if not at then
  local exit = os.exit
  os.exit = function(...) -- luacheck: ignore 122 (the run's own exit, counted)
    sethook()
    local f = io.open(mark, "w")
    f:write(events, "\n")
    f:close()
    return exit(...)
  end
end
