/*
** map_check.h -- the properties every offset map must have, checked over
** one normalization (shared by the C tests and the fuzz targets).
*/
#ifndef KIJI_MAP_CHECK_H
#define KIJI_MAP_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiji.h"
#include "norm/norm_rules.h"
#include "base/utf8.h"

/* Characters that the match form may drop from its output. */
static int map_check_droppable(const unsigned char *s, size_t len, size_t at) {
  size_t l;
  int32_t c = kiji_utf8_decode(s + at, len - at, &l);
  kiji_rule r = c < 0 ? KIJI_RULE_NONE : kiji_rule_of(c);
  return r == KIJI_RULE_SPACE || r == KIJI_RULE_DROP || r == KIJI_RULE_LONG ||
         r == KIJI_RULE_HYPHEN;
}

static int map_check_contains(const char *hay, size_t hn, const char *needle, size_t nn) {
  size_t i;
  if (nn == 0) return 1;
  for (i = 0; i + nn <= hn; i++)
    if (memcmp(hay + i, needle, nn) == 0) return 1;
  return 0;
}

/*
** Check the map of n, the result of normalizing src[0..len) with o.
** scratch is another normalizer. Returns 1, or 0 with a reason in why.
*/
static int map_check(const char *src, size_t len, const kiji_norm *n, const kiji_norm_options *o,
                     kiji_norm *scratch, char *why, size_t whylen) {
  const unsigned char *s = (const unsigned char *)src;
  const kiji_map *m = kiji_norm_map(n);
  size_t outlen, i, j, l, ps = 0, pe = 0, a, b;
  const char *out = kiji_norm_text(n, &outlen);
  unsigned char *bound = calloc(len + 1, 1), *covered = calloc(len + 1, 1);
  int ok = 0;
#define FAIL(...)                       \
  do {                                  \
    snprintf(why, whylen, __VA_ARGS__); \
    goto done;                          \
  } while (0)
  if (bound == NULL || covered == NULL) FAIL("out of memory in the checker");
  if (m == NULL) FAIL("no map");
  if (kiji_map_source_length(m) != len || kiji_map_target_length(m) != outlen)
    FAIL("map lengths %zu/%zu, want %zu/%zu", kiji_map_source_length(m), kiji_map_target_length(m),
         len, outlen);
  for (i = 0; i < len; i += l) {
    bound[i] = 1;
    kiji_utf8_decode(s + i, len - i, &l);
  }
  bound[len] = 1;
  for (i = 0; i < outlen; i = j) {
    size_t sn;
    const char *sub;
    if (kiji_utf8_decode((const unsigned char *)out + i, outlen - i, &l) < 0)
      FAIL("output is not UTF-8 at %zu", i);
    j = i + l;
    if (kiji_map_origin(m, i, j, &a, &b) != KIJI_OK) FAIL("origin(%zu,%zu) failed", i, j);
    if (a > b || b > len) FAIL("origin(%zu,%zu) = [%zu,%zu) out of range", i, j, a, b);
    if (!bound[a] || !bound[b]) FAIL("origin(%zu,%zu) = [%zu,%zu) not on boundaries", i, j, a, b);
    if (a < ps || b < pe) FAIL("origin(%zu,%zu) = [%zu,%zu) goes back", i, j, a, b);
    ps = a;
    pe = b;
    memset(covered + a, 1, b - a);
    {
      size_t ta, tb;
      if (kiji_map_target(m, a, b, &ta, &tb) != KIJI_OK || ta > i || tb < j)
        FAIL("target(origin(%zu,%zu)) does not hold it", i, j);
    }
    /* Alone, the original bytes make the character again (a space at the
    ** edge of a fragment is trimmed by the match form, so it is exempt). */
    if (o->form == KIJI_FORM_MATCH && out[i] == ' ') continue;
    if (kiji_normalize(scratch, src + a, b - a, o) != KIJI_OK) FAIL("renormalizing failed");
    sub = kiji_norm_text(scratch, &sn);
    if (!map_check_contains(sub, sn, out + i, l))
      FAIL("normalize(orig[%zu,%zu)) lacks output char at %zu", a, b, i);
  }
  for (i = 0; i < len; i += l) {
    kiji_utf8_decode(s + i, len - i, &l);
    if (!covered[i] && (o->form != KIJI_FORM_MATCH || !map_check_droppable(s, len, i)))
      FAIL("input byte %zu is not covered", i);
  }
  if (kiji_map_origin(m, 0, outlen + 1, &a, &b) != KIJI_EINVAL ||
      kiji_map_target(m, 1, 0, &a, &b) != KIJI_EINVAL)
    FAIL("out-of-range query accepted");
  ok = 1;
done:
#undef FAIL
  free(bound);
  free(covered);
  return ok;
}

#endif
