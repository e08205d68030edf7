/*
** lkiji.h -- what the files of the Lua binding (lkiji*.c) share.
*/
#ifndef KIJI_LKIJI_H
#define KIJI_LKIJI_H

#include "lauxlib.h"
#include "lua.h"

#include "kiji.h"

#define MAP_MT "kiji.map"
#define DICT_MT "kiji.dictionary"
#define BUILDER_MT "kiji.builder"
#define ANNOTATOR_MT "kiji.annotator"
#define DOC_MT "kiji.document"

#if LUA_VERSION_NUM < 502
#define lkiji_rawlen(L, i) lua_objlen(L, i)
#else
#define lkiji_rawlen(L, i) lua_rawlen(L, i)
#endif

/*
** The per-state scratch: one normalizer, and the segmenter and scanner
** made on first use. Every function of the module has it as upvalue 1; C
** calls never yield, so no two calls use it at once.
*/
typedef struct scratch {
  kiji_norm *norm;
  kiji_segmenter *segmenter;
  kiji_seg *seg;
  kiji_scan *scan;
} scratch;

scratch *lkiji_scratch(lua_State *L);
/* p, or a Lua error "out of memory" when p is NULL */
void *lkiji_check_alloc(lua_State *L, void *p);
/* a whole-number argument, whatever the Lua version's number type */
double lkiji_check_whole(lua_State *L, int idx);
/* push opts[key] if present and of the type (else raise); 0 if absent */
int lkiji_opt_field(lua_State *L, int opts, const char *key, int type);
/* register functions into the table on top (luaL_setfuncs for 5.1 too) */
void lkiji_setfuncs(lua_State *L, const luaL_Reg *l, int nup);
/* set t.key = the span [start, end) as 1-based inclusive start/stop */
void lkiji_set_span(lua_State *L, size_t start, size_t end);

int lkiji_sentences(lua_State *L);
int lkiji_words(lua_State *L);
int lkiji_dictionary(lua_State *L);
int lkiji_dictionary_tsv(lua_State *L);
int lkiji_dictionary_load(lua_State *L);
void lkiji_dict_metatables(lua_State *L);
int lkiji_lexicon(lua_State *L);
/* the dictionary of the DICT_MT userdata at idx (raises on another value) */
kiji_dict *lkiji_to_dict(lua_State *L, int idx);
/* keep the value on top alive as long as the userdata at idx (pops it) */
void lkiji_set_anchor(lua_State *L, int idx);
void lkiji_get_anchor(lua_State *L, int idx);
int lkiji_annotator(lua_State *L);
void lkiji_doc_metatables(lua_State *L);

#endif
