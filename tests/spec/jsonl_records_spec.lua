-- kiji.core.jsonl_records, the C reader of `kiji annotate --jobs`: every
-- record it takes is what lua-cjson reads in it (the text byte for byte,
-- the id as written), and every line it is not sure of goes back to the
-- Lua reader as written, in its place.
local cjson = require "cjson"
local core = require "kiji.core"
local formats = require "kiji.formats"

local own = {}
for name in pairs(formats.document_fields()) do own[#own + 1] = name end

-- The lines of a chunk and what lua-cjson makes of each (nil: refused).
local function lines_of(chunk)
  local list = {}
  for line in (chunk .. "\n"):gmatch("([^\n]*)\n") do list[#list + 1] = line end
  if chunk:sub(-1) == "\n" then list[#list] = nil end
  return list
end

-- Check the reader on chunk; returns the numbers of the lines it took and
-- of those it left.
local function check(chunk)
  local r = core.jsonl_records(chunk, own)
  local lines, took, left = lines_of(chunk), {}, {}
  assert.equal(#lines, r.lines)
  for k, text in ipairs(r.texts) do
    local n = r.line_of[k]
    local rec = cjson.decode(lines[n])
    assert.equal(rec.text, text)
    if rec.id == nil then
      assert.is_false(r.id_json[k])
    else
      assert.same(rec.id, cjson.decode(r.id_json[k]))
    end
    took[#took + 1] = n
  end
  for j, s in ipairs(r.special) do
    assert.equal(lines[s.line], s.raw)
    -- its place: after the records of the lines before it
    local before = 0
    for _, n in ipairs(r.line_of) do if n < s.line then before = before + 1 end end
    assert.equal(before, s.after)
    left[j] = s.line
  end
  assert.equal(#r.texts, #r.id_json)
  assert.equal(#r.texts, #r.members)
  return took, left
end

describe("kiji.core.jsonl_records", function()
  it("takes plain records and leaves every line it is not sure of", function()
    local chunk = table.concat({
      [[{"id":"e1","text":"caf\u00e9 \ud83d\ude00 \/ \b\f\n\r\t \"q\" \\ end"}]],
      [[{"id":"e2","text":"lone \ud800 high"}]],
      [[{"id":"e3","text":"lone \udc00 low"}]],
      [[{"id":"e4","text":"nul \u0000 in"}]],
      '{"id":"e5","text":"raw\ttab"}',
      [[{"t\u0065xt":"escaped name","id":"e6"}]],
      [[{"id":"e7","text":"dup","text":"dup 2"}]],
      [[{"id":"e8","text":"own names","lang":"xx","_lang":1,"bytes":[1, 2 ,3],"kiji":{"a" : [ {} , [] ]}}]],
      [[{"id":-1.5e+3,"text":"number id","n":0,"m":-0.0,"big":1E400}]],
      [[{"id":null,"text":"null id"}]],
      [[{"id":true,"text":"bool id"}]],
      [[{"id":"e12"}]],
      [[{"id":"e13","text":5}]],
      [[{"id":"e14","text":"trailing"} x]],
      ' \t {"id":"e15","text":"blanks around"} \r',
      "   ",
      '{"id":"e17","text":"deep","d":' .. ("["):rep(70) .. ("]"):rep(70) .. "}",
      [[{"id":"e18","text":"dated","date":"2024-05-01"}]],
      "[1,2]",
      [[{"id":"e20","text":"leading zero","n":01}]],
      [[{"id":"e21","text":"ok","n":-}]],
      [[{"id":"e22","text":"x","e":"\u00"}]],
      '{"id":"e23","text":"invalid \255 byte"}',
      "{}",
      [[{"id":"e25","text":"slash name","a/b":1}]],
      [[{"id":"e26","text":"名前","名前":"値"}]],
      [[{"id":"\u0041","text":"escaped id"}]],
      [[{"id":"e28","text":"last line, no newline","source":"Kyodo"}]],
      [[{"id":"e29","text":"the end"}]],
    }, "\n")
    local took, left = check(chunk)
    assert.same({ 1, 4, 8, 9, 10, 15, 23, 25, 26, 27, 29 }, took)
    assert.same({ 2, 3, 5, 6, 7, 11, 12, 13, 14, 17, 18, 19, 20, 21, 22, 24, 28 }, left)
  end)

  it("writes the other members as the Lua reader does, renaming the document's own", function()
    local r = core.jsonl_records([[{"lang":"xx", "_lang" : 1,"text":"t","bytes":[1, 2 ,3],"n":{ }}]], own)
    assert.equal([["__lang":"xx","_lang":1,"_bytes":[1, 2 ,3],"n":{ }]], r.members[1])
    assert.is_false(r.id_json[1])
  end)

  it("reads random records as lua-cjson does", function()
    local pieces = { "a", "é", "名", " ", [[\"]], [[\\]], [[\/]], [[\n]], [[\t]], [[\u00e9]], [[\u65e5]],
                     [[\ud83d\ude00]], [[\ud800]], [[\u0000]], "\t", "\255", [[\x]], '"', "\\" }
    local values = { "1", "-0.5e-3", "true", "null", '"s"', "[1, {\"a\": [ ]}]", "{}", "01", "+1", "[", "nul" }
    local seed = 12345
    local function rand(n)
      seed = (seed * 1103515245 + 12345) % 2147483648
      return seed % n + 1
    end
    local out = {}
    for i = 1, 3000 do
      local text = {}
      for _ = 1, rand(12) - 1 do text[#text + 1] = pieces[rand(#pieces)] end
      local members = { '"text":"' .. table.concat(text) .. '"' }
      if rand(3) == 1 then members[#members + 1] = '"id":' .. (rand(2) == 1 and '"r' .. i .. '"' or i) end
      if rand(2) == 1 then members[#members + 1] = '"m":' .. values[rand(#values)] end
      if rand(3) == 1 then table.insert(members, 1, '"lang":' .. values[rand(#values)]) end
      out[i] = "{" .. table.concat(members, rand(4) == 1 and " , " or ",") .. "}"
    end
    local took, left = check(table.concat(out, "\n") .. "\n")
    assert.equal(3000, #took + #left)
    assert.is_true(#took > 600 and #left > 600) -- (both sides tried)
    for _, n in ipairs(left) do
      -- a line it left is one it could not be sure of: never a plain one
      local ok, rec = pcall(cjson.decode, out[n])
      if ok and type(rec) == "table" and type(rec.text) == "string" then
        assert.truthy(out[n]:find("\\u[dD][89abAB]", 1) or out[n]:find("[%z\1-\31]") or out[n]:find("\\x", 1, true)
                      or out[n]:find(":01") or out[n]:find(":%+1"), out[n])
      end
    end
  end)

  it("refuses what is not a string chunk and an own-names list", function()
    assert.has_error(function() core.jsonl_records(nil, own) end)
    assert.has_error(function() core.jsonl_records("{}", nil) end)
    assert.equal(0, core.jsonl_records("", own).lines)
  end)
end)
