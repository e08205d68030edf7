--- kiji: officials, outlets and denials in Japanese and English news.
--
-- `require "kiji"` is the friendly face of the C module `kiji.core`.
-- Lua offsets are 1-based and inclusive, like string.sub.
local core = require "kiji.core"

local kiji = {
  _VERSION = "kiji " .. core.version,
  version = core.version,
  unicode_version = core.unicode_version,
}

--- Normalize `s`. Returns the normalized string and, unless
-- `opts.map == false`, a map back to `s` (`map:origin(i, j)`,
-- `map:target(s, e)`). With `opts.invalid = "error"`, invalid UTF-8 gives
-- `nil, "invalid UTF-8 at byte N"`.
-- opts: form = "match" | "nfc" | "nfd" | "nfkc" | "nfkd" (default "match"),
--       casefold = boolean, invalid = "replace" | "error", map = boolean.
kiji.normalize = core.normalize

return kiji
