/*
** test_hits_to_view.c -- a sentence's hits carried into the view at once
** (view.c's kiji_ann_hits_to_view, which keeps the piece of the hit before)
** land where each would alone (kiji_ann_to_view): every range of texts
** whose maps hold pieces of every sort, copied, rewritten (’, ＡＢＣ, ﬁ),
** runs of spaces, dropped and replaced bytes.
*/
#include <stdlib.h>
#include <string.h>

#include "kiji.h"
#include "tap.h"
#include "annotate/ann.h"

static const char *const texts[] = {
    "plain ASCII text, one piece.",
    "Curly \xE2\x80\x99quotes\xE2\x80\x99 and \xE2\x80\x9C"
    "double\xE2\x80\x9D ones",
    "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3 \xE5\x85\xA8\xE8\xA7\x92 and \xE2\x91\xA0\xE2\x91\xA1, "
    "\xEF\xAC\x81ne",
    "Spaces   and\ttabs\r\nCRLF lines\n\n\nand runs",
    "soft\xC2\xADhyphen and zero\xE2\x80\x8Bwidth",
    "bad \xFF bytes \xC3 here \xE2\x82",
    "\xE3\x82\xAB\xE3\x82\xBF\xE3\x82\xAB\xE3\x83\x8A\xE3\x80\x80\xEF\xBD\xB6\xEF\xBE\x9E",
    "e\xCC\x81 combining, A\xCC\x8A too",
};

/* Every range [s, e) of a text of len bytes, in text order. */
static size_t all_ranges(size_t len, ann_hit *h) {
  size_t s, e, n = 0;
  for (s = 0; s <= len; s++)
    for (e = s; e <= len; e++) {
      memset(&h[n], 0, sizeof h[n]);
      h[n].start = s;
      h[n++].end = e;
    }
  return n;
}

int main(void) {
  tap t = {0, 0};
  size_t k;
  for (k = 0; k < sizeof texts / sizeof texts[0]; k++) {
    kiji_norm *norm = kiji_norm_new();
    kiji_norm_options no = KIJI_NORM_OPTIONS_INIT;
    size_t len = strlen(texts[k]), cap = (len + 1) * (len + 2) / 2, n, i, kept, alone = 0, hint = 0;
    ann_hit *h = malloc(cap * sizeof *h), *one = malloc(cap * sizeof *one);
    const kiji_map *m;
    int same = 1;
    no.map = 1;
    if (norm == NULL || h == NULL || one == NULL ||
        kiji_normalize(norm, texts[k], len, &no) != KIJI_OK || (m = kiji_norm_map(norm)) == NULL) {
      tap_ok(&t, 0, "text %zu: normalized", k);
      continue;
    }
    n = all_ranges(len, h);
    for (i = 0; i < n; i++) {
      one[alone] = h[i];
      if (kiji_ann_to_view(m, h[i].start, h[i].end, &one[alone].start, &one[alone].end, &hint) ==
          KIJI_OK)
        alone++;
    }
    hint = 0;
    kept = kiji_ann_hits_to_view(m, h, n, &hint);
    for (i = 0; same && i < kept && i < alone; i++)
      same = h[i].start == one[i].start && h[i].end == one[i].end;
    tap_ok(&t, same && kept == alone, "text %zu: %zu ranges, %zu kept, as each alone", k, n, kept);
    free(h);
    free(one);
    kiji_norm_free(norm);
  }
  return tap_done(&t);
}
