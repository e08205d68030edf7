/*
** alloc_fail.c -- kiji_alloc, kiji_realloc and kiji_dealloc for the
** allocation-failure test: linked instead of plugin/base/alloc.c, so every
** allocation of the library goes through one counter, ICU's too once
** af_install_icu has routed its heap here.
*/
#include <stdlib.h>
#include <unicode/uclean.h>

#include "alloc_fail.h"
#include "base/internal.h"

af_state af;

void af_reset(unsigned long n, int later) {
  af.count = af.icu = af.failed = 0;
  af.failed_icu = 0;
  af.fail_at = n;
  af.fail_later = later;
}

void af_disarm(void) { af.fail_at = 0; }

/* Count one allocation; whether it must fail. */
static int must_fail(int icu) {
  af.count++;
  if (icu) af.icu++;
  if (af.fail_at == 0 || af.count < af.fail_at || (af.count > af.fail_at && !af.fail_later))
    return 0;
  if (af.failed++ == 0) af.failed_icu = icu;
  return 1;
}

void *kiji_alloc(size_t size) {
  void *p;
  if (must_fail(0)) return NULL;
  p = malloc(size ? size : 1);
  if (p) af.live_kiji++;
  return p;
}

void *kiji_realloc(void *p, size_t size) {
  void *np;
  if (must_fail(0)) return NULL;
  np = realloc(p, size ? size : 1);
  if (np && p == NULL) af.live_kiji++;
  return np;
}

void kiji_dealloc(void *p) {
  if (p) af.live_kiji--;
  free(p);
}

/* ICU never asks for 0 bytes (uprv_malloc answers that itself). */
static void *U_CALLCONV icu_alloc(const void *ctx, size_t size) {
  void *p;
  (void)ctx;
  if (must_fail(1)) return NULL;
  p = malloc(size);
  if (p) af.live_icu++;
  return p;
}

static void *U_CALLCONV icu_realloc(const void *ctx, void *p, size_t size) {
  void *np;
  (void)ctx;
  if (must_fail(1)) return NULL;
  np = realloc(p, size);
  if (np && p == NULL) af.live_icu++;
  return np;
}

static void U_CALLCONV icu_free(const void *ctx, void *p) {
  (void)ctx;
  if (p) af.live_icu--;
  free(p);
}

int af_install_icu(void) {
  UErrorCode e = U_ZERO_ERROR;
  u_setMemoryFunctions(NULL, icu_alloc, icu_realloc, icu_free, &e);
  return U_SUCCESS(e);
}
