/*
** offmap.c -- building and querying the offset map (see offmap.h).
*/
#include <string.h>

#include "offmap.h"
#include "base/utf8.h"

#define PIECE_IN(p) ((p)->in >> 1)
#define PIECE_LINEAR(p) ((p)->in & 1u)

void kiji_map_init(kiji_map *m) {
  m->pieces = NULL;
  m->npieces = m->cap = 0;
  m->out = NULL;
  m->out_len = m->in_len = 0;
  m->blocks = NULL;
  m->nblocks = m->blocks_cap = 0;
}

void kiji_map_release(kiji_map *m) {
  kiji_dealloc(m->pieces);
  kiji_dealloc(m->blocks);
  kiji_map_init(m);
}

void kiji_map_clear(kiji_map *m) {
  m->npieces = 0;
  m->out = NULL;
  m->out_len = m->in_len = 0;
  m->nblocks = 0;
}

int kiji_map_append(kiji_map *m, size_t out, size_t in, int linear) {
  if (m->npieces == m->cap &&
      !kiji_grow((void **)&m->pieces, &m->cap, m->npieces + 1, sizeof(kiji_piece)))
    return 0;
  m->pieces[m->npieces].out = out;
  m->pieces[m->npieces].in = in << 1 | (linear ? 1u : 0u);
  m->npieces++;
  return 1;
}

int kiji_map_atomic_tail(kiji_map *m, size_t out_pos) {
  kiji_piece *last;
  /* dropped characters between out_pos and the end join the tail */
  while (m->npieces > 1 && m->pieces[m->npieces - 1].out > out_pos) m->npieces--;
  if (m->npieces == 0) return 1;
  last = &m->pieces[m->npieces - 1];
  if (!PIECE_LINEAR(last)) return 1;
  if (last->out == out_pos) {
    last->in &= ~(size_t)1;
    return 1;
  }
  return kiji_map_push(m, out_pos, PIECE_IN(last) + (out_pos - last->out), 0);
}

/* Entries of one side's blocks: one per block that holds a byte of n,
** and one past them (the bound of the last one's search). */
static size_t side_blocks(size_t n) { return (n >> KIJI_MAP_BLOCK_BITS) + 2; }

/* b[k]: the last piece whose start (output when out, else input) is at
** or before byte k << KIJI_MAP_BLOCK_BITS, for k < count. */
static void fill_blocks(const kiji_map *m, uint32_t *b, size_t count, int out) {
  size_t k, p = 0;
  for (k = 0; k < count; k++) {
    size_t pos = k << KIJI_MAP_BLOCK_BITS;
    while (p + 1 < m->npieces && (out ? m->pieces[p + 1].out : PIECE_IN(&m->pieces[p + 1])) <= pos)
      p++;
    b[k] = (uint32_t)p;
  }
}

void kiji_map_identity(kiji_map *m, kiji_piece *one, const unsigned char *text, size_t len) {
  kiji_map_init(m);
  one->out = 0;
  one->in = 1; /* input 0, linear */
  m->pieces = one;
  m->npieces = m->cap = 1;
  m->out = text;
  m->out_len = m->in_len = len;
}

void kiji_map_finish(kiji_map *m, const unsigned char *out, size_t out_len, size_t in_len) {
  size_t nout = side_blocks(out_len), n = nout + side_blocks(in_len);
  m->out = out;
  m->out_len = out_len;
  m->in_len = in_len;
  m->nblocks = 0; /* without them (no memory) lookups search the whole map */
  if (m->npieces == 0 || m->npieces > UINT32_MAX || n < nout ||
      !kiji_grow((void **)&m->blocks, &m->blocks_cap, n, sizeof(uint32_t)))
    return;
  fill_blocks(m, m->blocks, nout, 1);
  fill_blocks(m, m->blocks + nout, n - nout, 0);
  m->nblocks = n;
}

size_t kiji_map_copy_size(const kiji_map *m) {
  if (m == NULL) return 0;
  return kiji_map_share_size(m) + m->out_len;
}

size_t kiji_map_share_size(const kiji_map *m) {
  if (m == NULL) return 0;
  return sizeof(kiji_map) + m->npieces * sizeof(kiji_piece);
}

/* The header and pieces of m into mem, its text at `out`. */
static kiji_map *copy_pieces(const kiji_map *m, void *mem, const unsigned char *out) {
  kiji_map *c = (kiji_map *)mem;
  kiji_piece *pieces = (kiji_piece *)(c + 1);
  if (m->npieces) memcpy(pieces, m->pieces, m->npieces * sizeof(kiji_piece));
  c->pieces = pieces;
  c->npieces = c->cap = m->npieces;
  c->out = out;
  c->out_len = m->out_len;
  c->in_len = m->in_len;
  c->blocks = NULL; /* (its lookups search the whole map) */
  c->nblocks = c->blocks_cap = 0;
  return c;
}

kiji_map *kiji_map_copy(const kiji_map *m, void *mem, size_t size) {
  unsigned char *out;
  if (m == NULL || mem == NULL || size < kiji_map_copy_size(m)) return NULL;
  out = (unsigned char *)mem + kiji_map_share_size(m);
  if (m->out_len) memcpy(out, m->out, m->out_len);
  return copy_pieces(m, mem, out);
}

kiji_map *kiji_map_share(const kiji_map *m, const char *text, void *mem, size_t size) {
  if (m == NULL || mem == NULL || size < kiji_map_share_size(m) || (text == NULL && m->out_len))
    return NULL;
  return copy_pieces(m, mem, (const unsigned char *)text);
}

size_t kiji_map_source_length(const kiji_map *m) { return m ? m->in_len : 0; }
size_t kiji_map_target_length(const kiji_map *m) { return m ? m->out_len : 0; }

static size_t piece_out_end(const kiji_map *m, size_t k) {
  return k + 1 < m->npieces ? m->pieces[k + 1].out : m->out_len;
}

static size_t piece_in_end(const kiji_map *m, size_t k) {
  return k + 1 < m->npieces ? PIECE_IN(&m->pieces[k + 1]) : m->in_len;
}

/* The last piece whose output starts at or before pos: for pos < out_len,
** the piece holding output byte pos (dropped pieces before it have no
** bytes). Searched between the pieces of pos's block and the next's. */
static size_t piece_at_out(const kiji_map *m, size_t pos) {
  size_t lo = 0, hi = m->npieces;
  if (m->nblocks && pos < m->out_len) {
    const uint32_t *b = m->blocks + (pos >> KIJI_MAP_BLOCK_BITS);
    lo = b[0];
    hi = (size_t)b[1] + 1;
  }
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (m->pieces[mid].out <= pos)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* piece_at_out, galloping from *hint: lookups in text order cost O(1)
** each instead of a search over the whole map. */
size_t kiji_map_piece_near(const kiji_map *m, size_t pos, size_t *hint) {
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

/* The piece holding input byte pos (likewise by its block). */
static size_t piece_at_in(const kiji_map *m, size_t pos) {
  size_t lo = 0, hi = m->npieces;
  if (m->nblocks && pos < m->in_len) {
    const uint32_t *b = m->blocks + side_blocks(m->out_len) + (pos >> KIJI_MAP_BLOCK_BITS);
    lo = b[0];
    hi = (size_t)b[1] + 1;
  }
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (PIECE_IN(&m->pieces[mid]) <= pos)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* Inside a linear piece, characters have the same bytes on both sides, so
** the output text tells where they start. */
static size_t char_start(const kiji_map *m, size_t pos, size_t floor) {
  while (pos > floor && pos < m->out_len && kiji_utf8_is_cont(m->out[pos])) pos--;
  return pos;
}

static size_t char_end(const kiji_map *m, size_t pos, size_t ceil) {
  while (pos < ceil && kiji_utf8_is_cont(m->out[pos])) pos++;
  return pos;
}

/* The piece that holds output byte pos < out_len: *hint's or the next
** (lookups in text order), else searched; *hint moved to it. */
static size_t out_piece(const kiji_map *m, size_t pos, size_t *hint) {
  size_t k = *hint;
  if (k < m->npieces && m->pieces[k].out <= pos) {
    if (pos < piece_out_end(m, k)) return k;
    if (k + 1 < m->npieces && pos < piece_out_end(m, k + 1)) return *hint = k + 1;
  }
  return *hint = piece_at_out(m, pos);
}

/* The piece that holds input byte pos < in_len, likewise. */
static size_t in_piece(const kiji_map *m, size_t pos, size_t *hint) {
  size_t k = *hint;
  if (k < m->npieces && PIECE_IN(&m->pieces[k]) <= pos) {
    if (pos < piece_in_end(m, k)) return k;
    if (k + 1 < m->npieces && pos < piece_in_end(m, k + 1)) return *hint = k + 1;
  }
  return *hint = piece_at_in(m, pos);
}

size_t kiji_map_copied(const kiji_map *m, size_t pos, size_t *hint) {
  size_t k;
  if (pos >= m->out_len || m->npieces == 0) return KIJI_NONE;
  k = out_piece(m, pos, hint);
  return PIECE_LINEAR(&m->pieces[k]) ? PIECE_IN(&m->pieces[k]) + (pos - m->pieces[k].out)
                                     : KIJI_NONE;
}

kiji_status kiji_map_origin_near(const kiji_map *m, size_t start, size_t end, size_t *ostart,
                                 size_t *oend, size_t *hint) {
  size_t k, base;
  if (m == NULL || ostart == NULL || oend == NULL || start > end || end > m->out_len)
    return KIJI_EINVAL;
  if (m->npieces == 0) {
    *ostart = *oend = 0;
    return KIJI_OK;
  }
  if (start == m->out_len) {
    *ostart = *oend = m->in_len;
    return KIJI_OK;
  }
  k = out_piece(m, start, hint);
  base = m->pieces[k].out;
  if (PIECE_LINEAR(&m->pieces[k])) {
    *ostart = PIECE_IN(&m->pieces[k]) + (char_start(m, start, base) - base);
  } else {
    *ostart = PIECE_IN(&m->pieces[k]);
  }
  if (end == start) {
    *oend = *ostart;
    return KIJI_OK;
  }
  if (end > piece_out_end(m, k)) k = piece_at_out(m, end - 1); /* (else the start's piece) */
  base = m->pieces[k].out;
  if (PIECE_LINEAR(&m->pieces[k])) {
    *oend = PIECE_IN(&m->pieces[k]) + (char_end(m, end, piece_out_end(m, k)) - base);
  } else {
    *oend = piece_in_end(m, k);
  }
  return KIJI_OK;
}

kiji_status kiji_map_origin(const kiji_map *m, size_t start, size_t end, size_t *ostart,
                            size_t *oend) {
  size_t hint = 0;
  return kiji_map_origin_near(m, start, end, ostart, oend, &hint);
}

kiji_status kiji_map_target_near(const kiji_map *m, size_t start, size_t end, size_t *tstart,
                                 size_t *tend, size_t *hint) {
  size_t k, base, in;
  if (m == NULL || tstart == NULL || tend == NULL || start > end || end > m->in_len)
    return KIJI_EINVAL;
  if (m->npieces == 0 || start == m->in_len) {
    *tstart = *tend = m->out_len;
    return KIJI_OK;
  }
  k = in_piece(m, start, hint);
  base = m->pieces[k].out;
  in = PIECE_IN(&m->pieces[k]);
  if (PIECE_LINEAR(&m->pieces[k])) {
    *tstart = char_start(m, base + (start - in), base);
  } else {
    *tstart = base;
  }
  if (end == start) {
    *tend = *tstart;
    return KIJI_OK;
  }
  if (end > piece_in_end(m, k)) k = piece_at_in(m, end - 1);
  base = m->pieces[k].out;
  in = PIECE_IN(&m->pieces[k]);
  if (PIECE_LINEAR(&m->pieces[k])) {
    *tend = char_end(m, base + (end - in), piece_out_end(m, k));
  } else {
    *tend = piece_out_end(m, k);
  }
  return KIJI_OK;
}

kiji_status kiji_map_target(const kiji_map *m, size_t start, size_t end, size_t *tstart,
                            size_t *tend) {
  size_t hint = 0;
  return kiji_map_target_near(m, start, end, tstart, tend, &hint);
}
