/*
** words.c -- the words the rules consult (plugin/lexicon/words.tsv, kind
** `word`, and any word a caller's dictionary adds), looked up on the view.
**
** A rule asks "is the word here of class X": the bytes of the view there
** are looked up in a table of every word's match form, built once per
** annotator from the dictionaries' `word` entries and shared read-only.
** No scan runs over the words: each is one lookup where a rule stands,
** instead of a hit wherever it occurs (the, of, の, に are everywhere).
*/
#include <string.h>

#include "ann.h"
#include "ann_text.h"
#include "base/utf8.h"
#include "word_ends.h"

/* In ann_word_class order: the subtypes of kind `word`. */
#define KIJI_AW_NAME(e, name) name,
static const char *const class_names[AW_COUNT] = {KIJI_WORD_CLASSES(KIJI_AW_NAME)};
#undef KIJI_AW_NAME

#define MAX_WORD 64 /* bytes of a word's match form; longer ones are no word */
#define FIRSTS 4    /* a class with this many first characters is searched by them */

typedef struct slot {
  uint32_t off, len; /* the key in the pool; len 0: empty */
  uint64_t word;     /* key_word of the key */
  ann_classes classes;
} slot;

struct ann_words {
  slot *slots;
  size_t mask; /* slots - 1 (a power of two) */
  char *pool;
  size_t pool_len;
  uint64_t lengths;   /* bit k: a word of k + 1 bytes exists */
  uint64_t first[64]; /* bit c % 4096: a word may start with code point c */
  /* per class: a 64-bit filter of first code points (of last ones: the
  ** filter's `last`) */
  uint64_t class_first[AW_COUNT];
  /* per class: its lengths and (first, last character, length) signatures */
  ann_class_filter filter[AW_COUNT];
  unsigned char class_max[AW_COUNT];
  /* per class: the bytes its words start with (a search skips the others) */
  uint32_t class_lead[AW_COUNT][8];
  /* per class: the first two bytes of its words that start with a
  ** three-byte character (kana, kanji: the block of 64 it is in) */
  uint64_t class_block[AW_COUNT][16];
  /* per class: its words' first characters, when they are at most
  ** FIRSTS, all of three bytes (同, 氏, さ); nfirst FIRSTS + 1: more, or
  ** others */
  unsigned char class_firsts[AW_COUNT][FIRSTS][3];
  unsigned char class_nfirst[AW_COUNT];
  /* per class: the characters its words end with (word_ends.h) */
  ann_word_ends class_ends[AW_COUNT];
};

/* A three-byte character's block: the low bits of its first two bytes. */
static unsigned block_of(const unsigned char *p) { return (p[0] & 0x0Fu) << 6 | (p[1] & 0x3Fu); }


/* The n > 0 bytes at p as one word, read with no byte outside them: for
** n <= 8 the bytes themselves (two loads that overlap, or three bytes,
** as n tells), so that a key that long is matched by its word and length
** alone; for a longer one its first and last eight, mixed. */
static inline uint64_t key_word(const unsigned char *p, size_t n) {
  uint64_t x, y;
  uint32_t a, b;
  if (n >= 8) {
    memcpy(&x, p, 8);
    memcpy(&y, p + n - 8, 8);
    return n == 8 ? x : x ^ (y << 1 | y >> 63);
  }
  if (n >= 4) {
    memcpy(&a, p, 4);
    memcpy(&b, p + n - 4, 4);
    return (uint64_t)b << 32 | a;
  }
  return (uint64_t)p[0] | (uint64_t)p[n >> 1] << 8 | (uint64_t)p[n - 1] << 16;
}

static size_t hash(uint64_t word, size_t n) {
  uint64_t h = (word ^ n) * UINT64_C(0x9E3779B97F4A7C15);
  return (size_t)(h ^ h >> 29);
}

/* Whether the n bytes at a and b are the same: a word is short, and a
** loop costs less than a call to memcmp. */
static int same(const char *a, const unsigned char *b, size_t n) {
  size_t k;
  for (k = 0; k < n; k++)
    if ((unsigned char)a[k] != b[k]) return 0;
  return 1;
}

/* The slot of key p[0..n), n > 0: its own, or the empty one it would
** take. A word and a length that match are the key up to 8 bytes. */
static slot *find(const ann_words *w, const unsigned char *p, size_t n) {
  uint64_t word = key_word(p, n);
  size_t i = hash(word, n) & w->mask;
  for (;; i = (i + 1) & w->mask) {
    slot *s = &w->slots[i];
    if (s->len == 0 || (s->len == n && s->word == word && (n <= 8 || same(w->pool + s->off, p, n))))
      return s;
  }
}

/* The classes named in a payload's classes=a,b,... and subtype=; whether
** there is any. */
static int classes_in(const char *p, size_t n, ann_classes *set) {
  int any = 0;
  size_t i = 0;
  memset(set, 0, sizeof *set);
  while (i < n) {
    size_t j = i, k, v;
    while (j < n && p[j] != ';') j++;
    v = j - i > 8 && memcmp(p + i, "classes=", 8) == 0   ? i + 8
        : j - i > 8 && memcmp(p + i, "subtype=", 8) == 0 ? i + 8
                                                         : j;
    while (v < j) {
      size_t e = v;
      while (e < j && p[e] != ',') e++;
      for (k = 0; k < AW_COUNT; k++)
        if (class_names[k][0] == p[v] && strlen(class_names[k]) == e - v &&
            memcmp(class_names[k], p + v, e - v) == 0) { /* (the first letter first: 76 names) */
          set->bits[k / 64] |= (uint64_t)1 << (k % 64);
          any = 1;
        }
      v = e + 1;
    }
    i = j + 1;
  }
  return any;
}

/* The first character of a class's word, kept while the class has few,
** all of three bytes. */
static void add_first(ann_words *w, size_t cls, const unsigned char *key, size_t klen) {
  unsigned n = w->class_nfirst[cls], i;
  size_t l;
  if (n > FIRSTS) return;
  if (klen < 3 || (key[0] & 0xF0) != 0xE0 || (kiji_ann_cp(key, 0, klen, &l), l != 3)) {
    w->class_nfirst[cls] = FIRSTS + 1;
    return;
  }
  for (i = 0; i < n; i++)
    if (memcmp(w->class_firsts[cls][i], key, 3) == 0) return;
  if (n == FIRSTS) {
    w->class_nfirst[cls] = FIRSTS + 1;
    return;
  }
  memcpy(w->class_firsts[cls][n], key, 3);
  w->class_nfirst[cls] = (unsigned char)(n + 1);
}

/* The last character of a class's word, of n bytes at c, into what the
** class's words end with. */
static void add_end(ann_word_ends *ends, const unsigned char *c, size_t n) {
  unsigned b;
  if (n != 3 || (c[0] & 0xF0) != 0xE0) {
    ends->other = 1;
    return;
  }
  b = block_of(c);
  ends->blocks[b >> 6] |= (uint64_t)1 << (b & 63);
  if (ends->lo == 0 || c[0] < ends->lo) ends->lo = c[0];
  if (c[0] > ends->hi) ends->hi = c[0];
}

static int is_word(const kiji_dict *d, size_t e, kiji_entry *ent) {
  return kiji_dict_entry(d, e, ent) == KIJI_OK && strcmp(ent->kind, "word") == 0;
}

/* Every `word` entry of d, by its match form, into the table (grown by
** the caller to fit); 0 when out of memory. */
static int add_dict(ann_words *w, const kiji_dict *d, kiji_norm *norm, size_t *pool_cap) {
  size_t e, n = kiji_dict_count(d);
  kiji_norm_options no = KIJI_NORM_OPTIONS_INIT;
  no.map = 0;
  for (e = 0; e < n; e++) {
    kiji_entry ent;
    const char *key;
    size_t klen, l, k, last_at;
    uint32_t first, last;
    ann_classes classes;
    slot *s;
    kiji_status st;
    if (!is_word(d, e, &ent) || !classes_in(ent.payload, ent.payload_len, &classes)) continue;
    if ((st = kiji_normalize(norm, ent.surface, ent.surface_len, &no)) != KIJI_OK) {
      if (st == KIJI_ENOMEM) return 0;
      continue;
    }
    key = kiji_norm_text(norm, &klen);
    if (klen == 0 || klen > MAX_WORD) continue;
    first = kiji_ann_cp((const unsigned char *)key, 0, klen, &l);
    last = kiji_ann_cp_before((const unsigned char *)key, 0, klen, &last_at);
    s = find(w, (const unsigned char *)key, klen);
    if (s->len == 0) {
      if (!kiji_grow((void **)&w->pool, pool_cap, w->pool_len + klen, 1)) return 0;
      memcpy(w->pool + w->pool_len, key, klen);
      s->off = (uint32_t)w->pool_len;
      s->len = (uint32_t)klen;
      s->word = key_word((const unsigned char *)key, klen);
      w->pool_len += klen;
      w->lengths |= (uint64_t)1 << (klen - 1);
      w->first[(first & 4095) >> 6] |= (uint64_t)1 << (first & 63);
    }
    for (k = 0; k < sizeof classes.bits / sizeof classes.bits[0]; k++)
      s->classes.bits[k] |= classes.bits[k];
    for (k = 0; k < AW_COUNT; k++)
      if (AW_IN(classes, k)) {
        w->class_first[k] |= kiji_ann_char_bit(first);
        w->filter[k].last |= kiji_ann_char_bit(last);
        w->filter[k].lengths |= (uint64_t)1 << (klen - 1);
        {
          unsigned g = kiji_ann_word_sig(first, last, klen);
          w->filter[k].sig[g >> 6] |= (uint64_t)1 << (g & 63);
        }
        {
          unsigned g = kiji_ann_word_pair((const unsigned char *)key, 0, klen);
          w->filter[k].pair[g >> 6] |= (uint64_t)1 << (g & 63);
        }
        w->class_lead[k][(unsigned char)key[0] >> 5] |= (uint32_t)1 << ((unsigned char)key[0] & 31);
        if (((unsigned char)key[0] & 0xF0) == 0xE0) {
          unsigned b = klen >= 2 ? block_of((const unsigned char *)key) : 0;
          if (klen >= 2)
            w->class_block[k][b >> 6] |= (uint64_t)1 << (b & 63);
          else /* (no such key in a normalized lexicon: any block, then) */
            w->class_block[k][(unsigned char)key[0] & 0x0F] = ~(uint64_t)0;
        }
        if (klen > w->class_max[k]) w->class_max[k] = (unsigned char)klen;
        add_first(w, k, (const unsigned char *)key, klen);
        add_end(&w->class_ends[k], (const unsigned char *)key + last_at, klen - last_at);
      }
  }
  return 1;
}

/* The dictionary i of the built-in words (i == 0) and the caller's. */
static const kiji_dict *dict_at(const kiji_dict *builtin, const kiji_dict *const *extra, size_t i) {
  return i == 0 ? builtin : extra[i - 1];
}

ann_words *kiji_ann_words_new(const kiji_dict *builtin, const kiji_dict *const *extra,
                              size_t n_extra) {
  ann_words *w = kiji_alloc(sizeof *w);
  kiji_norm *norm = kiji_norm_new();
  size_t i, e, total = 0, cap = 16, pool_cap = 0;
  int ok = w != NULL && norm != NULL;
  kiji_entry ent;
  if (w) memset(w, 0, sizeof *w);
  for (i = 0; ok && i <= n_extra; i++) {
    const kiji_dict *d = dict_at(builtin, extra, i);
    for (e = kiji_dict_count(d); e-- > 0;) total += (size_t)is_word(d, e, &ent);
  }
  while (ok && cap < 2 * total) cap *= 2; /* at most half full */
  if (ok && (w->slots = kiji_alloc(cap * sizeof *w->slots)) == NULL) ok = 0;
  if (ok) {
    memset(w->slots, 0, cap * sizeof *w->slots);
    w->mask = cap - 1;
  }
  for (i = 0; ok && i <= n_extra; i++)
    ok = add_dict(w, dict_at(builtin, extra, i), norm, &pool_cap);
  kiji_norm_free(norm);
  if (!ok) {
    kiji_ann_words_free(w);
    return NULL;
  }
  return w;
}

void kiji_ann_words_free(ann_words *w) {
  if (w == NULL) return;
  kiji_dealloc(w->slots);
  kiji_dealloc(w->pool);
  kiji_dealloc(w);
}

/* The classes of the view's bytes [start, end) as one word. */
static ann_classes classes_of(const ann_sent *st, size_t start, size_t end) {
  static const ann_classes no_class;
  const ann_words *w = st->words;
  size_t n = end - start;
  const slot *s;
  if (n == 0 || n > MAX_WORD || !(w->lengths >> (n - 1) & 1)) return no_class;
  s = find(w, st->s + start, n);
  return s->len ? s->classes : no_class;
}

/* The character that ends at i (after floor), and where it starts: an
** ASCII byte or a kanji or kana's three bytes at once, else as
** kiji_ann_cp_before reads it. */
static uint32_t char_before(const unsigned char *s, size_t floor, size_t i, size_t *start) {
  size_t l;
  int32_t c;
  if (i > floor && s[i - 1] < 0x80) {
    *start = i - 1;
    return s[i - 1];
  }
  if (i >= floor + 3 && (s[i - 3] & 0xF0) == 0xE0 &&
      (c = kiji_utf8_decode(s + i - 3, 3, &l)) >= 0 && l == 3) {
    *start = i - 3;
    return (uint32_t)c;
  }
  return kiji_ann_cp_before(s, floor, i, start);
}

/* The document's memo of words (word_classes), made at the first Latin
** word asked about; NULL when out of memory. */
static KIJI_NOINLINE ann_word_memo *memo_made(kiji_doc *doc) {
  size_t k;
  if ((doc->words_seen = kiji_alloc(ANN_WORD_MEMO * sizeof *doc->words_seen)) != NULL)
    for (k = 0; k < ANN_WORD_MEMO; k++) doc->words_seen[k].end = 0;
  return doc->words_seen;
}

/* A Latin word's classes, remembered by where it starts: the English
** rules ask about the same word many times, a class at a time. (Inline
** in its two callers: a call cost as much as a word remembered.) */
static inline ann_classes word_classes(const ann_sent *st, const ann_word *w) {
  ann_word_memo *m = st->doc->words_seen;
  if (m == NULL && (m = memo_made(st->doc)) == NULL)
    return classes_of(st, w->start, w->end); /* no memory for it: ask each time */
  m += w->start % ANN_WORD_MEMO;
  if (m->end != w->end ||
      m->start != w->start) { /* (end first: an empty slot's is 0, its start unset) */
    m->start = w->start;
    m->end = w->end;
    m->classes = classes_of(st, w->start, w->end);
  }
  return m->classes;
}

/* Whether a word of n bytes may be of class cls, by its length alone;
** from first to last character, by its signature too. */
static inline int long_as(const ann_words *w, int cls, size_t n) {
  return n > 0 && n <= MAX_WORD && (w->filter[cls].lengths >> (n - 1) & 1);
}

static inline int signed_in(const ann_words *w, int cls, uint32_t first, uint32_t last, size_t n) {
  return kiji_ann_filter_passes(&w->filter[cls], first, last, n);
}

/* Whether w may be of class cls: its length and its (first, last
** character, length) signature pass the class's filters. Most words of a
** text fail here, before any lookup. */
static int may_be(const ann_sent *st, const ann_word *w, int cls) {
  size_t n = w->end - w->start, l;
  uint32_t first, last;
  if (!long_as(st->words, cls, n)) return 0;
  first = st->s[w->start] < 0x80 ? st->s[w->start] : kiji_ann_cp(st->s, w->start, w->end, &l);
  last = char_before(st->s, w->start, w->end, &l);
  return signed_in(st->words, cls, first, last, n);
}

const ann_class_filter *kiji_ann_word_filters(const ann_words *w) { return w->filter; }

/* (kiji_ann_word_is has passed a word with ASCII ends through may_be's
** filters already: such a word is looked up at once.) */
int kiji_ann_word_lookup(const ann_sent *st, const ann_word *w, int cls) {
  if (w->end <= w->start) return 0;
  if ((st->s[w->start] | st->s[w->end - 1]) >= 0x80 && !may_be(st, w, cls)) return 0;
  return AW_IN(word_classes(st, w), cls);
}

ann_classes kiji_ann_word_classes(const ann_sent *st, const ann_word *w) {
  return word_classes(st, w);
}

/* Whether a Latin word would go on across pos (the lexicon's Latin words
** match whole words only). */
static int inside_latin(const ann_sent *st, size_t pos) {
  size_t l, j;
  if (pos <= st->start || pos >= st->end) return 0;
  return kiji_ann_script(kiji_ann_cp_before(st->s, st->start, pos, &j)) == SC_LATIN &&
         kiji_ann_script(kiji_ann_cp(st->s, pos, st->end, &l)) == SC_LATIN;
}

/* kiji_ann_word_at past the filters of its first character c, of l bytes. */
static KIJI_NOINLINE size_t word_at_from(const ann_sent *st, size_t pos, int cls, uint32_t c,
                                         size_t l) {
  const ann_words *w = st->words;
  size_t end, best = 0;
  uint32_t last;
  /* each end's (first, last, length) filter before its lookup; whether
  ** pos is inside a Latin word only once one is found; a word whose last
  ** (first) character is no Latin letter goes on across no Latin word */
  for (end = pos + l, last = c;; end += l) {
    if (signed_in(w, cls, c, last, end - pos) && AW_IN(classes_of(st, pos, end), cls) &&
        (kiji_ann_script(last) != SC_LATIN || !inside_latin(st, end)))
      best = end;
    if (end >= st->end || end - pos >= w->class_max[cls]) break;
    last = kiji_ann_cp(st->s, end, st->end, &l);
  }
  return best && (kiji_ann_script(c) != SC_LATIN || !inside_latin(st, pos)) ? best : 0;
}

/* (Most places fail the first character's filters: those return before
** the loop's frame is set up.) */
size_t kiji_ann_word_at(const ann_sent *st, size_t pos, int cls) {
  const ann_words *w = st->words;
  size_t l;
  uint32_t c;
  if (pos >= st->end) return 0;
  c = kiji_ann_cp(st->s, pos, st->end, &l);
  if (!(w->class_first[cls] & kiji_ann_char_bit(c)) || !(w->first[(c & 4095) >> 6] >> (c & 63) & 1))
    return 0;
  return word_at_from(st, pos, cls, c, l);
}


size_t kiji_ann_word_ending(const ann_sent *st, size_t floor, size_t pos, int cls) {
  const ann_words *w = st->words;
  size_t start, best = KIJI_NONE;
  uint32_t c, last;
  if (pos <= floor) return best;
  last = c = char_before(st->s, floor, pos, &start);
  /* (a word that ends or starts with no Latin letter is inside no Latin word) */
  if (!kiji_ann_may_end(st, c, cls) || (kiji_ann_script(c) == SC_LATIN && inside_latin(st, pos)))
    return best;
  for (;;) { /* each start back from the last character's, which is read once */
    if (signed_in(w, cls, c, last, pos - start) && AW_IN(classes_of(st, start, pos), cls) &&
        (kiji_ann_script(c) != SC_LATIN || !inside_latin(st, start)))
      best = start;
    if (start <= floor || pos - start >= w->class_max[cls]) return best;
    c = char_before(st->s, floor, start, &start);
  }
}

/* The first place in [from, lim) that holds the three bytes f, ending by
** to, or lim: memchr for the third, a continuation byte, rarer than a
** lead. */
static size_t first_at(const ann_sent *st, const unsigned char *f, size_t from, size_t lim,
                       size_t to) {
  const unsigned char *s = st->s, *p;
  size_t i = from + 2, stop = lim + 2 < to ? lim + 2 : to;
  while (i < stop && (p = memchr(s + i, f[2], stop - i)) != NULL) {
    i = (size_t)(p - s);
    if (s[i - 2] == f[0] && s[i - 1] == f[1]) return i - 2;
    i++;
  }
  return lim;
}

/* kiji_ann_word_within for a class of few first characters: each found
** by first_at, in text order; every word of the class starts with one,
** so no other place can hold one. Each is looked for only up to the
** nearest found so far (next[k]: none of it before), within a window that
** doubles from `from` while none is found: so a call reads at most about
** twice as far as the word it returns (or the first window), for every
** first, and a caller's loop over a sentence stays linear however far one
** first is from the other (many さん and one 氏). The first window holds
** most sentences whole: each window is a memchr per first. */
static size_t within_by_firsts(const ann_sent *st, size_t from, size_t to, int cls, size_t *end) {
  const ann_words *w = st->words;
  unsigned n = w->class_nfirst[cls], k;
  size_t next[FIRSTS], e, window = 256;
  for (k = 0; k < n; k++) next[k] = from;
  for (;;) {
    size_t bound = to - from > window ? from + window : to, p = bound;
    for (k = 0; k < n; k++) {
      const unsigned char *f = w->class_firsts[cls][k];
      if (next[k] < p && !(next[k] + 3 <= to && memcmp(st->s + next[k], f, 3) == 0))
        next[k] = first_at(st, f, next[k], p, to);
      if (next[k] < p) p = next[k];
    }
    if (p >= bound) { /* none in the window: widen it, or none at all */
      if (bound >= to) return KIJI_NONE;
      window *= 2;
      continue;
    }
    if ((e = kiji_ann_word_at(st, p, cls)) != 0 && e <= to) {
      if (end) *end = e;
      return p;
    }
    for (k = 0; k < n; k++)
      if (next[k] == p) next[k] = p + 1;
  }
}

size_t kiji_ann_word_within(const ann_sent *st, size_t from, size_t to, int cls, size_t *end) {
  const uint32_t *lead = st->words->class_lead[cls];
  const uint64_t *block = st->words->class_block[cls];
  const unsigned char *s = st->s;
  size_t e;
  /* byte by byte: a word starts with a lead byte of its class, so a byte
  ** outside the set is passed at once; a kana or kanji (E0-EF and two
  ** continuation bytes) whose block starts none is passed whole, unless
  ** the class has a word that starts with a continuation byte */
  int whole = (lead[0x80 >> 5] | lead[0xA0 >> 5]) == 0;
  const ann_words *w = st->words;
  if (w->class_nfirst[cls] >= 1 && w->class_nfirst[cls] <= FIRSTS)
    return within_by_firsts(st, from, to, cls, end);
  for (; from < to; from++) {
    unsigned char b = s[from];
    size_t l;
    uint32_t c;
    if ((b & 0xF0) == 0xE0 && from + 2 < to && (s[from + 1] & 0xC0) == 0x80 &&
        (s[from + 2] & 0xC0) == 0x80) {
      unsigned k = block_of(s + from);
      if (!(block[k >> 6] >> (k & 63) & 1)) {
        if (whole) from += 2;
        continue;
      }
    } else if (!(lead[b >> 5] >> (b & 31) & 1))
      continue;
    /* the character's own filters before the lookup: in Japanese almost
    ** every lead byte passes the first */
    c = kiji_ann_cp(st->s, from, to, &l);
    if (!(w->class_first[cls] & kiji_ann_char_bit(c)) ||
        !(w->first[(c & 4095) >> 6] >> (c & 63) & 1)) {
      from += l - 1;
      continue;
    }
    if ((e = kiji_ann_word_at(st, from, cls)) != 0 && e <= to) {
      if (end) *end = e;
      return from;
    }
  }
  return KIJI_NONE;
}

const ann_word_ends *kiji_ann_word_ends(const ann_words *w, int cls) { return &w->class_ends[cls]; }

size_t kiji_ann_report_clause_ja(const ann_sent *st, size_t pos) {
  size_t e = kiji_ann_word_at(st, pos, AW_REPORT_VERB_JA), l;
  if (e == 0 || e >= st->end) return 0;
  return (SC_NAME_JA >> kiji_ann_script(kiji_ann_cp(st->s, e, st->end, &l))) & 1 ? e : 0;
}
