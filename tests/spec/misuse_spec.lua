-- Misuse of every public function of kiji: a clear Lua error naming the
-- function and the argument, or the documented result (README, "Errors
-- and odd input"), never a crash; on Lua 5.1, 5.3, 5.4 and LuaJIT alike.
--
-- The functions are found by walking the module (kiji, kiji.dictionary,
-- kiji.core, kiji.core.dict_methods) and every metatable kiji.core
-- registers ("kiji.*" in the registry): one that API below does not list
-- fails the first test. Each is called with every value of VALUES at every
-- argument position (the others valid), every option key with every
-- value, every entry field likewise; by pcall, inside a coroutine and by
-- name across coroutine.wrap (MODES). Then natural call sites, finalized
-- objects, collections in the middle, coroutines, finalizers that call
-- kiji while kiji works, and finalizers that call kiji at lua_close.
local kiji = require "kiji"
local core = require "kiji.core"
local interpreter = require "support.interpreter"

local unpack = table.unpack or unpack
local pack = table.pack or function(...) return { n = select("#", ...), ... } end
local INTEGERS = math.type ~= nil -- 5.3+: integers of their own

-- an object whose finalizer is f (5.1 and LuaJIT: userdata only)
local function with_gc(f)
  if _VERSION == "Lua 5.1" then
    local p = newproxy(true)
    getmetatable(p).__gc = f
    return p
  end
  return setmetatable({}, { __gc = f })
end

local function full_gc()
  collectgarbage("collect")
  collectgarbage("collect")
end

-- ---------------------------------------------------------------- fixtures

local TEXT = "Japan's Defense Ministry denied a report by Kyodo News.\n"
  .. "共同通信によると、防衛省は「事実無根だ」と否定した。"
local ENTRIES = {
  { "Kyodo News", kind = "outlet", id = "kyodo" },
  { "防衛省", kind = "body", id = "mod_jp", payload = "country=JP" },
}
local dict = kiji.dictionary(ENTRIES)
local _, map = kiji.normalize("ＡＢＣ and 防衛省")
local SRC_LEN, TGT_LEN = map:lengths()
local annotator = core.annotator()
local _, snap = annotator:annotate(TEXT)
local kdoc = kiji.annotate(TEXT)
-- a pending batch: kiji.batch's metatable is made with the first one
local function fresh_batch() return core.annotate_many({ TEXT }, { async = true }, annotator) end
local pending = fresh_batch()
local registry = debug.getregistry()
local TMP = os.tmpname() -- paths are made under it: nothing lands in the tree
local made = { TMP }

-- The values tried at every position.
local VALUES = {
  { "nil", nil }, { "true", true }, { "false", false },
  { "0", 0 }, { "-1", -1 }, { "1.5", 1.5 }, { "NaN", 0 / 0 },
  { "math.huge", math.huge }, { "-math.huge", -math.huge },
  { "2^53", 2 ^ 53 }, { "2^53 + 2", 2 ^ 53 + 2 }, { "-2^53", -2 ^ 53 }, { "2^63", 2 ^ 63 },
  { '""', "" }, { '"1"', "1" }, { "NUL bytes", "a\0b\0" },
  { "invalid UTF-8", "\255\254 \192\128 \237\160\128 \244\144\128\128 \226\130" },
  { "{}", {} }, { "a function", print }, { "a coroutine", coroutine.create(function() end) },
  { "io.stdout", io.stdout }, { "a kiji.map", map }, { "a kiji.dictionary", dict },
  { "a kiji.annotator", annotator }, { "a kiji.document", snap },
}
if INTEGERS then
  for _, v in ipairs {
    { "math.maxinteger (2^63-1)", math.maxinteger }, { "math.mininteger (-2^63)", math.mininteger },
    { "2^53 as an integer", math.tointeger(2 ^ 53) }, { "-1 as an integer", math.tointeger(-1) },
  } do VALUES[#VALUES + 1] = v end
end

-- The type name the messages use: a metatable's __name (kiji.*, FILE* on
-- 5.3+), else type().
local function tname(v)
  local mt = debug.getmetatable(v)
  local name = type(mt) == "table" and rawget(mt, "__name")
  return type(name) == "string" and name or type(v)
end

local function path_for(v)
  if type(v) ~= "string" or v == "" then return v end
  local p = TMP .. "-" .. v
  made[#made + 1] = p
  return p
end

-- ---------------------------------------------------------------- argument kinds
-- A kind says what one argument position does with a value: nil when it
-- is accepted (documented result), else the text in the parentheses of
-- "bad argument #n to 'f' (...)". `map_value` turns a pool value into what
-- is passed (paths under TMP); `fresh` replaces a valid self that the call
-- would destroy (__gc).

local function wrong(expected, v) return expected .. " expected, got " .. tname(v) end

-- A value quoted in a message: C's %s ends it at a NUL byte, so the
-- expected text stops there (and without the closing quote).
local function quoted(v)
  local nul = v:find("\0", 1, true)
  if nul then return "'" .. v:sub(1, nul - 1) end
  return "'" .. v .. "'"
end

local STRING = { name = "string", check = function(v)
  if type(v) ~= "string" then return wrong("string", v) end
end }

local OPT_STRING = { name = "optional string", check = function(v)
  if v ~= nil and type(v) ~= "string" then return wrong("string", v) end
end }

local OPTS = { name = "options", check = function(v)
  if v ~= nil and type(v) ~= "table" then return wrong("table", v) end
end }

local ANY = { name = "ignored", check = function() end }

local FILE = { name = "open io file", check = function(v)
  if io.type(v) ~= "file" then return wrong("open io file", v) end
end }

-- a size of kiji.core.line_reader's reads
local SIZE = { name = "size", check = function(v)
  if type(v) ~= "number" then return wrong("number", v) end
  if v ~= v or v == math.huge or v == -math.huge or v ~= math.floor(v) then return "integer expected" end
  if v < 1 then return "a positive size expected" end
end }

local PATH = { name = "path", map_value = path_for, check = function(v)
  if type(v) ~= "string" then return wrong("string", v) end
  if v:find("\0", 1, true) then return "a path without NUL bytes expected" end
end }

-- a position of the map: i (arg 2) alone, over a side of `size` bytes
local function position(size)
  return { name = "position", check = function(v)
    if type(v) ~= "number" then return wrong("number", v) end
    if v ~= v or v == math.huge or v == -math.huge or v ~= math.floor(v) then return "integer expected" end
    if v < 1 or v > size then return "position out of range" end
  end }
end

-- j (arg 3) with i = 1: j = 0 is the empty range at 1
local function last_position(size)
  return { name = "last position", check = function(v)
    if v == nil then return end
    if type(v) ~= "number" then return wrong("number", v) end
    if v ~= v or v == math.huge or v == -math.huge or v ~= math.floor(v) then return "integer expected" end
    if v < 0 or v > size then return "position out of range" end
  end }
end

local function self_of(t, fresh)
  return { name = "self " .. t, self = true, fresh = fresh, check = function(v)
    if tname(v) ~= t then return wrong(t, v) end
  end }
end

local function choice(list)
  local set = {}
  for _, s in ipairs(list) do set[s] = true end
  return { name = "one of " .. table.concat(list, "|"), check = function(v)
    if v == nil or set[v] then return end
    if type(v) ~= "string" then return wrong("string", v) end
    return "invalid option " .. quoted(v)
  end }
end

local DICT_SOURCE = { name = "entries or path", map_value = path_for, check = function(v)
  if type(v) == "string" then
    if v:find("\0", 1, true) then return "a path without NUL bytes expected" end
    return
  end
  if type(v) ~= "table" then return wrong("table or string", v) end
end }

local ENTRIES_TABLE = { name = "entries", check = function(v)
  if type(v) ~= "table" then return wrong("table", v) end
end }

local DOC = { name = "document", check = function(v)
  if v ~= kdoc then return "a document from kiji.annotate expected" end
end }

local TEXTS = { name = "texts", check = function(v)
  if type(v) ~= "table" then return wrong("table", v) end
end }

local DICTS = { name = "dictionaries", check = function(v)
  if v ~= nil and type(v) ~= "table" then return wrong("table", v) end
end }

-- ---------------------------------------------------------------- results

local function is_nil_message(r) return r[1] == nil and type(r[2]) == "string" and r[2] ~= "" end
local function is_string(r) return type(r[1]) == "string" end
local function is_array(r) return type(r[1]) == "table" or is_nil_message(r) end
local function is_dict(r) return tname(r[1]) == "kiji.dictionary" end
local function is_dict_or_message(r) return is_dict(r) or is_nil_message(r) end
local function is_doc(r) return type(r[1]) == "table" and type(r[1].sentences) == "table" or is_nil_message(r) end

-- ---------------------------------------------------------------- the API

local function mt(name) return registry[name] end
local function fresh_dict() return kiji.dictionary(ENTRIES) end
local function fresh_snapshot() return select(2, annotator:annotate("Kyodo")) end
-- a reader of /dev/null (its reads end at once), its file kept open
local DEV_NULL = assert(io.open("/dev/null", "rb"))
local function fresh_reader() return core.line_reader(DEV_NULL) end
-- a map of some 300 KB: under LuaJIT its pieces are in a C block that its
-- __gc frees (elsewhere, and when smaller, in its userdata: nothing to free)
local function fresh_big_map() return select(2, kiji.normalize(("ＡＢＣ "):rep(20000))) end
local BIG_MAP_FREED = jit ~= nil

-- name: as the messages name it; args: the kind of each position; valid:
-- the valid arguments; result: the documented result of a call that
-- does not raise; options: option key -> kind of its value.
local NORM_OPTS = { form = { "match", "nfc", "nfd", "nfkc", "nfkd" }, invalid = { "replace", "error" },
                    casefold = "boolean", map = "boolean" }
local SEG_OPTS = { locale = { "auto", "en", "ja", "root" }, news = "boolean", all = "boolean",
                   invalid = { "replace", "error" } }
local SCAN_OPTS = { mode = { "longest", "all" } }
local ANNOTATE_OPTS = { lang = { "auto", "en", "ja" }, invalid = { "replace", "error" },
                        dictionaries = "dictionaries" }

local API = {
  { "kiji.normalize", kiji.normalize, "normalize", { STRING, OPTS }, { TEXT },
    result = function(r) return is_string(r) or is_nil_message(r) end, options = NORM_OPTS },
  { "kiji.sentences", kiji.sentences, "sentences", { STRING, OPTS }, { TEXT }, result = is_array, options = SEG_OPTS },
  { "kiji.words", kiji.words, "words", { STRING, OPTS }, { TEXT }, result = is_array, options = SEG_OPTS },
  { "kiji.dictionary", kiji.dictionary, "dictionary", { DICT_SOURCE }, { ENTRIES }, result = is_dict_or_message },
  { "kiji.dictionary.load", kiji.dictionary.load, "load", { PATH }, { TMP }, result = is_dict_or_message },
  { "kiji.lexicon", kiji.lexicon, "lexicon", { ANY }, {}, result = is_dict },
  { "kiji.annotate", kiji.annotate, "annotate", { STRING, OPTS }, { TEXT }, result = is_doc, options = ANNOTATE_OPTS },
  { "kiji.json", kiji.json, "json", { DOC, OPT_STRING }, { kdoc }, result = is_string },
  { "kiji.track", kiji.track, "track", { OPTS }, {}, result = function(r) return type(r[1]) == "table" end },
  { "kiji.core.lexicon_words", core.lexicon_words, "lexicon_words", { ANY }, {}, result = is_dict },
  { "kiji.annotate_many", kiji.annotate_many, "annotate_many", { TEXTS, OPTS }, { { TEXT } },
    result = function(r) return type(r[1]) == "table" end,
    options = { lang = { "auto", "en", "ja" }, invalid = { "replace", "error" }, dictionaries = "dictionaries",
                json = "boolean", async = "boolean" } },
  { "kiji.core.annotate_many", core.annotate_many, "annotate_many", { TEXTS, OPTS, self_of "kiji.annotator" },
    { { TEXT }, nil, annotator }, result = function(r) return type(r[1]) == "table" end },
  { "kiji.core.jsonl_records", core.jsonl_records, "jsonl_records", { STRING, TEXTS },
    { '{"id":1,"text":"' .. TEXT:gsub("\n", "\\n") .. '"}\nnot json\n', { "kiji", "lang" } },
    result = function(r) return type(r[1]) == "table" and type(r[1].texts) == "table" end },
  { "kiji.core.line_reader", core.line_reader, "line_reader", { FILE }, { DEV_NULL },
    result = function(r) return tname(r[1]) == "kiji.line_reader" end },
  { "kiji.line_reader:read", mt("kiji.line_reader").__index.read, "read",
    { self_of("kiji.line_reader", fresh_reader), SIZE }, { fresh_reader(), 10 },
    result = function(r) return r.n == 1 and r[1] == nil end },
  { "kiji.line_reader.__gc", mt("kiji.line_reader").__gc, "__gc", { self_of("kiji.line_reader", fresh_reader) },
    { fresh_reader() }, result = function(r) return r.n == 0 end },
  { "kiji.batch:wait", pending.wait, "wait", { self_of("kiji.batch", fresh_batch) }, { pending },
    result = function(r) return type(r[1]) == "table" end },
  { "kiji.batch.__gc", mt("kiji.batch").__gc, "__gc", { self_of("kiji.batch", fresh_batch) },
    { fresh_batch() }, result = function(r) return r.n == 0 end },
  { "kiji.core.dictionary", core.dictionary, "dictionary", { ENTRIES_TABLE }, { ENTRIES }, result = is_dict },
  { "kiji.core.dictionary_tsv", core.dictionary_tsv, "dictionary_tsv", { STRING, OPT_STRING },
    { "Kyodo News\toutlet\tkyodo\n" }, result = is_dict_or_message },
  { "kiji.core.annotator", core.annotator, "annotator", { DICTS }, {},
    result = function(r) return tname(r[1]) == "kiji.annotator" end },
  { "kiji.map:origin", map.origin, "origin", { self_of "kiji.map", position(TGT_LEN), last_position(TGT_LEN) },
    { map, 1 }, result = function(r) return type(r[1]) == "number" and type(r[2]) == "number" end },
  { "kiji.map:target", map.target, "target", { self_of "kiji.map", position(SRC_LEN), last_position(SRC_LEN) },
    { map, 1 }, result = function(r) return type(r[1]) == "number" and type(r[2]) == "number" end },
  { "kiji.map:lengths", map.lengths, "lengths", { self_of "kiji.map", ANY }, { map },
    result = function(r) return r[1] == SRC_LEN and r[2] == TGT_LEN end },
  { "kiji.map.__tostring", mt("kiji.map").__tostring, "__tostring", { self_of "kiji.map" }, { map }, result = is_string },
  { "kiji.dictionary:scan", dict.scan, "scan", { self_of "kiji.dictionary", STRING, OPTS }, { dict, TEXT },
    result = is_array, options = SCAN_OPTS },
  { "kiji.dictionary:each", dict.each, "each", { self_of "kiji.dictionary", STRING, OPTS }, { dict, TEXT },
    result = function(r) return type(r[1]) == "function" end, options = SCAN_OPTS },
  { "kiji.dictionary:gmatch", dict.gmatch, "gmatch", { self_of "kiji.dictionary", STRING, OPTS }, { dict, TEXT },
    result = function(r) return type(r[1]) == "function" end, options = SCAN_OPTS },
  { "kiji.dictionary:save", dict.save, "save", { self_of "kiji.dictionary", PATH }, { dict, path_for("saved") },
    result = function(r) return r[1] == true or is_nil_message(r) end },
  { "kiji.dictionary.__len", mt("kiji.dictionary").__len, "__len", { self_of "kiji.dictionary" }, { dict },
    result = function(r) return r[1] == #ENTRIES end },
  { "kiji.dictionary.__tostring", mt("kiji.dictionary").__tostring, "__tostring", { self_of "kiji.dictionary" },
    { dict }, result = is_string },
  { "kiji.dictionary.__gc", mt("kiji.dictionary").__gc, "__gc", { self_of("kiji.dictionary", fresh_dict) },
    { fresh_dict() }, result = function(r) return r.n == 0 end },
  { "kiji.builder.__gc", mt("kiji.builder").__gc, "__gc", { self_of "kiji.builder" } }, -- never reaches Lua
  { "kiji.annotator:annotate", annotator.annotate, "annotate",
    { self_of "kiji.annotator", STRING, choice { "auto", "en", "ja" }, choice { "replace", "error" } },
    { annotator, TEXT }, result = function(r) return (type(r[1]) == "table" and tname(r[2]) == "kiji.document") or is_nil_message(r) end },
  { "kiji.annotator.__gc", mt("kiji.annotator").__gc, "__gc", { self_of("kiji.annotator", core.annotator) },
    { core.annotator() }, result = function(r) return r.n == 0 end },
  { "kiji.document:json", snap.json, "json", { self_of "kiji.document", OPT_STRING }, { snap }, result = is_string },
  { "kiji.document.__gc", mt("kiji.document").__gc, "__gc", { self_of("kiji.document", fresh_snapshot) },
    { fresh_snapshot() }, result = function(r) return r.n == 0 end },
  { "kiji.lent.__gc", mt("kiji.lent").__gc, "__gc", { self_of "kiji.lent" } },       -- never reaches Lua
  { "kiji.scratch.__gc", mt("kiji.scratch").__gc, "__gc", { self_of "kiji.scratch" } }, -- only via debug
  { "d:each iterator", dict:each("Kyodo News"), nil, { ANY, ANY }, {},
    result = function(r) return r[1] == nil or type(r[1]) == "table" end },
  { "d:gmatch iterator", dict:gmatch("Kyodo News"), nil, { ANY, ANY }, {},
    result = function(r) return r[1] == nil or (type(r[1]) == "number" and type(r[3]) == "table") end },
}

if BIG_MAP_FREED then -- (elsewhere a map has no __gc: nothing to free)
  API[#API + 1] = { "kiji.map.__gc", mt("kiji.map").__gc, "__gc", { self_of("kiji.map", fresh_big_map) },
                    { fresh_big_map() }, result = function(r) return r.n == 0 end }
end

local listed, local_name = {}, {}
for _, f in ipairs(API) do
  listed[f[2]] = f[1]
  local_name[f[2]] = f[3] or "iterator"
end

-- Every function reachable from the module and kiji's metatables.
local function exported()
  local found = {}
  local function add(name, f)
    local mt = type(f) == "table" and getmetatable(f)
    if type(f) == "function" or type(mt) == "table" and mt.__call then found[#found + 1] = { name, f } end
  end
  for k, v in pairs(kiji) do add("kiji." .. k, v) end
  for k, v in pairs(kiji.dictionary) do add("kiji.dictionary." .. k, v) end
  for k, v in pairs(core) do add("kiji.core." .. k, v) end
  for k, v in pairs(core.dict_methods) do add("kiji.core.dict_methods." .. k, v) end
  for key, m in pairs(registry) do
    if type(key) == "string" and key:find("^kiji%.") and type(m) == "table" and m.__name == key then
      for k, v in pairs(m) do add(key .. "." .. k, v) end
      if type(m.__index) == "table" then
        for k, v in pairs(m.__index) do add(key .. ":" .. k, v) end
      end
    end
  end
  return found
end

-- ---------------------------------------------------------------- running calls

-- How a call is made: pcall(f, ...) straight, where Lua knows no name for
-- f (kiji names it itself); from inside a coroutine; and through a local
-- named like the function (as Lua names a call) in a coroutine.wrap that
-- carries the error out.
local callers = {}
local function named_caller(f)
  local c = callers[f]
  if not c then
    local name = local_name[f]
    local chunk = ("local %s, pack = ...\nreturn function(...) local r = pack(%s(...)) return r end")
      :format(name, name)
    c = assert((loadstring or load)(chunk, "=caller"))(f, pack)
    callers[f] = c
  end
  return c
end

local MODES = {
  { "called", function(f, ...) return pack(pcall(f, ...)) end },
  { "in a coroutine", function(f, ...)
    local args = pack(...)
    return coroutine.wrap(function() return pack(pcall(f, unpack(args, 1, args.n))) end)()
  end },
  { "by name across coroutine.wrap", function(f, ...)
    local r = pack(pcall(coroutine.wrap(named_caller(f)), ...))
    if r[1] then return pack(true, unpack(r[2], 1, r[2].n)) end
    return r
  end },
}

local cases = 0
local failures

local function fail(what, r, want)
  local got = {}
  for i = 1, r.n do got[#got + 1] = tostring(r[i]) end
  failures[#failures + 1] = ("%s: wanted %s, got %s"):format(what, want, table.concat(got, ", "))
end

-- call f with args under mode; want: nil (the documented result) or the
-- message's parenthesis for argument #n
local function expect(entry, mode, what, args, n, want)
  local _, f, name = unpack(entry)
  cases = cases + 1
  local r = mode[2](f, unpack(args, 1, args.n))
  if want == nil then
    if not r[1] then return fail(what, r, "no error") end
    local res = pack(unpack(r, 2, r.n))
    if entry.result and not entry.result(res) then fail(what, r, "the documented result") end
  else
    -- up to the end of `want`: messages may go on ("(byte 0)", "(expected …)")
    local msg = ("bad argument #%d to '%s' (%s"):format(n, name or "?", want)
    if r[1] then return fail(what, r, msg) end
    if type(r[2]) ~= "string" or not r[2]:find(msg, 1, true) then fail(what, r, msg) end
  end
end

local function args_with(entry, pos, v)
  local valid = entry[5] or {}
  local args = { n = math.max(#entry[4], pos) }
  for i = 1, args.n do args[i] = valid[i] end
  args[pos] = v
  return args
end

-- every value at every position
local function positions(entry, mode)
  for pos, kind in ipairs(entry[4]) do
    for _, val in ipairs(VALUES) do
      local v = val[2]
      if kind.map_value then v = kind.map_value(v) end
      local want = kind.check(v)
      if want == nil and kind.fresh then v = kind.fresh() end -- the call frees it
      local what = ("%s %s: #%d (%s) = %s"):format(entry[1], mode[1], pos, kind.name, val[1])
      expect(entry, mode, what, args_with(entry, pos, v), pos, want)
    end
  end
end

-- every option key with every value: {[key] = v}
local function option_value(key, kind, v)
  if v == nil then return end
  if kind == "boolean" then
    if type(v) ~= "boolean" then return ("option '%s': %s"):format(key, wrong("boolean", v)) end
  elseif kind == "dictionaries" then
    if type(v) ~= "table" then return ("option '%s': %s"):format(key, wrong("table", v)) end
  else
    if type(v) ~= "string" then return ("option '%s': %s"):format(key, wrong("string", v)) end
    for _, ok in ipairs(kind) do if v == ok then return end end
    return ("option '%s': invalid value %s"):format(key, quoted(v))
  end
end

local function options(entry, mode)
  if not entry.options then return end
  local pos = #entry[4] -- options come last
  for key, kind in pairs(entry.options) do
    local values = {}
    for _, val in ipairs(VALUES) do values[#values + 1] = val end
    if type(kind) == "table" then
      for _, s in ipairs(kind) do values[#values + 1] = { ("%q"):format(s), s } end
    end
    for _, val in ipairs(values) do
      local want = option_value(key, kind, val[2])
      local what = ("%s %s: option %s = %s"):format(entry[1], mode[1], key, val[1])
      expect(entry, mode, what, args_with(entry, pos, { [key] = val[2] }), pos, want)
    end
    if kind == "dictionaries" then -- and every value as an item
      for _, val in ipairs(VALUES) do
        local v = val[2]
        local want
        if v ~= nil and tname(v) ~= "kiji.dictionary" then
          want = ("option 'dictionaries': item 1: %s"):format(wrong("kiji.dictionary", v))
        end
        local what = ("%s %s: dictionaries = { %s }"):format(entry[1], mode[1], val[1])
        expect(entry, mode, what, args_with(entry, pos, { dictionaries = { v } }), pos, want)
      end
    end
  end
end

-- every field of a dictionary entry with every value
local DICTIONARY = API[4]
local function entry_fields(mode)
  local base = { "Kyodo", kind = "outlet", id = "kyodo", payload = "p", exact_case = true, word = true }
  local fields = { [1] = "surface", kind = "string", id = "string", payload = "bytes",
                   exact_case = "boolean", word = "boolean" }
  for key, kind in pairs(fields) do
    for _, val in ipairs(VALUES) do
      local e = {}
      for k, v in pairs(base) do e[k] = v end
      local v = val[2]
      e[key] = v
      local want
      if key == 1 then
        if type(v) ~= "string" then
          want = "surface string expected at [1], got " .. tname(v)
        elseif v == "" then
          want = "surface is empty once normalized"
        elseif kiji.normalize(v, { invalid = "error" }) == nil then
          want = "surface is not valid UTF-8"
        end
      elseif v == nil then
        if key == "kind" then want = "field 'kind' expected" end
      elseif kind == "boolean" then
        if type(v) ~= "boolean" then want = ("field '%s': %s"):format(key, wrong("boolean", v)) end
      elseif type(v) ~= "string" then
        want = ("field '%s': %s"):format(key, wrong("string", v))
      elseif kind == "string" and v:find("\0", 1, true) then
        want = ("field '%s' contains a NUL byte"):format(key)
      elseif key == "kind" and v == "" then
        want = "kind is missing"
      end
      local what = ("kiji.dictionary %s: entry field %s = %s"):format(mode[1], tostring(key), val[1])
      expect(DICTIONARY, mode, what, pack({ e }), 1, want and ("entry 1: " .. want))
    end
  end
  -- entries that are no tables
  for _, val in ipairs(VALUES) do
    local v = val[2]
    local want = v ~= nil and type(v) ~= "table" and ("entry 1: table expected, got " .. tname(v)) or nil
    if type(v) == "table" then want = "entry 1: surface string expected at [1], got nil" end
    expect(DICTIONARY, mode, ("kiji.dictionary %s: entry = %s"):format(mode[1], val[1]), pack({ v }), 1, want)
  end
end

-- ---------------------------------------------------------------- the tests

describe("misuse of the Lua API", function()
  local function report()
    if #failures > 0 then
      error(("%d of the cases failed:\n  %s"):format(#failures, table.concat(failures, "\n  ", 1, math.min(#failures, 40))), 0)
    end
  end

  it("lists every function the module and its metatables export", function()
    local missing = {}
    for _, e in ipairs(exported()) do
      if not listed[e[2]] then missing[#missing + 1] = e[1] end
    end
    table.sort(missing)
    assert.are.same({}, missing)
  end)

  for _, mode in ipairs(MODES) do
    for _, entry in ipairs(API) do
      it(("%s, %s, with every value at every position"):format(entry[1], mode[1]), function()
        failures = {}
        positions(entry, mode)
        options(entry, mode)
        report()
      end)
    end
    it(("kiji.dictionary, %s, with every value in every entry field"):format(mode[1]), function()
      failures = {}
      entry_fields(mode)
      report()
    end)
  end

  it("counted its cases", function()
    assert.is_true(cases > 1000)
    -- for the record in the TAP output (prove shows comments with -v)
    print(("# misuse_spec: %d misuse cases on %s"):format(cases, jit and jit.version or _VERSION))
  end)

  it("names the function and argument at natural call sites, method calls counting from self", function()
    local function err(f) local ok, e = pcall(f) assert.is_false(ok) return e end
    assert.matches("bad argument #1 to 'normalize' %(string expected, got number%)", err(function() kiji.normalize(5) end))
    assert.matches("bad argument #1 to 'scan' %(string expected, got number%)", err(function() dict:scan(5) end))
    assert.matches("bad argument #2 to 'scan' %(option 'mode': invalid value 'x'", err(function() dict:scan("x", { mode = "x" }) end))
    assert.matches("bad argument #1 to 'origin' %(integer expected%)", err(function() map:origin(0 / 0) end))
    assert.matches("bad argument #2 to 'target' %(position out of range%)", err(function() map:target(1, -2) end))
    assert.matches("bad argument #1 to 'save' %(a path without NUL bytes expected%)", err(function() dict:save("a\0b") end))
    assert.matches("bad argument #1 to 'scan' %(kiji.dictionary expected, got kiji.map%)",
                   err(function() dict.scan(map, "x") end))
    assert.matches("calling 'scan' on bad self", err(function()
      local fake = setmetatable({}, { __index = core.dict_methods })
      fake:scan("x")
    end))
    assert.matches("bad argument #2 to 'annotate' %(option 'lang': invalid value 'fr'", err(function() kiji.annotate("x", { lang = "fr" }) end))
    assert.matches("bad argument #1 to 'dictionary' %(entry 2: field 'kind' expected%)",
                   err(function() kiji.dictionary { { "a", kind = "k" }, { "b" } } end))
    -- the errors of the Lua wrappers point at the caller's line, not into kiji
    local where = err(function() kiji.dictionary { { "b" } } end)
    assert.matches("misuse_spec.lua:%d+: bad argument", where)
    where = err(function() kiji.annotate("x", { dictionaries = { 1 } }) end)
    assert.matches("misuse_spec.lua:%d+: bad argument", where)
  end)

  it("gives the documented results for odd but valid input", function()
    -- the empty text, NUL bytes, invalid UTF-8 (replaced, or nil, message)
    assert.are.equal("", (kiji.normalize("")))
    assert.are.same({ 0, 0 }, { select(2, kiji.normalize("")):lengths() })
    assert.are.equal("a\0b", (kiji.normalize("a\0b", { form = "nfc" })))
    assert.are.equal("\239\191\189", (kiji.normalize("\255")))
    assert.are.same({ nil, "invalid UTF-8 at byte 2" }, { kiji.normalize("a\255", { invalid = "error" }) })
    assert.are.same({ nil, "invalid UTF-8 at byte 2" }, { kiji.annotate("a\255", { invalid = "error" }) })
    assert.are.same({ nil, "invalid UTF-8 at byte 2" }, { kiji.words("a\255", { invalid = "error" }) })
    assert.are.same({}, kiji.sentences(""))
    assert.are.same({}, dict:scan(""))
    -- the empty range: j = i - 1, also just past the end
    assert.are.same({ 1, 0 }, { map:origin(1, 0) })
    assert.are.same({ SRC_LEN + 1, SRC_LEN }, { map:origin(TGT_LEN + 1, TGT_LEN) })
    -- the map of the empty text has only the empty range
    local _, empty = kiji.normalize("")
    assert.are.same({ 1, 0 }, { empty:origin(1, 0) })
    assert.are.same({ 1, 0 }, { empty:target(1, 0) })
    assert.matches("#2 to 'origin' %(position out of range", select(2, pcall(empty.origin, empty, 1)))
    -- i = #+1 alone is out of range, and so named (not the absent j)
    assert.matches("#2 to 'origin' %(position out of range", select(2, pcall(map.origin, map, TGT_LEN + 1)))
    -- extra arguments are ignored, as by Lua's own functions
    assert.is_true(#kiji.lexicon(1, 2) > 1000)
    assert.are.same({ SRC_LEN, TGT_LEN }, { map:lengths("extra") })
    -- option keys kiji does not know are ignored
    assert.are.equal("abc", (kiji.normalize("ABC", { frm = "nfc" })))
    -- files: nil, message, never a raise
    assert.is_nil((kiji.dictionary("/")))
    assert.matches("Is a directory", select(2, kiji.dictionary("/")))
    assert.matches("Is a directory", select(2, kiji.dictionary.load("/")))
    assert.is_nil((kiji.dictionary.load(TMP .. "-absent")))
    assert.is_nil((dict:save("")))
    -- metatables are hidden behind the type's name
    assert.are.equal("kiji.dictionary", getmetatable(dict))
    assert.are.equal("kiji.map", getmetatable(map))
    -- the iterator goes on returning nil past the end
    local it = dict:each("Kyodo News")
    assert.is_table(it())
    assert.is_nil(it())
    assert.is_nil(it())
  end)

  it("uses a freed (finalized) object only to raise", function()
    -- reachable from pure Lua only through resurrection (a finalizer that
    -- keeps what it holds) or at lua_close; debug.getmetatable(x).__gc(x)
    -- does it directly
    local d = fresh_dict()
    local gc = debug.getmetatable(d).__gc
    gc(d)
    gc(d) -- twice: nothing happens
    assert.matches("#1 to 'scan' %(kiji.dictionary already finalized%)", select(2, pcall(d.scan, d, "x")))
    assert.matches("#1 to 'each' %(kiji.dictionary already finalized%)", select(2, pcall(d.each, d, "x")))
    assert.matches("#1 to 'save' %(kiji.dictionary already finalized%)", select(2, pcall(d.save, d, TMP .. "-x")))
    assert.are.equal("kiji.dictionary (finalized)", tostring(d))
    assert.matches("item 1: kiji.dictionary already finalized", select(2, pcall(kiji.annotate, "x", { dictionaries = { d } })))
    local a = core.annotator()
    debug.getmetatable(a).__gc(a)
    assert.matches("annotator was already finalized", select(2, pcall(a.annotate, a, "x")))
    local s = fresh_snapshot()
    debug.getmetatable(s).__gc(s)
    assert.matches("document was already finalized", select(2, pcall(s.json, s)))
    local m = fresh_big_map()
    if BIG_MAP_FREED then
      debug.getmetatable(m).__gc(m)
      assert.matches("map was already finalized", select(2, pcall(m.origin, m, 1)))
      assert.matches("map was already finalized", select(2, pcall(m.lengths, m)))
      assert.are.equal("kiji.map (finalized)", tostring(m))
    else -- no __gc: nothing to free
      assert.is_nil(debug.getmetatable(m).__gc)
    end
    full_gc() -- and the collector's own __gc on them frees nothing twice
  end)

  it("raises for objects a finalizer resurrected after their own finalizer ran", function()
    local kept = {}
    -- made in a call of its own, so that no dead register keeps them
    local function make()
      -- made first, finalized last: it keeps what it holds
      local holder = with_gc(function() end)
      local d = fresh_dict()
      local a = core.annotator({ d })
      local doc, s = a:annotate("Kyodo News said")
      local _, m = kiji.normalize("ＡＢＣ")
      local big = fresh_big_map()
      local h = debug.getmetatable(holder)
      h.__gc = function() kept.d, kept.a, kept.doc, kept.s, kept.m, kept.big = d, a, doc, s, m, big end
    end
    make()
    full_gc()
    assert.is_not_nil(kept.d)
    assert.matches("already finalized", select(2, pcall(kept.d.scan, kept.d, "x")))
    assert.matches("already finalized", select(2, pcall(kept.a.annotate, kept.a, "x")))
    assert.matches("already finalized", select(2, pcall(kept.s.json, kept.s)))
    assert.matches("item 1: kiji.dictionary already finalized",
                   select(2, pcall(kiji.annotate, "x", { dictionaries = { kept.d } })))
    assert.are.same({ 1, 3 }, { kept.m:origin(1) }) -- a small map has nothing to free
    if BIG_MAP_FREED then
      assert.matches("map was already finalized", select(2, pcall(kept.big.origin, kept.big, 1)))
    else
      assert.are.same({ 1, 3 }, { kept.big:origin(1) })
    end
    assert.is_table(kept.doc.outlets)               -- a document is Lua tables
    kept = nil
    full_gc()
  end)

  it("keeps an annotator's dictionaries alive, and follows a changed table of them", function()
    local t = { kiji.dictionary { { "Hirosaki Dawn", kind = "outlet", id = "hdawn", payload = "subtype=newspaper;country=JP" } } }
    local text = "The Hirosaki Dawn and the Tsugaru Evening Post reported it."
    local doc = kiji.annotate(text, { dictionaries = t })
    assert.are.equal("hdawn", doc.outlets[1].id)
    t[1] = nil -- the dictionary lives on in the annotator that kiji caches for t
    full_gc()
    assert.is_string(kiji.json(doc))
    -- t now holds another dictionary: the annotation follows it
    t[1] = kiji.dictionary { { "Tsugaru Evening Post", kind = "outlet", id = "tep", payload = "subtype=newspaper;country=JP" } }
    local doc2 = kiji.annotate(text, { dictionaries = t })
    local ids = {}
    for _, o in ipairs(doc2.outlets) do ids[#ids + 1] = o.id end
    assert.are.same({ "tep" }, ids)
    -- a document outlives its table of dictionaries, its annotator and its text variable
    t, text = nil, nil
    full_gc()
    assert.matches('"id":"tep"', kiji.json(doc2))
    assert.matches('"id":"hdawn"', kiji.json(doc))
  end)

  it("works after collections while references exist", function()
    local d = fresh_dict()
    local _, m = kiji.normalize("ＡＢＣ")
    local doc = kiji.annotate(TEXT)
    local it = d:each(TEXT)
    local lex = kiji.lexicon()
    local pause = collectgarbage("setpause", 1) -- collect all the time
    for _ = 1, 3 do
      full_gc()
      collectgarbage("step")
      assert.are.equal(2, #d:scan(TEXT))
      assert.are.same({ 1, 3 }, { m:origin(1) })
      assert.is_string(kiji.json(doc))
      assert.is_true(#lex:scan(TEXT) > 0)
      assert.is_true(#kiji.words(TEXT) > 0)
    end
    assert.is_table(it())
    collectgarbage("setpause", pause)
    full_gc()
  end)

  it("is the same inside coroutines, and across them", function()
    local co_dict, co_it
    local results = coroutine.wrap(function()
      co_dict = fresh_dict()
      co_it = co_dict:each(TEXT)
      coroutine.yield(kiji.annotate(TEXT))
      return kiji.normalize("ＡＢＣ")
    end)
    local doc = results()
    assert.are.equal(kiji.json(kdoc), kiji.json(doc))
    assert.are.equal("abc", (results()))
    -- made in a dead, collected coroutine, used here
    results = nil
    full_gc()
    assert.are.equal(2, #co_dict:scan(TEXT))
    assert.is_table(co_it())
    -- errors cross resume and wrap with their message
    local ok, e = coroutine.resume(coroutine.create(function()
      local r = co_dict:scan(5) -- not a tail call: LuaJIT forgets those calls' names
      return r
    end))
    assert.is_false(ok)
    assert.matches("bad argument #1 to 'scan' %(string expected, got number%)", e)
    ok, e = pcall(coroutine.wrap(function() return kiji.annotate(5) end))
    assert.is_false(ok)
    assert.matches("bad argument #1 to 'annotate' %(string expected, got number%)", e)
    -- an option's __index that yields: Lua's error, and kiji goes on
    local yielding = setmetatable({}, { __index = function() coroutine.yield() end })
    for _, f in ipairs {
      function() return kiji.normalize("x", yielding) end,
      function() return kiji.words("x", yielding) end,
      function() return dict:scan("x", yielding) end,
      function() return kiji.annotate("x", yielding) end,
      function() return kiji.dictionary { setmetatable({ "x" }, getmetatable(yielding)) } end,
    } do
      local co = coroutine.create(f)
      local okr, err = coroutine.resume(co)
      -- LuaJIT and 5.4 may yield across a Lua metamethod: then it is just a yield
      if okr then
        assert.are.equal("suspended", coroutine.status(co))
      else
        assert.matches("yield", err)
      end
    end
    assert.are.equal("abc", (kiji.normalize("ＡＢＣ")))
    assert.are.equal(2, #dict:scan(TEXT))
  end)

  it("keeps its results when finalizers call kiji in the middle of a call", function()
    -- a collection inside kiji (while it builds the result tables) runs
    -- finalizers; these call kiji on bigger texts, which would grow and
    -- overwrite the scratch the outer call is reading (lkiji.h: lent)
    local d = kiji.dictionary { { "ab", kind = "x" }, { "cd", kind = "y" }, { "zz", kind = "z" } }
    local text = string.rep("ab cd ", 500)
    local other = string.rep("zz ", 1500)
    local atext = string.rep("Kyodo News reported that the Defense Ministry denied it. ", 40)
    local aother = string.rep("共同通信によると、防衛省は否定した。", 60)
    local function sig(list)
      local t = {}
      for i, x in ipairs(list) do t[i] = x.start .. ":" .. x.stop .. ":" .. (x.kind or x.tag or "") end
      return table.concat(t, ",")
    end
    local nested = 0
    local function litter()
      for _ = 1, 25 do
        with_gc(function()
          nested = nested + 1
          d:scan(other)
          kiji.normalize(other .. other)
          kiji.words(other)
          kiji.annotate(aother)
        end)
      end
    end
    local want_scan, want_words = sig(d:scan(text)), sig(kiji.words(text))
    local want_norm, want_map = kiji.normalize(atext)
    local function doc_sig(doc) -- the tables, made while finalizers annotate
      return sig(doc.officials) .. "|" .. sig(doc.outlets) .. "|" .. #doc.denials .. "|" .. #doc.sentences
    end
    local want_doc, want_tables = kiji.json(kiji.annotate(atext)), doc_sig(kiji.annotate(atext))
    local pause = collectgarbage("setpause", 10)
    for _ = 1, 3 do
      litter()
      assert.are.equal(want_scan, sig(d:scan(text)))
      litter()
      assert.are.equal(want_words, sig(kiji.words(text)))
      litter()
      local n, m = kiji.normalize(atext)
      assert.are.equal(want_norm, n)
      assert.are.same({ want_map:lengths() }, { m:lengths() })
      assert.are.same({ want_map:origin(7, 40) }, { m:origin(7, 40) })
      litter()
      local armed = true
      local function rearm() -- a finalizer in each collection of the call below
        with_gc(function()
          if armed then
            nested = nested + 1
            kiji.annotate(aother)
            rearm()
          end
        end)
      end
      rearm()
      local doc = kiji.annotate(atext)
      armed = false
      assert.are.equal(want_doc, kiji.json(doc))
      assert.are.equal(want_tables, doc_sig(doc))
    end
    collectgarbage("setpause", pause)
    full_gc()
    assert.is_true(nested > 0)
  end)

  it("raises, not crashes, when a finalizer calls kiji at lua_close", function()
    -- the objects made before `require "kiji"` are finalized after kiji's own
    local lua = interpreter.path()
    if not lua then
      pending("no interpreter to run")
      return
    end
    local script = TMP .. "-atexit.lua"
    made[#made + 1] = script
    local f = assert(io.open(script, "w"))
    f:write([=[
      local newgc = newproxy and function(fn) local p = newproxy(true) getmetatable(p).__gc = fn return p end
                     or function(fn) return setmetatable({}, { __gc = fn }) end
      local kiji, d, m
      KEEP = newgc(function()
        local n = 0
        for _, fn in ipairs {
          function() return kiji.normalize("x") end, function() return kiji.words("x") end,
          function() return d:scan("x") end, function() return kiji.annotate("x") end,
          function() return kiji.lexicon() end, function() return kiji.dictionary { { "a", kind = "b" } } end,
        } do
          local ok, e = pcall(fn)
          if not ok and tostring(e):find("finalized", 1, true) then n = n + 1 end
        end
        io.write("raised ", n, "\n")
        io.stdout:flush()
      end)
      kiji = require "kiji"
      d = kiji.dictionary { { "x", kind = "y" } }
      kiji.words("x") kiji.annotate("x")
    ]=])
    f:close()
    assert.are.equal("raised 6\nexit 0\n", interpreter.run(lua, script))
  end)

  teardown(function()
    for _, p in ipairs(made) do os.remove(p) end
  end)
end)
