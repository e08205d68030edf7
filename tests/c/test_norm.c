/*
** test_norm.c -- kiji_normalize and its map through the C API: the rules
** of the match form, options, errors, and the map properties over many
** random strings.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "kiji.h"
#include "map_check.h"
#include "tap.h"

static const char *norm(kiji_norm *n, const char *s, kiji_form form) {
  kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
  static char buf[256];
  size_t len;
  const char *out;
  o.form = form;
  if (kiji_normalize(n, s, strlen(s), &o) != KIJI_OK) return "<error>";
  out = kiji_norm_text(n, &len);
  if (len >= sizeof buf) len = sizeof buf - 1;
  memcpy(buf, out, len);
  buf[len] = '\0';
  return buf;
}

static void rules(tap *t, kiji_norm *n) {
  static const char *const cases[][2] = {
      {"ﾊﾝｶｸｶﾅ", "ハンカクカナ"},
      {"ｶﾞｷﾞｸﾞｹﾞｺﾞ", "ガギグゲゴ"},
      {"ＡＢＣ１２３", "abc123"},
      {"スーパーーーー", "スーパー"},
      {"検索 エンジン 自作", "検索エンジン自作"},
      {"Ministry  of\xC2\xA0"
       "Defense",
       "ministry of defense"},
      {"Straße", "strasse"},
      {"㍻", "平成"},
      {"①", "1"},
      {"ＮＨＫは「ｶﾞｲｱﾂ」を否定  Kyodo News", "nhkは「ガイアツ」を否定 kyodo news"},
      {"ｽｰﾊﾟｰ", "スーパー"},
      {"カ‐ト カ–ト カ−ト カ－ト", "カートカートカートカート"},
      {"ゲーム—ソフト", "ゲームーソフト"},
      {"漢—字 a–b a‐b a−b a⁃b", "漢—字 a-b a-b a-b a-b"},
      {"カ⁃", "カ-"},
      {"x〜x～x∼x∿x〰", "x〜x〜x〜x〜x〜"},
      {"〜 ～", "〜〜"},
      {"‘a’ ‚b‛ ′ “c” „d‟ ″", "'a' 'b' ' \"c\" \"d\" \""},
      {"「引用」『書名』", "「引用」『書名』"},
      {"a\tb\r\nc\xE3\x80\x80"
       "d",
       "a b c d"},
      {"  lead and trail \n", "lead and trail"},
      {"日本 政府 は", "日本政府は"},
      {"日本 government", "日本 government"},
      {"zero\xE2\x80\x8Bwidth\xC2\xAD"
       "soft\xEF\xBB\xBF",
       "zerowidthsoft"},
      {"bell\x07"
       "ring",
       "bellring"},
      {"e\xCC\x81", "\xC3\xA9"},
      {"İstanbul", "i\xCC\x87stanbul"},
      {"ﬁnance", "finance"},
      {"ハ゛ス ハ゜ス", "バスパス"},
      {"゛x", "\xE3\x82\x99x"},
  };
  size_t i;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    const char *got = norm(n, cases[i][0], KIJI_FORM_MATCH);
    if (!tap_ok(t, strcmp(got, cases[i][1]) == 0, "match rule case %zu", i + 1))
      printf("#   got \"%s\", want \"%s\"\n", got, cases[i][1]);
  }
  tap_ok(t, strcmp(norm(n, "ＡＢＣ", KIJI_FORM_NFKC), "ABC") == 0, "nfkc keeps case");
  tap_ok(t, strcmp(norm(n, "“x”  y", KIJI_FORM_NFC), "“x”  y") == 0, "nfc has no news rules");
}

static void options_and_errors(tap *t, kiji_norm *n) {
  kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
  size_t a, b, len;
  const char *out;
  tap_ok(t, kiji_normalize(n, "ＮＨＫは", 12, NULL) == KIJI_OK, "NULL options mean the defaults");
  tap_ok(t, kiji_map_origin(kiji_norm_map(n), 0, 3, &a, &b) == KIJI_OK && a == 0 && b == 9,
         "origin of \"nhk\" is the 9 bytes of ＮＨＫ");
  tap_ok(t, kiji_map_target(kiji_norm_map(n), 3, 6, &a, &b) == KIJI_OK && a == 1 && b == 2,
         "target of Ｈ is h");
  o.casefold = 0;
  kiji_normalize(n, "ＡＢ", 6, &o);
  out = kiji_norm_text(n, &len);
  tap_ok(t, len == 2 && memcmp(out, "AB", 2) == 0, "casefold = 0 keeps case");
  o = (kiji_norm_options)KIJI_NORM_OPTIONS_INIT;
  o.map = 0;
  tap_ok(t, kiji_normalize(n, "abc", 3, &o) == KIJI_OK && kiji_norm_map(n) == NULL,
         "map = 0 builds no map");
  o = (kiji_norm_options)KIJI_NORM_OPTIONS_INIT;
  o.invalid = KIJI_INVALID_ERROR;
  tap_ok(t,
         kiji_normalize(n,
                        "ab\xE3\x81"
                        "c",
                        5, &o) == KIJI_EUTF8 &&
             kiji_norm_error_offset(n) == 2 &&
             strcmp(kiji_norm_error(n), "invalid UTF-8 at byte offset 2") == 0,
         "invalid = error reports the offset");
  o.invalid = KIJI_INVALID_REPLACE;
  kiji_normalize(n,
                 "a\xE3\x81\xFF"
                 "b",
                 5, &o);
  out = kiji_norm_text(n, &len);
  tap_ok(t,
         len == 8 && memcmp(out,
                            "a\xEF\xBF\xBD\xEF\xBF\xBD"
                            "b",
                            8) == 0,
         "one U+FFFD per maximal subpart");
  tap_ok(t, kiji_map_origin(kiji_norm_map(n), 1, 4, &a, &b) == KIJI_OK && a == 1 && b == 3,
         "a replacement maps to exactly its bytes");
  tap_ok(t, kiji_normalize(n, "a\0b", 3, NULL) == KIJI_OK && (kiji_norm_text(n, &len), len == 2),
         "NUL is data, and the match form drops it");
  o.form = KIJI_FORM_NFC;
  tap_ok(t, kiji_normalize(n, "a\0b", 3, &o) == KIJI_OK && (kiji_norm_text(n, &len), len == 3),
         "NUL survives nfc");
  tap_ok(t, kiji_normalize(n, NULL, 0, NULL) == KIJI_OK && (kiji_norm_text(n, &len), len == 0),
         "empty input");
  tap_ok(t, kiji_normalize(NULL, "a", 1, NULL) == KIJI_EINVAL, "NULL normalizer");
  tap_ok(t, kiji_normalize(n, NULL, 3, NULL) == KIJI_EINVAL, "NULL text with a length");
  o.form = (kiji_form)42;
  tap_ok(t,
         kiji_normalize(n, "a", 1, &o) == KIJI_EINVAL &&
             strcmp(kiji_norm_error(n), "invalid argument") == 0,
         "unknown form");
  kiji_normalize(n, "abc", 3, NULL);
  tap_ok(t,
         kiji_map_origin(kiji_norm_map(n), 2, 4, &a, &b) == KIJI_EINVAL &&
             kiji_map_origin(kiji_norm_map(n), 2, 1, &a, &b) == KIJI_EINVAL &&
             kiji_map_origin(NULL, 0, 0, &a, &b) == KIJI_EINVAL,
         "out-of-range map queries are refused");
  kiji_normalize(n, " x ", 3, NULL);
  tap_ok(t, kiji_map_target(kiji_norm_map(n), 0, 1, &a, &b) == KIJI_OK && a == 0 && b == 0,
         "a dropped character targets an empty range");
}

/* A base letter with more marks than a segment may hold: cut, with a CGJ,
** in canonical order, and stable under a second pass, also when the base
** decomposes (found by fuzz_norm: 핁 + 128 marks was cut again by NFD's
** second pass, the cap then counting the jamo). */
static void stream_safe(tap *t, kiji_norm *n, kiji_norm *again) {
  static const char *const bases[] = {"a", "\xC3\xA9", "\xED\x95\x81"}; /* a é 핁 */
  static const size_t marks[] = {127, 128, 129, 300};
  static char buf[4 + 300 * 2 + 2];
  kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
  size_t len, i, b, m, n1, n2;
  const char *out1, *out2;
  int ok = 1;
  for (b = 0; b < sizeof bases / sizeof bases[0]; b++)
    for (m = 0; m < sizeof marks / sizeof marks[0]; m++) {
      len = strlen(bases[b]);
      memcpy(buf, bases[b], len);
      for (i = 0; i < marks[m]; i++) {
        buf[len++] = '\xCC';
        buf[len++] = '\x81';
      } /* U+0301 */
      buf[len++] = '\xCC';
      buf[len++] = '\x96'; /* U+0316 */
      for (o.form = KIJI_FORM_MATCH; o.form <= KIJI_FORM_NFKD; o.form++) {
        ok &= kiji_normalize(n, buf, len, &o) == KIJI_OK;
        out1 = kiji_norm_text(n, &n1);
        ok &= kiji_normalize(again, out1, n1, &o) == KIJI_OK;
        out2 = kiji_norm_text(again, &n2);
        ok &= n1 == n2 && memcmp(out1, out2, n1) == 0;
        if (marks[m] == 300) ok &= map_check_contains(out1, n1, "\xCD\x8F", 2); /* U+034F */
      }
    }
  tap_ok(t, ok, "a run past the segment cap is cut with a CGJ and stays stable");
}

/* ---- random strings over the troublesome parts of Unicode ---- */

static uint64_t next_rand(uint64_t *st) {
  *st ^= *st << 13;
  *st ^= *st >> 7;
  *st ^= *st << 17;
  return *st;
}

static size_t random_text(uint64_t *st, char *buf, size_t cap) {
  static const char *const frag[] = {
      "a",
      "Z",
      "Defense",
      " ",
      "  ",
      "\t",
      "\n",
      "\r\n",
      "\xC2\xA0",
      "\xE3\x80\x80",
      "か",
      "カ",
      "ー",
      "ｶ",
      "ﾞ",
      "ﾟ",
      "ｰ",
      "ﾊ",
      "漢",
      "字",
      "「",
      "」",
      "。",
      "、",
      "Ａ",
      "１",
      "－",
      "‐",
      "–",
      "—",
      "−",
      "⁃",
      "〜",
      "～",
      "“",
      "”",
      "‘",
      "’",
      "″",
      "\xCC\x81",
      "\xCC\xA3",
      "\xCC\x88",
      "e",
      "\xE1\x84\x80",
      "\xE1\x85\xA1",
      "\xE1\x86\xA8",
      "한",
      "😀",
      "\xE2\x80\x8D",
      "\xE2\x80\x8B",
      "\xC2\xAD",
      "\x07",
      "\0",
      "\xFF",
      "\xE3\x81",
      "\xF0\x9F",
      "\xED\xA0\x80",
      "\xC0\xAF",
      "ß",
      "İ",
      "ﬁ",
      "㍻",
      "①",
      "\xEF\xB7\xBA",
      "\xE0\xAD\x87",
      "\xE0\xAC\xBE",
      "ᾳ",
      "\xCD\x85",
      "Ω",
      "K",
      "Å",
      "ǅ",
      "゛",
      "゜",
      "ハ",
  };
  size_t n = 0, k = 1 + next_rand(st) % 24, i;
  for (i = 0; i < k; i++) {
    const char *f = frag[next_rand(st) % (sizeof frag / sizeof frag[0])];
    size_t fl = f[0] ? strlen(f) : 1;
    if (n + fl > cap) break;
    memcpy(buf + n, f, fl);
    n += fl;
  }
  return n;
}

static void properties(tap *t, kiji_norm *n, kiji_norm *scratch) {
  static const kiji_form forms[] = {KIJI_FORM_MATCH, KIJI_FORM_NFC, KIJI_FORM_NFD, KIJI_FORM_NFKC,
                                    KIJI_FORM_NFKD};
  size_t f;
  for (f = 0; f < sizeof forms / sizeof forms[0]; f++) {
    uint64_t st = 0x9E3779B97F4A7C15ull + f;
    int i, bad = 0;
    char buf[512], why[200] = "";
    for (i = 0; i < 20000 && !bad; i++) {
      kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
      size_t len = random_text(&st, buf, sizeof buf);
      o.form = forms[f];
      if (kiji_normalize(n, buf, len, &o) != KIJI_OK) {
        snprintf(why, sizeof why, "failed");
        bad = 1;
      } else if (!map_check(buf, len, n, &o, scratch, why, sizeof why))
        bad = 1;
      if (bad) {
        size_t b;
        printf("# input:");
        for (b = 0; b < len; b++) printf(" %02X", (unsigned char)buf[b]);
        printf("\n# %s\n", why);
      }
    }
    tap_ok(t, !bad, "map properties over 20000 random strings, form %d", (int)forms[f]);
  }
}

/* U+11A7 is the Hangul TBase, no trailing consonant: NFC keeps it after
** an LV syllable (Unicode 3.12), where utf8proc 2.8 drops it (found by
** fuzz_norm against utf8proc as its reference). */
static void hangul_tbase(tap *t, kiji_norm *n) {
  static const char lv_tbase[] = "\xEA\xB0\x80\xE1\x86\xA7"; /* 가 U+11A7 */
  static const char l_v_tbase[] = "\xE1\x84\x80\xE1\x85\xA1\xE1\x86\xA7";
  kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
  const char *out;
  size_t len;
  int ok;
  o.form = KIJI_FORM_NFC;
  ok = kiji_normalize(n, lv_tbase, sizeof lv_tbase - 1, &o) == KIJI_OK &&
       (out = kiji_norm_text(n, &len), len == 6 && memcmp(out, lv_tbase, 6) == 0);
  ok = ok && kiji_normalize(n, l_v_tbase, sizeof l_v_tbase - 1, &o) == KIJI_OK &&
       (out = kiji_norm_text(n, &len), len == 6 && memcmp(out, lv_tbase, 6) == 0);
  tap_ok(t, ok, "NFC keeps U+11A7 after an LV syllable, and composes L V before it");
}

/* Every lookup both ways over a map of a text of nlen normalized and len
** original bytes, into `got`: 3 per range (status, start, end; 0 and 0
** when it failed). */
static size_t lookups(const kiji_map *m, size_t len, size_t nlen, size_t *got) {
  size_t a, b, k = 0;
  for (a = 0; a <= nlen; a++)
    for (b = a; b <= nlen + 1; b++, k += 3) { /* (b = nlen + 1: an error) */
      got[k + 1] = got[k + 2] = 0;
      got[k] = (size_t)kiji_map_origin(m, a, b, &got[k + 1], &got[k + 2]);
    }
  for (a = 0; a <= len; a++)
    for (b = a; b <= len; b++, k += 3) {
      got[k + 1] = got[k + 2] = 0;
      got[k] = (size_t)kiji_map_target(m, a, b, &got[k + 1], &got[k + 2]);
    }
  return k;
}

/*
** kiji_map_copy and kiji_map_share answer every lookup as the map they
** were made from, once the normalizer has gone on to another text (the
** copy holds its own normalized text, the share reads the caller's);
** too little memory, or a share without its text, gives NULL.
*/
static void map_copies(tap *t, kiji_norm *n) {
  static const char *const texts[] = {
      "\xEF\xBC\xB4\xEF\xBD\x8F\xEF\xBD\x8B\xEF\xBD\x99\xEF\xBD\x8F\xE3\x80\x80"
      "caf\xC3\xA9 \xEF\xAC\x81le",
      "\xEF\xBD\xB6\xEF\xBE\x9E\xEF\xBD\xB7\xEF\xBE\x9E \xE3\x88\xB1 "
      "\xE2\x80\x9CQuoted\xE2\x80\x9D",
      "e\xCC\x81 x\xE2\x80\x8By A\xCC\x8A\t\tend",
      "",
  };
  int ok = 1;
  size_t i;
  for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
    const kiji_map *m;
    const char *out;
    size_t len = strlen(texts[i]), nlen, size, share_size, k, nk;
    size_t *want, *got;
    void *copy_mem, *share_mem;
    char *text;
    kiji_map *copy, *share;
    if (kiji_normalize(n, texts[i], len, NULL) != KIJI_OK) {
      ok = 0;
      continue;
    }
    m = kiji_norm_map(n);
    out = kiji_norm_text(n, &nlen);
    k = 3 * ((nlen + 1) * (nlen + 2) + (len + 1) * (len + 2));
    want = malloc(k * sizeof *want);
    got = malloc(k * sizeof *got);
    size = kiji_map_copy_size(m);
    share_size = kiji_map_share_size(m);
    copy_mem = malloc(size);
    share_mem = malloc(share_size);
    text = malloc(nlen + 1);
    memcpy(text, out, nlen);
    nk = lookups(m, len, nlen, want);
    ok = ok && kiji_map_copy(m, copy_mem, size - 1) == NULL &&
         kiji_map_share(m, text, share_mem, share_size - 1) == NULL &&
         (nlen == 0 || kiji_map_share(m, NULL, share_mem, share_size) == NULL);
    copy = kiji_map_copy(m, copy_mem, size);
    share = kiji_map_share(m, text, share_mem, share_size);
    /* the normalizer's buffers go to another, longer text */
    kiji_normalize(n, "A different text altogether, long enough to move every buffer.", 62, NULL);
    ok = ok && copy && share && kiji_map_target_length(copy) == nlen &&
         kiji_map_source_length(share) == len && lookups(copy, len, nlen, got) == nk &&
         memcmp(got, want, nk * sizeof *got) == 0 && lookups(share, len, nlen, got) == nk &&
         memcmp(got, want, nk * sizeof *got) == 0;
    if (ok) { /* a copy of the share (its pieces kept as the share keeps them) */
      void *again_mem = malloc(kiji_map_copy_size(share));
      kiji_map *again = kiji_map_copy(share, again_mem, kiji_map_copy_size(share));
      ok =
          again && lookups(again, len, nlen, got) == nk && memcmp(got, want, nk * sizeof *got) == 0;
      free(again_mem);
    }
    free(want);
    free(got);
    free(copy_mem);
    free(share_mem);
    free(text);
  }
  tap_ok(t, ok, "a map copied or shared answers every lookup as its original, which moved on");
}

/* Every three-byte character from U+3000 to U+9FFF, after 0 to 7 ASCII
** bytes (the fast path reads them two at a time from one word, at any
** alignment): NFKC as utf8proc makes it, one linear piece where it is
** the text itself. */
static void three_byte_runs(tap *t, kiji_norm *n) {
  size_t cap = 8 + 3 * 0x7000, len, shift, outlen, a, b;
  unsigned char *text = malloc(cap);
  kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
  int ok = text != NULL;
  int32_t c;
  o.form = KIJI_FORM_NFKC;
  for (shift = 0; ok && shift < 8; shift++) {
    utf8proc_uint8_t *want;
    const char *out;
    memset(text, 'a', shift);
    len = shift;
    for (c = 0x3000; c <= 0x9FFF; c++) len += (size_t)utf8proc_encode_char(c, text + len);
    want = NULL;
    ok = ok && kiji_normalize(n, (const char *)text, len, &o) == KIJI_OK;
    out = kiji_norm_text(n, &outlen);
    ok = ok &&
         utf8proc_map(text, (utf8proc_ssize_t)len, &want,
                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT) ==
             (utf8proc_ssize_t)outlen &&
         memcmp(out, want, outlen) == 0;
    /* the kanji at the end are copied: output byte k is input byte k */
    ok = ok && kiji_map_origin(kiji_norm_map(n), outlen - 3, outlen, &a, &b) == KIJI_OK &&
         a == len - 3 && b == len;
    free(want);
  }
  free(text);
  tap_ok(t, ok, "runs of three-byte characters normalize as utf8proc says, at any alignment");
}

int main(void) {
  tap t = {0, 0};
  kiji_norm *n = kiji_norm_new(), *scratch = kiji_norm_new();
  rules(&t, n);
  options_and_errors(&t, n);
  stream_safe(&t, n, scratch);
  properties(&t, n, scratch);
  hangul_tbase(&t, n);
  map_copies(&t, n);
  three_byte_runs(&t, n);
  kiji_norm_free(n);
  kiji_norm_free(scratch);
  kiji_norm_free(NULL);
  return tap_done(&t);
}
