/*
** tap.h -- a minimal TAP producer for the C tests (prove reads it).
*/
#ifndef KIJI_TAP_H
#define KIJI_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct tap {
  int n, failed;
} tap;

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int
tap_ok(tap *t, int cond, const char *fmt, ...) {
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

/* Whether the data file at path is there. When it is not, one line: a
** skip that names the Debian package, or under CI (CI=true) a failure,
** as tests/suites/skip.sh does for the suites. */
static inline int tap_need_file(tap *t, const char *path, const char *package) {
  const char *ci = getenv("CI");
  FILE *f = fopen(path, "rb");
  if (f) {
    fclose(f);
    return 1;
  }
  if (ci && (strcmp(ci, "true") == 0 || strcmp(ci, "1") == 0))
    tap_ok(t, 0, "%s is not installed (Debian: apt-get install %s; CI=true: a skip is a failure)",
           path, package);
  else
    tap_ok(t, 1, "%s # SKIP not installed (Debian: apt-get install %s)", path, package);
  return 0;
}

static int tap_done(tap *t) {
  printf("1..%d\n", t->n);
  return t->failed ? 1 : 0;
}

#endif
