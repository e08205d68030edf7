/*
** test_invariance.c -- annotation is invariant under the re-encodings that
** kiji's match form removes (README "The match form"): full-width Latin,
** half-width katakana, other white space, curly or full-width quotes, CRLF,
** decomposed accents and kana. For every such re-encoding T of a text,
** kiji_annotate(T(text)) must give the results of kiji_annotate(text),
** each span carried through T's offset map.
**
** What is compared (per document, as a multiset of records):
**   - lang: kiji_doc_lang;
**   - sentence: each sentence span;
**   - official / outlet: span, subtype, id, country, title and person spans;
**   - denial: cue, by (and whether by is a mention), claim, and the span of
**     the reported_by mention;
**   - attribution: cue, source (and whether it is a mention), claim;
**     for both, whether a quotation carries it;
**   - dateline: the document's dateline and the span of its source;
**   - quote: text, speaker (and whether it is a mention), cue, and how many
**     sentences it spans.

** Sentence indexes are not compared (the sentence records are). A span of
** the original becomes [map(start), map(end)) in the transformed text;
** then BOTH sides' spans are trimmed of White_Space at either edge, in the
** transformed text, before they are compared: a span that takes in or
** leaves out a CR of a CRLF, an inserted U+3000 or a space at its edge is
** the same span (the match form has no white space at either end of a
** span's content), anything else must be byte-exact.
**
** Each transformed text is first checked with kiji_normalize: its match
** form must equal the original's, else the transformation is no invariance
** and the test line fails saying so.
**
** The transformations (steps, each alone, then combined):
**   fullwidth   ASCII letters and digits -> U+FF21.., U+FF41.., U+FF10..
**   nfd         accented Latin letters -> base + combining marks (utf8proc)
**   halfkana    katakana -> U+FF66..U+FF9F, voiced ones base + U+FF9E/U+FF9F
**   nfd-kana    voiced kana -> base + U+3099/U+309A            (extra)
**   crlf        LF -> CR LF
**   ideo-space  ' ' -> U+3000;  nbsp  ' ' -> U+00A0
**   ja-space    U+3000 inserted after 、 and 。 before a Japanese character (extra)
**   curly       " -> “ or ” (opening at the start, after white space or a
**               bracket), ' -> ’;  straight  “ ” ‘ ’ -> " '
**   fw-quote    " -> U+FF02
**   all         every non-extra step (half of the spaces ideographic, the
**               rest no-break; half the quotes straight again, half of
**               those ＂);  all+extra  the same with the extra steps
**   identity    nothing: a sanity check that must always pass
** The fixtures have no accented letters, so a group "accented" of
** built-in sentences (lexicon names with accents) runs them all too.
**
** Output: one TAP line per (group, transformation) over all fixtures
** (tests/fixtures/annotate/{en,ja}/NAME.txt) with the count of differing
** records and of characters re-encoded ("nothing to test here" when the
** group has nothing the step applies to); then one line for 300 random
** fixture sentences (one or two) under random combinations of steps.
** Failure diagnostics ('#' lines) go to stderr, so prove shows them; run
** the binary directly with 2>&1 for the whole story. A diagnostic is
**   # FIXTURE TRANSFORMATION: RECORD missing in transformed | only in transformed
**   # FIXTURE TRANSFORMATION: TYPE "span"@offset: FIELD "original" vs "transformed";
** with the text of each span from its own text (offsets likewise).
*/
#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "kiji.h"
#include "tap.h"
#include "base/script.h"
#include "base/utf8.h"

#define FIXTURES "tests/fixtures/annotate"
#define MAX_DIAG 8 /* record diagnostics per TAP line */
#define DRAWS 300  /* property test: random sentence texts */
#define SEED 20240611u

/* ------------------------------------------------------------ buffers */

typedef struct sbuf {
  char *p;
  size_t len, cap;
} sbuf;

static void *xrealloc(void *p, size_t n) {
  void *q = realloc(p, n ? n : 1);
  if (q == NULL) {
    printf("Bail out! out of memory\n");
    exit(2);
  }
  return q;
}

static void sb_put(sbuf *b, const void *s, size_t n) {
  if (b->len + n + 1 > b->cap) {
    b->cap = (b->len + n + 1) * 2;
    b->p = xrealloc(b->p, b->cap);
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
  b->p[b->len] = '\0';
}

static void sb_str(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

static void sb_cp(sbuf *b, int32_t c) {
  unsigned char tmp[4];
  sb_put(b, tmp, kiji_utf8_encode(c, tmp));
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
sb_printf(sbuf *b, const char *fmt, ...) {
  char tmp[512];
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(tmp, sizeof tmp, fmt, ap);
  va_end(ap);
  if (n > 0) sb_put(b, tmp, (size_t)n < sizeof tmp ? (size_t)n : sizeof tmp - 1);
}

static int32_t decode_at(const char *s, size_t len, size_t i, size_t *l) {
  return kiji_utf8_decode((const unsigned char *)s + i, len - i, l);
}

/* ------------------------------------------------------------ PRNG */

static uint32_t rnd(uint64_t *s) {
  *s = *s * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(*s >> 33);
}

/* ------------------------------------------------------------ characters */

static int is_space(int32_t c) { /* Unicode White_Space */
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

/* kiji's "Japanese character" (base/script.h): a white space run between
** two of them disappears in the match form. */
static int is_japanese(int32_t c) { return kiji_is_japanese(c); }

/* Full-width katakana U+30A0..U+30FF -> half-width: hk1 (and hk2, a voicing
** mark U+FF9E/U+FF9F, for voiced kana). Derived from utf8proc's data, so it
** is exactly what NFKC undoes: the compatibility decomposition of each of
** U+FF66..U+FF9D, and the canonical decomposition of voiced kana. */
static int32_t hk1[0x60], hk2[0x60];

static void build_halfkana(void) {
  utf8proc_int32_t d[8];
  int bc = 0;
  int32_t h, c;
  for (h = 0xFF66; h <= 0xFF9D; h++) {
    utf8proc_ssize_t n =
        utf8proc_decompose_char(h, d, 8, UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT, &bc);
    if (n == 1 && d[0] >= 0x30A0 && d[0] <= 0x30FF) hk1[d[0] - 0x30A0] = h;
  }
  for (c = 0x30A0; c <= 0x30FF; c++) {
    utf8proc_ssize_t n;
    if (hk1[c - 0x30A0]) continue;
    n = utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE, &bc);
    if (n == 2 && d[0] >= 0x30A0 && d[0] <= 0x30FF && hk1[d[0] - 0x30A0] &&
        (d[1] == 0x3099 || d[1] == 0x309A)) {
      hk1[c - 0x30A0] = hk1[d[0] - 0x30A0];
      hk2[c - 0x30A0] = d[1] == 0x3099 ? 0xFF9E : 0xFF9F;
    }
  }
}

/* ------------------------------------------------------------ re-encoding steps */

/*
** A step looks at one character c of its input (prev and next are its
** neighbours, -1 at the ends) and, when it applies, writes the code points
** that replace it to rep and returns their count; 0 leaves c as it is.
*/
typedef int (*step_fn)(int32_t prev, int32_t c, int32_t next, int32_t *rep);

static int st_fullwidth(int32_t prev, int32_t c, int32_t next, int32_t *rep) {
  (void)prev, (void)next;
  if (c >= 'A' && c <= 'Z')
    rep[0] = 0xFF21 + (c - 'A');
  else if (c >= 'a' && c <= 'z')
    rep[0] = 0xFF41 + (c - 'a');
  else if (c >= '0' && c <= '9')
    rep[0] = 0xFF10 + (c - '0');
  else
    return 0;
  return 1;
}

static int st_halfkana(int32_t prev, int32_t c, int32_t next, int32_t *rep) {
  (void)prev, (void)next;
  if (c < 0x30A0 || c > 0x30FF || !hk1[c - 0x30A0]) return 0;
  rep[0] = hk1[c - 0x30A0];
  if (!hk2[c - 0x30A0]) return 1;
  rep[1] = hk2[c - 0x30A0];
  return 2;
}

/* Canonical decomposition of c when it is (first) an accented Latin letter
** (latin != 0) or a voiced kana (latin == 0). */
static int decompose(int32_t c, int32_t *rep, int latin) {
  utf8proc_int32_t d[8];
  int bc = 0, i;
  utf8proc_ssize_t n;
  if (latin ? (c < 0xC0 || c >= 0x2000) : (c < 0x3040 || c > 0x30FF)) return 0;
  n = utf8proc_decompose_char(c, d, 8, UTF8PROC_DECOMPOSE, &bc);
  if (n < 2 || n > 4) return 0;
  if (latin && !((d[0] >= 'A' && d[0] <= 'Z') || (d[0] >= 'a' && d[0] <= 'z'))) return 0;
  for (i = 0; i < n; i++) rep[i] = d[i];
  return (int)n;
}

static int st_nfd(int32_t prev, int32_t c, int32_t next, int32_t *rep) {
  (void)prev, (void)next;
  return decompose(c, rep, 1);
}

static int st_nfd_kana(int32_t prev, int32_t c, int32_t next, int32_t *rep) {
  (void)prev, (void)next;
  return decompose(c, rep, 0);
}

static int st_crlf(int32_t prev, int32_t c, int32_t next, int32_t *rep) {
  (void)next;
  if (c != '\n' || prev == '\r') return 0;
  rep[0] = '\r', rep[1] = '\n';
  return 2;
}

static int st_ideo_space(int32_t prev, int32_t c, int32_t next, int32_t *rep) {
  (void)prev, (void)next;
  if (c != ' ') return 0;
  rep[0] = 0x3000;
  return 1;
}

static int st_nbsp(int32_t prev, int32_t c, int32_t next, int32_t *rep) {
  (void)prev, (void)next;
  if (c != ' ') return 0;
  rep[0] = 0xA0;
  return 1;
}

/* An ideographic space inserted after 、 or 。 when a Japanese character
** follows (the match form drops white space between two of them). */
static int st_ja_space(int32_t prev, int32_t c, int32_t next, int32_t *rep) {
  (void)prev;
  if ((c != 0x3001 && c != 0x3002) || !is_japanese(next)) return 0;
  rep[0] = c, rep[1] = 0x3000;
  return 2;
}

/* Straight quotes -> curly: " opens at the start, after white space or an
** opening bracket, else closes; ' is always the apostrophe ’. */
static int st_curly(int32_t prev, int32_t c, int32_t next, int32_t *rep) {
  (void)next;
  if (c == '"')
    rep[0] =
        (prev < 0 || is_space(prev) || prev == '(' || prev == '[' || prev == '{') ? 0x201C : 0x201D;
  else if (c == '\'')
    rep[0] = 0x2019;
  else
    return 0;
  return 1;
}

static int st_straight(int32_t prev, int32_t c, int32_t next, int32_t *rep) {
  (void)prev, (void)next;
  if (c == 0x201C || c == 0x201D)
    rep[0] = '"';
  else if (c == 0x2018 || c == 0x2019)
    rep[0] = '\'';
  else
    return 0;
  return 1;
}

static int st_fw_quote(int32_t prev, int32_t c, int32_t next, int32_t *rep) {
  (void)prev, (void)next;
  if (c != '"') return 0;
  rep[0] = 0xFF02;
  return 1;
}

/* The steps, in the order a combination applies them. */
enum {
  S_FULLWIDTH,
  S_NFD,
  S_HALFKANA,
  S_NFD_KANA,
  S_CRLF,
  S_IDEO_SPACE,
  S_NBSP,
  S_JA_SPACE,
  S_CURLY,
  S_STRAIGHT,
  S_FW_QUOTE,
  S_COUNT
};

/* extra: beyond the first list of the task (nfd-kana, ja-space); "all"
** leaves them out, "all+extra" has them. */
static const struct {
  const char *name;
  step_fn fn;
  int extra;
} steps[S_COUNT] = {
    {"fullwidth", st_fullwidth, 0}, {"nfd", st_nfd, 0},           {"halfkana", st_halfkana, 0},
    {"nfd-kana", st_nfd_kana, 1},   {"crlf", st_crlf, 0},         {"ideo-space", st_ideo_space, 0},
    {"nbsp", st_nbsp, 0},           {"ja-space", st_ja_space, 1}, {"curly", st_curly, 0},
    {"straight", st_straight, 0},   {"fw-quote", st_fw_quote, 0},
};

/*
** A transformation: the percentage (0: not applied) of the characters each
** step applies to, the others chosen by a PRNG seeded with the text's seed.
*/
typedef struct xform {
  const char *name;
  int pct[S_COUNT];
} xform;

/* A re-encoded text and its offset map from the original: map[i] for every
** original character boundary i (0..olen), KIJI_NONE between. */
typedef struct rtext {
  sbuf t;
  size_t *map, olen;
  size_t changed; /* characters the steps replaced */
} rtext;

/* One step over src; smap receives src offsets -> out offsets. Returns
** the number of characters replaced. */
static size_t apply_step(int step, int pct, uint64_t *rng, const char *src, size_t len, sbuf *out,
                         size_t *smap) {
  size_t i = 0, l, l2, changed = 0;
  int32_t prev = -1;
  out->len = 0;
  sb_put(out, "", 0);
  for (i = 0; i <= len; i++) smap[i] = KIJI_NONE;
  i = 0;
  while (i < len) {
    int32_t c = decode_at(src, len, i, &l), next = -1, rep[8];
    int n = 0, k;
    if (i + l < len) next = decode_at(src, len, i + l, &l2);
    smap[i] = out->len;
    if (c != KIJI_UTF8_INVALID) n = steps[step].fn(prev, c, next, rep);
    if (n > 0 && (pct >= 100 || (int)(rnd(rng) % 100) < pct)) {
      for (k = 0; k < n; k++) sb_cp(out, rep[k]);
      changed++;
    } else
      sb_put(out, src + i, l);
    prev = c;
    i += l;
  }
  smap[len] = out->len;
  return changed;
}

static void reencode(const xform *x, uint64_t seed, const char *src, size_t len, rtext *r) {
  sbuf tmp = {NULL, 0, 0};
  size_t *smap = NULL, i;
  int s;
  uint64_t rng = seed * 2654435761u + 1;
  r->t.len = 0;
  sb_put(&r->t, src, len);
  r->olen = len;
  r->changed = 0;
  r->map = xrealloc(r->map, (len + 1) * sizeof *r->map);
  {
    /* identity on the boundaries */
    size_t l;
    for (i = 0; i <= len; i++) r->map[i] = KIJI_NONE;
    for (i = 0; i < len; i += l) {
      r->map[i] = i;
      decode_at(src, len, i, &l);
    }
    r->map[len] = len;
  }
  for (s = 0; s < S_COUNT; s++) {
    sbuf swap;
    if (x->pct[s] <= 0) continue;
    smap = xrealloc(smap, (r->t.len + 1) * sizeof *smap);
    r->changed += apply_step(s, x->pct[s], &rng, r->t.p, r->t.len, &tmp, smap);
    for (i = 0; i <= len; i++)
      if (r->map[i] != KIJI_NONE) r->map[i] = smap[r->map[i]];
    swap = r->t, r->t = tmp, tmp = swap;
  }
  free(tmp.p);
  free(smap);
}

/* ------------------------------------------------------------ diagnostics */

/* Append s[a..e) quoted, with white space other than ' ' and controls
** escaped; when longer than max bytes, its first and last max/2 - 4 or so. */
static void quote_text(sbuf *b, const char *s, size_t len, size_t a, size_t e, size_t max) {
  size_t i = a, l, half = max / 2 - 4;
  int cut = e - a > max;
  sb_str(b, "\"");
  while (i < e && i < len) {
    int32_t c = decode_at(s, len, i, &l);
    if (cut && i >= a + half && i < e - half) {
      size_t j = e - half;
      while (j < e && kiji_utf8_is_cont((unsigned char)s[j])) j++;
      sb_str(b, "\xE2\x80\xA6"); /* … */
      i = j;
      continue;
    }
    if (c == '\n')
      sb_str(b, "\\n");
    else if (c == '\r')
      sb_str(b, "\\r");
    else if (c == '"')
      sb_str(b, "\\\"");
    else if (c >= 0 && c < 0x20)
      sb_printf(b, "\\x%02x", (unsigned)c);
    else if (c != ' ' && (is_space(c) || c == 0xFEFF))
      sb_printf(b, "\\u%04x", (unsigned)c);
    else
      sb_put(b, s + i, l);
    i += l;
  }
  sb_str(b, "\"");
}

static void quote_span(sbuf *b, const char *s, size_t len, size_t a, size_t e) {
  quote_text(b, s, len, a, e, 64);
}

/* ------------------------------------------------------------ records */

enum {
  R_LANG,
  R_SENTENCE,
  R_OFFICIAL,
  R_OUTLET,
  R_DENIAL,
  R_ATTRIB,
  R_DATELINE,
  R_QUOTE,
  R_NTYPES
};
static const char *const rec_type[R_NTYPES] = {"lang",   "sentence",    "official", "outlet",
                                               "denial", "attribution", "dateline", "quote"};
/* the names of each record's ranges, by type */
static const char *const rec_field[R_NTYPES][4] = {
    {NULL, NULL, NULL, NULL},
    {"", NULL, NULL, NULL},
    {"", "title", "person", NULL},
    {"", "title", "person", NULL},
    {"cue", "by", "claim", "reported_by"},
    {"cue", "source", "claim", NULL},
    {"", "source", NULL, NULL},
    {"text", "speaker", "cue", NULL},
};

#define UNMAPPED ((size_t)-2)

typedef struct rec {
  int type;
  int flags;       /* denial: by is a mention (1), a quotation carries it (2); attribution: source,
                likewise; quote: speaker is a mention (1), and 2 * how many sentences */
  kiji_range r[4]; /* compared: in the transformed text, trimmed */
  kiji_range o[4]; /* as the document gave them, in its own text */
  char sub[16], id[48], country[8];
  int used;
} rec;

typedef struct recs {
  rec *v;
  size_t n, cap;
} recs;

static void str_copy(char *dst, size_t cap, const char *s, size_t n) {
  if (s == NULL) n = 0;
  if (n >= cap) n = cap - 1;
  if (n) memcpy(dst, s, n);
  dst[n] = '\0';
}

/* A range of the document's text carried into t (through map when the
** document is of the original) and trimmed of edge white space in t. */
static kiji_range carry(kiji_range r, const size_t *map, size_t olen, const char *t, size_t tlen) {
  size_t l;
  if (r.start == KIJI_NONE) {
    r.end = KIJI_NONE;
    return r;
  }
  if (map) {
    if (r.start > olen || r.end > olen || map[r.start] == KIJI_NONE || map[r.end] == KIJI_NONE) {
      r.start = r.end = UNMAPPED;
      return r;
    }
    r.start = map[r.start], r.end = map[r.end];
  }
  if (r.end > tlen || r.start > r.end) {
    r.start = r.end = UNMAPPED;
    return r;
  }
  while (r.start < r.end && is_space(decode_at(t, tlen, r.start, &l))) r.start += l;
  while (r.end > r.start) {
    size_t b = r.end - 1;
    while (b > r.start && kiji_utf8_is_cont((unsigned char)t[b])) b--;
    if (!is_space(decode_at(t, tlen, b, &l))) break;
    r.end = b;
  }
  return r;
}

static rec *rec_add(recs *rs, int type) {
  rec *r;
  int k;
  if (rs->n == rs->cap) {
    rs->cap = rs->cap ? rs->cap * 2 : 64;
    rs->v = xrealloc(rs->v, rs->cap * sizeof *rs->v);
  }
  r = &rs->v[rs->n++];
  memset(r, 0, sizeof *r);
  r->type = type;
  for (k = 0; k < 4; k++) r->r[k].start = r->r[k].end = r->o[k].start = r->o[k].end = KIJI_NONE;
  return r;
}

static void rec_set(rec *r, int k, kiji_range o, const size_t *map, size_t olen, const char *t,
                    size_t tlen) {
  r->o[k] = o;
  r->r[k] = carry(o, map, olen, t, tlen);
}

/*
** The records of doc, whose text is of length olen; t is the transformed
** text, and map carries the document's offsets into it (NULL when doc is
** the transformed text's own document).
*/
static void collect(const kiji_doc *doc, const size_t *map, size_t olen, const char *t, size_t tlen,
                    recs *rs) {
  size_t n, nm, i;
  const kiji_range *s = kiji_doc_sentences(doc, &n);
  const kiji_mention *m;
  const kiji_denial *d;
  const kiji_attribution *a;
  rec *r;
  rs->n = 0;
  r = rec_add(rs, R_LANG);
  {
    const char *lang = kiji_lang_name(kiji_doc_lang(doc));
    str_copy(r->id, sizeof r->id, lang, lang ? strlen(lang) : 0);
  }
  for (i = 0; i < n; i++) rec_set(rec_add(rs, R_SENTENCE), 0, s[i], map, olen, t, tlen);
  m = kiji_doc_mentions(doc, &nm);
  for (i = 0; i < nm; i++) {
    r = rec_add(rs, m[i].kind == KIJI_KIND_OUTLET ? R_OUTLET : R_OFFICIAL);
    rec_set(r, 0, m[i].span, map, olen, t, tlen);
    rec_set(r, 1, m[i].title, map, olen, t, tlen);
    rec_set(r, 2, m[i].person, map, olen, t, tlen);
    str_copy(r->sub, sizeof r->sub, m[i].subtype, m[i].subtype ? strlen(m[i].subtype) : 0);
    str_copy(r->id, sizeof r->id, m[i].id.ptr, m[i].id.len);
    str_copy(r->country, sizeof r->country, m[i].country.ptr, m[i].country.len);
  }
  d = kiji_doc_denials(doc, &n);
  for (i = 0; i < n; i++) {
    kiji_range rb = {KIJI_NONE, KIJI_NONE};
    r = rec_add(rs, R_DENIAL);
    rec_set(r, 0, d[i].cue, map, olen, t, tlen);
    rec_set(r, 1, d[i].by, map, olen, t, tlen);
    rec_set(r, 2, d[i].claim, map, olen, t, tlen);
    if (d[i].reported_by != KIJI_NONE && d[i].reported_by < nm) rb = m[d[i].reported_by].span;
    rec_set(r, 3, rb, map, olen, t, tlen);
    r->flags = (d[i].by_mention != KIJI_NONE) | (d[i].quote != KIJI_NONE) << 1;
  }
  a = kiji_doc_attributions(doc, &n);
  for (i = 0; i < n; i++) {
    r = rec_add(rs, R_ATTRIB);
    rec_set(r, 0, a[i].cue, map, olen, t, tlen);
    rec_set(r, 1, a[i].source, map, olen, t, tlen);
    rec_set(r, 2, a[i].claim, map, olen, t, tlen);
    r->flags = (a[i].source_mention != KIJI_NONE) | (a[i].quote != KIJI_NONE) << 1;
  }
  {
    const kiji_quote *q = kiji_doc_quotes(doc, &n);
    for (i = 0; i < n; i++) {
      r = rec_add(rs, R_QUOTE);
      rec_set(r, 0, q[i].text, map, olen, t, tlen);
      rec_set(r, 1, q[i].speaker, map, olen, t, tlen);
      rec_set(r, 2, q[i].cue, map, olen, t, tlen);
      r->flags = (q[i].speaker_mention != KIJI_NONE) | (int)q[i].sentences << 1;
    }
  }
  if (kiji_doc_dateline(doc).start != KIJI_NONE) {
    kiji_range src = {KIJI_NONE, KIJI_NONE};
    if (kiji_doc_source(doc) < nm) src = m[kiji_doc_source(doc)].span;
    r = rec_add(rs, R_DATELINE);
    rec_set(r, 0, kiji_doc_dateline(doc), map, olen, t, tlen);
    rec_set(r, 1, src, map, olen, t, tlen);
  }
}

static int range_eq(kiji_range a, kiji_range b) { return a.start == b.start && a.end == b.end; }

static int rec_eq(const rec *a, const rec *b) {
  int k;
  if (a->type != b->type || a->flags != b->flags || strcmp(a->sub, b->sub) != 0 ||
      strcmp(a->id, b->id) != 0 || strcmp(a->country, b->country) != 0)
    return 0;
  for (k = 0; k < 4; k++)
    if (!range_eq(a->r[k], b->r[k])) return 0;
  return 1;
}

/* Two records that differ but are the same thing: same type and the first
** range (span, cue) overlaps, or both are the lang record. */
static int rec_pair(const rec *a, const rec *b) {
  kiji_range x = a->r[0], y = b->r[0];
  if (a->type != b->type) return 0;
  if (a->type == R_LANG) return 1;
  if (x.start == UNMAPPED || y.start == UNMAPPED) return 0;
  if (x.start == x.end || y.start == y.end) return x.start == y.start;
  return x.start < y.end && y.start < x.end;
}

/* ------------------------------------------------------------ reporting */

typedef struct tally {
  size_t diff[R_NTYPES]; /* differing records by type */
  size_t total, texts, bad_texts, norm_bad, errors;
  size_t changed; /* characters re-encoded, over all texts */
  sbuf diag;      /* the first MAX_DIAG record diagnostics */
  int ndiag;
  sbuf where; /* "name (n), ..." of the texts that differ */
} tally;

static void tally_reset(tally *ty) {
  sbuf d = ty->diag, w = ty->where;
  memset(ty, 0, sizeof *ty);
  ty->diag = d, ty->where = w;
  ty->diag.len = ty->where.len = 0;
  sb_put(&ty->diag, "", 0);
  sb_put(&ty->where, "", 0);
}

/* "cue "x"@12 by "y"@3 ..." of a record, its text taken from s (its own). */
static void describe(sbuf *b, const rec *r, const char *s, size_t len) {
  int k;
  sb_str(b, rec_type[r->type]);
  if (r->type == R_LANG) {
    sb_printf(b, " %s", r->id);
    return;
  }
  if (r->sub[0]) sb_printf(b, "/%s", r->sub);
  for (k = 0; k < 4; k++) {
    const char *f = rec_field[r->type][k];
    if (f == NULL) continue;
    if (r->o[k].start == KIJI_NONE) {
      if (r->type != R_DENIAL || k != 3) sb_printf(b, " %s%s-", f, f[0] ? " " : "");
      continue;
    }
    sb_printf(b, " %s%s", f, f[0] ? " " : "");
    quote_span(b, s, len, r->o[k].start, r->o[k].end);
    sb_printf(b, "@%zu", r->o[k].start);
  }
  if (r->id[0]) sb_printf(b, " id=%s", r->id);
  if (r->country[0]) sb_printf(b, " country=%s", r->country);
  if ((r->type == R_DENIAL || r->type == R_ATTRIB) && r->o[1].start != KIJI_NONE)
    sb_str(b, r->flags ? " (mention)" : " (bare)");
}

/* The fields of a pair that differ: "by "x" vs "y"; id a vs b". */
static void describe_change(sbuf *b, const rec *a, const char *as, size_t alen, const rec *c,
                            const char *cs, size_t clen) {
  int k;
  const char *f0 = rec_field[a->type][0];
  sb_str(b, rec_type[a->type]);
  if (a->type == R_LANG) {
    sb_printf(b, " %s vs %s", a->id, c->id);
    return;
  }
  if (f0[0]) sb_printf(b, " %s", f0);
  sb_str(b, " ");
  quote_span(b, as, alen, a->o[0].start, a->o[0].end);
  sb_printf(b, "@%zu:", a->o[0].start);
  for (k = 0; k < 4; k++) {
    const char *f = rec_field[a->type][k];
    if (f == NULL || range_eq(a->r[k], c->r[k])) continue;
    sb_printf(b, " %s ", f[0] ? f : "span");
    if (a->o[k].start == KIJI_NONE)
      sb_str(b, "-");
    else
      quote_span(b, as, alen, a->o[k].start, a->o[k].end);
    sb_str(b, " vs ");
    if (c->o[k].start == KIJI_NONE)
      sb_str(b, "-");
    else
      quote_span(b, cs, clen, c->o[k].start, c->o[k].end);
    sb_str(b, ";");
  }
  if (strcmp(a->sub, c->sub)) sb_printf(b, " subtype %s vs %s;", a->sub, c->sub);
  if (strcmp(a->id, c->id))
    sb_printf(b, " id %s vs %s;", a->id[0] ? a->id : "-", c->id[0] ? c->id : "-");
  if (strcmp(a->country, c->country))
    sb_printf(b, " country %s vs %s;", a->country[0] ? a->country : "-",
              c->country[0] ? c->country : "-");
  if (a->flags != c->flags)
    sb_printf(b, " %s a mention %d vs %d;", rec_field[a->type][1], a->flags, c->flags);
}

static void diag_line(tally *ty, const char *label, const sbuf *line) {
  if (ty->ndiag >= MAX_DIAG) return;
  ty->ndiag++;
  sb_printf(&ty->diag, "# %s: ", label);
  sb_put(&ty->diag, line->p, line->len);
  sb_str(&ty->diag, "\n");
}

/*
** Compare the records of the original (a, text os) with those of the
** transformed text (b, text ts); count and describe the differences.
** Returns the number of differing records.
*/
static size_t compare(tally *ty, const char *label, recs *a, const char *os, size_t olen, recs *b,
                      const char *ts, size_t tlen) {
  size_t i, j, diff = 0;
  sbuf line = {NULL, 0, 0};
  for (i = 0; i < a->n; i++) a->v[i].used = 0;
  for (j = 0; j < b->n; j++) b->v[j].used = 0;
  for (i = 0; i < a->n; i++)
    for (j = 0; j < b->n; j++)
      if (!b->v[j].used && rec_eq(&a->v[i], &b->v[j])) {
        a->v[i].used = b->v[j].used = 1;
        break;
      }
  for (i = 0; i < a->n; i++) {
    if (a->v[i].used) continue;
    diff++;
    ty->diff[a->v[i].type]++;
    line.len = 0;
    for (j = 0; j < b->n; j++)
      if (!b->v[j].used && rec_pair(&a->v[i], &b->v[j])) break;
    if (j < b->n) {
      b->v[j].used = 2;
      describe_change(&line, &a->v[i], os, olen, &b->v[j], ts, tlen);
    } else {
      describe(&line, &a->v[i], os, olen);
      sb_str(&line, " missing in transformed");
    }
    diag_line(ty, label, &line);
  }
  for (j = 0; j < b->n; j++) {
    if (b->v[j].used) continue;
    diff++;
    ty->diff[b->v[j].type]++;
    line.len = 0;
    describe(&line, &b->v[j], ts, tlen);
    sb_str(&line, " only in transformed");
    diag_line(ty, label, &line);
  }
  free(line.p);
  return diff;
}

/* ------------------------------------------------------------ one text */

typedef struct env {
  kiji_annotator *ann;
  kiji_doc *doc;
  kiji_norm *n1, *n2;
  recs ra, rb;
  rtext rt;
} env;

/* The match forms of a and b are equal; else a diagnostic. */
static int same_match_form(env *e, tally *ty, const char *label, const char *a, size_t alen,
                           const char *b, size_t blen) {
  kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
  const char *x, *y;
  size_t nx, ny, k = 0;
  sbuf line = {NULL, 0, 0};
  o.map = 0;
  if (kiji_normalize(e->n1, a, alen, &o) != KIJI_OK ||
      kiji_normalize(e->n2, b, blen, &o) != KIJI_OK) {
    sb_str(&line, "kiji_normalize failed");
    diag_line(ty, label, &line);
    free(line.p);
    return 0;
  }
  x = kiji_norm_text(e->n1, &nx);
  y = kiji_norm_text(e->n2, &ny);
  if (nx == ny && memcmp(x, y, nx) == 0) return 1;
  while (k < nx && k < ny && x[k] == y[k]) k++;
  while (k > 0 && kiji_utf8_is_cont((unsigned char)x[k])) k--;
  {
    size_t from = k > 24 ? k - 24 : 0;
    while (from > 0 && kiji_utf8_is_cont((unsigned char)x[from])) from--;
    sb_printf(&line, "NOT AN INVARIANCE: match forms differ at normalized byte %zu: ", k);
    quote_span(&line, x, nx, from, k + 24 < nx ? k + 24 : nx);
    sb_str(&line, " vs ");
    quote_span(&line, y, ny, from, k + 24 < ny ? k + 24 : ny);
  }
  diag_line(ty, label, &line);
  free(line.p);
  return 0;
}

/*
** Re-encode text by x, annotate it, compare with orig (the original's
** document). Returns the number of differing records (or 1 for a failed
** call or a broken invariance).
*/
static size_t check_text(env *e, tally *ty, const char *label, const xform *x, uint64_t seed,
                         const char *text, size_t len, const kiji_doc *orig) {
  size_t d;
  kiji_status st;
  reencode(x, seed, text, len, &e->rt);
  ty->texts++;
  ty->changed += e->rt.changed;
  if (!same_match_form(e, ty, label, text, len, e->rt.t.p, e->rt.t.len)) {
    ty->norm_bad++;
    ty->bad_texts++;
    return 1;
  }
  st = kiji_annotate(e->ann, e->doc, e->rt.t.p, e->rt.t.len, NULL);
  if (st != KIJI_OK) {
    sbuf line = {NULL, 0, 0};
    sb_printf(&line, "kiji_annotate failed on the transformed text: %s", kiji_doc_error(e->doc));
    diag_line(ty, label, &line);
    free(line.p);
    ty->errors++;
    ty->bad_texts++;
    return 1;
  }
  collect(orig, e->rt.map, len, e->rt.t.p, e->rt.t.len, &e->ra);
  collect(e->doc, NULL, e->rt.t.len, e->rt.t.p, e->rt.t.len, &e->rb);
  d = compare(ty, label, &e->ra, text, len, &e->rb, e->rt.t.p, e->rt.t.len);
  ty->total += d;
  if (d) ty->bad_texts++;
  return d;
}

/* The TAP line of a tally, then its diagnostics on stderr. */
static void report(tap *t, tally *ty, const char *what) {
  int k, ok = ty->total == 0 && ty->norm_bad == 0 && ty->errors == 0;
  char counts[200];
  size_t at = 0;
  counts[0] = '\0';
  for (k = R_LANG; k < R_NTYPES; k++)
    if (ty->diff[k])
      at += (size_t)snprintf(counts + at, sizeof counts - at, "%s%s %zu", at ? ", " : " (",
                             rec_type[k], ty->diff[k]);
  if (at) snprintf(counts + at, sizeof counts - at, ")");
  tap_ok(t, ok, "%s: %zu differing records%s in %zu of %zu texts (%zu characters re-encoded%s)%s%s",
         what, ty->total, counts, ty->bad_texts, ty->texts, ty->changed,
         ty->changed ? "" : ": nothing to test here",
         ty->norm_bad ? "; NOT AN INVARIANCE (match form differs)" : "",
         ty->errors ? "; annotate failed" : "");
  if (ok) return;
  fflush(stdout);
  fputs(ty->diag.p, stderr);
  if (ty->where.len) fprintf(stderr, "# differing: %s\n", ty->where.p);
  fflush(stderr);
}

/* ------------------------------------------------------------ fixtures */

typedef struct fixture {
  char name[128]; /* "en/03-china-hacking-groundless" */
  char *text;
  size_t len;
  kiji_doc *doc; /* the original's annotation (a snapshot) */
} fixture;

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t load_fixtures(const char *lang, fixture **out, size_t *count, env *e) {
  char dir[256], path[512], *names[512];
  size_t n = 0, i, start = *count;
  DIR *d;
  struct dirent *de;
  snprintf(dir, sizeof dir, "%s/%s", FIXTURES, lang);
  if ((d = opendir(dir)) == NULL) return 0;
  while ((de = readdir(d)) != NULL && n < 512) {
    size_t l = strlen(de->d_name);
    if (l > 4 && strcmp(de->d_name + l - 4, ".txt") == 0) {
      names[n] = xrealloc(NULL, l + 1);
      memcpy(names[n++], de->d_name, l + 1);
    }
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp_str);
  *out = xrealloc(*out, (start + n) * sizeof **out);
  for (i = 0; i < n; i++) {
    fixture *f = &(*out)[start + i];
    FILE *fp;
    long sz;
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    snprintf(f->name, sizeof f->name, "%s/%.*s", lang, (int)(strlen(names[i]) - 4), names[i]);
    f->text = NULL, f->len = 0, f->doc = NULL;
    if ((fp = fopen(path, "rb")) != NULL) {
      fseek(fp, 0, SEEK_END);
      sz = ftell(fp);
      fseek(fp, 0, SEEK_SET);
      f->text = xrealloc(NULL, sz > 0 ? (size_t)sz + 1 : 1);
      f->len = sz > 0 ? fread(f->text, 1, (size_t)sz, fp) : 0;
      f->text[f->len] = '\0';
      fclose(fp);
    }
    if (f->text && kiji_annotate(e->ann, e->doc, f->text, f->len, NULL) == KIJI_OK)
      f->doc = kiji_doc_snapshot(e->doc);
    free(names[i]);
  }
  *count = start + n;
  return n;
}

/* The fixtures hold no accented Latin letter, so nfd would test nothing
** there: these texts (lexicon names with accents) are a group of their
** own, "accented", run through every transformation as well. */
static const char *const accented[][2] = {
    {"elysee",
     "The \xC3\x89lys\xC3\xA9"
     "e Palace denied the report, Lib\xC3\xA9ration reported on Monday."},
    {"el-pais", "According to El Pa\xC3\xADs, the Spanish Defense Ministry rejected the claim."},
    {"sueddeutsche",
     "S\xC3\xBC"
     "ddeutsche Zeitung reported that Germany's Federal Foreign Office "
     "denied any wrongdoing."},
    {"malacanang",
     "Malaca\xC3\xB1"
     "ang Palace dismissed the allegation as baseless, RT\xC3\x89 said."},
    {"cote",
     "French Foreign Minister H\xC3\xA9l\xC3\xA8ne C\xC3\xB4t\xC3\xA9 told Ag\xC3\xAAncia Lusa "
     "that the report was untrue."},
    {"canard",
     "T\xC3\xBCrkiye's Foreign Ministry denied the report by Le Canard encha\xC3\xAE"
     "n\xC3\xA9."},
    {"ja-elysee",
     "エリゼ宮は、仏紙リベラシオンが報じたクレマン・ルフェーヴル国防相の辞任説を否定した。"},
};

static size_t add_accented(fixture **out, size_t *count, env *e) {
  size_t n = sizeof accented / sizeof accented[0], i;
  *out = xrealloc(*out, (*count + n) * sizeof **out);
  for (i = 0; i < n; i++) {
    fixture *f = &(*out)[*count + i];
    snprintf(f->name, sizeof f->name, "accented/%s", accented[i][0]);
    f->len = strlen(accented[i][1]);
    f->text = xrealloc(NULL, f->len + 1);
    memcpy(f->text, accented[i][1], f->len + 1);
    f->doc = NULL;
    if (kiji_annotate(e->ann, e->doc, f->text, f->len, NULL) == KIJI_OK)
      f->doc = kiji_doc_snapshot(e->doc);
  }
  *count += n;
  return n;
}

/* The transformations of the per-fixture lines: each step alone, all
** together, and the identity. */
static size_t transformations(xform *xs) {
  size_t n = 0;
  int s, k;
  memset(&xs[n], 0, sizeof xs[n]);
  xs[n++].name = "identity";
  for (s = 0; s < S_COUNT; s++) {
    memset(&xs[n], 0, sizeof xs[n]);
    xs[n].name = steps[s].name;
    xs[n++].pct[s] = 100;
  }
  /* all: every step; half of the spaces ideographic and the rest no-break,
  ** quotes curly, then half of them straight again, half of those ＂;
  ** all+extra: the extra steps too, voiced kana half half-width and half
  ** decomposed */
  for (k = 0; k < 2; k++) {
    memset(&xs[n], 0, sizeof xs[n]);
    xs[n].name = k ? "all+extra" : "all";
    for (s = 0; s < S_COUNT; s++) xs[n].pct[s] = k || !steps[s].extra ? 100 : 0;
    xs[n].pct[S_IDEO_SPACE] = 50;
    xs[n].pct[S_STRAIGHT] = 50;
    xs[n].pct[S_FW_QUOTE] = 50;
    if (k) xs[n].pct[S_HALFKANA] = 50;
    n++;
  }
  return n;
}

static void fixture_lines(tap *t, env *e, tally *ty, const fixture *fx, size_t nfx,
                          const char *lang) {
  xform xs[S_COUNT + 3];
  size_t nx = transformations(xs), k, i;
  char label[200], what[100];
  for (k = 0; k < nx; k++) {
    tally_reset(ty);
    for (i = 0; i < nfx; i++) {
      size_t d;
      if (strncmp(fx[i].name, lang, strlen(lang)) != 0 || fx[i].name[strlen(lang)] != '/') continue;
      snprintf(label, sizeof label, "%s %s", fx[i].name, xs[k].name);
      if (fx[i].doc == NULL) {
        sbuf line = {NULL, 0, 0};
        sb_str(&line, "cannot read or annotate the original");
        diag_line(ty, label, &line);
        free(line.p);
        ty->errors++;
        continue;
      }
      d = check_text(e, ty, label, &xs[k], (uint64_t)i * 131 + k, fx[i].text, fx[i].len, fx[i].doc);
      if (d)
        sb_printf(&ty->where, "%s%s (%zu)", ty->where.len ? ", " : "",
                  fx[i].name + strlen(lang) + 1, d);
    }
    snprintf(what, sizeof what, "%s %s", lang, xs[k].name);
    report(t, ty, what);
  }
}

/* ------------------------------------------------------------ property test */

typedef struct sent {
  size_t fixture;
  kiji_range r;
} sent;

static void property(tap *t, env *e, tally *ty, const fixture *fx, size_t nfx) {
  sent *pool = NULL;
  size_t np = 0, i, k, failed_draws = 0;
  uint64_t rng = SEED;
  sbuf text = {NULL, 0, 0};
  kiji_doc *orig;
  static const char *const seps[] = {" ", "\n", "\n\n", ""};
  for (i = 0; i < nfx; i++) {
    size_t n;
    const kiji_range *s;
    if (fx[i].doc == NULL) continue;
    s = kiji_doc_sentences(fx[i].doc, &n);
    pool = xrealloc(pool, (np + n) * sizeof *pool);
    for (k = 0; k < n; k++) pool[np].fixture = i, pool[np++].r = s[k];
  }
  tally_reset(ty);
  for (i = 0; i < DRAWS && np > 0; i++) {
    xform x;
    char label[256], names[200];
    size_t parts = 1 + rnd(&rng) % 2, p, d, na = 0;
    int s;
    text.len = 0;
    sb_put(&text, "", 0);
    for (p = 0; p < parts; p++) {
      const sent *se = &pool[rnd(&rng) % np];
      if (p) sb_str(&text, seps[rnd(&rng) % 4]);
      sb_put(&text, fx[se->fixture].text + se->r.start, se->r.end - se->r.start);
    }
    memset(&x, 0, sizeof x);
    names[0] = '\0';
    while (na == 0)
      for (s = 0; s < S_COUNT; s++)
        if (rnd(&rng) % 3 == 0) {
          x.pct[s] = rnd(&rng) % 2 ? 100 : 50;
          na += (size_t)snprintf(names + na, sizeof names - na, "%s%s%s", na ? "+" : "",
                                 steps[s].name, x.pct[s] < 100 ? "/2" : "");
          if (na >= sizeof names) na = sizeof names - 1;
        }
    x.name = names;
    snprintf(label, sizeof label, "draw %zu %s", i, names);
    if (kiji_annotate(e->ann, e->doc, text.p, text.len, NULL) != KIJI_OK ||
        (orig = kiji_doc_snapshot(e->doc)) == NULL) {
      ty->errors++;
      continue;
    }
    {
      /* the text first, for the first failures; taken back when it passes */
      size_t keep = ty->diag.len;
      int before = ty->ndiag;
      if (before < MAX_DIAG - 1) {
        sbuf line = {NULL, 0, 0};
        sb_str(&line, "the text: ");
        quote_text(&line, text.p, text.len, 0, text.len, 480);
        diag_line(ty, label, &line);
        free(line.p);
      }
      d = check_text(e, ty, label, &x, i, text.p, text.len, orig);
      if (d)
        failed_draws++;
      else
        ty->diag.len = keep, ty->diag.p[keep] = '\0', ty->ndiag = before;
    }
    kiji_doc_free(orig);
  }
  {
    char what[100];
    snprintf(what, sizeof what, "random: %d sentence texts x random combinations (%zu failing)",
             DRAWS, failed_draws);
    report(t, ty, what);
  }
  free(pool);
  free(text.p);
}

/* ------------------------------------------------------------ self-checks */

/* The re-encoder itself, on small cases: output and map. */
static void self_check(tap *t) {
  static const struct {
    int step;
    const char *in, *out;
  } cases[] = {
      {S_FULLWIDTH, "NHK 3x!", "\xEF\xBC\xAE\xEF\xBC\xA8\xEF\xBC\xAB \xEF\xBC\x93\xEF\xBD\x98!"},
      {S_HALFKANA, "ガイアツー",
       "\xEF\xBD\xB6\xEF\xBE\x9E\xEF\xBD\xB2\xEF\xBD\xB1\xEF\xBE\x82\xEF\xBD\xB0"},
      {S_HALFKANA, "パヴ", "\xEF\xBE\x8A\xEF\xBE\x9F\xEF\xBD\xB3\xEF\xBE\x9E"},
      {S_NFD, "Café ñ", "Cafe\xCC\x81 n\xCC\x83"},
      {S_NFD_KANA, "ガ", "\xE3\x82\xAB\xE3\x82\x99"},
      {S_CRLF, "a\nb\r\nc", "a\r\nb\r\nc"},
      {S_CURLY, "\"No,\" it's", "\xE2\x80\x9CNo,\xE2\x80\x9D it\xE2\x80\x99s"},
      {S_STRAIGHT, "\xE2\x80\x9CNo\xE2\x80\x9D \xE2\x80\x98x\xE2\x80\x99", "\"No\" 'x'"},
      {S_JA_SPACE, "政府、否定。", "政府、\xE3\x80\x80否定。"},
  };
  size_t i, bad = 0;
  rtext r = {{NULL, 0, 0}, NULL, 0, 0};
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    xform x;
    memset(&x, 0, sizeof x);
    x.pct[cases[i].step] = 100;
    reencode(&x, 1, cases[i].in, strlen(cases[i].in), &r);
    if (r.t.len != strlen(cases[i].out) || memcmp(r.t.p, cases[i].out, r.t.len) != 0 ||
        r.map[0] != 0 || r.map[r.olen] != r.t.len) {
      bad++;
      printf("# %s: %s -> %.*s\n", steps[cases[i].step].name, cases[i].in, (int)r.t.len, r.t.p);
    }
  }
  /* the map: "Café" under nfd, é at 3..5 becomes e + U+0301 at 3..6 */
  {
    xform x;
    memset(&x, 0, sizeof x);
    x.pct[S_NFD] = 100;
    reencode(&x, 1, "Café!", 6, &r);
    if (r.map[3] != 3 || r.map[4] != KIJI_NONE || r.map[5] != 6 || r.map[6] != 7) bad++;
  }
  tap_ok(t, bad == 0, "the re-encoder: outputs and offset maps (%zu wrong)", bad);
  free(r.t.p);
  free(r.map);
}

int main(void) {
  tap t = {0, 0};
  kiji_error err;
  env e;
  tally ty;
  fixture *fx = NULL;
  size_t nfx = 0, nen, nja, nacc, i;
  memset(&e, 0, sizeof e);
  memset(&ty, 0, sizeof ty);
  build_halfkana();
  e.ann = kiji_annotator_new(NULL, 0, &err);
  e.doc = kiji_doc_new();
  e.n1 = kiji_norm_new();
  e.n2 = kiji_norm_new();
  if (!tap_ok(&t, e.ann && e.doc && e.n1 && e.n2, "annotator, document, normalizers"))
    return tap_done(&t);
  self_check(&t);
  nen = load_fixtures("en", &fx, &nfx, &e);
  nja = load_fixtures("ja", &fx, &nfx, &e);
  nacc = add_accented(&fx, &nfx, &e);
  if (!tap_ok(&t, nen > 0 && nja > 0,
              "fixtures: %zu en, %zu ja (run from the top of the tree), %zu accented", nen, nja,
              nacc))
    return tap_done(&t);
  fixture_lines(&t, &e, &ty, fx, nfx, "en");
  fixture_lines(&t, &e, &ty, fx, nfx, "ja");
  fixture_lines(&t, &e, &ty, fx, nfx, "accented");
  property(&t, &e, &ty, fx, nfx);
  for (i = 0; i < nfx; i++) {
    free(fx[i].text);
    kiji_doc_free(fx[i].doc);
  }
  free(fx);
  free(ty.diag.p);
  free(ty.where.p);
  free(e.ra.v);
  free(e.rb.v);
  free(e.rt.t.p);
  free(e.rt.map);
  kiji_norm_free(e.n1);
  kiji_norm_free(e.n2);
  kiji_doc_free(e.doc);
  kiji_annotator_free(e.ann);
  return tap_done(&t);
}
