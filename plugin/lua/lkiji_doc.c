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

/*
** The strings a document's tables are made of (keys and kinds), interned
** once per state in a registry table; push_doc puts those before K_KIJI on
** the stack, so a key is a lua_pushvalue away (no hashing of C strings per
** field), and reads the document's own (K_KIJI on) from the table.
*/
#define KEYS_KEY "kiji.doc_keys"
enum {
  K_TEXT,
  K_START,
  K_STOP,
  K_KIND,
  K_SUBTYPE,
  K_ID,
  K_NAME,
  K_COUNTRY,
  K_SENTENCE,
  K_TITLE,
  K_PERSON,
  K_SPEAKER,
  K_CUE,
  K_SENTENCES,
  K_BY,
  K_CLAIM,
  K_REPORTED_BY,
  K_TARGET,
  K_QUOTE,
  K_INDEX,
  K_ANTECEDENT,
  K_SOURCE,
  K_OFFICIAL,
  K_OUTLET,
  K_DATE,
  K_DATE_TEXT,
  K_KIJI, /* the document's */
  K_LANG,
  K_BYTES,
  K_OFFICIALS,
  K_OUTLETS,
  K_QUOTES,
  K_DENIALS,
  K_ATTRIBUTIONS,
  K_DATELINE,
  K_COUNT
};
static const char *const key_names[K_COUNT] = {
    "text",    "start",     "stop",        "kind",   "subtype",   "id",           "name",
    "country", "sentence",  "title",       "person", "speaker",   "cue",          "sentences",
    "by",      "claim",     "reported_by", "target", "quote",     "index",        "antecedent",
    "source",  "official",  "outlet",      "date",   "date_text", "kiji",         "lang",
    "bytes",   "officials", "outlets",     "quotes", "denials",   "attributions", "dateline"};

static void keys_table(lua_State *L) {
  int i;
  lua_createtable(L, K_COUNT, 0);
  for (i = 0; i < K_COUNT; i++) {
    lua_pushstring(L, key_names[i]);
    lua_rawseti(L, -2, i + 1);
  }
  lua_setfield(L, LUA_REGISTRYINDEX, KEYS_KEY);
}

/* Up to SMALL_N mentions and sentences, push_doc's positions (out.pos,
** out.owner) live on the C stack, else in a userdata: no table but the
** result's is made. */
#define SMALL_N 256

/* What push_doc's helpers share: the text, the mentions, the sentences,
** the stack indexes of the keys and of the lists, and where each
** mention's and each record's sentence's table is. */
typedef struct out {
  lua_State *L;
  const char *s;
  const kiji_mention *m;
  const kiji_range *sent;
  int keys, officials, outlets, quotes, denials, attributions;
  int *pos;   /* mention i is officials[pos[i]] or outlets[pos[i]] */
  int *owner; /* sentence i's table is that of denials[owner[i]] (> 0),
              ** of attributions[-owner[i]] (< 0), or not made yet (0) */
} out;

/* Push the key k. Each field is key, then value, then lua_rawset(L, -3)
** into the table below them (no lua_insert). */
static void key(const out *o, int k) {
  if (k < K_KIJI)
    lua_pushvalue(o->L, o->keys + k);
  else
    lua_rawgeti(o->L, o->keys - 1, k + 1);
}

static void set_int(const out *o, int k, size_t v) {
  key(o, k);
  lua_pushinteger(o->L, (lua_Integer)v);
  lua_rawset(o->L, -3);
}

static void set_str(const out *o, int k, kiji_str v) {
  if (v.ptr == NULL) return;
  key(o, k);
  lua_pushlstring(o->L, v.ptr, v.len);
  lua_rawset(o->L, -3);
}

static void set_text(const out *o, kiji_range r) {
  key(o, K_TEXT);
  lua_pushlstring(o->L, o->s + r.start, r.end - r.start);
  lua_rawset(o->L, -3);
  set_int(o, K_START, r.start + 1);
  set_int(o, K_STOP, r.end);
}

/* {text = , start = , stop = } of [r.start, r.end) of s (room for
** `extra` more fields), or nil. */
static void push_span(const out *o, kiji_range r, int extra) {
  if (r.start == KIJI_NONE) {
    lua_pushnil(o->L);
    return;
  }
  lua_createtable(o->L, 0, 3 + extra);
  set_text(o, r);
}

/* t[k] = the span r, when there is one */
static void set_span(const out *o, int k, kiji_range r) {
  if (r.start == KIJI_NONE) return;
  key(o, k);
  push_span(o, r, 0);
  lua_rawset(o->L, -3);
}

static void push_mention(const out *o, const kiji_mention *m) {
  lua_State *L = o->L;
  lua_createtable(L, 0,
                  6 + (m->id.ptr != NULL) + (m->name.ptr != NULL) + (m->country.ptr != NULL) +
                      (m->title.start != KIJI_NONE) + (m->person.start != KIJI_NONE));
  set_text(o, m->span);
  key(o, K_KIND);
  key(o, m->kind == KIJI_KIND_OFFICIAL ? K_OFFICIAL : K_OUTLET);
  lua_rawset(L, -3);
  key(o, K_SUBTYPE);
  lua_pushstring(L, m->subtype);
  lua_rawset(L, -3);
  set_str(o, K_ID, m->id);
  set_str(o, K_NAME, m->name);
  set_str(o, K_COUNTRY, m->country);
  set_int(o, K_SENTENCE, m->sentence + 1);
  set_span(o, K_TITLE, m->title);
  set_span(o, K_PERSON, m->person);
}

/* the table of mention i (in officials or outlets) */
static void push_mention_ref(const out *o, size_t i) {
  lua_rawgeti(o->L, o->m[i].kind == KIJI_KIND_OFFICIAL ? o->officials : o->outlets, o->pos[i]);
}

/* 1 when set_party will set the party */
static int has_party(size_t mention, kiji_range r) {
  return mention != KIJI_NONE || r.start != KIJI_NONE;
}

/* t[k] = a party: the mention's own table, else a span (with the
** mention it refers to as `antecedent`, when it is an anaphor); nothing
** when there is neither. */
static void set_party(const out *o, int k, size_t mention, kiji_range r, size_t antecedent) {
  if (!has_party(mention, r)) return;
  key(o, k);
  if (mention != KIJI_NONE) {
    push_mention_ref(o, mention);
  } else {
    push_span(o, r, antecedent != KIJI_NONE);
    if (antecedent != KIJI_NONE) {
      key(o, K_ANTECEDENT);
      push_mention_ref(o, antecedent);
      lua_rawset(o->L, -3);
    }
  }
  lua_rawset(o->L, -3);
}

/* A record's sentence, {text, start, stop, index}: one table per
** sentence, shared by the records in it; the record is denials[self]
** (self > 0) or attributions[-self]. */
static void set_sentence(const out *o, size_t i, int self) {
  lua_State *L = o->L;
  int w = o->owner[i];
  key(o, K_SENTENCE);
  if (w == 0) {
    push_span(o, o->sent[i], 1);
    set_int(o, K_INDEX, i + 1);
    o->owner[i] = self;
  } else { /* the table of the first record in that sentence */
    lua_rawgeti(L, w > 0 ? o->denials : o->attributions, w > 0 ? w : -w);
    key(o, K_SENTENCE);
    lua_rawget(L, -2);
    lua_replace(L, -2);
  }
  lua_rawset(L, -3);
}

/* A record's date and date_text, on the table at the top, when it has one. */
static void set_date(const out *o, const char *date, kiji_range text) {
  if (date[0] == 0) return;
  key(o, K_DATE);
  lua_pushstring(o->L, date);
  lua_rawset(o->L, -3);
  set_span(o, K_DATE_TEXT, text);
}

/* The document's date and the source the caller named (over the
** dateline's), on the document table at top. */
static void set_doc_date_source(const out *o, const kiji_doc *doc, int top) {
  lua_State *L = o->L;
  kiji_mention m;
  kiji_str name;
  if (kiji_doc_date(doc)[0]) {
    key(o, K_DATE);
    lua_pushstring(L, kiji_doc_date(doc));
    lua_rawset(L, top);
  }
  if (!kiji_doc_given_source(doc, &m, &name)) return;
  key(o, K_SOURCE);
  lua_createtable(L, 0, 6);
  key(o, K_TEXT);
  lua_pushlstring(L, name.ptr ? name.ptr : "", name.len);
  lua_rawset(L, -3);
  key(o, K_KIND);
  key(o, K_OUTLET);
  lua_rawset(L, -3);
  if (m.subtype[0]) {
    key(o, K_SUBTYPE);
    lua_pushstring(L, m.subtype);
    lua_rawset(L, -3);
  }
  set_str(o, K_ID, m.id);
  set_str(o, K_NAME, m.name);
  set_str(o, K_COUNTRY, m.country);
  lua_rawset(L, top);
}

/* A denial's or an attribution's table (denials[self], self > 0, or
** attributions[-self]) with what they share (cue, claim, the quotation
** that carries it, the sentence), room for `parties` more fields (its
** parties and date). */
static void push_record(const out *o, int self, int parties, kiji_range cue, kiji_range claim,
                        size_t quote, size_t sentence) {
  lua_createtable(
      o->L, 0,
      1 + parties + (cue.start != KIJI_NONE) + (claim.start != KIJI_NONE) + (quote != KIJI_NONE));
  set_span(o, K_CUE, cue);
  set_span(o, K_CLAIM, claim);
  if (quote != KIJI_NONE) {
    key(o, K_QUOTE);
    lua_rawgeti(o->L, o->quotes, (int)quote + 1);
    lua_rawset(o->L, -3);
  }
  set_sentence(o, sentence, self);
}

/* t[k] = the list at idx, t the document at top */
static void set_list(const out *o, int k, int idx, int top) {
  key(o, k);
  lua_pushvalue(o->L, idx);
  lua_rawset(o->L, top);
}

/* The SCHEMA.md document of doc over s (len bytes), every table sized to
** its contents when made (none grows). */
void lkiji_push_doc(lua_State *L, const kiji_doc *doc, const char *s, size_t len) {
  int small[SMALL_N];
  size_t n, i, no = 0, nt = 0, nsent;
  const kiji_denial *d;
  const kiji_attribution *a;
  const kiji_quote *q;
  int base = lua_gettop(L), top, k;
  out o;
  const kiji_range none = {KIJI_NONE, KIJI_NONE};
  luaL_checkstack(L, K_COUNT + 24, "kiji: annotate");
  o.L = L;
  o.s = s;
  o.m = kiji_doc_mentions(doc, &n);
  o.sent = kiji_doc_sentences(doc, &nsent);
  lua_getfield(L, LUA_REGISTRYINDEX, KEYS_KEY); /* at base + 1 */
  o.keys = base + 2;
  for (k = 0; k < K_KIJI; k++) lua_rawgeti(L, base + 1, k + 1);
  o.pos = n + nsent <= SMALL_N ? small : (int *)lua_newuserdata(L, (n + nsent) * sizeof(int));
  o.owner = o.pos + n;
  if (nsent) memset(o.owner, 0, nsent * sizeof(int));
  for (i = 0; i < n; i++)
    if (o.m[i].kind == KIJI_KIND_OFFICIAL) no++;
  lua_createtable(L, (int)no, 0);
  o.officials = lua_gettop(L);
  lua_createtable(L, (int)(n - no), 0);
  o.outlets = o.officials + 1;
  no = 0;
  for (i = 0; i < n; i++) {
    push_mention(&o, o.m + i);
    if (o.m[i].kind == KIJI_KIND_OFFICIAL) {
      o.pos[i] = (int)++no;
      lua_rawseti(L, o.officials, o.pos[i]);
    } else {
      o.pos[i] = (int)++nt;
      lua_rawseti(L, o.outlets, o.pos[i]);
    }
  }
  q = kiji_doc_quotes(doc, &n);
  lua_createtable(L, (int)n, 0);
  o.quotes = lua_gettop(L);
  for (i = 0; i < n; i++) {
    lua_createtable(L, 0, 5);
    set_span(&o, K_TEXT, q[i].text);
    set_party(&o, K_SPEAKER, q[i].speaker_mention, q[i].speaker, q[i].speaker_antecedent);
    set_span(&o, K_CUE, q[i].cue);
    set_int(&o, K_SENTENCE, q[i].sentence + 1);
    set_int(&o, K_SENTENCES, q[i].sentences);
    lua_rawseti(L, o.quotes, (int)i + 1);
  }
  d = kiji_doc_denials(doc, &n);
  lua_createtable(L, (int)n, 0);
  o.denials = lua_gettop(L);
  for (i = 0; i < n; i++) {
    push_record(&o, (int)i + 1,
                has_party(d[i].by_mention, d[i].by) + has_party(d[i].reported_by, none) +
                    has_party(d[i].target_mention, d[i].target) + 2 * (d[i].date[0] != 0),
                d[i].cue, d[i].claim, d[i].quote, d[i].sentence);
    set_party(&o, K_BY, d[i].by_mention, d[i].by, d[i].by_antecedent);
    set_party(&o, K_REPORTED_BY, d[i].reported_by, none, KIJI_NONE);
    set_party(&o, K_TARGET, d[i].target_mention, d[i].target, d[i].target_antecedent);
    set_date(&o, d[i].date, d[i].date_text);
    lua_rawseti(L, o.denials, (int)i + 1);
  }
  a = kiji_doc_attributions(doc, &n);
  lua_createtable(L, (int)n, 0);
  o.attributions = lua_gettop(L);
  for (i = 0; i < n; i++) {
    push_record(&o, -(int)i - 1,
                has_party(a[i].source_mention, a[i].source) + 2 * (a[i].date[0] != 0), a[i].cue,
                a[i].claim, a[i].quote, a[i].sentence);
    set_party(&o, K_SOURCE, a[i].source_mention, a[i].source, a[i].source_antecedent);
    set_date(&o, a[i].date, a[i].date_text);
    lua_rawseti(L, o.attributions, (int)i + 1);
  }
  lua_createtable(L, 0, 13);
  top = lua_gettop(L);
  key(&o, K_KIJI);
  lua_pushinteger(L, 2); /* the output contract's version: targets are version 2 */
  lua_rawset(L, top);
  key(&o, K_LANG);
  lua_pushstring(L, kiji_lang_name(kiji_doc_lang(doc)));
  lua_rawset(L, top);
  key(&o, K_BYTES);
  lua_pushinteger(L, (lua_Integer)len);
  lua_rawset(L, top);
  key(&o, K_SENTENCES);
  lua_createtable(L, (int)nsent, 0);
  for (i = 0; i < nsent; i++) {
    lua_createtable(L, 0, 2);
    set_int(&o, K_START, o.sent[i].start + 1);
    set_int(&o, K_STOP, o.sent[i].end);
    lua_rawseti(L, -2, (int)i + 1);
  }
  lua_rawset(L, top);
  set_list(&o, K_OFFICIALS, o.officials, top);
  set_list(&o, K_OUTLETS, o.outlets, top);
  set_list(&o, K_QUOTES, o.quotes, top);
  set_list(&o, K_DENIALS, o.denials, top);
  set_list(&o, K_ATTRIBUTIONS, o.attributions, top);
  if (kiji_doc_dateline(doc).start != KIJI_NONE) {
    key(&o, K_DATELINE);
    push_span(&o, kiji_doc_dateline(doc), 0);
    lua_rawset(L, top);
  }
  set_party(&o, K_SOURCE, kiji_doc_source(doc), none, KIJI_NONE);
  set_doc_date_source(&o, doc, top);
  lua_replace(L, base + 1); /* the document where the keys' table was */
  lua_settop(L, base + 1);
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
  doc_box *snap;
  annotator = annotator < 0 ? lua_gettop(L) + annotator + 1 : annotator;
  text = text < 0 ? lua_gettop(L) + text + 1 : text;
#if LUA_VERSION_NUM >= 504 /* the text and the annotator it borrows from: user values */
  snap = (doc_box *)lua_newuserdatauv(L, sizeof *snap, 2);
  snap->doc = NULL;
  lua_pushvalue(L, annotator);
  lua_setiuservalue(L, -2, 1);
  lua_pushvalue(L, text);
  lua_setiuservalue(L, -2, 2);
#else /* in a table, its anchor */
  snap = (doc_box *)lua_newuserdata(L, sizeof *snap);
  snap->doc = NULL;
  lua_createtable(L, 2, 0);
  lua_pushvalue(L, annotator);
  lua_rawseti(L, -2, 1);
  lua_pushvalue(L, text);
  lua_rawseti(L, -2, 2);
  lkiji_set_anchor(L, -2);
#endif
  luaL_getmetatable(L, DOC_MT);
  lua_setmetatable(L, -2);
  return &snap->doc;
}

void lkiji_check_date(lua_State *L, int arg, const char *s, size_t len, kiji_date *date) {
  if (kiji_date_parse(s, len, date) != KIJI_OK)
    lkiji_argerror(L, arg, lua_pushfstring(L, "invalid date '%s' (expected YYYY-MM-DD)", s));
}

/* annotator:annotate(text [, lang [, invalid [, date [, source]]]]) -> doc, snapshot | nil, message */
static int annotator_annotate(lua_State *L) {
  static const char *const langs[] = {"auto", "en", "ja", NULL};
  static const char *const invalids[] = {"replace", "error", NULL};
  annotator_box *box = (annotator_box *)lkiji_check_udata(L, 1, ANNOTATOR_MT);
  size_t len;
  const char *s = lkiji_check_string(L, 2, &len);
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  kiji_doc **slot;
  kiji_status st;
  o.lang = (kiji_lang)check_choice(L, 3, langs);
  o.invalid = (kiji_invalid)check_choice(L, 4, invalids);
  if (!lua_isnoneornil(L, 5)) { /* the article's date, ISO 8601 */
    size_t dl;
    const char *ds = lkiji_check_string(L, 5, &dl);
    lkiji_check_date(L, 5, ds, dl, &o.date);
  }
  if (!lua_isnoneornil(L, 6)) o.source = lkiji_check_string(L, 6, &o.source_len);
  if (box->a == NULL)
    return luaL_error(L,
                      "kiji: annotate: the annotator was already finalized "
                      "(called from a finalizer at exit?)");
  lua_settop(L, 6);
  /* The snapshot's userdata first: its allocation may run a finalizer
  ** that annotates with this annotator too. From kiji_annotate to the C
  ** snapshot no Lua runs, so box->doc needs no lending; the tables are
  ** made from the snapshot, which a finalizer cannot touch. */
  slot = lkiji_push_snapshot(L, 1, 2); /* at 7 */
  st = kiji_annotate(box->a, box->doc, s, len, &o);
  if (st == KIJI_ENOMEM) return luaL_error(L, "kiji: out of memory");
  if (st != KIJI_OK) {
    char msg[256]; /* copied out of box->doc before Lua runs */
    size_t n = strlen(kiji_doc_error(box->doc));
    int at = (int)kiji_doc_error_offset(box->doc) + 1; /* as normalize and sentences say it */
    if (n >= sizeof msg) n = sizeof msg - 1;
    memcpy(msg, kiji_doc_error(box->doc), n);
    lua_pushnil(L);
    if (st == KIJI_EUTF8)
      lua_pushfstring(L, "invalid UTF-8 at byte %d", at);
    else
      lua_pushlstring(L, msg, n);
    return 2;
  }
  *slot = (kiji_doc *)lkiji_check_alloc(L, kiji_doc_snapshot(box->doc));
  lkiji_push_doc(L, *slot, s, len);
  lua_insert(L, 7); /* doc, snapshot */
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
  keys_table(L);
  static const luaL_Reg annotator_methods[] = {{"annotate", annotator_annotate}, {NULL, NULL}};
  static const luaL_Reg doc_methods[] = {{"json", doc_json}, {NULL, NULL}};
  lkiji_new_metatable(L, ANNOTATOR_MT, annotator_gc, annotator_methods, 0);
  lua_pop(L, 1);
  lkiji_new_metatable(L, DOC_MT, doc_gc, doc_methods, 0);
  lua_pop(L, 1);
}
