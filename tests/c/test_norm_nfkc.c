/*
** test_norm_nfkc.c -- kiji_norm_is_nfkc (plugin/norm/norm.c) passes ASCII
** by blocks of 16 and 64 bytes: no character in or after them is passed
** over. A character NFKC changes (full-width, a ligature, U+3000), an
** ill-formed byte or a lone combining mark, put at every offset of ASCII
** runs of every length up to 300 bytes, makes the answer 0; characters
** that are their own form (é, kana, kanji) there leave it 1.
*/
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "norm/norm_check.h"

int main(void) {
  static const char *const changed[] = {
      "\xef\xbc\x88",     /* （ */
      "\xef\xac\x81",     /* ﬁ */
      "\xe3\x80\x80",     /* U+3000 */
      "\xef\xbd\xb1",     /* ｱ */
      "\xff",             /* ill-formed */
      "\xe3\x81",         /* cut short */
      "\xcc\x81",         /* a combining acute after ASCII */
      "\xe2\x84\xa2",     /* ™ */
      "\xf0\x9d\x90\x80", /* 𝐀 */
  };
  static const char *const kept[] = {"\xc3\xa9", "\xe3\x81\x8b", "\xe6\xbc\xa2", "\xe3\x82\xab"};
  tap t = {0, 0};
  unsigned char buf[512];
  size_t n, at, k;
  for (k = 0; k < sizeof changed / sizeof *changed + sizeof kept / sizeof *kept; k++) {
    int is_changed = k < sizeof changed / sizeof *changed;
    const char *c = is_changed ? changed[k] : kept[k - sizeof changed / sizeof *changed];
    size_t cl = strlen(c);
    int bad = 0, count = 0;
    for (n = 0; n <= 300; n++)
      for (at = 0; at <= n; at++) {
        memset(buf, 'a', n);
        for (size_t j = 0; j < n; j += 7) buf[j] = (unsigned char)(' ' + j % 90);
        memmove(buf + at + cl, buf + at, n - at);
        memcpy(buf + at, c, cl);
        count++;
        if (kiji_norm_is_nfkc(buf, n + cl) != !is_changed && bad++ < 3)
          printf("# %zu ASCII bytes, the character at %zu: %d\n", n, at, !is_changed);
      }
    tap_ok(&t, bad == 0, "%s at each offset of %d texts: %s", is_changed ? "changed" : "kept",
           count, bad ? "missed" : "right");
  }
  for (n = 0; n <= 300; n++) {
    memset(buf, 'x', n);
    if (kiji_norm_is_nfkc(buf, n) != 1) break;
  }
  tap_ok(&t, n > 300, "ASCII alone, every length up to 300");
  return tap_done(&t);
}
