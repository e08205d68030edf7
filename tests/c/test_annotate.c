/*
** test_annotate.c -- the annotation API from C: results on short texts of
** our own, errors for bad arguments and bad input, offsets that are always
** original character boundaries (random texts made of news fragments),
** snapshots and extra dictionaries. (Threads sharing an annotator, a
** dictionary and a segmenter: test_threads.c.)
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiji.h"
#include "tap.h"
#include "annotate/ann.h"
#include "base/utf8.h"

/* The character boundaries of the text as kiji decodes it: a character, or
** one maximal subpart of an ill-formed sequence (a stray byte...). */
static unsigned char bounds[1 << 16];

static void mark_boundaries(const char *t, size_t len) {
  size_t i = 0, l;
  memset(bounds, 0, len + 1);
  while (i < len) {
    bounds[i] = 1;
    kiji_utf8_decode((const unsigned char *)t + i, len - i, &l);
    i += l ? l : 1;
  }
  bounds[len] = 1;
}

static int has_mention(const kiji_doc *doc, const char *text, const char *want, kiji_kind kind) {
  size_t n, i;
  const kiji_mention *m = kiji_doc_mentions(doc, &n);
  for (i = 0; i < n; i++)
    if (m[i].kind == kind && m[i].span.end - m[i].span.start == strlen(want) &&
        memcmp(text + m[i].span.start, want, strlen(want)) == 0)
      return 1;
  return 0;
}

static int range_is(const char *text, kiji_range r, const char *want) {
  if (want == NULL) return r.start == KIJI_NONE;
  return r.start != KIJI_NONE && r.end - r.start == strlen(want) &&
         memcmp(text + r.start, want, r.end - r.start) == 0;
}

static int boundary(const char *t, size_t len, size_t i) {
  (void)t;
  return i <= len && bounds[i];
}

static int range_ok(const char *t, size_t len, kiji_range r, int may_be_absent) {
  if (r.start == KIJI_NONE) return may_be_absent && r.end == KIJI_NONE;
  return r.start <= r.end && r.end <= len && boundary(t, len, r.start) && boundary(t, len, r.end);
}

/* Every offset of the document lies on a character boundary of t. */
static int offsets_ok(const kiji_doc *doc, const char *t, size_t len) {
  size_t n, i, nm;
  const kiji_range *s = kiji_doc_sentences(doc, &n);
  const kiji_mention *m = kiji_doc_mentions(doc, &nm);
  const kiji_denial *d;
  const kiji_attribution *a;
  const kiji_quote *q;
  size_t nq, ns;
  mark_boundaries(t, len);
  q = kiji_doc_quotes(doc, &nq);
  ns = n;
  for (i = 0; i < nq; i++)
    if (!range_ok(t, len, q[i].text, 0) || q[i].text.start >= q[i].text.end ||
        !range_ok(t, len, q[i].speaker, 1) || !range_ok(t, len, q[i].cue, 1) ||
        (q[i].speaker_mention != KIJI_NONE && q[i].speaker_mention >= nm) ||
        (q[i].speaker_antecedent != KIJI_NONE && q[i].speaker_antecedent >= nm) ||
        q[i].sentences == 0 || q[i].sentence + q[i].sentences > ns ||
        q[i].text.start < s[q[i].sentence].start ||
        q[i].text.end > s[q[i].sentence + q[i].sentences - 1].end ||
        (i > 0 && q[i].text.start < q[i - 1].text.end))
      return 0;
  for (i = 0; i < n; i++)
    if (!range_ok(t, len, s[i], 0) || (i > 0 && s[i].start < s[i - 1].end)) return 0;
  for (i = 0; i < nm; i++)
    if (!range_ok(t, len, m[i].span, 0) || !range_ok(t, len, m[i].title, 1) ||
        !range_ok(t, len, m[i].person, 1) || m[i].sentence >= n ||
        m[i].span.start < s[m[i].sentence].start || m[i].span.end > s[m[i].sentence].end ||
        (i > 0 && m[i].span.start < m[i - 1].span.start))
      return 0;
  d = kiji_doc_denials(doc, &n);
  for (i = 0; i < n; i++)
    if (!range_ok(t, len, d[i].cue, 0) || !range_ok(t, len, d[i].by, 1) ||
        !range_ok(t, len, d[i].claim, 1) ||
        (d[i].by_mention != KIJI_NONE && d[i].by_mention >= nm) ||
        (d[i].reported_by != KIJI_NONE && d[i].reported_by >= nm) ||
        !range_ok(t, len, d[i].target, 1) ||
        (d[i].target_mention != KIJI_NONE && d[i].target_mention >= nm) ||
        (d[i].target_antecedent != KIJI_NONE && d[i].target_antecedent >= nm) ||
        (d[i].by_antecedent != KIJI_NONE &&
         (d[i].by_antecedent >= nm || d[i].by_mention != KIJI_NONE)) ||
        ((d[i].target_mention != KIJI_NONE || d[i].target_antecedent != KIJI_NONE) !=
         (d[i].target.start != KIJI_NONE)) ||
        (d[i].quote != KIJI_NONE && d[i].quote >= nq))
      return 0;
  a = kiji_doc_attributions(doc, &n);
  for (i = 0; i < n; i++)
    if (!range_ok(t, len, a[i].cue, 0) || !range_ok(t, len, a[i].source, 1) ||
        !range_ok(t, len, a[i].claim, 1) ||
        (a[i].source_antecedent != KIJI_NONE && a[i].source_antecedent >= nm) ||
        (a[i].quote != KIJI_NONE && a[i].quote >= nq))
      return 0;
  return 1;
}

static const char en_text[] =
    "Japan denies report of radar leak\n\n"
    "TOKYO (Kyodo) -- Japan's Defense Ministry on Monday denied a report that radar data "
    "had leaked. Chief Cabinet Secretary Kenji Oda told Reuters the report was untrue. "
    "A senior official declined to confirm the number of staff involved.";

static const char ja_text[] =
    "政府、英紙の報道を否定\n\n"
    "小田健二官房長官は記者会見で、日本政府が計画を中止したとする英紙タイムズの報道について"
    "「そのような事実はない」と否定した。共同通信によると、防衛省幹部は「確認していない」と述べた"
    "。";

static void results(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  size_t n;
  const kiji_denial *d;
  tap_ok(t, kiji_annotate(a, doc, en_text, strlen(en_text), NULL) == KIJI_OK, "en: annotate");
  tap_ok(t, kiji_doc_lang(doc) == KIJI_LANG_EN, "en: lang");
  tap_ok(t, has_mention(doc, en_text, "Chief Cabinet Secretary Kenji Oda", KIJI_KIND_OFFICIAL),
         "en: title with a name is one official");
  tap_ok(t, has_mention(doc, en_text, "Reuters", KIJI_KIND_OUTLET), "en: Reuters is an outlet");
  tap_ok(t, has_mention(doc, en_text, "Kyodo", KIJI_KIND_OUTLET), "en: the dateline's outlet");
  d = kiji_doc_denials(doc, &n);
  tap_ok(t, n == 3, "en: three denials, the trap gives none (%zu)", n);
  if (n == 3) {
    tap_ok(t, range_is(en_text, d[0].by, "Japan"), "en: headline subject");
    tap_ok(t, range_is(en_text, d[1].by, "Defense Ministry"), "en: subject, possessive dropped");
    tap_ok(t, range_is(en_text, d[2].by, "Chief Cabinet Secretary Kenji Oda"),
           "en: the speaker of a reported denial");
    tap_ok(t, d[2].reported_by != KIJI_NONE, "en: told Reuters: reported by");
    tap_ok(t, range_is(en_text, d[2].claim, "the report"), "en: the claim of a predicate");
  }
  tap_ok(t, offsets_ok(doc, en_text, strlen(en_text)), "en: offsets");

  tap_ok(t, kiji_annotate(a, doc, ja_text, strlen(ja_text), NULL) == KIJI_OK, "ja: annotate");
  tap_ok(t, kiji_doc_lang(doc) == KIJI_LANG_JA, "ja: lang");
  tap_ok(t, has_mention(doc, ja_text, "小田健二官房長官", KIJI_KIND_OFFICIAL),
         "ja: name and title");
  tap_ok(t, has_mention(doc, ja_text, "防衛省幹部", KIJI_KIND_OFFICIAL), "ja: body and role");
  tap_ok(t, has_mention(doc, ja_text, "政府", KIJI_KIND_OFFICIAL), "ja: 政府 alone");
  tap_ok(t, has_mention(doc, ja_text, "タイムズ", KIJI_KIND_OUTLET), "ja: 英紙 is not in the name");
  d = kiji_doc_denials(doc, &n);
  tap_ok(t, n == 2, "ja: two denials, 確認していない gives none (%zu)", n);
  if (n == 2) {
    tap_ok(t, range_is(ja_text, d[0].by, "政府"), "ja: headline topic");
    tap_ok(t, range_is(ja_text, d[1].by, "小田健二官房長官"), "ja: topic Xは");
    tap_ok(t, range_is(ja_text, d[1].claim, "「そのような事実はない」"), "ja: the quoted claim");
    tap_ok(t, d[1].cue.end - d[1].cue.start == 6, "ja: the cue is the main verb 否定");
  }
  tap_ok(t, offsets_ok(doc, ja_text, strlen(ja_text)), "ja: offsets");
}

static void errors(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  static const char bad[] = "Japan denied it \xC3\x28 and \xED\xA0\x80 too.";
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  size_t n;
  tap_ok(t, kiji_annotate(NULL, doc, "x", 1, NULL) == KIJI_EINVAL, "NULL annotator");
  tap_ok(t, kiji_annotate(a, NULL, "x", 1, NULL) == KIJI_EINVAL, "NULL document");
  tap_ok(t, kiji_annotate(a, doc, NULL, 3, NULL) == KIJI_EINVAL, "NULL text with a length");
  tap_ok(t, strlen(kiji_doc_error(doc)) > 0, "the error has a message");
  o.lang = (kiji_lang)9;
  tap_ok(t, kiji_annotate(a, doc, "x", 1, &o) == KIJI_EINVAL, "a bad option");
  tap_ok(t, kiji_annotate(a, doc, NULL, 0, NULL) == KIJI_OK, "empty input");
  kiji_doc_sentences(doc, &n);
  tap_ok(t, n == 0, "empty input: no sentences");
  tap_ok(
      t,
      kiji_annotate(a, doc, "\0\0Kyodo\0", 8, NULL) == KIJI_OK && offsets_ok(doc, "\0\0Kyodo\0", 8),
      "NUL bytes are data");
  tap_ok(t,
         kiji_annotate(a, doc, bad, sizeof bad - 1, NULL) == KIJI_OK &&
             offsets_ok(doc, bad, sizeof bad - 1),
         "invalid UTF-8 replaced: offsets still on the original");
  o.lang = KIJI_LANG_AUTO;
  o.invalid = KIJI_INVALID_ERROR;
  tap_ok(t, kiji_annotate(a, doc, bad, sizeof bad - 1, &o) == KIJI_EUTF8, "invalid UTF-8: error");
  tap_ok(t, kiji_doc_error_offset(doc) == 16, "... at its offset (%zu)",
         kiji_doc_error_offset(doc));
  kiji_doc_mentions(doc, &n);
  tap_ok(t, n == 0, "... and no stale results");
  tap_ok(t, kiji_annotator_new(NULL, 2, NULL) == NULL, "extra dictionaries: NULL array");
  {
    /* what fuzz_annotate found under UBSan (tests/fuzz/corpus/annotate-crash-*) */
    static const char starts_with_to[] =
        "\xE3\x81\xA8\xE6\x94\xBF\xE5\xBA\x9C\xE3\x81\xAF"
        "\xE5\x90\xA6\xE5\xAE\x9A\xE3\x81\x97\xE3\x81\x9F";
    kiji_doc *fresh = kiji_doc_new();
    tap_ok(t, kiji_annotate(a, fresh, "", 0, NULL) == KIJI_OK, "a new document, an empty text");
    kiji_doc_free(fresh);
    fresh = kiji_doc_new();
    tap_ok(t, kiji_annotate(a, fresh, "\xE6\x97\xA5\xE6\x9C\xAC", 6, NULL) == KIJI_OK,
           "a new document, a text with no results");
    kiji_doc_free(fresh);
    tap_ok(t,
           kiji_annotate(a, doc, starts_with_to, sizeof starts_with_to - 1, NULL) == KIJI_OK &&
               offsets_ok(doc, starts_with_to, sizeof starts_with_to - 1),
           "a particle at the very start");
  }
  {
    /* annotate-crash-4: the claim after a speaker began 3 bytes after it,
    ** inside は when a space came between */
    static const char spaced[] =
        "Prime Minister \xE3\x81\xAF\xE5\xA2\x97\xE7\xA8\x8E"
        "\xE3\x81\xAF\xE3\x81\xAA\xE3\x81\x84\xE3\x81\xA8"
        "\xE8\xAA\x9E\xE3\x81\xA3\xE3\x81\x9F\xE3\x80\x82";
    const kiji_attribution *at;
    at = (kiji_annotate(a, doc, spaced, sizeof spaced - 1, NULL), kiji_doc_attributions(doc, &n));
    tap_ok(t,
           offsets_ok(doc, spaced, sizeof spaced - 1) && n == 1 &&
               range_is(spaced, at[0].claim,
                        "\xE5\xA2\x97\xE7\xA8\x8E\xE3\x81\xAF"
                        "\xE3\x81\xAA\xE3\x81\x84"),
           "a speaker, a space and は: the claim starts after は");
  }
}

/* Texts stitched from fragments that exercise every rule, and random bytes. */
static const char *const fragments[] = {
    "Japan's ",
    "Defense Ministry ",
    "denied ",
    "the report",
    ". ",
    "\"It is untrue,\" ",
    "Oda said",
    "政府は",
    "「事実はない」と",
    "否定した。",
    "共同通信によると、",
    "官房長官",
    "小田",
    "英紙タイムズ",
    "Chief Cabinet Secretary ",
    "Kenji Oda ",
    "told Reuters ",
    "was denied by ",
    "Kyodo News",
    "\n\n",
    "。",
    "、",
    "\xE3\x81",
    "\xC3\x28",
    "\xF0\x9F\x98\x80",
    "ｶﾞ",
    "Ⅳ",
    "ﬁ",
    "İ",
    "@kyodo_official ",
    "denial of service ",
    "防衛省幹部",
    "在日中国大使館",
    ", she added",
    "according to a poll by ",
    "analysts warned that ",
    ", saying ",
    " as saying ",
    ", which makes parts, ",
    "the warning ",
    "世論調査によると",
    "と警告した",
    "との見方を示した",
    "\"",
    "\xE2\x80\x9C",
    "\xE2\x80\x9D",
    "「",
    "」と述べた",
    "『",
    "＝",
    "【報道官】",
    "SPOKESMAN: ",
    "He said:\n",
};

static void random_texts(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  char buf[4096];
  unsigned seed = 12345;
  int i, bad = 0;
  size_t nf = sizeof fragments / sizeof fragments[0];
  for (i = 0; i < 3000 && !bad; i++) {
    size_t len = 0;
    int k, parts = (int)(seed % 40);
    for (k = 0; k < parts; k++) {
      const char *f;
      seed = seed * 1103515245u + 12345u;
      f = fragments[(seed >> 8) % nf];
      if (len + strlen(f) >= sizeof buf) break;
      memcpy(buf + len, f, strlen(f));
      len += strlen(f);
    }
    seed = seed * 1103515245u + 12345u;
    if (len > 0 && seed % 5 == 0) buf[(seed >> 8) % len] = (char)(seed >> 16); /* a bad byte */
    kiji_status st = kiji_annotate(a, doc, buf, len, NULL);
    if (st != KIJI_OK || !offsets_ok(doc, buf, len) || kiji_doc_json(doc, "r", 1, NULL) == NULL) {
      size_t k2;
      bad = 1;
      printf("# status %d (%s), failed on:", (int)st, kiji_doc_error(doc));
      for (k2 = 0; k2 < len; k2++) printf(" %02x", (unsigned char)buf[k2]);
      printf("\n");
    }
  }
  tap_ok(t, !bad, "3000 stitched texts: every offset on an original boundary (%d)", i);
}

static void snapshot_and_json(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  kiji_doc *snap;
  size_t n1, n2;
  const char *j1, *j2;
  char *copy;
  tap_ok(t, kiji_annotate(a, doc, en_text, strlen(en_text), NULL) == KIJI_OK, "annotate");
  j1 = kiji_doc_json(doc, "a\"b", 3, &n1);
  copy = malloc(n1 + 1);
  memcpy(copy, j1, n1 + 1);
  snap = kiji_doc_snapshot(doc);
  tap_ok(t, snap != NULL, "snapshot");
  kiji_annotate(a, doc, ja_text, strlen(ja_text), NULL);
  j2 = kiji_doc_json(snap, "a\"b", 3, &n2);
  tap_ok(t, j2 && n1 == n2 && memcmp(copy, j2, n1) == 0, "the snapshot outlives the next call");
  tap_ok(t, strstr(copy, "\"id\":\"a\\\"b\"") != NULL, "the id is escaped");
  tap_ok(t, strncmp(copy, "{\"kiji\":2,", 10) == 0 && copy[n1 - 1] == '}', "one JSON object");
  free(copy);
  kiji_doc_free(snap);
}

/* JSON's escape of s[0..n) as the writer made it a character at a time:
** printable ASCII but " and \ and whole UTF-8 characters as they are,
** the short escapes, \u00XX, and \ufffd for each byte that starts no
** character. Into out (room for 6 n + 3); its length. */
static size_t json_escaped(const unsigned char *s, size_t n, char *out) {
  size_t i = 0, k = 0, l;
  out[k++] = '"';
  while (i < n) {
    unsigned char c = s[i];
    if (c >= 0x80) {
      if (kiji_utf8_decode(s + i, n - i, &l) < 0) {
        k += (size_t)sprintf(out + k, "\\ufffd");
        i += l ? l : 1;
      } else {
        memcpy(out + k, s + i, l);
        k += l;
        i += l;
      }
      continue;
    }
    if (c == '"' || c == '\\')
      k += (size_t)sprintf(out + k, "\\%c", c);
    else if (c == '\n')
      k += (size_t)sprintf(out + k, "\\n");
    else if (c == '\t')
      k += (size_t)sprintf(out + k, "\\t");
    else if (c == '\r')
      k += (size_t)sprintf(out + k, "\\r");
    else if (c < 0x20)
      k += (size_t)sprintf(out + k, "\\u%04x", c);
    else
      out[k++] = (char)c;
    i++;
  }
  out[k++] = '"';
  return k;
}

/* The writer's strings (the id, here) against json_escaped: 4000 random
** strings of up to 70 bytes, of pieces that cross its 16-byte steps
** anywhere: plain ASCII, quotes, control bytes, kana, two- and four-byte
** characters, and bytes that are no UTF-8 (a lone FF, a cut kana, a
** surrogate's bytes). */
static void json_strings(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  static const char *const pieces[] = {"a",
                                       "Tokyo ",
                                       "\"",
                                       "\\",
                                       "\n",
                                       "\x01",
                                       "\x1f",
                                       "\x7f",
                                       "\xe3\x81\x82",
                                       "\xe5\x90\xa6",
                                       "\xc3\xa9",
                                       "\xf0\x9f\x98\x80",
                                       "\xff",
                                       "\xe3\x81",
                                       "\xed\xa0\x80",
                                       "0123456789abcdef"};
  /* the writer escapes a string 4096 bytes at a time: the last 300 ids
  ** are long, so that characters and escapes straddle those steps */
  enum { SHORT = 4000, LONG = 300, MAX = 9000 };
  unsigned seed = 7;
  int i, bad = 0;
  char *id = malloc(MAX), *want = malloc(6 * MAX + 2), *got;
  size_t n, wn, jn;
  const char *j;
  if (!tap_ok(t, kiji_annotate(a, doc, "He denied it.", 13, NULL) == KIJI_OK && id && want,
              "json strings: annotate"))
    goto done;
  for (i = 0; i < SHORT + LONG && !bad; i++) {
    size_t most = i < SHORT ? 70 : MAX;
    n = 0;
    for (;;) {
      const char *p;
      seed = seed * 1103515245u + 12345u;
      p = pieces[(seed >> 16) % 16];
      if (n + strlen(p) > most || (i < SHORT && (seed >> 8) % 9 == 0)) break;
      memcpy(id + n, p, strlen(p));
      n += strlen(p);
    }
    wn = json_escaped((const unsigned char *)id, n, want);
    j = kiji_doc_json(doc, id, n, &jn);
    got = j ? strstr(j, "\"id\":") : NULL;
    if (got == NULL || strncmp(got + 5, want, wn) != 0 ||
        strncmp(got + 5 + wn, ",\"lang\"", 7) != 0) {
      size_t k;
      bad = 1;
      printf("# escaped wrong:");
      for (k = 0; k < n; k++) printf(" %02x", (unsigned char)id[k]);
      printf("\n");
    }
  }
  tap_ok(t, !bad,
         "json strings: %d random ids (%d of up to %d bytes) escaped as one character at a time "
         "escapes them",
         i, LONG, (int)MAX);
done:
  free(id);
  free(want);
}

/* Whether the text's last sentence has a denial by "Ito". */
static int speaker_after_quote(const kiji_annotator *a, kiji_doc *doc, const char *text) {
  size_t n;
  const kiji_denial *d;
  if (kiji_annotate(a, doc, text, strlen(text), NULL) != KIJI_OK) return 0;
  d = kiji_doc_denials(doc, &n);
  return n == 1 && range_is(text, d[0].by, "Ito");
}

/* One view: text that differs from plain text only in width, quote style
** or spacing gives the same records, at its own offsets (the issue's
** examples; tests/c/test_invariance.c does it for every fixture). */
static void one_view(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  static const char rejected[] =
      "The Defense Ministry rejected the \xEF\xBD\x92\xEF\xBD\x85"
      "\xEF\xBD\x90\xEF\xBD\x8F\xEF\xBD\x92\xEF\xBD\x94.";
  static const char by[] = "The claim was denied \xEF\xBD\x82\xEF\xBD\x99 the Defense Ministry.";
  static const char named[] =
      "Defense\xC2\xA0Secretary \xEF\xBC\xAD\xEF\xBD\x81\xEF\xBD\x92"
      "\xEF\xBD\x83\xEF\xBD\x95\xEF\xBD\x93 Whitfield denied the report.";
  static const char curly[] = "Japan\xE2\x80\x99s Defense Ministry denied the report.";
  size_t n;
  const kiji_denial *d;
  const kiji_mention *m;
  kiji_annotate(a, doc, rejected, strlen(rejected), NULL);
  d = kiji_doc_denials(doc, &n);
  tap_ok(t,
         n == 1 && range_is(rejected, d[0].claim,
                            "the \xEF\xBD\x92\xEF\xBD\x85\xEF\xBD\x90"
                            "\xEF\xBD\x8F\xEF\xBD\x92\xEF\xBD\x94"),
         "view: 'rejected the \xEF\xBD\x92"
         "eport' is a denial of it (%zu)",
         n);
  kiji_annotate(a, doc, by, strlen(by), NULL);
  d = kiji_doc_denials(doc, &n);
  tap_ok(t, n == 1 && range_is(by, d[0].by, "Defense Ministry"),
         "view: 'denied \xEF\xBD\x82\xEF\xBD\x99 the Defense Ministry' names the denier");
  kiji_annotate(a, doc, named, strlen(named), NULL);
  tap_ok(t,
         has_mention(doc, named,
                     "Defense\xC2\xA0Secretary \xEF\xBC\xAD\xEF\xBD\x81\xEF\xBD\x92"
                     "\xEF\xBD\x83\xEF\xBD\x95\xEF\xBD\x93 Whitfield",
                     KIJI_KIND_OFFICIAL),
         "view: a full-width capital starts a name, a no-break space joins it");
  kiji_annotate(a, doc, curly, strlen(curly), NULL);
  m = kiji_doc_mentions(doc, &n);
  tap_ok(t,
         n == 1 && range_is(curly, m[0].span, "Defense Ministry") && m[0].country.ptr &&
             memcmp(m[0].country.ptr, "JP", 2) == 0,
         "view: a curly possessive stays out of the span and gives the country");
  tap_ok(t, offsets_ok(doc, curly, strlen(curly)), "view: offsets");
  tap_ok(t,
         speaker_after_quote(a, doc,
                             "\"Nothing was hidden. The account is false,\" Ito told "
                             "reporters.") &&
             speaker_after_quote(a, doc,
                                 "\xE2\x80\x9CNothing was hidden. The account is false,"
                                 "\xE2\x80\x9D Ito told reporters."),
         "view: a quotation that began a sentence earlier closes at its mark, straight or curly");
}

/* A sentence that the view drops whole (a NUL, control characters) still
** counts toward the language the caller asked for (found by fuzz_annotate
** on the view: a forced ja gave en). */
static void dropped_sentence(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  kiji_status st;
  o.lang = KIJI_LANG_JA;
  st = kiji_annotate(a, doc, "\0", 1, &o);
  tap_ok(t, st == KIJI_OK && kiji_doc_lang(doc) == KIJI_LANG_JA,
         "a text the view drops whole is in the language asked for (%s)",
         kiji_lang_name(kiji_doc_lang(doc)));
}

/* A byte order mark is no part of sentence 0, and every offset still
** counts its three bytes. */
static void byte_order_mark(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  static const char text[] = "\xEF\xBB\xBFThe ministry denied the report.";
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  const kiji_range *s;
  const kiji_denial *d;
  size_t n = 0, nd = 0;
  kiji_status st = kiji_annotate(a, doc, text, sizeof text - 1, &o);
  s = kiji_doc_sentences(doc, &n);
  d = kiji_doc_denials(doc, &nd);
  tap_ok(t, st == KIJI_OK && n == 1 && s[0].start == 3 && s[0].end == sizeof text - 1,
         "a BOM is left out of sentence 0 (%zu..%zu)", n ? s[0].start : 0, n ? s[0].end : 0);
  tap_ok(t, nd == 1 && d[0].cue.start == 16 && d[0].cue.end == 22,
         "offsets after a BOM count its bytes (cue at %zu)", nd ? d[0].cue.start : 0);
}

/* Whose report is denied (ANNOTATION.md "target"): the outlet the
** sentence ties to the report, or an anaphor and the outlet named before
** it; never the denier's reporter, a hearer, a credit or generic media.
** Texts written for this test. */
static void targets(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  static const struct {
    const char *text, *target, *antecedent, *what;
  } cases[] = {
      {"The Interior Ministry on Tuesday denied a report by the Yomiuri Shimbun that it had "
       "closed the border.",
       "Yomiuri Shimbun", NULL, "a report by X"},
      {"A ministry spokesman said Kyodo's report was untrue.", "Kyodo", NULL, "X's report"},
      {"The cabinet office dismissed the Reuters story as groundless.", "Reuters", NULL,
       "the X story"},
      {"The Asahi Shimbun reported on Monday that the plan had been dropped. The ministry "
       "denied the report on Tuesday.",
       "the report", "Asahi Shimbun", "the report: the outlet of an earlier sentence"},
      {"NHK said the talks had failed. The foreign ministry later denied the broadcaster's "
       "account.",
       "the broadcaster's account", "NHK", "the broadcaster's account: an outlet noun"},
      {"The ministry denied the report, Kyodo News said.", NULL, NULL,
       "the outlet that reports the denial is not its target"},
      {"A ministry official told Reuters that the claim was false.", NULL, NULL,
       "the hearer is not the target"},
      {"The ministry denied a media report that the minister would resign.", NULL, NULL,
       "generic media: no target"},
      {"TOKYO (Kyodo) -- The ministry denied a report that the minister would resign.", NULL, NULL,
       "a credit is not the target"},
      {"官房長官は記者会見で、朝日新聞の報道を否定した。", "朝日新聞", NULL, "Xの報道"},
      {"防衛省はロイター通信の記事について「事実ではない」と反論した。", "ロイター通信", NULL,
       "Xの記事について"},
      {"毎日新聞は計画が中止されたと報じた。外務省は同紙の報道を否定した。", "同紙", "毎日新聞",
       "同紙: the paper named before"},
      {"読売新聞は会談が決裂したと報じた。外務省はその報道を否定した。", "その報道", "読売新聞",
       "その報道"},
      {"毎日新聞は計画が中止されたと報じた。外務省は同紙の報道を否定した。会見では「その"
       "ような事実はない」と述べた。",
       "毎日新聞", NULL, "a later denial with no report of its own goes on denying the same one"},
      {"The Asahi Shimbun reported that the plan had been dropped. The ministry denied the report. "
       "Separately, the agency denied that it had met the minister.",
       NULL, NULL, "another party's denial does not inherit the target"},
      {"外務省は一部報道を否定した。", NULL, NULL, "一部報道: generic"},
      {"【ソウル共同】韓国外務省は報道を否定した。", NULL, NULL, "a credit is no antecedent"},
  };
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *text = cases[i].text;
    size_t n = 0, nm = 0;
    const kiji_denial *d;
    const kiji_mention *m;
    int ok;
    kiji_status st = kiji_annotate(a, doc, text, strlen(text), &o);
    d = kiji_doc_denials(doc, &n);
    m = kiji_doc_mentions(doc, &nm);
    ok = st == KIJI_OK && n >= 1 && range_is(text, d[n - 1].target, cases[i].target) &&
         (cases[i].antecedent == NULL
              ? d[n - 1].target_antecedent == KIJI_NONE
              : d[n - 1].target_antecedent != KIJI_NONE &&
                    range_is(text, m[d[n - 1].target_antecedent].span, cases[i].antecedent)) &&
         offsets_ok(doc, text, strlen(text));
    tap_ok(t, ok, "target: %s", cases[i].what);
    if (!ok && n >= 1 && d[n - 1].target.start != KIJI_NONE)
      printf("#   got %.*s\n", (int)(d[n - 1].target.end - d[n - 1].target.start),
             text + d[n - 1].target.start);
    else if (!ok)
      printf("#   %zu denials, no target\n", n);
  }
}

/* Datelines and credits (SCHEMA.md "dateline", "source"): the span, the
** outlet it names, never the denier, and the denial's reporter when the
** sentence names none; and what looks like one but is not. Texts written
** for this test. `by` NULL: no denier expected. */
static void datelines(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  static const struct {
    const char *text, *dateline, *source, *by, *reported_by, *what;
  } cases[] = {
      {"PARIS — The presidency denied the report.", "PARIS —", NULL, NULL, NULL,
       "a capital's name and a dash"},
      {"BEIJING, March 3 (Xinhua) -- The foreign ministry denied the claims.",
       "BEIJING, March 3 (Xinhua) --", "Xinhua", "foreign ministry", "Xinhua",
       "a place, a date, an outlet"},
      {"Osaka, Jan. 12 (Jiji Press)--The prefectural government denied the report.",
       "Osaka, Jan. 12 (Jiji Press)--", "Jiji Press", "prefectural government", "Jiji Press",
       "a place in small letters with a date and an outlet, no space before the text"},
      {"TOKYO (Kyodo) -- He denied the report.", "TOKYO (Kyodo) --", "Kyodo", "He", "Kyodo",
       "a place and an outlet"},
      {"TOKYO, Aug. 8, 2023 (Kyodo) -- The ministry denied the report.",
       "TOKYO, Aug. 8, 2023 (Kyodo) --", "Kyodo", "ministry", "Kyodo",
       "a place, a date with its year, an outlet"},
      {"GENEVA, March 3, 2024 — The agency denied the report.", "GENEVA, March 3, 2024 —", NULL,
       "agency", NULL, "a place and a date with its year, no outlet"},
      {"NEW DELHI (Reuters) - The ministry denied the report on Friday.", "NEW DELHI (Reuters) -",
       "Reuters", "ministry", "Reuters", "two words and a hyphen"},
      {"Ministry denies report\nWASHINGTON — The agency denied the report.", "WASHINGTON —", NULL,
       "agency", NULL, "a line of its own after a headline with no full stop"},
      {"The ministry denied the report.\n(Kyodo)", "(Kyodo)", "Kyodo", "ministry", "Kyodo",
       "a credit that closes the paragraph"},
      {"The ministry denied the report on Monday\n(Kyodo)", "(Kyodo)", "Kyodo", "ministry", "Kyodo",
       "a credit on the line after a paragraph with no full stop (in its last 16 bytes)"},
      {"The agency denied the report, Reuters said.\n\nTOKYO (Kyodo) -- It was quiet.",
       "TOKYO (Kyodo) --", "Kyodo", "agency", "Reuters", "the sentence's own reporter wins"},
      {"KYIV, Ukraine (AP) — The ministry denied the report.", "KYIV, Ukraine (AP) —", "AP",
       "ministry", "AP", "a place, its country, an outlet"},
      {"JAPAN DENIES REPORT — OFFICIALS", NULL, NULL, "JAPAN", NULL,
       "trap: a headline in capitals with a dash"},
      {"Officials — including the minister — denied the report.", NULL, NULL, "minister", NULL,
       "trap: a capitalized word and a dash"},
      {"Kishida — the prime minister — denied the report.", NULL, NULL, "prime minister", NULL,
       "trap: a name and a dash"},
      {"The minister said the U.S. — not Japan — denied the report.", NULL, NULL, "Japan", NULL,
       "trap: U.S. and a dash inside the paragraph"},
      {"MINISTRY DENIES REPORT\n\nThe ministry denied the report.", NULL, NULL, "ministry", NULL,
       "trap: a heading in capitals with no dash"},
      {"NHK — the public broadcaster — denied the report.", NULL, NULL, "NHK", NULL,
       "trap: an outlet in capitals is no place"},
      {"【ソウル共同】韓国国防省は報道を否定した。", "【ソウル共同】", "共同", "韓国国防省", "共同",
       "【place + 共同】"},
      {"【北京時事】中国外務省の報道官は報道を否定した。", "【北京時事】", "時事", "報道官", "時事",
       "【place + 時事】"},
      {"政府は報道を否定した。（共同）", "（共同）", "共同", "政府", "共同",
       "（共同） closes the paragraph"},
      {"[東京 22日 ロイター] - 政府は報道を否定した。", "[東京 22日 ロイター] -", "ロイター",
       "政府", "ロイター", "[place, day, outlet] and a dash"},
      {"【ワシントン】米国防総省は報道を否定した。", "【ワシントン】", NULL, "米国防総省", NULL,
       "【place】 alone"},
      {"【ソウル共同】政府、報道を否定", "【ソウル共同】", "共同", "政府", "共同",
       "a headline's topic after the credit"},
      {"共同声明で政府は報道を否定した。", NULL, NULL, "政府", NULL, "trap: 共同 is joint"},
      {"[2020/03/05 09:30] 政府は報道を否定した。", NULL, NULL, "政府", NULL,
       "trap: a time stamp in brackets"},
      {"政府は（共同）の報道を否定した。", NULL, NULL, "政府", NULL,
       "trap: a credit inside the paragraph"},
  };
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *text = cases[i].text;
    size_t n = 0, nm = 0, src;
    const kiji_denial *d;
    const kiji_mention *m;
    kiji_range dl, none = {KIJI_NONE, KIJI_NONE};
    int ok;
    kiji_status st = kiji_annotate(a, doc, text, strlen(text), &o);
    d = kiji_doc_denials(doc, &n);
    m = kiji_doc_mentions(doc, &nm);
    dl = kiji_doc_dateline(doc);
    src = kiji_doc_source(doc);
    ok = st == KIJI_OK && n >= 1 && range_is(text, dl, cases[i].dateline) &&
         (cases[i].source == NULL ? src == KIJI_NONE
                                  : src < nm && m[src].kind == KIJI_KIND_OUTLET &&
                                        range_is(text, m[src].span, cases[i].source)) &&
         range_is(text, d[n - 1].by, cases[i].by) &&
         range_is(text, d[n - 1].reported_by == KIJI_NONE ? none : m[d[n - 1].reported_by].span,
                  cases[i].reported_by) &&
         (dl.start == KIJI_NONE || d[n - 1].by.start == KIJI_NONE || d[n - 1].by.end <= dl.start ||
          d[n - 1].by.start >= dl.end) &&
         offsets_ok(doc, text, strlen(text));
    tap_ok(t, ok, "dateline: %s", cases[i].what);
    if (!ok)
      printf("#   dateline %.*s, %zu denials, by %.*s\n",
             dl.start == KIJI_NONE ? 4 : (int)(dl.end - dl.start),
             dl.start == KIJI_NONE ? "none" : text + dl.start, n,
             n && d[n - 1].by.start != KIJI_NONE ? (int)(d[n - 1].by.end - d[n - 1].by.start) : 4,
             n && d[n - 1].by.start != KIJI_NONE ? text + d[n - 1].by.start : "none");
  }
  /* the JSON has both after "bytes"; none gives null */
  {
    const char *text = "TOKYO (Kyodo) -- He denied it.", *json;
    size_t len = 0;
    int ok = kiji_annotate(a, doc, text, strlen(text), &o) == KIJI_OK &&
             (json = kiji_doc_json(doc, NULL, 0, &len)) != NULL &&
             strstr(json,
                    ",\"dateline\":{\"text\":\"TOKYO (Kyodo) --\",\"start\":0,\"end\":16},"
                    "\"source\":{\"text\":\"Kyodo\"") != NULL;
    text = "He denied it.";
    ok = ok && kiji_annotate(a, doc, text, strlen(text), &o) == KIJI_OK &&
         (json = kiji_doc_json(doc, NULL, 0, &len)) != NULL &&
         strstr(json, ",\"dateline\":null,\"source\":null,") != NULL;
    tap_ok(t, ok, "dateline: the JSON's dateline and source, or null");
  }
}

/* Direct quotations (SCHEMA.md "quotes"): the text inside the marks, the
** speaker, the verb or label, the first sentence and how many; and what
** is none (scare quotes, titles, names in brackets). `quote` NULL: no
** quotation at all. Texts written for this test. */
static void quotes(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  static const struct {
    const char *text;
    size_t which; /* the quotation checked, of n */
    const char *quote, *speaker, *cue;
    size_t sentence, sentences, n;
    const char *what;
  } cases[] = {
      {"\"Nobody met the envoy,\" a cabinet spokesman said.", 0, "Nobody met the envoy,",
       "cabinet spokesman", "said", 0, 1, 1, "after: X said"},
      {"\"The plan was never discussed,\" said Chief Cabinet Secretary Ken Ueda.", 0,
       "The plan was never discussed,", "Chief Cabinet Secretary Ken Ueda", "said", 0, 1, 1,
       "after: said X"},
      {"\"It is false\" Tanaka told reporters.", 0, "It is false", "Tanaka", "told", 0, 1, 1,
       "after: no comma, told reporters"},
      {"\xE2\x80\x9CWe deny it,\xE2\x80\x9D the embassy said in a statement.", 0, "We deny it,",
       "embassy", "said", 0, 1, 1, "after: curly marks"},
      {"\"No,\" she said.", 0, "No,", "she", "said", 0, 1, 1, "after: one word, framed"},
      {"Tanaka said: \"The story is baseless.\"", 0, "The story is baseless.", "Tanaka", "said", 0,
       1, 1, "before: X said:"},
      {"The ministry said in a statement, \"No data was lost.\"", 0, "No data was lost.",
       "ministry", "said", 0, 1, 1, "before: X said in a statement,"},
      {"Chief Cabinet Secretary Ken Ueda told reporters: \"There is no such plan.\"", 0,
       "There is no such plan.", "Chief Cabinet Secretary Ken Ueda", "told", 0, 1, 1,
       "before: X told reporters:"},
      {"The aide said \"no.\"", 0, "no.", "aide", "said", 0, 1, 1, "before: said, then the mark"},
      {"The minister said that \"the figures were never hidden.\"", 0,
       "the figures were never hidden.", "minister", "said", 0, 1, 1, "before: said that"},
      {"\"The report is untrue. Nobody met the envoy,\" the spokeswoman said.", 0,
       "The report is untrue. Nobody met the envoy,", "spokeswoman", "said", 0, 2, 1,
       "across: two sentences, the speaker after"},
      {"\"It is untrue. Nobody met him. We never will,\" the aide said.", 0,
       "It is untrue. Nobody met him. We never will,", "aide", "said", 0, 3, 1,
       "across: three sentences"},
      {"Tanaka said: \"The story is baseless. Nobody met the envoy.\"", 0,
       "The story is baseless. Nobody met the envoy.", "Tanaka", "said", 0, 2, 1,
       "across: the speaker before"},
      {"Rain fell. \"The plan was dropped,\" Bach said. \"We will not go back to it.\"", 1,
       "We will not go back to it.", "Bach", NULL, 2, 1, 2,
       "across: the next sentence's quotation keeps the speaker"},
      {"The minister said:\n\n\"It is false. It is baseless.\n\n\"Nobody met him,\" she added.", 0,
       "It is false. It is baseless.", "minister", "said", 1, 2, 2,
       "across: a paragraph left open ends with it"},
      {"The minister said:\n\nThe report is false. We deny it.\n\nReporters left.", 0,
       "The report is false. We deny it.", "minister", "said", 1, 2, 1,
       "the paragraph after X said:"},
      {"He said:\nThe report is false.", 0, "The report is false.", "He", "said", 0, 1, 1,
       "the line after X said:"},
      {"SPOKESMAN: The report is false. We deny it.\nQUESTION: Is that so?", 0,
       "The report is false. We deny it.", "SPOKESMAN", "SPOKESMAN:", 0, 2, 1,
       "label: a turn to its paragraph's end"},
      {"Chief Cabinet Secretary Ken Ueda: We deny it.", 0, "We deny it.",
       "Chief Cabinet Secretary Ken Ueda", "Chief Cabinet Secretary Ken Ueda:", 0, 1, 1,
       "label: an official"},
      {"Q: Is it true?\nSPOKESWOMAN: It is not.", 0, "It is not.", "SPOKESWOMAN", "SPOKESWOMAN:", 1,
       1, 1, "label: Q is none, the answer's is"},
      {"【報道官】それは全くの虚偽だ。", 0, "それは全くの虚偽だ。", "報道官", "【報道官】", 0, 1, 1,
       "label: 【報道官】"},
      {"【官房長官】報道は事実無根だ。我々は否定する。\n【記者】本当ですか。", 0,
       "報道は事実無根だ。我々は否定する。", "官房長官", "【官房長官】", 0, 2, 1,
       "label: 【X】 to the line's end, 【記者】 none"},
      {"報道官：事実ではない。", 0, "事実ではない。", "報道官", "報道官：", 0, 1, 1, "label: X："},
      {"「根拠のない臆測」＝中国外務省", 0, "根拠のない臆測", "中国外務省", NULL, 0, 1, 1,
       "headline: 「…」＝X"},
      {"「報道は誤りだ」＝韓国国防省報道官", 0, "報道は誤りだ", "韓国国防省報道官", NULL, 0, 1, 1,
       "headline: 「…」＝X, a title"},
      {"官房長官「事実無根」", 0, "事実無根", "官房長官", NULL, 0, 1, 1, "headline: X「…」"},
      {"中国外務省報道官「でっち上げだ」", 0, "でっち上げだ", "中国外務省報道官", NULL, 0, 1, 1,
       "headline: X「…」, body and title"},
      {"「事実無根だ」 官房長官", 0, "事実無根だ", "官房長官", NULL, 0, 1, 1, "headline: 「…」 X"},
      {"「計画は存在しない」\xE3\x80\x80防衛相", 0, "計画は存在しない", "防衛相", NULL, 0, 1, 1,
       "headline: 「…」 X, an ideographic space"},
      {"「事実ない」と官房長官", 0, "事実ない", "官房長官", NULL, 0, 1, 1, "headline: 「…」とX"},
      {"防衛省は報道について「事実ではない」とした。", 0, "事実ではない", "防衛省", "した", 0, 1, 1,
       "と + した"},
      {"官房長官は「計画は存在しない」としている。", 0, "計画は存在しない", "官房長官", "している",
       0, 1, 1, "と + している"},
      {"外務省は「報道は事実無根だ」と断言した。", 0, "報道は事実無根だ", "外務省", "と断言した", 0,
       1, 1, "と断言した"},
      {"報道官は記事を「誤りだ」と指摘した。", 0, "誤りだ", "報道官", "指摘した", 0, 1, 1,
       "と指摘した"},
      {"報道官は報道を「ばかげている」とはねつけた。", 0, "ばかげている", "報道官", "とはねつけた",
       0, 1, 1, "とはねつけた"},
      {"大使館は記事を「悪意のある中傷だ」と一蹴した。", 0, "悪意のある中傷だ", "大使館", "一蹴", 0,
       1, 1, "と一蹴した"},
      {"防衛相は「そのような事実はない」と記者団に述べた。", 0, "そのような事実はない", "防衛相",
       "述べた", 0, 1, 1, "と + a few words + 述べた"},
      {"Y紙は、防衛省報道官が「そのような事実はない」と述べたと報じた。", 0, "そのような事実はない",
       "防衛省報道官", "述べた", 0, 1, 1, "an outlet's topic reports: the subject speaks"},
      /* none */
      {"The ministry denied the so-called \"report\".", 0, NULL, NULL, NULL, 0, 0, 0,
       "trap: scare quotes"},
      {"Tanaka said the so-called \"plan\" was false.", 0, NULL, NULL, NULL, 0, 0, 0,
       "trap: scare quotes a few words after said"},
      {"The ministry's 'report' isn't true, an aide said.", 0, NULL, NULL, NULL, 0, 0, 0,
       "trap: single marks and apostrophes"},
      {"Tanaka said there were two reasons: cost and time.", 0, NULL, NULL, NULL, 0, 0, 0,
       "trap: a colon inside a sentence"},
      {"Note: the ministry denied it.", 0, NULL, NULL, NULL, 0, 0, 0, "trap: Note: is no label"},
      {"『日本書紀』を読んだ。", 0, NULL, NULL, NULL, 0, 0, 0, "trap: a title in 『』"},
      {"「はやぶさ2」が帰還した。", 0, NULL, NULL, NULL, 0, 0, 0, "trap: a name in 「」"},
      {"「東京大会にかかる報道について」と題した文書を公表した。", 0, NULL, NULL, NULL, 0, 0, 0,
       "trap: と題した"},
      {"「りんご」と「みかん」を比べた。", 0, NULL, NULL, NULL, 0, 0, 0, "trap: 「A」と「B」"},
      {"He said \"the report is false. A b. C d. E f. G h. I j. K l. M n. O p.", 0, NULL, NULL,
       NULL, 0, 0, 0, "trap: a mark that never closes"},
  };
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *text = cases[i].text;
    size_t n = 0;
    const kiji_quote *q;
    int ok;
    kiji_status st = kiji_annotate(a, doc, text, strlen(text), &o);
    q = kiji_doc_quotes(doc, &n);
    ok = st == KIJI_OK && n == cases[i].n && offsets_ok(doc, text, strlen(text));
    if (ok && n > 0) {
      const kiji_quote *x = &q[cases[i].which];
      ok = range_is(text, x->text, cases[i].quote) &&
           range_is(text, x->speaker, cases[i].speaker) && range_is(text, x->cue, cases[i].cue) &&
           x->sentence == cases[i].sentence && x->sentences == cases[i].sentences;
    }
    tap_ok(t, ok, "quote: %s", cases[i].what);
    if (!ok && n > cases[i].which)
      printf("#   %zu quotes; [%.*s] by %.*s\n", n,
             (int)(q[cases[i].which].text.end - q[cases[i].which].text.start),
             text + q[cases[i].which].text.start,
             q[cases[i].which].speaker.start == KIJI_NONE
                 ? 4
                 : (int)(q[cases[i].which].speaker.end - q[cases[i].which].speaker.start),
             q[cases[i].which].speaker.start == KIJI_NONE ? "none"
                                                          : text + q[cases[i].which].speaker.start);
    else if (!ok)
      printf("#   %zu quotes\n", n);
  }
}

/* What a quotation carries: its denials point to it and take its speaker
** when they name no party, or only "we" (a third party named inside
** stays). */
static void carried(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  static const struct {
    const char *text, *by, *cue;
    int quoted;
    const char *what;
  } cases[] = {
      {"\"The report is untrue. We never discussed a visit,\" the spokesman said.", "spokesman",
       "untrue", 1, "a quotation over sentences: the speaker after it"},
      {"\"We deny it. We reject the claims,\" the spokeswoman said.", "spokeswoman", "deny", 1,
       "we: the speaker"},
      {"\"The figures are right. The ministry denied the report,\" Tanaka said.", "ministry",
       "denied", 1, "a party named inside stays"},
      {"【報道官】それは全くの虚偽だ。", "報道官", "虚偽", 1, "a transcript's label"},
      {"The minister said:\n\nThe report is false.", "minister", "false", 1,
       "the paragraph after X said:"},
      {"報道官は報道を「全くの捏造だ」と一蹴した。", "報道官", "捏造", 1,
       "と一蹴: the falsehood word inside is the cue"},
      {"松野官房長官は「そのような事実はない」と否定した。", "松野官房長官", "否定", 1,
       "と否定した: the verb is the cue, and the quotation's"},
      {"The ministry denied the report.", "ministry", "denied", 0, "no quotation"},
  };
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *text = cases[i].text;
    size_t n = 0, nq = 0;
    const kiji_denial *d;
    int ok;
    kiji_status st = kiji_annotate(a, doc, text, strlen(text), &o);
    d = kiji_doc_denials(doc, &n);
    kiji_doc_quotes(doc, &nq);
    ok = st == KIJI_OK && n >= 1 && range_is(text, d[0].by, cases[i].by) &&
         range_is(text, d[0].cue, cases[i].cue) &&
         (cases[i].quoted ? d[0].quote == 0 && nq >= 1 : d[0].quote == KIJI_NONE) &&
         offsets_ok(doc, text, strlen(text));
    tap_ok(t, ok, "carried: %s", cases[i].what);
    if (!ok && n >= 1)
      printf("#   by %.*s, cue %.*s, quote %zu\n",
             d[0].by.start == KIJI_NONE ? 4 : (int)(d[0].by.end - d[0].by.start),
             d[0].by.start == KIJI_NONE ? "none" : text + d[0].by.start,
             (int)(d[0].cue.end - d[0].cue.start), text + d[0].cue.start, d[0].quote);
  }
  /* the JSON: the quotation, and a copy on the denial */
  {
    const char *text = "\"It is false,\" Tanaka said.", *json;
    static const char q[] =
        "{\"text\":{\"text\":\"It is false,\",\"start\":1,\"end\":13},\"speaker\":{\"text\":"
        "\"Tanaka\",\"start\":15,\"end\":21},\"cue\":{\"text\":\"said\",\"start\":22,\"end\":26},"
        "\"sentence\":0,\"sentences\":1}";
    char want[512];
    size_t len = 0;
    int ok = kiji_annotate(a, doc, text, strlen(text), &o) == KIJI_OK &&
             (json = kiji_doc_json(doc, NULL, 0, &len)) != NULL;
    snprintf(want, sizeof want, ",\"quotes\":[%s]}", q);
    ok = ok && len > strlen(want) && strcmp(json + len - strlen(want), want) == 0;
    snprintf(want, sizeof want, "\"quote\":%s,\"sentence\"", q);
    ok = ok && strstr(json, want) != NULL;
    tap_ok(t, ok, "carried: the JSON's quotes, and a copy on what they carry");
  }
}

/* Whether the lexicon's entries of id carry every base of the list
** (bases=a,b: the general records id is its country's own of). */
static int has_bases(const kiji_dict *lex, const char *id, const char *const *want) {
  size_t i, n = kiji_dict_count(lex), found = 0;
  for (i = 0; i < n; i++) {
    kiji_entry e;
    const char *b, *end;
    size_t k;
    if (kiji_dict_entry(lex, i, &e) != KIJI_OK || e.id == NULL || strcmp(e.id, id) != 0) continue;
    found++;
    if (e.payload == NULL) return 0;
    end = e.payload + e.payload_len;
    for (b = e.payload; b < end && strncmp(b, "bases=", 6) != 0;) {
      const char *semi = memchr(b, ';', (size_t)(end - b));
      b = semi ? semi + 1 : end;
    }
    if (b >= end) return 0;
    for (k = 0; want[k]; k++) {
      size_t wl = strlen(want[k]);
      const char *p = b + 6, *q;
      int hit = 0;
      for (; p < end && *p != ';'; p = q + 1) {
        for (q = p; q < end && *q != ',' && *q != ';'; q++) {}
        if ((size_t)(q - p) == wl && memcmp(p, want[k], wl) == 0) hit = 1;
        if (q >= end || *q == ';') break;
      }
      if (!hit) return 0;
    }
  }
  return found > 0;
}

/* One body, one id: the generator derives from the aliases which body is
** a country's own of a general one (jp.mod is Japan's Defense Ministry:
** "Japanese Defense Ministry" = "Japanese" + "Defense Ministry"), and the
** annotation gives every phrasing in both languages that id. */
static void nationals(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  static const char *const mod[] = {"any.defense_ministry", NULL};
  static const char *const cn_mfa[] = {"any.foreign_ministry", "jp.mofa", NULL};
  static const char *const us_gov[] = {"any.government", "jp.government", NULL};
  static const char *const none[] = {NULL};
  static const char *const texts[] = {
      "防衛省は報道を否定した。",
      "日本の国防省は報道を否定した。",
      "Japan's Defense Ministry denied the report.",
      "The Japanese Defense Ministry denied the report.",
      "Japan’s defence ministry denied the report.", /* a curly apostrophe */
      "The Defense Ministry of Japan denied the report.",
      "Japan's Ministry of Defense denied the report.",
      "The Japanese Ministry of National Defense denied the report.",
  };
  static const char apart[] = "A Japanese delegation met the Defense Ministry.";
  const kiji_mention *m;
  kiji_dict *lex = NULL;
  kiji_error err;
  size_t k, n, nd;
  int all = 1;
  if (kiji_lexicon_load(&lex, &err) == KIJI_OK) {
    tap_ok(t, has_bases(lex, "jp.mod", mod), "nationals: jp.mod is Japan's any.defense_ministry");
    tap_ok(t, has_bases(lex, "cn.mfa", cn_mfa),
           "nationals: cn.mfa is China's Foreign Ministry and China's 外務省");
    tap_ok(t, has_bases(lex, "us.government", us_gov),
           "nationals: us.government is the US's government and 政府");
    tap_ok(t, !has_bases(lex, "any.defense_ministry", none) && !has_bases(lex, "jp.iha", none),
           "nationals: a general body, and a body no country word names, have no bases");
  }
  kiji_dict_free(lex);
  for (k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    const kiji_denial *d;
    int ok = kiji_annotate(a, doc, texts[k], strlen(texts[k]), NULL) == KIJI_OK;
    m = kiji_doc_mentions(doc, &n);
    d = kiji_doc_denials(doc, &nd);
    ok = ok && n == 1 && m[0].id.len == 6 && memcmp(m[0].id.ptr, "jp.mod", 6) == 0 &&
         m[0].country.len == 2 && memcmp(m[0].country.ptr, "JP", 2) == 0 && nd == 1 &&
         d[0].by_mention == 0 && offsets_ok(doc, texts[k], strlen(texts[k]));
    if (!ok) tap_ok(t, 0, "nationals: jp.mod for \"%s\"", texts[k]);
    all = all && ok;
  }
  tap_ok(t, all, "nationals: one id, jp.mod, and one denier for %zu phrasings in two languages",
         sizeof texts / sizeof texts[0]);
  kiji_annotate(a, doc, apart, strlen(apart), NULL);
  m = kiji_doc_mentions(doc, &n);
  tap_ok(t,
         n == 1 && m[0].id.len == 20 && memcmp(m[0].id.ptr, "any.defense_ministry", 20) == 0 &&
             m[0].country.ptr == NULL,
         "nationals: a nationality outside the body's noun phrase gives it no country");
}

/* A caller's dictionary may add words of the rules' classes: "perhaps"
** as a hedge makes "perhaps denied" no denial. */
/* The mention whose text is want, or NULL. */
static const kiji_mention *mention_of(const kiji_doc *doc, const char *text, const char *want,
                                      size_t nth) {
  size_t n, i;
  const kiji_mention *m = kiji_doc_mentions(doc, &n);
  for (i = 0; i < n; i++)
    if (range_is(text, m[i].span, want) && nth-- == 0) return &m[i];
  return NULL;
}

static int str_is(kiji_str s, const char *want) {
  if (want == NULL) return s.ptr == NULL;
  return s.ptr != NULL && s.len == strlen(want) && memcmp(s.ptr, want, s.len) == 0;
}

/* Open-class officials and outlets, and acronyms the text defines: what
** the lexicon does not know has no id; a nationality gives a country; an
** acronym is what its definition is. */
static void open_class(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  static const struct {
    const char *text, *mention;
    size_t nth;
    kiji_kind kind;
    const char *subtype, *id, *country, *what;
  } cases[] = {
      {"The Italian presidency denied the story.", "Italian presidency", 0, KIJI_KIND_OFFICIAL,
       "body", NULL, "IT", "a nationality's country, no id"},
      {"Taiwan's military denied the report.", "military", 0, KIJI_KIND_OFFICIAL, "body", NULL,
       "TW", "a possessive's country, out of the span"},
      {"The Revenue Service rejected the claim.", "Revenue Service", 0, KIJI_KIND_OFFICIAL, "body",
       NULL, NULL, "a capitalized name: no id, no country"},
      {"Iran's Supreme National Security Council denied it.", "Supreme National Security Council",
       0, KIJI_KIND_OFFICIAL, "body", NULL, "IR", "a lexicon body in a longer name: not its id"},
      {"行政改革推進室は報道を否定した。", "行政改革推進室", 0, KIJI_KIND_OFFICIAL, "body", NULL,
       NULL, "a Japanese compound"},
      {"国家サイバー統括室（ＮＣＯ）は調査した。ＮＣＯは報道を否定した。", "ＮＣＯ", 1,
       KIJI_KIND_OFFICIAL, "body", "jp.nco", "JP", "an acronym: its definition's id"},
      {"The Harbor Evening Courier (HEC) reported it. HEC later said so.", "HEC", 1,
       KIJI_KIND_OUTLET, "newspaper", NULL, NULL, "an outlet's acronym"},
      {"ボルドー・クーリエ紙が報じた。", "ボルドー・クーリエ紙", 0, KIJI_KIND_OUTLET, "newspaper",
       NULL, NULL, "a katakana name before 紙"},
      {"否定したのは行政改革推進室", "行政改革推進室", 0, KIJI_KIND_OFFICIAL, "body", NULL, NULL,
       "a Japanese compound that ends the text"},
      {"ABC行政改革推進室は否定した。", "行政改革推進室", 0, KIJI_KIND_OFFICIAL, "body", NULL, NULL,
       "a Japanese compound after ASCII"},
      {"報じたのはボルドー・クーリエ紙", "ボルドー・クーリエ紙", 0, KIJI_KIND_OUTLET, "newspaper",
       NULL, NULL, "a paper that ends the text"},
      {"The National Security Council denied it.", "National Security Council", 0,
       KIJI_KIND_OFFICIAL, "body", "us.nsc", "US", "a lexicon body after \"The\": its own"},
      {"The Supreme National Security Council denied it.", "Supreme National Security Council", 0,
       KIJI_KIND_OFFICIAL, "body", NULL, NULL, "a name word before a lexicon body"},
  };
  size_t i, n;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *text = cases[i].text;
    const kiji_mention *m;
    int ok = kiji_annotate(a, doc, text, strlen(text), NULL) == KIJI_OK &&
             offsets_ok(doc, text, strlen(text));
    m = ok ? mention_of(doc, text, cases[i].mention, cases[i].nth) : NULL;
    tap_ok(t,
           m != NULL && m->kind == cases[i].kind && strcmp(m->subtype, cases[i].subtype) == 0 &&
               str_is(m->id, cases[i].id) && str_is(m->country, cases[i].country) &&
               (cases[i].id != NULL || m->name.ptr == NULL),
           "open class: %s", cases[i].what);
  }
  {
    /* a compound that runs into a mention, and a head alone: no open body */
    static const char *const texts[] = {"防衛省行政改革推進室は否定した。", "局は否定した。"};
    size_t k, j, open = 0;
    for (k = 0; k < sizeof texts / sizeof texts[0]; k++) {
      const kiji_mention *m;
      if (kiji_annotate(a, doc, texts[k], strlen(texts[k]), NULL) != KIJI_OK) open++;
      m = kiji_doc_mentions(doc, &n);
      for (j = 0; j < n; j++) open += m[j].kind == KIJI_KIND_OFFICIAL && m[j].id.ptr == NULL;
    }
    tap_ok(t, open == 0, "open class: no compound that runs into a mention, no head alone");
  }
  {
    /* a company's acronym: no official, though the lexicon's PPC is one */
    static const char text[] = "The Pacific Power Company (PPC) said so. PPC denied the report.";
    const kiji_mention *m;
    size_t k, officials = 0;
    tap_ok(t, kiji_annotate(a, doc, text, strlen(text), NULL) == KIJI_OK, "acronym: annotate");
    m = kiji_doc_mentions(doc, &n);
    for (k = 0; k < n; k++) officials += m[k].kind == KIJI_KIND_OFFICIAL;
    tap_ok(t, officials == 0, "acronym: defined for a company, no official (%zu)", officials);
  }
  {
    /* the name before a bracketed acronym denies */
    static const char text[] = "The Supreme Security Commission (SSC) on Monday denied the report.";
    const kiji_denial *d;
    tap_ok(t, kiji_annotate(a, doc, text, strlen(text), NULL) == KIJI_OK, "bracket: annotate");
    d = kiji_doc_denials(doc, &n);
    tap_ok(t, n == 1 && range_is(text, d[0].by, "Supreme Security Commission"),
           "bracket: the name before it is the denier");
  }
}

static void user_words(tap *t) {
  static const char tsv[] = "perhaps\tword\t\t\tsubtype=hedge\n";
  static const char text[] = "Tanaka perhaps denied the report.";
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  kiji_annotator *plain = kiji_annotator_new(NULL, 0, NULL), *a = NULL;
  kiji_doc *doc = kiji_doc_new();
  kiji_error err;
  const kiji_dict *extra[1];
  size_t before = 0, after = 99;
  if (kiji_dict_builder_add_tsv(b, tsv, sizeof tsv - 1, &err) == KIJI_OK &&
      kiji_dict_compile(b, &d) == KIJI_OK) {
    extra[0] = d;
    a = kiji_annotator_new(extra, 1, &err);
  }
  if (plain && kiji_annotate(plain, doc, text, sizeof text - 1, NULL) == KIJI_OK)
    kiji_doc_denials(doc, &before);
  if (a && kiji_annotate(a, doc, text, sizeof text - 1, NULL) == KIJI_OK)
    kiji_doc_denials(doc, &after);
  tap_ok(t, before == 1 && after == 0,
         "a caller's word joins its class: 'perhaps' as a hedge (%zu, then %zu denials)", before,
         after);
  kiji_doc_free(doc);
  kiji_annotator_free(a);
  kiji_annotator_free(plain);
  kiji_dict_free(d);
  kiji_dict_builder_free(b);
}

static void extra_dictionary(tap *t) {
  static const char tsv[] = "Hokkaido Daily Record\toutlet\thdr\t\tsubtype=newspaper;country=JP\n";
  static const char text[] = "The Hokkaido Daily Record reported the plan. Officials denied it.";
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  kiji_annotator *a;
  kiji_doc *doc = kiji_doc_new();
  kiji_error err;
  const kiji_dict *extra[1];
  size_t n, i;
  const kiji_mention *m;
  int found = 0;
  kiji_dict_builder_add_tsv(b, tsv, sizeof tsv - 1, &err);
  kiji_dict_compile(b, &d);
  extra[0] = d;
  a = kiji_annotator_new(extra, 1, &err);
  tap_ok(t, a != NULL, "an annotator with an extra dictionary");
  if (a && kiji_annotate(a, doc, text, sizeof text - 1, NULL) == KIJI_OK) {
    m = kiji_doc_mentions(doc, &n);
    for (i = 0; i < n; i++)
      if (m[i].id.ptr && m[i].id.len == 3 && memcmp(m[i].id.ptr, "hdr", 3) == 0 &&
          m[i].country.ptr && memcmp(m[i].country.ptr, "JP", 2) == 0)
        found = 1;
  }
  tap_ok(t, found, "the user's outlet is found, with its id and country");
  kiji_doc_free(doc);
  kiji_annotator_free(a);
  kiji_dict_free(d);
  kiji_dict_builder_free(b);
}

/* The id and subtype of the outlet kiji_annotate finds in text with an
** annotator of one extra dictionary (tsv), made for the call and freed
** after it, on doc; 0 when none is found. */
static int outlet_with(kiji_doc *doc, const char *tsv, const char *text, char *id, size_t cap,
                       const char **subtype) {
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  kiji_annotator *a = NULL;
  kiji_error err;
  const kiji_dict *extra[1];
  const kiji_mention *m;
  size_t n, i;
  int found = 0;
  if (b && kiji_dict_builder_add_tsv(b, tsv, strlen(tsv), &err) == KIJI_OK &&
      kiji_dict_compile(b, &d) == KIJI_OK) {
    extra[0] = d;
    a = kiji_annotator_new(extra, 1, &err);
  }
  if (a && kiji_annotate(a, doc, text, strlen(text), NULL) == KIJI_OK) {
    m = kiji_doc_mentions(doc, &n);
    for (i = 0; i < n && !found; i++)
      if (m[i].kind == KIJI_KIND_OUTLET && m[i].id.ptr && m[i].id.len < cap) {
        memcpy(id, m[i].id.ptr, m[i].id.len);
        id[m[i].id.len] = 0;
        *subtype = m[i].subtype; /* (a static name) */
        found = 1;
      }
  }
  kiji_annotator_free(a);
  kiji_dict_free(d);
  kiji_dict_builder_free(b);
  return found;
}

/* A doc outlives the annotator it worked for: the next one, made where
** the last was, must not meet what the doc kept of the last (its
** segmenter's sentence splitter, its decoded entries). */
static void doc_between_annotators(tap *t) {
  static const char text[] = "The Hokkaido Daily Record reported the plan. Officials denied it.";
  static const char *const tsv[] = {
      "Hokkaido Daily Record\toutlet\thdr\t\tsubtype=newspaper;country=JP\n",
      "Hokkaido Daily Record\toutlet\txyz\t\tsubtype=magazine;country=US\n",
  };
  kiji_doc *doc = kiji_doc_new();
  char first[8] = "", second[8] = "";
  const char *sub1 = "", *sub2 = "";
  int ok1 = doc && outlet_with(doc, tsv[0], text, first, sizeof first, &sub1);
  int ok2 = doc && outlet_with(doc, tsv[1], text, second, sizeof second, &sub2);
  tap_ok(t,
         ok1 && ok2 && strcmp(first, "hdr") == 0 && strcmp(second, "xyz") == 0 &&
             strcmp(sub1, "newspaper") == 0 && strcmp(sub2, "magazine") == 0,
         "a doc used by an annotator after another was freed gives the new one's entries "
         "(%s %s, then %s %s)",
         first, sub1, second, sub2);
  kiji_doc_free(doc);
}

/* The attribution of the text that has this cue, or NULL. */
static const kiji_attribution *attribution(const kiji_doc *doc, const char *text, const char *cue) {
  size_t n, i;
  const kiji_attribution *a = kiji_doc_attributions(doc, &n);
  for (i = 0; i < n; i++)
    if (range_is(text, a[i].cue, cue)) return &a[i];
  return NULL;
}

/* The mention at index i has this text. */
static int mention_is(const kiji_doc *doc, const char *text, size_t i, const char *want) {
  size_t n;
  const kiji_mention *m = kiji_doc_mentions(doc, &n);
  return i < n && range_is(text, m[i].span, want);
}

/* Issue 13: the reporting verbs, any noun phrase as a source, and the
** claims and reporters of denials inside attributions. */
static void attributions(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  static const char *const none[] = {"The United States has imposed sanctions.",
                                     "The states will vote next week.",
                                     "The company filed a claim with its insurer.",
                                     "The warning came too late.",
                                     "She left notes for her successor.",
                                     "He added three goals in the second half.",
                                     "Officials warned of heavy rain.",
                                     "Everything went according to plan."};
  const kiji_attribution *at;
  const kiji_denial *d;
  size_t n, i;
  static const char t1[] = "Kyodo News reported that the ministry denied the report.";
  static const char t2[] = "The ministry denied the report, Kyodo News said.";
  static const char t3[] = "An official said the report was not true.";
  static const char t4[] = "Sources at the ministry told Kyodo News that the report was false.";
  static const char t5[] = "\"Our figures are correct,\" a company spokesman added.";
  static const char t6[] = "According to a poll by the Asahi Shimbun, most voters oppose the plan.";
  static const char t7[] =
      "\xE6\xB0\x97\xE8\xB1\xA1\xE5\xBA\x81\xE3\x81\xAF\xE3\x80\x8C\xE5\x8D\xB1\xE9\x99"
      "\xBA\xE3\x81\xA0\xE3\x80\x8D\xE3\x81\xA8\xE8\xAD\xA6\xE5\x91\x8A\xE3\x81\x97\xE3"
      "\x81\x9F\xE3\x80\x82"; /* 気象庁は「危険だ」と警告した。 */
  /* the attribution's source is a topic among the mentions; the denial's
  ** subject, a bare name, is a kind of candidate listed after them */
  static const char t8[] = "読売新聞は稲田氏が関与を否定したと報じた。";

  kiji_annotate(a, doc, t1, sizeof t1 - 1, NULL);
  at = attribution(doc, t1, "reported");
  d = kiji_doc_denials(doc, &n);
  tap_ok(t, at && range_is(t1, at->source, "Kyodo News") && at->source_mention != KIJI_NONE,
         "X reported that: the outlet of two words is the source");
  tap_ok(t,
         n == 1 && range_is(t1, d[0].by, "ministry") &&
             mention_is(doc, t1, d[0].reported_by, "Kyodo News"),
         "... and reports the denial in its clause");

  kiji_annotate(a, doc, t2, sizeof t2 - 1, NULL);
  d = kiji_doc_denials(doc, &n);
  tap_ok(t,
         n == 1 && range_is(t2, d[0].claim, "the report") &&
             mention_is(doc, t2, d[0].reported_by, "Kyodo News"),
         "CLAIM, X said: the denial's claim stops before the attribution, X reports it");

  kiji_annotate(a, doc, t3, sizeof t3 - 1, NULL);
  at = attribution(doc, t3, "said");
  d = kiji_doc_denials(doc, &n);
  tap_ok(t, at && range_is(t3, at->claim, "the report was not true"), "X said CLAIM: the clause");
  tap_ok(t, n == 1 && range_is(t3, d[0].claim, "the report"), "... and the denial's claim");

  kiji_annotate(a, doc, t4, sizeof t4 - 1, NULL);
  at = attribution(doc, t4, "told");
  d = kiji_doc_denials(doc, &n);
  tap_ok(t, at && range_is(t4, at->source, "Sources at the ministry"),
         "sources at X told Y: the sources are the source");
  tap_ok(t, n == 1 && mention_is(doc, t4, d[0].reported_by, "Kyodo News"),
         "... the hearer reports the denial");

  kiji_annotate(a, doc, t5, sizeof t5 - 1, NULL);
  at = attribution(doc, t5, "added");
  tap_ok(t,
         at && range_is(t5, at->claim, "\"Our figures are correct,\"") &&
             offsets_ok(doc, t5, sizeof t5 - 1),
         "'\"CLAIM,\" X added': a verb that needs a clause takes the one before it");

  kiji_annotate(a, doc, t6, sizeof t6 - 1, NULL);
  at = attribution(doc, t6, "According to");
  tap_ok(t,
         at && range_is(t6, at->source, "poll by the Asahi Shimbun") &&
             range_is(t6, at->claim, "most voters oppose the plan"),
         "according to any noun phrase");

  kiji_annotate(a, doc, t7, sizeof t7 - 1, NULL);
  at = kiji_doc_attributions(doc, &n);
  tap_ok(
      t,
      n == 1 && range_is(t7, at->source, "\xE6\xB0\x97\xE8\xB1\xA1\xE5\xBA\x81") &&
          range_is(t7, at->claim, "\xE3\x80\x8C\xE5\x8D\xB1\xE9\x99\xBA\xE3\x81\xA0\xE3\x80\x8D"),
      "ja: Xは「…」と警告した, the と in the cue");

  kiji_annotate(a, doc, t8, sizeof t8 - 1, NULL);
  at = attribution(doc, t8, "報じた");
  d = kiji_doc_denials(doc, &n);
  tap_ok(t,
         at && range_is(t8, at->source, "読売新聞") && n == 1 && range_is(t8, d[0].by, "稲田氏") &&
             mention_is(doc, t8, d[0].reported_by, "読売新聞"),
         "ja: Xは…Yが否定したと報じた, the topic reports, the subject after it denies");

  for (i = 0; i < sizeof none / sizeof none[0]; i++) {
    kiji_annotate(a, doc, none[i], strlen(none[i]), NULL);
    kiji_doc_attributions(doc, &n);
    tap_ok(t, n == 0, "no attribution: %s", none[i]);
  }
}

typedef kiji_status (*map_lookup)(const kiji_map *, size_t, size_t, size_t *, size_t *);
typedef kiji_status (*view_lookup)(const kiji_map *, size_t, size_t, size_t *, size_t *, size_t *);

/* How many ranges of [0, len + 1] (one past the end too) the two
** lookups answer differently: every range, from the ends in, so that the
** hint goes back and forth. */
static size_t lookups_differ(const kiji_map *m, size_t len, map_lookup mine, view_lookup view,
                             size_t *checked) {
  size_t a, b, bad = 0, hint = 0;
  for (a = 0; a <= len + 1; a++)
    for (b = a; b <= len + 1; b++) {
      size_t x = (a % 2) ? len + 1 - b + a : b, r1 = 0, r2 = 0, q1 = 1, q2 = 1;
      kiji_status s1 = mine(m, a, x < a ? a : x, &r1, &r2);
      kiji_status s2 = view(m, a, x < a ? a : x, &q1, &q2, &hint);
      (*checked)++;
      bad += s1 != s2 || (s1 == KIJI_OK && (r1 != q1 || r2 != q2));
    }
  return bad;
}

/* The view's map as view.c reads it (from the piece of the last lookup,
** which moves as the lookups go) gives the map's own answers, for every
** range of texts whose view has linear, atomic and dropped pieces. */
static void view_map(tap *t) {
  static const char *const texts[] = {
      "Japan\xE2\x80\x99s \xE2\x80\x9C"
      "Defense\xE2\x80\x9D  Ministry\r\n\r\nsaid \xEF\xAC\x81ne.",
      "\xE9\x98\xB2\xE8\xA1\x9B\xE7\x9C\x81\xE3\x80\x80\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBD\xB6\xEF\xBE"
      "\x9E "
      "\xE2\x80\x94 x\xC2\xA0y\xE2\x80\x8Bz\xE3\x80\x8C\xE5\xA6\x82\xE3\x80\x8D",
      "TOKYO (Kyodo) -- The GSDF\xE2\x80\xA8said\x0Bno.\xC3\xA9\x65\xCC\x81 \xFF end"};
  kiji_norm *n = kiji_norm_new();
  size_t k, bad = 0, checked = 0;
  for (k = 0; n && k < sizeof texts / sizeof texts[0]; k++) {
    const kiji_map *m;
    size_t len = strlen(texts[k]), nlen;
    if (kiji_normalize(n, texts[k], len, NULL) != KIJI_OK) {
      bad++;
      continue;
    }
    m = kiji_norm_map(n);
    kiji_norm_text(n, &nlen);
    bad += lookups_differ(m, len, kiji_map_target, kiji_ann_to_view, &checked);
    bad += lookups_differ(m, nlen, kiji_map_origin, kiji_ann_to_origin, &checked);
  }
  tap_ok(t, n != NULL && bad == 0,
         "view.c's map lookups give the map's answers (%zu of %zu differ)", bad, checked);
  kiji_norm_free(n);
}

int main(void) {
  tap t = {0, 0};
  kiji_error err;
  kiji_annotator *a = kiji_annotator_new(NULL, 0, &err);
  kiji_doc *doc = kiji_doc_new();
  kiji_dict *lex = NULL;
  if (!tap_ok(&t, a != NULL && doc != NULL, "annotator and document")) return tap_done(&t);
  tap_ok(&t, kiji_lexicon_load(&lex, &err) == KIJI_OK && kiji_dict_count(lex) > 2000,
         "the built-in lexicon loads (%zu entries)", lex ? kiji_dict_count(lex) : 0);
  kiji_dict_free(lex);
  results(&t, a, doc);
  errors(&t, a, doc);
  random_texts(&t, a, doc);
  snapshot_and_json(&t, a, doc);
  json_strings(&t, a, doc);
  extra_dictionary(&t);
  doc_between_annotators(&t);
  one_view(&t, a, doc);
  dropped_sentence(&t, a, doc);
  byte_order_mark(&t, a, doc);
  targets(&t, a, doc);
  datelines(&t, a, doc);
  open_class(&t, a, doc);
  quotes(&t, a, doc);
  carried(&t, a, doc);
  user_words(&t);
  nationals(&t, a, doc);
  attributions(&t, a, doc);
  view_map(&t);
  kiji_doc_free(doc);
  kiji_annotator_free(a);
  return tap_done(&t);
}
