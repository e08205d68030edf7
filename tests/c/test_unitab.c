/*
** test_unitab.c -- the committed table (plugin/base/unitab_data.c) agrees with
** the linked utf8proc on every code point; otherwise run `make tables`.
*/
#include "gen/unitab_flags.h"
#include "tap.h"

int main(void) {
  tap t = {0, 0};
  unsigned char *second = kiji_gen_seconds();
  int32_t c, bad = 0, first = -1;
  for (c = 0; c < 0x110000 && second; c++) {
    if (kiji_unitab(c) != kiji_gen_flags(c, second)) {
      if (first < 0) first = c;
      bad++;
    }
  }
  free(second);
  tap_ok(&t, second != NULL && bad == 0, "table agrees with utf8proc on all code points");
  if (bad) printf("# %d differ, first U+%04X: run make tables\n", (int)bad, (unsigned)first);
  tap_ok(&t, strcmp(kiji_unicode_version(), utf8proc_unicode_version()) == 0,
         "Unicode version %s", kiji_unicode_version());
  /* the fast paths rely on every special character starting a segment */
  for (c = 0, bad = 0; c < 0x110000; c++)
    if ((kiji_unitab(c) & KIJI_U_SPECIAL) && !(kiji_unitab(c) & KIJI_U_BB_COMPAT)) bad++;
  tap_ok(&t, bad == 0, "every special character has a boundary before it");
  /* the byte-indexed table of three-byte characters says the same */
  for (c = 0x800, bad = 0; c < 0x10000; c++) {
    unsigned char u[3];
    unsigned want = KIJI_U_PASS_NFKC | KIJI_U_NOFOLD | KIJI_U_BB_COMPAT;
    int expect = (kiji_unitab(c) & (want | KIJI_U_SPECIAL)) == want && (c < 0xD800 || c > 0xDFFF);
    kiji_utf8_encode(c, u);
    if (kiji_unitab_match3_passes(u) != expect) bad++;
  }
  {
    static const unsigned char overlong[3] = {0xE0, 0x80, 0x80}, surrogate[3] = {0xED, 0xA0, 0x80};
    tap_ok(&t, bad == 0 && !kiji_unitab_match3_passes(overlong) &&
                   !kiji_unitab_match3_passes(surrogate),
           "the three-byte table agrees, and refuses ill-formed bytes");
  }
  return tap_done(&t);
}
