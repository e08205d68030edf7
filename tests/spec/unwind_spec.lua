-- A Lua error raised in the middle of a call into kiji.core leaks nothing
-- (check-asan and check-valgrind see the C side; here the process size).
local kiji = require "kiji"

local function rss_kb()
  -- under AddressSanitizer freed memory sits in quarantine, and
  -- LeakSanitizer checks for leaks at exit instead
  if (os.getenv("LD_PRELOAD") or ""):find("asan", 1, true) then return nil end
  local f = io.open("/proc/self/statm")
  if not f then return nil end
  local pages = f:read("*n") and f:read("*n")
  f:close()
  return pages and pages * 4
end

describe("an error inside a call", function()
  it("leaks nothing when calls raise, again and again", function()
    local trap = setmetatable({}, { __index = function(_, k)
      if k == "map" then error("raised mid-call") end
    end })
    local text = string.rep("ＡＢＣ 日本語 ", 1000)
    local function burst(n)
      for _ = 1, n do
        -- plain assert: luassert keeps state per call, which would grow
        assert(not pcall(kiji.normalize, text, trap))
        local _, map = kiji.normalize(text)
        assert(not pcall(map.origin, map, 0))
      end
      collectgarbage()
      collectgarbage()
    end
    burst(2000)
    local before = rss_kb()
    burst(20000)
    local after = rss_kb()
    if before and after then
      assert.is_true(after - before < 8192, ("grew by %d KB"):format(after - before))
    end
  end)
end)
