/*
** lexicon.c -- the built-in lexicon as a kiji_dict: the image compiled at
** build time (lexicon_data.c), checked and loaded like any saved one.
*/
#include "lexicon.h"

kiji_status kiji_lexicon_load(kiji_dict **out, kiji_error *err) {
  return kiji_dict_load_bytes(kiji_lexicon_image, kiji_lexicon_image_size, out, err);
}
