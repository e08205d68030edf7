/*
** fuzz_norm.c -- libFuzzer target for kiji_normalize and the offset map.
**
** Input: byte 0 picks the options -- bits 0-2: form (mod 5: MATCH, NFC,
** NFD, NFKC, NFKD), bits 3-4: casefold - 1 (mod 3), bit 5: invalid = error,
** bits 6-7: map unless both are 0 -- and the rest is the text (any bytes:
** NUL, ill-formed UTF-8). After each call, a violation of any of these stops
** the run with __builtin_trap():
**   - the status is KIJI_OK, or KIJI_EUTF8 exactly when invalid == error
**     and the text is ill-formed, with the first ill-formed offset (an
**     independent validator decides);
**   - the output is well-formed UTF-8 and does not depend on opts.map;
**   - the map: both lengths; every output character maps to an original
**     range on character boundaries, monotonically, that maps back over it;
**     every input character maps forward to whole output characters;
**     every ill-formed subpart becomes one U+FFFD mapped to exactly it;
**     arbitrary ranges map to ranges on character boundaries;
**   - NFC/NFD/NFKC/NFKD: the origins tile the input; the output is what
**     utf8proc makes of the whole text; it is in canonical order and a
**     second pass leaves it alone; each character's origin alone
**     renormalizes to text that contains it;
**   - MATCH: only characters the match form may drop are left uncovered;
**   - out-of-range map queries and bad arguments give KIJI_EINVAL.
**
** The two normalizers are static, as is usual in a fuzz target (one
** process, one input at a time); the library itself keeps no state.
**
** Run:       make fuzz FUZZ_SECONDS=120
** Reproduce: build/fuzz/fuzz_norm crash-<sha1>
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "kiji.h"
#include "base/unitab.h"
#include "base/utf8.h"

/*
** README.md: a run of more than 128 code points with no normalization
** boundary is cut, and U+034F starts the rest (UAX #15's Stream-Safe
** Text Format). Texts with such a run are not compared with utf8proc, but
** they must still come out in canonical order and stable.
*/
#define LONG_SEGMENT 127

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static kiji_norm *n1, *n2;

#define CHECK(cond)                                                                 \
  do {                                                                              \
    if (!(cond)) {                                                                  \
      fprintf(stderr, "fuzz_norm: check failed at line %d: %s\n", __LINE__, #cond); \
      __builtin_trap();                                                             \
    }                                                                               \
  } while (0)

/* ------------------------------------------------------------------ UTF-8 */

/*
** An independent well-formedness check (Unicode table 3-7 restated as
** "decode, then reject overlong forms, surrogates and > U+10FFFF"): the
** length of the well-formed character at s[0..n), or 0. *cp gets its value.
*/
static size_t wf_char(const unsigned char *s, size_t n, uint32_t *cp) {
  static const uint32_t min[5] = {0, 0, 0x80, 0x800, 0x10000};
  unsigned b = s[0];
  size_t k, i;
  uint32_t c;
  if (b < 0x80) {
    *cp = b;
    return 1;
  }
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
  *cp = c;
  return k;
}

/* The offset of the first ill-formed byte of s[0..n), or n. */
static size_t first_invalid(const unsigned char *s, size_t n) {
  size_t p = 0, k;
  uint32_t c;
  while (p < n) {
    k = wf_char(s + p, n - p, &c);
    if (k == 0) return p;
    p += k;
  }
  return n;
}

static int contains(const unsigned char *hay, size_t hn, const unsigned char *needle, size_t nn) {
  size_t i;
  if (nn == 0) return 1;
  for (i = 0; i + nn <= hn; i++)
    if (hay[i] == needle[0] && memcmp(hay + i, needle, nn) == 0) return 1;
  return 0;
}

/*
** What the match form may leave uncovered: White_Space, Cc, Cf, and the
** dash and prolonged-sound characters of the LONG and HYPHEN rules (a run
** after ー is one ー), restated here from the README's rule list.
*/
static int match_may_drop(int32_t c) {
  if ((c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
      (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
      c == 0x3000)
    return 1;
  switch (c) {
    case 0x30FC:
    case 0xFF70:
    case 0x2014:
    case 0x2015:
    case 0x2500:
    case 0x2501:
    case 0xFE31:
    case 0xFE58:
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2212:
    case 0xFE63:
    case 0xFF0D:
    case 0xFE32:
    case 0x207B:
    case 0x208B: return 1;
    default: break;
  }
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF: return 1;
    default: return 0;
  }
}

/* Does s[0..n) hold U+11A7 (the Hangul TBase, which is no trailing
** consonant) after an LV syllable or a vowel jamo? utf8proc 2.8 composes
** it away (LV + U+11A7 gives LV alone); Unicode keeps it (3.12: T is
** U+11A8..U+11C2), as kiji does. Found by fuzz_norm; the reference is
** not asked for such text. */
static int has_tbase_after_lv(const unsigned char *s, size_t n) {
  size_t p = 0, cl;
  int32_t prev = -1;
  while (p < n) {
    int32_t c = kiji_utf8_decode(s + p, n - p, &cl);
    if (c == 0x11A7 && ((prev >= 0x1161 && prev <= 0x1175) ||
                        (prev >= 0xAC00 && prev <= 0xD7A3 && (prev - 0xAC00) % 28 == 0)))
      return 1;
    prev = c;
    p += cl;
  }
  return 0;
}

/* Does s[0..n) hold a run of characters that continue a segment of the
** form (no boundary flag before them) and that decompose into about
** LONG_SEGMENT code points: one kiji may cut with a CGJ? */
static int has_long_segment(const unsigned char *s, size_t n, kiji_form form) {
  unsigned bb = form == KIJI_FORM_NFC || form == KIJI_FORM_NFD ? KIJI_U_BB_CANON : KIJI_U_BB_COMPAT;
  size_t p = 0, cl, run = 0;
  while (p < n) {
    int32_t c = kiji_utf8_decode(s + p, n - p, &cl);
    if (c >= 0 && !(kiji_unitab(c) & bb)) {
      /* counted as decomposed, the widest way (kiji's cap counts so) */
      utf8proc_int32_t buf[32];
      int bc = 0;
      utf8proc_ssize_t k = utf8proc_decompose_char(
          c, buf, 32, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD, &bc);
      run += k > 0 ? (size_t)k : 1;
      if (run + 18 >= LONG_SEGMENT) return 1; /* + the starter's, at most 18 */
    } else {
      run = 0;
    }
    p += cl;
  }
  return 0;
}

/* No mark follows one of a higher canonical combining class (Unicode 3.11). */
static int canonically_ordered(const unsigned char *s, size_t n) {
  size_t p = 0, k;
  int prev = 0;
  uint32_t c;
  while (p < n) {
    int ccc;
    k = wf_char(s + p, n - p, &c);
    if (k == 0) return 0;
    ccc = utf8proc_get_property((utf8proc_int32_t)c)->combining_class;
    if (ccc != 0 && ccc < prev) return 0;
    prev = ccc;
    p += k;
  }
  return 1;
}

/*
** The reference for the Unicode forms: utf8proc on the whole text, with
** each maximal subpart of an ill-formed sequence replaced by U+FFFD first.
** Returns a malloc'd string (*rn bytes), or NULL on allocation failure.
*/
static unsigned char *reference(const unsigned char *s, size_t n, const kiji_norm_options *o,
                                size_t *rn) {
  utf8proc_option_t uo = UTF8PROC_STABLE;
  unsigned char *clean = malloc(3 * n + 1), *res = NULL;
  size_t p = 0, q = 0, cl;
  utf8proc_ssize_t got;
  int fold = o->casefold > 0; /* -1: off for the Unicode forms */
  if (clean == NULL) return NULL;
  while (p < n) {
    int32_t c = kiji_utf8_decode(s + p, n - p, &cl);
    if (c < 0) {
      memcpy(clean + q, "\xEF\xBF\xBD", 3);
      q += 3;
    } else {
      memcpy(clean + q, s + p, cl);
      q += cl;
    }
    p += cl;
  }
  uo |=
      o->form == KIJI_FORM_NFC || o->form == KIJI_FORM_NFKC ? UTF8PROC_COMPOSE : UTF8PROC_DECOMPOSE;
  if (o->form == KIJI_FORM_NFKC || o->form == KIJI_FORM_NFKD) uo |= UTF8PROC_COMPAT;
  if (fold) uo |= UTF8PROC_CASEFOLD;
  got = utf8proc_map(clean, (utf8proc_ssize_t)q, &res, uo);
  free(clean);
  CHECK(got >= 0);
  *rn = (size_t)got;
  return res;
}

/* --------------------------------------------------------------- the map */

static void check_bad_args(const kiji_map *m, size_t in_len, size_t out_len) {
  size_t a = 7, b = 7;
  const size_t big = (size_t)-1;
  CHECK(kiji_map_origin(m, out_len + 1, out_len + 1, &a, &b) == KIJI_EINVAL);
  CHECK(kiji_map_origin(m, 0, out_len + 1, &a, &b) == KIJI_EINVAL);
  CHECK(kiji_map_origin(m, big, big, &a, &b) == KIJI_EINVAL);
  CHECK(kiji_map_origin(m, 1, 0, &a, &b) == KIJI_EINVAL);
  CHECK(kiji_map_origin(m, out_len, big, &a, &b) == KIJI_EINVAL);
  CHECK(kiji_map_origin(m, 0, 0, NULL, &b) == KIJI_EINVAL);
  CHECK(kiji_map_origin(m, 0, 0, &a, NULL) == KIJI_EINVAL);
  CHECK(kiji_map_origin(NULL, 0, 0, &a, &b) == KIJI_EINVAL);
  CHECK(kiji_map_target(m, in_len + 1, in_len + 1, &a, &b) == KIJI_EINVAL);
  CHECK(kiji_map_target(m, 0, in_len + 1, &a, &b) == KIJI_EINVAL);
  CHECK(kiji_map_target(m, big, big, &a, &b) == KIJI_EINVAL);
  CHECK(kiji_map_target(m, 1, 0, &a, &b) == KIJI_EINVAL);
  CHECK(kiji_map_target(m, in_len, big, &a, &b) == KIJI_EINVAL);
  CHECK(kiji_map_target(m, 0, 0, NULL, &b) == KIJI_EINVAL);
  CHECK(kiji_map_target(m, 0, 0, &a, NULL) == KIJI_EINVAL);
  CHECK(kiji_map_target(NULL, 0, 0, &a, &b) == KIJI_EINVAL);
  if (out_len > 0) CHECK(kiji_map_origin(m, out_len, out_len - 1, &a, &b) == KIJI_EINVAL);
  if (in_len > 0) CHECK(kiji_map_target(m, in_len, in_len - 1, &a, &b) == KIJI_EINVAL);
  /* the empty range at either end */
  CHECK(kiji_map_origin(m, out_len, out_len, &a, &b) == KIJI_OK && a == b && b <= in_len);
  CHECK(kiji_map_target(m, in_len, in_len, &a, &b) == KIJI_OK && a == b && b <= out_len);
  CHECK(kiji_map_origin(m, 0, 0, &a, &b) == KIJI_OK && a == b && b <= in_len);
  CHECK(kiji_map_target(m, 0, 0, &a, &b) == KIJI_OK && a == b && b <= out_len);
}

typedef struct ctx {
  const unsigned char *src, *out;
  size_t len, out_len;
  unsigned char *ibound; /* [0..len]: a character of the input starts here */
  unsigned char *obound; /* [0..out_len]: a character of the output starts here */
  kiji_norm_options opts;
} ctx;

/* Normalize s[0..n) into n2 with the options of c; the status. */
static kiji_status renormalize(const ctx *c, const unsigned char *s, size_t n,
                               const unsigned char **out, size_t *out_len) {
  kiji_norm_options o = c->opts;
  kiji_status st;
  o.map = 0;
  st = kiji_normalize(n2, (const char *)s, n, &o);
  *out = (const unsigned char *)kiji_norm_text(n2, out_len);
  return st;
}

static void check_map(ctx *c, const kiji_map *m, const uint8_t *extra, size_t nextra) {
  const int match = c->opts.form == KIJI_FORM_MATCH;
  size_t i, j, s, e, ts, te, prev_s = 0, prev_e = 0, covered = 0;
  size_t cache_s = (size_t)-1, cache_e = (size_t)-1;
  uint32_t cp;

  CHECK(m != NULL);
  CHECK(kiji_map_source_length(m) == c->len);
  CHECK(kiji_map_target_length(m) == c->out_len);
  check_bad_args(m, c->len, c->out_len);

  /* every output character, in order */
  for (i = 0; i < c->out_len; i = j) {
    size_t k = wf_char(c->out + i, c->out_len - i, &cp);
    CHECK(k > 0);
    j = i + k;
    CHECK(kiji_map_origin(m, i, j, &s, &e) == KIJI_OK);
    CHECK(s <= e && e <= c->len);
    CHECK(c->ibound[s] && c->ibound[e]);
    CHECK(s >= prev_s && e >= prev_e);
    CHECK(kiji_map_target(m, s, e, &ts, &te) == KIJI_OK);
    CHECK(ts <= i && j <= te && te <= c->out_len);
    if (match) {
      /* an uncovered gap holds only characters the match form drops */
      size_t p = covered, cl;
      while (p < s) {
        int32_t d = kiji_utf8_decode(c->src + p, c->len - p, &cl);
        CHECK(d >= 0 && match_may_drop(d));
        p += cl;
      }
    } else {
      CHECK(s <= covered); /* no gap */
      /* the origin alone renormalizes to text holding the character;
      ** output characters of one atomic piece share an origin, and n2
      ** keeps the last renormalization */
      const unsigned char *r;
      size_t rn;
      if (s != cache_s || e != cache_e) {
        cache_s = s;
        cache_e = e;
        CHECK(renormalize(c, c->src + s, e - s, &r, &rn) == KIJI_OK);
      }
      r = (const unsigned char *)kiji_norm_text(n2, &rn);
      /* the CGJ that starts the rest of a cut segment is kiji's own */
      CHECK(contains(r, rn, c->out + i, j - i) ||
            (j - i == 2 && memcmp(c->out + i, "\xCD\x8F", 2) == 0));
    }
    if (e > covered) covered = e;
    prev_s = s;
    prev_e = e;
  }
  if (match) {
    size_t p = covered, cl;
    while (p < c->len) {
      int32_t d = kiji_utf8_decode(c->src + p, c->len - p, &cl);
      CHECK(d >= 0 && match_may_drop(d));
      p += cl;
    }
  } else {
    CHECK(covered == c->len);
  }

  /* every input character maps forward to whole output characters */
  for (i = 0; i < c->len; i = j) {
    size_t cl;
    int32_t d = kiji_utf8_decode(c->src + i, c->len - i, &cl);
    j = i + cl;
    CHECK(kiji_map_target(m, i, j, &ts, &te) == KIJI_OK);
    CHECK(ts <= te && te <= c->out_len && c->obound[ts] && c->obound[te]);
    if (!match) {
      CHECK(ts < te);
      CHECK(kiji_map_origin(m, ts, te, &s, &e) == KIJI_OK);
      CHECK(s <= i && j <= e);
    }
    if (d < 0) {
      /* a replaced maximal subpart: one U+FFFD mapped to exactly its bytes */
      CHECK(c->opts.invalid == KIJI_INVALID_REPLACE);
      CHECK(te - ts == 3 && memcmp(c->out + ts, "\xEF\xBF\xBD", 3) == 0);
      CHECK(kiji_map_origin(m, ts, te, &s, &e) == KIJI_OK && s == i && e == j);
    }
  }

  /* arbitrary (even mid-character) ranges stay in bounds, on boundaries */
  for (i = 0; i + 4 <= nextra && i < 64; i += 4) {
    size_t a = ((size_t)extra[i] << 8 | extra[i + 1]),
           b = ((size_t)extra[i + 2] << 8 | extra[i + 3]);
    size_t lo, hi;
    lo = a % (c->out_len + 1);
    hi = b % (c->out_len + 1);
    if (lo > hi) {
      size_t t = lo;
      lo = hi;
      hi = t;
    }
    CHECK(kiji_map_origin(m, lo, hi, &s, &e) == KIJI_OK);
    CHECK(s <= e && e <= c->len && c->ibound[s] && c->ibound[e]);
    lo = a % (c->len + 1);
    hi = b % (c->len + 1);
    if (lo > hi) {
      size_t t = lo;
      lo = hi;
      hi = t;
    }
    CHECK(kiji_map_target(m, lo, hi, &ts, &te) == KIJI_OK);
    CHECK(ts <= te && te <= c->out_len && c->obound[ts] && c->obound[te]);
  }
}

/* ------------------------------------------------------------ the target */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static unsigned char *ibound, *obound;
  static size_t ibound_cap, obound_cap;
  kiji_norm_options opts = KIJI_NORM_OPTIONS_INIT, other;
  const unsigned char *src, *out, *out2;
  size_t len, out_len, out2_len, bad, p, cl;
  kiji_status st, st2;
  unsigned b;
  ctx c;

  if (size < 1) return 0;
  if (n1 == NULL) n1 = kiji_norm_new();
  if (n2 == NULL) n2 = kiji_norm_new();
  CHECK(n1 != NULL && n2 != NULL);

  b = data[0];
  opts.form = (kiji_form)((b & 7u) % 5u);
  opts.casefold = (int)((b >> 3) & 3u) % 3 - 1;
  opts.invalid = (b >> 5) & 1u ? KIJI_INVALID_ERROR : KIJI_INVALID_REPLACE;
  opts.map = ((b >> 6) & 3u) != 0; /* on three times out of four */
  src = data + 1;
  len = size - 1;

  if (len == 0) {
    /* bad arguments, checked on the (cheap) empty text */
    kiji_norm_options bad_opts = opts;
    CHECK(kiji_normalize(NULL, "", 0, &opts) == KIJI_EINVAL);
    CHECK(kiji_normalize(n2, NULL, 1, &opts) == KIJI_EINVAL);
    bad_opts.form = (kiji_form)(KIJI_FORM_NFKD + 1 + (b >> 6));
    CHECK(kiji_normalize(n2, "a", 1, &bad_opts) == KIJI_EINVAL);
    bad_opts = opts;
    bad_opts.invalid = (kiji_invalid)(KIJI_INVALID_ERROR + 1);
    CHECK(kiji_normalize(n2, "a", 1, &bad_opts) == KIJI_EINVAL);
    CHECK(kiji_norm_map(n2) == NULL && kiji_norm_error(n2)[0] != '\0');
  }

  /* NULL options are the defaults */
  if (b == 0x40)
    st = kiji_normalize(n1, (const char *)src, len, NULL);
  else
    st = kiji_normalize(n1, (const char *)src, len, &opts);
  bad = first_invalid(src, len);
  out = (const unsigned char *)kiji_norm_text(n1, &out_len);

  if (opts.invalid == KIJI_INVALID_ERROR && bad < len) {
    CHECK(st == KIJI_EUTF8);
    CHECK(kiji_norm_error_offset(n1) == bad);
    CHECK(kiji_norm_error(n1)[0] != '\0');
    CHECK(kiji_norm_map(n1) == NULL);
    CHECK(out_len == 0);
  } else {
    CHECK(st == KIJI_OK);
    CHECK(kiji_norm_error(n1)[0] == '\0' && kiji_norm_error_offset(n1) == 0);
  }

  /* the same call with the map switched gives the same result */
  other = opts;
  other.map = !opts.map;
  st2 = kiji_normalize(n2, (const char *)src, len, &other);
  out2 = (const unsigned char *)kiji_norm_text(n2, &out2_len);
  CHECK(st2 == st);
  CHECK(out2_len == out_len && (out_len == 0 || memcmp(out, out2, out_len) == 0));
  if (st != KIJI_OK) {
    CHECK(kiji_norm_error_offset(n2) == kiji_norm_error_offset(n1));
    return 0;
  }

  /* the output is well-formed UTF-8 */
  CHECK(first_invalid(out, out_len) == out_len);
  if (opts.form != KIJI_FORM_MATCH) CHECK((out_len == 0) == (len == 0));

  /* character boundaries of both sides */
  if (ibound_cap < len + 1) {
    free(ibound);
    ibound_cap = len + 1;
    ibound = malloc(ibound_cap);
  }
  if (obound_cap < out_len + 1) {
    free(obound);
    obound_cap = out_len + 1;
    obound = malloc(obound_cap);
  }
  CHECK(ibound != NULL && obound != NULL);
  memset(ibound, 0, len + 1);
  for (p = 0; p < len; p += cl) {
    ibound[p] = 1;
    (void)kiji_utf8_decode(src + p, len - p, &cl);
  }
  ibound[len] = 1;
  memset(obound, 0, out_len + 1);
  for (p = 0; p < out_len; p += cl) {
    uint32_t cp;
    obound[p] = 1;
    cl = wf_char(out + p, out_len - p, &cp);
    CHECK(cl > 0);
  }
  obound[out_len] = 1;

  c.src = src;
  c.len = len;
  c.out = out;
  c.out_len = out_len;
  c.ibound = ibound;
  c.obound = obound;
  c.opts = opts;

  if (opts.map) {
    check_map(&c, kiji_norm_map(n1), src, len);
  } else {
    CHECK(kiji_norm_map(n1) == NULL);
  }

  if (opts.form != KIJI_FORM_MATCH) {
    const int long_seg = has_long_segment(src, len, opts.form);
    const unsigned char *r;
    unsigned char *ref;
    size_t rn;
    /* exactly Unicode's form, as utf8proc computes it on the whole text */
    if (!long_seg && !has_tbase_after_lv(src, len) &&
        (ref = reference(src, len, &opts, &rn)) != NULL) {
      CHECK(rn == out_len && (rn == 0 || memcmp(ref, out, rn) == 0));
      free(ref);
    }
    /* a normal form is in canonical order, and a second pass leaves it alone */
    CHECK(canonically_ordered(out, out_len));
    CHECK(renormalize(&c, out, out_len, &r, &rn) == KIJI_OK);
    CHECK(rn == out_len && (rn == 0 || memcmp(r, out, rn) == 0));
  }
  return 0;
}
