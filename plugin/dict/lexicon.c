/*
** lexicon.c -- the built-in lexicon as a kiji_dict: the image compiled at
** build time (lexicon_data.c), checked whole by its generator and used
** in place: every annotator shares the library's read-only copy.
*/
#include "dict.h"
#include "lexicon.h"

kiji_status kiji_lexicon_load(kiji_dict **out, kiji_error *err) {
  return kiji_dict_load_builtin(kiji_lexicon_image, kiji_lexicon_image_size, out, err);
}

kiji_status kiji_lexicon_words_load(kiji_dict **out, kiji_error *err) {
  return kiji_dict_load_builtin(kiji_lexicon_words_image, kiji_lexicon_words_image_size, out, err);
}
