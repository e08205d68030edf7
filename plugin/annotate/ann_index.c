/*
** ann_index.c -- lookups into one sentence, built on first use.
**
** The rules ask about positions: is this inside quotes, which 「 does
** this 」 close, where is the last 、 before this, which mention covers
** this range, which hit overlaps it. Answered by a pass over the sentence
** (or its candidates) each time, one line of hostile text with 10^5 cues
** and no full stop costs 10^10 steps. Each lookup here is built in one
** pass the first time a sentence needs it, then answers by binary search,
** with exactly the answer of the pass it replaces (kept below, and used
** when there is no memory for the lookup).
*/
#include <stdlib.h>
#include <string.h>

#include "ann.h"
#include "ann_text.h"

void kiji_ann_index_reset(kiji_doc *doc) {
  int k;
  for (k = 0; k < ANN_IX_COUNT; k++) doc->ix[k].of = 0;
  doc->parties_of = 0;
  if (doc->words_seen != NULL)
    for (k = 0; k < ANN_WORD_MEMO; k++) doc->words_seen[k].end = 0;
}

static int push_size(ann_buf *b, size_t v) {
  size_t *p = kiji_ann_push(b, sizeof v);
  if (p) *p = v;
  return p != NULL;
}

/* How many of the n ascending values v[0], v[step], v[2 step]... are below x. */
static size_t below(const size_t *v, size_t n, size_t step, size_t x) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid * step] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The first i >= from where the sentence holds U+3000 + lo..hi (E3 80
** lo..hi: 、 「 」 『 』), st->end when none, found by its 80, the rarest
** of its bytes. A byte search finds what a walk by characters finds: E3
** is no continuation byte, so no character, well-formed or not, spans it. */
static size_t next_mark(const ann_sent *st, size_t from, unsigned lo, unsigned hi) {
  const unsigned char *s = st->s, *p;
  size_t i = from + 1;
  while (i + 2 <= st->end && (p = memchr(s + i, 0x80, st->end - i - 1)) != NULL) {
    i = (size_t)(p - s);
    if (s[i - 1] == 0xE3 && s[i + 1] - lo <= hi - lo) return i - 1;
    i++;
  }
  return st->end;
}

/* ------------------------------------------------------------ hits */

size_t kiji_ann_hit_after(const ann_hit *h, size_t n, size_t pos) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (h[mid].end <= pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

size_t kiji_ann_hit_from(const ann_hit *h, size_t n, size_t pos) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (h[mid].start < pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* ------------------------------------------------------------ quotes */

/* The state "inside quotes" after the character c at i, from open. The
** view writes “ ” and " alike (annotate.c), so a mark's side is read from
** what stands before it, as typesetters do: at the start, after a space
** or an opening mark it opens; after a word or a comma it closes ('…
** untrue," she said' closes a quotation that began in an earlier
** sentence). */
static int dquote_step(const ann_sent *st, size_t i, uint32_t c, int open) {
  size_t j;
  uint32_t p;
  if (c != '"') return open;
  if (i <= st->start) return 1;
  p = kiji_ann_cp_before(st->s, st->start, i, &j);
  return kiji_ann_script(p) == SC_SPACE || p == '(' || p == '[' || p == '{' || p == ':' ||
         p == ';' || p == '-' || p == 0x2013 || p == 0x2014;
}

/* 「 and 『 open (one level deeper), 」 and 』 close one that is open. */
static int bracket_step(uint32_t c, int depth) {
  if (c == 0x300C || c == 0x300E) return depth + 1;
  if ((c == 0x300D || c == 0x300F) && depth > 0) return depth - 1;
  return depth;
}

/* Whether pos is inside quotes (double quotes, or brackets with
** `brackets`) by the pass over the sentence up to pos. */
static int inside_by_pass(const ann_sent *st, size_t pos, int brackets) {
  size_t i, l;
  int state = 0;
  for (i = st->start; i < pos; i += l) {
    uint32_t c = kiji_ann_cp(st->s, i, st->end, &l);
    state = brackets ? bracket_step(c, state) : dquote_step(st, i, c, state);
  }
  return brackets ? state > 0 : state;
}

/* How far into a sentence a position is asked about with no lookup. */
#define SHORT_PREFIX 64

/* Whether no mark that may flip the state (a '"'; 「 」 『 』 with
** brackets) starts in [st->start, pos): then pos is outside. */
static int no_mark_before(const ann_sent *st, size_t pos, int brackets) {
  const unsigned char *s = st->s, *p;
  size_t i = st->start + 1, lim = pos + 1 < st->end ? pos + 1 : st->end;
  if (!brackets) return memchr(s + st->start, '"', pos - st->start) == NULL;
  while (i < lim && (p = memchr(s + i, 0x80, lim - i)) != NULL) { /* as next_mark finds one */
    i = (size_t)(p - s);
    if (s[i - 1] == 0xE3 && i + 1 < st->end && s[i + 1] - 0x8Cu <= 3u) return 0;
    i++;
  }
  return 1;
}

/* The lookup: where (at which character's start) the state flips between
** outside and inside; inside at pos when an odd number flip before it. A
** position near the sentence's start (a topic's: 政府は) is read directly
** when no mark precedes it, and needs no lookup. */
static int inside(const ann_sent *st, size_t pos, int brackets) {
  int which = brackets ? ANN_IX_BRACKET : ANN_IX_DQUOTE;
  ann_buf *b = kiji_ann_lookup(st, which);
  if (b == NULL && pos <= st->start + SHORT_PREFIX &&
      (pos <= st->start || no_mark_before(st, pos, brackets)))
    return 0;
  if (b == NULL) {
    size_t i, l;
    int state = 0;
    b = &st->doc->ix[which].b;
    for (i = st->start; i < st->end; i += l) {
      uint32_t c;
      int next;
      if (!brackets) { /* only '"' steps: the view writes every double quote so */
        const unsigned char *q = memchr(st->s + i, '"', st->end - i);
        if (q == NULL) break;
        i = (size_t)(q - st->s);
      } else if ((i = next_mark(st, i, 0x8C, 0x8F)) == st->end)
        break; /* only 「 」 『 』 step */
      c = kiji_ann_cp(st->s, i, st->end, &l);
      next = brackets ? bracket_step(c, state) : dquote_step(st, i, c, state);
      if ((next > 0) != (state > 0) && !push_size(b, i)) return inside_by_pass(st, pos, brackets);
      state = next;
    }
    kiji_ann_lookup_done(st, which);
  }
  return (int)(below(b->p, b->n, 1, pos) & 1);
}

int kiji_ann_in_double_quotes(const ann_sent *st, size_t pos) { return inside(st, pos, 0); }

int kiji_ann_mark_opens(const ann_sent *st, size_t i) { return dquote_step(st, i, '"', 0); }

size_t kiji_ann_quote_close(const ann_sent *st, size_t pos) {
  const ann_buf *b;
  size_t i, l;
  int state = 1;
  if (!inside(st, pos, 0)) return KIJI_NONE;
  if ((b = kiji_ann_lookup(st, ANN_IX_DQUOTE)) != NULL) {
    size_t k = below(b->p, b->n, 1, pos);
    return k < b->n ? ((const size_t *)b->p)[k] : st->end;
  }
  for (i = pos; i < st->end; i += l) { /* no memory for the lookup: the pass */
    uint32_t c = kiji_ann_cp(st->s, i, st->end, &l);
    if ((state = dquote_step(st, i, c, state)) == 0) return i;
  }
  return st->end;
}

int kiji_ann_in_brackets(const ann_sent *st, size_t pos) { return inside(st, pos, 1); }

/* The 「 that the 」 at close closes, looking back (the innermost open one
** with balanced brackets between), by the pass back from it. */
static size_t open_by_pass(const ann_sent *st, size_t close) {
  size_t i, k;
  int depth = 0;
  for (i = close; i > st->start; i = k) {
    uint32_t d = kiji_ann_cp_before(st->s, st->start, i, &k);
    if (d == 0x300D) depth++;
    if (d == 0x300C && depth-- == 0) return k;
  }
  return KIJI_NONE;
}

/* The stack of open 「 twice as deep: on the heap, past the caller's local one. */
#define OPENS_LOCAL 16
static int deeper(size_t **v, const size_t *local, size_t *cap) {
  size_t *p = kiji_alloc(2 * *cap * sizeof *p);
  if (p == NULL) return 0;
  memcpy(p, *v, *cap * sizeof *p);
  if (*v != local) kiji_dealloc(*v);
  *v = p;
  *cap *= 2;
  return 1;
}

/* The lookup: pairs (」, its 「) by a stack in one pass forward, which
** pairs exactly as the pass back does. 「 and 」 are well-formed three-byte
** characters that no decoding in either direction can straddle. The stack
** is local while it is shallow (no allocation for a sentence's few). */
size_t kiji_ann_bracket_open(const ann_sent *st, size_t close) {
  ann_buf *b = kiji_ann_lookup(st, ANN_IX_CLOSE);
  const size_t *v;
  size_t k;
  if (b == NULL) {
    size_t local[OPENS_LOCAL], *stack = local, depth = 0, cap = OPENS_LOCAL;
    size_t i, l;
    int ok = 1;
    b = &st->doc->ix[ANN_IX_CLOSE].b;
    for (i = next_mark(st, st->start, 0x8C, 0x8D); ok && i < st->end;
         i = next_mark(st, i + l, 0x8C, 0x8D)) {
      uint32_t c = kiji_ann_cp(st->s, i, st->end, &l);
      if (c == 0x300C) {
        if (depth == cap) ok = deeper(&stack, local, &cap);
        if (ok) stack[depth++] = i;
      } else if (c == 0x300D && depth > 0)
        ok = push_size(b, i) && push_size(b, stack[--depth]);
    }
    if (stack != local) kiji_dealloc(stack);
    if (!ok) return open_by_pass(st, close);
    kiji_ann_lookup_done(st, ANN_IX_CLOSE);
  }
  v = b->p;
  k = below(v, b->n / 2, 2, close);
  return k < b->n / 2 && v[2 * k] == close ? v[2 * k + 1] : KIJI_NONE;
}

/* ------------------------------------------------------------ commas */

static size_t next_comma(const ann_sent *st, size_t from) {
  const unsigned char *p = from < st->end ? memchr(st->s + from, ',', st->end - from) : NULL;
  return p ? (size_t)(p - st->s) : st->end;
}

static size_t comma_by_pass(const ann_sent *st, size_t floor, size_t i) {
  while (i > floor) {
    size_t k;
    uint32_t d = kiji_ann_cp_before(st->s, floor, i, &k);
    if (d == 0x3001 || d == ',') break;
    i = k;
  }
  return i;
}

/* The lookup: (start, end) of each 、 and , in text order. A pass back
** from i visits the end of every one of them (no character straddles
** it) and sees it whole when it starts at floor or later. */
size_t kiji_ann_comma_back(const ann_sent *st, size_t floor, size_t i) {
  ann_buf *b = kiji_ann_lookup(st, ANN_IX_COMMA);
  const size_t *v;
  size_t k;
  if (i <= floor) return i;
  if (b == NULL) {
    /* 、 and , in text order, each by its own search */
    size_t ja = next_mark(st, st->start, 0x81, 0x81), en = next_comma(st, st->start);
    b = &st->doc->ix[ANN_IX_COMMA].b;
    while (ja < st->end || en < st->end) {
      int wide = ja < en;
      size_t j = wide ? ja : en;
      if (!(push_size(b, j) && push_size(b, j + (wide ? 3 : 1))))
        return comma_by_pass(st, floor, i);
      if (wide)
        ja = next_mark(st, ja + 3, 0x81, 0x81);
      else
        en = next_comma(st, en + 1);
    }
    kiji_ann_lookup_done(st, ANN_IX_COMMA);
  }
  if (b->n == 0) return floor; /* no comma: and no array to point into */
  v = b->p;
  k = below(v + 1, b->n / 2, 2, i + 1); /* the ones that end by i */
  return k > 0 && v[2 * (k - 1)] >= floor ? v[2 * (k - 1) + 1] : floor;
}

/* ------------------------------------------------------------ mentions */

/* Both lookups need the sentence's mentions sorted (annotate.c sorts them
** after officials and outlets). A sentence of at most FEW_MENTIONS (most)
** is passed over instead: building a lookup, then searching it, costs
** more than the pass. */
#define FEW_MENTIONS 16

static size_t mention_at_by_pass(const ann_sent *st, size_t start, size_t end) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i;
  for (i = st->first_mention; i < st->doc->mentions.n && m[i].span.start < end; i++)
    if (start < m[i].span.end) return i; /* (sorted by start: none later begins before end) */
  return KIJI_NONE;
}

static size_t mention_ending_by_pass(const ann_sent *st, size_t pos) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i;
  for (i = st->first_mention; i < st->doc->mentions.n; i++)
    if (m[i].span.end == pos) return i;
  return KIJI_NONE;
}

/* The lookup: the largest end of the mentions up to each one. The first
** mention that overlaps [start, end) is the first that starts before end
** (sorted: a prefix) whose end, the largest so far, passes start. */
size_t kiji_ann_mention_at(const ann_sent *st, size_t start, size_t end) {
  const kiji_mention *m;
  size_t n = st->doc->mentions.n - st->first_mention, lo = 0, hi, k;
  ann_buf *b = kiji_ann_lookup(st, ANN_IX_ENDS);
  const size_t *top;
  if (n <= FEW_MENTIONS) return mention_at_by_pass(st, start, end);
  m = (const kiji_mention *)st->doc->mentions.p + st->first_mention;
  if (b == NULL) {
    b = &st->doc->ix[ANN_IX_ENDS].b;
    for (k = 0; k < n; k++)
      if (!push_size(b, k > 0 && ((size_t *)b->p)[k - 1] > m[k].span.end ? ((size_t *)b->p)[k - 1]
                                                                         : m[k].span.end))
        return mention_at_by_pass(st, start, end);
    kiji_ann_lookup_done(st, ANN_IX_ENDS);
  }
  top = b->p;
  for (hi = n; lo < hi;) { /* the mentions that start before end */
    size_t mid = lo + (hi - lo) / 2;
    if (m[mid].span.start < end)
      lo = mid + 1;
    else
      hi = mid;
  }
  k = below(top, lo, 1, start + 1); /* the first whose largest end passes start */
  return k < lo ? st->first_mention + k : KIJI_NONE;
}

typedef struct end_index {
  size_t end, index;
} end_index;

static int by_end(const void *a, const void *b) {
  const end_index *x = a, *y = b;
  if (x->end != y->end) return x->end < y->end ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* The lookup: (end, index) of every mention, sorted. */
size_t kiji_ann_mention_ending(const ann_sent *st, size_t pos) {
  const kiji_mention *m = st->doc->mentions.p;
  ann_buf *b = kiji_ann_lookup(st, ANN_IX_BY_END);
  const end_index *v;
  size_t i, lo = 0, hi;
  if (st->doc->mentions.n - st->first_mention <= FEW_MENTIONS)
    return mention_ending_by_pass(st, pos);
  if (b == NULL) {
    b = &st->doc->ix[ANN_IX_BY_END].b;
    for (i = st->first_mention; i < st->doc->mentions.n; i++) {
      end_index *e = kiji_ann_push(b, sizeof *e);
      if (e == NULL) return mention_ending_by_pass(st, pos);
      e->end = m[i].span.end;
      e->index = i;
    }
    if (b->n > 1) qsort(b->p, b->n, sizeof(end_index), by_end);
    kiji_ann_lookup_done(st, ANN_IX_BY_END);
  }
  v = b->p;
  for (hi = b->n; lo < hi;) {
    size_t mid = lo + (hi - lo) / 2;
    if (v[mid].end < pos)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < b->n && v[lo].end == pos ? v[lo].index : KIJI_NONE;
}

/* ------------------------------------------------------------ covered bytes */

/* The flags of the sentence's bytes, indexed by view position. */
static unsigned char *flags(const ann_sent *st) {
  return (unsigned char *)st->doc->occupied.p - st->start;
}

void kiji_ann_cover(const ann_sent *st, size_t start, size_t end) {
  if (start < st->start) start = st->start;
  if (end > st->end) end = st->end;
  if (start < end) memset(flags(st) + start, 1, end - start);
}

int kiji_ann_cover_mentions(const ann_sent *st) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i;
  if (!kiji_ann_room(&st->doc->occupied.p, &st->doc->occupied.cap, st->end - st->start + 1, 1))
    return 0;
  memset(st->doc->occupied.p, 0, st->end - st->start + 1);
  for (i = st->first_mention; i < st->doc->mentions.n; i++)
    kiji_ann_cover(st, m[i].span.start, m[i].span.end);
  return 1;
}

int kiji_ann_covered(const ann_sent *st, size_t start, size_t end) {
  const unsigned char *c = flags(st);
  size_t k;
  if (end > st->end) end = st->end;
  for (k = start > st->start ? start : st->start; k + 8 <= end; k += 8) { /* eight flags a test */
    uint64_t x;
    memcpy(&x, c + k, 8);
    if (x != 0) return 1;
  }
  for (; k < end; k++)
    if (c[k]) return 1;
  return 0;
}

/* ------------------------------------------------------------ long runs */

#define LONG_RUN 64

/* The lookup: (start, end) of each maximal run of characters of the class
** that is LONG_RUN bytes or more, in text order. A scan that stops at the
** first character out of the class crosses such a run at once. */
int kiji_ann_long_run(const ann_sent *st, int which, int (*in_class)(uint32_t c), size_t pos,
                      size_t *start, size_t *end) {
  ann_buf *b = kiji_ann_lookup(st, which);
  const size_t *v;
  size_t k;
  if (b == NULL) {
    size_t i, l = 1, from = KIJI_NONE;
    b = &st->doc->ix[which].b;
    for (i = st->start; i <= st->end; i += l) {
      int in = i < st->end && in_class(kiji_ann_cp(st->s, i, st->end, &l));
      if (i == st->end) l = 1;
      if (in && from == KIJI_NONE) from = i;
      if (!in && from != KIJI_NONE) {
        if (i - from >= LONG_RUN && !(push_size(b, from) && push_size(b, i))) return 0;
        from = KIJI_NONE;
      }
    }
    kiji_ann_lookup_done(st, which);
  }
  v = b->p;
  k = below(v, b->n / 2, 2, pos + 1); /* the runs that start by pos */
  if (k == 0 || v[2 * (k - 1) + 1] <= pos) return 0;
  *start = v[2 * (k - 1)];
  *end = v[2 * (k - 1) + 1];
  return 1;
}
