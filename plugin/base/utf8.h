/*
** utf8.h -- strict UTF-8 decoding (Unicode 15, table 3-7).
**
** An ill-formed sequence is reported as its "maximal subpart" (Unicode
** 3.9, U+FFFD substitution best practice, as ICU and WHATWG do): the
** longest prefix of a well-formed sequence, or one byte.
*/
#ifndef KIJI_UTF8_H
#define KIJI_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define KIJI_UTF8_INVALID (-1)

/*
** Decode the character at s[0..n), n >= 1. Returns the code point, or
** KIJI_UTF8_INVALID; *len receives the bytes consumed (>= 1).
*/
static inline int32_t kiji_utf8_decode(const unsigned char *s, size_t n, size_t *len) {
  unsigned b = s[0], lo = 0x80, hi = 0xBF;
  size_t need, i;
  int32_t c;
  if (b < 0x80) {
    *len = 1;
    return (int32_t)b;
  }
  /* three bytes with no range restriction on the second (kana, kanji) */
  if (b - 0xE1u <= 0xEu && b != 0xED && n >= 3 && ((s[1] ^ 0x80u) | (s[2] ^ 0x80u)) < 0x40) {
    *len = 3;
    return (int32_t)((b & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3Fu));
  }
  if (b < 0xC2 || b > 0xF4) {
    *len = 1;
    return KIJI_UTF8_INVALID;
  }
  if (b < 0xE0) {
    need = 1;
    c = (int32_t)(b & 0x1F);
  } else if (b < 0xF0) {
    need = 2;
    c = (int32_t)(b & 0x0F);
    if (b == 0xE0)
      lo = 0xA0;
    else if (b == 0xED)
      hi = 0x9F;
  } else {
    need = 3;
    c = (int32_t)(b & 0x07);
    if (b == 0xF0)
      lo = 0x90;
    else if (b == 0xF4)
      hi = 0x8F;
  }
  for (i = 1; i <= need; i++) {
    unsigned t;
    if (i >= n) {
      *len = i;
      return KIJI_UTF8_INVALID;
    }
    t = s[i];
    if (t < lo || t > hi) {
      *len = i;
      return KIJI_UTF8_INVALID;
    }
    lo = 0x80;
    hi = 0xBF;
    c = (c << 6) | (int32_t)(t & 0x3F);
  }
  *len = need + 1;
  return c;
}

/* Encode c (a valid scalar value) into d; returns the bytes written. */
static inline size_t kiji_utf8_encode(int32_t c, unsigned char *d) {
  if (c < 0x80) {
    d[0] = (unsigned char)c;
    return 1;
  }
  if (c < 0x800) {
    d[0] = (unsigned char)(0xC0 | (c >> 6));
    d[1] = (unsigned char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    d[0] = (unsigned char)(0xE0 | (c >> 12));
    d[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    d[2] = (unsigned char)(0x80 | (c & 0x3F));
    return 3;
  }
  d[0] = (unsigned char)(0xF0 | (c >> 18));
  d[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
  d[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
  d[3] = (unsigned char)(0x80 | (c & 0x3F));
  return 4;
}

static inline int kiji_utf8_is_cont(unsigned char b) { return (b & 0xC0) == 0x80; }

#endif
