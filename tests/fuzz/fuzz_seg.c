/*
** fuzz_seg.c -- libFuzzer target for kiji_sentences and kiji_words.
**
** Input: byte 0 picks the options -- bits 0-1: locale (AUTO, EN, JA,
** ROOT), bit 2: news rules, bit 3: all segments, bit 4: invalid = error,
** bit 5: kiji_words before kiji_sentences -- and the rest is the text (any
** bytes: NUL, ill-formed UTF-8). Both functions run on it, each twice.
** A violation of any of these stops the run with __builtin_trap():
**   - the status is KIJI_OK, or KIJI_EUTF8 exactly when invalid == error
**     and the text is ill-formed, with the first ill-formed offset (an
**     independent validator decides) and no spans;
**   - spans are in order, inside the text, non-empty, non-overlapping,
**     and start and end on character boundaries (each maximal subpart of
**     an ill-formed sequence is one character, as everywhere in kiji);
**   - sentences without news rules, and words with all segments, tile the
**     text; words without all segments are exactly the segments whose tag
**     is not NONE; sentence tags are 0, word tags 0..KIJI_WORD_IDEO;
**   - sentences with news rules neither start nor end with white space (or
**     U+FEFF), and every other character of the text lies in one of them;
**   - the same call again gives the same spans (the scratch is reused).
**
** The segmenter and scratch are static, as usual in a fuzz target (one
** process, one input at a time); the library itself keeps no state.
**
** Run:       make fuzz FUZZ_SECONDS=120
** Reproduce: build/fuzz/fuzz_seg crash-<sha1>
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "kiji.h"
#include "base/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                \
  do {                                                                             \
    if (!(cond)) {                                                                 \
      fprintf(stderr, "fuzz_seg: check failed at line %d: %s\n", __LINE__, #cond); \
      __builtin_trap();                                                            \
    }                                                                              \
  } while (0)

static kiji_segmenter *sg;
static kiji_seg *seg;

/* ------------------------------------------------------------ the text */

/*
** An independent well-formedness check (Unicode table 3-7 restated as
** "decode, then reject overlong forms, surrogates and > U+10FFFF"): the
** length of the well-formed character at s[0..n), or 0.
*/
static size_t wf_char(const unsigned char *s, size_t n, int32_t *cp) {
  static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
  unsigned b = s[0];
  size_t k, i;
  uint32_t c;
  if (b < 0x80) {
    *cp = (int32_t)b;
    return 1;
  }
  k = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
  if (k == 0 || b > 0xF4 || k > n) return 0;
  c = b & (0x7Fu >> k);
  for (i = 1; i < k; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    c = c << 6 | (s[i] & 0x3Fu);
  }
  if (c < min[k] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = (int32_t)c;
  return k;
}

typedef struct text {
  const unsigned char *s;
  size_t len;
  size_t bad;           /* the first ill-formed offset, or len */
  unsigned char *bound; /* [len + 1]: a character starts (or the text ends) here */
  unsigned char *space; /* [len]: the character starting here is White_Space */
} text;

static void read_text(text *t) {
  size_t p = 0, l;
  int32_t c;
  t->bad = t->len;
  memset(t->bound, 0, t->len + 1);
  memset(t->space, 0, t->len);
  while (p < t->len) {
    size_t k = wf_char(t->s + p, t->len - p, &c);
    t->bound[p] = 1;
    if (k == 0) {
      if (t->bad == t->len) t->bad = p;
      kiji_utf8_decode(t->s + p, t->len - p, &l); /* one maximal subpart */
      p += l;
      continue;
    }
    /* what a news sentence leaves out at its ends (seg.c): white space,
    ** and U+FEFF, a byte order mark or an invisible no-break space */
    t->space[p] = u_isUWhiteSpace(c) != 0 || c == 0xFEFF;
    p += k;
  }
  t->bound[t->len] = 1;
}

/* ------------------------------------------------------------ spans */

typedef struct result {
  kiji_span *v;
  size_t n;
} result;

static void keep(result *r) {
  size_t n;
  const kiji_span *sp = kiji_seg_spans(seg, &n);
  r->v = n ? malloc(n * sizeof *sp) : NULL;
  CHECK(n == 0 || r->v != NULL);
  if (n) memcpy(r->v, sp, n * sizeof *sp);
  r->n = n;
}

static int same(const result *r) {
  size_t n, i;
  const kiji_span *sp = kiji_seg_spans(seg, &n);
  if (n != r->n) return 0;
  for (i = 0; i < n; i++)
    if (sp[i].start != r->v[i].start || sp[i].end != r->v[i].end || sp[i].tag != r->v[i].tag)
      return 0;
  return 1;
}

static void check_order(const text *t, const result *r, int tiles, int max_tag) {
  size_t i, prev = 0;
  for (i = 0; i < r->n; i++) {
    const kiji_span *sp = &r->v[i];
    CHECK(sp->start >= prev && sp->start < sp->end && sp->end <= t->len);
    CHECK(t->bound[sp->start] && t->bound[sp->end]);
    CHECK(sp->tag >= 0 && sp->tag <= max_tag);
    if (tiles) CHECK(sp->start == prev);
    prev = sp->end;
  }
  if (tiles) CHECK(prev == t->len);
}

/* News sentences: trimmed, and covering every character but white space. */
static void check_news(const text *t, const result *r) {
  size_t i, p = 0;
  for (i = 0; i < r->n; i++) {
    const kiji_span *sp = &r->v[i];
    size_t last = sp->end - 1;
    while (!t->bound[last]) last--;
    CHECK(!t->space[sp->start] && !t->space[last]);
    for (; p < sp->start; p++) CHECK(!t->bound[p] || t->space[p]);
    p = sp->end;
  }
  for (; p < t->len; p++) CHECK(!t->bound[p] || t->space[p]);
}

/* Words without all segments: the word-like segments of all segments. */
static void check_filter(const result *all, const result *words) {
  size_t i, k = 0;
  for (i = 0; i < all->n; i++) {
    if (all->v[i].tag == KIJI_WORD_NONE) continue;
    CHECK(k < words->n);
    CHECK(words->v[k].start == all->v[i].start && words->v[k].end == all->v[i].end &&
          words->v[k].tag == all->v[i].tag);
    k++;
  }
  CHECK(k == words->n);
}

/* ------------------------------------------------------------ calls */

typedef kiji_status (*seg_fn)(kiji_seg *, const char *, size_t, const kiji_seg_options *);

/* One call, checked for status and repeated; its spans in r. */
static int call(seg_fn fn, const text *t, const kiji_seg_options *o, result *r) {
  kiji_status st = fn(seg, (const char *)t->s, t->len, o);
  size_t n;
  r->v = NULL;
  r->n = 0;
  if (o->invalid == KIJI_INVALID_ERROR && t->bad < t->len) {
    CHECK(st == KIJI_EUTF8 && kiji_seg_error_offset(seg) == t->bad);
    CHECK(kiji_seg_error(seg)[0] != '\0' && (kiji_seg_spans(seg, &n), n == 0));
    return 0;
  }
  CHECK(st == KIJI_OK && kiji_seg_error(seg)[0] == '\0');
  keep(r);
  CHECK(fn(seg, (const char *)t->s, t->len, o) == KIJI_OK && same(r));
  return 1;
}

static void sentences(const text *t, kiji_seg_options o) {
  result r;
  if (!call(kiji_sentences, t, &o, &r)) return;
  check_order(t, &r, !o.news_rules, 0);
  if (o.news_rules) check_news(t, &r);
  free(r.v);
}

static void words(const text *t, kiji_seg_options o) {
  result all, some;
  o.all_segments = 1;
  if (!call(kiji_words, t, &o, &all)) return;
  check_order(t, &all, 1, KIJI_WORD_IDEO);
  o.all_segments = 0;
  CHECK(call(kiji_words, t, &o, &some));
  check_order(t, &some, 0, KIJI_WORD_IDEO);
  check_filter(&all, &some);
  free(all.v);
  free(some.v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  kiji_seg_options o = KIJI_SEG_OPTIONS_INIT;
  text t;
  unsigned b;
  if (size < 1) return 0;
  if (sg == NULL) sg = kiji_segmenter_new(NULL);
  if (seg == NULL && sg != NULL) seg = kiji_seg_new(sg);
  CHECK(sg != NULL && seg != NULL);
  b = data[0];
  o.locale = (kiji_locale)(b & 3u);
  o.news_rules = (b >> 2) & 1u;
  o.all_segments = (b >> 3) & 1u;
  o.invalid = (b >> 4) & 1u ? KIJI_INVALID_ERROR : KIJI_INVALID_REPLACE;
  t.s = data + 1;
  t.len = size - 1;
  t.bound = malloc(t.len + 1);
  t.space = malloc(t.len + 1);
  CHECK(t.bound != NULL && t.space != NULL);
  read_text(&t);
  if ((b >> 5) & 1u) words(&t, o);
  sentences(&t, o);
  if (!((b >> 5) & 1u)) words(&t, o);
  free(t.bound);
  free(t.space);
  return 0;
}
