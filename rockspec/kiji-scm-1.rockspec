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
        "plugin/alloc.c",
        "plugin/ann_hits.c",
        "plugin/ann_text.c",
        "plugin/annotate.c",
        "plugin/attributions.c",
        "plugin/denials.c",
        "plugin/dict_build.c",
        "plugin/dict_file.c",
        "plugin/dict_scan.c",
        "plugin/dict_tsv.c",
        "plugin/doc_json.c",
        "plugin/lexicon.c",
        "plugin/lexicon_data.c",
        "plugin/lkiji.c",
        "plugin/lkiji_dict.c",
        "plugin/lkiji_doc.c",
        "plugin/lkiji_seg.c",
        "plugin/lkiji_util.c",
        "plugin/norm.c",
        "plugin/norm_rules.c",
        "plugin/officials.c",
        "plugin/offmap.c",
        "plugin/outlets.c",
        "plugin/parties.c",
        "plugin/seg.c",
        "plugin/seg_rules.c",
        "plugin/status.c",
        "plugin/unitab_data.c",
      },
      defines = { "KIJI_STATIC_BUILD" },
      incdirs = { "include", "plugin", "$(UTF8PROC_INCDIR)", "$(ICU_INCDIR)" },
      libdirs = { "$(UTF8PROC_LIBDIR)", "$(ICU_LIBDIR)" },
      libraries = { "utf8proc", "icui18n", "icuuc" },
    },
    ["kiji"] = "lua/kiji/init.lua",
  },
}
test = {
  type = "command",
  command = "make test",
}
