/*
** lua_host.c -- a Lua interpreter to build with a sanitizer, for make
** check-tsan: ThreadSanitizer's runtime cannot be preloaded into the
** system's lua5.4 (it crashes at start), so the threads of kiji.core's
** annotate_many are checked under this host instead.
**
**   lua_host SCRIPT [ARGS...]   runs SCRIPT (a first line "#!..." is
**                               skipped) with arg set as lua.c sets it,
**                               and SIGINT answered as lua.c answers it
*/
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <signal.h>
#include <stdio.h>

/* The state SIGINT stops: a handler has nothing else to reach it by. */
static lua_State *running;

static void stop(lua_State *L, lua_Debug *ar) {
  (void)ar;
  lua_sethook(L, NULL, 0, 0);
  luaL_error(L, "interrupted!");
}

/* As lua.c: a hook that raises at Lua's next step (lua_sethook may be
** called from a handler), and the next SIGINT kills. */
static void on_interrupt(int sig) {
  signal(sig, SIG_DFL);
  lua_sethook(running, stop, LUA_MASKCALL | LUA_MASKRET | LUA_MASKLINE | LUA_MASKCOUNT, 1);
}

/* SIGINT to f, as lua.c sets it: without SA_RESTART, so that it cuts a
** blocking read short (glibc's signal() would restart it). */
static void on_sigint(void (*f)(int)) {
  struct sigaction sa;
  sa.sa_handler = f;
  sa.sa_flags = 0;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
}

int main(int argc, char **argv) {
  lua_State *L;
  int i, status;
  if (argc < 2) {
    fprintf(stderr, "usage: %s SCRIPT [ARGS...]\n", argv[0]);
    return 2;
  }
  if ((L = luaL_newstate()) == NULL) {
    fprintf(stderr, "%s: out of memory\n", argv[0]);
    return 1;
  }
  luaL_openlibs(L);
  lua_createtable(L, argc, 1);
  for (i = 0; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i - 1); /* arg[0] is the script */
  }
  lua_setglobal(L, "arg");
  status = luaL_loadfile(L, argv[1]);
  if (status == LUA_OK) {
    for (i = 2; i < argc; i++) lua_pushstring(L, argv[i]);
    running = L;
    on_sigint(on_interrupt);
    status = lua_pcall(L, argc - 2, 0, 0);
    on_sigint(SIG_DFL);
  }
  if (status != LUA_OK) fprintf(stderr, "%s: %s\n", argv[0], lua_tostring(L, -1));
  lua_close(L);
  return status == LUA_OK ? 0 : 1;
}
