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
  type = "builtin",
  modules = {
    ["kiji.core"] = {
      sources = {
        "plugin/lkiji.c", "plugin/alloc.c", "plugin/norm.c", "plugin/norm_rules.c",
        "plugin/offmap.c", "plugin/status.c", "plugin/unitab_data.c",
      },
      defines = { "KIJI_STATIC_BUILD" },
      incdirs = { "include", "plugin", "$(UTF8PROC_INCDIR)" },
      libdirs = { "$(UTF8PROC_LIBDIR)" },
      libraries = { "utf8proc" },
    },
    ["kiji"] = "lua/kiji/init.lua",
  },
}
test = {
  type = "command",
  command = "make test",
}
