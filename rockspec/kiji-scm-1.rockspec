-- LuaRocks: `luarocks make rockspec/kiji-scm-1.rockspec` from the top of
-- the source tree (offline; utf8proc and ICU come from the system).
rockspec_format = "3.0"
package = "kiji"
version = "scm-1"
source = {
  url = "git+https://example.invalid/kiji.git",
}
description = {
  summary = "Officials, outlets and denials in Japanese and English news text",
  detailed = [[
kiji (記事) finds which officials appear in news text, which outlets are
cited, and where someone denies a claim, with byte offsets into the
original text whatever normalization did. A C core over utf8proc and ICU.
]],
  license = "MIT",
  labels = { "nlp", "japanese", "unicode", "news" },
}
dependencies = {
  "lua >= 5.1, < 5.5",
}
external_dependencies = {
  UTF8PROC = { header = "utf8proc.h", library = "utf8proc" },
  ICU = { header = "unicode/ubrk.h", library = "icuuc" },
}
build = {
  -- make: the built-in lexicon is compiled from plugin/lexicon/*.tsv by a
  -- generator built first, which LuaRocks' builtin type cannot run
  type = "make",
  build_target = "rock",
  build_variables = {
    CC = "$(CC)",
    CFLAGS = "$(CFLAGS)",
    LUA = "$(LUA)",
    LUA_INCDIR = "$(LUA_INCDIR)",
    BUILD = "build/rock",
  },
  install_target = "rock-install",
  install_variables = {
    LUA = "$(LUA)",
    LUA_INCDIR = "$(LUA_INCDIR)",
    BUILD = "build/rock",
    INST_PREFIX = "$(PREFIX)",
    INST_LIBDIR = "$(LIBDIR)",
    INST_LUADIR = "$(LUADIR)",
  },
  -- the command: LuaRocks wraps it so that it finds this tree's modules
  install = {
    bin = { kiji = "bin/kiji" },
  },
}
-- the Lua specs (offline), for the default Lua 5.4 build
test = {
  type = "command",
  command = "make test-specs",
}
