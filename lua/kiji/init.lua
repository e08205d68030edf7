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

return kiji
