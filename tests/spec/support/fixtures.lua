-- The fixture articles (tests/fixtures/annotate/{en,ja}/*.txt) as the
-- specs read them: their paths, English then Japanese, each in name
-- order, and a file's bytes.
local M = {}

function M.read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

function M.paths()
  local out = {}
  for _, lang in ipairs { "en", "ja" } do
    local p = assert(io.popen("ls -1 tests/fixtures/annotate/" .. lang .. "/*.txt"))
    for path in p:lines() do out[#out + 1] = path end
    p:close()
  end
  return out
end

return M
