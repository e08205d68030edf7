/*
** lexicon.h -- the built-in lexicon's compiled image, generated into
** lexicon_data.c by plugin/gen/lexicon_gen.c from plugin/lexicon/ (TSV).
*/
#ifndef KIJI_LEXICON_H
#define KIJI_LEXICON_H

#include "internal.h"

KIJI_HIDDEN extern const size_t kiji_lexicon_image_size;
KIJI_HIDDEN extern const char kiji_lexicon_image[];

#endif
