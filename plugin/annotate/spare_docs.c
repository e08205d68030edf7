/*
** spare_docs.c -- the docs an annotator keeps between batches (spare_docs.h).
*/
#include "spare_docs.h"

#include "ann.h"

void kiji_ann_spares_init(ann_spares *s) {
  s->n = 0;
  s->ready = pthread_mutex_init(&s->mu, NULL) == 0;
}

void kiji_ann_spares_drop(ann_spares *s) {
  size_t i;
  if (s->ready) pthread_mutex_lock(&s->mu);
  for (i = 0; i < s->n; i++) kiji_doc_free(s->doc[i]);
  s->n = 0;
  if (s->ready) pthread_mutex_unlock(&s->mu);
}

void kiji_ann_spares_free(ann_spares *s) {
  kiji_ann_spares_drop(s);
  if (s->ready) pthread_mutex_destroy(&s->mu);
  s->ready = 0;
}

kiji_doc *kiji_ann_spare_take(ann_spares *s) {
  kiji_doc *doc = NULL;
  if (s->ready) {
    pthread_mutex_lock(&s->mu);
    if (s->n > 0) doc = s->doc[--s->n];
    pthread_mutex_unlock(&s->mu);
  }
  return doc ? doc : kiji_doc_new();
}

void kiji_ann_spare_give(ann_spares *s, kiji_doc *doc, size_t most) {
  if (doc == NULL) return;
  if (s->ready && most < ANN_KEEP) {
    pthread_mutex_lock(&s->mu);
    if (s->n < ANN_SPARES) {
      s->doc[s->n++] = doc;
      doc = NULL;
    }
    pthread_mutex_unlock(&s->mu);
  }
  kiji_doc_free(doc);
}
