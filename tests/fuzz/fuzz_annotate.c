/*
** fuzz_annotate.c -- libFuzzer target for kiji_annotate, the document it
** builds, its snapshot and its JSON.
**
** Input: byte 0 picks the options -- bits 0-1: lang (mod 3: AUTO, EN, JA),
** bit 2: invalid = error, bit 3: go through a snapshot (taken, then the
** document annotates another text before the snapshot is checked), bit 4:
** the JSON gets an id (the first 16 bytes of the text, any bytes), bit 5:
** NULL options when the others are the defaults, bit 6: a fresh document
** (kiji_doc_new for this input alone) instead of the reused one -- and the
** rest is the text (any bytes: NUL, ill-formed UTF-8), copied to a block
** of its own so that ASan catches a read on either side. A violation of any
** of these stops the run with __builtin_trap():
**   - the status is KIJI_OK, or KIJI_EUTF8 exactly when invalid == error
**     and the text is ill-formed (an independent validator decides), with
**     the first ill-formed offset, a message and no results left over;
**   - every range of every result (sentences; mentions and their title and
**     person; denial cue, by and claim; attribution cue, source and claim)
**     has start <= end <= len with both ends on a character boundary as
**     kiji decodes the text (a character, or one maximal subpart of an
**     ill-formed sequence), or is absent (start == end == KIJI_NONE) where
**     the API allows it: a mention's title and person, a denial's by and
**     claim, an attribution's source and claim;
**   - sentences are in order and disjoint; mentions are in start order,
**     each inside its sentence, of a known kind and subtype, with a
**     two-letter upper-case country when it has one; every index
**     (sentence, by_mention, reported_by, source_mention) is in range or
**     KIJI_NONE where that is allowed; the document's language is one of
**     EN, JA, MIXED: EN when EN was asked for, JA when JA was (and some
**     sentence is not empty);
**   - kiji_doc_json is one valid JSON value in valid UTF-8 (json_check.h),
**     NUL-terminated, starting {"kiji":2, and holding "bytes":<len>;
**   - a snapshot passes the same checks after the document has moved on,
**     and its JSON equals the document's.
**
** The annotator and the document are static and built on the first call,
** as is usual in a fuzz target (one process, one input at a time; building
** the annotator loads the lexicon and opens ICU, far too slow per input).
** Reusing one document across inputs exercises its scratch reuse; bit 6
** exercises a new document's empty buffers (annotate-crash-1.txt and
** annotate-crash-2.txt in the corpus: qsort and pointer arithmetic on a
** never-grown NULL buffer, which UBSan stops at).
**
** Run:       make fuzz FUZZ_SECONDS=120
**            (dictionary: -dict=tests/fuzz/annotate.dict)
** Reproduce: build/fuzz/fuzz_annotate crash-<sha1>
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json_check.h"
#include "kiji.h"
#include "base/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                     \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      fprintf(stderr, "fuzz_annotate: check failed at line %d: %s\n", __LINE__, #cond); \
      __builtin_trap();                                                                 \
    }                                                                                   \
  } while (0)

#define ID_MAX 16

static kiji_annotator *ann;
static kiji_doc *doc;

/* bounds[i]: kiji's decoder starts a character (or an ill-formed subpart)
** at byte i of the text; bounds[len] is set too. */
static unsigned char *bounds;
static size_t bounds_cap;

/* A text the document annotates after a snapshot, so that its buffers are
** rewritten while the snapshot is checked. */
static const char other_text[] =
    "TOKYO (Kyodo) -- Japan's Defense Ministry denied the report, a spokesman said. "
    "政府は「事実はない」と否定した。";

static void mark_bounds(const unsigned char *s, size_t len) {
  size_t p, cl;
  if (bounds_cap < len + 1) {
    free(bounds);
    bounds_cap = len + 1;
    bounds = malloc(bounds_cap);
  }
  CHECK(bounds != NULL);
  memset(bounds, 0, len + 1);
  for (p = 0; p < len; p += cl) {
    bounds[p] = 1;
    (void)kiji_utf8_decode(s + p, len - p, &cl);
    CHECK(cl >= 1);
  }
  bounds[len] = 1;
}

static void check_range(kiji_range r, size_t len, int may_be_absent) {
  if (r.start == KIJI_NONE) {
    CHECK(may_be_absent);
    CHECK(r.end == KIJI_NONE);
    return;
  }
  CHECK(r.start <= r.end);
  CHECK(r.end <= len);
  CHECK(bounds[r.start]);
  CHECK(bounds[r.end]);
}

static void check_index(size_t i, size_t n, int may_be_none) {
  if (i == KIJI_NONE)
    CHECK(may_be_none);
  else
    CHECK(i < n);
}

static int is_one_of(const char *s, const char *const *list) {
  for (; *list; list++)
    if (strcmp(s, *list) == 0) return 1;
  return 0;
}

static void check_str(kiji_str s) {
  if (s.ptr == NULL) return;
  CHECK(json_utf8_first_invalid((const unsigned char *)s.ptr, s.len) == s.len);
}

/* Everything the accessors of d return, against the text of len bytes
** (bounds already marked). */
static void check_doc(const kiji_doc *d, size_t len, const kiji_annotate_options *opts) {
  static const char *const official_sub[] = {"body", "person", "group", NULL};
  static const char *const outlet_sub[] = {"agency", "newspaper", "broadcaster", "magazine",
                                           "online", "handle",    NULL};
  size_t ns, nm, nd, na, i, nonempty = 0;
  const kiji_range *s = kiji_doc_sentences(d, &ns);
  const kiji_mention *m = kiji_doc_mentions(d, &nm);
  const kiji_denial *dn = kiji_doc_denials(d, &nd);
  const kiji_attribution *at = kiji_doc_attributions(d, &na);
  kiji_lang lang = kiji_doc_lang(d);

  CHECK(ns == 0 || s != NULL);
  CHECK(nm == 0 || m != NULL);
  CHECK(nd == 0 || dn != NULL);
  CHECK(na == 0 || at != NULL);

  for (i = 0; i < ns; i++) {
    check_range(s[i], len, 0);
    if (i > 0) CHECK(s[i].start >= s[i - 1].end);
    nonempty += s[i].end > s[i].start;
  }

  for (i = 0; i < nm; i++) {
    check_range(m[i].span, len, 0);
    check_range(m[i].title, len, 1);
    check_range(m[i].person, len, 1);
    check_index(m[i].sentence, ns, 0);
    CHECK(m[i].span.start >= s[m[i].sentence].start);
    CHECK(m[i].span.end <= s[m[i].sentence].end);
    if (i > 0) CHECK(m[i].span.start >= m[i - 1].span.start);
    CHECK(m[i].kind == KIJI_KIND_OFFICIAL || m[i].kind == KIJI_KIND_OUTLET);
    CHECK(m[i].subtype != NULL);
    CHECK(is_one_of(m[i].subtype, m[i].kind == KIJI_KIND_OFFICIAL ? official_sub : outlet_sub));
    check_str(m[i].id);
    check_str(m[i].name);
    check_str(m[i].country);
    if (m[i].country.ptr != NULL)
      CHECK(m[i].country.len == 2 && m[i].country.ptr[0] >= 'A' && m[i].country.ptr[0] <= 'Z' &&
            m[i].country.ptr[1] >= 'A' && m[i].country.ptr[1] <= 'Z');
  }

  for (i = 0; i < nd; i++) {
    check_range(dn[i].cue, len, 0);
    check_range(dn[i].by, len, 1);
    check_range(dn[i].claim, len, 1);
    check_index(dn[i].by_mention, nm, 1);
    check_index(dn[i].reported_by, nm, 1);
    check_index(dn[i].sentence, ns, 0);
  }

  for (i = 0; i < na; i++) {
    check_range(at[i].cue, len, 0);
    check_range(at[i].source, len, 1);
    check_range(at[i].claim, len, 1);
    check_index(at[i].source_mention, nm, 1);
    check_index(at[i].sentence, ns, 0);
  }

  CHECK(lang == KIJI_LANG_EN || lang == KIJI_LANG_JA || lang == KIJI_LANG_MIXED);
  if (opts->lang == KIJI_LANG_EN) CHECK(lang == KIJI_LANG_EN);
  if (opts->lang == KIJI_LANG_JA && nonempty > 0) CHECK(lang == KIJI_LANG_JA);
}

/* Does j[0..n) hold "bytes":<len> as a whole number? */
static int has_bytes(const char *j, size_t n, size_t len) {
  char want[48];
  int k = snprintf(want, sizeof want, "\"bytes\":%zu", len);
  size_t i, w = (size_t)k;
  for (i = 0; i + w <= n; i++)
    if (memcmp(j + i, want, w) == 0 && (i + w == n || j[i + w] < '0' || j[i + w] > '9')) return 1;
  return 0;
}

static void check_json(const char *j, size_t n, size_t len) {
  CHECK(j != NULL);
  CHECK(j[n] == '\0');
  CHECK(json_check(j, n));
  CHECK(n >= 10 && memcmp(j, "{\"kiji\":2,", 10) == 0);
  CHECK(has_bytes(j, n, len));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static char *saved;
  static size_t saved_cap;
  kiji_annotate_options opts = KIJI_ANNOTATE_OPTIONS_INIT;
  const kiji_annotate_options *use;
  const unsigned char *text;
  unsigned char *copy;
  kiji_doc *d;
  const char *id, *j;
  size_t len, bad, id_len, jn, nres;
  kiji_status st;
  unsigned b;

  if (size < 1) return 0;
  if (ann == NULL) {
    kiji_error err;
    ann = kiji_annotator_new(NULL, 0, &err);
    doc = kiji_doc_new();
  }
  CHECK(ann != NULL && doc != NULL);

  b = data[0];
  opts.lang = (kiji_lang)((b & 3u) % 3u);
  opts.invalid = (b >> 2) & 1u ? KIJI_INVALID_ERROR : KIJI_INVALID_REPLACE;
  use = ((b >> 5) & 1u) && opts.lang == KIJI_LANG_AUTO && opts.invalid == KIJI_INVALID_REPLACE
            ? NULL
            : &opts;
  /* the text in a block of its own, so that ASan sees a read before it too */
  len = size - 1;
  copy = malloc(len ? len : 1);
  CHECK(copy != NULL);
  memcpy(copy, data + 1, len);
  text = copy;
  id_len = len < ID_MAX ? len : ID_MAX;
  id = (b >> 4) & 1u ? (const char *)text : NULL;
  d = doc;
  if ((b >> 6) & 1u) {
    d = kiji_doc_new();
    CHECK(d != NULL);
  }

  st = kiji_annotate(ann, d, (const char *)text, len, use);
  bad = json_utf8_first_invalid(text, len);

  if (opts.invalid == KIJI_INVALID_ERROR && bad < len) {
    CHECK(st == KIJI_EUTF8);
    CHECK(kiji_doc_error_offset(d) == bad);
    CHECK(kiji_doc_error(d)[0] != '\0');
    kiji_doc_sentences(d, &nres);
    CHECK(nres == 0);
    kiji_doc_mentions(d, &nres);
    CHECK(nres == 0);
    kiji_doc_denials(d, &nres);
    CHECK(nres == 0);
    kiji_doc_attributions(d, &nres);
    CHECK(nres == 0);
    goto out;
  }
  CHECK(st == KIJI_OK);
  CHECK(kiji_doc_error(d)[0] == '\0' && kiji_doc_error_offset(d) == 0);

  mark_bounds(text, len);
  check_doc(d, len, &opts);
  j = kiji_doc_json(d, id, id_len, &jn);
  check_json(j, jn, len);

  if ((b >> 3) & 1u) {
    kiji_doc *snap;
    const char *sj;
    size_t sn;
    if (saved_cap < jn + 1) {
      free(saved);
      saved_cap = jn + 1;
      saved = malloc(saved_cap);
    }
    CHECK(saved != NULL);
    memcpy(saved, j, jn + 1);
    snap = kiji_doc_snapshot(d);
    CHECK(snap != NULL);
    /* the document moves on: its results and JSON are rewritten */
    CHECK(kiji_annotate(ann, d, other_text, sizeof other_text - 1, NULL) == KIJI_OK);
    CHECK(kiji_doc_json(d, NULL, 0, NULL) != NULL);
    check_doc(snap, len, &opts);
    sj = kiji_doc_json(snap, id, id_len, &sn);
    check_json(sj, sn, len);
    CHECK(sn == jn && memcmp(sj, saved, jn) == 0);
    kiji_doc_free(snap);
  }
out:
  if (d != doc) kiji_doc_free(d);
  free(copy);
  return 0;
}
