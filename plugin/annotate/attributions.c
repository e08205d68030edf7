/*
** attributions.c -- claims attributed to a source: "according to X",
** "X reported (that)", "…, X said", "sources told X", "X warned that…",
** "…, X added", "…, saying that…", Xによると, Xが報じた, Xは…と警告した.
**
** The source is a party (an official, an outlet, a name, a pronoun), an
** anonymous source, or else any noun phrase ("analysts", "a poll by the
** Asahi", 世論調査). Say, tell and report are speech itself; every other
** reporting verb (cues.tsv, from WordNet) makes one only with a clause
** or a quotation after it, or after its claim, so "noted the figures"
** and "added three points" make none. A verb form after a determiner is
** a noun ("the warning"), an -ing form a verb only as a progressive or a
** participle after a comma, a passive ("was told", "is expected to")
** none. An attribution needs its source in English (a bare "said" is
** everywhere); in Japanese a quoted claim before 〜と述べた makes one even
** when the subject is left out, as Japanese news leaves it out.
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
  a->date_text = none; /* dates.c */
  a->date[0] = 0;
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
  size_t i = kiji_ann_hit_after(st->ent, st->nent, pos), passed = 0; /* those before end by pos */
  while (i-- > 0) {
    const ann_hit *h = &st->ent[i];
    ann_word w;
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

/* Whether the cue is speech itself (say, tell, report, quoted, cited,
** tweeted): an attribution whenever it has a source. */
static int speech_itself(const ann_hit *c) {
  return ANN_IS(c, "cue.said") || ANN_IS(c, "cue.tell") || ANN_IS(c, "cue.report") ||
         ANN_IS(c, "cue.quote") || ANN_IS(c, "cue.cite") || ANN_IS(c, "cue.tweet");
}

/* The claim from `from` to the end of the sentence, or of the quotation
** that holds the cue: '"I think we can win," the coach said'. */
static kiji_range claim_after(const ann_sent *st, const ann_hit *c, size_t from) {
  size_t end = kiji_ann_quote_close(st, c->start);
  return kiji_ann_trimmed(st, from, end != KIJI_NONE && end > from ? end : st->end);
}

/* Whether the cue ends in -ing (the view is folded): a participle or a
** progressive, never a finite verb. */
static int ing_form(const ann_sent *st, const ann_hit *c) {
  return c->end - c->start > 4 && memcmp(st->s + c->end - 3, "ing", 3) == 0;
}

/* The be-form before pos, through a few adverbs ("is also warning",
** "was reported"), in *be; 0 when none. prev: the word before pos, NULL
** for none. */
static int be_before(const ann_sent *st, size_t pos, const ann_word *prev, ann_word *be) {
  int n;
  if (prev == NULL) return 0;
  *be = *prev;
  for (n = 0; n < 3 && (n == 0 || kiji_ann_word_before(st->s, st->start, pos, be)); n++) {
    ann_classes k = kiji_ann_word_classes(st, be);
    if (AW_IN(k, AW_BE)) return 1;
    if (!AW_IN(k, AW_ADVERB) &&
        !(be->end - be->start > 4 && memcmp(st->s + be->end - 2, "ly", 2) == 0))
      return 0; /* "is widely believed" */
    pos = be->start;
  }
  return 0;
}

/* The character just before pos, past white space (a comma, a quote
** mark), or 0 at the sentence's start. */
static uint32_t mark_before(const ann_sent *st, size_t pos) {
  size_t i = kiji_ann_skip_space_back(st->s, st->start, pos), j;
  return i > st->start ? kiji_ann_cp_before(st->s, st->start, i, &j) : 0;
}

/* Whether the clause ends at pos or after a few words that hold no verb
** of a clause ("…, she added on Monday.", "…, he said in a statement"). */
static int clause_ends(const ann_sent *st, size_t pos) {
  ann_word w;
  size_t i, l, n;
  uint32_t c;
  for (n = 0; kiji_ann_word_after(st->s, pos, st->end, &w); n++, pos = w.end)
    if (n == 6 || kiji_ann_word_is(st, &w, AW_THAT) || kiji_ann_word_is(st, &w, AW_AUXILIARY))
      return 0;
  if ((i = kiji_ann_skip_space(st->s, pos, st->end)) >= st->end) return 1;
  c = kiji_ann_cp(st->s, i, st->end, &l);
  return c == ',' || c == ';' || c == '.' || c == '!' || c == '?' || c == ')';
}

/* The claim before a source that follows it: '"…," the spokesman said',
** "…, officials added": a comma or a closing quote before the source
** (past its determiner; for a mention at `front`, before the phrase that
** ends with it at the verb: "…, Japan's Defense Ministry said"), and a
** claim of a few words before that. */
static kiji_range claim_before(const ann_sent *st, size_t front, size_t verb) {
  ann_word w;
  size_t end = front, n = 0, pos;
  uint32_t c;
  kiji_range r;
  ann_party np;
  if (kiji_ann_word_before(st->s, st->start, end, &w) && kiji_ann_word_is(st, &w, AW_DETERMINER))
    end = w.start;
  c = mark_before(st, end);
  if (c != ',' && c != '"') {
    if (!kiji_ann_np_before_en(st, verb, &np) || np.start >= front || np.end < front) return none;
    end = np.start;
    if (kiji_ann_word_before(st->s, st->start, end, &w) && kiji_ann_word_is(st, &w, AW_DETERMINER))
      end = w.start;
    c = mark_before(st, end);
    if (c != ',' && c != '"') return none;
  }
  r = kiji_ann_trimmed(st, st->start, end);
  if (r.start == KIJI_NONE) return none;
  for (pos = r.end; n < 3; n++, pos = w.start) { /* not "On Monday, he added" */
    size_t i = kiji_ann_skip_space_back(st->s, r.start, pos), j, k;
    for (k = 0; k < 4 && i > r.start &&
                kiji_ann_script(kiji_ann_cp_before(st->s, r.start, i, &j)) == SC_PUNCT;
         k++)
      i = j; /* '," ' */
    if (!kiji_ann_word_before(st->s, r.start, i, &w)) break;
  }
  return n == 3 ? r : none;
}

/* pos moved back before a parenthesis that ends just before it ("The
** company, which makes parts, warned", "Lee, 52, said", "The agency,
** citing costs, announced", "The report, released Monday, found"), or
** pos: a parenthesis opens with a relative or a function word, a
** determiner, a number or a participle. */
static size_t past_parenthesis(const ann_sent *st, size_t pos) {
  size_t i = kiji_ann_skip_space_back(st->s, st->start, pos), j, k;
  ann_word w;
  if (i <= st->floor || kiji_ann_cp_before(st->s, st->start, i, &j) != ',') return pos;
  k = kiji_ann_comma_back(st, st->floor, j);
  if (k <= st->floor || k >= j || !kiji_ann_word_after(st->s, k, j, &w)) return pos;
  if (kiji_ann_word_is(st, &w, AW_FUNCTION_WORD) || kiji_ann_word_is(st, &w, AW_NOUN_MARKER) ||
      (st->s[w.start] >= '0' && st->s[w.start] <= '9') ||
      (w.end - w.start > 4 &&
       (memcmp(st->s + w.end - 3, "ing", 3) == 0 || memcmp(st->s + w.end - 2, "ed", 2) == 0)))
    return k - 1;
  return pos;
}

/* Whether "and" or "or" stands before the phrase at start (past its
** determiner): "X, Y and a spokesman told" names X first. */
static int coordinated(const ann_sent *st, size_t start) {
  ann_word w;
  if (kiji_ann_word_before(st->s, st->start, start, &w) && kiji_ann_word_is(st, &w, AW_DETERMINER))
    start = w.start;
  return kiji_ann_word_before(st->s, st->start, start, &w) && kiji_ann_word_is(st, &w, AW_AND);
}

/* The source before a verb at pos: a party close before it ("Kyodo
** reported", "the spokesman said"), an anonymous source ("sources
** said", "sources at the ministry told"), else any noun phrase
** ("analysts said", "a report by the agency found"). A party that is no
** mention grows to the noun phrase that ends with it ("opposition
** leaders"), and a phrase between the party and the verb wins; *front
** is where the phrase starts (a mention just before its verb: its own
** start, claim_before looks further). */
static int source_before(const ann_sent *st, size_t pos, ann_party *src, size_t *front) {
  ann_party np;
  ann_word w;
  if ((kiji_ann_subject_en(st, pos, src) && words_between(st, src->end, pos) <= 2) ||
      (mark_before(st, pos) != ',' && anonymous_before(st, pos, src)) ||
      anonymous_at(st, pos, src)) { /* (not "citing sources, reported") */
    *front = src->start;
    if (src->mention != KIJI_NONE && kiji_ann_word_before(st->s, st->start, pos, &w) &&
        w.end <= src->end)
      return 1; /* a mention just before its verb: its phrase only if a claim comes first */
    if (!kiji_ann_np_before_en(st, pos, &np)) return 1;
    if (np.start <= src->start && np.end >= src->end) {
      *front = np.start;
      if (src->mention == KIJI_NONE) *src = np;
    } else if (np.start >= src->end && !coordinated(st, np.start)) {
      *src = np; /* "Kyodo, the message showed": the nearer phrase */
      *front = np.start;
    }
    return 1;
  }
  if (!kiji_ann_np_before_en(st, pos, src) &&
      !kiji_ann_np_before_en(st, past_parenthesis(st, pos), src))
    return 0;
  *front = src->start;
  return 1;
}

/* The subject of the clause a participle follows: the source of the
** last verb cue before it ("The ministry denied Kyodo's report, saying",
** "X reports that the ministry denies it, claiming"), else the sentence's
** first party, or a noun phrase that a verb cue follows ("The union
** called off the strike, adding"). */
#define PARTICIPLE_REACH 8

static int main_subject(const ann_sent *st, size_t comma, ann_party *src) {
  ann_word w;
  size_t i = kiji_ann_hit_from(st->cue, st->ncue, comma), n, front;
  for (n = 0; i-- > 0 && n < PARTICIPLE_REACH; n++) {
    const ann_hit *v = &st->cue[i];
    if ((v->sub == AS_DENIAL_VERB || v->sub == AS_ATTRIB_VERB) && !kiji_ann_noun_use(st, v) &&
        !ing_form(st, v))
      return source_before(st, v->start, src, &front);
  }
  if (kiji_ann_party_after_en(st, st->floor, src)) return 1;
  if (!kiji_ann_np_after_en(st, st->floor, src) ||
      !kiji_ann_word_after(st->s, src->end, st->end, &w))
    return 0;
  i = kiji_ann_hit_after(st->cue, st->ncue, w.start);
  return i < st->ncue && st->cue[i].start == w.start &&
         (st->cue[i].sub == AS_DENIAL_VERB || st->cue[i].sub == AS_ATTRIB_VERB);
}

/* A verb coordinated with an earlier one has its subject: "X admitted
** …, but said …", "X denied it and added that …". */
static int coordinated_verb(const ann_sent *st, size_t pos, ann_party *src, size_t *front) {
  ann_word w;
  while (kiji_ann_word_before(st->s, st->start, pos, &w) && kiji_ann_word_is(st, &w, AW_ADVERB))
    pos = w.start; /* "and also said" */
  if (!kiji_ann_word_before(st->s, st->start, pos, &w) ||
      !kiji_ann_word_is(st, &w, AW_CLAUSE_LINK) || !kiji_ann_word_is(st, &w, AW_FUNCTION_WORD) ||
      !main_subject(st, w.start, src))
    return 0;
  *front = src->start;
  return 1;
}

/* say, tell, report with a source before them: the claim after the verb
** (its clause or quotation, past "that", past the hearer of "told"), or
** before the source when nothing but an adverbial follows ('"…," X said
** (on Monday).'). "Told" needs a clause or its claim before: "told the
** story" is none. */
static int speech(ann_sent *st, const ann_hit *c, const ann_party *src, size_t front, size_t verb) {
  size_t from = c->end, at;
  ann_word w;
  ann_party heard;
  kiji_range before;
  int tell = ANN_IS(c, "cue.tell");
  if (tell && kiji_ann_word_after(st->s, from, st->end, &w)) {
    /* "told reporters (that) …", "told Reuters …": past the hearer */
    ann_party np;
    size_t end = w.end;
    if (kiji_ann_party_after_en(st, from, &heard)) end = heard.end;
    if (kiji_ann_np_after_en(st, from, &np) && np.end > end)
      end = np.end; /* "the ministry's office" */
    from = end;
    if (kiji_ann_word_after(st->s, from, st->end, &w) && kiji_ann_word_is(st, &w, AW_PLACE_PREP))
      for (from = w.end;
           kiji_ann_word_after(st->s, from, st->end, &w) && kiji_ann_capital(st, w.start);)
        from = w.end; /* "… in Tokyo" */
  }
  if ((at = kiji_ann_clause_after(st, from)) != KIJI_NONE)
    return push(st, c, src, claim_after(st, c, at));
  if ((from == c->end || tell) && clause_ends(st, from)) {
    /* '"…," X said (on Monday).', '"…," X told reporters outside the court.' */
    size_t end = src->start;
    if ((before = claim_before(st, front, verb)).start != KIJI_NONE)
      return push(st, c, src, before);
    if (kiji_ann_trimmed(st, from, st->end).start == KIJI_NONE) {
      if (kiji_ann_word_before(st->s, st->start, end, &w) &&
          kiji_ann_word_is(st, &w, AW_DETERMINER))
        end = w.start;
      before = kiji_ann_trimmed(st, st->start, end);
      return tell && before.start == KIJI_NONE ? 1 : push(st, c, src, before);
    }
  }
  return tell ? 1 : push(st, c, src, claim_after(st, c, from));
}

/* Where an object and its infinitive start after pos: "expect prices
** to rise" (an expectation is a claim; "expect to finish" names none), or
** KIJI_NONE. */
static size_t infinitive_after(const ann_sent *st, size_t pos) {
  ann_word w, first;
  size_t n;
  if (!kiji_ann_word_after(st->s, pos, st->end, &first)) return KIJI_NONE;
  for (n = 0, w = first; n < 5; n++) {
    ann_classes k = kiji_ann_word_classes(st, &w);
    if (AW_IN(k, AW_TO)) return n > 0 ? first.start : KIJI_NONE;
    if (AW_IN(k, AW_FUNCTION_WORD) && !AW_IN(k, AW_DEFINITE)) return KIJI_NONE;
    if (!kiji_ann_word_after(st->s, w.end, st->end, &w)) return KIJI_NONE;
  }
  return KIJI_NONE;
}

/* Any other reporting verb with a source before it: a clause or a
** quotation after it ("warned that…", "noted the plan would…") that starts
** at `at`, an expectation's object and infinitive, or its claim before the
** source ("…, she added.") when the clause ends after the verb. */
static int reporting(ann_sent *st, const ann_hit *c, const ann_party *src, size_t front,
                     size_t verb, size_t at, int ends) {
  kiji_range r;
  if (at != KIJI_NONE) return push(st, c, src, claim_after(st, c, at));
  if (ends && (r = claim_before(st, front, verb)).start != KIJI_NONE) return push(st, c, src, r);
  return 1;
}

/* "according to X", "citing X", "quoting X", "in a statement": X a
** party; after "according to" any noun phrase but a norm ("according to
** plan"): "citing safety concerns" names no source; "in an interview
** with X" names who heard it. */
static int preposition(ann_sent *st, const ann_hit *c) {
  ann_party src, np;
  ann_word w;
  int any = ANN_IS(c, "cue.according_to") && kiji_ann_np_after_en(st, c->end, &np);
  if (kiji_ann_word_before(st->s, c->start, c->end, &w) && kiji_ann_word_is(st, &w, AW_WITH))
    return 1; /* "in an interview with X": X heard it */
  if (kiji_ann_party_after_en(st, c->end, &src) || anonymous_before(st, c->end + 40, &src)) {
    if (any && np.start <= src.start && np.end > src.end)
      src = np; /* "the ministry's statement", "government data": the phrase */
  } else if (any) {
    src = np;
  } else {
    return 1;
  }
  if (kiji_ann_word_after(st->s, c->end, st->end, &w) &&
      (!kiji_ann_word_is(st, &w, AW_NOUN_MARKER) ||
       kiji_ann_word_after(st->s, w.end, st->end, &w)) &&
      kiji_ann_word_is(st, &w, AW_NORM_NOUN))
    return 1;
  /* "According to X, CLAIM." or "CLAIM, according to X." */
  if (kiji_ann_skip_space_back(st->s, st->start, c->start) == st->start) {
    size_t pos = src.end, n, i, l;
    for (n = 0; n < 12 && src.mention == KIJI_NONE && kiji_ann_word_after(st->s, pos, st->end, &w);
         n++)
      pos = w.end; /* a phrase that runs on to its comma: "an official belonging to…," */
    i = kiji_ann_skip_space(st->s, pos, st->end);
    if (pos > src.end && i < st->end && kiji_ann_cp(st->s, i, st->end, &l) == ',') src.end = pos;
    return push(st, c, &src, kiji_ann_trimmed(st, src.end, st->end));
  }
  return push(st, c, &src, kiji_ann_trimmed(st, st->start, c->start));
}

static int english(ann_sent *st, const ann_hit *c) {
  ann_party src;
  ann_word be, w;
  const ann_word *prev; /* the word before the cue, which most tests below read */
  size_t at = c->start, front, claim = KIJI_NONE;
  int is_speech, ends = 0;
  if (ANN_IS(c, "cue.describe") || in_entity(st, c)) return 1;
  prev = kiji_ann_word_before(st->s, st->start, c->start, &w) ? &w : NULL;
  if (kiji_ann_noun_use_by(st, c, prev)) return 1;
  if (c->sub == AS_ATTRIB_PREP) return preposition(st, c);
  is_speech = speech_itself(c);
  if (ing_form(st, c)) {
    if (be_before(st, c->start, prev, &be)) {
      at = be.start; /* "is warning": its subject is before the be-form */
    } else {
      /* "…, saying (that) …": the clause's subject says it; "quoted
      ** officials as saying …": they do */
      size_t from = kiji_ann_clause_after(st, c->end);
      int quoted = prev != NULL && kiji_ann_word_is(st, prev, AW_COPULA) &&
                   !kiji_ann_word_is(st, prev, AW_BE);
      if (quoted ? !source_before(st, prev->start, &src, &front)
                 : from == KIJI_NONE || mark_before(st, c->start) != ',' ||
                       !main_subject(st, c->start, &src))
        return 1; /* "a warning system", "without saying" */
      return push(st, c, &src, claim_after(st, c, from == KIJI_NONE ? c->end : from));
    }
  } else if (be_before(st, c->start, prev, &be)) {
    return 1; /* a passive: "was told", "is expected to", "It is believed" */
  }
  if (!is_speech) { /* what follows first: most verbs that take no clause stop here */
    claim = kiji_ann_clause_after(st, c->end);
    if (claim == KIJI_NONE && ANN_IS(c, "cue.expect")) claim = infinitive_after(st, c->end);
    ends = claim == KIJI_NONE && clause_ends(st, c->end);
    if (claim == KIJI_NONE && !ends) return 1;
  }
  if (source_before(st, at, &src, &front) || coordinated_verb(st, at, &src, &front))
    return is_speech ? speech(st, c, &src, front, at)
                     : reporting(st, c, &src, front, at, claim, ends);
  /* '"…," said X', '…, warned the minister.'; who is told is the hearer */
  if (ANN_IS(c, "cue.tell")) return 1;
  {
    uint32_t m = mark_before(st, c->start);
    if (m != ',' && m != '"') return 1; /* not "Reports said the minister…" */
    if (kiji_ann_party_after_en(st, c->end, &src) ||
        (kiji_ann_np_after_en(st, c->end, &src) && clause_ends(st, src.end)))
      return push(st, c, &src, kiji_ann_trimmed(st, st->start, c->start));
  }
  return 1;
}

/* A Japanese topic that is no party: the noun phrase before the first
** は of the sentence's first words (専門家は…と述べた), before limit and
** before any quotation. */
#define TOPIC_REACH 24

static int topic_ja(const ann_sent *st, size_t limit, ann_party *p) {
  size_t i, l, n;
  for (i = st->floor, n = 0; i < limit && n < TOPIC_REACH; i += l, n++) {
    uint32_t c = kiji_ann_cp(st->s, i, limit, &l);
    if (c == 0x300C || c == 0x300E || c == '"') return 0;
    if (kiji_ann_word_at(st, i, AW_TOPIC_PARTICLE)) return kiji_ann_np_before_ja(st, i, p);
  }
  return 0;
}

static int japanese(ann_sent *st, const ann_hit *c) {
  ann_party src;
  size_t to;
  int has;
  if (c->sub == AS_ATTRIB_JA_SOURCE) {
    if (!kiji_ann_party_before_ja(st, c->start, &src) && !anonymous_before(st, c->start, &src) &&
        !kiji_ann_np_before_ja(st, c->start, &src))
      return 1;
    return push(st, c, &src, kiji_ann_trimmed(st, c->end, st->end));
  }
  has = kiji_ann_subject_ja(st, c->start, &src) || topic_ja(st, c->start, &src);
  /* a cue that holds its と (と警告した, との見方を示した): the claim is before it */
  if ((to = kiji_ann_word_at(st, c->start, AW_QUOTE_PARTICLE)) != 0)
    return push(st, c, has ? &src : NULL, kiji_ann_ja_claim(st, to, 0, has ? src.end : KIJI_NONE));
  if ((to = kiji_ann_particle_before(st, c->start, 0)) == KIJI_NONE)
    return has ? push(st, c, &src, none) : 1;
  return push(st, c, has ? &src : NULL,
              kiji_ann_ja_claim_from(st, to, c->start, has ? src.end : KIJI_NONE));
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
