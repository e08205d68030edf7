-- annotate_dir.lua DIR OUT.jsonl [--full-ids]: every DIR/*.txt annotated
-- by kiji, one SCHEMA.md document per line with "id" = the file name
-- without .txt (the shape score.py reads), or the whole file name with
-- --full-ids (what tests/schema/validate_docs.py reads). Used by
-- `make eval` and the schema test.
local kiji = require "kiji"

local dir, out_path, full_ids = arg[1], arg[2], arg[3] == "--full-ids"
if not dir or not out_path then
  io.stderr:write("usage: annotate_dir.lua DIR OUT.jsonl\n")
  os.exit(2)
end

local names = {}
local ls = assert(io.popen('ls -1 "' .. dir:gsub('"', '\\"') .. '"'))
for name in ls:lines() do
  if name:match("%.txt$") then names[#names + 1] = name end
end
ls:close()
table.sort(names)

local out = assert(io.open(out_path, "wb"))
local failed = 0
for _, name in ipairs(names) do
  local f = assert(io.open(dir .. "/" .. name, "rb"))
  local text = f:read("*a")
  f:close()
  local doc, err = kiji.annotate(text)
  if doc then
    out:write(kiji.json(doc, full_ids and name or (name:gsub("%.txt$", ""))), "\n")
  else
    failed = failed + 1
    io.stderr:write(name, ": ", err, "\n")
  end
end
out:close()
io.stderr:write(("annotated %d texts into %s\n"):format(#names - failed, out_path))
os.exit(failed == 0 and 0 or 1)
