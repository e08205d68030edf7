/*
** lkiji_seg.c -- kiji.sentences and kiji.words.
*/
#include "lkiji.h"

/* The segmenter opens ICU's iterators: done on first use, once per state;
** the seg (clones of them) is lent to one call at a time (lkiji.h). */
static kiji_seg *lend_seg(lua_State *L, scratch *sc) {
  if (sc->segmenter == NULL) {
    kiji_error err;
    sc->segmenter = kiji_segmenter_new(&err);
    if (sc->segmenter == NULL) luaL_error(L, "kiji: %s", err.message);
  }
  return (kiji_seg *)lkiji_lend(L, (void **)&sc->seg, LKIJI_SEG, sc->segmenter);
}

static void read_options(lua_State *L, int idx, kiji_seg_options *o) {
  static const char *const locales[] = {"auto", "en", "ja", "root", NULL};
  static const char *const invalids[] = {"replace", "error", NULL};
  if (lua_isnoneornil(L, idx)) return;
  if (!lua_istable(L, idx)) lkiji_type_error(L, idx, "table");
  o->locale = (kiji_locale)lkiji_opt_choice(L, idx, "locale", locales, (int)o->locale);
  if (lkiji_opt_field(L, idx, "news", LUA_TBOOLEAN)) {
    o->news_rules = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  if (lkiji_opt_field(L, idx, "all", LUA_TBOOLEAN)) {
    o->all_segments = lua_toboolean(L, -1);
    lua_pop(L, 1);
  }
  o->invalid = (kiji_invalid)lkiji_opt_choice(L, idx, "invalid", invalids, (int)o->invalid);
}

typedef kiji_status (*segment_fn)(kiji_seg *, const char *, size_t, const kiji_seg_options *);

/* fn(s [, opts]) -> { {start=, stop=, text=, tag=}… } | nil, message */
static int segment(lua_State *L, segment_fn fn, int words) {
  static const char *const tags[] = {NULL, "number", "letter", "kana", "ideo"};
  size_t len, count, i;
  const char *s = lkiji_check_string(L, 1, &len);
  kiji_seg_options o = KIJI_SEG_OPTIONS_INIT;
  scratch *sc = lkiji_scratch(L);
  kiji_seg *seg;
  const kiji_span *spans;
  kiji_status st;
  read_options(L, 2, &o);
  lua_settop(L, 2);
  seg = lend_seg(L, sc); /* at 3 */
  st = fn(seg, s, len, &o);
  if (st == KIJI_EUTF8) {
    lua_pushnil(L);
    lua_pushfstring(L, "invalid UTF-8 at byte %d", (int)kiji_seg_error_offset(seg) + 1);
    lkiji_giveback(L, 3, (void **)&sc->seg);
    return 2;
  }
  if (st != KIJI_OK) return luaL_error(L, "kiji: %s", kiji_seg_error(seg));
  spans = kiji_seg_spans(seg, &count);
  lua_createtable(L, count > 0x7fffffff ? 0 : (int)count, 0);
  for (i = 0; i < count; i++) {
    lua_createtable(L, 0, 4);
    lkiji_set_span(L, spans[i].start, spans[i].end);
    lua_pushlstring(L, s + spans[i].start, spans[i].end - spans[i].start);
    lua_setfield(L, -2, "text");
    if (words && spans[i].tag > 0 && spans[i].tag <= KIJI_WORD_IDEO) {
      lua_pushstring(L, tags[spans[i].tag]);
      lua_setfield(L, -2, "tag");
    }
    lua_rawseti(L, -2, (int)i + 1);
  }
  lkiji_giveback(L, 3, (void **)&sc->seg);
  return 1;
}

int lkiji_sentences(lua_State *L) { return segment(L, kiji_sentences, 0); }

int lkiji_words(lua_State *L) { return segment(L, kiji_words, 1); }
