--- SIGINT as Lua code meets it, kept on its way up.
-- lua.c and LuaJIT turn SIGINT into the error "interrupted!", raised once
-- in whatever runs next: a call, a return, an instruction. Code that
-- catches errors to report them must let that one through, or a run goes
-- on as if one record were bad. That includes the C functions that catch
-- errors themselves: cjson.safe runs each conversion under lua_pcall.
local interrupt = {}

--- Is `e` the error SIGINT raised?
function interrupt.is(e)
  return type(e) == "string" and e:find("interrupted!$") ~= nil
end

local function passed(ok, ...)
  if not ok and interrupt.is((...)) then error((...), 0) end
  return ok, ...
end

--- pcall(f, ...), but SIGINT goes on up.
function interrupt.pcall(f, ...)
  return passed(pcall(f, ...))
end

-- A cjson.safe function's results, SIGINT raised again.
local function converted(value, err, ...)
  if value == nil and interrupt.is(err) then error(err, 0) end
  return value, err, ...
end

--- lua-cjson's cjson.safe, its decode and encode letting SIGINT through;
-- nil and the reason when lua-cjson is not installed.
function interrupt.cjson_safe()
  local ok, cjson = interrupt.pcall(require, "cjson.safe")
  if not ok then return nil, cjson end
  return setmetatable({
    decode = function(s) return converted(cjson.decode(s)) end,
    encode = function(v) return converted(cjson.encode(v)) end,
  }, { __index = cjson })
end

return interrupt
