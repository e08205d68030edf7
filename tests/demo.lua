-- make demo: annotate the bundled sample articles (written for the
-- project) and print who the officials are, which outlets are cited, and
-- who denied what, reported by whom.
local kiji = require "kiji"

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

local function one_line(s, max)
  s = s:gsub("%s+", " ")
  if #s > max then
    local cut = max
    while cut > 1 and s:byte(cut + 1) and s:byte(cut + 1) >= 0x80 and s:byte(cut + 1) < 0xC0 do
      cut = cut - 1
    end
    s = s:sub(1, cut) .. "…"
  end
  return s
end

local function describe(m)
  local extra = {}
  if m.id then extra[#extra + 1] = m.id end
  if m.country then extra[#extra + 1] = m.country end
  extra[#extra + 1] = m.subtype
  return ("%s  [%s]  @%d"):format(m.text, table.concat(extra, ", "), m.start)
end

for _, path in ipairs(arg) do
  local text = read(path)
  local doc = assert(kiji.annotate(text))
  print(("== %s: %d bytes, lang %s, %d sentences"):format(path, doc.bytes, doc.lang, #doc.sentences))
  print("-- officials")
  for _, m in ipairs(doc.officials) do print("   " .. describe(m)) end
  print("-- outlets")
  for _, m in ipairs(doc.outlets) do print("   " .. describe(m)) end
  print("-- denials")
  for _, d in ipairs(doc.denials) do
    local line = ("   %s denied %s"):format(d.by and d.by.text or "(unnamed)",
      d.claim and one_line(d.claim.text, 70) or "(the claim is not in the sentence)")
    if d.reported_by then line = line .. (" (reported by %s)"):format(d.reported_by.text) end
    print(line .. ("  [cue: %s]"):format(d.cue.text))
  end
  print("-- attributions")
  for _, a in ipairs(doc.attributions) do
    print(("   %s: %s  [cue: %s]"):format(a.source and a.source.text or "(no source)",
      a.claim and one_line(a.claim.text, 70) or "-", a.cue.text))
  end
  print()
end
