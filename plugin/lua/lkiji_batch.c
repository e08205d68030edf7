/*
** lkiji_batch.c -- kiji.core.annotate_many: many texts annotated on C
** threads (kiji_annotate_batch) that share one annotator.
**
** The threads never touch the Lua state: each text's result is kept in C
** (a snapshot, or its JSON bytes) in a userdata whose __gc frees what is
** left, and the Lua values are made afterwards, on the caller's thread,
** in input order.
*/
#include <stdlib.h>
#include <string.h>

#include "lkiji.h"

#define BATCH_MT "kiji.batch"

typedef struct result {
  kiji_status status;
  size_t offset;  /* the error's input offset */
  char *error;    /* its message (malloc), NULL when none or out of memory */
  kiji_doc *snap; /* tables: the results, until they are Lua's */
  char *json;     /* json = true: the bytes (malloc) */
  size_t json_len;
} result;

typedef struct results {
  size_t n;
  result *r; /* n of them, after the header in the same userdata */
} results;

/* What the threads read, and the results they fill. */
typedef struct batch_ctx {
  results *res;
  const kiji_str *ids; /* json = true: each text's "id" (ptr NULL: none) */
  int json;
} batch_ctx;

static int results_gc(lua_State *L) {
  results *res = (results *)lkiji_check_udata(L, 1, BATCH_MT);
  size_t i;
  for (i = 0; i < res->n; i++) {
    kiji_doc_free(res->r[i].snap);
    free(res->r[i].json);
    free(res->r[i].error);
    memset(&res->r[i], 0, sizeof res->r[i]);
  }
  return 0;
}

static char *copy(const char *s, size_t len) {
  char *p = (char *)malloc(len + 1);
  if (p != NULL) {
    memcpy(p, s, len);
    p[len] = '\0';
  }
  return p;
}

/* kiji_annotate_batch's fn: on a batch thread, so pure C. */
static int keep(void *ud, size_t i, kiji_status st, kiji_doc *doc) {
  batch_ctx *c = (batch_ctx *)ud;
  result *r = &c->res->r[i];
  r->status = st;
  if (st != KIJI_OK) {
    r->offset = kiji_doc_error_offset(doc);
    r->error = copy(kiji_doc_error(doc), strlen(kiji_doc_error(doc)));
  } else if (c->json) {
    const kiji_str *id = c->ids ? &c->ids[i] : NULL;
    size_t len;
    const char *j = kiji_doc_json(doc, id ? id->ptr : NULL, id ? id->len : 0, &len);
    if (j == NULL || (r->json = copy(j, len)) == NULL) r->status = KIJI_ENOMEM;
    r->json_len = len;
  } else if ((r->snap = kiji_doc_snapshot(doc)) == NULL)
    r->status = KIJI_ENOMEM;
  return 0;
}

/* n strings of the array at idx (or of opts' "ids", item i nil: none). */
static void read_strings(lua_State *L, int idx, kiji_str *out, size_t n, const char *what,
                         int nil_ok) {
  size_t i;
  for (i = 0; i < n; i++) {
    lua_rawgeti(L, idx, (int)i + 1);
    out[i].ptr = NULL;
    out[i].len = 0;
    if (lua_type(L, -1) == LUA_TSTRING)
      out[i].ptr = lua_tolstring(L, -1, &out[i].len); /* kept alive by the table */
    else if (!(nil_ok && lua_isnil(L, -1)))
      luaL_error(L, "bad argument #%d to 'annotate_many' (%s%d: string expected, got %s)",
                 nil_ok ? 2 : 1, what, (int)i + 1, lkiji_typename(L, -1));
    lua_pop(L, 1);
  }
}

/* the message of a text that failed */
static void push_error(lua_State *L, const result *r) {
  if (r->status == KIJI_EUTF8) /* as kiji.annotate says it: 1-based */
    lua_pushfstring(L, "invalid UTF-8 at byte %d", (int)r->offset + 1);
  else if (r->status == KIJI_ENOMEM || r->error == NULL)
    lua_pushliteral(L, "out of memory");
  else
    lua_pushstring(L, r->error);
}

/*
** annotate_many(texts, opts, annotator) -> docs, errors | nil, snapshots
** opts: threads (0: every core), lang, invalid, json, ids (json only).
** docs[i] is text i's table (or JSON string), false when it failed, and
** then errors[i] says why (errors is nil when none failed). snapshots[i]
** is the C document of docs[i] (tables only), for kiji.json.
*/
int lkiji_annotate_many(lua_State *L) {
  static const char *const langs[] = {"auto", "en", "ja", NULL};
  static const char *const invalids[] = {"replace", "error", NULL};
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  const kiji_annotator *a;
  kiji_str *texts, *ids = NULL;
  batch_ctx ctx;
  results *res;
  size_t n, i;
  unsigned threads = 0;
  int json = 0, docs, errors = 0, snaps = 0;
  kiji_status st;
  (void)lkiji_scratch(L);
  if (!lua_istable(L, 1)) return lkiji_type_error(L, 1, "table");
  if (!lua_isnoneornil(L, 2) && !lua_istable(L, 2)) return lkiji_type_error(L, 2, "table");
  if (lua_isnoneornil(L, 2)) {
    lua_settop(L, 3);
    lua_newtable(L);
    lua_replace(L, 2);
  }
  lua_settop(L, 3);
  a = lkiji_to_annotator(L, 3);
  o.lang = (kiji_lang)lkiji_opt_choice(L, 2, "lang", langs, 0);
  o.invalid = (kiji_invalid)lkiji_opt_choice(L, 2, "invalid", invalids, 0);
  if (lkiji_opt_field(L, 2, "threads", LUA_TNUMBER)) {
    double t = lua_tonumber(L, -1);
    if (!(t >= 0 && t <= 1024) || t != (double)(unsigned)t)
      return lkiji_argerror(L, 2, "option 'threads': a whole number from 0 to 1024 expected");
    threads = (unsigned)t;
    lua_pop(L, 1);
  }
  if (lkiji_opt_field(L, 2, "json", LUA_TBOOLEAN)) {
    json = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  n = lkiji_rawlen(L, 1);
  if (n > ((size_t)-1 - sizeof *res) / sizeof(result) / 2)
    return luaL_error(L, "kiji: out of memory");
  texts = (kiji_str *)lua_newuserdata(L, (n ? n : 1) * sizeof *texts); /* at 4 */
  read_strings(L, 1, texts, n, "item ", 0);
  if (lkiji_opt_field(L, 2, "ids", LUA_TTABLE)) { /* at 5 */
    if (!json) return lkiji_argerror(L, 2, "option 'ids': only with json = true");
    ids = (kiji_str *)lua_newuserdata(L, (n ? n : 1) * sizeof *ids);
    read_strings(L, 5, ids, n, "option 'ids': item ", 1);
  }
  res = (results *)lua_newuserdata(L, sizeof *res + (n ? n : 1) * sizeof(result));
  res->n = 0;
  res->r = (result *)(void *)(res + 1);
  memset(res->r, 0, (n ? n : 1) * sizeof(result));
  luaL_getmetatable(L, BATCH_MT);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    luaL_newmetatable(L, BATCH_MT);
    lkiji_set_function(L, "__gc", results_gc);
    lkiji_protect_metatable(L, BATCH_MT);
  }
  lua_setmetatable(L, -2);
  res->n = n;
  ctx.res = res;
  ctx.ids = ids;
  ctx.json = json;
  st = kiji_annotate_batch(a, texts, n, &o, threads, keep, &ctx);
  if (st != KIJI_OK) return luaL_error(L, "kiji: %s", kiji_status_string(st));
  lua_createtable(L, (int)n, 0);
  docs = lua_gettop(L);
  if (!json) {
    lua_createtable(L, (int)n, 0);
    snaps = lua_gettop(L);
  }
  for (i = 0; i < n; i++) {
    result *r = &res->r[i];
    if (r->status != KIJI_OK) {
      if (!errors) {
        lua_newtable(L);
        errors = lua_gettop(L);
      }
      push_error(L, r);
      lua_rawseti(L, errors, (int)i + 1);
      lua_pushboolean(L, 0);
    } else if (json) {
      lua_pushlstring(L, r->json, r->json_len);
      free(r->json);
      r->json = NULL;
    } else {
      kiji_doc **slot;
      lua_rawgeti(L, 1, (int)i + 1); /* the text */
      lkiji_push_doc(L, r->snap, texts[i].ptr, texts[i].len);
      slot = lkiji_push_snapshot(L, 3, -2);
      *slot = r->snap; /* the document userdata's from here on */
      r->snap = NULL;
      lua_rawseti(L, snaps, (int)i + 1);
      lua_remove(L, -2); /* the text */
    }
    lua_rawseti(L, docs, (int)i + 1);
  }
  lua_pushvalue(L, docs);
  if (errors)
    lua_pushvalue(L, errors);
  else
    lua_pushnil(L);
  if (!json) {
    lua_pushvalue(L, snaps);
    return 3;
  }
  return 2;
}
