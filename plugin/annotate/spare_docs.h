/*
** spare_docs.h -- the docs an annotator keeps from one batch for the next.
**
** A doc's first text is its dearest: the decoded-entry cache fills and
** every buffer grows (a fresh doc per call cost kiji_annotate 28 % more
** on 3 KB articles). A batch of one text at a time, as `kiji annotate`
** reads a pipe, paid that for every record; with the docs kept, only a
** batch's first text does, once per annotator. A doc that annotated more
** than ANN_KEEP bytes is freed, not kept, so that what an annotator holds
** between batches stays small.
*/
#ifndef KIJI_SPARE_DOCS_H
#define KIJI_SPARE_DOCS_H

#include <pthread.h>

#include "base/internal.h"

/* At most this many docs are kept: as many as a batch on four threads uses. */
#define ANN_SPARES 16

typedef struct ann_spares {
  pthread_mutex_t mu;
  int ready; /* the lock was made; else nothing is kept */
  size_t n;
  kiji_doc *doc[ANN_SPARES];
} ann_spares;

KIJI_HIDDEN void kiji_ann_spares_init(ann_spares *s);
/* Free the docs kept, and the lock (no batch may run). */
KIJI_HIDDEN void kiji_ann_spares_free(ann_spares *s);
/* Free the docs kept: the next batch starts with new ones (the
** allocation-failure test, whose runs must meet every allocation). */
KIJI_HIDDEN void kiji_ann_spares_drop(ann_spares *s);
/* A kept doc, else a new one; NULL when there is no memory. */
KIJI_HIDDEN kiji_doc *kiji_ann_spare_take(ann_spares *s);
/* Keep doc for the next batch, or free it; `most` is the longest text it
** annotated. */
KIJI_HIDDEN void kiji_ann_spare_give(ann_spares *s, kiji_doc *doc, size_t most);

/* The annotator's spares. The annotator is shared read-only by every
** thread; its spares are the one part that changes, under their lock. */
KIJI_HIDDEN ann_spares *kiji_ann_spares_of(const kiji_annotator *a);

#endif
