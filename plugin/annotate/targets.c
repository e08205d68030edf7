/*
** targets.c -- whose report a denial denies (ANNOTATION.md, "target").
**
** An outlet of the denial's sentence is its target when the sentence ties
** it to a report: "Kyodo's report", "the Kyodo report", "a report by the
** Tokai Shimbun", 英紙タイムズの報道, タイムズ紙報道, フジテレビが報じた.
** Never the denier, the outlet that reports the denial ("told Bloomberg",
** "…, Kyodo said") or a credit in brackets ((Kyodo), 【ソウル共同】,
** [東京 22日 ロイター]).
**
** When the sentence names no such outlet, a definite report in the claim
** ("the report", "these allegations", "the paper", 同紙, その報道) is an
** anaphor: the target is its span, and its antecedent the last outlet
** named in an earlier sentence that did not only carry news (a credit, a
** denial's reporter). An indefinite report ("a media report", 一部報道)
** has no target.
*/
#include <string.h>

#include "ann.h"
#include "ann_text.h"

/* How far a credit's brackets may lie from the outlet, in characters. */
#define CREDIT_REACH 12
/* How many words a report noun may lie from its outlet ("Kyodo's
** exclusive report"), or from a definite determiner. */
#define NOUN_REACH 3
/* How many earlier mentions an anaphor looks through. */
#define ANTECEDENT_REACH 64

static int is_opener(uint32_t c) { return c == '(' || c == '[' || c == 0x3010; /* 【 */ }
static int is_closer(uint32_t c) { return c == ')' || c == ']' || c == 0x3011; /* 】 */ }

/* Whether [start, end) of the view sits inside brackets that close near
** it on both sides: a credit or a dateline, which carry news. */
static int in_credit(const unsigned char *s, size_t len, size_t start, size_t end) {
  size_t i = start, j, n;
  int open = 0;
  for (n = 0; i > 0 && n < CREDIT_REACH && !open; n++, i = j) {
    uint32_t c = kiji_ann_cp_before(s, 0, i, &j);
    if (is_closer(c) || c == '.' || c == 0x3002) return 0;
    open = is_opener(c);
  }
  if (!open) return 0;
  for (i = end, n = 0; i < len && n < CREDIT_REACH; n++, i += j) {
    uint32_t c = kiji_ann_cp(s, i, len, &j);
    if (is_closer(c)) return 1;
    if (is_opener(c) || c == '.' || c == 0x3002) return 0;
  }
  return 0;
}

/* The first word of class cls among the NOUN_REACH words after pos. */
static int word_soon_after(const ann_sent *st, size_t pos, int cls, ann_word *w) {
  int n;
  for (n = 0; n < NOUN_REACH && kiji_ann_word_after(st->s, pos, st->end, w); n++) {
    if (kiji_ann_word_is(st, w, cls)) return 1;
    pos = w->end;
  }
  return 0;
}

/* English: "Kyodo's report", "the Kyodo report", "a report by (the) X",
** "allegations in the Times". */
static int tied_en(const ann_sent *st, const kiji_mention *m) {
  ann_word w, prep;
  size_t pos = m->span.end, n;
  if (pos < st->end && st->s[pos] == '\'') pos++; /* Kyodo's, the Times' */
  if (pos < st->end && st->s[pos] == 's' && pos > m->span.end) pos++;
  if (word_soon_after(st, pos, AW_REPORTED_THING, &w)) return 1;
  if (!kiji_ann_word_before(st->s, st->start, m->span.start, &prep)) return 0;
  if (kiji_ann_word_is(st, &prep, AW_THE) &&
      !kiji_ann_word_before(st->s, st->start, prep.start, &prep))
    return 0;
  if (!kiji_ann_word_is(st, &prep, AW_BY) && !kiji_ann_word_is(st, &prep, AW_OF_BODY) &&
      !kiji_ann_word_is(st, &prep, AW_IN))
    return 0;
  for (pos = prep.start, n = 0; n < NOUN_REACH && kiji_ann_word_before(st->s, st->start, pos, &w);
       n++) {
    if (kiji_ann_word_is(st, &w, AW_REPORTED_THING)) return 1;
    pos = w.start;
  }
  return 0;
}

/* Japanese: X(紙)(の|が|は)報道 / 記事, or Xが報じた + a noun. */
static int tied_ja(const ann_sent *st, const kiji_mention *m) {
  size_t pos = m->span.end, e;
  if ((e = kiji_ann_word_at(st, pos, AW_PAPER_SUFFIX)) != 0) pos = e;
  if ((e = kiji_ann_word_at(st, pos, AW_GENITIVE_PARTICLE)) != 0 ||
      (e = kiji_ann_word_at(st, pos, AW_SUBJECT_PARTICLE)) != 0 ||
      (e = kiji_ann_word_at(st, pos, AW_TOPIC_PARTICLE)) != 0)
    pos = e;
  /* a relative clause (報じたメモ), not the carrier's verb that ends the
  ** sentence (…と否定したと読売新聞が報じた) */
  return kiji_ann_word_at(st, pos, AW_REPORTED_THING) != 0 ||
         kiji_ann_report_clause_ja(st, pos) != 0;
}

/* Whether mention i only carries the news of some denial: its reporter. */
static int carries_denial(const kiji_doc *doc, size_t i) {
  const kiji_denial *d = doc->denials.p;
  size_t s = ((const kiji_mention *)doc->mentions.p)[i].sentence, lo = 0, hi = doc->denials.n;
  /* a reporter is a mention of its denial's sentence (denials.c), and the
  ** denials come in sentence order: only that sentence's are asked */
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (d[mid].sentence < s)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (; lo < doc->denials.n && d[lo].sentence == s; lo++)
    if (d[lo].reported_by == i) return 1;
  return 0;
}

/* The outlet of the sentence whose report the denial denies, or KIJI_NONE. */
static size_t named_target(const ann_sent *st, const kiji_denial *d, size_t len) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i;
  for (i = st->first_mention; i < st->doc->mentions.n; i++) {
    if (m[i].kind != KIJI_KIND_OUTLET || i == d->by_mention || i == d->reported_by) continue;
    if (in_credit(st->s, len, m[i].span.start, m[i].span.end)) continue;
    if (st->ja ? tied_ja(st, &m[i]) : tied_en(st, &m[i])) return i;
  }
  return KIJI_NONE;
}

/* English: a definite report or outlet noun in [from, to): "the report",
** "these allegations", "the initial story", "the paper". */
static kiji_range anaphor_en(const ann_sent *st, size_t from, size_t to) {
  kiji_range r = {KIJI_NONE, KIJI_NONE};
  ann_word w, d;
  size_t pos = from;
  while (kiji_ann_word_after(st->s, pos, to, &w)) {
    size_t back = w.start, n;
    pos = w.end;
    if (!kiji_ann_word_is(st, &w, AW_REPORTED_THING) && !kiji_ann_word_is(st, &w, AW_MEDIA_NOUN))
      continue;
    for (n = 0; n < NOUN_REACH && kiji_ann_word_before(st->s, from, back, &d); n++) {
      if (kiji_ann_word_is(st, &d, AW_DEFINITE)) {
        r.start = d.start;
        r.end = w.end;
        return r;
      }
      back = d.start;
    }
  }
  return r;
}

/* Where a definite word (その, 同じ, 当該) ends right at pos, within
** the few characters before it: its start, or KIJI_NONE. */
static size_t definite_before_ja(const ann_sent *st, size_t floor, size_t pos) {
  size_t i = pos, j, n, e;
  for (n = 0; n < 4 && i > floor; n++) {
    kiji_ann_cp_before(st->s, floor, i, &j);
    i = j;
    if ((e = kiji_ann_word_at(st, i, AW_DEFINITE)) == pos) return i;
  }
  return KIJI_NONE;
}

/* Japanese: 同紙, 同社… or a definite report (その報道, 同じ報道), or a
** bare 報道 / 記事 that no noun qualifies (一部報道 and 米紙報道 are not
** anaphors) in [from, to). */
static kiji_range anaphor_ja(const ann_sent *st, size_t from, size_t to) {
  kiji_range r = {KIJI_NONE, KIJI_NONE};
  size_t at, end, j;
  if ((at = kiji_ann_word_within(st, from, to, AW_OUTLET_ANAPHOR, &end)) != KIJI_NONE) {
    r.start = at;
    r.end = end;
    return r;
  }
  for (at = from; at < to; at = end) {
    size_t def;
    if ((at = kiji_ann_word_within(st, at, to, AW_REPORTED_THING, &end)) == KIJI_NONE) break;
    def = definite_before_ja(st, from, at);
    if (def != KIJI_NONE ||
        (at == from || kiji_ann_script(kiji_ann_cp_before(st->s, from, at, &j)) != SC_HAN)) {
      r.start = def != KIJI_NONE ? def : at;
      r.end = end;
      return r;
    }
  }
  return r;
}

/* The outlet an anaphor of this sentence refers to: the last one named
** before it that did not only carry news, or KIJI_NONE. */
static size_t antecedent(const ann_sent *st, size_t len) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i = st->first_mention, n;
  for (n = 0; i-- > 0 && n < ANTECEDENT_REACH; n++) {
    if (m[i].kind != KIJI_KIND_OUTLET) continue;
    if (in_credit(st->s, len, m[i].span.start, m[i].span.end) || carries_denial(st->doc, i))
      continue;
    return i;
  }
  return KIJI_NONE;
}

/* English: a claim that is a definite noun phrase ("the intrusion", "these
** transfers"): its span, to a comma or NOUN_REACH words after the
** determiner. */
static kiji_range definite_claim_en(const ann_sent *st, kiji_range claim) {
  kiji_range r = {KIJI_NONE, KIJI_NONE};
  ann_word w;
  size_t pos, n;
  if (claim.start == KIJI_NONE || !kiji_ann_word_after(st->s, claim.start, claim.end, &w) ||
      w.start != claim.start || !kiji_ann_word_is(st, &w, AW_DEFINITE))
    return r;
  for (pos = w.end, n = 0; n < NOUN_REACH && kiji_ann_word_after(st->s, pos, claim.end, &w); n++) {
    if (memchr(st->s + pos, ',', w.start - pos) != NULL || kiji_ann_word_is(st, &w, AW_THAT)) break;
    pos = w.end;
  }
  if (pos == claim.start) return r;
  r.start = claim.start;
  r.end = pos;
  return r;
}

/* The outlet whose report an earlier sentence attributes ("The Nikkei
** reported that…", "It reports that…" with its antecedent): what a
** definite claim of a later denial most likely refers to. The last such
** attribution within reach, unless it only carries a denial. */
static size_t reported_before(const ann_sent *st) {
  const kiji_attribution *a = st->doc->attributions.p;
  const kiji_mention *m = st->doc->mentions.p;
  size_t i = st->doc->attributions.n, n;
  for (n = 0; i-- > 0 && n < ANTECEDENT_REACH; n++) {
    size_t s = a[i].source_mention != KIJI_NONE ? a[i].source_mention : a[i].source_antecedent;
    if (a[i].sentence >= st->index || s == KIJI_NONE) continue;
    if (m[s].kind == KIJI_KIND_OUTLET && !carries_denial(st->doc, s)) return s;
  }
  return KIJI_NONE;
}

static int same_party(const kiji_doc *doc, const kiji_denial *x, const kiji_denial *y) {
  const kiji_mention *m = doc->mentions.p;
  const kiji_str *a, *b;
  if (x->by_mention == KIJI_NONE || y->by_mention == KIJI_NONE) return 0;
  a = &m[x->by_mention].id;
  b = &m[y->by_mention].id;
  return a->ptr != NULL && b->ptr != NULL && a->len == b->len &&
         memcmp(a->ptr, b->ptr, a->len) == 0;
}

/* A denial that names no report goes on denying the one an earlier denial
** of the text named, when it has no denier of its own (「事実はない」と
** 述べた) or the same one: the outlet mention of that denial's target. */
static size_t target_of(const kiji_denial *e) {
  return e->target_mention != KIJI_NONE ? e->target_mention : e->target_antecedent;
}

static void inherit(const kiji_doc *doc, kiji_denial *d) {
  const kiji_denial *e; /* the last of the earlier sentences' with a target: kept, not sought */
  const kiji_mention *m = doc->mentions.p;
  if (doc->targeted == 0) return;
  e = (const kiji_denial *)doc->denials.p + doc->targeted - 1;
  if (d->by.start != KIJI_NONE && !same_party(doc, d, e)) return;
  d->target = m[target_of(e)].span;
  d->target_mention = target_of(e);
}

int kiji_ann_targets(ann_sent *st) {
  kiji_denial *d = st->doc->denials.p;
  size_t k = st->doc->denials.n, len, ante = KIJI_NONE;
  int ante_known = 0; /* the antecedent, one for the sentence's denials, sought once */
  kiji_norm_text(st->doc->norm, &len); /* the view's length: credits may end past the sentence */
  while (k-- > 0 && d[k].sentence == st->index) {
    size_t t = named_target(st, &d[k], len), from, to;
    kiji_range a;
    if (t != KIJI_NONE) {
      const kiji_mention *m = st->doc->mentions.p;
      d[k].target = m[t].span;
      d[k].target_mention = t;
      continue;
    }
    /* the claim, or (none found) the clause around the cue */
    if (st->ja) { /* the sentence before the cue, past its denier (同社は…を否定) */
      from = d[k].by.start != KIJI_NONE && d[k].by.end <= d[k].cue.start ? d[k].by.end : st->start;
      to = d[k].cue.start;
    } else { /* the claim, or with none the words after the cue */
      from = d[k].claim.start != KIJI_NONE ? d[k].claim.start : d[k].cue.end;
      to = d[k].claim.start != KIJI_NONE ? d[k].claim.end : st->end;
    }
    if (st->ja && !ante_known) { /* (Japanese: no anaphor is sought for no antecedent) */
      ante = antecedent(st, len);
      ante_known = 1;
    }
    if (st->ja && ante == KIJI_NONE) {
      inherit(st->doc, &d[k]);
      continue;
    }
    a = st->ja ? anaphor_ja(st, from, to) : anaphor_en(st, from, to);
    if (a.start == KIJI_NONE && !st->ja) {
      kiji_range c = definite_claim_en(st, d[k].claim);
      if (c.start != KIJI_NONE && (t = reported_before(st)) != KIJI_NONE) {
        d[k].target = c; /* "Kyodo reported that… The ministry denied the intrusion." */
        d[k].target_antecedent = t;
        continue;
      }
    }
    if (a.start == KIJI_NONE || (t = ante_known ? ante : antecedent(st, len)) == KIJI_NONE) {
      inherit(st->doc, &d[k]);
      continue;
    }
    d[k].target = a;
    d[k].target_antecedent = t;
  }
  for (k = st->doc->denials.n; k-- > 0 && d[k].sentence == st->index;)
    if (target_of(&d[k]) != KIJI_NONE) {
      st->doc->targeted = k + 1;
      break;
    }
  return 1;
}
