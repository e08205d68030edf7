/*
** lkiji.c -- the Lua module kiji.core: its entry point, the per-state
** scratch, normalization and the offset map. The lkiji*.c files are the
** only ones that include lua.h; they depend on include/kiji.h alone.
**
** Lua-facing offsets are 1-based and inclusive (string.sub); C's are
** 0-based and half-open. Every C object lives in a userdata with __gc
** before anything can raise, so a Lua error unwinding through a call
** leaks nothing. Results live in Lua's own memory, so the collector sees
** their true size: a map's pieces are copied into its userdata (under
** LuaJIT, a large map's into a C block it owns, its size told to the
** collector: see push_map), and it reads the normalized string it is
** anchored to.
*/
#define _GNU_SOURCE /* dladdr, RTLD_NODELETE */
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "lkiji.h"
#include "lkiji_crew.h"
#include "annotate/word_classes.h"

static int scratch_gc(lua_State *L) {
  scratch *sc = (scratch *)lkiji_check_udata(L, 1, SCRATCH_MT);
  kiji_seg_free(sc->seg);
  kiji_segmenter_free(sc->segmenter);
  kiji_scan_free(sc->scan);
  kiji_norm_free(sc->norm);
  lkiji_free_blocks(sc->blocks);
  lkiji_crew_free(sc->crew); /* (every batch was finalized first: the crew is idle) */
  memset(sc, 0, sizeof *sc);
  sc->closed = 1;
  return 0;
}

static void read_options(lua_State *L, int idx, kiji_norm_options *o) {
  static const char *const forms[] = {"match", "nfc", "nfd", "nfkc", "nfkd", NULL};
  static const char *const invalids[] = {"replace", "error", NULL};
  if (lua_isnoneornil(L, idx)) return;
  if (!lua_istable(L, idx)) lkiji_type_error(L, idx, "table");
  o->form = (kiji_form)lkiji_opt_choice(L, idx, "form", forms, (int)o->form);
  o->invalid = (kiji_invalid)lkiji_opt_choice(L, idx, "invalid", invalids, (int)o->invalid);
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

/* A map's userdata: its pieces right after it (m == box + 1), or in a
** block of the C heap that it owns. */
typedef struct map_box {
  kiji_map *m;
} map_box;

/*
** LuaJIT hands its blocks from 128 KB on to mmap and unmaps them when they
** are freed, so a map of megabytes in a userdata was faulted in afresh at
** every call (normalize at two thirds of C's speed); malloc gives the last
** map's block back. Under Lua 5.x, whose allocator is glibc's too, both
** measure the same, and a map in its userdata needs no finalizer.
*/
#define MAP_HEAP_MIN (128 * 1024)
#define LUAJIT_GCISRUNNING 9 /* LuaJIT 2.1's (5.1's headers lack it) */

/* (a map in its userdata has nothing to free, and stays usable) */
static int map_gc(lua_State *L) {
  map_box *box = (map_box *)lkiji_check_udata(L, 1, MAP_MT);
  if (box->m != (kiji_map *)(void *)(box + 1)) {
    free(box->m);
    box->m = NULL;
  }
  return 0;
}

/* The map m over the normalized string at idx, anchored to it. */
static void push_map(lua_State *L, const scratch *sc, const kiji_map *m, int idx) {
  size_t size = kiji_map_share_size(m);
  int heap = sc->luajit && size >= MAP_HEAP_MIN;
  map_box *box = (map_box *)lua_newuserdata(L, sizeof *box + (heap ? 0 : size));
  box->m = NULL;
  luaL_getmetatable(L, MAP_MT);
  lua_setmetatable(L, -2);
  box->m = heap ? (kiji_map *)lkiji_check_alloc(L, malloc(size)) : (kiji_map *)(void *)(box + 1);
  kiji_map_share(m, lua_tostring(L, idx), box->m, size);
  lua_createtable(L, 1, 0);
  lua_pushvalue(L, idx);
  lua_rawseti(L, -2, 1);
  lkiji_set_anchor(L, -2);
  /* as if Lua had allocated it, unless the collector was stopped (a step
  ** would start it again: LuaJIT sets its threshold) */
  if (heap && lua_gc(L, LUAJIT_GCISRUNNING, 0)) lua_gc(L, LUA_GCSTEP, (int)(size >> 10));
}

/* normalize(s [, opts]) -> normalized [, map] | nil, message */
static int l_normalize(lua_State *L) {
  size_t len, outlen;
  const char *s = lkiji_check_string(L, 1, &len);
  kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
  scratch *sc = lkiji_scratch(L);
  kiji_norm *n;
  kiji_status st;
  const char *out;
  read_options(L, 2, &o);
  lua_settop(L, 2);
  n = (kiji_norm *)lkiji_lend(L, (void **)&sc->norm, LKIJI_NORM, NULL); /* at 3 */
  st = kiji_normalize(n, s, len, &o);
  if (st != KIJI_OK) {
    int r = push_failure(L, n, st);
    lkiji_giveback(L, 3, (void **)&sc->norm);
    return r;
  }
  out = kiji_norm_text(n, &outlen);
  lua_pushlstring(L, out, outlen); /* at 4 */
  if (o.map) push_map(L, sc, kiji_norm_map(n), 4);
  lkiji_giveback(L, 3, (void **)&sc->norm);
  return o.map ? 2 : 1;
}

static const kiji_map *check_map(lua_State *L) {
  map_box *box = (map_box *)lkiji_check_udata(L, 1, MAP_MT);
  if (box->m == NULL)
    luaL_error(L, "kiji: the map was already finalized (called from a finalizer at exit?)");
  return box->m;
}

/*
** Read an inclusive 1-based range i[, j = i] over a text of `size` bytes;
** j = i - 1 is the empty range at i.
*/
static void check_range(lua_State *L, size_t size, size_t *start, size_t *end) {
  int has_j = !lua_isnoneornil(L, 3);
  double i = lkiji_check_whole(L, 2);
  double j = has_j ? lkiji_check_whole(L, 3) : i;
  /* i may be size + 1 only to start the empty range j = i - 1 */
  if (i < 1 || i > (double)size + has_j) lkiji_argerror(L, 2, "position out of range");
  if (j < i - 1 || j > (double)size) lkiji_argerror(L, 3, "position out of range");
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
  const kiji_map *m = ((map_box *)lkiji_check_udata(L, 1, MAP_MT))->m;
  if (m == NULL) {
    lua_pushliteral(L, "kiji.map (finalized)");
    return 1;
  }
  lua_pushfstring(L, "kiji.map (%d -> %d bytes)", (int)kiji_map_source_length(m),
                  (int)kiji_map_target_length(m));
  return 1;
}

static const luaL_Reg map_methods[] = {
    {"origin", map_origin}, {"target", map_target}, {"lengths", map_lengths}, {NULL, NULL}};

/* A __gc only where maps can own a C block (LuaJIT): elsewhere a map has
** nothing to free, and an object with a finalizer is freed a collection
** later. */
static void map_metatable(lua_State *L, const scratch *sc) {
  lkiji_new_metatable(L, MAP_MT, sc->luajit ? map_gc : NULL, map_methods, 0);
  lkiji_set_function(L, "__tostring", map_tostring);
  lua_pop(L, 1);
}

/*
** Lua 5.1 and LuaJIT unload a C module at lua_close before the finalizers
** of objects made before the require run: one of those calling kiji would
** jump into unmapped code. So the module stays mapped until the process
** ends (its finalized scratch then makes such calls raise).
*/
static void pin_module(void) {
  static const char here = 0;
  Dl_info info;
  if (dladdr(&here, &info) && info.dli_fname != NULL)
    (void)dlopen(info.dli_fname, RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE);
}


/* {"determiner", "the", ...}: the classes of the rules' words, the
** subtypes of kind `word` (kiji dict lint checks a word's against them). */
static void push_word_classes(lua_State *L) {
#define KIJI_AW_NAME(e, name) name,
  static const char *const names[] = {KIJI_WORD_CLASSES(KIJI_AW_NAME)};
#undef KIJI_AW_NAME
  int i, n = (int)(sizeof names / sizeof names[0]);
  lua_createtable(L, n, 0);
  for (i = 0; i < n; i++) {
    lua_pushstring(L, names[i]);
    lua_rawseti(L, -2, i + 1);
  }
}

/* Whether the host is LuaJIT (package.loaded.jit.version says so): the
** same build of the module serves Lua 5.1 and LuaJIT. */
static int host_is_luajit(lua_State *L) {
  const char *v;
  int yes;
  lua_getfield(L, LUA_REGISTRYINDEX, "_LOADED");
  if (!lua_istable(L, -1)) {
    lua_pop(L, 1);
    return 0;
  }
  lua_getfield(L, -1, "jit");
  if (!lua_istable(L, -1)) {
    lua_pop(L, 2);
    return 0;
  }
  lua_getfield(L, -1, "version");
  v = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
  yes = v != NULL && strncmp(v, "LuaJIT", 6) == 0;
  lua_pop(L, 3);
  return yes;
}

KIJI_API int luaopen_kiji_core(lua_State *L);

static const luaL_Reg functions[] = {{"normalize", l_normalize},
                                     {"sentences", lkiji_sentences},
                                     {"words", lkiji_words},
                                     {"dictionary", lkiji_dictionary},
                                     {"dictionary_tsv", lkiji_dictionary_tsv},
                                     {"dictionary_load", lkiji_dictionary_load},
                                     {"lexicon", lkiji_lexicon},
                                     {"lexicon_words", lkiji_lexicon_words},
                                     {"annotator", lkiji_annotator},
                                     {"annotate_many", lkiji_annotate_many},
                                     {"jsonl_records", lkiji_jsonl_records},
                                     {"line_reader", lkiji_line_reader},
                                     {NULL, NULL}};

KIJI_API int luaopen_kiji_core(lua_State *L) {
  scratch *sc;
  pin_module();
  lkiji_lent_metatable(L);
  lua_newtable(L);
  sc = (scratch *)lua_newuserdata(L, sizeof *sc);
  memset(sc, 0, sizeof *sc);
  lkiji_new_metatable(L, SCRATCH_MT, scratch_gc, NULL, 0);
  lua_setmetatable(L, -2);
  sc->norm = (kiji_norm *)lkiji_check_alloc(L, kiji_norm_new());
  sc->luajit = host_is_luajit(L);
  map_metatable(L, sc);
  lkiji_dict_metatables(L); /* its methods share the scratch on top */
  lkiji_doc_metatables(L);
  lkiji_line_reader_metatable(L);
  lkiji_setfuncs(L, functions, 1);
  lua_getfield(L, -1, "dictionary_load");
  lkiji_name(L, "load"); /* kiji.dictionary.load */
  lua_pop(L, 1);
  luaL_getmetatable(L, DICT_MT);
  lua_getfield(L, -1, "__index");
  lua_setfield(L, -3, "dict_methods"); /* d:scan, d:each, d:save */
  lua_pop(L, 1);
  lua_pushstring(L, kiji_version());
  lua_setfield(L, -2, "version");
  push_word_classes(L);
  lua_setfield(L, -2, "word_classes");
  lua_pushstring(L, kiji_unicode_version());
  lua_setfield(L, -2, "unicode_version");
  return 1;
}
