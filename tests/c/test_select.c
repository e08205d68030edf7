/*
** test_select.c -- kiji_ann_select (annotate/ann_hits.c) against the rule
** it implements, read plainly: in each layer (entities, cues) every
** candidate sorted longest first, then leftmost, then as it comes, and
** kept when no byte of it is taken yet. The hits are random: runs of
** overlaps of every size (one, two, dozens: past the sort's table of
** 64), ties of length and start, empty hits, words and dates (no
** candidates), hits that run past the sentence's end.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiji.h"
#include "tap.h"
#include "annotate/ann.h"

#define MAX_HITS 160
#define MAX_SPAN 200

/* A small generator of our own (xorshift), its state the caller's. */
static unsigned next_rand(unsigned *s) {
  *s ^= *s << 13;
  *s ^= *s >> 17;
  *s ^= *s << 5;
  return *s;
}

static int by_start(const void *a, const void *b) {
  const ann_hit *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/* Whether candidate a comes before b in the rule's order: the longer,
** else the one further left, else the one given first. */
static int before(const ann_hit *a, const ann_hit *b) {
  size_t la = a->end - a->start, lb = b->end - b->start;
  if (la != lb) return la > lb;
  return a->start != b->start ? a->start < b->start : a < b;
}

/* The layer's kept hits in text order, by the rule: into out; how many.
** The candidates are taken one at a time, the first by before() each
** time, and kept when none of their bytes is taken yet. */
static size_t reference(const ann_hit *hits, size_t n, int cues, size_t start, size_t end,
                        const ann_hit **out) {
  const ann_hit *cand[MAX_HITS];
  unsigned char taken[MAX_SPAN + 1], kept[MAX_HITS];
  size_t m = 0, i, k, count = 0;
  memset(taken, 0, sizeof taken);
  memset(kept, 0, sizeof kept);
  for (i = 0; i < n; i++)
    if (hits[i].kind != AK_WORD && hits[i].kind != AK_DATE && (hits[i].kind == AK_CUE) == cues &&
        hits[i].start < hits[i].end && hits[i].start >= start && hits[i].end <= end)
      cand[m++] = &hits[i];
  while (m > 0) {
    const ann_hit *h;
    size_t best = 0;
    int free_bytes = 1;
    for (i = 1; i < m; i++)
      if (before(cand[i], cand[best])) best = i;
    h = cand[best];
    cand[best] = cand[--m];
    for (k = h->start; k < h->end; k++)
      if (taken[k - start]) free_bytes = 0;
    if (!free_bytes) continue;
    memset(taken + (h->start - start), 1, h->end - h->start);
    kept[h - hits] = 1;
  }
  for (i = 0; i < n; i++)
    if (kept[i]) out[count++] = &hits[i];
  return count;
}

/* Whether the layer sel[0, nsel) is exactly the hits at want[0, nwant). */
static int same(const ann_hit *sel, size_t nsel, const ann_hit *const *want, size_t nwant) {
  size_t i;
  if (nsel != nwant) return 0;
  for (i = 0; i < nsel; i++) /* (id.len tags each hit: its index) */
    if (sel[i].id.len != want[i]->id.len || sel[i].start != want[i]->start ||
        sel[i].end != want[i]->end || sel[i].kind != want[i]->kind)
      return 0;
  return 1;
}

/* One random sentence [start, start + span) of n hits, lengths up to
** max_len: whether the selection is the rule's. */
static int one(kiji_doc *doc, unsigned *seed, size_t n, size_t span, size_t max_len) {
  static const unsigned char kinds[] = {AK_BODY, AK_TITLE, AK_COUNTRY, AK_CUE,
                                        AK_CUE,  AK_DATE,  AK_WORD,    AK_OUTLET};
  ann_hit hits[MAX_HITS];
  const ann_hit *want[MAX_HITS];
  ann_sent st;
  size_t i, start = 7, nwant;
  memset(hits, 0, sizeof hits);
  for (i = 0; i < n; i++) {
    hits[i].start = start + next_rand(seed) % span;
    hits[i].end = hits[i].start + next_rand(seed) % (max_len + 1); /* may pass the end */
    hits[i].kind = kinds[next_rand(seed) % sizeof kinds];
  }
  qsort(hits, n, sizeof *hits, by_start);
  for (i = 0; i < n; i++) hits[i].id.len = i;
  memset(&st, 0, sizeof st);
  st.doc = doc;
  st.start = start;
  st.end = start + span;
  if (!kiji_ann_select(doc, &st, hits, n)) return 0;
  nwant = reference(hits, n, 0, st.start, st.end, want);
  if (!same(st.ent, st.nent, want, nwant)) return 0;
  nwant = reference(hits, n, 1, st.start, st.end, want);
  return same(st.cue, st.ncue, want, nwant);
}

int main(void) {
  tap t = {0, 0};
  kiji_doc *doc = kiji_doc_new();
  unsigned seed = 2463534242u;
  size_t round, bad = 0, rounds = 20000;
  if (doc == NULL) {
    tap_ok(&t, 0, "a doc");
    return tap_done(&t);
  }
  for (round = 0; round < rounds; round++) /* sparse: alone, in twos, in threes */
    bad += !one(doc, &seed, 1 + round % 24, 60, 8);
  tap_ok(&t, bad == 0, "%zu of %zu sentences of a few hits select as the rule does", rounds - bad,
         rounds);
  for (bad = 0, round = 0; round < 2000; round++) /* dense: clusters past 64 hits */
    bad += !one(doc, &seed, 80 + round % 80, 40, 12);
  tap_ok(&t, bad == 0, "%zu of 2000 sentences of dense hits select as the rule does", 2000 - bad);
  for (bad = 0, round = 0; round < 2000; round++) /* ties: short hits on few starts */
    bad += !one(doc, &seed, 2 + round % 40, 6, 3);
  tap_ok(&t, bad == 0, "%zu of 2000 sentences of tied hits select as the rule does", 2000 - bad);
  kiji_doc_free(doc);
  return tap_done(&t);
}
