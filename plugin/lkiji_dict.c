/*
** lkiji_dict.c -- kiji.dictionary: build, save, load and scan.
*/
#include <string.h>

#include "lkiji.h"

typedef struct dict_box {
  kiji_dict *d;
} dict_box;

typedef struct builder_box {
  kiji_dict_builder *b;
} builder_box;

static int dict_gc(lua_State *L) {
  dict_box *box = (dict_box *)lua_touserdata(L, 1);
  kiji_dict_free(box->d);
  box->d = NULL;
  return 0;
}

static int builder_gc(lua_State *L) {
  builder_box *box = (builder_box *)lua_touserdata(L, 1);
  kiji_dict_builder_free(box->b);
  box->b = NULL;
  return 0;
}

static kiji_dict *check_dict(lua_State *L) {
  return lkiji_to_dict(L, 1);
}

kiji_dict *lkiji_to_dict(lua_State *L, int idx) {
  kiji_dict *d = ((dict_box *)luaL_checkudata(L, idx, DICT_MT))->d;
  if (d == NULL) luaL_argerror(L, idx, "a freed dictionary");
  return d;
}

/* A builder in a userdata, so an error while reading entries frees it. */
static kiji_dict_builder *push_builder(lua_State *L) {
  builder_box *box = (builder_box *)lua_newuserdata(L, sizeof *box);
  box->b = NULL;
  luaL_getmetatable(L, BUILDER_MT);
  lua_setmetatable(L, -2);
  box->b = (kiji_dict_builder *)lkiji_check_alloc(L, kiji_dict_builder_new());
  return box->b;
}

static dict_box *push_dict_box(lua_State *L) {
  dict_box *box = (dict_box *)lua_newuserdata(L, sizeof *box);
  box->d = NULL;
  luaL_getmetatable(L, DICT_MT);
  lua_setmetatable(L, -2);
  return box;
}

/* Compile the builder at index -1 into a dictionary replacing it. */
static int push_compiled(lua_State *L, kiji_dict_builder *b) {
  dict_box *box = push_dict_box(L);
  if (kiji_dict_compile(b, &box->d) != KIJI_OK)
    return luaL_error(L, "kiji: %s", kiji_dict_builder_error(b));
  return 1;
}

static const char *string_field(lua_State *L, int t, const char *key, size_t *len) {
  const char *s = NULL;
  if (lkiji_opt_field(L, t, key, LUA_TSTRING)) {
    s = lua_tolstring(L, -1, len);
    lua_pop(L, 1); /* still anchored in the entry table */
  }
  return s;
}

static unsigned flag_field(lua_State *L, int t, const char *key, unsigned bit) {
  unsigned on = 0;
  if (lkiji_opt_field(L, t, key, LUA_TBOOLEAN)) {
    on = lua_toboolean(L, -1) ? bit : 0;
    lua_pop(L, 1);
  }
  return on;
}

/* Entry n of the array at index 1: {surface, kind = , id = , …}. */
static void add_entry(lua_State *L, kiji_dict_builder *b, int n) {
  kiji_entry e;
  int t;
  memset(&e, 0, sizeof e);
  lua_rawgeti(L, 1, n);
  t = lua_gettop(L);
  if (!lua_istable(L, t)) luaL_error(L, "bad entry %d (table expected, got %s)", n, luaL_typename(L, t));
  lua_rawgeti(L, t, 1);
  if (lua_type(L, -1) != LUA_TSTRING) luaL_error(L, "bad entry %d (surface string expected at [1])", n);
  e.surface = lua_tolstring(L, -1, &e.surface_len);
  lua_pop(L, 1);
  e.kind = string_field(L, t, "kind", NULL);
  if (e.kind == NULL) luaL_error(L, "bad entry %d (kind expected)", n);
  e.id = string_field(L, t, "id", NULL);
  e.payload = string_field(L, t, "payload", &e.payload_len);
  e.flags = flag_field(L, t, "exact_case", KIJI_ENTRY_EXACT_CASE);
  if (lkiji_opt_field(L, t, "word", LUA_TBOOLEAN)) {
    e.flags |= lua_toboolean(L, -1) ? KIJI_ENTRY_WORD : KIJI_ENTRY_NO_WORD;
    lua_pop(L, 1);
  }
  if (kiji_dict_builder_add(b, &e) != KIJI_OK)
    luaL_error(L, "bad entry %d (%s)", n, kiji_dict_builder_error(b));
  lua_pop(L, 1);
}

/* dictionary(entries) -> dict */
int lkiji_dictionary(lua_State *L) {
  kiji_dict_builder *b;
  int n, i;
  luaL_checktype(L, 1, LUA_TTABLE);
  b = push_builder(L);
  n = (int)lkiji_rawlen(L, 1);
  for (i = 1; i <= n; i++) add_entry(L, b, i);
  return push_compiled(L, b);
}

/* dictionary_tsv(text [, name]) -> dict | nil, "name:line N: …" */
int lkiji_dictionary_tsv(lua_State *L) {
  size_t len;
  const char *text = luaL_checklstring(L, 1, &len);
  const char *name = luaL_optstring(L, 2, "tsv");
  kiji_dict_builder *b = push_builder(L);
  kiji_error err;
  kiji_status st = kiji_dict_builder_add_tsv(b, text, len, &err);
  if (st == KIJI_EINVAL) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s:%s", name, err.message);
    return 2;
  }
  if (st != KIJI_OK) return luaL_error(L, "kiji: %s", kiji_status_string(st));
  return push_compiled(L, b);
}

/* dictionary_load(path) -> dict | nil, message */
int lkiji_dictionary_load(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  dict_box *box = push_dict_box(L);
  kiji_error err;
  if (kiji_dict_load(path, &box->d, &err) != KIJI_OK) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s: %s", path, err.message);
    return 2;
  }
  return 1;
}

/* d:save(path) -> true | nil, message */
static int dict_save(lua_State *L) {
  kiji_dict *d = check_dict(L);
  const char *path = luaL_checkstring(L, 2);
  kiji_error err;
  if (kiji_dict_save(d, path, &err) != KIJI_OK) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s: %s", path, err.message);
    return 2;
  }
  lua_pushboolean(L, 1);
  return 1;
}

static kiji_scan *state_scan(lua_State *L) {
  scratch *sc = lkiji_scratch(L);
  if (sc->scan == NULL) sc->scan = (kiji_scan *)lkiji_check_alloc(L, kiji_scan_new());
  return sc->scan;
}

static void push_match(lua_State *L, const kiji_dict *d, const char *s, const kiji_match *m) {
  kiji_entry e;
  kiji_dict_entry(d, m->entry, &e);
  lua_createtable(L, 0, 6);
  lkiji_set_span(L, m->start, m->end);
  lua_pushlstring(L, s + m->start, m->end - m->start);
  lua_setfield(L, -2, "text");
  lua_pushstring(L, e.kind);
  lua_setfield(L, -2, "kind");
  if (e.id != NULL) {
    lua_pushstring(L, e.id);
    lua_setfield(L, -2, "id");
  }
  if (e.payload != NULL) {
    lua_pushlstring(L, e.payload, e.payload_len);
    lua_setfield(L, -2, "payload");
  }
}

/* d:scan(s [, {mode = "longest" | "all"}]) -> { {start, stop, text, kind, id}… } */
static int dict_scan(lua_State *L) {
  static const char *const modes[] = {"longest", "all", NULL};
  kiji_dict *d = check_dict(L);
  size_t len, count, i;
  const char *s = luaL_checklstring(L, 2, &len);
  kiji_scan_mode mode = KIJI_SCAN_LONGEST;
  const kiji_match *m;
  kiji_scan *scan;
  if (!lua_isnoneornil(L, 3)) {
    luaL_checktype(L, 3, LUA_TTABLE);
    if (lkiji_opt_field(L, 3, "mode", LUA_TSTRING)) {
      mode = (kiji_scan_mode)luaL_checkoption(L, -1, NULL, modes);
      lua_pop(L, 1);
    }
  }
  scan = state_scan(L);
  if (kiji_dict_scan(d, scan, s, len, mode) != KIJI_OK)
    return luaL_error(L, "kiji: %s", kiji_scan_error(scan));
  m = kiji_scan_matches(scan, &count);
  lua_createtable(L, count > 0x7fffffff ? 0 : (int)count, 0);
  for (i = 0; i < count; i++) {
    push_match(L, d, s, &m[i]);
    lua_rawseti(L, -2, (int)i + 1);
  }
  return 1;
}

static int dict_len(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)kiji_dict_count(check_dict(L)));
  return 1;
}

static int dict_tostring(lua_State *L) {
  lua_pushfstring(L, "kiji.dictionary (%d entries)", (int)kiji_dict_count(check_dict(L)));
  return 1;
}

void lkiji_dict_metatables(lua_State *L) {
  static const luaL_Reg methods[] = {{"save", dict_save}, {"scan", dict_scan}, {NULL, NULL}};
  luaL_newmetatable(L, DICT_MT);
  lua_pushcfunction(L, dict_gc);
  lua_setfield(L, -2, "__gc");
  lua_pushcfunction(L, dict_len);
  lua_setfield(L, -2, "__len");
  lua_pushcfunction(L, dict_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_newtable(L);
  /* scan needs the per-state scratch: the module's functions get it as
  ** upvalue 1, and so do the methods (the scratch is pushed by the caller) */
  lua_pushvalue(L, -3);
  lkiji_setfuncs(L, methods, 1);
  lua_setfield(L, -2, "__index");
  lua_pop(L, 1);
  luaL_newmetatable(L, BUILDER_MT);
  lua_pushcfunction(L, builder_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
}

/* kiji.core.lexicon(): the built-in lexicon as a dictionary. */
int lkiji_lexicon(lua_State *L) {
  dict_box *box = push_dict_box(L);
  kiji_error err;
  if (kiji_lexicon_load(&box->d, &err) != KIJI_OK) return luaL_error(L, "kiji: %s", err.message);
  return 1;
}
