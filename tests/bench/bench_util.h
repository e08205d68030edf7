/*
** bench_util.h -- what the benchmarks share: sorting samples, MB/s, saying
** how busy the machine was, resident memory, and the machine-readable
** lines that tests/bench/report.py turns into RESULTS.md.
**
** Everything is static inline so that each benchmark takes what it uses
** without unused-function warnings.
*/
#ifndef KIJI_BENCH_UTIL_H
#define KIJI_BENCH_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static inline double mb_per_s(size_t bytes, double secs) { return (double)bytes / 1e6 / secs; }

/* Other processes skew the wall figures; say how busy the machine was
** (Linux only; elsewhere the line is left out). */
static inline void print_load(void) {
  char line[64];
  FILE *f = fopen("/proc/loadavg", "r");
  if (f == NULL) return;
  if (fgets(line, sizeof line, f) != NULL) {
    line[strcspn(line, " \n")] = '\0';
    printf("load average (1 min) at start: %s\n", line);
  }
  fclose(f);
}

/*
** One result for the report, on stdout among the human-readable table:
**   @result<TAB>section<TAB>row<TAB>key=value<TAB>key=value...
** fmt gives the key=value fields, TAB-separated. run.sh files these lines
** apart, so the tables a person reads stay as they were.
*/
static inline void bench_result(const char *section, const char *row, const char *fmt, ...) {
  va_list ap;
  printf("@result\t%s\t%s\t", section, row);
  va_start(ap, fmt);
  vprintf(fmt, ap);
  va_end(ap);
  putchar('\n');
}

/*
** A field of /proc/self/status in KiB ("VmRSS", "VmHWM"); -1 where there
** is none (not Linux).
*/
static inline long proc_status_kb(const char *field) {
  char line[256];
  size_t n = strlen(field);
  long kb = -1;
  FILE *f = fopen("/proc/self/status", "r");
  if (f == NULL) return -1;
  while (fgets(line, sizeof line, f) != NULL)
    if (strncmp(line, field, n) == 0 && line[n] == ':') {
      kb = strtol(line + n + 1, NULL, 10);
      break;
    }
  fclose(f);
  return kb;
}

/*
** Reset the peak resident size (VmHWM) to the current one (Linux >= 4.0:
** "5" to /proc/self/clear_refs), so that a peak measured next belongs to
** what runs next and not to an earlier, larger step. 0 when it worked.
*/
static inline int reset_peak_rss(void) {
  FILE *f = fopen("/proc/self/clear_refs", "w");
  int ok = f != NULL && fputs("5", f) >= 0;
  if (f != NULL && fclose(f) != 0) ok = 0;
  return ok ? 0 : -1;
}

#endif
