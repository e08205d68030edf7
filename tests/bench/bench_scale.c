/*
** bench_scale.c -- how the time of kiji_annotate grows with the input and
** with a user dictionary: the cost per byte and per entry should stay flat.
**
** Usage: bench_scale FIXTURES_DIR CORPUS_DIR OUT_DIR [MAX_MB]
**
** Input size: for each language, the fixture articles of FIXTURES_DIR/en
** and FIXTURES_DIR/ja (news written for the tests, dense in officials,
** outlets and denials) joined by blank lines and repeated, cut to 1 KiB,
** 4 KiB, 16 KiB ... MAX_MB MiB (default 256, powers of 4), each annotated
** by ONE kiji_annotate call with the built-in lexicon. The languages stay
** apart, so that each line says how one language's rules scale.
**
** Dictionary size: user dictionaries of 1k to 1M generated names (names.h)
** as outlets (kind "outlet", payload "subtype=newspaper"), each built from
** scratch (kiji_dict_builder_add of every entry, then kiji_dict_compile)
** and passed to kiji_annotator_new as an extra dictionary; then a fixed
** text, the first MiB of the generated English and of the Japanese corpus
** of CORPUS_DIR (corpus.h; they share names with the dictionary, so more
** entries mean more matches), annotated, one call per language.
**
** Every point runs in a child process forked from a parent that holds no
** large memory, so its memory figure starts clean: a first call on a
** fresh kiji_doc (cold: the scratch grows) gives the peak resident growth
** (VmHWM, reset before the call, less VmRSS before it; the input itself
** is not counted), then RUNS timed runs (RUNS_BIG from BIG bytes on,
** RUNS_HUGE from HUGE: the median of two is their mean) of enough calls
** to last MIN_RUN seconds. Times are CPU seconds of the
** process (user + system: page faults count), median with the slowest
** and fastest run, so that the low-priority jobs sharing the machine
** disturb the curve less than wall time would; wall medians are written
** too.
**
** Linearity: per line, the cost per unit (ns per byte, us per entry) of
** the two largest points over the median cost per unit of the middle
** points (all but the two smallest, where fixed costs dominate, and the
** two largest): within [1/2, 2] is "linear", above 2 "SUPER-LINEAR" (a
** bug), below 1/2 "sub-linear"; and the log-log slope, least squares over
** all but the two smallest points and between the two largest.
**
** Writes OUT_DIR/scale-size-en.dat, scale-size-ja.dat and scale-dict.dat
** (whitespace-separated columns, named in a # header) and scale-fit.gp
** (the medians and slopes, for scaling.gp), prints the tables, and lines
** starting with @result for report.py. Exit status 1 when a call fails;
** a super-linear line is reported, not failed.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"
#include "corpus.h"
#include "fixtures.h"
#include "kiji.h"
#include "names.h"

#define RUNS 5
#define RUNS_BIG 3
#define BIG ((size_t)64 << 20)
#define RUNS_HUGE 2 /* the 256 MiB point: half a minute a call */
#define HUGE ((size_t)128 << 20)
#define MIN_RUN 0.25 /* seconds of calls per timed run, for the small points */
#define MAX_POINTS 16
#define DICT_TEXT ((size_t)1 << 20)

static const size_t DICT_SIZES[] = {1000, 4000, 16000, 64000, 250000, 1000000};
#define N_DICT (sizeof DICT_SIZES / sizeof DICT_SIZES[0])

/* ------------------------------------------------------------ clocks */

static double clock_s(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double cpu_now(void) { return clock_s(CLOCK_PROCESS_CPUTIME_ID); }
static double wall_now(void) { return clock_s(CLOCK_MONOTONIC); }

/* Sorts v; the middle value, or the mean of the two middle ones. */
static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof v[0], cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ------------------------------------------------------------ one point */

/* What a child measured, sent whole through a pipe. */
typedef struct sample {
  int ok;
  size_t units; /* input bytes or dictionary entries */
  size_t calls; /* calls per timed run */
  int runs;
  double cpu, cpu_min, cpu_max, wall; /* seconds per call (annotate) */
  double cold;                        /* the first call, cold doc, CPU seconds */
  double grow_mb;                     /* VmHWM growth during the cold call, MB */
  double hwm_mb;                      /* the child's VmHWM after it, MB */
  double build_grow_mb;               /* VmHWM growth during the first build, MB */
  /* dictionary points */
  double build, build_min, build_max; /* add + compile, CPU seconds */
  double annotator_new;
  size_t mentions; /* of the fixed text with the dictionary */
} sample;

typedef struct texts {
  const char *t[2];
  size_t len[2];
  size_t n;
} texts;

/* CPU seconds of one call per text; the mentions found in *mentions. */
static int annotate_all(const kiji_annotator *a, kiji_doc *doc, const texts *in, size_t *mentions) {
  size_t i, m;
  *mentions = 0;
  for (i = 0; i < in->n; i++) {
    if (kiji_annotate(a, doc, in->t[i], in->len[i], NULL) != KIJI_OK) {
      fprintf(stderr, "bench_scale: kiji_annotate: %s\n", kiji_doc_error(doc));
      return 0;
    }
    kiji_doc_mentions(doc, &m);
    *mentions += m;
  }
  return 1;
}

/*
** The cold call (on a fresh doc, with the peak reset before it) then the
** timed runs of annotating in; the per-call figures into s.
*/
static int time_annotate(const kiji_annotator *a, const texts *in, size_t bytes, sample *s) {
  kiji_doc *doc = kiji_doc_new();
  double t[RUNS], w[RUNS], c0, w0;
  long rss0, hwm;
  size_t k;
  int r;
  if (doc == NULL) return 0;
  reset_peak_rss();
  rss0 = proc_status_kb("VmRSS");
  c0 = cpu_now();
  if (!annotate_all(a, doc, in, &s->mentions)) return kiji_doc_free(doc), 0;
  s->cold = cpu_now() - c0;
  hwm = proc_status_kb("VmHWM");
  s->grow_mb = rss0 >= 0 && hwm >= 0 ? (double)(hwm - rss0) / 1024.0 : -1;
  s->hwm_mb = hwm >= 0 ? (double)hwm / 1024.0 : -1;
  s->calls = s->cold >= MIN_RUN ? 1 : (size_t)(MIN_RUN / (s->cold > 1e-6 ? s->cold : 1e-6)) + 1;
  s->runs = bytes >= HUGE ? RUNS_HUGE : bytes >= BIG ? RUNS_BIG : RUNS;
  for (r = 0; r < s->runs; r++) {
    w0 = wall_now();
    c0 = cpu_now();
    for (k = 0; k < s->calls; k++)
      if (!annotate_all(a, doc, in, &s->mentions)) return kiji_doc_free(doc), 0;
    t[r] = (cpu_now() - c0) / (double)s->calls;
    w[r] = (wall_now() - w0) / (double)s->calls;
  }
  s->cpu = median(t, s->runs);
  s->cpu_min = t[0];
  s->cpu_max = t[s->runs - 1];
  s->wall = median(w, s->runs);
  kiji_doc_free(doc);
  return 1;
}

/* Child: one input size. */
static int size_point(const kiji_annotator *a, const kiji_bench_articles *art, size_t size,
                      sample *s) {
  texts in;
  size_t len;
  char *t = kiji_bench_articles_join(art, size, &len);
  int ok;
  if (t == NULL) return 0;
  in.t[0] = t;
  in.len[0] = len;
  in.n = 1;
  s->units = len;
  ok = time_annotate(a, &in, len, s);
  free(t);
  return ok;
}

/* The first DICT_TEXT bytes of a corpus, cut after a line. */
static char *corpus_head(const char *dir, const char *lang, size_t *len) {
  char *all, *nl;
  size_t n;
  if (kiji_bench_corpus(dir, lang, &all, &n) != 0) return NULL;
  if (n > DICT_TEXT) {
    all[DICT_TEXT] = '\0';
    if ((nl = strrchr(all, '\n')) != NULL)
      n = (size_t)(nl - all) + 1;
    else
      n = DICT_TEXT;
  }
  *len = n;
  return all;
}

/* A user dictionary of n generated outlets. */
static kiji_dict *build_dict(size_t n) {
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  uint64_t r = KIJI_BENCH_NAME_SEED;
  char name[KIJI_BENCH_NAME_MAX], id[32];
  size_t i;
  if (b == NULL) return NULL;
  for (i = 0; i < n; i++) {
    kiji_entry e;
    const char *kind;
    memset(&e, 0, sizeof e);
    e.surface_len = kiji_bench_name(&r, name, &kind);
    e.surface = name;
    e.kind = "outlet";
    snprintf(id, sizeof id, "u%zu", i + 1);
    e.id = id;
    e.payload = "subtype=newspaper";
    e.payload_len = strlen(e.payload);
    if (kiji_dict_builder_add(b, &e) != KIJI_OK) {
      fprintf(stderr, "bench_scale: add: %s\n", kiji_dict_builder_error(b));
      kiji_dict_builder_free(b);
      return NULL;
    }
  }
  if (kiji_dict_compile(b, &d) != KIJI_OK) {
    fprintf(stderr, "bench_scale: compile: %s\n", kiji_dict_builder_error(b));
    d = NULL;
  }
  kiji_dict_builder_free(b);
  return d;
}

/* Child: one dictionary size. */
static int dict_point(const char *corpus_dir, size_t n, sample *s) {
  char *text[2] = {NULL, NULL};
  static const char *const langs[2] = {"en", "ja"};
  texts in;
  kiji_dict *d = NULL;
  const kiji_dict *extra[1];
  kiji_annotator *a = NULL;
  kiji_error err;
  double t[RUNS], c0;
  long rss0, hwm;
  int r, runs = n >= 250000 ? RUNS_BIG : RUNS, ok = 0;
  size_t i;
  memset(&in, 0, sizeof in);
  for (i = 0; i < 2; i++) {
    if ((text[i] = corpus_head(corpus_dir, langs[i], &in.len[i])) == NULL) goto done;
    in.t[i] = text[i];
  }
  in.n = 2;
  s->units = n;
  reset_peak_rss();
  rss0 = proc_status_kb("VmRSS");
  for (r = 0; r < runs; r++) {
    kiji_dict *fresh;
    c0 = cpu_now();
    fresh = build_dict(n);
    t[r] = cpu_now() - c0;
    if (fresh == NULL) goto done;
    if (r == 0) {
      hwm = proc_status_kb("VmHWM");
      s->build_grow_mb = rss0 >= 0 && hwm >= 0 ? (double)(hwm - rss0) / 1024.0 : -1;
    }
    kiji_dict_free(d);
    d = fresh;
  }
  s->build = median(t, runs);
  s->build_min = t[0];
  s->build_max = t[runs - 1];
  extra[0] = d;
  c0 = cpu_now();
  a = kiji_annotator_new(extra, 1, &err);
  s->annotator_new = cpu_now() - c0;
  if (a == NULL) {
    fprintf(stderr, "bench_scale: annotator: %s\n", err.message);
    goto done;
  }
  ok = time_annotate(a, &in, in.len[0] + in.len[1], s);
done:
  kiji_annotator_free(a);
  kiji_dict_free(d);
  free(text[0]);
  free(text[1]);
  return ok;
}

/*
** Run one point in a child: fn fills the sample, which comes back whole
** through a pipe. 0 when the child failed.
*/
typedef struct job {
  int dict;
  const kiji_annotator *a;
  const kiji_bench_articles *art;
  const char *corpus_dir;
  size_t size;
} job;

static int run_point(const job *j, sample *s) {
  int fd[2], status;
  pid_t pid;
  ssize_t got;
  memset(s, 0, sizeof *s);
  fflush(stdout);
  fflush(stderr);
  if (pipe(fd) != 0 || (pid = fork()) < 0) return 0;
  if (pid == 0) {
    sample c;
    memset(&c, 0, sizeof c);
    close(fd[0]);
    c.ok = j->dict ? dict_point(j->corpus_dir, j->size, &c) : size_point(j->a, j->art, j->size, &c);
    _exit(write(fd[1], &c, sizeof c) == (ssize_t)sizeof c && c.ok ? 0 : 1);
  }
  close(fd[1]);
  got = read(fd[0], s, sizeof *s);
  close(fd[0]);
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return 0;
  return got == (ssize_t)sizeof *s && s->ok;
}

/* ------------------------------------------------------------ linearity */

typedef struct verdict {
  double ratio;     /* largest points' cost per unit / the middle points' median */
  double slope;     /* log-log, least squares, all but the two smallest points */
  double slope_top; /* log-log, between the two largest */
  double mid_unit;  /* the middle points' median cost per unit */
  const char *word;
} verdict;

static verdict judge(const double *units, const double *cost, int n) {
  verdict v;
  double per[MAX_POINTS], mid[MAX_POINTS], sx = 0, sy = 0, sxx = 0, sxy = 0, worst = 0;
  int i, lo = n >= 5 ? 2 : 0, hi = n >= 5 ? n - 3 : n - 1, m = 0, k = 0;
  memset(&v, 0, sizeof v);
  for (i = 0; i < n; i++) per[i] = cost[i] / units[i];
  for (i = lo; i <= hi; i++) mid[m++] = per[i];
  qsort(mid, (size_t)m, sizeof mid[0], cmp_double);
  v.mid_unit = mid[m / 2];
  for (i = n >= 2 ? n - 2 : 0; i < n; i++)
    if (per[i] > worst) worst = per[i];
  v.ratio = worst / v.mid_unit;
  for (i = lo; i < n; i++, k++) {
    double x = log(units[i]), y = log(cost[i]);
    sx += x, sy += y, sxx += x * x, sxy += x * y;
  }
  v.slope = k > 1 ? (k * sxy - sx * sy) / (k * sxx - sx * sx) : 0;
  v.slope_top = n >= 2 ? log(cost[n - 1] / cost[n - 2]) / log(units[n - 1] / units[n - 2]) : 0;
  v.word = v.ratio > 2 ? "SUPER-LINEAR" : v.ratio < 0.5 ? "sub-linear" : "linear";
  return v;
}

static void print_verdict(const char *row, const char *what, const char *unit, double scale,
                          const verdict *v) {
  printf(
      "%s: %s, largest points %.2fx the middle points' %.3g %s: %s; log-log slope %.2f "
      "(top pair %.2f)\n",
      row, what, v->ratio, v->mid_unit * scale, unit, v->word, v->slope, v->slope_top);
  bench_result("scale", row, "verdict=%s\tratio=%.3f\tslope=%.3f\tslope_top=%.3f\tmid_unit=%.6g",
               v->word, v->ratio, v->slope, v->slope_top, v->mid_unit * scale);
}

/* ------------------------------------------------------------ driver */

static FILE *open_dat(const char *dir, const char *name, const char *header) {
  char path[4096];
  FILE *f;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  if ((f = fopen(path, "w")) == NULL) {
    perror(path);
    return NULL;
  }
  fprintf(f, "# %s\n", header);
  return f;
}

static const char *human(double bytes, char *buf, size_t n) {
  if (bytes >= 1 << 20)
    snprintf(buf, n, "%.0f MiB", bytes / (1 << 20));
  else
    snprintf(buf, n, "%.0f KiB", bytes / 1024);
  return buf;
}

static int scale_sizes(const char *fixtures, const char *out, size_t max, FILE *fit) {
  static const char *const langs[] = {"en", "ja"};
  kiji_error err;
  kiji_annotator *a = kiji_annotator_new(NULL, 0, &err);
  size_t l;
  if (a == NULL) return fprintf(stderr, "bench_scale: %s\n", err.message), 0;
  printf(
      "== input size: kiji_annotate, one call per input, built-in lexicon; CPU seconds per "
      "call,\n   median of %d runs (%d from %zu MiB, %d from %zu MiB), each of enough calls to "
      "last %.2f s\n",
      RUNS, RUNS_BIG, BIG >> 20, RUNS_HUGE, HUGE >> 20, MIN_RUN);
  for (l = 0; l < 2; l++) {
    kiji_bench_articles art;
    char dir[4096], name[64], label[32];
    double units[MAX_POINTS], cost[MAX_POINTS];
    int n = 0;
    size_t size;
    FILE *dat;
    verdict v;
    snprintf(dir, sizeof dir, "%s/%s", fixtures, langs[l]);
    if (kiji_bench_articles_load(dir, &art) != 0)
      return fprintf(stderr, "bench_scale: cannot read %s\n", dir), kiji_annotator_free(a), 0;
    snprintf(name, sizeof name, "scale-size-%s.dat", langs[l]);
    dat = open_dat(out, name,
                   "bytes calls runs cpu_s cpu_min_s cpu_max_s wall_s ns_per_byte cold_s "
                   "grow_mb grow_mb_per_mb hwm_mb mentions");
    if (dat == NULL) return kiji_annotator_free(a), 0;
    printf("\n%s (%zu fixture articles joined and repeated)\n", langs[l], art.n);
    printf("  %10s %11s %6s %12s %21s %10s %9s %10s %10s %8s\n", "input", "bytes", "calls", "cpu s",
           "(fastest-slowest)", "wall s", "ns/byte", "cold s", "grow MB", "MB/MB");
    for (size = 1024; size <= max && n < MAX_POINTS; size *= 4) {
      sample s;
      job j = {0, a, &art, NULL, size};
      char range[48];
      if (!run_point(&j, &s)) {
        fprintf(stderr, "bench_scale: the %s point of %zu bytes failed\n", langs[l], size);
        return fclose(dat), kiji_annotator_free(a), 0;
      }
      units[n] = (double)s.units;
      cost[n++] = s.cpu;
      snprintf(range, sizeof range, "(%.4g-%.4g)", s.cpu_min, s.cpu_max);
      printf("  %10s %11zu %6zu %12.4g %21s %10.4g %9.1f %10.4g %10.1f %8.2f\n",
             human((double)size, label, sizeof label), s.units, s.calls, s.cpu, range, s.wall,
             s.cpu / (double)s.units * 1e9, s.cold, s.grow_mb, s.grow_mb / ((double)s.units / 1e6));
      fprintf(dat, "%zu %zu %d %.6g %.6g %.6g %.6g %.4f %.6g %.2f %.3f %.1f %zu\n", s.units,
              s.calls, s.runs, s.cpu, s.cpu_min, s.cpu_max, s.wall, s.cpu / (double)s.units * 1e9,
              s.cold, s.grow_mb, s.grow_mb / ((double)s.units / 1e6), s.hwm_mb, s.mentions);
      fflush(dat);
      snprintf(name, sizeof name, "size:%s:%zu", langs[l], s.units);
      bench_result("scale", name,
                   "bytes=%zu\tcalls=%zu\truns=%d\tcpu_s=%.6g\tmin=%.6g\tmax=%.6g\twall_s=%.6g"
                   "\tns_per_byte=%.3f\tcold_s=%.6g\tgrow_mb=%.2f\tgrow_mb_per_mb=%.3f\thwm_mb=%.1f"
                   "\tmentions=%zu",
                   s.units, s.calls, s.runs, s.cpu, s.cpu_min, s.cpu_max, s.wall,
                   s.cpu / (double)s.units * 1e9, s.cold, s.grow_mb,
                   s.grow_mb / ((double)s.units / 1e6), s.hwm_mb, s.mentions);
    }
    fclose(dat);
    kiji_bench_articles_free(&art);
    if (n < 3) continue;
    v = judge(units, cost, n);
    snprintf(name, sizeof name, "size:%s", langs[l]);
    print_verdict(name, "ns per byte", "ns/byte", 1e9, &v);
    fprintf(fit, "k_%s = %.6g\nslope_%s = %.3f\nverdict_%s = \"%s\"\n", langs[l], v.mid_unit,
            langs[l], v.slope, langs[l], v.word);
  }
  kiji_annotator_free(a);
  return 1;
}

static int scale_dicts(const char *corpus_dir, const char *out, FILE *fit) {
  double units[N_DICT], build[N_DICT], ann[N_DICT];
  size_t i;
  FILE *dat = open_dat(out, "scale-dict.dat",
                       "entries build_s build_min_s build_max_s us_per_entry build_grow_mb "
                       "annotator_new_s annotate_s annotate_min_s annotate_max_s mentions");
  verdict v;
  if (dat == NULL) return 0;
  printf(
      "\n== dictionary size: a user dictionary of N generated outlets built (add + compile) "
      "from scratch,\n   then the first MiB of the en and of the ja corpus annotated with "
      "it (one call each);\n   CPU seconds, median of %d runs (builds: %d from 250k "
      "entries)\n",
      RUNS, RUNS_BIG);
  printf("  %9s %10s %19s %9s %9s %11s %11s %19s %9s\n", "entries", "build s", "(fastest-slowest)",
         "us/entry", "build MB", "annotator s", "annotate s", "(fastest-slowest)", "mentions");
  for (i = 0; i < N_DICT; i++) {
    sample s;
    job j = {1, NULL, NULL, corpus_dir, DICT_SIZES[i]};
    char r1[48], r2[48], row[64];
    if (!run_point(&j, &s)) {
      fprintf(stderr, "bench_scale: the dictionary of %zu entries failed\n", DICT_SIZES[i]);
      return fclose(dat), 0;
    }
    units[i] = (double)s.units;
    build[i] = s.build;
    ann[i] = s.cpu;
    snprintf(r1, sizeof r1, "(%.4g-%.4g)", s.build_min, s.build_max);
    snprintf(r2, sizeof r2, "(%.4g-%.4g)", s.cpu_min, s.cpu_max);
    printf("  %9zu %10.4g %19s %9.3f %9.1f %11.4g %11.4g %19s %9zu\n", s.units, s.build, r1,
           s.build / (double)s.units * 1e6, s.build_grow_mb, s.annotator_new, s.cpu, r2,
           s.mentions);
    fprintf(dat, "%zu %.6g %.6g %.6g %.4f %.2f %.6g %.6g %.6g %.6g %zu\n", s.units, s.build,
            s.build_min, s.build_max, s.build / (double)s.units * 1e6, s.build_grow_mb,
            s.annotator_new, s.cpu, s.cpu_min, s.cpu_max, s.mentions);
    fflush(dat);
    snprintf(row, sizeof row, "dict:%zu", s.units);
    bench_result("scale", row,
                 "entries=%zu\tbuild_s=%.6g\tbuild_min=%.6g\tbuild_max=%.6g\tus_per_entry=%.4f"
                 "\tbuild_grow_mb=%.2f\tannotator_new_s=%.6g\tannotate_s=%.6g\tmin=%.6g"
                 "\tmax=%.6g\tmentions=%zu",
                 s.units, s.build, s.build_min, s.build_max, s.build / (double)s.units * 1e6,
                 s.build_grow_mb, s.annotator_new, s.cpu, s.cpu_min, s.cpu_max, s.mentions);
  }
  fclose(dat);
  v = judge(units, build, (int)N_DICT);
  print_verdict("dict:build", "build time per entry", "us/entry", 1e6, &v);
  fprintf(fit, "k_build = %.6g\nslope_build = %.3f\nverdict_build = \"%s\"\n", v.mid_unit, v.slope,
          v.word);
  v = judge(units, ann, (int)N_DICT);
  print_verdict("dict:annotate", "annotation time per entry", "us/entry", 1e6, &v);
  fprintf(fit, "slope_annotate = %.3f\nverdict_annotate = \"%s\"\n", v.slope, v.word);
  return 1;
}

int main(int argc, char **argv) {
  size_t max = (size_t)256 << 20;
  char path[4096];
  FILE *fit;
  int ok;
  if (argc < 4) {
    fprintf(stderr, "usage: bench_scale FIXTURES_DIR CORPUS_DIR OUT_DIR [MAX_MB]\n");
    return 2;
  }
  if (argc > 4) max = (size_t)strtoul(argv[4], NULL, 10) << 20;
  snprintf(path, sizeof path, "%s/scale-fit.gp", argv[3]);
  if ((fit = fopen(path, "w")) == NULL) return perror(path), 1;
  fprintf(fit, "# written by bench_scale: per-unit medians of the middle points, slopes\n");
  printf("kiji scaling benchmark (kiji %s)\n", kiji_version());
  print_load();
  ok = scale_sizes(argv[1], argv[3], max, fit) && scale_dicts(argv[2], argv[3], fit);
  if (fclose(fit) != 0) ok = 0;
  return ok ? 0 : 1;
}
