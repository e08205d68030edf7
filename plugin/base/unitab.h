/*
** unitab.h -- per-code-point flags that let normalization skip utf8proc,
** and the script class of each code point (read through script.h).
**
** The table (unitab_data.c) is generated from the linked utf8proc and the
** Unicode data files of its version by plugin/gen/unitab_gen.c (`make
** tables`); tests/c/test_unitab.c checks that it still agrees with them,
** code point by code point.
*/
#ifndef KIJI_UNITAB_H
#define KIJI_UNITAB_H

#include <stdint.h>

#include "internal.h"

enum {
  /* No normalization can reach across the boundary before this character:
  ** its decomposition starts with a starter that never composes with a
  ** preceding character (canonical / compatibility decomposition). */
  KIJI_U_BB_CANON = 1 << 0,
  KIJI_U_BB_COMPAT = 1 << 1,
  /* Alone, the character is unchanged by the form. */
  KIJI_U_PASS_NFC = 1 << 2,
  KIJI_U_PASS_NFD = 1 << 3,
  KIJI_U_PASS_NFKC = 1 << 4,
  KIJI_U_PASS_NFKD = 1 << 5,
  /* Case folding leaves the character unchanged. */
  KIJI_U_NOFOLD = 1 << 6,
  /* A rule of the match form applies (space, control, format, dash, tilde,
  ** quote): see norm_rules.c. */
  KIJI_U_SPECIAL = 1 << 7
};

#define KIJI_UNITAB_BLOCK 256

KIJI_HIDDEN extern const uint16_t kiji_unitab_stage1[0x110000 / KIJI_UNITAB_BLOCK];
KIJI_HIDDEN extern const uint8_t kiji_unitab_stage2[];
/* The script class (kiji_script, script.h) of each code point: a second
** stage 2, indexed exactly as kiji_unitab_stage2 (the blocks of stage 1
** are distinct in flags or in classes). */
KIJI_HIDDEN extern const uint8_t kiji_unitab_script[];
KIJI_HIDDEN extern const char kiji_unitab_unicode_version[];

/* Bit (b2 & 0x3F) of entry (b0 & 0xF) << 6 | (b1 & 0x3F): the well-formed
** three-byte character b0 b1 b2 passes the match form (with folding) and
** starts a segment. Indexed by bytes, it skips decoding on the hot path. */
KIJI_HIDDEN extern const uint64_t kiji_unitab_match3[16 * 64];
/* Bit (b0 & 0xF): every well-formed three-byte character that starts with
** b0 passes as kiji_unitab_match3 says (kanji, hangul), no lookup needed. */
KIJI_HIDDEN extern const uint16_t kiji_unitab_match3_full;

static inline int kiji_unitab_match3_passes(const unsigned char *s) {
  return (s[0] & 0xF0) == 0xE0 && ((s[1] ^ 0x80u) | (s[2] ^ 0x80u)) < 0x40 &&
         (kiji_unitab_match3[(s[0] & 0x0Fu) << 6 | (s[1] & 0x3Fu)] >> (s[2] & 0x3F) & 1);
}

static inline unsigned kiji_unitab(int32_t c) {
  return kiji_unitab_stage2[(size_t)kiji_unitab_stage1[c >> 8] * KIJI_UNITAB_BLOCK +
                            (size_t)(c & 0xFF)];
}

#endif
