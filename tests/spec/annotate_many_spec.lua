-- kiji.annotate_many: the fixture articles (and a few texts written for
-- this spec) on C threads sharing one annotator, each result equal to
-- kiji.annotate's alone, in input order; one bad text fails alone.
local kiji = require "kiji"

local fixtures = require "support.fixtures"
local interpreter = require "support.interpreter"

local function fixture_texts()
  local list = {}
  for i, path in ipairs(fixtures.paths()) do list[i] = fixtures.read(path) end
  return list
end

describe("kiji.annotate_many", function()
  local texts = fixture_texts()
  -- invalid UTF-8 among them, and an empty text
  table.insert(texts, 3, "The Harbor Agency denied the \255 report.")
  table.insert(texts, 7, "")
  table.insert(texts, 9, "港湾庁は\254報道を否定した。")

  local alone = {}
  for i, t in ipairs(texts) do
    local doc, err = kiji.annotate(t, { invalid = "error" })
    alone[i] = doc and kiji.json(doc) or err
  end

  it("has texts of both languages and two bad ones", function()
    assert.is_true(#texts > 20)
    assert.equal("invalid UTF-8 at byte 30", alone[3])
    assert.equal("invalid UTF-8 at byte 13", alone[9])
  end)

  for _, threads in ipairs { 1, 2, 3, 0 } do
    it(("gives kiji.annotate's tables in input order on %d threads"):format(threads), function()
      local docs, errors = kiji.annotate_many(texts, { threads = threads, invalid = "error" })
      assert.equal(#texts, #docs)
      for i = 1, #texts do
        if i == 3 or i == 9 then
          assert.is_false(docs[i])
          assert.equal(alone[i], errors[i])
        else
          assert.equal(alone[i], kiji.json(docs[i]))
        end
      end
    end)

    it(("gives kiji.json's strings in input order on %d threads"):format(threads), function()
      local docs, errors = kiji.annotate_many(texts, { threads = threads, invalid = "error", json = true })
      for i = 1, #texts do
        if i == 3 or i == 9 then
          assert.is_false(docs[i])
          assert.equal(alone[i], errors[i])
        else
          assert.equal(alone[i], docs[i])
        end
      end
    end)
  end

  it("runs async: Lua goes on, :wait() gives the same, once", function()
    local copy = {}
    for i, t in ipairs(texts) do copy[i] = t end
    local p = kiji.annotate_many(copy, { threads = 2, invalid = "error", json = true, async = true })
    local q = kiji.annotate_many(copy, { threads = 2, invalid = "error", async = true })
    for i = 1, #copy do copy[i] = nil end -- the batch keeps its own list
    collectgarbage()
    local docs, errors = p:wait()
    local tables = q:wait()
    for i = 1, #texts do
      if i == 3 or i == 9 then
        assert.equal(alone[i], errors[i])
        assert.is_false(tables[i])
      else
        assert.equal(alone[i], docs[i])
        assert.equal(alone[i], kiji.json(tables[i]))
      end
    end
    assert.has_error(function() p:wait() end)
  end)

  it("lets a pending batch be collected unwaited", function()
    local p = kiji.annotate_many(texts, { threads = 2, async = true })
    p = nil
    collectgarbage()
    collectgarbage()
    assert.is_nil(p)
  end)

  -- Linux: the threads of this process, each with the signals it blocks
  -- (SigBlk, hex) and whether it is the main one
  local function threads_of_process()
    local stat = io.open("/proc/self/stat") -- (this process's own: no child reads it)
    local pid = stat:read("*l"):match("^(%d+)")
    stat:close()
    local tasks, dir = {}, io.popen("ls /proc/" .. pid .. "/task")
    for tid in dir:lines() do
      local f = io.open("/proc/" .. pid .. "/task/" .. tid .. "/status")
      if f then -- (a thread may end meanwhile)
        tasks[#tasks + 1] = { main = tid == pid, blocked = f:read("*a"):match("\nSigBlk:%s*(%x+)") }
        f:close()
      end
    end
    dir:close()
    return tasks
  end

  local linux = io.open("/proc/self/task") ~= nil
  ;(linux and it or pending)("keeps an async batch's threads for the next one, signals blocked", function()
    local function batch()
      local docs = kiji.annotate_many({ texts[1], texts[2], texts[4] }, { threads = 2, json = true, async = true }):wait()
      assert.equal(alone[2], docs[2])
    end
    batch()
    local first = threads_of_process()
    for _ = 1, 5 do batch() end
    local later = threads_of_process()
    assert.is_true(#first >= 3) -- the Lua thread and two that stay
    assert.equal(#first, #later) -- none more for later batches
    for _, t in ipairs(later) do
      -- SIGINT (bit 2 of SigBlk) goes to the Lua thread: lua.c's handler stops Lua there
      local sigint_blocked = tonumber(t.blocked:sub(-1), 16) % 4 >= 2
      assert.equal(not t.main, sigint_blocked)
    end
  end)

  ;(linux and it or pending)("starts no more threads than an async batch has texts", function()
    local before = #threads_of_process()
    local docs = kiji.annotate_many({ texts[1] }, { threads = 64, json = true, async = true }):wait()
    assert.equal(alone[1], docs[1])
    assert.is_true(#threads_of_process() <= math.max(before, 2)) -- (the Lua thread and one)
  end)

  it("finishes pending batches (which overlap) waited in any order or collected", function()
    local pending = {}
    for k = 1, 6 do
      pending[k] = kiji.annotate_many({ texts[k], texts[k + 1] },
                                      { threads = 2, json = true, invalid = "error", async = true })
    end
    kiji.annotate_many({ texts[1], texts[2] }, { threads = 2 }) -- (not async: waits for its own on the crew)
    pending[2] = nil -- collected unwaited: the later batches are still done
    collectgarbage()
    for _, k in ipairs { 6, 1, 4, 3, 5 } do
      local docs, errors = pending[k]:wait()
      for j = 1, 2 do assert.equal(alone[k + j - 1], docs[j] or errors[j]) end
    end
  end)

  it("makes tables like kiji.annotate's", function()
    local docs = kiji.annotate_many({ texts[1] }, { lang = "en" })
    assert.same(kiji.annotate(texts[1], { lang = "en" }), docs[1])
    local m = docs[1].officials[1] or docs[1].outlets[1]
    assert.equal(texts[1]:sub(m.start, m.stop), m.text)
  end)

  it("replaces invalid UTF-8 by default: no errors", function()
    local docs, errors = kiji.annotate_many(texts, { json = true })
    assert.is_nil(errors)
    assert.equal(kiji.json(kiji.annotate(texts[3])), docs[3])
  end)

  it("writes each id with json = true", function()
    local docs = kiji.annotate_many({ texts[1], texts[2] }, { json = true, ids = { "one" } })
    assert.equal(kiji.json(kiji.annotate(texts[1]), "one"), docs[1])
    assert.equal(kiji.json(kiji.annotate(texts[2])), docs[2])
  end)

  it("puts id_json after \"kiji\" and members_json last, as written, with json = true", function()
    local list = { texts[1], texts[2], texts[1], texts[2] }
    local docs = kiji.annotate_many(list, { json = true, threads = 2,
                                           id_json = { "7", nil, '"x\\u00e9"', "1e3" },
                                           members_json = { '"a":1', '"b":[2,{"c":null}]', nil, "" } })
    local function plain(i) return kiji.json(kiji.annotate(list[i])) end
    assert.equal('{"kiji":2,"id":7,' .. plain(1):sub(11, -2) .. ',"a":1}', docs[1])
    assert.equal(plain(2):sub(1, -2) .. ',"b":[2,{"c":null}]}', docs[2])
    assert.equal('{"kiji":2,"id":"x\\u00e9",' .. plain(3):sub(11), docs[3])
    assert.equal('{"kiji":2,"id":1e3,' .. plain(4):sub(11), docs[4])
    for i = 1, 4 do assert.truthy(require("cjson").decode(docs[i])) end
  end)

  it("gives with jsonl = true one string: the JSON Lines of the texts that succeeded, in order", function()
    local list = { texts[1], "bad \255 byte", texts[2], texts[1] }
    local opts = { invalid = "error", threads = 2, id_json = { '"a"', '"b"', '"c"', nil } }
    local lines, errors = kiji.annotate_many(list, { jsonl = true, invalid = opts.invalid, threads = 2,
                                                     id_json = opts.id_json })
    local docs = kiji.annotate_many(list, { json = true, invalid = opts.invalid, id_json = opts.id_json })
    assert.equal(docs[1] .. "\n" .. docs[3] .. "\n" .. docs[4] .. "\n", lines)
    assert.same({ [2] = "invalid UTF-8 at byte 5" }, errors)
    local pending = kiji.annotate_many({ texts[2] }, { jsonl = true, async = true })
    local l2, e2 = pending:wait()
    assert.equal(kiji.json(kiji.annotate(texts[2])) .. "\n", l2)
    assert.is_nil(e2)
    assert.equal("", (kiji.annotate_many({ "\255" }, { jsonl = true, invalid = "error" })))
    assert.equal("", (kiji.annotate_many({}, { jsonl = true })))
  end)

  ;(linux and it or pending)("lets an interrupt cut a batch short, and drops the texts not begun", function()
    -- lua.c and luajit answer SIGINT with a hook that raises "interrupted!";
    -- a batch on threads gives a hook set meanwhile its turn (a debugger's
    -- may not raise: then the wait goes on), whether it is :wait() for an
    -- async batch or annotate_many itself (on more than one thread)
    local lua = interpreter.path()
    if not lua then
      pending("no interpreter to run")
      return
    end
    local script = os.tmpname()
    local f = assert(io.open(script, "w"))
    f:write([=[
      local how = ...
      local kiji = require "kiji"
      local clock = os.clock -- (the process's CPU time: its threads' too)
      -- one long sentence, little to say of it: some 6 GB, tens of
      -- seconds of work on two threads, little memory for what it gives
      local text = ("and the river rose slowly over the wide fields "):rep(600)
      local texts = {}
      for i = 1, how == "early" and 1000000 or 200000 do texts[i] = text end
      local pid = assert(io.open("/proc/self/stat")):read("*l"):match("^%d+")
      -- SIGINT to this process in a while (early: while annotate_many still
      -- lists the texts, some 50 ms), from a shell that io.popen starts
      -- and leaves running (os.execute would ignore SIGINT until it ends);
      -- whenever it comes, it comes inside the pcall
      local function interrupt()
        return io.popen(("sleep %s; kill -INT %s"):format(how == "early" and "0.02" or "0.3", pid))
      end
      local ok, err, p, killer
      local t0 = clock()
      if how == "async" then
        p = kiji.annotate_many(texts, { threads = 1, async = true, jsonl = true })
        ok, err = pcall(function() killer = interrupt() return p:wait() end)
      else
        ok, err = pcall(function()
          killer = interrupt()
          return kiji.annotate_many(texts, { threads = 2, jsonl = true })
        end)
      end
      killer:close()
      io.write(tostring(ok), " ", tostring(err):match("interrupted!") or tostring(err), "\n")
      io.write("short ", tostring(clock() - t0 < 3), "\n") -- (not the whole batch)
      local c0 = clock()
      os.execute("sleep 0.3")
      io.write("idle ", tostring(clock() - c0 < 0.1), "\n")
      if p then
        ok, err = pcall(p.wait, p)
        io.write(tostring(err):match("kiji: wait: .*") or tostring(err), "\n")
      end
    ]=])
    f:close()
    local async = interpreter.run(lua, script, "async")
    local sync = interpreter.run(lua, script, "sync")
    local early = interpreter.run(lua, script, "early")
    os.remove(script)
    assert.equal("false interrupted!\nshort true\nidle true\n" ..
                 "kiji: wait: the batch was interrupted while it was waited for\nexit 0\n", async)
    assert.equal("false interrupted!\nshort true\nidle true\nexit 0\n", sync)
    assert.equal("false interrupted!\nshort true\nidle true\nexit 0\n", early)
  end)

  it("waits out a hook set before the wait (a debugger's), and neither runs it nor drops texts", function()
    local list = {}
    for i = 1, 40 * #texts do list[i] = texts[(i - 1) % #texts + 1] end -- (slices of waiting)
    local calls = 0 -- of the function a wait runs to give a hook its turn
    local function count()
      local f = debug.getinfo(2, "S")
      if f and f.source == "=(kiji wait)" then calls = calls + 1 end
    end
    for _, async in ipairs { true, false } do
      local p = async and kiji.annotate_many(list, { threads = 2, json = true, invalid = "error", async = true })
      debug.sethook(count, "c")
      local docs, errors
      if async then
        docs, errors = p:wait()
      else
        docs, errors = kiji.annotate_many(list, { threads = 2, json = true, invalid = "error" })
      end
      local hook, mask = debug.gethook()
      debug.sethook()
      assert.equal(count, hook)
      assert.equal("c", mask)
      assert.equal(0, calls)
      assert.equal(#list, #docs)
      for i = 1, #list do
        local k = (i - 1) % #texts + 1
        assert.equal(alone[k], docs[i] or errors[i])
      end
    end
  end)

  it("writes the JSON Lines of an async batch to a file with :wait(file)", function()
    local list = { texts[1], "bad \255 byte", texts[2] }
    local opts = { jsonl = true, invalid = "error", threads = 2 }
    local lines = kiji.annotate_many(list, opts)
    local path = os.tmpname()
    local f = assert(io.open(path, "wb"))
    f:write("before\n")
    opts.async = true
    local bytes, errors, werr = kiji.annotate_many(list, opts):wait(f)
    f:write("after\n")
    f:close()
    f = assert(io.open(path, "rb"))
    local written = f:read("*a")
    f:close()
    os.remove(path)
    assert.equal("before\n" .. lines .. "after\n", written)
    assert.equal(#lines, bytes)
    assert.same({ [2] = "invalid UTF-8 at byte 5" }, errors)
    assert.is_nil(werr)
    -- a closed file, or no file: the string, as :wait() gives it
    assert.equal(lines, (kiji.annotate_many(list, opts):wait(f)))
    assert.equal(lines, (kiji.annotate_many(list, opts):wait({})))
  end)

  it("uses extra dictionaries", function()
    local d = kiji.dictionary { { "Hirosaki Dawn", kind = "outlet", id = "hdawn", payload = "subtype=newspaper" } }
    local docs = kiji.annotate_many({ "The Hirosaki Dawn reported it." }, { dictionaries = { d } })
    assert.equal("hdawn", docs[1].outlets[1].id)
  end)

  it("takes no texts", function()
    local docs, errors = kiji.annotate_many({})
    assert.same({}, docs)
    assert.is_nil(errors)
  end)

  it("rejects bad arguments", function()
    local function err(...)
      local ok, e = pcall(kiji.annotate_many, ...)
      assert.is_false(ok)
      return e
    end
    assert.matches("bad argument #1 to 'annotate_many' %(table expected, got string%)", err("x"))
    assert.matches("bad argument #1 to 'annotate_many' %(item 2: string expected, got number%)", err({ "a", 2 }))
    assert.matches("bad argument #2 to 'annotate_many' %(table expected", err({}, 3))
    assert.matches("option 'threads'", err({}, { threads = -1 }))
    assert.matches("option 'threads'", err({}, { threads = 1.5 }))
    assert.matches("option 'lang'", err({}, { lang = "fr" }))
    assert.matches("option 'ids': only with json = true", err({}, { ids = {} }))
    assert.matches("option 'ids': item 1: string expected", err({ "a" }, { json = true, ids = { 1 } }))
    assert.matches("option 'id_json': only with json = true", err({}, { id_json = {} }))
    assert.matches("option 'members_json': only with json = true", err({}, { members_json = {} }))
    assert.matches("option 'members_json': item 2: string expected, got table",
                   err({ "a", "b" }, { json = true, members_json = { "", {} } }))
    assert.matches("options 'ids' and 'id_json': one or the other", err({}, { json = true, ids = {}, id_json = {} }))
    assert.matches("bad argument #2 to 'annotate_many' %(option 'dictionaries'", err({}, { dictionaries = 1 }))
  end)

  it("annotates text i with dates[i] and sources[i], over date and source; a date that is no day fails its text alone", function()
    local list = { "The ministry on Monday denied the Kyodo report.", "防衛省は８日、報道を否定した。",
                   "The ministry denied it.", "The ministry on Monday denied the report." }
    local dates = { "2024-03-06", nil, "2024-02-30", "2024-03-01" }
    local sources = { "Kyodo", "共同通信", nil, nil }
    local docs, errors = kiji.annotate_many(list, { dates = dates, sources = sources, date = "2024-03-10",
                                                    source = "Reuters", threads = 2 })
    for i = 1, #list do
      if i == 3 then
        assert.is_false(docs[i])
        assert.equal("bad option: date", errors[i])
      else
        local want = kiji.annotate(list[i], { date = dates[i] or "2024-03-10", source = sources[i] or "Reuters" })
        assert.equal(kiji.json(want), kiji.json(docs[i]))
      end
    end
    assert.equal("2024-03-04", docs[1].denials[1].date)
    assert.equal("2024-03-08", docs[2].denials[1].date)
    assert.equal("2024-02-26", docs[4].denials[1].date)
  end)
end)
