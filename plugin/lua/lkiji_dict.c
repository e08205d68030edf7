/*
** lkiji_dict.c -- kiji.dictionary: build, save, load and scan.
*/
#include <string.h>

#include "lkiji.h"

typedef struct dict_box {
  kiji_dict *d;
  int sized; /* d:gmatch has sized its cache of entry tables */
} dict_box;

typedef struct builder_box {
  kiji_dict_builder *b;
} builder_box;

/* __gc checks its argument: only the collector calls it with the object
** (the metatables are hidden, lkiji_protect_metatable). */
static int dict_gc(lua_State *L) {
  dict_box *box = (dict_box *)lkiji_check_udata(L, 1, DICT_MT);
  kiji_dict_free(box->d);
  box->d = NULL;
  return 0;
}

static int builder_gc(lua_State *L) {
  builder_box *box = (builder_box *)lkiji_check_udata(L, 1, BUILDER_MT);
  kiji_dict_builder_free(box->b);
  box->b = NULL;
  return 0;
}

static kiji_dict *check_dict(lua_State *L) { return lkiji_to_dict(L, 1); }

kiji_dict **lkiji_test_dict(lua_State *L, int idx) {
  dict_box *box = (dict_box *)lkiji_test_udata(L, idx, DICT_MT);
  return box ? &box->d : NULL;
}

kiji_dict *lkiji_to_dict(lua_State *L, int idx) {
  kiji_dict *d = ((dict_box *)lkiji_check_udata(L, idx, DICT_MT))->d;
  if (d == NULL) lkiji_argerror(L, idx, "kiji.dictionary already finalized");
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

/* Its anchor is the cache of d:gmatch's entry tables, by entry index. */
static dict_box *push_dict_box(lua_State *L) {
  dict_box *box = (dict_box *)lua_newuserdata(L, sizeof *box);
  box->d = NULL;
  box->sized = 0;
  luaL_getmetatable(L, DICT_MT);
  lua_setmetatable(L, -2);
  lua_newtable(L);
  lkiji_set_anchor(L, -2);
  return box;
}

/* Compile the builder at index -1 into a dictionary replacing it. */
static int push_compiled(lua_State *L, kiji_dict_builder *b) {
  dict_box *box = push_dict_box(L);
  if (kiji_dict_compile(b, &box->d) != KIJI_OK)
    return luaL_error(L, "kiji: %s", kiji_dict_builder_error(b));
  return 1;
}

/*
** The entries' errors name kiji.dictionary and its argument whoever calls
** core.dictionary (init.lua calls it under pcall, where Lua knows no name).
*/
static int entry_error(lua_State *L, int n, const char *what) {
  return luaL_error(L, "bad argument #1 to 'dictionary' (entry %d: %s)", n, what);
}

/* entry[key] if present (pushed), of the type; 0 if absent */
static int entry_field(lua_State *L, int t, int n, const char *key, int type) {
  lua_getfield(L, t, key);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return 0;
  }
  if (lua_type(L, -1) != type)
    entry_error(L, n,
                lua_pushfstring(L, "field '%s': %s expected, got %s", key, lua_typename(L, type),
                                lkiji_typename(L, -1)));
  return 1;
}

/* kind and id are C strings: a NUL byte would cut them silently */
static const char *string_field(lua_State *L, int t, int n, const char *key, size_t *len,
                                int nul_ok) {
  const char *s = NULL;
  size_t l;
  if (entry_field(L, t, n, key, LUA_TSTRING)) {
    s = lua_tolstring(L, -1, &l);
    if (!nul_ok && strlen(s) != l)
      entry_error(L, n, lua_pushfstring(L, "field '%s' contains a NUL byte", key));
    if (len != NULL) *len = l;
    lua_pop(L, 1); /* still anchored in the entry table */
  }
  return s;
}

static unsigned flag_field(lua_State *L, int t, int n, const char *key, unsigned bit) {
  unsigned on = 0;
  if (entry_field(L, t, n, key, LUA_TBOOLEAN)) {
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
  if (!lua_istable(L, t))
    entry_error(L, n, lua_pushfstring(L, "table expected, got %s", lkiji_typename(L, t)));
  lua_rawgeti(L, t, 1);
  if (lua_type(L, -1) != LUA_TSTRING)
    entry_error(
        L, n, lua_pushfstring(L, "surface string expected at [1], got %s", lkiji_typename(L, -1)));
  e.surface = lua_tolstring(L, -1, &e.surface_len);
  lua_pop(L, 1);
  e.kind = string_field(L, t, n, "kind", NULL, 0);
  if (e.kind == NULL) entry_error(L, n, "field 'kind' expected");
  e.id = string_field(L, t, n, "id", NULL, 0);
  e.payload = string_field(L, t, n, "payload", &e.payload_len, 1);
  e.flags = flag_field(L, t, n, "exact_case", KIJI_ENTRY_EXACT_CASE);
  if (entry_field(L, t, n, "word", LUA_TBOOLEAN)) {
    e.flags |= lua_toboolean(L, -1) ? KIJI_ENTRY_WORD : KIJI_ENTRY_NO_WORD;
    lua_pop(L, 1);
  }
  if (kiji_dict_builder_add(b, &e) != KIJI_OK) entry_error(L, n, kiji_dict_builder_error(b));
  lua_pop(L, 1);
}

/* dictionary(entries) -> dict */
int lkiji_dictionary(lua_State *L) {
  kiji_dict_builder *b;
  int n, i;
  (void)lkiji_scratch(L); /* not after kiji.core's finalizer */
  if (!lua_istable(L, 1)) return lkiji_type_error(L, 1, "table");
  b = push_builder(L);
  n = (int)lkiji_rawlen(L, 1);
  for (i = 1; i <= n; i++) add_entry(L, b, i);
  return push_compiled(L, b);
}

/* dictionary_tsv(text [, name]) -> dict | nil, "name:line N: …" */
int lkiji_dictionary_tsv(lua_State *L) {
  size_t len;
  const char *text = lkiji_check_string(L, 1, &len);
  const char *name = lua_isnoneornil(L, 2) ? "tsv" : lkiji_check_string(L, 2, NULL);
  kiji_dict_builder *b;
  kiji_error err;
  kiji_status st;
  (void)lkiji_scratch(L);
  b = push_builder(L);
  st = kiji_dict_builder_add_tsv(b, text, len, &err);
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
  const char *path = lkiji_check_path(L, 1);
  dict_box *box;
  kiji_error err;
  (void)lkiji_scratch(L);
  box = push_dict_box(L);
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
  const char *path = lkiji_check_path(L, 2);
  kiji_error err;
  if (kiji_dict_save(d, path, &err) != KIJI_OK) {
    lua_pushnil(L);
    lua_pushfstring(L, "%s: %s", path, err.message);
    return 2;
  }
  lua_pushboolean(L, 1);
  return 1;
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
  const char *s = lkiji_check_string(L, 2, &len);
  kiji_scan_mode mode = KIJI_SCAN_LONGEST;
  const kiji_match *m;
  scratch *sc = lkiji_scratch(L);
  kiji_scan *scan;
  if (!lua_isnoneornil(L, 3)) {
    if (!lua_istable(L, 3)) return lkiji_type_error(L, 3, "table");
    mode = (kiji_scan_mode)lkiji_opt_choice(L, 3, "mode", modes, (int)mode);
  }
  lua_settop(L, 3);
  scan = (kiji_scan *)lkiji_lend(L, (void **)&sc->scan, LKIJI_SCAN, NULL); /* at 4 */
  if (kiji_dict_scan(d, scan, s, len, mode) != KIJI_OK)
    return luaL_error(L, "kiji: %s", kiji_scan_error(scan));
  m = kiji_scan_matches(scan, &count);
  lua_createtable(L, count > 0x7fffffff ? 0 : (int)count, 0);
  for (i = 0; i < count; i++) {
    push_match(L, d, s, &m[i]);
    lua_rawseti(L, -2, (int)i + 1);
  }
  lkiji_giveback(L, 4, (void **)&sc->scan);
  return 1;
}

static int each_next(lua_State *L) {
  lua_Integer i = lua_tointeger(L, lua_upvalueindex(2)) + 1;
  lua_pushinteger(L, i);
  lua_replace(L, lua_upvalueindex(2));
  lua_rawgeti(L, lua_upvalueindex(1), (int)i);
  return 1;
}

/* d:each(s [, opts]) -> an iterator over the matches of d:scan(s, opts) */
static int dict_each(lua_State *L) {
  dict_scan(L); /* the same upvalue: the scratch */
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, each_next, 2);
  return 1;
}

/* A d:gmatch loop's place in the matches of the scan it owns. */
typedef struct gmatch_state {
  dict_box *box;
  const kiji_match *m;
  size_t i, n;
} gmatch_state;

/* entries[index + 1], made on first use: {kind = , id = , payload = } */
static void push_entry(lua_State *L, int entries, const kiji_dict *d, size_t index) {
  kiji_entry e;
#if LUA_VERSION_NUM >= 503 /* the type comes back: no call to ask it */
  if (lua_rawgeti(L, entries, (int)index + 1) != LUA_TNIL) return;
#else
  lua_rawgeti(L, entries, (int)index + 1);
  if (!lua_isnil(L, -1)) return;
#endif
  lua_pop(L, 1);
  kiji_dict_entry(d, index, &e);
  lua_createtable(L, 0, 3);
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
  lua_pushvalue(L, -1);
  lua_rawseti(L, entries, (int)index + 1);
}

/* upvalues: 1 the scratch, 2 the state, 3 the lent scan, 4 the entries,
** 5 the dictionary, 6 the text (both kept alive by the loop) */
static int gmatch_next(lua_State *L) {
  gmatch_state *st = (gmatch_state *)lua_touserdata(L, lua_upvalueindex(2));
  const kiji_match *m;
  if (st->i >= st->n) {
    if (st->m != NULL) { /* the scan's matches are done with: back to the scratch */
      scratch *sc = (scratch *)lua_touserdata(L, lua_upvalueindex(1));
      st->m = NULL;
      if (!sc->closed) lkiji_giveback(L, lua_upvalueindex(3), (void **)&sc->scan);
    }
    return 0;
  }
  if (st->box->d == NULL)
    return luaL_error(L, "kiji: gmatch: the dictionary was already finalized");
  m = &st->m[st->i++];
  lua_pushinteger(L, (lua_Integer)m->start + 1);
  lua_pushinteger(L, (lua_Integer)m->end);
  push_entry(L, lua_upvalueindex(4), st->box->d, m->entry);
  return 3;
}

/* Entry tables d:gmatch caches in an array of one slot per entry: up to
** this many entries (16 bytes a slot); a bigger dictionary's go to the
** hash part, made as they are met. */
#define GMATCH_SIZED 65536

/* d:gmatch(s [, opts]) -> an iterator of start, stop, entry over the
** matches of d:scan(s, opts); entry is the one table of its dictionary
** entry ({kind, id, payload}), the same at every match of it */
static int dict_gmatch(lua_State *L) {
  static const char *const modes[] = {"longest", "all", NULL};
  dict_box *box = (dict_box *)lkiji_check_udata(L, 1, DICT_MT);
  kiji_dict *d = check_dict(L);
  size_t len;
  const char *s = lkiji_check_string(L, 2, &len);
  kiji_scan_mode mode = KIJI_SCAN_LONGEST;
  scratch *sc = lkiji_scratch(L);
  gmatch_state *st;
  kiji_scan *scan;
  if (!lua_isnoneornil(L, 3)) {
    if (!lua_istable(L, 3)) return lkiji_type_error(L, 3, "table");
    mode = (kiji_scan_mode)lkiji_opt_choice(L, 3, "mode", modes, (int)mode);
  }
  lua_settop(L, 3);
  lua_pushvalue(L, lua_upvalueindex(1));               /* 4 */
  st = (gmatch_state *)lua_newuserdata(L, sizeof *st); /* 5 */
  memset(st, 0, sizeof *st);
  scan = (kiji_scan *)lkiji_lend(L, (void **)&sc->scan, LKIJI_SCAN, NULL); /* 6 */
  if (kiji_dict_scan(d, scan, s, len, mode) != KIJI_OK)
    return luaL_error(L, "kiji: %s", kiji_scan_error(scan));
  st->box = box;
  st->m = kiji_scan_matches(scan, &st->n);
  if (!box->sized) { /* the cache in the array part: a hit is then an index, not a hash */
    size_t count = kiji_dict_count(d);
    box->sized = 1;
    if (count <= GMATCH_SIZED) {
      lua_createtable(L, (int)count, 0);
      lkiji_set_anchor(L, 1);
    }
  }
  lkiji_get_anchor(L, 1); /* 7 */
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 2);
  lua_pushcclosure(L, gmatch_next, 6);
  return 1;
}

static int dict_len(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)kiji_dict_count(check_dict(L)));
  return 1;
}

static int dict_tostring(lua_State *L) {
  dict_box *box = (dict_box *)lkiji_check_udata(L, 1, DICT_MT);
  if (box->d == NULL)
    lua_pushliteral(L, "kiji.dictionary (finalized)");
  else
    lua_pushfstring(L, "kiji.dictionary (%d entries)", (int)kiji_dict_count(box->d));
  return 1;
}

void lkiji_dict_metatables(lua_State *L) {
  static const luaL_Reg methods[] = {{"save", dict_save},
                                     {"scan", dict_scan},
                                     {"each", dict_each},
                                     {"gmatch", dict_gmatch},
                                     {NULL, NULL}};
  /* scan needs the per-state scratch: the module's functions get it as
  ** upvalue 1, and so do the methods (the scratch is on top, pushed by
  ** the caller) */
  lkiji_new_metatable(L, DICT_MT, dict_gc, methods, 1);
  lkiji_set_function(L, "__len", dict_len);
  lkiji_set_function(L, "__tostring", dict_tostring);
  lua_pop(L, 1);
  lkiji_new_metatable(L, BUILDER_MT, builder_gc, NULL, 0);
  lua_pop(L, 1);
}

/* kiji.core.lexicon(): the built-in lexicon as a dictionary. */
int lkiji_lexicon(lua_State *L) {
  dict_box *box;
  kiji_error err;
  (void)lkiji_scratch(L);
  box = push_dict_box(L);
  if (kiji_lexicon_load(&box->d, &err) != KIJI_OK) return luaL_error(L, "kiji: %s", err.message);
  return 1;
}

/* kiji.core.lexicon_words(): the rules' words as a dictionary (kind
** "word", payload "classes=…"). */
int lkiji_lexicon_words(lua_State *L) {
  dict_box *box;
  kiji_error err;
  (void)lkiji_scratch(L);
  box = push_dict_box(L);
  if (kiji_lexicon_words_load(&box->d, &err) != KIJI_OK)
    return luaL_error(L, "kiji: %s", err.message);
  return 1;
}
