/*
** seg.c -- sentences and words (kiji_sentences, kiji_words) by ICU break
** iterators over a UTF-8 UText: ICU's native indexes are byte offsets into
** the caller's text, so nothing is copied to UTF-16 and no offset needs a
** map. The text is bounded by its length (NUL bytes are data) and by
** INT32_MAX, ICU's index type.
**
** A kiji_segmenter opens each template once (ubrk_open parses rules and
** loads data: far too slow per call) and never runs it, so it stays
** immutable and any number of threads may clone it. A kiji_seg clones
** every template when it is made and points a clone at each new text with
** ubrk_setUText, which allocates nothing once the UText has its buffers.
**
** Locales. Sentences: "en@ss=standard" for English with news rules (ICU's
** abbreviation suppressions are part of rule 1), "en" without them, "ja",
** and the root locale (plain UAX #29). Words: "en", "ja", root; the
** dictionary that splits kana and kanji runs into words serves all three.
** KIJI_LOCALE_AUTO is ja when a kana or kanji character appears among the
** first AUTO_LETTERS bytes of letters (looking no further than AUTO_SCAN
** bytes), else en.
**
** Spans. Words: by default the segments ICU classes as words (rule status
** from UBRK_WORD_NONE_LIMIT up), tagged NUMBER, LETTER, KANA or IDEO as
** ICU's status says (ICU 72 gives IDEO to every word its dictionary cuts,
** kana words included); all_segments adds the others (spaces,
** punctuation) with tag NONE.
** Sentences with news_rules = 0: ICU's segments exactly, white space and
** all (the conformance tests run this way). With news rules
** (seg_rules.c): white space (and U+FEFF) at both ends of a sentence is left out of its
** span, and a segment of white space alone gives no span; tags are 0.
**
** Invalid UTF-8. Under KIJI_INVALID_ERROR the text is checked first and
** the call fails with its first ill-formed offset. Under REPLACE, ICU's
** UTF-8 UText reads each maximal subpart as one U+FFFD, as kiji does
** everywhere, so ICU 72 never puts a boundary inside one (millions of
** random inputs agree); each boundary is still checked against kiji's
** decoding, and one inside a character would move to its start
** (kiji_seg_snap): no offset can split a character of the original, with
** any ICU.
*/
#include <stdio.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "seg.h"
#include "sent_scan.h"
#include "base/script.h"
#include "base/utf8.h"

#define AUTO_LETTERS 4096
#define AUTO_SCAN 65536

enum { SENT_EN, SENT_EN_NEWS, SENT_JA, SENT_ROOT, WORD_EN, WORD_JA, WORD_ROOT, N_ITER };

static const struct {
  UBreakIteratorType type;
  const char *locale;
} templates[N_ITER] = {
    {UBRK_SENTENCE, "en"}, {UBRK_SENTENCE, "en@ss=standard"},
    {UBRK_SENTENCE, "ja"}, {UBRK_SENTENCE, "root"},
    {UBRK_WORD, "en"},     {UBRK_WORD, "ja"},
    {UBRK_WORD, "root"},
};

struct kiji_segmenter {
  UBreakIterator *it[N_ITER];
  sent_scan_data scan; /* what kiji's sentence scanner reads */
};

struct kiji_seg {
  UBreakIterator *it[N_ITER];
  UText text; /* the caller's text, reopened by each call */
  kiji_span *spans;
  size_t count, cap;
  seg_news news; /* the news rules' scratch */
  const sent_scan_data *scan_data;
  sent_scan scan;    /* ICU's boundaries found by kiji (sent_scan.c) */
  int icu_only;      /* tests: ICU's iterator over the whole text instead */
  size_t err_offset; /* of the last error, when it has one */
  char err[96];
};

/* ------------------------------------------------------------ handles */

static void close_all(UBreakIterator **it) {
  int i;
  for (i = 0; i < N_ITER; i++)
    if (it[i] != NULL) ubrk_close(it[i]);
}

static void set_error(kiji_error *err, kiji_status st, const char *what, UErrorCode e) {
  if (err == NULL) return;
  err->status = st;
  err->offset = 0;
  snprintf(err->message, sizeof err->message, "ICU cannot open %s: %s", what, u_errorName(e));
}

kiji_segmenter *kiji_segmenter_new(kiji_error *err) {
  kiji_segmenter *sg = kiji_alloc(sizeof *sg);
  kiji_status st;
  int i;
  if (sg == NULL) {
    if (err) *err = (kiji_error){KIJI_ENOMEM, 0, "out of memory"};
    return NULL;
  }
  memset(sg, 0, sizeof *sg);
  if ((st = kiji_sent_scan_data_init(&sg->scan)) != KIJI_OK) {
    if (err) *err = (kiji_error){st, 0, "out of memory"}; /* (missing data: ICU decides) */
    kiji_dealloc(sg);
    return NULL;
  }
  for (i = 0; i < N_ITER; i++) {
    UErrorCode e = U_ZERO_ERROR;
    sg->it[i] = ubrk_open(templates[i].type, templates[i].locale, NULL, 0, &e);
    if (U_FAILURE(e)) {
      set_error(err, e == U_MEMORY_ALLOCATION_ERROR ? KIJI_ENOMEM : KIJI_EINVAL,
                templates[i].locale, e);
      kiji_segmenter_free(sg);
      return NULL;
    }
  }
  if (err) *err = (kiji_error){KIJI_OK, 0, ""};
  return sg;
}

void kiji_segmenter_free(kiji_segmenter *sg) {
  if (sg == NULL) return;
  close_all(sg->it);
  kiji_sent_scan_data_free(&sg->scan);
  kiji_dealloc(sg);
}

kiji_seg *kiji_seg_new(const kiji_segmenter *sg) {
  static const UText blank = UTEXT_INITIALIZER;
  kiji_seg *s;
  int i;
  if (sg == NULL || (s = kiji_alloc(sizeof *s)) == NULL) return NULL;
  memset(s, 0, sizeof *s);
  s->text = blank;
  s->scan_data = &sg->scan;
  for (i = 0; i < N_ITER; i++) {
    UErrorCode e = U_ZERO_ERROR;
    s->it[i] = ubrk_clone(sg->it[i], &e);
    if (U_FAILURE(e)) {
      s->it[i] = NULL;
      kiji_seg_free(s);
      return NULL;
    }
  }
  return s;
}

void kiji_seg_free(kiji_seg *s) {
  if (s == NULL) return;
  close_all(s->it);
  utext_close(&s->text);
  kiji_dealloc(s->spans);
  kiji_dealloc(s->news.quotes);
  kiji_dealloc(s);
}

void kiji_seg_shrink(kiji_seg *s) {
  void *p;
  if (s == NULL) return;
  s->count = s->news.nquotes = 0;
  if (s->cap > 16 && (p = kiji_realloc(s->spans, 16 * sizeof *s->spans)) != NULL) {
    s->spans = p;
    s->cap = 16;
  }
  if (s->news.quote_cap > 16 &&
      (p = kiji_realloc(s->news.quotes, 16 * sizeof *s->news.quotes)) != NULL) {
    s->news.quotes = p;
    s->news.quote_cap = 16;
  }
}

const kiji_span *kiji_seg_spans(const kiji_seg *s, size_t *count) {
  if (count) *count = s ? s->count : 0;
  return s ? s->spans : NULL;
}

void kiji_seg_icu_only(kiji_seg *s, int on) {
  if (s) s->icu_only = on;
}

const char *kiji_seg_error(const kiji_seg *s) { return s ? s->err : "no segmenter scratch"; }

size_t kiji_seg_error_offset(const kiji_seg *s) { return s ? s->err_offset : 0; }

/* ------------------------------------------------------------ errors */

static kiji_status fail(kiji_seg *s, kiji_status st) {
  s->count = 0;
  snprintf(s->err, sizeof s->err, "%s", kiji_status_string(st));
  return st;
}

static kiji_status fail_icu(kiji_seg *s, UErrorCode e) {
  kiji_status st = e == U_MEMORY_ALLOCATION_ERROR ? KIJI_ENOMEM : KIJI_EINVAL;
  fail(s, st);
  snprintf(s->err, sizeof s->err, "ICU: %s", u_errorName(e));
  return st;
}

/* ------------------------------------------------------------ text */

/* The offset of the first ill-formed sequence of s[0..len), or len. */
static size_t first_invalid(const unsigned char *s, size_t len) {
  size_t p = 0, l;
  while (p < len) {
    if (s[p] < 0x80) {
      p++;
      continue;
    }
    if (kiji_utf8_decode(s + p, len - p, &l) < 0) return p;
    p += l;
  }
  return len;
}

#define ONES 0x0101010101010101ull

/* The letters among 8 ASCII bytes (w has no high bit set): the bytes
** whose lower case is a..z, tested side by side (no byte carries). */
static size_t ascii_letters8(uint64_t w) {
  uint64_t x = w | 0x20 * ONES, from_a = x + (0x80 - 'a') * ONES,
           past_z = x + (0x80 - 'z' - 1) * ONES;
  return (size_t)(((((from_a & ~past_z) >> 7) & ONES) * ONES) >> 56);
}

#if defined(__SSE2__)
/* 1 in the lane of each letter among 16 ASCII bytes (x | 0x20 is below
** 0x80: signed compares do). */
static __m128i letter_lanes(__m128i x) {
  __m128i l = _mm_or_si128(x, _mm_set1_epi8(0x20));
  __m128i m = _mm_and_si128(_mm_cmpgt_epi8(l, _mm_set1_epi8('a' - 1)),
                            _mm_cmplt_epi8(l, _mm_set1_epi8('z' + 1)));
  return _mm_and_si128(m, _mm_set1_epi8(1));
}

/* The sum of the 16 lanes (each below 16). */
static size_t lane_sum(__m128i v) {
  __m128i sums = _mm_sad_epu8(v, _mm_setzero_si128());
  return (size_t)_mm_cvtsi128_si32(sums) +
         (size_t)_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums));
}
#endif

/* The first byte from p on that is not ASCII, or len. */
static size_t past_ascii(const unsigned char *s, size_t p, size_t len) {
  uint64_t w;
#if defined(__SSE2__)
  while (len - p >= 16 &&
         _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + p))) == 0)
    p += 16;
#endif
  while (len - p >= 8 && (memcpy(&w, s + p, 8), (w & 0x80 * ONES) == 0)) p += 8;
  while (p < len && s[p] < 0x80) p++;
  return p;
}

/* KIJI_LOCALE_AUTO: see the top of the file. English is most of what it
** reads whole, so ASCII goes eight bytes (with SSE2 64 or 16) at a time;
** once the bytes left could not make up the letters that stop the look
** (a text shorter than that, from the start), their count no longer
** matters: only whether a kana or kanji comes. */
static kiji_locale detect_locale(const unsigned char *s, size_t len) {
  size_t p = 0, letters = 0, l;
  if (len > AUTO_SCAN) len = AUTO_SCAN;
  while (p < len && letters < AUTO_LETTERS) {
    uint64_t w;
    if (letters + (len - p) < AUTO_LETTERS && (p = past_ascii(s, p, len)) == len) break;
#if defined(__SSE2__)
    if (s[p] < 0x80 && len - p >= 64) { /* ASCII blocks of 64: lanes summed once */
      const __m128i *v = (const __m128i *)(const void *)(s + p);
      __m128i a = _mm_loadu_si128(v), b = _mm_loadu_si128(v + 1), c = _mm_loadu_si128(v + 2),
              d = _mm_loadu_si128(v + 3);
      if (_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d))) == 0) {
        letters += lane_sum(_mm_add_epi8(_mm_add_epi8(letter_lanes(a), letter_lanes(b)),
                                         _mm_add_epi8(letter_lanes(c), letter_lanes(d))));
        p += 64;
        continue;
      }
    }
    if (s[p] < 0x80 && len - p >= 16) {
      __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
      if (_mm_movemask_epi8(x) == 0) {
        letters += lane_sum(letter_lanes(x));
        p += 16;
        continue;
      }
    }
#endif
    if (len - p >= 8 && (memcpy(&w, s + p, 8), (w & 0x80 * ONES) == 0)) {
      letters += ascii_letters8(w);
      p += 8;
      continue;
    }
    if (s[p] < 0x80) {
      letters += ((s[p] | 0x20u) - 'a') < 26u;
      p++;
      continue;
    }
    if (kiji_is_kanji_kana(kiji_utf8_decode(s + p, len - p, &l))) return KIJI_LOCALE_JA;
    letters += l;
    p += l;
  }
  return KIJI_LOCALE_EN;
}

/* ------------------------------------------------------------ calls */

/* Check the arguments and the text, resolve AUTO, forget the last result. */
static kiji_status begin(kiji_seg *s, const char *text, size_t len, const kiji_seg_options *opts,
                         kiji_seg_options *o) {
  static const kiji_seg_options defaults = KIJI_SEG_OPTIONS_INIT;
  size_t bad;
  if (s == NULL) return KIJI_EINVAL;
  s->count = 0;
  s->err[0] = 0;
  s->err_offset = 0;
  *o = opts ? *opts : defaults;
  if ((text == NULL && len > 0) || (unsigned)o->locale > KIJI_LOCALE_ROOT ||
      (unsigned)o->invalid > KIJI_INVALID_ERROR)
    return fail(s, KIJI_EINVAL);
  if (len > (size_t)INT32_MAX) {
    fail(s, KIJI_ETOOBIG);
    snprintf(s->err, sizeof s->err, "input too large: %zu bytes (ICU indexes at most %ld)", len,
             (long)INT32_MAX);
    return KIJI_ETOOBIG;
  }
  if (o->invalid == KIJI_INVALID_ERROR &&
      (bad = first_invalid((const unsigned char *)text, len)) < len) {
    fail(s, KIJI_EUTF8);
    s->err_offset = bad;
    snprintf(s->err, sizeof s->err, "invalid UTF-8 at byte offset %zu", bad);
    return KIJI_EUTF8;
  }
  if (o->locale == KIJI_LOCALE_AUTO) o->locale = detect_locale((const unsigned char *)text, len);
  return KIJI_OK;
}

/* The clone `which`, pointed at the text and at its first boundary. */
static kiji_status point(kiji_seg *s, int which, const char *text, size_t len,
                         UBreakIterator **bi) {
  UErrorCode e = U_ZERO_ERROR;
  *bi = s->it[which];
  utext_openUTF8(&s->text, text, (int64_t)len, &e);
  ubrk_setUText(*bi, &s->text, &e);
  if (U_FAILURE(e)) return fail_icu(s, e);
  ubrk_first(*bi);
  return KIJI_OK;
}

static int push(kiji_seg *s, size_t start, size_t end, int tag) {
  kiji_span *sp;
  if (s->count == s->cap && !kiji_grow((void **)&s->spans, &s->cap, s->count + 1, sizeof *s->spans))
    return 0;
  sp = &s->spans[s->count++];
  sp->start = start;
  sp->end = end;
  sp->tag = tag;
  return 1;
}

/*
** ICU's next boundary after prev, on a character boundary of the text. A
** boundary that snaps back onto prev is skipped. The last boundary is len,
** so UBRK_DONE before it is ICU giving up: ubrk_next has no error code,
** and ICU stops that way when memory runs out (the ss=standard filter
** cannot copy its UText); KIJI_NONE then.
*/
static size_t next_boundary(UBreakIterator *bi, const unsigned char *t, size_t len, size_t prev) {
  int32_t b;
  while ((b = ubrk_next(bi)) != UBRK_DONE) {
    size_t at = kiji_seg_snap(t, len, (size_t)b);
    if (at > prev) return at;
  }
  return KIJI_NONE;
}

/* ICU's segments as they are. */
static kiji_status raw_sentences(kiji_seg *s, UBreakIterator *bi, const unsigned char *t,
                                 size_t len) {
  size_t prev = 0, at;
  while (prev < len) {
    at = next_boundary(bi, t, len, prev);
    if (at == KIJI_NONE || !push(s, prev, at, 0)) return KIJI_ENOMEM;
    prev = at;
  }
  return KIJI_OK;
}

/* [a, b) trimmed, cut before and after each time stamp in it. */
static int push_stamped(kiji_seg *s, size_t a, size_t b) {
  size_t s0, s1;
  for (;;) {
    size_t x = a, y;
    if (!kiji_seg_news_stamp(&s->news, a, b, &s0, &s1)) break;
    y = s0;
    kiji_seg_trim(&s->news, &x, &y);
    if ((x < y && !push(s, x, y, 0)) || !push(s, s0, s1, 0)) return 0;
    a = s1;
  }
  kiji_seg_trim(&s->news, &a, &b);
  return a >= b || push(s, a, b, 0);
}

/* ICU's boundaries that the news rules keep (perhaps moved); spans trimmed.
** kiji's scanner finds them unless s->icu_only. */
static kiji_status news_sentences(kiji_seg *s, UBreakIterator *bi, const unsigned char *t,
                                  size_t len) {
  size_t start = 0, prev = 0;
  if (!kiji_seg_news_begin(&s->news, t, len)) return KIJI_ENOMEM;
  while (prev < len) {
    size_t at = s->icu_only ? next_boundary(bi, t, len, prev) : kiji_sent_scan_next(&s->scan);
    size_t b = at, a = start;
    if (at == KIJI_NONE) return KIJI_ENOMEM;
    if (at < len) b = kiji_seg_news_move(&s->news, at, prev);
    prev = at;
    if (b < len && !kiji_seg_news_keep(&s->news, b)) continue;
    start = b;
    if (!push_stamped(s, a, b)) return KIJI_ENOMEM;
  }
  return KIJI_OK;
}

static int sentence_iterator(const kiji_seg_options *o) {
  switch (o->locale) {
    case KIJI_LOCALE_JA: return SENT_JA;
    case KIJI_LOCALE_ROOT: return SENT_ROOT;
    default: return o->news_rules ? SENT_EN_NEWS : SENT_EN;
  }
}

kiji_status kiji_sentences(kiji_seg *s, const char *text, size_t len,
                           const kiji_seg_options *opts) {
  const unsigned char *t = (const unsigned char *)text;
  kiji_seg_options o;
  UBreakIterator *bi;
  kiji_status st = begin(s, text, len, opts, &o);
  if (st != KIJI_OK || len == 0) return st;
  if (o.news_rules && !s->icu_only) {
    bi = s->it[sentence_iterator(&o)];
    kiji_sent_scan_begin(&s->scan, s->scan_data, bi, &s->text, t, len,
                         sentence_iterator(&o) == SENT_EN_NEWS);
  } else if ((st = point(s, sentence_iterator(&o), text, len, &bi)) != KIJI_OK)
    return st;
  st = o.news_rules ? news_sentences(s, bi, t, len) : raw_sentences(s, bi, t, len);
  return st == KIJI_OK ? st : fail(s, st);
}

/* ICU's rule status classes as kiji's tags. */
static int word_tag(int32_t status) {
  if (status < UBRK_WORD_NONE_LIMIT) return KIJI_WORD_NONE;
  if (status < UBRK_WORD_NUMBER_LIMIT) return KIJI_WORD_NUMBER;
  if (status < UBRK_WORD_LETTER_LIMIT) return KIJI_WORD_LETTER;
  if (status < UBRK_WORD_KANA_LIMIT) return KIJI_WORD_KANA;
  if (status < UBRK_WORD_IDEO_LIMIT) return KIJI_WORD_IDEO;
  return KIJI_WORD_LETTER; /* a class ICU may add: a word all the same */
}

kiji_status kiji_words(kiji_seg *s, const char *text, size_t len, const kiji_seg_options *opts) {
  static const int which[] = {WORD_EN, WORD_EN, WORD_JA, WORD_ROOT}; /* by locale */
  const unsigned char *t = (const unsigned char *)text;
  kiji_seg_options o;
  UBreakIterator *bi;
  size_t prev = 0, at;
  kiji_status st = begin(s, text, len, opts, &o);
  if (st != KIJI_OK || len == 0) return st;
  if ((st = point(s, which[o.locale], text, len, &bi)) != KIJI_OK) return st;
  while (prev < len) {
    int tag;
    if ((at = next_boundary(bi, t, len, prev)) == KIJI_NONE) return fail(s, KIJI_ENOMEM);
    tag = word_tag(ubrk_getRuleStatus(bi));
    if ((o.all_segments || tag != KIJI_WORD_NONE) && !push(s, prev, at, tag))
      return fail(s, KIJI_ENOMEM);
    prev = at;
  }
  return KIJI_OK;
}
