/*
** anaphors.c -- what "he", "the ministry" or 同省 refers to.
**
** A denier or a source that is no mention of its own but an anaphor gets
** its antecedent: the nearest mention before it, in its sentence or the
** earlier ones, that fits. he / she: an official person; they, it: an
** official body or group; a noun ("the ministry", "the minister", "the
** paper"): a mention whose text holds that noun; 同X (同省, 同庁, 同相,
** 同氏, 同紙, 同社): a mention that holds X, 同氏 a person, 同紙 / 同社 /
** 同誌 / 同通信 an outlet. No fit, no antecedent: an anaphor never becomes
** a mention of its own.
*/
#include <string.h>

#include "ann.h"
#include "ann_text.h"

/* How many earlier mentions an anaphor looks through. */
#define REACH 48

typedef enum fit { FIT_NONE, FIT_PERSON, FIT_BODY, FIT_OUTLET, FIT_NOUN } fit;

/* What the party [start, end) of the view may refer to, and the bytes a
** mention must hold when that is a noun (*noun, *noun_len). */
static fit fit_of(const ann_sent *st, size_t start, size_t end, const unsigned char **noun,
                  size_t *noun_len) {
  ann_word w;
  size_t e;
  *noun = NULL;
  *noun_len = 0;
  if (st->ja) {
    if ((e = kiji_ann_word_at(st, start, AW_OUTLET_ANAPHOR)) == end) return FIT_OUTLET;
    if ((e = kiji_ann_word_at(st, start, AW_ANAPHOR_JA)) != end) return FIT_NONE;
    if (kiji_ann_word_at(st, start, AW_PERSON_ANAPHOR_JA) == end) return FIT_PERSON;
    kiji_ann_cp(st->s, start, end, &e); /* past 同: the noun (省, 外務省) */
    *noun = st->s + start + e;
    *noun_len = end - start - e;
    return FIT_NOUN;
  }
  if (!kiji_ann_word_before(st->s, st->start, end, &w) || w.end != end) return FIT_NONE;
  if (kiji_ann_word_is(st, &w, AW_PERSON_PRONOUN)) return FIT_PERSON;
  if (kiji_ann_word_is(st, &w, AW_BODY_PRONOUN)) return FIT_BODY;
  if (kiji_ann_word_is(st, &w, AW_PRONOUN)) return FIT_NONE; /* we, I: whoever quotes them */
  *noun = st->s + w.start; /* the head noun: "the (foreign) ministry" */
  *noun_len = kiji_ann_strip_possessive(st->s, w.start, w.end) - w.start;
  return FIT_NOUN;
}

/* Whether s[0..len) holds noun[0..n): each place of its first byte, found
** by memchr, compared (most mentions hold it nowhere). */
static int holds(const unsigned char *s, size_t len, const unsigned char *noun, size_t n) {
  size_t i = 0;
  const unsigned char *p;
  if (n == 0) return 0;
  while (i + n <= len && (p = memchr(s + i, noun[0], len - n + 1 - i)) != NULL) {
    if (memcmp(p + 1, noun + 1, n - 1) == 0) return 1;
    i = (size_t)(p - s) + 1;
  }
  return 0;
}

static int fits(const ann_sent *st, const kiji_mention *m, fit f, const unsigned char *noun,
                size_t noun_len) {
  int person = m->kind == KIJI_KIND_OFFICIAL && strcmp(m->subtype, "person") == 0;
  switch (f) {
    case FIT_PERSON: return person;
    case FIT_BODY: return (m->kind == KIJI_KIND_OFFICIAL && !person) || m->kind == KIJI_KIND_OUTLET;
    case FIT_OUTLET: return m->kind == KIJI_KIND_OUTLET;
    case FIT_NOUN: return holds(st->s + m->span.start, m->span.end - m->span.start, noun, noun_len);
    default: return 0;
  }
}

/* A pronoun that opens its sentence continues the previous sentence's
** subject ("Kyodo News cited sources in the ministry. It reports…"): the
** first mention of that sentence that fits, or KIJI_NONE. */
static size_t previous_subject(const ann_sent *st, fit f) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i = st->first_mention, first = KIJI_NONE;
  while (i-- > 0 && m[i].sentence + 1 >= st->index && m[i].sentence < st->index)
    if (m[i].sentence + 1 == st->index && fits(st, &m[i], f, NULL, 0)) first = i;
  return first;
}

size_t kiji_ann_antecedent(const ann_sent *st, size_t start, size_t end) {
  const kiji_mention *m = st->doc->mentions.p;
  const unsigned char *noun;
  size_t noun_len, i = st->doc->mentions.n, n = 0;
  fit f = fit_of(st, start, end, &noun, &noun_len);
  if (f == FIT_NONE) return KIJI_NONE;
  if ((f == FIT_PERSON || f == FIT_BODY) &&
      kiji_ann_trimmed(st, st->start, start).start == KIJI_NONE &&
      (i = previous_subject(st, f)) != KIJI_NONE)
    return i;
  i = st->doc->mentions.n;
  while (i-- > 0 && n < REACH) {
    if (m[i].span.start >= start) continue; /* this sentence's, after the anaphor */
    n++;
    if (m[i].span.start < start && m[i].span.end > start) continue;
    if (fits(st, &m[i], f, noun, noun_len)) return i;
  }
  return KIJI_NONE;
}

int kiji_ann_anaphors(ann_sent *st) {
  kiji_denial *d = st->doc->denials.p;
  kiji_attribution *a = st->doc->attributions.p;
  size_t k;
  for (k = st->doc->denials.n; k-- > 0 && d[k].sentence == st->index;)
    if (d[k].by_mention == KIJI_NONE && d[k].by.start != KIJI_NONE)
      d[k].by_antecedent = kiji_ann_antecedent(st, d[k].by.start, d[k].by.end);
  for (k = st->doc->attributions.n; k-- > 0 && a[k].sentence == st->index;)
    if (a[k].source_mention == KIJI_NONE && a[k].source.start != KIJI_NONE)
      a[k].source_antecedent = kiji_ann_antecedent(st, a[k].source.start, a[k].source.end);
  return 1;
}
