-- kiji.sentences and kiji.words: spans of the original text.
local kiji = require "kiji"

local function texts(spans)
  local out = {}
  for i, s in ipairs(spans) do out[i] = s.text end
  return out
end

local function check_offsets(s, spans)
  for _, sp in ipairs(spans) do
    assert.are.equal(sp.text, s:sub(sp.start, sp.stop))
  end
end

describe("kiji.sentences", function()
  it("keeps abbreviations inside English sentences", function()
    local s = "Lt. Gen. Ito met Dr. Park in Jan. 2024 at U.N. headquarters. The talks ended."
    local spans = kiji.sentences(s)
    assert.are.same({ "Lt. Gen. Ito met Dr. Park in Jan. 2024 at U.N. headquarters.", "The talks ended." },
                    texts(spans))
    check_offsets(s, spans)
  end)

  it("keeps a Japanese quotation with its quotative particle", function()
    local s = "報道官は「そのような計画はない。検討もしていない。」と語った。会見は終わった。"
    assert.are.same({ "報道官は「そのような計画はない。検討もしていない。」と語った。", "会見は終わった。" },
                    texts(kiji.sentences(s)))
  end)

  it("makes a headline its own sentence and joins wrapped lines", function()
    local s = "Ministry rejects report\n\nThe ministry said the report\nwas wrong. It gave no details.\n"
    assert.are.same({ "Ministry rejects report", "The ministry said the report\nwas wrong.", "It gave no details." },
                    texts(kiji.sentences(s)))
    local ja = "政府が報道を否定\n\n政府は同日、報道について\n事実ではないと述べた。"
    assert.are.same({ "政府が報道を否定", "政府は同日、報道について\n事実ではないと述べた。" },
                    texts(kiji.sentences(ja)))
  end)

  it("gives ICU's own segments without the news rules", function()
    local s = "Mr. Lee left.\nHe came back."
    assert.are.same({ "Mr. ", "Lee left.\n", "He came back." },
                    texts(kiji.sentences(s, { locale = "root", news = false })))
  end)

  it("survives invalid UTF-8 and NUL bytes, on character boundaries", function()
    local s = "Bad \255\254 bytes. And \0 nul.\227\129"
    local spans = kiji.sentences(s)
    check_offsets(s, spans)
    assert.is_true(#spans >= 1)
    local none, err = kiji.sentences(s, { invalid = "error" })
    assert.is_nil(none)
    assert.are.equal("invalid UTF-8 at byte 5", err)
    assert.are.same({}, kiji.sentences(""))
  end)

  it("raises on bad arguments", function()
    assert.has_error(function() kiji.sentences() end)
    assert.has_error(function() kiji.sentences("x", { locale = "fr" }) end)
    assert.has_error(function() kiji.sentences("x", { news = "yes" }) end)
    assert.has_error(function() kiji.words("x", 3) end)
  end)
end)

describe("kiji.words", function()
  it("splits Japanese runs with ICU's dictionary", function()
    local s = "防衛省は報道を否定した"
    local words = kiji.words(s, { locale = "ja" })
    assert.is_true(#words >= 5)
    check_offsets(s, words)
    assert.are.equal("防衛", words[1].text:sub(1, 6))
  end)

  it("tags words and leaves out spaces unless asked", function()
    local s = "Defense spending rose 5% in 2024."
    local words = kiji.words(s)
    assert.are.same({ "Defense", "spending", "rose", "5", "in", "2024" }, texts(words))
    assert.are.equal("letter", words[1].tag)
    assert.are.equal("number", words[4].tag)
    local all = kiji.words(s, { all = true })
    assert.are.equal(s, table.concat(texts(all)))
  end)
end)
