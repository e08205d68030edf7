/*
** grow.c -- the growth policy of kiji's arrays. Apart from alloc.c so that
** a test build can replace the three allocation primitives alone
** (tests/c/alloc_fail.c) and keep this policy as it is.
*/
#include "internal.h"

/* Past this many bytes an array grows by a quarter, not double: a large
** document's arrays then hold at most a fifth of their room unused (the
** records of one 8 MB document stay within 4 bytes per input byte). */
#define GROW_HALF ((size_t)1 << 20)

/*
** Growing by a constant factor keeps appends amortized O(1); a need past
** that is met exactly (a text's room, asked for at once, is the text's
** size). The overflow checks keep a huge input from wrapping a size into
** a small allocation.
*/
int kiji_grow(void **p, size_t *cap, size_t need, size_t elsize) {
  size_t ncap = *cap ? *cap : 16;
  void *np;
  if (need <= *cap) return 1;
  if (ncap > ((size_t)-1) / 2)
    ncap = need;
  else
    ncap += ncap >= GROW_HALF / elsize && ncap > 3 ? ncap / 4 : ncap;
  if (ncap < need) ncap = need;
  if (ncap > ((size_t)-1) / elsize) return 0;
  np = kiji_realloc(*p, ncap * elsize);
  if (np == NULL) return 0;
  *p = np;
  *cap = ncap;
  return 1;
}
