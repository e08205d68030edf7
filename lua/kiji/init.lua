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

local function read_file(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local text = f:read("*a")
  f:close()
  return text
end

--- A dictionary from an array of entries
-- `{surface, kind = "outlet", id = "kyodo", exact_case = false, word = nil, payload = nil}`
-- or from the path of a TSV file (README). A bad TSV line gives
-- `nil, "path:line N: why"`; a bad entry table raises.
-- `kiji.dictionary.load(path)` reads a file written by `d:save(path)`.
kiji.dictionary = setmetatable({
  load = core.dictionary_load,
}, {
  __call = function(_, source)
    if type(source) == "string" then
      local text, err = read_file(source)
      if not text then return nil, err end
      return core.dictionary_tsv(text, source)
    end
    return core.dictionary(source)
  end,
})

--- d:each(s [, opts]): an iterator over the matches of d:scan(s, opts).
function core.dict_methods.each(d, s, opts)
  local matches, i = d:scan(s, opts), 0
  return function()
    i = i + 1
    return matches[i]
  end
end

--- The built-in lexicon (outlets, bodies, titles, countries, cues) as a
-- dictionary: `#kiji.lexicon()`, `kiji.lexicon():scan(s)`.
kiji.lexicon = core.lexicon

-- Annotators hold the compiled lexicon and ICU's iterators: one default,
-- and one per table of extra dictionaries (collected with that table).
local default_annotator
local by_dictionaries = setmetatable({}, { __mode = "k" })
-- The C snapshot of each document, for kiji.json.
local snapshots = setmetatable({}, { __mode = "k" })

local function annotator_for(dicts)
  if dicts == nil then
    default_annotator = default_annotator or core.annotator()
    return default_annotator
  end
  if type(dicts) ~= "table" then
    error("bad option 'dictionaries' (table expected, got " .. type(dicts) .. ")", 3)
  end
  local a = by_dictionaries[dicts]
  if not a then
    a = core.annotator(dicts)
    by_dictionaries[dicts] = a
  end
  return a
end

--- Annotate a news text (SCHEMA.md): a table with `lang`, `bytes`,
-- `sentences`, `officials`, `outlets`, `denials` and `attributions`, every
-- span 1-based and inclusive (`text:sub(m.start, m.stop) == m.text`).
-- opts: lang = "auto" | "en" | "ja", invalid = "replace" | "error",
--       dictionaries = {d1, d2, …} (extra kiji.dictionary objects whose
--       kinds and payloads follow plugin/lexicon/README.md).
-- Invalid UTF-8 under invalid = "error" gives nil, message.
function kiji.annotate(text, opts)
  if type(text) ~= "string" then
    error("bad argument #1 to 'annotate' (string expected, got " .. type(text) .. ")", 2)
  end
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #2 to 'annotate' (table expected, got " .. type(opts) .. ")", 2)
  end
  opts = opts or {}
  local doc, snap = annotator_for(opts.dictionaries):annotate(text, opts.lang, opts.invalid)
  if not doc then return nil, snap end
  snapshots[doc] = snap
  return doc
end

--- The SCHEMA.md JSON of a document from kiji.annotate (0-based, half-open
-- offsets), written by the C core; `id` adds the "id" field.
function kiji.json(doc, id)
  local snap = type(doc) == "table" and snapshots[doc]
  if not snap then
    error("bad argument #1 to 'json' (a document from kiji.annotate expected)", 2)
  end
  if id ~= nil and type(id) ~= "string" then
    error("bad argument #2 to 'json' (string expected, got " .. type(id) .. ")", 2)
  end
  return snap:json(id)
end

return kiji
