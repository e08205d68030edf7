/*
** lkiji.c -- the Lua binding (luaopen_kiji_core). The only C file that
** includes lua.h; it depends on include/kiji.h alone.
**
** Lua-facing offsets are 1-based and inclusive (string.sub); C's are
** 0-based and half-open. Every C object lives in a userdata with __gc
** before anything can raise, so a Lua error unwinding through a call
** leaks nothing. Results live in Lua's own memory (a map is copied into its
** userdata), so the collector sees their true size.
*/
#include <math.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"

#include "kiji.h"

#define MAP_MT "kiji.map"
#define NORM_MT "kiji.normalizer"

#if LUA_VERSION_NUM < 502
static void setfuncs(lua_State *L, const luaL_Reg *l) {
  for (; l->name != NULL; l++) {
    lua_pushcfunction(L, l->func);
    lua_setfield(L, -2, l->name);
  }
}
#else
#define setfuncs(L, l) luaL_setfuncs(L, l, 0)
#endif

/* A kiji_norm inside a userdata (the per-state scratch); the pointer is
** NULL until allocated. */
typedef struct norm_box {
  kiji_norm *n;
} norm_box;

static int norm_gc(lua_State *L) {
  norm_box *b = (norm_box *)lua_touserdata(L, 1);
  if (b != NULL && b->n != NULL) {
    kiji_norm_free(b->n);
    b->n = NULL;
  }
  return 0;
}

/* Push a new box holding a fresh normalizer. */
static kiji_norm *new_box(lua_State *L) {
  norm_box *b = (norm_box *)lua_newuserdata(L, sizeof *b);
  b->n = NULL;
  luaL_getmetatable(L, NORM_MT);
  lua_setmetatable(L, -2);
  b->n = kiji_norm_new();
  if (b->n == NULL) luaL_error(L, "kiji: out of memory");
  return b->n;
}

/* A whole number argument, whatever the Lua version's number type. */
static double check_whole(lua_State *L, int idx) {
  double v = luaL_checknumber(L, idx);
  if (v != v || v != floor(v) || fabs(v) > 9007199254740992.0)
    luaL_argerror(L, idx, "integer expected");
  return v;
}

static int opt_field_type(lua_State *L, int opts, const char *key, int type) {
  lua_getfield(L, opts, key);
  if (lua_isnil(L, -1)) { lua_pop(L, 1); return 0; }
  if (lua_type(L, -1) != type) {
    luaL_error(L, "bad option '%s' (%s expected, got %s)", key, lua_typename(L, type),
               luaL_typename(L, -1));
  }
  return 1;
}

static void read_options(lua_State *L, int idx, kiji_norm_options *o) {
  static const char *const forms[] = {"match", "nfc", "nfd", "nfkc", "nfkd", NULL};
  static const char *const invalids[] = {"replace", "error", NULL};
  if (lua_isnoneornil(L, idx)) return;
  luaL_checktype(L, idx, LUA_TTABLE);
  if (opt_field_type(L, idx, "form", LUA_TSTRING)) {
    o->form = (kiji_form)luaL_checkoption(L, -1, NULL, forms);
    lua_pop(L, 1);
  }
  if (opt_field_type(L, idx, "invalid", LUA_TSTRING)) {
    o->invalid = (kiji_invalid)luaL_checkoption(L, -1, NULL, invalids);
    lua_pop(L, 1);
  }
  if (opt_field_type(L, idx, "casefold", LUA_TBOOLEAN)) {
    o->casefold = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  if (opt_field_type(L, idx, "map", LUA_TBOOLEAN)) {
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
  kiji_norm *n = ((norm_box *)lua_touserdata(L, lua_upvalueindex(1)))->n;
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
  double i = check_whole(L, 2);
  double j = lua_isnoneornil(L, 3) ? i : check_whole(L, 3);
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
  setfuncs(L, map_methods);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, map_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_pop(L, 1);
}

static void norm_metatable(lua_State *L) {
  luaL_newmetatable(L, NORM_MT);
  lua_pushcfunction(L, norm_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
}

KIJI_API int luaopen_kiji_core(lua_State *L);

KIJI_API int luaopen_kiji_core(lua_State *L) {
  map_metatable(L);
  norm_metatable(L);
  lua_newtable(L);
  new_box(L); /* the scratch normalizer of this Lua state */
  lua_pushcclosure(L, l_normalize, 1);
  lua_setfield(L, -2, "normalize");
  lua_pushstring(L, kiji_version());
  lua_setfield(L, -2, "version");
  lua_pushstring(L, kiji_unicode_version());
  lua_setfield(L, -2, "unicode_version");
  return 1;
}
