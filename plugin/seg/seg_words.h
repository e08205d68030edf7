/*
** seg_words.h -- the words the sentence rules consult, compiled from
** plugin/lexicon/seg.tsv into build/gen/seg_words.c (plugin/gen/
** seg_words.awk). Each array ends with {NULL, 0}.
*/
#ifndef KIJI_SEG_WORDS_H
#define KIJI_SEG_WORDS_H

#include "base/internal.h"

typedef struct kiji_seg_word {
  const char *s;
  size_t len;
} kiji_seg_word;

/* a full stop after one does not end a sentence */
KIJI_HIDDEN extern const kiji_seg_word kiji_seg_abbreviation[];
/* ...when a number follows it */
KIJI_HIDDEN extern const kiji_seg_word kiji_seg_abbreviation_number[];
/* after a closing 」 the sentence goes on */
KIJI_HIDDEN extern const kiji_seg_word kiji_seg_quotative[];

#endif
