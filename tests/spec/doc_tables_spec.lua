-- The tables of kiji.annotate against the JSON the C core writes for the
-- same document (kiji.json), over every fixture article: the same fields
-- and values (1-based inclusive in Lua, 0-based half-open in JSON), and
-- the identities SCHEMA.md promises in Lua: a party that is a mention is
-- that mention's table, an antecedent too, a record's quote is its entry
-- of doc.quotes, and records of one sentence share its table.
local kiji = require "kiji"
local cjson = require "cjson"

local fixtures = require "support.fixtures"

-- the Lua value v as JSON has it (offsets and indexes 0-based, tables by
-- value); `sentence` is an index in mentions and quotes, a span in records
local function as_json(v, key)
  if type(v) ~= "table" then
    if key == "sentence" then return v - 1 end
    return v
  end
  local out = {}
  for k, x in pairs(v) do
    if k == "start" then
      out.start = x - 1
    elseif k == "stop" then
      out["end"] = x
    elseif k == "index" then
      out.index = x - 1
    else
      out[k] = as_json(x, k)
    end
  end
  return out
end

local function strip_json(v)
  if v == cjson.null then return nil end
  if type(v) ~= "table" then return v end
  local out = {}
  for k, x in pairs(v) do out[k] = strip_json(x) end
  return out
end

describe("kiji.annotate's tables", function()
  for _, path in ipairs(fixtures.paths()) do
    it("equal the JSON and keep their identities: " .. path:match("[^/]+/[^/]+$"), function()
      local text = fixtures.read(path)
      local doc = assert(kiji.annotate(text))
      local json = strip_json(cjson.decode(kiji.json(doc)))
      for _, key in ipairs { "lang", "bytes", "sentences", "officials", "outlets", "quotes",
                             "denials", "attributions", "dateline", "source" } do
        assert.are.same(json[key], as_json(doc[key], key), key)
      end
      local mention = {}
      for _, list in ipairs { doc.officials, doc.outlets } do
        for _, m in ipairs(list) do mention[m] = true end
      end
      local quote = {}
      for _, q in ipairs(doc.quotes) do quote[q] = true end
      local function party(p)
        if p == nil then return end
        if p.kind then
          assert.is_true(mention[p], "a mention party is the mention's table")
        elseif p.antecedent then
          assert.is_true(mention[p.antecedent], "an antecedent is the mention's table")
        end
      end
      for _, q in ipairs(doc.quotes) do party(q.speaker) end
      party(doc.source)
      local by_sentence = {}
      local function record(r, parties)
        for _, k in ipairs(parties) do party(r[k]) end
        if r.quote then assert.is_true(quote[r.quote], "a record's quote is in doc.quotes") end
        local s = r.sentence
        assert.are.equal(text:sub(s.start, s.stop), s.text)
        assert.are.equal(doc.sentences[s.index].start, s.start)
        assert.are.equal(doc.sentences[s.index].stop, s.stop)
        by_sentence[s.index] = by_sentence[s.index] or s
        assert.is_true(rawequal(by_sentence[s.index], s), "one table per sentence")
      end
      for _, d in ipairs(doc.denials) do record(d, { "by", "reported_by", "target" }) end
      for _, a in ipairs(doc.attributions) do record(a, { "source" }) end
    end)
  end
end)
