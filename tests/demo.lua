-- make demo: normalize the bundled samples and show, through the offset
-- map, where normalized spans come from in the original bytes.
local kiji = require "kiji"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

-- Spans of the normalized text whose original bytes differ from them.
local function changed_spans(original, norm, map)
  local spans, i = {}, 1
  while i <= #norm do
    local j = i + #norm:sub(i):match("^[%z\1-\127\194-\244][\128-\191]*") - 1
    local s, e = map:origin(i, j)
    if original:sub(s, e):lower() ~= norm:sub(i, j) then -- more than ASCII case
      local last = spans[#spans]
      if last and last.stop == i - 1 then last.stop, last.ostop = j, e
      else spans[#spans + 1] = { start = i, stop = j, ostart = s, ostop = e } end
    end
    i = j + 1
  end
  return spans
end

for _, path in ipairs(arg) do
  local text = read(path)
  local norm, map = kiji.normalize(text)
  print(("== %s (%d bytes -> %d bytes, match form, Unicode %s)"):format(
    path, #text, #norm, kiji.unicode_version))
  print(norm)
  print(("-- %-28s  %-22s  %s"):format("normalized span", "original bytes", "original text"))
  for k, sp in ipairs(changed_spans(text, norm, map)) do
    if k > 12 then break end
    local shown = text:sub(sp.ostart, sp.ostop):gsub("%s", " ")
    print(("   [%4d..%4d] %-18s  [%4d..%4d]  %s"):format(sp.start, sp.stop,
      ("%q"):format(norm:sub(sp.start, sp.stop)), sp.ostart, sp.ostop, ("%q"):format(shown)))
  end
  print()
end
