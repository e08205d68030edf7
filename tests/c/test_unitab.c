/*
** test_unitab.c -- the committed table (plugin/base/unitab_data.c) agrees with
** the linked utf8proc on every code point; otherwise run `make tables`.
**
** The script classes (base/script.h): the disagreements of the four copies
** they replaced, code point by code point; over every code point, what the
** classes must say given utf8proc's category and NFKC (a kanji is a letter,
** ｶ is katakana as カ is...); the predicates and the annotation rules' view
** of them; and, when the Unicode data files are here (UNIDATA, else
** /usr/share/unicode), the generator's derivation on every code point.
*/
#include "gen/unitab_flags.h"
#include "annotate/ann_text.h"
#include "tap.h"

#define OTHER KIJI_SCRIPT_OTHER
#define SPACE KIJI_SCRIPT_SPACE
#define HAN KIJI_SCRIPT_HAN
#define KATA KIJI_SCRIPT_KATAKANA
#define HIRA KIJI_SCRIPT_HIRAGANA
#define LATIN KIJI_SCRIPT_LATIN
#define JPUNCT KIJI_SCRIPT_JPUNCT

static const char *const script_name[KIJI_SCRIPT_COUNT] = {"other",    "space", "han",   "katakana",
                                                           "hiragana", "latin", "jpunct"};

/* Each class that one of the four old copies (norm_rules.c, ann_text.c,
** seg.c, dict_build.c) gave differently, and the decisions of script.h. */
static const struct {
  int32_t c;
  kiji_script sc;
} chosen[] = {{0x20, SPACE},
              {0x09, SPACE},
              {0x85, SPACE},
              {0xA0, SPACE},
              {0x1680, SPACE},
              {0x202F, SPACE},
              {0x205F, SPACE},
              {0x3000, SPACE},
              {0x200B, OTHER},
              {0xFEFF, OTHER},
              {'A', LATIN},
              {'z', LATIN},
              {'0', LATIN},
              {'9', LATIN},
              {'_', OTHER},
              {0xAA, LATIN},
              {0xC0, LATIN},
              {0xD7, OTHER},
              {0xF7, OTHER},
              {0x24F, LATIN},
              {0x1EC5, LATIN},
              {0x2160, LATIN},
              {0xFF10, LATIN},
              {0xFF21, LATIN},
              {0xFF5A, LATIN},
              {0x1D7CE, LATIN},
              {0x1D400, OTHER},
              {0x0660, OTHER},
              {0x03B1, OTHER},
              {0xB5, OTHER},
              /* 々 〆 〇 〻: kanji (〇 was punctuation to the annotation rules and norm) */
              {0x3005, HAN},
              {0x3006, HAN},
              {0x3007, HAN},
              {0x303B, HAN},
              {0x3021, HAN},
              {0x3038, HAN},
              {0x3400, HAN},
              {0x4DBF, HAN},
              {0x4E00, HAN},
              {0x9FFF, HAN},
              {0xF900, HAN},
              {0xFA6D, HAN},
              {0xFA6E, OTHER},
              {0xFAFF, OTHER},
              {0x16FE3, HAN},
              {0x16FF0, HAN},
              {0x16FE2, OTHER},
              {0x2E80, OTHER},
              {0x2F00, OTHER},
              {0x31C0, OTHER},
              /* the upper bound: assigned Han (U+323AF in Unicode 15), not 0x3FFFF */
              {0x20000, HAN},
              {0x2A6DF, HAN},
              {0x2A6E0, OTHER},
              {0x2F800, HAN},
              {0x30000, HAN},
              {0x323AF, HAN},
              {0x323B0, OTHER},
              {0x3FFFF, OTHER},
              {0x3041, HIRA},
              {0x3096, HIRA},
              {0x3097, OTHER},
              {0x309D, HIRA},
              {0x309F, HIRA},
              /* kana supplement and extended: kana by script (it was Japanese to norm only) */
              {0x1B000, KATA},
              {0x1B001, HIRA},
              {0x1B11F, HIRA},
              {0x1B120, KATA},
              {0x1B122, KATA},
              {0x1B123, OTHER},
              {0x1B132, HIRA},
              {0x1B150, HIRA},
              {0x1B155, KATA},
              {0x1B164, KATA},
              {0x1B167, KATA},
              {0x1B16F, OTHER},
              {0x1AFF0, KATA},
              {0x1F200, OTHER},
              {0x30A1, KATA},
              {0x30FA, KATA},
              {0x30FD, KATA},
              {0x30FF, KATA},
              {0x31F0, KATA},
              {0x31FF, KATA},
              {0xFF66, KATA},
              {0xFF9D, KATA},
              {0x32D0, OTHER},
              {0x3300, OTHER},
              /* Common and Inherited characters classed katakana: ー ｰ, the sound marks,
  ** ﾞ ﾟ, 〱, and the middle dots ・ ･; not the hyphen ゠ */
              {0x30FC, KATA},
              {0xFF70, KATA},
              {0x3099, KATA},
              {0x309A, KATA},
              {0x309B, KATA},
              {0x309C, KATA},
              {0xFF9E, KATA},
              {0xFF9F, KATA},
              {0x3031, KATA},
              {0x3035, KATA},
              {0x30FB, KATA},
              {0xFF65, KATA},
              {0x30A0, JPUNCT},
              {0x3001, JPUNCT},
              {0x3002, JPUNCT},
              {0x300C, JPUNCT},
              {0x3012, JPUNCT},
              {0x301C, JPUNCT},
              {0x302A, JPUNCT},
              {0x303C, JPUNCT},
              {0x303F, JPUNCT},
              {0xFF01, JPUNCT},
              {0xFF08, JPUNCT},
              {0xFF0D, JPUNCT},
              {0xFF1F, JPUNCT},
              {0xFF3B, JPUNCT},
              {0xFF5E, JPUNCT},
              {0xFF60, JPUNCT},
              {0xFF61, JPUNCT},
              {0xFF64, JPUNCT},
              {0xFFE5, OTHER},
              {0xFE30, OTHER},
              {0x3190, OTHER},
              {-1, OTHER},
              {0x110000, OTHER},
              {0x7FFFFFFF, OTHER}};

static int is_letter(utf8proc_category_t gc) {
  return gc >= UTF8PROC_CATEGORY_LU && gc <= UTF8PROC_CATEGORY_LO;
}

static int in(int32_t c, int32_t lo, int32_t hi) { return c >= lo && c <= hi; }

/* What utf8proc's category says a class may hold. */
static int category_fits(int32_t c, kiji_script sc) {
  utf8proc_category_t gc = utf8proc_category(c);
  switch (sc) {
    case HAN:
      return gc == UTF8PROC_CATEGORY_LO || gc == UTF8PROC_CATEGORY_LM ||
             gc == UTF8PROC_CATEGORY_NL || gc == UTF8PROC_CATEGORY_MC;
    case HIRA: return gc == UTF8PROC_CATEGORY_LO || gc == UTF8PROC_CATEGORY_LM;
    case KATA: /* letters, and the documented marks */
      return gc == UTF8PROC_CATEGORY_LO || gc == UTF8PROC_CATEGORY_LM || in(c, 0x3099, 0x309C) ||
             c == 0x30FB || c == 0xFF65;
    case LATIN: return is_letter(gc) || gc == UTF8PROC_CATEGORY_NL || gc == UTF8PROC_CATEGORY_ND;
    case JPUNCT:
      return (in(c, 0x3001, 0x303F) || c == 0x30A0 || in(c, 0xFF01, 0xFF64)) &&
             gc != UTF8PROC_CATEGORY_CN && gc != UTF8PROC_CATEGORY_ND &&
             (!is_letter(gc) || c == 0x303C);
    default: return 1;
  }
}

/* Whether the compatibility decomposition of c holds a character of class sc
** (ｶ is カ, ガ is カ + U+3099, Ｆ is F, ŉ is ʼn). */
static int nfkd_keeps(int32_t c, kiji_script sc) {
  utf8proc_int32_t d[32];
  utf8proc_ssize_t n =
      utf8proc_decompose_char(c, d, 32, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, NULL);
  utf8proc_ssize_t i;
  for (i = 0; i < n; i++)
    if (kiji_script_of(d[i]) == sc) return 1;
  return 0;
}

/* The letters, marks and numbers of the ranges all four old copies called
** kana or kanji are kana or kanji still. */
static int was_kanji_kana(int32_t c) {
  static const int32_t r[][2] = {
      {0x3041, 0x3096}, {0x309D, 0x309F}, {0x30A1, 0x30FA}, {0x30FC, 0x30FF}, {0x31F0, 0x31FF},
      {0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}, {0xFF66, 0xFF9F}, {0x20000, 0x323AF}};
  size_t i;
  utf8proc_category_t gc = utf8proc_category(c);
  if (!(gc >= UTF8PROC_CATEGORY_LU && gc <= UTF8PROC_CATEGORY_NO)) return 0;
  for (i = 0; i < sizeof r / sizeof r[0]; i++)
    if (in(c, r[i][0], r[i][1])) return 1;
  return 0;
}

static int ascii_digit_form(int32_t c) {
  utf8proc_int32_t d[32];
  utf8proc_ssize_t n =
      utf8proc_decompose_char(c, d, 32, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, NULL);
  return n == 1 && d[0] >= '0' && d[0] <= '9';
}

static void scripts(tap *t) {
  size_t i;
  int32_t c, bad, first;
  long count[KIJI_SCRIPT_COUNT] = {0};
  const char *dir = getenv("UNIDATA") ? getenv("UNIDATA") : "/usr/share/unicode";
  char msg[1200];
  kiji_gen_ucd *ucd;

  for (i = 0, bad = 0; i < sizeof chosen / sizeof chosen[0]; i++)
    if (kiji_script_of(chosen[i].c) != chosen[i].sc) {
      printf("# U+%04X is %s, not %s\n", (unsigned)chosen[i].c,
             script_name[kiji_script_of(chosen[i].c)], script_name[chosen[i].sc]);
      bad++;
    }
  tap_ok(t, bad == 0, "script classes of %zu chosen code points (the old copies' disagreements)",
         sizeof chosen / sizeof chosen[0]);

  for (c = 0, bad = 0, first = -1; c < 0x110000; c++) {
    kiji_script sc = kiji_script_of(c);
    if (sc >= KIJI_SCRIPT_COUNT) sc = OTHER, bad++;
    count[sc]++;
    if ((sc == SPACE) != (kiji_rule_of(c) == KIJI_RULE_SPACE) || !category_fits(c, sc)) {
      if (first < 0) first = c;
      bad++;
    }
  }
  tap_ok(t, bad == 0, "every class fits utf8proc's category; space is norm's White_Space");
  if (bad) printf("# %d differ, first U+%04X\n", (int)bad, (unsigned)first);
  printf("# other %ld, space %ld, han %ld, katakana %ld, hiragana %ld, latin %ld, jpunct %ld\n",
         count[OTHER], count[SPACE], count[HAN], count[KATA], count[HIRA], count[LATIN],
         count[JPUNCT]);

  for (c = 0, bad = 0, first = -1; c < 0x110000; c++) {
    kiji_script sc = kiji_script_of(c);
    utf8proc_category_t gc = utf8proc_category(c);
    int ok = 1;
    /* (but for U+10781-10782, Latin modifier letters whose NFKD is a
    ** Common one, ː ˑ) */
    if (sc == HAN || sc == KATA || sc == HIRA || sc == LATIN)
      ok = nfkd_keeps(c, sc) || (sc == LATIN && gc == UTF8PROC_CATEGORY_LM);
    if (was_kanji_kana(c)) ok = ok && (sc == HAN || sc == KATA || sc == HIRA);
    if ((in(c, 0x3001, 0x303F) || in(c, 0xFF01, 0xFF65)) && gc != UTF8PROC_CATEGORY_CN)
      ok = ok && sc != OTHER;
    if (gc == UTF8PROC_CATEGORY_ND && ascii_digit_form(c)) ok = ok && sc == LATIN;
    if (c < 0x80 || in(c, 0xC0, 0x24F) || in(c, 0xFF21, 0xFF3A) || in(c, 0xFF41, 0xFF5A))
      ok = ok && (sc == LATIN) == (is_letter(gc) || gc == UTF8PROC_CATEGORY_ND);
    if (!ok) {
      if (first < 0) first = c;
      bad++;
    }
  }
  tap_ok(t, bad == 0,
         "classes survive NFKD, keep the old copies' common kana and kanji, cover U+3001-303F "
         "and U+FF01-FF65, and Latin");
  if (bad) printf("# %d differ, first U+%04X\n", (int)bad, (unsigned)first);

  /* the predicates, and the fast paths that skip what is below U+3000 */
  for (c = -1, bad = 0, first = -1; c <= 0x110000; c++) {
    kiji_script sc = kiji_script_of(c);
    int kk = sc == KATA || sc == HIRA || sc == HAN, ja = kk || sc == JPUNCT;
    int kana = (sc == KATA || sc == HIRA) && c != 0x30FB && c != 0xFF65; /* not ・ ･ */
    if (kiji_is_kana(c) != kana || kiji_is_kanji_kana(c) != kk || kiji_is_japanese(c) != ja ||
        (ja && (c < KIJI_SCRIPT_JA_FIRST || c < 0x3000 || c > 0x3FFFF))) {
      if (first < 0) first = c;
      bad++;
    }
  }
  tap_ok(t, bad == 0 && kiji_script_of(KIJI_SCRIPT_JA_FIRST) == JPUNCT,
         "kiji_is_kana, kiji_is_kanji_kana, kiji_is_japanese; none below U+%04X",
         (unsigned)KIJI_SCRIPT_JA_FIRST);

  ucd = kiji_gen_ucd_load(dir, msg, sizeof msg);
  if (ucd == NULL) {
    tap_ok(t, 1, "the generator's derivation # skip %s", msg);
    return;
  }
  for (c = 0, bad = 0, first = -1; c < 0x110000; c++)
    if (kiji_script_of(c) != kiji_gen_script(c, ucd)) {
      if (first < 0) first = c;
      bad++;
    }
  free(ucd);
  tap_ok(t, bad == 0, "table agrees with %s/Scripts.txt and the rest on all code points", dir);
  if (bad) printf("# %d differ, first U+%04X: run make tables\n", (int)bad, (unsigned)first);
}

/* The annotation rules read the same classes (plugin/annotate/ann_text.c). */
static void annotation(tap *t) {
  static const struct {
    int32_t c;
    ann_script sc;
  } ann[] = {{' ', SC_SPACE},   {0x3000, SC_SPACE}, {'a', SC_LATIN},     {0xFF21, SC_LATIN},
             {'.', SC_PUNCT},   {0x3B1, SC_PUNCT},  {0x3001, SC_PUNCT},  {0x3007, SC_HAN},
             {0x3006, SC_HAN},  {0x4E00, SC_HAN},   {0x20000, SC_HAN},   {0x323B0, SC_PUNCT},
             {0x3042, SC_HIRA}, {0x1B001, SC_HIRA}, {0x30A2, SC_KATA},   {0x30FB, SC_KATA},
             {0x30FC, SC_KATA}, {0xFF76, SC_KATA},  {0xFF9E, SC_KATA},   {0x3099, SC_KATA},
             {0x309B, SC_KATA}, {0x1B000, SC_KATA}, {0x10FFFF, SC_PUNCT}};
  static const char *const kata[] = {
      "\xEF\xBD\xB6\xEF\xBE\x9E",                                      /* ｶﾞ */
      "\xE3\x82\xAB\xE3\x82\x9B",                                      /* カ゛ */
      "\xE3\x82\xAB\xE3\x82\x99\xE3\x83\xBC",                          /* カ, U+3099, ー */
      "\xE3\x82\xB8\xE3\x83\xA7\xE3\x83\xB3\xE3\x83\xBB\xE3\x82\xB9"}; /* ジョン・ス */
  size_t i, bad = 0;
  for (i = 0; i < sizeof ann / sizeof ann[0]; i++)
    if (kiji_ann_script((uint32_t)ann[i].c) != ann[i].sc) {
      printf("# annotation: U+%04X is %d, not %d\n", (unsigned)ann[i].c,
             (int)kiji_ann_script((uint32_t)ann[i].c), (int)ann[i].sc);
      bad++;
    }
  tap_ok(t, bad == 0, "kiji_ann_script maps the classes");
  for (i = 0, bad = 0; i < 0x80; i++) { /* its ASCII ranges are the table's */
    kiji_script k = kiji_script_of((int32_t)i);
    ann_script want = k == KIJI_SCRIPT_SPACE                              ? SC_SPACE
                      : k == KIJI_SCRIPT_LATIN                            ? SC_LATIN
                      : k == KIJI_SCRIPT_OTHER || k == KIJI_SCRIPT_JPUNCT ? SC_PUNCT
                                                                          : SC_OTHER;
    if (kiji_ann_script((uint32_t)i) != want) {
      printf("# annotation: ASCII %u is %d, the table says %d\n", (unsigned)i,
             (int)kiji_ann_script((uint32_t)i), (int)want);
      bad++;
    }
  }
  for (i = 0x80; i < 0x100; i++) bad += kiji_ann_byte_script((unsigned char)i) != SC_OTHER;
  tap_ok(t, bad == 0, "kiji_ann_script reads ASCII as the table does, a byte above it as none");
  for (i = 0, bad = 0; i < sizeof kata / sizeof kata[0]; i++) {
    const unsigned char *s = (const unsigned char *)kata[i];
    size_t len = strlen(kata[i]);
    if (kiji_ann_run_fwd(s, 0, len, 1u << SC_KATA, 16) != len ||
        kiji_ann_run_back(s, 0, len, 1u << SC_KATA, 16) != 0 || !kiji_ann_has_japanese(s, 0, len))
      bad++;
  }
  tap_ok(t, bad == 0, "ｶﾞ, カ゛, カ U+3099 ー, ジョン・ス: one katakana run each");
  tap_ok(t,
         kiji_ann_has_japanese((const unsigned char *)"\xF0\x9B\x80\x81", 0, 4) &&  /* U+1B001 */
             kiji_ann_has_japanese((const unsigned char *)"a\xE3\x80\x87", 0, 4) && /* 〇 */
             !kiji_ann_has_japanese((const unsigned char *)"a\xE3\x80\x81 \xEF\xBC\x81", 0, 8),
         "kiji_ann_has_japanese: kana and kanji, not Japanese punctuation");
  {
    static const char far[] = "a sentence of more than thirty-two bytes: \xE3\x82\xAB";
    static const char none[] = "thirty-one bytes of ASCII text \xC3\xA9 and then some more";
    tap_ok(t,
           kiji_ann_has_japanese((const unsigned char *)far, 0, sizeof far - 1) &&
               !kiji_ann_has_japanese((const unsigned char *)none, 0, sizeof none - 1),
           "kiji_ann_has_japanese: a kana after 32 bytes of ASCII; an accent is none");
  }
  for (i = 1, bad = 0; i <= 12; i++) { /* a word of i letters read both ways, four at a step */
    unsigned char text[20] = "- abcdefghijkl -";
    ann_word w, v;
    size_t floor;
    text[2 + i] = ' ';
    bad += !kiji_ann_word_after(text, 1, sizeof text - 1, &w) || w.start != 2 || w.end != 2 + i;
    bad += !kiji_ann_word_before(text, 0, 3 + i, &v) || v.start != 2 || v.end != 2 + i;
    for (floor = 2; floor < 2 + i; floor++)
      bad += !kiji_ann_word_before(text, floor, 2 + i, &v) || v.start != floor;
    bad += kiji_ann_word_after(text, 1, 2, &w) != 0 || !kiji_ann_word_after(text, 1, 2 + i, &w) ||
           w.end != 2 + i;
  }
  tap_ok(t, bad == 0, "kiji_ann_word_after and _before: words of 1 to 12 letters, cut at bounds");
  for (i = 0x3001, bad = 0; i < 0x110000; i++) /* kiji_ann_skip_space stops at them inline */
    bad += kiji_ann_script((uint32_t)i) == SC_SPACE;
  tap_ok(t,
         bad == 0 &&
             kiji_ann_skip_space((const unsigned char *)" \xE3\x80\x80\xE3\x80\x81", 0, 7) == 4 &&
             kiji_ann_skip_space((const unsigned char *)"\xE3\x80\x80\xE3\x81", 0, 5) == 3,
         "no white space past U+3000: kiji_ann_skip_space stops at the next character");
}

int main(void) {
  tap t = {0, 0};
  unsigned char *second = kiji_gen_seconds();
  int32_t c, bad = 0, first = -1;
  for (c = 0; c < 0x110000 && second; c++) {
    if (kiji_unitab(c) != kiji_gen_flags(c, second)) {
      if (first < 0) first = c;
      bad++;
    }
  }
  free(second);
  tap_ok(&t, second != NULL && bad == 0, "table agrees with utf8proc on all code points");
  if (bad) printf("# %d differ, first U+%04X: run make tables\n", (int)bad, (unsigned)first);
  tap_ok(&t, strcmp(kiji_unicode_version(), utf8proc_unicode_version()) == 0, "Unicode version %s",
         kiji_unicode_version());
  /* the fast paths rely on every special character starting a segment */
  for (c = 0, bad = 0; c < 0x110000; c++)
    if ((kiji_unitab(c) & KIJI_U_SPECIAL) && !(kiji_unitab(c) & KIJI_U_BB_COMPAT)) bad++;
  tap_ok(&t, bad == 0, "every special character has a boundary before it");
  /* the byte-indexed table of three-byte characters says the same */
  for (c = 0x800, bad = 0; c < 0x10000; c++) {
    unsigned char u[3];
    unsigned want = KIJI_U_PASS_NFKC | KIJI_U_NOFOLD | KIJI_U_BB_COMPAT;
    int expect = (kiji_unitab(c) & (want | KIJI_U_SPECIAL)) == want && (c < 0xD800 || c > 0xDFFF);
    kiji_utf8_encode(c, u);
    if (kiji_unitab_match3_passes(u) != expect) bad++;
  }
  {
    static const unsigned char overlong[3] = {0xE0, 0x80, 0x80}, surrogate[3] = {0xED, 0xA0, 0x80};
    tap_ok(
        &t,
        bad == 0 && !kiji_unitab_match3_passes(overlong) && !kiji_unitab_match3_passes(surrogate),
        "the three-byte table agrees, and refuses ill-formed bytes");
  }
  scripts(&t);
  annotation(&t);
  return tap_done(&t);
}
