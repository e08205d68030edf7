-- kiji.dictionary: build, scan, save and load, TSV files.
local kiji = require "kiji"

local entries = {
  { "NHK", kind = "outlet", id = "nhk" },
  { "AP", kind = "outlet", id = "ap", exact_case = true },
  { "Asahi", kind = "outlet", id = "asahi" },
  { "共同通信", kind = "outlet", id = "kyodo" },
  { "Kyodo", kind = "outlet", id = "kyodo" },
  { "Japan", kind = "place" },
  { "Japan Times", kind = "outlet", id = "japantimes", payload = "newspaper" },
  { "Times", kind = "outlet", id = "times" },
  { "人民日報", kind = "outlet", id = "peoples_daily" },
}

local function tmpname()
  local name = os.tmpname()
  os.remove(name)
  return name
end

local function summary(matches, s)
  local out = {}
  for i, m in ipairs(matches) do
    assert.are.equal(m.text, s:sub(m.start, m.stop))
    out[i] = m.text .. "=" .. (m.id or m.kind)
  end
  return out
end

describe("kiji.dictionary", function()
  local d = kiji.dictionary(entries)

  it("matches the match form of the text, mapped to the original", function()
    local s = "ＮＨＫ、nhk and NHK; 共同通信 (Kyodo)"
    assert.are.same({ "ＮＨＫ=nhk", "nhk=nhk", "NHK=nhk", "共同通信=kyodo", "Kyodo=kyodo" },
                    summary(d:scan(s), s))
  end)

  it("honours exact case and word boundaries, per script", function()
    local s = "AP, ap, APEC, Asahikawa, Asahi; 3人民日報 and AP通信"
    assert.are.same({ "AP=ap", "Asahi=asahi", "人民日報=peoples_daily", "AP=ap" }, summary(d:scan(s), s))
  end)

  it("finds the longest match, or every match", function()
    local s = "The Japan Times said"
    assert.are.same({ "Japan Times=japantimes" }, summary(d:scan(s), s))
    assert.are.same({ "Japan=place", "Japan Times=japantimes", "Times=times" },
                    summary(d:scan(s, { mode = "all" }), s))
    assert.are.equal("newspaper", d:scan(s)[1].payload)
  end)

  it("iterates, counts and prints", function()
    local n = 0
    for m in d:each("NHK NHK") do n = n + 1; assert.are.equal("nhk", m.id) end
    assert.are.equal(2, n)
    assert.are.equal(#entries, #d)
    assert.are.equal("kiji.dictionary (9 entries)", tostring(d))
  end)

  it("saves and loads", function()
    local path = tmpname()
    assert.is_true(d:save(path))
    local back = assert(kiji.dictionary.load(path))
    local s = "NHK ap AP Japan Times 共同通信"
    assert.are.same(d:scan(s, { mode = "all" }), back:scan(s, { mode = "all" }))
    -- a truncated file is refused with a message
    local f = assert(io.open(path, "rb"))
    local bytes = f:read("*a")
    f:close()
    f = assert(io.open(path, "wb"))
    f:write(bytes:sub(1, #bytes - 7))
    f:close()
    local none, err = kiji.dictionary.load(path)
    assert.is_nil(none)
    assert.is_string(err)
    os.remove(path)
    assert.is_nil((kiji.dictionary.load(path)))
  end)

  it("reads TSV files and names the bad line", function()
    local path = tmpname()
    local f = assert(io.open(path, "wb"))
    f:write("# outlets\nReuters\toutlet\treuters\n\nAP\toutlet\tap\texact_case\tagency\r\n")
    f:close()
    local t = assert(kiji.dictionary(path))
    assert.are.same({ "Reuters=reuters", "AP=ap" }, summary(t:scan("Reuters, AP, ap"), "Reuters, AP, ap"))
    f = assert(io.open(path, "wb"))
    f:write("Reuters\toutlet\treuters\nTASS\toutlet\ttass\tloud\n")
    f:close()
    local none, err = kiji.dictionary(path)
    assert.is_nil(none)
    assert.are.equal(path .. ":line 2: unknown flag (exact_case, word, no_word)", err)
    os.remove(path)
  end)

  it("raises on bad entries and arguments", function()
    assert.has_error(function() kiji.dictionary({ { "x" } }) end)
    assert.has_error(function() kiji.dictionary({ { 42, kind = "outlet" } }) end)
    assert.has_error(function() kiji.dictionary({ "NHK" }) end)
    assert.has_error(function() kiji.dictionary({ { "\226\128\139", kind = "outlet" } }) end)
    assert.has_error(function() d:scan() end)
    assert.has_error(function() d:scan("x", { mode = "short" }) end)
    assert.has_error(function() d.scan({}, "x") end)
  end)

  it("lets several dictionaries coexist and be collected", function()
    local a = kiji.dictionary({ { "alpha", kind = "x" } })
    local b = kiji.dictionary({ { "beta", kind = "y" } })
    assert.are.equal(1, #a:scan("alpha beta"))
    assert.are.equal("y", b:scan("alpha beta")[1].kind)
    a, b = nil, nil
    collectgarbage()
    collectgarbage()
  end)

  describe("d:gmatch", function()
    local function triples(dict, s, opts)
      local out = {}
      for b, e, entry in dict:gmatch(s, opts) do out[#out + 1] = { b, e, entry } end
      return out
    end

    it("yields what d:scan finds, in both modes", function()
      local texts = { "The Japan Times said", "ＮＨＫ、nhk and NHK; 共同通信 (Kyodo)",
                      "AP, ap, APEC, Asahikawa, Asahi; 3人民日報 and AP通信", "", "none here" }
      for _, s in ipairs(texts) do
        for _, mode in ipairs { "longest", "all" } do
          local want, got = d:scan(s, { mode = mode }), triples(d, s, { mode = mode })
          assert.are.equal(#want, #got)
          for i, m in ipairs(want) do
            assert.are.equal(m.start, got[i][1])
            assert.are.equal(m.stop, got[i][2])
            assert.are.equal(m.kind, got[i][3].kind)
            assert.are.equal(m.id, got[i][3].id)
            assert.are.equal(m.payload, got[i][3].payload)
            assert.are.equal(m.text, s:sub(got[i][1], got[i][2]))
          end
        end
      end
    end)

    it("yields one shared table per entry", function()
      local got = triples(d, "NHK, Kyodo, nhk; Kyodo")
      assert.are.equal(4, #got)
      assert.are.equal(got[1][3], got[3][3])
      assert.are.equal(got[2][3], got[4][3])
      assert.are_not.equal(got[1][3], got[2][3])
      assert.are.equal(got[1][3], triples(d, "NHK")[1][3]) -- and across calls
      local other = kiji.dictionary(entries)
      assert.are_not.equal(got[1][3], triples(other, "NHK")[1][3])
    end)

    it("runs loops side by side, broken off and after the end", function()
      local n = 0
      for _, _, a in d:gmatch("NHK NHK") do
        for _, _, b in d:gmatch("Kyodo Kyodo") do
          n = n + 1
          assert.are.equal("kyodo", b.id)
        end
        assert.are.equal("nhk", a.id)
      end
      assert.are.equal(4, n)
      for _ in d:gmatch("NHK NHK NHK") do break end
      local it = d:gmatch("NHK")
      assert.are.equal(1, (it()))
      assert.is_nil(it())
      assert.is_nil(it())
      collectgarbage()
      assert.are.equal(3, #triples(d, "NHK NHK NHK"))
    end)

    it("checks its arguments", function()
      assert.has_error(function() d:gmatch() end)
      assert.has_error(function() d:gmatch(42) end)
      assert.has_error(function() d:gmatch("x", { mode = "short" }) end)
      assert.has_error(function() d:gmatch("x", "all") end)
      assert.has_error(function() d.gmatch({}, "x") end)
    end)
  end)
end)
