/*
** test_seg_trim.c -- the news rules leave white space and U+FEFF out of
** the ends of every span (kiji_seg_trim in plugin/seg/seg_rules.c, which
** reads most characters by their bytes alone): on random mixes of every
** White_Space character, U+FEFF, kana, kanji, Japanese punctuation,
** ASCII and ill-formed bytes, each span starts and ends with a character
** that is not blank, and every character between spans is blank (ICU's
** White_Space says which are), in each locale.
*/
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unicode/uchar.h>

#include "kiji.h"
#include "tap.h"
#include "base/utf8.h"

static int blank(int32_t c) { return c >= 0 && (u_isUWhiteSpace(c) || c == 0xFEFF); }

/* Character boundaries as kiji decodes (maximal subparts): the character
** that starts at each byte, -2 inside one; -1 for an ill-formed one. */
static void decode_all(const unsigned char *s, size_t len, int32_t *at, unsigned char *ends) {
  size_t p = 0, l, k;
  memset(ends, 0, len + 1);
  while (p < len) {
    int32_t c = kiji_utf8_decode(s + p, len - p, &l);
    at[p] = c < 0 ? -1 : c;
    for (k = 1; k < l; k++) at[p + k] = -2;
    p += l;
    ends[p] = 1;
  }
}

/* The character that ends at boundary e: the last start before it. */
static int32_t ending_at(const int32_t *at, size_t e) {
  while (e > 0 && at[e - 1] == -2) e--;
  return e > 0 ? at[e - 1] : -1;
}

/* Whether the spans of s keep to the rule; what broke it in *why. */
static int trimmed(const kiji_seg *sg, const unsigned char *s, size_t len, const char **why) {
  static int32_t at[4096];
  static unsigned char ends[4097];
  size_t n, i, p = 0, k;
  const kiji_span *sp = kiji_seg_spans(sg, &n);
  decode_all(s, len, at, ends);
  for (i = 0; i <= n; i++) {
    size_t gap_end = i < n ? sp[i].start : len;
    for (k = p; k < gap_end; k++)
      if (at[k] != -2 && !blank(at[k])) return *why = "a character left out is not blank", 0;
    if (i == n) break;
    if (sp[i].start >= sp[i].end || sp[i].end > len || at[sp[i].start] == -2 || !ends[sp[i].end])
      return *why = "a span off the characters", 0;
    if (blank(at[sp[i].start]) || blank(ending_at(at, sp[i].end)))
      return *why = "a span starts or ends with a blank", 0;
    p = sp[i].end;
  }
  return 1;
}

int main(void) {
  static const char *const pieces[] = {
      "a",
      "Word",
      "1",
      ".",
      ". ",
      "! ",
      "\"",
      " ",
      "\t",
      "\n",
      "\r\n",
      "\x0b",
      "\x0c",
      "\xc2\x85",
      "\xc2\xa0",
      "\xe1\x9a\x80",
      "\xe2\x80\x80",
      "\xe2\x80\x8a",
      "\xe2\x80\x8b",
      "\xe2\x80\xa8",
      "\xe2\x80\xa9",
      "\xe2\x80\xaf",
      "\xe2\x81\x9f",
      "\xe3\x80\x80",
      "\xef\xbb\xbf",
      "\xef\xbb\xbe",
      "\xe3\x80\x82",
      "\xe3\x80\x81",
      "\xe3\x80\x8c",
      "\xe3\x80\x8d",
      "\xe3\x81\x8b",
      "\xe3\x82\xab",
      "\xe6\xbc\xa2",
      "\xe9\xbe\xa0",
      "\xef\xbc\x81",
      "\xc3\xa9",
      "\xf0\x9f\x98\x80",
      "\xff",
      "\x80",
      "\xe3\x80",
      "\xe3",
      "\xe5\x80",
      "\xe2\x80",
      "\xc2",
      "2024.2.1 09:30",
      "\xe6\x9d\xb1\xe4\xba\xac ",
  };
  static const kiji_locale locs[] = {KIJI_LOCALE_EN, KIJI_LOCALE_JA, KIJI_LOCALE_AUTO};
  enum { N = sizeof pieces / sizeof *pieces, ROUNDS = 20000 };
  uint64_t x = 0x2545F4914F6CDD1Du;
  unsigned char buf[4096];
  tap t = {0, 0};
  kiji_error err;
  kiji_segmenter *sg = kiji_segmenter_new(&err);
  kiji_seg *s = sg ? kiji_seg_new(sg) : NULL;
  kiji_seg_options o = KIJI_SEG_OPTIONS_INIT;
  size_t li;
  if (!tap_ok(&t, s != NULL, "segmenter")) return tap_done(&t);
  o.news_rules = 1;
  for (li = 0; li < sizeof locs / sizeof *locs; li++) {
    int r, bad = 0, spans = 0;
    o.locale = locs[li];
    for (r = 0; r < ROUNDS; r++) {
      size_t len = 0, k, n;
      const char *why = "";
      x = x * 6364136223846793005u + 1442695040888963407u;
      n = 1 + (size_t)(x >> 59);
      for (k = 0; k < n; k++) {
        const char *p;
        x = x * 6364136223846793005u + 1442695040888963407u;
        p = pieces[(x >> 33) % N];
        memcpy(buf + len, p, strlen(p));
        len += strlen(p);
      }
      if (kiji_sentences(s, (const char *)buf, len, &o) != KIJI_OK) {
        why = "kiji_sentences failed";
      } else {
        kiji_seg_spans(s, &k);
        spans += (int)k;
        if (trimmed(s, buf, len, &why)) continue;
      }
      if (bad++ < 3) {
        printf("# locale %d, %s: [", (int)locs[li], why);
        for (k = 0; k < len; k++)
          printf(buf[k] < 0x20 || buf[k] >= 0x7f ? "\\x%02x" : "%c", buf[k]);
        printf("]\n");
      }
    }
    tap_ok(&t, bad == 0 && spans > 0, "locale %d: %d texts, %d spans, %d differ", (int)locs[li],
           ROUNDS, spans, bad);
  }
  kiji_seg_free(s);
  kiji_segmenter_free(sg);
  return tap_done(&t);
}
