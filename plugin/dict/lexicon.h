/*
** lexicon.h -- the built-in lexicon's compiled image, generated into
** build/gen/lexicon_data.c by plugin/gen/lexicon_gen.c from plugin/lexicon/ (TSV).
*/
#ifndef KIJI_LEXICON_H
#define KIJI_LEXICON_H

#include "base/internal.h"

#if defined(__GNUC__)
#define KIJI_LEXICON_ALIGN __attribute__((aligned(64)))
#else
#define KIJI_LEXICON_ALIGN
#endif

KIJI_HIDDEN extern const size_t kiji_lexicon_image_size;
KIJI_HIDDEN extern const char kiji_lexicon_image[];
KIJI_HIDDEN extern const size_t kiji_lexicon_words_image_size;
KIJI_HIDDEN extern const char kiji_lexicon_words_image[];

/* The rules' words (plugin/lexicon/words.tsv, kind `word`), a dictionary
** of their own: the annotation looks words up in it (annotate/words.c);
** kiji_lexicon_words_load (kiji.h) gives it. */

#endif
