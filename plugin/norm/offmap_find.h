/*
** offmap_find.h -- the lookups of the offset map, written once for both
** widths of pieces: offmap.c includes it twice, with FIND(name) naming
** the functions and P_OUT(m, k), P_INL(m, k) reading piece k's output
** start and its input start << 1 | linear. A lookup then reads its
** pieces without asking their width at every step (the C maps are wide,
** a Lua map's copy narrow). The wide ones are the entry points
** (FIND_ENTRY); of the narrow ones, kiji_map_origin and kiji_map_target
** need only two (FIND_WIDE 0).
*/

static size_t FIND(out_end)(const kiji_map *m, size_t k) {
  return k + 1 < m->npieces ? P_OUT(m, k + 1) : m->out_len;
}

static size_t FIND(in_end)(const kiji_map *m, size_t k) {
  return k + 1 < m->npieces ? (P_INL(m, k + 1) >> 1) : m->in_len;
}

/* The last piece of [lo, hi) whose output starts at or before pos, the
** piece lo's does. */
static size_t FIND(search_out)(const kiji_map *m, size_t lo, size_t hi, size_t pos) {
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (P_OUT(m, mid) <= pos)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* The last piece whose output starts at or before pos: for pos < out_len,
** the piece holding output byte pos (dropped pieces before it have no
** bytes). Searched between the pieces of pos's block and the next's. */
static size_t FIND(at_out_pos)(const kiji_map *m, size_t pos) {
  size_t lo = 0, hi = m->npieces;
  if (m->nblocks && pos < m->out_len) {
    const uint32_t *b = m->blocks + (pos >> KIJI_MAP_BLOCK_BITS);
    lo = b[0];
    hi = (size_t)b[1] + 1;
  }
  return FIND(search_out)(m, lo, hi, pos);
}

#if FIND_WIDE
/* piece_at_out, galloping from *hint: lookups in text order cost O(1)
** each instead of a search over the whole map. */
FIND_ENTRY size_t FIND(piece_near)(const kiji_map *m, size_t pos, size_t *hint) {
  size_t np = m->npieces, lo = *hint < np ? *hint : 0, hi, step = 1;
  if (P_OUT(m, lo) <= pos) {
    hi = lo + 1;
    while (hi < np && P_OUT(m, hi) <= pos) {
      lo = hi;
      step *= 2;
      hi = lo + step < np ? lo + step : np;
    }
  } else {
    hi = lo;
    do {
      lo = hi >= step ? hi - step : 0;
      if (P_OUT(m, lo) <= pos) break;
      hi = lo;
      step *= 2;
    } while (lo > 0);
  }
  *hint = lo = FIND(search_out)(m, lo, hi, pos);
  return lo;
}
#endif

/* The piece holding input byte pos (likewise by its block). */
static size_t FIND(at_in_pos)(const kiji_map *m, size_t pos) {
  size_t lo = 0, hi = m->npieces;
  if (m->nblocks && pos < m->in_len) {
    const uint32_t *b = m->blocks + side_blocks(m->out_len) + (pos >> KIJI_MAP_BLOCK_BITS);
    lo = b[0];
    hi = (size_t)b[1] + 1;
  }
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if ((P_INL(m, mid) >> 1) <= pos)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

/* The piece that holds output byte pos < out_len: *hint's or one of the
** two after it (lookups in text order; a quote mark the view rewrites is
** a piece between two copied ones), else searched; *hint moved to it. */
static size_t FIND(out_piece)(const kiji_map *m, size_t pos, size_t *hint) {
  size_t k = *hint;
  if (k < m->npieces && P_OUT(m, k) <= pos) {
    if (pos < FIND(out_end)(m, k)) return k;
    if (k + 1 < m->npieces && pos < FIND(out_end)(m, k + 1)) return *hint = k + 1;
    if (k + 2 < m->npieces && pos < FIND(out_end)(m, k + 2)) return *hint = k + 2;
  }
  return *hint = FIND(at_out_pos)(m, pos);
}

/* The piece that holds input byte pos < in_len, likewise. */
static size_t FIND(in_piece)(const kiji_map *m, size_t pos, size_t *hint) {
  size_t k = *hint;
  if (k < m->npieces && (P_INL(m, k) >> 1) <= pos) {
    if (pos < FIND(in_end)(m, k)) return k;
    if (k + 1 < m->npieces && pos < FIND(in_end)(m, k + 1)) return *hint = k + 1;
    if (k + 2 < m->npieces && pos < FIND(in_end)(m, k + 2)) return *hint = k + 2;
  }
  return *hint = FIND(at_in_pos)(m, pos);
}

#if FIND_WIDE
FIND_ENTRY size_t FIND(copied)(const kiji_map *m, size_t pos, size_t *hint) {
  size_t k;
  if (pos >= m->out_len || m->npieces == 0) return KIJI_NONE;
  k = FIND(out_piece)(m, pos, hint);
  return (P_INL(m, k) & 1u) ? (P_INL(m, k) >> 1) + (pos - P_OUT(m, k)) : KIJI_NONE;
}
#endif

FIND_ENTRY kiji_status FIND(origin_near)(const kiji_map *m, size_t start, size_t end,
                                         size_t *ostart, size_t *oend, size_t *hint) {
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
  k = FIND(out_piece)(m, start, hint);
  base = P_OUT(m, k);
  if ((P_INL(m, k) & 1u)) {
    *ostart = (P_INL(m, k) >> 1) + (kiji_map_char_start(m, start, base) - base);
  } else {
    *ostart = (P_INL(m, k) >> 1);
  }
  if (end == start) {
    *oend = *ostart;
    return KIJI_OK;
  }
  if (end > FIND(out_end)(m, k)) k = FIND(at_out_pos)(m, end - 1); /* (else the start's piece) */
  base = P_OUT(m, k);
  if ((P_INL(m, k) & 1u)) {
    *oend = (P_INL(m, k) >> 1) + (kiji_map_char_end(m, end, FIND(out_end)(m, k)) - base);
  } else {
    *oend = FIND(in_end)(m, k);
  }
  return KIJI_OK;
}


FIND_ENTRY kiji_status FIND(target_near)(const kiji_map *m, size_t start, size_t end,
                                         size_t *tstart, size_t *tend, size_t *hint) {
  size_t k, base, in;
  if (m == NULL || tstart == NULL || tend == NULL || start > end || end > m->in_len)
    return KIJI_EINVAL;
  if (m->npieces == 0 || start == m->in_len) {
    *tstart = *tend = m->out_len;
    return KIJI_OK;
  }
  k = FIND(in_piece)(m, start, hint);
  base = P_OUT(m, k);
  in = (P_INL(m, k) >> 1);
  if ((P_INL(m, k) & 1u)) {
    *tstart = kiji_map_char_start(m, base + (start - in), base);
  } else {
    *tstart = base;
  }
  if (end == start) {
    *tend = *tstart;
    return KIJI_OK;
  }
  if (end > FIND(in_end)(m, k)) k = FIND(at_in_pos)(m, end - 1);
  base = P_OUT(m, k);
  in = (P_INL(m, k) >> 1);
  if ((P_INL(m, k) & 1u)) {
    *tend = kiji_map_char_end(m, base + (end - in), FIND(out_end)(m, k));
  } else {
    *tend = FIND(out_end)(m, k);
  }
  return KIJI_OK;
}
