/*
** ann_text.h -- reading the view (the match form) around a candidate:
** characters by script (Japanese rules) and Latin words (English rules).
** Every
** function stays inside [floor, limit) and returns byte offsets on
** character boundaries of it.
*/
#ifndef KIJI_ANN_TEXT_H
#define KIJI_ANN_TEXT_H

#include "base/internal.h"
#include "base/script.h"
#include "base/utf8.h"

typedef enum ann_script {
  SC_OTHER = 0,
  SC_SPACE, /* white space, ASCII or ideographic */
  SC_HAN,   /* kanji, 々 〆 */
  SC_KATA,  /* katakana, ー, ・ */
  SC_HIRA,
  SC_LATIN, /* Latin letters and digits, ASCII or not */
  SC_PUNCT  /* everything else */
} ann_script;

/* The scripts of a Japanese name: kanji and katakana runs. */
#define SC_NAME_JA ((1u << SC_HAN) | (1u << SC_KATA))

/* The code point at i (i < limit) and its length; U+FFFD for bad bytes.
** (Inline, as kiji_ann_script: the rules read the view a character at a
** time, and a call per character was a tenth of their cost.) */
static inline uint32_t kiji_ann_cp(const unsigned char *s, size_t i, size_t limit, size_t *len) {
  int32_t c = kiji_utf8_decode(s + i, limit - i, len);
  if (c < 0) {
    *len = 1;
    return 0xFFFD;
  }
  return (uint32_t)c;
}
/* The code point ending at i and where it starts; 0 (and i) when
** i <= floor. ASCII and a well-formed kana or kanji (three bytes) inline,
** the rest by kiji_ann_cp_before_slow. */
KIJI_HIDDEN uint32_t kiji_ann_cp_before_slow(const unsigned char *s, size_t floor, size_t i,
                                             size_t *start);
static inline uint32_t kiji_ann_cp_before(const unsigned char *s, size_t floor, size_t i,
                                          size_t *start) {
  if (i > floor && s[i - 1] < 0x80) {
    *start = i - 1;
    return s[i - 1];
  }
  if (i >= floor + 3 && (s[i - 3] & 0xF0) == 0xE0 &&
      ((s[i - 2] ^ 0x80u) | (s[i - 1] ^ 0x80u)) < 0x40 && s[i - 3] != 0xE0 && s[i - 3] != 0xED) {
    *start = i - 3; /* a kana or a kanji (E0 and ED have ranges of their own: slow) */
    return (uint32_t)(s[i - 3] & 0x0F) << 12 | (uint32_t)(s[i - 2] & 0x3F) << 6 |
           (s[i - 1] & 0x3Fu);
  }
  return kiji_ann_cp_before_slow(s, floor, i, start);
}
/* The class of a byte read as a character: ASCII by a table of its own,
** as base/script.h has them (test_unitab checks); SC_OTHER for a byte of
** a longer one, which no scan of ASCII takes (one test a byte: the rules
** ask about every byte of every word they read). */
static inline ann_script kiji_ann_byte_script(unsigned char b) {
#define SC_L SC_LATIN
#define SC_S SC_SPACE
#define SC_P SC_PUNCT
  static const unsigned char ascii[256] = {
      SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_S, SC_S, SC_S, SC_S, SC_S, SC_P,
      SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P,
      SC_P, SC_P, SC_S, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P,
      SC_P, SC_P, SC_P, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_P, SC_P,
      SC_P, SC_P, SC_P, SC_P, SC_P, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L,
      SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L,
      SC_L, SC_P, SC_P, SC_P, SC_P, SC_P, SC_P, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L,
      SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L, SC_L,
      SC_L, SC_L, SC_L, SC_P, SC_P, SC_P, SC_P, SC_P}; /* (the rest: SC_OTHER) */
#undef SC_L
#undef SC_S
#undef SC_P
  return (ann_script)ascii[b];
}
/* base/script.h's classes; OTHER reads as punctuation. Its katakana
** holds ー, ・ and the voiced and semi-voiced sound marks (U+3099-309C,
** ﾞ ﾟ), so that ｶﾞ or カ゛ read per character stays one katakana run. */
static inline ann_script kiji_ann_script(uint32_t c) {
  static const unsigned char sc[KIJI_SCRIPT_COUNT] = {
      [KIJI_SCRIPT_OTHER] = SC_PUNCT,   [KIJI_SCRIPT_SPACE] = SC_SPACE,
      [KIJI_SCRIPT_HAN] = SC_HAN,       [KIJI_SCRIPT_KATAKANA] = SC_KATA,
      [KIJI_SCRIPT_HIRAGANA] = SC_HIRA, [KIJI_SCRIPT_LATIN] = SC_LATIN,
      [KIJI_SCRIPT_JPUNCT] = SC_PUNCT};
  if (c < 0x80) return kiji_ann_byte_script((unsigned char)c);
  return (ann_script)sc[kiji_script_of(c <= 0x10FFFF ? (int32_t)c : -1)];
}
/* Whether [start, end) holds kana or kanji. */
KIJI_HIDDEN int kiji_ann_has_japanese(const unsigned char *s, size_t start, size_t end);
/* Whether s[0, len) has a byte of E3 or more: without one no part of it
** holds a kanji or kana, so no sentence need be asked (a whole view at
** once, before its sentences). */
KIJI_HIDDEN int kiji_ann_may_be_japanese(const unsigned char *s, size_t len);

/* Where a run of characters of the given scripts (a bit set of 1 << sc)
** that ends at i starts, at most max characters back. */
KIJI_HIDDEN size_t kiji_ann_run_back(const unsigned char *s, size_t floor, size_t i,
                                     unsigned scripts, size_t max);
/* Where such a run that starts at i ends. */
KIJI_HIDDEN size_t kiji_ann_run_fwd(const unsigned char *s, size_t i, size_t limit,
                                    unsigned scripts, size_t max);
/* i moved back / forward over white space: ASCII inline (the view's one
** space between words), the rest by the run; forward, a character past
** U+3000 (E3 80 80), the last space, inline too: a kana, a kanji or a
** Japanese mark (test_unitab checks there is no space past it). */
static inline size_t kiji_ann_skip_space_back(const unsigned char *s, size_t floor, size_t i) {
  while (i > floor && kiji_ann_byte_script(s[i - 1]) == SC_SPACE) i--;
  if (i <= floor || s[i - 1] < 0x80) return i;
  return kiji_ann_run_back(s, floor, i, 1u << SC_SPACE, (size_t)-1);
}
static inline size_t kiji_ann_skip_space(const unsigned char *s, size_t i, size_t limit) {
  while (i < limit && kiji_ann_byte_script(s[i]) == SC_SPACE) i++;
  if (i >= limit || s[i] < 0x80) return i;
  if (s[i] > 0xE3 || (s[i] == 0xE3 && limit - i > 2 && (s[i + 1] | s[i + 2]) != 0x80)) return i;
  return kiji_ann_run_fwd(s, i, limit, 1u << SC_SPACE, (size_t)-1);
}

/* A Latin word: letters, digits, inner ' ’ - and . (U.S., initials). */
typedef struct ann_word {
  size_t start, end;
} ann_word;

/* Inner characters of a word: apostrophes, hyphens and dots between letters. */
static inline int kiji_ann_inner(unsigned char b) { return b == '\'' || b == '-' || b == '.'; }
/* Whether byte b is an ASCII letter or digit. */
static inline int kiji_ann_ascii_letter(unsigned char b) {
  return kiji_ann_byte_script(b) == SC_LATIN;
}
/* The end of the ASCII letters and digits from i (the view is folded:
** most words are all of them): four a step while four bytes are left,
** one test of the bound for four bytes. */
static inline size_t kiji_ann_ascii_letters(const unsigned char *s, size_t i, size_t limit) {
  for (; limit - i >= 4; i += 4) {
    if (!kiji_ann_ascii_letter(s[i])) return i;
    if (!kiji_ann_ascii_letter(s[i + 1])) return i + 1;
    if (!kiji_ann_ascii_letter(s[i + 2])) return i + 2;
    if (!kiji_ann_ascii_letter(s[i + 3])) return i + 3;
  }
  while (i < limit && kiji_ann_ascii_letter(s[i])) i++;
  return i;
}
/* Where the ASCII letters and digits that end at i start, likewise. */
static inline size_t kiji_ann_ascii_letters_back(const unsigned char *s, size_t floor, size_t i) {
  for (; i - floor >= 4; i -= 4) {
    if (!kiji_ann_ascii_letter(s[i - 1])) return i;
    if (!kiji_ann_ascii_letter(s[i - 2])) return i - 1;
    if (!kiji_ann_ascii_letter(s[i - 3])) return i - 2;
    if (!kiji_ann_ascii_letter(s[i - 4])) return i - 3;
  }
  while (i > floor && kiji_ann_ascii_letter(s[i - 1])) i--;
  return i;
}
/* kiji_ann_word_after and _before past a space or at a letter beyond
** ASCII (far), or on past the ASCII letters of a word that goes on
** (slow): ann_text.c. */
KIJI_HIDDEN int kiji_ann_word_after_far(const unsigned char *s, size_t i, size_t limit,
                                        ann_word *w);
KIJI_HIDDEN int kiji_ann_word_after_slow(const unsigned char *s, size_t i, size_t limit,
                                         ann_word *w);
KIJI_HIDDEN int kiji_ann_word_before_far(const unsigned char *s, size_t floor, size_t i,
                                         ann_word *w);
KIJI_HIDDEN int kiji_ann_word_before_slow(const unsigned char *s, size_t floor, size_t i,
                                          ann_word *w);
/* The word after i (after white space only), or 0. The ASCII word, most
** of the folded view's, inline: the rules ask some 170 times a text,
** and the call cost a sixth of the answer; the rest by a call. */
static inline int kiji_ann_word_after(const unsigned char *s, size_t i, size_t limit, ann_word *w) {
  while (i < limit && kiji_ann_byte_script(s[i]) == SC_SPACE) i++;
  if (i >= limit) return 0;
  if (s[i] >= 0x80) return kiji_ann_word_after_far(s, i, limit, w);
  if (kiji_ann_byte_script(s[i]) != SC_LATIN) return 0;
  w->start = i;
  i = kiji_ann_ascii_letters(s, i + 1, limit);
  if (i == limit || (s[i] < 0x80 && !kiji_ann_inner(s[i]))) {
    w->end = i; /* a mark or a space ends it */
    return 1;
  }
  return kiji_ann_word_after_slow(s, i, limit, w);
}
/* The word before i (before white space only), or 0. Always inline: the
** compiler kept a copy out of line in each file, and the call cost a
** fifth of the word (subject searches read word after word back from a
** cue; word_after gains nothing so). */
#if defined(__GNUC__)
#define ANN_ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define ANN_ALWAYS_INLINE inline
#endif
static ANN_ALWAYS_INLINE int kiji_ann_word_before(const unsigned char *s, size_t floor, size_t i,
                                                  ann_word *w) {
  size_t end;
  while (i > floor && kiji_ann_byte_script(s[i - 1]) == SC_SPACE) i--;
  if (i <= floor) return 0;
  if (s[i - 1] >= 0x80) return kiji_ann_word_before_far(s, floor, i, w);
  w->end = end = i;
  i = kiji_ann_ascii_letters_back(s, floor, i);
  if (i > floor && (s[i - 1] >= 0x80 || kiji_ann_inner(s[i - 1])))
    return kiji_ann_word_before_slow(s, floor, i, w); /* another alphabet's letter, an inner mark */
  if (i == end) return 0;
  w->start = i;
  return 1;
}
/* end less a possessive 's that ends [start, end) (the view has one
** apostrophe). */
static inline size_t kiji_ann_strip_possessive(const unsigned char *s, size_t start, size_t end) {
  return end - start > 2 && s[end - 2] == '\'' && s[end - 1] == 's' ? end - 2 : end;
}

#endif
