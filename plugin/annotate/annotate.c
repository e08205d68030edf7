/*
** annotate.c -- the annotation pipeline and its document: normalize once,
** split sentences, scan every dictionary over the one match form, then run
** the relations sentence by sentence (ann.h).
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "ann_text.h"

struct kiji_annotator {
  kiji_dict *lexicon;
  const kiji_dict **dicts; /* the lexicon, then the caller's */
  size_t ndicts;
  kiji_segmenter *segmenter;
};

static void set_err(kiji_error *err, kiji_status st, const char *msg) {
  if (err) {
    err->status = st;
    err->offset = 0;
    snprintf(err->message, sizeof err->message, "%s", msg);
  }
}

kiji_annotator *kiji_annotator_new(const kiji_dict *const *extra, size_t n_extra,
                                   kiji_error *err) {
  kiji_annotator *a;
  size_t i;
  if (err) memset(err, 0, sizeof *err);
  if (n_extra > 0 && extra == NULL) {
    set_err(err, KIJI_EINVAL, "extra dictionaries: NULL array");
    return NULL;
  }
  for (i = 0; i < n_extra; i++)
    if (extra[i] == NULL) {
      set_err(err, KIJI_EINVAL, "extra dictionaries: a NULL dictionary");
      return NULL;
    }
  if ((a = kiji_alloc(sizeof *a)) == NULL ||
      (a->dicts = kiji_alloc((n_extra + 1) * sizeof *a->dicts)) == NULL) {
    kiji_dealloc(a);
    set_err(err, KIJI_ENOMEM, "out of memory");
    return NULL;
  }
  a->lexicon = NULL;
  a->segmenter = NULL;
  if (kiji_lexicon_load(&a->lexicon, err) != KIJI_OK ||
      (a->segmenter = kiji_segmenter_new(err)) == NULL) {
    kiji_annotator_free(a);
    return NULL;
  }
  a->dicts[0] = a->lexicon;
  for (i = 0; i < n_extra; i++) a->dicts[i + 1] = extra[i];
  a->ndicts = n_extra + 1;
  return a;
}

void kiji_annotator_free(kiji_annotator *a) {
  if (a == NULL) return;
  kiji_dict_free(a->lexicon);
  kiji_segmenter_free(a->segmenter);
  kiji_dealloc(a->dicts);
  kiji_dealloc(a);
}

kiji_doc *kiji_doc_new(void) {
  kiji_doc *doc = kiji_alloc(sizeof *doc);
  if (doc == NULL) return NULL;
  memset(doc, 0, sizeof *doc);
  doc->text = "";
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
  if (!copy_buf(&c->sentences, &doc->sentences, sizeof(kiji_range)) ||
      !copy_buf(&c->mentions, &doc->mentions, sizeof(kiji_mention)) ||
      !copy_buf(&c->denials, &doc->denials, sizeof(kiji_denial)) ||
      !copy_buf(&c->attributions, &doc->attributions, sizeof(kiji_attribution))) {
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
  free_buf(&doc->json);
  kiji_ann_index_free(doc);
  kiji_dealloc(doc->cache);
  kiji_dealloc(doc);
}

void *kiji_ann_push(ann_buf *b, size_t elsize) {
  if (!kiji_grow(&b->p, &b->cap, b->n + 1, elsize)) return NULL;
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

static kiji_status fail(kiji_doc *doc, kiji_status st, const char *msg, size_t offset) {
  snprintf(doc->error, sizeof doc->error, "%s", msg);
  doc->error_offset = offset;
  doc->sentences.n = doc->mentions.n = doc->denials.n = doc->attributions.n = 0;
  doc->lang = KIJI_LANG_EN; /* an empty document's, not the last text's */
  return st;
}

static int by_start(const void *a, const void *b) {
  const ann_hit *x = a, *y = b;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  return x->end < y->end ? -1 : x->end > y->end;
}

static int mention_order(const void *a, const void *b) {
  const kiji_mention *x = a, *y = b;
  if (x->span.start != y->span.start) return x->span.start < y->span.start ? -1 : 1;
  return x->span.end < y->span.end ? -1 : x->span.end > y->span.end;
}

/* Every dictionary over the one match form; the hits sorted by start. */
static kiji_status scan_all(const kiji_annotator *a, kiji_doc *doc) {
  size_t nlen, d, i, count;
  const char *norm = kiji_norm_text(doc->norm, &nlen);
  const kiji_map *map = kiji_norm_map(doc->norm);
  doc->hits.n = 0;
  for (d = 0; d < a->ndicts; d++) {
    const kiji_match *m;
    kiji_status st = kiji_dict_scan_normalized(a->dicts[d], doc->scan, doc->text, doc->len,
                                               norm, nlen, map, KIJI_SCAN_ALL);
    if (st != KIJI_OK) return fail(doc, st, kiji_scan_error(doc->scan), 0);
    m = kiji_scan_matches(doc->scan, &count);
    if (!kiji_grow(&doc->hits.p, &doc->hits.cap, doc->hits.n + count, sizeof(ann_hit)))
      return fail(doc, KIJI_ENOMEM, "out of memory", 0);
    for (i = 0; i < count; i++) {
      ann_hit *h = (ann_hit *)doc->hits.p + doc->hits.n;
      if (kiji_ann_decode(doc, a->dicts[d], m + i, h) && h->kind != AK_OTHER) doc->hits.n++;
    }
  }
  if (doc->hits.n > 1) qsort(doc->hits.p, doc->hits.n, sizeof(ann_hit), by_start);
  return KIJI_OK;
}

static kiji_status sentences(const kiji_annotator *a, kiji_doc *doc, kiji_invalid invalid) {
  kiji_seg_options so = KIJI_SEG_OPTIONS_INIT;
  const kiji_span *sp;
  size_t n, i;
  kiji_status st;
  if (doc->seg == NULL && (doc->seg = kiji_seg_new(a->segmenter)) == NULL)
    return fail(doc, KIJI_ENOMEM, "out of memory", 0);
  so.invalid = invalid;
  if ((st = kiji_sentences(doc->seg, doc->text, doc->len, &so)) != KIJI_OK)
    return fail(doc, st, kiji_seg_error(doc->seg), kiji_seg_error_offset(doc->seg));
  sp = kiji_seg_spans(doc->seg, &n);
  if (!kiji_grow(&doc->sentences.p, &doc->sentences.cap, n, sizeof(kiji_range)))
    return fail(doc, KIJI_ENOMEM, "out of memory", 0);
  for (i = 0; i < n; i++) {
    kiji_range *r = (kiji_range *)doc->sentences.p + i;
    r->start = sp[i].start;
    r->end = sp[i].end;
  }
  doc->sentences.n = n;
  return KIJI_OK;
}

/* The rules over one sentence, whose hits are hits[0..n). */
static int sentence(kiji_doc *doc, size_t index, const ann_hit *hits, size_t n, kiji_lang lang,
                    size_t *ja_bytes, size_t *en_bytes) {
  const kiji_range *r = (const kiji_range *)doc->sentences.p + index;
  ann_sent st;
  memset(&st, 0, sizeof st);
  st.doc = doc;
  st.s = (const unsigned char *)doc->text;
  st.start = r->start;
  st.end = r->end;
  st.index = index;
  st.ja = lang == KIJI_LANG_JA ||
          (lang == KIJI_LANG_AUTO && kiji_ann_has_japanese(st.s, st.start, st.end));
  *(st.ja ? ja_bytes : en_bytes) += st.end - st.start;
  st.first_mention = doc->mentions.n;
  st.all = hits;
  st.nall = n;
  if (!kiji_ann_select(doc, &st, hits, n)) return 0;
  if (!kiji_ann_officials(&st) || !kiji_ann_outlets(&st)) return 0;
  if (doc->mentions.n - st.first_mention > 1) /* (never arithmetic on a NULL buffer) */
    qsort((kiji_mention *)doc->mentions.p + st.first_mention,
          doc->mentions.n - st.first_mention, sizeof(kiji_mention), mention_order);
  return kiji_ann_attributions(&st) && kiji_ann_denials(&st);
}

kiji_status kiji_annotate(const kiji_annotator *a, kiji_doc *doc, const char *text, size_t len,
                          const kiji_annotate_options *opts) {
  static const kiji_annotate_options defaults = KIJI_ANNOTATE_OPTIONS_INIT;
  kiji_norm_options no = KIJI_NORM_OPTIONS_INIT;
  size_t i, h = 0, ja = 0, en = 0;
  kiji_status st;
  const ann_hit *hits;
  if (doc == NULL) return KIJI_EINVAL;
  doc->error[0] = '\0';
  doc->error_offset = 0;
  doc->mentions.n = doc->denials.n = doc->attributions.n = doc->json.n = 0;
  kiji_ann_index_reset(doc); /* sentence numbers start again */
  if (a == NULL || (text == NULL && len > 0))
    return fail(doc, KIJI_EINVAL, "bad argument", 0);
  if (opts == NULL) opts = &defaults;
  if (opts->lang > KIJI_LANG_JA || opts->invalid > KIJI_INVALID_ERROR)
    return fail(doc, KIJI_EINVAL, "bad option", 0);
  if (len > (size_t)INT32_MAX) /* before any work: sentences could not take it */
    return fail(doc, KIJI_ETOOBIG, "input too large: more than 2147483647 bytes (ICU's limit)", 0);
  if ((doc->norm == NULL && (doc->norm = kiji_norm_new()) == NULL) ||
      (doc->scan == NULL && (doc->scan = kiji_scan_new()) == NULL))
    return fail(doc, KIJI_ENOMEM, "out of memory", 0);
  doc->text = len ? text : "";
  doc->len = len;
  no.invalid = opts->invalid;
  if ((st = kiji_normalize(doc->norm, doc->text, len, &no)) != KIJI_OK)
    return fail(doc, st, kiji_norm_error(doc->norm), kiji_norm_error_offset(doc->norm));
  if ((st = scan_all(a, doc)) != KIJI_OK || (st = sentences(a, doc, opts->invalid)) != KIJI_OK)
    return st;
  hits = doc->hits.p;
  for (i = 0; i < doc->sentences.n; i++) {
    const kiji_range *r = (const kiji_range *)doc->sentences.p + i;
    size_t first;
    while (h < doc->hits.n && hits[h].start < r->start) h++;
    first = h;
    while (h < doc->hits.n && hits[h].start < r->end) h++;
    if (!sentence(doc, i, h > first ? hits + first : NULL, h - first, opts->lang, &ja, &en))
      return fail(doc, KIJI_ENOMEM, "out of memory", 0);
  }
  doc->lang = ja == 0 ? KIJI_LANG_EN
              : en == 0 ? KIJI_LANG_JA
              : ja >= 4 * en ? KIJI_LANG_JA
              : en >= 4 * ja ? KIJI_LANG_EN
                             : KIJI_LANG_MIXED;
  return KIJI_OK;
}

const char *kiji_doc_error(const kiji_doc *doc) { return doc ? doc->error : "bad argument"; }
size_t kiji_doc_error_offset(const kiji_doc *doc) { return doc ? doc->error_offset : 0; }
kiji_lang kiji_doc_lang(const kiji_doc *doc) { return doc ? doc->lang : KIJI_LANG_EN; }

const char *kiji_lang_name(kiji_lang lang) {
  return lang == KIJI_LANG_JA ? "ja" : lang == KIJI_LANG_MIXED ? "mixed" : "en";
}

#define ACCESSOR(name, type, field)                         \
  const type *name(const kiji_doc *doc, size_t *count) {    \
    if (count) *count = doc ? doc->field.n : 0;             \
    return doc ? (const type *)doc->field.p : NULL;         \
  }
ACCESSOR(kiji_doc_sentences, kiji_range, sentences)
ACCESSOR(kiji_doc_mentions, kiji_mention, mentions)
ACCESSOR(kiji_doc_denials, kiji_denial, denials)
ACCESSOR(kiji_doc_attributions, kiji_attribution, attributions)

const char *kiji_doc_json(kiji_doc *doc, const char *id, size_t id_len, size_t *len) {
  if (len) *len = 0;
  if (doc == NULL || !kiji_ann_json(doc, id, id_len)) return NULL;
  if (len) *len = doc->json.n;
  return doc->json.p;
}
