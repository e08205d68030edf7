-- kiji.core.line_reader, how `kiji annotate --input jsonl` reads a pipe:
-- the whole lines there already in one piece, waiting only for the first;
-- a line as soon as it has come. Writers are shells behind io.popen; a
-- FIFO tells one when to go on.
local core = require "kiji.core"

local sh_quote = require("support.interpreter").quote

-- a FIFO path, made (removed by the caller)
local function fifo()
  local path = os.tmpname()
  os.remove(path)
  assert(os.execute("mkfifo " .. sh_quote(path)))
  return path
end

-- every read of r (max bytes each) until the end, in order
local function reads(r, max)
  local got = {}
  while true do
    local data, err = r:read(max)
    if data == nil then return got, err end
    if data ~= false then got[#got + 1] = data end
  end
end

describe("kiji.core.line_reader", function()
  it("gives the lines there at once, and a line while the writer waits", function()
    local go = fifo()
    -- three lines in one write; then it waits (10 s at most) for `go`,
    -- and says whether it was told (a reader that waited for more than
    -- what was there would have it time out: "late")
    local p = io.popen(("printf 'a\\nbb\\nccc\\n'; if timeout 10 cat %s > /dev/null; then printf 'told\\n'; else printf 'late\\n'; fi; printf 'last'")
      :format(sh_quote(go)), "r")
    local r = core.line_reader(p)
    assert.are.equal("a\nbb\nccc\n", r:read(1024 * 1024))
    local w = assert(io.open(go, "w"))
    w:write("go")
    w:close()
    local rest = reads(r, 1024 * 1024)
    p:close()
    os.remove(go)
    -- "last" has no newline: given as it is, at the end
    assert.are.equal("told\nlast", table.concat(rest))
    assert.are.equal("last", rest[#rest])
  end)

  it("does not wait when asked not to: true while no whole line is there", function()
    local go = fifo()
    local p = io.popen(("printf 'a\\nb'; if timeout 10 cat %s > /dev/null; then printf 'c\\n'; fi")
      :format(sh_quote(go)), "r")
    local r = core.line_reader(p)
    assert.are.equal("a\n", r:read(100))
    assert.is_true(r:read(100, true)) -- "b" is no whole line: it would wait
    local w = assert(io.open(go, "w"))
    w:write("go")
    w:close()
    assert.are.equal("bc\n", r:read(100))
    assert.is_nil(r:read(100))
    assert.is_nil(r:read(100, true)) -- at the end: nil, not "later"
    p:close()
    os.remove(go)
  end)

  it("gives at most max bytes of whole lines, one line at least", function()
    local p = io.popen("printf 'aaaa\\nbb\\ncccccccc\\nd\\ne\\n'", "r")
    local got = reads(core.line_reader(p), 6)
    p:close()
    assert.are.same({ "aaaa\n", "bb\n", "cccccccc\n", "d\ne\n" }, got)
  end)

  it("reads a stream of many blocks whole, in order", function()
    local lines = {}
    for i = 1, 20000 do lines[i] = ('{"id":%d,"text":"%s"}'):format(i, ("x"):rep(i % 97)) end
    local want = table.concat(lines, "\n") .. "\n"
    local path = os.tmpname()
    local f = assert(io.open(path, "wb"))
    f:write(want)
    f:close()
    local p = io.popen("cat " .. sh_quote(path), "r")
    local got = reads(core.line_reader(p), 100000)
    p:close()
    os.remove(path)
    assert.are.equal(#want, #table.concat(got))
    assert.are.equal(want, table.concat(got))
    for _, data in ipairs(got) do
      assert.are.equal("\n", data:sub(-1))
      assert.is_true(#data <= 100000)
    end
  end)

  it("reads a line of megabytes whole", function()
    local path = os.tmpname()
    local line = ("0123456789abcdef"):rep(400000) -- 6.4 MB, in 98 reads of a pipe at least
    local f = assert(io.open(path, "wb"))
    f:write("a\n", line, "\nz\n")
    f:close()
    local p = io.popen("cat " .. sh_quote(path), "r")
    local got = table.concat(reads(core.line_reader(p), 1000))
    p:close()
    os.remove(path)
    assert.are.equal(#line + 5, #got)
    assert.is_true(got == "a\n" .. line .. "\nz\n")
  end)

  it("is not made for a stream that io has read from (it would skip what stdio holds)", function()
    local p = io.popen("printf 'a\\nb\\nc\\n'", "r")
    assert.are.equal("a", p:read("*l")) -- stdio holds "b\nc\n" now
    assert.is_nil(core.line_reader(p))
    assert.are.equal("b", p:read("*l"))
    p:close()
  end)

  it("leaves kiji annotate's records whole when the caller read its stdin first", function()
    local cli = require "kiji.cli"
    local p = io.popen([[printf 'header\n{"id":"r1","text":"Kyodo News said it."}\n{"id":"r2","text":"x"}\n']], "r")
    assert.are.equal("header", p:read("*l"))
    local out_path = os.tmpname()
    local out = assert(io.open(out_path, "wb"))
    local err = assert(io.open(os.tmpname(), "wb"))
    local status = cli.main({ "annotate", "--input", "jsonl" }, { stdin = p, stdout = out, stderr = err })
    out:close()
    err:close()
    p:close()
    local f = assert(io.open(out_path, "rb"))
    local written = f:read("*a")
    f:close()
    os.remove(out_path)
    assert.are.equal(0, status)
    assert.matches('"id":"r1"', written)
    assert.matches('"id":"r2"', written)
  end)

  it("says a read error after the lines before it", function()
    local f = assert(io.open("/", "r")) -- read(2) of a directory: EISDIR
    local r = core.line_reader(f)
    local data, err = r:read(10)
    assert.is_nil(data)
    assert.matches("[Dd]irectory", err)
    assert.is_nil(r:read(10)) -- and then the end
    f:close()
  end)

  it("ends at once on an empty stream", function()
    local f = assert(io.open("/dev/null", "rb"))
    local r = core.line_reader(f)
    assert.is_nil(r:read(1))
    assert.is_nil(r:read(1))
    f:close()
  end)

  it("raises for a closed file, a finalized reader and bad sizes", function()
    local f = assert(io.open("/dev/null", "rb"))
    local r = core.line_reader(f)
    assert.matches("positive size expected", select(2, pcall(r.read, r, 0)))
    assert.matches("integer expected", select(2, pcall(r.read, r, 1.5)))
    assert.matches("number expected", select(2, pcall(r.read, r, "10")))
    f:close()
    assert.matches("file is closed", select(2, pcall(r.read, r, 10)))
    assert.matches("open io file expected", select(2, pcall(core.line_reader, f)))
    assert.matches("open io file expected", select(2, pcall(core.line_reader, "/dev/null")))
    local g = assert(io.open("/dev/null", "rb"))
    local r2 = core.line_reader(g)
    debug.getmetatable(r2).__gc(r2)
    assert.matches("already finalized", select(2, pcall(r2.read, r2, 10)))
    g:close()
  end)
end)
