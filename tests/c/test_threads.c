/*
** test_threads.c -- what kiji shares between threads, shared by 8 threads
** at once (make check-tsan runs this under ThreadSanitizer): one annotator
** holding the built-in lexicon and a user's compiled dictionary, that
** dictionary and the lexicon scanned directly, and one segmenter. Each
** thread annotates, scans and segments its own texts (English and
** Japanese, stitched from news fragments written for this test) with its
** own kiji_doc, kiji_scan and kiji_seg; every result must equal the one
** the main thread computed alone beforehand (the JSON of each document,
** every match, every span). Then kiji_annotate_batch over all those texts
** (some made invalid UTF-8, one long) on 1 to 8 threads: each text
** delivered once, in input order, equal to kiji_annotate's result alone
** (the JSON, or the error and its offset), and a stop that stops.
*/
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiji.h"
#include "tap.h"

#define NTHREADS 8
#define NTEXTS 10 /* per thread: half English, half Japanese */
#define ROUNDS 4

/* A user's dictionary: outlets and a body the lexicon does not know. */
static const char user_tsv[] =
    "Hirosaki Dawn\toutlet\thdawn\t\tsubtype=newspaper;country=JP\n"
    "Tsugaru Evening Post\toutlet\ttep\t\tsubtype=newspaper;country=JP\n"
    "北奥日報\toutlet\thokuo\t\tsubtype=newspaper;country=JP\n"
    "Harbor Agency\tbody\tharbor\t\tsubtype=agency;country=JP\n"
    "港湾庁\tbody\tharbor\t\tsubtype=agency;country=JP\n";

static const char *const en_fragments[] = {
    "The Hirosaki Dawn reported on Tuesday that the talks had collapsed. ",
    "The Harbor Agency denied the report, calling it groundless. ",
    "Japan's Defense Ministry on Monday rejected a story in the Tsugaru Evening Post. ",
    "\"There is no truth to it,\" a ministry spokesperson said. ",
    "According to Kyodo News, government officials were surprised. ",
    "Chief Cabinet Secretary Kenji Oda told Reuters the claim was false. ",
    "A senior official declined to confirm the number of ships involved.\n\n",
    "Harbor Agency dismisses ferry report\n\n",
    "The U.S. Embassy in Tokyo said it had seen the Hirosaki Dawn article. ",
    "Officials denied them access to the port. ",
};

static const char *const ja_fragments[] = {
    "北奥日報によると、港湾庁は計画を見直す方針だ。",
    "港湾庁は１５日、北奥日報の報道について「事実無根だ」と否定した。",
    "防衛省幹部は「そのような事実はない」と述べた。",
    "小田健二官房長官は記者会見で報道を否定した。",
    "共同通信が報じた。",
    "政府、英紙の報道を否定\n\n",
    "外務省は「確認していない」とした。",
    "在日中国大使館の報道官は反論した。",
    "ｶﾞｲｱﾂについて政府関係者は語った。",
    "韓国国防省は声明で報道を否定した。",
};

typedef struct sbuf {
  char *p;
  size_t n, cap;
} sbuf;

static void sb_add(sbuf *b, const char *s, size_t len) {
  if (b->n + len + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + len + 1) cap *= 2;
    b->p = realloc(b->p, cap);
    if (b->p == NULL) abort();
    b->cap = cap;
  }
  memcpy(b->p + b->n, s, len);
  b->n += len;
  b->p[b->n] = '\0';
}

static void sb_num(sbuf *b, size_t a, size_t c, size_t d) {
  char tmp[64];
  int k = snprintf(tmp, sizeof tmp, "%zu-%zu-%zu;", a, c, d);
  sb_add(b, tmp, (size_t)k);
}

/* What is shared, read-only, by every thread. */
typedef struct shared {
  const kiji_annotator *annotator; /* the lexicon and the user's dictionary */
  const kiji_dict *user;
  const kiji_dict *lexicon;
  const kiji_segmenter *segmenter;
} shared;

/* One thread's scratch. */
typedef struct scratch {
  kiji_doc *doc;
  kiji_scan *scan;
  kiji_seg *seg;
} scratch;

enum { R_ANNOTATE, R_USER, R_LEXICON, R_SEG, NRESULTS };
static const char *const result_names[NRESULTS] = {
    "annotating with the user's dictionary", "scanning the user's dictionary",
    "scanning the built-in lexicon", "segmenting with the shared segmenter"};

/* Every result for one text, as strings (0 when a call failed). */
static int results(const shared *sh, scratch *sc, const char *text, sbuf out[NRESULTS]) {
  size_t len = strlen(text), n, i, jl;
  const kiji_match *m;
  const kiji_span *sp;
  const char *json;
  int mode;
  for (i = 0; i < NRESULTS; i++) out[i].n = 0;
  if (kiji_annotate(sh->annotator, sc->doc, text, len, NULL) != KIJI_OK) return 0;
  if ((json = kiji_doc_json(sc->doc, NULL, 0, &jl)) == NULL) return 0;
  sb_add(&out[R_ANNOTATE], json, jl);
  for (mode = 0; mode < 2; mode++) {
    if (kiji_dict_scan(sh->user, sc->scan, text, len, (kiji_scan_mode)mode) != KIJI_OK) return 0;
    m = kiji_scan_matches(sc->scan, &n);
    for (i = 0; i < n; i++) sb_num(&out[R_USER], m[i].start, m[i].end, m[i].entry);
    sb_add(&out[R_USER], "|", 1);
    if (kiji_dict_scan(sh->lexicon, sc->scan, text, len, (kiji_scan_mode)mode) != KIJI_OK) return 0;
    m = kiji_scan_matches(sc->scan, &n);
    for (i = 0; i < n; i++) sb_num(&out[R_LEXICON], m[i].start, m[i].end, m[i].entry);
    sb_add(&out[R_LEXICON], "|", 1);
  }
  if (kiji_sentences(sc->seg, text, len, NULL) != KIJI_OK) return 0;
  sp = kiji_seg_spans(sc->seg, &n);
  for (i = 0; i < n; i++) sb_num(&out[R_SEG], sp[i].start, sp[i].end, (size_t)sp[i].tag);
  sb_add(&out[R_SEG], "|", 1);
  if (kiji_words(sc->seg, text, len, NULL) != KIJI_OK) return 0;
  sp = kiji_seg_spans(sc->seg, &n);
  for (i = 0; i < n; i++) sb_num(&out[R_SEG], sp[i].start, sp[i].end, (size_t)sp[i].tag);
  return 1;
}

typedef struct job {
  const shared *sh;
  pthread_barrier_t *start;
  int id;
  char *texts[NTEXTS];
  sbuf want[NTEXTS][NRESULTS]; /* single-threaded */
  int differ[NRESULTS];        /* results that differed */
  int failed;                  /* calls that failed */
} job;

/* Thread id's texts: stitched from fragments, by a seed of its own. */
static void make_texts(job *j) {
  unsigned seed = 2654435761u * (unsigned)(j->id + 1);
  int k;
  for (k = 0; k < NTEXTS; k++) {
    const char *const *fr = k % 2 ? ja_fragments : en_fragments;
    size_t nf = k % 2 ? sizeof ja_fragments / sizeof *ja_fragments
                      : sizeof en_fragments / sizeof *en_fragments;
    sbuf b = {NULL, 0, 0};
    int parts, p;
    seed = seed * 1103515245u + 12345u;
    parts = 4 + (int)((seed >> 16) % 8);
    for (p = 0; p < parts; p++) {
      const char *f;
      seed = seed * 1103515245u + 12345u;
      f = fr[(seed >> 16) % nf];
      sb_add(&b, f, strlen(f));
    }
    j->texts[k] = b.p;
  }
}

static int scratch_new(const shared *sh, scratch *sc) {
  sc->doc = kiji_doc_new();
  sc->scan = kiji_scan_new();
  sc->seg = kiji_seg_new(sh->segmenter);
  return sc->doc && sc->scan && sc->seg;
}

static void scratch_free(scratch *sc) {
  kiji_doc_free(sc->doc);
  kiji_scan_free(sc->scan);
  kiji_seg_free(sc->seg);
}

static void *thread_main(void *p) {
  job *j = p;
  scratch sc;
  sbuf got[NRESULTS];
  int r, k, i;
  memset(got, 0, sizeof got);
  if (!scratch_new(j->sh, &sc)) j->failed++;
  pthread_barrier_wait(j->start); /* all at once */
  for (r = 0; r < ROUNDS && !j->failed; r++)
    for (k = 0; k < NTEXTS; k++) {
      int t = (k + j->id + r) % NTEXTS; /* each thread in its own order */
      if (!results(j->sh, &sc, j->texts[t], got)) {
        j->failed++;
        break;
      }
      for (i = 0; i < NRESULTS; i++)
        if (got[i].n != j->want[t][i].n || memcmp(got[i].p, j->want[t][i].p, got[i].n) != 0)
          j->differ[i]++;
    }
  scratch_free(&sc);
  for (i = 0; i < NRESULTS; i++) free(got[i].p);
  return NULL;
}

/* ---------------------------------------------------------------- batch */

#define NBATCH (NTHREADS * NTEXTS + 8)

/* One text's result alone, or by the batch: status, error offset, JSON. */
typedef struct outcome {
  kiji_status status;
  size_t offset;
  sbuf json;
} outcome;

static void outcome_of(outcome *o, kiji_status st, kiji_doc *doc) {
  const char *json;
  size_t jl = 0;
  o->status = st;
  o->offset = st == KIJI_OK ? 0 : kiji_doc_error_offset(doc);
  o->json.n = 0;
  json = st == KIJI_OK ? kiji_doc_json(doc, NULL, 0, &jl) : kiji_doc_error(doc);
  if (json == NULL)
    o->status = KIJI_ENOMEM; /* noticed as a difference */
  else
    sb_add(&o->json, json, st == KIJI_OK ? jl : strlen(json));
}

typedef struct collect {
  const outcome *want;
  size_t delivered; /* how many fn saw */
  size_t stop_at;   /* return nonzero at this index (KIJI_NONE: never) */
  int out_of_order, differ;
  outcome got;
} collect;

static int collect_fn(void *ud, size_t index, kiji_status st, kiji_doc *doc) {
  collect *c = ud;
  const outcome *w = &c->want[index];
  if (index != c->delivered) c->out_of_order++;
  c->delivered++;
  outcome_of(&c->got, st, doc);
  if (c->got.status != w->status || c->got.offset != w->offset || c->got.json.n != w->json.n ||
      memcmp(c->got.json.p, w->json.p, w->json.n) != 0)
    c->differ++;
  return index == c->stop_at;
}

/* One option per text (each its own day and source): the batch gives
** what kiji_annotate gives each text with its own. */
static void test_batch_each(tap *t, const kiji_annotator *a, const kiji_str *texts, size_t n,
                            kiji_doc *doc) {
  static const char *const sources[] = {"Kyodo", "Reuters", "共同通信", "a local paper"};
  kiji_annotate_options each[NBATCH];
  outcome want[NBATCH];
  collect c;
  kiji_status st;
  size_t i;
  memset(want, 0, sizeof want);
  for (i = 0; i < n; i++) {
    kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
    o.date.year = 2024;
    o.date.month = 1 + (int)(i % 12);
    o.date.day = 1 + (int)(i % 28);
    o.source = sources[i % 4];
    o.source_len = strlen(sources[i % 4]);
    each[i] = o;
    outcome_of(&want[i], kiji_annotate(a, doc, texts[i].ptr, texts[i].len, &each[i]), doc);
  }
  memset(&c, 0, sizeof c);
  c.want = want;
  c.stop_at = KIJI_NONE;
  st = kiji_annotate_batch(a, texts, n, each, n, 3, collect_fn, &c);
  tap_ok(t, st == KIJI_OK && c.delivered == n && c.out_of_order == 0 && c.differ == 0,
         "batch with one option per text (its date and source): equal to one by one (%d differ)",
         c.differ);
  free(c.got.json.p);
  for (i = 0; i < n; i++) free(want[i].json.p);
}

/* In any order: what each index got, and how often (one thread per
** index writes its slot; the lock only counts the stop). */
typedef struct scatter {
  outcome *got;
  int *times;
  size_t stop_at;
  pthread_mutex_t mu;
  size_t stopped_calls; /* calls after the stop was asked */
  int stopped;
} scatter;

static int scatter_fn(void *ud, size_t index, kiji_status st, kiji_doc *doc) {
  scatter *c = ud;
  outcome_of(&c->got[index], st, doc);
  c->times[index]++;
  pthread_mutex_lock(&c->mu);
  if (c->stopped) c->stopped_calls++;
  if (index == c->stop_at) c->stopped = 1;
  pthread_mutex_unlock(&c->mu);
  return index == c->stop_at;
}

/* kiji_annotate_batch_any_order: each text once, equal to alone. */
static void test_batch_any_order(tap *t, const kiji_annotator *a, const kiji_str *texts, size_t n,
                                 const kiji_annotate_options *opts, const outcome *want) {
  static const unsigned thread_counts[] = {1, 2, 3, 8, 0};
  outcome *got = calloc(n, sizeof *got);
  int *times = calloc(n, sizeof *times);
  size_t k, i;
  scatter c;
  if (got == NULL || times == NULL) abort();
  pthread_mutex_init(&c.mu, NULL);
  for (k = 0; k < sizeof thread_counts / sizeof *thread_counts; k++) {
    size_t once = 0, differ = 0;
    kiji_status st;
    memset(times, 0, n * sizeof *times);
    c.got = got;
    c.times = times;
    c.stop_at = KIJI_NONE;
    c.stopped = 0;
    c.stopped_calls = 0;
    st = kiji_annotate_batch_any_order(a, texts, n, opts, 1, thread_counts[k], scatter_fn, &c);
    for (i = 0; i < n; i++) {
      once += times[i] == 1;
      differ += got[i].status != want[i].status || got[i].offset != want[i].offset ||
                got[i].json.n != want[i].json.n ||
                memcmp(got[i].json.p, want[i].json.p, want[i].json.n) != 0;
    }
    tap_ok(t, st == KIJI_OK && once == n && differ == 0,
           "batch in any order on %u threads: %zu of %zu delivered once, equal to one by one "
           "(%zu differ)",
           thread_counts[k], once, n, differ);
  }
  for (k = 0; k < 2; k++) {
    /* One thread takes the texts in order: exactly 0..9 come. Of four,
    ** the others may deliver what they took before fn returned (fn runs
    ** unlocked, and a thread held up there lets them take more), so only
    ** what always holds is asked: 9 once, none twice. */
    unsigned threads = k == 0 ? 1 : 4;
    size_t delivered = 0, twice = 0;
    kiji_status st;
    memset(times, 0, n * sizeof *times);
    c.stop_at = 9;
    c.stopped = 0;
    c.stopped_calls = 0;
    st = kiji_annotate_batch_any_order(a, texts, n, opts, 1, threads, scatter_fn, &c);
    for (i = 0; i < n; i++) {
      delivered += times[i];
      twice += times[i] > 1;
    }
    tap_ok(t,
           st == KIJI_OK && times[9] == 1 && twice == 0 &&
               (threads > 1 || (delivered == 10 && c.stopped_calls == 0)),
           "batch in any order on %u thread%s: fn's nonzero return stops it (%zu delivered, %zu "
           "after the stop)",
           threads, threads == 1 ? "" : "s", delivered, c.stopped_calls);
  }
  tap_ok(
      t,
      kiji_annotate_batch_any_order(NULL, texts, n, NULL, 0, 2, scatter_fn, &c) == KIJI_EINVAL &&
          kiji_annotate_batch_any_order(a, texts, n, NULL, 0, 2, NULL, &c) == KIJI_EINVAL &&
          kiji_annotate_batch_any_order(a, texts, n, opts, 2, 2, scatter_fn, &c) == KIJI_EINVAL &&
          kiji_annotate_batch_any_order(a, NULL, 0, NULL, 0, 2, scatter_fn, &c) == KIJI_OK,
      "batch in any order: bad arguments are KIJI_EINVAL; no texts, no call");
  pthread_mutex_destroy(&c.mu);
  for (i = 0; i < n; i++) free(got[i].json.p);
  free(got);
  free(times);
}

/* The batch against kiji_annotate alone, over every thread's texts. */
static void test_batch(tap *t, const kiji_annotator *a, job *jobs) {
  static const unsigned thread_counts[] = {1, 2, 3, 8, 0};
  kiji_annotate_options opts = KIJI_ANNOTATE_OPTIONS_INIT;
  kiji_str texts[NBATCH];
  outcome want[NBATCH];
  char *own[8];
  sbuf longer = {NULL, 0, 0};
  kiji_doc *doc = kiji_doc_new();
  size_t n = 0, i, bad = 0;
  int k, ok = 1;
  opts.invalid = KIJI_INVALID_ERROR;
  memset(want, 0, sizeof want);
  for (i = 0; i < NTHREADS; i++)
    for (k = 0; k < NTEXTS; k++) {
      texts[n].ptr = jobs[i].texts[k];
      texts[n++].len = strlen(jobs[i].texts[k]);
    }
  /* invalid UTF-8 in the middle of a copy of some texts */
  for (k = 0; k < 7; k++) {
    size_t len = texts[k * 11].len;
    own[k] = malloc(len + 1);
    if (own[k] == NULL) abort();
    memcpy(own[k], texts[k * 11].ptr, len);
    own[k][len / 2 + (size_t)k] = (char)0xff;
    texts[n].ptr = own[k];
    texts[n++].len = len;
  }
  /* one text as long as many: the others run ahead of it */
  for (i = 0; i < 40; i++) sb_add(&longer, texts[i].ptr, texts[i].len);
  own[7] = longer.p;
  memmove(texts + 4, texts + 3, (n - 3) * sizeof *texts);
  texts[3].ptr = longer.p;
  texts[3].len = longer.n;
  n++;
  for (i = 0; i < n; i++) {
    outcome_of(&want[i], kiji_annotate(a, doc, texts[i].ptr, texts[i].len, &opts), doc);
    if (want[i].status == KIJI_EUTF8)
      bad++;
    else if (want[i].status != KIJI_OK)
      ok = 0;
  }
  tap_ok(t, ok && bad == 7 && n == NBATCH,
         "batch: %zu texts alone, %zu of them invalid UTF-8 (KIJI_EUTF8)", n, bad);
  for (k = 0; k < (int)(sizeof thread_counts / sizeof *thread_counts); k++) {
    collect c;
    kiji_status st;
    memset(&c, 0, sizeof c);
    c.want = want;
    c.stop_at = KIJI_NONE;
    st = kiji_annotate_batch(a, texts, n, &opts, 1, thread_counts[k], collect_fn, &c);
    tap_ok(t, st == KIJI_OK && c.delivered == n && c.out_of_order == 0 && c.differ == 0,
           "batch on %u threads: %zu of %zu delivered, in order (%d not), equal to one by one "
           "(%d differ)",
           thread_counts[k], c.delivered, n, c.out_of_order, c.differ);
    free(c.got.json.p);
  }
  {
    collect c;
    kiji_status st;
    memset(&c, 0, sizeof c);
    c.want = want;
    c.stop_at = 9;
    st = kiji_annotate_batch(a, texts, n, &opts, 1, 4, collect_fn, &c);
    tap_ok(t, st == KIJI_OK && c.delivered == 10 && c.out_of_order == 0 && c.differ == 0,
           "batch: fn's nonzero return at text 10 stops it (%zu delivered)", c.delivered);
    free(c.got.json.p);
    memset(&c, 0, sizeof c);
    tap_ok(t,
           kiji_annotate_batch(NULL, texts, n, NULL, 0, 2, collect_fn, &c) == KIJI_EINVAL &&
               kiji_annotate_batch(a, texts, n, NULL, 0, 2, NULL, &c) == KIJI_EINVAL &&
               kiji_annotate_batch(a, NULL, 3, NULL, 0, 2, collect_fn, &c) == KIJI_EINVAL &&
               kiji_annotate_batch(a, texts, n, NULL, 1, 2, collect_fn, &c) == KIJI_EINVAL &&
               kiji_annotate_batch(a, texts, n, &opts, 2, 2, collect_fn, &c) == KIJI_EINVAL &&
               kiji_annotate_batch(a, NULL, 0, NULL, 0, 2, collect_fn, &c) == KIJI_OK &&
               c.delivered == 0,
           "batch: bad arguments are KIJI_EINVAL; no texts, no call");
  }
  test_batch_each(t, a, texts, n, doc);
  test_batch_any_order(t, a, texts, n, &opts, want);
  for (i = 0; i < n; i++) free(want[i].json.p);
  for (k = 0; k < 8; k++) free(own[k]);
  kiji_doc_free(doc);
}

int main(void) {
  tap t = {0, 0};
  kiji_error err;
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *user = NULL, *lexicon = NULL;
  kiji_annotator *a = NULL;
  kiji_segmenter *sg = kiji_segmenter_new(&err);
  shared sh;
  scratch sc;
  static job jobs[NTHREADS];
  pthread_t th[NTHREADS];
  pthread_barrier_t start;
  int i, k, r, user_found = 0, started = 0;

  if (!tap_ok(&t,
              b && kiji_dict_builder_add_tsv(b, user_tsv, sizeof user_tsv - 1, &err) == KIJI_OK &&
                  kiji_dict_compile(b, &user) == KIJI_OK,
              "the user's dictionary compiles") ||
      !tap_ok(&t, kiji_lexicon_load(&lexicon, &err) == KIJI_OK, "the built-in lexicon loads") ||
      !tap_ok(&t, (a = kiji_annotator_new((const kiji_dict *const *)&user, 1, &err)) != NULL,
              "one annotator with the user's dictionary") ||
      !tap_ok(&t, sg != NULL, "one segmenter"))
    return tap_done(&t);
  sh.annotator = a;
  sh.user = user;
  sh.lexicon = lexicon;
  sh.segmenter = sg;

  /* the single-threaded results, by the main thread alone */
  if (!tap_ok(&t, scratch_new(&sh, &sc), "the main thread's scratch")) return tap_done(&t);
  for (i = 0; i < NTHREADS; i++) {
    jobs[i].sh = &sh;
    jobs[i].start = &start;
    jobs[i].id = i;
    make_texts(&jobs[i]);
    for (k = 0; k < NTEXTS; k++) {
      if (!results(&sh, &sc, jobs[i].texts[k], jobs[i].want[k])) jobs[i].failed++;
      {
        const char *json = jobs[i].want[k][R_ANNOTATE].p ? jobs[i].want[k][R_ANNOTATE].p : "";
        if (strstr(json, "\"id\":\"hdawn\"") || strstr(json, "\"id\":\"hokuo\"") ||
            strstr(json, "\"id\":\"harbor\""))
          user_found++;
      }
    }
  }
  scratch_free(&sc);
  tap_ok(&t, jobs[0].failed == 0, "single-threaded: every call succeeds");
  tap_ok(&t, user_found > NTHREADS, "the user's outlets and body are annotated (%d texts)",
         user_found);
  tap_ok(&t,
         strcmp(jobs[0].texts[0], jobs[1].texts[0]) != 0 &&
             strcmp(jobs[0].texts[1], jobs[1].texts[1]) != 0,
         "the threads' texts differ");

  pthread_barrier_init(&start, NULL, NTHREADS);
  for (i = 0; i < NTHREADS; i++)
    if (pthread_create(&th[i], NULL, thread_main, &jobs[i]) == 0) started++;
  tap_ok(&t, started == NTHREADS, "%d threads start", NTHREADS);
  for (i = 0; i < started; i++) pthread_join(th[i], NULL);
  pthread_barrier_destroy(&start);

  {
    int failed = 0;
    for (i = 0; i < NTHREADS; i++) failed += jobs[i].failed;
    tap_ok(&t, failed == 0, "%d threads: every call succeeds", NTHREADS);
  }
  for (r = 0; r < NRESULTS; r++) {
    int differ = 0;
    for (i = 0; i < NTHREADS; i++) differ += jobs[i].differ[r];
    tap_ok(&t, started == NTHREADS && differ == 0,
           "%d threads %s, %d texts each, %d rounds: results equal the single-threaded (%d differ)",
           NTHREADS, result_names[r], NTEXTS, ROUNDS, differ);
  }

  test_batch(&t, a, jobs);

  for (i = 0; i < NTHREADS; i++)
    for (k = 0; k < NTEXTS; k++) {
      free(jobs[i].texts[k]);
      for (r = 0; r < NRESULTS; r++) free(jobs[i].want[k][r].p);
    }
  kiji_annotator_free(a);
  kiji_segmenter_free(sg);
  kiji_dict_free(lexicon);
  kiji_dict_free(user);
  kiji_dict_builder_free(b);
  return tap_done(&t);
}
