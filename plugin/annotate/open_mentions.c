/*
** open_mentions.c -- names the lexicon does not list: government bodies
** named by their head noun ("the Office for National Statistics", "the
** Revenue Service", "the Italian presidency", "the Biden
** administration", "Taiwan's military", 行政改革推進室, 日米防衛当局), and
** papers named by a katakana name before 紙 / 誌 (ボルドー・クーリエ紙; a
** genre such as スポーツ紙 is a `no_name` word).
**
** The lexicon wins: a head inside a mention, or inside a party's,
** company's, outlet's or generic entry, names nothing new, and a name that
** runs into a mention is that mention's business (外務省アジア局, "the
** Defense Ministry Press Office"); but a lexicon body that starts or ends
** a longer name takes the whole name ("the Supreme National Security
** Council", "the Italian Ministry of Ecological Transition"), and an
** organisation's entry that ends a longer name in capitals names no
** organisation there. An open body has no id (it is not known:
** SCHEMA.md), and the country of a nationality before it.
**
** English: the head (`body_head`) must head its phrase (heads.c: not
** "military hackers"), and it names a body
**  - capitalized, after capitalized name words or before "of / for X" in
**    capitals ("Revenue Service", "Ministry of Ecological Transition");
**    not in a headline in capitals, where every word looks like a name;
**  - in any case after a nationality or a country's possessive, which the
**    span leaves out ("Japanese military"; "Taiwan's military" gives
**    "military"), when the head names a state body alone (`state_head`:
**    military, government, presidency…, not office or service);
**  - a `leader_head` after a leader's name ("the Biden administration";
**    not at a sentence's start, where a capital says nothing).
** Japanese: a kanji or katakana compound that ends with the head
** (`body_suffix_ja`: 省 庁 局 室 部 軍 当局…) and holds a word of
** government (`gov_element_ja`: 国家, 行政, 防衛, 当局…) or starts with
** a country's name; a compound that holds a `no_name` word (一部, 北部)
** names none.
*/
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ann.h"
#include "ann_text.h"
#include "base/script.h"
#include "base/unitab.h"
#include "base/utf8.h"
#include "word_ends.h"

#define MAX_NAME_WORDS 6
#define MAX_COMPLEMENT 16 /* words and connectors of an "of X" complement */
#define MAX_COMPOUND 16   /* characters of a Japanese compound before its head */

/* The first entity of that kind that overlaps [start, end), or NULL. */
static const ann_hit *entity_in(const ann_sent *st, size_t start, size_t end, int kind) {
  size_t i;
  for (i = kiji_ann_hit_after(st->ent, st->nent, start); i < st->nent && st->ent[i].start < end;
       i++)
    if (st->ent[i].kind == kind) return &st->ent[i];
  return NULL;
}

/* The entry over [start, end) that names someone else: a party, a
** company, an outlet, a source, and (when generic) a generic phrase
** (テレビ局, 同局; in English "the Department" of "the Department of X"
** is no anaphor), or NULL. */
static const ann_hit *foreign(const ann_sent *st, size_t start, size_t end, int generic) {
  size_t i;
  for (i = kiji_ann_hit_after(st->ent, st->nent, start); i < st->nent && st->ent[i].start < end;
       i++)
    switch (st->ent[i].kind) {
      case AK_GENERIC:
        if (!generic) break;
        /* fall through */
      case AK_ORG:
      case AK_OUTLET:
      case AK_OUTLET_SUFFIX:
      case AK_OUTLET_PREFIX:
      case AK_SOURCE: return &st->ent[i];
      default: break;
    }
  return NULL;
}

/* ------------------------------------------------------------ English */

/* Where the sentence's words begin: past its dateline. */
static size_t first_word(const ann_sent *st) {
  return kiji_ann_skip_space(st->s, st->floor > st->start ? st->floor : st->start, st->end);
}

/* The country that is the whole word [start, end) ("Italian", "Japan's";
** not "pro-Russian"), or NULL. */
static const ann_hit *country_word(const ann_sent *st, size_t start, size_t end) {
  const ann_hit *c = entity_in(st, start, end, AK_COUNTRY);
  return c && c->sub == AS_COUNTRY && c->start == start && c->end >= end ? c : NULL;
}

/* Whether the word starts the sentence or a line, where a capital says
** nothing of a name. */
static int opens(const ann_sent *st, size_t pos) {
  return pos <= first_word(st) || kiji_ann_line_starts(st, pos);
}

/* Whether w may be a word of a body's name: 1 a capitalized word that is
** no function word and no cue ("Denies"), 0 another word, -1 a word of
** a mention or of someone else's entry (the name is theirs), unless that
** entry is `own`, the end of a longer name. */
static int name_word(const ann_sent *st, const ann_word *w, const ann_hit *own) {
  const ann_hit *f;
  if (kiji_ann_covered(st, w->start, w->end) ||
      ((f = foreign(st, w->start, w->end, 0)) != NULL && f != own))
    return -1;
  return kiji_ann_capital(st, w->start) && !kiji_ann_word_is(st, w, AW_NOT_NAME) &&
         !kiji_ann_verb_cue(st, w->start, w->end);
}

/* The word before / after pos, one space away on the same line. */
static int word_left(const ann_sent *st, size_t pos, ann_word *w) {
  return kiji_ann_word_before(st->s, st->start, pos, w) && pos - w->end == 1 &&
         st->s[w->end] == ' ' && !kiji_ann_line_break(st, w->end, pos);
}

static int word_right(const ann_sent *st, size_t pos, ann_word *w) {
  return kiji_ann_word_after(st->s, pos, st->end, w) && w->start - pos == 1 && st->s[pos] == ' ' &&
         !kiji_ann_line_break(st, pos, w->start);
}

typedef struct name_left {
  size_t start;     /* where the name words start (the head's start: none) */
  size_t words;     /* how many */
  kiji_str country; /* of a nationality among them, or of a possessive */
  int nationality;  /* a country among the words, or before them as X's */
  int headline;     /* the words stopped at a capitalized function word */
} name_left;

/* The capitalized words before the head at pos ("Federal Aviation",
** "Food and Drug"), with a nationality among them or a country's
** possessive before them. 0 when they run into a mention or someone
** else's entry other than own. */
static int names_before(const ann_sent *st, size_t pos, const ann_hit *own, name_left *n) {
  ann_word w, v;
  memset(n, 0, sizeof *n);
  n->start = pos;
  while (n->words < MAX_NAME_WORDS && word_left(st, pos, &w)) {
    size_t bare = kiji_ann_strip_possessive(st->s, w.start, w.end);
    const ann_hit *c;
    int k;
    if (bare != w.end) { /* "Taiwan's": the span leaves it out */
      if ((c = country_word(st, w.start, bare)) != NULL) {
        n->nationality = 1;
        n->country = c->country;
      } else if (!kiji_ann_covered(st, w.start, bare) && !entity_in(st, w.start, bare, AK_BODY) &&
                 !entity_in(st, w.start, bare, AK_GENERIC)) {
        return 0; /* "the company's Legal Department"; not "the ministry's" */
      }
      break;
    }
    if ((k = name_word(st, &w, own)) < 0) return 0;
    if (k == 0) {
      /* "Food and Drug": an "and" between two name words */
      if (n->words > 0 && kiji_ann_word_is(st, &w, AW_AND) && !kiji_ann_capital(st, w.start) &&
          word_left(st, w.start, &v) && name_word(st, &v, own) == 1) {
        pos = w.start;
        continue;
      }
      if (kiji_ann_capital(st, w.start) && !opens(st, w.start) && word_left(st, w.start, &v))
        n->headline = 1; /* "…Says The Revenue Service": title case */
      break;
    }
    if ((c = country_word(st, w.start, w.end)) != NULL) {
      n->nationality = 1;
      if (c->country.ptr) n->country = c->country;
    }
    n->start = pos = w.start;
    n->words++;
  }
  return 1;
}

/* The end of the capitalized words after pos, with "and", "the", "of"
** between them and a list "X, Y and Z" ("Agriculture, Food and the
** Marine"), after a name word when after_name; pos when there are none. A
** list that no "and" closes is none ("the Office for X, Britain's…"),
** and an "and" before another body's head ends them ("…Statistics and
** the Revenue Service"). */
static size_t names_after(const ann_sent *st, size_t pos, int after_name) {
  size_t end = pos, cur = pos, k, before_and = KIJI_NONE;
  int pending = 0, closing = 0, r;
  ann_word w;
  for (k = 0; k < MAX_COMPLEMENT; k++) {
    int comma = after_name && cur < st->end && st->s[cur] == ',';
    if (!word_right(st, cur + (size_t)comma, &w)) break;
    if ((r = name_word(st, &w, NULL)) == 1) {
      size_t bare = kiji_ann_strip_possessive(st->s, w.start, w.end);
      if (before_and != KIJI_NONE && kiji_ann_word_is(st, &w, AW_BODY_HEAD)) return before_and;
      if (comma) pending = 1;
      if (closing) pending = closing = 0;
      cur = bare;
      after_name = 1;
      if (!pending) end = bare;
      if (bare != w.end) break; /* "…Statistics' figures" */
      continue;
    }
    if (r < 0 || comma || kiji_ann_capital(st, w.start)) break;
    if (kiji_ann_word_is(st, &w, AW_AND)) {
      if (!after_name) break;
      closing = pending;
      if (before_and == KIJI_NONE) before_and = end;
    } else if (!kiji_ann_word_is(st, &w, AW_THE) && !kiji_ann_word_is(st, &w, AW_OF_BODY)) {
      break;
    }
    cur = w.end;
    after_name = 0;
  }
  return end;
}

/* The end of an "of X" / "for X" complement after pos, X in capitals
** ("of Ecological Transition"), or pos. */
static size_t complement(const ann_sent *st, size_t pos) {
  ann_word w;
  if (!word_right(st, pos, &w) || !kiji_ann_word_is(st, &w, AW_OF_BODY) ||
      kiji_ann_capital(st, w.start))
    return pos;
  return names_after(st, w.end, 0) > w.end ? names_after(st, w.end, 0) : pos;
}

/* An organisation's entry that ends a longer name (the lexicon's
** "European Commission" in "the Joint European Commission"): a name word
** that is no country touches it on the left. */
static int ends_longer_name(const ann_sent *st, const ann_hit *h) {
  ann_word w;
  return h->kind == AK_ORG && word_left(st, h->start, &w) && name_word(st, &w, NULL) == 1 &&
         entity_in(st, w.start, w.end, AK_COUNTRY) == NULL;
}

/* Whether the body mention m ends with "of Y" ("Department of
** Agriculture"). */
static int ends_with_of(const ann_sent *st, const kiji_mention *m) {
  ann_word w;
  size_t k, pos = m->span.end;
  for (k = 0; k < 4 && kiji_ann_word_before(st->s, m->span.start, pos, &w); k++, pos = w.start) {
    if (kiji_ann_word_is(st, &w, AW_OF_BODY)) return k > 0;
    if (!kiji_ann_capital(st, w.start)) return 0;
  }
  return 0;
}

/* Whether the word one space before pos may be a name word (capitalized,
** no function word), as a name that a body takes must start there: most
** bodies follow "the" or "The", and this asks less than names_before. */
static int capital_before(const ann_sent *st, size_t pos) {
  ann_word w;
  return kiji_ann_word_before(st->s, st->start, pos, &w) && pos - w.end == 1 &&
         st->s[w.end] == ' ' && kiji_ann_capital(st, w.start) &&
         !kiji_ann_word_is(st, &w, AW_NOT_NAME);
}

/* A lexicon body that is the start or the end of a longer name: "Department
** of Agriculture" in "the Department of Agriculture, Food and the Marine",
** "National Security Council" in "the Supreme National Security Council",
** the generic "Italian Ministry" in "the Italian Ministry of Ecological
** Transition". The mention takes the whole name and is the lexicon's body
** no more (no id or name); its country is a nationality's it holds or a
** possessive's before it ("Iran's"), else unknown. */
static void extend_bodies(ann_sent *st) {
  kiji_mention *m = st->doc->mentions.p;
  size_t i, end;
  for (i = st->first_mention; i < st->doc->mentions.n; i++) {
    const ann_hit *last;
    name_left n;
    int generic, moved = 0;
    if (m[i].kind != KIJI_KIND_OFFICIAL || strcmp(m[i].subtype, "body") != 0) continue;
    last = entity_in(st, m[i].span.end - 1, m[i].span.end, AK_BODY);
    generic = last && last->sub == AS_GENERIC && kiji_ann_capital(st, last->start);
    end = m[i].span.end;
    if (generic) {
      end = complement(st, end); /* "Italian Ministry" + "of Ecological Transition" */
    } else if (end < st->end && st->s[end] == ',' && ends_with_of(st, &m[i])) {
      end = names_after(st, end, 1); /* "Department of Agriculture" + ", Food and the Marine" */
      if (end > m[i].span.end) memset(&m[i].country, 0, sizeof m[i].country);
    }
    if (end > m[i].span.end) {
      kiji_ann_cover(st, m[i].span.end, end);
      m[i].span.end = end;
      moved = 1;
    }
    if (kiji_ann_capital(st, m[i].span.start) && capital_before(st, m[i].span.start) &&
        names_before(st, m[i].span.start, NULL, &n) && n.words > 0 && !n.headline &&
        !opens(st, n.start) && kiji_ann_hit_after(st->ent, st->nent, n.start) < st->nent &&
        st->ent[kiji_ann_hit_after(st->ent, st->nent, n.start)].start >= m[i].span.start) {
      /* "Supreme" + "National Security Council": name words, no entry */
      kiji_ann_cover(st, n.start, m[i].span.start);
      m[i].span.start = n.start;
      m[i].country = n.country;
      moved = 1;
    }
    if (moved) {
      memset(&m[i].id, 0, sizeof m[i].id);
      memset(&m[i].name, 0, sizeof m[i].name);
    }
  }
}

/* Whether a `no_name` phrase starts at a word of [start, end) and ends
** in it ("Box Office", "Travel Agency", "Customer Service Department"). */
static int no_name(const ann_sent *st, size_t start, size_t end) {
  ann_word w;
  size_t pos = start, e;
  while (kiji_ann_word_after(st->s, pos, end, &w)) {
    if ((e = kiji_ann_word_at(st, w.start, AW_NO_NAME)) != 0 && e <= end) return 1;
    pos = w.end;
  }
  return 0;
}

static int english_head(ann_sent *st, size_t hs, size_t he) {
  name_left n;
  ann_word head = {hs, he}, next;
  ann_after after;
  size_t end = he, start;
  int cap, ok;
  const ann_hit *own;
  kiji_mention *m;
  /* (most heads are a mention's: asked first, before the rest is read) */
  if (kiji_ann_covered(st, hs, he) || entity_in(st, hs, he, AK_TITLE)) return 1;
  own = foreign(st, hs, he, 0);
  cap = kiji_ann_capital(st, hs);
  if (own && (own->end != he || !cap || !ends_longer_name(st, own))) return 1;
  if ((!cap && !kiji_ann_word_is(st, &head, AW_STATE_HEAD)) || !names_before(st, hs, own, &n))
    return 1;
  if (cap) end = complement(st, he);
  after = kiji_ann_after_head(st, end, &next);
  if (after == ANN_AFTER_NOUN) return 1; /* "military hackers", "Department stores" */
  if (n.nationality) {
    ok = 1; /* "Italian presidency", "Taiwan's military", "French Competition Authority" */
  } else if (cap && (n.words > 0 || end > he)) {
    /* a proper name; a headline in capitals is none: a function word or a
    ** verb in capitals after it ("…Office In Tokyo"), one before it, or
    ** capitals from the line's start to its end ("Startup Opens Office") */
    ok = !n.headline &&
         !(after == ANN_AFTER_WORD && kiji_ann_capital(st, next.start) &&
           entity_in(st, next.start, next.end, AK_TITLE) == NULL) &&
         !(after == ANN_AFTER_NOTHING && opens(st, n.start));
  } else {
    ok = n.words > 0 && !opens(st, n.start) && /* "the Biden administration" */
         kiji_ann_word_is(st, &head, AW_LEADER_HEAD);
  }
  if (!ok || no_name(st, n.start, end)) return 1;
  start = n.words > 0 ? n.start : hs;
  if ((m = kiji_ann_mention(st, start, end, KIJI_KIND_OFFICIAL, "body")) == NULL) return 0;
  m->country = n.country;
  kiji_ann_cover(st, start, end);
  return 1;
}

/* ------------------------------------------------------------ Japanese */

static int name_ja(uint32_t c) { return (int)(SC_NAME_JA >> kiji_ann_script(c) & 1); }

/* The country a compound starts with: consecutive country entries of two
** characters or more from start (中国, 日米; not 英 of 英語). */
static int starts_with_country(const ann_sent *st, size_t start, size_t end, kiji_str *country) {
  size_t i = kiji_ann_hit_after(st->ent, st->nent, start), pos = start, n = 0;
  for (; i < st->nent && st->ent[i].start == pos && pos < end && st->ent[i].kind == AK_COUNTRY;
       i++) {
    if (n++ == 0)
      *country = st->ent[i].country;
    else if (st->ent[i].country.ptr == NULL || country->ptr == NULL ||
             st->ent[i].country.len != country->len ||
             memcmp(st->ent[i].country.ptr, country->ptr, country->len) != 0)
      country->ptr = NULL, country->len = 0; /* 日米: two countries, neither */
    pos = st->ent[i].end;
  }
  return pos - start >= 6; /* two characters at least */
}

static KIJI_NOINLINE int japanese_head(ann_sent *st, size_t a, size_t b) {
  size_t start = a, j, l, n;
  kiji_str country = {NULL, 0};
  int has_country;
  kiji_mention *m;
  if ((b < st->end && name_ja(kiji_ann_cp(st->s, b, st->end, &l))) || kiji_ann_covered(st, a, b))
    return 1; /* the compound goes on (局長, 部分), or is a mention */
  for (n = 0; n < MAX_COMPOUND && start > st->start; n++) {
    uint32_t c = kiji_ann_cp_before(st->s, st->start, start, &j);
    if (!name_ja(c)) break;
    if (kiji_ann_covered(st, j, start)) return 1; /* it qualifies a mention: 朝日新聞中国総局 */
    start = j;
  }
  if (start == a || (n == MAX_COMPOUND && start > st->start &&
                     name_ja(kiji_ann_cp_before(st->s, st->start, start, &j))))
    return 1; /* no compound, or one too long to tell */
  if (foreign(st, start, b, 1) || kiji_ann_word_at(st, start, AW_DEICTIC) ||
      kiji_ann_word_within(st, start, b, AW_NO_NAME, NULL) != KIJI_NONE)
    return 1; /* a party's or a paper's; 同局, 各省; 一部, 中国北部 */
  has_country = starts_with_country(st, start, b, &country);
  if (!has_country && kiji_ann_word_within(st, start, b, AW_GOV_ELEMENT_JA, NULL) == KIJI_NONE)
    return 1; /* 会議室, 郵便局, 組織委員会 */
  if ((m = kiji_ann_mention(st, start, b, KIJI_KIND_OFFICIAL, "body")) == NULL) return 0;
  if (has_country || country.ptr) m->country = country;
  kiji_ann_cover(st, start, b);
  return 1;
}

/* The heads are looked up where they can stand, one lookup each: an
** English word (less a possessive 's), the last characters of a Japanese
** compound (the head ends it: 局長 and 部分 are none). */

/* An inner mark (' - .) and whether an ASCII byte is a letter or a digit
** of any case: what goes on with a word (ann_text.c's word_after). */
static int inner_mark(unsigned char b) { return b == '\'' || b == '-' || b == '.'; }
static int ascii_latin(unsigned char b) {
  return (unsigned char)((b | 0x20) - 'a') < 26 || (unsigned char)(b - '0') < 10;
}

/* The word that starts at i, whose plain bytes run to e (e > i): where
** kiji_ann_word_after would end it, read here without the call when the
** plain bytes end it after all ("winter.", "Japan's", "long-"); 0 when a
** letter of another alphabet or a mark between letters goes on with it. */
static int word_end_near(const unsigned char *s, size_t i, size_t e, size_t end, size_t *w_end) {
  /* (past the sentence's end reads as a NUL: no letter, no mark) */
  unsigned char m = s[e], n = e + 1 < end ? s[e + 1] : 0, n2 = e + 2 < end ? s[e + 2] : 0;
  if (m >= 0x80 || !inner_mark(m)) return 0;
  if (n < 0x80 && !ascii_latin(n)) {
    if (m == '.' && e - i == 1) return 0; /* an initial: "m." goes on */
    *w_end = e;                           /* a mark that no letter follows */
    return 1;
  }
  if (m == '\'' && n == 's' && n2 < 0x80 && !ascii_latin(n2) && !inner_mark(n2)) {
    *w_end = e + 2; /* "japan's" */
    return 1;
  }
  return 0;
}

static unsigned ctz64(uint64_t x) {
#if defined(__GNUC__)
  return (unsigned)__builtin_ctzll(x);
#else
  unsigned n = 0;
  for (; !(x & 1); x >>= 1) n++;
  return n;
#endif
}

/* A byte of the folded view's plain words: a lowercase ASCII letter, a
** digit. */
static int plain_byte(unsigned char b) {
  return (unsigned char)(b - 'a') < 26 || (unsigned char)(b - '0') < 10;
}

/* 64 bytes of the view from base, a bit each (bit k: byte base + k),
** for the walk over the words: the plain bytes (the folded view's words:
** a lowercase ASCII letter, a digit; a capital is folded), and where the
** walk must stop. None past the sentence's end. */
typedef struct byte_window {
  size_t base;
  uint64_t plain, stops;
} byte_window;

/* The window at p (len: the view's, read up to, never past). A word
** stops the walk where it starts when it may be a head, at least lmin
** bytes of plain ones (a run that leaves the window may be), or when it
** may go on past its plain bytes: a mark (' - .) or a byte >= 0x80 in its
** first lmin; a byte >= 0x80 stops it too (the character it starts). The
** words between stops are plain, end at a space or a mark that ends them,
** and are shorter than any head: the walk passes them without a look. */
static inline void window_at(const unsigned char *s, size_t p, size_t end, size_t len,
                             unsigned lmin, byte_window *win) {
  unsigned char pad[64];
  const unsigned char *b = s + p;
  uint64_t plain = 0, high = 0, odd = 0, starts, longer, near;
  uint64_t keep = end - p >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << (end - p)) - 1;
  unsigned k;
  if (len - p < sizeof pad) { /* the view's last bytes, then none */
    memset(pad, 0, sizeof pad);
    memcpy(pad, s + p, len - p);
    b = pad;
  }
#if defined(__SSE2__)
  for (k = 0; k < 64; k += 16) { /* (signed compares: a byte >= 0x80 is below them all) */
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(b + k));
    __m128i lower = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('a' - 1)),
                                  _mm_cmplt_epi8(x, _mm_set1_epi8('z' + 1)));
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
                                  _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1)));
    __m128i mark = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\'')), _mm_cmpeq_epi8(x, _mm_set1_epi8('-'))),
        _mm_cmpeq_epi8(x, _mm_set1_epi8('.')));
    plain |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(lower, digit)) << k;
    high |= (uint64_t)(unsigned)_mm_movemask_epi8(x) << k;
    odd |= (uint64_t)(unsigned)_mm_movemask_epi8(mark) << k;
  }
#else
  for (k = 0; k < 64; k++) {
    if (plain_byte(b[k])) plain |= (uint64_t)1 << k;
    if (b[k] >= 0x80) high |= (uint64_t)1 << k;
    if (b[k] == '\'' || b[k] == '-' || b[k] == '.') odd |= (uint64_t)1 << k;
  }
#endif
  plain &= keep;
  high &= keep;
  odd = (odd | high) & keep;
  starts = plain & ~(plain << 1);
  longer = starts;
  near = 0;
  for (k = 1; k < lmin; k++) { /* (past the window: plain, for all it tells) */
    longer &= (plain >> k) | ~(~(uint64_t)0 >> k);
    near |= odd >> k;
  }
  win->base = p;
  win->plain = plain;
  win->stops = (starts & (longer | near)) | high;
}

/* The end of the plain bytes from pos (a plain byte in the window); those
** that run past it are read a byte at a time (the walk's next window
** starts where they end). */
static inline size_t plain_end(const unsigned char *s, size_t pos, size_t end,
                               const byte_window *win) {
  uint64_t z = ~win->plain >> (pos - win->base); /* (0: plain to the window's end) */
  if (z) return pos + ctz64(z);
  for (pos = win->base + 64; pos < end && plain_byte(s[pos]); pos++) continue;
  return pos;
}

/* Every word of the sentence in turn (past its end: the word before it
** ends there), each asked whether it is a body's head; but the plain
** words shorter than any head that end as plain words are passed by
** windows of 64 bytes (window_at). A plain word is read here, one that
** goes on past its plain bytes by kiji_ann_word_after; a byte >= 0x80 as
** the character it starts. Most words left fail the class's filter of
** first two bytes, before any call. */
static int english(ann_sent *st) {
  const unsigned char *s = st->s;
  const size_t end = st->end;
  const uint64_t *pairs = st->filters[AW_BODY_HEAD].pair;
  const uint64_t lengths = st->filters[AW_BODY_HEAD].lengths;
  const unsigned lmin = lengths == 0 || ctz64(lengths) >= 15 ? 16 : ctz64(lengths) + 1;
  size_t i = st->start, e, l, bare, len;
  byte_window win;
  ann_word w;
  extend_bodies(st);
  kiji_norm_text(st->doc->norm, &len);
  win.base = i - 64; /* (none yet: the loop's first window is at i) */
  win.plain = win.stops = 0;
  while (i < end) {
    uint64_t stops;
    unsigned g, at;
    if (i - win.base >= 64) window_at(s, i, end, len, lmin, &win);
    at = (unsigned)(i - win.base);
    stops = (win.stops >> at) | (win.plain >> at & 1); /* (i itself, when plain) */
    if (stops == 0) {
      i = win.base + 64;
      continue;
    }
    i += ctz64(stops);
    if (s[i] < 0x80) {
      w.start = i;
      w.end = e = plain_end(s, i, end, &win);
      if (e >= end || (s[e] < 0x80 && !inner_mark(s[e]))) { /* a plain word, its own bare form */
        i = e;
        g = kiji_ann_word_pair(s, w.start, e);
        if (!(pairs[g >> 6] >> (g & 63) & 1) || e - w.start > 64 ||
            !(lengths >> (e - w.start - 1) & 1))
          continue; /* (kiji_ann_word_is's first filters) */
        if (kiji_ann_word_is(st, &w, AW_BODY_HEAD) && !english_head(st, w.start, w.end)) return 0;
        continue;
      }
      if (!word_end_near(s, i, e, end, &w.end))
        kiji_ann_word_after(s, i, end, &w); /* (at an ASCII letter: w.start is i) */
    } else if (!kiji_ann_word_after(s, i, end, &w) || w.start != i) {
      kiji_ann_cp(s, i, end, &l);
      i += l;
      continue;
    }
    i = w.end;
    bare = kiji_ann_strip_possessive(s, w.start, w.end);
    g = kiji_ann_word_pair(s, w.start, bare);
    if (!(pairs[g >> 6] >> (g & 63) & 1)) continue; /* (kiji_ann_word_is's first filter) */
    w.end = bare;
    if (kiji_ann_word_is(st, &w, AW_BODY_HEAD) && !english_head(st, w.start, w.end)) return 0;
  }
  return 1;
}

/* A paper [start, end): a katakana name, then 紙 or 誌 at paper (where
** no entry took it: an outlet, a prefix, a generic; a country's name for
** all of it, ケニア紙; not タイ in マリタイム). */
static KIJI_NOINLINE int katakana_paper(ann_sent *st, size_t start, size_t paper, size_t end) {
  size_t h;
  kiji_mention *m;
  if (paper - start < 6 || kiji_ann_run_back(st->s, start, paper, 1u << SC_KATA, 16) != start ||
      kiji_ann_covered(st, start, end) || kiji_ann_word_at(st, start, AW_NO_NAME) == end)
    return 1; /* two katakana at least, and nothing else; a genre (スポーツ紙) */
  for (h = kiji_ann_hit_after(st->ent, st->nent, start); h < st->nent && st->ent[h].start < end;
       h++)
    if (st->ent[h].kind != AK_COUNTRY || (st->ent[h].start == start && st->ent[h].end == paper))
      return 1;
  h = kiji_ann_hit_after(st->cue, st->ncue, start);
  if (h < st->ncue && st->cue[h].start < end) return 1; /* フェイクニュース */
  if ((m = kiji_ann_mention(st, start, end, KIJI_KIND_OUTLET, "newspaper")) == NULL) return 0;
  kiji_ann_cover(st, start, end);
  return 1;
}

/* Whether the code point c is kanji (1) or katakana (2) or neither (0). */
static int compound_class(int32_t c) {
  switch (kiji_script_of(c)) {
    case KIJI_SCRIPT_HAN: return 1;
    case KIJI_SCRIPT_KATAKANA: return 2;
    default: return 0;
  }
}

/* What the character at i is to a compound (compound_class) when its
** block does not tell (told_by_block, below), and its length. */
static int compound_char(const unsigned char *s, size_t i, size_t end, size_t *len) {
  int32_t c;
  if (s[i] < 0x80) { /* (no kanji, no katakana) */
    *len = 1;
    return 0;
  }
  c = kiji_utf8_decode(s + i, end - i, len);
  if (c < 0) {
    *len = 1;
    return 0;
  }
  return compound_class(c);
}

/* (Read from kiji_script_of's table a row of 256 code points at a time:
** rows repeat, the kanji's most.) */
void kiji_ann_compound_blocks(unsigned char *blocks) {
  size_t hi, k, j, rows = 0, last = (size_t)-1;
  unsigned char of_row[4] = {0, 0, 0, 0};
  for (hi = 0; hi < ANN_BMP_BLOCKS / 4; hi++) {
    size_t row = kiji_unitab_stage1[hi];
    const uint8_t *r = kiji_unitab_script + row * KIJI_UNITAB_BLOCK;
    if (row != last) {
      for (k = 0; k < 4; k++) {
        unsigned seen = 0; /* 1 another script, 2 kanji, 4 katakana */
        for (j = 64 * k; j < 64 * (k + 1); j++)
          seen |= r[j] == KIJI_SCRIPT_HAN ? 2u : r[j] == KIJI_SCRIPT_KATAKANA ? 4u : 1u;
        of_row[k] = (unsigned char)(seen == 1 ? 1 : seen == 2 ? 2 : seen == 4 ? 3 : 0);
      }
      last = row;
    }
    for (k = 0; k < 4; k++) {
      unsigned char *v = &blocks[4 * hi + k];
      /* (E0 and ED start characters of three bytes that decoding checks
      ** further: those blocks are asked) */
      *v = hi < 0x10 || hi >> 4 == 0xD ? 0 : of_row[k];
      if (*v == 0 && hi >= 0x10 && hi >> 4 != 0xD && rows < ANN_MIXED_BLOCKS) {
        unsigned char *cp = blocks + ANN_BMP_BLOCKS + 64 * rows; /* each code point's */
        for (j = 0; j < 64; j++)
          cp[j] = r[64 * k + j] == KIJI_SCRIPT_HAN        ? 2
                  : r[64 * k + j] == KIJI_SCRIPT_KATAKANA ? 3
                                                          : 1;
        *v = (unsigned char)(4 + rows++);
      }
    }
  }
  for (; rows < ANN_MIXED_BLOCKS; rows++) memset(blocks + ANN_BMP_BLOCKS + 64 * rows, 0, 64);
}

/* What the character of three bytes at i is to a compound when its
** block tells (kana, kanji: the view's Japanese mostly): 1 +
** compound_class, from kiji_ann_compound_blocks; 0 when the block does
** not tell or it is no such character (ask compound_char). The view is
** well-formed UTF-8 (the normalizer's, or a text it found so): a lead
** byte of three bytes starts a character of three, no byte of which is
** asked again; the masks keep the lookups in the table all the same. */
static inline unsigned told_by_block(const unsigned char *s, size_t i, size_t end,
                                     const unsigned char *blocks) {
  unsigned in;
  if (end - i < 3 || (s[i] & 0xF0) != 0xE0) return 0;    /* (the end first: none read past it) */
  in = blocks[(s[i] & 0x0Fu) << 6 | (s[i + 1] & 0x3Fu)]; /* (its block: c >> 6) */
  if (in >= 4) in = blocks[ANN_BMP_BLOCKS + 64 * (in - 4) + (s[i + 2] & 0x3Fu)];
  return in;
}

/* The compound [run, i), whose last character starts at last: a body by
** its head, else (when it starts in katakana) a paper by 紙 / 誌. One
** of a single character, or that ends in a mention, is neither
** (japanese_head would find no more than a head, or a head covered;
** katakana_paper no name, or a name covered): no word is looked up. */
static int compound(ann_sent *st, size_t run, size_t last, size_t i, int kata) {
  size_t n, b;
  uint32_t c;
  int body, paper;
  if (last == run) return 1;
  c = kiji_ann_cp(st->s, last, st->end, &n);
  body = kiji_ann_may_end(st, c, AW_BODY_SUFFIX_JA);
  paper = kata && kiji_ann_may_end(st, c, AW_PAPER_SUFFIX);
  if ((!body && !paper) || kiji_ann_covered(st, last, i))
    return 1; /* (most compounds end with no head's character) */
  if (body && (b = kiji_ann_word_ending(st, run, i, AW_BODY_SUFFIX_JA)) != KIJI_NONE)
    return japanese_head(st, b, i);
  if (paper && (b = kiji_ann_word_ending(st, run, i, AW_PAPER_SUFFIX)) != KIJI_NONE)
    return katakana_paper(st, run, b, i);
  return 1;
}

/* What the character at i < end is to a compound (compound_class), and
** its length: its block first. */
static int compound_at(const unsigned char *s, size_t i, size_t end, const unsigned char *blocks,
                       size_t *len) {
  unsigned told = told_by_block(s, i, end, blocks);
  if (told != 0) {
    *len = 3;
    return (int)told - 1;
  }
  return compound_char(s, i, end, len);
}

/* The compound whose last character starts at p, when the character there
** ends one (it is of a compound, and the next is of none), as the walk
** over every compound finds it: the view is well-formed UTF-8, so its
** characters read the same backwards. */
static int compound_ending(ann_sent *st, size_t p, const unsigned char *blocks) {
  const unsigned char *s = st->s;
  size_t run = p, i, j, l;
  int in, before;
  if ((in = compound_at(s, p, st->end, blocks, &l)) == 0) return 1;
  if ((i = p + l) < st->end && compound_at(s, i, st->end, blocks, &l) != 0) return 1;
  while (run > st->start) {
    if (run - st->start >= 3 && (s[run - 3] & 0xF0) == 0xE0)
      j = run - 3; /* (a kana or kanji, the most) */
    else
      for (j = run - 1; j > st->start && kiji_utf8_is_cont(s[j]);) j--;
    if ((before = compound_at(s, j, st->end, blocks, &l)) == 0 || j + l != run) break;
    run = j;
    in = before;
  }
  return compound(st, run, p, i, in == 2);
}

/* The compounds that may end with a head or 紙 / 誌 (compound), in text
** order, when those end with kana or kanji only: found by their last
** character's lead byte (of few: the heads' are kanji) and block, so most
** characters are passed by 16 bytes at a time. The compounds that end
** with another character are passed unread: compound would find nothing
** in them. */
static int by_word_ends(ann_sent *st, const ann_word_ends *body, const ann_word_ends *paper,
                        const unsigned char *blocks) {
  const unsigned char *s = st->s;
  const size_t end = st->end;
  unsigned lo = body->lo && (!paper->lo || body->lo < paper->lo) ? body->lo : paper->lo;
  unsigned hi = body->hi > paper->hi ? body->hi : paper->hi, k;
  uint64_t ends[16]; /* (the blocks of either's last characters) */
  size_t q, len;
#if defined(__SSE2__) /* (signed compares: a lead byte is below every ASCII byte) */
  const __m128i above = _mm_set1_epi8((char)(lo - 1)), below = _mm_set1_epi8((char)(hi + 1));
#endif
  if (lo == 0 || end - st->start < 3) return 1; /* (no word of either ends with a kana or kanji) */
  for (k = 0; k < 16; k++) ends[k] = body->blocks[k] | paper->blocks[k];
  kiji_norm_text(st->doc->norm, &len);
  for (q = st->start; q < end - 2; q += 16) {
    unsigned char pad[16];
    const unsigned char *b = s + q;
    uint64_t leads = 0;
    if (len - q < sizeof pad) { /* the view's last bytes, then none */
      memset(pad, 0, sizeof pad);
      memcpy(pad, s + q, len - q);
      b = pad;
    }
#if defined(__SSE2__)
    {
      __m128i x = _mm_loadu_si128((const __m128i *)(const void *)b);
      leads = (unsigned)_mm_movemask_epi8(
          _mm_and_si128(_mm_cmpgt_epi8(x, above), _mm_cmplt_epi8(x, below)));
    }
#else
    for (k = 0; k < 16; k++)
      if (b[k] >= lo && b[k] <= hi) leads |= (uint64_t)1 << k;
#endif
    if (end - 2 - q < 16) leads &= ((uint64_t)1 << (end - 2 - q)) - 1; /* (whole characters) */
    for (; leads; leads &= leads - 1) {
      size_t p = q + ctz64(leads);
      k = (s[p] & 0x0Fu) << 6 | (s[p + 1] & 0x3Fu); /* (its block) */
      if ((ends[k >> 6] >> (k & 63) & 1) && !compound_ending(st, p, blocks)) return 0;
    }
  }
  return 1;
}

/* Each compound of the sentence, in turn: the characters out of any are
** passed by one loop, those of one by another; each asks its block
** first (told_by_block: most are told), else compound_char. (When the
** heads and 紙 / 誌 end with kana or kanji, as the lexicon's do, only the
** compounds that may end with one: by_word_ends.) */
static int japanese(ann_sent *st) {
  static const unsigned char ask[ANN_COMPOUND_BLOCKS]; /* (no blocks: each asked) */
  const unsigned char *s = st->s, *blocks = st->compounds ? st->compounds : ask;
  const size_t end = st->end;
  const ann_word_ends *body = kiji_ann_word_ends(st->words, AW_BODY_SUFFIX_JA),
                      *paper = kiji_ann_word_ends(st->words, AW_PAPER_SUFFIX);
  size_t i = st->start, l, run, last;
  unsigned told;
  int in;
  if (!body->other && !paper->other) return by_word_ends(st, body, paper, blocks);
  for (;;) {
    for (;; i += l) {
      if ((told = told_by_block(s, i, end, blocks)) == 1) {
        l = 3;
        continue;
      }
      if (told != 0) {
        in = (int)told - 1;
        l = 3;
        break;
      }
      if (i >= end) return 1;
      if ((in = compound_char(s, i, end, &l)) != 0) break;
    }
    run = i;
    for (;;) {
      last = i;
      i += l;
      if ((told = told_by_block(s, i, end, blocks)) > 1) {
        l = 3;
        continue;
      }
      if (told == 1) {
        l = 3;
        break;
      }
      if (i >= end || !compound_char(s, i, end, &l)) break;
    }
    if (!compound(st, run, last, i, in == 2)) return 0;
    if (i < end) i += l; /* (the character that ended it: none) */
  }
}

int kiji_ann_open_mentions(ann_sent *st) {
  if (!kiji_ann_cover_mentions(st)) return 0;
  return st->ja ? japanese(st) : english(st);
}
