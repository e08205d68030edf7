-- A SIGINT landing at one chosen point of a run, for tests/suites/cli.t:
--   lua5.4 -e 'dofile "tests/tools/interrupt_at.lua"' bin/kiji ARGS...
-- raises lua.c's "interrupted!" at the KIJI_INTERRUPT_AT-th call or return
-- event (interrupt_hook.lua) and creates the file KIJI_INTERRUPT_MARK when
-- it does. Without KIJI_INTERRUPT_AT it counts the run's events and writes
-- the count to KIJI_INTERRUPT_MARK at exit.
local at = tonumber(os.getenv("KIJI_INTERRUPT_AT"))
local mark = assert(os.getenv("KIJI_INTERRUPT_MARK"), "KIJI_INTERRUPT_MARK not set")
local hook, events = dofile("tests/tools/interrupt_hook.lua")(at, function() io.open(mark, "w"):close() end)
debug.sethook(hook, "cr")

if not at then
  local exit = os.exit
  os.exit = function(...) -- luacheck: ignore 122 (the run's own exit, counted)
    debug.sethook()
    local f = io.open(mark, "w")
    f:write(events(), "\n")
    f:close()
    return exit(...)
  end
end
