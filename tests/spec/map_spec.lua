-- The offset map's properties over many random strings, through Lua.
local kiji = require "kiji"
local texts = require "support.texts"

local function random_source(seed)
  -- a small LCG: the same strings on every Lua version
  local state = seed
  return function(lo, hi)
    state = (state * 1103515245 + 12345) % 2147483648
    return lo + state % (hi - lo + 1)
  end
end

local function check(s, opts)
  local norm, map = kiji.normalize(s, opts)
  local bound = {}
  for _, c in ipairs(texts.chars(s)) do bound[c[1]] = true end
  bound[#s + 1] = true
  local covered, ps, pe = {}, 1, 0
  for _, c in ipairs(texts.chars(norm)) do
    local i, j = c[1], c[2]
    local s0, e0 = map:origin(i, j)
    assert(s0 >= 1 and e0 <= #s and s0 <= e0 + 1, "origin out of range")
    assert(bound[s0] and bound[e0 + 1], "origin not on character boundaries")
    assert(s0 >= ps and e0 >= pe, "origin goes back")
    ps, pe = s0, e0
    for b = s0, e0 do covered[b] = true end
    local ti, tj = map:target(s0, e0)
    assert(ti <= i and tj >= j, "target does not hold the character")
    local piece = norm:sub(i, j)
    if not (opts.form == "match" and piece == " ") then
      local again = kiji.normalize(s:sub(s0, e0), opts)
      assert(again:find(piece, 1, true), "the original bytes do not make the character again")
    end
  end
  for _, c in ipairs(texts.chars(s)) do
    local ch = s:sub(c[1], c[2])
    assert(covered[c[1]] or (opts.form == "match" and texts.droppable[ch]),
           "original byte " .. c[1] .. " is not covered")
  end
  if #norm > 0 then
    assert.are.same({ map:origin(1, 1) and (map:origin(1, #norm)) }, { (map:origin(1, 1)) })
  end
end

describe("the offset map", function()
  for _, form in ipairs { "match", "nfc", "nfd", "nfkc", "nfkd" } do
    it("is monotonic, covering, on boundaries and faithful (" .. form .. ")", function()
      local rand = random_source(#form * 7919)
      for _ = 1, 1500 do
        local s = texts.random_text(rand)
        local ok, err = pcall(check, s, { form = form })
        if not ok then
          error(("%s on %q"):format(tostring(err), s))
        end
      end
    end)
  end

  it("maps a dropped character to an empty range between its neighbours", function()
    local norm, map = kiji.normalize("a\226\128\139b")
    assert.are.equal("ab", norm)
    assert.are.same({ 2, 1 }, { map:target(2, 4) })
    assert.are.same({ 1, 1 }, { map:origin(1, 1) })
    assert.are.same({ 5, 5 }, { map:origin(2, 2) })
  end)

  it("maps every byte of an expansion to the one original character", function()
    local norm, map = kiji.normalize("x㍻y")
    assert.are.equal("x平成y", norm)
    for i = 2, 7 do assert.are.same({ 2, 4 }, { map:origin(i, i) }) end
    assert.are.same({ 2, 7 }, { map:target(2, 4) })
  end)

  it("reads the normalized string it keeps alive, not a copy", function()
    local function answers(map)
      local a, b = map:lengths()
      local out = {}
      for i = 1, b do out[#out + 1] = table.concat({ map:origin(i, math.min(b, i + 2)) }, ",") end
      for i = 1, a do out[#out + 1] = table.concat({ map:target(i, i) }, ",") end
      return table.concat(out, " ")
    end
    local text = ("ＮＨＫは「ｶﾞｲｱﾂ」を否定 スーパーーーー Ａｆｆａｉｒｅ ㍻ "):rep(50)
    local norm, map = kiji.normalize(text, { form = "match" })
    local want = answers(map)
    norm = nil -- luacheck: ignore
    for _ = 1, 3 do
      collectgarbage()
      kiji.normalize(("ｶﾞ"):rep(1000), { form = "match" }) -- reuses the normalizer's buffers
    end
    assert.are.equal(want, answers(map))
  end)

  -- (under LuaJIT a large map's block is told to the collector; Lua 5.1
  -- cannot say whether its collector runs)
  ;(pcall(collectgarbage, "isrunning") and it or pending)("leaves a stopped collector stopped, a large map made", function()
    collectgarbage("stop")
    local _, map = kiji.normalize(("ＡＢＣ "):rep(20000))
    local running = collectgarbage("isrunning")
    collectgarbage("restart")
    assert.is_false(running)
    assert.is_truthy(map)
  end)

  it("answers from a map of megabytes as from a small one", function()
    -- every unit maps as the unit alone does, shifted by the units before
    local unit = "Ｔｏｋｙｏ　ＡＢＣ “ｑｕｏｔｅｄ” ｶﾞｲｱﾂ ㍻ 防衛省。"
    local norm1, small = kiji.normalize(unit, { form = "match" })
    local k = 4000 -- a map of some 100 pieces a unit: megabytes
    local normk, big = kiji.normalize(unit:rep(k), { form = "match" })
    assert(norm1:rep(k) == normk, "the units normalize alone")
    assert.are.same({ #unit * k, #norm1 * k }, { big:lengths() })
    assert.matches("^kiji%.map %(", tostring(big))
    local chars = texts.chars(norm1)
    for _, copy in ipairs { 1, 2, 1777, k } do
      local shift, nshift = (copy - 1) * #unit, (copy - 1) * #norm1
      for _, c in ipairs(chars) do
        local s0, e0 = small:origin(c[1], c[2])
        assert.are.same({ s0 + shift, e0 + shift }, { big:origin(c[1] + nshift, c[2] + nshift) })
      end
      for _, c in ipairs(texts.chars(unit)) do
        local i, j = small:target(c[1], c[2])
        assert.are.same({ i + nshift, j + nshift }, { big:target(c[1] + shift, c[2] + shift) })
      end
    end
  end)
end)
