/*
** test_sent_filter.c -- the scanner's model of ICU's suppression filter
** (en@ss=standard; suppressed() in plugin/seg/sent_scan.c) against ICU
** itself (sent_diff.h), on every suppression ICU lists: each one's every
** prefix, cut or followed by what would make a trie walk go on, stop or
** run into the start or end of the text. The walks are worked out from
** the longest matches, not stepped; these texts reach each way one ends.
*/
#include <stdio.h>
#include <string.h>

#include "tap.h"
#include "sent_diff.h"

/* Every text before + the first n bytes of entry + after, in both
** views; a difference is printed with the text. Returns the count. */
static int texts_of(sent_diff *d, const sent_abbr *a, size_t n, int *bad) {
  static const char *const before[] = {"", "x ", "Hi. ", "a.", "U.", "1 "};
  static const char *const after[] = {"", " ", " Y", " y", "Z. Y", ". Y", "S. Y", ".A"};
  size_t i, j;
  int count = 0;
  for (i = 0; i < sizeof before / sizeof *before; i++)
    for (j = 0; j < sizeof after / sizeof *after; j++) {
      char buf[256];
      const char *what;
      size_t where;
      int len = snprintf(buf, sizeof buf, "%s%.*s%s", before[i], (int)n, a->s, after[j]);
      if (len < 0 || (size_t)len >= sizeof buf) continue;
      count++;
      if (!sent_diff_all(d, buf, (size_t)len, &what, &where) && (*bad)++ < 5)
        printf("# %s differs at %zu: [%s]\n", what, where, buf);
    }
  return count;
}

/* Each prefix of each entry of a list (whole entries and partials alike). */
static void list(tap *t, sent_diff *d, const sent_abbr *a, size_t n, const char *name) {
  size_t k, p;
  int count = 0, bad = 0;
  for (k = 0; k < n; k++)
    for (p = 1; p <= a[k].len; p++) count += texts_of(d, &a[k], p, &bad);
  tap_ok(t, n > 0 && bad == 0, "%s: %zu entries, %d texts, %d differ", name, n, count, bad);
}

int main(void) {
  tap t = {0, 0};
  sent_diff d;
  if (!tap_ok(&t, sent_diff_init(&d), "iterators, scanner data, segmenter")) {
    sent_diff_free(&d);
    return tap_done(&t);
  }
  if (d.data.all_to_icu) { /* ICU's data in a shape the scanner hands to ICU */
    tap_ok(&t, 1, "# SKIP the filter is ICU's own here");
  } else {
    list(&t, &d, d.data.abbr, d.data.nabbr, "backward trie");
    list(&t, &d, d.data.fwd, d.data.nfwd, "forward trie");
  }
  sent_diff_free(&d);
  return tap_done(&t);
}
