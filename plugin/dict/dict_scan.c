/*
** dict_scan.c -- running a compiled dictionary over a text (dict.h has
** the matching rules).
**
** One pass of the automaton over the normalized text finds every key
** occurrence; each becomes a candidate only after the character-boundary,
** word-boundary and case checks, in original offsets. The candidates are
** then sorted, and LONGEST mode keeps the leftmost-longest ones. The
** dictionary is only read; everything a call writes is in its kiji_scan.
*/
#include <stdio.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "dict.h"
#include "norm/offmap.h"
#include "base/utf8.h"

/* A key found, with the entries that passed their checks: ents[first,
** first + n). Sorting and selection move these, not each entry, so a
** surface shared by many entries costs once. */
typedef struct occ {
  size_t os, oe; /* original range */
  size_t ns;     /* normalized range: [ns, ns + len) */
  uint32_t len, n;
  size_t first;
} occ;

struct kiji_scan {
  kiji_norm *norm; /* the text, for kiji_dict_scan */
  kiji_norm *span; /* an original range, for exact-case checks */
  occ *occ, *tmp;
  size_t nocc, occ_cap, tmp_cap;
  uint32_t *ents;
  size_t nents, ents_cap;
  kiji_match *match;
  size_t nmatch, match_cap;
  char err[128];
};

/* One call: the texts, and the map piece of the last lookup (a window
** of output offsets [lo, hi) starting at input offset in). */
typedef struct scanner {
  const kiji_dict *d;
  kiji_scan *s;
  const unsigned char *text, *norm;
  size_t len, nlen;
  const kiji_map *map;
  size_t hint;                         /* that piece's index */
  size_t piece_lo, piece_hi, piece_in; /* and its window when it is linear, else empty */
  kiji_status status;
} scanner;

/* What one key occurrence needs, worked out on first use. */
typedef struct occurrence {
  size_t ns, ne, os, oe;
  int left, right;  /* word boundary outside each end: 1, 0, -1 unknown */
  const char *span; /* the range without case folding, or NULL */
  size_t span_len;
} occurrence;

kiji_scan *kiji_scan_new(void) {
  kiji_scan *s = kiji_alloc(sizeof *s);
  if (s) memset(s, 0, sizeof *s);
  return s;
}

void kiji_scan_free(kiji_scan *s) {
  if (s == NULL) return;
  kiji_norm_free(s->norm);
  kiji_norm_free(s->span);
  kiji_dealloc(s->occ);
  kiji_dealloc(s->tmp);
  kiji_dealloc(s->ents);
  kiji_dealloc(s->match);
  kiji_dealloc(s);
}

const kiji_match *kiji_scan_matches(const kiji_scan *s, size_t *count) {
  if (count) *count = s ? s->nmatch : 0;
  return s ? s->match : NULL;
}

const char *kiji_scan_error(const kiji_scan *s) { return s ? s->err : "no scanner"; }

static kiji_status serr(kiji_scan *s, kiji_status st, const char *msg) {
  snprintf(s->err, sizeof s->err, "%s", msg);
  return st;
}

/* ------------------------------------------------------------ the map */

/*
** kiji_map_origin, but the piece search gallops from where the last one
** ended: occurrences come in text order, so lookups stay O(1) instead of
** a binary search over the whole map each. Same arithmetic as offmap.c.
*/
static size_t piece_at(const kiji_map *m, size_t pos, size_t *hint) {
  const kiji_piece *p = m->pieces;
  size_t np = m->npieces, lo = *hint < np ? *hint : 0, hi, step = 1;
  if (p[lo].out <= pos) {
    hi = lo + 1;
    while (hi < np && p[hi].out <= pos) {
      lo = hi;
      step *= 2;
      hi = lo + step < np ? lo + step : np;
    }
  } else {
    hi = lo;
    do {
      lo = hi >= step ? hi - step : 0;
      if (p[lo].out <= pos) break;
      hi = lo;
      step *= 2;
    } while (lo > 0);
  }
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (p[mid].out <= pos)
      lo = mid;
    else
      hi = mid;
  }
  *hint = lo;
  return lo;
}

/*
** The original range of o. Keys start and end on character boundaries
** (occur checked), so when one linear piece holds the whole key, the
** range is the key's shifted: that is the window of the last lookup,
** almost always, and the check costs two compares.
*/
static void origin(scanner *sc, occurrence *o) {
  const kiji_map *m = sc->map;
  size_t k, base, in, pos;
  if (o->ns >= sc->piece_lo && o->ne <= sc->piece_hi) {
    o->os = sc->piece_in + (o->ns - sc->piece_lo);
    o->oe = sc->piece_in + (o->ne - sc->piece_lo);
    return;
  }
  k = piece_at(m, o->ns, &sc->hint);
  base = m->pieces[k].out;
  in = m->pieces[k].in >> 1;
  if (m->pieces[k].in & 1) {
    for (pos = o->ns; pos > base && pos < m->out_len && kiji_utf8_is_cont(m->out[pos]); pos--) {}
    o->os = in + (pos - base);
  } else {
    o->os = in;
  }
  k = piece_at(m, o->ne - 1, &sc->hint);
  base = m->pieces[k].out;
  in = m->pieces[k].in >> 1;
  sc->piece_lo = 1;
  sc->piece_hi = 0;
  if (m->pieces[k].in & 1) {
    size_t ceil = k + 1 < m->npieces ? m->pieces[k + 1].out : m->out_len;
    for (pos = o->ne; pos < ceil && kiji_utf8_is_cont(m->out[pos]); pos++) {}
    o->oe = in + (pos - base);
    sc->piece_lo = base;
    sc->piece_hi = ceil;
    sc->piece_in = in;
  } else {
    o->oe = k + 1 < m->npieces ? m->pieces[k + 1].in >> 1 : m->in_len;
  }
}

/* ------------------------------------------------------------ checks */

/* kiji_dict_word_char of an ASCII byte, inline: most text is. */
static inline int ascii_word(unsigned c) { return c - '0' < 10u || (c | 0x20u) - 'a' < 26u; }

/* Is the original character at `at` (a character boundary) a word character? */
static int word_at(const unsigned char *t, size_t len, size_t at) {
  size_t l;
  int32_t c = kiji_utf8_decode(t + at, len - at, &l);
  return c >= 0 && kiji_dict_word_char(c);
}

/* Is the original character that ends at `at` a word character? */
static int word_before(const unsigned char *t, size_t at) {
  size_t i = at - 1, l;
  int32_t c;
  while (i > 0 && at - i < 4 && kiji_utf8_is_cont(t[i])) i--;
  c = kiji_utf8_decode(t + i, at - i, &l);
  return c >= 0 && i + l == at && kiji_dict_word_char(c);
}

/* A word boundary just before os / just after oe in the original: the
** ASCII case here, the others out of line. */
static inline int bound_left(const scanner *sc, size_t os) {
  return os == 0 ||
         (sc->text[os - 1] < 0x80 ? !ascii_word(sc->text[os - 1]) : !word_before(sc->text, os));
}

static inline int bound_right(const scanner *sc, size_t oe) {
  return oe >= sc->len ||
         (sc->text[oe] < 0x80 ? !ascii_word(sc->text[oe]) : !word_at(sc->text, sc->len, oe));
}

static int left_ok(scanner *sc, occurrence *o) {
  if (o->left < 0) o->left = bound_left(sc, o->os);
  return o->left;
}

static int right_ok(scanner *sc, occurrence *o) {
  if (o->right < 0) o->right = bound_right(sc, o->oe);
  return o->right;
}

/* The original range in the match form without case folding equals the
** entry's exact form. */
static int case_ok(scanner *sc, occurrence *o, const dict_ent *e) {
  const kiji_dict *d = sc->d;
  size_t at = dict_exact_off(e), exact_len = e[1].off - at;
  if (o->span == NULL) {
    kiji_norm_options opts = KIJI_NORM_OPTIONS_INIT;
    kiji_status st;
    opts.casefold = 0;
    opts.map = 0;
    if (sc->s->span == NULL && (sc->s->span = kiji_norm_new()) == NULL)
      st = KIJI_ENOMEM;
    else
      st = kiji_normalize(sc->s->span, (const char *)sc->text + o->os, o->oe - o->os, &opts);
    if (st != KIJI_OK) {
      sc->status = st;
      return 0;
    }
    o->span = kiji_norm_text(sc->s->span, &o->span_len);
  }
  return o->span_len == exact_len && memcmp(o->span, d->pool + at, exact_len) == 0;
}

static int push_entry(scanner *sc, uint32_t entry) {
  kiji_scan *s = sc->s;
  if (s->nents == s->ents_cap &&
      !kiji_grow((void **)&s->ents, &s->ents_cap, s->nents + 1, sizeof *s->ents)) {
    sc->status = KIJI_ENOMEM;
    return 0;
  }
  s->ents[s->nents++] = entry;
  return 1;
}

static void push_occ(scanner *sc, const occurrence *o, size_t first) {
  kiji_scan *s = sc->s;
  occ *c;
  if (s->nocc == s->occ_cap &&
      !kiji_grow((void **)&s->occ, &s->occ_cap, s->nocc + 1, sizeof *s->occ)) {
    sc->status = KIJI_ENOMEM;
    return;
  }
  c = &s->occ[s->nocc++];
  c->os = o->os;
  c->oe = o->oe;
  c->ns = o->ns;
  c->len = (uint32_t)(o->ne - o->ns);
  c->n = (uint32_t)(s->nents - first);
  c->first = first;
}

/* Push the entries OUT[from, to) at once (their checks already done). */
static void push_entries(scanner *sc, uint32_t from, uint32_t to) {
  kiji_scan *s = sc->s;
  uint32_t k;
  if (s->ents_cap - s->nents < to - from &&
      !kiji_grow((void **)&s->ents, &s->ents_cap, s->nents + (to - from), sizeof *s->ents)) {
    sc->status = KIJI_ENOMEM;
    return;
  }
  for (k = from; k < to; k++) s->ents[s->nents++] = sc->d->out[k];
}

/* The entries of one record: one key, ending at e. */
static void occur(scanner *sc, const dict_rec *r, size_t e) {
  const kiji_dict *d = sc->d;
  occurrence o;
  size_t first = sc->s->nents, len = DICT_REC_LEN(r);
  uint32_t k, key = r->key;
  if (len > e || r->out == r[1].out) return;
  o.ns = e - len;
  o.ne = e;
  /* a key starts and ends with whole characters; the text must agree */
  if (kiji_utf8_is_cont(sc->norm[o.ns]) || (e < sc->nlen && kiji_utf8_is_cont(sc->norm[e]))) return;
  origin(sc, &o);
  if (key & DICT_REC_SAME) { /* one check for all, no entry read */
    if (((key & DICT_REC_LEFT) && !bound_left(sc, o.os)) ||
        ((key & DICT_REC_RIGHT) && !bound_right(sc, o.oe)))
      return;
    push_entries(sc, r->out, r[1].out);
  } else {
    o.left = o.right = -1;
    o.span = NULL;
    for (k = r->out; k < r[1].out && sc->status == KIJI_OK; k++) {
      const dict_ent *ent = &d->ent[d->out[k]];
      unsigned flags = DICT_ENT_FLAGS(ent);
      if ((flags & DICT_NEED_LEFT) && !left_ok(sc, &o)) continue;
      if ((flags & DICT_NEED_RIGHT) && !right_ok(sc, &o)) continue;
      if ((flags & KIJI_ENTRY_EXACT_CASE) && !case_ok(sc, &o, ent)) continue;
      push_entry(sc, d->out[k]);
    }
  }
  if (sc->s->nents > first && sc->status == KIJI_OK) push_occ(sc, &o, first);
}

/* State s is reached at normalized offset e: every key ending there. */
static void report(scanner *sc, uint32_t s, size_t e) {
  const kiji_dict *d = sc->d;
  size_t r;
  if (s >= d->nstates) return; /* only from a crafted row entry */
  r = d->rank[s >> 6] + dict_popcount(d->bits[s >> 6] & (((uint64_t)1 << (s & 63)) - 1));
  if (r >= d->nrecs) return; /* load guarantees it; cheap to keep */
  for (;;) {
    occur(sc, &d->rec[r], e);
    if (d->rec[r].down == 0) break;
    r = d->rec[r].down - 1; /* load checked: strictly smaller */
  }
}

/* ------------------------------------------------------------ automaton */

/* Index of byte c among the n sorted labels at p, or -1. */
static inline int find_label(const uint8_t *p, uint32_t n, unsigned c) {
#if defined(__SSE2__)
  __m128i key = _mm_set1_epi8((char)c);
  uint32_t i;
  for (i = 0; i < n; i += 16) {
    /* the label section is padded, so a load past the last label is safe */
    unsigned m =
        (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(p + i)), key));
    if (n - i < 16) m &= (1u << (n - i)) - 1;
    if (m) return (int)(i + (uint32_t)__builtin_ctz(m));
  }
  return -1;
#else
  uint32_t lo = 0, hi = n;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (p[mid] < c)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && p[lo] == c ? (int)lo : -1;
#endif
}

/*
** One walk over t[from, to), from w (a row offset, or DICT_NFA | a state
** without a row); reports the ends past `quiet`. Returns where it stands.
**
** Two loops. On the rows, a step is one load; at the root, the bytes that
** lead back to it unreported are skipped first. Off the rows (a deep
** state: 86 % of them have one child), a step looks at the state's labels,
** the only one first, then follows failure links until a row (the root's
** at worst) takes the byte. A step with DICT_REPORT reports its target.
** (A row entry with DICT_TRAP is in the trap row, which no entry of a
** checked image leads to; a crafted one that does goes back to the root.)
*/
static uint32_t walk(scanner *sc, uint32_t w, size_t from, size_t to, size_t quiet) {
  const kiji_dict *d = sc->d;
  const unsigned char *t = sc->norm;
  const uint32_t *dfa = d->dfa;
  const uint8_t *cls = d->cls, *label = d->label, *idle = d->idle;
  const dict_state *st = d->st;
  uint32_t nd = (uint32_t)d->ndense, x = w, s = 0, v;
  size_t i = from;
  if (w & DICT_NFA) {
    s = w & DICT_MASK;
    goto deep;
  }
rows:
  while (i < to) {
    if (x == 0) { /* at the root */
      while (i < to && idle[t[i]]) i++;
      if (i == to) break;
    }
    x = dfa[x + cls[t[i++]]];
    if (KIJI_LIKELY(!(x & DICT_SLOW))) continue;
  slow: /* x is the entry of the step that ended at i */
    v = x & DICT_MASK;
    if (x & DICT_TRAP) {
      x = 0;
      continue;
    }
    if ((x & DICT_REPORT) && i > quiet) report(sc, x & DICT_NFA ? v : dict_row_state(d, v), i);
    if (x & DICT_NFA) {
      s = v;
      goto deep;
    }
    x = v;
  }
  return x;
deep: /* s, a state without a row */
  while (i < to) {
    unsigned c = t[i];
    uint32_t lo = st[s].first & DICT_MASK, n = (st[s + 1].first & DICT_MASK) - lo, u;
    int j = n == 1 ? (label[lo + 1] == c ? 0 : -1) : n ? find_label(label + lo + 1, n, c) : -1;
    if (j >= 0) {
      u = lo + 1 + (uint32_t)j;
      i++;
      if ((st[u].first & DICT_REPORT) && i > quiet) report(sc, u, i);
      if (u < nd) {
        x = u * (uint32_t)d->nclasses;
        goto rows;
      }
      s = u;
      continue;
    }
    s = st[s].fail; /* load checked: fail < s, so this ends */
    if (s < nd) {
      x = dfa[(size_t)s * d->nclasses + cls[c]];
      i++;
      if (x & DICT_SLOW) goto slow;
      goto rows;
    }
  }
  return DICT_NFA | s;
}

static void run(scanner *sc) { walk(sc, 0, 0, sc->nlen, 0); }

/* ------------------------------------------------------------ results */

/* Occurrences are unique by (ns, len), so both orders are total. */
static int cmp_all(const occ *a, const occ *b) {
  if (a->os != b->os) return a->os < b->os ? -1 : 1;
  if (a->oe != b->oe) return a->oe < b->oe ? -1 : 1;
  if (a->ns != b->ns) return a->ns < b->ns ? -1 : 1;
  return a->len < b->len ? -1 : a->len > b->len;
}

/* Leftmost, then longest (original, then normalized). */
static int cmp_longest(const occ *a, const occ *b) {
  if (a->os != b->os) return a->os < b->os ? -1 : 1;
  if (a->oe != b->oe) return a->oe > b->oe ? -1 : 1;
  if (a->len != b->len) return a->len > b->len ? -1 : 1;
  return a->ns < b->ns ? -1 : a->ns > b->ns;
}

typedef int (*occ_cmp)(const occ *, const occ *);

static void swap_buffers(kiji_scan *s) {
  occ *x = s->occ;
  size_t cap = s->occ_cap;
  s->occ = s->tmp;
  s->occ_cap = s->tmp_cap;
  s->tmp = x;
  s->tmp_cap = cap;
}

static void reverse(occ *a, size_t n) {
  size_t i;
  for (i = 0; i < n / 2; i++) {
    occ x = a[i];
    a[i] = a[n - 1 - i];
    a[n - 1 - i] = x;
  }
}

/* Stable LSD radix sort by normalized start, 11 bits a pass. */
static int radix_by_start(kiji_scan *s, size_t nlen) {
  size_t n = s->nocc, shift, i, count[2048];
  if (!kiji_grow((void **)&s->tmp, &s->tmp_cap, n, sizeof *s->tmp)) return 0;
  for (shift = 0; shift < sizeof(size_t) * 8 && (nlen >> shift) > 0; shift += 11) {
    size_t sum = 0;
    memset(count, 0, sizeof count);
    for (i = 0; i < n; i++) count[(s->occ[i].ns >> shift) & 2047]++;
    if (count[(s->occ[0].ns >> shift) & 2047] == n) continue; /* one digit: nothing moves */
    for (i = 0; i < 2048; i++) {
      size_t c = count[i];
      count[i] = sum;
      sum += c;
    }
    for (i = 0; i < n; i++) s->tmp[count[(s->occ[i].ns >> shift) & 2047]++] = s->occ[i];
    swap_buffers(s);
  }
  return 1;
}

/* Insertion sort, giving up after `budget` moves (a is then still a
** permutation of the input); returns whether it finished. */
static int insertion_sort(occ *a, size_t n, occ_cmp cmp, size_t budget) {
  size_t i, j;
  for (i = 1; i < n; i++) {
    occ v = a[i];
    for (j = i; j > 0 && cmp(&a[j - 1], &v) > 0; j--) {
      if (budget-- == 0) {
        a[j] = v;
        return 0;
      }
      a[j] = a[j - 1];
    }
    a[j] = v;
  }
  return 1;
}

/*
** One walk finds occurrences by normalized end, and for one end from the
** longest key down: already in order, or nearly, unless keys nest and
** overlap a lot. An insertion sort settles the usual case; past a budget
** of moves, a stable sort by start turns that order into (start, end)
** order: the order of ALL, and, from the list reversed, the (start,
** longest first) order of LONGEST. Original offsets follow normalized ones
** except inside a piece that normalization expanded (㍻, ß...), where a
** last insertion pass puts ties right.
*/
static int sort_occs(kiji_scan *s, kiji_scan_mode mode, size_t nlen) {
  occ_cmp cmp = mode == KIJI_SCAN_ALL ? cmp_all : cmp_longest;
  size_t n = s->nocc, i;
  for (i = 1; i < n && cmp(&s->occ[i - 1], &s->occ[i]) <= 0; i++) {}
  if (i >= n) return 1;
  if (insertion_sort(s->occ, n, cmp, 4 * n + 64)) return 1;
  if (mode == KIJI_SCAN_LONGEST) reverse(s->occ, n);
  if (!radix_by_start(s, nlen)) return 0;
  insertion_sort(s->occ, n, cmp, (size_t)-1);
  return 1;
}

/* ALL: every occurrence; LONGEST: the first in order, then the first that
** does not overlap it in the original, and so on. Either way, at most
** every entry found: the room is made once. */
static int select_matches(kiji_scan *s, kiji_scan_mode mode, size_t nlen) {
  size_t i, k, taken_end = 0;
  int any = 0;
  if (!sort_occs(s, mode, nlen)) return 0;
  if (!kiji_grow((void **)&s->match, &s->match_cap, s->nents, sizeof *s->match)) return 0;
  for (i = 0; i < s->nocc; i++) {
    const occ *c = &s->occ[i];
    if (mode == KIJI_SCAN_LONGEST && any && c->os < taken_end) continue;
    for (k = 0; k < c->n; k++) {
      kiji_match *m = &s->match[s->nmatch++];
      m->start = c->os;
      m->end = c->oe;
      m->entry = s->ents[c->first + k];
    }
    taken_end = c->oe;
    any = 1;
  }
  return 1;
}

/* ------------------------------------------------------------ entry points */

static kiji_status scan_core(const kiji_dict *d, kiji_scan *s, const char *text, size_t len,
                             const char *norm, size_t nlen, const kiji_map *map,
                             kiji_scan_mode mode) {
  scanner sc;
  memset(&sc, 0, sizeof sc);
  sc.d = d;
  sc.s = s;
  sc.text = (const unsigned char *)(text ? text : "");
  sc.len = len;
  sc.norm = (const unsigned char *)(norm ? norm : "");
  sc.nlen = nlen;
  sc.map = map;
  sc.piece_lo = 1; /* no window yet */
  s->nocc = 0;
  s->nents = 0;
  if (nlen > 0 && d->nrecs > 0) run(&sc);
  if (sc.status == KIJI_OK && !select_matches(s, mode, nlen)) sc.status = KIJI_ENOMEM;
  if (sc.status != KIJI_OK) {
    s->nmatch = 0;
    return serr(s, sc.status,
                sc.status == KIJI_ENOMEM ? "out of memory" : kiji_status_string(sc.status));
  }
  return KIJI_OK;
}

static kiji_status check_args(const kiji_dict *d, kiji_scan *s, const char *text, size_t len,
                              kiji_scan_mode mode) {
  s->nmatch = 0;
  s->err[0] = 0;
  if (d == NULL) return serr(s, KIJI_EINVAL, "no dictionary");
  if (text == NULL && len > 0) return serr(s, KIJI_EINVAL, "text is NULL");
  if (mode != KIJI_SCAN_LONGEST && mode != KIJI_SCAN_ALL)
    return serr(s, KIJI_EINVAL, "unknown scan mode");
  return KIJI_OK;
}

kiji_status kiji_dict_scan(const kiji_dict *d, kiji_scan *s, const char *text, size_t len,
                           kiji_scan_mode mode) {
  kiji_status st;
  const char *norm;
  size_t nlen;
  if (s == NULL) return KIJI_EINVAL;
  if ((st = check_args(d, s, text, len, mode)) != KIJI_OK) return st;
  if (s->norm == NULL && (s->norm = kiji_norm_new()) == NULL)
    return serr(s, KIJI_ENOMEM, "out of memory");
  if ((st = kiji_normalize(s->norm, text, len, NULL)) != KIJI_OK)
    return serr(s, st, kiji_norm_error(s->norm));
  norm = kiji_norm_text(s->norm, &nlen);
  return scan_core(d, s, text, len, norm, nlen, kiji_norm_map(s->norm), mode);
}

kiji_status kiji_dict_scan_normalized(const kiji_dict *d, kiji_scan *s, const char *text,
                                      size_t len, const char *norm, size_t norm_len,
                                      const kiji_map *map, kiji_scan_mode mode) {
  kiji_status st;
  if (s == NULL) return KIJI_EINVAL;
  if ((st = check_args(d, s, text, len, mode)) != KIJI_OK) return st;
  if (map == NULL || (norm == NULL && norm_len > 0))
    return serr(s, KIJI_EINVAL, "normalized text or map is NULL");
  /* the map's lengths vouch that its offsets fit both texts */
  if (kiji_map_source_length(map) != len || kiji_map_target_length(map) != norm_len ||
      (norm_len > 0 && map->npieces == 0))
    return serr(s, KIJI_EINVAL, "the map does not belong to these texts");
  return scan_core(d, s, text, len, norm, norm_len, map, mode);
}
