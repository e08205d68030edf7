/*
** bench_seg.c -- sentence and word segmentation throughput of kiji against
** ICU used directly and, on Japanese, against MeCab.
**
** Usage: bench_seg DIR    (DIR holds the cached corpora, see corpus.h;
** links with -lmecab)
**
** For each corpus (English, Japanese; >= 20 MiB each), every engine
** segments the whole text in one call (MeCab: one call a line), the
** engines taking turns; the
** table gives input megabytes (10^6 bytes) per second of CLOCK_MONOTONIC
** time, the median of RUNS timed runs after WARMUPS untimed ones, the
** slowest and fastest run, and the median over the thread's CPU time (a
** gap between the two says the machine was busy). The engines:
**   kiji sentences      kiji_sentences, news rules, the corpus's locale
**   kiji sentences raw  kiji_sentences, news_rules = 0 (ICU's segments)
**   icu sentences       the iterator kiji uses with news rules
**                       ("en@ss=standard", "ja"), over the same UTF-8
**                       UText, every boundary visited
**   icu sentences raw   the iterator of news_rules = 0 ("en", "ja")
**   kiji words          kiji_words, word-like segments with their tags
**   icu words           ICU's word iterator over the same UText, every
**                       boundary and its rule status
**   mecab wakati        (Japanese only) MeCab with IPAdic, -Owakati, fed
**                       line by line (one paragraph a line) through
**                       mecab_sparse_tostr2, as MeCab is normally used;
**                       spans = tokens. MeCab is a morphological analyser
**                       (dictionary lookup, lattice, best path: words with
**                       their parts of speech), a bigger job than ICU's
**                       word boundaries, so its row is context, not a race.
** The ICU engines open their iterator once, outside the clock, and are
** timed from utext_openUTF8 to the last boundary, as kiji is from the call
** to its return (spans stored, news rules applied); MeCab is opened once,
** outside the clock, too. The ratios say what
** kiji costs on top of ICU; the design expects ICU itself at about 130
** (75 with ss=standard) MB/s for English sentences, 110 for Japanese, and
** 45 and 9 MB/s for English and Japanese words.
**
** Exit status: 1 when a corpus cannot be made or an engine fails; 0
** otherwise (timings on a shared machine are reported, not judged).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mecab.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "bench_util.h"
#include "corpus.h"
#include "kiji.h"

#define WARMUPS 1
#define RUNS 5
#define E_MAX 8

/* ------------------------------------------------------------ engines */

typedef struct engine {
  const char *name;
  /* Segment src[0..len) once; 0 on success, *count: spans or boundaries. */
  int (*run)(void *ctx, const char *src, size_t len, size_t *count);
  void *ctx;
} engine;

typedef struct kiji_ctx {
  kiji_seg *seg;
  kiji_seg_options opts;
  int words;
} kiji_ctx;

static int run_kiji(void *ctx, const char *src, size_t len, size_t *count) {
  kiji_ctx *k = ctx;
  kiji_status st = k->words ? kiji_words(k->seg, src, len, &k->opts)
                            : kiji_sentences(k->seg, src, len, &k->opts);
  if (st != KIJI_OK) {
    fprintf(stderr, "bench_seg: kiji: %s\n", kiji_seg_error(k->seg));
    return -1;
  }
  kiji_seg_spans(k->seg, count);
  return 0;
}

typedef struct icu_ctx {
  UBreakIterator *bi;
  UText ut;
  int words;
} icu_ctx;

static int icu_open(icu_ctx *c, UBreakIteratorType type, const char *locale) {
  static const UText blank = UTEXT_INITIALIZER;
  UErrorCode e = U_ZERO_ERROR;
  c->ut = blank;
  c->words = type == UBRK_WORD;
  c->bi = ubrk_open(type, locale, NULL, 0, &e);
  if (U_FAILURE(e)) {
    fprintf(stderr, "bench_seg: ICU ubrk_open(%s): %s\n", locale, u_errorName(e));
    return -1;
  }
  return 0;
}

static void icu_close(icu_ctx *c) {
  if (c->bi) ubrk_close(c->bi);
  utext_close(&c->ut);
}

static int run_icu(void *ctx, const char *src, size_t len, size_t *count) {
  icu_ctx *c = ctx;
  UErrorCode e = U_ZERO_ERROR;
  size_t n = 0;
  int32_t status = 0;
  utext_openUTF8(&c->ut, src, (int64_t)len, &e);
  ubrk_setUText(c->bi, &c->ut, &e);
  if (U_FAILURE(e)) {
    fprintf(stderr, "bench_seg: ICU: %s\n", u_errorName(e));
    return -1;
  }
  ubrk_first(c->bi);
  if (c->words) {
    while (ubrk_next(c->bi) != UBRK_DONE) {
      status += ubrk_getRuleStatus(c->bi);
      n++;
    }
  } else {
    while (ubrk_next(c->bi) != UBRK_DONE) n++;
  }
  *count = n + (status == INT32_MIN); /* keep the status calls */
  return 0;
}

/* MeCab over a UTF-8 dictionary; Debian's mecab-ipadic-utf8 puts IPAdic here. */
#define MECAB_IPADIC "/var/lib/mecab/dic/ipadic-utf8"

typedef struct mecab_ctx {
  mecab_t *m;
} mecab_ctx;

/* NULL (and a note on stdout) when MeCab or its dictionary is missing. */
static mecab_t *mecab_open(void) {
  FILE *f = fopen(MECAB_IPADIC "/sys.dic", "rb");
  mecab_t *m = mecab_new2(f ? "-Owakati -d " MECAB_IPADIC : "-Owakati");
  const mecab_dictionary_info_t *d;
  if (f) fclose(f);
  if (m == NULL) {
    printf("mecab: cannot open (%s): row left out\n", mecab_strerror(NULL));
    return NULL;
  }
  d = mecab_dictionary_info(m);
  bench_result("meta", "mecab", "version=%s\tdictionary=%s\tcharset=%s", mecab_version(),
               d ? d->filename : "?", d ? d->charset : "?");
  return m;
}

/* Line by line, as a MeCab user feeds it; tokens are what the spaces end. */
static int run_mecab(void *ctx, const char *src, size_t len, size_t *count) {
  mecab_ctx *c = ctx;
  size_t n = 0, i = 0;
  while (i < len) {
    const char *nl = memchr(src + i, '\n', len - i), *out;
    size_t end = nl ? (size_t)(nl - src) : len;
    if (end > i) {
      if ((out = mecab_sparse_tostr2(c->m, src + i, end - i)) == NULL) {
        fprintf(stderr, "bench_seg: MeCab: %s\n", mecab_strerror(c->m));
        return -1;
      }
      for (; *out; out++) n += *out == ' ';
    }
    i = end + 1;
  }
  *count = n;
  return 0;
}

/* ------------------------------------------------------------ timing */

typedef struct timing {
  double median, min, max; /* wall seconds */
  double cpu_median;       /* CPU seconds of this thread */
  size_t count;
} timing;

static double seconds(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* One run of e, its wall and CPU seconds in *wall and *cpu. */
static int time_one(const engine *e, const char *src, size_t len, double *wall, double *cpu,
                    size_t *count) {
  double w0 = seconds(CLOCK_MONOTONIC), c0 = seconds(CLOCK_THREAD_CPUTIME_ID);
  if (e->run(e->ctx, src, len, count) != 0) return -1;
  *cpu = seconds(CLOCK_THREAD_CPUTIME_ID) - c0;
  *wall = seconds(CLOCK_MONOTONIC) - w0;
  return 0;
}

/*
** The engines take turns, run after run, so that a busy spell of the
** machine slows all of them rather than skewing one ratio.
*/
static int measure(const engine *e, int ne, const char *src, size_t len, timing *tm) {
  double wall[E_MAX][RUNS], cpu[E_MAX][RUNS], w, c;
  int i, k;
  for (i = -WARMUPS; i < RUNS; i++)
    for (k = 0; k < ne; k++) {
      if (time_one(&e[k], src, len, &w, &c, &tm[k].count) != 0) return -1;
      if (i >= 0) {
        wall[k][i] = w;
        cpu[k][i] = c;
      }
    }
  for (k = 0; k < ne; k++) {
    qsort(wall[k], RUNS, sizeof wall[k][0], cmp_double);
    qsort(cpu[k], RUNS, sizeof cpu[k][0], cmp_double);
    tm[k].min = wall[k][0];
    tm[k].median = wall[k][RUNS / 2];
    tm[k].max = wall[k][RUNS - 1];
    tm[k].cpu_median = cpu[k][RUNS / 2];
  }
  return 0;
}

/* ------------------------------------------------------------ report */

static void print_header(void) {
  printf(
      "kiji segmentation benchmark: median of %d runs after %d warm-up; "
      "MB = 10^6 input bytes\n",
      RUNS, WARMUPS);
  print_load();
  printf("\n%-6s %-20s %8s %10s %9s  %-17s %9s\n", "corpus", "engine", "in MB", "spans", "MB/s",
         "(slowest-fastest)", "cpu MB/s");
}

static void print_timing(const char *lang, const char *name, size_t len, const timing *tm) {
  char range[32];
  snprintf(range, sizeof range, "(%.1f-%.1f)", mb_per_s(len, tm->max), mb_per_s(len, tm->min));
  printf("%-6s %-20s %8.2f %10zu %9.1f  %-17s %9.1f\n", lang, name, (double)len / 1e6, tm->count,
         mb_per_s(len, tm->median), range, mb_per_s(len, tm->cpu_median));
  snprintf(range, sizeof range, "%s:%s", lang, name);
  bench_result("seg", range, "mb_s=%.2f\tmin=%.2f\tmax=%.2f\tcpu_mb_s=%.2f\tspans=%zu",
               mb_per_s(len, tm->median), mb_per_s(len, tm->max), mb_per_s(len, tm->min),
               mb_per_s(len, tm->cpu_median), tm->count);
}

/* kiji's throughput as a share of ICU's (ratio of median times). */
static void print_ratio(const char *lang, const char *what, const timing *kiji, const timing *icu) {
  char row[64];
  printf("%-6s %-32s %6.2f  (cpu %.2f)\n", lang, what, icu->median / kiji->median,
         icu->cpu_median / kiji->cpu_median);
  snprintf(row, sizeof row, "%s:%s", lang, what);
  bench_result("seg", row, "ratio=%.3f\tcpu_ratio=%.3f", icu->median / kiji->median,
               icu->cpu_median / kiji->cpu_median);
}

/* ------------------------------------------------------------ driver */

enum { E_SENT, E_SENT_RAW, E_ICU_SENT, E_ICU_SENT_RAW, E_WORDS, E_ICU_WORDS, E_MECAB, E_COUNT };

typedef struct corpus_run {
  const char *lang;
  kiji_locale locale;
  const char *icu_news, *icu_raw; /* sentence iterators as kiji picks them */
  int mecab;                      /* MeCab's row too */
} corpus_run;

static int bench_engines(const corpus_run *cr, kiji_seg *seg, const char *src, size_t len) {
  kiji_ctx news = {seg, KIJI_SEG_OPTIONS_INIT, 0}, raw, words;
  icu_ctx icu[3];
  mecab_ctx mc = {NULL};
  engine engines[E_COUNT];
  timing tm[E_COUNT];
  int i, ne = E_MECAB, rc = 0;
  news.opts.locale = cr->locale;
  raw = news;
  raw.opts.news_rules = 0;
  words = news;
  words.words = 1;
  memset(icu, 0, sizeof icu);
  if (icu_open(&icu[0], UBRK_SENTENCE, cr->icu_news) != 0 ||
      icu_open(&icu[1], UBRK_SENTENCE, cr->icu_raw) != 0 ||
      icu_open(&icu[2], UBRK_WORD, cr->lang) != 0)
    rc = -1;
  engines[E_SENT] = (engine){"kiji sentences", run_kiji, &news};
  engines[E_SENT_RAW] = (engine){"kiji sentences raw", run_kiji, &raw};
  engines[E_ICU_SENT] = (engine){"icu sentences", run_icu, &icu[0]};
  engines[E_ICU_SENT_RAW] = (engine){"icu sentences raw", run_icu, &icu[1]};
  engines[E_WORDS] = (engine){"kiji words", run_kiji, &words};
  engines[E_ICU_WORDS] = (engine){"icu words", run_icu, &icu[2]};
  engines[E_MECAB] = (engine){"mecab wakati", run_mecab, &mc};
  if (cr->mecab && (mc.m = mecab_open()) != NULL) ne = E_COUNT;
  if (rc == 0 && measure(engines, ne, src, len, tm) != 0) rc = -1;
  for (i = 0; rc == 0 && i < ne; i++) print_timing(cr->lang, engines[i].name, len, &tm[i]);
  if (rc == 0) {
    print_ratio(cr->lang, "kiji sentences / icu sentences", &tm[E_SENT], &tm[E_ICU_SENT]);
    print_ratio(cr->lang, "kiji raw / icu raw", &tm[E_SENT_RAW], &tm[E_ICU_SENT_RAW]);
    print_ratio(cr->lang, "kiji words / icu words", &tm[E_WORDS], &tm[E_ICU_WORDS]);
    if (ne > E_MECAB)
      print_ratio(cr->lang, "kiji words / mecab wakati", &tm[E_WORDS], &tm[E_MECAB]);
    if (tm[E_SENT_RAW].count != tm[E_ICU_SENT_RAW].count) {
      printf("%-6s MISMATCH: kiji raw gives %zu sentences, ICU %zu\n", cr->lang,
             tm[E_SENT_RAW].count, tm[E_ICU_SENT_RAW].count);
      rc = -1;
    }
  }
  for (i = 0; i < 3; i++) icu_close(&icu[i]);
  if (mc.m) mecab_destroy(mc.m);
  return rc;
}

static int bench_corpus(const char *dir, const corpus_run *cr, kiji_seg *seg) {
  char *src;
  size_t len;
  int rc;
  if (kiji_bench_corpus(dir, cr->lang, &src, &len) != 0) {
    fprintf(stderr, "bench_seg: corpus %s in %s: ", cr->lang, dir);
    perror(NULL);
    return -1;
  }
  if (len > (size_t)INT32_MAX) { /* ICU counts in int32_t */
    fprintf(stderr, "bench_seg: corpus %s too large for ICU\n", cr->lang);
    free(src);
    return -1;
  }
  printf("\n");
  rc = bench_engines(cr, seg, src, len);
  free(src);
  return rc;
}

int main(int argc, char **argv) {
  static const corpus_run runs[] = {
      {"en", KIJI_LOCALE_EN, "en@ss=standard", "en", 0},
      {"ja", KIJI_LOCALE_JA, "ja", "ja", 1},
  };
  kiji_error err;
  kiji_segmenter *sg;
  kiji_seg *seg;
  int rc = 0;
  size_t i;
  if (argc != 2) {
    fprintf(stderr, "usage: %s DIR  (DIR caches the generated corpora)\n", argv[0]);
    return 2;
  }
  if ((sg = kiji_segmenter_new(&err)) == NULL) {
    fprintf(stderr, "bench_seg: %s\n", err.message);
    return 1;
  }
  if ((seg = kiji_seg_new(sg)) == NULL) {
    fprintf(stderr, "bench_seg: out of memory\n");
    kiji_segmenter_free(sg);
    return 1;
  }
  print_header();
  for (i = 0; i < sizeof runs / sizeof runs[0]; i++)
    if (bench_corpus(argv[1], &runs[i], seg) != 0) rc = 1;
  kiji_seg_free(seg);
  kiji_segmenter_free(sg);
  return rc;
}
