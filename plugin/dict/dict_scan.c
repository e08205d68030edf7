/*
** dict_scan.c -- running a compiled dictionary over a text (dict.h has
** the matching rules).
**
** One pass of the automaton over the normalized text (in four lanes
** side by side, run() says why) finds every key occurrence; each becomes
** a candidate only after the character-boundary, word-boundary and case
** checks, in original offsets. The candidates are then sorted, and
** LONGEST mode keeps the leftmost-longest ones. The dictionary is only
** read; everything a call writes is in its kiji_scan or on its stack.
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

#define LANES 4

/* A report: the record of a state reached at normalized offset end. */
typedef struct pending {
  size_t end;
  uint32_t rec;
} pending;

struct kiji_scan {
  kiji_norm *norm; /* the text, for kiji_dict_scan */
  kiji_norm *span; /* an original range, for exact-case checks */
  occ *occ, *tmp;
  size_t nocc, occ_cap, tmp_cap;
  uint32_t *ents;
  size_t nents, ents_cap;
  pending *pend[LANES]; /* each lane's reports, handled when all are in */
  size_t pend_cap[LANES];
  kiji_match *match;
  size_t nmatch, match_cap;
  char err[128];
};

#define BATCH 256 /* reports whose records are fetched together */

/* Where a walk's map lookups left off: the piece of the last one (its
** index), and its window of output offsets [lo, hi), starting at input
** offset in, when it is linear (else the window is empty). */
typedef struct cursor {
  size_t hint, lo, hi, in;
} cursor;

/* One call: the texts, the lanes' boundaries (bound[k] starts lane k;
** bound[LANES] is the end) and each lane's map cursor. */
typedef struct scanner {
  const kiji_dict *d;
  kiji_scan *s;
  const unsigned char *text, *norm;
  size_t len, nlen;
  const kiji_map *map;
  size_t from, to; /* the part of norm walked: the keys that start in it */
  size_t bound[LANES + 1];
  cursor cur[LANES];
  /* each lane's queue (in s->pend): where its next report goes, and the
  ** end of its room; both NULL while it has none */
  pending *next[LANES], *stop[LANES];
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
  size_t k;
  if (s == NULL) return;
  kiji_norm_free(s->norm);
  kiji_norm_free(s->span);
  kiji_dealloc(s->occ);
  kiji_dealloc(s->tmp);
  kiji_dealloc(s->ents);
  for (k = 0; k < LANES; k++) kiji_dealloc(s->pend[k]);
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
** The original range of o. Keys start and end on character boundaries
** (occur checked), so when one linear piece holds the whole key, the
** range is the key's shifted: that is the window of the last lookup,
** almost always, and the check costs two compares.
*/
static void origin(const scanner *sc, cursor *cur, occurrence *o) {
  const kiji_map *m = sc->map;
  size_t k, base, in, pos;
  if (o->ns >= cur->lo && o->ne <= cur->hi) {
    o->os = cur->in + (o->ns - cur->lo);
    o->oe = cur->in + (o->ne - cur->lo);
    return;
  }
  k = kiji_map_piece_near(m, o->ns, &cur->hint);
  base = m->pieces[k].out;
  in = m->pieces[k].in >> 1;
  if (m->pieces[k].in & 1) {
    for (pos = o->ns; pos > base && pos < m->out_len && kiji_utf8_is_cont(m->out[pos]); pos--) {}
    o->os = in + (pos - base);
  } else {
    o->os = in;
  }
  k = kiji_map_piece_near(m, o->ne - 1, &cur->hint);
  base = m->pieces[k].out;
  in = m->pieces[k].in >> 1;
  cur->lo = 1;
  cur->hi = 0;
  if (m->pieces[k].in & 1) {
    size_t ceil = k + 1 < m->npieces ? m->pieces[k + 1].out : m->out_len;
    for (pos = o->ne; pos < ceil && kiji_utf8_is_cont(m->out[pos]); pos++) {}
    o->oe = in + (pos - base);
    cur->lo = base;
    cur->hi = ceil;
    cur->in = in;
  } else {
    o->oe = k + 1 < m->npieces ? m->pieces[k + 1].in >> 1 : m->in_len;
  }
}

/* The window of cur moved to the piece of the map that holds the key
** [ns, e), when that piece is linear: 1, and flush_lane takes the key
** itself. Out of line: a lane meets few pieces. */
static KIJI_NOINLINE int rewindow(const scanner *sc, cursor *cur, size_t ns, size_t e) {
  const kiji_map *m = sc->map;
  size_t k = kiji_map_piece_near(m, ns, &cur->hint), ceil;
  if (!(m->pieces[k].in & 1) || e > (ceil = kiji_map_out_end(m, k))) return 0;
  cur->lo = m->pieces[k].out;
  cur->hi = ceil;
  cur->in = m->pieces[k].in >> 1;
  return 1;
}

/* ------------------------------------------------------------ checks */

/* What a byte says of the character it starts or ends, as
** kiji_dict_word_char has it: an ASCII non-word (0) or word (1)
** character, or a look at the whole character (2): most text is ASCII,
** and one load answers. */
enum { BYTE_SPACE, BYTE_WORD, BYTE_DECODE };

static const unsigned char byte_word[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* Is the original character at `at` (a character boundary) a word character? */
static KIJI_NOINLINE int word_at(const unsigned char *t, size_t len, size_t at) {
  size_t l;
  int32_t c = kiji_utf8_decode(t + at, len - at, &l);
  return c >= 0 && kiji_dict_word_char(c);
}

/* Is the original character that ends at `at` a word character? */
static KIJI_NOINLINE int word_before(const unsigned char *t, size_t at) {
  size_t i = at - 1, l;
  int32_t c;
  while (i > 0 && at - i < 4 && kiji_utf8_is_cont(t[i])) i--;
  c = kiji_utf8_decode(t + i, at - i, &l);
  return c >= 0 && i + l == at && kiji_dict_word_char(c);
}

/* A word boundary just before os / just after oe in the original: the
** ASCII case here, the others out of line. */
static inline int bound_left(const unsigned char *t, size_t os) {
  unsigned w;
  if (os == 0) return 1;
  w = byte_word[t[os - 1]];
  return w == BYTE_SPACE || (w == BYTE_DECODE && !word_before(t, os));
}

static inline int bound_right(const unsigned char *t, size_t len, size_t oe) {
  unsigned w;
  if (oe >= len) return 1;
  w = byte_word[t[oe]];
  return w == BYTE_SPACE || (w == BYTE_DECODE && !word_at(t, len, oe));
}

static int left_ok(scanner *sc, occurrence *o) {
  if (o->left < 0) o->left = bound_left(sc->text, o->os);
  return o->left;
}

static int right_ok(scanner *sc, occurrence *o) {
  if (o->right < 0) o->right = bound_right(sc->text, sc->len, o->oe);
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
  {
    uint32_t *dst = s->ents + s->nents;
    const uint32_t *src = sc->d->out;
    for (k = from; k < to; k++) *dst++ = src[k];
    s->nents += to - from;
  }
}

/* The entries of one record: one key, ending at e (which the caller
** checked is on a character boundary, as is the key's start). Out of
** line: inline, it crowded flush_lane's registers. */
static KIJI_NOINLINE void occur(scanner *sc, cursor *cur, const dict_rec *r, size_t e) {
  const kiji_dict *d = sc->d;
  occurrence o;
  size_t first = sc->s->nents;
  uint32_t k, key = r->key;
  o.ns = e - DICT_REC_LEN(r);
  o.ne = e;
  origin(sc, cur, &o);
  if (key & DICT_REC_SAME) { /* one check for all, no entry read */
    if (((key & DICT_REC_LEFT) && !bound_left(sc->text, o.os)) ||
        ((key & DICT_REC_RIGHT) && !bound_right(sc->text, sc->len, o.oe)))
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

/* Where the next occurrence of s goes: NULL while s has no room at all
** (no offset on a null pointer), and then none goes there. */
static inline occ *occ_end(const kiji_scan *s) { return s->occ ? s->occ + s->nocc : NULL; }

/*
** A lane's reports, in order: the record of a state reached at
** normalized offset e, so every key ending there, from the longest down
** its output chain (in the next lane's part, past the lane's end, only the keys that
** start in the lane's own: overrun). A key starts and ends with whole
** characters; the text must agree. The usual record (one entry, its key
** inside one linear piece of the map: the window of the lane's cursor,
** which rewindow moves as the lane meets pieces) is handled here, with
** what it needs at hand; occur takes the others.
*/
static void flush_lane(scanner *sc, size_t k) {
  const kiji_dict *d = sc->d;
  const dict_rec *rec = d->rec;
  const uint32_t *out = d->out;
  const unsigned char *norm = sc->norm, *text = sc->text;
  const pending *p = sc->s->pend[k], *last = sc->next[k], *batch;
  kiji_scan *ks = sc->s;
  cursor *cur = &sc->cur[k];
  size_t nlen = sc->nlen, tlen = sc->len, own = sc->bound[k + 1], nrecs = d->nrecs;
  /* the buffers and the window in locals: the stores to occ would
  ** otherwise make the compiler read them again and again; room is
  ** what both buffers have left (one fast occurrence takes one of each),
  ** shift takes the window's normalized offsets to original ones */
  occ *oc = occ_end(ks);
  uint32_t *ents = ks->ents;
  size_t nents = ks->nents, room = ks->occ_cap - ks->nocc;
  size_t lo = cur->lo, hi = cur->hi, shift = cur->in - cur->lo;
  if (ks->ents_cap - nents < room) room = ks->ents_cap - nents;
  sc->next[k] = sc->s->pend[k];
  if (sc->status != KIJI_OK) return;
  for (; p < last; p = batch) {
    batch = last - p > BATCH ? p + BATCH : last;
#if defined(__GNUC__)
    { /* the batch's records: their loads in flight together */
      const pending *b;
      for (b = p; b < batch; b++)
        if (b->rec < nrecs) __builtin_prefetch(&rec[b->rec]); /* (crafted: past REC) */
    }
#endif
    for (; p < batch; p++) {
      const dict_rec *x;
      size_t e = p->end;
      if (p->rec >= nrecs) continue; /* a crafted row entry; else load guarantees it */
      if (e < nlen && kiji_utf8_is_cont(norm[e])) continue;
      for (x = &rec[p->rec];; x = &rec[x->down - 1]) { /* load checked: down - 1 < r */
        uint32_t key = x->key, from = x->out;
        size_t len = key & DICT_MAX_KEY, ns = e - len;
        int one;
        /* the chain shortens: the rest start later (past the lane's own
        ** part, in its overrun); ns wraps when len > e (a crafted image) */
        if (ns >= own) break;
        if (from == x[1].out || kiji_utf8_is_cont(norm[ns])) {
          if (x->down == 0) break;
          continue;
        }
        one = from + 1 == x[1].out && room > 0;
        if (one && (ns < lo || e > hi) && rewindow(sc, cur, ns, e)) {
          lo = cur->lo;
          hi = cur->hi;
          shift = cur->in - lo;
        }
        if (one && ns >= lo && e <= hi) {
          /* one entry, the key in the window: its checks here, but the case's */
          unsigned need = key & DICT_REC_SAME ? (key & DICT_REC_LEFT ? DICT_NEED_LEFT : 0) |
                                                    (key & DICT_REC_RIGHT ? DICT_NEED_RIGHT : 0)
                                              : DICT_ENT_FLAGS(&d->ent[out[from]]);
          size_t os = ns + shift, oe = e + shift;
          if (((need & DICT_NEED_LEFT) && !bound_left(text, os)) ||
              ((need & DICT_NEED_RIGHT) && !bound_right(text, tlen, oe))) {
            if (x->down == 0) break; /* not a match */
            continue;
          }
          if (!(need & KIJI_ENTRY_EXACT_CASE)) {
            oc->os = os;
            oc->oe = oe;
            oc->ns = ns;
            oc->len = (uint32_t)len;
            oc->n = 1;
            oc->first = nents;
            oc++;
            ents[nents++] = out[from];
            room--;
            if (x->down == 0) break;
            continue;
          }
        }
        if (oc) ks->nocc = (size_t)(oc - ks->occ); /* occur takes the others, in ks and cur */
        ks->nents = nents;
        occur(sc, cur, x, e);
        if (sc->status != KIJI_OK) return;
        oc = occ_end(ks);
        ents = ks->ents;
        nents = ks->nents;
        room = ks->occ_cap - ks->nocc;
        if (ks->ents_cap - nents < room) room = ks->ents_cap - nents;
        lo = cur->lo;
        hi = cur->hi;
        shift = cur->in - cur->lo;
        if (x->down == 0) break;
      }
    }
  }
  if (oc) ks->nocc = (size_t)(oc - ks->occ);
  ks->nents = nents;
}

/* Handle every lane's pending reports, lane by lane. */
static void flush(scanner *sc) {
  size_t k;
  for (k = 0; k < LANES; k++)
    if (sc->next[k] != sc->s->pend[k]) flush_lane(sc, k);
}

/* Room for more of a lane's reports; 0 when memory runs out. */
static KIJI_NOINLINE int more_pending(scanner *sc, size_t lane) {
  kiji_scan *s = sc->s;
  size_t n = s->pend[lane] ? (size_t)(sc->next[lane] - s->pend[lane]) : 0;
  if (!kiji_grow((void **)&s->pend[lane], &s->pend_cap[lane], n + 1, sizeof **s->pend)) {
    sc->status = KIJI_ENOMEM;
    return 0;
  }
  sc->next[lane] = s->pend[lane] + n;
  sc->stop[lane] = s->pend[lane] + s->pend_cap[lane];
  return 1;
}

/* A report, kept for later: the walks stay tight, and handled lane after
** lane once all are in, the occurrences come in lane order. */
static inline void queue(scanner *sc, size_t lane, uint32_t r, size_t e) {
  pending *w;
  if (KIJI_UNLIKELY(sc->next[lane] == sc->stop[lane]) && !more_pending(sc, lane)) return;
  w = sc->next[lane]++;
  w->end = e;
  w->rec = r;
}

/* ------------------------------------------------------------ automaton */

/* Index of byte c among the n sorted labels at p, or -1. Out of line:
** the callers test a single label themselves (most deep states have
** one), and inline, its set-up was hoisted into every lane's step. */
static KIJI_NOINLINE int find_label(const uint8_t *p, uint32_t n, unsigned c) {
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
** The rest of a step whose row entry has DICT_ROW_SLOW, the step that
** ended at i on `lane`; y is the entry's target in SLOW: its report
** (queued), then, when it has no row, the walk on from that deep state
** (86 % of them have one child) over its labels, the only one first, and
** failure links, until a row takes a byte again (the root's at worst) or
** the walk reaches `to`. Returns where the walk is and the dense state
** it stands on, or DICT_NFA | the deep state at `to`.
*/
typedef struct spot {
  size_t i;   /* where the walk is */
  uint32_t x; /* what it stands on */
} spot;

static spot at_(size_t i, uint32_t x) {
  spot p;
  p.i = i;
  p.x = x;
  return p;
}

static spot settle(scanner *sc, size_t lane, uint32_t y, size_t i, size_t to) {
  const kiji_dict *d = sc->d;
  const unsigned char *t = sc->norm;
  const uint8_t *label = d->label;
  const dict_state *st = d->st;
  uint32_t nd = (uint32_t)d->ndense, s;
  for (;;) {
    uint32_t v = y & DICT_MASK;
    if (y & DICT_REPORT) queue(sc, lane, (uint32_t)dict_rank(d, v), i);
    if (!(y & DICT_NFA)) return at_(i, v);
    for (s = v;;) { /* a deep state: the byte at i goes to a child, or down the failure links */
      unsigned c;
      uint32_t lo, n, u, e;
      int j;
      if (i >= to) return at_(i, DICT_NFA | s);
      c = t[i];
      lo = st[s].first & DICT_MASK;
      n = (st[s + 1].first & DICT_MASK) - lo;
      j = n == 1 ? (label[lo + 1] == c ? 0 : -1) : n ? find_label(label + lo + 1, n, c) : -1;
      if (j >= 0) {
        u = lo + 1 + (uint32_t)j;
        i++;
        if (st[u].first & DICT_REPORT) queue(sc, lane, (uint32_t)dict_rank(d, u), i);
        if (u < nd) return at_(i, u);
        s = u;
        continue;
      }
      s = st[s].fail; /* load checked: fail < s, so this ends */
      if (s < nd) {
        e = d->dense[d->col[c] + s];
        i++;
        if (!(e & DICT_ROW_SLOW)) return at_(i, e);
        y = d->slow[e & ~DICT_ROW_SLOW];
        break; /* settle that step */
      }
    }
  }
}

/*
** One walk over t[from, to) from x (a dense state, or DICT_NFA | a deep
** state); returns where it stands. On the rows a step is one load, and
** at the root the bytes that lead back to it unreported are skipped.
*/
static uint32_t walk(scanner *sc, size_t lane, uint32_t x, size_t from, size_t to) {
  const kiji_dict *d = sc->d;
  const unsigned char *t = sc->norm;
  const uint8_t *idle = d->idle;
  size_t i = from;
  uint32_t y = x, e; /* y: what to settle (a target as SLOW holds it) */
  for (;;) {
    if (y & (DICT_NFA | DICT_REPORT)) {
      spot p = settle(sc, lane, y, i, to);
      i = p.i;
      x = p.x;
      if (x & DICT_NFA) return x;
    }
    for (;;) {
      if (x == 0) /* at the root */
        while (i < to && idle[t[i]]) i++;
      if (i >= to) return x;
      e = d->dense[d->col[t[i++]] + x];
      if (e & DICT_ROW_SLOW) break;
      x = e;
    }
    y = d->slow[e & ~DICT_ROW_SLOW];
    x = y & DICT_MASK;
  }
}

/* One step of the automaton from x (as walk has it) by byte c: the target
** as SLOW holds it. Out of line: lane_deep takes the usual step. */
static KIJI_NOINLINE uint32_t step(const kiji_dict *d, uint32_t x, unsigned c) {
  uint32_t s = x & DICT_MASK, e;
  if (x & DICT_NFA) {
    for (;;) {
      uint32_t lo = d->st[s].first & DICT_MASK, n = (d->st[s + 1].first & DICT_MASK) - lo;
      int j = n == 1 ? (d->label[lo + 1] == c ? 0 : -1)
              : n    ? find_label(d->label + lo + 1, n, c)
                     : -1;
      if (j >= 0) {
        uint32_t u = lo + 1 + (uint32_t)j, r = d->st[u].first & DICT_REPORT;
        return (u < d->ndense ? u : DICT_NFA | u) | r;
      }
      s = d->st[s].fail;
      if (s < d->ndense) break;
    }
  }
  e = d->dense[d->col[c] + s];
  return e & DICT_ROW_SLOW ? d->slow[e & ~DICT_ROW_SLOW] : e;
}

/* A lane's step from deep state x by byte c (as step): to x's only child
** when c is its label, as most deep steps go (86 % of the deep states
** have one child), inline; step takes the others. */
static inline uint32_t lane_deep(const kiji_dict *d, uint32_t x, unsigned c) {
  uint32_t s = x & DICT_MASK, u = (d->st[s].first & DICT_MASK) + 1;
  if ((d->st[s + 1].first & DICT_MASK) == u && d->label[u] == c && u >= d->ndense)
    return DICT_NFA | u | (d->st[u].first & DICT_REPORT);
  return step(d, x, c);
}

/*
** A step on the rows is a load that waits for the one before, from the
** L2 cache mostly: one walk over the text leaves the core idle. So a
** text is cut into LANES parts, walked side by side, one step of each in
** turn, which keeps that many loads in flight. Each lane starts from the
** root at its part's start; a step that leaves the rows goes on from the
** deep state one byte a round too (a walk of its own there would stall
** the other lanes on its loads: measured, 15 % slower on text dense in
** long keys), and reports wait in the lane's queue until the walks are
** done (handled as they come, each lane's in turn, the occurrences came
** interleaved, and putting them back in lane order cost 7 % of the time
** in copies). A lane done with its part is parked on a run of 0xFF bytes
** (never in a key: the root keeps it, which prepare checked) until all
** are done. Then each lane but the last overruns into the next part for
** the keys that cross the cut. The map cursors are per lane, as the lanes
** jump about the text.
*/
#define LANE_MIN 64 /* bytes per lane, below which one walk does */

static const unsigned char parked[64] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};

/* A lane's step on the rows, the byte at q##k[i]: a report is queued
** with its record (a reporting dense state's is its index in SLOW,
** dict.h); a step to a deep state sets DICT_NFA in deep. */
#define ROW_STEP(k)                                                        \
  x##k = dense[col[q##k[i]] + x##k];                                       \
  if (KIJI_UNLIKELY(x##k & DICT_ROW_SLOW)) {                               \
    uint32_t s = x##k & ~DICT_ROW_SLOW, y = slow[s];                       \
    x##k = y & (DICT_NFA | DICT_MASK);                                     \
    deep |= y;                                                             \
    if (y & DICT_REPORT)                                                   \
      queue(sc, k, y &DICT_NFA ? (uint32_t)dict_rank(d, y &DICT_MASK) : s, \
            (size_t)(q##k + i + 1 - t));                                   \
  }

/* A lane's step from where it stands: on the rows, or from a deep state
** (lane_deep), so that the lanes keep walking side by side there too. */
#define LANE_STEP(k)                                                                  \
  if (KIJI_LIKELY(!(x##k & DICT_NFA))) {                                              \
    ROW_STEP(k)                                                                       \
  } else {                                                                            \
    uint32_t y = lane_deep(d, x##k, q##k[i]);                                         \
    x##k = y & (DICT_NFA | DICT_MASK);                                                \
    if (y & DICT_REPORT)                                                              \
      queue(sc, k, (uint32_t)dict_rank(d, y &DICT_MASK), (size_t)(q##k + i + 1 - t)); \
  }

/* A lane at its end: done with its part (where it stands kept in
** last[k]), parked; or parked already, back to the run's start. */
#define LANE_END(k)                       \
  if (p##k == e##k) {                     \
    if (e##k != parked + sizeof parked) { \
      last[k] = x##k;                     \
      x##k = 0;                           \
      e##k = parked + sizeof parked;      \
      active--;                           \
    }                                     \
    p##k = parked;                        \
  }                                       \
  if ((size_t)(e##k - p##k) < rounds) rounds = (size_t)(e##k - p##k);

/*
** Lane k, done with its part, walks on into the next from where it
** stands (xk), with the steps of run, reporting only the keys that start
** in its own part, until it meets the state the next lane has there: the
** root, or any state once it is max_depth bytes in (a state is a suffix
** of the text read, never longer than the longest key, so it then starts
** inside the next part, where the next lane, which started there from the
** root, has the same).
*/
static void overrun(scanner *sc, size_t k, uint32_t xk) {
  const kiji_dict *d = sc->d;
  const unsigned char *t = sc->norm, *qk = t + sc->bound[k + 1];
  const uint16_t *dense = d->dense;
  const uint32_t *col = d->col, *slow = d->slow;
  size_t n = sc->nlen - sc->bound[k + 1], i;
  uint32_t deep = 0; /* (LANE_STEP's: unused here) */
  if (n > d->max_depth) n = d->max_depth;
  for (i = 0; xk != 0 && i < n; i++) { LANE_STEP(k) }
  (void)deep;
}

/*
** The rounds of a run go by one index i, from -rounds up to 0, into
** each lane's q##k (where the run ends): one count for the four lanes.
** While all four are on the rows, a round is their row steps alone; a
** round with a lane on a deep state looks at each lane's.
*/
static void run(scanner *sc) {
  const kiji_dict *d = sc->d;
  const unsigned char *t = sc->norm, *p0, *p1, *p2, *p3, *e0, *e1, *e2, *e3;
  const uint16_t *dense = d->dense;
  const uint32_t *col = d->col, *slow = d->slow;
  size_t n = sc->to - sc->from, k, rounds;
  uint32_t x0 = 0, x1 = 0, x2 = 0, x3 = 0, last[LANES];
  int active = LANES;
  if (n < LANES * LANE_MIN || !d->idle[0xFF]) {
    sc->bound[0] = sc->from;
    sc->bound[1] = sc->to;
    last[0] = walk(sc, 0, 0, sc->from, sc->to);
    if (sc->to < sc->nlen) overrun(sc, 0, last[0]); /* a part: the keys that cross its end */
    flush(sc);
    return;
  }
  for (k = 0; k < LANES; k++) sc->bound[k] = sc->from + n / LANES * k;
  sc->bound[LANES] = sc->to;
  p0 = t + sc->bound[0];
  p1 = e0 = t + sc->bound[1];
  p2 = e1 = t + sc->bound[2];
  p3 = e2 = t + sc->bound[3];
  e3 = t + sc->to;
  for (;;) { /* as many rounds as no lane ends in: no end to look at in them */
    const unsigned char *q0, *q1, *q2, *q3;
    ptrdiff_t i;
    rounds = (size_t)-1;
    LANE_END(0)
    LANE_END(1)
    LANE_END(2)
    LANE_END(3)
    if (active == 0) break;
    q0 = p0 + rounds;
    q1 = p1 + rounds;
    q2 = p2 + rounds;
    q3 = p3 + rounds;
    for (i = -(ptrdiff_t)rounds; i < 0;) {
      uint32_t deep = (x0 | x1 | x2 | x3) & DICT_NFA;
      if (!deep) {
        do {
          ROW_STEP(0)
          ROW_STEP(1)
          ROW_STEP(2)
          ROW_STEP(3)
        } while (++i < 0 && !(deep & DICT_NFA));
      } else {
        LANE_STEP(0)
        LANE_STEP(1)
        LANE_STEP(2)
        LANE_STEP(3)
        i++;
      }
    }
    p0 = q0;
    p1 = q1;
    p2 = q2;
    p3 = q3;
  }
  for (k = 0; k + 1 < LANES; k++) overrun(sc, k, last[k]);
  if (sc->to < sc->nlen) overrun(sc, LANES - 1, last[LANES - 1]);
  flush(sc);
}

/* ------------------------------------------------------------ results */

/* Occurrences are unique by (ns, len), so both orders are total. */
static inline int cmp_all(const occ *a, const occ *b) {
  if (a->os != b->os) return a->os < b->os ? -1 : 1;
  if (a->oe != b->oe) return a->oe < b->oe ? -1 : 1;
  if (a->ns != b->ns) return a->ns < b->ns ? -1 : 1;
  return a->len < b->len ? -1 : a->len > b->len;
}

/* Leftmost, then longest (original, then normalized). */
static inline int cmp_longest(const occ *a, const occ *b) {
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
static inline int insertion_sort(occ *a, size_t n, occ_cmp cmp, size_t budget) {
  size_t i, j;
  for (i = 1; i < n; i++) {
    occ v;
    if (cmp(&a[i - 1], &a[i]) <= 0) continue; /* the usual case: nothing moves */
    v = a[i];
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
** longest key down (the lanes' queues are handled lane after lane, so
** the lanes' occurrences come as one walk's would, but for the keys that
** cross a cut): already in order, or nearly, unless keys nest and
** overlap a lot. An insertion sort settles the usual case; past a budget
** of moves, a stable sort by start turns that order into (start, end)
** order: the order of ALL, and, from the list reversed, the (start,
** longest first) order of LONGEST. Original offsets follow normalized ones
** except inside a piece that normalization expanded (㍻, ß...), where a
** last insertion pass puts ties right.
*/
static inline int sort_by(kiji_scan *s, kiji_scan_mode mode, const scanner *sc, occ_cmp cmp) {
  size_t n = s->nocc;
  if (insertion_sort(s->occ, n, cmp, 4 * n + 64)) return 1;
  if (mode == KIJI_SCAN_LONGEST) reverse(s->occ, n);
  if (!radix_by_start(s, sc->nlen)) return 0;
  insertion_sort(s->occ, n, cmp, (size_t)-1);
  return 1;
}

/* One copy of the sort per order, its comparison inline. */
static int sort_occs(kiji_scan *s, kiji_scan_mode mode, const scanner *sc) {
  return mode == KIJI_SCAN_ALL ? sort_by(s, mode, sc, cmp_all) : sort_by(s, mode, sc, cmp_longest);
}

/* Match m: entry over the original range [start, end). */
static inline void put_match(kiji_match *m, size_t start, size_t end, size_t entry) {
  m->start = start;
  m->end = end;
  m->entry = entry;
}

/* ALL: every occurrence; LONGEST: the first in order, then the first that
** does not overlap it in the original, and so on. Either way, at most
** every entry found: the room is made once. */
static int select_matches(kiji_scan *s, kiji_scan_mode mode, const scanner *sc) {
  size_t i, k, taken_end = 0, nocc, nm = 0;
  const occ *oc;
  const uint32_t *ents;
  kiji_match *match;
  if (!sort_occs(s, mode, sc)) return 0;
  if (!kiji_grow((void **)&s->match, &s->match_cap, s->nents, sizeof *s->match)) return 0;
  oc = s->occ; /* in locals: the stores to match would make them read again */
  nocc = s->nocc;
  ents = s->ents;
  match = s->match;
  for (i = 0; i < nocc; i++) {
    /* its fields in locals too (taken_end 0 takes the first) */
    size_t os = oc[i].os, oe = oc[i].oe, first = oc[i].first, n = oc[i].n;
    if (mode == KIJI_SCAN_LONGEST && os < taken_end) continue;
    /* the first entry apart: most often the only one, which the loop
    ** the compiler makes of all (vectorized) takes slower */
    put_match(&match[nm++], os, oe, ents[first]);
    for (k = 1; k < n; k++) put_match(&match[nm++], os, oe, ents[first + k]);
    taken_end = oe;
  }
  s->nmatch = nm;
  return 1;
}

/* ------------------------------------------------------------ entry points */

static kiji_status scan_core(const kiji_dict *d, kiji_scan *s, const char *text, size_t len,
                             const char *norm, size_t nlen, const kiji_map *map, size_t from,
                             size_t to, kiji_scan_mode mode) {
  scanner sc; /* its queues are big: what is read before written is set here */
  size_t k;
  sc.d = d;
  sc.s = s;
  sc.text = (const unsigned char *)(text ? text : "");
  sc.len = len;
  sc.norm = (const unsigned char *)(norm ? norm : "");
  sc.nlen = nlen;
  sc.map = map;
  sc.from = from;
  sc.to = to;
  sc.status = KIJI_OK;
  for (k = 0; k < LANES; k++) {
    sc.cur[k].hint = 0;
    sc.cur[k].lo = 1; /* no window yet */
    sc.cur[k].hi = 0;
    sc.cur[k].in = 0;
    sc.next[k] = s->pend[k];
    sc.stop[k] = s->pend[k] ? s->pend[k] + s->pend_cap[k] : NULL;
  }
  s->nocc = 0;
  s->nents = 0;
  if (to > from && d->nrecs > 0) run(&sc);
  if (sc.status == KIJI_OK && !select_matches(s, mode, &sc)) sc.status = KIJI_ENOMEM;
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
  return scan_core(d, s, text, len, norm, nlen, kiji_norm_map(s->norm), 0, nlen, mode);
}

kiji_status kiji_dict_scan_normalized(const kiji_dict *d, kiji_scan *s, const char *text,
                                      size_t len, const char *norm, size_t norm_len,
                                      const kiji_map *map, kiji_scan_mode mode) {
  return kiji_dict_scan_part(d, s, text, len, norm, norm_len, map, 0, norm_len, mode);
}

kiji_status kiji_dict_scan_part(const kiji_dict *d, kiji_scan *s, const char *text, size_t len,
                                const char *norm, size_t norm_len, const kiji_map *map, size_t from,
                                size_t to, kiji_scan_mode mode) {
  kiji_status st;
  if (s == NULL) return KIJI_EINVAL;
  if ((st = check_args(d, s, text, len, mode)) != KIJI_OK) return st;
  if (map == NULL || (norm == NULL && norm_len > 0))
    return serr(s, KIJI_EINVAL, "normalized text or map is NULL");
  /* the map's lengths vouch that its offsets fit both texts */
  if (kiji_map_source_length(map) != len || kiji_map_target_length(map) != norm_len ||
      (norm_len > 0 && map->npieces == 0))
    return serr(s, KIJI_EINVAL, "the map does not belong to these texts");
  if (from > to || to > norm_len) return serr(s, KIJI_EINVAL, "the part is not in the text");
  return scan_core(d, s, text, len, norm, norm_len, map, from, to, mode);
}
