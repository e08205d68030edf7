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
** of RUNS timed runs after a warm-up (the engines in turn, round after
** round), with the slowest and fastest, plus microseconds per article and
** per 3 KB of input, then the same medians over the process's CPU time
** (what bench_annotate.lua reports, and what a busy machine disturbs
** less); the ratio to ICU is the median of the rounds' ratios. Rows:
**   annotate        kiji_annotate per article (the whole pipeline)
**   annotate+json   the same and kiji_doc_json
**   sentences       kiji_sentences alone (news rules), per article
**   lexicon scan    kiji_dict_scan of the lexicon alone, per article
** Then, as bench_annotate.lua does, one 3 KB article (the fixtures joined,
** cut at the last sentence end before 3000 bytes) annotated ONE_RUNS
** times: microseconds per call, median of RUNS. And the memory: one
** document of BIG_BYTES (the articles joined by blank lines, repeated)
** annotated by one kiji_annotate call on a fresh kiji_doc, in a child
** forked before any other run, so that no memory the allocator kept from
** earlier runs hides the growth (a child of a process with a large freed
** heap would reuse it unseen), with an annotator made in the child before
** it (so that the library's read-only data is resident, as in any process
** that has annotated once): the peak resident size during the call
** (VmHWM, reset before it) less the resident size before it (the text
** included), per MB of input. Lines starting with @result repeat the
** figures for report.py.
** Target (issue 14): annotate >= 0.5x ICU sentences on the 3 KB cuts
** (CPU), in both languages.
**
** Exit status 1 when the input cannot be read or a call fails.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "bench_util.h"
#include "fixtures.h"
#include "kiji.h"

#define RUNS 5
#define MIN_BYTES (8u << 20)
#define ONE_BYTES 3000
#define ONE_RUNS 2000
#define BIG_BYTES ((size_t)16000000)
#define CUT_BYTES 3000
#define ENGINES 5

/* The articles of one language, repeated to MIN_BYTES: text[i] points
** into the distinct articles of art. */
typedef struct corpus {
  kiji_bench_articles art;
  const char **text;
  size_t *len;
  size_t n, bytes, unique;
  char *joined; /* the 3 KB cuts point into it; NULL for articles */
  const char *name;
} corpus;

static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void) { return clock_s(CLOCK_MONOTONIC); }
/* CPU time too: on a busy machine the wall clock counts other processes'
** turns; the CPU clock is what bench_annotate.lua reports (os.clock). */
static double cpu_now(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }

/* The *.txt of dir, then the same articles again until MIN_BYTES. */
static int load(corpus *c, const char *dir) {
  size_t i, cap, total = 0;
  if (kiji_bench_articles_load(dir, &c->art) != 0) return 0;
  for (i = 0; i < c->art.n; i++) total += c->art.len[i];
  cap = (MIN_BYTES / (total ? total : 1) + 1) * c->art.n;
  c->text = malloc(cap * sizeof *c->text);
  c->len = malloc(cap * sizeof *c->len);
  if (c->text == NULL || c->len == NULL) return 0;
  c->unique = c->art.n;
  for (c->n = 0; c->n < c->unique || c->bytes < MIN_BYTES; c->n++) {
    c->text[c->n] = c->art.text[c->n % c->unique];
    c->len[c->n] = c->art.len[c->n % c->unique];
    c->bytes += c->len[c->n];
  }
  return 1;
}

/* The articles of art joined to MIN_BYTES and cut into CUT_BYTES pieces,
** each cut moved back to a character's first byte. */
static int load_cuts(corpus *c, const kiji_bench_articles *art) {
  size_t total, at = 0, cap;
  c->joined = kiji_bench_articles_join(art, MIN_BYTES, &total);
  if (c->joined == NULL) return 0;
  cap = total / (CUT_BYTES / 2) + 1; /* a cut backs off at most 3 bytes */
  c->text = malloc(cap * sizeof *c->text);
  c->len = malloc(cap * sizeof *c->len);
  if (c->text == NULL || c->len == NULL) return 0;
  while (at < total) {
    size_t end = at + CUT_BYTES < total ? at + CUT_BYTES : total;
    while (end < total && end > at && ((unsigned char)c->joined[end] & 0xC0) == 0x80) end--;
    c->text[c->n] = c->joined + at;
    c->len[c->n++] = end - at;
    at = end;
  }
  c->bytes = total;
  c->unique = c->n;
  c->name = "3 KB cuts";
  return 1;
}

static void unload(corpus *c) {
  free(c->text);
  free(c->len);
  free(c->joined);
  kiji_bench_articles_free(&c->art);
}

typedef struct engines {
  kiji_annotator *a;
  kiji_doc *doc;
  kiji_seg *seg;
  kiji_segmenter *sg;
  kiji_scan *scan;
  kiji_dict *lexicon;
  UBreakIterator *icu; /* root sentences over a UTF-8 UText, reused */
} engines;

/* ICU's sentence iterator over text: the number of sentences, or -1. */
static long icu_sentences(UBreakIterator *bi, const char *t, size_t len) {
  UErrorCode st = U_ZERO_ERROR;
  UText *ut = utext_openUTF8(NULL, t, (int64_t)len, &st);
  long n = 0;
  if (U_FAILURE(st)) return -1;
  ubrk_setUText(bi, ut, &st);
  if (U_SUCCESS(st))
    while (ubrk_next(bi) != UBRK_DONE) n++;
  utext_close(ut);
  return U_SUCCESS(st) ? n : -1;
}

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
      case 3:
        if (kiji_dict_scan(g->lexicon, g->scan, t, len, KIJI_SCAN_ALL) != KIJI_OK) return 0;
        break;
      default:
        if (icu_sentences(g->icu, t, len) < 0) return 0;
        break;
    }
  }
  return 1;
}

/* The 3 KB article: microseconds per kiji_annotate call. */
static int bench_one(engines *g, const char *lang, const corpus *c) {
  size_t len, i, cut = 0;
  char *t = kiji_bench_articles_join(&c->art, ONE_BYTES, &len);
  double us[RUNS], cpu[RUNS];
  int r;
  if (t == NULL) return 0;
  for (i = 0; i < len; i++) /* the last '.' or '。' */
    if (t[i] == '.' || (i + 3 <= len && memcmp(t + i, "\xE3\x80\x82", 3) == 0))
      cut = i + (t[i] == '.' ? 1 : 3);
  if (cut == 0) return free(t), 0;
  len = cut;
  for (r = -1; r < RUNS; r++) {
    double t0 = now(), u0 = cpu_now();
    for (i = 0; i < ONE_RUNS; i++)
      if (kiji_annotate(g->a, g->doc, t, len, NULL) != KIJI_OK) return free(t), 0;
    if (r >= 0) {
      cpu[r] = (cpu_now() - u0) / ONE_RUNS * 1e6;
      us[r] = (now() - t0) / ONE_RUNS * 1e6;
    }
  }
  qsort(us, RUNS, sizeof us[0], cmp_double);
  qsort(cpu, RUNS, sizeof cpu[0], cmp_double);
  printf("  one %zu-byte article: %.1f us per call (%.1f-%.1f); CPU %.1f us (%.1f-%.1f)\n", len,
         us[RUNS / 2], us[0], us[RUNS - 1], cpu[RUNS / 2], cpu[0], cpu[RUNS - 1]);
  {
    char row[32];
    snprintf(row, sizeof row, "%s:one article", lang);
    bench_result("annotate_c", row,
                 "bytes=%zu\tus=%.2f\tmin=%.2f\tmax=%.2f\tcpu_us=%.2f\tcpu_min=%.2f\tcpu_max=%.2f",
                 len, us[RUNS / 2], us[0], us[RUNS - 1], cpu[RUNS / 2], cpu[0], cpu[RUNS - 1]);
  }
  free(t);
  return 1;
}

/* Peak memory of one BIG_BYTES document in one call, per MB of input. */
static int measure_memory(const kiji_annotator *a, const char *lang, const corpus *c) {
  size_t len;
  char *t = kiji_bench_articles_join(&c->art, BIG_BYTES, &len), row[32];
  kiji_doc *doc = kiji_doc_new();
  long before, peak;
  double t0, secs, per_mb;
  if (t == NULL || doc == NULL) return free(t), kiji_doc_free(doc), 0;
  if (reset_peak_rss() != 0) printf("  (peak not reset: /proc/self/clear_refs unavailable)\n");
  before = proc_status_kb("VmRSS");
  t0 = now();
  if (kiji_annotate(a, doc, t, len, NULL) != KIJI_OK) return free(t), kiji_doc_free(doc), 0;
  secs = now() - t0;
  peak = proc_status_kb("VmHWM");
  per_mb = (double)(peak - before) / 1024.0 / ((double)len / 1e6);
  printf(
      "  %s: one %.1f MB document in one call: %.2f s, peak RSS +%.1f MB = %.2f MB per MB "
      "of input\n",
      lang, (double)len / 1e6, secs, (double)(peak - before) / 1024.0, per_mb);
  snprintf(row, sizeof row, "%s:memory", lang);
  if (before >= 0 && peak >= 0)
    bench_result("annotate_c", row, "input_mb=%.2f\tseconds=%.3f\tpeak_mb=%.1f\trss_per_mb=%.3f",
                 (double)len / 1e6, secs, (double)(peak - before) / 1024.0, per_mb);
  kiji_doc_free(doc);
  free(t);
  return 1;
}

/* measure_memory in a child, forked while the heap holds nothing freed,
** with an annotator of its own, made there before the measure: a forked
** child's resident size counts none of the library's read-only data (the
** 10 MB lexicon image, ICU's rules) until it touches it again, and the
** call would count those pages as the document's. Making the annotator
** reads the whole image (its checksum); its allocations stay until the
** child exits. */
static int bench_memory(const char *lang, const corpus *c) {
  pid_t pid;
  int status;
  fflush(stdout);
  if ((pid = fork()) < 0) return 0;
  if (pid == 0) {
    kiji_error err;
    kiji_annotator *a = kiji_annotator_new(NULL, 0, &err);
    int ok = a != NULL && measure_memory(a, lang, c);
    fflush(stdout);
    _exit(ok ? 0 : 1);
  }
  return waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int bench(engines *g, const char *lang, const corpus *c) {
  static const char *const names[ENGINES] = {"annotate", "annotate+json", "sentences",
                                             "lexicon scan", "ICU sentences"};
  double cpu_mb_s[ENGINES], t[ENGINES][RUNS], u[ENGINES][RUNS], ratio[RUNS];
  int e, r;
  char key[64];
  printf("%s, %s: %zu articles (%zu distinct), %.1f MB, %.0f bytes per article\n", lang, c->name,
         c->n, c->unique, (double)c->bytes / 1e6, (double)c->bytes / (double)c->n);
  printf("  %-14s %9s %9s %9s %12s %12s %9s %12s\n", "engine", "MB/s", "min", "max", "us/article",
         "us/3KB", "cpu MB/s", "cpu us/art.");
  /* the engines in turn, round by round: a slow spell of the machine
  ** slows every engine alike, not one engine's runs (the ratio to ICU
  ** moved by a third between runs measured engine after engine) */
  for (e = 0; e < ENGINES; e++)
    if (!pass(g, e, c)) return 0; /* warm-up */
  for (r = 0; r < RUNS; r++)
    for (e = 0; e < ENGINES; e++) {
      double t0 = now(), u0 = cpu_now();
      if (!pass(g, e, c)) return 0;
      u[e][r] = cpu_now() - u0;
      t[e][r] = now() - t0;
    }
  for (r = 0; r < RUNS; r++) ratio[r] = u[4][r] / u[0][r];
  qsort(ratio, RUNS, sizeof ratio[0], cmp_double);
  for (e = 0; e < ENGINES; e++) {
    double tm, um;
    char row[64];
    qsort(t[e], RUNS, sizeof t[e][0], cmp_double);
    qsort(u[e], RUNS, sizeof u[e][0], cmp_double);
    tm = t[e][RUNS / 2];
    um = u[e][RUNS / 2];
    printf("  %-14s %9.1f %9.1f %9.1f %12.1f %12.1f %9.1f %12.1f\n", names[e],
           mb_per_s(c->bytes, tm), mb_per_s(c->bytes, t[e][RUNS - 1]), mb_per_s(c->bytes, t[e][0]),
           tm / (double)c->n * 1e6, tm / (double)c->bytes * 3000.0 * 1e6, mb_per_s(c->bytes, um),
           um / (double)c->n * 1e6);
    cpu_mb_s[e] = mb_per_s(c->bytes, um);
    snprintf(row, sizeof row, "%s:%s%s", lang, c->joined ? "cuts:" : "", names[e]);
    bench_result("annotate_c", row,
                 "mb_s=%.2f\tmin=%.2f\tmax=%.2f\tus_article=%.2f\tus_3kb=%.2f\tcpu_mb_s=%.2f"
                 "\tcpu_min=%.2f\tcpu_max=%.2f\tcpu_us_article=%.2f\tarticles=%zu\tmb=%.2f",
                 mb_per_s(c->bytes, tm), mb_per_s(c->bytes, t[e][RUNS - 1]),
                 mb_per_s(c->bytes, t[e][0]), tm / (double)c->n * 1e6,
                 tm / (double)c->bytes * 3000.0 * 1e6, mb_per_s(c->bytes, um),
                 mb_per_s(c->bytes, u[e][RUNS - 1]), mb_per_s(c->bytes, u[e][0]),
                 um / (double)c->n * 1e6, c->n, (double)c->bytes / 1e6);
  }
  printf(
      "  annotate / ICU sentences, CPU: %.3fx, median of the rounds' (%.3f-%.3f; issue 14: >= "
      "0.5x)\n",
      ratio[RUNS / 2], ratio[0], ratio[RUNS - 1]);
  snprintf(key, sizeof key, "%s:%sratio", lang, c->joined ? "cuts:" : "");
  bench_result("annotate_c", key, "annotate_over_icu=%.4f\ticu_cpu_mb_s=%.2f", ratio[RUNS / 2],
               cpu_mb_s[4]);
  return c->joined ? 1 : bench_one(g, lang, c);
}

int main(int argc, char **argv) {
  engines g;
  kiji_error err;
  corpus en, ja, en_cuts, ja_cuts;
  char dir[4096];
  UErrorCode st = U_ZERO_ERROR;
  memset(&en, 0, sizeof en);
  memset(&ja, 0, sizeof ja);
  memset(&en_cuts, 0, sizeof en_cuts);
  memset(&ja_cuts, 0, sizeof ja_cuts);
  en.name = ja.name = "articles";
  if (argc < 2) {
    fprintf(stderr, "usage: bench_annotate FIXTURES_DIR\n");
    return 1;
  }
  snprintf(dir, sizeof dir, "%s/en", argv[1]);
  if (!load(&en, dir)) return fprintf(stderr, "bench_annotate: cannot read %s\n", dir), 1;
  snprintf(dir, sizeof dir, "%s/ja", argv[1]);
  if (!load(&ja, dir)) return fprintf(stderr, "bench_annotate: cannot read %s\n", dir), 1;
  if (!load_cuts(&en_cuts, &en.art) || !load_cuts(&ja_cuts, &ja.art))
    return fprintf(stderr, "bench_annotate: out of memory\n"), 1;
  g.a = kiji_annotator_new(NULL, 0, &err);
  g.doc = kiji_doc_new();
  g.sg = kiji_segmenter_new(&err);
  g.seg = g.sg ? kiji_seg_new(g.sg) : NULL;
  g.scan = kiji_scan_new();
  g.lexicon = NULL;
  g.icu = ubrk_open(UBRK_SENTENCE, "root", NULL, 0, &st);
  if (U_FAILURE(st) || !g.a || !g.doc || !g.seg || !g.scan ||
      kiji_lexicon_load(&g.lexicon, &err) != KIJI_OK)
    return fprintf(stderr, "bench_annotate: setup failed\n"), 1;
  printf("== annotation from C (kiji %s), one core, median of %d runs\n", kiji_version(), RUNS);
  print_load();
  printf("memory, one document per language:\n");
  if (!bench_memory("en", &en) || !bench_memory("ja", &ja))
    return fprintf(stderr, "bench_annotate: the memory run failed\n"), 1;
  if (!bench(&g, "en", &en) || !bench(&g, "ja", &ja) || !bench(&g, "en", &en_cuts) ||
      !bench(&g, "ja", &ja_cuts))
    return fprintf(stderr, "bench_annotate: a call failed\n"), 1;
  printf("target (issue 14): annotate >= 0.5x ICU sentences on the 3 KB cuts, CPU\n");
  kiji_doc_free(g.doc);
  kiji_annotator_free(g.a);
  kiji_seg_free(g.seg);
  kiji_segmenter_free(g.sg);
  kiji_scan_free(g.scan);
  kiji_dict_free(g.lexicon);
  ubrk_close(g.icu);
  unload(&en);
  unload(&ja);
  unload(&en_cuts);
  unload(&ja_cuts);
  return 0;
}
