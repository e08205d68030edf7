/*
** bench_dict.c -- the dictionary: compile time, size, load time and scan
** throughput with 10 000 and 1 000 000 entries.
**
** Usage: bench_dict DIR [FIXTURES_DIR] [SIZES...]   (DIR holds the cached
** corpora, see corpus.h; SIZES default to 10000 1000000)
**
** The entries are generated names (names.h: half English, "Maria K.
** Okafor", "Pacific Steel Holdings", half Japanese, 田中美咲,
** ミナト電機株式会社), the same on every machine; the lists share names
** with the corpus, so scans find matches. Per size the table gives:
**   add        kiji_dict_builder_add of every entry (normalization included)
**   compile    kiji_dict_compile
**   automaton  bytes of the automaton sections (states, labels, links,
**              outputs), per byte of the entries' match forms
**   image      bytes of the whole image (= file), per entry byte
**   load       kiji_dict_load of the saved file (page cache warm): checksum
**              and structural checks included; median of RUNS
**   scan       input MB (10^6 bytes) per second of kiji_dict_scan, longest
**              mode, normalization included, median of RUNS; "scan-norm"
**              is kiji_dict_scan_normalized on a text normalized beforehand
**              (the automaton alone), "norm" normalization alone.
** Targets (issue 3): compile 1M < 3 s; automaton <= 40 B per entry byte;
** load 1M < 20 ms; scan >= 300 MB/s (10k) and >= 150 MB/s (1M), both
** with normalization. Unmet targets are reported, not failed.
**
** With FIXTURES_DIR (tests/fixtures/annotate: en/ and ja/, *.txt), the
** built-in lexicon too, as kiji_annotate scans it: over the match form of
** the fixture articles (normalized beforehand: the automaton and its
** checks alone), ALL mode, in one call over the articles joined to 8 MB,
** and article by article; input MB per second of CLOCK_MONOTONIC and of
** the process's CPU time, medians of RUNS, and the lexicon's load time.
** Target (issue 14): >= 300 MB/s.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"
#include "corpus.h"
#include "fixtures.h"
#include "dict/dict.h"
#include "kiji.h"
#include "names.h"

#define RUNS 5

/* ------------------------------------------------------------ timing */

static double clock_of(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double now(void) { return clock_of(CLOCK_MONOTONIC); }
static double cpu_now(void) { return clock_of(CLOCK_PROCESS_CPUTIME_ID); }

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return v[n / 2];
}

/* ------------------------------------------------------------ bench */

typedef struct corpus {
  const char *lang;
  char *text;
  size_t len;
  kiji_norm *norm;      /* the text normalized once, for the scan without it */
  char norm_path[1024]; /* and written there, for pyahocorasick */
  double norm_mbs;
} corpus;

/* What one dictionary size measured; the table is printed at the end. */
typedef struct result {
  size_t count, states, dense, classes, key_bytes;
  double add, compile, automaton, image, load;
  double scan[2], scan_norm[2], py[2];
  double scan_lo[2], scan_hi[2], py_lo[2], py_hi[2]; /* slowest and fastest run, MB/s */
  size_t matches[2], spans[2], py_matches[2];
} result;

static int fail(const char *what, const char *msg) {
  fprintf(stderr, "bench_dict: %s: %s\n", what, msg);
  return 1;
}

static size_t automaton_bytes(const kiji_dict *d) {
  const dict_header *h = (const dict_header *)d->image;
  int i;
  size_t n = 0;
  for (i = DICT_SEC_CLASS; i <= DICT_SEC_OUT; i++) n += (size_t)h->sec[i].size;
  return n;
}

static int write_file(const char *path, const char *data, size_t len) {
  FILE *f = fopen(path, "wb");
  int ok = f && fwrite(data, 1, len, f) == len;
  if (f && fclose(f) != 0) ok = 0;
  return ok;
}

/* The entries' match forms, one a line, for pyahocorasick. */
static int write_keys(const kiji_dict *d, const char *path) {
  FILE *f = fopen(path, "wb");
  kiji_norm *n = kiji_norm_new();
  size_t i, len;
  int ok = f != NULL;
  for (i = 0; ok && i < kiji_dict_count(d); i++) {
    kiji_entry e;
    const char *k;
    ok = kiji_dict_entry(d, i, &e) == KIJI_OK &&
         kiji_normalize(n, e.surface, e.surface_len, NULL) == KIJI_OK;
    k = kiji_norm_text(n, &len);
    ok = ok && fwrite(k, 1, len, f) == len && fputc('\n', f) != EOF;
  }
  if (f && fclose(f) != 0) ok = 0;
  kiji_norm_free(n);
  return ok;
}

/*
** pyahocorasick (Debian's python3-ahocorasick) on the same keys and the
** same normalized text: bench_dict_pyac.py, next to this file. 0 when it
** cannot run (no python3 with the module): the column says n/a. *lo and
** *hi receive the slowest and fastest run's MB/s.
*/
static double pyahocorasick(const char *keys, const char *text, size_t *matches, double *lo,
                            double *hi) {
  const char *py = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
  const char *src = __FILE__, *slash = strrchr(src, '/');
  char cmd[4096];
  double mbs = 0, build;
  FILE *p;
  snprintf(cmd, sizeof cmd, "%s '%.*s/bench_dict_pyac.py' '%s' '%s' %d 2>/dev/null", py,
           slash ? (int)(slash - src) : 1, slash ? src : ".", keys, text, RUNS);
  if ((p = popen(cmd, "r")) == NULL) return 0;
  if (fscanf(p, "%lf %zu %lf %lf %lf", &mbs, matches, &build, lo, hi) != 5) mbs = 0;
  pclose(p);
  return mbs;
}

/*
** The spans of the last scan's matches, each counted once: a match is
** reported per entry, and generated names repeat (several entries share
** one key), while pyahocorasick keeps one value per key.
*/
static size_t distinct_spans(const kiji_scan *s, size_t *matches) {
  const kiji_match *m = kiji_scan_matches(s, matches);
  size_t i, n = 0;
  for (i = 0; i < *matches; i++)
    n += i == 0 || m[i].start != m[i - 1].start || m[i].end != m[i - 1].end;
  return n;
}

/* Median input MB/s of RUNS scans after one to warm up; *lo and *hi (when
** not NULL) the slowest and fastest run's. */
static int time_scans(const kiji_dict *d, kiji_scan *s, const corpus *cp, int normalized,
                      double *mbs, double *lo, double *hi) {
  double times[RUNS];
  int k;
  for (k = 0; k <= RUNS; k++) {
    double t0 = now();
    const char *nt;
    size_t nlen;
    kiji_status st;
    if (normalized) {
      nt = kiji_norm_text(cp->norm, &nlen);
      st = kiji_dict_scan_normalized(d, s, cp->text, cp->len, nt, nlen, kiji_norm_map(cp->norm),
                                     KIJI_SCAN_LONGEST);
    } else {
      st = kiji_dict_scan(d, s, cp->text, cp->len, KIJI_SCAN_LONGEST);
    }
    if (st != KIJI_OK) return fail("scan", kiji_scan_error(s));
    if (k) times[k - 1] = now() - t0;
  }
  *mbs = (double)cp->len / median(times, RUNS) / 1e6;
  if (lo) *lo = (double)cp->len / times[RUNS - 1] / 1e6;
  if (hi) *hi = (double)cp->len / times[0] / 1e6;
  return 0;
}

static int bench_size(const char *dir, size_t count, corpus *cs, result *res) {
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL, *l = NULL;
  kiji_scan *s = kiji_scan_new();
  kiji_error err;
  uint64_t r = KIJI_BENCH_NAME_SEED;
  size_t i, c;
  double t0, times[RUNS];
  char path[1024], keys[1024], name[KIJI_BENCH_NAME_MAX];
  int k;
  memset(res, 0, sizeof *res);
  res->count = count;
  fprintf(stderr, "bench_dict: %zu entries...\n", count);
  t0 = now();
  for (i = 0; i < count; i++) {
    kiji_entry e;
    char id[32];
    memset(&e, 0, sizeof e);
    e.surface_len = kiji_bench_name(&r, name, &e.kind);
    e.surface = name;
    snprintf(id, sizeof id, "Q%zu", i + 1);
    e.id = id;
    if (kiji_dict_builder_add(b, &e) != KIJI_OK) return fail("add", kiji_dict_builder_error(b));
  }
  res->add = now() - t0;
  t0 = now();
  if (kiji_dict_compile(b, &d) != KIJI_OK) return fail("compile", kiji_dict_builder_error(b));
  res->compile = now() - t0;
  kiji_dict_builder_free(b);
  for (i = 0; i < d->nrecs; i++)
    res->key_bytes += (size_t)DICT_REC_LEN(&d->rec[i]) * (d->rec[i + 1].out - d->rec[i].out);
  res->states = d->nstates;
  res->dense = d->ndense;
  res->classes = d->nclasses;
  res->automaton = (double)automaton_bytes(d);
  res->image = (double)d->size;
  snprintf(path, sizeof path, "%s/bench-dict-%zu.kd", dir, count);
  if (kiji_dict_save(d, path, &err) != KIJI_OK) return fail("save", err.message);
  for (k = 0; k < RUNS; k++) {
    t0 = now();
    if (kiji_dict_load(path, &l, &err) != KIJI_OK) return fail("load", err.message);
    times[k] = now() - t0;
    kiji_dict_free(l);
  }
  res->load = median(times, RUNS);
  unlink(path);
  snprintf(keys, sizeof keys, "%s/bench-dict-keys-%zu.txt", dir, count);
  if (!write_keys(d, keys)) return fail("keys", keys);
  for (c = 0; c < 2; c++) {
    if (time_scans(d, s, &cs[c], 0, &res->scan[c], &res->scan_lo[c], &res->scan_hi[c]) ||
        time_scans(d, s, &cs[c], 1, &res->scan_norm[c], NULL, NULL))
      return 1;
    res->spans[c] = distinct_spans(s, &res->matches[c]);
    res->py[c] =
        pyahocorasick(keys, cs[c].norm_path, &res->py_matches[c], &res->py_lo[c], &res->py_hi[c]);
  }
  unlink(keys);
  kiji_scan_free(s);
  kiji_dict_free(d);
  return 0;
}

static void row(const char *name, const result *res, size_t n, double (*get)(const result *, int),
                int arg, const char *fmt, const char *target) {
  size_t i;
  char cell[32];
  printf("  %-34s", name);
  for (i = 0; i < n; i++) {
    double v = get(&res[i], arg);
    if (v > 0)
      snprintf(cell, sizeof cell, fmt, v);
    else
      snprintf(cell, sizeof cell, "n/a");
    printf(" %12s", cell);
  }
  printf("   %s\n", target);
}

static double g_states(const result *r, int a) {
  (void)a;
  return (double)r->states;
}
static double g_dense(const result *r, int a) {
  (void)a;
  return (double)r->dense;
}
static double g_keyb(const result *r, int a) {
  (void)a;
  return (double)r->key_bytes / 1e6;
}
static double g_add(const result *r, int a) {
  (void)a;
  return r->add;
}
static double g_compile(const result *r, int a) {
  (void)a;
  return r->compile;
}
static double g_auto(const result *r, int a) {
  (void)a;
  return r->automaton / 1e6;
}
static double g_auto_b(const result *r, int a) {
  (void)a;
  return r->automaton / (double)r->key_bytes;
}
static double g_image(const result *r, int a) {
  (void)a;
  return r->image / 1e6;
}
static double g_load(const result *r, int a) {
  (void)a;
  return r->load * 1e3;
}
static double g_scan(const result *r, int c) { return r->scan[c]; }
static double g_scan_norm(const result *r, int c) { return r->scan_norm[c]; }
static double g_matches(const result *r, int c) { return (double)r->matches[c]; }
static double g_spans(const result *r, int c) { return (double)r->spans[c]; }
static double g_py_matches(const result *r, int c) { return (double)r->py_matches[c]; }
static double g_py(const result *r, int c) { return r->py[c]; }
static double g_ratio(const result *r, int c) {
  return r->py[c] > 0 ? r->scan_norm[c] / r->py[c] : 0;
}

/* "slow-fast" MB/s cells: the spread behind a median row. */
static void range_row(const char *name, const result *res, size_t n, int c, int py) {
  size_t i;
  char cell[32];
  printf("  %-34s", name);
  for (i = 0; i < n; i++) {
    double lo = py ? res[i].py_lo[c] : res[i].scan_lo[c];
    double hi = py ? res[i].py_hi[c] : res[i].scan_hi[c];
    if (hi > 0)
      snprintf(cell, sizeof cell, "%.0f-%.0f", lo, hi);
    else
      snprintf(cell, sizeof cell, "n/a");
    printf(" %12s", cell);
  }
  printf("\n");
}

static void table(const corpus *cs, const result *res, size_t n) {
  size_t i;
  int c;
  char name[64];
  printf("\ndictionary: %d-run medians; MB = 10^6 bytes of input text\n", RUNS);
  for (c = 0; c < 2; c++)
    printf("  corpus %s: %.1f MB, normalization alone %.1f MB/s\n", cs[c].lang,
           (double)cs[c].len / 1e6, cs[c].norm_mbs);
  printf("  %-34s", "entries");
  for (i = 0; i < n; i++) printf(" %12zu", res[i].count);
  printf("   target\n");
  row("automaton states", res, n, g_states, 0, "%.0f", "");
  row("  with a dense row", res, n, g_dense, 0, "%.0f", "");
  row("entry match forms, MB", res, n, g_keyb, 0, "%.2f", "");
  row("add (normalizes entries), s", res, n, g_add, 0, "%.3f", "");
  row("compile, s", res, n, g_compile, 0, "%.3f", "1M: < 3 s");
  row("automaton, MB", res, n, g_auto, 0, "%.1f", "");
  row("automaton, B per entry byte", res, n, g_auto_b, 0, "%.1f", "<= 40");
  row("image = file, MB", res, n, g_image, 0, "%.1f", "");
  row("load (map, checksum, checks), ms", res, n, g_load, 0, "%.2f", "1M: < 20 ms");
  for (c = 0; c < 2; c++) {
    snprintf(name, sizeof name, "scan %s, MB/s", cs[c].lang);
    row(name, res, n, g_scan, c, "%.1f", "10k: >= 300, 1M: >= 150");
    range_row("  slowest-fastest run, MB/s", res, n, c, 0);
    snprintf(name, sizeof name, "  normalized beforehand, MB/s");
    row(name, res, n, g_scan_norm, c, "%.1f", "");
    snprintf(name, sizeof name, "  matches (longest, one per entry)");
    row(name, res, n, g_matches, c, "%.0f", "");
    row("  distinct spans", res, n, g_spans, c, "%.0f", "");
    snprintf(name, sizeof name, "  pyahocorasick iter_long, MB/s");
    row(name, res, n, g_py, c, "%.1f", "");
    range_row("  slowest-fastest run, MB/s", res, n, c, 1);
    row("  its matches (one per key)", res, n, g_py_matches, c, "%.0f", "= distinct spans");
    snprintf(name, sizeof name, "  kiji / pyahocorasick");
    row(name, res, n, g_ratio, c, "%.2fx", ">= 2x");
  }
  for (i = 0; i < n; i++) {
    const result *r = &res[i];
    snprintf(name, sizeof name, "%zu", r->count);
    bench_result("dict", name,
                 "entries=%zu\tadd_s=%.4f\tcompile_s=%.4f\tautomaton_b_per_byte=%.2f"
                 "\timage_mb=%.2f\tload_ms=%.3f",
                 r->count, r->add, r->compile, g_auto_b(r, 0), r->image / 1e6, r->load * 1e3);
    for (c = 0; c < 2; c++) {
      snprintf(name, sizeof name, "%zu:%s", r->count, cs[c].lang);
      bench_result("dict", name,
                   "mb_s=%.2f\tmin=%.2f\tmax=%.2f\tnorm_before_mb_s=%.2f\tmatches=%zu\tspans=%zu"
                   "\tpy_mb_s=%.2f\tpy_min=%.2f\tpy_max=%.2f\tpy_matches=%zu\tratio=%.3f"
                   "\tratio_norm_before=%.3f",
                   r->scan[c], r->scan_lo[c], r->scan_hi[c], r->scan_norm[c], r->matches[c],
                   r->spans[c], r->py[c], r->py_lo[c], r->py_hi[c], r->py_matches[c],
                   r->py[c] > 0 ? r->scan[c] / r->py[c] : 0, g_ratio(r, c));
    }
  }
}

/* ------------------------------------------------------------ lexicon */

#define LEXICON_BYTES 8000000

/* Texts normalized beforehand, with their maps: what kiji_annotate hands
** the scan. */
typedef struct normed {
  const char *text;
  size_t len;
  kiji_norm *norm;
} normed;

/* One pass of the lexicon over texts t[0, n); 0 when a call fails. */
static int lexicon_pass(const kiji_dict *lex, kiji_scan *s, const normed *t, size_t n,
                        size_t *matches) {
  size_t i, m, nlen;
  *matches = 0;
  for (i = 0; i < n; i++) {
    const char *nt = kiji_norm_text(t[i].norm, &nlen);
    if (kiji_dict_scan_normalized(lex, s, t[i].text, t[i].len, nt, nlen, kiji_norm_map(t[i].norm),
                                  KIJI_SCAN_ALL) != KIJI_OK)
      return 0;
    kiji_scan_matches(s, &m);
    *matches += m;
  }
  return 1;
}

/* RUNS timed passes after a warm-up: median MB/s of match-form bytes,
** wall and CPU, and the slowest and fastest wall runs. */
static int lexicon_time(const kiji_dict *lex, kiji_scan *s, const normed *t, size_t n, size_t bytes,
                        double out[4], size_t *matches) {
  double w[RUNS], c[RUNS];
  int r;
  if (!lexicon_pass(lex, s, t, n, matches)) return 0;
  for (r = 0; r < RUNS; r++) {
    double w0 = now(), c0 = cpu_now();
    if (!lexicon_pass(lex, s, t, n, matches)) return 0;
    c[r] = cpu_now() - c0;
    w[r] = now() - w0;
  }
  out[0] = (double)bytes / median(w, RUNS) / 1e6;
  out[1] = (double)bytes / w[RUNS - 1] / 1e6; /* sorted by median() */
  out[2] = (double)bytes / w[0] / 1e6;
  out[3] = (double)bytes / median(c, RUNS) / 1e6;
  return 1;
}

/* The built-in lexicon over the fixture articles of each language. */
static int bench_lexicon(const char *fixtures) {
  static const char *const langs[] = {"en", "ja"};
  kiji_dict *lex = NULL;
  kiji_scan *s = kiji_scan_new();
  kiji_error err;
  double load[RUNS];
  int k, l;
  for (k = 0; k < RUNS; k++) {
    double t0 = now();
    if (kiji_lexicon_load(&lex, &err) != KIJI_OK) return fail("lexicon", err.message);
    load[k] = now() - t0;
    if (k + 1 < RUNS) kiji_dict_free(lex);
  }
  printf(
      "\nbuilt-in lexicon: %zu entries, %zu states (%zu with a dense row), image %.1f MB, "
      "load %.2f ms\n",
      kiji_dict_count(lex), lex->nstates, lex->ndense, (double)lex->size / 1e6,
      median(load, RUNS) * 1e3);
  printf("  over the fixture articles' match form, ALL mode; MB/s, %d-run medians\n", RUNS);
  printf("  %-4s %-22s %10s %10s %14s %10s %10s\n", "lang", "how", "MB", "MB/s", "slow-fast",
         "CPU MB/s", "matches");
  for (l = 0; l < 2; l++) {
    kiji_bench_articles a;
    normed one, *arts;
    char dir[4096], row[32];
    size_t i, bytes = 0, jlen, nlen, matches;
    double f[4];
    snprintf(dir, sizeof dir, "%s/%s", fixtures, langs[l]);
    if (kiji_bench_articles_load(dir, &a) != 0 || a.n == 0) return fail("fixtures", dir);
    arts = calloc(a.n, sizeof *arts);
    one.text = kiji_bench_articles_join(&a, LEXICON_BYTES, &jlen);
    one.len = jlen;
    one.norm = kiji_norm_new();
    if (arts == NULL || one.text == NULL || one.norm == NULL ||
        kiji_normalize(one.norm, one.text, one.len, NULL) != KIJI_OK)
      return fail("lexicon", "out of memory");
    for (i = 0; i < a.n; i++) {
      arts[i].text = a.text[i];
      arts[i].len = a.len[i];
      if ((arts[i].norm = kiji_norm_new()) == NULL ||
          kiji_normalize(arts[i].norm, a.text[i], a.len[i], NULL) != KIJI_OK)
        return fail("lexicon", "normalize");
      kiji_norm_text(arts[i].norm, &nlen);
      bytes += nlen;
    }
    kiji_norm_text(one.norm, &nlen);
    if (!lexicon_time(lex, s, &one, 1, nlen, f, &matches)) return fail("lexicon", "scan");
    printf("  %-4s %-22s %10.1f %10.1f %6.0f-%-7.0f %10.1f %10zu\n", langs[l], "one call",
           (double)nlen / 1e6, f[0], f[1], f[2], f[3], matches);
    snprintf(row, sizeof row, "lexicon:%s:one call", langs[l]);
    bench_result("dict", row, "mb=%.2f\tmb_s=%.2f\tmin=%.2f\tmax=%.2f\tcpu_mb_s=%.2f\tmatches=%zu",
                 (double)nlen / 1e6, f[0], f[1], f[2], f[3], matches);
    /* article by article: as many passes as make about the same bytes */
    {
      size_t reps = nlen / (bytes ? bytes : 1) + 1, n = a.n * reps, j;
      normed *many = calloc(n, sizeof *many);
      if (many == NULL) return fail("lexicon", "out of memory");
      for (j = 0; j < n; j++) many[j] = arts[j % a.n];
      if (!lexicon_time(lex, s, many, n, bytes * reps, f, &matches)) return fail("lexicon", "scan");
      printf("  %-4s %-22s %10.1f %10.1f %6.0f-%-7.0f %10.1f %10zu\n", langs[l],
             "article by article", (double)(bytes * reps) / 1e6, f[0], f[1], f[2], f[3], matches);
      snprintf(row, sizeof row, "lexicon:%s:articles", langs[l]);
      bench_result("dict", row,
                   "mb=%.2f\tmb_s=%.2f\tmin=%.2f\tmax=%.2f\tcpu_mb_s=%.2f\tmatches=%zu"
                   "\tarticles=%zu\tbytes_per_article=%.0f",
                   (double)(bytes * reps) / 1e6, f[0], f[1], f[2], f[3], matches, n,
                   (double)bytes / (double)a.n);
      free(many);
    }
    for (i = 0; i < a.n; i++) kiji_norm_free(arts[i].norm);
    free(arts);
    kiji_norm_free(one.norm);
    free((char *)one.text);
    kiji_bench_articles_free(&a);
  }
  printf("  target (issue 14): >= 300 MB/s\n");
  bench_result("dict", "lexicon", "entries=%zu\tstates=%zu\tdense=%zu\timage_mb=%.2f\tload_ms=%.3f",
               kiji_dict_count(lex), lex->nstates, lex->ndense, (double)lex->size / 1e6,
               median(load, RUNS) * 1e3);
  kiji_dict_free(lex);
  kiji_scan_free(s);
  return 0;
}

/* An argument of digits only (a size). */
static int is_count(const char *s) {
  if (*s == '\0') return 0;
  for (; *s; s++)
    if (*s < '0' || *s > '9') return 0;
  return 1;
}

int main(int argc, char **argv) {
  static const char *const langs[] = {"en", "ja"};
  corpus cs[2];
  result res[8];
  size_t sizes[8] = {10000, 1000000}, nsizes = 2, i;
  const char *fixtures = NULL;
  int k, first = 2;
  if (argc < 2) {
    fprintf(stderr, "usage: bench_dict DIR [FIXTURES_DIR] [SIZES...]\n");
    return 2;
  }
  if (argc > 2 && !is_count(argv[2])) fixtures = argv[first++];
  if (argc > first) {
    for (nsizes = 0; nsizes < 8 && (int)nsizes + first < argc; nsizes++)
      sizes[nsizes] = (size_t)strtoul(argv[nsizes + first], NULL, 10);
  }
  print_load();
  if (fixtures && bench_lexicon(fixtures) != 0) return 1;
  for (i = 0; i < 2; i++) {
    double times[RUNS], t0;
    const char *nt;
    size_t nlen;
    cs[i].lang = langs[i];
    if (kiji_bench_corpus(argv[1], langs[i], &cs[i].text, &cs[i].len) != 0)
      return fail("corpus", langs[i]);
    cs[i].norm = kiji_norm_new();
    for (k = 0; k < RUNS; k++) {
      t0 = now();
      kiji_normalize(cs[i].norm, cs[i].text, cs[i].len, NULL);
      times[k] = now() - t0;
    }
    cs[i].norm_mbs = (double)cs[i].len / median(times, RUNS) / 1e6;
    snprintf(cs[i].norm_path, sizeof cs[i].norm_path, "%s/bench-dict-norm-%s.txt", argv[1],
             langs[i]);
    nt = kiji_norm_text(cs[i].norm, &nlen);
    if (!write_file(cs[i].norm_path, nt, nlen)) return fail("write", cs[i].norm_path);
  }
  for (i = 0; i < nsizes; i++)
    if (bench_size(argv[1], sizes[i], cs, &res[i]) != 0) return 1;
  table(cs, res, nsizes);
  for (i = 0; i < 2; i++) {
    unlink(cs[i].norm_path);
    kiji_norm_free(cs[i].norm);
    free(cs[i].text);
  }
  return 0;
}
