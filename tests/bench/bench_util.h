/*
** bench_util.h -- what the benchmarks share: sorting samples, MB/s, and
** saying how busy the machine was.
*/
#ifndef KIJI_BENCH_UTIL_H
#define KIJI_BENCH_UTIL_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double mb_per_s(size_t bytes, double secs) { return (double)bytes / 1e6 / secs; }

/* Other processes skew the wall figures; say how busy the machine was
** (Linux only; elsewhere the line is left out). */
static void print_load(void) {
  char line[64];
  FILE *f = fopen("/proc/loadavg", "r");
  if (f == NULL) return;
  if (fgets(line, sizeof line, f) != NULL) {
    line[strcspn(line, " \n")] = '\0';
    printf("load average (1 min) at start: %s\n", line);
  }
  fclose(f);
}

#endif
