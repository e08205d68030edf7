/*
** lkiji_util.c -- small helpers of the Lua binding.
*/
#include <math.h>
#include <string.h>

#include "lkiji.h"

scratch *lkiji_scratch(lua_State *L) {
  scratch *sc = (scratch *)lua_touserdata(L, lua_upvalueindex(1));
  if (sc == NULL || sc->closed)
    luaL_error(L, "kiji: kiji.core was already finalized (called from a finalizer at exit?)");
  return sc;
}

typedef struct lent {
  int kind;
  void *p;
} lent;

static void lent_free(int kind, void *p) {
  switch (kind) {
    case LKIJI_NORM: kiji_norm_free((kiji_norm *)p); break;
    case LKIJI_SCAN: kiji_scan_free((kiji_scan *)p); break;
    default: kiji_seg_free((kiji_seg *)p); break;
  }
}

static int lent_gc(lua_State *L) {
  lent *box = (lent *)lkiji_check_udata(L, 1, LENT_MT);
  lent_free(box->kind, box->p);
  box->p = NULL;
  return 0;
}

void lkiji_lent_metatable(lua_State *L) {
  lkiji_new_metatable(L, LENT_MT, lent_gc, NULL, 0);
  lua_pop(L, 1);
}

void *lkiji_lend(lua_State *L, void **home, int kind, const kiji_segmenter *segmenter) {
  /* the allocation (and any finalizer it runs) comes before the taking */
  lent *box = (lent *)lua_newuserdata(L, sizeof *box);
  box->kind = kind;
  box->p = NULL;
  luaL_getmetatable(L, LENT_MT);
  lua_setmetatable(L, -2);
  box->p = *home;
  *home = NULL;
  if (box->p == NULL) {
    switch (kind) {
      case LKIJI_NORM: box->p = kiji_norm_new(); break;
      case LKIJI_SCAN: box->p = kiji_scan_new(); break;
      default: box->p = kiji_seg_new(segmenter); break;
    }
    lkiji_check_alloc(L, box->p);
  }
  return box->p;
}

void lkiji_giveback(lua_State *L, int idx, void **home) {
  lent *box = (lent *)lua_touserdata(L, idx);
  if (*home == NULL) {
    *home = box->p;
    box->p = NULL;
  }
}

const char *lkiji_check_string(lua_State *L, int idx, size_t *len) {
  if (lua_type(L, idx) != LUA_TSTRING) lkiji_type_error(L, idx, "string");
  return lua_tolstring(L, idx, len);
}

#define NAMES_KEY "kiji.names"

void lkiji_name(lua_State *L, const char *name) {
  lua_getfield(L, LUA_REGISTRYINDEX, NAMES_KEY);
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setfield(L, LUA_REGISTRYINDEX, NAMES_KEY);
  }
  lua_pushvalue(L, -2);
  lua_pushstring(L, name);
  lua_rawset(L, -3);
  lua_pop(L, 1);
}

void lkiji_set_function(lua_State *L, const char *key, lua_CFunction f) {
  lua_pushcfunction(L, f);
  lkiji_name(L, key);
  lua_setfield(L, -2, key);
}

int lkiji_argerror(lua_State *L, int arg, const char *msg) {
  lua_Debug ar;
  const char *name = NULL;
  if (!lua_getstack(L, 0, &ar)) return luaL_argerror(L, arg, msg);
  lua_getinfo(L, "n", &ar);
  if (ar.name != NULL && strcmp(ar.name, "?") != 0) return luaL_argerror(L, arg, msg);
  lua_getinfo(L, "f", &ar); /* the running function */
  lua_getfield(L, LUA_REGISTRYINDEX, NAMES_KEY);
  if (lua_istable(L, -1)) {
    lua_pushvalue(L, -2);
    lua_rawget(L, -2);
    name = lua_tostring(L, -1);
  }
  if (name == NULL) return luaL_argerror(L, arg, msg);
  return luaL_error(L, "bad argument #%d to '%s' (%s)", arg, name, msg);
}

/* the type of the value at idx, by its metatable's __name when it has one */
const char *lkiji_typename(lua_State *L, int idx) {
  if (luaL_getmetafield(L, idx, "__name")) {
    if (lua_type(L, -1) == LUA_TSTRING) return lua_tostring(L, -1);
    lua_pop(L, 1);
  }
  return luaL_typename(L, idx);
}

int lkiji_type_error(lua_State *L, int idx, const char *expected) {
  return lkiji_argerror(
      L, idx, lua_pushfstring(L, "%s expected, got %s", expected, lkiji_typename(L, idx)));
}

void *lkiji_check_udata(lua_State *L, int idx, const char *tname) {
  void *p = lkiji_test_udata(L, idx, tname);
  if (p == NULL) lkiji_type_error(L, idx, tname);
  return p;
}

const char *lkiji_check_path(lua_State *L, int idx) {
  size_t len;
  const char *path = lkiji_check_string(L, idx, &len);
  if (strlen(path) != len) lkiji_argerror(L, idx, "a path without NUL bytes expected");
  return path;
}

void lkiji_protect_metatable(lua_State *L, const char *tname) {
  lua_pushstring(L, tname);
  lua_setfield(L, -2, "__metatable");
  lua_pushstring(L, tname);
  lua_setfield(L, -2, "__name");
}

void lkiji_new_metatable(lua_State *L, const char *tname, lua_CFunction gc, const luaL_Reg *methods,
                         int nup) {
  int i;
  luaL_newmetatable(L, tname);
  if (gc != NULL) lkiji_set_function(L, "__gc", gc);
  if (methods != NULL) {
    lua_newtable(L);
    for (i = 0; i < nup; i++) lua_pushvalue(L, -2 - nup); /* the upvalues, in order */
    lkiji_setfuncs(L, methods, nup);
    lua_setfield(L, -2, "__index");
  }
  lkiji_protect_metatable(L, tname);
}

void *lkiji_test_udata(lua_State *L, int idx, const char *tname) {
  void *p = lua_touserdata(L, idx);
  int same;
  if (p == NULL || lua_islightuserdata(L, idx) || !lua_getmetatable(L, idx)) return NULL;
  luaL_getmetatable(L, tname);
  same = lua_rawequal(L, -1, -2);
  lua_pop(L, 2);
  return same ? p : NULL;
}

void *lkiji_check_alloc(lua_State *L, void *p) {
  if (p == NULL) luaL_error(L, "kiji: out of memory");
  return p;
}

/* NaN, infinities and fractions are no positions; past 2^53 a double
** is no exact position either, and no text is that long. */
double lkiji_check_integral(lua_State *L, int idx) {
  double v;
  if (lua_type(L, idx) != LUA_TNUMBER) lkiji_type_error(L, idx, "number");
  v = lua_tonumber(L, idx);
  if (v != v || v != floor(v) || fabs(v) == HUGE_VAL) lkiji_argerror(L, idx, "integer expected");
  return v;
}

double lkiji_check_whole(lua_State *L, int idx) {
  double v = lkiji_check_integral(L, idx);
  if (fabs(v) > 9007199254740992.0) lkiji_argerror(L, idx, "position out of range");
  return v;
}

int lkiji_opt_field(lua_State *L, int opts, const char *key, int type) {
  lua_getfield(L, opts, key);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    return 0;
  }
  if (lua_type(L, -1) != type)
    lkiji_argerror(L, opts,
                   lua_pushfstring(L, "option '%s': %s expected, got %s", key,
                                   lua_typename(L, type), lkiji_typename(L, -1)));
  return 1;
}

int lkiji_opt_choice(lua_State *L, int opts, const char *key, const char *const list[], int def) {
  const char *v;
  int i;
  if (!lkiji_opt_field(L, opts, key, LUA_TSTRING)) return def;
  v = lua_tostring(L, -1);
  for (i = 0; list[i] != NULL; i++)
    if (strcmp(list[i], v) == 0 && strlen(v) == lkiji_rawlen(L, -1)) {
      lua_pop(L, 1);
      return i;
    }
  lua_pushfstring(L, "option '%s': invalid value '%s' (expected ", key, v);
  for (i = 0; list[i] != NULL; i++) lua_pushfstring(L, i ? ", '%s'" : "'%s'", list[i]);
  lua_pushliteral(L, ")");
  lua_concat(L, i + 2);
  return lkiji_argerror(L, opts, lua_tostring(L, -1));
}

void lkiji_setfuncs(lua_State *L, const luaL_Reg *l, int nup) {
  for (; l->name != NULL; l++) {
    int i;
    for (i = 0; i < nup; i++) lua_pushvalue(L, -nup);
    lua_pushcclosure(L, l->func, nup);
    lkiji_name(L, l->name);
    lua_setfield(L, -(nup + 2), l->name);
  }
  lua_pop(L, nup);
}

void lkiji_set_span(lua_State *L, size_t start, size_t end) {
  lua_pushinteger(L, (lua_Integer)start + 1);
  lua_setfield(L, -2, "start");
  lua_pushinteger(L, (lua_Integer)end);
  lua_setfield(L, -2, "stop");
}

/* A table anchored to a userdata: its environment in 5.1, its user value after. */
void lkiji_set_anchor(lua_State *L, int idx) {
  idx = idx < 0 ? lua_gettop(L) + idx + 1 : idx;
#if LUA_VERSION_NUM < 502
  lua_setfenv(L, idx);
#else
  lua_setuservalue(L, idx);
#endif
}

void lkiji_get_anchor(lua_State *L, int idx) {
#if LUA_VERSION_NUM < 502
  lua_getfenv(L, idx);
#else
  lua_getuservalue(L, idx);
#endif
}

FILE *lkiji_stream_of(lua_State *L, int idx) {
  void *p = lkiji_test_udata(L, idx, LUA_FILEHANDLE);
  if (p == NULL) return NULL;
#if LUA_VERSION_NUM >= 502
  return ((luaL_Stream *)p)->closef != NULL ? ((luaL_Stream *)p)->f : NULL;
#else
  return *(FILE **)p; /* Lua 5.1's FILE *, LuaJIT's file: the stream first, NULL once closed */
#endif
}
