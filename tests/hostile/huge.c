/*
** huge.c -- the long hostile-input checks of `make check-huge` (driven by
** tests/hostile/check_huge.sh), as TAP:
**
**   huge scale [N]        every generator of tests/c/hostile.h (one
**                         sentence of N repetitions, and 8N) through
**                         normalize, sentences, words, the lexicon scan and
**                         annotate; dictionaries with N duplicate lines, N
**                         distinct entries, one-byte and 10 KB surfaces.
**                         Each time(8N) / time(N) must stay under 16, or
**                         $RATIO_MAX (linear is 8, n log n about 9, a
**                         square 64; CPU time, the better of 3 runs)
**   huge line MB FILE...  one line of MB megabytes (the files joined, line
**                         breaks made spaces) annotated in one call: time,
**                         peak memory of the call, bytes per input byte
**   huge cues N           N denial cues in one sentence, English and Japanese
**   huge dup N            a TSV of N copies of one line
**
** N defaults to an amount that takes a few milliseconds; the ratios need
** CPU time, not wall time, because the machine is shared.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "hostile.h"
#include "kiji.h"
#include "tap.h"

static double RATIO_MAX = 16.0; /* or $RATIO_MAX */

static kiji_annotator *annotator;
static kiji_doc *doc;
static kiji_norm *norm;
static kiji_seg *seg;
static kiji_scan *scan;
static kiji_dict *lexicon;

static double cpu_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double wall_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Peak resident memory (KiB) since the last reset_peak; -1 off Linux. */
static long peak_kb(void) {
  char line[256];
  long kb = -1;
  FILE *f = fopen("/proc/self/status", "r");
  if (f == NULL) return -1;
  while (fgets(line, sizeof line, f))
    if (strncmp(line, "VmHWM:", 6) == 0) kb = atol(line + 6);
  fclose(f);
  return kb;
}

static long rss_kb(void) {
  char line[256];
  long kb = -1;
  FILE *f = fopen("/proc/self/status", "r");
  if (f == NULL) return -1;
  while (fgets(line, sizeof line, f))
    if (strncmp(line, "VmRSS:", 6) == 0) kb = atol(line + 6);
  fclose(f);
  return kb;
}

/* Linux 4.0+: writing 5 to clear_refs starts VmHWM again from VmRSS. */
static void reset_peak(void) {
  FILE *f = fopen("/proc/self/clear_refs", "w");
  if (f == NULL) return;
  fputs("5", f);
  fclose(f);
}

/* ------------------------------------------------------------ scale */

enum { F_NORMALIZE, F_SENTENCES, F_WORDS, F_SCAN, F_ANNOTATE, F_COUNT };
static const char *const fnames[] = {"normalize", "sentences", "words", "scan", "annotate"};

/* One call of f on t; 0 on failure. */
static int call(int f, const char *t, size_t len) {
  switch (f) {
    case F_NORMALIZE: return kiji_normalize(norm, t, len, NULL) == KIJI_OK;
    case F_SENTENCES: return kiji_sentences(seg, t, len, NULL) == KIJI_OK;
    case F_WORDS: return kiji_words(seg, t, len, NULL) == KIJI_OK;
    case F_SCAN: return kiji_dict_scan(lexicon, scan, t, len, KIJI_SCAN_ALL) == KIJI_OK;
    default: return kiji_annotate(annotator, doc, t, len, NULL) == KIJI_OK;
  }
}

/* The better of `runs` CPU times of f on t (-1 on failure). */
static double timed(int f, const char *t, size_t len, int runs) {
  double best = -1;
  int r;
  for (r = 0; r < runs; r++) {
    double t0 = cpu_now(), dt;
    int calls = 0;
    do { /* a sample of 2 ms at least: the clock's grain */
      if (!call(f, t, len)) return -1;
      calls++;
    } while ((dt = cpu_now() - t0) < 0.002);
    dt /= calls;
    if (best < 0 || dt < best) best = dt;
  }
  return best;
}

/* Time a family of inputs at n and 8n, n grown until a run of the
** slowest function takes MIN_SECONDS (timer noise) and the input is
** MIN_BYTES (below, the step from cache to memory alone can double the
** time per byte), then one TAP line per function; a ratio over the bound
** is measured again (the machine is shared). make(n, &len) builds it. */
#define MIN_SECONDS 0.03
#define MIN_BYTES 1000000

typedef char *(*maker)(const void *ctx, size_t n, size_t *len);

static void ratios(tap *t, const char *name, maker make, const void *ctx, size_t n0, const int *fns,
                   size_t nfns) {
  size_t n = n0, len, len8, k;
  char *s = NULL, *s8;
  double small[F_COUNT], big[F_COUNT];
  for (;;) { /* n: enough work to time */
    double slowest = 0;
    free(s);
    s = make(ctx, n, &len);
    for (k = 0; k < nfns; k++) {
      small[k] = timed(fns[k], s, len, 1);
      if (small[k] > slowest) slowest = small[k];
    }
    if ((slowest >= MIN_SECONDS && len >= MIN_BYTES) || n >= 100000000 / 8 || len > 50000000) break;
    n *= 2;
  }
  s8 = make(ctx, 8 * n, &len8);
  for (k = 0; k < nfns; k++) {
    double ratio;
    small[k] = timed(fns[k], s, len, 3);
    big[k] = timed(fns[k], s8, len8, 2);
    ratio = small[k] > 0 ? big[k] / small[k] : 0;
    if (ratio >= RATIO_MAX) { /* once more, more carefully */
      small[k] = timed(fns[k], s, len, 7);
      big[k] = timed(fns[k], s8, len8, 5);
      ratio = small[k] > 0 ? big[k] / small[k] : 0;
    }
    tap_ok(t, small[k] >= 0 && big[k] >= 0 && ratio < RATIO_MAX,
           "%-22s %-9s n=%-8zu %9.4fs  8n %9.4fs  ratio %5.1f (%zu -> %zu bytes)", name,
           fnames[fns[k]], n, small[k], big[k], ratio, len, len8);
    fflush(stdout);
  }
  free(s);
  free(s8);
}

static char *make_gen(const void *ctx, size_t n, size_t *len) { return hostile_text(ctx, n, len); }

/* n random bytes: every byte value, mostly invalid UTF-8. */
static char *make_random(const void *ctx, size_t n, size_t *len) {
  char *s = malloc(n + 1);
  unsigned x = 2463534242u;
  size_t i;
  (void)ctx;
  for (i = 0; i < n; i++) {
    x ^= x << 13, x ^= x >> 17, x ^= x << 5;
    s[i] = (char)(x >> 7);
  }
  *len = n;
  return s;
}

static char *make_nested(const void *ctx, size_t n, size_t *len) {
  (void)ctx;
  return hostile_nested(n, len);
}

/* A dictionary's TSV: n copies of one line, or n distinct lines. */
static char *make_tsv(const void *ctx, size_t n, size_t *len) {
  int distinct = *(const int *)ctx;
  char *s = malloc(n * 64 + 1), *p = s;
  size_t i;
  for (i = 0; i < n; i++)
    p += distinct ? sprintf(p, "Tsugaru Evening Post %zu\toutlet\tt%zu\n", i, i)
                  : sprintf(p, "Tsugaru Evening Post\toutlet\ttsugaru_post\n");
  *len = (size_t)(p - s);
  return s;
}

/* Load and compile a TSV (timed as the "annotate" slot). */
static double timed_tsv(const char *t, size_t len, int runs) {
  double best = -1;
  int r;
  for (r = 0; r < runs; r++) {
    kiji_dict_builder *b = kiji_dict_builder_new();
    kiji_dict *d = NULL;
    kiji_error err;
    double t0 = cpu_now(), dt;
    int ok = kiji_dict_builder_add_tsv(b, t, len, &err) == KIJI_OK &&
             kiji_dict_compile(b, &d) == KIJI_OK;
    dt = cpu_now() - t0;
    kiji_dict_free(d);
    kiji_dict_builder_free(b);
    if (!ok) return -1;
    if (best < 0 || dt < best) best = dt;
  }
  return best;
}

/*
** A dictionary build touches a few hundred bytes of fresh memory per
** entry, more than any other step per input byte. glibc hands blocks of
** up to 32 MB back to the heap, where the next run of the n-line TSV
** finds them, and maps larger ones anew for every run, so each run of the
** 8n-line TSV pays a page fault per 4 KB (about 20 us each in a microVM:
** most of its time) that the n-line runs no longer do: a warm n against
** a cold 8n, a ratio of 15-20 from an allocator's habits. Keeping freed
** memory in the process makes the best runs of both sizes warm, and the
** ratio the build's own. (Measured at 64,000 and 512,000 lines: 2,600
** and 30,000 page faults per run without; with, 0 and 0, ratio 10-12.)
*/
static void keep_freed_memory(void) {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
}

static void tsv_ratio(tap *t, int distinct) {
  size_t n = 1000, len, len8;
  char *s = NULL, *s8;
  double small, big;
  keep_freed_memory();
  for (;;) {
    free(s);
    s = make_tsv(&distinct, n, &len);
    if ((timed_tsv(s, len, 1) >= MIN_SECONDS && len >= MIN_BYTES) || n > 4000000) break;
    n *= 2;
  }
  s8 = make_tsv(&distinct, 8 * n, &len8);
  small = timed_tsv(s, len, 3);
  big = timed_tsv(s8, len8, 2);
  tap_ok(t, small > 0 && big > 0 && big / small < RATIO_MAX,
         "%-22s %-9s n=%-8zu %9.4fs  8n %9.4fs  ratio %5.1f",
         distinct ? "tsv-distinct-lines" : "tsv-duplicate-lines", "compile", n, small, big,
         small > 0 ? big / small : 0);
  free(s);
  free(s8);
}

/* Scans and annotation with one-byte and 10 KB surfaces over text that
** matches them everywhere: ALL mode reports every one. */
static kiji_dict *pathological_dict(void) {
  static char longa[10240], longname[10240];
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  kiji_entry e;
  size_t i;
  memset(longa, 'a', sizeof longa);
  for (i = 0; i < sizeof longname; i++) longname[i] = "Tsugaru Evening Post "[i % 21];
  longname[sizeof longname - 1] = 'P';
  memset(&e, 0, sizeof e);
  e.kind = "outlet";
  e.flags = KIJI_ENTRY_NO_WORD;
  e.surface = "a", e.surface_len = 1, e.id = "a";
  kiji_dict_builder_add(b, &e);
  e.surface = longa, e.surface_len = sizeof longa, e.id = "longa";
  kiji_dict_builder_add(b, &e);
  e.surface = longname, e.surface_len = sizeof longname, e.id = "longname", e.flags = 0;
  kiji_dict_builder_add(b, &e);
  e.surface = "x", e.surface_len = 1, e.id = "x";
  kiji_dict_builder_add(b, &e);
  kiji_dict_compile(b, &d);
  kiji_dict_builder_free(b);
  return d;
}

static char *make_as(const void *ctx, size_t n, size_t *len) {
  char *s = malloc(n + 1);
  (void)ctx;
  memset(s, 'a', n);
  *len = n;
  return s;
}

static void scale(tap *t, size_t n0) {
  static const int all[] = {F_NORMALIZE, F_SENTENCES, F_WORDS, F_SCAN, F_ANNOTATE};
  static const int annotate_only[] = {F_ANNOTATE};
  size_t g;
  int distinct;
  kiji_annotator *plain = annotator;
  const kiji_dict *extra[1];
  kiji_dict *d;
  for (g = 0; g < HOSTILE_NGENS; g++)
    ratios(t, hostile_gens[g].name, make_gen, &hostile_gens[g], n0, all, 5);
  ratios(t, "random-bytes", make_random, NULL, 64 * n0, all, 5);
  ratios(t, "nested-quotes", make_nested, NULL, n0, all, 5);
  for (distinct = 0; distinct < 2; distinct++) tsv_ratio(t, distinct);
  /* one-byte and 10 KB surfaces */
  d = pathological_dict();
  extra[0] = d;
  annotator = kiji_annotator_new(extra, 1, NULL);
  ratios(t, "dict-10KB-and-1-byte", make_as, NULL, 16 * n0, annotate_only, 1);
  {
    kiji_dict *keep = lexicon;
    static const int scan_only[] = {F_SCAN};
    lexicon = d;
    ratios(t, "dict-10KB-and-1-byte", make_as, NULL, 16 * n0, scan_only, 1);
    lexicon = keep;
  }
  kiji_annotator_free(annotator);
  annotator = plain;
  kiji_dict_free(d);
}

/* ------------------------------------------------------------ line */

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *s;
  long n;
  if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0) {
    if (f) fclose(f);
    return NULL;
  }
  rewind(f);
  s = malloc((size_t)n + 1);
  *len = fread(s, 1, (size_t)n, f);
  fclose(f);
  return s;
}

static void line(tap *t, size_t mb, char **files, int nfiles) {
  size_t target = mb * 1000000, len = 0, i, ns, nm, nd, na, jl = 0;
  char *text = malloc(target + 1);
  double w0, c0, wall, cpu;
  long before, peak;
  int k, ok;
  while (len < target) {
    int any = 0;
    for (k = 0; k < nfiles && len < target; k++) {
      size_t n;
      char *s = slurp(files[k], &n);
      if (s == NULL) continue;
      any = 1;
      if (n > target - len) n = target - len;
      for (i = 0; i < n; i++) text[len + i] = s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
      len += n;
      free(s);
    }
    if (!any) {
      printf("Bail out! no input files\n");
      exit(1);
    }
  }
  before = rss_kb();
  reset_peak();
  w0 = wall_now();
  c0 = cpu_now();
  ok = kiji_annotate(annotator, doc, text, len, NULL) == KIJI_OK;
  cpu = cpu_now() - c0;
  wall = wall_now() - w0;
  peak = peak_kb();
  kiji_doc_sentences(doc, &ns);
  kiji_doc_mentions(doc, &nm);
  kiji_doc_denials(doc, &nd);
  kiji_doc_attributions(doc, &na);
  tap_ok(t, ok && ns > 1000 && nm > 1000 && nd > 100,
         "one line of %zu MB annotated in one call: %.1f s wall, %.1f s CPU (%.1f MB/s); %zu "
         "sentences, %zu mentions, %zu denials, %zu attributions",
         mb, wall, cpu, (double)len / 1e6 / cpu, ns, nm, nd, na);
  {
    double per_byte = (double)(peak - before) * 1024.0 / (double)len;
    tap_ok(t, peak > 0 && per_byte < 32,
           "... memory of the call: %.0f MB above the %.0f MB before it (the text), %.1f "
           "bytes per input byte (bound 32)",
           (double)(peak - before) / 1024.0, (double)before / 1024.0, per_byte);
  }
  c0 = cpu_now();
  ok = kiji_doc_json(doc, "line", 4, &jl) != NULL;
  cpu = cpu_now() - c0;
  tap_ok(t, ok && jl > len, "... its JSON: %.0f MB in %.1f s CPU", (double)jl / 1e6, cpu);
  free(text);
}

/* ------------------------------------------------------------ cues, dup */

static void cues(tap *t, size_t n) {
  static const hostile_gen gens[] = {
      {"en", "Japan ", "denied the report and ", "it.", NULL},
      {"ja", "\xE6\x94\xBF\xE5\xBA\x9C\xE3\x81\xAF", /* 政府は */
       "\xE5\x90\xA6\xE5\xAE\x9A\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x81", "\xE3\x80\x82", NULL},
      {"en-parties", "", "Kyodo said the plan was untrue and Oda denied it and ", ".", NULL},
  };
  size_t g;
  for (g = 0; g < sizeof gens / sizeof gens[0]; g++) {
    size_t len, ns, nd, na, jl = 0, reps = g < 2 ? n : n / 10; /* (its JSON: 80 x the text) */
    char *s = hostile_text(&gens[g], reps, &len);
    double c0 = cpu_now(), cpu, cj;
    int ok = kiji_annotate(annotator, doc, s, len, NULL) == KIJI_OK;
    cpu = cpu_now() - c0;
    kiji_doc_sentences(doc, &ns);
    kiji_doc_denials(doc, &nd);
    kiji_doc_attributions(doc, &na);
    c0 = cpu_now();
    ok = ok && kiji_doc_json(doc, NULL, 0, &jl) != NULL;
    cj = cpu_now() - c0;
    tap_ok(t, ok && ns == 1 && nd >= 1 && nd <= 16 && na <= 32,
           "%zu %s denial cues in one sentence (%.1f MB): %.2f s CPU; %zu denials, %zu "
           "attributions; JSON %.0f MB in %.2f s",
           reps, gens[g].name, (double)len / 1e6, cpu, nd, na, (double)jl / 1e6, cj);
    free(s);
  }
}

static void dup(tap *t, size_t n) {
  static const char line_[] = "Tsugaru Evening Post\toutlet\ttsugaru_post\t\tsubtype=newspaper\n";
  static const char text[] =
      "The Tsugaru Evening Post reported it. The Tsugaru Evening Post "
      "denied it, the Tsugaru Evening Post said.";
  size_t l = sizeof line_ - 1, i, nm = 0;
  char *tsv = malloc(l * n);
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  kiji_error err;
  double c0 = cpu_now(), cpu;
  int ok;
  for (i = 0; i < n; i++) memcpy(tsv + i * l, line_, l);
  ok = kiji_dict_builder_add_tsv(b, tsv, l * n, &err) == KIJI_OK &&
       kiji_dict_compile(b, &d) == KIJI_OK;
  cpu = cpu_now() - c0;
  tap_ok(t, ok && kiji_dict_count(d) == 1,
         "a TSV of %zu copies of a line (%.0f MB): loaded and compiled in %.2f s CPU, %zu entry", n,
         (double)(l * n) / 1e6, cpu, d ? kiji_dict_count(d) : 0);
  if (d) {
    const kiji_dict *extra[1];
    kiji_annotator *a;
    extra[0] = d;
    a = kiji_annotator_new(extra, 1, &err);
    ok = a && kiji_annotate(a, doc, text, sizeof text - 1, NULL) == KIJI_OK;
    kiji_doc_mentions(doc, &nm);
    tap_ok(t, ok && nm == 3, "... annotated with it: 3 outlet mentions for 3 occurrences (%zu)",
           nm);
    kiji_annotator_free(a);
  }
  kiji_dict_free(d);
  kiji_dict_builder_free(b);
  free(tsv);
}

int main(int argc, char **argv) {
  tap t = {0, 0};
  kiji_error err;
  kiji_segmenter *sg;
  const char *cmd = argc > 1 ? argv[1] : "";
  setvbuf(stdout, NULL, _IOLBF, 0);
  if (getenv("RATIO_MAX") && atof(getenv("RATIO_MAX")) > 8) RATIO_MAX = atof(getenv("RATIO_MAX"));
  if ((annotator = kiji_annotator_new(NULL, 0, &err)) == NULL ||
      (sg = kiji_segmenter_new(&err)) == NULL || kiji_lexicon_load(&lexicon, &err) != KIJI_OK) {
    printf("Bail out! %s\n", err.message);
    return 1;
  }
  doc = kiji_doc_new();
  norm = kiji_norm_new();
  seg = kiji_seg_new(sg);
  scan = kiji_scan_new();
  if (strcmp(cmd, "scale") == 0)
    scale(&t, argc > 2 ? strtoul(argv[2], NULL, 10) : 1000);
  else if (strcmp(cmd, "line") == 0 && argc > 3)
    line(&t, strtoul(argv[2], NULL, 10), argv + 3, argc - 3);
  else if (strcmp(cmd, "cues") == 0)
    cues(&t, argc > 2 ? strtoul(argv[2], NULL, 10) : 1000000);
  else if (strcmp(cmd, "dup") == 0)
    dup(&t, argc > 2 ? strtoul(argv[2], NULL, 10) : 1000000);
  else {
    fprintf(stderr, "usage: huge scale [N] | line MB FILE... | cues [N] | dup [N]\n");
    return 2;
  }
  kiji_doc_free(doc);
  kiji_norm_free(norm);
  kiji_seg_free(seg);
  kiji_scan_free(scan);
  kiji_dict_free(lexicon);
  kiji_segmenter_free(sg);
  kiji_annotator_free(annotator);
  return tap_done(&t);
}
