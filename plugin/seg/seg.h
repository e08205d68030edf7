/*
** seg.h -- what seg.c (ICU, the API) and seg_rules.c (kiji's news rules
** for sentences) share. Internal: nothing here is part of kiji.h.
*/
#ifndef KIJI_SEG_H
#define KIJI_SEG_H

#include "base/internal.h"

/* Bytes (start, end] of a text in which no sentence may end. */
typedef struct seg_range {
  size_t start, end;
} seg_range;

/*
** The news rules' view of one text. A kiji_seg owns one and reuses its
** quote array from call to call; kiji_seg_news_begin resets the rest.
*/
typedef struct seg_news {
  const unsigned char *s;
  size_t len;
  seg_range *quotes; /* Japanese quotations with a particle, in order */
  size_t nquotes, quote_cap;
  size_t qi; /* the first quote that may hold a later boundary */
  /* The white space around the last boundary, kept because ICU puts one
  ** boundary after each line break of a run and the run is scanned once. */
  int gap_valid;
  size_t ws0, ws1;  /* [ws0, ws1): the run */
  size_t breaks;    /* its line breaks (U+2029 counts 2: a blank line) */
  size_t next_line; /* where the line after its last break starts */
} seg_news;

/*
** Point n at s[0..len) and find its quotations. 0 when the quote array
** cannot grow (out of memory).
*/
KIJI_HIDDEN int kiji_seg_news_begin(seg_news *n, const unsigned char *s, size_t len);

/*
** ICU's sentence boundary b moved back before the opening brackets and
** quotes that end the text before it (rule 2 of seg_rules.c), but never to
** floor or before (then b itself).
*/
KIJI_HIDDEN size_t kiji_seg_news_move(const seg_news *n, size_t b, size_t floor);

/* Whether ICU's sentence boundary b (0 < b < len, increasing from call to
** call) stays under the news rules. */
KIJI_HIDDEN int kiji_seg_news_keep(seg_news *n, size_t b);

/* The first time stamp in [a, b) that stands between white space (rule
** 5 of seg_rules.c): 1 and its [*start, *end), or 0. */
KIJI_HIDDEN int kiji_seg_news_stamp(const seg_news *n, size_t a, size_t b, size_t *start,
                                    size_t *end);

/* Narrow [*start, *end) of n's text to leave out white space at both ends. */
KIJI_HIDDEN void kiji_seg_trim(const seg_news *n, size_t *start, size_t *end);

/*
** b itself when it is a character boundary of s[0..len) as kiji decodes it
** (maximal subparts of ill-formed sequences, utf8.h); else the start of the
** character or ill-formed sequence that b falls inside.
*/
KIJI_HIDDEN size_t kiji_seg_snap(const unsigned char *s, size_t len, size_t b);

/*
** The room of the last call's spans and quotations given back (the
** spans are gone): a caller done with a large text's sentences keeps
** the kiji_seg but not that. Shrunk, not freed: glibc, on freeing a
** large block, serves blocks up to its size from the heap from then on,
** which a document's growing arrays then fragment.
*/
KIJI_HIDDEN void kiji_seg_shrink(kiji_seg *s);

/* Tests: nonzero makes kiji_sentences run ICU's iterator over the whole
** text under the news rules, as before kiji's scanner (sent_scan.c). */
KIJI_HIDDEN void kiji_seg_icu_only(kiji_seg *s, int on);

#endif
