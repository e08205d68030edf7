/*
** sent_scan.h -- ICU's sentence boundaries found by kiji's own one-pass
** scanner (sent_scan.c), ICU asked only for the paragraphs it cannot
** decide. Internal: seg.c runs it under the news rules.
*/
#ifndef KIJI_SENT_SCAN_H
#define KIJI_SENT_SCAN_H

#include <unicode/ubrk.h>
#include <unicode/utext.h>

#include "base/internal.h"

/* One suppression of en@ss=standard, or the part of one up to its first
** full stop (what ICU's backward trie holds): UTF-8, ends with '.'. */
typedef struct sent_abbr {
  const char *s;
  size_t len;
  int partial; /* backward list: the part of a longer entry */
} sent_abbr;

/*
** What every scan reads, made once with the segmenter and immutable: the
** Sentence_Break class of each ASCII character, and the strings after
** which en@ss=standard may suppress a boundary, grouped by the byte
** before their final '.' (by_byte[b] .. by_byte[b + 1]).
*/
typedef struct sent_scan_data {
  unsigned char ascii[128];
  unsigned char stop[256]; /* 0: a byte the scan passes without a look */
  int stop_ascii5;         /* the ASCII bytes stop marks are LF CR ! . ? */
  sent_abbr *abbr, *fwd;   /* ICU's backward and forward tries as lists */
  char *chars;             /* the strings' bytes */
  size_t nabbr, nfwd;
  int all_to_icu; /* entries of a shape the scan does not model */
  unsigned short by_byte[257];
} sent_scan_data;

/* One text's scan; bi and ut belong to the caller's kiji_seg. */
typedef struct sent_scan {
  const sent_scan_data *d;
  const unsigned char *s;
  size_t len;
  size_t pos; /* the last boundary given */
  int filter; /* en@ss=standard's suppressions apply */
  UBreakIterator *bi;
  UText *ut;
  size_t win1;   /* ICU decides up to the end of this paragraph, if nonzero */
  int win_first; /* ICU's next answer is its first in the paragraph */
  int text_set;  /* bi reads the text */
} sent_scan;

/* Fill d (suppressions: en's; when ICU cannot give them, every boundary
** they might drop goes to ICU). KIJI_OK or KIJI_ENOMEM. */
KIJI_HIDDEN kiji_status kiji_sent_scan_data_init(sent_scan_data *d);
KIJI_HIDDEN void kiji_sent_scan_data_free(sent_scan_data *d);

/* Point sc at s[0..len); bi (a clone of the sentence iterator ICU would
** run on the whole text) decides the paragraphs the scanner cannot. */
KIJI_HIDDEN void kiji_sent_scan_begin(sent_scan *sc, const sent_scan_data *d, UBreakIterator *bi,
                                      UText *ut, const unsigned char *s, size_t len, int filter);

/* The next boundary after the last one (the first call: after 0), the
** same as ICU's; len last. KIJI_NONE when ICU fails (out of memory). */
KIJI_HIDDEN size_t kiji_sent_scan_next(sent_scan *sc);

#endif
