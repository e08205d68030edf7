-- kiji.walk: the one walk over a document that the writers (kiji.formats),
-- the HTML view and the pandoc filter read; and the writers of
-- kiji.formats that are not the C core's JSON.
local kiji = require "kiji"
local walk = require "kiji.walk"
local formats = require "kiji.formats"

local EN = "Japan's Foreign Ministry on Thursday denied a report by the Hokuriku Shimbun that talks " ..
  "had collapsed. Chief Cabinet Secretary Daichi Morooka told Reuters the story was groundless. " ..
  "According to Kyodo News, government officials were surprised."
local JA = "防衛省は１２日、北陸新聞が報じた演習中止について「事実無根だ」と否定した。" ..
  "共同通信によると、外務省幹部は「そのような事実はない」と述べた。"

-- a hand-made document over `text`: spans by their text (the nth time)
local function span_of(text, s, nth)
  local from, a, b = 1, nil, nil
  for _ = 1, nth or 1 do
    a, b = text:find(s, from, true)
    assert(a, s)
    from = b + 1
  end
  return { start = a, stop = b, text = s }
end

local function roles(list)
  local out = {}
  for i, it in ipairs(list) do out[i] = it.role end
  return out
end

describe("kiji.walk", function()
  for _, text in ipairs({ EN, JA }) do
    describe("of kiji.annotate's document (" .. text:sub(1, 12) .. "…)", function()
      local doc = assert(kiji.annotate(text))
      local w = walk(doc, { len = #text })

      it("has every mention, denial, attribution and quotation, as records", function()
        assert.are.equal(#doc.officials + #doc.outlets, #w.mentions)
        assert.are.equal(#doc.denials, #w.denials)
        assert.are.equal(#doc.attributions, #w.attributions)
        assert.are.equal(#doc.quotes, #w.quotes)
        assert.are.equal(#w.mentions + #w.denials + #w.attributions + #w.quotes, #w.records)
        assert.is_true(#w.denials > 0 and #w.attributions > 0)
        for n, r in ipairs(w.denials) do
          assert.are.equal(n, r.n)
          assert.are.equal("denial", r.kind)
          assert.are.equal(doc.denials[n], r.data)
          assert.are.equal(doc.denials[n].sentence.index, r.sentence)
          assert.are.equal(doc.denials[n].cue, r.cue.span)
        end
      end)

      it("yields every span once, in text order, each matching the text", function()
        local count = 0
        for _, r in ipairs(w.records) do count = count + #r.parts end
        assert.are.equal(count, #w.items)
        for i, it in ipairs(w.items) do
          assert.are.equal(text:sub(it.start, it.stop), it.text)
          assert.are.equal(it.span.start, it.start)
          local prev = w.items[i - 1]
          if prev then
            assert.is_true(prev.start < it.start or (prev.start == it.start and prev.stop >= it.stop))
          end
        end
        local i = 0
        for it in walk.items(doc) do
          i = i + 1
          assert.are.equal(w.items[i].span, it.span)
          assert.are.equal(w.items[i].role, it.role)
        end
        assert.are.equal(#w.items, i)
      end)

      it("links a denial's parts in chain order, a denier to its mention", function()
        local order = { by = 1, cue = 2, claim = 3, reported_by = 4, target = 5 }
        for _, r in ipairs(w.denials) do
          local last = 0
          for _, part in ipairs(r.parts) do
            assert.is_true(order[part.role] > last)
            last = order[part.role]
            assert.are.equal(r, part.record)
            assert.are.equal(part, r[part.role])
            assert.are.equal(r.data[part.role], part.span)
          end
          if r.by and r.data.by.kind then
            assert.are.equal("mention", r.by.mention.role)
            assert.are.equal(r.data.by, r.by.mention.span)
          end
          if r.reported_by then
            assert.are.equal("outlet", r.reported_by.mention.record.kind)
          end
        end
      end)

      it("links a quotation's speaker, cue and quoted text", function()
        if text == JA then assert.is_true(#w.quotes > 0) end
        for n, r in ipairs(w.quotes) do
          assert.are.equal("quote", r.kind)
          assert.are.equal(doc.quotes[n], r.data)
          assert.are.equal(doc.quotes[n].sentence, r.sentence)
          assert.are.equal(doc.quotes[n].text, r.quote.span)
          local order, last = { speaker = 1, cue = 2, quote = 3 }, 0
          for _, part in ipairs(r.parts) do
            assert.is_true(order[part.role] > last)
            last = order[part.role]
          end
          if r.speaker and r.data.speaker.kind then
            assert.are.equal(r.data.speaker, r.speaker.mention.span)
          end
        end
      end)

      it("gives each mention its kind, list and sentence", function()
        for n, r in ipairs(w.mentions) do
          assert.are.equal(n, r.n)
          assert.are.equal(r.data.kind, r.kind)
          assert.are.equal(r.kind == "official" and "officials" or "outlets", r.list)
          assert.are.equal(r.data.sentence, r.sentence)
          assert.are.same({ "mention" }, roles(r.parts))
        end
      end)
    end)
  end

  describe("of a document made by hand", function()
    local text = "Kyodo News said the ministry denied it, Kyodo News said."
    local kyodo = span_of(text, "Kyodo News")
    kyodo.kind = "outlet"
    local ministry = span_of(text, "ministry")
    ministry.kind = "official"
    local later = span_of(text, "Kyodo News", 2)
    later.kind = "outlet"
    local doc = {
      officials = { ministry },
      outlets = { later, kyodo, kyodo },    -- out of order, and one twice
      denials = {
        { cue = span_of(text, "denied"), by = ministry, claim = span_of(text, "it"),
          reported_by = { start = kyodo.start, stop = kyodo.stop, text = kyodo.text },
          sentence = { start = 1, stop = #text } },
        { cue = { start = 0, stop = 3 }, by = { start = 9, stop = 2 }, claim = "no span",
          reported_by = { start = 50, stop = #text + 1 } },
      },
      attributions = { { cue = span_of(text, "said"), source = kyodo } },
      quotes = { { text = span_of(text, "the ministry denied it"), speaker = kyodo, cue = span_of(text, "said"),
                   sentence = 1, sentences = 1 } },
    }

    it("puts mentions in text order, each table once", function()
      local w = walk(doc)
      assert.are.equal(3, #w.mentions)
      assert.are.equal(kyodo, w.mentions[1].data)
      assert.are.equal(ministry, w.mentions[2].data)
      assert.are.equal(later, w.mentions[3].data)
      assert.are.equal("outlets", w.mentions[1].list)
    end)

    it("leaves out what is no span, and what passes opts.len", function()
      local w = walk(doc)
      assert.are.same({ "reported_by" }, roles(w.denials[2].parts))
      assert.are.equal(2, w.denials[2].n)
      assert.is_nil(w.denials[2].cue)
      assert.are.same({}, walk(doc, { len = #text }).denials[2].parts)
      local short = walk(doc, { len = 20 })
      assert.are.same({ "mention", "reported_by", "source", "speaker", "cue", "cue" }, roles(short.items))
      assert.are.same({ "reported_by" }, roles(short.denials[1].parts))
    end)

    it("finds a participant's mention by its table, not by its offsets", function()
      local w = walk(doc)
      local d = w.denials[1]
      assert.are.same({ "by", "cue", "claim", "reported_by" }, roles(d.parts))
      assert.are.equal(w.mentions[2].mention, d.by.mention)
      assert.is_nil(d.reported_by.mention)
      assert.is_nil(d.sentence)
      assert.are.equal(w.mentions[1].mention, w.attributions[1].source.mention)
      assert.are.equal(w.mentions[1].mention, w.quotes[1].speaker.mention)
      assert.are.same({ "speaker", "cue", "quote" }, roles(w.quotes[1].parts))
      assert.are.equal(1, w.quotes[1].sentence)
    end)

    it("orders equal spans: mentions, then denials, attributions, quotations", function()
      local w = walk(doc)
      local at = {}
      for _, it in ipairs(w.items) do
        if it.start == kyodo.start and it.stop == kyodo.stop then at[#at + 1] = it end
      end
      assert.are.same({ "mention", "reported_by", "source", "speaker" }, roles(at))
    end)

    it("takes a document without lists, and refuses what is not a table", function()
      local w = walk({})
      assert.are.same({}, w.items)
      assert.are.same({}, w.records)
      assert.has_error(function() walk("doc") end, "bad argument #1 to 'walk' (table expected, got string)")
    end)
  end)
end)

describe("kiji.formats", function()
  local doc = assert(kiji.annotate(EN))

  it("has a writer for each format, and says which write a file per input", function()
    for _, name in ipairs(formats.names) do
      local w = assert(formats.get(name))
      assert.are.equal("function", type(w.write))
      assert.are.equal(name == "html", formats.per_input(name))
    end
    local w, err = formats.get("xml")
    assert.is_nil(w)
    assert.are.equal("unknown format 'xml'", err)
  end)

  it("tsv: a row per mention, denial and attribution, 15 fields each (the last: date)", function()
    local w = formats.get("tsv")
    assert.are.equal(15, select(2, w.header:gsub("[^\t\n]+", "")))
    local out = w.write("a\tb.txt", EN, doc)
    local rows, kinds = 0, {}
    for line in out:gmatch("([^\n]*)\n") do
      rows = rows + 1
      local f = {}
      for field in (line .. "\t"):gmatch("([^\t]*)\t") do f[#f + 1] = field end
      assert.are.equal(15, #f)
      assert.are.equal("a\\tb.txt", f[1])
      assert.are.equal(EN:sub(tonumber(f[4]) + 1, tonumber(f[5])), f[6])
      kinds[#kinds + 1] = f[2]
    end
    assert.are.equal(#doc.officials + #doc.outlets + #doc.denials + #doc.attributions, rows)
    assert.are.equal("attribution", kinds[#kinds])
    assert.are.equal("", w.write(nil, "", assert(kiji.annotate(""))))
  end)

  it("tsv and text: a quotation's words and its speaker", function()
    local doc2 = assert(kiji.annotate(JA))
    local out = formats.get("tsv").write("x", JA, doc2)
    local q = doc2.quotes[1]
    assert.truthy(out:find(table.concat({ "x", "quote", "", tostring(q.text.start - 1), tostring(q.text.stop),
      q.text.text }, "\t"), 1, true))
    out = formats.get("text").write(nil, JA, doc2)
    assert.truthy(out:find("\n%-%- quotes\n   防衛省: “事実無根だ”  %[cue: 否定%]\n"))
  end)

  it("text: WHO denied WHAT (reported by WHOM)", function()
    local out = formats.get("text").write(nil, EN, doc)
    assert.truthy(out:find("^== %-: 242 bytes, lang en, 3 sentences\n%-%- officials\n"))
    assert.truthy(out:find("Daichi Morooka denied [^\n]*%(reported by Reuters%)  %[cue: [^\n]*%]\n"))
    assert.truthy(out:find("\n%-%- outlets\n"))
  end)

  it("json: the document indented, the same values as kiji.json", function()
    local cjson = require "cjson"
    local out = formats.get("json").write("x", EN, doc)
    assert.are.same(cjson.decode(kiji.json(doc, "x")), cjson.decode(out))
    assert.truthy(out:find('\n  "officials": [\n', 1, true))
    assert.are.equal('{\n  "a": [1,2],\n  "b": {"c":"}\\""}\n}', formats.pretty_json('{"a":[1,2],"b":{"c":"}\\""}}'))
  end)

  it("tsv_field and one_line", function()
    assert.are.equal("a\\\\b\\tc\\nd\\re", formats.tsv_field("a\\b\tc\nd\re"))
    assert.are.equal("", formats.tsv_field(nil))
    assert.are.equal("a b…", formats.one_line("a \n b c", 3))
    assert.are.equal("防…", formats.one_line("防衛省", 4))
  end)
end)
