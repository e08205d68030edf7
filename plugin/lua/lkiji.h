/*
** lkiji.h -- what the files of the Lua binding (lkiji*.c) share.
*/
#ifndef KIJI_LKIJI_H
#define KIJI_LKIJI_H

#include <stdio.h>

#include "lauxlib.h"
#include "lua.h"
#include "lualib.h" /* (LUA_FILEHANDLE, in Lua 5.1) */

#include "kiji.h"

#define MAP_MT "kiji.map"
#define DICT_MT "kiji.dictionary"
#define BUILDER_MT "kiji.builder"
#define ANNOTATOR_MT "kiji.annotator"
#define DOC_MT "kiji.document"
#define LENT_MT "kiji.lent"
#define SCRATCH_MT "kiji.scratch"
#define LINE_READER_MT "kiji.line_reader"

#if LUA_VERSION_NUM < 502
#define lkiji_rawlen(L, i) lua_objlen(L, i)
#else
#define lkiji_rawlen(L, i) lua_rawlen(L, i)
#endif

/*
** The per-state scratch: one normalizer, and the segmenter and scanner
** made on first use. Every function of the module has it as upvalue 1.
** C calls never yield, but an allocation inside a call may run a
** finalizer that calls kiji again: so a call borrows the normalizer,
** scanner or segmentation scratch (lkiji_lend) and gives it back at the
** end, and a nested call finds the slot empty and makes its own.
*/
typedef struct scratch {
  kiji_norm *norm;
  kiji_segmenter *segmenter;
  kiji_seg *seg;
  kiji_scan *scan;
  struct lkiji_block *blocks; /* annotate_many's JSON blocks, kept for the next batch */
  struct lkiji_crew *crew;    /* the threads of annotate_many's async batches, or NULL */
  int closed;                 /* its __gc ran (lua_close): later calls raise */
  int luajit;                 /* the host is LuaJIT (where a large map lives: lkiji.c) */
} scratch;

/* Free a list of annotate_many's JSON blocks (lkiji_batch.c). */
void lkiji_free_blocks(struct lkiji_block *list);

/* the scratch (raises when the module was already finalized) */
scratch *lkiji_scratch(lua_State *L);

/* What lkiji_lend can lend: the object in *home, or a new one. */
enum { LKIJI_NORM, LKIJI_SCAN, LKIJI_SEG };
/*
** Take the object of `kind` out of *home (or make one when *home is NULL:
** a seg from `segmenter`) and push a userdata that frees it if the call
** raises. lkiji_giveback(L, idx, home) puts it back into an empty *home
** (else the userdata at idx frees it when collected).
*/
void *lkiji_lend(lua_State *L, void **home, int kind, const kiji_segmenter *segmenter);
void lkiji_giveback(lua_State *L, int idx, void **home);
/* the metatable of the lent userdata (luaopen_kiji_core) */
void lkiji_lent_metatable(lua_State *L);
/*
** "bad argument #arg to 'f' (msg)", f as Lua names the call, else the name
** the module registered for the running function (lkiji_name): under
** pcall, coroutine.wrap and in Lua 5.1 Lua often knows no name.
*/
int lkiji_argerror(lua_State *L, int arg, const char *msg);
/* register `name` for the function on top (left there) */
void lkiji_name(lua_State *L, const char *name);
/* t[key] = f, named key, for the table t on top */
void lkiji_set_function(lua_State *L, const char *key, lua_CFunction f);
/* the userdata at idx with tname's metatable, else an argument error */
void *lkiji_check_udata(lua_State *L, int idx, const char *tname);
/* a string argument: a string, not a number (no coercion) */
const char *lkiji_check_string(lua_State *L, int idx, size_t *len);
/* the type of the value at idx for messages: its metatable's __name (as
** luaL_checkudata says it on 5.3+), else its Lua type */
const char *lkiji_typename(lua_State *L, int idx);
/* an argument error "bad argument #idx to 'f' (T expected, got U)" */
int lkiji_type_error(lua_State *L, int idx, const char *expected);
/* a path argument: a string without NUL bytes */
const char *lkiji_check_path(lua_State *L, int idx);
/* opts[key], one of list (its index), def when absent; raises otherwise */
int lkiji_opt_choice(lua_State *L, int opts, const char *key, const char *const list[], int def);
/* the metatable on top: __metatable hides it, so pure Lua cannot reach
** __gc and free an object that a live annotator borrows; __name (as 5.3+
** sets it) names the type in error messages on 5.1 too */
void lkiji_protect_metatable(lua_State *L, const char *tname);
/* The metatable tname, protected, left on top for more fields: __gc when
** gc is not NULL, an __index table of methods when not NULL, which share
** the nup values below the call's top as upvalues (left there). */
void lkiji_new_metatable(lua_State *L, const char *tname, lua_CFunction gc, const luaL_Reg *methods,
                         int nup);
/* the userdata at idx if its metatable is tname's, else NULL (luaL_testudata) */
void *lkiji_test_udata(lua_State *L, int idx, const char *tname);
/* p, or a Lua error "out of memory" when p is NULL */
void *lkiji_check_alloc(lua_State *L, void *p);
/* a whole-number argument, whatever the Lua version's number type */
double lkiji_check_whole(lua_State *L, int idx);
/* the same without the range (a size: any whole number, however large) */
double lkiji_check_integral(lua_State *L, int idx);
/* push opts[key] if present and of the type (else raise "bad argument
** #opts to 'f' (option 'key': T expected, got U)"); 0 if absent */
int lkiji_opt_field(lua_State *L, int opts, const char *key, int type);
/* register functions into the table on top (luaL_setfuncs for 5.1 too),
** each named (lkiji_name) by its key */
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
int lkiji_lexicon_words(lua_State *L);
/* the dictionary of the DICT_MT userdata at idx (raises on another value) */
kiji_dict *lkiji_to_dict(lua_State *L, int idx);
/* the address of the dictionary pointer of the DICT_MT userdata at idx
** (the pointer is NULL once finalized), or NULL for another value */
kiji_dict **lkiji_test_dict(lua_State *L, int idx);
/* keep the value on top alive as long as the userdata at idx (pops it) */
void lkiji_set_anchor(lua_State *L, int idx);
void lkiji_get_anchor(lua_State *L, int idx);
int lkiji_annotator(lua_State *L);
void lkiji_doc_metatables(lua_State *L);
/* push kiji.annotate's table of doc's results; s[0..len) is its text */
void lkiji_push_doc(lua_State *L, const kiji_doc *doc, const char *s, size_t len);
/* push an empty document userdata (for kiji.json) that keeps the
** annotator and the text at those indices alive; the caller puts the
** snapshot it will free into the slot returned */
kiji_doc **lkiji_push_snapshot(lua_State *L, int annotator, int text);
/* the annotator of the ANNOTATOR_MT userdata at idx (raises when finalized) */
const kiji_annotator *lkiji_to_annotator(lua_State *L, int idx);
/* *date = the ISO 8601 day s[0..len), or raise argument arg's error */
void lkiji_check_date(lua_State *L, int arg, const char *s, size_t len, kiji_date *date);
int lkiji_annotate_many(lua_State *L);
/* the open C stream of the io file at idx, or NULL (not a file of the io
** library, or closed) */
FILE *lkiji_stream_of(lua_State *L, int idx);
/* kiji.core.line_reader and its metatable (lkiji_lines.c) */
int lkiji_line_reader(lua_State *L);
void lkiji_line_reader_metatable(lua_State *L);
/* kiji.core.jsonl_records (lkiji_jsonl.c) */
int lkiji_jsonl_records(lua_State *L);

#endif
