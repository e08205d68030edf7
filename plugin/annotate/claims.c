/*
** claims.c -- what attributions and denials share: the claim a cue
** carries (a clause less its trimmings, the Japanese clause before と),
** and whether a speech verb is used as a noun ("the report").
*/
#include "ann.h"
#include "ann_text.h"

static const kiji_range none = {KIJI_NONE, KIJI_NONE};

/* What a claim loses at its start, at its end, and what it must hold
** (inline in kiji_ann_trimmed, which asks them of every claim; past
** U+3000, the last space, no script is asked: test_unitab checks). */
static inline int lead_trim(uint32_t c) {
  if (c > 0x3000) return c == 0x3001;
  return kiji_ann_script(c) == SC_SPACE || c == ',' || c == ':';
}

static inline int trail_trim(uint32_t c) {
  if (c > 0x3000) return c == 0x3001 || c == 0x3002;
  return kiji_ann_script(c) == SC_SPACE || c == ',' || c == '.' || c == ';';
}

static inline int no_letter(uint32_t c) {
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

/* Whether w, just before a verb, is a plural noun that can be its
** subject ("analysts fear", "Investors hope"): -s, not -ss, -is or -us
** (press, analysis, status), lowercase but first in its sentence, and
** no cue itself ("denies"). */
static int plural_subject(const ann_sent *st, const ann_word *w) {
  const unsigned char *e = st->s + w->end;
  size_t k = kiji_ann_hit_after(st->cue, st->ncue, w->start);
  return w->end - w->start > 3 && e[-1] == 's' && e[-2] != 's' && e[-2] != 'i' && e[-2] != 'u' &&
         (!kiji_ann_capital(st, w->start) || w->start == st->floor) && /* not "Times report" */
         !kiji_ann_word_is(st, w, AW_NOUN_BEFORE) &&
         !(k < st->ncue && st->cue[k].start < w->end); /* a verb: "denies report that" */
}

int kiji_ann_noun_use(const ann_sent *st, const ann_hit *v) {
  ann_word w;
  return kiji_ann_noun_use_by(st, v,
                              kiji_ann_word_before(st->s, st->start, v->start, &w) ? &w : NULL);
}

int kiji_ann_noun_use_by(const ann_sent *st, const ann_hit *v, const ann_word *prev) {
  ann_word w, self;
  ann_classes mine, before;
  size_t i = kiji_ann_skip_space_back(st->s, st->start, v->start), j;
  if (i > st->start && kiji_ann_cp_before(st->s, st->start, i, &j) == '\'')
    return 1; /* "officials' claims" */
  self.start = v->start;
  self.end = v->end;
  mine = kiji_ann_word_classes(st, &self); /* report, reports, claim: a noun as often as a verb */
  if (prev == NULL)
    return AW_IN(mine, AW_REPORT_NOUN) || AW_IN(mine, AW_REPORT_PLURAL); /* "Reports said" */
  w = *prev;
  before = kiji_ann_word_classes(st, &w);
  if (kiji_ann_strip_possessive(st->s, w.start, w.end) != w.end || AW_IN(before, AW_NOUN_MARKER) ||
      ((AW_IN(mine, AW_REPORT_NOUN) || AW_IN(mine, AW_REPORT_PLURAL)) &&
       AW_IN(before, AW_NOUN_BEFORE)))
    return 1; /* "Kyodo's report", "the warning", "news reports" */
  /* "report" is a noun but after a plural subject or an auxiliary
  ** ("Times report"); "reports" a verb after a subject ("Kyodo reports") */
  if (AW_IN(mine, AW_REPORT_NOUN)) return !AW_IN(before, AW_BEFORE_VERB) && !plural_subject(st, &w);
  if (AW_IN(mine, AW_REPORT_PLURAL))
    return !kiji_ann_capital(st, w.start) && !AW_IN(before, AW_SINGULAR_SUBJECT);
  return 0;
}

/* Whether w ends in -ed and is no adjective after a determiner or a
** preposition: the verb of a clause ("claimed the firm violated…"). */
static int past_verb(const ann_sent *st, const ann_word *w, const ann_word *prev) {
  ann_classes p;
  if (w->end - w->start <= 4 || st->s[w->end - 1] != 'd' || st->s[w->end - 2] != 'e') return 0;
  p = kiji_ann_word_classes(st, prev);
  return !AW_IN(p, AW_NOUN_MARKER) && (!AW_IN(p, AW_FUNCTION_WORD) || AW_IN(p, AW_PRONOUN));
}

/* Whether "to" follows w: "not to stop" is no finite verb. */
static int infinitive(const ann_sent *st, const ann_word *w) {
  ann_word v;
  return kiji_ann_word_after(st->s, w->end, st->end, &v) && kiji_ann_word_is(st, &v, AW_TO);
}

/* Whether the word after "that" is a verb: "the plan that was approved"
** is a relative clause, no claim. */
static int relative_that(const ann_sent *st, const ann_word *that) {
  ann_word v;
  return kiji_ann_word_after(st->s, that->end, st->end, &v) &&
         (kiji_ann_word_is(st, &v, AW_AUXILIARY) || kiji_ann_word_is(st, &v, AW_NEGATOR) ||
          past_verb(st, &v, that));
}

/* A clause is at most this many words from its verb to its own verb. */
#define CLAUSE_REACH 9

size_t kiji_ann_clause_after(const ann_sent *st, size_t pos) {
  size_t i = kiji_ann_skip_space(st->s, pos, st->end), l, n;
  ann_word w, first, prev;
  uint32_t c;
  ann_classes k;
  int open; /* whether the first word may open a clause's subject */
  if (i >= st->end) return KIJI_NONE;
  c = kiji_ann_cp(st->s, i, st->end, &l);
  if (c == ':' || c == ',') { /* 'added: "…' or 'said, "…' */
    size_t j = kiji_ann_skip_space(st->s, i + l, st->end);
    if (j < st->end &&
        (st->s[j] == '"' || (c == ':' && kiji_ann_word_after(st->s, j, st->end, &w))))
      return j;
    return KIJI_NONE;
  }
  if (c == '"') return i;
  if (!kiji_ann_word_after(st->s, pos, st->end, &first)) return KIJI_NONE;
  k = kiji_ann_word_classes(st, &first);
  if (AW_IN(k, AW_THAT))
    return relative_that(st, &first) ? first.start : first.end; /* "said that was wrong" */
  if (AW_IN(k, AW_PRONOUN) && kiji_ann_word_after(st->s, first.end, st->end, &w)) {
    ann_classes next = kiji_ann_word_classes(st, &w);
    if (!AW_IN(next, AW_FUNCTION_WORD) || AW_IN(next, AW_AUXILIARY))
      return first.start; /* "they heard", "it was": a subject, so a clause ("it to" is none) */
  }
  open = !AW_IN(k, AW_FUNCTION_WORD) || AW_IN(k, AW_PRONOUN) || AW_IN(k, AW_EXPLETIVE) ||
         AW_IN(k, AW_DEFINITE);
  prev = first;
  for (n = 1, pos = first.end; n < CLAUSE_REACH && kiji_ann_word_after(st->s, pos, st->end, &w);
       n++, prev = w, pos = w.end) {
    size_t h;
    k = kiji_ann_word_classes(st, &w);
    if (AW_IN(k, AW_THAT)) /* past a hearer or a phrase: "warned investors that" */
      return n <= 4 && !relative_that(st, &w) ? w.end : KIJI_NONE;
    if (!open) continue; /* "said on Monday": only a "that" may follow */
    if (AW_IN(k, AW_AUXILIARY) || past_verb(st, &w, &prev) ||
        (AW_IN(k, AW_NEGATOR) && !infinitive(st, &w)))
      return first.start; /* not "warned patients not to stop" */
    if (AW_IN(k, AW_FUNCTION_WORD) && !AW_IN(k, AW_OF_BODY) && !AW_IN(k, AW_PLACE_PREP) &&
        !AW_IN(k, AW_DEFINITE) && !AW_IN(k, AW_PRONOUN) && !AW_IN(k, AW_AND))
      return KIJI_NONE; /* "found the body of a man who had…": the verb is a relative's */
    h = kiji_ann_hit_after(st->cue, st->ncue, w.start); /* "…the ministry denied…" */
    if (h < st->ncue && st->cue[h].start == w.start &&
        (st->cue[h].sub == AS_DENIAL_VERB || st->cue[h].sub == AS_ATTRIB_VERB) &&
        !kiji_ann_noun_use(st, &st->cue[h]))
      return first.start;
  }
  return KIJI_NONE;
}

/* Where a particle と (or を) sits just before pos, across a few adverbs
** (と明確に否定した), or KIJI_NONE. */
size_t kiji_ann_particle_before(const ann_sent *st, size_t pos, int accept_wo) {
  size_t i = pos, j, n;
  for (n = 0; n < 6 && i > st->start; n++) {
    uint32_t c = kiji_ann_cp_before(st->s, st->start, i, &j);
    /* (a particle that is c alone ends with c: most characters end none) */
    if ((kiji_ann_may_end(st, c, AW_QUOTE_PARTICLE) &&
         kiji_ann_word_at(st, j, AW_QUOTE_PARTICLE) == i) ||
        (accept_wo && kiji_ann_may_end(st, c, AW_OBJECT_PARTICLE) &&
         kiji_ann_word_at(st, j, AW_OBJECT_PARTICLE) == i))
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
  size_t to = kiji_ann_particle_before(st, cue_start, accept_wo);
  if (to == KIJI_NONE) return none;
  return kiji_ann_ja_claim_from(st, to, cue_start, speaker_end);
}

kiji_range kiji_ann_ja_claim_from(const ann_sent *st, size_t to, size_t cue_start,
                                  size_t speaker_end) {
  size_t floor = st->start, len;
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
