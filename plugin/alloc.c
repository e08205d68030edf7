/*
** alloc.c -- the one place kiji asks for memory, and the growth policy of
** its arrays.
*/
#include <stdlib.h>

#include "internal.h"

void *kiji_alloc(size_t size) { return malloc(size ? size : 1); }

void *kiji_realloc(void *p, size_t size) { return realloc(p, size ? size : 1); }

void kiji_dealloc(void *p) { free(p); }

/*
** Doubling keeps appends amortized O(1); the overflow checks keep a huge
** input from wrapping a size into a small allocation.
*/
int kiji_grow(void **p, size_t *cap, size_t need, size_t elsize) {
  size_t ncap = *cap ? *cap : 16;
  void *np;
  if (need <= *cap) return 1;
  while (ncap < need) {
    if (ncap > ((size_t)-1) / 2) { ncap = need; break; }
    ncap *= 2;
  }
  if (ncap > ((size_t)-1) / elsize) return 0;
  np = kiji_realloc(*p, ncap * elsize);
  if (np == NULL) return 0;
  *p = np;
  *cap = ncap;
  return 1;
}
