/*
** heads.c -- where an English noun phrase ends. A name found by its last
** word ("Revenue Service", "Baltic Times", "the Japanese military") names
** something only when that word heads its phrase: "military hackers" and
** "Times Square" go on past it. What may follow a head is the lexicon's:
** a verb cue ("denied", "said"), a verb in the past tense, a title
** ("spokesman"), or a word of the classes that follow a subject (on,
** has, also), a preposition, a clause link (which, and), a be-form, a
** hedge, a negator, an adverb.
*/
#include <string.h>

#include "ann.h"
#include "ann_text.h"

static const int follows_head[] = {AW_AFTER_SUBJECT, AW_OBJECT_PREP, AW_CLAUSE_LINK, AW_BE,
                                   AW_HEDGE,         AW_NEGATOR,     AW_THAT,        AW_ADVERB,
                                   AW_AND,           AW_BEFORE_VERB};

int kiji_ann_verb_cue(const ann_sent *st, size_t start, size_t end) {
  size_t i;
  for (i = kiji_ann_hit_after(st->cue, st->ncue, start); i < st->ncue && st->cue[i].start < end;
       i++)
    switch (st->cue[i].sub) {
      case AS_DENIAL_VERB:
      case AS_ATTRIB_VERB:
      case AS_TRAP:
      case AS_NEGATION: return 1;
      default: break;
    }
  return 0;
}

/* Whether w is a verb in the past tense: a word in lower case that ends
** in -ed ("established", "revealed"; the match form is folded). Nouns
** seldom end so, and an -ed adjective after a head ends its phrase too
** ("the agency concerned"). */
static int past_tense(const ann_sent *st, const ann_word *w) {
  return w->end - w->start > 4 && memcmp(st->s + w->end - 2, "ed", 2) == 0 &&
         !kiji_ann_capital(st, w->start);
}

ann_after kiji_ann_after_head(const ann_sent *st, size_t pos, ann_word *next) {
  const unsigned char *s = st->s;
  size_t p = kiji_ann_skip_space(s, pos, st->end), k;
  size_t l;
  ann_classes classes;
  if (pos + 1 < st->end && s[pos] == '\'' && s[pos + 1] == 's' &&
      (pos + 2 >= st->end || kiji_ann_script(kiji_ann_cp(s, pos + 2, st->end, &l)) != SC_LATIN))
    return ANN_AFTER_MARK; /* "the Revenue Service's" */
  if (p >= st->end || (p > pos && kiji_ann_line_break(st, pos, p))) return ANN_AFTER_NOTHING;
  if (p == pos && s[pos] == '-') return ANN_AFTER_NOUN; /* "military-led" */
  if (!kiji_ann_word_after(s, pos, st->end, next)) return ANN_AFTER_MARK;
  classes = kiji_ann_word_classes(st, next); /* (one lookup for them all) */
  for (k = 0; k < sizeof follows_head / sizeof follows_head[0]; k++)
    if (AW_IN(classes, follows_head[k])) return ANN_AFTER_WORD;
  if (kiji_ann_verb_cue(st, next->start, next->start + 1) || past_tense(st, next))
    return ANN_AFTER_WORD;
  {
    size_t i = kiji_ann_hit_from(st->ent, st->nent, next->start);
    if (i < st->nent && st->ent[i].start == next->start && st->ent[i].kind == AK_TITLE)
      return ANN_AFTER_WORD; /* "a Revenue Service spokesman" */
  }
  return ANN_AFTER_NOUN;
}
