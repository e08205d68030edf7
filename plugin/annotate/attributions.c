/*
** attributions.c -- claims attributed to a source: "according to X",
** "X reported (that)", "…, X said", "sources told X", Xによると, Xが報じた.
** An attribution needs its source in English (a bare "said" is everywhere);
** in Japanese a quoted claim before 〜と述べた makes one even when the
** subject is left out, as Japanese news leaves it out.
*/
#include <string.h>

#include "ann.h"
#include "ann_text.h"

static const kiji_range none = {KIJI_NONE, KIJI_NONE};

static int push(ann_sent *st, const ann_hit *cue, const ann_party *src, kiji_range claim) {
  kiji_attribution *a = kiji_ann_push(&st->doc->attributions, sizeof *a);
  if (a == NULL) return 0;
  a->cue.start = cue->start;
  a->cue.end = cue->end;
  a->source = none;
  a->source_mention = a->source_antecedent = KIJI_NONE;
  if (src) {
    a->source.start = src->start;
    a->source.end = src->end;
    a->source_mention = src->mention;
  }
  a->claim = claim;
  a->sentence = st->index;
  return 1;
}

/* An anonymous source ("sources", 関係筋) ending within a word of pos: the
** first of the entities that end in [pos - 2, pos] (consecutive). */
static int anonymous_before(const ann_sent *st, size_t pos, ann_party *p) {
  size_t i;
  for (i = kiji_ann_hit_after(st->ent, st->nent, pos >= 3 ? pos - 3 : 0);
       i < st->nent && st->ent[i].end <= pos; i++) {
    const ann_hit *h = &st->ent[i];
    if (h->kind == AK_SOURCE && pos - h->end <= 2) {
      p->start = h->start;
      p->end = h->end;
      p->mention = KIJI_NONE;
      return 1;
    }
  }
  return 0;
}

/* An anonymous source qualified by a place before pos: "sources at the
** ministry told…", "officials in Tokyo said": the source through to pos. */
static int anonymous_at(const ann_sent *st, size_t pos, ann_party *p);

/* How many words lie between a and b (a <= b). */
static size_t words_between(const ann_sent *st, size_t a, size_t b) {
  size_t n = 0;
  ann_word w;
  while (n < 8 && kiji_ann_word_after(st->s, a, b, &w)) {
    n++;
    a = w.end;
  }
  return n;
}

/* Whether the cue is a word of a name: "States" in "the United States". */
static int in_entity(const ann_sent *st, const ann_hit *c) {
  size_t i = kiji_ann_hit_after(st->ent, st->nent, c->start);
  return i < st->nent && st->ent[i].start < c->end;
}

static int anonymous_at(const ann_sent *st, size_t pos, ann_party *p) {
  size_t i = st->nent, passed = 0;
  while (i-- > 0) {
    const ann_hit *h = &st->ent[i];
    ann_word w;
    if (h->end > pos) continue;
    if (h->kind != AK_SOURCE) { /* the place: "the ministry" of "sources at the ministry" */
      if (++passed > 2) return 0;
      continue;
    }
    if (words_between(st, h->end, pos) > 4 || !kiji_ann_word_after(st->s, h->end, pos, &w) ||
        (!kiji_ann_word_is(st, &w, AW_PLACE_PREP) && !kiji_ann_word_is(st, &w, AW_OF_BODY)))
      return 0;
    p->start = h->start;
    p->end = kiji_ann_trimmed(st, h->start, pos).end;
    p->mention = KIJI_NONE;
    return 1;
  }
  return 0;
}

static int english(ann_sent *st, const ann_hit *c) {
  ann_party src;
  ann_word w;
  if (kiji_ann_noun_use(st, c) || kiji_ann_is(c, "cue.describe") || in_entity(st, c)) return 1;
  if (c->sub == AS_ATTRIB_PREP) {
    if (!kiji_ann_party_after_en(st, c->end, &src) && !anonymous_before(st, c->end + 40, &src))
      return 1;
    /* "According to X, CLAIM." or "CLAIM, according to X." */
    if (kiji_ann_skip_space_back(st->s, st->start, c->start) == st->start)
      return push(st, c, &src, kiji_ann_trimmed(st, src.end, st->end));
    return push(st, c, &src, kiji_ann_trimmed(st, st->start, c->start));
  }
  /* a speech verb: its subject close before it, or "…, said X" */
  if ((kiji_ann_subject_en(st, c->start, &src) && words_between(st, src.end, c->start) <= 2) ||
      anonymous_before(st, c->start, &src) || anonymous_at(st, c->start, &src)) {
    size_t from = c->end;
    ann_party heard;
    if (kiji_ann_is(c, "cue.tell") && kiji_ann_word_after(st->s, from, st->end, &w)) {
      /* "told reporters (that) …", "told Reuters …": past the hearer */
      from = kiji_ann_party_after_en(st, from, &heard) ? heard.end : w.end;
      if (kiji_ann_word_after(st->s, from, st->end, &w) && kiji_ann_word_is(st, &w, AW_PLACE_PREP))
        for (from = w.end;
             kiji_ann_word_after(st->s, from, st->end, &w) && kiji_ann_capital(st, w.start);)
          from = w.end; /* "… in Tokyo" */
      if (!kiji_ann_word_after(st->s, from, st->end, &w))
        return push(st, c, &src,
                    kiji_ann_trimmed(st, st->start, src.start)); /* '"…," X told reporters.' */
    }
    if (kiji_ann_word_after(st->s, from, st->end, &w) && kiji_ann_word_is(st, &w, AW_THAT))
      from = w.end;
    if (from == c->end && !kiji_ann_word_after(st->s, from, st->end, &w)) {
      size_t end = src.start; /* '"…," X said.', '"…," the spokesman said.' */
      if (kiji_ann_word_before(st->s, st->start, end, &w) &&
          kiji_ann_word_is(st, &w, AW_DETERMINER))
        end = w.start;
      return push(st, c, &src, kiji_ann_trimmed(st, st->start, end));
    }
    return push(st, c, &src, kiji_ann_trimmed(st, from, st->end));
  }
  /* '"…," said X'; but who is told is the hearer, not the source */
  if (!kiji_ann_is(c, "cue.tell") && kiji_ann_party_after_en(st, c->end, &src))
    return push(st, c, &src, kiji_ann_trimmed(st, st->start, c->start));
  return 1;
}

static int japanese(ann_sent *st, const ann_hit *c) {
  ann_party src;
  int has;
  if (c->sub == AS_ATTRIB_JA_SOURCE) {
    if (!kiji_ann_party_before_ja(st, c->start, &src) && !anonymous_before(st, c->start, &src))
      return 1;
    return push(st, c, &src, kiji_ann_trimmed(st, c->end, st->end));
  }
  has = kiji_ann_subject_ja(st, c->start, &src);
  if (kiji_ann_particle_before(st, c->start, 0) == KIJI_NONE)
    return has ? push(st, c, &src, none) : 1;
  return push(st, c, has ? &src : NULL,
              kiji_ann_ja_claim(st, c->start, 0, has ? src.end : KIJI_NONE));
}

/* At most ANN_MAX_ATTRIBUTIONS a sentence (ann.h). */
int kiji_ann_attributions(ann_sent *st) {
  size_t i, first = st->doc->attributions.n;
  for (i = 0; i < st->ncue && st->doc->attributions.n - first < ANN_MAX_ATTRIBUTIONS; i++) {
    const ann_hit *c = &st->cue[i];
    int ok = 1;
    if (c->sub == AS_ATTRIB_PREP || c->sub == AS_ATTRIB_VERB) {
      if (!st->ja) ok = english(st, c);
    } else if (c->sub == AS_ATTRIB_JA_SOURCE || c->sub == AS_ATTRIB_JA_VERB) {
      if (st->ja) ok = japanese(st, c);
    }
    if (!ok) return 0;
  }
  return 1;
}
