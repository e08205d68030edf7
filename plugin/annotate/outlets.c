/*
** outlets.c -- outlets: lexicon names and handles, and the names that
** news writes for outlets the lexicon does not know: capitalized words
** before News / Times / Shimbun, a kanji or katakana run before 新聞 /
** テレビ / 通信社, and what follows 米紙 / 英紙 (the prefix is not part of
** the name; an attached 紙 or 誌 is: 英タイムズ紙 gives タイムズ紙).
** Generic phrases (同紙, "the newspaper") are lexicon entries of their own
** that win over the suffix inside them.
*/
#include <string.h>

#include "ann.h"
#include "ann_text.h"

static const char *const subtype_names[] = {"agency", "newspaper", "broadcaster", "magazine",
                                            "online"};

/* The static subtype name of a hit's subtype (or "online"). */
static const char *subtype_of(const ann_hit *h) {
  if (h->sub >= AS_AGENCY && h->sub <= AS_ONLINE) return subtype_names[h->sub - AS_AGENCY];
  return "online";
}

/* An attached 紙 / 誌 (paper / magazine) after a Japanese name. */
static size_t attached_paper(const ann_sent *st, size_t end) {
  size_t paper = kiji_ann_word_at(st, end, AW_PAPER_SUFFIX);
  return paper ? paper : end;
}

/* Whether a cue phrase lies in [start, end) (フェイクニュース is no outlet). */
static int holds_cue(const ann_sent *st, size_t start, size_t end) {
  size_t i = kiji_ann_hit_after(st->cue, st->ncue, start);
  return i < st->ncue && st->cue[i].start < end;
}

/* *covered: whether the mentions' cover is made (kiji_ann_cover_mentions),
** on the first candidate only: most sentences hold none. */
static int add(ann_sent *st, int *covered, size_t start, size_t end, const ann_hit *h,
               const char *subtype) {
  kiji_mention *m;
  if (start >= end) return 1;
  if (!*covered && !(*covered = kiji_ann_cover_mentions(st))) return 0;
  if (kiji_ann_covered(st, start, end)) return 1; /* a mention is there */
  if (h == NULL && holds_cue(st, start, end)) return 1;
  m = kiji_ann_mention(st, start, end, KIJI_KIND_OUTLET, subtype);
  if (m == NULL) return 0;
  kiji_ann_cover(st, start, end);
  if (h) {
    m->id = h->id;
    m->name = h->name;
    m->country = h->country;
  }
  return 1;
}

/* Where a Japanese outlet's name starts after a prefix its lexicon alias
** holds: 米紙 / 英紙, or a one-character country before a foreign name
** (英タイムズ紙 gives タイムズ紙), but not a country's name that is part
** of the name (中国新聞, 朝日新聞). */
static size_t after_alias_prefix(const ann_sent *st, const ann_hit *h) {
  const ann_hit *longest = NULL;
  size_t i;
  for (i = kiji_ann_hit_from(st->all, st->nall, h->start);
       i < st->nall && st->all[i].start == h->start; i++) {
    const ann_hit *p = &st->all[i];
    if (p->end < h->end && (p->kind == AK_OUTLET_PREFIX || p->kind == AK_COUNTRY) &&
        (longest == NULL || p->end > longest->end))
      longest = p;
  }
  if (longest && longest->kind == AK_OUTLET_PREFIX) return longest->end;
  if (longest && longest->sub == AS_COUNTRY && longest->end - longest->start == 3) {
    /* 英タイムズ, 米CNN: a foreign name follows; 朝日新聞 is a name itself */
    size_t l;
    ann_script sc = kiji_ann_script(kiji_ann_cp(st->s, longest->end, h->end, &l));
    if (sc == SC_KATA || sc == SC_LATIN) return longest->end;
  }
  return h->start;
}

/* A known outlet, with a suffix word that touches it ("Kyodo news"). */
static int known(ann_sent *st, int *covered, size_t i) {
  const ann_hit *h = &st->ent[i];
  size_t start = h->start, end = h->end;
  if (st->ja) {
    start = after_alias_prefix(st, h);
    end = attached_paper(st, end);
  } else if (i + 1 < st->nent && st->ent[i + 1].kind == AK_OUTLET_SUFFIX &&
             st->ent[i + 1].start == h->end + 1 && st->s[h->end] == ' ') {
    end = st->ent[i + 1].end;
  }
  return add(st, covered, start, end, h, st->s[h->start] == '@' ? "handle" : subtype_of(h));
}

/* English: capitalized words before a capitalized suffix ("Modern Tokyo
** Times", "the Hokkaido Shimbun"); a country or place may be one of them. */
static int english_pattern(ann_sent *st, int *covered, size_t i) {
  const ann_hit *suf = &st->ent[i];
  size_t begin = suf->start, words = 0;
  const ann_hit *prev = i > 0 ? &st->ent[i - 1] : NULL;
  ann_word w;
  if (!kiji_ann_capital(st, suf->start)) return 1;
  if (kiji_ann_after_head(st, suf->end, &w) == ANN_AFTER_NOUN && kiji_ann_capital(st, w.start))
    return 1; /* the name goes on: "Times Square", "Post Office" */
  while (words < 3 && kiji_ann_word_before(st->s, st->start, begin, &w)) {
    if (begin - w.end != 1 || st->s[w.end] != ' ' || kiji_ann_line_break(st, w.end, begin) ||
        !kiji_ann_capital(st, w.start) || kiji_ann_word_is(st, &w, AW_OUTLET_STOP))
      break;
    if (prev && w.start < prev->end) { /* a hit: only a country or place joins */
      if (prev->kind != AK_COUNTRY || prev->start != w.start) break;
    }
    begin = w.start;
    words++;
  }
  if (words == 0) return 1;
  return add(st, covered, begin, suf->end, NULL, subtype_of(suf));
}

/* Japanese: the run before 新聞 / テレビ..., with a place or country that
** starts it (北海道新聞), not followed by more of a compound (通信網). */
static int japanese_pattern(ann_sent *st, int *covered, size_t i) {
  const ann_hit *suf = &st->ent[i];
  size_t floor = i > 0 ? st->ent[i - 1].end : st->start, begin, l, end;
  uint32_t c;
  if (floor < st->start) floor = st->start;
  begin = kiji_ann_run_back(st->s, floor, suf->start, SC_NAME_JA, 8);
  if (i > 0 && st->ent[i - 1].kind == AK_COUNTRY && begin == st->ent[i - 1].end) {
    const ann_hit *place = &st->ent[i - 1];
    /* 北海道新聞 is a name; 英タイムズ紙 is "British: タイムズ紙" */
    if (place->sub == AS_COUNTRY && place->end - place->start == 3 && begin == suf->start)
      return add(st, covered, suf->start, attached_paper(st, suf->end), NULL, subtype_of(suf));
    if (place->sub != AS_COUNTRY || place->end - place->start > 3) begin = place->start;
  }
  if (begin == suf->start) return 1;
  end = attached_paper(st, suf->end);
  if (end == suf->end && end < st->end) {
    c = kiji_ann_cp(st->s, end, st->end, &l);
    if (kiji_ann_script(c) == SC_HAN || kiji_ann_script(c) == SC_KATA) return 1;
  }
  if (kiji_ann_word_at(st, begin, AW_DEICTIC) == suf->start) return 1; /* 同紙, 各新聞 */
  return add(st, covered, begin, end, NULL, subtype_of(suf));
}

/* 米紙 / 英紙 and the like, before a name the lexicon does not know. */
static int after_prefix(ann_sent *st, int *covered, size_t i) {
  const ann_hit *p = &st->ent[i];
  size_t end;
  if (i + 1 < st->nent && st->ent[i + 1].start == p->end) return 1; /* a known name */
  end = kiji_ann_run_fwd(st->s, p->end, st->end, SC_NAME_JA, 16);
  if (end == p->end) return 1;
  return add(st, covered, p->end, attached_paper(st, end), NULL, "newspaper");
}

/* 英タイムズ紙: a country in kanji, a katakana name, 紙 (not the タイ of
** マリタイム). */
static int country_paper(ann_sent *st, int *covered, size_t i) {
  const ann_hit *c = &st->ent[i];
  size_t end = kiji_ann_run_fwd(st->s, c->end, st->end, 1u << SC_KATA, 16), l;
  if (end == c->end || attached_paper(st, end) == end ||
      kiji_ann_script(kiji_ann_cp(st->s, c->start, c->end, &l)) != SC_HAN)
    return 1;
  if (i + 1 < st->nent && st->ent[i + 1].start < end) return 1;
  return add(st, covered, c->end, attached_paper(st, end), NULL, "newspaper");
}

int kiji_ann_outlets(ann_sent *st) {
  size_t i;
  int ok = 1, covered = 0;
  for (i = 0; ok && i < st->nent; i++) {
    switch (st->ent[i].kind) {
      case AK_OUTLET: ok = known(st, &covered, i); break;
      case AK_OUTLET_SUFFIX:
        ok = st->ja ? japanese_pattern(st, &covered, i) : english_pattern(st, &covered, i);
        break;
      case AK_OUTLET_PREFIX:
        if (st->ja) ok = after_prefix(st, &covered, i);
        break;
      case AK_COUNTRY:
        if (st->ja) ok = country_paper(st, &covered, i);
        break;
      default: break;
    }
  }
  return ok;
}
