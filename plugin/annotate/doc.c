/*
** doc.c -- the document model: a kiji_doc's growing arrays, its records
** and their accessors. The bottom of the rules stage: every file of it
** may push here, and this file calls none of them.
*/
#include <string.h>

#include "ann.h"

kiji_doc *kiji_doc_new(void) {
  kiji_doc *doc = kiji_alloc(sizeof *doc);
  if (doc == NULL) return NULL;
  memset(doc, 0, sizeof *doc);
  doc->text = "";
  doc->dateline.start = doc->dateline.end = doc->source = KIJI_NONE;
  return doc;
}

static int copy_buf(ann_buf *dst, const ann_buf *src, size_t elsize) {
  if (src->n == 0) return 1;
  if (!kiji_grow(&dst->p, &dst->cap, src->n, elsize)) return 0;
  memcpy(dst->p, src->p, src->n * elsize);
  dst->n = src->n;
  return 1;
}

kiji_doc *kiji_doc_snapshot(const kiji_doc *doc) {
  kiji_doc *c;
  if (doc == NULL || (c = kiji_doc_new()) == NULL) return NULL;
  c->text = doc->text;
  c->len = doc->len;
  c->lang = doc->lang;
  c->dateline = doc->dateline;
  c->source = doc->source;
  memcpy(c->date, doc->date, sizeof c->date);
  c->given = doc->given;
  c->has_given = doc->has_given;
  if (!copy_buf(&c->sentences, &doc->sentences, sizeof(kiji_range)) ||
      !copy_buf(&c->mentions, &doc->mentions, sizeof(kiji_mention)) ||
      !copy_buf(&c->denials, &doc->denials, sizeof(kiji_denial)) ||
      !copy_buf(&c->attributions, &doc->attributions, sizeof(kiji_attribution)) ||
      !copy_buf(&c->quotes, &doc->quotes, sizeof(kiji_quote)) ||
      !copy_buf(&c->given_name, &doc->given_name, 1)) {
    kiji_doc_free(c);
    return NULL;
  }
  return c;
}

static void free_buf(ann_buf *b) {
  kiji_dealloc(b->p);
  b->p = NULL;
  b->n = b->cap = 0;
}

void kiji_doc_free(kiji_doc *doc) {
  int k;
  if (doc == NULL) return;
  kiji_norm_free(doc->norm);
  kiji_seg_free(doc->seg);
  kiji_scan_free(doc->scan);
  free_buf(&doc->hits);
  free_buf(&doc->picked);
  free_buf(&doc->occupied);
  free_buf(&doc->sentences);
  free_buf(&doc->mentions);
  free_buf(&doc->denials);
  free_buf(&doc->attributions);
  free_buf(&doc->acronyms);
  free_buf(&doc->acronym_hits);
  free_buf(&doc->quotes);
  free_buf(&doc->json);
  free_buf(&doc->given_name);
  for (k = 0; k < ANN_IX_COUNT; k++) free_buf(&doc->ix[k].b);
  kiji_dealloc(doc->cache);
  kiji_dealloc(doc->words_seen);
  kiji_dealloc(doc);
}

void *kiji_ann_push(ann_buf *b, size_t elsize) {
  if (!kiji_ann_room(&b->p, &b->cap, b->n + 1, elsize)) return NULL;
  return (char *)b->p + elsize * b->n++;
}

static const kiji_range none = {KIJI_NONE, KIJI_NONE};

kiji_mention *kiji_ann_mention(ann_sent *st, size_t start, size_t end, kiji_kind kind,
                               const char *subtype) {
  kiji_mention *m = kiji_ann_push(&st->doc->mentions, sizeof *m);
  if (m == NULL) return NULL;
  memset(m, 0, sizeof *m);
  m->span.start = start;
  m->span.end = end;
  m->kind = kind;
  m->subtype = subtype;
  m->title = m->person = none;
  m->sentence = st->index;
  return m;
}

const char *kiji_doc_error(const kiji_doc *doc) { return doc ? doc->error : "bad argument"; }
size_t kiji_doc_error_offset(const kiji_doc *doc) { return doc ? doc->error_offset : 0; }
kiji_lang kiji_doc_lang(const kiji_doc *doc) { return doc ? doc->lang : KIJI_LANG_EN; }

const char *kiji_lang_name(kiji_lang lang) {
  return lang == KIJI_LANG_JA ? "ja" : lang == KIJI_LANG_MIXED ? "mixed" : "en";
}

#define ACCESSOR(name, type, field)                      \
  const type *name(const kiji_doc *doc, size_t *count) { \
    if (count) *count = doc ? doc->field.n : 0;          \
    return doc ? (const type *)doc->field.p : NULL;      \
  }
ACCESSOR(kiji_doc_sentences, kiji_range, sentences)
ACCESSOR(kiji_doc_mentions, kiji_mention, mentions)
ACCESSOR(kiji_doc_denials, kiji_denial, denials)
ACCESSOR(kiji_doc_attributions, kiji_attribution, attributions)
ACCESSOR(kiji_doc_quotes, kiji_quote, quotes)

kiji_range kiji_doc_dateline(const kiji_doc *doc) {
  static const kiji_range no = {KIJI_NONE, KIJI_NONE};
  return doc ? doc->dateline : no;
}
size_t kiji_doc_source(const kiji_doc *doc) { return doc ? doc->source : KIJI_NONE; }
const char *kiji_doc_date(const kiji_doc *doc) { return doc ? doc->date : ""; }

int kiji_doc_given_source(const kiji_doc *doc, kiji_mention *out, kiji_str *text) {
  if (doc == NULL || !doc->has_given) return 0;
  if (out) *out = doc->given;
  if (text) {
    text->ptr = doc->given_name.p;
    text->len = doc->given_name.n;
  }
  return 1;
}
