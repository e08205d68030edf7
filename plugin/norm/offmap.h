/*
** offmap.h -- the offset map from a normalized text back to its original.
**
** The map is a list of pieces, in text order. A piece covers output bytes
** [out, next.out) and input bytes [in, next.in):
**   - linear: output byte k is input byte k (same length, same character
**     boundaries: copied text, ASCII case folding, a one-byte space);
**   - atomic: every output byte comes from the whole input range (a
**     normalization segment, a replaced invalid sequence, a space run); an
**     atomic piece with no output bytes is a dropped character.
** Input offsets strictly increase from piece to piece; output offsets never
** decrease.
*/
#ifndef KIJI_OFFMAP_H
#define KIJI_OFFMAP_H

#include "base/internal.h"
#include "base/utf8.h"

typedef struct kiji_piece {
  size_t out;
  size_t in; /* input offset << 1 | linear */
} kiji_piece;

struct kiji_map {
  kiji_piece *pieces;
  /* A copy or share of a map whose offsets fit holds its pieces here
  ** instead, out then in << 1 | linear, in half the bytes (pieces NULL):
  ** less to allocate and copy into a Lua userdata. */
  const uint32_t *narrow;
  size_t npieces, cap;
  const unsigned char *out; /* the normalized text, owned by the kiji_norm */
  size_t out_len, in_len;
  /* The piece that holds the first byte of each block of KIJI_MAP_BLOCK
  ** bytes, of the output then of the input (kiji_map_finish), so that a
  ** lookup searches the few pieces of one block, not the map. nblocks 0:
  ** none (a copy, or no memory for them); searched the whole map then. */
  uint32_t *blocks;
  size_t nblocks, blocks_cap; /* nblocks: out_len's blocks + 1, then in_len's + 1 */
};

#define KIJI_MAP_BLOCK_BITS 8

KIJI_HIDDEN void kiji_map_init(kiji_map *m);
KIJI_HIDDEN void kiji_map_release(kiji_map *m);
KIJI_HIDDEN void kiji_map_clear(kiji_map *m);

KIJI_HIDDEN int kiji_map_append(kiji_map *m, size_t out, size_t in, int linear);

/* Append a piece starting at (out, in); a linear piece that continues a
** linear predecessor (same offset delta) merges into it, inline since it
** is the common case. 0 on allocation failure. */
static inline int kiji_map_push(kiji_map *m, size_t out, size_t in, int linear) {
  if (linear && m->npieces > 0) {
    const kiji_piece *last = &m->pieces[m->npieces - 1];
    if ((last->in & 1u) && out - last->out == in - (last->in >> 1)) return 1;
  }
  if (m->npieces < m->cap) { /* (kiji_map_append when it must grow) */
    m->pieces[m->npieces].out = out;
    m->pieces[m->npieces++].in = in << 1 | (linear ? 1u : 0u);
    return 1;
  }
  return kiji_map_append(m, out, in, linear);
}

/* Inside a linear piece, characters have the same bytes on both sides, so
** the output text tells where they start and end. */
static inline size_t kiji_map_char_start(const kiji_map *m, size_t pos, size_t floor) {
  while (pos > floor && pos < m->out_len && kiji_utf8_is_cont(m->out[pos])) pos--;
  return pos;
}

static inline size_t kiji_map_char_end(const kiji_map *m, size_t pos, size_t ceil) {
  while (pos < ceil && kiji_utf8_is_cont(m->out[pos])) pos++;
  return pos;
}

/* Where wide piece k's output and input end. */
static inline size_t kiji_map_out_end(const kiji_map *m, size_t k) {
  return k + 1 < m->npieces ? m->pieces[k + 1].out : m->out_len;
}

static inline size_t kiji_map_in_end(const kiji_map *m, size_t k) {
  return k + 1 < m->npieces ? m->pieces[k + 1].in >> 1 : m->in_len;
}

/*
** kiji_map_origin_near and kiji_map_target_near when wide piece k (the
** hint) holds all of [start, end), start < end, as most of the rules'
** lookups in text order find it: 1 and their answer, with no call and no
** search; else 0 (ask them then). A narrow map: 0.
*/
static inline int kiji_map_origin_in_piece(const kiji_map *m, size_t k, size_t start, size_t end,
                                           size_t *os, size_t *oe) {
  const kiji_piece *p = m->pieces;
  size_t ob, oend;
  if (p == NULL || k >= m->npieces || start >= end || (ob = p[k].out) > start ||
      end > (oend = kiji_map_out_end(m, k)))
    return 0;
  if (p[k].in & 1u) {
    *os = (p[k].in >> 1) + (kiji_map_char_start(m, start, ob) - ob);
    *oe = (p[k].in >> 1) + (kiji_map_char_end(m, end, oend) - ob);
  } else {
    *os = p[k].in >> 1;
    *oe = kiji_map_in_end(m, k);
  }
  return 1;
}

static inline int kiji_map_target_in_piece(const kiji_map *m, size_t k, size_t start, size_t end,
                                           size_t *ts, size_t *te) {
  const kiji_piece *p = m->pieces;
  size_t ib;
  if (p == NULL || k >= m->npieces || start >= end || (ib = p[k].in >> 1) > start ||
      end > kiji_map_in_end(m, k))
    return 0;
  if (p[k].in & 1u) {
    *ts = kiji_map_char_start(m, p[k].out + (start - ib), p[k].out);
    *te = kiji_map_char_end(m, p[k].out + (end - ib), kiji_map_out_end(m, k));
  } else {
    *ts = p[k].out;
    *te = kiji_map_out_end(m, k);
  }
  return 1;
}

/* Make the output from out_pos on (written, and still to come before the
** next push) one atomic piece: a rule that rewrote a character because of
** the one before it ties the two together. 0 on allocation failure. */
KIJI_HIDDEN int kiji_map_atomic_tail(kiji_map *m, size_t out_pos);

/* The lookups below read a normalizer's map (its pieces wide, as the
** stages' maps are); a copy or share is read through kiji_map_origin and
** kiji_map_target, which know both widths. */

/* The last piece whose output starts at or before pos, searched from
** *hint (a piece index, 0 at first; moved to the answer): lookups that
** come near one another, as in text order, cost O(1) each. */
KIJI_HIDDEN size_t kiji_map_piece_near(const kiji_map *m, size_t pos, size_t *hint);

/* kiji_map_origin and kiji_map_target from *hint (a piece index, 0 at
** first; moved to the piece of start): a lookup in the piece of the last
** one or the next costs no search, as the rules' lookups in text order. */
KIJI_HIDDEN kiji_status kiji_map_origin_near(const kiji_map *m, size_t start, size_t end,
                                             size_t *ostart, size_t *oend, size_t *hint);
KIJI_HIDDEN kiji_status kiji_map_target_near(const kiji_map *m, size_t start, size_t end,
                                             size_t *tstart, size_t *tend, size_t *hint);

/* The input byte that output byte pos is a copy of (a linear piece's: an
** ASCII output byte is the same character, its case perhaps folded),
** looked up from *hint likewise; KIJI_NONE when pos is in an atomic piece
** or past the output. */
KIJI_HIDDEN size_t kiji_map_copied(const kiji_map *m, size_t pos, size_t *hint);

/* m as the map of a text that its form leaves as it is: one linear piece
** (*one, the caller's, as m's text is) over text[0, len). Nothing to
** release. */
KIJI_HIDDEN void kiji_map_identity(kiji_map *m, kiji_piece *one, const unsigned char *text,
                                   size_t len);

/* Close the map over the finished text. */
KIJI_HIDDEN void kiji_map_finish(kiji_map *m, const unsigned char *out, size_t out_len,
                                 size_t in_len);

#endif
