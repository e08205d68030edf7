/*
** test_seg_auto.c -- KIJI_LOCALE_AUTO's choice (plugin/seg/seg.c) where
** it is easy to get wrong: a kanji just before, at and after the point
** where the letters read stop the look (4096 bytes of letters, ASCII
** ones a byte each, any other character all its bytes), after fillers
** with and without letters, in texts shorter and longer than that and
** past the 64 KB the look never goes beyond. The choice shows in the
** sentences: en@ss=standard suppresses the boundary after "Dept.", ja
** does not.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiji.h"
#include "tap.h"

#define LETTERS 4096 /* seg.c's AUTO_LETTERS */
#define SCAN 65536   /* seg.c's AUTO_SCAN */

static const char marker[] = " Dept. Officials said so.";
static const char kanji[] = "\xe6\x9d\xb1"; /* 東 */

/* The rule as seg.c's top comment states it, a byte at a time; the only
** non-ASCII characters here are é (a letter, 2 bytes) and 東. */
static int want_ja(const unsigned char *s, size_t len) {
  size_t p = 0, letters = 0;
  if (len > SCAN) len = SCAN;
  while (p < len && letters < LETTERS) {
    if (s[p] < 0x80) {
      letters += ((s[p] | 0x20u) - 'a') < 26u;
      p++;
    } else if (s[p] == 0xe6) {
      return 1;
    } else {
      letters += 2;
      p += 2;
    }
  }
  return 0;
}

/* n bytes of filler f (cycled; é kept whole), then the kanji when at is
** set, then letters up to total bytes, then the marker. */
static size_t text_of(char *buf, const char *f, size_t n, int at, size_t total) {
  size_t len = 0, fl = strlen(f), k = 0;
  while (len < n) {
    size_t l = (unsigned char)f[k % fl] >= 0x80 ? 2 : 1;
    memcpy(buf + len, f + k % fl, l);
    len += l;
    k += l;
  }
  if (at) {
    memcpy(buf + len, kanji, 3);
    len += 3;
  }
  while (len < total) buf[len++] = 'x';
  memcpy(buf + len, marker, sizeof marker);
  return len + sizeof marker - 1;
}

int main(void) {
  static const char *const fillers[] = {"a", " ", "ab 1", "\xc3\xa9", "a\xc3\xa9 ", "1,"};
  static const size_t totals[] = {0, LETTERS - 40, LETTERS + 40, 3 * LETTERS, SCAN + 40};
  tap t = {0, 0};
  kiji_error err;
  kiji_segmenter *sg = kiji_segmenter_new(&err);
  kiji_seg *s = sg ? kiji_seg_new(sg) : NULL;
  kiji_seg_options o = KIJI_SEG_OPTIONS_INIT;
  char *buf = malloc(SCAN + 200);
  size_t f, k, n;
  if (!tap_ok(&t, s != NULL && buf != NULL, "segmenter")) return tap_done(&t);
  o.locale = KIJI_LOCALE_AUTO;
  o.news_rules = 1;
  for (f = 0; f < sizeof fillers / sizeof *fillers; f++)
    for (k = 0; k < sizeof totals / sizeof *totals; k++) {
      int bad = 0, count = 0, at;
      for (n = LETTERS - 70; n <= LETTERS + 8; n++)
        for (at = 0; at < 2; at++) {
          size_t len = text_of(buf, fillers[f], n, at, totals[k]), spans = 0;
          int ja = want_ja((const unsigned char *)buf, len);
          count++;
          if (kiji_sentences(s, buf, len, &o) == KIJI_OK) kiji_seg_spans(s, &spans);
          if (spans != (ja ? 2u : 1u)) {
            if (bad++ < 3)
              printf("# filler %zu, %zu bytes, kanji %d, total %zu: %zu spans, want %s\n", f, n, at,
                     totals[k], spans, ja ? "ja" : "en");
          }
        }
      tap_ok(&t, bad == 0, "filler %zu, letters up to %zu bytes: %d texts, %d differ", f, totals[k],
             count, bad);
    }
  free(buf);
  kiji_seg_free(s);
  kiji_segmenter_free(sg);
  return tap_done(&t);
}
