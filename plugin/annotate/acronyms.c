/*
** acronyms.c -- acronyms that the text defines. "The Supreme Security
** Council (SSC)" makes that SSC, and every SSC after it, a mention of
** what the name before the bracket is (its kind, subtype, id, country):
** an official, or an outlet ("Harbor Evening Courier (HEC)"). In
** Japanese the bracket follows the name (国家サイバー統括室（NCO）).
** In the sentences after its definition, a body's acronym is an entry
** for the rules, as a lexicon body is: officials.c gives "an SSC
** spokesman", "Iran's SSC" as it gives "a ministry spokesman".
**
** A name that is no mention defines its acronym too, as nothing, when its
** words give the letters ("the Pacific Power Company (PPC)": the letters
** in order, the first a word's first, as Schwartz and Hearst match them):
** then no lexicon entry of those letters (=PPC) names an official or an
** outlet in that text. A bracket after a mention whose letters are a
** mention themselves defines nothing: the lexicon wins.
**
** Letters are two to ten capitals in the original; a definition holds
** from its sentence to the text's end (a headline's SSC before the
** definition is no mention). News defines a few acronyms: a text keeps at
** most MAX_ACRONYMS, and a sentence weighs at most MAX_PER_SENTENCE
** brackets, so a line of brackets costs a pass, not its square.
*/
#include <string.h>

#include "ann.h"
#include "ann_text.h"

#define MAX_ACRONYMS 64
#define MAX_PER_SENTENCE 8
#define MIN_LETTERS 2
#define MAX_LETTERS 10

typedef struct acronym {
  size_t start, end; /* its letters in the view (the first definition's) */
  int none;          /* defined for a name that is no mention */
  int body;          /* for an official body: later uses are entries */
  kiji_kind kind;
  const char *subtype;
  kiji_str id, name, country;
} acronym;

static int letter(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* The end of a run of letters at i that no letter or digit touches (the
** view folds capitals, so letters are a-z), or i. */
static size_t letters_at(const ann_sent *st, size_t i) {
  size_t e = i, l;
  if (i > st->start && kiji_ann_script(kiji_ann_cp_before(st->s, st->start, i, &l)) == SC_LATIN)
    return i;
  while (e < st->end && letter(st->s[e])) e++;
  if (e < st->end && kiji_ann_script(kiji_ann_cp(st->s, e, st->end, &l)) == SC_LATIN) return i;
  return e;
}

/* Whether every letter of [start, end) is a capital in the original. */
static int capitals(const ann_sent *st, size_t start, size_t end) {
  if (end - start < MIN_LETTERS || end - start > MAX_LETTERS) return 0;
  for (; start < end; start++)
    if (!kiji_ann_capital(st, start)) return 0;
  return 1;
}

/* The definition of the letters [start, end), or NULL. */
static const acronym *defined(const ann_sent *st, size_t start, size_t end) {
  const acronym *a = st->doc->acronyms.p;
  size_t i, n = end - start;
  for (i = 0; i < st->doc->acronyms.n; i++)
    if (a[i].end - a[i].start == n && memcmp(st->s + a[i].start, st->s + start, n) == 0)
      return &a[i];
  return NULL;
}

/* The sentence's mention that ends at pos, or NULL. */
static const kiji_mention *mention_ending(const ann_sent *st, size_t pos) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i;
  for (i = st->first_mention; i < st->doc->mentions.n; i++)
    if (m[i].span.end == pos) return &m[i];
  return NULL;
}

/* Whether the words before pos give the letters [start, end): from the
** last letter back, each found in the words, the first at a word's start
** (Schwartz and Hearst), within two words a letter. */
static int spelled(const ann_sent *st, size_t pos, size_t start, size_t end) {
  ann_word w;
  size_t words = 0, from = pos, k = end, i;
  while (words < 2 * (end - start) && kiji_ann_word_before(st->s, st->start, from, &w) &&
         from - w.end <= 1) {
    from = w.start;
    words++;
  }
  if (words == 0) return 0;
  i = pos;
  while (k > start) {
    unsigned char c = st->s[--k];
    for (;;) {
      if (i <= from) return 0;
      i--;
      if (st->s[i] == c && (k > start || i == from || !letter(st->s[i - 1]))) break;
    }
  }
  return kiji_ann_capital(st, i); /* the name starts with a capital */
}

static kiji_mention *add(ann_sent *st, size_t start, size_t end, const acronym *a) {
  kiji_mention *m = kiji_ann_mention(st, start, end, a->kind, a->subtype);
  if (m == NULL) return NULL;
  m->id = a->id;
  m->name = a->name;
  m->country = a->country;
  kiji_ann_cover(st, start, end);
  return m;
}

/* The definitions of the sentence: (LETTERS) after a name. 0 when out of
** memory. */
static int definitions(ann_sent *st) {
  size_t p, e, n = 0;
  const unsigned char *q;
  for (p = st->start; p + 1 < st->end && n < MAX_PER_SENTENCE; p++) {
    const kiji_mention *m;
    acronym *a;
    size_t name_end;
    if ((q = memchr(st->s + p, '(', st->end - 1 - p)) == NULL) break;
    p = (size_t)(q - st->s);
    if (st->doc->acronyms.n >= MAX_ACRONYMS) break;
    e = letters_at(st, p + 1);
    if (e == p + 1 || e >= st->end || st->s[e] != ')' || !capitals(st, p + 1, e) ||
        defined(st, p + 1, e))
      continue;
    n++; /* a bracket weighed (the sentence's mentions are looked through) */
    name_end = kiji_ann_skip_space_back(st->s, st->start, p);
    m = mention_ending(st, name_end);
    if (m == NULL ? !spelled(st, name_end, p + 1, e) : kiji_ann_covered(st, p + 1, e)) continue;
    if ((a = kiji_ann_push(&st->doc->acronyms, sizeof *a)) == NULL) return 0;
    memset(a, 0, sizeof *a);
    a->start = p + 1;
    a->end = e;
    a->none = m == NULL;
    if (m) {
      a->kind = m->kind;
      a->subtype = m->subtype;
      a->body = m->kind == KIJI_KIND_OFFICIAL && strcmp(m->subtype, "body") == 0;
      a->id = m->id;
      a->name = m->name;
      a->country = m->country;
    }
  }
  return 1;
}

/* The mentions of letters defined as nothing leave the sentence. */
static void drop_undefined(ann_sent *st) {
  kiji_mention *m = st->doc->mentions.p;
  size_t i, kept = st->first_mention;
  for (i = st->first_mention; i < st->doc->mentions.n; i++) {
    const acronym *a = defined(st, m[i].span.start, m[i].span.end);
    if (a && a->none) continue;
    m[kept++] = m[i];
  }
  st->doc->mentions.n = kept;
}

/* The next use of a defined acronym in [i, st->end): its letters in
** [*start, *end) and its definition, or NULL. */
static const acronym *next_use(const ann_sent *st, size_t i, size_t *start, size_t *end) {
  const acronym *a;
  size_t e;
  for (; i<st->end; i = e> i ? e : i + 1) {
    e = letter(st->s[i]) ? letters_at(st, i) : i;
    if (e - i < MIN_LETTERS || e - i > MAX_LETTERS || (a = defined(st, i, e)) == NULL ||
        !capitals(st, i, e))
      continue;
    *start = i;
    *end = e;
    return a;
  }
  return NULL;
}

int kiji_ann_acronym_entries(ann_sent *st) {
  ann_buf *b = &st->doc->acronym_hits;
  const acronym *a;
  ann_hit *h;
  size_t i, s, e, added = 0;
  for (i = 0; i < st->doc->acronyms.n; i++)
    if (((const acronym *)st->doc->acronyms.p)[i].body) break;
  if (i == st->doc->acronyms.n) return 1; /* no body's acronym: nothing to add */
  b->n = 0;
  for (i = st->start; (a = next_use(st, i, &s, &e)) != NULL; i = e) {
    size_t k = kiji_ann_hit_after(st->ent, st->nent, s);
    if (!a->body || (k < st->nent && st->ent[k].start < e)) continue; /* the lexicon's */
    if ((h = kiji_ann_push(b, sizeof *h)) == NULL) return 0;
    memset(h, 0, sizeof *h);
    h->start = s;
    h->end = e;
    h->kind = AK_BODY;
    h->id = a->id;
    h->name = a->name;
    h->country = a->country;
    added++;
  }
  if (added == 0) return 1;
  /* merged with the entities, both in text order: the uses move to the
  ** end, and each place written is one no use is still read from */
  if (!kiji_grow(&b->p, &b->cap, added + st->nent, sizeof *h)) return 0;
  h = b->p;
  memmove(h + st->nent, h, added * sizeof *h);
  for (i = 0, s = st->nent, e = 0; i < st->nent || s < st->nent + added;)
    h[e++] = s == st->nent + added || (i < st->nent && st->ent[i].start < h[s].start) ? st->ent[i++]
                                                                                      : h[s++];
  st->ent = h;
  st->nent = b->n = e;
  return 1;
}

int kiji_ann_acronyms(ann_sent *st) {
  size_t i, s, e, nones = 0;
  const acronym *a;
  if (st->doc->acronyms.n == 0 && memchr(st->s + st->start, '(', st->end - st->start) == NULL)
    return 1; /* nothing defined, nothing to define */
  if (!kiji_ann_cover_mentions(st) || !definitions(st)) return 0;
  if (st->doc->acronyms.n == 0) return 1;
  for (i = 0; i < st->doc->acronyms.n; i++)
    nones += (size_t)((const acronym *)st->doc->acronyms.p)[i].none;
  for (i = st->start; (a = next_use(st, i, &s, &e)) != NULL; i = e)
    if (!a->none && !kiji_ann_covered(st, s, e) && add(st, s, e, a) == NULL) return 0;
  if (nones) drop_undefined(st);
  return 1;
}
