/*
** alloc_count.c -- kiji_alloc, kiji_realloc and kiji_dealloc for the memory
** test: linked instead of plugin/base/alloc.c, so that every byte the
** library holds, ICU's too once ac_install_icu has routed its heap here,
** is counted. Each block carries its size in a header of its own.
*/
#include <stdlib.h>
#include <unicode/uclean.h>

#include "alloc_count.h"
#include "base/internal.h"

ac_state ac;

/* The header: as aligned as malloc's blocks. */
typedef union header {
  size_t size;
  long double align_ld;
  void *align_p;
} header;

void ac_mark(void) { ac.peak = ac.live; }

static void *count_realloc(void *p, size_t size) {
  header *h = p ? (header *)p - 1 : NULL;
  size_t old = h ? h->size : 0;
  ac.asks++;
  if (size > ((size_t)-1) - sizeof *h) return NULL;
  h = realloc(h, sizeof *h + size);
  if (h == NULL) return NULL;
  h->size = size;
  ac.live = ac.live - old + size;
  if (ac.live > ac.peak) ac.peak = ac.live;
  return h + 1;
}

static void count_free(void *p) {
  if (p == NULL) return;
  ac.live -= ((header *)p - 1)->size;
  free((header *)p - 1);
}

void *kiji_alloc(size_t size) { return count_realloc(NULL, size ? size : 1); }
void *kiji_realloc(void *p, size_t size) { return count_realloc(p, size ? size : 1); }
void kiji_dealloc(void *p) { count_free(p); }

static void *U_CALLCONV icu_alloc(const void *ctx, size_t size) {
  (void)ctx;
  return count_realloc(NULL, size);
}

static void *U_CALLCONV icu_realloc(const void *ctx, void *p, size_t size) {
  (void)ctx;
  return count_realloc(p, size);
}

static void U_CALLCONV icu_free(const void *ctx, void *p) {
  (void)ctx;
  count_free(p);
}

int ac_install_icu(void) {
  UErrorCode e = U_ZERO_ERROR;
  u_setMemoryFunctions(NULL, icu_alloc, icu_realloc, icu_free, &e);
  return U_SUCCESS(e);
}
