/*
** lkiji.c -- the Lua module kiji.core: its entry point, the per-state
** scratch, normalization and the offset map. The lkiji*.c files are the
** only ones that include lua.h; they depend on include/kiji.h alone.
**
** Lua-facing offsets are 1-based and inclusive (string.sub); C's are
** 0-based and half-open. Every C object lives in a userdata with __gc
** before anything can raise, so a Lua error unwinding through a call
** leaks nothing. Results live in Lua's own memory (a map is copied into its
** userdata), so the collector sees their true size.
*/
#include <string.h>

#include "lkiji.h"

static int scratch_gc(lua_State *L) {
  scratch *sc = (scratch *)lua_touserdata(L, 1);
  kiji_seg_free(sc->seg);
  kiji_segmenter_free(sc->segmenter);
  kiji_scan_free(sc->scan);
  kiji_norm_free(sc->norm);
  memset(sc, 0, sizeof *sc);
  return 0;
}

static void read_options(lua_State *L, int idx, kiji_norm_options *o) {
  static const char *const forms[] = {"match", "nfc", "nfd", "nfkc", "nfkd", NULL};
  static const char *const invalids[] = {"replace", "error", NULL};
  if (lua_isnoneornil(L, idx)) return;
  luaL_checktype(L, idx, LUA_TTABLE);
  if (lkiji_opt_field(L, idx, "form", LUA_TSTRING)) {
    o->form = (kiji_form)luaL_checkoption(L, -1, NULL, forms);
    lua_pop(L, 1);
  }
  if (lkiji_opt_field(L, idx, "invalid", LUA_TSTRING)) {
    o->invalid = (kiji_invalid)luaL_checkoption(L, -1, NULL, invalids);
    lua_pop(L, 1);
  }
  if (lkiji_opt_field(L, idx, "casefold", LUA_TBOOLEAN)) {
    o->casefold = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  if (lkiji_opt_field(L, idx, "map", LUA_TBOOLEAN)) {
    o->map = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
}

/* Returns nil, message for bad input data; raises for anything else. */
static int push_failure(lua_State *L, kiji_norm *n, kiji_status st) {
  if (st == KIJI_EUTF8) {
    lua_pushnil(L);
    lua_pushfstring(L, "invalid UTF-8 at byte %d", (int)kiji_norm_error_offset(n) + 1);
    return 2;
  }
  if (st == KIJI_ETOOBIG) {
    lua_pushnil(L);
    lua_pushstring(L, kiji_norm_error(n));
    return 2;
  }
  return luaL_error(L, "kiji: %s", kiji_norm_error(n));
}

/* normalize(s [, opts]) -> normalized [, map] | nil, message */
static int l_normalize(lua_State *L) {
  size_t len, outlen, size;
  const char *s = luaL_checklstring(L, 1, &len);
  kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
  kiji_norm *n = lkiji_scratch(L)->norm;
  const kiji_map *m;
  kiji_status st;
  const char *out;
  read_options(L, 2, &o);
  st = kiji_normalize(n, s, len, &o);
  if (st != KIJI_OK) return push_failure(L, n, st);
  out = kiji_norm_text(n, &outlen);
  lua_pushlstring(L, out, outlen);
  if (!o.map) return 1;
  m = kiji_norm_map(n);
  size = kiji_map_copy_size(m);
  kiji_map_copy(m, lua_newuserdata(L, size), size);
  luaL_getmetatable(L, MAP_MT);
  lua_setmetatable(L, -2);
  return 2;
}

static const kiji_map *check_map(lua_State *L) {
  return (const kiji_map *)luaL_checkudata(L, 1, MAP_MT);
}

/*
** Read an inclusive 1-based range i[, j = i] over a text of `size` bytes;
** j = i - 1 is the empty range at i.
*/
static void check_range(lua_State *L, size_t size, size_t *start, size_t *end) {
  double i = lkiji_check_whole(L, 2);
  double j = lua_isnoneornil(L, 3) ? i : lkiji_check_whole(L, 3);
  if (i < 1 || i > (double)size + 1) luaL_argerror(L, 2, "position out of range");
  if (j < i - 1 || j > (double)size) luaL_argerror(L, 3, "position out of range");
  *start = (size_t)i - 1;
  *end = (size_t)j;
}

static int push_range(lua_State *L, size_t start, size_t end) {
  lua_pushinteger(L, (lua_Integer)start + 1);
  lua_pushinteger(L, (lua_Integer)end);
  return 2;
}

typedef kiji_status (*map_query)(const kiji_map *, size_t, size_t, size_t *, size_t *);

/* A range of one side of the map in, the range of the other side out. */
static int map_range(lua_State *L, map_query query, size_t (*side_length)(const kiji_map *)) {
  const kiji_map *m = check_map(L);
  size_t a, b, s, e;
  check_range(L, side_length(m), &a, &b);
  query(m, a, b, &s, &e);
  return push_range(L, s, e);
}

/* map:origin(i [, j]) -> s, e: the original bytes behind normalized i..j */
static int map_origin(lua_State *L) {
  return map_range(L, kiji_map_origin, kiji_map_target_length);
}

/* map:target(s [, e]) -> i, j: the normalized bytes made from original s..e */
static int map_target(lua_State *L) {
  return map_range(L, kiji_map_target, kiji_map_source_length);
}

/* map:lengths() -> #original, #normalized */
static int map_lengths(lua_State *L) {
  const kiji_map *m = check_map(L);
  lua_pushinteger(L, (lua_Integer)kiji_map_source_length(m));
  lua_pushinteger(L, (lua_Integer)kiji_map_target_length(m));
  return 2;
}

static int map_tostring(lua_State *L) {
  const kiji_map *m = check_map(L);
  lua_pushfstring(L, "kiji.map (%d -> %d bytes)", (int)kiji_map_source_length(m),
                  (int)kiji_map_target_length(m));
  return 1;
}

static const luaL_Reg map_methods[] = {
  {"origin", map_origin},
  {"target", map_target},
  {"lengths", map_lengths},
  {NULL, NULL}
};

static void map_metatable(lua_State *L) {
  luaL_newmetatable(L, MAP_MT);
  lua_newtable(L);
  lkiji_setfuncs(L, map_methods, 0);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, map_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_pop(L, 1);
}



KIJI_API int luaopen_kiji_core(lua_State *L);

static const luaL_Reg functions[] = {
  {"normalize", l_normalize},
  {"sentences", lkiji_sentences},
  {"words", lkiji_words},
  {"dictionary", lkiji_dictionary},
  {"dictionary_tsv", lkiji_dictionary_tsv},
  {"dictionary_load", lkiji_dictionary_load},
  {"lexicon", lkiji_lexicon},
  {"annotator", lkiji_annotator},
  {NULL, NULL}
};

KIJI_API int luaopen_kiji_core(lua_State *L) {
  scratch *sc;
  lua_newtable(L);
  sc = (scratch *)lua_newuserdata(L, sizeof *sc);
  memset(sc, 0, sizeof *sc);
  lua_newtable(L);
  lua_pushcfunction(L, scratch_gc);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
  sc->norm = (kiji_norm *)lkiji_check_alloc(L, kiji_norm_new());
  map_metatable(L);
  lkiji_dict_metatables(L); /* its methods share the scratch on top */
  lkiji_doc_metatables(L);
  lkiji_setfuncs(L, functions, 1);
  luaL_getmetatable(L, DICT_MT);
  lua_getfield(L, -1, "__index");
  lua_setfield(L, -3, "dict_methods"); /* init.lua adds d:each */
  lua_pop(L, 1);
  lua_pushstring(L, kiji_version());
  lua_setfield(L, -2, "version");
  lua_pushstring(L, kiji_unicode_version());
  lua_setfield(L, -2, "unicode_version");
  return 1;
}
