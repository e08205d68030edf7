/*
** json_check.h -- a small strict JSON validator for the fuzz targets
** (header only, no dependencies beyond libc; every function is static
** inline so a target that uses only some of them builds without warnings).
**
**   json_check(s, n)      1 when s[0..n) is exactly one JSON value (RFC 8259)
**                         in well-formed UTF-8, optionally surrounded by
**                         JSON white space; 0 otherwise.
**   json_utf8_first_invalid(s, n)
**                         the offset of the first byte of s[0..n) that does
**                         not start a well-formed UTF-8 character, or n.
**
** Strict means: objects with string keys, arrays, strings, numbers, true,
** false and null and nothing else (no comments, no trailing commas, no
** leading zeros, no "+1", ".5", "1.", NaN or Infinity); strings hold no raw
** control characters (< 0x20, NUL included) and only the escapes \" \\ \/
** \b \f \n \r \t \uXXXX; a \uXXXX escape of a surrogate must be a high one
** followed at once by an escaped low one (RFC 8259 leaves lone surrogates
** to the reader; a writer of UTF-8 never needs them); raw non-ASCII bytes
** must be well-formed UTF-8 (Unicode table 3-7: no overlong forms, no
** surrogates, nothing above U+10FFFF, no truncated sequences). Nesting
** deeper than JSON_CHECK_MAX_DEPTH is refused rather than recursed into.
** Duplicate keys are not looked for.
*/
#ifndef KIJI_FUZZ_JSON_CHECK_H
#define KIJI_FUZZ_JSON_CHECK_H

#include <stddef.h>
#include <stdint.h>

#define JSON_CHECK_MAX_DEPTH 64

/* The length of the well-formed UTF-8 character at s[0..n), or 0. */
static inline size_t json_utf8_char(const unsigned char *s, size_t n) {
  static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
  unsigned b = s[0];
  size_t k, i;
  uint32_t c;
  if (b < 0x80) return 1;
  if ((b & 0xE0) == 0xC0) {
    k = 2;
    c = b & 0x1Fu;
  } else if ((b & 0xF0) == 0xE0) {
    k = 3;
    c = b & 0x0Fu;
  } else if ((b & 0xF8) == 0xF0) {
    k = 4;
    c = b & 0x07u;
  } else
    return 0;
  if (n < k) return 0;
  for (i = 1; i < k; i++) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    c = c << 6 | (s[i] & 0x3Fu);
  }
  if (c < min[k] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  return k;
}

static inline size_t json_utf8_first_invalid(const unsigned char *s, size_t n) {
  size_t p = 0, k;
  while (p < n) {
    if ((k = json_utf8_char(s + p, n - p)) == 0) return p;
    p += k;
  }
  return n;
}

typedef struct json_cursor {
  const unsigned char *s;
  size_t n, p;
} json_cursor;

static inline void json_ws(json_cursor *c) {
  while (c->p < c->n &&
         (c->s[c->p] == ' ' || c->s[c->p] == '\t' || c->s[c->p] == '\n' || c->s[c->p] == '\r'))
    c->p++;
}

/* The literal word at the cursor. */
static inline int json_word(json_cursor *c, const char *w) {
  size_t i;
  for (i = 0; w[i]; i++)
    if (c->p + i >= c->n || c->s[c->p + i] != (unsigned char)w[i]) return 0;
  c->p += i;
  return 1;
}

/* Four hex digits at the cursor into *v. */
static inline int json_hex4(json_cursor *c, unsigned *v) {
  size_t i;
  *v = 0;
  if (c->n - c->p < 4) return 0;
  for (i = 0; i < 4; i++) {
    unsigned char h = c->s[c->p + i];
    unsigned d;
    if (h >= '0' && h <= '9')
      d = h - '0';
    else if (h >= 'a' && h <= 'f')
      d = h - 'a' + 10u;
    else if (h >= 'A' && h <= 'F')
      d = h - 'A' + 10u;
    else
      return 0;
    *v = *v << 4 | d;
  }
  c->p += 4;
  return 1;
}

/* A string; the cursor is on its opening quote. */
static inline int json_string(json_cursor *c) {
  if (c->p >= c->n || c->s[c->p] != '"') return 0;
  c->p++;
  while (c->p < c->n) {
    unsigned char b = c->s[c->p];
    if (b == '"') {
      c->p++;
      return 1;
    }
    if (b < 0x20) return 0;
    if (b == '\\') {
      unsigned u, lo;
      if (++c->p >= c->n) return 0;
      b = c->s[c->p++];
      switch (b) {
        case '"':
        case '\\':
        case '/':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't': break;
        case 'u':
          if (!json_hex4(c, &u)) return 0;
          if (u >= 0xDC00 && u <= 0xDFFF) return 0; /* a lone low surrogate */
          if (u >= 0xD800 && u <= 0xDBFF) {         /* a high one needs its low one */
            if (c->n - c->p < 2 || c->s[c->p] != '\\' || c->s[c->p + 1] != 'u') return 0;
            c->p += 2;
            if (!json_hex4(c, &lo) || lo < 0xDC00 || lo > 0xDFFF) return 0;
          }
          break;
        default: return 0;
      }
      continue;
    }
    if (b >= 0x80) {
      size_t k = json_utf8_char(c->s + c->p, c->n - c->p);
      if (k == 0) return 0;
      c->p += k;
      continue;
    }
    c->p++;
  }
  return 0; /* unterminated */
}

static inline int json_digits(json_cursor *c) {
  size_t start = c->p;
  while (c->p < c->n && c->s[c->p] >= '0' && c->s[c->p] <= '9') c->p++;
  return c->p > start;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static inline int json_number(json_cursor *c) {
  if (c->p < c->n && c->s[c->p] == '-') c->p++;
  if (c->p >= c->n) return 0;
  if (c->s[c->p] == '0')
    c->p++;
  else if (c->s[c->p] >= '1' && c->s[c->p] <= '9')
    (void)json_digits(c);
  else
    return 0;
  if (c->p < c->n && c->s[c->p] == '.') {
    c->p++;
    if (!json_digits(c)) return 0;
  }
  if (c->p < c->n && (c->s[c->p] == 'e' || c->s[c->p] == 'E')) {
    c->p++;
    if (c->p < c->n && (c->s[c->p] == '+' || c->s[c->p] == '-')) c->p++;
    if (!json_digits(c)) return 0;
  }
  return 1;
}

/* One value with the white space around it. */
static inline int json_value(json_cursor *c, int depth) {
  int ok = 0;
  json_ws(c);
  if (c->p >= c->n) return 0;
  switch (c->s[c->p]) {
    case '{':
      if (depth >= JSON_CHECK_MAX_DEPTH) return 0;
      c->p++;
      json_ws(c);
      if (c->p < c->n && c->s[c->p] == '}') {
        c->p++;
        ok = 1;
        break;
      }
      for (;;) {
        json_ws(c);
        if (!json_string(c)) return 0;
        json_ws(c);
        if (c->p >= c->n || c->s[c->p] != ':') return 0;
        c->p++;
        if (!json_value(c, depth + 1)) return 0;
        if (c->p >= c->n) return 0;
        if (c->s[c->p] == ',') {
          c->p++;
          continue;
        }
        if (c->s[c->p] == '}') {
          c->p++;
          ok = 1;
          break;
        }
        return 0;
      }
      break;
    case '[':
      if (depth >= JSON_CHECK_MAX_DEPTH) return 0;
      c->p++;
      json_ws(c);
      if (c->p < c->n && c->s[c->p] == ']') {
        c->p++;
        ok = 1;
        break;
      }
      for (;;) {
        if (!json_value(c, depth + 1)) return 0;
        if (c->p >= c->n) return 0;
        if (c->s[c->p] == ',') {
          c->p++;
          continue;
        }
        if (c->s[c->p] == ']') {
          c->p++;
          ok = 1;
          break;
        }
        return 0;
      }
      break;
    case '"': ok = json_string(c); break;
    case 't': ok = json_word(c, "true"); break;
    case 'f': ok = json_word(c, "false"); break;
    case 'n': ok = json_word(c, "null"); break;
    default: ok = json_number(c); break;
  }
  if (ok) json_ws(c);
  return ok;
}

static inline int json_check(const char *s, size_t n) {
  json_cursor c;
  c.s = (const unsigned char *)s;
  c.n = n;
  c.p = 0;
  if (s == NULL) return 0;
  /* the strings check their own bytes; this also covers bytes between tokens */
  if (json_utf8_first_invalid(c.s, n) != n) return 0;
  return json_value(&c, 0) && c.p == n;
}

#endif
