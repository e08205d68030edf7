/*
** script.h -- the one answer to "is this character Japanese?": a script
** class per code point, generated with the other Unicode tables
** (unitab_data.c, `make tables`, from Scripts.txt, ScriptExtensions.txt
** and PropList.txt of the Unicode version utf8proc implements; see
** plugin/gen/unitab_flags.h, kiji_gen_script). Normalization, segmentation,
** dictionaries and annotation all ask here.
**
** The classes, first match wins:
**   SPACE     White_Space (PropList.txt): exactly the code points of
**             norm_rules.c's KIJI_RULE_SPACE.
**   HAN       Script=Han letters and numbers (Lo, Lm, Nl, Mc): kanji,
**             compatibility ideographs, 々 U+3005, 〇 U+3007 (Han, Nl:
**             the kanji zero of 二〇二四), 〻 U+303B, the Hangzhou numerals;
**             and 〆 U+3006, Script=Common whose Script_Extensions are Han
**             alone. Han symbols are not: the radicals (U+2E80-2FD5, So)
**             and U+16FE2 (Po) are OTHER. Only assigned code points: the
**             upper bound is that of the table's Unicode version (U+323AF
**             in 15.0), not a guessed 0x3FFFF.
**   KATAKANA  Script=Katakana letters (half-width U+FF66-FF9D, U+31F0-31FF,
**             U+1B000, U+1B120-1B122, U+1B155, U+1B164-1B167, U+1AFF0-1AFFE;
**             not the circled and squared katakana, So), and:
**             - the Common and Inherited characters whose Script_Extensions
**               are Hiragana and Katakana alone, the marks both kana share,
**               but for the hyphen ゠ U+30A0 (JPUNCT, as ＝ that news
**               writes in its place): ー U+30FC, ｰ U+FF70, the voiced and
**               semi-voiced sound marks U+3099-309C and ﾞ ﾟ U+FF9E-FF9F,
**               the vertical kana repeat marks U+3031-3035. Katakana, not
**               hiragana, so that a katakana word read per character stays
**               one run: ｶﾞ, カ゛, カ゛ー; no caller scans hiragana runs.
**             - the middle dots ・ U+30FB and ･ U+FF65 (Common, Po, shared
**               with Han, Hangul, Yi...): in Japanese they join the parts
**               of a name written in katakana (ドナルド・トランプ). They are
**               no syllable, though: kiji_is_kana leaves them out.
**   HIRAGANA  Script=Hiragana letters: U+3041-3096, ゝ ゞ ゟ U+309D-309F,
**             U+1B001-1B11F, U+1B132, U+1B150-1B152 (not 🈀 U+1F200, So).
**   LATIN     Script=Latin letters and letter numbers (L*, Nl: Ⅻ), full
**             width included, and the decimal digits of Script=Common
**             (ASCII, full-width, mathematical, segmented).
**   JPUNCT    what is left of U+3001-303F (CJK symbols and punctuation:
**             、。「」〜〒〼…), ゠ U+30A0, what is left of the full-width
**             forms U+FF01-FF60 (！（）＋～…: punctuation and symbols) and
**             the half-width punctuation U+FF61-FF64.
**   OTHER     everything else, unassigned code points included.
*/
#ifndef KIJI_SCRIPT_H
#define KIJI_SCRIPT_H

#include <stdint.h>

#include "unitab.h"

typedef enum kiji_script {
  KIJI_SCRIPT_OTHER = 0,
  KIJI_SCRIPT_SPACE,
  KIJI_SCRIPT_HAN,
  KIJI_SCRIPT_KATAKANA,
  KIJI_SCRIPT_HIRAGANA,
  KIJI_SCRIPT_LATIN,
  KIJI_SCRIPT_JPUNCT,
  KIJI_SCRIPT_COUNT
} kiji_script;

/* Sets of classes, as bits 1 << class. */
#define KIJI_SCRIPTS_KANA ((1u << KIJI_SCRIPT_KATAKANA) | (1u << KIJI_SCRIPT_HIRAGANA))
#define KIJI_SCRIPTS_KANJI_KANA (KIJI_SCRIPTS_KANA | (1u << KIJI_SCRIPT_HAN))
#define KIJI_SCRIPTS_JAPANESE (KIJI_SCRIPTS_KANJI_KANA | (1u << KIJI_SCRIPT_JPUNCT))

/* No code point below this one is han, kana or Japanese punctuation (the
** first is 、 U+3001; test_unitab checks): the predicates below, and
** scanners that skip bytes below 0xE3 (U+3000), may stop early. */
#define KIJI_SCRIPT_JA_FIRST 0x3001

/* The class of c; OTHER for anything outside 0..0x10FFFF (-1 included). */
static inline kiji_script kiji_script_of(int32_t c) {
  if ((uint32_t)c >= 0x110000u) return KIJI_SCRIPT_OTHER;
  return (kiji_script)kiji_unitab_script[(size_t)kiji_unitab_stage1[c >> 8] * KIJI_UNITAB_BLOCK +
                                         (size_t)(c & 0xFF)];
}

/* Whether c's class is in the set (bits 1 << class). */
static inline int kiji_script_in(int32_t c, unsigned set) {
  return (int)((set >> kiji_script_of(c)) & 1u);
}

/* Kana: a katakana or hiragana letter or a mark of one (ー, ゛ ゜, ﾞ ﾟ, 〱),
** what a prolonged sound mark may lengthen (norm.c); not the middle dots
** ・ ･ that the KATAKANA class holds. */
static inline int kiji_is_kana(int32_t c) {
  return c >= KIJI_SCRIPT_JA_FIRST && kiji_script_in(c, KIJI_SCRIPTS_KANA) && c != 0x30FB &&
         c != 0xFF65;
}

/* Kanji or kana: HAN, KATAKANA or HIRAGANA (the middle dots included). */
static inline int kiji_is_kanji_kana(int32_t c) {
  return c >= KIJI_SCRIPT_JA_FIRST && kiji_script_in(c, KIJI_SCRIPTS_KANJI_KANA);
}

/* Kanji, kana or Japanese punctuation (a space between two is dropped). */
static inline int kiji_is_japanese(int32_t c) {
  return c >= KIJI_SCRIPT_JA_FIRST && kiji_script_in(c, KIJI_SCRIPTS_JAPANESE);
}

#endif
