-- lua.c's SIGINT, put where a test wants it (interrupt_at.lua,
-- interrupt_sweep.lua). lua.c turns SIGINT into a hook that raises
-- "interrupted!" once, at the next call, return or instruction of
-- whatever runs.
--
--   local hook, events = dofile("tests/tools/interrupt_hook.lua")(at, fired, counting)
--   debug.sethook(hook, "cr")
--
-- The hook counts the call and return events for which counting() is
-- true (every one when counting is nil); at the at-th (never when at is
-- nil) it clears itself, calls fired() and raises "interrupted!". An
-- event in a finalizer passes it on to the next: Lua itself turns an
-- error in __gc into a warning, so a signal landing there is lost to
-- every script (and a second ^C stops it, lua.c having restored
-- SIG_DFL). events() gives the count so far.
local getinfo, sethook = debug.getinfo, debug.sethook

local function in_finalizer()
  for level = 3, 200 do
    local info = getinfo(level, "n")
    if not info then return false end
    if info.name == "__gc" then return true end
  end
  return false
end

return function(at, fired, counting)
  local events = 0
  local function hook()
    if counting and not counting() then return end
    events = events + 1
    if at and events >= at and not in_finalizer() then
      sethook()
      fired()
      error("interrupted!")
    end
  end
  return hook, function() return events end
end
