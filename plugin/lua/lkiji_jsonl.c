/*
** lkiji_jsonl.c -- kiji.core.jsonl_records: the records of a chunk of
** JSON Lines read in C (jsonl_read.c), for `kiji annotate --input jsonl
** --jobs N`.
**
** Read in Lua (lua-cjson, then the members found again as written), a
** record cost the thread that feeds the annotating ones a third of all
** the work. The plain records are read here; every other line goes back
** as written, in its place, for the Lua reader to take or refuse with
** its own message: what is read, and what is said of a bad line, stays
** what it was.
*/
#include <string.h>

#include "jsonl_read.h"
#include "lkiji.h"

/* The own names from the list at idx (its strings stay there). */
static void read_own(lua_State *L, int idx, jsonl_names *o) {
  int i, n = (int)lkiji_rawlen(L, idx);
  o->n = 0;
  for (i = 1; i <= n && o->n < JSONL_MAX_OWN; i++) {
    lua_rawgeti(L, idx, i);
    if (lua_type(L, -1) == LUA_TSTRING) {
      o->name[o->n] = lua_tolstring(L, -1, &o->len[o->n]);
      o->n++;
    }
    lua_pop(L, 1);
  }
}

enum { TEXTS, ID_JSON, MEMBERS, LINE_OF, SPECIAL, N_LISTS };
static const char *const list_names[N_LISTS] = {"texts", "id_json", "members", "line_of",
                                                "special"};

/* Push record r's values, the k-th of the chunk, at line `line`, onto
** the lists from stack index `lists`; out has room for its text. */
static void push_record(lua_State *L, int lists, int k, int line, const jsonl_record *r,
                        const jsonl_names *own, char *out) {
  size_t len, room = jsonl_members_room(r, own);
  const char *text = jsonl_text(r, out, &len);
  char *members;
  lua_pushlstring(L, text, len);
  lua_rawseti(L, lists + TEXTS, k);
  if (r->id >= 0)
    lua_pushlstring(L, (const char *)r->m[r->id].value, r->m[r->id].value_len);
  else
    lua_pushboolean(L, 0);
  lua_rawseti(L, lists + ID_JSON, k);
  members = (char *)lua_newuserdata(L, room ? room : 1);
  lua_pushlstring(L, members, jsonl_members(r, own, members));
  lua_remove(L, -2);
  lua_rawseti(L, lists + MEMBERS, k);
  lua_pushinteger(L, line);
  lua_rawseti(L, lists + LINE_OF, k);
}

/*
** jsonl_records(chunk, own) -> {texts, id_json, members, line_of,
** special, lines}: the lines of chunk (JSON Lines, the last line's
** newline optional); `own`, the document's member names. For record k
** read here: texts[k], id_json[k] (its "id" as written, or false),
** members[k] (the others, as the Lua reader writes them), line_of[k]
** (its line in the chunk, from 1). special[j] = {line, after, raw}: a
** line for the Lua reader (raw, without its newline), which comes after
** record `after` (0: before the first). Blank lines are in neither;
** `lines` counts every line.
*/
int lkiji_jsonl_records(lua_State *L) {
  size_t len;
  const char *s = lkiji_check_string(L, 1, &len), *end = s + len, *p = s;
  jsonl_names own;
  jsonl_record *r;
  char *out;
  int lists, i, lines = 0, k = 0, nspecial = 0;
  if (!lua_istable(L, 2)) return lkiji_type_error(L, 2, "table");
  lua_settop(L, 2);
  read_own(L, 2, &own);
  r = (jsonl_record *)lua_newuserdata(L, sizeof *r);
  out = (char *)lua_newuserdata(L, len ? len : 1); /* a text is never longer than its line */
  lists = lua_gettop(L) + 1;
  for (i = 0; i < N_LISTS; i++) lua_newtable(L);
  while (p < end) {
    const char *nl = (const char *)memchr(p, '\n', (size_t)(end - p));
    const char *e = nl ? nl : end;
    lines++;
    if (jsonl_read(p, (size_t)(e - p), r)) {
      push_record(L, lists, ++k, lines, r, &own, out);
    } else if (!jsonl_blank(p, (size_t)(e - p))) {
      lua_createtable(L, 0, 3);
      lua_pushinteger(L, lines);
      lua_setfield(L, -2, "line");
      lua_pushinteger(L, k);
      lua_setfield(L, -2, "after");
      lua_pushlstring(L, p, (size_t)(e - p));
      lua_setfield(L, -2, "raw");
      lua_rawseti(L, lists + SPECIAL, ++nspecial);
    }
    p = nl ? nl + 1 : end;
  }
  lua_createtable(L, 0, N_LISTS + 1);
  for (i = 0; i < N_LISTS; i++) {
    lua_pushvalue(L, lists + i);
    lua_setfield(L, -2, list_names[i]);
  }
  lua_pushinteger(L, lines);
  lua_setfield(L, -2, "lines");
  return 1;
}
