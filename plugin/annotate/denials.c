/*
** denials.c -- a party denies, rejects, refutes or rebuts a claim.
**
** Each denial cue of a sentence that no trap took ("denial of service",
** 否定的) and that is not negated ("did not deny", 否定しなかった) or a
** refusal ("denied them access") gives a candidate with its denier, its
** claim and the outlet that reports it. Then one record per denier: cues
** of the same party in one sentence (「事実はない」と否定した) are one
** denial, and a cue with no denier joins a sentence's denial that has one.
**
** The denier, in English: the agent of a passive ("was denied by X", none
** without "by"), the speaker of a quoted or reported denial ('"It is
** untrue," Oda said', "X told Reuters the report was untrue"), else the
** subject before the cue. In Japanese: the topic or subject (Xは, Xが),
** or the speaker a headline names after the quote (「事実ない」と官房長官).
*/
#include <string.h>

#include "ann.h"
#include "ann_text.h"

static const kiji_range none = {KIJI_NONE, KIJI_NONE};

typedef struct candidate {
  const ann_hit *cue;
  ann_party by;
  int has_by;
  kiji_range claim;
  size_t reporter; /* the reporting outlet when the rules saw it, else KIJI_NONE */
} candidate;

/* The word before pos, skipping adverbs, quote marks and what stands
** before a predicate noun ("was an outright lie": an article and
** intensifying adjectives): its range in *w, or 0. */
static int word_before_skipping(const ann_sent *st, size_t pos, ann_word *w) {
  int n = 0;
  for (;;) {
    for (;;) { /* quote marks, also between the words skipped: 'were "completely untrue' */
      size_t j;
      uint32_t c;
      pos = kiji_ann_skip_space_back(st->s, st->start, pos);
      if (pos <= st->start) return 0;
      c = kiji_ann_cp_before(st->s, st->start, pos, &j);
      if (c != '"' && c != '\'') break;
      pos = j;
    }
    if (!kiji_ann_word_before(st->s, st->start, pos, w)) return 0;
    if ((!kiji_ann_word_is(st, w, AW_ADVERB) && !kiji_ann_word_is(st, w, AW_INTENSIFIER) &&
         !kiji_ann_word_is(st, w, AW_ARTICLE)) ||
        n++ > 4)
      return 1;
    pos = w->start;
  }
}

/* The word before a cue as word_before_skipping reads it: read once for
** the several tests of the cue that ask (negation, passive, copula). */
typedef struct prior {
  int has;
  ann_word w;
} prior;

static prior prior_of(const ann_sent *st, const ann_hit *c) {
  prior p;
  p.has = word_before_skipping(st, c->start, &p.w);
  return p;
}

/* Whether a cue of that subtype overlaps [start, end) (the cues that do
** are consecutive). */
static int is_cue_of(const ann_sent *st, size_t start, size_t end, int sub) {
  size_t i;
  for (i = kiji_ann_hit_after(st->cue, st->ncue, start); i < st->ncue && st->cue[i].start < end;
       i++)
    if (st->cue[i].sub == sub) return 1;
  return 0;
}

/* A verb of describing ("called", "described") before c in its sentence,
** with no other denial cue between: the nearest of the two before c says
** (looking back stops at the previous denial cue, so all the cues of a
** sentence cost one pass). */
static const ann_hit *describing_before(const ann_sent *st, const ann_hit *c) {
  size_t i = kiji_ann_hit_from(st->cue, st->ncue, c->start);
  while (i-- > 0) {
    if (ANN_IS(&st->cue[i], "cue.describe")) return &st->cue[i];
    if (st->cue[i].sub >= AS_DENIAL_VERB && st->cue[i].sub <= AS_DENIAL_JA) return NULL;
  }
  return NULL;
}

static int described_before(const ann_sent *st, const ann_hit *c) {
  return describing_before(st, c) != NULL;
}

/* Whether w negates or hedges what follows it. */
static int negates(const ann_sent *st, const ann_word *w) {
  return is_cue_of(st, w->start, w->end, AS_NEGATION) || kiji_ann_word_is(st, w, AW_HEDGE) ||
         kiji_ann_word_is(st, w, AW_NEGATOR);
}

static int passive(const ann_sent *st, const ann_hit *c, const prior *pr, size_t *subject_end);

/* Whether the verb's or noun's object is a refusal's ("denied its staff
** access to...", "denial of entry"), before anything that names a report. */
static int refusal_object(const ann_sent *st, const ann_hit *c) {
  ann_word w;
  size_t pos = c->end, n;
  for (n = 0; n < 5 && kiji_ann_word_after(st->s, pos, st->end, &w); n++) {
    if (kiji_ann_word_is(st, &w, AW_REPORTED_THING)) return 0;
    if (is_cue_of(st, w.start, w.end, AS_DENY_OBJECT)) return 1;
    pos = w.end;
  }
  return 0;
}

/* Whether a word that names a claim ("the report", "allegations", a
** falsehood, a denial) lies among the few words after pos. */
static int claim_follows(const ann_sent *st, size_t pos) {
  ann_word w;
  size_t n;
  for (n = 0; n < 7 && kiji_ann_word_after(st->s, pos, st->end, &w); n++) {
    if (kiji_ann_word_is(st, &w, AW_CLAIM_OBJECT) ||
        is_cue_of(st, w.start, w.end, AS_DENIAL_PRED) ||
        is_cue_of(st, w.start, w.end, AS_DENIAL_NOUN)) /* rejecting a denial */
      return 1;
    pos = w.end;
  }
  return 0;
}

/* Whether a word that names a claim lies among the few words before
** pos: the subject of a passive ("Report of drill disputed"), the thing
** that drew a noun ("The story drew a swift rejection"). */
static int claim_precedes(const ann_sent *st, size_t pos) {
  ann_word w;
  size_t n;
  for (n = 0; n < 7 && kiji_ann_word_before(st->s, st->start, pos, &w); n++) {
    if (kiji_ann_word_is(st, &w, AW_REPORTED_THING) || kiji_ann_word_is(st, &w, AW_CLAIM_OBJECT))
      return 1;
    pos = w.start;
  }
  return 0;
}

/* Negated, hedged or a refusal: not a denial. */
static int not_a_denial_en(const ann_sent *st, const ann_hit *c, const prior *pr) {
  ann_word v;
  if (pr->has && (negates(st, &pr->w) || /* "may be false", "could not have been true" */
                  (kiji_ann_word_is(st, &pr->w, AW_BE) &&
                   word_before_skipping(st, pr->w.start, &v) && negates(st, &v))))
    return 1;
  if ((c->sub == AS_DENIAL_VERB || c->sub == AS_DENIAL_NOUN) && refusal_object(st, c)) return 1;
  if (c->sub == AS_DENIAL_VERB && !ANN_IS(c, "cue.deny")) {
    /* reject / dismiss / refute ...: something that names a claim follows,
    ** or, in the passive, is its subject ("Report of drill disputed") */
    size_t subject_end;
    if (passive(st, c, pr, &subject_end)) return !claim_precedes(st, subject_end);
    return !claim_follows(st, c->end);
  }
  if (c->sub == AS_DENIAL_NOUN && !ANN_IS(c, "cue.denial"))
    /* a rejection or a rebuttal of a claim, not of a proposal */
    return !claim_follows(st, c->end) && !claim_precedes(st, c->start);
  if (c->sub == AS_DENIAL_PRED && memchr(st->s + c->start, ' ', c->end - c->start) == NULL) {
    /* a one-word predicate must be one: "was false", "as groundless",
    ** "called the claim groundless", '"groundless"' */
    if (!(pr->has && kiji_ann_word_is(st, &pr->w, AW_COPULA)) && !described_before(st, c) &&
        !kiji_ann_in_double_quotes(st, c->start))
      return 1;
  }
  return 0;
}

/* Whether the sentence is a supposition (これが事実とすれば…, もし…). */
static int counterfactual_ja(const ann_sent *st) {
  return kiji_ann_word_within(st, st->start, st->end, AW_SUPPOSITION, NULL) != KIJI_NONE;
}

/* A cue that names a falsehood (虚偽, 誤報, 捏造, フェイクニュース) denies only
** as a predicate (「誤報だ」, 虚偽である, 捏造と反論), not as a modifier
** (虚偽答弁, 誤報を繰り返した) or in a supposition. */
static int falsehood_ja(const ann_hit *c) {
  return ANN_IS(c, "cue.kyogi") || ANN_IS(c, "cue.gohou") || ANN_IS(c, "cue.fake");
}

static int predicated_ja(const ann_sent *st, const ann_hit *c) {
  size_t l, j;
  uint32_t next;
  if (c->end >= st->end || kiji_ann_word_at(st, c->end, AW_PREDICATE_END)) return 1; /* だ で と */
  if (c->start > st->start && kiji_ann_cp_before(st->s, st->start, c->start, &j) == 0x300C)
    return 1; /* 「誤報… */
  next = kiji_ann_cp(st->s, c->end, st->end, &l);
  return next == 0x300D /* 」 */ || next == 0x3002 || next == '!' || next == 0x3001;
}

/* *supposed caches counterfactual_ja for the sentence (-1: not yet). */
static int not_a_denial_ja(const ann_sent *st, const ann_hit *c, int *supposed) {
  size_t i;
  for (i = kiji_ann_hit_from(st->cue, st->ncue, c->end);
       i < st->ncue && st->cue[i].start - c->end <= 6; i++)
    if (st->cue[i].sub == AS_NEGATION) return 1;
  if (falsehood_ja(c) && !predicated_ja(st, c)) return 1;
  if (falsehood_ja(c) && *supposed < 0) *supposed = counterfactual_ja(st);
  return falsehood_ja(c) && *supposed;
}

/* The speaker of the speech verb nearest to the cue: before it in the
** sentence ("X said the report was untrue") or after a closing quote
** ('"…untrue," X said' / '…, said X'). */
static int speaker(const ann_sent *st, const ann_hit *c, ann_party *p) {
  const ann_hit *before = NULL;
  size_t i;
  int quoted = kiji_ann_in_double_quotes(st, c->start);
  for (i = 0; i < st->ncue; i++) {
    const ann_hit *v = &st->cue[i];
    if (v->sub == AS_ATTRIB_VERB && v->end <= c->start && !kiji_ann_noun_use(st, v)) before = v;
  }
  if (before && !quoted) return kiji_ann_subject_en(st, before->start, p);
  /* after the quote: '"…untrue," X said', '…, said X' */
  for (i = 0; i < st->ncue; i++) {
    const ann_hit *v = &st->cue[i];
    if (v->sub != AS_ATTRIB_VERB || v->start < c->end || kiji_ann_noun_use(st, v) ||
        kiji_ann_in_double_quotes(st, v->start))
      continue;
    if (kiji_ann_subject_en(st, v->start, p) && p->start > c->end &&
        !kiji_ann_in_double_quotes(st, p->start))
      return 1;
    if (kiji_ann_party_after_en(st, v->end, p)) return 1;
  }
  return before ? kiji_ann_subject_en(st, before->start, p) : 0;
}

/* Whether the cue ends in -ing ("denying"; the match form is folded). */
static int ends_in_ing(const ann_sent *st, const ann_hit *c) {
  return c->end - c->start > 3 && memcmp(st->s + c->end - 3, "ing", 3) == 0;
}

/* A passive use of a denial verb: "was denied (by X)", or a headline's
** participle with no object ("Report of drill denied", "… denied on
** Monday"). pr: what stands before it; *subject_end is where its
** subject (the claim) ends. */
static int passive(const ann_sent *st, const ann_hit *c, const prior *pr, size_t *subject_end) {
  ann_word w;
  if (ends_in_ing(st, c)) return 0; /* "is denying": progressive, active */
  if (pr->has && kiji_ann_word_is(st, &pr->w, AW_BE)) {
    *subject_end = pr->w.start;
    return 1;
  }
  if (st->s[c->end - 1] != 'd' || st->s[c->end - 2] != 'e') return 0; /* not a participle */
  if (kiji_ann_word_after(st->s, c->end, st->end, &w)) {
    if (!kiji_ann_word_is(st, &w, AW_BY)) return 0;
  } else if (kiji_ann_trimmed(st, c->end, st->end).start != KIJI_NONE) {
    return 0; /* "…denied, saying": not a headline's participle */
  }
  *subject_end = c->start;
  return 1;
}

/* The denial verb before a predicate cue in its clause ("rejected the
** report as groundless"), so that both are one denial. */
static const ann_hit *verb_before(const ann_sent *st, const ann_hit *c) {
  const ann_hit *v = NULL;
  size_t i;
  for (i = 0; i < st->ncue && st->cue[i].start < c->start; i++) {
    if (st->cue[i].sub == AS_DENIAL_VERB) v = &st->cue[i];
    if (st->cue[i].sub == AS_ATTRIB_VERB && !kiji_ann_noun_use(st, &st->cue[i])) v = NULL;
  }
  return v;
}

/* The subject of a reported clause that names no party: "The Nikkei
** said the company rejected…" gives "the company", a noun phrase of a
** few words (a determiner or a capital first) right after the speech
** verb (said, told, that) and before the cue. */
static int clause_subject(const ann_sent *st, const ann_hit *c, ann_party *p) {
  ann_word w, first;
  size_t pos = c->start, end = KIJI_NONE;
  int n;
  for (n = 0; n < 6 && kiji_ann_word_before(st->s, st->start, pos, &w); n++) {
    if (kiji_ann_word_is(st, &w, AW_CLAIM_OPENER) || kiji_ann_word_is(st, &w, AW_SPEAK_VERB)) {
      if (end == KIJI_NONE) return 0;
      if (!kiji_ann_word_is(st, &first, AW_DETERMINER) && !kiji_ann_capital(st, first.start))
        return 0;
      p->start = first.start;
      p->end = end;
      p->mention = KIJI_NONE;
      return 1;
    }
    if (kiji_ann_word_is(st, &w, AW_BE) || kiji_ann_word_is(st, &w, AW_NEGATOR) ||
        kiji_ann_word_is(st, &w, AW_HEDGE))
      return 0; /* a verb phrase, not a noun phrase */
    if (end == KIJI_NONE && kiji_ann_word_is(st, &w, AW_ADVERB)) { /* "flatly rejected" */
      pos = w.start;
      continue;
    }
    if (end == KIJI_NONE) end = kiji_ann_strip_possessive(st->s, w.start, w.end);
    first = w;
    pos = w.start;
  }
  return 0;
}

/* A denial named by its noun ("the ministry's denial", "a rejection by
** the cabinet office of the report"): the claim is its "of" complement
** through the word that names the claim, or none; the denier the agent
** after "by", else the possessor or the subject. 0 for a "that" clause,
** which the verb's reading takes. */
static int nominal(const ann_sent *st, const ann_hit *c, candidate *k) {
  ann_word w;
  size_t pos = c->end, n;
  if (kiji_ann_word_after(st->s, pos, st->end, &w) && kiji_ann_word_is(st, &w, AW_CUE_OBJECT)) {
    size_t from = w.end;
    if (kiji_ann_word_is(st, &w, AW_THAT)) return 0;
    for (pos = from, n = 0; n < 8 && kiji_ann_word_after(st->s, pos, st->end, &w); n++) {
      if (kiji_ann_word_is(st, &w, AW_BE) || kiji_ann_word_is(st, &w, AW_BY) ||
          kiji_ann_word_is(st, &w, AW_THAT) || memchr(st->s + pos, ',', w.start - pos) != NULL)
        break;
      pos = w.end;
      if (kiji_ann_word_is(st, &w, AW_CLAIM_OBJECT) ||
          kiji_ann_word_is(st, &w, AW_REPORTED_THING)) {
        k->claim = kiji_ann_trimmed(st, from, pos);
        break;
      }
    }
    if (k->claim.start == KIJI_NONE) pos = c->end;
  }
  if (kiji_ann_word_after(st->s, pos, st->end, &w) && kiji_ann_word_is(st, &w, AW_BY))
    k->has_by = kiji_ann_party_after_en(st, w.end, &k->by);
  if (!k->has_by) k->has_by = kiji_ann_subject_en(st, c->start, &k->by);
  return 1;
}

/* Where the clause from `from` ends before limit: at a ; (a " when
** quoted) or a comma before a clause link ("…, but"), else at limit.
** Each is ASCII, so a character of its own (no byte of a longer one is
** ASCII): a search of bytes (memchr for each) finds what a walk by
** characters finds, and ends where the walk ends unless limit falls
** inside a character. */
static size_t first_byte(const unsigned char *s, size_t from, size_t limit, int b) {
  const unsigned char *p = from < limit ? memchr(s + from, b, limit - from) : NULL;
  return p ? (size_t)(p - s) : limit;
}

static size_t clause_end(const ann_sent *st, size_t from, size_t limit, int quoted) {
  const unsigned char *s = st->s;
  size_t end = first_byte(s, from, limit, ';'), comma, l;
  ann_word w;
  if (quoted) end = first_byte(s, from, end, '"');
  for (comma = first_byte(s, from, end, ','); comma < end;
       comma = first_byte(s, comma + 1, end, ','))
    if (kiji_ann_word_after(s, comma + 1, st->end, &w) && kiji_ann_word_is(st, &w, AW_CLAUSE_LINK))
      return comma;
  if (end < limit) return end;
  if (limit >= st->end || (s[limit] & 0xC0) != 0x80) return limit;
  for (end = from; end < limit; end += l) kiji_ann_cp(s, end, st->end, &l); /* (the walk) */
  return end;
}

static void english(const ann_sent *st, const ann_hit *c, const prior *pr, candidate *k) {
  ann_word w;
  size_t from = c->end, subject_end;
  const ann_hit *v;
  prior pv;
  if (c->sub == AS_DENIAL_NOUN && !kiji_ann_in_double_quotes(st, c->start) && nominal(st, c, k))
    return;
  if (c->sub == AS_DENIAL_VERB && passive(st, c, pr, &subject_end)) {
    /* the agent after "by", or nobody; the claim is its subject */
    size_t pos = c->end, n;
    k->claim = kiji_ann_trimmed(st, st->start, subject_end);
    for (n = 0; n < 8 && kiji_ann_word_after(st->s, pos, st->end, &w); n++) {
      if (kiji_ann_word_is(st, &w, AW_BY)) {
        k->has_by = kiji_ann_party_after_en(st, w.end, &k->by);
        break;
      }
      pos = w.end;
    }
    return;
  }
  if (c->sub == AS_DENIAL_PRED && (v = verb_before(st, c)) != NULL &&
      (pv = prior_of(st, v), !passive(st, v, &pv, &subject_end)))
    k->has_by = kiji_ann_subject_en(st, v->start, &k->by);
  else if (c->sub == AS_DENIAL_PRED || kiji_ann_in_double_quotes(st, c->start))
    k->has_by = speaker(st, c, &k->by);
  if (!k->has_by) {
    ann_party q;
    k->has_by = kiji_ann_subject_en(st, c->start, &k->by);
    if (c->sub == AS_DENIAL_VERB && clause_subject(st, c, &q) &&
        (!k->has_by || k->by.end <= q.start)) {
      k->by = q; /* the party before "said" reports; it does not deny */
      k->has_by = 1;
    }
  }
  if (c->sub == AS_DENIAL_PRED && (v = describing_before(st, c)) != NULL) {
    /* the describing verb's object: "called [the report] fake news", "denounced
    ** [the article] as a fabrication" */
    size_t end = c->start;
    if (pr->has) end = kiji_ann_word_is(st, &pr->w, AW_COPULA) ? pr->w.start : pr->w.end;
    k->claim = end > v->end ? kiji_ann_trimmed(st, v->end, end) : none;
    return;
  }
  if (c->sub == AS_DENIAL_PRED) {
    /* the claim is the predicate's subject: "that [Kyodo's report] was untrue" */
    size_t end = c->start, start = st->start;
    if (pr->has && kiji_ann_word_is(st, &pr->w, AW_COPULA))
      end = pr->w.start; /* "was untrue"; a cue "was not true" holds its copula */
    {
      size_t pos = end, n;
      for (n = 0; n < 12 && kiji_ann_word_before(st->s, st->start, pos, &w); n++) {
        if (kiji_ann_word_is(st, &w, AW_CLAIM_OPENER) ||
            (k->has_by && k->by.end <= end && w.end <= k->by.end)) {
          ann_party heard; /* "told Reuters the report…": past the hearer */
          start = w.end;
          if (kiji_ann_word_is(st, &w, AW_TOLD) && kiji_ann_party_after_en(st, w.end, &heard) &&
              heard.end < end)
            start = heard.end;
          break;
        }
        pos = w.start;
      }
    }
    k->claim = kiji_ann_trimmed(st, start, end);
    if (k->claim.start != KIJI_NONE && st->s[k->claim.start] == '"' &&
        memchr(st->s + k->claim.start + 1, '"', k->claim.end - k->claim.start - 1) == NULL)
      k->claim =
          kiji_ann_trimmed(st, k->claim.start + 1, k->claim.end); /* '"The report is untrue' */
    if (k->claim.start != KIJI_NONE &&
        kiji_ann_word_after(st->s, k->claim.start, k->claim.end, &w) && w.end == k->claim.end &&
        kiji_ann_word_is(st, &w, AW_EXPLETIVE))
      k->claim = none; /* "There is no truth to it": no subject names the claim */
    return;
  }
  if (kiji_ann_word_after(st->s, from, st->end, &w) && kiji_ann_word_is(st, &w, AW_CUE_OBJECT))
    from = w.end;
  {
    /* to the end of the clause, before an attribution that follows it
    ** ("…, Kyodo reported") */
    size_t limit = st->end, i;
    int quoted = kiji_ann_in_double_quotes(st, c->start); /* to its closing mark at most */
    const kiji_attribution *a = st->doc->attributions.p;
    for (i = st->doc->attributions.n; i-- > 0 && a[i].sentence == st->index;) {
      size_t at = a[i].source.start != KIJI_NONE && a[i].source.start < a[i].cue.start
                      ? a[i].source.start
                      : a[i].cue.start;
      if (at > from && at < limit) limit = at;
    }
    if (limit < st->end && kiji_ann_word_before(st->s, from, limit, &w) &&
        kiji_ann_word_is(st, &w, AW_DETERMINER))
      limit = w.start; /* "…, the Hokkaido Shimbun reported" */
    k->claim = kiji_ann_trimmed(st, from, clause_end(st, from, limit, quoted));
  }
}

/* The speaker named after the quote in a Japanese headline:
** 「事実ない」と官房長官. */
static int ja_speaker_after(const ann_sent *st, const ann_hit *c, ann_party *p) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i;
  for (i = st->first_mention; i < st->doc->mentions.n; i++) {
    size_t j = m[i].span.start;
    if (j < c->end) continue;
    kiji_ann_cp_before(st->s, c->end, j, &j);
    if (j == m[i].span.start || kiji_ann_word_at(st, j, AW_QUOTE_PARTICLE) != m[i].span.start ||
        m[i].kind != KIJI_KIND_OFFICIAL)
      continue;
    if (kiji_ann_trimmed(st, m[i].span.end, st->end).start != KIJI_NONE) continue;
    p->start = m[i].span.start;
    p->end = m[i].span.end;
    p->mention = i;
    return 1;
  }
  return 0;
}

/* The speaker named right before the quote that holds the cue, with no
** particle (a headline: 政府高官「検討の事実ない」). */
static int ja_speaker_before_quote(const ann_sent *st, const ann_hit *c, ann_party *p) {
  size_t i = c->start, j, open = KIJI_NONE;
  int depth = 0;
  while (i > st->start) {
    uint32_t ch = kiji_ann_cp_before(st->s, st->start, i, &j);
    if (ch == 0x300D) depth++;
    if (ch == 0x300C && depth-- == 0) {
      open = j;
      break;
    }
    i = j;
  }
  return open != KIJI_NONE && kiji_ann_party_before_ja(st, open, p);
}

/* Whether [start, end) holds a 。 (E3 80 82): memchr for its 82, rarer
** than the E3 of every kana. E3 is no continuation byte, so a walk by
** characters reads a 。 wherever its bytes are. */
static int full_stop_in(const unsigned char *s, size_t start, size_t end) {
  const unsigned char *p;
  size_t i = start + 2;
  while (i < end && (p = memchr(s + i, 0x82, end - i)) != NULL) {
    i = (size_t)(p - s);
    if (s[i - 2] == 0xE3 && s[i - 1] == 0x80) return 1;
    i++;
  }
  return 0;
}

/* The official that ends a Japanese headline (no 。) after its denial:
** 事実はない＝…報道で官房副長官, 「根拠のない臆測」＝中国外務省. */
static int ja_headline_speaker(const ann_sent *st, const ann_hit *c, ann_party *p) {
  const kiji_mention *m = st->doc->mentions.p;
  kiji_range all;
  size_t i = st->doc->mentions.n;
  if (full_stop_in(st->s, st->start, st->end)) return 0; /* a sentence, not a headline */
  if ((all = kiji_ann_trimmed(st, st->start, st->end)).start == KIJI_NONE) return 0;
  while (i-- > st->first_mention) {
    if (m[i].span.start < c->end || m[i].kind != KIJI_KIND_OFFICIAL) return 0;
    if (m[i].span.end != all.end) continue;
    p->start = m[i].span.start;
    p->end = m[i].span.end;
    p->mention = i;
    return 1;
  }
  return 0;
}

static void japanese(const ann_sent *st, const ann_hit *c, candidate *k) {
  size_t end;
  size_t agent =
      kiji_ann_word_within(st, c->start >= 9 ? c->start - 9 : st->start, c->start, AW_BY, &end);
  if (agent != KIJI_NONE && end == c->start && kiji_ann_party_before_ja(st, agent, &k->by)) {
    k->has_by = 1; /* 防衛省による否定, 外務省からの反論 */
    k->claim = kiji_ann_ja_claim(st, c->start, 1, k->by.end);
    return;
  }
  k->has_by = kiji_ann_agent_ja(st, c->start, &k->by, &k->reporter);
  if (!k->has_by) k->has_by = ja_speaker_before_quote(st, c, &k->by);
  if (!k->has_by) k->has_by = ja_speaker_after(st, c, &k->by);
  if (!k->has_by) k->has_by = ja_headline_speaker(st, c, &k->by);
  k->claim = kiji_ann_ja_claim(st, c->start, 1, k->has_by ? k->by.end : KIJI_NONE);
}

/* Whether w ends a phrase that names who heard a statement: "told",
** "spoke to", "said to", "in an interview with". */
static int told_to(const ann_sent *st, const ann_word *w) {
  ann_word v;
  if (kiji_ann_word_is(st, w, AW_TOLD)) return 1;
  if (!kiji_ann_word_before(st->s, st->start, w->start, &v)) return 0;
  if (kiji_ann_word_is(st, w, AW_TO)) return kiji_ann_word_is(st, &v, AW_SPEAK_VERB);
  if (kiji_ann_word_is(st, w, AW_WITH)) return kiji_ann_word_is(st, &v, AW_INTERVIEW);
  return 0;
}

/* The outlet that reports the sentence: an attribution's outlet source
** that is not the denier, or "told X" / X の取材に. */
static size_t reporter(const ann_sent *st, const candidate *k) {
  const kiji_attribution *a = st->doc->attributions.p;
  const kiji_mention *m = st->doc->mentions.p;
  size_t i;
  if (k->reporter != KIJI_NONE) return k->reporter;
  for (i = st->doc->attributions.n; i-- > 0 && a[i].sentence == st->index;) {
    size_t s = a[i].source_mention;
    if (s != KIJI_NONE && m[s].kind == KIJI_KIND_OUTLET && !(k->has_by && k->by.mention == s) &&
        !(k->claim.start != KIJI_NONE && m[s].span.start >= k->claim.start &&
          m[s].span.end <= k->claim.end))
      return s; /* not the outlet whose report is the claim */
  }
  if (st->ja) {
    /* ロイター通信に「…」と反論した; a credit （共同） */
    for (i = st->first_mention; i < st->doc->mentions.n; i++) {
      size_t e = m[i].span.end, b = m[i].span.start, j;
      if (m[i].kind != KIJI_KIND_OUTLET || (k->has_by && k->by.mention == i)) continue;
      if (kiji_ann_word_at(st, e, AW_DATIVE_PARTICLE) && /* に, not によると */
          !is_cue_of(st, e, e + 1, AS_ATTRIB_JA_SOURCE))
        return i;
      if (b > st->start && e < st->end) {
        uint32_t o = kiji_ann_cp_before(st->s, st->start, b, &j), cl;
        cl = kiji_ann_cp(st->s, e, st->end, &j);
        if ((o == '(' || o == 0xFF08) && (cl == ')' || cl == 0xFF09)) return i;
      }
    }
  } else {
    /* an outlet after "told", "spoke to", "an interview with" */
    for (i = st->first_mention; i < st->doc->mentions.n; i++) {
      ann_word w;
      size_t at = m[i].span.start;
      if (m[i].kind != KIJI_KIND_OUTLET || (k->has_by && k->by.mention == i)) continue;
      if (!kiji_ann_word_before(st->s, st->start, at, &w)) continue;
      if (kiji_ann_word_is(st, &w, AW_THE) && !kiji_ann_word_before(st->s, st->start, w.start, &w))
        continue;
      if (told_to(st, &w)) return i;
    }
  }
  /* a dateline's outlet carries what its text says: "TOKYO (Kyodo) --" */
  if (st->doc->source != KIJI_NONE && !(k->has_by && k->by.mention == st->doc->source))
    return st->doc->source;
  return KIJI_NONE;
}

static int is_denial(int sub) {
  return sub == AS_DENIAL_VERB || sub == AS_DENIAL_NOUN || sub == AS_DENIAL_PRED ||
         sub == AS_DENIAL_JA;
}

int kiji_ann_denials(ann_sent *st) {
  candidate cands[16];
  size_t n = 0, i, j, any_by = 0, first;
  int supposed = -1;
  for (i = 0; i < st->ncue && n < sizeof cands / sizeof cands[0]; i++) {
    const ann_hit *c = &st->cue[i];
    candidate *k = &cands[n];
    prior pr;
    if (!is_denial(c->sub) || (c->sub == AS_DENIAL_JA) != (st->ja != 0)) continue;
    if (!st->ja) pr = prior_of(st, c);
    if (st->ja ? not_a_denial_ja(st, c, &supposed) : not_a_denial_en(st, c, &pr)) continue;
    memset(k, 0, sizeof *k);
    k->cue = c;
    k->claim = none;
    k->reporter = KIJI_NONE;
    if (st->ja)
      japanese(st, c, k);
    else
      english(st, c, &pr, k);
    any_by |= (size_t)k->has_by;
    n++;
  }
  first = st->doc->denials.n;
  for (i = 0; i < n; i++) {
    kiji_denial *d = st->doc->denials.p;
    if (any_by && !cands[i].has_by) continue; /* joins the denial that names its party */
    for (j = first; j < st->doc->denials.n; j++)
      if (d[j].by.start == (cands[i].has_by ? cands[i].by.start : KIJI_NONE) &&
          d[j].by.end == (cands[i].has_by ? cands[i].by.end : KIJI_NONE))
        break;
    if (j < st->doc->denials.n) { /* the same party's denial, said twice */
      /* the main verb comes last: 「事実はない」と否定した; but a verb that
      ** dismisses (と一蹴, とはねつけた) only quotes the falsehood word inside
      ** the quotation, which stays the cue: 「全くの捏造だ」と一蹴した */
      if (st->ja) {
        if (!(ANN_IS(cands[i].cue, "cue.shirizoke") && kiji_ann_in_brackets(st, d[j].cue.start))) {
          d[j].cue.start = cands[i].cue->start;
          d[j].cue.end = cands[i].cue->end;
        }
        if (cands[i].claim.start != KIJI_NONE) d[j].claim = cands[i].claim;
      }
      continue;
    }
    if ((d = kiji_ann_push(&st->doc->denials, sizeof *d)) == NULL) return 0;
    d->cue.start = cands[i].cue->start;
    d->cue.end = cands[i].cue->end;
    d->by = none;
    d->by_mention = KIJI_NONE;
    if (cands[i].has_by) {
      d->by.start = cands[i].by.start;
      d->by.end = cands[i].by.end;
      d->by_mention = cands[i].by.mention;
    }
    d->claim = cands[i].claim;
    d->reported_by = reporter(st, &cands[i]);
    d->sentence = st->index;
    d->target = d->date_text = none; /* targets.c, dates.c */
    d->date[0] = 0;
    d->target_mention = d->target_antecedent = d->by_antecedent = KIJI_NONE; /* anaphors.c */
  }
  return 1;
}

void kiji_ann_dateline_reporters(kiji_doc *doc) {
  kiji_denial *d = doc->denials.p;
  size_t i;
  if (doc->source == KIJI_NONE) return;
  for (i = 0; i < doc->denials.n; i++)
    if (d[i].reported_by == KIJI_NONE && d[i].by_mention != doc->source)
      d[i].reported_by = doc->source;
}
