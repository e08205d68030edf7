-- kiji.normalize: the forms, the match rules, options, errors.
local kiji = require "kiji"

describe("kiji.normalize", function()
  it("applies the match rules of the README", function()
    local cases = {
      { "ﾊﾝｶｸｶﾅ", "ハンカクカナ" },
      { "ｶﾞｷﾞｸﾞｹﾞｺﾞ", "ガギグゲゴ" },
      { "ＡＢＣ１２３", "abc123" },
      { "スーパーーーー", "スーパー" },
      { "検索 エンジン 自作", "検索エンジン自作" },
      { "Ministry  of\194\160Defense", "ministry of defense" },
      { "Straße", "strasse" },
      { "㍻", "平成" },
      { "①", "1" },
      { "ＮＨＫは「ｶﾞｲｱﾂ」を否定  Kyodo News", "nhkは「ガイアツ」を否定 kyodo news" },
      { "データ‐ベース", "データーベース" },
      { "2019–2020", "2019-2020" },
      { "“Quote” ‘and’ ″", "\"quote\" 'and' \"" },
      { "x～y", "x〜y" },
      { "zero\226\128\139width", "zerowidth" },
    }
    for _, c in ipairs(cases) do
      assert.are.equal(c[2], (kiji.normalize(c[1])))
    end
  end)

  it("returns the map of the example", function()
    local norm, map = kiji.normalize("ＮＨＫは「ｶﾞｲｱﾂ」を否定  Kyodo News", { form = "match" })
    assert.are.equal("nhk", norm:sub(1, 3))
    local s, e = map:origin(1, 3)
    assert.are.same({ 1, 9 }, { s, e })
    assert.are.same({ 1, 3 }, { map:target(1, 9) })
    assert.are.same({ #"ＮＨＫは「ｶﾞｲｱﾂ」を否定  Kyodo News", #norm }, { map:lengths() })
  end)

  it("has the Unicode forms, with casefold as an option", function()
    assert.are.equal("ABC", (kiji.normalize("ＡＢＣ", { form = "nfkc" })))
    assert.are.equal("abc", (kiji.normalize("ＡＢＣ", { form = "nfkc", casefold = true })))
    assert.are.equal("e\204\129", (kiji.normalize("é", { form = "nfd" })))
    assert.are.equal("é", (kiji.normalize("e\204\129", { form = "nfc" })))
    assert.are.equal("ＡＢ", (kiji.normalize("ＡＢ", { form = "nfc" })))
    assert.are.equal("AB", (kiji.normalize("ＡＢ", { casefold = false })))
  end)

  it("replaces invalid UTF-8 by default, or reports it", function()
    local norm, map = kiji.normalize("a\227\129\255b")
    assert.are.equal("a\239\191\189\239\191\189b", norm)
    assert.are.same({ 2, 3 }, { map:origin(2, 4) })
    local none, err = kiji.normalize("ok\255", { invalid = "error" })
    assert.is_nil(none)
    assert.are.equal("invalid UTF-8 at byte 3", err)
  end)

  it("treats NUL bytes as data", function()
    assert.are.equal("ab", (kiji.normalize("a\0b")))
    assert.are.equal("a\0b", (kiji.normalize("a\0b", { form = "nfc" })))
  end)

  it("handles empty and large inputs", function()
    local norm, map = kiji.normalize("")
    assert.are.equal("", norm)
    assert.are.same({ 0, 0 }, { map:lengths() })
    local big = string.rep("Ｋｙｏｄｏ 共同通信 ", 200000)
    local out = kiji.normalize(big, { map = false })
    assert.are.equal(string.rep("kyodo 共同通信 ", 200000):sub(1, -2), out)
  end)

  it("returns only the text when map = false", function()
    assert.are.equal(1, select("#", kiji.normalize("x", { map = false })))
    assert.are.equal(2, select("#", kiji.normalize("x")))
  end)

  it("raises on bad arguments", function()
    assert.has_error(function() kiji.normalize() end)
    assert.has_error(function() kiji.normalize({}) end)
    assert.has_error(function() kiji.normalize("x", 5) end)
    assert.has_error(function() kiji.normalize("x", { form = "nfx" }) end)
    assert.has_error(function() kiji.normalize("x", { form = 1 }) end)
    assert.has_error(function() kiji.normalize("x", { casefold = "yes" }) end)
    assert.has_error(function() kiji.normalize("x", { invalid = "ignore" }) end)
    assert.has_error(function() kiji.normalize("x", { map = 0 }) end)
  end)

  it("raises on out-of-range and non-integer map positions", function()
    local norm, map = kiji.normalize("abc")
    assert.has_error(function() map:origin(0) end)
    assert.has_error(function() map:origin(4) end)
    assert.has_error(function() map:origin(2, 4) end)
    assert.has_error(function() map:origin(3, 1) end)
    assert.has_error(function() map:origin(1.5) end)
    assert.has_error(function() map:origin(0 / 0) end)
    assert.has_error(function() map:origin(math.huge) end)
    assert.has_error(function() map:origin("x") end)
    assert.has_error(function() map.origin({}, 1) end)
    assert.are.same({ 4, 3 }, { map:origin(4, 3) }) -- the empty range at the end
    assert.are.same({ 2, 1 }, { map:target(2, 1) })
    assert.are.equal("kiji.map (3 -> 3 bytes)", tostring(map))
    assert.are.equal(3, #norm)
  end)

  it("reports versions", function()
    assert.is_truthy(kiji.unicode_version:match("^%d+%.%d+"))
    assert.is_string(kiji.version)
  end)
end)
