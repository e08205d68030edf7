/*
** lkiji_doc.c -- kiji.annotate: an annotator userdata (built-in lexicon,
** extra dictionaries, its own kiji_doc scratch) that turns a text into the
** SCHEMA.md tables in one call, and a document userdata (a snapshot of the
** C results) that writes the JSON straight from the C document.
*/
#include <string.h>

#include "lkiji.h"

typedef struct annotator_box {
  kiji_annotator *a;
  kiji_doc *doc;
} annotator_box;

typedef struct doc_box {
  kiji_doc *doc;
} doc_box;

static int annotator_gc(lua_State *L) {
  annotator_box *box = (annotator_box *)lkiji_check_udata(L, 1, ANNOTATOR_MT);
  kiji_doc_free(box->doc);
  kiji_annotator_free(box->a);
  box->doc = NULL;
  box->a = NULL;
  return 0;
}

static int doc_gc(lua_State *L) {
  doc_box *box = (doc_box *)lkiji_check_udata(L, 1, DOC_MT);
  kiji_doc_free(box->doc);
  box->doc = NULL;
  return 0;
}

/* kiji.core.annotator([dicts]): dicts is an array of dictionaries. The
** errors name kiji.annotate's option (init.lua calls this under pcall). */
int lkiji_annotator(lua_State *L) {
  const kiji_dict **extra;
  size_t n = 0, i;
  int anchor;
  annotator_box *box;
  kiji_error err;
  (void)lkiji_scratch(L); /* not after kiji.core's finalizer */
  if (!lua_isnoneornil(L, 1)) {
    if (!lua_istable(L, 1)) return lkiji_type_error(L, 1, "table");
    n = lkiji_rawlen(L, 1);
  }
  extra = (const kiji_dict **)lua_newuserdata(L, (n + 1) * sizeof *extra);
  lua_createtable(L, (int)n, 0); /* the dictionaries stay alive with it */
  anchor = lua_gettop(L);
  for (i = 0; i < n; i++) {
    kiji_dict **d;
    lua_rawgeti(L, 1, (int)i + 1);
    d = lkiji_test_dict(L, -1);
    if (d == NULL || *d == NULL)
      return luaL_error(
          L, "bad argument #2 to 'annotate' (option 'dictionaries': item %d: %s)", (int)i + 1,
          d ? "kiji.dictionary already finalized"
            : lua_pushfstring(L, "kiji.dictionary expected, got %s", lkiji_typename(L, -1)));
    extra[i] = *d;
    lua_rawseti(L, anchor, (int)i + 1);
  }
  box = (annotator_box *)lua_newuserdata(L, sizeof *box);
  box->a = NULL;
  box->doc = NULL;
  luaL_getmetatable(L, ANNOTATOR_MT);
  lua_setmetatable(L, -2);
  lua_pushvalue(L, anchor);
  lkiji_set_anchor(L, -2);
  if ((box->a = kiji_annotator_new(extra, n, &err)) == NULL)
    return luaL_error(L, "kiji: %s", err.message);
  box->doc = (kiji_doc *)lkiji_check_alloc(L, kiji_doc_new());
  return 1;
}

const kiji_annotator *lkiji_to_annotator(lua_State *L, int idx) {
  annotator_box *box = (annotator_box *)lkiji_check_udata(L, idx, ANNOTATOR_MT);
  if (box->a == NULL)
    luaL_error(L, "kiji: the annotator was already finalized (called from a finalizer at exit?)");
  return box->a;
}

/* {text = , start = , stop = } of [r.start, r.end) of s, or nil. */
static void push_span(lua_State *L, const char *s, kiji_range r) {
  if (r.start == KIJI_NONE) {
    lua_pushnil(L);
    return;
  }
  lua_createtable(L, 0, 3);
  lua_pushlstring(L, s + r.start, r.end - r.start);
  lua_setfield(L, -2, "text");
  lkiji_set_span(L, r.start, r.end);
}

static void set_str(lua_State *L, const char *key, kiji_str v) {
  if (v.ptr == NULL) return;
  lua_pushlstring(L, v.ptr, v.len);
  lua_setfield(L, -2, key);
}

static void push_mention(lua_State *L, const char *s, const kiji_mention *m) {
  lua_createtable(L, 0, 10);
  lua_pushlstring(L, s + m->span.start, m->span.end - m->span.start);
  lua_setfield(L, -2, "text");
  lkiji_set_span(L, m->span.start, m->span.end);
  lua_pushstring(L, m->kind == KIJI_KIND_OFFICIAL ? "official" : "outlet");
  lua_setfield(L, -2, "kind");
  lua_pushstring(L, m->subtype);
  lua_setfield(L, -2, "subtype");
  set_str(L, "id", m->id);
  set_str(L, "name", m->name);
  set_str(L, "country", m->country);
  lua_pushinteger(L, (lua_Integer)m->sentence + 1);
  lua_setfield(L, -2, "sentence");
  if (m->title.start != KIJI_NONE) {
    push_span(L, s, m->title);
    lua_setfield(L, -2, "title");
  }
  if (m->person.start != KIJI_NONE) {
    push_span(L, s, m->person);
    lua_setfield(L, -2, "person");
  }
}

/* A party: the mention's own table (mentions at index mt), else a span. */
/* A party: the mention's own table, else a span (with the mention it
** refers to as `antecedent`, when it is an anaphor), else nil. */
static void push_party(lua_State *L, int mt, const char *s, size_t mention, kiji_range r,
                       size_t antecedent) {
  if (mention != KIJI_NONE) {
    lua_rawgeti(L, mt, (int)mention + 1);
    return;
  }
  push_span(L, s, r);
  if (antecedent != KIJI_NONE && lua_istable(L, -1)) {
    lua_rawgeti(L, mt, (int)antecedent + 1);
    lua_setfield(L, -2, "antecedent");
  }
}

static void push_sentence(lua_State *L, const char *s, const kiji_range *sent, size_t i) {
  push_span(L, s, sent[i]);
  lua_pushinteger(L, (lua_Integer)i + 1);
  lua_setfield(L, -2, "index");
}

/* The quotation a record carries (quotes at index qt): its own table. */
static void push_quote_of(lua_State *L, int qt, size_t quote) {
  if (quote == KIJI_NONE)
    lua_pushnil(L);
  else
    lua_rawgeti(L, qt, (int)quote + 1);
}

void lkiji_push_doc(lua_State *L, const kiji_doc *doc, const char *s, size_t len) {
  size_t n, i, no = 0, nt = 0;
  const kiji_range *sent = kiji_doc_sentences(doc, &n);
  const kiji_mention *m;
  const kiji_denial *d;
  const kiji_attribution *a;
  const kiji_quote *q;
  int mt, qt, top;
  const kiji_range none = {KIJI_NONE, KIJI_NONE};
  lua_createtable(L, 0, 10);
  top = lua_gettop(L);
  lua_pushinteger(L, 2); /* the output contract's version: targets are version 2 */
  lua_setfield(L, top, "kiji");
  lua_pushstring(L, kiji_lang_name(kiji_doc_lang(doc)));
  lua_setfield(L, top, "lang");
  lua_pushinteger(L, (lua_Integer)len);
  lua_setfield(L, top, "bytes");
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 0, 2);
    lkiji_set_span(L, sent[i].start, sent[i].end);
    lua_rawseti(L, -2, (int)i + 1);
  }
  lua_setfield(L, top, "sentences");
  /* every mention once, then into officials and outlets */
  m = kiji_doc_mentions(doc, &n);
  lua_createtable(L, (int)n, 0);
  mt = lua_gettop(L);
  lua_newtable(L);
  lua_newtable(L);
  for (i = 0; i < n; i++) {
    push_mention(L, s, m + i);
    lua_pushvalue(L, -1);
    lua_rawseti(L, mt, (int)i + 1);
    if (m[i].kind == KIJI_KIND_OFFICIAL)
      lua_rawseti(L, mt + 1, (int)++no);
    else
      lua_rawseti(L, mt + 2, (int)++nt);
  }
  lua_setfield(L, top, "outlets");
  lua_setfield(L, top, "officials");
  q = kiji_doc_quotes(doc, &n);
  lua_createtable(L, (int)n, 0);
  qt = lua_gettop(L);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 0, 5);
    push_span(L, s, q[i].text);
    lua_setfield(L, -2, "text");
    push_party(L, mt, s, q[i].speaker_mention, q[i].speaker, q[i].speaker_antecedent);
    lua_setfield(L, -2, "speaker");
    push_span(L, s, q[i].cue);
    lua_setfield(L, -2, "cue");
    lua_pushinteger(L, (lua_Integer)q[i].sentence + 1);
    lua_setfield(L, -2, "sentence");
    lua_pushinteger(L, (lua_Integer)q[i].sentences);
    lua_setfield(L, -2, "sentences");
    lua_rawseti(L, qt, (int)i + 1);
  }
  lua_pushvalue(L, qt);
  lua_setfield(L, top, "quotes");
  d = kiji_doc_denials(doc, &n);
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 0, 7);
    push_span(L, s, d[i].cue);
    lua_setfield(L, -2, "cue");
    push_party(L, mt, s, d[i].by_mention, d[i].by, d[i].by_antecedent);
    lua_setfield(L, -2, "by");
    push_span(L, s, d[i].claim);
    lua_setfield(L, -2, "claim");
    push_party(L, mt, s, d[i].reported_by, none, KIJI_NONE);
    lua_setfield(L, -2, "reported_by");
    push_party(L, mt, s, d[i].target_mention, d[i].target, d[i].target_antecedent);
    lua_setfield(L, -2, "target");
    push_quote_of(L, qt, d[i].quote);
    lua_setfield(L, -2, "quote");
    push_sentence(L, s, sent, d[i].sentence);
    lua_setfield(L, -2, "sentence");
    lua_rawseti(L, -2, (int)i + 1);
  }
  lua_setfield(L, top, "denials");
  a = kiji_doc_attributions(doc, &n);
  lua_createtable(L, (int)n, 0);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 0, 5);
    push_span(L, s, a[i].cue);
    lua_setfield(L, -2, "cue");
    push_party(L, mt, s, a[i].source_mention, a[i].source, a[i].source_antecedent);
    lua_setfield(L, -2, "source");
    push_span(L, s, a[i].claim);
    lua_setfield(L, -2, "claim");
    push_quote_of(L, qt, a[i].quote);
    lua_setfield(L, -2, "quote");
    push_sentence(L, s, sent, a[i].sentence);
    lua_setfield(L, -2, "sentence");
    lua_rawseti(L, -2, (int)i + 1);
  }
  lua_setfield(L, top, "attributions");
  push_span(L, s, kiji_doc_dateline(doc)); /* nil when none */
  lua_setfield(L, top, "dateline");
  push_party(L, mt, s, kiji_doc_source(doc), none, KIJI_NONE);
  lua_setfield(L, top, "source");
  lua_pop(L, 2); /* the mentions and the quotations */
}

/* an optional string argument, one of list (its index; 0, list[0], when absent) */
static int check_choice(lua_State *L, int idx, const char *const list[]) {
  size_t len;
  const char *v;
  int i;
  if (lua_isnoneornil(L, idx)) return 0;
  v = lkiji_check_string(L, idx, &len);
  for (i = 0; list[i] != NULL; i++)
    if (strcmp(list[i], v) == 0 && strlen(v) == len) return i;
  return lkiji_argerror(L, idx, lua_pushfstring(L, "invalid option '%s'", v));
}

kiji_doc **lkiji_push_snapshot(lua_State *L, int annotator, int text) {
  doc_box *snap = (doc_box *)lua_newuserdata(L, sizeof *snap);
  snap->doc = NULL;
  luaL_getmetatable(L, DOC_MT);
  lua_setmetatable(L, -2);
  lua_createtable(L, 2, 0); /* the text and the annotator it borrows from */
  lua_pushvalue(L, annotator < 0 ? annotator - 2 : annotator);
  lua_rawseti(L, -2, 1);
  lua_pushvalue(L, text < 0 ? text - 2 : text);
  lua_rawseti(L, -2, 2);
  lkiji_set_anchor(L, -2);
  return &snap->doc;
}

/* annotator:annotate(text [, lang [, invalid]]) -> doc, snapshot | nil, message */
static int annotator_annotate(lua_State *L) {
  static const char *const langs[] = {"auto", "en", "ja", NULL};
  static const char *const invalids[] = {"replace", "error", NULL};
  annotator_box *box = (annotator_box *)lkiji_check_udata(L, 1, ANNOTATOR_MT);
  size_t len;
  const char *s = lkiji_check_string(L, 2, &len);
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  kiji_doc *doc, **slot;
  kiji_status st;
  o.lang = (kiji_lang)check_choice(L, 3, langs);
  o.invalid = (kiji_invalid)check_choice(L, 4, invalids);
  if (box->a == NULL)
    return luaL_error(L,
                      "kiji: annotate: the annotator was already finalized "
                      "(called from a finalizer at exit?)");
  lua_settop(L, 4);
  /* lent, like the state's scratch (lkiji.h): a finalizer run by an
  ** allocation below may annotate with this annotator too */
  doc = (kiji_doc *)lkiji_lend(L, (void **)&box->doc, LKIJI_DOC, NULL); /* at 5 */
  st = kiji_annotate(box->a, doc, s, len, &o);
  if (st == KIJI_ENOMEM) return luaL_error(L, "kiji: out of memory");
  if (st != KIJI_OK) {
    lua_pushnil(L);
    if (st == KIJI_EUTF8) /* as normalize and sentences say it: 1-based */
      lua_pushfstring(L, "invalid UTF-8 at byte %d", (int)kiji_doc_error_offset(doc) + 1);
    else
      lua_pushstring(L, kiji_doc_error(doc));
    lkiji_giveback(L, 5, (void **)&box->doc);
    return 2;
  }
  lkiji_push_doc(L, doc, s, len);
  slot = lkiji_push_snapshot(L, 1, 2);
  *slot = (kiji_doc *)lkiji_check_alloc(L, kiji_doc_snapshot(doc));
  lkiji_giveback(L, 5, (void **)&box->doc);
  return 2;
}

/* snapshot:json([id]) -> the SCHEMA.md JSON of the document */
static int doc_json(lua_State *L) {
  doc_box *box = (doc_box *)lkiji_check_udata(L, 1, DOC_MT);
  size_t id_len = 0, len;
  const char *id = lua_isnoneornil(L, 2) ? NULL : lkiji_check_string(L, 2, &id_len);
  const char *json;
  if (box->doc == NULL)
    return luaL_error(L,
                      "kiji: json: the document was already finalized "
                      "(called from a finalizer at exit?)");
  json = kiji_doc_json(box->doc, id, id_len, &len);
  if (json == NULL) return luaL_error(L, "kiji: out of memory");
  lua_pushlstring(L, json, len);
  return 1;
}

void lkiji_doc_metatables(lua_State *L) {
  luaL_newmetatable(L, ANNOTATOR_MT);
  lkiji_set_function(L, "__gc", annotator_gc);
  lua_newtable(L);
  lkiji_set_function(L, "annotate", annotator_annotate);
  lua_setfield(L, -2, "__index");
  lkiji_protect_metatable(L, ANNOTATOR_MT);
  lua_pop(L, 1);
  luaL_newmetatable(L, DOC_MT);
  lkiji_set_function(L, "__gc", doc_gc);
  lua_newtable(L);
  lkiji_set_function(L, "json", doc_json);
  lua_setfield(L, -2, "__index");
  lkiji_protect_metatable(L, DOC_MT);
  lua_pop(L, 1);
}
