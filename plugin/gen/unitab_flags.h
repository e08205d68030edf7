/*
** unitab_flags.h -- how each flag of unitab.h is derived from utf8proc's
** public API. Shared by the generator and by the test that checks the
** committed table against the linked utf8proc.
*/
#ifndef KIJI_UNITAB_FLAGS_H
#define KIJI_UNITAB_FLAGS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "norm/norm_rules.h"
#include "base/unitab.h"
#include "base/utf8.h"

/* Characters that can be the second of a primary composite pair. */
static unsigned char *kiji_gen_seconds(void) {
  unsigned char *second = calloc(0x110000, 1);
  int32_t c;
  if (second == NULL) return NULL;
  for (c = 0; c < 0x110000; c++) {
    utf8proc_int32_t d[32], r[32];
    utf8proc_ssize_t n, m;
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    n = utf8proc_decompose_char(c, d, 32, UTF8PROC_DECOMPOSE, NULL);
    if (n < 2) continue;
    memcpy(r, d, sizeof(d[0]) * (size_t)n);
    m = utf8proc_normalize_utf32(r, n, UTF8PROC_COMPOSE | UTF8PROC_STABLE);
    if (m == 1 && r[0] == c) second[d[n - 1]] = 1;
  }
  return second;
}

/* Does the decomposition of c under opts start with a starter that never
** composes backwards? */
static int kiji_gen_starts_clean(int32_t c, utf8proc_option_t opts,
                                 const unsigned char *second) {
  utf8proc_int32_t d[32];
  utf8proc_ssize_t n = utf8proc_decompose_char(c, d, 32, opts, NULL);
  if (n < 1) return 0;
  return utf8proc_get_property(d[0])->combining_class == 0 && !second[d[0]];
}

/* Is the one-character string c unchanged by opts? */
static int kiji_gen_passes(int32_t c, utf8proc_option_t opts) {
  unsigned char s[4];
  utf8proc_uint8_t *out = NULL;
  size_t len = kiji_utf8_encode(c, s);
  utf8proc_ssize_t n = utf8proc_map(s, (utf8proc_ssize_t)len, &out, opts);
  int same = n == (utf8proc_ssize_t)len && memcmp(out, s, len) == 0;
  free(out);
  return same;
}

/* Does a match-form rule touch c, or the output of NFKC on c? */
static int kiji_gen_special(int32_t c) {
  utf8proc_int32_t d[32];
  utf8proc_ssize_t n, i;
  if (kiji_rule_of(c) != KIJI_RULE_NONE) return 1;
  n = utf8proc_decompose_char(c, d, 32, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, NULL);
  for (i = 0; i < n; i++) {
    kiji_rule r = kiji_rule_of(d[i]);
    if (r != KIJI_RULE_NONE && r != KIJI_RULE_SPACE && r != KIJI_RULE_DROP) return 1;
  }
  return 0;
}

static unsigned kiji_gen_flags(int32_t c, const unsigned char *second) {
  const utf8proc_option_t canon = UTF8PROC_DECOMPOSE, compat = canon | UTF8PROC_COMPAT;
  const utf8proc_option_t fold = UTF8PROC_CASEFOLD;
  unsigned f = 0;
  if (c >= 0xD800 && c <= 0xDFFF) return 0;
  if (kiji_gen_starts_clean(c, canon, second) && kiji_gen_starts_clean(c, canon | fold, second))
    f |= KIJI_U_BB_CANON;
  if (kiji_gen_starts_clean(c, compat, second) && kiji_gen_starts_clean(c, compat | fold, second))
    f |= KIJI_U_BB_COMPAT;
  if (kiji_gen_passes(c, UTF8PROC_STABLE | UTF8PROC_COMPOSE)) f |= KIJI_U_PASS_NFC;
  if (kiji_gen_passes(c, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE)) f |= KIJI_U_PASS_NFD;
  if (kiji_gen_passes(c, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT))
    f |= KIJI_U_PASS_NFKC;
  if (kiji_gen_passes(c, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT))
    f |= KIJI_U_PASS_NFKD;
  {
    /* folding changes nothing in any form that leaves c alone */
    static const utf8proc_option_t forms[4] = {
        UTF8PROC_STABLE | UTF8PROC_COMPOSE, UTF8PROC_STABLE | UTF8PROC_DECOMPOSE,
        UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT,
        UTF8PROC_STABLE | UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT};
    int k, nofold = 1;
    for (k = 0; k < 4; k++)
      if (kiji_gen_passes(c, forms[k]) && !kiji_gen_passes(c, forms[k] | UTF8PROC_CASEFOLD))
        nofold = 0;
    if (nofold) f |= KIJI_U_NOFOLD;
  }
  if (kiji_gen_special(c)) f |= KIJI_U_SPECIAL;
  return f;
}

#endif
