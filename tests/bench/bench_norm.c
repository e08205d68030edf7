/*
** bench_norm.c -- normalization throughput of kiji against ICU and utf8proc.
**
** Usage: bench_norm DIR    (DIR holds the cached corpora, see corpus.h)
**
** For each corpus, every engine normalizes the whole text in one call, as
** kiji_normalize is used; the table gives input megabytes (10^6 bytes) per
** second of CLOCK_MONOTONIC time, the median of RUNS timed runs after
** WARMUPS untimed ones, the slowest and fastest run, and the median over
** the thread's CPU time: when the machine is busy the wall figures drop
** and spread, the CPU column much less, so a gap between the two says the
** run was disturbed. The targets are judged on the wall medians. The engines:
**   kiji match+map  KIJI_FORM_MATCH with the offset map, one reused handle
**   kiji nfkc       KIJI_FORM_NFKC, no map, the same handle
**   icu nfkc_cf     ICU's NFKC_Casefold: UTF-8 -> UTF-16, normalize, UTF-8
**                   (buffers sized beforehand; all three steps are timed)
**   utf8proc nfkc_cf  utf8proc_map with STABLE|COMPOSE|COMPAT|CASEFOLD
**                   (its allocation is timed; the free is not)
** The match form does more than NFKC_Casefold (news and kana rules, offset
** map), so ICU and utf8proc are its lower-bound competitors.
**
** Exit status: 1 when a corpus cannot be made, an engine fails, or kiji's
** NFKC disagrees with utf8proc's; unmet speed targets are reported, not
** failed, since timings on a shared machine are noisy.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/uversion.h>
#include <utf8proc.h>

#include "bench_util.h"
#include "corpus.h"
#include "kiji.h"

#define WARMUPS 1
#define RUNS 5
#define TARGET_VS_ICU 1.5
#define TARGET_VS_UTF8PROC 10.0

#define UTF8PROC_NFKC (UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT)
#define UTF8PROC_NFKC_CF (UTF8PROC_NFKC | UTF8PROC_CASEFOLD)

/* ------------------------------------------------------------ engines */

typedef struct engine {
  const char *name;
  /* Normalize src[0..len) once; 0 on success. */
  int (*run)(void *ctx, const char *src, size_t len, size_t *out_len);
  /* Optional: release what run kept, after the clock has stopped. */
  void (*release)(void *ctx);
  void *ctx;
} engine;

typedef struct kiji_ctx {
  kiji_norm *n;
  kiji_norm_options opts;
} kiji_ctx;

static int run_kiji(void *ctx, const char *src, size_t len, size_t *out_len) {
  kiji_ctx *k = ctx;
  kiji_status st = kiji_normalize(k->n, src, len, &k->opts);
  if (st != KIJI_OK) {
    fprintf(stderr, "bench_norm: kiji: %s\n", kiji_norm_error(k->n));
    return -1;
  }
  kiji_norm_text(k->n, out_len);
  return 0;
}

typedef struct icu_ctx {
  const UNormalizer2 *nfkc_cf;
  UChar *src16, *dst16;
  char *out;
  int32_t src16_cap, dst16_cap, out_cap;
} icu_ctx;

static int icu_failed(const char *step, UErrorCode e) {
  fprintf(stderr, "bench_norm: ICU %s: %s\n", step, u_errorName(e));
  return -1;
}

/* A preflight (capacity 0) reports the length it needs as an overflow. */
static int icu_preflighted(UErrorCode *e, const char *step) {
  if (*e == U_BUFFER_OVERFLOW_ERROR) *e = U_ZERO_ERROR;
  return U_FAILURE(*e) ? icu_failed(step, *e) : 0;
}

static void *icu_alloc(size_t size) {
  void *p = malloc(size);
  if (p == NULL) fprintf(stderr, "bench_norm: out of memory for ICU buffers\n");
  return p;
}

/*
** Size the three buffers for this input by preflighting each step, so the
** timed runs only convert and normalize.
*/
static int icu_prepare(icu_ctx *c, const char *src, int32_t len) {
  UErrorCode e = U_ZERO_ERROR;
  int32_t n16, nn, n8;
  c->nfkc_cf = unorm2_getNFKCCasefoldInstance(&e);
  if (U_FAILURE(e)) return icu_failed("getNFKCCasefoldInstance", e);
  u_strFromUTF8(NULL, 0, &n16, src, len, &e);
  if (icu_preflighted(&e, "u_strFromUTF8") != 0) return -1;
  if ((c->src16 = icu_alloc(sizeof(UChar) * ((size_t)n16 + 1))) == NULL) return -1;
  c->src16_cap = n16 + 1;
  u_strFromUTF8(c->src16, c->src16_cap, &n16, src, len, &e);
  nn = unorm2_normalize(c->nfkc_cf, c->src16, n16, NULL, 0, &e);
  if (icu_preflighted(&e, "normalize") != 0) return -1;
  if ((c->dst16 = icu_alloc(sizeof(UChar) * ((size_t)nn + 1))) == NULL) return -1;
  c->dst16_cap = nn + 1;
  nn = unorm2_normalize(c->nfkc_cf, c->src16, n16, c->dst16, c->dst16_cap, &e);
  u_strToUTF8(NULL, 0, &n8, c->dst16, nn, &e);
  if (icu_preflighted(&e, "u_strToUTF8") != 0) return -1;
  if ((c->out = icu_alloc((size_t)n8 + 1)) == NULL) return -1;
  c->out_cap = n8 + 1;
  return 0;
}

static void icu_free(icu_ctx *c) {
  free(c->src16);
  free(c->dst16);
  free(c->out);
}

static int run_icu(void *ctx, const char *src, size_t len, size_t *out_len) {
  icu_ctx *c = ctx;
  UErrorCode e = U_ZERO_ERROR;
  int32_t n16, nn, n8;
  u_strFromUTF8(c->src16, c->src16_cap, &n16, src, (int32_t)len, &e);
  nn = unorm2_normalize(c->nfkc_cf, c->src16, n16, c->dst16, c->dst16_cap, &e);
  u_strToUTF8(c->out, c->out_cap, &n8, c->dst16, nn, &e);
  if (U_FAILURE(e)) return icu_failed("run", e);
  *out_len = (size_t)n8;
  return 0;
}

typedef struct utf8proc_ctx {
  utf8proc_uint8_t *out; /* the last result, freed by release_utf8proc */
} utf8proc_ctx;

static int run_utf8proc(void *ctx, const char *src, size_t len, size_t *out_len) {
  utf8proc_ctx *c = ctx;
  utf8proc_ssize_t n =
      utf8proc_map((const utf8proc_uint8_t *)src, (utf8proc_ssize_t)len, &c->out, UTF8PROC_NFKC_CF);
  if (n < 0) {
    fprintf(stderr, "bench_norm: utf8proc: %s\n", utf8proc_errmsg(n));
    return -1;
  }
  *out_len = (size_t)n;
  return 0;
}

static void release_utf8proc(void *ctx) {
  utf8proc_ctx *c = ctx;
  free(c->out);
  c->out = NULL;
}

/* ------------------------------------------------------------ timing */

typedef struct timing {
  double median, min, max; /* wall seconds */
  double cpu_median;       /* CPU seconds of this thread */
  size_t out_len;
} timing;

static double seconds(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int measure(const engine *e, const char *src, size_t len, timing *tm) {
  double wall[RUNS], cpu[RUNS];
  int i;
  for (i = -WARMUPS; i < RUNS; i++) {
    double w0 = seconds(CLOCK_MONOTONIC), c0 = seconds(CLOCK_THREAD_CPUTIME_ID), w1, c1;
    if (e->run(e->ctx, src, len, &tm->out_len) != 0) return -1;
    c1 = seconds(CLOCK_THREAD_CPUTIME_ID);
    w1 = seconds(CLOCK_MONOTONIC);
    if (e->release) e->release(e->ctx);
    if (i >= 0) {
      wall[i] = w1 - w0;
      cpu[i] = c1 - c0;
    }
  }
  qsort(wall, RUNS, sizeof wall[0], cmp_double);
  qsort(cpu, RUNS, sizeof cpu[0], cmp_double);
  tm->min = wall[0];
  tm->median = wall[RUNS / 2];
  tm->max = wall[RUNS - 1];
  tm->cpu_median = cpu[RUNS / 2];
  return 0;
}

/* ------------------------------------------------------------ report */

static void print_header(void) {
  UVersionInfo icu;
  char icu_version[U_MAX_VERSION_STRING_LENGTH];
  printf(
      "kiji normalization benchmark: median of %d runs after %d warm-up; "
      "MB = 10^6 input bytes\n",
      RUNS, WARMUPS);
  print_load();
  u_getVersion(icu);
  u_versionToString(icu, icu_version);
  bench_result("meta", "versions", "icu=%s\tutf8proc=%s\tkiji=%s\tunicode=%s", icu_version,
               utf8proc_version(), kiji_version(), utf8proc_unicode_version());
  printf("\n");
  printf("%-6s %-20s %8s %8s %9s  %-17s %9s\n", "corpus", "engine", "in MB", "out MB", "MB/s",
         "(slowest-fastest)", "cpu MB/s");
}

static void print_timing(const char *lang, const char *name, size_t len, const timing *tm) {
  char range[32];
  snprintf(range, sizeof range, "(%.1f-%.1f)", mb_per_s(len, tm->max), mb_per_s(len, tm->min));
  printf("%-6s %-20s %8.2f %8.2f %9.1f  %-17s %9.1f\n", lang, name, (double)len / 1e6,
         (double)tm->out_len / 1e6, mb_per_s(len, tm->median), range,
         mb_per_s(len, tm->cpu_median));
  snprintf(range, sizeof range, "%s:%s", lang, name);
  bench_result("norm", range, "mb_s=%.2f\tmin=%.2f\tmax=%.2f\tcpu_mb_s=%.2f\tin_mb=%.2f",
               mb_per_s(len, tm->median), mb_per_s(len, tm->max), mb_per_s(len, tm->min),
               mb_per_s(len, tm->cpu_median), (double)len / 1e6);
}

/* Ratio of median throughputs = inverse ratio of median times. */
static void print_ratio(const char *lang, const char *what, const timing *kiji, const timing *other,
                        double target) {
  double ratio = other->median / kiji->median;
  char row[64];
  printf("%-6s %-29s %7.2fx  (cpu %.2fx)  target >= %.1fx: %s\n", lang, what, ratio,
         other->cpu_median / kiji->cpu_median, target, ratio >= target ? "met" : "NOT met");
  snprintf(row, sizeof row, "%s:%s", lang, what);
  bench_result("norm", row, "ratio=%.3f\tcpu_ratio=%.3f\ttarget=%.1f", ratio,
               other->cpu_median / kiji->cpu_median, target);
}

/* ------------------------------------------------------------ corpus facts */

static double pct(size_t part, size_t whole) {
  return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

enum { CH_KNOWN = 1, CH_NFKC = 2, CH_NFKC_CF = 4, CH_MATCH = 8 };

/* Whether a form changes c on its own (CH_ flags). */
static unsigned char_changes(kiji_norm *kn, int32_t c) {
  static const kiji_norm_options match = {KIJI_FORM_MATCH, -1, KIJI_INVALID_REPLACE, 0};
  utf8proc_uint8_t enc[4], *out = NULL;
  utf8proc_ssize_t n = utf8proc_encode_char(c, enc), m;
  unsigned f = CH_KNOWN;
  size_t kl;
  const char *k;
  m = utf8proc_map(enc, n, &out, UTF8PROC_NFKC);
  if (m != n || memcmp(out, enc, (size_t)n) != 0) f |= CH_NFKC;
  free(out);
  m = utf8proc_map(enc, n, &out, UTF8PROC_NFKC_CF);
  if (m != n || memcmp(out, enc, (size_t)n) != 0) f |= CH_NFKC_CF;
  free(out);
  if (kiji_normalize(kn, (const char *)enc, (size_t)n, &match) == KIJI_OK) {
    k = kiji_norm_text(kn, &kl);
    if (kl != (size_t)n || memcmp(k, enc, kl) != 0) f |= CH_MATCH;
  }
  return f;
}

/*
** One line that backs the corpus's claim to realism: how many characters
** are non-ASCII, and how many of those NFKC, NFKC_Casefold and the match
** form change, each character taken alone (so context rules such as a
** run of white space are not counted); ASCII capitals, which only case
** folding touches, are given apart.
*/
static void print_corpus_facts(const char *lang, const char *src, size_t len, kiji_norm *kn) {
  unsigned char *cache = calloc(0x10000, 1); /* CH_ flags of BMP characters */
  size_t p = 0, chars = 0, non_ascii = 0, nfkc = 0, nfkc_cf = 0, match = 0, upper = 0;
  while (p < len) {
    utf8proc_int32_t c;
    utf8proc_ssize_t cl =
        utf8proc_iterate((const utf8proc_uint8_t *)src + p, (utf8proc_ssize_t)(len - p), &c);
    unsigned f;
    if (cl <= 0) break;
    p += (size_t)cl;
    chars++;
    if (c < 0x80) {
      upper += c >= 'A' && c <= 'Z';
      continue;
    }
    non_ascii++;
    if (cache && c < 0x10000) {
      if (cache[c] == 0) cache[c] = (unsigned char)char_changes(kn, c);
      f = cache[c];
    } else {
      f = char_changes(kn, c);
    }
    nfkc += (f & CH_NFKC) != 0;
    nfkc_cf += (f & CH_NFKC_CF) != 0;
    match += (f & CH_MATCH) != 0;
  }
  free(cache);
  printf(
      "%-6s corpus: %zu chars, %.1f%% non-ASCII; changed alone: NFKC %.2f%%, "
      "NFKC_CF %.2f%%, match %.2f%% (+ ASCII A-Z %.1f%%)\n",
      lang, chars, pct(non_ascii, chars), pct(nfkc, chars), pct(nfkc_cf, chars), pct(match, chars),
      pct(upper, chars));
}

/* ------------------------------------------------------------ sanity */

static void print_bytes(const char *label, const unsigned char *s, size_t len, size_t at) {
  size_t i;
  printf("         %s:", label);
  for (i = at; i < len && i < at + 12; i++) printf(" %02X", s[i]);
  printf("%s\n", i < len ? " ..." : " <end>");
}

/* kiji's NFKC must be byte-equal to utf8proc's on the corpus. */
static int check_nfkc(const char *lang, kiji_ctx *k, const char *src, size_t len) {
  const unsigned char *mine;
  utf8proc_uint8_t *ref = NULL;
  utf8proc_ssize_t rn;
  size_t mn, i;
  int ok;
  if (run_kiji(k, src, len, &mn) != 0) return -1;
  mine = (const unsigned char *)kiji_norm_text(k->n, NULL);
  rn = utf8proc_map((const utf8proc_uint8_t *)src, (utf8proc_ssize_t)len, &ref, UTF8PROC_NFKC);
  if (rn < 0) return -1;
  for (i = 0; i < mn && i < (size_t)rn && mine[i] == ref[i]; i++) {}
  ok = i == mn && i == (size_t)rn;
  printf("%-6s sanity: kiji nfkc == utf8proc NFKC (%zu bytes): %s", lang, mn,
         ok ? "ok\n" : "MISMATCH");
  if (!ok) {
    printf(" at output byte %zu (kiji %zu bytes, utf8proc %zu)\n", i, mn, (size_t)rn);
    print_bytes("kiji    ", mine, mn, i);
    print_bytes("utf8proc", ref, (size_t)rn, i);
  }
  free(ref);
  return ok ? 0 : -1;
}

/* ------------------------------------------------------------ driver */

enum { E_MATCH, E_NFKC, E_ICU, E_UTF8PROC, E_COUNT };

static int bench_engines(const char *lang, const char *src, size_t len, kiji_ctx *match,
                         kiji_ctx *nfkc, icu_ctx *icu) {
  utf8proc_ctx u = {NULL};
  const engine engines[E_COUNT] = {
      {"kiji match+map", run_kiji, NULL, match},
      {"kiji nfkc", run_kiji, NULL, nfkc},
      {"icu nfkc_cf", run_icu, NULL, icu},
      {"utf8proc nfkc_cf", run_utf8proc, release_utf8proc, &u},
  };
  timing tm[E_COUNT];
  int i;
  for (i = 0; i < E_COUNT; i++) {
    if (measure(&engines[i], src, len, &tm[i]) != 0) return -1;
    print_timing(lang, engines[i].name, len, &tm[i]);
    fflush(stdout);
  }
  print_ratio(lang, "ratio kiji-match / icu", &tm[E_MATCH], &tm[E_ICU], TARGET_VS_ICU);
  print_ratio(lang, "ratio kiji-match / utf8proc", &tm[E_MATCH], &tm[E_UTF8PROC],
              TARGET_VS_UTF8PROC);
  return 0;
}

static int bench_corpus(const char *dir, const char *lang, kiji_norm *n) {
  kiji_ctx match = {n, KIJI_NORM_OPTIONS_INIT};
  kiji_ctx nfkc = {n, {KIJI_FORM_NFKC, -1, KIJI_INVALID_REPLACE, 0}};
  icu_ctx icu;
  char *src;
  size_t len;
  int rc;
  if (kiji_bench_corpus(dir, lang, &src, &len) != 0) {
    fprintf(stderr, "bench_norm: corpus %s in %s: ", lang, dir);
    perror(NULL);
    return -1;
  }
  if (len > (size_t)INT32_MAX) { /* ICU counts in int32_t */
    fprintf(stderr, "bench_norm: corpus %s too large for ICU\n", lang);
    free(src);
    return -1;
  }
  printf("\n");
  print_corpus_facts(lang, src, len, n);
  memset(&icu, 0, sizeof icu);
  rc = icu_prepare(&icu, src, (int32_t)len);
  if (rc == 0) rc = bench_engines(lang, src, len, &match, &nfkc, &icu);
  if (rc == 0) rc = check_nfkc(lang, &nfkc, src, len);
  icu_free(&icu);
  free(src);
  return rc;
}

int main(int argc, char **argv) {
  static const char *const langs[] = {"en", "ja"};
  kiji_norm *n;
  int rc = 0;
  size_t i;
  if (argc != 2) {
    fprintf(stderr, "usage: %s DIR  (DIR caches the generated corpora)\n", argv[0]);
    return 2;
  }
  if ((n = kiji_norm_new()) == NULL) {
    fprintf(stderr, "bench_norm: out of memory\n");
    return 1;
  }
  print_header();
  for (i = 0; i < sizeof langs / sizeof langs[0]; i++)
    if (bench_corpus(argv[1], langs[i], n) != 0) rc = 1;
  kiji_norm_free(n);
  return rc;
}
