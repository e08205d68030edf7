/*
** nationals.c -- which body or title is a country's own of another: the
** lexicon generator derives it from the aliases (中国外務省 is 中国 +
** 外務省, "Japanese Defense Ministry" is "Japanese" + "Defense Ministry")
** and writes it into the national record's payload (bases=a,b). Here
** the pairs of every dictionary become one sorted table per annotator,
** so that "Japan's Defense Ministry" and 日本の国防省 get 防衛省's id.
*/
#include <stdlib.h>
#include <string.h>

#include "ann.h"

typedef struct row {
  kiji_str base, country; /* the general record's id; the national one's country */
  size_t rank;            /* dictionaries in order, entries in order */
  size_t hit;             /* the national record, in hits[] */
} row;

struct ann_nationals {
  row *rows;
  size_t n, cap;
  ann_hit *hits; /* one per national record (a run of its aliases) */
  size_t nhits, hits_cap;
};

static int str_cmp(kiji_str a, kiji_str b) {
  size_t n = a.len < b.len ? a.len : b.len;
  int c = n ? memcmp(a.ptr, b.ptr, n) : 0;
  return c ? c : (a.len > b.len) - (a.len < b.len);
}

/* By base, then country, then rank: the first dictionary's row first. */
static int row_order(const void *a, const void *b) {
  const row *x = a, *y = b;
  int c = str_cmp(x->base, y->base);
  if (c == 0) c = str_cmp(x->country, y->country);
  return c ? c : (x->rank > y->rank) - (x->rank < y->rank);
}

/* Whether entry e repeats the one before it (a record's next alias:
** the same id and payload give the same rows). */
static int repeats(const kiji_entry *e, const kiji_entry *prev) {
  return prev->id && e->id && strcmp(e->id, prev->id) == 0 && e->payload_len == prev->payload_len &&
         (e->payload_len == 0 || memcmp(e->payload, prev->payload, e->payload_len) == 0);
}

/* Each base of entry e of d, as rows; 0 when out of memory. */
static int add_rows(ann_nationals *t, const kiji_dict *d, size_t e) {
  ann_hit *h;
  size_t i, j;
  if (!kiji_grow((void **)&t->hits, &t->hits_cap, t->nhits + 1, sizeof *t->hits)) return 0;
  h = &t->hits[t->nhits];
  if (!kiji_ann_decode_entry(d, e, h) || !h->country.ptr || !h->id.ptr) return 1;
  for (i = 0; i < h->bases.len; i = j + 1) {
    for (j = i; j < h->bases.len && h->bases.ptr[j] != ','; j++) {}
    if (j == i) continue;
    if (!kiji_grow((void **)&t->rows, &t->cap, t->n + 1, sizeof *t->rows)) return 0;
    t->rows[t->n].base.ptr = h->bases.ptr + i;
    t->rows[t->n].base.len = j - i;
    t->rows[t->n].country = h->country;
    t->rows[t->n].rank = t->n;
    t->rows[t->n].hit = t->nhits;
    t->n++;
  }
  t->nhits++;
  return 1;
}

ann_nationals *kiji_ann_nationals_new(const kiji_dict *const *dicts, size_t ndicts) {
  ann_nationals *t = kiji_alloc(sizeof *t);
  size_t d, e, i, kept = 0;
  if (t == NULL) return NULL;
  memset(t, 0, sizeof *t);
  for (d = 0; d < ndicts; d++) {
    kiji_entry prev, ent;
    memset(&prev, 0, sizeof prev);
    for (e = 0; e < kiji_dict_count(dicts[d]); e++, prev = ent) {
      if (kiji_dict_entry(dicts[d], e, &ent) != KIJI_OK) {
        memset(&ent, 0, sizeof ent);
        continue;
      }
      /* most entries name no bases, and most that do repeat the one before */
      if (ent.payload == NULL || repeats(&ent, &prev) ||
          kiji_ann_payload_field(ent.payload, ent.payload_len, "bases").ptr == NULL)
        continue;
      if (!add_rows(t, dicts[d], e)) {
        kiji_ann_nationals_free(t);
        return NULL;
      }
    }
  }
  if (t->n > 1) qsort(t->rows, t->n, sizeof *t->rows, row_order);
  /* one row per (base, country): the first dictionary's when two disagree */
  for (i = 0; i < t->n; i++)
    if (kept == 0 || str_cmp(t->rows[kept - 1].base, t->rows[i].base) != 0 ||
        str_cmp(t->rows[kept - 1].country, t->rows[i].country) != 0)
      t->rows[kept++] = t->rows[i];
  t->n = kept;
  return t;
}

void kiji_ann_nationals_free(ann_nationals *t) {
  if (t == NULL) return;
  kiji_dealloc(t->rows);
  kiji_dealloc(t->hits);
  kiji_dealloc(t);
}

const ann_hit *kiji_ann_national(const ann_sent *st, const ann_hit *base, kiji_str country) {
  const ann_nationals *t = st->nationals;
  size_t lo = 0, hi;
  if (t == NULL || base->id.ptr == NULL || country.ptr == NULL) return NULL;
  hi = t->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = str_cmp(t->rows[mid].base, base->id);
    if (c == 0) c = str_cmp(t->rows[mid].country, country);
    if (c == 0) return &t->hits[t->rows[mid].hit];
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return NULL;
}
