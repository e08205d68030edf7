/*
** word_ends.h -- the characters a class's words end with (words.c), as
** the blocks of kana or kanji they are in: a search for the places where
** a word of the class may end passes the characters of other blocks, and
** so most of a text (open_mentions.c's compounds).
*/
#ifndef KIJI_WORD_ENDS_H
#define KIJI_WORD_ENDS_H

#include "ann.h"

typedef struct ann_word_ends {
  int other;            /* a word ends with a character of other than three bytes */
  unsigned char lo, hi; /* the lead bytes of the others' (lo 0: none) */
  uint64_t blocks[16];  /* their blocks of 64: the low bits of their first two bytes */
} ann_word_ends;

/* What the words of class cls end with. */
KIJI_HIDDEN const ann_word_ends *kiji_ann_word_ends(const ann_words *w, int cls);

#endif
