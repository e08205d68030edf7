/*
** bench_lua_data.c -- the inputs of bench_lua.lua, and the C figures it
** is compared with.
**
** Usage: bench_lua_data DIR
**
** Writes into DIR bench-lua-names.tsv (bench_dict's 10 000 generated
** names, `surface<TAB>kind<TAB>Qn`), bench-lua-LANG.txt (the corpora of
** corpus.h) and bench-lua-norm-ja.txt (the Japanese corpus's match form,
** for bench_dict_pyac.py) and bench-lua-dense-ja.txt with its match form
** bench-lua-dense-norm-ja.txt: match-dense Japanese, every 12 bytes or so
** of the corpus followed by one of the names, about 20 MB; then prints one line per language:
** "LANG C-NORMALIZE-MB/S C-SCAN-MB/S": kiji_normalize (match form,
** map) and kiji_dict_scan (longest, normalization included) of the
** corpus, CPU time, median of 5.
**
**       bench_lua_data --normalize DIR LANG
**
** kiji_normalize (match form, map) of the corpus of LANG once after a
** warm-up: MB/s of CPU time. bench_lua.lua runs it in turn with its own runs, so that C's
** figure and Lua's are of the same moment of a machine whose speed drifts.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus.h"
#include "kiji.h"
#include "names.h"

#define RUNS 5
#define NAMES 10000

static double cpu_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *t) {
  qsort(t, RUNS, sizeof *t, cmp);
  return t[RUNS / 2];
}

static int write_file(const char *path, const char *s, size_t len) {
  FILE *f = fopen(path, "wb");
  if (f == NULL) return 0;
  if (fwrite(s, 1, len, f) != len) {
    fclose(f);
    return 0;
  }
  return fclose(f) == 0;
}

static int fail(const char *what, const char *why) {
  fprintf(stderr, "bench_lua_data: %s: %s\n", what, why);
  return 1;
}

/* Japanese text dense in the names: corpus pieces cut at character
** boundaries, a name after each. */
static char *dense(const char *text, size_t len, const char *const *names, size_t *out_len) {
  size_t cap = len + len / 2 + KIJI_BENCH_NAME_MAX, n = 0, at = 0, k = 0;
  char *out = malloc(cap);
  if (out == NULL) return NULL;
  while (n + 64 + KIJI_BENCH_NAME_MAX < len) {
    size_t end = at + 12, l;
    while (end < len && ((unsigned char)text[end] & 0xC0) == 0x80) end++;
    if (end >= len) break;
    memcpy(out + n, text + at, end - at);
    n += end - at;
    at = end;
    l = strlen(names[k]);
    memcpy(out + n, names[k], l);
    n += l;
    k = (k * 7 + 1) % NAMES;
  }
  *out_len = n;
  return out;
}

/* bench_lua_data --normalize DIR LANG */
static int normalize_once(const char *dir, const char *lang) {
  kiji_norm *n = kiji_norm_new();
  char *text;
  size_t len;
  double t0, t;
  if (kiji_bench_corpus(dir, lang, &text, &len) != 0) return fail("corpus", lang);
  if (n == NULL || kiji_normalize(n, text, len, NULL) != KIJI_OK) return fail("normalize", lang);
  t0 = cpu_now();
  if (kiji_normalize(n, text, len, NULL) != KIJI_OK) return fail("normalize", lang);
  t = cpu_now() - t0;
  printf("%.1f\n", (double)len / t / 1e6);
  kiji_norm_free(n);
  free(text);
  return 0;
}

int main(int argc, char **argv) {
  static const char *const langs[] = {"en", "ja"};
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  kiji_scan *scan = kiji_scan_new();
  kiji_norm *n = kiji_norm_new();
  uint64_t r = KIJI_BENCH_NAME_SEED;
  char path[1024], name[KIJI_BENCH_NAME_MAX];
  FILE *f;
  char **names = calloc(NAMES, sizeof *names);
  size_t i;
  int k;
  if (argc == 4 && strcmp(argv[1], "--normalize") == 0) return normalize_once(argv[2], argv[3]);
  if (argc != 2) {
    fprintf(stderr, "usage: bench_lua_data DIR | --normalize DIR LANG\n");
    return 2;
  }
  snprintf(path, sizeof path, "%s/bench-lua-names.tsv", argv[1]);
  if ((f = fopen(path, "wb")) == NULL) return fail("write", path);
  for (i = 0; i < NAMES; i++) {
    kiji_entry e;
    char id[32];
    memset(&e, 0, sizeof e);
    e.surface_len = kiji_bench_name(&r, name, &e.kind);
    e.surface = name;
    snprintf(id, sizeof id, "Q%zu", i + 1);
    e.id = id;
    fprintf(f, "%s\t%s\t%s\n", name, e.kind, id);
    if (names == NULL || (names[i] = strdup(name)) == NULL) return fail("names", "out of memory");
    if (kiji_dict_builder_add(b, &e) != KIJI_OK) return fail("add", kiji_dict_builder_error(b));
  }
  if (fclose(f) != 0) return fail("write", path);
  if (kiji_dict_compile(b, &d) != KIJI_OK) return fail("compile", kiji_dict_builder_error(b));
  for (i = 0; i < 2; i++) {
    char *text;
    size_t len, nlen;
    double tn[RUNS], ts[RUNS], t0;
    if (kiji_bench_corpus(argv[1], langs[i], &text, &len) != 0) return fail("corpus", langs[i]);
    for (k = 0; k < RUNS; k++) {
      t0 = cpu_now();
      if (kiji_normalize(n, text, len, NULL) != KIJI_OK) return fail("normalize", langs[i]);
      tn[k] = cpu_now() - t0;
      t0 = cpu_now();
      if (kiji_dict_scan(d, scan, text, len, KIJI_SCAN_LONGEST) != KIJI_OK)
        return fail("scan", langs[i]);
      ts[k] = cpu_now() - t0;
    }
    snprintf(path, sizeof path, "%s/bench-lua-%s.txt", argv[1], langs[i]);
    if (!write_file(path, text, len)) return fail("write", path);
    printf("%s %.1f %.1f\n", langs[i], (double)len / median(tn) / 1e6,
           (double)len / median(ts) / 1e6);
    if (i == 1) {
      const char *nt = kiji_norm_text(n, &nlen);
      char *dt;
      size_t dlen;
      snprintf(path, sizeof path, "%s/bench-lua-norm-ja.txt", argv[1]);
      if (!write_file(path, nt, nlen)) return fail("write", path);
      if ((dt = dense(text, len, (const char *const *)names, &dlen)) == NULL)
        return fail("dense", "out of memory");
      snprintf(path, sizeof path, "%s/bench-lua-dense-ja.txt", argv[1]);
      if (!write_file(path, dt, dlen)) return fail("write", path);
      for (k = 0; k < RUNS; k++) {
        t0 = cpu_now();
        if (kiji_dict_scan(d, scan, dt, dlen, KIJI_SCAN_LONGEST) != KIJI_OK)
          return fail("scan", "dense");
        ts[k] = cpu_now() - t0;
      }
      if (kiji_normalize(n, dt, dlen, NULL) != KIJI_OK) return fail("normalize", "dense");
      nt = kiji_norm_text(n, &nlen);
      snprintf(path, sizeof path, "%s/bench-lua-dense-norm-ja.txt", argv[1]);
      if (!write_file(path, nt, nlen)) return fail("write", path);
      printf("dense %.1f %.1f\n", 0.0, (double)dlen / median(ts) / 1e6);
      free(dt);
    }
    free(text);
  }
  kiji_norm_free(n);
  kiji_scan_free(scan);
  kiji_dict_free(d);
  kiji_dict_builder_free(b);
  for (i = 0; i < NAMES; i++) free(names[i]);
  free(names);
  return 0;
}
