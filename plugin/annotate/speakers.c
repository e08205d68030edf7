/*
** speakers.c -- the speaker of a quotation that runs over sentences.
**
** '"The report is untrue. We never discussed a visit," the spokesman
** said.': the denial is in the first sentence, its speaker in the second.
** When a sentence begins inside a quotation that an earlier sentence
** opened, and the speech verb after the closing mark names its source,
** the denials of the earlier sentences of that quotation that name no
** denier take that source. A quotation is followed back at most
** QUOTE_REACH sentences, and never past another quote mark.
*/
#include "ann.h"

#define QUOTE_REACH 3

/* The source of the attribution that the closing mark at close ends. */
static const kiji_attribution *speech_after(const ann_sent *st, size_t close) {
  const kiji_attribution *a = st->doc->attributions.p;
  size_t k = st->doc->attributions.n;
  const kiji_attribution *best = NULL;
  while (k-- > 0 && a[k].sentence == st->index)
    if (a[k].cue.start > close && a[k].source.start != KIJI_NONE) best = &a[k];
  return best; /* the first after the mark: they are in text order */
}

static int mark_between(const ann_sent *st, size_t from, size_t to) {
  size_t i;
  for (i = from; i < to; i++)
    if (st->s[i] == '"') return 1;
  return 0;
}

int kiji_ann_speakers(ann_sent *st) {
  kiji_denial *d = st->doc->denials.p;
  const kiji_attribution *a;
  size_t close = kiji_ann_quote_carried(st), k = st->doc->denials.n;
  if (close == KIJI_NONE || (a = speech_after(st, close)) == NULL) return 1;
  while (k-- > 0) {
    if (d[k].sentence == st->index) continue;
    if (d[k].sentence + QUOTE_REACH < st->index || mark_between(st, d[k].cue.end, close)) break;
    if (d[k].by.start != KIJI_NONE) continue;
    d[k].by = a->source;
    d[k].by_mention = a->source_mention;
  }
  return 1;
}
