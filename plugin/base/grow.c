/*
** grow.c -- the growth policy of kiji's arrays. Apart from alloc.c so that
** a test build can replace the three allocation primitives alone
** (tests/c/alloc_fail.c) and keep this policy as it is.
*/
#include "internal.h"

/*
** Doubling keeps appends amortized O(1); the overflow checks keep a huge
** input from wrapping a size into a small allocation.
*/
int kiji_grow(void **p, size_t *cap, size_t need, size_t elsize) {
  size_t ncap = *cap ? *cap : 16;
  void *np;
  if (need <= *cap) return 1;
  while (ncap < need) {
    if (ncap > ((size_t)-1) / 2) {
      ncap = need;
      break;
    }
    ncap *= 2;
  }
  if (ncap > ((size_t)-1) / elsize) return 0;
  np = kiji_realloc(*p, ncap * elsize);
  if (np == NULL) return 0;
  *p = np;
  *cap = ncap;
  return 1;
}
