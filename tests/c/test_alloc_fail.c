/*
** test_alloc_fail.c -- allocation failure. Linked with alloc_fail.c instead
** of plugin/base/alloc.c (see the Makefile), so that the N-th allocation, kiji's
** or ICU's (u_setMemoryFunctions), fails. Each sequence of calls below runs
** clean, counting its allocations K; then, for every N in 1..K, with the
** N-th allocation failing (alone, then with every later one too): the call
** that meets the failure must report it (KIJI_ENOMEM and an empty result,
** or NULL from a constructor), the same call on the same handle must then
** succeed with failing off, the results must equal the clean run's, and
** once everything is freed no block may be left.
**
** ICU warms up in the clean runs before any failure: its process-wide
** caches (data, resource bundles, break engines) latch the error of a
** failed first initialization for good and are never freed, so ICU's live
** blocks must come back to the level the clean run left. Each run with a
** failure is a child process, so that those caches start each run as the
** clean runs left them, and so that a crash is a report, not the end.
** ICU 72 crashes, hangs and leaks when some of its own allocations fail
** (RuleBasedBreakIterator's copy constructor, the ss=standard filter...):
** with ICU's allocation failing first, a crash or hang inside ICU and the
** blocks ICU leaks are counted apart, as a TODO test. Japanese word break
** is left out: its dictionary engine loops forever there.
**
** AF_SEQ=name runs the sequences whose name holds it, AF_N=n starts at the
** n-th allocation, AF_DEBUG=1 tells every run on stderr.
*/
#define _GNU_SOURCE /* dladdr, to tell a crash inside ICU */
#include <dlfcn.h>
#include <execinfo.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include <unicode/uvernum.h>

#include "alloc_fail.h"
#include "annotate/spare_docs.h"
#include "kiji.h"
#include "tap.h"

/* ------------------------------------------------------------ texts */

static const char en_text[] =
    "Tokyo denies report on troop plan\n\n"
    "TOKYO (Kyodo) -- Foreign Minister Aiko Tanaka on Tuesday denied a report that Japan "
    "would send troops abroad. According to NHK, the Defense Ministry had drafted a plan. "
    "A government spokesperson told Reuters the story was false. The Hokkaido Evening Post "
    "said officials were not consulted.";

static const char ja_text[] =
    "外務省、派遣報道を否定\n\n"
    "田中愛子外務大臣は記者会見で、政府が部隊を派遣するとした米紙の報道について「そのような"
    "計画はない」と否定した。NHKによると、防衛省幹部は「検討していない」と語った。";

/* A letter and 300 combining marks: segments cut at the stream-safe cap. */
static char marks_text[640];
static size_t marks_len;

/* A long English text: four walks of the scan, occurrences regrouped. */
static char long_text[24000];
static size_t long_len;

/* A user's dictionary; its nested keys (日 to 日 x 8) push a scan past
** its insertion sort. */
static const char user_tsv[] =
    "# a user's dictionary\n"
    "Hokkaido Evening Post\toutlet\thep\t\tsubtype=newspaper;country=JP\n"
    "Aiko Tanaka\tperson\ttanaka\n"
    "NHK\toutlet_alias\tnhk\texact_case\n"
    "防衛省\tbody\tmod\t\tsubtype=ministry;country=JP\n"
    "ｶﾞｲﾑｼｮｳ\tbody\tmofa\n"
    "Ⅳ号\tother\t-\tno_word\tx=1\n"
    "日\tother\n日日\tother\n日日日\tother\n日日日日\tother\n"
    "日日日日日\tother\n日日日日日日\tother\n日日日日日日日\tother\n日日日日日日日日\tother\n";

/* Voicing marks and a hyphen after kana: the map ties characters. */
static const char kana_text[] = "ハ\xE3\x82\x9Bス、カ\xE2\x80\x90ド、ｶﾞｰﾄﾞ、ハ\xE3\x82\x9Cン";

/* Exact-case entries first, then keys nested in every way. */
static const char nest_text[] =
    "NHK and Kyodo denied it. "
    "日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日日";

/* One sentence with more than 64 names in it; one whose claim has long
** runs of punctuation around it. */
static char many_text[4096], runs_text[1024];
static size_t many_len, runs_len;

/* Where the builder sequence saves, and the dictionary that the scan
** sequence loads (saved once, clean). */
static char build_path[256], scan_path[256];

/* ------------------------------------------------------------ checks */

/* The results of one run, hashed (FNV-1a). */
static uint64_t digest;

static void feed(const void *p, size_t n) {
  const unsigned char *b = p;
  size_t i;
  for (i = 0; i < n; i++) digest = (digest ^ b[i]) * 0x100000001b3ull;
}

static void feed_size(size_t v) { feed(&v, sizeof v); }

/*
** What one run saw, in a page shared with the parent: each run with a
** failure is a child process (see run_child), which may crash.
*/
enum { P_NONE, P_CALL, P_RESULT, P_LEAK_KIJI, P_LEAK_ICU, P_MISSING };

typedef struct report {
  int kind; /* P_*: the first problem */
  char problem[240];
  const char *call;       /* the call under way */
  char fail_call[64];     /* the call that met the first failure */
  int fail_icu;           /* ... in an allocation of ICU's */
  int fail_absorbed;      /* ... and succeeded all the same */
  unsigned long absorbed; /* failures no call reported */
  int crashed;            /* the signal */
  int crash_in_icu;
  char crash_where[200]; /* the function that crashed */
} report;

static report *rep;

static void problem(int kind, const char *what) {
  if (rep->kind != P_NONE) return;
  rep->kind = kind;
  snprintf(rep->problem, sizeof rep->problem, "%s%s%s", rep->call ? rep->call : "",
           rep->call ? ": " : "", what);
}

/* The call under way met the run's failure; ok: it succeeded all the same. */
static void met_failure(int ok) {
  af_disarm();
  snprintf(rep->fail_call, sizeof rep->fail_call, "%s", rep->call);
  rep->fail_icu = af.failed_icu;
  rep->fail_absorbed = ok;
  rep->absorbed += ok != 0;
}

/*
** One call of a sequence: ok_expr is its success, err_expr (evaluated
** after a failure) whether it reported the right error. The call that
** meets the injected failure must report it; failing then stops and the
** same call runs again on the same handle, which must succeed. A failure
** that no call reports is "absorbed": allowed when the results still equal
** the clean run's (the document's decode cache and its sentence lookups
** fall back to doing without), and counted.
*/
#define CALL(name, ok_expr, err_expr)                \
  do {                                               \
    unsigned long f0_ = af.failed;                   \
    int ok_;                                         \
    rep->call = (name);                              \
    ok_ = (ok_expr);                                 \
    if (af.failed > f0_) {                           \
      met_failure(ok_);                              \
      if (!ok_ && !(err_expr)) {                     \
        problem(P_CALL, "the wrong error");          \
        goto done;                                   \
      }                                              \
      if (!ok_ && !(ok_expr)) {                      \
        problem(P_CALL, "fails again, failing off"); \
        goto done;                                   \
      }                                              \
    } else if (!ok_) {                               \
      problem(P_CALL, "fails, no failure injected"); \
      goto done;                                     \
    }                                                \
  } while (0)

/* A result the texts must give (the clean runs make sure they do). */
#define EXPECT(cond, what)     \
  do {                         \
    if (!(cond)) {             \
      problem(P_RESULT, what); \
      goto done;               \
    }                          \
  } while (0)

/* ------------------------------------------------------------ sequences */

static void feed_map(const kiji_norm *n) {
  size_t len, i, os, oe;
  const char *t = kiji_norm_text(n, &len);
  const kiji_map *m = kiji_norm_map(n);
  feed(t, len);
  feed_size(len);
  if (m == NULL) return;
  for (i = 0; i < len; i++) {
    kiji_map_origin(m, i, i + 1, &os, &oe);
    feed_size(os);
    feed_size(oe);
  }
}

/* After an error, a handle holds no result of an earlier call, and says
** what went wrong. */
static int norm_failed(const kiji_norm *n) {
  size_t len;
  kiji_norm_text(n, &len);
  return len == 0 && kiji_norm_map(n) == NULL && kiji_norm_error(n)[0] != '\0';
}

static int seg_failed(const kiji_seg *s) {
  size_t count;
  kiji_seg_spans(s, &count);
  return count == 0 && kiji_seg_error(s)[0] != '\0';
}

static int scan_failed(const kiji_scan *s) {
  size_t count;
  kiji_scan_matches(s, &count);
  return count == 0 && kiji_scan_error(s)[0] != '\0';
}

static int doc_failed(const kiji_doc *doc) {
  size_t ns, nm, nd, na;
  kiji_doc_sentences(doc, &ns);
  kiji_doc_mentions(doc, &nm);
  kiji_doc_denials(doc, &nd);
  kiji_doc_attributions(doc, &na);
  return ns + nm + nd + na == 0 && kiji_doc_lang(doc) == KIJI_LANG_EN &&
         kiji_doc_error(doc)[0] != '\0';
}

static int builder_failed(const kiji_dict_builder *b) {
  return kiji_dict_builder_error(b)[0] != '\0';
}

static int seq_norm(void) {
  kiji_norm *n = NULL;
  kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
  kiji_status st;
  CALL("kiji_norm_new", (n = kiji_norm_new()) != NULL, 1);
  CALL("kiji_normalize en", (st = kiji_normalize(n, en_text, sizeof en_text - 1, NULL)) == KIJI_OK,
       st == KIJI_ENOMEM && norm_failed(n));
  feed_map(n);
  CALL("kiji_normalize ja", (st = kiji_normalize(n, ja_text, sizeof ja_text - 1, &o)) == KIJI_OK,
       st == KIJI_ENOMEM && norm_failed(n));
  feed_map(n);
  CALL("kiji_normalize kana",
       (st = kiji_normalize(n, kana_text, sizeof kana_text - 1, &o)) == KIJI_OK,
       st == KIJI_ENOMEM && norm_failed(n));
  feed_map(n);
  o.form = KIJI_FORM_NFC;
  CALL("kiji_normalize NFC marks", (st = kiji_normalize(n, marks_text, marks_len, &o)) == KIJI_OK,
       st == KIJI_ENOMEM && norm_failed(n));
  feed_map(n);
  o.form = KIJI_FORM_NFKD;
  o.casefold = 1;
  CALL("kiji_normalize NFKD ja",
       (st = kiji_normalize(n, ja_text, sizeof ja_text - 1, &o)) == KIJI_OK,
       st == KIJI_ENOMEM && norm_failed(n));
  feed_map(n);
  kiji_norm_free(n);
  n = NULL;
  /* a fresh normalizer: the first call grows every buffer */
  CALL("kiji_norm_new", (n = kiji_norm_new()) != NULL, 1);
  CALL("kiji_normalize long", (st = kiji_normalize(n, long_text, long_len, NULL)) == KIJI_OK,
       st == KIJI_ENOMEM && norm_failed(n));
  feed_map(n);
done:
  kiji_norm_free(n);
  return rep->kind == P_NONE;
}

static void feed_spans(const kiji_seg *s) {
  size_t n, i;
  const kiji_span *sp = kiji_seg_spans(s, &n);
  feed_size(n);
  for (i = 0; i < n; i++) {
    feed_size(sp[i].start);
    feed_size(sp[i].end);
    feed_size((size_t)sp[i].tag);
  }
}

static int seq_seg(void) {
  kiji_segmenter *sg = NULL;
  kiji_seg *s = NULL;
  kiji_seg_options o = KIJI_SEG_OPTIONS_INIT;
  kiji_error err;
  kiji_status st;
  size_t n;
  CALL("kiji_segmenter_new", (sg = kiji_segmenter_new(&err)) != NULL, err.status == KIJI_ENOMEM);
  CALL("kiji_seg_new", (s = kiji_seg_new(sg)) != NULL, 1);
  CALL("kiji_sentences en", (st = kiji_sentences(s, en_text, sizeof en_text - 1, &o)) == KIJI_OK,
       st == KIJI_ENOMEM && seg_failed(s));
  feed_spans(s);
  kiji_seg_spans(s, &n);
  EXPECT(n >= 4, "kiji_sentences en: too few sentences");
  CALL("kiji_sentences ja", (st = kiji_sentences(s, ja_text, sizeof ja_text - 1, &o)) == KIJI_OK,
       st == KIJI_ENOMEM && seg_failed(s));
  feed_spans(s);
  CALL("kiji_words en", (st = kiji_words(s, en_text, sizeof en_text - 1, &o)) == KIJI_OK,
       st == KIJI_ENOMEM && seg_failed(s));
  feed_spans(s);
  /* no Japanese words: ICU 72's dictionary engine (CjkBreakEngine) loops
  ** forever or crashes when its allocations fail, or gives other words
  ** without an error; kiji's own code is the one English words run */
  o.news_rules = 0;
  o.all_segments = 1;
  o.locale = KIJI_LOCALE_ROOT;
  CALL("kiji_sentences root", (st = kiji_sentences(s, long_text, long_len, &o)) == KIJI_OK,
       st == KIJI_ENOMEM && seg_failed(s));
  feed_spans(s);
  CALL("kiji_words all", (st = kiji_words(s, en_text, sizeof en_text - 1, &o)) == KIJI_OK,
       st == KIJI_ENOMEM && seg_failed(s));
  feed_spans(s);
done:
  kiji_seg_free(s);
  kiji_segmenter_free(sg);
  return rep->kind == P_NONE;
}

static void feed_dict(const kiji_dict *d) {
  size_t i, n = kiji_dict_count(d);
  feed_size(n);
  for (i = 0; i < n; i++) {
    kiji_entry e;
    kiji_dict_entry(d, i, &e);
    feed(e.surface, e.surface_len);
    feed(e.kind, strlen(e.kind));
    if (e.id) feed(e.id, strlen(e.id));
    feed(e.payload, e.payload_len);
    feed_size(e.flags);
  }
}

/* The whole file, read by the test itself (its memory is not counted). */
static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  long n;
  if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
      (buf = malloc((size_t)n)) != NULL && fread(buf, 1, (size_t)n, f) != (size_t)n) {
    free(buf);
    buf = NULL;
  }
  if (f) fclose(f);
  *len = buf ? (size_t)n : 0;
  return buf;
}

static int seq_build(void) {
#define S(lit) lit, sizeof lit - 1
  static const kiji_entry entries[] = {
      {S("Kyodo News"), "outlet", "kyodo", 0, S("subtype=agency")},
      {S("MOD"), "body", "mod", KIJI_ENTRY_EXACT_CASE, NULL, 0},
      {S("ﾃﾞﾝｼ新聞"), "outlet", NULL, KIJI_ENTRY_NO_WORD, S("subtype=newspaper")},
      {S("İstanbul Daily"), "outlet", "istd", KIJI_ENTRY_WORD, NULL, 0},
  };
#undef S
  kiji_dict_builder *b = NULL;
  kiji_dict *d = NULL, *d2 = NULL, *d3 = NULL;
  kiji_error err;
  kiji_status st;
  char *bytes = NULL;
  size_t i, len;
  CALL("kiji_dict_builder_new", (b = kiji_dict_builder_new()) != NULL, 1);
  for (i = 0; i < sizeof entries / sizeof entries[0]; i++)
    CALL("kiji_dict_builder_add", (st = kiji_dict_builder_add(b, &entries[i])) == KIJI_OK,
         st == KIJI_ENOMEM && builder_failed(b));
  CALL("kiji_dict_builder_add_tsv",
       (st = kiji_dict_builder_add_tsv(b, user_tsv, sizeof user_tsv - 1, &err)) == KIJI_OK,
       st == KIJI_ENOMEM && err.status == KIJI_ENOMEM);
  CALL("kiji_dict_compile", (st = kiji_dict_compile(b, &d)) == KIJI_OK,
       st == KIJI_ENOMEM && d == NULL);
  EXPECT(kiji_dict_count(d) == 18, "kiji_dict_compile: not 18 entries");
  feed_dict(d);
  CALL("kiji_dict_save", (st = kiji_dict_save(d, build_path, &err)) == KIJI_OK,
       st == KIJI_ENOMEM && err.status == KIJI_ENOMEM);
  CALL("kiji_dict_load", (st = kiji_dict_load(build_path, &d2, &err)) == KIJI_OK,
       st == KIJI_ENOMEM && err.status == KIJI_ENOMEM && d2 == NULL);
  feed_dict(d2);
  bytes = slurp(build_path, &len);
  EXPECT(bytes != NULL, "cannot read the saved dictionary back");
  CALL("kiji_dict_load_bytes", (st = kiji_dict_load_bytes(bytes, len, &d3, &err)) == KIJI_OK,
       st == KIJI_ENOMEM && err.status == KIJI_ENOMEM && d3 == NULL);
  feed_dict(d3);
  /* the builder goes on after a compile */
  CALL("kiji_dict_builder_add", (st = kiji_dict_builder_add(b, &entries[0])) == KIJI_OK,
       st == KIJI_ENOMEM && builder_failed(b));
  kiji_dict_free(d);
  d = NULL;
  CALL("kiji_dict_compile again", (st = kiji_dict_compile(b, &d)) == KIJI_OK,
       st == KIJI_ENOMEM && d == NULL);
  feed_dict(d);
done:
  free(bytes);
  kiji_dict_free(d);
  kiji_dict_free(d2);
  kiji_dict_free(d3);
  kiji_dict_builder_free(b);
  return rep->kind == P_NONE;
}

static void feed_matches(const kiji_scan *s) {
  size_t n, i;
  const kiji_match *m = kiji_scan_matches(s, &n);
  feed_size(n);
  for (i = 0; i < n; i++) {
    feed_size(m[i].start);
    feed_size(m[i].end);
    feed_size(m[i].entry);
  }
}

static int seq_scan(void) {
  kiji_dict *d = NULL, *lex = NULL;
  kiji_scan *s = NULL;
  kiji_norm *n = NULL;
  kiji_error err;
  kiji_status st;
  size_t count, nlen;
  const char *norm;
  CALL("kiji_dict_load", (st = kiji_dict_load(scan_path, &d, &err)) == KIJI_OK,
       st == KIJI_ENOMEM && err.status == KIJI_ENOMEM);
  CALL("kiji_lexicon_load", (st = kiji_lexicon_load(&lex, &err)) == KIJI_OK,
       st == KIJI_ENOMEM && err.status == KIJI_ENOMEM);
  CALL("kiji_scan_new", (s = kiji_scan_new()) != NULL, 1);
  CALL("kiji_dict_scan nested",
       (st = kiji_dict_scan(d, s, nest_text, sizeof nest_text - 1, KIJI_SCAN_ALL)) == KIJI_OK,
       st == KIJI_ENOMEM && scan_failed(s));
  feed_matches(s);
  CALL("kiji_dict_scan en",
       (st = kiji_dict_scan(d, s, en_text, sizeof en_text - 1, KIJI_SCAN_LONGEST)) == KIJI_OK,
       st == KIJI_ENOMEM && scan_failed(s));
  feed_matches(s);
  kiji_scan_matches(s, &count);
  EXPECT(count >= 3, "kiji_dict_scan en: too few matches");
  CALL("kiji_dict_scan ja",
       (st = kiji_dict_scan(d, s, ja_text, sizeof ja_text - 1, KIJI_SCAN_ALL)) == KIJI_OK,
       st == KIJI_ENOMEM && scan_failed(s));
  feed_matches(s);
  CALL("kiji_dict_scan lexicon",
       (st = kiji_dict_scan(lex, s, en_text, sizeof en_text - 1, KIJI_SCAN_ALL)) == KIJI_OK,
       st == KIJI_ENOMEM && scan_failed(s));
  feed_matches(s);
  CALL("kiji_dict_scan long",
       (st = kiji_dict_scan(lex, s, long_text, long_len, KIJI_SCAN_LONGEST)) == KIJI_OK,
       st == KIJI_ENOMEM && scan_failed(s));
  feed_matches(s);
  CALL("kiji_norm_new", (n = kiji_norm_new()) != NULL, 1);
  CALL("kiji_normalize", (st = kiji_normalize(n, ja_text, sizeof ja_text - 1, NULL)) == KIJI_OK,
       st == KIJI_ENOMEM && norm_failed(n));
  norm = kiji_norm_text(n, &nlen);
  CALL("kiji_dict_scan_normalized",
       (st = kiji_dict_scan_normalized(lex, s, ja_text, sizeof ja_text - 1, norm, nlen,
                                       kiji_norm_map(n), KIJI_SCAN_ALL)) == KIJI_OK,
       st == KIJI_ENOMEM && scan_failed(s));
  feed_matches(s);
done:
  kiji_norm_free(n);
  kiji_scan_free(s);
  kiji_dict_free(lex);
  kiji_dict_free(d);
  return rep->kind == P_NONE;
}

/* The user's dictionary that the annotator sequences share (built clean). */
static kiji_dict *user_dict;
static kiji_annotator *shared_annotator;

/* An annotator, and what it makes of a text with "Mr." in it (ICU's
** suppressions, which a failure inside ICU could lose unsaid). */
static int seq_annotator(void) {
  static const char mr[] = "Mr. Tanaka told Reuters the report was false. Kyodo denied it.";
  const kiji_dict *extra[1];
  kiji_annotator *a = NULL;
  kiji_doc *doc = NULL;
  kiji_error err;
  kiji_status st;
  const char *j;
  size_t n;
  extra[0] = user_dict;
  CALL("kiji_annotator_new", (a = kiji_annotator_new(extra, 1, &err)) != NULL,
       err.status == KIJI_ENOMEM);
  CALL("kiji_doc_new", (doc = kiji_doc_new()) != NULL, 1);
  CALL("kiji_annotate", (st = kiji_annotate(a, doc, mr, sizeof mr - 1, NULL)) == KIJI_OK,
       st == KIJI_ENOMEM && doc_failed(doc));
  kiji_doc_sentences(doc, &n);
  EXPECT(n == 2, "kiji_annotate: not two sentences");
  CALL("kiji_doc_json", (j = kiji_doc_json(doc, NULL, 0, &n)) != NULL, 1);
  feed(j, n);
done:
  kiji_doc_free(doc);
  kiji_annotator_free(a);
  return rep->kind == P_NONE;
}

static size_t count_kind(const kiji_doc *doc, kiji_kind kind) {
  size_t n, i, k = 0;
  const kiji_mention *m = kiji_doc_mentions(doc, &n);
  for (i = 0; i < n; i++) k += m[i].kind == kind;
  return k;
}

/* Every kind of result, so that every rule's allocation is met. */
static int complete(const kiji_doc *doc) {
  size_t nd, na;
  kiji_doc_denials(doc, &nd);
  kiji_doc_attributions(doc, &na);
  return count_kind(doc, KIJI_KIND_OFFICIAL) > 0 && count_kind(doc, KIJI_KIND_OUTLET) > 0 &&
         nd > 0 && na > 0;
}

static int seq_annotate(void) {
  const kiji_annotator *a = shared_annotator;
  kiji_doc *doc = NULL, *snap = NULL, *snap2 = NULL;
  kiji_status st;
  const char *j;
  size_t n;
  CALL("kiji_doc_new", (doc = kiji_doc_new()) != NULL, 1);
  CALL("kiji_annotate en",
       (st = kiji_annotate(a, doc, en_text, sizeof en_text - 1, NULL)) == KIJI_OK,
       st == KIJI_ENOMEM && doc_failed(doc));
  EXPECT(complete(doc), "kiji_annotate en: not every kind of result");
  CALL("kiji_doc_json en", (j = kiji_doc_json(doc, "en", 2, &n)) != NULL, 1);
  feed(j, n);
  CALL("kiji_doc_snapshot", (snap = kiji_doc_snapshot(doc)) != NULL, 1);
  CALL("kiji_annotate ja",
       (st = kiji_annotate(a, doc, ja_text, sizeof ja_text - 1, NULL)) == KIJI_OK,
       st == KIJI_ENOMEM && doc_failed(doc));
  EXPECT(complete(doc), "kiji_annotate ja: not every kind of result");
  CALL("kiji_doc_json ja", (j = kiji_doc_json(doc, NULL, 0, &n)) != NULL, 1);
  feed(j, n);
  CALL("kiji_doc_json snapshot", (j = kiji_doc_json(snap, "snap", 4, &n)) != NULL, 1);
  feed(j, n);
  CALL("kiji_doc_snapshot ja", (snap2 = kiji_doc_snapshot(doc)) != NULL, 1);
  CALL("kiji_doc_json snapshot ja", (j = kiji_doc_json(snap2, NULL, 0, &n)) != NULL, 1);
  feed(j, n);
  CALL("kiji_annotate long", (st = kiji_annotate(a, doc, long_text, long_len, NULL)) == KIJI_OK,
       st == KIJI_ENOMEM && doc_failed(doc));
  CALL("kiji_doc_json long", (j = kiji_doc_json(doc, NULL, 0, &n)) != NULL, 1);
  feed(j, n);
  CALL("kiji_annotate many", (st = kiji_annotate(a, doc, many_text, many_len, NULL)) == KIJI_OK,
       st == KIJI_ENOMEM && doc_failed(doc));
  CALL("kiji_doc_json many", (j = kiji_doc_json(doc, NULL, 0, &n)) != NULL, 1);
  feed(j, n);
  CALL("kiji_annotate runs", (st = kiji_annotate(a, doc, runs_text, runs_len, NULL)) == KIJI_OK,
       st == KIJI_ENOMEM && doc_failed(doc));
  CALL("kiji_doc_json runs", (j = kiji_doc_json(doc, NULL, 0, &n)) != NULL, 1);
  feed(j, n);
done:
  kiji_doc_free(snap2);
  kiji_doc_free(snap);
  kiji_doc_free(doc);
  return rep->kind == P_NONE;
}

/* What kiji_annotate_batch delivered: each text's status, and the digest
** of the JSON of those that succeeded (fed once the call succeeds). */
typedef struct batch_seen {
  size_t delivered, ok, nomem, other;
  unsigned long long digest;
} batch_seen;

static int batch_keep(void *ud, size_t index, kiji_status st, kiji_doc *doc) {
  batch_seen *b = ud;
  const char *j;
  size_t n, i;
  if (index != b->delivered++) b->other++;
  if (st == KIJI_ENOMEM && doc_failed(doc)) {
    b->nomem++;
  } else if (st != KIJI_OK) {
    b->other++;
  } else if ((j = kiji_doc_json(doc, NULL, 0, &n)) == NULL) {
    b->nomem++; /* met in the JSON writer, called here: that text alone */
  } else {
    b->ok++;
    for (i = 0; i < n; i++) b->digest = (b->digest ^ (unsigned char)j[i]) * 0x100000001b3ull;
  }
  return 0;
}

/* The batch on one thread (this test starts none): every text delivered,
** a failure met by one text fails that text alone, with KIJI_ENOMEM. The
** docs the annotator keeps for its next batch are dropped after it: each
** run makes its own (and meets their allocations), and leaves no block. */
static kiji_status run_batch(const kiji_str *texts, size_t n, batch_seen *b) {
  kiji_status st;
  memset(b, 0, sizeof *b);
  st = kiji_annotate_batch(shared_annotator, texts, n, NULL, 0, 1, batch_keep, b);
  kiji_ann_spares_drop(kiji_ann_spares_of(shared_annotator));
  return st;
}

static int seq_batch(void) {
  kiji_str texts[3];
  batch_seen b;
  kiji_status st;
  texts[0].ptr = en_text;
  texts[0].len = sizeof en_text - 1;
  texts[1].ptr = ja_text;
  texts[1].len = sizeof ja_text - 1;
  texts[2] = texts[0];
  CALL("kiji_annotate_batch",
       (st = run_batch(texts, 3, &b)) == KIJI_OK && b.ok == 3 && b.delivered == 3,
       (st == KIJI_ENOMEM && b.delivered == 0) ||
           (st == KIJI_OK && b.delivered == 3 && b.other == 0 && b.nomem > 0));
  feed(&b.digest, sizeof b.digest);
done:
  return rep->kind == P_NONE;
}

/* ------------------------------------------------------------ the driver */

typedef struct sequence {
  const char *name;
  int (*run)(void);
} sequence;

static const sequence sequences[] = {
    {"normalizer", seq_norm},          {"segmenter", seq_seg},
    {"dictionary builder", seq_build}, {"dictionary load and scan", seq_scan},
    {"annotator_new", seq_annotator},  {"annotate, json, snapshot", seq_annotate},
    {"annotate_batch", seq_batch},
};

/* Where a crashing child was: whether inside ICU. */
static void place(void *pc) {
  Dl_info info;
  if (!dladdr(pc, &info) || info.dli_fname == NULL) return;
  rep->crash_in_icu = strstr(info.dli_fname, "libicu") != NULL;
  snprintf(rep->crash_where, sizeof rep->crash_where, "%s in %s",
           info.dli_sname ? info.dli_sname : "?", info.dli_fname);
}

/* The faulting instruction when the context tells it (a hang: where it
** spun), else the first frame out of the C library (abort). */
static void on_crash(int sig, siginfo_t *si, void *context) {
  void *frames[32], *pc = NULL;
  int n, i;
  (void)si;
  rep->crashed = sig;
  if (af.failed > 0 && rep->fail_call[0] == '\0') { /* inside the call that met it */
    snprintf(rep->fail_call, sizeof rep->fail_call, "%s", rep->call ? rep->call : "?");
    rep->fail_icu = af.failed_icu;
  }
#if defined(__x86_64__) && defined(REG_RIP)
  pc = (void *)((ucontext_t *)context)->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
  pc = (void *)((ucontext_t *)context)->uc_mcontext.pc;
#else
  (void)context;
#endif
  if (sig != SIGABRT && pc != NULL) {
    place(pc);
  } else {
    n = backtrace(frames, 32);
    for (i = 1; i < n; i++) {
      Dl_info info;
      if (dladdr(frames[i], &info) && info.dli_fname &&
          (strstr(info.dli_fname, "/libc.so") || strstr(info.dli_fname, "/libc-")))
        continue;
      place(frames[i]);
      break;
    }
  }
  signal(sig, SIG_DFL);
  raise(sig);
}

/* One run with the n-th allocation failing (0: none); 1 when it held.
** want: the clean run's digest; base: the live blocks before it (NULL
** while ICU warms up). */
static int run_once(const sequence *q, unsigned long n, int later, const uint64_t *want,
                    const long *base) {
  memset(rep, 0, sizeof *rep);
  digest = 0xcbf29ce484222325ull;
  af_reset(n, later);
  q->run();
  af_disarm();
  rep->call = NULL;
  if (want && digest != *want) problem(P_RESULT, "results differ from the clean run's");
  if (base && af.live_kiji != base[0]) {
    char what[80];
    snprintf(what, sizeof what, "%ld kiji blocks leaked", af.live_kiji - base[0]);
    problem(P_LEAK_KIJI, what);
  }
  if (base && af.live_icu != base[1]) {
    char what[80];
    snprintf(what, sizeof what, "%ld ICU blocks leaked", af.live_icu - base[1]);
    problem(P_LEAK_ICU, what);
  }
  if (n > 0 && af.failed == 0) problem(P_MISSING, "the allocation to fail never came");
  return rep->kind == P_NONE;
}

/* run_once in a child; 0 held, 1 failed, 2 crashed or hung. ICU's
** caches, which a failed allocation may leave half made, stay as the
** clean runs left them for the next run. */
static int run_child(const sequence *q, unsigned long n, int later, uint64_t want,
                     const long *base) {
  static const int crashes[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL, SIGALRM};
  pid_t pid;
  int status;
  fflush(stdout);
  if ((pid = fork()) < 0) {
    memset(rep, 0, sizeof *rep);
    problem(P_CALL, "fork failed");
    return 1;
  }
  if (pid == 0) {
    static char altstack[1 << 16]; /* a stack overflow is a crash too */
    stack_t ss;
    struct sigaction sa;
    size_t i;
    ss.ss_sp = altstack;
    ss.ss_size = sizeof altstack;
    ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_crash;
    sa.sa_flags = SA_ONSTACK | SA_SIGINFO;
    for (i = 0; i < sizeof crashes / sizeof crashes[0]; i++) sigaction(crashes[i], &sa, NULL);
    alarm(10);                                         /* a hang: SIGALRM */
    _exit(run_once(q, n, later, &want, base) ? 0 : 1); /* no exit handlers */
  }
  while (waitpid(pid, &status, 0) < 0) {}
  if (WIFEXITED(status) && WEXITSTATUS(status) <= 1) return WEXITSTATUS(status);
  if (!rep->crashed) rep->crashed = WIFSIGNALED(status) ? WTERMSIG(status) : -1;
  return 2;
}

/* ICU's faults, not kiji's: with ICU's allocation failing, a crash inside
** ICU, blocks ICU leaks on its own error paths, and results ICU got wrong
** while it reported no error (ubrk_next has no error code). */
enum { ICU_CRASH, ICU_LEAK, ICU_SILENT, ICU_NFAULTS };
static const char *const icu_fault_names[ICU_NFAULTS] = {
    "crashes or hangs inside ICU", "leaks inside ICU", "wrong results without an error from ICU"};
static unsigned long icu_faults[ICU_NFAULTS];

static int icu_fault(int r) {
  if (!rep->fail_icu) return -1;
  if (r == 2) return rep->crash_in_icu ? ICU_CRASH : -1;
  if (rep->kind == P_LEAK_ICU) return ICU_LEAK;
  if (rep->kind == P_RESULT && rep->fail_absorbed) return ICU_SILENT;
  return -1;
}

static void describe(char *buf, size_t size, int r, unsigned long n) {
  int at = snprintf(buf, size, "N = %lu, ", n);
  if (at < 0 || (size_t)at >= size) return;
  if (r == 2 && rep->crashed == SIGALRM)
    snprintf(buf + at, size - (size_t)at, "hung in %s",
             rep->crash_where[0] ? rep->crash_where : "?");
  else if (r == 2)
    snprintf(buf + at, size - (size_t)at, "signal %d in %s", rep->crashed,
             rep->crash_where[0] ? rep->crash_where : "?");
  else
    snprintf(buf + at, size - (size_t)at, "%s", rep->problem);
  at = (int)strlen(buf);
  if (rep->fail_call[0])
    snprintf(buf + at, size - (size_t)at, " (the failure: %s's allocation in %s)",
             rep->fail_icu ? "ICU" : "kiji", rep->fail_call);
}

static void sequence_test(tap *t, const sequence *q) {
  static const char *const modes[] = {"alone", "and every later one"};
  unsigned long k, icu, n, from = getenv("AF_N") ? strtoul(getenv("AF_N"), NULL, 10) : 1;
  uint64_t want;
  long base[2], kiji0 = af.live_kiji;
  int later;
  /* two clean runs, here: ICU's caches warm up, then the count */
  if (!run_once(q, 0, 0, NULL, NULL) || af.live_kiji != kiji0) {
    tap_ok(t, 0, "%s: a clean run: %s", q->name, rep->kind ? rep->problem : "kiji blocks leaked");
    return;
  }
  want = digest;
  base[0] = af.live_kiji;
  base[1] = af.live_icu;
  if (!run_once(q, 0, 0, &want, base)) {
    tap_ok(t, 0, "%s: a second clean run: %s", q->name, rep->problem);
    return;
  }
  k = af.count;
  icu = af.icu;
  for (later = 0; later < 2; later++) {
    unsigned long bad = 0, absorbed = 0, faults[ICU_NFAULTS] = {0};
    char first_bad[400] = "", first_absorbed[160] = "", first_fault[ICU_NFAULTS][400];
    for (n = from; n <= k; n++) {
      int r = run_child(q, n, later, want, base), f = r ? icu_fault(r) : -1;
      if (getenv("AF_DEBUG")) {
        char d[400];
        describe(d, sizeof d, r, n);
        fprintf(stderr, "%s %s: r=%d fault=%d %s%s%s\n", q->name, modes[later], r, f, d,
                rep->absorbed ? " absorbed in " : "", rep->absorbed ? rep->fail_call : "");
      }
      if (f >= 0) {
        if (faults[f]++ == 0) describe(first_fault[f], sizeof first_fault[f], r, n);
      } else if (r != 0) {
        if (bad++ == 0) describe(first_bad, sizeof first_bad, r, n);
      } else if (rep->absorbed && absorbed++ == 0) {
        snprintf(first_absorbed, sizeof first_absorbed, "N = %lu, %s's allocation in %s", n,
                 rep->fail_icu ? "ICU" : "kiji", rep->fail_call);
      }
    }
    tap_ok(t, bad == 0,
           "%s: K = %lu allocations (%lu of them ICU's), the N-th failing %s, N = 1..%lu: "
           "reported, retried, results as clean, no leak",
           q->name, k, icu, modes[later], k);
    if (bad) printf("#   %lu runs went wrong, the first: %s\n", bad, first_bad);
    if (absorbed)
      printf("#   %lu failures absorbed, results right: %s\n", absorbed, first_absorbed);
    for (n = 0; n < ICU_NFAULTS; n++)
      if (faults[n]) {
        printf("#   ICU's own fault, %lu runs: %s; the first: %s\n", faults[n], icu_fault_names[n],
               first_fault[n]);
        icu_faults[n] += faults[n];
      }
  }
}

static void make_texts(void) {
  size_t i;
  /* a base letter and 300 combining marks (U+0301, U+0323 in turn) */
  marks_text[marks_len++] = 'e';
  for (i = 0; i < 300; i++) {
    marks_text[marks_len++] = (char)0xCC;
    marks_text[marks_len++] = (char)(i % 2 ? 0x81 : 0xA3);
  }
  memcpy(many_text, "Officials of ", 13);
  many_len = 13;
  for (i = 0; i < 30; i++) {
    memcpy(many_text + many_len, "Reuters, Kyodo, NHK, ", 21);
    many_len += 21;
  }
  memcpy(many_text + many_len, "and the Defense Ministry denied it.", 35);
  many_len += 35;
  memcpy(runs_text, "According to Kyodo,", 19);
  runs_len = 19;
  for (i = 0; i < 60; i++, runs_len += 2) memcpy(runs_text + runs_len, " ,", 2);
  memcpy(runs_text + runs_len, " the plan was dropped", 21);
  runs_len += 21;
  for (i = 0; i < 60; i++, runs_len += 2) memcpy(runs_text + runs_len, " ;", 2);
  runs_text[runs_len++] = '.';
  while (long_len + sizeof en_text < sizeof long_text) {
    memcpy(long_text + long_len, en_text, sizeof en_text - 1);
    long_len += sizeof en_text - 1;
    long_text[long_len++] = ' ';
  }
}

int main(void) {
  tap t = {0, 0};
  kiji_dict_builder *b;
  kiji_error err;
  const kiji_dict *extra[1];
  void *frame[1];
  size_t i;
  unsigned long faults = 0;
  const char *tmp = getenv("TMPDIR");
  if (!tap_ok(&t, af_install_icu(), "ICU's heap goes through the failing allocator"))
    return tap_done(&t);
  rep = mmap(NULL, sizeof *rep, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (!tap_ok(&t, rep != MAP_FAILED, "a page shared with the child runs")) return tap_done(&t);
  backtrace(frame, 1); /* loads what it needs now, not in a crashing child */
  make_texts();
  if (tmp == NULL || *tmp == '\0') tmp = "/tmp";
  snprintf(build_path, sizeof build_path, "%s/kiji-alloc-fail-%ld.dict", tmp, (long)getpid());
  snprintf(scan_path, sizeof scan_path, "%s/kiji-alloc-fail-%ld-scan.dict", tmp, (long)getpid());
  /* the annotators' user dictionary and an annotator, built clean */
  b = kiji_dict_builder_new();
  if (b == NULL || kiji_dict_builder_add_tsv(b, user_tsv, sizeof user_tsv - 1, &err) != KIJI_OK ||
      kiji_dict_compile(b, &user_dict) != KIJI_OK) {
    tap_ok(&t, 0, "the user's dictionary");
    return tap_done(&t);
  }
  kiji_dict_builder_free(b);
  if (!tap_ok(&t, kiji_dict_save(user_dict, scan_path, &err) == KIJI_OK, "a saved dictionary"))
    return tap_done(&t);
  extra[0] = user_dict;
  shared_annotator = kiji_annotator_new(extra, 1, &err);
  if (!tap_ok(&t, shared_annotator != NULL, "an annotator with a user's dictionary"))
    return tap_done(&t);
  for (i = 0; i < sizeof sequences / sizeof sequences[0]; i++)
    if (!getenv("AF_SEQ") || strstr(sequences[i].name, getenv("AF_SEQ")))
      sequence_test(&t, &sequences[i]);
  for (i = 0; i < ICU_NFAULTS; i++) faults += icu_faults[i];
  /* a TODO test: prove shows it, and it fails nothing */
  printf(
      "%sok %d - ICU %s survives the failure of its own allocations # TODO ICU's bugs: "
      "%lu %s, %lu %s, %lu %s\n",
      faults ? "not " : "", ++t.n, U_ICU_VERSION, icu_faults[ICU_CRASH], icu_fault_names[ICU_CRASH],
      icu_faults[ICU_LEAK], icu_fault_names[ICU_LEAK], icu_faults[ICU_SILENT],
      icu_fault_names[ICU_SILENT]);
  kiji_annotator_free(shared_annotator);
  kiji_dict_free(user_dict);
  unlink(build_path);
  unlink(scan_path);
  tap_ok(&t, af.live_kiji == 0, "no kiji block left at the end (%ld)", af.live_kiji);
  return tap_done(&t);
}
