/*
** quotes.c -- direct quotations (SCHEMA.md "quotes"): the text inside
** “…” "…" 「…」 『…』, a transcript's turn after its label (【報道官】…,
** SPOKESMAN: …) and the paragraph after "X said:", each with its speaker
** and the verb or label that frames it.
**
** A pair of marks holds a quotation when something frames it or when it
** holds a clause. Frames: a speech verb after it ('"…," X said', '"…,"
** said X', '"…" X told reporters', 「…」と述べた, とした, と断言, と一蹴),
** or right before it ('X said: "…"', 'X said "…"'), or a speaker with no
** particle in a headline (官房長官「…」, 「…」＝中国外務省, 「…」 官房長官,
** 「…」と官房長官). A clause: three words or more ending in punctuation
** inside the marks, a sentence inside 「」, or a quotation that runs over
** sentences. So scare quotes ('the so-called "report"') and a title or a
** name in brackets (『日本書紀』, 「はやぶさ2」が) are none; single marks
** are apostrophes as often, and never read. Only the outermost marks
** count: a quotation inside a quotation is its speaker's words.
**
** The speaker is the party of the attribution (or, in Japanese, the
** denial) whose cue is the frame's verb, else the Japanese topic or
** subject before the quotation. A quotation is followed to its closing
** mark over at most QUOTE_REACH sentences (then it is none); one that
** its paragraph leaves open ends there, and news opens the next
** paragraph of it with a new mark, which keeps its speaker. A turn, and
** the paragraph after "X said:", run to the end of their paragraph.
**
** What a quotation carries -- a denial or an attribution whose cue lies
** in it, or is its verb -- points to it, and takes its speaker when it
** names no party of its own or only "we" / "I": '"The report is untrue.
** We never discussed a visit," the spokesman said.' gives the spokesman
** the denial of the first sentence. A claim that runs past the marks of
** the quotation that holds its cue is cut at them.
*/
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ann.h"
#include "ann_text.h"

/* Sentences a quotation may run over to its closing mark or, for a
** turn, to its paragraph's end. */
#define QUOTE_REACH 8
/* Quotations a sentence gives: news has a few, a line of 10^5 marks is
** hostile input (each quotation looks for its frame). */
#define MAX_QUOTES 32
/* Words between a speech verb and its quotation's opening mark ("told
** reporters in Tokyo on Monday: …"). */
#define FRAME_WORDS 6
/* Characters between と and its verb (と記者団に述べた). */
#define VERB_REACH 4
/* Bytes of a label (SPOKESMAN:, 【中国外務省報道官】). */
#define LABEL_REACH 64

enum { QK_NONE, QK_MARK, QK_BRACKET, QK_TURN };

static const kiji_range none = {KIJI_NONE, KIJI_NONE};

/* Where this sentence's records start in the document's arrays. */
typedef struct ctx {
  size_t denials, attributions;
} ctx;

static void no_frame(ann_frame *f) {
  f->speaker.start = f->speaker.end = f->speaker.mention = KIJI_NONE;
  f->antecedent = KIJI_NONE;
  f->cue = none;
}

static int has_frame(const ann_frame *f) {
  return f->speaker.start != KIJI_NONE || f->cue.start != KIJI_NONE;
}

/* A party of a record (or a mention) as the frame's speaker. */
static void take(ann_frame *f, kiji_range p, size_t mention, size_t antecedent) {
  f->speaker.start = p.start;
  f->speaker.end = p.end;
  f->speaker.mention = p.start == KIJI_NONE ? KIJI_NONE : mention;
  f->antecedent = p.start == KIJI_NONE ? KIJI_NONE : antecedent;
}

static void take_party(const ann_sent *st, ann_frame *f, const ann_party *p) {
  kiji_range r;
  r.start = p->start;
  r.end = p->end;
  take(f, r, p->mention,
       p->mention == KIJI_NONE ? kiji_ann_antecedent(st, p->start, p->end) : KIJI_NONE);
}

/* The CJK mark E3 80 third at i: 「 8C, 」 8D, 『 8E, 』 8F, 【 90, 】 91. */
static int cjk_mark(const unsigned char *s, size_t i, size_t end, unsigned char third) {
  return i + 3 <= end && s[i] == 0xE3 && s[i + 1] == 0x80 && s[i + 2] == third;
}

static int bracket_opens(const unsigned char *s, size_t i, size_t end) {
  return cjk_mark(s, i, end, 0x8C) || cjk_mark(s, i, end, 0x8E);
}

/* ------------------------------------------------------------ records */

static int overlaps(kiji_range a, kiji_range b) {
  return a.start != KIJI_NONE && b.start != KIJI_NONE && a.start < b.end && b.start < a.end;
}

static int within(kiji_range a, kiji_range b) { return a.start >= b.start && a.end <= b.end; }

/* Whether a record's party gives way to its quotation's speaker: it has
** none, or only "we" or "I" inside the quotation (whoever speaks). */
static int gives_way(const ann_sent *st, kiji_range p, size_t mention, const kiji_quote *q) {
  ann_word w;
  if (p.start == KIJI_NONE) return 1;
  if (mention != KIJI_NONE || !within(p, q->text)) return 0;
  w.start = p.start;
  w.end = p.end;
  return kiji_ann_word_is(st, &w, AW_PRONOUN) && !kiji_ann_word_is(st, &w, AW_PERSON_PRONOUN) &&
         !kiji_ann_word_is(st, &w, AW_BODY_PRONOUN);
}

/* A claim that runs past the marks of the quotation that holds its cue,
** cut at them ('Tanaka said: "The report' gives "The report"). */
static kiji_range clipped(const ann_sent *st, kiji_range claim, const kiji_quote *q) {
  kiji_range r;
  if (!overlaps(claim, q->text) || within(claim, q->text)) return claim;
  r = kiji_ann_trimmed(st, claim.start > q->text.start ? claim.start : q->text.start,
                       claim.end < q->text.end ? claim.end : q->text.end);
  return r.start == KIJI_NONE ? claim : r;
}

/* One record (a denial's or an attribution's fields) that quotation qi
** carries, when its cue lies in the quotation or is its verb: it points to
** it, its claim stops at the marks, and its party gives way to the
** speaker. */
static void carry(const ann_sent *st, const kiji_quote *q, size_t qi, int speaks, kiji_range cue,
                  kiji_range *claim, size_t *quote, kiji_range *party, size_t *mention,
                  size_t *antecedent) {
  int in = within(cue, q->text);
  if (!in && !overlaps(cue, q->cue)) return;
  if (*quote == KIJI_NONE) *quote = qi;
  if (in) *claim = clipped(st, *claim, q);
  if (speaks && gives_way(st, *party, *mention, q)) {
    *party = q->speaker;
    *mention = q->speaker_mention;
    *antecedent = q->speaker_antecedent;
  }
}

/* The denials and attributions quotation qi carries point to it and take
** its speaker (they lie in its sentences: the last of each array). */
static void link(ann_sent *st, size_t qi) {
  kiji_doc *doc = st->doc;
  const kiji_quote *q = (const kiji_quote *)doc->quotes.p + qi;
  kiji_denial *d = doc->denials.p;
  kiji_attribution *a = doc->attributions.p;
  size_t k;
  int speaks = q->speaker.start != KIJI_NONE;
  for (k = doc->denials.n; k-- > 0 && d[k].sentence >= q->sentence;)
    carry(st, q, qi, speaks, d[k].cue, &d[k].claim, &d[k].quote, &d[k].by, &d[k].by_mention,
          &d[k].by_antecedent);
  for (k = doc->attributions.n; k-- > 0 && a[k].sentence >= q->sentence;)
    carry(st, q, qi, speaks, a[k].cue, &a[k].claim, &a[k].quote, &a[k].source, &a[k].source_mention,
          &a[k].source_antecedent);
}

/* The quotation [start, end) of the view over sentences first..last,
** framed by f, and what it carries; 0 when out of memory. */
static int push(ann_sent *st, size_t start, size_t end, size_t first, size_t last,
                const ann_frame *f) {
  kiji_quote *q;
  if (start >= end) return 1; /* "" quotes nothing */
  if ((q = kiji_ann_push(&st->doc->quotes, sizeof *q)) == NULL) return 0;
  q->text.start = start;
  q->text.end = end;
  q->speaker.start = f->speaker.start;
  q->speaker.end = f->speaker.start == KIJI_NONE ? KIJI_NONE : f->speaker.end;
  q->speaker_mention = f->speaker.start == KIJI_NONE ? KIJI_NONE : f->speaker.mention;
  q->speaker_antecedent = f->speaker.start == KIJI_NONE ? KIJI_NONE : f->antecedent;
  q->cue = f->cue;
  q->sentence = first;
  q->sentences = last - first + 1;
  link(st, st->doc->quotes.n - 1);
  return 1;
}

/* ------------------------------------------------------------ English frames */

/* Whether only white space, commas and one determiner lie in [from, to). */
static int next_to(const ann_sent *st, size_t from, size_t to) {
  ann_word w;
  size_t i = from, l;
  int words = 0;
  while (i < to) {
    uint32_t c = kiji_ann_cp(st->s, i, to, &l);
    if (kiji_ann_script(c) == SC_LATIN) {
      if (!kiji_ann_word_after(st->s, i, to, &w) || !kiji_ann_word_is(st, &w, AW_DETERMINER) ||
          words++)
        return 0;
      i = w.end;
      continue;
    }
    if (kiji_ann_script(c) != SC_SPACE && c != ',') return 0;
    i += l;
  }
  return 1;
}

/* Where an attribution ends: its cue, or its source after it ("said X"). */
static size_t attribution_end(const kiji_attribution *a) {
  return a->source.start != KIJI_NONE && a->source.end > a->cue.end ? a->source.end : a->cue.end;
}

/* '"…," the spokesman said', '"…" Tanaka told reporters', '"…," said X':
** the first attribution after the closing mark at close, when its source
** or its cue comes next. */
static int after_en(const ann_sent *st, const ctx *c, size_t close, ann_frame *f) {
  const kiji_attribution *a = st->doc->attributions.p;
  size_t k;
  for (k = c->attributions; k < st->doc->attributions.n; k++) {
    size_t at = a[k].cue.start;
    if (a[k].source.start != KIJI_NONE && a[k].source.start < at) at = a[k].source.start;
    if (at <= close) continue;
    if (a[k].source.start == KIJI_NONE || !next_to(st, close + 1, at)) return 0;
    take(f, a[k].source, a[k].source_mention, a[k].source_antecedent);
    f->cue = a[k].cue;
    return 1;
  }
  return 0;
}

/* The words and marks between a speech verb's end and `to`: at most
** FRAME_WORDS words, and nothing but white space, commas and colons
** besides. Where the last colon ends, or `to` when none; KIJI_NONE when
** the gap is no frame's. *words counts them. */
static size_t gap(const ann_sent *st, size_t from, size_t to, int *words, size_t *that) {
  ann_word w;
  size_t i = from, l, colon = KIJI_NONE;
  *words = 0;
  *that = 0;
  while (i < to) {
    uint32_t c = kiji_ann_cp(st->s, i, to, &l);
    if (kiji_ann_script(c) == SC_LATIN) {
      if (!kiji_ann_word_after(st->s, i, to, &w) || ++*words > FRAME_WORDS) return KIJI_NONE;
      *that += kiji_ann_word_is(st, &w, AW_THAT);
      i = w.end;
      continue;
    }
    if (c == ':') colon = i + l;
    if (kiji_ann_script(c) != SC_SPACE && c != ',' && c != ':') return KIJI_NONE;
    i += l;
  }
  return colon == KIJI_NONE ? to : colon;
}

/* 'X said: "…"', 'X told reporters, "…"', 'X said "…"': the last
** attribution before the opening mark at open, a gap away. *direct when
** a colon or a comma, "that" or nothing stands between (else the
** quotation must be a clause: 'X said the so-called "report"'). */
static int before_en(const ann_sent *st, const ctx *c, size_t open, ann_frame *f, int *direct) {
  const kiji_attribution *a = st->doc->attributions.p;
  size_t k = st->doc->attributions.n, end, j, that;
  int words;
  uint32_t mark;
  while (k > c->attributions && attribution_end(&a[k - 1]) > open) k--;
  if (k == c->attributions) return 0;
  end = attribution_end(&a[--k]);
  if (gap(st, end, open, &words, &that) == KIJI_NONE) return 0;
  mark = kiji_ann_cp_before(st->s, end, kiji_ann_skip_space_back(st->s, end, open), &j);
  *direct = words == 0 || mark == ':' || mark == ',' || (words == 1 && that == 1);
  take(f, a[k].source, a[k].source_mention, a[k].source_antecedent);
  f->cue = a[k].cue;
  return 1;
}

/* The speech verb a few words before pos (the last of the few cues
** before it): its frame in *f (its attribution's source, else its
** subject) and where it ends, or KIJI_NONE. */
#define VERB_BACK 4
static size_t verb_before(const ann_sent *st, const ctx *c, size_t pos, ann_frame *f) {
  const kiji_attribution *a = st->doc->attributions.p;
  size_t k = kiji_ann_hit_from(st->cue, st->ncue, pos), n, i;
  ann_party p;
  for (n = 0; k-- > 0 && n < VERB_BACK; n++) {
    const ann_hit *v = &st->cue[k];
    if (v->sub != AS_ATTRIB_VERB || kiji_ann_noun_use(st, v)) continue;
    for (i = c->attributions; i < st->doc->attributions.n; i++)
      if (a[i].cue.start == v->start && a[i].source.start != KIJI_NONE) {
        take(f, a[i].source, a[i].source_mention, a[i].source_antecedent);
        f->cue = a[i].cue;
        return attribution_end(&a[i]);
      }
    if (!kiji_ann_subject_en(st, v->start, &p)) return KIJI_NONE;
    take_party(st, f, &p);
    f->cue.start = v->start;
    f->cue.end = v->end;
    return v->end;
  }
  return KIJI_NONE;
}

/* "X said:" / "X told reporters in a statement:" that ends its line (or
** sentence) with no mark after it: the paragraph after it is the
** quotation. Where the colon ends (its frame in *f), or KIJI_NONE. Each
** colon of the sentence is tried once. */
static size_t colon_frame(const ann_sent *st, const ctx *c, size_t from, ann_frame *f) {
  const unsigned char *q;
  size_t that;
  int words;
  for (; (q = memchr(st->s + from, ':', st->end - from)) != NULL; from = (size_t)(q - st->s) + 1) {
    size_t colon = (size_t)(q - st->s), at = kiji_ann_skip_space(st->s, colon + 1, st->end), end;
    if (at < st->end && !kiji_ann_line_ends(st, colon + 1))
      continue; /* "X said there were two reasons: …" is no frame */
    if (at < st->end && (st->s[at] == '"' || bracket_opens(st->s, at, st->end))) continue;
    no_frame(f);
    if ((end = verb_before(st, c, colon, f)) != KIJI_NONE && end <= colon &&
        gap(st, end, colon + 1, &words, &that) == colon + 1)
      return colon + 1;
  }
  no_frame(f);
  return KIJI_NONE;
}

/* Whether [start, end) is a clause: three Latin words or more (or any
** Japanese) ending in punctuation. */
static int clause(const ann_sent *st, size_t start, size_t end) {
  size_t i = start, l, j;
  int words = 0;
  uint32_t last;
  end = kiji_ann_skip_space_back(st->s, start, end);
  last = kiji_ann_cp_before(st->s, start, end, &j);
  if (!(last == '.' || last == ',' || last == '!' || last == '?' || last == ';' || last == 0x2026 ||
        last == 0x3002 || last == 0x3001))
    return 0;
  while (i < end && words < 3) {
    ann_script sc = kiji_ann_script(kiji_ann_cp(st->s, i, end, &l));
    if (sc == SC_HAN || sc == SC_KATA || sc == SC_HIRA) return 1;
    if (sc == SC_LATIN) {
      ann_word w;
      if (kiji_ann_word_after(st->s, i, end, &w)) {
        words++;
        i = w.end;
        continue;
      }
    }
    i += l;
  }
  return words >= 3;
}

/* ------------------------------------------------------------ Japanese frames */

/* The speaker of a Japanese quotation whose verb is `verb`: the party of
** that verb's attribution or denial, else the topic before the quotation
** (an outlet's, with a subject after it, reports: Y紙は、職員が「…」と
** 述べたと報じた), else the subject. */
static void speaker_ja(const ann_sent *st, const ctx *c, size_t open, kiji_range verb,
                       ann_frame *f) {
  const kiji_attribution *a = st->doc->attributions.p;
  const kiji_denial *d = st->doc->denials.p;
  ann_party p;
  size_t k, reporter;
  for (k = c->attributions; k < st->doc->attributions.n; k++)
    if (overlaps(a[k].cue, verb) && a[k].source.start != KIJI_NONE) {
      take(f, a[k].source, a[k].source_mention, a[k].source_antecedent);
      return;
    }
  for (k = c->denials; k < st->doc->denials.n; k++)
    if (overlaps(d[k].cue, verb) && d[k].by.start != KIJI_NONE) {
      take(f, d[k].by, d[k].by_mention, d[k].by_antecedent);
      return;
    }
  if (kiji_ann_agent_ja(st, open, &p, &reporter)) take_party(st, f, &p);
}

/* The verb after a quotation's と at [i, e): a cue of attribution or
** denial that starts at the と (とはねつけた) or at most VERB_REACH
** characters after it with no mark between (と明確に否定した, と記者団に
** 述べた), else a word of quote_verb_ja there (と断言した; one in kana
** only right after the と: とした, not と題した). */
static kiji_range verb_after(const ann_sent *st, size_t i, size_t e) {
  kiji_range r = none;
  size_t at = i, k, l = e - i, w, h = kiji_ann_hit_from(st->cue, st->ncue, i);
  ann_script sc = SC_OTHER;
  /* the places a character at a time, as far as one is asked: the と, then
  ** each character after it up to a space or a mark */
  for (k = 0; k < VERB_REACH + 2; k++, at += l) {
    if (k > 0) {
      if (at >= st->end) break;
      sc = kiji_ann_script(kiji_ann_cp(st->s, at, st->end, &l));
      if (sc == SC_SPACE || sc == SC_PUNCT || sc == SC_OTHER) break;
    }
    while (h < st->ncue && st->cue[h].start < at) h++; /* (the cues by start) */
    if (h < st->ncue && st->cue[h].start == at &&
        (st->cue[h].sub == AS_ATTRIB_JA_VERB || st->cue[h].sub == AS_DENIAL_JA)) {
      r.start = st->cue[h].start;
      r.end = st->cue[h].end;
      return r;
    }
    if (k > 0 && (k == 1 || sc != SC_HIRA) &&
        (w = kiji_ann_word_at(st, at, AW_QUOTE_VERB_JA)) != 0) {
      r.start = at;
      r.end = w;
      return r;
    }
  }
  return r;
}

/* An official that starts at pos and ends the sentence or its line
** (a headline's speaker: 「…」＝中国外務省, 「…」 官房長官). */
static int speaker_ending(const ann_sent *st, size_t pos, ann_frame *f) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i = kiji_ann_mention_at(st, pos, pos + 1);
  if (i == KIJI_NONE || m[i].span.start != pos || m[i].kind != KIJI_KIND_OFFICIAL) return 0;
  if (kiji_ann_trimmed(st, m[i].span.end, st->end).start != KIJI_NONE &&
      !kiji_ann_line_ends(st, m[i].span.end))
    return 0;
  take(f, m[i].span, i, KIJI_NONE);
  return 1;
}

/* What follows the closing bracket (at is just past it): と and a verb,
** と and a headline's speaker, ＝ and one, or one after a space. */
static int after_ja(const ann_sent *st, const ctx *c, size_t at, size_t open, ann_frame *f) {
  size_t i = kiji_ann_skip_space(st->s, at, st->end), e, l;
  if (i >= st->end) return 0;
  if ((e = kiji_ann_word_at(st, i, AW_QUOTE_PARTICLE)) != 0) {
    kiji_range verb = verb_after(st, i, e);
    if (verb.start == KIJI_NONE) return speaker_ending(st, e, f); /* 「…」と官房長官 */
    f->cue = verb;
    speaker_ja(st, c, open, verb, f);
    return 1;
  }
  if (kiji_ann_cp(st->s, i, st->end, &l) == '=')
    return speaker_ending(st, kiji_ann_skip_space(st->s, i + l, st->end), f);
  return (i > at || kiji_ann_spaced(st, i)) && speaker_ending(st, i, f); /* 「…」 官房長官 */
}

/* Whether a sentence ends inside [start, end) (「…。…」). */
static int sentence_inside(const ann_sent *st, size_t start, size_t end) {
  size_t i;
  for (i = start; i < end; i++)
    if (cjk_mark(st->s, i, end, 0x82) || st->s[i] == '!' || st->s[i] == '?') return 1;
  return 0;
}

/* ------------------------------------------------------------ labels and turns */

/* A mention that is exactly [from, to), or a title that is. */
static int whole_party(const ann_sent *st, size_t from, size_t to, ann_frame *f) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i;
  if (from >= to) return 0;
  i = kiji_ann_mention_at(st, from, to);
  if (i != KIJI_NONE && m[i].span.start == from && m[i].span.end == to &&
      m[i].kind == KIJI_KIND_OFFICIAL) {
    take(f, m[i].span, i, KIJI_NONE);
    return 1;
  }
  i = kiji_ann_hit_after(st->ent, st->nent, from);
  if (i < st->nent && st->ent[i].start == from && st->ent[i].end == to &&
      st->ent[i].kind == AK_TITLE) {
    kiji_range r;
    r.start = from;
    r.end = to;
    take(f, r, KIJI_NONE, KIJI_NONE);
    return 1;
  }
  return 0;
}

/* A transcript's label at pos, the start of a line: 【X】 or X: (X：) with
** X an official or a title, whole. Its frame in *f (the label its cue),
** and where it ends; KIJI_NONE when there is none. */
static size_t label_at(const ann_sent *st, size_t pos, ann_frame *f) {
  size_t i, l, from, to, after;
  if (pos >= st->end || kiji_ann_in_dateline(st, pos, pos + 1)) return KIJI_NONE;
  if (cjk_mark(st->s, pos, st->end, 0x90)) { /* 【 */
    for (i = from = pos + 3; i < st->end && i - pos < LABEL_REACH; i += l) {
      if (cjk_mark(st->s, i, st->end, 0x91)) break;
      kiji_ann_cp(st->s, i, st->end, &l);
    }
    if (!cjk_mark(st->s, i, st->end, 0x91)) return KIJI_NONE;
    to = i;
    after = i + 3;
  } else {
    const unsigned char *c =
        memchr(st->s + pos, ':', st->end - pos < LABEL_REACH ? st->end - pos : LABEL_REACH);
    if (c == NULL) return KIJI_NONE;
    i = (size_t)(c - st->s);
    from = pos;
    to = kiji_ann_skip_space_back(st->s, pos, i);
    after = i + 1;
  }
  if (!whole_party(st, from, to, f) || !kiji_ann_line_starts(st, pos)) return KIJI_NONE;
  f->cue.start = pos;
  f->cue.end = after;
  return after;
}

/* A turn goes on through this sentence from *pos: it ends with its
** paragraph (the line ends, or a label 【 starts one inside the sentence)
** or after QUOTE_REACH sentences. 0 when out of memory. */
static int turn_on(ann_sent *st, size_t *pos) {
  ann_quoting *p = &st->doc->quoting;
  size_t i, end = st->end;
  for (i = *pos + 1; i < st->end; i++)
    if (cjk_mark(st->s, i, st->end, 0x90) && kiji_ann_line_starts(st, i)) {
      end = i;
      break;
    }
  *pos = end;
  if (end == st->end && !kiji_ann_line_ends(st, st->end) &&
      st->index + 1 - p->sentence < QUOTE_REACH) {
    p->last = st->end;
    return 1;
  }
  p->kind = QK_NONE;
  return push(st, p->open, kiji_ann_skip_space_back(st->s, p->open, end), p->sentence, st->index,
              &p->frame);
}

/* A turn that starts at open (KIJI_NONE, or the sentence's end: with the
** next sentence), framed by f. */
static int turn(ann_sent *st, size_t open, const ann_frame *f, size_t *pos) {
  ann_quoting *p = &st->doc->quoting;
  p->kind = QK_TURN;
  p->frame = *f;
  p->sentence = st->index;
  if (open == KIJI_NONE || open >= st->end) {
    p->open = KIJI_NONE;
    *pos = st->end;
    return 1;
  }
  p->open = open;
  *pos = open;
  return turn_on(st, pos);
}

/* ------------------------------------------------------------ marks */

/* The closing bracket that ends depth open brackets, from i; *depth
** left open when none (KIJI_NONE). Each bracket is E3 80 and its third
** byte: memchr finds the 80, rarer in Japanese than the E3 of every kana. */
static size_t bracket_close(const ann_sent *st, size_t i, int *depth) {
  const unsigned char *s = st->s, *p;
  size_t j;
  for (j = i + 1; j + 1 < st->end && (p = memchr(s + j, 0x80, st->end - 1 - j)) != NULL; j++) {
    j = (size_t)(p - s);
    if (s[j - 1] != 0xE3) continue;
    if (s[j + 1] == 0x8C || s[j + 1] == 0x8E)
      ++*depth;
    else if ((s[j + 1] == 0x8D || s[j + 1] == 0x8F) && --*depth == 0)
      return j - 1;
  }
  return KIJI_NONE;
}

/* The double quotes [open, close] of this sentence: framed by a speech
** verb right before them, else one after them ('X said "…," Kyodo
** reported' is X's), else the paragraph before's (inherit), else a verb a
** few words before them when they hold a clause. */
static int mark(ann_sent *st, const ctx *c, size_t open, size_t close, const ann_frame *inherit) {
  ann_frame f, before;
  int framed, direct = 0, near = 0;
  no_frame(&f);
  no_frame(&before);
  near = before_en(st, c, open, &before, &direct);
  if (near && direct) {
    f = before;
    framed = 1;
  } else {
    framed = (st->ja && after_ja(st, c, close + 1, open, &f)) || after_en(st, c, close, &f);
  }
  if (!framed && inherit) {
    f = *inherit;
    framed = 1;
  }
  if (!framed && near) f = before;
  if (!framed && !clause(st, open + 1, close)) return 1;
  return push(st, open + 1, close, st->index, st->index, &f);
}

/* The brackets [open, close] (close: the closing one's start). */
static int bracket(ann_sent *st, const ctx *c, size_t open, size_t close,
                   const ann_frame *inherit) {
  ann_frame f;
  ann_party p;
  int framed;
  no_frame(&f);
  framed = after_ja(st, c, close + 3, open, &f);
  if (!framed && kiji_ann_party_before_ja(st, open, &p)) { /* 官房長官「…」 */
    take_party(st, &f, &p);
    framed = 1;
  }
  if (!framed && inherit) {
    f = *inherit;
    framed = 1;
  }
  if (!framed && !(cjk_mark(st->s, open, st->end, 0x8C) && sentence_inside(st, open + 3, close)))
    return 1;
  return push(st, open + 3, close, st->index, st->index, &f);
}

/* A quotation opened at open (its text from text) that the sentence does
** not close: followed on in the next ones. */
static void open_on(ann_sent *st, const ctx *c, int kind, size_t open, size_t text, int depth,
                    const ann_frame *inherit) {
  ann_quoting *p = &st->doc->quoting;
  int direct;
  p->kind = kind;
  p->depth = depth;
  p->direct = 0;
  p->open = text;
  p->last = st->end;
  p->sentence = st->index;
  no_frame(&p->frame);
  if (inherit)
    p->frame = *inherit;
  else if (kind == QK_MARK && before_en(st, c, open, &p->frame, &direct))
    p->direct = direct;
  else if (kiji_ann_party_before_ja(st, open, &p->frame.speaker))
    p->frame.antecedent = KIJI_NONE; /* (a mention) */
}

/* The first " or opening 「 『 (E3 80 8C, E3 80 8E) in [i, limit), or
** limit: memchr for " and for the 80 of the brackets, as Japanese puts a
** lead byte E3 before every kana and a byte-by-byte look cost as much as
** the rest of the layer. */
static size_t next_mark(const ann_sent *st, size_t i, size_t limit) {
  const unsigned char *s = st->s, *q, *p;
  size_t end;
  if (i >= limit) return limit;
  q = memchr(s + i, '"', limit - i);
  end = q ? (size_t)(q - s) : limit;
  for (p = s + i + 1; p < s + end && (p = memchr(p, 0x80, (size_t)(s + end - p))) != NULL; p++)
    if (p[-1] == 0xE3 && p + 1 < s + st->end && (p[1] == 0x8C || p[1] == 0x8E))
      return (size_t)(p - 1 - s);
  return end;
}

/* The quotations of the sentence from pos on (the frame of the paragraph
** before for one that opens it). 0 when out of memory. */
static int scan(ann_sent *st, const ctx *c, size_t pos, const ann_frame *inherit) {
  size_t i, limit = st->end, made = 0, colon;
  size_t first = kiji_ann_skip_space(st->s, pos, st->end);
  ann_frame cf;
  no_frame(&cf);
  colon = st->ja ? KIJI_NONE : colon_frame(st, c, pos, &cf);
  if (colon != KIJI_NONE) limit = colon;
  for (i = next_mark(st, pos, limit); i < limit && made < MAX_QUOTES;
       i = next_mark(st, i + 1, limit)) {
    const ann_frame *from;
    from = i == first ? inherit : NULL;
    if (st->s[i] == '"') {
      const unsigned char *q;
      if (!kiji_ann_mark_opens(st, i)) continue; /* a stray closing mark */
      q = memchr(st->s + i + 1, '"', st->end - i - 1);
      if (q == NULL) {
        open_on(st, c, QK_MARK, i, i + 1, 0, from);
        return 1;
      }
      if (!mark(st, c, i, (size_t)(q - st->s), from)) return 0;
      i = (size_t)(q - st->s);
      made++;
    } else if (bracket_opens(st->s, i, st->end)) {
      int depth = 1;
      size_t close = bracket_close(st, i + 3, &depth);
      if (close == KIJI_NONE) {
        open_on(st, c, QK_BRACKET, i, i + 3, depth, from);
        return 1;
      }
      if (!bracket(st, c, i, close, from)) return 0;
      i = close + 2;
      made++;
    }
  }
  if (colon == KIJI_NONE) return 1;
  return turn(st, kiji_ann_skip_space(st->s, colon, st->end), &cf, &pos);
}

/* A quotation that an earlier sentence left open goes on here: it closes,
** ends with its paragraph, or runs on. *pos: where this sentence's own
** quotations start; *inherit (with *inherits) the frame of the one
** before for a new mark that opens the paragraph. 0 when out of memory. */
static int carry_on(ann_sent *st, const ctx *c, size_t *pos, ann_frame *inherit, int *inherits) {
  ann_quoting *p = &st->doc->quoting;
  size_t first = kiji_ann_skip_space(st->s, st->start, st->end), i;
  int paragraph = p->kind != QK_NONE && p->kind != QK_TURN && first < st->end &&
                  kiji_ann_line_starts(st, first);
  int reached = st->index + 1 - p->sentence >= QUOTE_REACH;
  int depth = p->depth;
  ann_frame f;
  const unsigned char *q;
  switch (p->kind) {
    case QK_TURN:
      if (p->open != KIJI_NONE) return turn_on(st, pos);
      p->kind = QK_NONE; /* "X said:" ended the sentence before */
      if (first < st->end && (st->s[first] == '"' || bracket_opens(st->s, first, st->end))) {
        *inherit = p->frame;
        *inherits = 1;
        return 1;
      }
      return turn(st, first, &p->frame, pos);
    case QK_MARK:
      if (paragraph) { /* left open by its paragraph: it ends there */
        p->kind = QK_NONE;
        f = p->frame;
        if (first < st->end && st->s[first] == '"' && kiji_ann_mark_opens(st, first)) {
          *inherit = f;
          *inherits = has_frame(&f);
        } else if (!has_frame(&f)) {
          return 1; /* a stray mark */
        }
        return push(st, p->open, kiji_ann_skip_space_back(st->s, p->open, p->last), p->sentence,
                    st->index - 1, &f);
      }
      q = memchr(st->s + st->start, '"', st->end - st->start);
      if (q == NULL || kiji_ann_mark_opens(st, (size_t)(q - st->s))) {
        if (q != NULL || reached) p->kind = QK_NONE; /* none: a stray mark, or too long */
        if (q == NULL) *pos = st->end;
        p->last = st->end;
        return 1;
      }
      i = (size_t)(q - st->s);
      f = p->frame;
      if (!p->direct) after_en(st, c, i, &f);
      p->kind = QK_NONE;
      *pos = i + 1;
      return push(st, p->open, i, p->sentence, st->index, &f);
    case QK_BRACKET:
      if (paragraph || (i = bracket_close(st, st->start, &depth)) == KIJI_NONE) {
        if (paragraph || reached) {
          p->kind = QK_NONE;
          return 1;
        }
        p->depth = depth;
        p->last = *pos = st->end;
        return 1;
      }
      f = p->frame;
      after_ja(st, c, i + 3, st->start, &f);
      p->kind = QK_NONE;
      *pos = i + 3;
      return push(st, p->open, i, p->sentence, st->index, &f);
    default: return 1;
  }
}

/* A quotation that opens a sentence right after one with a speaker goes
** on in that speaker's words ('"…," Bach said. "…"'; news runs one
** speaker's quotations paragraph after paragraph): that speaker, with no
** verb of its own. */
static int follows(const ann_sent *st, ann_frame *f) {
  const kiji_quote *q = st->doc->quotes.p;
  size_t n = st->doc->quotes.n;
  if (n == 0 || q[n - 1].sentence + q[n - 1].sentences != st->index ||
      q[n - 1].speaker.start == KIJI_NONE)
    return 0;
  take(f, q[n - 1].speaker, q[n - 1].speaker_mention, q[n - 1].speaker_antecedent);
  f->cue = none;
  return 1;
}

/* Whether [from, st->end) may hold a quotation or a label: a ", a colon
** or a byte past ASCII (the lead byte of 「 『 【). Most sentences have
** none, and then neither a mark, a label nor "X said:" is sought (each
** by a search of its own). Sixteen bytes a test with SSE2 (a byte past
** ASCII has its high bit), else eight (a byte equal to " or : is a zero
** byte of the word xor its copies). */
static int may_quote(const ann_sent *st, size_t from) {
  const unsigned char *s = st->s;
  size_t i = from, end = st->end;
  if (from >= end) return 0;
#if defined(__SSE2__)
  for (; end - i >= 16; i += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
    __m128i m =
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8(':')));
    if (_mm_movemask_epi8(_mm_or_si128(m, x)) != 0) return 1;
  }
#endif
  for (; end - i >= 8; i += 8) {
    static const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    uint64_t x, q, c;
    memcpy(&x, s + i, 8);
    q = x ^ (ones * '"');
    c = x ^ (ones * ':');
    if ((x | ((q - ones) & ~q) | ((c - ones) & ~c)) & highs) return 1;
  }
  for (; i < end; i++)
    if (s[i] == '"' || s[i] == ':' || s[i] >= 0x80) return 1;
  return 0;
}

int kiji_ann_quotes(ann_sent *st) {
  kiji_doc *doc = st->doc;
  kiji_denial *d = doc->denials.p;
  kiji_attribution *a = doc->attributions.p;
  size_t pos = st->start, at;
  ann_frame inherit, f;
  int inherits = 0;
  ctx c;
  /* this sentence's records: none carried yet */
  for (c.denials = doc->denials.n; c.denials > 0 && d[c.denials - 1].sentence == st->index;)
    d[--c.denials].quote = KIJI_NONE;
  for (c.attributions = doc->attributions.n;
       c.attributions > 0 && a[c.attributions - 1].sentence == st->index;)
    a[--c.attributions].quote = KIJI_NONE;
  no_frame(&inherit);
  if (!carry_on(st, &c, &pos, &inherit, &inherits)) return 0;
  if (doc->quoting.kind != QK_NONE || (!st->ja && !may_quote(st, pos)))
    return 1; /* (Japanese: every sentence has its bytes past ASCII) */
  /* labels: at the sentence's start, or where a turn ended inside it */
  while (doc->quoting.kind == QK_NONE && pos < st->end &&
         (at = label_at(st, kiji_ann_skip_space(st->s, pos, st->end), &f)) != KIJI_NONE)
    if (!turn(st, kiji_ann_skip_space(st->s, at, st->end), &f, &pos)) return 0;
  if (doc->quoting.kind != QK_NONE || pos >= st->end) return 1;
  if (!inherits) inherits = follows(st, &inherit);
  return scan(st, &c, pos, inherits ? &inherit : NULL);
}
