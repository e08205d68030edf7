/*
** snap.c -- a boundary moved onto a character boundary (seg.h), for
** seg.c and sent_scan.c: both take boundaries from ICU, which reads each
** maximal subpart of an ill-formed sequence as one U+FFFD as kiji does,
** and check each against kiji's decoding all the same.
*/
#include "seg.h"
#include "base/utf8.h"

size_t kiji_seg_snap(const unsigned char *s, size_t len, size_t b) {
  size_t k, q, l;
  if (b >= len) return len;
  if (!kiji_utf8_is_cont(s[b])) return b;
  /* a continuation byte: decode from the last byte that starts a character */
  for (k = 1; k <= 3 && k <= b; k++)
    if (!kiji_utf8_is_cont(s[b - k])) break;
  if (k > 3 || k > b) return b; /* past any sequence: a stray byte of its own */
  q = b - k;
  kiji_utf8_decode(s + q, len - q, &l);
  return q + l <= b ? b : q;
}
