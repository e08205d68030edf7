/*
** sent_diff.h -- kiji's sentence scanner (plugin/seg/sent_scan.c) against
** ICU's iterator over the whole text, shared by tests/c/test_sent_scan.c
** and tests/fuzz/fuzz_sent_scan.c.
**
** Two views: the raw boundaries (the scanner's against ICU's, for the
** iterators the news rules run: "en@ss=standard" and "ja"), and the
** sentences kiji_sentences gives under the news rules (scanner against
** kiji_seg_icu_only, for the locales EN, JA and AUTO).
*/
#ifndef KIJI_TEST_SENT_DIFF_H
#define KIJI_TEST_SENT_DIFF_H

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "kiji.h"
#include "seg/seg.h"
#include "seg/sent_scan.h"

enum { SD_EN, SD_JA, SD_N };

typedef struct sent_diff {
  UBreakIterator *whole[SD_N], *win[SD_N];
  UText ut_whole, ut_win;
  sent_scan_data data;
  kiji_segmenter *sg;
  kiji_seg *scan, *icu; /* kiji_sentences by the scanner, by ICU alone */
} sent_diff;

static int sent_diff_init(sent_diff *d) {
  static const char *const loc[SD_N] = {"en@ss=standard", "ja"};
  static const UText blank = UTEXT_INITIALIZER;
  kiji_error err;
  int i;
  memset(d, 0, sizeof *d);
  d->ut_whole = d->ut_win = blank;
  for (i = 0; i < SD_N; i++) {
    UErrorCode e = U_ZERO_ERROR;
    d->whole[i] = ubrk_open(UBRK_SENTENCE, loc[i], NULL, 0, &e);
    d->win[i] = ubrk_open(UBRK_SENTENCE, loc[i], NULL, 0, &e);
    if (U_FAILURE(e)) return 0;
  }
  if (kiji_sent_scan_data_init(&d->data) != KIJI_OK) return 0;
  if ((d->sg = kiji_segmenter_new(&err)) == NULL) return 0;
  d->scan = kiji_seg_new(d->sg);
  d->icu = kiji_seg_new(d->sg);
  if (d->scan == NULL || d->icu == NULL) return 0;
  kiji_seg_icu_only(d->icu, 1);
  return 1;
}

static void sent_diff_free(sent_diff *d) {
  int i;
  for (i = 0; i < SD_N; i++) {
    if (d->whole[i]) ubrk_close(d->whole[i]);
    if (d->win[i]) ubrk_close(d->win[i]);
  }
  utext_close(&d->ut_whole);
  utext_close(&d->ut_win);
  kiji_sent_scan_data_free(&d->data);
  kiji_seg_free(d->scan);
  kiji_seg_free(d->icu);
  kiji_segmenter_free(d->sg);
}

/* ICU's next boundary over the whole text, as seg.c takes it. */
static size_t sent_diff_icu_next(UBreakIterator *bi, const unsigned char *s, size_t len,
                                 size_t prev) {
  int32_t b;
  while ((b = ubrk_next(bi)) != UBRK_DONE) {
    size_t at = kiji_seg_snap(s, len, (size_t)b);
    if (at > prev) return at;
  }
  return KIJI_NONE;
}

/* Whether the scanner's boundaries for iterator `which` (SD_EN, SD_JA)
** are ICU's; if not, *where gets the first that differs (ICU's). */
static int sent_diff_raw(sent_diff *d, int which, const unsigned char *s, size_t len,
                         size_t *where) {
  UErrorCode e = U_ZERO_ERROR;
  sent_scan sc;
  size_t prev = 0;
  if (len == 0) return 1;
  utext_openUTF8(&d->ut_whole, (const char *)s, (int64_t)len, &e);
  ubrk_setUText(d->whole[which], &d->ut_whole, &e);
  if (U_FAILURE(e)) return 0;
  ubrk_first(d->whole[which]);
  kiji_sent_scan_begin(&sc, &d->data, d->win[which], &d->ut_win, s, len, which == SD_EN);
  while (prev < len) {
    size_t a = sent_diff_icu_next(d->whole[which], s, len, prev);
    size_t b = kiji_sent_scan_next(&sc);
    if (a != b || a == KIJI_NONE) {
      *where = a == KIJI_NONE ? prev : a;
      return 0;
    }
    prev = a;
  }
  return 1;
}

/* Whether kiji_sentences gives the same spans by the scanner as by ICU
** alone under the news rules, for locale loc; if not, *where gets the
** start of the first span that differs. */
static int sent_diff_spans(sent_diff *d, kiji_locale loc, const char *s, size_t len,
                           size_t *where) {
  kiji_seg_options o = KIJI_SEG_OPTIONS_INIT;
  const kiji_span *a, *b;
  size_t na, nb, i;
  kiji_status sa, sb;
  o.locale = loc;
  sa = kiji_sentences(d->scan, s, len, &o);
  sb = kiji_sentences(d->icu, s, len, &o);
  *where = 0;
  if (sa != sb) return 0;
  a = kiji_seg_spans(d->scan, &na);
  b = kiji_seg_spans(d->icu, &nb);
  for (i = 0; i < na && i < nb; i++)
    if (a[i].start != b[i].start || a[i].end != b[i].end) {
      *where = b[i].start < a[i].start ? b[i].start : a[i].start;
      return 0;
    }
  if (na != nb) *where = i < na ? a[i].start : b[i].start;
  return na == nb;
}

/* Both views, every iterator and locale: 1 when all agree; else 0 with
** what disagreed in *what and where in *where. */
static int sent_diff_all(sent_diff *d, const char *s, size_t len, const char **what,
                         size_t *where) {
  static const kiji_locale locs[] = {KIJI_LOCALE_EN, KIJI_LOCALE_JA, KIJI_LOCALE_AUTO};
  static const char *const names[] = {"spans en", "spans ja", "spans auto"};
  int i;
  *what = "";
  if (!sent_diff_raw(d, SD_EN, (const unsigned char *)s, len, where)) return *what = "raw en", 0;
  if (!sent_diff_raw(d, SD_JA, (const unsigned char *)s, len, where)) return *what = "raw ja", 0;
  for (i = 0; i < 3; i++)
    if (!sent_diff_spans(d, locs[i], s, len, where)) return *what = names[i], 0;
  return 1;
}

#endif
