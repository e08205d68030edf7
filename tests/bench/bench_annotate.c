/*
** bench_annotate.c -- full annotation throughput from C (kiji_annotate:
** normalize, sentences, one scan of the built-in lexicon, the rules), and
** what the scan and the sentence split alone cost on the same input.
**
** Usage: bench_annotate FIXTURES_DIR
**
** The input is the project's own fixture articles (FIXTURES_DIR/en and
** FIXTURES_DIR/ja, *.txt: news written for the tests, dense in officials,
** outlets and denials), repeated to >= 8 MB per language and annotated
** article by article, as a batch of news is. The table gives input
** megabytes (10^6 bytes) per second of CLOCK_MONOTONIC time: the median
** of RUNS timed runs after a warm-up, with the slowest and fastest, plus
** microseconds per article and per 3 KB of input. Rows:
**   annotate        kiji_annotate per article (the whole pipeline)
**   annotate+json   the same and kiji_doc_json
**   sentences       kiji_sentences alone (news rules), per article
**   lexicon scan    kiji_dict_scan of the lexicon alone, per article
** Target (issue 4): annotate >= 50 MB/s per core.
**
** Exit status 1 when the input cannot be read or a call fails.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_util.h"
#include "kiji.h"

#define RUNS 5
#define MIN_BYTES (8u << 20)

typedef struct corpus {
  char **text;
  size_t *len;
  size_t n, cap, bytes, unique;
} corpus;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int push(corpus *c, char *t, size_t len) {
  if (c->n == c->cap) {
    size_t cap = c->cap ? 2 * c->cap : 64;
    char **nt = realloc(c->text, cap * sizeof *nt);
    size_t *nl = realloc(c->len, cap * sizeof *nl);
    if (nt) c->text = nt;
    if (nl) c->len = nl;
    if (!nt || !nl) return 0;
    c->cap = cap;
  }
  c->text[c->n] = t;
  c->len[c->n++] = len;
  c->bytes += len;
  return 1;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.txt of dir, then the same articles again until MIN_BYTES. */
static int load(corpus *c, const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  char *names[256];
  size_t nn = 0, i;
  if (d == NULL) return 0;
  while ((e = readdir(d)) != NULL && nn < 256) {
    size_t l = strlen(e->d_name);
    if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0) names[nn++] = strdup(e->d_name);
  }
  closedir(d);
  qsort(names, nn, sizeof *names, cmp_str);
  for (i = 0; i < nn; i++) {
    char path[4096];
    FILE *f;
    long n;
    char *t;
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    free(names[i]);
    if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
        fseek(f, 0, SEEK_SET) || (t = malloc((size_t)n + 1)) == NULL ||
        fread(t, 1, (size_t)n, f) != (size_t)n || !push(c, t, (size_t)n))
      return 0;
    fclose(f);
  }
  c->unique = c->n;
  while (c->unique && c->bytes < MIN_BYTES)
    for (i = 0; i < c->unique && c->bytes < MIN_BYTES; i++)
      if (!push(c, c->text[i], c->len[i])) return 0;
  return c->unique > 0;
}

typedef struct engines {
  kiji_annotator *a;
  kiji_doc *doc;
  kiji_seg *seg;
  kiji_segmenter *sg;
  kiji_scan *scan;
  kiji_dict *lexicon;
} engines;

/* One pass of engine e over the corpus; 0 when a call fails. */
static int pass(engines *g, int e, const corpus *c) {
  size_t i, n;
  for (i = 0; i < c->n; i++) {
    const char *t = c->text[i];
    size_t len = c->len[i];
    switch (e) {
      case 0:
        if (kiji_annotate(g->a, g->doc, t, len, NULL) != KIJI_OK) return 0;
        break;
      case 1:
        if (kiji_annotate(g->a, g->doc, t, len, NULL) != KIJI_OK ||
            kiji_doc_json(g->doc, "x", 1, &n) == NULL)
          return 0;
        break;
      case 2:
        if (kiji_sentences(g->seg, t, len, NULL) != KIJI_OK) return 0;
        break;
      default:
        if (kiji_dict_scan(g->lexicon, g->scan, t, len, KIJI_SCAN_ALL) != KIJI_OK) return 0;
        break;
    }
  }
  return 1;
}

static int bench(engines *g, const char *lang, const corpus *c) {
  static const char *const names[] = {"annotate", "annotate+json", "sentences", "lexicon scan"};
  int e, r;
  printf("%s: %zu articles (%zu distinct), %.1f MB, %.0f bytes per article\n", lang, c->n,
         c->unique, (double)c->bytes / 1e6, (double)c->bytes / (double)c->n);
  printf("  %-14s %9s %9s %9s %12s %12s\n", "engine", "MB/s", "min", "max", "us/article",
         "us/3KB");
  for (e = 0; e < 4; e++) {
    double t[RUNS];
    if (!pass(g, e, c)) return 0; /* warm-up */
    for (r = 0; r < RUNS; r++) {
      double t0 = now();
      if (!pass(g, e, c)) return 0;
      t[r] = now() - t0;
    }
    qsort(t, RUNS, sizeof t[0], cmp_double);
    printf("  %-14s %9.1f %9.1f %9.1f %12.1f %12.1f\n", names[e], mb_per_s(c->bytes, t[RUNS / 2]),
           mb_per_s(c->bytes, t[RUNS - 1]), mb_per_s(c->bytes, t[0]),
           t[RUNS / 2] / (double)c->n * 1e6, t[RUNS / 2] / (double)c->bytes * 3000.0 * 1e6);
  }
  return 1;
}

int main(int argc, char **argv) {
  engines g;
  kiji_error err;
  corpus en, ja;
  char dir[4096];
  memset(&en, 0, sizeof en);
  memset(&ja, 0, sizeof ja);
  if (argc < 2) {
    fprintf(stderr, "usage: bench_annotate FIXTURES_DIR\n");
    return 1;
  }
  snprintf(dir, sizeof dir, "%s/en", argv[1]);
  if (!load(&en, dir)) return fprintf(stderr, "bench_annotate: cannot read %s\n", dir), 1;
  snprintf(dir, sizeof dir, "%s/ja", argv[1]);
  if (!load(&ja, dir)) return fprintf(stderr, "bench_annotate: cannot read %s\n", dir), 1;
  g.a = kiji_annotator_new(NULL, 0, &err);
  g.doc = kiji_doc_new();
  g.sg = kiji_segmenter_new(&err);
  g.seg = g.sg ? kiji_seg_new(g.sg) : NULL;
  g.scan = kiji_scan_new();
  g.lexicon = NULL;
  if (!g.a || !g.doc || !g.seg || !g.scan || kiji_lexicon_load(&g.lexicon, &err) != KIJI_OK)
    return fprintf(stderr, "bench_annotate: setup failed\n"), 1;
  printf("== annotation from C (kiji %s), one core, median of %d runs\n", kiji_version(), RUNS);
  print_load();
  if (!bench(&g, "en", &en) || !bench(&g, "ja", &ja))
    return fprintf(stderr, "bench_annotate: a call failed\n"), 1;
  printf("target: annotate >= 50 MB/s per core\n");
  kiji_doc_free(g.doc);
  kiji_annotator_free(g.a);
  kiji_seg_free(g.seg);
  kiji_segmenter_free(g.sg);
  kiji_scan_free(g.scan);
  kiji_dict_free(g.lexicon);
  return 0;
}
