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
end)
