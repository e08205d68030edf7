-- SIGINT at every point of a command's run, in one process, for
-- tests/suites/cli.t:
--   lua5.4 tests/tools/interrupt_sweep.lua OUT COMMAND ARGS...
-- lua.c turns SIGINT into a hook that raises "interrupted!" once, at the
-- next call, return or instruction of whatever runs. For N = 1, 2, ...
-- this runs kiji.cli.main(COMMAND ARGS...) with that error raised at its
-- N-th call or return event (interrupt_hook.lua), until a run ends before
-- its N-th event, and checks that each interrupted run stopped there:
-- status 130 and
-- "kiji: interrupted" (or the error passed up to bin/kiji, which says the
-- same), OUT (written with -o in ARGS) as it was or whole, nothing beside
-- it. kiji's Lua modules are loaded again for each run, so an interrupt
-- also lands in the loading of those the command requires (bin/kiji's
-- own loading of kiji.cli is cli.t's). Prints one line per run that went
-- on, and exits 1 when there is one.
local out_path = assert(arg[1], "usage: interrupt_sweep.lua OUT COMMAND ARGS...")
local argv = { table.unpack(arg, 2) }
local sethook = debug.sethook
local interrupt_hook = dofile("tests/tools/interrupt_hook.lua")

local function read(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end
local function write(path, s)
  local f = assert(io.open(path, "wb"))
  f:write(s)
  f:close()
end
local function sink()
  local parts = {}
  return { write = function(self, ...) for _, s in ipairs({ ... }) do parts[#parts + 1] = tostring(s) end return self end,
           flush = function(self) return self end,
           text = function() return table.concat(parts) end }
end

-- The files a run opens to write, OUT aside: none may be left after it.
local opened = {}
local io_open = io.open
io.open = function(path, mode, ...) -- luacheck: ignore 122
  if path ~= out_path and mode and mode:find("[wa]") then opened[path] = true end
  return io_open(path, mode, ...)
end
local function left_beside()
  for path in pairs(opened) do
    local f = io_open(path, "rb")
    if f then f:close() return true end
  end
  return false
end

-- The Lua half of the command line, loaded afresh. Staying: kiji and
-- kiji.core, the annotator's home, and kiji.cli_io, whose watcher shell
-- (a process per load) would cost more than the runs.
local STAYING = { ["kiji.core"] = true, ["kiji.cli_io"] = true }
local function fresh_cli()
  for name in pairs(package.loaded) do
    if (name:match("^kiji%.") and not STAYING[name]) or name:match("^cjson") then package.loaded[name] = nil end
  end
  return require("kiji.cli")
end

-- One run, interrupted at event `at` (nil: never). Gives whether the
-- interrupt was raised, the status (or the error), and stderr.
local function run(at)
  write(out_path, "old\n")
  opened = {}
  local fired, armed = false, false
  local err = sink()
  local cli = fresh_cli()
  local function go()
    armed = true
    local status = cli.main(argv, { stdin = io.stdin, stdout = sink(), stderr = err })
    armed = false
    return status
  end
  if at then
    sethook(interrupt_hook(at, function() fired = true end, function() return armed end), "cr")
  end
  local ok, status = xpcall(go, function(e) armed = false return e end)
  sethook()
  return fired, ok, status, err.text()
end

local _, ok0, whole, werr = run(nil)
if not ok0 or whole ~= 0 then
  io.stderr:write("interrupt_sweep: the run fails uninterrupted: ", tostring(whole), " ", werr, "\n")
  os.exit(2)
end
local complete = read(out_path)

local went_on, n = 0, 0
while true do
  n = n + 1
  local fired, ok, status, err = run(n)
  if not fired then break end
  local stopped
  if ok then
    stopped = status == 130 and err:match("kiji: interrupted\n$") ~= nil
  else
    stopped = type(status) == "string" and status:match("interrupted!$") ~= nil
  end
  local out = read(out_path)
  local kept = out == "old\n" or out == complete
  local clean = not left_beside()
  if not (stopped and kept and clean) then
    went_on = went_on + 1
    print(("event %d: %s, %s; OUT %s%s"):format(n, ok and "status " .. tostring(status) or "raised",
      (err:gsub("\n", " | ")):sub(1, 160), kept and "kept" or "half-written",
      clean and "" or ", a file left beside it"))
  end
end
print(("%d runs interrupted, %d went on"):format(n - 1, went_on))
os.exit(went_on == 0 and 0 or 1)
