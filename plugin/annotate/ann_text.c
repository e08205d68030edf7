/*
** ann_text.c -- characters and Latin words of the view (the match form:
** annotate.c), for the rules. Bad bytes read as U+FFFD, one byte each, so a scan always moves.
*/
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ann_text.h"
#include "base/script.h"
#include "base/utf8.h"

uint32_t kiji_ann_cp_before_slow(const unsigned char *s, size_t floor, size_t i, size_t *start) {
  size_t j = i - 1, l;
  uint32_t c;
  int32_t k;
  if (i <= floor) { /* nothing before: no character (callers may ask at the start) */
    *start = i;
    return 0;
  }
  if (i - floor >= 3 && (s[i - 3] & 0xF0) == 0xE0 &&
      (k = kiji_utf8_decode(s + i - 3, 3, &l)) >= 0 && l == 3) {
    *start = i - 3; /* a kana or a kanji: the walk back would stop there too */
    return (uint32_t)k;
  }
  while (j > floor && i - j < 4 && kiji_utf8_is_cont(s[j])) j--;
  c = kiji_ann_cp(s, j, i, &l);
  if (j + l != i) { /* not one well-formed character: step one byte */
    *start = i - 1;
    return 0xFFFD;
  }
  *start = j;
  return c;
}

/* Sixteen bytes a test with SSE2 (E2 less the byte saturates to 0),
** else eight (its high bit, and its low seven bits plus 0x1D carry into
** bit 7). */
int kiji_ann_may_be_japanese(const unsigned char *s, size_t len) {
  size_t i = 0;
#if defined(__SSE2__)
  for (; i + 16 <= len; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    if (_mm_movemask_epi8(
            _mm_cmpeq_epi8(_mm_subs_epu8(_mm_set1_epi8((char)0xE2), x), _mm_setzero_si128())) != 0)
      return 1;
  }
#endif
  for (; i + 8 <= len; i += 8) {
    uint64_t x;
    memcpy(&x, s + i, 8);
    if (x & ((x & UINT64_C(0x7F7F7F7F7F7F7F7F)) + UINT64_C(0x1D1D1D1D1D1D1D1D)) &
        UINT64_C(0x8080808080808080))
      return 1;
  }
  for (; i < len; i++)
    if (s[i] >= 0xE3) return 1;
  return 0;
}

int kiji_ann_has_japanese(const unsigned char *s, size_t start, size_t end) {
  size_t i = start, l;
  while (end - i >= 32) { /* 32 bytes of ASCII at once, up to the first other byte */
    uint64_t x0, x1, x2, x3;
    memcpy(&x0, s + i, 8);
    memcpy(&x1, s + i + 8, 8);
    memcpy(&x2, s + i + 16, 8);
    memcpy(&x3, s + i + 24, 8);
    if (((x0 | x1 | x2 | x3) & UINT64_C(0x8080808080808080)) != 0) break;
    i += 32;
  }
  while (i < end) {
    uint64_t x;
    if (i + 8 <= end) { /* eight bytes at once past those with no byte >= E0 */
      memcpy(&x, s + i, 8);
      if ((x & (x << 1) & (x << 2) & UINT64_C(0x8080808080808080)) == 0) {
        i += 8;
        continue;
      }
    }
    if (s[i] < 0xE3) { /* below U+3000: no kanji, no kana (KIJI_SCRIPT_JA_FIRST) */
      i++;
      continue;
    }
    if (kiji_is_kanji_kana((int32_t)kiji_ann_cp(s, i, end, &l))) return 1;
    i += l;
  }
  return 0;
}

size_t kiji_ann_run_back(const unsigned char *s, size_t floor, size_t i, unsigned scripts,
                         size_t max) {
  size_t n = 0, j;
  while (i > floor && n < max) {
    uint32_t c = kiji_ann_cp_before(s, floor, i, &j);
    if (!(scripts & (1u << kiji_ann_script(c)))) break;
    i = j;
    n++;
  }
  return i;
}

size_t kiji_ann_run_fwd(const unsigned char *s, size_t i, size_t limit, unsigned scripts,
                        size_t max) {
  size_t n = 0, l;
  while (i < limit && n < max) {
    uint32_t c = kiji_ann_cp(s, i, limit, &l);
    if (!(scripts & (1u << kiji_ann_script(c)))) break;
    i += l;
    n++;
  }
  return i;
}

/* kiji_ann_inner for a character. */
static int inner(uint32_t c) { return c < 0x80 && kiji_ann_inner((unsigned char)c); }

static int letter_at(const unsigned char *s, size_t i, size_t limit) {
  size_t l;
  return i < limit && kiji_ann_script(kiji_ann_cp(s, i, limit, &l)) == SC_LATIN;
}

/* The rest of a word from i that goes on past ASCII letters (a letter
** of another alphabet, an inner mark), its start w->start. */
int kiji_ann_word_after_slow(const unsigned char *s, size_t i, size_t limit, ann_word *w) {
  size_t l;
  while (i < limit) {
    uint32_t c;
    size_t e = kiji_ann_ascii_letters(s, i, limit);
    if (e > i) {
      i = e;
      continue;
    }
    c = kiji_ann_cp(s, i, limit, &l);
    if (kiji_ann_script(c) == SC_LATIN)
      i += l;
    else if (inner(c) && letter_at(s, i + l, limit))
      i += l;
    else if (c == '.' && i - w->start == 1) /* an initial: "M." */
      i += l;
    else
      break;
  }
  w->end = i;
  return 1;
}

/* kiji_ann_word_after past a space that is no ASCII, or at a letter
** that is none. */
int kiji_ann_word_after_far(const unsigned char *s, size_t i, size_t limit, ann_word *w) {
  i = kiji_ann_skip_space(s, i, limit);
  if (i < limit && s[i] < 0x80) {
    if (kiji_ann_script(s[i]) != SC_LATIN) return 0;
    w->start = i;
    return kiji_ann_word_after_slow(s, i, limit, w);
  }
  if (!letter_at(s, i, limit)) return 0;
  w->start = i;
  return kiji_ann_word_after_slow(s, i, limit, w);
}

/* The rest of a word that ends at w->end, back from i past ASCII
** letters. */
int kiji_ann_word_before_slow(const unsigned char *s, size_t floor, size_t i, ann_word *w) {
  size_t j;
  while (i > floor) {
    uint32_t c;
    if (s[i - 1] < 0x80) {
      if (kiji_ann_script(s[i - 1]) == SC_LATIN) {
        i--;
        continue;
      }
      if (!inner(s[i - 1])) break; /* a mark or a space before it */
    }
    c = kiji_ann_cp_before(s, floor, i, &j);
    if (kiji_ann_script(c) == SC_LATIN)
      i = j;
    else if (inner(c) && i != w->end && j > floor && letter_at(s, j - 1, j))
      i = j;
    else
      break;
  }
  if (i == w->end) return 0;
  w->start = i;
  return 1;
}

/* kiji_ann_word_before past a space that is no ASCII. */
int kiji_ann_word_before_far(const unsigned char *s, size_t floor, size_t i, ann_word *w) {
  i = kiji_ann_skip_space_back(s, floor, i);
  if (i <= floor) return 0;
  w->end = i;
  return kiji_ann_word_before_slow(s, floor, i, w);
}
