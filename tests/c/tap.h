/*
** tap.h -- a minimal TAP producer for the C tests (prove reads it).
*/
#ifndef KIJI_TAP_H
#define KIJI_TAP_H

#include <stdarg.h>
#include <stdio.h>

typedef struct tap {
  int n, failed;
} tap;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int tap_ok(tap *t, int cond, const char *fmt, ...) {
  va_list ap;
  t->n++;
  if (!cond) t->failed++;
  printf("%sok %d - ", cond ? "" : "not ", t->n);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  printf("\n");
  return cond;
}

static int tap_done(tap *t) {
  printf("1..%d\n", t->n);
  return t->failed ? 1 : 0;
}

#endif
