-- gen_jsonl.lua MB FILE...: at least MB megabytes (10^6 bytes) of JSON Lines
-- records {"id": ..., "text": ...} on stdout, the texts of FILE... (the
-- fixture articles) over and over, each copy with its own id. Generated
-- as it is written, so that a gigabyte never sits on disk. Says on stderr
-- how many records and bytes it wrote.
local cjson = require "cjson"

local target = assert(tonumber(arg[1]), "usage: gen_jsonl.lua MB FILE...") * 1000000
local texts = {}
for i = 2, #arg do
  local f = assert(io.open(arg[i], "rb"))
  local name = arg[i]:match("([^/]+/[^/]+)%.txt$") or arg[i]
  texts[#texts + 1] = { name = name:gsub("/", "-"), json = cjson.encode(f:read("*a")) }
  f:close()
end
assert(#texts > 0, "gen_jsonl.lua: no input files")

local out, bytes, copy, records = io.stdout, 0, 0, 0
out:setvbuf("full", 1 << 20)
while bytes < target do
  copy = copy + 1
  local buf = {}
  for k, t in ipairs(texts) do
    buf[k] = ('{"id":"%s-%d","text":%s}\n'):format(t.name, copy, t.json)
  end
  local s = table.concat(buf)
  if not out:write(s) then break end -- the reader went away
  bytes = bytes + #s
  records = records + #texts
end
out:flush()
io.stderr:write(("%d records, %d bytes\n"):format(records, bytes))
