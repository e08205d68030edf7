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

/* What a claim loses at its start, at its end, and what it must hold. */
static int lead_trim(uint32_t c) {
  return kiji_ann_script(c) == SC_SPACE || c == ',' || c == 0x3001 || c == ':';
}

static int trail_trim(uint32_t c) {
  return kiji_ann_script(c) == SC_SPACE || c == ',' || c == '.' || c == 0x3001 || c == 0x3002 ||
         c == ';';
}

static int no_letter(uint32_t c) {
  ann_script sc = kiji_ann_script(c);
  return !(sc == SC_LATIN || sc == SC_HAN || sc == SC_KATA || sc == SC_HIRA);
}

/*
** [start, end) less white space and closing punctuation at its ends. A
** scan that has gone LONG_SCAN characters is in a long run of what it
** skips, which it then crosses at once (ann_index.c keeps such runs):
** its steps were whole characters, and the scan back is not within 4
** bytes of start, where decoding back sees no further.
*/
#define LONG_SCAN 64

static kiji_range trimmed(const ann_sent *st, size_t start, size_t end) {
  kiji_range r = none;
  size_t j, l, rs, re, n;
  for (n = 0; start < end; n++) {
    uint32_t c = kiji_ann_cp(st->s, start, end, &j);
    if (!lead_trim(c)) break;
    start += j;
    if (n == LONG_SCAN && kiji_ann_long_run(st, ANN_IX_LEAD, lead_trim, start, &rs, &re) &&
        re <= end)
      start = re;
  }
  for (n = 0; end > start; n++) {
    uint32_t c = kiji_ann_cp_before(st->s, start, end, &j);
    if (!trail_trim(c)) break;
    end = j;
    if (n == LONG_SCAN && end > start &&
        kiji_ann_long_run(st, ANN_IX_TRAIL, trail_trim, end - 1, &rs, &re) && rs >= start + 4)
      end = rs;
  }
  for (j = start, n = 0; j < end; j += l, n++) { /* nothing but quotes and dashes is no claim */
    if (!no_letter(kiji_ann_cp(st->s, j, end, &l))) {
      r.start = start;
      r.end = end;
      break;
    }
    if (n == LONG_SCAN && kiji_ann_long_run(st, ANN_IX_NONLETTER, no_letter, j + l, &rs, &re))
      l = re - j;
  }
  return r;
}

static int push(ann_sent *st, const ann_hit *cue, const ann_party *src, kiji_range claim) {
  kiji_attribution *a = kiji_ann_push(&st->doc->attributions, sizeof *a);
  if (a == NULL) return 0;
  a->cue.start = cue->start;
  a->cue.end = cue->end;
  a->source = none;
  a->source_mention = KIJI_NONE;
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

static const char noun_before[] =
    "the\0a\0an\0its\0his\0her\0their\0this\0that\0these\0those\0our\0my\0your\0such\0"
    "any\0no\0earlier\0latest\0news\0media\0initial\0original\0first\0";

int kiji_ann_noun_use(const ann_sent *st, const ann_hit *v) {
  ann_word w, self;
  if (!kiji_ann_word_before(st->s, st->start, v->start, &w)) return 0;
  if (kiji_ann_word_in(st->s, &w, noun_before) ||
      kiji_ann_strip_possessive(st->s, w.start, w.end) != w.end)
    return 1;
  /* "report" is a noun but after a plural subject or an auxiliary
  ** ("Times report"); "reports" a verb after a subject ("Kyodo reports") */
  self.start = v->start;
  self.end = v->end;
  if (kiji_ann_word_in(st->s, &self, "report\0claim\0"))
    return !kiji_ann_word_in(st->s, &w, "they\0we\0i\0you\0to\0will\0would\0may\0"
                                        "might\0could\0should\0did\0often\0also\0");
  if (kiji_ann_word_in(st->s, &self, "reports\0claims\0"))
    return !kiji_ann_word_cap(st->s, &w) &&
           !kiji_ann_word_in(st->s, &w, "he\0she\0it\0also\0");
  return 0;
}

static int english(ann_sent *st, const ann_hit *c) {
  ann_party src;
  ann_word w;
  if (kiji_ann_noun_use(st, c) || kiji_ann_is(c, "cue.describe")) return 1;
  if (c->sub == AS_ATTRIB_PREP) {
    if (!kiji_ann_party_after_en(st, c->end, &src) && !anonymous_before(st, c->end + 40, &src))
      return 1;
    /* "According to X, CLAIM." or "CLAIM, according to X." */
    if (kiji_ann_skip_space_back(st->s, st->start, c->start) == st->start)
      return push(st, c, &src, trimmed(st, src.end, st->end));
    return push(st, c, &src, trimmed(st, st->start, c->start));
  }
  /* a speech verb: its subject close before it, or "…, said X" */
  if ((kiji_ann_subject_en(st, c->start, &src) && words_between(st, src.end, c->start) <= 2) ||
      anonymous_before(st, c->start, &src)) {
    size_t from = c->end;
    ann_party heard;
    if (kiji_ann_is(c, "cue.tell") && kiji_ann_word_after(st->s, from, st->end, &w)) {
      /* "told reporters (that) …", "told Reuters …": past the hearer */
      from = kiji_ann_party_after_en(st, from, &heard) ? heard.end : w.end;
      if (kiji_ann_word_after(st->s, from, st->end, &w) && kiji_ann_word_in(st->s, &w, "in\0at\0on\0"))
        for (from = w.end; kiji_ann_word_after(st->s, from, st->end, &w) &&
                           kiji_ann_word_cap(st->s, &w);)
          from = w.end; /* "… in Tokyo" */
      if (!kiji_ann_word_after(st->s, from, st->end, &w))
        return push(st, c, &src, trimmed(st, st->start, src.start)); /* '"…," X told reporters.' */
    }
    if (kiji_ann_word_after(st->s, from, st->end, &w) && kiji_ann_word_in(st->s, &w, "that\0"))
      from = w.end;
    if (from == c->end && !kiji_ann_word_after(st->s, from, st->end, &w))
      return push(st, c, &src, trimmed(st, st->start, src.start)); /* '"…," X said.' */
    return push(st, c, &src, trimmed(st, from, st->end));
  }
  if (kiji_ann_party_after_en(st, c->end, &src))
    return push(st, c, &src, trimmed(st, st->start, c->start));
  return 1;
}

/* The clause before a Japanese particle と at `to`: the 「…」 right before
** it, else back to the last 、 or the subject's particle. */
static kiji_range ja_claim_before(const ann_sent *st, size_t to, size_t floor) {
  size_t j, i;
  uint32_t c = kiji_ann_cp_before(st->s, st->start, to, &j);
  if (c == 0x300D && (i = kiji_ann_bracket_open(st, j)) != KIJI_NONE) /* 」: its 「 */
    return trimmed(st, i, to);
  i = kiji_ann_comma_back(st, floor, j);
  return trimmed(st, i < floor ? floor : i, to);
}

/* Where a particle と (or を) sits just before pos, across a few adverbs
** (と明確に否定した), or KIJI_NONE. */
static size_t particle_before(const ann_sent *st, size_t pos, int accept_wo) {
  size_t i = pos, j, n;
  for (n = 0; n < 6 && i > st->start; n++) {
    uint32_t c = kiji_ann_cp_before(st->s, st->start, i, &j);
    if (c == 0x3068 /* と */ || (accept_wo && c == 0x3092 /* を */)) return j;
    if (kiji_ann_script(c) == SC_PUNCT && c != 0x3001) break;
    i = j;
  }
  return KIJI_NONE;
}

static int japanese(ann_sent *st, const ann_hit *c) {
  ann_party src;
  int has;
  if (c->sub == AS_ATTRIB_JA_SOURCE) {
    if (!kiji_ann_party_before_ja(st, c->start, &src) && !anonymous_before(st, c->start, &src))
      return 1;
    return push(st, c, &src, trimmed(st, c->end, st->end));
  }
  has = kiji_ann_subject_ja(st, c->start, &src);
  if (particle_before(st, c->start, 0) == KIJI_NONE) return has ? push(st, c, &src, none) : 1;
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

/* Shared with denials.c. */
kiji_range kiji_ann_trimmed(const ann_sent *st, size_t start, size_t end) {
  return trimmed(st, start, end);
}

/* The claim before a Japanese cue's と (or を), after the speaker and its
** particle (は, が) when the speaker comes first. The particle is stepped
** over as a character: what follows the speaker may be a space, or bytes
** that are not UTF-8. */
kiji_range kiji_ann_ja_claim(const ann_sent *st, size_t cue_start, int accept_wo,
                             size_t speaker_end) {
  size_t to = particle_before(st, cue_start, accept_wo), floor = st->start, len;
  if (to == KIJI_NONE) return none;
  if (speaker_end != KIJI_NONE && speaker_end < cue_start) {
    floor = kiji_ann_skip_space(st->s, speaker_end, st->end);
    if (floor < st->end) {
      kiji_ann_cp(st->s, floor, st->end, &len);
      floor += len;
    }
  }
  if (floor > to) floor = st->start;
  return ja_claim_before(st, to, floor);
}
