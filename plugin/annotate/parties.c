/*
** parties.c -- who does something in a sentence: the subject before a
** verb or the party named after a preposition, for the relations that
** need a denier or a source. A party is a mention when one is there, else
** a plain span: a country as an agent ("Japan denies…"), a bare name
** (Bach, 稲田氏) or a pronoun (She).
*/
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "ann_text.h"

/* The first entity of that kind that overlaps [start, end): the
** entities are one layer, so those that overlap it are consecutive, from
** the first that ends after start (from: kiji_ann_hit_after's, looked up
** once for every kind asked). */
static const ann_hit *hit_from(const ann_sent *st, size_t from, size_t end, int kind) {
  size_t i;
  for (i = from; i < st->nent && st->ent[i].start < end; i++)
    if (st->ent[i].kind == kind) return &st->ent[i];
  return NULL;
}

static void plain(ann_party *p, size_t start, size_t end) {
  p->start = start;
  p->end = end;
  p->mention = KIJI_NONE;
}

/* Whether a country word is used as an adjective: a noun follows it
** ("Japanese company", "Chinese military hackers"), not a verb. */
static int adjectival(const ann_sent *st, const ann_hit *c) {
  ann_word next;
  size_t i;
  if (!kiji_ann_word_after(st->s, c->end, st->end, &next) || next.start != c->end + 1) return 0;
  if (kiji_ann_word_is(st, &next, AW_AFTER_SUBJECT)) return 0;
  i = kiji_ann_hit_from(st->cue, st->ncue, next.start);
  if (i < st->ncue && st->cue[i].start == next.start) return 0; /* "Japan denies" */
  return 1;
}

/* The party that holds English word w, if any. */
/* Whether the noun phrase that ends with the word at pos opens a clause:
** only a determiner or adjectives between it and the sentence's start,
** a mark (, ; : " —), "that", "and" or a verb of saying ("said the
** company…"). Not an object: "which oversees the company". */
static int clause_initial(const ann_sent *st, size_t pos) {
  ann_word w;
  int n;
  for (n = 0; n < 3; n++) {
    size_t j;
    uint32_t c;
    size_t at = kiji_ann_skip_space_back(st->s, st->floor, pos);
    if (at <= st->floor) return 1;
    c = kiji_ann_cp_before(st->s, st->floor, at, &j);
    if (kiji_ann_script(c) == SC_PUNCT && c != '\'' && c != '-') return 1;
    if (!kiji_ann_word_before(st->s, st->floor, pos, &w)) return 1;
    if (kiji_ann_word_is(st, &w, AW_CLAIM_OPENER) || kiji_ann_word_is(st, &w, AW_SPEAK_VERB) ||
        kiji_ann_word_is(st, &w, AW_AND))
      return 1;
    if (!kiji_ann_word_is(st, &w, AW_DETERMINER) && !kiji_ann_word_is(st, &w, AW_THE) &&
        !kiji_ann_word_is(st, &w, AW_DEFINITE) && !kiji_ann_word_is(st, &w, AW_INTENSIFIER))
      return 0; /* "…oversees the company", "a Japanese company": n words back at most */
    pos = w.start;
  }
  return 0;
}

static int party_at(const ann_sent *st, const ann_word *w, ann_party *p) {
  size_t m = kiji_ann_mention_at(st, w->start, w->end), e;
  int ents;
  const ann_hit *c;
  ann_word v;
  if (st->dateline.start != KIJI_NONE && kiji_ann_in_dateline(st, w->start, w->end))
    return 0; /* "PARIS —" does nothing (most sentences have no dateline: no call) */
  if (m != KIJI_NONE) {
    const kiji_mention *mm = (const kiji_mention *)st->doc->mentions.p + m;
    p->start = mm->span.start;
    p->end = mm->span.end;
    p->mention = m;
    return 1;
  }
  e = kiji_ann_hit_after(st->ent, st->nent, w->start);
  ents = e < st->nent && st->ent[e].start < w->end; /* (most words are in none) */
  if (ents && (c = hit_from(st, e, w->end, AK_COUNTRY)) != NULL &&
      (c->sub == AS_COUNTRY || c->sub == AS_CAPITAL)) {
    if (adjectival(st, c)) return 0; /* "the Japanese company" */
    plain(p, c->start, c->end);
    return 1;
  }
  if (kiji_ann_word_is(st, w, AW_PRONOUN)) {
    plain(p, w->start, w->end);
    return 1;
  }
  if (ents && ((c = hit_from(st, e, w->end, AK_BODY)) != NULL ||
               (c = hit_from(st, e, w->end, AK_TITLE)) != NULL)) {
    plain(p, c->start, c->end); /* "the government", "the minister": an anaphor */
    return 1;
  }
  if (ents && (c = hit_from(st, e, w->end, AK_ORG)) != NULL) {
    /* a party, a company, a committee can deny too: "LDP executive" */
    ann_word role;
    plain(p, c->start, c->end);
    if (kiji_ann_word_after(st->s, c->end, st->end, &role) && role.start == c->end + 1 &&
        kiji_ann_word_is(st, &role, AW_ORG_ROLE))
      p->end = role.end;
    return 1;
  }
  if (ents && (c = hit_from(st, e, w->end, AK_GENERIC)) != NULL) {
    ann_word first;
    if (c->subtype.len == 8 && memcmp(c->subtype.ptr, "official", 8) == 0) {
      /* "the government", "the ministry": an anaphor can deny */
      plain(p, c->start, c->end);
      if (kiji_ann_word_after(st->s, c->start, c->end, &first) &&
          kiji_ann_word_is(st, &first, AW_DETERMINER) && first.end < c->end)
        p->start = kiji_ann_skip_space(st->s, first.end, c->end);
      return 1;
    }
    return 0; /* "the newspaper" */
  }
  if (kiji_ann_word_is(st, w, AW_PARTY_NOUN) && clause_initial(st, w->start)) {
    /* "the company denied", "organizers said": a party, if no official */
    plain(p, w->start, kiji_ann_strip_possessive(st->s, w->start, w->end));
    return 1;
  }
  if (!kiji_ann_capital(st, w->start) || kiji_ann_word_is(st, w, AW_NOT_NAME)) return 0;
  {
    size_t i = kiji_ann_hit_after(st->cue, st->ncue, w->start);
    if (i < st->ncue && st->cue[i].start < w->end) return 0; /* a cue word */
  }
  /* a name: this capitalized word and the ones touching it on the left */
  plain(p, w->start, kiji_ann_strip_possessive(st->s, w->start, w->end));
  while (kiji_ann_word_before(st->s, st->start, p->start, &v) && p->start - v.end == 1 &&
         kiji_ann_capital(st, v.start) && !kiji_ann_word_is(st, &v, AW_NOT_NAME) &&
         kiji_ann_strip_possessive(st->s, v.start, v.end) == v.end)
    p->start = v.start;
  return 1;
}

/* What stands before a party at start: the word before it past a
** determiner (has: one is there), and where the party starts with its
** determiner (at). Whether it is an object, and what it is coordinated
** with, both read it: once for both. */
typedef struct lead {
  size_t at;
  int has;
  ann_word w;
} lead;

static lead lead_of(const ann_sent *st, size_t start) {
  lead l;
  l.at = start;
  l.has = kiji_ann_word_before(st->s, st->start, start, &l.w);
  if (l.has && kiji_ann_word_is(st, &l.w, AW_DETERMINER)) {
    l.at = l.w.start;
    l.has = kiji_ann_word_before(st->s, st->start, l.at, &l.w);
  }
  return l;
}

/* Whether the party is the object of a preposition or of "told". */
static int is_object(const ann_sent *st, const lead *l) {
  return l->has && kiji_ann_word_is(st, &l->w, AW_OBJECT_PREP);
}

/* pos moved back over white space and one mark inside a clause (a comma
** of an apposition: "Kanto Avionics, the maker of…, denied"; a bracket;
** an apostrophe), or pos itself. */
static size_t skip_apposition_mark(const ann_sent *st, size_t pos) {
  size_t i = kiji_ann_skip_space_back(st->s, st->start, pos), j;
  uint32_t c;
  if (i <= st->start) return pos;
  c = kiji_ann_cp_before(st->s, st->start, i, &j);
  if (kiji_ann_script(c) != SC_PUNCT || c == ';' || c == ':' || c == '"' || c == '.' || c == '!' ||
      c == '?')
    return pos; /* a clause or a quotation ends there */
  return j;
}

/* A mention in brackets right after a mention names it again ("the Japan
** Coast Guard (JCG)"): the name before the bracket, or p. */
static ann_party bracketed_alias(const ann_sent *st, ann_party p) {
  size_t at, m;
  if (p.mention == KIJI_NONE || p.start <= st->start || st->s[p.start - 1] != '(' ||
      p.end >= st->end || st->s[p.end] != ')')
    return p;
  at = kiji_ann_skip_space_back(st->s, st->start, p.start - 1);
  if ((m = kiji_ann_mention_ending(st, at)) == KIJI_NONE) return p;
  p.start = ((const kiji_mention *)st->doc->mentions.p)[m].span.start;
  p.end = at;
  p.mention = m;
  return p;
}

/* The first party of the appositions or coordinates that end with p:
** "Ken Ueda, Chief Cabinet Secretary, and a spokesman told"
** and "the cabinet office, the ministry's parent, denied" name the first.
** ld: what stands before p (lead_of p.start). */
static ann_party chain_head(const ann_sent *st, ann_party p, lead ld) {
  int n;
  size_t start = p.start;
  p = bracketed_alias(st, p);
  if (p.start != start) ld = lead_of(st, p.start);
  for (n = 0; n < 3; n++) {
    ann_word w;
    ann_party q;
    lead lq;
    size_t at = ld.at, j;
    if (ld.has && kiji_ann_word_is(st, &ld.w, AW_AND)) at = ld.w.start;
    at = kiji_ann_skip_space_back(st->s, st->start, at);
    if (at <= st->start || kiji_ann_cp_before(st->s, st->start, at, &j) != ',') break;
    if (!kiji_ann_word_before(st->s, st->start, j, &w) || !party_at(st, &w, &q) || q.end < w.end ||
        (lq = lead_of(st, q.start), is_object(st, &lq)) ||
        (p.mention != KIJI_NONE && q.mention == KIJI_NONE))
      break; /* (a mention is worth more than the bare name it qualifies) */
    p = q;
    ld = lq;
  }
  return p;
}

int kiji_ann_subject_en(const ann_sent *st, size_t pos, ann_party *out) {
  ann_word w;
  size_t words = 0, limit = pos;
  for (;;) {
    ann_party p;
    if (words++ >= 24 || pos <= st->floor) break; /* not past the paragraph's dateline */
    if (!kiji_ann_word_before(st->s, st->floor, pos, &w)) {
      size_t back = skip_apposition_mark(st, pos);
      if (back == pos) break;
      pos = back;
      continue;
    }
    if (party_at(st, &w, &p) && p.start < pos) {
      lead ld = lead_of(st, p.start);
      if (p.end > limit) p.end = limit;
      if (!is_object(st, &ld)) {
        *out = chain_head(st, p, ld);
        return 1;
      }
      pos = p.start;
      continue;
    }
    pos = w.start;
  }
  return 0;
}

int kiji_ann_party_after_en(const ann_sent *st, size_t pos, ann_party *out) {
  ann_word w;
  if (!kiji_ann_word_after(st->s, pos, st->end, &w)) return 0;
  if (kiji_ann_word_is(st, &w, AW_DETERMINER) && !kiji_ann_word_after(st->s, w.end, st->end, &w))
    return 0;
  if (!party_at(st, &w, out)) return 0;
  if (out->mention == KIJI_NONE && !kiji_ann_word_is(st, &w, AW_PRONOUN)) {
    /* a name reads to the right */
    ann_word v;
    out->start = w.start;
    out->end = kiji_ann_strip_possessive(st->s, w.start, w.end);
    while (out->end == w.end && kiji_ann_word_after(st->s, out->end, st->end, &v) &&
           v.start - out->end == 1 && kiji_ann_capital(st, v.start) &&
           !kiji_ann_word_is(st, &v, AW_NOT_NAME)) {
      w = v;
      out->end = kiji_ann_strip_possessive(st->s, v.start, v.end);
    }
  }
  return 1;
}

/* ---- any noun phrase: the sources that are no party ("analysts", "a
** poll", "documents seen by Reuters", "the company's chief executive") */

/* A noun phrase holds at most this many words, and two prepositions
** ("a spokesman for the office of the mayor", "people familiar with
** the matter"). */
#define NP_WORDS 8
#define NP_JOINS 2

/* Whether w may be a word of a noun phrase that is not its first. */
static int np_word(const ann_sent *st, const ann_word *w) {
  size_t i;
  ann_classes k = kiji_ann_word_classes(st, w);
  if (AW_IN(k, AW_FUNCTION_WORD) || AW_IN(k, AW_NOUN_MARKER)) return 0;
  i = kiji_ann_hit_after(st->cue, st->ncue, w->start);
  return !(i < st->ncue && st->cue[i].start < w->end &&
           (st->cue[i].sub == AS_DENIAL_VERB || st->cue[i].sub == AS_ATTRIB_VERB) &&
           !kiji_ann_noun_use(st, &st->cue[i])); /* a verb that cues something */
}

/* Whether w opens a noun phrase: "the", "its", "these". */
static int np_opener(const ann_sent *st, const ann_word *w) {
  ann_classes k = kiji_ann_word_classes(st, w);
  return AW_IN(k, AW_NOUN_MARKER) || AW_IN(k, AW_DEFINITE);
}

/* Whether w joins a prepositional phrase to a noun: of, for, at, in, by. */
static int np_join(const ann_sent *st, const ann_word *w) {
  ann_classes k = kiji_ann_word_classes(st, w);
  return AW_IN(k, AW_OF_BODY) || AW_IN(k, AW_PLACE_PREP) || AW_IN(k, AW_BY) || AW_IN(k, AW_WITH);
}

/* pos moved back over a possessive apostrophe before it ("workers' union"). */
static size_t past_apostrophe(const ann_sent *st, size_t pos) {
  size_t i = kiji_ann_skip_space_back(st->s, st->floor, pos), j;
  return i > st->floor && kiji_ann_cp_before(st->s, st->floor, i, &j) == '\'' ? j : pos;
}

/* The mention the noun phrase [start, end) is, less its opener: the
** party then, else a plain span less a leading determiner ("the
** spokesman", "a poll": ANNOTATION.md's spans). */
static void np_party(const ann_sent *st, size_t start, size_t end, ann_party *p) {
  size_t m = kiji_ann_mention_at(st, start, end);
  ann_word d;
  plain(p, start, end);
  if (kiji_ann_word_after(st->s, start, end, &d) && kiji_ann_word_is(st, &d, AW_DETERMINER) &&
      d.end < end)
    p->start = kiji_ann_skip_space(st->s, d.end, end);
  if (m != KIJI_NONE) {
    const kiji_mention *mm = (const kiji_mention *)st->doc->mentions.p + m;
    ann_word w;
    if (mm->span.end == end &&
        (mm->span.start <= start ||
         (kiji_ann_word_after(st->s, start, mm->span.start, &w) && np_opener(st, &w) &&
          w.end <= mm->span.start && !kiji_ann_word_after(st->s, w.end, mm->span.start, &w)))) {
      p->start = mm->span.start;
      p->mention = m;
    }
  }
}

/* Where the noun phrase that ends with word w starts, read back: its
** words, a prepositional phrase or two inside it, and its opener. */
static size_t np_start(const ann_sent *st, ann_word w) {
  size_t start = w.start, n, joins = 0;
  ann_word v, u;
  for (n = 1;
       n < NP_WORDS && kiji_ann_word_before(st->s, st->floor, past_apostrophe(st, start), &v);
       n++) {
    if (np_opener(st, &v) && !kiji_ann_word_is(st, &v, AW_THAT)) return v.start;
    if (np_join(st, &v) && joins < NP_JOINS &&
        kiji_ann_word_before(st->s, st->floor, v.start, &u) && np_word(st, &u)) {
      joins++;
      start = v.start;
      continue;
    }
    if (!np_word(st, &v)) break;
    start = v.start;
  }
  return start;
}

int kiji_ann_np_before_en(const ann_sent *st, size_t pos, ann_party *out) {
  ann_word w;
  int tries;
  for (tries = 0; tries < 3; tries++) {
    size_t start;
    ann_word v;
    int has;
    /* "has also said", "would later argue": back to the subject */
    while ((has = kiji_ann_word_before(st->s, st->floor, pos, &w)) != 0 &&
           (kiji_ann_word_is(st, &w, AW_ADVERB) || kiji_ann_word_is(st, &w, AW_AUXILIARY)))
      pos = w.start;
    if (!has || !np_word(st, &w) || kiji_ann_in_dateline(st, w.start, w.end)) return 0;
    start = np_start(st, w);
    has = kiji_ann_word_before(st->s, st->floor, start, &v);
    if (start == w.start && has &&
        (kiji_ann_word_is(st, &v, AW_BE) || kiji_ann_word_is(st, &v, AW_AUXILIARY) ||
         kiji_ann_word_is(st, &v, AW_TO)))
      return 0; /* a verb's word: "who asked not to be named said" */
    if (!has || !kiji_ann_word_is(st, &v, AW_OBJECT_PREP)) {
      np_party(st, start, kiji_ann_strip_possessive(st->s, w.start, w.end), out);
      return 1;
    }
    pos = v.start; /* "The firm on Tuesday said": past the preposition's object */
  }
  return 0;
}

int kiji_ann_np_after_en(const ann_sent *st, size_t pos, ann_party *out) {
  ann_word w, first, last;
  size_t n, joins = 0;
  if (!kiji_ann_word_after(st->s, pos, st->end, &w)) return 0;
  first = w;
  if (np_opener(st, &w) && !kiji_ann_word_is(st, &w, AW_THAT)) {
    if (!kiji_ann_word_after(st->s, w.end, st->end, &w)) return 0;
  }
  if (!np_word(st, &w)) return 0;
  last = w;
  for (n = 1; n < NP_WORDS && kiji_ann_word_after(st->s, last.end, st->end, &w); n++) {
    ann_word v;
    if (np_join(st, &w) && joins < NP_JOINS && kiji_ann_word_after(st->s, w.end, st->end, &v)) {
      if (np_opener(st, &v) && !kiji_ann_word_is(st, &v, AW_THAT) &&
          !kiji_ann_word_after(st->s, v.end, st->end, &v))
        break;
      if (!np_word(st, &v)) break;
      joins++;
      last = v;
      continue;
    }
    if (!np_word(st, &w)) break;
    last = w;
  }
  np_party(st, first.start, kiji_ann_strip_possessive(st->s, last.start, last.end), out);
  return 1;
}

/* ---- Japanese ---- */

/* The particle after a candidate: 1 topic (は, も, a headline's 、), 2
** subject (が), 0 none. A short aside in brackets between them is passed
** (海上保安庁（JCG）は). */
static int marker(const ann_sent *st, size_t end, size_t start) {
  size_t i = kiji_ann_skip_space(st->s, end, st->end), l, k;
  uint32_t c;
  if (i < st->end && st->s[i] == '(') {
    for (k = i + 1; k < st->end && k - i < 32 && st->s[k] != ')' && st->s[k] != '('; k++) {}
    if (k < st->end && st->s[k] == ')') i = kiji_ann_skip_space(st->s, k + 1, st->end);
  }
  if (i >= st->end) return 0;
  if (kiji_ann_word_at(st, i, AW_TOPIC_PARTICLE)) return 1;
  if ((l = kiji_ann_word_at(st, i, AW_SUBJECT_PARTICLE)) != 0)
    return kiji_ann_report_clause_ja(st, l) ? 0 : 2; /* フジテレビが報じたメモ: a clause's */
  c = kiji_ann_cp(st->s, i, st->end, &l);
  if ((c == 0x3001 || c == ',') && start == st->floor)
    return 1; /* 政府、…を否定, also after 【ソウル共同】 */
  return 0;
}

/*
** The candidates (mentions, countries, anaphors, parties by their head,
** bare names), in that order, that end by pos and are not quoted: the
** first with a topic particle and the last with a subject particle are
** the topic and the subject. A sentence asks for every cue, so it lists
** them, topics and subjects apart, a kind at a time as far as a question
** needs (a topic among the first kinds needs no more), then by end, each
** with the first topic (the last subject) that ends by it; a question is
** then a binary search (parties by pass when there is no memory for the
** lists).
*/
typedef struct ja_best {
  ann_party topic, subject;
  int has_topic, has_subject;
  size_t pos;
  int list; /* list the candidates instead */
  int ok;   /* the lists have them all */
} ja_best;

typedef struct ja_cand {
  ann_party p;
  size_t order; /* among the candidates of its list */
  size_t best;  /* the first topic (last subject) of the list up to it */
} ja_cand;

static void consider(const ann_sent *st, ja_best *b, const ann_party *p) {
  int mk;
  if (p->end > b->pos || p->start < st->floor) return;
  /* the particle first: most candidates have none, and need no more */
  if ((mk = marker(st, p->end, p->start)) == 0 || kiji_ann_in_brackets(st, p->start) ||
      kiji_ann_in_dateline(st, p->start, p->end))
    return;
  if (b->list && (mk == 1 || mk == 2)) {
    ann_buf *l = &st->doc->ix[mk == 1 ? ANN_IX_TOPIC : ANN_IX_SUBJECT].b;
    ja_cand *c = kiji_ann_push(l, sizeof *c);
    if (c == NULL) {
      b->ok = 0;
      return;
    }
    c->p = *p;
    c->order = l->n - 1;
  } else if (mk == 1 && !b->has_topic) {
    b->topic = *p;
    b->has_topic = 1;
  } else if (mk == 2) {
    b->subject = *p;
    b->has_subject = 1;
  }
}

static int by_end_then_order(const void *a, const void *b) {
  const ja_cand *x = a, *y = b;
  if (x->p.end != y->p.end) return x->p.end < y->p.end ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static void rank(ann_buf *l, int first) {
  ja_cand *c = l->p;
  size_t i;
  if (l->n > 1) qsort(c, l->n, sizeof *c, by_end_then_order);
  for (i = 0; i < l->n; i++)
    c[i].best =
        i > 0 && (first ? c[c[i - 1].best].order < c[i].order : c[c[i - 1].best].order > c[i].order)
            ? c[i - 1].best
            : i;
}

/* The best of a list among the candidates that end by pos. */
static int ranked(const ann_sent *st, int which, size_t pos, ann_party *out) {
  const ann_buf *l = &st->doc->ix[which].b;
  const ja_cand *c = l->p;
  size_t lo = 0, hi = l->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c[mid].p.end <= pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == 0) return 0;
  *out = c[c[lo - 1].best].p;
  return 1;
}

/* How many characters the longest suffix of a party (弁護団, 委員会) has. */
#define PARTY_SUFFIX_MAX 3

/* The first は, も or が at or after from and before to (their UTF-8 is
** E3 81 AF, E3 82 82, E3 81 8C; all kana here are three bytes), or
** KIJI_NONE: where a topic or a subject may end. A character at a time
** (not memchr for E3, which Japanese puts before every kana): the two
** continuation bytes of a three-byte one are no E3. */
static size_t particle_after(const ann_sent *st, size_t from, size_t to) {
  const unsigned char *s = st->s;
  size_t i, last;
  if (st->end < 3) return KIJI_NONE;
  last = to < st->end - 3 ? to : st->end - 3; /* where one may start */
  for (i = from + 3; i <= last;) {
    unsigned char b = s[i], b1 = s[i + 1], b2 = s[i + 2];
    if (b == 0xE3 && ((b1 == 0x81 && (b2 == 0xAF || b2 == 0x8C)) || (b1 == 0x82 && b2 == 0x82)))
      return i;
    i += (b & 0xF0) == 0xE0 && (b1 & 0xC0) == 0x80 && (b2 & 0xC0) == 0x80 ? 3 : 1;
  }
  return KIJI_NONE;
}

/* The candidates that end by b->pos, to consider, one kind at a time. */
static void mention_candidates(const ann_sent *st, ja_best *b) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i;
  for (i = st->first_mention; i < st->doc->mentions.n && m[i].span.start < b->pos; i++) {
    ann_party p;
    p.start = m[i].span.start;
    p.end = m[i].span.end;
    p.mention = i;
    consider(st, b, &p);
  }
}

static void country_candidates(const ann_sent *st, ja_best *b) {
  size_t i;
  for (i = 0; i < st->nent; i++) {
    const ann_hit *h = &st->ent[i];
    if (h->kind == AK_COUNTRY && h->sub == AS_COUNTRY && h->end - h->start > 3 &&
        kiji_ann_mention_at(st, h->start, h->end) == KIJI_NONE) {
      ann_party p;
      plain(&p, h->start, h->end);
      consider(st, b, &p);
    }
  }
}

/* anaphors: 同省は, 同氏が (anaphors.c finds what they name) */
static void anaphor_candidates(const ann_sent *st, ja_best *b) {
  size_t k, end;
  for (k = st->start; (k = kiji_ann_word_within(st, k, b->pos, AW_ANAPHOR_JA, &end)) != KIJI_NONE;
       k = end) {
    if (kiji_ann_mention_at(st, k, end) == KIJI_NONE) {
      ann_party p;
      plain(&p, k, end);
      consider(st, b, &p);
    }
  }
}

/* parties by their head: 会社側は, 組織委員会が, 関係者は (after any
** mention or anaphor, before names) */
static void head_candidates(const ann_sent *st, ja_best *b) {
  size_t k, end, pos = b->pos;
  for (end = particle_after(st, st->start, pos); end != KIJI_NONE;
       end = particle_after(st, end, pos)) {
    size_t n, j;
    if (end < st->start + 3 ||
        !kiji_ann_may_end(st, kiji_ann_cp_before(st->s, st->start, end, &j), AW_PARTY_NOUN))
      continue; /* (most particles: no party noun ends with the character before) */
    for (n = 1; n <= PARTY_SUFFIX_MAX && end >= st->start + 3 * n; n++) {
      k = end - 3 * n; /* a suffix of n characters (all three bytes) before the particle */
      if (kiji_ann_word_at(st, k, AW_PARTY_NOUN) == end) {
        size_t start = kiji_ann_run_back(st->s, st->start, k, SC_NAME_JA, 8);
        ann_party p;
        if (kiji_ann_mention_at(st, start, end) == KIJI_NONE) {
          plain(&p, start, end);
          consider(st, b, &p);
        }
        break;
      }
    }
  }
}

/* bare names: 稲田氏は, 稲田さんが */
static void name_candidates(const ann_sent *st, ja_best *b) {
  size_t k, end;
  for (k = st->start; (k = kiji_ann_word_within(st, k, b->pos, AW_NAME_SUFFIX, &end)) != KIJI_NONE;
       k = end) {
    size_t start = kiji_ann_run_back(st->s, st->start, k, SC_NAME_JA, 8);
    if (start < k && kiji_ann_mention_at(st, start, end) == KIJI_NONE) {
      ann_party p;
      plain(&p, start, end);
      consider(st, b, &p);
    }
  }
}

/* The kinds of candidates, in their order in the lists. */
static void (*const kinds[])(const ann_sent *st, ja_best *b) = {
    mention_candidates, country_candidates, anaphor_candidates, head_candidates, name_candidates};
#define JA_KINDS (sizeof kinds / sizeof kinds[0])

/* The lists of the sentence grown by the next kind of candidates; 0 when
** out of memory (the lists are then dropped). While they grow, a topic's
** `best` is the least end of the list up to it: the first topic that
** ends by pos is final before the later kinds are listed (their order is
** later), and a question that needs no subject stops there. */
static int grow_lists(const ann_sent *st) {
  kiji_doc *doc = st->doc;
  ann_buf *t = &doc->ix[ANN_IX_TOPIC].b;
  ja_cand *c;
  size_t i = t->n;
  ja_best b;
  memset(&b, 0, sizeof b);
  b.pos = st->end;
  b.list = b.ok = 1;
  kinds[doc->parties_stage++](st, &b);
  if (!b.ok) {
    doc->parties_of = 0;
    return 0;
  }
  for (c = t->p; i < t->n; i++)
    c[i].best = i > 0 && c[i - 1].best < c[i].p.end ? c[i - 1].best : c[i].p.end;
  if (doc->parties_stage == JA_KINDS) {
    rank(t, 1);
    rank(&doc->ix[ANN_IX_SUBJECT].b, 0);
  }
  return 1;
}

/* The first topic of a list still growing that ends by pos. */
static int first_topic(const ann_buf *l, size_t pos, ann_party *out) {
  const ja_cand *c = l->p;
  size_t lo = 0, hi = l->n;
  while (lo < hi) { /* the least ends up to each one descend */
    size_t mid = lo + (hi - lo) / 2;
    if (c[mid].best > pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == l->n) return 0;
  *out = c[lo].p;
  return 1;
}

/* The topic and (with_subject) the subject before pos from the lists,
** listed as far as the answer needs; 0 when out of memory. A sentence
** with no subject particle has no subject (most: 政府は…と否定した), and
** its subject needs no list. */
static int from_lists(const ann_sent *st, size_t pos, int with_subject, ja_best *b) {
  kiji_doc *doc = st->doc;
  if (doc->parties_of != st->index + 1) {
    doc->parties_of = st->index + 1;
    doc->parties_stage = 0;
    doc->parties_subjects = -1;
    doc->ix[ANN_IX_TOPIC].b.n = doc->ix[ANN_IX_SUBJECT].b.n = 0;
  }
  if (with_subject && doc->parties_subjects < 0)
    doc->parties_subjects =
        kiji_ann_word_within(st, st->start, st->end, AW_SUBJECT_PARTICLE, NULL) != KIJI_NONE;
  if (with_subject && !doc->parties_subjects) with_subject = 0;
  while (doc->parties_stage < JA_KINDS) {
    if (!with_subject && (b->has_topic = first_topic(&doc->ix[ANN_IX_TOPIC].b, pos, &b->topic)))
      return 1;
    if (!grow_lists(st)) return 0;
  }
  b->has_topic = ranked(st, ANN_IX_TOPIC, pos, &b->topic);
  b->has_subject = ranked(st, ANN_IX_SUBJECT, pos, &b->subject);
  return 1;
}

/* The topic and the subject before pos: from the lists, else (no memory
** for them) by one pass. */
static ja_best topic_subject(const ann_sent *st, size_t pos, int with_subject) {
  ja_best b;
  size_t k;
  memset(&b, 0, sizeof b);
  if (!from_lists(st, pos, with_subject, &b)) {
    memset(&b, 0, sizeof b);
    b.pos = pos;
    for (k = 0; k < JA_KINDS; k++) kinds[k](st, &b);
  }
  return b;
}

int kiji_ann_subject_ja(const ann_sent *st, size_t pos, ann_party *out) {
  ja_best b = topic_subject(st, pos, 0);
  if (b.has_topic)
    *out = b.topic;
  else if (b.has_subject)
    *out = b.subject;
  return b.has_topic || b.has_subject;
}

/* (The subject is sought only when the topic is no answer: most often
** the topic is among the sentence's mentions, the first kind listed.) */
int kiji_ann_agent_ja(const ann_sent *st, size_t pos, ann_party *out, size_t *reporter) {
  const kiji_mention *m = st->doc->mentions.p;
  ja_best b = topic_subject(st, pos, 0);
  int outlet =
      b.has_topic && b.topic.mention != KIJI_NONE && m[b.topic.mention].kind == KIJI_KIND_OUTLET;
  *reporter = KIJI_NONE;
  if (b.has_topic && !outlet) {
    *out = b.topic;
    return 1;
  }
  b = topic_subject(st, pos, 1);
  if (outlet && b.has_subject && b.subject.start > b.topic.end) {
    *out = b.subject; /* 朝鮮中央通信は…報道官が…と非難したと伝えた */
    *reporter = b.topic.mention;
    return 1;
  }
  if (b.has_topic || b.has_subject) *out = b.has_topic ? b.topic : b.subject;
  return b.has_topic || b.has_subject;
}

/* A Japanese noun phrase that ends at pos: a run of kanji, katakana and
** Latin, and one more before an の that joins them (NHKの世論調査). */
#define NP_JA_CHARS 16
#define NP_SCRIPTS_JA (SC_NAME_JA | (1u << SC_LATIN))

int kiji_ann_np_before_ja(const ann_sent *st, size_t pos, ann_party *out) {
  size_t start = kiji_ann_run_back(st->s, st->floor, pos, NP_SCRIPTS_JA, NP_JA_CHARS), j, k;
  if (start == pos || kiji_ann_in_dateline(st, start, pos)) return 0;
  if (start > st->floor && kiji_ann_cp_before(st->s, st->floor, start, &j) &&
      kiji_ann_word_at(st, j, AW_GENITIVE_PARTICLE) == start &&
      (k = kiji_ann_run_back(st->s, st->floor, j, NP_SCRIPTS_JA, NP_JA_CHARS)) < j)
    start = k;
  plain(out, start, pos);
  return 1;
}

int kiji_ann_party_before_ja(const ann_sent *st, size_t pos, ann_party *out) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i = kiji_ann_mention_ending(st, pos);
  if (i == KIJI_NONE) return 0;
  out->start = m[i].span.start;
  out->end = pos;
  out->mention = i;
  return 1;
}
