/*
** words.c -- the words the rules consult, asked for as hits of the
** lexicon's kind `word` (plugin/lexicon/words.tsv) on the view: never a
** string compared with the text. The hits of a sentence are sorted by
** start, so a question is a binary search and a look at the hits there.
*/
#include "ann.h"
#include "ann_text.h"

/* The end of the longest word of class cls that starts at pos, or 0. */
size_t kiji_ann_word_at(const ann_sent *st, size_t pos, int cls) {
  size_t i, end = 0;
  for (i = kiji_ann_hit_from(st->all, st->nall, pos); i < st->nall && st->all[i].start == pos;
       i++)
    if (st->all[i].kind == AK_WORD && (st->all[i].words >> cls & 1) && st->all[i].end > end)
      end = st->all[i].end;
  return end;
}

int kiji_ann_word_is(const ann_sent *st, const ann_word *w, int cls) {
  size_t i;
  for (i = kiji_ann_hit_from(st->all, st->nall, w->start);
       i < st->nall && st->all[i].start == w->start; i++)
    if (st->all[i].kind == AK_WORD && st->all[i].end == w->end && (st->all[i].words >> cls & 1))
      return 1;
  return 0;
}

size_t kiji_ann_word_within(const ann_sent *st, size_t from, size_t to, int cls, size_t *end) {
  size_t i;
  for (i = kiji_ann_hit_from(st->all, st->nall, from); i < st->nall && st->all[i].start < to;
       i++)
    if (st->all[i].kind == AK_WORD && (st->all[i].words >> cls & 1) && st->all[i].end <= to) {
      if (end) *end = st->all[i].end;
      return st->all[i].start;
    }
  return KIJI_NONE;
}
