-- LuaRocks: `luarocks make rockspec/kiji-scm-1.rockspec` from the top of
-- the source tree (utf8proc and ICU come from the system), or
-- `luarocks install kiji-scm-1.src.rock` from `make rock-pack`. Offline,
-- lua-cjson must already be there for LuaRocks: on Debian, apt's
-- lua-cjson and `luarocks config rocks_provided.lua-cjson 2.1.0-1`
-- (README, "Lua versions, LuaRocks").
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
  -- `kiji annotate --input jsonl` reads its records with cjson.safe
  "lua-cjson >= 2.1.0",
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
  -- the build's variables again: objects compiled with other flags would
  -- be compiled again (the Makefile's $(BUILD)/flags)
  install_variables = {
    CC = "$(CC)",
    CFLAGS = "$(CFLAGS)",
    LUA = "$(LUA)",
    LUA_INCDIR = "$(LUA_INCDIR)",
    BUILD = "build/rock",
    INST_LIBDIR = "$(LIBDIR)",
    INST_LUADIR = "$(LUADIR)",
    -- the tree's bin/, whose ../share/man/man1 gets the man page
    ROCK_BINDIR = "$(SCRIPTS_DIR)",
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
