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
  m->narrow = NULL;
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

/* Whether m's offsets fit the narrow pieces of a copy: the input's end
** shifted left by one, and the output's end, in 32 bits. */
static int fits_narrow(const kiji_map *m) {
  return m->in_len < ((size_t)1 << 31) && m->out_len <= UINT32_MAX;
}

size_t kiji_map_copy_size(const kiji_map *m) {
  if (m == NULL) return 0;
  return kiji_map_share_size(m) + m->out_len;
}

size_t kiji_map_share_size(const kiji_map *m) {
  if (m == NULL) return 0;
  return sizeof(kiji_map) +
         m->npieces * (fits_narrow(m) ? 2 * sizeof(uint32_t) : sizeof(kiji_piece));
}

/* The header and pieces of m into mem, its text at `out`. */
static kiji_map *copy_pieces(const kiji_map *m, void *mem, const unsigned char *out) {
  kiji_map *c = (kiji_map *)mem;
  size_t k;
  kiji_map_init(c);
  if (fits_narrow(m)) {
    uint32_t *narrow = (uint32_t *)(c + 1);
    if (m->narrow) {
      if (m->npieces) memcpy(narrow, m->narrow, m->npieces * 2 * sizeof(uint32_t));
    } else {
      for (k = 0; k < m->npieces; k++) {
        narrow[2 * k] = (uint32_t)m->pieces[k].out;
        narrow[2 * k + 1] = (uint32_t)m->pieces[k].in;
      }
    }
    c->narrow = narrow;
  } else {
    c->pieces = (kiji_piece *)(c + 1);
    if (m->npieces) memcpy(c->pieces, m->pieces, m->npieces * sizeof(kiji_piece));
  }
  c->npieces = c->cap = m->npieces;
  c->out = out;
  c->out_len = m->out_len;
  c->in_len = m->in_len;
  return c; /* without blocks: its lookups search the whole map */
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


/* The lookups over narrow pieces (static), then over wide ones: the entry
** points, which take a normalizer's map; kiji_map_origin and
** kiji_map_target take a copy too. */
#define FIND(name) name##_narrow
#define FIND_ENTRY static
#define FIND_WIDE 0
#define P_OUT(m, k) ((size_t)(m)->narrow[2 * (k)])
#define P_INL(m, k) ((size_t)(m)->narrow[2 * (k) + 1])
#include "offmap_find.h"
#undef FIND
#undef FIND_ENTRY
#undef FIND_WIDE
#undef P_OUT
#undef P_INL

#define piece_near_wide kiji_map_piece_near
#define copied_wide kiji_map_copied
#define origin_near_wide kiji_map_origin_near
#define target_near_wide kiji_map_target_near
#define FIND(name) name##_wide
#define FIND_ENTRY
#define FIND_WIDE 1
#define P_OUT(m, k) ((m)->pieces[k].out)
#define P_INL(m, k) ((m)->pieces[k].in)
#include "offmap_find.h"

kiji_status kiji_map_origin(const kiji_map *m, size_t start, size_t end, size_t *ostart,
                            size_t *oend) {
  size_t hint = 0;
  if (m != NULL && m->narrow) return origin_near_narrow(m, start, end, ostart, oend, &hint);
  return kiji_map_origin_near(m, start, end, ostart, oend, &hint);
}

kiji_status kiji_map_target(const kiji_map *m, size_t start, size_t end, size_t *tstart,
                            size_t *tend) {
  size_t hint = 0;
  if (m != NULL && m->narrow) return target_near_narrow(m, start, end, tstart, tend, &hint);
  return kiji_map_target_near(m, start, end, tstart, tend, &hint);
}
