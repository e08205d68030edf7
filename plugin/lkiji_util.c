/*
** lkiji_util.c -- small helpers of the Lua binding.
*/
#include <math.h>

#include "lkiji.h"

scratch *lkiji_scratch(lua_State *L) {
  return (scratch *)lua_touserdata(L, lua_upvalueindex(1));
}

void *lkiji_check_alloc(lua_State *L, void *p) {
  if (p == NULL) luaL_error(L, "kiji: out of memory");
  return p;
}

double lkiji_check_whole(lua_State *L, int idx) {
  double v = luaL_checknumber(L, idx);
  if (v != v || v != floor(v) || fabs(v) > 9007199254740992.0)
    luaL_argerror(L, idx, "integer expected");
  return v;
}

int lkiji_opt_field(lua_State *L, int opts, const char *key, int type) {
  lua_getfield(L, opts, key);
  if (lua_isnil(L, -1)) { lua_pop(L, 1); return 0; }
  if (lua_type(L, -1) != type)
    luaL_error(L, "bad option '%s' (%s expected, got %s)", key, lua_typename(L, type),
               luaL_typename(L, -1));
  return 1;
}

void lkiji_setfuncs(lua_State *L, const luaL_Reg *l, int nup) {
  for (; l->name != NULL; l++) {
    int i;
    for (i = 0; i < nup; i++) lua_pushvalue(L, -nup);
    lua_pushcclosure(L, l->func, nup);
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
