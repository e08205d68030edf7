/*
** annotate.c -- the annotation pipeline: normalize once, split sentences,
** scan every dictionary over the one match form, then run the relations
** sentence by sentence, in the order of the table below, and carry every
** record back to the original bytes (view.c).
**
** The rules read one view of the text: the match form (NFKC, case
** folding, one space for every run of white space, no space between
** Japanese characters, one quote mark, one apostrophe), with hits and
** sentences in its offsets. So text that differs only in width, quote
** style or spacing gives the same records, at its own offsets.
**
** Memory follows the records, not the text: the view's buffer first holds
** the NFKC form the sentences are found on, and the hits are those of one
** window of sentences at a time (a text of any length keeps the view,
** its map, the sentences and the records).
*/
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* clock_gettime, in builds that ask for no standard */
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ann.h"
#include "ann_text.h"
#include "dict/dict.h"
#include "dict/lexicon.h"
#include "norm/norm_check.h"
#include "norm/offmap.h"
#include "seg/seg.h"
#include "spare_docs.h"

/* How many bytes of the view one scan covers at least: the hits of such a
** window are kept, not the document's, so memory follows the window. */
#define ANN_WINDOW 16384

struct kiji_annotator {
  kiji_dict *lexicon;
  const kiji_dict **dicts; /* the lexicon, then the caller's */
  size_t ndicts;
  ann_words *words;         /* the rules' words (lexicon/words.tsv) and the caller's */
  ann_nationals *nationals; /* countries' own bodies of general ones, every dictionary's */
  kiji_segmenter *segmenter;
  unsigned char compounds[ANN_COMPOUND_BLOCKS]; /* (open_mentions.c) */
  ann_spares spares;                            /* (batch.c) */
  unsigned long long born;                      /* when it was made, in ns (meet) */
};

ann_spares *kiji_ann_spares_of(const kiji_annotator *a) { return (ann_spares *)&a->spares; }

static void set_err(kiji_error *err, kiji_status st, const char *msg) {
  if (err) {
    err->status = st;
    err->offset = 0;
    snprintf(err->message, sizeof err->message, "%s", msg);
  }
}

/* The monotonic clock in ns (0 if it cannot be read: then an annotator
** is known by its address alone). */
static unsigned long long now_ns(void) {
  struct timespec t;
  if (clock_gettime(CLOCK_MONOTONIC, &t) != 0) return 0;
  return (unsigned long long)t.tv_sec * 1000000000u + (unsigned long long)t.tv_nsec;
}

kiji_annotator *kiji_annotator_new(const kiji_dict *const *extra, size_t n_extra, kiji_error *err) {
  kiji_annotator *a;
  kiji_dict *builtin_words = NULL;
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
  a->words = NULL;
  a->nationals = NULL;
  kiji_ann_spares_init(&a->spares);
  if (kiji_lexicon_load(&a->lexicon, err) != KIJI_OK ||
      kiji_lexicon_words_load(&builtin_words, err) != KIJI_OK ||
      (a->segmenter = kiji_segmenter_new(err)) == NULL) {
    kiji_dict_free(builtin_words);
    kiji_annotator_free(a);
    return NULL;
  }
  a->born = now_ns();
  a->dicts[0] = a->lexicon;
  for (i = 0; i < n_extra; i++) a->dicts[i + 1] = extra[i];
  a->ndicts = n_extra + 1;
  a->words = kiji_ann_words_new(builtin_words, extra, n_extra); /* (copies what it keeps) */
  kiji_dict_free(builtin_words);
  a->nationals = kiji_ann_nationals_new(a->dicts, a->ndicts);
  kiji_ann_compound_blocks(a->compounds);
  if (a->words == NULL || a->nationals == NULL) {
    kiji_annotator_free(a);
    set_err(err, KIJI_ENOMEM, "out of memory");
    return NULL;
  }
  return a;
}

void kiji_annotator_free(kiji_annotator *a) {
  if (a == NULL) return;
  kiji_dict_free(a->lexicon);
  kiji_ann_words_free(a->words);
  kiji_ann_nationals_free(a->nationals);
  kiji_segmenter_free(a->segmenter);
  kiji_ann_spares_free(&a->spares);
  kiji_dealloc(a->dicts);
  kiji_dealloc(a);
}

/*
** A doc that last worked for another annotator drops what it kept of that
** one, which may be freed by now: its segmenter's sentence splitter and
** the entries decoded from its dictionaries. An annotator is known by its
** address and the moment it was made: a new one may take a freed one's
** address, never its moment (making one takes a millisecond or more, and
** the clock counts nanoseconds).
*/
static void meet(const kiji_annotator *a, kiji_doc *doc) {
  if (doc->annotator == (uintptr_t)a && doc->annotator_born == a->born) return;
  kiji_seg_free(doc->seg);
  doc->seg = NULL;
  kiji_dealloc(doc->cache); /* (made anew, empty, on first use: ann_hits.c) */
  doc->cache = NULL;
  doc->annotator = (uintptr_t)a; /* (a number: the annotator may be freed before the next call) */
  doc->annotator_born = a->born;
}

static kiji_status fail(kiji_doc *doc, kiji_status st, const char *msg, size_t offset) {
  snprintf(doc->error, sizeof doc->error, "%s", msg);
  doc->error_offset = offset;
  doc->sentences.n = doc->mentions.n = doc->denials.n = doc->attributions.n = doc->quotes.n = 0;
  doc->lang = KIJI_LANG_EN; /* an empty document's, not the last text's */
  doc->dateline.start = doc->dateline.end = doc->source = KIJI_NONE;
  doc->date[0] = 0;
  doc->has_given = 0;
  return st;
}

/* The source the caller named, kept, and looked up among the
** dictionaries' outlets (the first whose entry is the whole name). 0
** when out of memory. */
static int given_source(const kiji_annotator *a, kiji_doc *doc, const char *name, size_t len) {
  size_t d, i, count;
  kiji_mention *g = &doc->given;
  doc->has_given = 0;
  if (name == NULL) return 1;
  doc->given_name.n = 0;
  if (!kiji_grow(&doc->given_name.p, &doc->given_name.cap, len + 1, 1)) return 0;
  memcpy(doc->given_name.p, name, len);
  doc->given_name.n = len;
  memset(g, 0, sizeof *g);
  g->span.start = g->span.end = g->title.start = g->title.end = KIJI_NONE;
  g->person.start = g->person.end = g->sentence = KIJI_NONE;
  g->kind = KIJI_KIND_OUTLET;
  g->subtype = "";
  doc->has_given = 1;
  for (d = 0; d < a->ndicts; d++) {
    const kiji_match *m;
    if (kiji_dict_scan(a->dicts[d], doc->scan, name, len, KIJI_SCAN_ALL) != KIJI_OK) continue;
    m = kiji_scan_matches(doc->scan, &count);
    for (i = 0; i < count; i++) {
      ann_hit h;
      if (m[i].start == 0 && m[i].end == len &&
          kiji_ann_decode_entry(a->dicts[d], m[i].entry, &h) && h.kind == AK_OUTLET) {
        g->subtype = kiji_ann_sub_name(h.sub);
        g->id = h.id;
        g->name = h.name;
        g->country = h.country;
        return 1;
      }
    }
  }
  return 1;
}

static int hit_before(const ann_hit *x, const ann_hit *y) {
  return x->start != y->start ? x->start < y->start : x->end < y->end;
}

/* A stable merge sort of h[0..n) by start, then end, through tmp[0..n). */
static void sort_hits(ann_hit *h, ann_hit *tmp, size_t n) {
  size_t mid = n / 2, i = 0, j = mid, k = 0;
  if (n < 2) return;
  sort_hits(h, tmp, mid);
  sort_hits(h + mid, tmp, n - mid);
  if (!hit_before(h + mid, h + mid - 1)) return; /* in order already */
  while (i < mid && j < n) tmp[k++] = hit_before(h + j, h + i) ? h[j++] : h[i++];
  while (i < mid) tmp[k++] = h[i++];
  memcpy(h, tmp, k * sizeof *h);
}

/* Every dictionary over the view's keys that start in [from, to); the
** hits in the view's offsets, sorted by start then end (ties in the
** order of the dictionaries and of their matches). A window cut where no
** character spans the cut gets the hits the whole text's scan would have
** there: a key's original start maps back no earlier than its own. */
static kiji_status scan_window(const kiji_annotator *a, kiji_doc *doc, size_t from, size_t to) {
  size_t nlen, d, i, count;
  const char *norm = kiji_norm_text(doc->norm, &nlen);
  const kiji_map *map = kiji_norm_map(doc->norm);
  int sorted = 1;
  doc->hits.n = 0;
  for (d = 0; d < a->ndicts; d++) {
    const kiji_match *m;
    ann_hit *h;
    size_t before = doc->hits.n, hint = 0; /* (a dictionary's matches come in order) */
    kiji_status st = kiji_dict_scan_part(a->dicts[d], doc->scan, doc->text, doc->len, norm, nlen,
                                         map, from, to, KIJI_SCAN_ALL);
    if (st != KIJI_OK) return fail(doc, st, kiji_scan_error(doc->scan), 0);
    m = kiji_scan_matches(doc->scan, &count);
    if (!kiji_grow(&doc->hits.p, &doc->hits.cap, doc->hits.n + count, sizeof(ann_hit)))
      return fail(doc, KIJI_ENOMEM, "out of memory", 0);
    h = doc->hits.p;
    if (count > 0) /* (else h may be NULL: no arithmetic on it) */
      doc->hits.n += kiji_ann_decode_matches(doc, a->dicts[d], m, count, h + doc->hits.n);
    /* into the view's offsets, in one sweep of the map (h is NULL while
    ** no dictionary has matched: no sweep then) */
    if (doc->hits.n > before)
      doc->hits.n = before + kiji_ann_hits_to_view(map, h + before, doc->hits.n - before, &hint);
    for (i = before + 1; i < doc->hits.n; i++)
      if (hit_before(h + i, h + i - 1)) sorted = 0;
    if (before > 0 && doc->hits.n > before) sorted = 0; /* another dictionary's run */
  }
  if (!sorted) { /* the room past the hits is the merge's */
    if (!kiji_grow(&doc->hits.p, &doc->hits.cap, 2 * doc->hits.n, sizeof(ann_hit)))
      return fail(doc, KIJI_ENOMEM, "out of memory", 0);
    sort_hits(doc->hits.p, (ann_hit *)doc->hits.p + doc->hits.n, doc->hits.n);
  }
  return KIJI_OK;
}

/* Sentences, found on the text's NFKC form (its case and line breaks
** kept: sentence rules need both) so that width and compatibility forms
** split as their plain forms do; the spans carried back to the original.
** That form is made in doc->norm, whose room the view then takes over:
** the document is never held in three forms at once. A text that is its
** own NFKC form (most English news) is split as it is, its map the
** identity. */
static kiji_status sentences(const kiji_annotator *a, kiji_doc *doc, kiji_invalid invalid) {
  kiji_seg_options so = KIJI_SEG_OPTIONS_INIT;
  kiji_norm_options no = KIJI_NORM_OPTIONS_INIT;
  const kiji_span *sp;
  const char *view;
  const kiji_map *map;
  kiji_map self;
  kiji_piece one;
  size_t n, i, vlen, prev = 0, hint = 0;
  kiji_status st;
  if (doc->seg == NULL && (doc->seg = kiji_seg_new(a->segmenter)) == NULL)
    return fail(doc, KIJI_ENOMEM, "out of memory", 0);
  if (kiji_norm_is_nfkc((const unsigned char *)doc->text, doc->len)) {
    kiji_map_identity(&self, &one, (const unsigned char *)doc->text, doc->len);
    view = doc->text;
    vlen = doc->len;
    map = &self;
  } else {
    no.form = KIJI_FORM_NFKC;
    no.casefold = 0;
    no.invalid = invalid;
    if ((st = kiji_normalize(doc->norm, doc->text, doc->len, &no)) != KIJI_OK)
      return fail(doc, st, kiji_norm_error(doc->norm), kiji_norm_error_offset(doc->norm));
    view = kiji_norm_text(doc->norm, &vlen);
    map = kiji_norm_map(doc->norm);
  }
  so.invalid = invalid;
  if ((st = kiji_sentences(doc->seg, view, vlen, &so)) != KIJI_OK)
    return fail(doc, st, kiji_seg_error(doc->seg), 0);
  sp = kiji_seg_spans(doc->seg, &n);
  if (!kiji_grow(&doc->sentences.p, &doc->sentences.cap, n, sizeof(kiji_range)))
    return fail(doc, KIJI_ENOMEM, "out of memory", 0);
  for (i = 0; i < n; i++) {
    kiji_range *r = (kiji_range *)doc->sentences.p + i;
    if (kiji_ann_to_origin(map, sp[i].start, sp[i].end, &r->start, &r->end, &hint) != KIJI_OK)
      return fail(doc, KIJI_EINVAL, "sentences do not fit the text", 0);
    if (r->start < prev) r->start = prev; /* one character made of both sentences */
    if (r->end < r->start) r->end = r->start;
    prev = r->end;
  }
  doc->sentences.n = n;
  if (vlen >= ANN_KEEP) kiji_seg_shrink(doc->seg); /* not kept beside the records */
  return KIJI_OK;
}

/* Sentence r (original bytes) in the view, after the sentence that ended
** at prev_end there; *clean: whether no character spans the two (the
** view's start is its own, not moved to prev_end). 0 when r does not fit. */
static int view_range(kiji_doc *doc, const kiji_range *r, size_t prev_end, size_t *vs, size_t *ve,
                      int *clean) {
  if (kiji_ann_to_view(kiji_norm_map(doc->norm), r->start, r->end, vs, ve, &doc->map_hint) !=
      KIJI_OK)
    return 0;
  if (clean) *clean = *vs >= prev_end;
  if (*vs < prev_end) *vs = prev_end; /* a character made of both sentences' bytes */
  if (*ve < *vs) *ve = *vs;
  return 1;
}

/* Where the window that starts at from with sentence i (which ends at
** prev_end) ends: at the start of the first sentence after ANN_WINDOW
** bytes that no character joins to the one before it, else at the
** view's end. KIJI_NONE when a sentence does not fit. */
static size_t window_end(kiji_doc *doc, size_t i, size_t from, size_t prev_end) {
  const kiji_range *r = doc->sentences.p;
  size_t vs, ve, nlen;
  int clean;
  kiji_norm_text(doc->norm, &nlen);
  if (nlen - from < ANN_WINDOW) return nlen; /* (most texts: one window) */
  for (i++; i < doc->sentences.n; i++) {
    if (!view_range(doc, r + i, prev_end, &vs, &ve, &clean)) return KIJI_NONE;
    if (clean && vs - from >= ANN_WINDOW) return vs;
    prev_end = ve;
  }
  return nlen;
}

static int mention_order(const void *a, const void *b) {
  const kiji_mention *x = a, *y = b;
  if (x->span.start != y->span.start) return x->span.start < y->span.start ? -1 : 1;
  return x->span.end < y->span.end ? -1 : x->span.end > y->span.end;
}

/* The sentence's mentions in text order, for the relations that look
** mentions up by position. */
static int sort_mentions(ann_sent *st) {
  kiji_doc *doc = st->doc;
  kiji_mention *m = doc->mentions.p;
  size_t i;
  int moves = doc->source != KIJI_NONE && doc->source >= st->first_mention;
  kiji_range source = moves ? m[doc->source].span : st->dateline;
  if (doc->mentions.n - st->first_mention > 1) /* (never arithmetic on a NULL buffer) */
    qsort(m + st->first_mention, doc->mentions.n - st->first_mention, sizeof(kiji_mention),
          mention_order);
  for (i = st->first_mention; moves && i < doc->mentions.n; i++)
    if (m[i].span.start == source.start && m[i].span.end == source.end) {
      doc->source = i; /* the dateline's outlet, where the sort put it */
      break;
    }
  return 1;
}

/* The rules over one sentence, in order: each reads what those before it
** wrote (a title takes the body it qualifies before a body stands alone;
** outlets skip what officials took; bodies the lexicon does not list
** fill the gaps the lexicon's mentions leave, and an acronym the text
** defines names what its definition's mention names; a dateline is read
** from the outlets in it, and marks a span that no later rule takes a
** party from; attributions find their sources among the sorted mentions;
** denials take their reporting outlet from the attributions; anaphors
** resolve their parties, which a quotation then takes as its speaker and
** gives, with the antecedent, to what it carries; a denial's target is an
** outlet that is neither its denier nor its reporter). 0 when out of
** memory. */
static int (*const relations[])(ann_sent *) = {
    kiji_ann_acronym_entries, kiji_ann_officials, kiji_ann_outlets, kiji_ann_open_mentions,
    kiji_ann_acronyms,        kiji_ann_datelines, sort_mentions,    kiji_ann_attributions,
    kiji_ann_denials,         kiji_ann_anaphors,  kiji_ann_quotes,  kiji_ann_targets,
    kiji_ann_dates,
};

/* The rules over one sentence [start, end) of the view, whose hits are
** hits[0..n). */
static int sentence(const kiji_annotator *a, kiji_doc *doc, size_t index, size_t start, size_t end,
                    const ann_hit *hits, size_t n, kiji_lang lang) {
  ann_sent st;
  size_t k;
  memset(&st, 0, sizeof st);
  st.doc = doc;
  st.words = a->words;
  st.filters = kiji_ann_word_filters(a->words);
  st.nationals = a->nationals;
  st.s = (const unsigned char *)kiji_norm_text(doc->norm, &k);
  st.start = start;
  st.end = end;
  st.index = index;
  st.ja = lang == KIJI_LANG_JA ||
          (lang == KIJI_LANG_AUTO && kiji_ann_has_japanese(st.s, st.start, st.end));
  st.first_mention = doc->mentions.n;
  st.dateline.start = st.dateline.end = KIJI_NONE;
  st.floor = start;
  st.all = hits;
  st.nall = n;
  st.compounds = a->compounds;
  if (!kiji_ann_select(doc, &st, hits, n)) return 0;
  for (k = 0; k < sizeof relations / sizeof relations[0]; k++)
    if (!relations[k](&st)) return 0;
  return st.ja ? 2 : 1;
}

kiji_status kiji_annotate(const kiji_annotator *a, kiji_doc *doc, const char *text, size_t len,
                          const kiji_annotate_options *opts) {
  static const kiji_annotate_options defaults = KIJI_ANNOTATE_OPTIONS_INIT;
  kiji_norm_options no = KIJI_NORM_OPTIONS_INIT;
  size_t i, h = 0, ja = 0, en = 0, prev_end = 0, cut = 0;
  kiji_status st;
  const ann_hit *hits = NULL;
  kiji_lang lang;
  if (doc == NULL) return KIJI_EINVAL;
  doc->error[0] = 0;
  doc->error_offset = 0;
  doc->mentions.n = doc->denials.n = doc->attributions.n = doc->quotes.n = doc->json.n = 0;
  doc->targeted = 0;
  doc->acronyms.n = 0;
  memset(&doc->quoting, 0, sizeof doc->quoting);
  doc->dateline.start = doc->dateline.end = doc->source = KIJI_NONE;
  kiji_ann_index_reset(doc); /* sentence numbers start again */
  if (a == NULL || (text == NULL && len > 0)) return fail(doc, KIJI_EINVAL, "bad argument", 0);
  if (opts == NULL) opts = &defaults;
  lang = opts->lang;
  if (opts->lang > KIJI_LANG_JA || opts->invalid > KIJI_INVALID_ERROR ||
      (opts->source == NULL && opts->source_len > 0))
    return fail(doc, KIJI_EINVAL, "bad option", 0);
  if (!kiji_ann_dates_start(doc, opts->date)) return fail(doc, KIJI_EINVAL, "bad option: date", 0);
  meet(a, doc);
  if (len > (size_t)INT32_MAX) /* before any work: sentences could not take it */
    return fail(doc, KIJI_ETOOBIG, "input too large: more than 2147483647 bytes (ICU's limit)", 0);
  if ((doc->norm == NULL && (doc->norm = kiji_norm_new()) == NULL) ||
      (doc->scan == NULL && (doc->scan = kiji_scan_new()) == NULL))
    return fail(doc, KIJI_ENOMEM, "out of memory", 0);
  doc->text = len ? text : "";
  doc->len = len;
  no.invalid = opts->invalid;
  if ((st = sentences(a, doc, opts->invalid)) != KIJI_OK) return st;
  if ((st = kiji_normalize(doc->norm, doc->text, len, &no)) != KIJI_OK)
    return fail(doc, st, kiji_norm_error(doc->norm), kiji_norm_error_offset(doc->norm));
  doc->view_map = kiji_norm_map(doc->norm);
  {
    size_t vlen;
    const char *view = kiji_norm_text(doc->norm, &vlen);
    if (lang == KIJI_LANG_AUTO && !kiji_ann_may_be_japanese((const unsigned char *)view, vlen))
      lang = KIJI_LANG_EN; /* (sentence by sentence, the same answer) */
  }
  doc->hits.n = 0;
  for (i = 0; i < doc->sentences.n; i++) {
    const kiji_range *r = (const kiji_range *)doc->sentences.p + i;
    size_t first, vs, ve;
    int which;
    if (!view_range(doc, r, prev_end, &vs, &ve, NULL))
      return fail(doc, KIJI_EINVAL, "sentences do not fit the text", 0);
    prev_end = ve;
    if (i == 0 || vs >= cut) { /* the next window: its hits replace the last's */
      size_t from = cut;
      if ((cut = window_end(doc, i, from, ve)) == KIJI_NONE)
        return fail(doc, KIJI_EINVAL, "sentences do not fit the text", 0);
      if ((st = scan_window(a, doc, i == 0 ? 0 : from, cut)) != KIJI_OK) return st;
      hits = doc->hits.p;
      h = 0;
    }
    while (h < doc->hits.n && hits[h].start < vs) h++;
    first = h;
    while (h < doc->hits.n && hits[h].start < ve) h++;
    which = sentence(a, doc, i, vs, ve, h > first ? hits + first : NULL, h - first, lang);
    if (which == 0) return fail(doc, KIJI_ENOMEM, "out of memory", 0);
    /* weighed in the view (a width is no weight), at least 1 when the
    ** sentence holds anything: the view may drop all of it (a NUL) */
    *(which == 2 ? &ja : &en) += ve - vs + (ve == vs && r->end > r->start);
  }
  kiji_ann_dateline_reporters(doc);
  kiji_ann_to_original(doc);
  if (!given_source(a, doc, opts->source, opts->source_len))
    return fail(doc, KIJI_ENOMEM, "out of memory", 0);
  doc->lang = ja == 0        ? KIJI_LANG_EN
              : en == 0      ? KIJI_LANG_JA
              : ja >= 4 * en ? KIJI_LANG_JA
              : en >= 4 * ja ? KIJI_LANG_EN
                             : KIJI_LANG_MIXED;
  return KIJI_OK;
}
