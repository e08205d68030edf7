/*
** claims.c -- what attributions and denials share: the claim a cue
** carries (a clause less its trimmings, the Japanese clause before と),
** and whether a speech verb is used as a noun ("the report").
*/
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

kiji_range kiji_ann_trimmed(const ann_sent *st, size_t start, size_t end) {
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

int kiji_ann_noun_use(const ann_sent *st, const ann_hit *v) {
  ann_word w, self;
  int noun; /* report, reports, claim: a noun as often as a verb */
  if (!kiji_ann_word_before(st->s, st->start, v->start, &w)) return 0;
  self.start = v->start;
  self.end = v->end;
  noun =
      kiji_ann_word_is(st, &self, AW_REPORT_NOUN) || kiji_ann_word_is(st, &self, AW_REPORT_PLURAL);
  if (kiji_ann_strip_possessive(st->s, w.start, w.end) != w.end ||
      (noun && kiji_ann_word_is(st, &w, AW_NOUN_BEFORE)))
    return 1; /* "Kyodo's report", "the report", "news reports"; not "News reported" */
  /* "report" is a noun but after a plural subject or an auxiliary
  ** ("Times report"); "reports" a verb after a subject ("Kyodo reports") */
  if (kiji_ann_word_is(st, &self, AW_REPORT_NOUN)) return !kiji_ann_word_is(st, &w, AW_BEFORE_VERB);
  if (kiji_ann_word_is(st, &self, AW_REPORT_PLURAL))
    return !kiji_ann_capital(st, w.start) && !kiji_ann_word_is(st, &w, AW_SINGULAR_SUBJECT);
  return 0;
}

/* Where a particle と (or を) sits just before pos, across a few adverbs
** (と明確に否定した), or KIJI_NONE. */
size_t kiji_ann_particle_before(const ann_sent *st, size_t pos, int accept_wo) {
  size_t i = pos, j, n;
  for (n = 0; n < 6 && i > st->start; n++) {
    uint32_t c = kiji_ann_cp_before(st->s, st->start, i, &j);
    if (kiji_ann_word_at(st, j, AW_QUOTE_PARTICLE) == i ||
        (accept_wo && kiji_ann_word_at(st, j, AW_OBJECT_PARTICLE) == i))
      return j;
    if (kiji_ann_script(c) == SC_PUNCT && c != 0x3001) break;
    i = j;
  }
  return KIJI_NONE;
}

/* The clause before a Japanese particle と at `to`: the 「…」 right before
** it, else back to the last 、 or the subject's particle. */
static kiji_range ja_claim_before(const ann_sent *st, size_t to, size_t floor) {
  size_t j, i;
  uint32_t c = kiji_ann_cp_before(st->s, st->start, to, &j);
  if (c == 0x300D && (i = kiji_ann_bracket_open(st, j)) != KIJI_NONE) /* 」: its 「 */
    return kiji_ann_trimmed(st, i, to);
  i = kiji_ann_comma_back(st, floor, j);
  return kiji_ann_trimmed(st, i < floor ? floor : i, to);
}

/* The claim before a Japanese cue's と (or を), after the speaker and its
** particle (は, が) when the speaker comes first. The particle is stepped
** over as a character: what follows the speaker may be a space, or bytes
** that are not UTF-8. */
kiji_range kiji_ann_ja_claim(const ann_sent *st, size_t cue_start, int accept_wo,
                             size_t speaker_end) {
  size_t to = kiji_ann_particle_before(st, cue_start, accept_wo), floor = st->start, len;
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
