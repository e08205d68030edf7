/*
** unitab_flags.h -- how each flag of unitab.h is derived from utf8proc's
** public API, and each script class of script.h from the Unicode data
** files (Scripts.txt, ScriptExtensions.txt, PropList.txt: Debian's
** unicode-data, /usr/share/unicode) of the version utf8proc implements.
** Shared by the generator and by the test that checks the committed table
** against the linked utf8proc (and against the data files when present).
*/
#ifndef KIJI_UNITAB_FLAGS_H
#define KIJI_UNITAB_FLAGS_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "norm/norm_rules.h"
#include "base/script.h"
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
static int kiji_gen_starts_clean(int32_t c, utf8proc_option_t opts, const unsigned char *second) {
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

/* ------------------------------------------------------------ scripts */

/* What the classes need of the Unicode data files, per code point. */
enum {
  GEN_SC_UNKNOWN = 0,
  GEN_SC_COMMON,
  GEN_SC_INHERITED,
  GEN_SC_HAN,
  GEN_SC_HIRAGANA,
  GEN_SC_KATAKANA,
  GEN_SC_LATIN,
  GEN_SC_OTHER
};
enum { GEN_SCX_NONE = 0, GEN_SCX_HAN, GEN_SCX_KANA, GEN_SCX_OTHER };

typedef struct kiji_gen_ucd {
  uint8_t script[0x110000]; /* Scripts.txt (GEN_SC_*) */
  uint8_t scx[0x110000];    /* ScriptExtensions.txt: exactly Hani, exactly Hira Kana */
  uint8_t white[0x110000];  /* PropList.txt: White_Space */
} kiji_gen_ucd;

static unsigned gen_sc_value(const char *v) {
  static const char *const names[] = {"Common",   "Inherited", "Han",
                                      "Hiragana", "Katakana",  "Latin"};
  unsigned i;
  for (i = 0; i < sizeof names / sizeof names[0]; i++)
    if (strcmp(v, names[i]) == 0) return GEN_SC_COMMON + i;
  return GEN_SC_OTHER;
}

static unsigned gen_scx_value(const char *v) {
  if (strcmp(v, "Hani") == 0) return GEN_SCX_HAN;
  if (strcmp(v, "Hira Kana") == 0) return GEN_SCX_KANA;
  return GEN_SCX_OTHER;
}

static unsigned gen_white_value(const char *v) { return strcmp(v, "White_Space") == 0; }

/*
** Read dir/name ("XXXX..YYYY ; value # comment" lines) into out[], each
** value through conv (0 leaves the code points alone). The first line must
** name the file's version, "# name-VERSION.txt", and VERSION must be
** utf8proc's. 0 on any failure (msg says which).
*/
static int kiji_gen_ucd_file(const char *dir, const char *name, uint8_t *out,
                             unsigned (*conv)(const char *), char *msg, size_t msgcap) {
  char path[1024], line[512], want[128], base[64];
  FILE *f;
  int ok = 1, first = 1;
  size_t nlen = strcspn(name, ".");
  snprintf(path, sizeof path, "%s/%s", dir, name);
  snprintf(base, sizeof base, "%.*s", (int)(nlen < 40 ? nlen : 40), name);
  snprintf(want, sizeof want, "# %s-%s.txt", base, utf8proc_unicode_version());
  if ((f = fopen(path, "r")) == NULL) {
    snprintf(msg, msgcap, "cannot read %s", path);
    return 0;
  }
  while (ok && fgets(line, sizeof line, f)) {
    char *p = line, *v, *e;
    unsigned long lo, hi;
    unsigned val;
    if (first) {
      first = 0;
      if (strncmp(line, want, strlen(want)) != 0) {
        snprintf(msg, msgcap, "%s is not %s (utf8proc's Unicode)", path, want + 2);
        ok = 0;
      }
      continue;
    }
    if (*p == '#' || *p == '\n' || *p == '\0') continue;
    lo = hi = strtoul(p, &p, 16);
    if (p[0] == '.' && p[1] == '.') hi = strtoul(p + 2, &p, 16);
    if ((v = strchr(p, ';')) == NULL || hi < lo || hi > 0x10FFFF) {
      snprintf(msg, msgcap, "%s: cannot parse: %.60s", path, line);
      ok = 0;
      break;
    }
    v++;
    while (*v == ' ') v++;
    e = v + strcspn(v, "#\n");
    while (e > v && e[-1] == ' ') e--;
    *e = '\0';
    if ((val = conv(v)) != 0)
      for (; lo <= hi; lo++) out[lo] = (uint8_t)val;
  }
  if (ok && first) {
    snprintf(msg, msgcap, "%s is empty", path);
    ok = 0;
  }
  fclose(f);
  return ok;
}

/* The Unicode data files of dir, or NULL (msg says why). */
static kiji_gen_ucd *kiji_gen_ucd_load(const char *dir, char *msg, size_t msgcap) {
  kiji_gen_ucd *u = calloc(1, sizeof *u);
  if (u == NULL) {
    snprintf(msg, msgcap, "out of memory");
    return NULL;
  }
  if (!kiji_gen_ucd_file(dir, "Scripts.txt", u->script, gen_sc_value, msg, msgcap) ||
      !kiji_gen_ucd_file(dir, "ScriptExtensions.txt", u->scx, gen_scx_value, msg, msgcap) ||
      !kiji_gen_ucd_file(dir, "PropList.txt", u->white, gen_white_value, msg, msgcap)) {
    free(u);
    return NULL;
  }
  return u;
}

/* The script class of c (script.h says what each holds, and why). */
static kiji_script kiji_gen_script(int32_t c, const kiji_gen_ucd *u) {
  unsigned sc = u->script[c], scx = u->scx[c];
  int common = sc == GEN_SC_COMMON || sc == GEN_SC_INHERITED;
  utf8proc_category_t gc = utf8proc_category(c);
  int letter = gc >= UTF8PROC_CATEGORY_LU && gc <= UTF8PROC_CATEGORY_LO;
  int punct = gc >= UTF8PROC_CATEGORY_PC && gc <= UTF8PROC_CATEGORY_PO;
  if (u->white[c]) return KIJI_SCRIPT_SPACE;
  /* Han letters and numbers; 〆 is Common with Script_Extensions=Han */
  if ((sc == GEN_SC_HAN || (common && scx == GEN_SCX_HAN)) &&
      (gc == UTF8PROC_CATEGORY_LO || gc == UTF8PROC_CATEGORY_LM || gc == UTF8PROC_CATEGORY_NL ||
       gc == UTF8PROC_CATEGORY_MC))
    return KIJI_SCRIPT_HAN;
  if (sc == GEN_SC_HIRAGANA && letter) return KIJI_SCRIPT_HIRAGANA;
  if (sc == GEN_SC_KATAKANA && letter) return KIJI_SCRIPT_KATAKANA;
  /* the marks both kana share (ー, ゛ ゜, ﾞ ﾟ, 〱; not the hyphen ゠), and
  ** the middle dots */
  if ((common && scx == GEN_SCX_KANA && !punct) || c == 0x30FB || c == 0xFF65)
    return KIJI_SCRIPT_KATAKANA;
  if (sc == GEN_SC_LATIN && (letter || gc == UTF8PROC_CATEGORY_NL)) return KIJI_SCRIPT_LATIN;
  if (sc == GEN_SC_COMMON && gc == UTF8PROC_CATEGORY_ND) return KIJI_SCRIPT_LATIN;
  if (gc != UTF8PROC_CATEGORY_CN &&
      ((c >= 0x3000 && c <= 0x303F) || c == 0x30A0 || (c >= 0xFF01 && c <= 0xFF64)))
    return KIJI_SCRIPT_JPUNCT;
  return KIJI_SCRIPT_OTHER;
}

#endif
