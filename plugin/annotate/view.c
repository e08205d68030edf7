/*
** view.c -- the view the rules read and the original behind it.
**
** The rules work on the match form (annotate.c says why); what the match
** form folds away and a rule still needs (a capital letter, a line break)
** is read from the original character through the offset map. When the
** rules are done, every record is carried back to the original bytes.
*/
#include <utf8proc.h>

#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ann.h"
#include "base/utf8.h"
#include "norm/offmap.h"

static const kiji_map *map_of(const kiji_doc *doc) { return doc->view_map; }

/* ------------------------------------------------------------ the map */

/* The view's map, asked some 15 times a sentence, mostly in text order:
** first in the piece of the last lookup (offmap.h, inline), then in the
** one two pieces on (a character the view rewrites, ’ or （, is a piece
** of its own between copied ones: the next word is often past it), then
** by the map's own lookups. A piece that holds all of a range answers as
** they would. */
kiji_status kiji_ann_to_origin(const kiji_map *m, size_t start, size_t end, size_t *os, size_t *oe,
                               size_t *hint) {
  if (m != NULL && kiji_map_origin_in_piece(m, *hint, start, end, os, oe)) return KIJI_OK;
  if (m != NULL && kiji_map_origin_in_piece(m, *hint + 2, start, end, os, oe)) {
    *hint += 2;
    return KIJI_OK;
  }
  return kiji_map_origin_near(m, start, end, os, oe, hint);
}

/* (Inline in hits_to_view's loop over a sentence's hits: a call apiece
** cost a third of the lookup in the piece.) */
static inline kiji_status to_view(const kiji_map *m, size_t start, size_t end, size_t *vs,
                                  size_t *ve, size_t *hint) {
  if (m != NULL && kiji_map_target_in_piece(m, *hint, start, end, vs, ve)) return KIJI_OK;
  if (m != NULL && kiji_map_target_in_piece(m, *hint + 2, start, end, vs, ve)) {
    *hint += 2;
    return KIJI_OK;
  }
  return kiji_map_target_near(m, start, end, vs, ve, hint);
}

kiji_status kiji_ann_to_view(const kiji_map *m, size_t start, size_t end, size_t *vs, size_t *ve,
                             size_t *hint) {
  return to_view(m, start, end, vs, ve, hint);
}

/* The piece of a map that the hits in a row are mostly in: its input and
** output bounds, read once. */
typedef struct hit_piece {
  size_t in, in_end, out, out_end;
  int linear;
} hit_piece;

/* A sentence's hits come in text order, most in the piece of the one
** before: that piece (the hint's, after each lookup) is kept, and a hit
** whose input lies in it is mapped as kiji_map_target_in_piece maps it
** there, with no bound read again; another is looked up (to_view). */
size_t kiji_ann_hits_to_view(const kiji_map *m, ann_hit *h, size_t n, size_t *hint) {
  size_t i, kept = 0;
  hit_piece p = {1, 0, 0, 0, 0}; /* (none yet: holds no hit) */
  for (i = 0; i < n; i++) {
    ann_hit *o = &h[kept];
    if (i != kept) *o = h[i];
    if (o->start >= p.in && o->end <= p.in_end && o->start < o->end) {
      o->start = p.linear ? kiji_map_char_start(m, p.out + (o->start - p.in), p.out) : p.out;
      o->end = p.linear ? kiji_map_char_end(m, p.out + (o->end - p.in), p.out_end) : p.out_end;
      kept++;
      continue;
    }
    if (to_view(m, o->start, o->end, &o->start, &o->end, hint) == KIJI_OK) kept++;
    if (m != NULL && m->pieces != NULL && *hint < m->npieces) {
      p.in = m->pieces[*hint].in >> 1;
      p.in_end = kiji_map_in_end(m, *hint);
      p.out = m->pieces[*hint].out;
      p.out_end = kiji_map_out_end(m, *hint);
      p.linear = (int)(m->pieces[*hint].in & 1u);
    }
  }
  return kept;
}

/* The input byte that output byte pos is a copy of, or KIJI_NONE
** (kiji_map_copied, asked first of the hint's piece). */
static size_t copied(const kiji_map *m, size_t pos, size_t *hint) {
  size_t k = *hint;
  if (m != NULL && m->pieces != NULL && k < m->npieces && m->pieces[k].out <= pos &&
      pos < kiji_map_out_end(m, k))
    return (m->pieces[k].in & 1u) ? (m->pieces[k].in >> 1) + (pos - m->pieces[k].out) : KIJI_NONE;
  return kiji_map_copied(m, pos, hint);
}

/* The original bytes behind the view's [start, end) of map m (the
** view's): looked up from the piece of the last lookup, as the rules read
** a sentence in order. */
static kiji_status origin_at(const kiji_map *m, size_t *hint, size_t start, size_t end, size_t *os,
                             size_t *oe) {
  return kiji_ann_to_origin(m, start, end, os, oe, hint);
}

static kiji_status origin(kiji_doc *doc, size_t start, size_t end, size_t *os, size_t *oe) {
  return origin_at(map_of(doc), &doc->map_hint, start, end, os, oe);
}

int kiji_ann_capital(const ann_sent *st, size_t pos) {
  size_t os, oe, l;
  int32_t c;
  if (pos >= st->end) return 0;
  if (st->s[pos] < 0x80 && (os = copied(map_of(st->doc), pos, &st->doc->map_hint)) != KIJI_NONE) {
    c = (unsigned char)st->doc->text[os]; /* a copied ASCII byte: the original is one too */
    return c >= 'A' && c <= 'Z';
  }
  if (origin(st->doc, pos, pos + 1, &os, &oe) != KIJI_OK || os >= oe) return 0;
  c = kiji_utf8_decode((const unsigned char *)st->doc->text + os, oe - os, &l);
  if (c < 0) return 0;
  if (c < 0x80) return c >= 'A' && c <= 'Z'; /* (utf8proc says the same, slower) */
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT: return 1;
    default: return 0;
  }
}

static int is_line_break(int32_t c) {
  return c == '\n' || c == '\r' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 ||
         c == 0x2029;
}

/* The first line break that lies whole in t[from, end), and its length
** (*len), or KIJI_NONE. A break starts with 0A..0D, C2 (U+0085) or E2
** (U+2028, U+2029), and C2 and E2 start other characters too (curly
** quotes): those are decoded. SSE2 passes 16 bytes at a time that hold
** none of those bytes. */
#if defined(__SSE2__)
/* The bytes of t[i, i + 16) that may start a break, a bit each. */
static unsigned break_leads(const unsigned char *t, size_t i) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
  __m128i c0 =
      _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8(0x09)), _mm_cmplt_epi8(x, _mm_set1_epi8(0x0E)));
  __m128i c1 = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xC2)),
                            _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2)));
  return (unsigned)_mm_movemask_epi8(_mm_or_si128(c0, c1));
}
#endif

static size_t next_break(const unsigned char *t, size_t from, size_t end, size_t *len) {
  size_t i = from, l;
  for (;;) {
#if defined(__SSE2__)
    if (end - from >= 16) { /* (the last 16 bytes once more for the tail) */
      unsigned bits = 0;
      for (; i < end; i += 16) {
        size_t at = end - i >= 16 ? i : end - 16;
        if ((bits = break_leads(t, at) & (~0u << (i - at))) != 0) {
          i = at + (size_t)__builtin_ctz(bits);
          break;
        }
      }
      if (bits == 0) return KIJI_NONE;
    }
#endif
    for (; i < end; i++)
      if ((t[i] >= 0x0A && t[i] <= 0x0D) || t[i] == 0xC2 || t[i] == 0xE2) break;
    if (i >= end) return KIJI_NONE;
    if (t[i] < 0x80) {
      *len = 1;
      return i;
    }
    if (is_line_break(kiji_utf8_decode(t + i, end - i, &l))) {
      *len = l;
      return i;
    }
    i++;
  }
}

/* Whether the original bytes behind the view's [a, b) hold a line break. */
static int breaks_in(const ann_sent *st, size_t a, size_t b) {
  size_t os, oe, l;
  if (a >= b || origin(st->doc, a, b, &os, &oe) != KIJI_OK) return 0;
  return next_break((const unsigned char *)st->doc->text, os, oe, &l) != KIJI_NONE;
}

/* A range of the sentence holds a break only when the sentence does
** (the original behind a part of it is a part of its own). The breaks
** behind the sentence are found once (lookup ANN_IX_BREAKS), each kept
** as the view bytes [ts, te) that it maps to (the bytes of its character,
** or all of the piece that holds it, the space a run of them became;
** empty when the view dropped it): the original behind [a, b) holds it
** when a < te and b > ts (both sides of an empty one), so a range of
** the sentence then costs no lookup in the map. */
typedef struct view_break {
  size_t ts, te;
} view_break;

static int sentence_breaks(const ann_sent *st, ann_buf *known) {
  const unsigned char *t = (const unsigned char *)st->doc->text;
  size_t os, oe, p, l;
  known->n = 0;
  if (origin(st->doc, st->start, st->end, &os, &oe) != KIJI_OK) return 1;
  for (p = os; (p = next_break(t, p, oe, &l)) != KIJI_NONE; p += l) {
    view_break v, *last = known->n ? (view_break *)known->p + known->n - 1 : NULL;
    if (kiji_ann_to_view(map_of(st->doc), p, p + l, &v.ts, &v.te, &st->doc->map_hint) != KIJI_OK)
      return 0;
    if (last && last->ts == v.ts && last->te == v.te) continue; /* (breaks that made one space) */
    if ((last = kiji_ann_push(known, sizeof v)) == NULL) return 0;
    *last = v;
  }
  return 1;
}

int kiji_ann_line_break(const ann_sent *st, size_t a, size_t b) {
  ann_buf *known;
  const view_break *v;
  size_t k;
  if (a >= b) return 0;
  if (a < st->start || b > st->end) return breaks_in(st, a, b);
  if ((known = kiji_ann_lookup(st, ANN_IX_BREAKS)) == NULL) {
    known = &st->doc->ix[ANN_IX_BREAKS].b;
    if (!sentence_breaks(st, known)) return breaks_in(st, a, b); /* (no memory: each time) */
    kiji_ann_lookup_done(st, ANN_IX_BREAKS);
  }
  for (v = known->p, k = 0; k < known->n; k++)
    if (a < v[k].te && b > v[k].ts) return 1;
  return 0;
}

/* A range of the view as the original bytes that made it. */
static void carry(const kiji_map *m, size_t *hint, kiji_range *r) {
  size_t os, oe;
  if (r->start == KIJI_NONE || origin_at(m, hint, r->start, r->end, &os, &oe) != KIJI_OK) return;
  r->start = os;
  r->end = oe;
}

void kiji_ann_to_original(kiji_doc *doc) {
  kiji_mention *mm = doc->mentions.p;
  kiji_denial *d = doc->denials.p;
  kiji_attribution *a = doc->attributions.p;
  kiji_quote *q = doc->quotes.p;
  const kiji_map *m = map_of(doc);
  size_t i, *h = &doc->map_hint;
  for (i = 0; i < doc->mentions.n; i++) {
    carry(m, h, &mm[i].span);
    carry(m, h, &mm[i].title);
    carry(m, h, &mm[i].person);
  }
  for (i = 0; i < doc->denials.n; i++) {
    carry(m, h, &d[i].cue);
    carry(m, h, &d[i].by);
    carry(m, h, &d[i].claim);
    carry(m, h, &d[i].target);
    carry(m, h, &d[i].date_text);
  }
  carry(m, h, &doc->dateline);
  for (i = 0; i < doc->attributions.n; i++) {
    carry(m, h, &a[i].cue);
    carry(m, h, &a[i].source);
    carry(m, h, &a[i].claim);
    carry(m, h, &a[i].date_text);
  }
  for (i = 0; i < doc->quotes.n; i++) {
    carry(m, h, &q[i].text);
    carry(m, h, &q[i].speaker);
    carry(m, h, &q[i].cue);
  }
}

static int is_blank(int32_t c) { return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000; }

/* The original read backwards from the character at pos over blanks: a
** line break or the text's start opens a paragraph (wire copy puts one
** paragraph on a line, and a line with no full stop runs into the next
** sentence). */
int kiji_ann_line_starts(const ann_sent *st, size_t pos) {
  const unsigned char *t = (const unsigned char *)st->doc->text;
  size_t os, oe, i;
  if (pos >= st->end || origin(st->doc, pos, pos + 1, &os, &oe) != KIJI_OK) return 0;
  for (i = os; i > 0;) {
    size_t j = i - 1, l;
    int32_t c;
    while (j > 0 && (t[j] & 0xC0) == 0x80) j--;
    c = kiji_utf8_decode(t + j, i - j, &l);
    if (is_line_break(c)) return 1;
    if (!is_blank(c)) return 0;
    i = j;
  }
  return 1;
}

int kiji_ann_spaced(const ann_sent *st, size_t pos) {
  const unsigned char *t = (const unsigned char *)st->doc->text;
  size_t j, l, os, oe, i;
  if (pos <= st->start || pos >= st->end) return 0;
  kiji_ann_cp_before(st->s, st->start, pos, &j);
  kiji_ann_cp(st->s, pos, st->end, &l);
  if (origin(st->doc, j, pos + l, &os, &oe) != KIJI_OK) return 0;
  for (i = os; i < oe; i += l ? l : 1) { /* the two characters are no blanks */
    int32_t c = kiji_utf8_decode(t + i, oe - i, &l);
    if (is_blank(c) || is_line_break(c)) return 1;
  }
  return 0;
}

int kiji_ann_line_ends(const ann_sent *st, size_t pos) {
  const unsigned char *t = (const unsigned char *)st->doc->text;
  size_t os, oe, i, l;
  if (pos <= st->start || origin(st->doc, pos - 1, pos, &os, &oe) != KIJI_OK) return 0;
  for (i = oe; i < st->doc->len; i += l ? l : 1) {
    int32_t c = kiji_utf8_decode(t + i, st->doc->len - i, &l);
    if (is_line_break(c)) return 1;
    if (!is_blank(c)) return 0;
  }
  return 1;
}
