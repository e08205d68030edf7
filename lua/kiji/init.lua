--- kiji: officials, outlets and denials in Japanese and English news.
--
-- `require "kiji"` is the friendly face of the C module `kiji.core`.
-- Lua offsets are 1-based and inclusive, like string.sub; every span has
-- `start`, `stop` and `text` (`s:sub(start, stop) == text`).
local core = require "kiji.core"

local kiji = {
  _VERSION = "kiji " .. core.version,
  version = core.version,
  unicode_version = core.unicode_version,
}

--- Normalize `s`. Returns the normalized string and, unless
-- `opts.map == false`, a map back to `s` (`map:origin(i, j)`,
-- `map:target(s, e)`, `map:lengths()`). With `opts.invalid = "error"`,
-- invalid UTF-8 gives `nil, "invalid UTF-8 at byte N"`.
-- opts: form = "match" | "nfc" | "nfd" | "nfkc" | "nfkd" (default "match"),
--       casefold = boolean, invalid = "replace" | "error", map = boolean.
kiji.normalize = core.normalize

--- Sentences of `s`: an array of spans.
-- opts: locale = "auto" | "en" | "ja" | "root", news = boolean (kiji's
-- news rules, default true), invalid = "replace" | "error".
kiji.sentences = core.sentences

--- Words of `s`: an array of spans with `tag` ("number", "letter", "kana",
-- "ideo"). opts as for sentences, and all = true for spaces and
-- punctuation too.
kiji.words = core.words

-- The type of v for error messages, as the C side names it: kiji objects
-- (whose metatables are hidden behind their names) and FILE* by name.
local function typename(v)
  local mt = getmetatable(v)
  if type(mt) == "string" then return mt end
  if type(mt) == "table" and type(rawget(mt, "__name")) == "string" then return rawget(mt, "__name") end
  return type(v)
end

local function read_file(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  -- a directory opens, and then fails to read
  local text, rerr = f:read("*a")
  f:close()
  if not text then return nil, path .. ": " .. tostring(rerr or "cannot read") end
  return text
end

--- A dictionary from an array of entries
-- `{surface, kind = "outlet", id = "kyodo", exact_case = false, word = nil, payload = nil}`
-- or from the path of a TSV file (README). A bad TSV line or an unreadable
-- file gives `nil, "path:line N: why"` / `nil, message`; a bad entry
-- table raises. `kiji.dictionary.load(path)` reads a file written by
-- `d:save(path)`. `d:scan`, `d:each`, `d:gmatch` and `d:save` are C
-- (lkiji_dict.c): `for start, stop, entry in d:gmatch(s) do` yields no
-- table per match, `entry` being one shared table per dictionary entry.
kiji.dictionary = setmetatable({
  load = core.dictionary_load,
}, {
  __call = function(_, source)
    if type(source) == "string" then
      if source:find("\0", 1, true) then
        error("bad argument #1 to 'dictionary' (a path without NUL bytes expected)", 2)
      end
      local text, err = read_file(source)
      if not text then return nil, err end
      return core.dictionary_tsv(text, source)
    end
    if type(source) ~= "table" then
      error("bad argument #1 to 'dictionary' (table or string expected, got " .. typename(source) .. ")", 2)
    end
    -- the entries' errors name kiji.dictionary (lkiji_dict.c): raised
    -- again at the caller's level
    local ok, d = pcall(core.dictionary, source)
    if not ok then error(d, 2) end
    return d
  end,
})

--- The built-in lexicon (outlets, bodies, titles, countries, cues) as a
-- dictionary: `#kiji.lexicon()`, `kiji.lexicon():scan(s)`.
kiji.lexicon = core.lexicon

-- Annotators hold the compiled lexicon and ICU's iterators: one default,
-- and one per table of extra dictionaries (collected with that table).
local default_annotator
local by_dictionaries = setmetatable({}, { __mode = "k" })
-- The C snapshot of each document, for kiji.json.
local snapshots = setmetatable({}, { __mode = "k" })

local function annotate_error(what, level, name)
  error("bad argument #2 to '" .. (name or "annotate") .. "' (" .. what .. ")", level + 1)
end

-- The annotator of a table of dictionaries, made again when the table's
-- contents changed since (the cache keeps the dictionaries it was made of).
local function annotator_for(dicts, name)
  if dicts == nil then
    default_annotator = default_annotator or core.annotator()
    return default_annotator
  end
  if type(dicts) ~= "table" then
    annotate_error("option 'dictionaries': table expected, got " .. typename(dicts), 3, name)
  end
  local n = rawlen and rawlen(dicts) or #dicts -- as the C side counts (5.1: # is raw)
  for i = 1, n do
    local d = rawget(dicts, i)
    if getmetatable(d) ~= "kiji.dictionary" then
      annotate_error(("option 'dictionaries': item %d: kiji.dictionary expected, got %s"):format(i, typename(d)), 3, name)
    end
  end
  local cached = by_dictionaries[dicts]
  if cached and cached.n == n then
    for i = 1, n do
      if cached[i] ~= rawget(dicts, i) then cached = nil break end
    end
  else
    cached = nil
  end
  if not cached then
    local ok, a = pcall(core.annotator, dicts)
    if not ok then error(a, 3) end
    cached = { annotator = a, n = n }
    for i = 1, n do cached[i] = rawget(dicts, i) end
    by_dictionaries[dicts] = cached
  end
  return cached.annotator
end

local LANGS = { auto = true, en = true, ja = true }
local INVALIDS = { replace = true, error = true }
-- (made once, not a table or two per call)
local STRING_OPTIONS = { "date", "source" }
local NO_OPTIONS = {}

-- opts[key], nil or one of the keys of `values`
local function choice(opts, key, values)
  local v = opts[key]
  if v == nil or values[v] then return v end
  if type(v) ~= "string" then
    annotate_error(("option '%s': string expected, got %s"):format(key, typename(v)), 3)
  end
  local names = {}
  for name in pairs(values) do names[#names + 1] = "'" .. name .. "'" end
  table.sort(names)
  annotate_error(("option '%s': invalid value '%s' (expected %s)"):format(key, v, table.concat(names, ", ")), 3)
end

--- Annotate a news text (SCHEMA.md): a table with `lang`, `bytes`,
-- `sentences`, `officials`, `outlets`, `denials`, `attributions` and
-- `quotes` (each with `text`, `speaker`, `cue`, `sentence`, `sentences`), every
-- span 1-based and inclusive (`text:sub(m.start, m.stop) == m.text`).
-- opts: lang = "auto" | "en" | "ja", invalid = "replace" | "error",
--       dictionaries = {d1, d2, …} (extra kiji.dictionary objects whose
--       kinds and payloads follow plugin/lexicon/README.md),
--       date = "2023-08-08" (the article's date, ISO 8601: what "on
--       Tuesday" and 先月 are read against), source = "Kyodo" (the
--       article's source: the document's `source`).
-- Invalid UTF-8 under invalid = "error" gives nil, message.
function kiji.annotate(text, opts)
  if type(text) ~= "string" then
    error("bad argument #1 to 'annotate' (string expected, got " .. typename(text) .. ")", 2)
  end
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #2 to 'annotate' (table expected, got " .. typename(opts) .. ")", 2)
  end
  opts = opts or NO_OPTIONS
  local lang, invalid = choice(opts, "lang", LANGS), choice(opts, "invalid", INVALIDS)
  local a = annotator_for(opts.dictionaries)
  -- what can still fail (memory, an annotator finalized at exit) is
  -- raised at the caller's level
  for _, key in ipairs(STRING_OPTIONS) do
    if opts[key] ~= nil and type(opts[key]) ~= "string" then
      annotate_error(("option '%s': string expected, got %s"):format(key, typename(opts[key])), 2)
    end
  end
  local ok, doc, snap = pcall(a.annotate, a, text, lang, invalid, opts.date, opts.source)
  if not ok then error(doc, 2) end
  if not doc then return nil, snap end
  snapshots[doc] = snap
  return doc
end

--- Annotate many texts at once on C threads sharing one annotator:
-- `docs, errors = kiji.annotate_many(texts, opts)`. docs[i] is what
-- kiji.annotate(texts[i]) gives (a table, kiji.json works on it), or with
-- `json = true` its kiji.json string; false when text i failed, and then
-- errors[i] says why (errors is nil when none failed): one bad text fails
-- alone. opts: those of kiji.annotate, and threads = N (0, the default:
-- one per core), dates = {…} and sources = {…} (text i's own date and
-- source, over opts.date and opts.source; a date that is no day fails
-- its text alone), json = boolean, ids = {…} (json only: each JSON's "id"),
-- id_json = {…} and members_json = {…} (json only: the "id" and more
-- members as JSON text, written as given), jsonl = true (docs is one
-- string: the JSON Lines of the texts that succeeded), async = true:
-- return at once a pending batch `p` (the C threads go on while Lua
-- does; pending batches share the state's threads, started once and
-- kept, the oldest batch's texts first, at most its threads on each),
-- and `p:wait()` gives docs, errors; with jsonl = true,
-- `p:wait(file)` writes the lines to the io file instead (no Lua string
-- between) and gives the bytes written, errors and, when writing failed,
-- why. A batch on more than one thread runs on the state's threads
-- too (and the calling thread, without async), and a hook set while it
-- is waited for (lua.c's answer to SIGINT) runs within 20 ms or after the
-- calling thread's current text; when it raises, the texts not begun are
-- dropped and the error goes on.
function kiji.annotate_many(texts, opts)
  if type(texts) ~= "table" then
    error("bad argument #1 to 'annotate_many' (table expected, got " .. typename(texts) .. ")", 2)
  end
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #2 to 'annotate_many' (table expected, got " .. typename(opts) .. ")", 2)
  end
  local a = annotator_for(opts and opts.dictionaries, "annotate_many")
  local ok, docs, errors, snaps = pcall(core.annotate_many, texts, opts, a)
  if not ok then error(docs, 2) end
  local function values(d, e, s)
    for i, snap in pairs(s or {}) do snapshots[d[i]] = snap end
    return d, e
  end
  if opts and opts.async then
    local pending = docs
    return {
      wait = function(_, file)
        if file ~= nil and opts.jsonl then return pending:wait(file) end
        return values(pending:wait())
      end,
    }
  end
  return values(docs, errors, snaps)
end

--- The SCHEMA.md JSON of a document from kiji.annotate (0-based, half-open
-- offsets), written by the C core; `id` adds the "id" field.
function kiji.json(doc, id)
  local snap = type(doc) == "table" and snapshots[doc]
  if not snap then
    error("bad argument #1 to 'json' (a document from kiji.annotate expected)", 2)
  end
  if id ~= nil and type(id) ~= "string" then
    error("bad argument #2 to 'json' (string expected, got " .. typename(id) .. ")", 2)
  end
  return snap:json(id)
end

--- An accumulator of events (denials across articles, SCHEMA.md "An
-- event"): `acc:add(text_or_doc, {id, date, source})`, `acc:events()`,
-- `acc:merge(other)`, `acc:dump(write)` / `acc:load(line)` (kiji.track).
-- opts: max_denials (denials listed per event, default 100).
function kiji.track(opts)
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #1 to 'track' (table expected, got " .. typename(opts) .. ")", 2)
  end
  local max = opts and opts.max_denials
  if max ~= nil and (type(max) ~= "number" or max ~= math.floor(max) or max < 1 or max == math.huge) then
    error("bad argument #1 to 'track' (option 'max_denials': positive integer expected)", 2)
  end
  return require("kiji.track").new(opts)
end

return kiji
