/*
** test_conformance.c -- Unicode's NormalizationTest.txt (Debian's
** unicode-data) through kiji_normalize: every line, every column, every
** form, and the invariance of the characters that part 1 does not list.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kiji.h"
#include "tap.h"
#include "base/utf8.h"

#define TEST_FILE "/usr/share/unicode/NormalizationTest.txt.bz2"

typedef struct column {
  char s[256];
  size_t len;
} column;

static int parse_column(const char **p, column *col) {
  col->len = 0;
  while (**p && **p != ';') {
    char *end;
    long cp = strtol(*p, &end, 16);
    if (end == *p) return 0;
    col->len += kiji_utf8_encode((int32_t)cp, (unsigned char *)col->s + col->len);
    *p = end;
    while (**p == ' ') (*p)++;
  }
  if (**p != ';') return 0;
  (*p)++;
  return 1;
}

static int same(kiji_norm *n, kiji_form form, const column *in, const column *want) {
  kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
  size_t len;
  const char *out;
  o.form = form;
  o.map = 1;
  if (kiji_normalize(n, in->s, in->len, &o) != KIJI_OK) return 0;
  out = kiji_norm_text(n, &len);
  return len == want->len && memcmp(out, want->s, len) == 0;
}

/* The conformance rules of NormalizationTest.txt for one line. */
static int check_line(kiji_norm *n, const column c[5]) {
  int i, ok = 1;
  for (i = 0; i < 3; i++) {
    ok &= same(n, KIJI_FORM_NFC, &c[i], &c[1]);
    ok &= same(n, KIJI_FORM_NFD, &c[i], &c[2]);
  }
  for (i = 3; i < 5; i++) {
    ok &= same(n, KIJI_FORM_NFC, &c[i], &c[3]);
    ok &= same(n, KIJI_FORM_NFD, &c[i], &c[4]);
  }
  for (i = 0; i < 5; i++) {
    ok &= same(n, KIJI_FORM_NFKC, &c[i], &c[3]);
    ok &= same(n, KIJI_FORM_NFKD, &c[i], &c[4]);
  }
  return ok;
}

int main(void) {
  tap t = {0, 0};
  kiji_norm *n = kiji_norm_new();
  FILE *f;
  char line[4096];
  unsigned char *in_part1;
  int part = -1, lines = 0, bad = 0;
  int32_t c;
  if (!tap_need_file(&t, TEST_FILE, "unicode-data")) {
    kiji_norm_free(n);
    return tap_done(&t);
  }
  f = popen("bzcat " TEST_FILE, "r");
  in_part1 = calloc(0x110000, 1);
  if (!tap_ok(&t, f != NULL && in_part1 != NULL, "read %s", TEST_FILE)) return tap_done(&t);
  while (fgets(line, sizeof line, f)) {
    column col[5];
    const char *p = line;
    int i, ok = 1;
    if (line[0] == '#' || line[0] == '\n') continue;
    if (line[0] == '@') {
      part = atoi(line + 5);
      continue;
    }
    for (i = 0; i < 5 && ok; i++) ok = parse_column(&p, &col[i]);
    if (!ok) {
      bad++;
      printf("# unparsed: %s", line);
      continue;
    }
    lines++;
    if (part == 1) {
      size_t l;
      in_part1[kiji_utf8_decode((unsigned char *)col[0].s, col[0].len, &l)] = 1;
    }
    if (!check_line(n, col)) {
      if (bad++ < 10) printf("# fails: %s", line);
    }
  }
  tap_ok(&t, pclose(f) == 0 && lines > 19000, "read %d test lines", lines);
  tap_ok(&t, bad == 0, "every line, column and form conforms (%d failures)", bad);
  /* Part 1's rule: every other character is its own NFC, NFD, NFKC, NFKD. */
  bad = 0;
  for (c = 0; c < 0x110000; c++) {
    column x;
    kiji_form form;
    if ((c >= 0xD800 && c <= 0xDFFF) || in_part1[c]) continue;
    x.len = kiji_utf8_encode(c, (unsigned char *)x.s);
    for (form = KIJI_FORM_NFC; form <= KIJI_FORM_NFKD; form++)
      if (!same(n, form, &x, &x) && bad++ < 10)
        printf("# U+%04X changes in form %d\n", (unsigned)c, (int)form);
  }
  tap_ok(&t, bad == 0, "characters not in part 1 are invariant (%d failures)", bad);
  free(in_part1);
  kiji_norm_free(n);
  return tap_done(&t);
}
