/*
** norm_check.h -- whether a text is its own NFKC form, by the normalizer's
** tables (norm.c): the annotator splits such a text as it is, with no
** NFKC pass and an identity map.
*/
#ifndef KIJI_NORM_CHECK_H
#define KIJI_NORM_CHECK_H

#include <stddef.h>

#include "base/internal.h"

/* 1 when s[0, len) is certainly its own NFKC form: every character one
** that the form leaves alone and that combines with nothing before it
** (unitab's flags). 0 when a character is not, or is invalid UTF-8. */
KIJI_HIDDEN int kiji_norm_is_nfkc(const unsigned char *s, size_t len);

#endif
