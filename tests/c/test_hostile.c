/*
** test_hostile.c -- hostile input through every entry point: every byte
** value alone and in context under both invalid-input policies; overlong,
** surrogate, out-of-range and truncated UTF-8; NUL bytes; empty and blank
** input; a 1 MB line without a sentence end; 10^5 nested quotes; marks
** that never close and 10^5 quotations in one sentence; 10^5
** denial cues in one sentence and every generator of hostile.h; a TSV with
** 10^5 copies of a line; one-byte and 10 KB dictionary surfaces; inputs
** too large to take. Each case checks the status (and the message and
** offset of an error), that every offset is a character boundary of the
** original, and results that make sense.
**
** Sizes stay modest, so that a super-linear scan would show as a run of
** minutes, not as a failed assertion on a busy machine: the time ratios
** (n against 8n) are measured by `make check-huge` (tests/hostile/).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hostile.h"
#include "kiji.h"
#include "tap.h"
#include "base/utf8.h"

/* ------------------------------------------------------------ checks */

static const kiji_annotator *annotator;
static kiji_doc *doc;
static kiji_norm *norm;
static kiji_seg *seg;
static kiji_scan *scan;
static const kiji_dict *lexicon_dict;
static unsigned char *bounds;
static size_t bounds_cap;

/* The character boundaries of t as kiji decodes it: a character, or one
** maximal subpart of an ill-formed sequence. */
static void mark(const char *t, size_t len) {
  size_t i = 0, l;
  if (len + 1 > bounds_cap) {
    free(bounds);
    bounds_cap = len + 1;
    bounds = malloc(bounds_cap);
  }
  memset(bounds, 0, len + 1);
  while (i < len) {
    bounds[i] = 1;
    kiji_utf8_decode((const unsigned char *)t + i, len - i, &l);
    i += l ? l : 1;
  }
  bounds[len] = 1;
}

static int range_ok(kiji_range r, size_t len, int may_be_absent) {
  if (r.start == KIJI_NONE) return may_be_absent && r.end == KIJI_NONE;
  return r.start <= r.end && r.end <= len && bounds[r.start] && bounds[r.end];
}

/* Every offset of the last annotation on a boundary, every index valid,
** sentences in order, mentions inside their sentence; the JSON written. */
static int doc_ok(const char *t, size_t len) {
  size_t n, nm, i;
  const kiji_range *s = kiji_doc_sentences(doc, &n);
  const kiji_mention *m = kiji_doc_mentions(doc, &nm);
  const kiji_denial *d;
  const kiji_attribution *a;
  const kiji_quote *q;
  size_t ns = n;
  mark(t, len);
  for (i = 0; i < n; i++)
    if (!range_ok(s[i], len, 0) || s[i].start == s[i].end || (i > 0 && s[i].start < s[i - 1].end))
      return 0;
  for (i = 0; i < nm; i++)
    if (!range_ok(m[i].span, len, 0) || !range_ok(m[i].title, len, 1) ||
        !range_ok(m[i].person, len, 1) || m[i].sentence >= n ||
        m[i].span.start < s[m[i].sentence].start || m[i].span.end > s[m[i].sentence].end)
      return 0;
  d = kiji_doc_denials(doc, &n);
  for (i = 0; i < n; i++)
    if (!range_ok(d[i].cue, len, 0) || !range_ok(d[i].by, len, 1) ||
        !range_ok(d[i].claim, len, 1) || (d[i].by_mention != KIJI_NONE && d[i].by_mention >= nm) ||
        (d[i].reported_by != KIJI_NONE && d[i].reported_by >= nm))
      return 0;
  a = kiji_doc_attributions(doc, &n);
  for (i = 0; i < n; i++)
    if (!range_ok(a[i].cue, len, 0) || !range_ok(a[i].source, len, 1) ||
        !range_ok(a[i].claim, len, 1) ||
        (a[i].source_mention != KIJI_NONE && a[i].source_mention >= nm))
      return 0;
  q = kiji_doc_quotes(doc, &n);
  for (i = 0; i < n; i++)
    if (!range_ok(q[i].text, len, 0) || !range_ok(q[i].speaker, len, 1) ||
        !range_ok(q[i].cue, len, 1) ||
        (q[i].speaker_mention != KIJI_NONE && q[i].speaker_mention >= nm) || q[i].sentences == 0 ||
        q[i].sentence + q[i].sentences > ns)
      return 0;
  return kiji_doc_json(doc, "h", 1, NULL) != NULL;
}

static int spans_ok(const char *t, size_t len) {
  size_t n, i;
  const kiji_span *sp = kiji_seg_spans(seg, &n);
  mark(t, len);
  for (i = 0; i < n; i++)
    if (sp[i].start >= sp[i].end || sp[i].end > len || !bounds[sp[i].start] || !bounds[sp[i].end] ||
        (i > 0 && sp[i].start < sp[i - 1].end))
      return 0;
  return 1;
}

static int matches_ok(const char *t, size_t len) {
  size_t n, i;
  const kiji_match *m = kiji_scan_matches(scan, &n);
  mark(t, len);
  for (i = 0; i < n; i++)
    if (m[i].start >= m[i].end || m[i].end > len || !bounds[m[i].start] || !bounds[m[i].end])
      return 0;
  return 1;
}

/* The map of the last normalization: every normalized character comes
** from a range of whole original characters, in order. */
static int map_ok(const char *t, size_t len) {
  size_t nlen, i = 0, l, os, oe, last = 0;
  const unsigned char *o = (const unsigned char *)kiji_norm_text(norm, &nlen);
  const kiji_map *m = kiji_norm_map(norm);
  if (m == NULL || kiji_map_source_length(m) != len || kiji_map_target_length(m) != nlen) return 0;
  mark(t, len);
  while (i < nlen) {
    if (kiji_utf8_decode(o + i, nlen - i, &l) < 0) return 0; /* the output is UTF-8 */
    if (kiji_map_origin(m, i, i + l, &os, &oe) != KIJI_OK || oe > len || os > oe || !bounds[os] ||
        !bounds[oe] || os < last)
      return 0;
    last = os;
    i += l;
  }
  return 1;
}

/* How many U+FFFD the last normalization wrote. */
static size_t replacements(void) {
  size_t nlen, i, k = 0;
  const char *o = kiji_norm_text(norm, &nlen);
  for (i = 0; i + 3 <= nlen; i++)
    if (memcmp(o + i, "\xEF\xBF\xBD", 3) == 0) k++;
  return k;
}

/* The offset in an error message "... at byte offset N". */
static int says_offset(const char *msg, size_t at) {
  char want[48];
  snprintf(want, sizeof want, "offset %zu", at);
  return strstr(msg, want) != NULL;
}

/* ------------------------------------------------------------ one text */

/*
** Every entry point on t under both policies. bad is the offset of the
** first ill-formed sequence, or KIJI_NONE. Returns 0 (and prints why) on
** the first thing wrong.
*/
static int every_entry(const char *t, size_t len, size_t bad, const char *what) {
  static const kiji_invalid policy[] = {KIJI_INVALID_REPLACE, KIJI_INVALID_ERROR};
  int p;
  for (p = 0; p < 2; p++) {
    kiji_norm_options no = KIJI_NORM_OPTIONS_INIT;
    kiji_seg_options so = KIJI_SEG_OPTIONS_INIT;
    kiji_annotate_options ao = KIJI_ANNOTATE_OPTIONS_INIT;
    int refuse = policy[p] == KIJI_INVALID_ERROR && bad != KIJI_NONE;
    kiji_status want = refuse ? KIJI_EUTF8 : KIJI_OK, st;
    no.invalid = so.invalid = ao.invalid = policy[p];
#define CHECK(cond, step)                                                                     \
  if (!(cond)) {                                                                              \
    printf("# %s: %s, policy %s: status %d\n", what, step, p ? "error" : "replace", (int)st); \
    return 0;                                                                                 \
  }
    st = kiji_normalize(norm, t, len, &no);
    CHECK(st == want, "normalize status");
    CHECK(
        !refuse || (kiji_norm_error_offset(norm) == bad && says_offset(kiji_norm_error(norm), bad)),
        "normalize error offset");
    CHECK(refuse || map_ok(t, len), "normalize map");
    st = kiji_sentences(seg, t, len, &so);
    CHECK(st == want, "sentences status");
    CHECK(!refuse || (kiji_seg_error_offset(seg) == bad && says_offset(kiji_seg_error(seg), bad)),
          "sentences error offset");
    CHECK(refuse || spans_ok(t, len), "sentence offsets");
    st = kiji_words(seg, t, len, &so);
    CHECK(st == want, "words status");
    CHECK(!refuse || kiji_seg_error_offset(seg) == bad, "words error offset");
    CHECK(refuse || spans_ok(t, len), "word offsets");
    so.all_segments = 1;
    st = kiji_words(seg, t, len, &so);
    CHECK(st == want && (refuse || spans_ok(t, len)), "all segments");
    st = kiji_annotate(annotator, doc, t, len, &ao);
    CHECK(st == want, "annotate status");
    CHECK(!refuse || (kiji_doc_error_offset(doc) == bad && says_offset(kiji_doc_error(doc), bad)),
          "annotate error offset");
    CHECK(refuse || doc_ok(t, len), "annotation offsets");
#undef CHECK
  }
  if (kiji_dict_scan(lexicon_dict, scan, t, len, KIJI_SCAN_ALL) != KIJI_OK || !matches_ok(t, len) ||
      kiji_dict_scan(lexicon_dict, scan, t, len, KIJI_SCAN_LONGEST) != KIJI_OK ||
      !matches_ok(t, len)) {
    printf("# %s: dictionary scan\n", what);
    return 0;
  }
  return 1;
}

/* ------------------------------------------------------------ bytes */

static void every_byte(tap *t) {
  static const char *const before[] = {"", "Kyodo ", "\xE6\x94\xBF\xE5\xBA\x9C\xE3\x81\xAF"};
  static const char *const after[] = {
      "", " denied it.", /* 否定した。 */
      "\xE5\x90\xA6\xE5\xAE\x9A\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82"};
  int b, c, fails = 0, fffd = 1;
  char buf[64], what[64];
  for (c = 0; c < 3; c++) {
    for (b = 0; b < 256; b++) {
      size_t h = strlen(before[c]), a = strlen(after[c]), len = h + 1 + a;
      memcpy(buf, before[c], h);
      buf[h] = (char)b;
      memcpy(buf + h + 1, after[c], a);
      snprintf(what, sizeof what, "byte %02X in context %d", b, c);
      if (!every_entry(buf, len, b < 0x80 ? KIJI_NONE : h, what)) fails++;
      if (kiji_normalize(norm, buf, len, NULL) == KIJI_OK && replacements() != (b < 0x80 ? 0u : 1u))
        fffd = 0;
    }
  }
  tap_ok(t, fails == 0,
         "every byte value, alone and between English and Japanese text: every "
         "entry point, both policies, offsets on boundaries (%d failures)",
         fails);
  tap_ok(t, fffd, "a byte that starts no character becomes one U+FFFD under replace");
  {
    char all[512 + 16];
    size_t i;
    memcpy(all, "Kyodo denied ", 13);
    for (i = 0; i < 512; i++) all[13 + i] = (char)(i & 0xFF);
    all[525] = '.';
    tap_ok(t, every_entry(all, 526, 13 + 0x80, "every byte value in one text"),
           "every byte value in one text (twice over), all entry points");
  }
}

/* ------------------------------------------------------------ bad UTF-8 */

static const struct {
  const char *name, *bytes;
  size_t fffd; /* how many U+FFFD under replace: its maximal subparts */
  int at_end;  /* a truncated sequence: test it at the end of the text */
} bad_utf8[] = {
    {"overlong C0 80 (NUL)", "\xC0\x80", 2, 0},
    {"overlong C1 BF", "\xC1\xBF", 2, 0},
    {"overlong E0 80 80", "\xE0\x80\x80", 3, 0},
    {"overlong E0 9F BF", "\xE0\x9F\xBF", 3, 0},
    {"overlong F0 80 80 80", "\xF0\x80\x80\x80", 4, 0},
    {"overlong F0 8F BF BF", "\xF0\x8F\xBF\xBF", 4, 0},
    {"surrogate ED A0 80 (U+D800)", "\xED\xA0\x80", 3, 0},
    {"surrogate ED AF BF (U+DBFF)", "\xED\xAF\xBF", 3, 0},
    {"surrogate ED B0 80 (U+DC00)", "\xED\xB0\x80", 3, 0},
    {"surrogate ED BF BF (U+DFFF)", "\xED\xBF\xBF", 3, 0},
    {"surrogate pair as CESU-8", "\xED\xA0\xBD\xED\xB8\x80", 6, 0},
    {"above U+10FFFF: F4 90 80 80", "\xF4\x90\x80\x80", 4, 0},
    {"above U+10FFFF: F5 80 80 80", "\xF5\x80\x80\x80", 4, 0},
    {"above U+10FFFF: F7 BF BF BF", "\xF7\xBF\xBF\xBF", 4, 0},
    {"five bytes F8 88 80 80 80", "\xF8\x88\x80\x80\x80", 5, 0},
    {"six bytes FC 84 80 80 80 80", "\xFC\x84\x80\x80\x80\x80", 6, 0},
    {"FE and FF", "\xFE\xFF", 2, 0},
    {"lone continuation bytes", "\x80\xBF\x80", 3, 0},
    {"a lead byte before ASCII", "\xE3 ", 1, 0},
    {"truncated E3 81 at the end", "\xE3\x81", 1, 1},
    {"truncated F0 9F 98 at the end", "\xF0\x9F\x98", 1, 1},
    {"truncated F4 8F BF at the end", "\xF4\x8F\xBF", 1, 1},
    {"truncated C3 at the end", "\xC3", 1, 1},
    {"truncated E3 81 before a kana", "\xE3\x81\xE3\x81\x82", 1, 0},
};

static void invalid_utf8(tap *t) {
  static const char head[] =
      "\xE6\x94\xBF\xE5\xBA\x9C\xE3\x81\xAF\xE5\x90\xA6\xE5\xAE\x9A"
      "\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82 Kyodo denied it "; /* 政府は否定した。 */
  size_t k, h = sizeof head - 1;
  for (k = 0; k < sizeof bad_utf8 / sizeof bad_utf8[0]; k++) {
    char buf[128];
    size_t b = strlen(bad_utf8[k].bytes), len = h + b, i, os, oe, covered = 0, nlen;
    const char *o;
    int ok;
    memcpy(buf, head, h);
    memcpy(buf + h, bad_utf8[k].bytes, b);
    if (!bad_utf8[k].at_end) {
      memcpy(buf + len, " too.", 5);
      len += 5;
    }
    ok = every_entry(buf, len, h, bad_utf8[k].name);
    /* replace: one U+FFFD per maximal subpart, each mapped to its bytes */
    ok =
        ok && kiji_normalize(norm, buf, len, NULL) == KIJI_OK && replacements() == bad_utf8[k].fffd;
    o = kiji_norm_text(norm, &nlen);
    for (i = 0; ok && i + 3 <= nlen; i++)
      if (memcmp(o + i, "\xEF\xBF\xBD", 3) == 0) {
        ok = kiji_map_origin(kiji_norm_map(norm), i, i + 3, &os, &oe) == KIJI_OK && os >= h &&
             oe <= h + b && oe > os;
        covered += oe - os;
      }
    if (!strstr(bad_utf8[k].name, "before a kana") && !strstr(bad_utf8[k].name, "before ASCII"))
      ok = ok && covered == b;
    tap_ok(t, ok,
           "%s: error at offset %zu under error; %zu U+FFFD, each mapped to its bytes, "
           "under replace; offsets on boundaries everywhere",
           bad_utf8[k].name, h, bad_utf8[k].fffd);
  }
}

/* ------------------------------------------------------------ odd texts */

static size_t count_of(int what) {
  size_t n;
  switch (what) {
    case 0: kiji_doc_sentences(doc, &n); break;
    case 1: kiji_doc_mentions(doc, &n); break;
    case 2: kiji_doc_denials(doc, &n); break;
    default: kiji_doc_attributions(doc, &n); break;
  }
  return n;
}

static int text_is(const char *t, kiji_range r, const char *want) {
  return r.start != KIJI_NONE && r.end - r.start == strlen(want) &&
         memcmp(t + r.start, want, r.end - r.start) == 0;
}

static char *repeat(const char *unit, size_t n, size_t *len) {
  hostile_gen g = {"repeat", "", NULL, "", NULL};
  g.unit = unit;
  return hostile_text(&g, n, len);
}

static void empty_and_blank(tap *t) {
  static const char *const blanks[] = {" ",        "\n",           " \n",
                                       "\t\r\n",   "\xE3\x80\x80", /* U+3000 */
                                       "\xC2\xA0", "\xE2\x80\xA8", "\r"};
  size_t k, n, len, nlen;
  int ok = 1;
  ok = ok && kiji_normalize(norm, NULL, 0, NULL) == KIJI_OK && map_ok("", 0);
  ok = ok && kiji_sentences(seg, NULL, 0, NULL) == KIJI_OK && (kiji_seg_spans(seg, &n), n == 0);
  ok = ok && kiji_words(seg, "", 0, NULL) == KIJI_OK && (kiji_seg_spans(seg, &n), n == 0);
  ok = ok && kiji_dict_scan(lexicon_dict, scan, NULL, 0, KIJI_SCAN_ALL) == KIJI_OK &&
       (kiji_scan_matches(scan, &n), n == 0);
  ok = ok && kiji_annotate(annotator, doc, NULL, 0, NULL) == KIJI_OK && doc_ok("", 0) &&
       count_of(0) == 0 && count_of(1) == 0;
  tap_ok(t, ok && every_entry("", 0, KIJI_NONE, "empty"),
         "empty input: every entry point, no results");
  for (k = 0, ok = 1; k < sizeof blanks / sizeof blanks[0]; k++) {
    char *s = repeat(blanks[k], 100000, &len);
    kiji_seg_options so = KIJI_SEG_OPTIONS_INIT;
    ok = ok && every_entry(s, len, KIJI_NONE, "blank");
    ok = ok && kiji_normalize(norm, s, len, NULL) == KIJI_OK &&
         (kiji_norm_text(norm, &nlen), nlen == 0);
    ok = ok && kiji_sentences(seg, s, len, &so) == KIJI_OK && (kiji_seg_spans(seg, &n), n == 0);
    ok = ok && kiji_words(seg, s, len, &so) == KIJI_OK && (kiji_seg_spans(seg, &n), n == 0);
    ok = ok && kiji_annotate(annotator, doc, s, len, NULL) == KIJI_OK && count_of(0) == 0;
    if (!ok) printf("# blank %zu failed\n", k);
    free(s);
  }
  tap_ok(t, ok,
         "10^5 spaces, line breaks, tabs, CRs, U+3000, NBSP, U+2028: nothing normalized, "
         "no sentence, no word, no mention");
  {
    static const char mixed[] = "\0\0Kyodo\0denied\0it.\0\0\xE6\x94\xBF\xE5\xBA\x9C\0\xE3\x81\xAF";
    char *nuls = calloc(100000, 1);
    ok = every_entry(nuls, 100000, KIJI_NONE, "NUL bytes") &&
         kiji_annotate(annotator, doc, nuls, 100000, NULL) == KIJI_OK && count_of(0) <= 1;
    ok = ok && every_entry(mixed, sizeof mixed - 1, KIJI_NONE, "NUL bytes in text") &&
         kiji_annotate(annotator, doc, mixed, sizeof mixed - 1, NULL) == KIJI_OK &&
         count_of(1) >= 1 && text_is(mixed, kiji_doc_mentions(doc, &n)[0].span, "Kyodo");
    tap_ok(t, ok, "NUL bytes are data: 10^5 of them, and between words (Kyodo still found)");
    free(nuls);
  }
}

/* One line of about `bytes` bytes without a sentence terminator. */
static void long_line(tap *t, const char *unit, const char *lang) {
  size_t n = 1000000 / strlen(unit), len, count;
  char *s = repeat(unit, n, &len);
  const kiji_range *r;
  int ok = every_entry(s, len, KIJI_NONE, "1 MB line");
  ok = ok && kiji_annotate(annotator, doc, s, len, NULL) == KIJI_OK;
  r = kiji_doc_sentences(doc, &count);
  tap_ok(t, ok && count == 1 && r[0].start == 0 && r[0].end >= len - 1,
         "a 1 MB %s line without a sentence terminator: one sentence, every entry point (%zu)",
         lang, count);
  free(s);
}

/* ------------------------------------------------------------ quotes, cues */

static void nested_quotes(tap *t) {
  size_t len, n, depth;
  for (depth = 10000; depth <= 100000; depth *= 10) {
    char *s = hostile_nested(depth, &len);
    const kiji_denial *d;
    int ok = kiji_annotate(annotator, doc, s, len, NULL) == KIJI_OK && doc_ok(s, len);
    d = kiji_doc_denials(doc, &n);
    ok = ok && count_of(0) == 1 && n == 1 && text_is(s, d[0].cue, "\xE5\x90\xA6\xE5\xAE\x9A");
    ok = ok && every_entry(s, len, KIJI_NONE, "nested quotes");
    tap_ok(t, ok, "%zu nested quotes around a denial: one sentence, one denial (%zu), its cue 否定",
           depth, n);
    free(s);
  }
  {
    static const char *const units[] = {"\xE3\x80\x8C", "\xE3\x80\x8D", "\xE3\x80\x8E",
                                        "\xE3\x80\x8D\xE3\x81\xA8", "\xE3\x80\x8C\xE3\x80\x8D"};
    size_t k;
    int ok = 1;
    for (k = 0; k < sizeof units / sizeof units[0]; k++) {
      hostile_gen g = {"unbalanced", "\xE6\x94\xBF\xE5\xBA\x9C\xE3\x81\xAF", NULL,
                       "\xE5\x90\xA6\xE5\xAE\x9A\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x82", NULL};
      char *s;
      g.unit = units[k];
      s = hostile_text(&g, 100000, &len);
      ok = ok && every_entry(s, len, KIJI_NONE, "unbalanced quotes");
      free(s);
    }
    tap_ok(t, ok, "10^5 unbalanced 「, 」, 『, 」と, 「」 before a denial: every entry point");
  }
}

/* Quotation marks that never close, and a line of them: no quotation
** scans on to the text's end (quotes.c follows one QUOTE_REACH sentences),
** and a sentence gives at most 32. */
static void open_quotes(tap *t) {
  size_t len, n;
  char *s;
  int ok;
  {
    hostile_gen g = {"open", "Oda said \"", "It is untrue. ", "", NULL};
    s = hostile_text(&g, 10000, &len);
    ok = kiji_annotate(annotator, doc, s, len, NULL) == KIJI_OK && doc_ok(s, len);
    kiji_doc_quotes(doc, &n);
    tap_ok(t, ok && n == 0, "a mark open over 10^4 sentences: no quotation (%zu)", n);
    free(s);
  }
  {
    hostile_gen g = {"marks", "Oda said: ", "\"It is untrue,\" ", ".", NULL};
    s = hostile_text(&g, 100000, &len);
    ok = kiji_annotate(annotator, doc, s, len, NULL) == KIJI_OK && doc_ok(s, len);
    kiji_doc_quotes(doc, &n);
    tap_ok(t, ok && n == 32, "10^5 quotations in one sentence: 32 (%zu)", n);
    free(s);
  }
  {
    hostile_gen g = {"turn", "【報道官】", "事実無根だ。", "", NULL};
    const kiji_quote *q;
    s = hostile_text(&g, 10000, &len);
    ok = kiji_annotate(annotator, doc, s, len, NULL) == KIJI_OK && doc_ok(s, len);
    q = kiji_doc_quotes(doc, &n);
    tap_ok(t, ok && n == 1 && q[0].sentences == 8,
           "a labelled turn of 10^4 sentences on one line: one quotation of 8 (%zu)", n);
    free(s);
  }
}

/* Annotate g at n; its denials and attributions in *nd and *na. */
static int run_gen(const hostile_gen *g, size_t n, size_t *nd, size_t *na) {
  size_t len;
  char *s = hostile_text(g, n, &len);
  int ok = kiji_annotate(annotator, doc, s, len, NULL) == KIJI_OK && doc_ok(s, len);
  *nd = count_of(2);
  *na = count_of(3);
  free(s);
  return ok;
}

static void many_cues(tap *t) {
  size_t n = 100000, len, nd, na, k;
  char *s;
  const kiji_denial *d;
  int ok;
  /* English: one party, 10^5 cues: one denial */
  {
    hostile_gen g = {"en", "Japan ", "denied the report and ", "it.", NULL};
    s = hostile_text(&g, n, &len);
  }
  ok = kiji_annotate(annotator, doc, s, len, NULL) == KIJI_OK && doc_ok(s, len);
  d = kiji_doc_denials(doc, &nd);
  tap_ok(t,
         ok && count_of(0) == 1 && nd == 1 && text_is(s, d[0].by, "Japan") &&
             text_is(s, d[0].cue, "denied"),
         "10^5 English denial cues of one party in one sentence: one denial by Japan (%zu)", nd);
  free(s);
  /* Japanese: 政府は否定した、… */
  {
    hostile_gen g = {
        "ja", "\xE6\x94\xBF\xE5\xBA\x9C\xE3\x81\xAF",                   /* 政府は */
        "\xE5\x90\xA6\xE5\xAE\x9A\xE3\x81\x97\xE3\x81\x9F\xE3\x80\x81", /* 否定した、 */
        "\xE3\x80\x82", NULL};
    s = hostile_text(&g, n, &len);
    ok = kiji_annotate(annotator, doc, s, len, NULL) == KIJI_OK && doc_ok(s, len);
    d = kiji_doc_denials(doc, &nd);
    tap_ok(t, ok && count_of(0) == 1 && nd == 1 && text_is(s, d[0].by, "\xE6\x94\xBF\xE5\xBA\x9C"),
           "10^5 Japanese cues 否定した in one sentence: one denial by 政府 (%zu)", nd);
    free(s);
  }
  s = repeat("did not deny ", n, &len);
  ok = kiji_annotate(annotator, doc, s, len, NULL) == KIJI_OK && doc_ok(s, len);
  tap_ok(t, ok && count_of(2) == 0, "10^5 negated cues (did not deny): no denial");
  free(s);
  /* 2*10^4 parties, each a denial and an attribution of the sentence:
  ** each record repeats the sentence in the JSON, so a sentence keeps 32
  ** attributions (and weighs 16 denial cues) */
  {
    hostile_gen g = {"said", "", "Kyodo said the plan was untrue and Oda denied it and ", "", NULL};
    size_t jl = 0;
    n = 20000;
    s = hostile_text(&g, n, &len);
    ok = kiji_annotate(annotator, doc, s, len, NULL) == KIJI_OK && doc_ok(s, len) &&
         kiji_doc_json(doc, NULL, 0, &jl) != NULL;
    nd = count_of(2);
    na = count_of(3);
    tap_ok(t, ok && nd == 16 && na == 32 && count_of(1) == n && jl < 100 * len,
           "2*10^4 'Kyodo said' and 'Oda denied' in one sentence: %zu outlets, 32 attributions and "
           "16 denials (%zu, %zu), %zu bytes of JSON for %zu of text",
           count_of(1), na, nd, jl, len);
    free(s);
  }
  /* every generator of hostile.h */
  for (k = 0, ok = 1; k < HOSTILE_NGENS; k++) {
    if (!run_gen(&hostile_gens[k], 10000, &nd, &na)) {
      printf("# generator %s failed\n", hostile_gens[k].name);
      ok = 0;
    }
  }
  tap_ok(t, ok,
         "%zu generators of hostile text at 10^4 repetitions in one sentence: offsets on "
         "boundaries, JSON written",
         HOSTILE_NGENS);
}

/* ------------------------------------------------------------ dictionaries */

static const char tsv_line[] =
    "Tsugaru Evening Post\toutlet\ttsugaru_post\t\tsubtype=newspaper;country=JP\n";

static void duplicates(tap *t) {
  size_t n = 100000, l = sizeof tsv_line - 1, i, count;
  char *tsv = malloc(l * n + 200);
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  kiji_error err;
  kiji_annotator *a;
  const kiji_dict *extra[1];
  static const char text[] =
      "The Tsugaru Evening Post reported it. The Tsugaru Evening Post denied "
      "the report, the Tsugaru Evening Post said.";
  kiji_entry e;
  int ok;
  static const char more[] = /* the same line with CRLF; the surface under another id */
      "Tsugaru Evening Post\toutlet\ttsugaru_post\t\tsubtype=newspaper;country=JP\r\n"
      "Tsugaru Evening Post\toutlet\ttsugaru2\n";
  for (i = 0; i < n; i++) memcpy(tsv + i * l, tsv_line, l);
  memcpy(tsv + n * l, more, sizeof more - 1);
  tap_ok(t,
         kiji_dict_builder_add_tsv(b, tsv, n * l + sizeof more - 1, &err) == KIJI_OK &&
             kiji_dict_compile(b, &d) == KIJI_OK,
         "a TSV of 10^5 copies of a line loads and compiles: %s", err.message);
  count = d ? kiji_dict_count(d) : 0;
  tap_ok(t, count == 2, "... into one entry, and one for the other id (%zu)", count);
  if (d) {
    kiji_dict_scan(d, scan, text, sizeof text - 1, KIJI_SCAN_ALL);
    kiji_scan_matches(scan, &count);
    tap_ok(t, count == 6, "... three occurrences, two entries each: 6 matches (%zu)", count);
    extra[0] = d;
    a = kiji_annotator_new(extra, 1, &err);
    ok = a && kiji_annotate(a, doc, text, sizeof text - 1, NULL) == KIJI_OK &&
         doc_ok(text, sizeof text - 1);
    tap_ok(t, ok && count_of(1) == 3, "... annotated with it: three outlet mentions (%zu)",
           count_of(1));
    kiji_annotator_free(a);
  }
  /* the same entry through the C API 10^5 times */
  memset(&e, 0, sizeof e);
  e.surface = "Kyodo";
  e.surface_len = 5;
  e.kind = "outlet";
  e.id = "kyodo";
  for (i = 0; i < n; i++)
    if (kiji_dict_builder_add(b, &e) != KIJI_OK) break;
  e.flags = KIJI_ENTRY_EXACT_CASE; /* another entry: flags differ */
  kiji_dict_builder_add(b, &e);
  kiji_dict_free(d);
  d = NULL;
  ok = i == n && kiji_dict_compile(b, &d) == KIJI_OK;
  count = d ? kiji_dict_count(d) : 0;
  tap_ok(t, ok && count == 4,
         "kiji_dict_builder_add of one entry 10^5 times: KIJI_OK, kept once (%zu entries)", count);
  kiji_dict_free(d);
  kiji_dict_builder_free(b);
  free(tsv);
}

static void pathological_entries(tap *t) {
  enum { LONG = 10240, N = 100000 };
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  kiji_error err;
  kiji_entry e;
  char *longname = malloc(LONG + 1), *longkanji = malloc(LONG + 1), *as = malloc(N + 1);
  char *text, *tsv;
  size_t i, n, len, tl, kl;
  const kiji_match *m;
  kiji_annotator *a;
  const kiji_dict *extra[1];
  int ok;
  /* a 10 KB name of words, a 10 KB run of kanji, 10 KB of 'a', and 'x' */
  for (i = 0; i < LONG; i++) longname[i] = "Tsugaru Evening Post "[i % 21];
  longname[LONG - 1] = 'P';
  for (kl = 0; kl + 3 <= LONG; kl += 3) memcpy(longkanji + kl, "\xE6\xB4\xA5", 3); /* 津 */
  memset(as, 'a', N);
  memset(&e, 0, sizeof e);
  e.kind = "outlet";
  e.surface = longname, e.surface_len = LONG, e.id = "long";
  ok = kiji_dict_builder_add(b, &e) == KIJI_OK;
  e.surface = longkanji, e.surface_len = kl, e.id = "kanji";
  ok = ok && kiji_dict_builder_add(b, &e) == KIJI_OK;
  e.surface = as, e.surface_len = LONG, e.id = "as", e.flags = KIJI_ENTRY_NO_WORD;
  ok = ok && kiji_dict_builder_add(b, &e) == KIJI_OK;
  e.surface = "a", e.surface_len = 1, e.id = "a";
  ok = ok && kiji_dict_builder_add(b, &e) == KIJI_OK;
  e.surface = "x", e.surface_len = 1, e.id = "x", e.flags = 0;
  ok = ok && kiji_dict_builder_add(b, &e) == KIJI_OK;
  /* the same through a TSV line with a 10 KB surface */
  tsv = malloc(LONG + 64);
  memcpy(tsv, longname, LONG);
  memcpy(tsv + LONG, "\toutlet\tlong2\n", 14);
  ok = ok && kiji_dict_builder_add_tsv(b, tsv, LONG + 14, &err) == KIJI_OK;
  ok = ok && kiji_dict_compile(b, &d) == KIJI_OK && kiji_dict_count(d) == 6;
  tap_ok(t, ok, "one-byte and 10 KB surfaces (words, kanji, one letter) compile");
  /* N letters a: 'a' at every byte, the 10 KB run wherever it fits */
  ok = d && kiji_dict_scan(d, scan, as, N, KIJI_SCAN_ALL) == KIJI_OK && matches_ok(as, N);
  kiji_scan_matches(scan, &n);
  tap_ok(t, ok && n == (size_t)N + (N - LONG + 1),
         "10^5 letters: every 'a' and every 10 KB window, all mode (%zu matches)", n);
  ok = d && kiji_dict_scan(d, scan, as, N, KIJI_SCAN_LONGEST) == KIJI_OK;
  m = kiji_scan_matches(scan, &n);
  tap_ok(t, ok && n == N / LONG + N % LONG && m[0].end - m[0].start == LONG,
         "... longest mode: 9 runs of 10 KB, then single letters (%zu matches)", n);
  extra[0] = d;
  a = d ? kiji_annotator_new(extra, 1, &err) : NULL;
  ok = a && kiji_annotate(a, doc, as, N, NULL) == KIJI_OK && doc_ok(as, N);
  tap_ok(t, ok && count_of(1) == N / LONG + N % LONG,
         "... annotated: one outlet per longest match (%zu)", count_of(1));
  /* the long names in news text, and x x x ... */
  tl = LONG + 200 + kl + 2 * N;
  text = malloc(tl);
  len = 0;
  memcpy(text, longname, LONG), len += LONG;
  memcpy(text + len, " reported that Japan denied it. ", 32), len += 32;
  memcpy(text + len, longkanji, kl), len += kl;
  memcpy(text + len,
         "\xE3\x81\xAB\xE3\x82\x88\xE3\x82\x8B\xE3\x81\xA8\xE3\x80\x81"
         "\xE6\x94\xBF\xE5\xBA\x9C\xE3\x81\xAF\xE5\x90\xA6\xE5\xAE\x9A\xE3\x81\x97"
         "\xE3\x81\x9F\xE3\x80\x82 ",
         37); /* によると、政府は否定した。 */
  len += 37;
  for (n = 0; n < N; n++, len += 2) memcpy(text + len, "x ", 2);
  ok = a && kiji_annotate(a, doc, text, len, NULL) == KIJI_OK && doc_ok(text, len);
  {
    size_t nm, nd, na, k, found = 0, sourced = 0;
    const kiji_mention *mm = kiji_doc_mentions(doc, &nm);
    const kiji_denial *dd = kiji_doc_denials(doc, &nd);
    const kiji_attribution *aa = kiji_doc_attributions(doc, &na);
    for (k = 0; k < nm; k++)
      if (mm[k].kind == KIJI_KIND_OUTLET &&
          (mm[k].span.end - mm[k].span.start == LONG || mm[k].span.end - mm[k].span.start == kl))
        found++;
    for (k = 0; k < na; k++)
      if (aa[k].source_mention != KIJI_NONE && (aa[k].source.end - aa[k].source.start == LONG ||
                                                aa[k].source.end - aa[k].source.start == kl))
        sourced++;
    tap_ok(t,
           ok && found == 2 && sourced == 2 && nm >= 2 + N && nd == 2 &&
               dd[0].reported_by != KIJI_NONE,
           "10 KB outlet names are the sources of two attributions and report a denial; 10^5 "
           "one-letter outlets (%zu long, %zu sources, %zu mentions, %zu denials)",
           found, sourced, nm, nd);
  }
  kiji_annotator_free(a);
  kiji_dict_free(d);
  kiji_dict_builder_free(b);
  free(longname), free(longkanji), free(as), free(text), free(tsv);
}

/* ------------------------------------------------------------ too large */

static void too_large(tap *t) {
  static const char small[] = "Kyodo denied it.";
  size_t huge = (size_t)INT32_MAX + 1;
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_entry e;
  char *big = malloc((size_t)17 << 20);
  /* the length is refused before a byte is read: small stands for 2 GB */
  tap_ok(t,
         kiji_sentences(seg, small, huge, NULL) == KIJI_ETOOBIG &&
             strstr(kiji_seg_error(seg), "too large") != NULL,
         "sentences of 2^31 bytes: KIJI_ETOOBIG, \"%s\"", kiji_seg_error(seg));
  tap_ok(t, kiji_words(seg, small, huge, NULL) == KIJI_ETOOBIG,
         "words of 2^31 bytes: KIJI_ETOOBIG");
  tap_ok(t,
         kiji_annotate(annotator, doc, small, huge, NULL) == KIJI_ETOOBIG &&
             strstr(kiji_doc_error(doc), "too large") != NULL && count_of(0) == 0,
         "annotate of 2^31 bytes: KIJI_ETOOBIG before any work, \"%s\"", kiji_doc_error(doc));
  tap_ok(t, kiji_normalize(norm, small, (size_t)-1, NULL) == KIJI_ETOOBIG,
         "normalize of SIZE_MAX bytes: KIJI_ETOOBIG");
  memset(big, 'k', (size_t)17 << 20);
  memset(&e, 0, sizeof e);
  e.surface = big;
  e.surface_len = (size_t)17 << 20;
  e.kind = "outlet";
  tap_ok(t,
         kiji_dict_builder_add(b, &e) == KIJI_ETOOBIG &&
             strstr(kiji_dict_builder_error(b), "too long") != NULL,
         "a 17 MB surface: KIJI_ETOOBIG, \"%s\"", kiji_dict_builder_error(b));
  kiji_dict_builder_free(b);
  free(big);
}

int main(void) {
  tap t = {0, 0};
  kiji_error err;
  kiji_annotator *a = kiji_annotator_new(NULL, 0, &err);
  kiji_segmenter *sg = kiji_segmenter_new(&err);
  kiji_dict *lex = NULL;
  setvbuf(stdout, NULL, _IOLBF, 0); /* each result as it comes */
  if (a == NULL || sg == NULL || kiji_lexicon_load(&lex, &err) != KIJI_OK) {
    printf("Bail out! %s\n", err.message);
    return 1;
  }
  annotator = a;
  lexicon_dict = lex;
  doc = kiji_doc_new();
  norm = kiji_norm_new();
  seg = kiji_seg_new(sg);
  scan = kiji_scan_new();
  every_byte(&t);
  invalid_utf8(&t);
  empty_and_blank(&t);
  long_line(&t, "the ministry said that the report about the plan ", "English");
  long_line(&t,
            "\xE6\x94\xBF\xE5\xBA\x9C\xE3\x81\xAE\xE8\xA8\x88\xE7\x94\xBB\xE3\x81\xAB"
            "\xE3\x81\xA4\xE3\x81\x84\xE3\x81\xA6",
            "Japanese"); /* 政府の計画について */
  nested_quotes(&t);
  open_quotes(&t);
  many_cues(&t);
  duplicates(&t);
  pathological_entries(&t);
  too_large(&t);
  kiji_doc_free(doc);
  kiji_norm_free(norm);
  kiji_seg_free(seg);
  kiji_scan_free(scan);
  kiji_dict_free(lex);
  kiji_segmenter_free(sg);
  kiji_annotator_free(a);
  free(bounds);
  return tap_done(&t);
}
