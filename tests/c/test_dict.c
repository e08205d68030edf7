/*
** test_dict.c -- the dictionary: builder, both scan modes, boundaries and
** case, entries and payloads, save/load, every truncation and bit flip of
** an image, crafted images that only the structural checks can refuse,
** 8 threads on one dictionary; and a property test against the
** brute-force reference of dict_ref.h over thousands of random small
** dictionaries and texts, short ones and long ones (which the scan splits
** between four lanes), and over larger dictionaries with long shared
** stems.
**
** Usage: test_dict [ROUNDS]   (random dictionaries; 3000 by default)
** The corruption tests reach into the image through plugin/dict/dict.h.
*/
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dict/dict.h"
#include "dict/lexicon.h"
#include "dict_ref.h"
#include "kiji.h"
#include "tap.h"
#include "base/utf8.h"

/* ------------------------------------------------------------ helpers */

typedef struct spec {
  const char *surface, *kind, *id;
  unsigned flags;
} spec;

static kiji_dict *build(const spec *sp, size_t n) {
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  size_t i;
  for (i = 0; i < n; i++) {
    kiji_entry e;
    memset(&e, 0, sizeof e);
    e.surface = sp[i].surface;
    e.surface_len = strlen(sp[i].surface);
    e.kind = sp[i].kind ? sp[i].kind : "outlet";
    e.id = sp[i].id;
    e.flags = sp[i].flags;
    if (kiji_dict_builder_add(b, &e) != KIJI_OK)
      printf("# add \"%s\": %s\n", sp[i].surface, kiji_dict_builder_error(b));
  }
  if (kiji_dict_compile(b, &d) != KIJI_OK) printf("# compile: %s\n", kiji_dict_builder_error(b));
  kiji_dict_builder_free(b);
  return d;
}

/* The matches as "start-end:entry ..." */
static const char *show(const kiji_dict *d, kiji_scan *s, const char *text, kiji_scan_mode mode) {
  static char buf[1024];
  const kiji_match *m;
  size_t n, i, k = 0;
  if (kiji_dict_scan(d, s, text, strlen(text), mode) != KIJI_OK) return "<error>";
  m = kiji_scan_matches(s, &n);
  buf[0] = '\0';
  for (i = 0; i < n && k < sizeof buf - 40; i++)
    k += (size_t)snprintf(buf + k, sizeof buf - k, "%s%zu-%zu:%zu", i ? " " : "", m[i].start,
                          m[i].end, m[i].entry);
  return buf;
}

static void expect(tap *t, const kiji_dict *d, kiji_scan *s, const char *text, kiji_scan_mode mode,
                   const char *want, const char *what) {
  const char *got = show(d, s, text, mode);
  if (!tap_ok(t, strcmp(got, want) == 0, "%s", what))
    printf("#   text \"%s\": got \"%s\", want \"%s\"\n", text, got, want);
}

/* ------------------------------------------------------------ unit cases */

static void basics(tap *t, kiji_scan *s) {
  static const spec sp[] = {
      {"NHK", "outlet", "nhk", 0},         /* 0 */
      {"AP", "outlet", "ap", 0},           /* 1 */
      {"Asahi", "outlet", "asahi", 0},     /* 2 */
      {"人民日報", "outlet", "renmin", 0}, /* 3 */
      {"ガソリン", "noun", NULL, 0},       /* 4 */
      {"strasse", "noun", NULL, 0},        /* 5 */
      {"平成", "era", NULL, 0},            /* 6 */
  };
  kiji_dict *d = build(sp, sizeof sp / sizeof sp[0]);
  tap_ok(t, d != NULL && kiji_dict_count(d) == 7, "compile 7 entries");
  expect(t, d, s, "ＮＨＫは nhk NHK", KIJI_SCAN_LONGEST, "0-9:0 13-16:0 17-20:0",
         "ＮＨＫ, nhk and NHK all hit NHK");
  expect(t, d, s, "APEC", KIJI_SCAN_ALL, "", "AP not inside APEC");
  expect(t, d, s, "the AP said", KIJI_SCAN_ALL, "4-6:1", "AP between spaces");
  expect(t, d, s, "共同通信はAP通信と", KIJI_SCAN_ALL, "15-17:1", "AP between kana and kanji");
  expect(t, d, s, "ＡＰＥＣ", KIJI_SCAN_ALL, "", "AP not inside full-width APEC");
  expect(t, d, s, "Asahikawa", KIJI_SCAN_ALL, "", "Asahi not inside Asahikawa");
  expect(t, d, s, "Asahi, Asahi.", KIJI_SCAN_ALL, "0-5:2 7-12:2", "Asahi before punctuation");
  expect(t, d, s, "2024人民日報", KIJI_SCAN_ALL, "4-16:3", "人民日報 right after a digit");
  expect(t, d, s, "x人民日報y", KIJI_SCAN_ALL, "1-13:3", "人民日報 between Latin letters");
  expect(t, d, s, "NHKNHK", KIJI_SCAN_ALL, "", "NHK twice without a boundary");
  expect(t, d, s, "ｶﾞｿﾘﾝ代", KIJI_SCAN_ALL, "0-15:4", "half-width katakana with a voicing mark");
  expect(t, d, s, "Straße!", KIJI_SCAN_ALL, "0-7:5", "Straße folds to strasse");
  expect(t, d, s, "Straßenbahn", KIJI_SCAN_ALL, "", "strasse not inside Straßenbahn");
  expect(t, d, s, "㍻3年", KIJI_SCAN_ALL, "0-3:6", "平成 inside the ㍻ ligature");
  expect(t, d, s,
         "\xff"
         "AP\xe3\x81",
         KIJI_SCAN_ALL, "1-3:1", "AP between invalid bytes");
  expect(t, d, s, "", KIJI_SCAN_ALL, "", "empty text");
  kiji_dict_free(d);
}

static void flags(tap *t, kiji_scan *s) {
  static const spec sp[] = {
      {"AP", "outlet", NULL, KIJI_ENTRY_EXACT_CASE},                         /* 0 */
      {"ap", "verb", NULL, KIJI_ENTRY_NO_WORD},                              /* 1 */
      {"日報", "suffix", NULL, KIJI_ENTRY_WORD},                             /* 2 */
      {"Kyodo", "outlet", NULL, KIJI_ENTRY_EXACT_CASE | KIJI_ENTRY_NO_WORD}, /* 3 */
  };
  kiji_dict *d = build(sp, sizeof sp / sizeof sp[0]);
  expect(t, d, s, "AP ap Ap ＡＰ", KIJI_SCAN_ALL, "0-2:0 0-2:1 3-5:1 6-8:1 9-15:0 9-15:1",
         "exact_case: AP and ＡＰ, not ap or Ap");
  expect(t, d, s, "APEC", KIJI_SCAN_ALL, "0-2:1", "no_word matches inside a word");
  expect(t, d, s, "人民日報 x日報 日報y 日報", KIJI_SCAN_ALL, "6-12:2 29-35:2",
         "word forces the check at a CJK end");
  expect(t, d, s, "KyodoNews kyodo", KIJI_SCAN_ALL, "0-5:3", "exact_case with no_word");
  kiji_dict_free(d);
}

static void modes(tap *t, kiji_scan *s) {
  static const spec sp[] = {
      {"Japan", "place", NULL, 0},                               /* 0 */
      {"Japan Times", "outlet", NULL, 0},                        /* 1 */
      {"Times", "outlet", NULL, 0},                              /* 2 */
      {"Japan", "country", NULL, 0},                             /* 3: a duplicate surface */
      {"New York Times", "outlet", NULL, KIJI_ENTRY_EXACT_CASE}, /* 4 */
      {"New York", "place", NULL, 0},                            /* 5 */
      {"ab", NULL, NULL, KIJI_ENTRY_NO_WORD},                    /* 6 */
      {"bc", NULL, NULL, KIJI_ENTRY_NO_WORD},                    /* 7 */
      {"abcd", NULL, NULL, KIJI_ENTRY_NO_WORD},                  /* 8 */
  };
  const char *text = "The Japan Times reported";
  kiji_dict *d = build(sp, sizeof sp / sizeof sp[0]);
  expect(t, d, s, text, KIJI_SCAN_LONGEST, "4-15:1", "longest: Japan Times");
  expect(t, d, s, text, KIJI_SCAN_ALL, "4-9:0 4-9:3 4-15:1 10-15:2",
         "all: nested and overlapping, in text order");
  expect(t, d, s, "Japan!", KIJI_SCAN_LONGEST, "0-5:0 0-5:3",
         "longest reports every entry of a duplicate surface");
  expect(t, d, s, "new york times", KIJI_SCAN_LONGEST, "0-8:5 9-14:2",
         "a candidate filtered out (case) does not block others");
  expect(t, d, s, "New York Times", KIJI_SCAN_LONGEST, "0-14:4",
         "the exact-case entry wins when it matches");
  expect(t, d, s, "xabcdx abcx", KIJI_SCAN_LONGEST, "1-5:8 7-9:6", "leftmost, then longest");
  expect(t, d, s, "xabcdx abcx", KIJI_SCAN_ALL, "1-3:6 1-5:8 2-4:7 7-9:6 8-10:7", "all overlaps");
  kiji_dict_free(d);
}

static void entries_and_errors(tap *t) {
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL, *d2 = NULL;
  kiji_entry e, got;
  static const char payload[] = "p\0a\xffy";
  int ok;
  memset(&e, 0, sizeof e);
  e.surface = "ＮＨＫ";
  e.surface_len = strlen(e.surface);
  e.kind = "outlet";
  e.id = "Q1054";
  e.flags = KIJI_ENTRY_EXACT_CASE;
  e.payload = payload;
  e.payload_len = sizeof payload - 1;
  tap_ok(t, kiji_dict_builder_add(b, &e) == KIJI_OK, "add with id and payload");
  e.surface = "Kyodo";
  e.surface_len = 5;
  e.id = NULL;
  e.payload = NULL;
  e.payload_len = 0;
  e.flags = 0;
  tap_ok(t, kiji_dict_builder_add(b, &e) == KIJI_OK, "add without id and payload");
  tap_ok(t, kiji_dict_compile(b, &d) == KIJI_OK && kiji_dict_count(d) == 2, "compile");
  ok = kiji_dict_entry(d, 0, &got) == KIJI_OK && got.surface_len == strlen("ＮＨＫ") &&
       memcmp(got.surface, "ＮＨＫ", got.surface_len) == 0 && strcmp(got.kind, "outlet") == 0 &&
       got.id && strcmp(got.id, "Q1054") == 0 && got.flags == KIJI_ENTRY_EXACT_CASE &&
       got.payload_len == sizeof payload - 1 && memcmp(got.payload, payload, got.payload_len) == 0;
  tap_ok(t, ok, "entry 0: surface as given, kind, id, flags, payload with NUL bytes");
  ok = kiji_dict_entry(d, 1, &got) == KIJI_OK && got.id == NULL && got.payload == NULL &&
       got.payload_len == 0 && got.flags == 0 && strcmp(got.kind, "outlet") == 0;
  tap_ok(t, ok, "entry 1: no id, no payload");
  tap_ok(t, kiji_dict_entry(d, 2, &got) == KIJI_EINVAL, "entry out of range");
  /* errors keep the builder as it was */
  e.surface = " \t\xe2\x80\x8b";
  e.surface_len = strlen(e.surface);
  tap_ok(t,
         kiji_dict_builder_add(b, &e) == KIJI_EINVAL &&
             strstr(kiji_dict_builder_error(b), "empty") != NULL,
         "a surface empty once normalized: %s", kiji_dict_builder_error(b));
  e.surface = "";
  e.surface_len = 0;
  tap_ok(t, kiji_dict_builder_add(b, &e) == KIJI_EINVAL, "an empty surface");
  e.surface = "a\xc3";
  e.surface_len = 2;
  tap_ok(t, kiji_dict_builder_add(b, &e) == KIJI_EINVAL, "invalid UTF-8: %s",
         kiji_dict_builder_error(b));
  e.surface = "x";
  e.surface_len = 1;
  e.kind = NULL;
  tap_ok(t, kiji_dict_builder_add(b, &e) == KIJI_EINVAL, "no kind: %s", kiji_dict_builder_error(b));
  e.kind = "outlet";
  e.flags = KIJI_ENTRY_WORD | KIJI_ENTRY_NO_WORD;
  tap_ok(t, kiji_dict_builder_add(b, &e) == KIJI_EINVAL, "word and no_word: %s",
         kiji_dict_builder_error(b));
  e.flags = 1u << 7;
  tap_ok(t, kiji_dict_builder_add(b, &e) == KIJI_EINVAL, "unknown flags");
  tap_ok(t, kiji_dict_builder_add(b, NULL) == KIJI_EINVAL, "NULL entry");
  tap_ok(t, kiji_dict_builder_add(NULL, &e) == KIJI_EINVAL, "NULL builder");
  e.flags = 0;
  e.kind = "body";
  tap_ok(t, kiji_dict_builder_add(b, &e) == KIJI_OK, "the builder goes on after errors");
  tap_ok(
      t,
      kiji_dict_compile(b, &d2) == KIJI_OK && kiji_dict_count(d2) == 3 && kiji_dict_count(d) == 2,
      "compile again: a new dictionary, the first one unchanged");
  ok = kiji_dict_entry(d2, 2, &got) == KIJI_OK && strcmp(got.kind, "body") == 0;
  tap_ok(t, ok, "the third entry");
  kiji_dict_free(d2);
  tap_ok(t,
         kiji_dict_compile(b, NULL) == KIJI_EINVAL && kiji_dict_compile(NULL, &d2) == KIJI_EINVAL &&
             d2 == NULL,
         "compile: bad arguments");
  kiji_dict_free(d);
  kiji_dict_builder_free(b);
  {
    kiji_scan *s = kiji_scan_new();
    kiji_dict *empty = build(NULL, 0);
    size_t n = 99;
    tap_ok(t, empty != NULL && kiji_dict_count(empty) == 0, "an empty dictionary compiles");
    tap_ok(t,
           kiji_dict_scan(empty, s, "abc", 3, KIJI_SCAN_ALL) == KIJI_OK &&
               (kiji_scan_matches(s, &n), n == 0),
           "and finds nothing");
    tap_ok(t,
           kiji_dict_scan(NULL, s, "abc", 3, KIJI_SCAN_ALL) == KIJI_EINVAL &&
               kiji_scan_error(s)[0] != '\0',
           "scan without a dictionary: %s", kiji_scan_error(s));
    tap_ok(t, kiji_dict_scan(empty, s, NULL, 3, KIJI_SCAN_ALL) == KIJI_EINVAL, "scan NULL text");
    tap_ok(t, kiji_dict_scan(empty, s, "abc", 3, (kiji_scan_mode)7) == KIJI_EINVAL, "bad mode");
    tap_ok(t, kiji_dict_scan(empty, NULL, "abc", 3, KIJI_SCAN_ALL) == KIJI_EINVAL, "no scanner");
    kiji_dict_free(empty);
    kiji_scan_free(s);
  }
}

/* A bad TSV line adds nothing, even one only the builder would refuse
** (found by fuzz_dict_tsv: word with no_word used to stop half-way). */
static void tsv_all_or_nothing(tap *t) {
  static const char good[] = "NHK\toutlet\tnhk\n# c\r\n\nKyodo\toutlet\t-\tword\tp\n";
  static const char bad[] = "Reuters\toutlet\nx\toutlet\t\tno_word,word\n";
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  kiji_error err;
  kiji_entry got;
  tap_ok(t, kiji_dict_builder_add_tsv(b, good, sizeof good - 1, &err) == KIJI_OK,
         "TSV: two entries");
  tap_ok(t,
         kiji_dict_builder_add_tsv(b, bad, sizeof bad - 1, &err) == KIJI_EINVAL &&
             err.offset == 2 && strcmp(err.message, "line 2: flags word and no_word together") == 0,
         "TSV: word with no_word is refused: %s", err.message);
  tap_ok(t,
         kiji_dict_compile(b, &d) == KIJI_OK && kiji_dict_count(d) == 2 &&
             kiji_dict_entry(d, 1, &got) == KIJI_OK && got.id == NULL &&
             got.flags == KIJI_ENTRY_WORD && got.payload_len == 1,
         "TSV: nothing of the bad text was added; '-' is no id");
  kiji_dict_free(d);
  kiji_dict_builder_free(b);
}

/* A surface that the match form leaves empty (a control character, a
** zero-width joiner) rejects the whole text with its line, as README
** says, and the lines before it are not kept. */
static void tsv_empty_surface(tap *t) {
  static const char bad[] = "NHK\toutlet\tnhk\n\xE2\x80\x8D\x01\toutlet\n";
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  kiji_error err;
  tap_ok(t,
         kiji_dict_builder_add_tsv(b, bad, sizeof bad - 1, &err) == KIJI_EINVAL &&
             err.offset == 2 && strstr(err.message, "line 2") != NULL &&
             strstr(err.message, "empty once normalized") != NULL,
         "TSV: a surface empty once normalized is refused: %s", err.message);
  tap_ok(t, kiji_dict_compile(b, &d) == KIJI_OK && kiji_dict_count(d) == 0,
         "TSV: the line before it is not kept");
  kiji_dict_free(d);
  kiji_dict_builder_free(b);
}

/* Every status has its own message; an unknown one says so. */
static void status_strings(tap *t) {
  static const kiji_status all[] = {KIJI_OK, KIJI_ENOMEM, KIJI_EINVAL, KIJI_EUTF8, KIJI_ETOOBIG};
  size_t i, j;
  int distinct = 1;
  for (i = 0; i < sizeof all / sizeof all[0]; i++)
    for (j = 0; j < i; j++)
      if (strcmp(kiji_status_string(all[i]), kiji_status_string(all[j])) == 0) distinct = 0;
  tap_ok(t,
         distinct && kiji_status_string((kiji_status)999) != NULL &&
             strcmp(kiji_status_string((kiji_status)999), kiji_status_string(KIJI_OK)) != 0,
         "status strings: one each (%s, %s, ...), and one for an unknown status",
         kiji_status_string(KIJI_OK), kiji_status_string(KIJI_ENOMEM));
}

/* Many dictionaries over one normalization. */
static void normalized_once(tap *t, kiji_scan *s) {
  static const spec a[] = {{"NHK", NULL, NULL, 0}}, b[] = {{"ｶﾞｲｱﾂ", NULL, NULL, 0}};
  const char *text = "ＮＨＫは「ガイアツ」を否定";
  kiji_dict *da = build(a, 1), *db = build(b, 1);
  kiji_norm *n = kiji_norm_new();
  const kiji_match *m;
  const char *norm;
  size_t nlen, cnt;
  int ok;
  kiji_normalize(n, text, strlen(text), NULL);
  norm = kiji_norm_text(n, &nlen);
  ok = kiji_dict_scan_normalized(da, s, text, strlen(text), norm, nlen, kiji_norm_map(n),
                                 KIJI_SCAN_LONGEST) == KIJI_OK;
  m = kiji_scan_matches(s, &cnt);
  ok = ok && cnt == 1 && m[0].start == 0 && m[0].end == 9;
  ok = ok && kiji_dict_scan_normalized(db, s, text, strlen(text), norm, nlen, kiji_norm_map(n),
                                       KIJI_SCAN_LONGEST) == KIJI_OK;
  m = kiji_scan_matches(s, &cnt);
  ok = ok && cnt == 1 && m[0].start == 15 && m[0].end == 27;
  tap_ok(t, ok, "two dictionaries, one normalization");
  tap_ok(t,
         kiji_dict_scan_normalized(da, s, text, strlen(text) - 1, norm, nlen, kiji_norm_map(n),
                                   KIJI_SCAN_LONGEST) == KIJI_EINVAL,
         "a map of another text is refused: %s", kiji_scan_error(s));
  kiji_norm_free(n);
  kiji_dict_free(da);
  kiji_dict_free(db);
}

/*
** An entry added twice is one entry (kiji.h), and the reference must
** hold it once too: fuzz_dict_scan-mismatch-1 (tests/fuzz/corpus/
** dict_scan-mismatch-1.bin) added the surface U+0301 TAB "k" twice, kind
** "k", no flags; the builder kept one entry, the reference two, and it
** reported each occurrence twice, once under an entry the dictionary does
** not have.
*/
static void repeated_entry(tap *t, kiji_scan *s) {
  static const spec sp[] = {{"\xcc\x81\tk", "k", NULL, 0}, {"\xcc\x81\tk", "k", NULL, 0}};
  static const char text[] = "\n\xcc\x81\tk\n";
  kiji_dict *d = build(sp, 2);
  kiji_norm *n = kiji_norm_new();
  ref_entry ents[2];
  ref_match c[8], want[8];
  const kiji_match *m;
  size_t nents = 0, i, nc, nw, got;
  int ok = 1;
  for (i = 0; i < 2; i++)
    ref_entry_add(ents, &nents, n, sp[i].surface, strlen(sp[i].surface), sp[i].kind, sp[i].flags);
  tap_ok(t, d != NULL && kiji_dict_count(d) == 1, "an entry added twice is one entry");
  expect(t, d, s, text, KIJI_SCAN_ALL, "1-5:0", "an entry added twice: all, one match");
  expect(t, d, s, text, KIJI_SCAN_LONGEST, "1-5:0", "an entry added twice: longest, one match");
  nc = ref_candidates(ents, nents, text, sizeof text - 1, c, 8);
  ok = nc <= 8;
  if (ok) {
    nw = ref_longest(c, nc, want);
    ok = kiji_dict_scan(d, s, text, sizeof text - 1, KIJI_SCAN_LONGEST) == KIJI_OK;
    m = kiji_scan_matches(s, &got);
    ok = ok && ref_same(m, got, want, nw);
    ref_all(c, nc);
    ok = ok && kiji_dict_scan(d, s, text, sizeof text - 1, KIJI_SCAN_ALL) == KIJI_OK;
    m = kiji_scan_matches(s, &got);
    ok = ok && ref_same(m, got, c, nc);
  }
  if (!tap_ok(t, ok, "an entry added twice: the reference agrees (fuzz_dict_scan-mismatch-1)"))
    printf("#   the reference holds %zu entries, finds %zu matches\n", nents, nc);
  kiji_norm_free(n);
  kiji_dict_free(d);
}

/* ------------------------------------------------------------ random */

typedef struct rng {
  uint64_t s;
  const char *const *alpha; /* the atoms to draw from, or NULL for all */
  size_t nalpha;
} rng;

static uint64_t rnd(rng *r) {
  r->s ^= r->s << 13;
  r->s ^= r->s >> 7;
  r->s ^= r->s << 17;
  return r->s;
}

static size_t below(rng *r, size_t n) { return (size_t)(rnd(r) % n); }

static const char *const ATOMS[] = {"ap",
                                    "AP",
                                    "Ap",
                                    "apec",
                                    "APEC",
                                    "asahi",
                                    "Asahi",
                                    "kawa",
                                    "a",
                                    "b",
                                    "ab",
                                    "ba",
                                    "Times",
                                    "japan",
                                    "Japan",
                                    "nhk",
                                    "x1",
                                    "2024",
                                    "1",
                                    " ",
                                    "  ",
                                    "\t",
                                    "-",
                                    ".",
                                    ",",
                                    "'",
                                    "か",
                                    "が",
                                    "ｶﾞ",
                                    "ｶ",
                                    "ー",
                                    "ｰ",
                                    "カ",
                                    "人民",
                                    "日報",
                                    "日",
                                    "は",
                                    "、",
                                    "「",
                                    "」",
                                    "\xe3\x80\x80",
                                    "ＡＰ",
                                    "ａｐ",
                                    "ＮＨＫ",
                                    "１",
                                    "ｘ",
                                    "ß",
                                    "ss",
                                    "SS",
                                    "İ",
                                    "i\xcc\x87",
                                    "ﬁ",
                                    "fi",
                                    "㍻",
                                    "平成",
                                    "é",
                                    "e\xcc\x81",
                                    "—",
                                    "’",
                                    "\xc2\xad",
                                    "\xe2\x80\x8b",
                                    "Σ",
                                    "σ",
                                    "ς",
                                    "α1"};
static const char *const BAD_ATOMS[] = {"\xff", "\xe3\x81", "\xc0", "\xed\xa0\x80"};
#define NATOMS (sizeof ATOMS / sizeof ATOMS[0])

static size_t random_string(rng *r, char *buf, size_t cap, size_t max_atoms, int invalid) {
  size_t n = 1 + below(r, max_atoms), i, len = 0;
  for (i = 0; i < n; i++) {
    const char *a = invalid && below(r, 30) == 0 ? BAD_ATOMS[below(r, 4)]
                    : r->alpha                   ? r->alpha[below(r, r->nalpha)]
                                                 : ATOMS[below(r, NATOMS)];
    size_t l = strlen(a);
    if (len + l >= cap) break;
    memcpy(buf + len, a, l);
    len += l;
  }
  buf[len] = '\0';
  return len;
}


#define BIG_ENTRIES 400 /* property_big's dictionaries, at most */
#define SURFACE_MAX 256

typedef struct prop {
  rng r;
  kiji_norm *n;
  kiji_scan *s;
  char (*surface)[SURFACE_MAX]; /* BIG_ENTRIES of each */
  ref_entry *ents;
  size_t nents;
  ref_match *cand, *want;
  size_t cap;
  kiji_match *parts; /* parts_agree's matches */
  size_t parts_cap;
  size_t failures, checks, matches;
} prop;

/* Surface sf (len bytes) under kind with flags, added to b and to the
** reference alike: the reference keeps what the builder keeps, an entry
** equal to an earlier one in every field held once. */
static void add_both(prop *p, kiji_dict_builder *b, char *sf, size_t len, const char *kind,
                     unsigned flags) {
  kiji_entry e;
  int want;
  memset(&e, 0, sizeof e);
  e.surface = sf;
  e.surface_len = len;
  e.kind = kind;
  e.flags = flags;
  want = ref_entry_add(p->ents, &p->nents, p->n, sf, len, kind, flags);
  if (want >= 0 && (kiji_dict_builder_add(b, &e) == KIJI_OK) != (want > 0)) p->failures++;
}

/* b compiled (and freed): it must hold what the reference holds. */
static kiji_dict *compile_both(prop *p, kiji_dict_builder *b) {
  kiji_dict *d = NULL;
  kiji_dict_compile(b, &d);
  kiji_dict_builder_free(b);
  if (d && kiji_dict_count(d) != p->nents) p->failures++;
  return d;
}

static kiji_dict *random_dict(prop *p) {
  kiji_dict_builder *b = kiji_dict_builder_new();
  size_t n = 1 + below(&p->r, 8), i;
  static const unsigned fl[] = {0,
                                0,
                                0,
                                KIJI_ENTRY_EXACT_CASE,
                                KIJI_ENTRY_WORD,
                                KIJI_ENTRY_NO_WORD,
                                KIJI_ENTRY_EXACT_CASE | KIJI_ENTRY_NO_WORD};
  p->nents = 0;
  for (i = 0; i < n; i++) {
    char *sf = p->surface[p->nents];
    size_t len = random_string(&p->r, sf, sizeof p->surface[0], 2, 0);
    unsigned flags = fl[below(&p->r, sizeof fl / sizeof fl[0])];
    /* sometimes an earlier surface again, under another kind */
    if (p->nents > 0 && below(&p->r, 8) == 0) {
      memcpy(sf, p->surface[below(&p->r, p->nents)], sizeof p->surface[0]);
      len = strlen(sf);
    }
    add_both(p, b, sf, len, i % 2 ? "a" : "b", flags);
  }
  return compile_both(p, b);
}

/*
** The whole scan in parts, as the annotator makes it window by window:
** kiji_dict_scan_part over [0, nlen) cut at up to five random bytes of
** the normalized text (inside a character too), each key found in the
** part where it starts, its checks made on the whole text; the parts'
** matches one after another are the whole scan's (all mode, the
** reference's nc in p->cand).
*/
static int parts_agree(prop *p, const kiji_dict *d, const char *text, size_t len, size_t nc) {
  size_t nlen, cut[7], ncut = 2 + below(&p->r, 6), i, j, total = 0;
  const char *norm = kiji_norm_text(p->n, &nlen);
  cut[0] = 0;
  for (i = 1; i + 1 < ncut; i++) cut[i] = nlen ? below(&p->r, nlen + 1) : 0;
  cut[ncut - 1] = nlen;
  for (i = 1; i + 1 < ncut; i++) /* sorted: a few, by insertion */
    for (j = i; j > 1 && cut[j - 1] > cut[j]; j--) {
      size_t c = cut[j];
      cut[j] = cut[j - 1];
      cut[j - 1] = c;
    }
  for (i = 0; i + 1 < ncut; i++) {
    const kiji_match *m;
    size_t n;
    if (kiji_dict_scan_part(d, p->s, text, len, norm, nlen, kiji_norm_map(p->n), cut[i], cut[i + 1],
                            KIJI_SCAN_ALL) != KIJI_OK)
      return 0;
    m = kiji_scan_matches(p->s, &n);
    if (total + n > p->parts_cap) {
      p->parts_cap = 2 * (total + n);
      p->parts = realloc(p->parts, p->parts_cap * sizeof *p->parts);
    }
    if (n) memcpy(p->parts + total, m, n * sizeof *m);
    total += n;
  }
  return ref_same(p->parts, total, p->cand, nc);
}

/* Both modes against the reference, the same through
** kiji_dict_scan_normalized, and the whole scan in parts. */
static int check_text(prop *p, const kiji_dict *d, const char *text, size_t len) {
  size_t nc = ref_candidates(p->ents, p->nents, text, len, p->cand, p->cap), nw, n;
  const kiji_match *m;
  const char *norm;
  size_t nlen;
  int ok;
  if (nc > p->cap) {
    p->cap = 2 * nc;
    p->cand = realloc(p->cand, p->cap * sizeof *p->cand);
    p->want = realloc(p->want, p->cap * sizeof *p->want);
    nc = ref_candidates(p->ents, p->nents, text, len, p->cand, p->cap);
  }
  nw = ref_longest(p->cand, nc, p->want);
  if (kiji_dict_scan(d, p->s, text, len, KIJI_SCAN_LONGEST) != KIJI_OK) return 0;
  m = kiji_scan_matches(p->s, &n);
  ok = ref_same(m, n, p->want, nw);
  kiji_normalize(p->n, text, len, NULL);
  norm = kiji_norm_text(p->n, &nlen);
  if (kiji_dict_scan_normalized(d, p->s, text, len, norm, nlen, kiji_norm_map(p->n),
                                KIJI_SCAN_LONGEST) != KIJI_OK)
    return 0;
  m = kiji_scan_matches(p->s, &n);
  ok = ok && ref_same(m, n, p->want, nw);
  ref_all(p->cand, nc);
  if (kiji_dict_scan(d, p->s, text, len, KIJI_SCAN_ALL) != KIJI_OK) return 0;
  m = kiji_scan_matches(p->s, &n);
  p->matches += n;
  return ok && ref_same(m, n, p->cand, nc) && parts_agree(p, d, text, len, nc);
}

static void dump_case(prop *p, const char *text) {
  size_t i;
  printf("#   text \"%s\"\n", text);
  for (i = 0; i < p->nents; i++)
    printf("#   entry %zu \"%s\" flags %u\n", i, p->surface[i], p->ents[i].flags);
}

/*
** Long texts: the scan splits a text of 256 bytes or more between four
** lanes walked side by side, each from the root at its part's start, each
** but the last walking on into the next part for the keys that cross the
** cut; the seams must not lose, double or reorder a match.
*/
static void property_long(tap *t, prop *p, int rounds) {
  size_t cap = 100000, checks = 0, fails = 0, matches0 = p->matches;
  char *text = malloc(cap);
  int i;
  for (i = 0; i < rounds; i++) {
    const char *few[6];
    kiji_dict *d;
    size_t len = 0, j;
    for (j = 0; j < 6; j++) few[j] = ATOMS[below(&p->r, NATOMS)];
    p->r.alpha = few;
    p->r.nalpha = i % 3 ? 6 : 3;
    d = random_dict(p);
    while (len < 20000 + 2000 * (size_t)i)
      len += random_string(&p->r, text + len, cap - len, 40, 1);
    p->r.alpha = NULL;
    if (d == NULL) {
      fails++;
      continue;
    }
    checks++;
    if (!check_text(p, d, text, len)) fails++;
    kiji_dict_free(d);
  }
  tap_ok(t, fails == 0,
         "property, long texts: %zu texts of 20-100 KB, four lanes, both modes, in parts, "
         "%zu matches (all mode) agree with the reference",
         checks, p->matches - matches0);
  free(text);
}

/*
** The word boundaries next to every ASCII byte (the scan reads ASCII
** from a table of its own), against the reference: a key of one entry
** (its checks made where the fast path makes them) and a key of two (in
** occur), with each byte on both sides, in short texts and in one long
** text that the lanes split.
*/
static void property_ascii(tap *t, prop *p) {
  static char sf[3][2] = {"k", "q", "q"};
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d;
  char text[8], *all = malloc(128 * 6);
  size_t fails = 0, n = 0, i;
  p->nents = 0;
  for (i = 0; i < 3; i++) {
    memcpy(p->surface[p->nents], sf[i], 2);
    add_both(p, b, p->surface[p->nents], 1, i == 2 ? "b" : "a", 0);
  }
  d = compile_both(p, b);
  for (i = 0; d && i < 128; i++) {
    char c = (char)i;
    text[0] = text[2] = text[3] = text[5] = c;
    text[1] = 'k';
    text[4] = 'q';
    memcpy(all + n, text, 6);
    n += 6;
    if (!check_text(p, d, text, 6)) fails++;
  }
  if (d == NULL || !check_text(p, d, all, n)) fails++;
  tap_ok(t, fails == 0,
         "property: word boundaries next to each ASCII byte agree with the reference");
  kiji_dict_free(d);
  free(all);
}

/*
** Larger dictionaries, against the reference: up to BIG_ENTRIES entries,
** many of them a few long stems (up to ~200 bytes) and their extensions,
** so that keys share beginnings longer than the compiler's 16-byte sort
** digits, chains run deep past the dense rows, and keys nest; texts of
** 300 bytes to 40 KB made of the same atoms with surfaces planted
** everywhere, cut between the scan's lanes (the keys that cross a cut
** included), in both modes.
*/
static kiji_dict *random_big_dict(prop *p) {
  kiji_dict_builder *b = kiji_dict_builder_new();
  char stems[4][SURFACE_MAX / 2];
  size_t n = 20 + below(&p->r, BIG_ENTRIES - 20), nstems = 1 + below(&p->r, 4), i;
  static const unsigned fl[] = {
      0, 0, 0, KIJI_ENTRY_EXACT_CASE, KIJI_ENTRY_WORD, KIJI_ENTRY_NO_WORD};
  for (i = 0; i < nstems; i++) random_string(&p->r, stems[i], sizeof stems[i], 40, 0);
  p->nents = 0;
  for (i = 0; i < n; i++) {
    char *sf = p->surface[p->nents];
    size_t len = 0;
    unsigned flags = fl[below(&p->r, sizeof fl / sizeof fl[0])];
    if (below(&p->r, 3) != 0) { /* a stem, cut or extended */
      const char *st = stems[below(&p->r, nstems)];
      len = strlen(st);
      if (below(&p->r, 2)) len = 1 + below(&p->r, len);
      memcpy(sf, st, len);
      if (below(&p->r, 2)) len += random_string(&p->r, sf + len, SURFACE_MAX - len, 3, 0);
      sf[len] = '\0';
    } else {
      len = random_string(&p->r, sf, SURFACE_MAX, 3, 0);
    }
    if (p->nents > 0 && below(&p->r, 10) == 0) { /* an earlier surface, another kind */
      memcpy(sf, p->surface[below(&p->r, p->nents)], SURFACE_MAX);
      len = strlen(sf);
    }
    add_both(p, b, sf, len, i % 3 ? "a" : "b", flags);
  }
  return compile_both(p, b);
}

static void property_big(tap *t, prop *p, int rounds) {
  size_t cap = 50000, checks = 0, fails = 0, matches0 = p->matches, states = 0, dense = 0;
  char *text = malloc(cap);
  int i;
  for (i = 0; i < rounds; i++) {
    kiji_dict *d = random_big_dict(p);
    size_t len = 0, want = 300 + below(&p->r, i % 4 ? 4000 : 40000);
    if (d == NULL) {
      fails++;
      continue;
    }
    states += d->nstates;
    dense += d->ndense;
    while (len < want && len + 2 * SURFACE_MAX < cap) {
      if (p->nents && below(&p->r, 3) == 0) {
        const char *sf = p->surface[below(&p->r, p->nents)];
        memcpy(text + len, sf, strlen(sf));
        len += strlen(sf);
      } else {
        len += random_string(&p->r, text + len, cap - len, 6, 1);
      }
    }
    checks++;
    if (!check_text(p, d, text, len)) {
      fails++;
      if (fails == 1)
        printf("#   big round %d: %zu entries, text of %zu bytes\n", i, p->nents, len);
    }
    kiji_dict_free(d);
  }
  tap_ok(t, fails == 0,
         "property, large dictionaries: %zu texts of 0.3-40 KB on dictionaries of up to %d "
         "entries (%zu states, %zu with a dense row), both modes, in parts, %zu matches agree",
         checks, BIG_ENTRIES, states, dense, p->matches - matches0);
  free(text);
}

/*
** A dictionary past what the rows can hold: every word of 1 to 4 letters
** over 14 letters, so that every state but the root reports. The rows
** stop where SLOW would overflow (the reporting states among them and
** their children past them: at most 2^15), far below the budget; the
** scan must still find exactly the words of 4 letters or fewer in a text
** of words of 1 to 6 letters (each a whole word: the longer ones hold
** keys that fail the word check).
*/
static void format_limits(tap *t, kiji_scan *s) {
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  char w[8], *text = malloc(60000);
  size_t i, len = 0, want = 0, n = 0, ok = 1, k;
  const kiji_match *m;
  rng r = {42, NULL, 0};
  for (i = 0; i < 14 + 196 + 2744 + 38416; i++) {
    size_t v = i, l = v < 14 ? 1 : v < 210 ? 2 : v < 2954 ? 3 : 4;
    kiji_entry e;
    v -= l == 1 ? 0 : l == 2 ? 14 : l == 3 ? 210 : 2954;
    for (k = 0; k < l; k++, v /= 14) w[k] = (char)('a' + v % 14);
    memset(&e, 0, sizeof e);
    e.surface = w;
    e.surface_len = l;
    e.kind = "w";
    if (kiji_dict_builder_add(b, &e) != KIJI_OK) ok = 0;
  }
  if (kiji_dict_compile(b, &d) != KIJI_OK) ok = 0;
  kiji_dict_builder_free(b);
  while (ok && len < 50000) {
    size_t l = 1 + below(&r, 6);
    for (k = 0; k < l; k++) text[len++] = (char)('a' + below(&r, 14));
    text[len++] = ' ';
    want += l <= 4;
  }
  if (ok && kiji_dict_scan(d, s, text, len, KIJI_SCAN_ALL) == KIJI_OK) {
    m = kiji_scan_matches(s, &n);
    for (i = 0; i < n; i++) /* each a whole word */
      ok &= (m[i].start == 0 || text[m[i].start - 1] == ' ') && text[m[i].end] == ' ' &&
            m[i].end - m[i].start <= 4 && (i == 0 || m[i - 1].end < m[i].start);
  } else {
    ok = 0;
  }
  tap_ok(t,
         ok && n == want && d->ndense < d->nstates && d->ndense <= DICT_MAX_ROWS &&
             d->nslow <= DICT_MAX_SLOW,
         "a dictionary past the rows' limits: %zu states, %zu with a dense row, %zu slow targets; "
         "%zu of %zu words found",
         d ? d->nstates : 0, d ? d->ndense : 0, d ? d->nslow : 0, n, want);
  kiji_dict_free(d);
  free(text);
}

/*
** The rows' budget (kiji_dict_compile_rows, which the built-in lexicon
** compiles with) changes which states get a dense row, never a match: the
** same entries with the least rows (one: the root's), the usual budget
** and a big one find the same matches on a text of their words, in both
** modes.
*/
static void row_budgets(tap *t, kiji_scan *s) {
  static const size_t budgets[] = {1, 0, (size_t)8 << 20};
  static const char alpha[] = "abcdefghijklmnopqrstuvwxyz0123456789#$%&"; /* 40 classes */
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d[3] = {NULL, NULL, NULL};
  kiji_match *want = NULL;
  char w[8], *text = malloc(40000);
  size_t i, k, len = 0, nwant = 0, n = 0, rows[3] = {0, 0, 0};
  int ok = b != NULL && text != NULL, mode;
  const kiji_match *m;
  rng r = {7, NULL, 0};
  for (i = 0; ok && i < 3000; i++) { /* words of 2 to 5 bytes: more states than rows */
    size_t l = 2 + below(&r, 4);
    kiji_entry e;
    for (k = 0; k < l; k++) w[k] = alpha[below(&r, 40)];
    memset(&e, 0, sizeof e);
    e.surface = w;
    e.surface_len = l;
    e.kind = i % 3 ? "w" : "x";
    e.flags = i % 2 ? KIJI_ENTRY_NO_WORD : 0;
    if (kiji_dict_builder_add(b, &e) != KIJI_OK) ok = 0;
  }
  for (k = 0; ok && k < 3; k++) {
    if (kiji_dict_compile_rows(b, budgets[k], &d[k]) != KIJI_OK) ok = 0;
    if (ok) rows[k] = d[k]->ndense;
  }
  kiji_dict_builder_free(b);
  while (ok && len < 38000) {
    size_t l = 1 + below(&r, 7);
    for (k = 0; k < l; k++) text[len++] = alpha[below(&r, 40)];
    text[len++] = below(&r, 4) ? ' ' : '-';
  }
  for (mode = 0; ok && mode < 2; mode++) {
    kiji_scan_mode sm = mode ? KIJI_SCAN_ALL : KIJI_SCAN_LONGEST;
    for (k = 0; ok && k < 3; k++) {
      if (kiji_dict_scan(d[k], s, text, len, sm) != KIJI_OK) {
        ok = 0;
        break;
      }
      m = kiji_scan_matches(s, &n);
      if (k == 0) {
        free(want);
        want = malloc((n ? n : 1) * sizeof *want);
        if (want == NULL)
          ok = 0;
        else
          memcpy(want, m, n * sizeof *m);
        nwant = n;
      } else if (n != nwant || (n && memcmp(want, m, n * sizeof *m) != 0)) {
        ok = 0;
      }
    }
  }
  tap_ok(t, ok && nwant > 0 && rows[0] == 1 && rows[1] < rows[2],
         "the rows' budget changes no match: %zu, %zu and %zu dense rows, %zu matches alike",
         rows[0], rows[1], rows[2], nwant);
  for (k = 0; k < 3; k++) kiji_dict_free(d[k]);
  free(want);
  free(text);
}

static void property(tap *t, int rounds) {
  static prop p;
  char text[512];
  int i, j, shown = 0;
  memset(&p, 0, sizeof p);
  p.r.s = 0x9E3779B97F4A7C15ull;
  p.n = kiji_norm_new();
  p.s = kiji_scan_new();
  p.cap = 4096;
  p.cand = malloc(p.cap * sizeof *p.cand);
  p.want = malloc(p.cap * sizeof *p.want);
  p.surface = malloc(BIG_ENTRIES * sizeof *p.surface);
  p.ents = malloc(BIG_ENTRIES * sizeof *p.ents);
  for (i = 0; i < rounds; i++) {
    kiji_dict *d, *l = NULL;
    const char *few[5];
    /* every other dictionary: texts and entries from five atoms, so that
    ** matches crowd, nest and overlap */
    p.r.alpha = NULL;
    if (i % 2) {
      for (j = 0; j < 5; j++) few[j] = ATOMS[below(&p.r, NATOMS)];
      p.r.alpha = few;
      p.r.nalpha = 5;
    }
    d = random_dict(&p);
    if (d == NULL) {
      p.failures++;
      continue;
    }
    /* every tenth: the same through a saved image */
    if (i % 10 == 0) {
      kiji_error err;
      if (kiji_dict_load_bytes(d->image, d->size, &l, &err) != KIJI_OK)
        p.failures++;
      else {
        kiji_dict_free(d);
        d = l;
      }
    }
    for (j = 0; j < 6; j++) {
      size_t len = random_string(&p.r, text, sizeof text, 30, 1);
      /* plant an entry's surface in some texts */
      if (p.nents && j % 2 == 0 && len + 80 < sizeof text) {
        const char *sf = p.surface[below(&p.r, p.nents)];
        memmove(text + len / 2 + strlen(sf), text + len / 2, len - len / 2 + 1);
        memcpy(text + len / 2, sf, strlen(sf));
        len += strlen(sf);
      }
      p.checks++;
      if (!check_text(&p, d, text, len)) {
        p.failures++;
        if (shown++ < 3) dump_case(&p, text);
      }
    }
    kiji_dict_free(d);
  }
  tap_ok(t, p.failures == 0,
         "property: %zu texts on %d random dictionaries, both modes, in parts, "
         "%zu matches (all mode) agree with the reference",
         p.checks, rounds, p.matches);
  property_long(t, &p, rounds > 40 ? 40 : rounds);
  property_ascii(t, &p);
  property_big(t, &p, rounds > 60 ? 60 : rounds);
  kiji_norm_free(p.n);
  kiji_scan_free(p.s);
  free(p.cand);
  free(p.want);
  free(p.parts);
  free(p.surface);
  free(p.ents);
}

/* ------------------------------------------------------------ files */

static const char *const SAMPLE_TEXTS[] = {
    "The Japan Times and AP said; ＮＨＫは「ガイアツ」を否定 APEC Asahikawa Asahi 2024人民日報",
    "new york times, New York Times: japan japan times ｔｉｍｅｓ",
    "\xff\xfe broken \xe3\x81 AP\xe3\x80\x80\x61p Straße STRASSE",
};

static const spec SMALL[] = {
    {"NHK", "outlet", "nhk", 0},
    {"AP", "outlet", "ap", KIJI_ENTRY_EXACT_CASE},
    {"Japan", "place", NULL, 0},
    {"Japan Times", "outlet", "jt", 0},
    {"Times", "outlet", NULL, 0},
    {"ガイアツ", "noun", NULL, 0},
    {"人民日報", "outlet", NULL, KIJI_ENTRY_WORD},
    {"strasse", "noun", NULL, KIJI_ENTRY_NO_WORD},
    {"Japan", "country", "jp", 0},
};
#define NSMALL (sizeof SMALL / sizeof SMALL[0])

/* All matches of the sample texts in both modes, as one string. */
static void fingerprint(const kiji_dict *d, kiji_scan *s, char *out, size_t cap) {
  size_t i, k = 0;
  out[0] = '\0';
  for (i = 0; i < sizeof SAMPLE_TEXTS / sizeof SAMPLE_TEXTS[0]; i++) {
    k += (size_t)snprintf(out + k, cap - k, "[%s|", show(d, s, SAMPLE_TEXTS[i], KIJI_SCAN_ALL));
    if (k >= cap) return;
    k += (size_t)snprintf(out + k, cap - k, "%s]", show(d, s, SAMPLE_TEXTS[i], KIJI_SCAN_LONGEST));
    if (k >= cap) return;
  }
}

/* Every entry readable, every scan done: what a loaded image must allow. */
static void exercise(const kiji_dict *d, kiji_scan *s) {
  size_t i, sum = 0;
  char buf[4096];
  for (i = 0; i < kiji_dict_count(d); i++) {
    kiji_entry e;
    if (kiji_dict_entry(d, i, &e) != KIJI_OK) continue;
    sum += e.surface_len + strlen(e.kind) + (e.id ? strlen(e.id) : 0) + e.payload_len;
    if (e.payload_len) sum += (unsigned char)e.payload[e.payload_len - 1];
    if (e.surface_len) sum += (unsigned char)e.surface[e.surface_len - 1];
  }
  fingerprint(d, s, buf, sizeof buf);
  (void)sum;
}

static void files(tap *t, kiji_scan *s) {
  kiji_dict *d = build(SMALL, NSMALL), *l = NULL;
  char path[256], want[4096], got[4096];
  unsigned char *img;
  size_t size, i, rejected = 0, accepted = 0, same = 0;
  kiji_error err;
  int bit, ok = 1;
  snprintf(path, sizeof path, "%s/kiji-test-dict-%ld.kd",
           getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp", (long)getpid());
  fingerprint(d, s, want, sizeof want);
  tap_ok(t, kiji_dict_save(d, path, &err) == KIJI_OK, "save: %s", err.message);
  tap_ok(t, kiji_dict_load(path, &l, &err) == KIJI_OK, "load: %s", err.message);
  if (l) {
    fingerprint(l, s, got, sizeof got);
    tap_ok(t, strcmp(want, got) == 0 && kiji_dict_count(l) == NSMALL, "loaded: same matches");
    tap_ok(t, l->size == d->size && memcmp(l->image, d->image, d->size) == 0,
           "loaded: the same image");
  }
  /* saving over a loaded (mapped) file leaves the loaded one intact */
  tap_ok(t,
         kiji_dict_save(d, path, &err) == KIJI_OK && l != NULL &&
             (fingerprint(l, s, got, sizeof got), strcmp(want, got) == 0),
         "save over a loaded file");
  kiji_dict_free(l);
  l = NULL;
  tap_ok(t,
         kiji_dict_load("/nonexistent/x.kd", &l, &err) == KIJI_EINVAL && l == NULL &&
             err.message[0] != '\0',
         "load a missing file: %s", err.message);
  tap_ok(t, kiji_dict_save(d, "/nonexistent/x.kd", &err) == KIJI_EINVAL,
         "save into a missing directory: %s", err.message);

  size = d->size;
  img = malloc(size);
  memcpy(img, d->image, size);
  for (i = 0; i < size; i++) {
    if (kiji_dict_load_bytes(img, i, &l, &err) == KIJI_OK) {
      ok = 0;
      kiji_dict_free(l);
    }
  }
  tap_ok(t, ok, "every truncation (0..%zu bytes) is rejected", size - 1);
  {
    FILE *f = fopen(path, "wb");
    fwrite(img, 1, size / 2, f);
    fclose(f);
    tap_ok(t, kiji_dict_load(path, &l, &err) == KIJI_EINVAL && strstr(err.message, "truncated"),
           "a truncated file: %s", err.message);
  }
  /* every bit of every byte: the checksum or the header catches it */
  for (i = 0; i < size; i++)
    for (bit = 0; bit < 8; bit++) {
      img[i] ^= (unsigned char)(1u << bit);
      if (kiji_dict_load_bytes(img, size, &l, &err) == KIJI_OK) {
        accepted++;
        kiji_dict_free(l);
      } else {
        rejected++;
      }
      img[i] ^= (unsigned char)(1u << bit);
    }
  tap_ok(t, accepted == 0, "all %zu single-bit flips rejected (%zu accepted)", rejected, accepted);
  /* the same flips with the checksum made right again: the structural
  ** checks must reject, or the image must be safe to use (ASan watches) */
  rejected = accepted = 0;
  for (i = 0; i < size; i++) {
    if (i >= 24 && i < 32) continue; /* the checksum field itself */
    for (bit = 0; bit < 8; bit++) {
      dict_header *h = (dict_header *)img;
      img[i] ^= (unsigned char)(1u << bit);
      h->checksum = kiji_dict_checksum(img, size);
      if (kiji_dict_load_bytes(img, size, &l, &err) == KIJI_OK) {
        accepted++;
        exercise(l, s);
        fingerprint(l, s, got, sizeof got);
        same += strcmp(got, want) == 0;
        kiji_dict_free(l);
      } else {
        rejected++;
      }
      img[i] ^= (unsigned char)(1u << bit);
      h->checksum = kiji_dict_checksum(img, size);
    }
  }
  tap_ok(t, rejected + accepted == (size - 8) * 8,
         "flips with a valid checksum: %zu rejected by the structural checks, %zu usable "
         "(%zu of them scan identically), none crashed",
         rejected, accepted, same);
  {
    FILE *f = fopen(path, "wb");
    fwrite("KIJIDICT", 1, 8, f);
    fclose(f);
    tap_ok(t, kiji_dict_load(path, &l, &err) == KIJI_EINVAL, "an 8-byte file: %s", err.message);
  }
  memcpy(img, d->image, size);
  ((dict_header *)img)->version = 99;
  tap_ok(t,
         kiji_dict_load_bytes(img, size, &l, &err) == KIJI_EINVAL && strstr(err.message, "version"),
         "another format version: %s", err.message);
  tap_ok(t, kiji_dict_load_bytes(NULL, 0, &l, &err) == KIJI_EINVAL, "no bytes");
  free(img);
  unlink(path);
  kiji_dict_free(d);
}

/* Load a copy of d's image changed by fix (checksum made right again). */
static kiji_status load_changed(const kiji_dict *d,
                                void (*fix)(unsigned char *img, const kiji_dict *d),
                                kiji_dict **out, kiji_error *err) {
  unsigned char *img = malloc(d->size);
  kiji_status st;
  memcpy(img, d->image, d->size);
  fix(img, d);
  ((dict_header *)img)->checksum = kiji_dict_checksum(img, d->size);
  st = kiji_dict_load_bytes(img, d->size, out, err);
  free(img);
  return st;
}

#define AT(img, d, ptr) ((img) + ((const unsigned char *)(ptr) - (d)->image))

static void fail_loop(unsigned char *img, const kiji_dict *d) {
  ((dict_state *)AT(img, d, d->st))[3].fail = 3;
}
static void edge_back(unsigned char *img, const kiji_dict *d) {
  ((dict_state *)AT(img, d, d->st))[2].first = 0;
}
static void stray_bit(unsigned char *img, const kiji_dict *d) {
  ((dict_state *)AT(img, d, d->st))[5].first |= DICT_NFA;
}
static void out_range(unsigned char *img, const kiji_dict *d) {
  ((uint32_t *)AT(img, d, d->out))[0] = (uint32_t)d->nentries;
}
static void chain_up(unsigned char *img, const kiji_dict *d) {
  ((dict_rec *)AT(img, d, d->rec))[1].down = 2;
}
static void depth_zero(unsigned char *img, const kiji_dict *d) {
  ((dict_rec *)AT(img, d, d->rec))[0].key &= ~DICT_MAX_KEY;
}
static void dense_range(unsigned char *img, const kiji_dict *d) {
  ((uint16_t *)AT(img, d, d->dense))[7] = (uint16_t)d->ndense;
}
static void dense_slow(unsigned char *img, const kiji_dict *d) {
  ((uint16_t *)AT(img, d, d->dense))[7] = (uint16_t)(DICT_ROW_SLOW | d->nslow);
}
static void slow_range(unsigned char *img, const kiji_dict *d) {
  ((uint32_t *)AT(img, d, d->slow))[0] = DICT_NFA | (uint32_t)d->nstates;
}
static void slow_row(unsigned char *img, const kiji_dict *d) {
  ((uint32_t *)AT(img, d, d->slow))[0] = (uint32_t)d->ndense;
}
static void slow_bit(unsigned char *img, const kiji_dict *d) {
  ((uint32_t *)AT(img, d, d->slow))[0] |= 1u << 29;
}
static void class_range(unsigned char *img, const kiji_dict *d) {
  AT(img, d, d->cls)['a'] = (unsigned char)d->nclasses;
}
static void ent_len(unsigned char *img, const kiji_dict *d) {
  ((dict_ent *)AT(img, d, d->ent))[1].surface_len = 1000000;
}
static void ent_flag(unsigned char *img, const kiji_dict *d) {
  ((dict_ent *)AT(img, d, d->ent))[0].info |= 0x80;
}
static void ent_kind(unsigned char *img, const kiji_dict *d) {
  ((dict_ent *)AT(img, d, d->ent))[0].info += (uint32_t)d->nkinds << 8;
}
static void ent_exact(unsigned char *img, const kiji_dict *d) {
  ((dict_ent *)AT(img, d, d->ent))[1].info ^= KIJI_ENTRY_EXACT_CASE; /* entry 1 is exact_case */
}
static void kind_off(unsigned char *img, const kiji_dict *d) {
  ((dict_kind *)AT(img, d, d->kind))[0].off = (uint32_t)d->pool_size;
}
static void rec_flag(unsigned char *img, const kiji_dict *d) {
  ((dict_rec *)AT(img, d, d->rec))[0].key |= 1u << 30;
}
static void rank_off(unsigned char *img, const kiji_dict *d) {
  ((uint32_t *)AT(img, d, d->rank))[1] += 1;
}
static void id_nul(unsigned char *img, const kiji_dict *d) {
  const dict_ent *e = &d->ent[0]; /* "NHK", id "nhk" */
  AT(img, d, d->pool)[e->off + e->surface_len + e->id_len] = 'x';
}

/* Images with a right checksum and a wrong structure: rejected, naming
** what is wrong. */
static void structure(tap *t) {
  static const struct {
    void (*fix)(unsigned char *, const kiji_dict *);
    const char *what;
  } cases[] = {
      {fail_loop, "a failure link to itself"},
      {edge_back, "edges going back"},
      {stray_bit, "a stray bit in a state"},
      {out_range, "an output past the entries"},
      {chain_up, "an output chain going up"},
      {depth_zero, "a record of depth 0"},
      {dense_range, "a dense target past the rows"},
      {dense_slow, "a row entry past the slow targets"},
      {slow_range, "a slow target past the states"},
      {slow_row, "a slow target past the rows"},
      {slow_bit, "a stray bit in a slow target"},
      {class_range, "a byte class past the classes"},
      {ent_len, "a surface past the pool"},
      {ent_flag, "an unknown entry flag"},
      {ent_kind, "a kind past the kinds"},
      {ent_exact, "an exact-case flag without an exact form"},
      {kind_off, "a kind past the pool"},
      {rank_off, "a wrong rank"},
      {rec_flag, "an unknown record flag"},
  };
  kiji_dict *d = build(SMALL, NSMALL), *l = NULL;
  kiji_error err;
  kiji_entry e;
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    kiji_status st = load_changed(d, cases[i].fix, &l, &err);
    tap_ok(t, st == KIJI_EINVAL && l == NULL && strstr(err.message, "corrupt") != NULL,
           "rejected: %s (%s)", cases[i].what, err.message);
    kiji_dict_free(l);
    l = NULL;
  }
  tap_ok(t,
         load_changed(d, id_nul, &l, &err) == KIJI_OK && kiji_dict_entry(l, 0, &e) == KIJI_EINVAL &&
             kiji_dict_entry(l, 2, &e) == KIJI_OK,
         "an id without its NUL: that entry is refused when read");
  kiji_dict_free(l);
  kiji_dict_free(d);
}

static void checksum(tap *t) {
  static const char abc[] = "abc", long_text[] = "Nobody inspects the spammish repetition";
  tap_ok(t, kiji_xxh64("", 0) == 0xEF46DB3751D8E999ull, "XXH64 of the empty string");
  tap_ok(t, kiji_xxh64(abc, 3) == 0x44BC2CF5AD770999ull, "XXH64 of \"abc\"");
  tap_ok(t, kiji_xxh64(long_text, sizeof long_text - 1) == 0xFBCEA83C8A378BF1ull,
         "XXH64 of a 39-byte string");
}

/* ------------------------------------------------------------ threads */

#define NTHREADS 8

typedef struct job {
  const kiji_dict *d;
  const char *text;
  size_t len;
  const kiji_match *want;
  size_t nwant;
  int ok;
} job;

static void *thread_main(void *arg) {
  job *j = arg;
  kiji_scan *s = kiji_scan_new();
  int r;
  j->ok = s != NULL;
  for (r = 0; r < 6 && j->ok; r++) {
    const kiji_match *m;
    size_t n;
    kiji_scan_mode mode = r % 2 ? KIJI_SCAN_ALL : KIJI_SCAN_LONGEST;
    if (kiji_dict_scan(j->d, s, j->text, j->len, mode) != KIJI_OK) {
      j->ok = 0;
      break;
    }
    m = kiji_scan_matches(s, &n);
    if (mode == KIJI_SCAN_LONGEST && (n != j->nwant || memcmp(m, j->want, n * sizeof *m) != 0))
      j->ok = 0;
  }
  kiji_scan_free(s);
  return NULL;
}

static void threads(tap *t) {
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  kiji_scan *s = kiji_scan_new();
  rng r = {12345, NULL, 0};
  char *text = malloc(60000), buf[64];
  size_t len = 0, i, n;
  pthread_t th[NTHREADS];
  job jobs[NTHREADS];
  const kiji_match *m;
  kiji_match *want;
  int ok = 1;
  for (i = 0; i < 3000; i++) {
    kiji_entry e;
    memset(&e, 0, sizeof e);
    e.surface_len = random_string(&r, buf, sizeof buf, 3, 0);
    e.surface = buf;
    e.kind = "k";
    kiji_dict_builder_add(b, &e);
  }
  kiji_dict_compile(b, &d);
  while (len < 50000) len += random_string(&r, text + len, 60000 - len, 40, 1);
  kiji_dict_scan(d, s, text, len, KIJI_SCAN_LONGEST);
  m = kiji_scan_matches(s, &n);
  want = malloc(n * sizeof *want + 1);
  memcpy(want, m, n * sizeof *want);
  for (i = 0; i < NTHREADS; i++) {
    jobs[i].d = d;
    jobs[i].text = text;
    jobs[i].len = len;
    jobs[i].want = want;
    jobs[i].nwant = n;
    jobs[i].ok = 0;
    if (pthread_create(&th[i], NULL, thread_main, &jobs[i]) != 0) ok = 0;
  }
  for (i = 0; i < NTHREADS; i++) {
    pthread_join(th[i], NULL);
    ok = ok && jobs[i].ok;
  }
  tap_ok(t, ok && n > 100, "%d threads scan one dictionary at once: %zu matches each, as alone",
         NTHREADS, n);
  free(want);
  free(text);
  kiji_scan_free(s);
  kiji_dict_free(d);
  kiji_dict_builder_free(b);
}

/* The built-in images: kiji_dict_load_builtin reads their headers only, so
** they must pass the whole check (checksum and every index) as a saved
** image does, and give what the library loads; a wrong header is still
** refused. */
static void builtin_images(tap *t) {
  static const struct {
    const char *name;
    const char *image;
    const size_t *size;
    kiji_status (*load)(kiji_dict **, kiji_error *);
  } img[] = {{"lexicon", kiji_lexicon_image, &kiji_lexicon_image_size, kiji_lexicon_load},
             {"rules' words", kiji_lexicon_words_image, &kiji_lexicon_words_image_size,
              kiji_lexicon_words_load}};
  size_t i;
  for (i = 0; i < sizeof img / sizeof img[0]; i++) {
    kiji_dict *whole = NULL, *builtin = NULL, *bad = NULL;
    kiji_error err;
    char *copy = malloc(*img[i].size);
    int checked = kiji_dict_load_bytes(img[i].image, *img[i].size, &whole, &err) == KIJI_OK;
    tap_ok(t, checked, "the built-in %s image passes the whole check%s%s", img[i].name,
           checked ? "" : ": ", checked ? "" : err.message);
    tap_ok(t,
           img[i].load(&builtin, &err) == KIJI_OK && whole != NULL &&
               kiji_dict_count(builtin) == kiji_dict_count(whole) && kiji_dict_count(whole) > 0,
           "the built-in %s loads with the same entries", img[i].name);
    if (copy != NULL) {
      memcpy(copy, img[i].image, *img[i].size);
      copy[0] ^= 0x20; /* the magic */
      tap_ok(t,
             kiji_dict_load_builtin(copy, *img[i].size, &bad, &err) == KIJI_EINVAL && bad == NULL,
             "a built-in %s image with a wrong header is refused", img[i].name);
    }
    free(copy);
    kiji_dict_free(whole);
    kiji_dict_free(builtin);
  }
}

int main(int argc, char **argv) {
  tap t = {0, 0};
  kiji_scan *s = kiji_scan_new();
  int rounds = argc > 1 ? atoi(argv[1]) : 3000;
  basics(&t, s);
  flags(&t, s);
  modes(&t, s);
  entries_and_errors(&t);
  tsv_all_or_nothing(&t);
  tsv_empty_surface(&t);
  status_strings(&t);
  normalized_once(&t, s);
  repeated_entry(&t, s);
  checksum(&t);
  builtin_images(&t);
  files(&t, s);
  structure(&t);
  format_limits(&t, s);
  row_budgets(&t, s);
  property(&t, rounds);
  threads(&t);
  kiji_scan_free(s);
  return tap_done(&t);
}
