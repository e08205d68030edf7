/*
** doc_json.c -- a document as SCHEMA.md JSON. The schema is fixed and
** write-only, so this is a writer, not a JSON library: strings are
** escaped (quotes, backslashes, control characters), and bytes that are
** not UTF-8 (kept in the original under the replace policy) are written
** as \ufffd, so the output is always valid JSON in UTF-8.
*/
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ann.h"
#include "base/utf8.h"

typedef struct writer {
  ann_buf *b;
  const kiji_doc *doc;
  char *o, *end; /* the next byte's place; the end of the room (a byte is
                 ** kept past it for the closing NUL) */
  int ok;
} writer;

/*
** The writer asks for room once for a run of literals and numbers (at most
** ROOM bytes) and once for each string, then writes with no check: a check
** and a memcpy call per piece was most of its time.
*/
#define ROOM 128
/* A string is escaped STRING_BLOCK bytes at a time, each of which may
** take six (\u001f, \ufffd): so the room asked stays small. */
#define STRING_BLOCK 4096

/* Room for n more bytes, the rare way: 0 when memory ran out, and then
** every later ask fails too (nothing more is written). */
static int grow(writer *w, size_t n) {
  ann_buf *b = w->b;
  size_t used = (size_t)(w->o - (char *)b->p);
  if (w->ok && n <= ((size_t)-1) / 2 && kiji_grow(&b->p, &b->cap, used + n + 1, 1)) {
    w->o = (char *)b->p + used;
    w->end = (char *)b->p + b->cap - 1;
    return 1;
  }
  w->ok = 0;
  w->end = w->o;
  return 0;
}

static inline int room(writer *w, size_t n) { return (size_t)(w->end - w->o) >= n || grow(w, n); }

/* The writes, after room was made. */
static inline void raw(writer *w, const char *p, size_t n) {
  memcpy(w->o, p, n);
  w->o += n;
}
#define LIT(w, s) raw((w), (s), sizeof(s) - 1)

static void number(writer *w, size_t v) {
  static const char pairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  size_t len = 1, t = v;
  char *o;
  while (t >= 100) { /* (offsets have a few digits: a couple of rounds) */
    t /= 100;
    len += 2;
  }
  len += t >= 10;
  o = w->o + len;
  w->o = o;
  while (v >= 100) { /* two digits a division, from the right */
    size_t q = v / 100;
    o -= 2;
    memcpy(o, pairs + 2 * (v - q * 100), 2);
    v = q;
  }
  if (v >= 10)
    memcpy(o - 2, pairs + 2 * v, 2);
  else
    o[-1] = (char)('0' + v);
}

/* "k": */
static inline void key(writer *w, const char *k) {
  size_t n = strlen(k);
  *w->o++ = '"';
  raw(w, k, n);
  raw(w, "\":", 2);
}

/* p[from..i) (p has `readable` bytes) at w->o, room made for 16 bytes
** at least: a short run by one 16-byte move, not a call. */
static inline void run(writer *w, const unsigned char *p, size_t from, size_t i, size_t readable) {
#if defined(__SSE2__)
  if (i - from <= 16 && readable - from >= 16) {
    _mm_storeu_si128((__m128i *)(void *)w->o,
                     _mm_loadu_si128((const __m128i *)(const void *)(p + from)));
    w->o += i - from;
    return;
  }
#else
  (void)readable;
#endif
  raw(w, (const char *)p + from, i - from);
}

/* p[i..stop) escaped (a character begun before stop is read whole, up to
** n; p has `readable` bytes, n or more): the index past what was read.
** What JSON takes as it is (printable ASCII but " and \, whole UTF-8
** characters) is copied a run at a time. With SSE2, ASCII that needs no
** escape is passed sixteen bytes a test (a signed compare with 0x20 also
** catches every byte of 0x80 and up), also where fewer than sixteen are
** left when more can be read (a span of the text): most are names. */
static size_t escape(writer *w, const unsigned char *p, size_t i, size_t stop, size_t n,
                     size_t readable) {
  static const char hex[] = "0123456789abcdef";
  size_t from = i, l;
  while (i < stop) {
    unsigned char c = p[i];
#if defined(__SSE2__)
    if (readable - i >= 16) {
      __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
      __m128i odd = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                              _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
      unsigned m = (unsigned)_mm_movemask_epi8(odd);
      if (stop - i < 16) m &= (1u << (stop - i)) - 1; /* (the bytes past stop are not ours) */
      if (m == 0) {
        i = stop - i < 16 ? stop : i + 16;
        continue;
      }
      i += (size_t)__builtin_ctz(m);
      c = p[i];
    }
#endif
    if (c >= 0x20 && c != '"' && c != '\\') {
      if (c < 0x80) {
        i++;
        continue;
      }
      while (kiji_utf8_decode(p + i, n - i, &l) >= 0) { /* kana and kanji come in runs */
        i += l;
        if (i >= stop || p[i] < 0x80) break;
      }
      if (i >= stop || p[i] < 0x80) continue;
      run(w, p, from, i, readable);
      LIT(w, "\\ufffd");
      i += l ? l : 1;
      from = i;
      continue;
    }
    run(w, p, from, i, readable);
    if (c == '"') {
      LIT(w, "\\\"");
    } else if (c == '\\') {
      LIT(w, "\\\\");
    } else if (c == '\n') {
      LIT(w, "\\n");
    } else if (c == '\t') {
      LIT(w, "\\t");
    } else if (c == '\r') {
      LIT(w, "\\r");
    } else {
      char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      raw(w, u, 6);
    }
    from = ++i;
  }
  run(w, p, from, i, readable);
  return i;
}

/* s[0..n) as a JSON string (s has `readable` bytes, n or more). */
static void put_string(writer *w, const char *s, size_t n, size_t readable) {
  size_t i = 0;
  if (!room(w, 1)) return;
  *w->o++ = '"';
  while (i < n) {
    size_t stop = n - i > STRING_BLOCK ? i + STRING_BLOCK : n;
    /* six bytes out for each in, the character that ends past stop, and
    ** a 16-byte move from there */
    if (!room(w, 6 * (stop - i) + 48)) return;
    i = escape(w, (const unsigned char *)s, i, stop, n, readable);
  }
  if (room(w, 1)) *w->o++ = '"';
}

/*
** From here on each function asks for ROOM bytes before it writes and
** again after each call that writes a string, and writes at most ROOM
** bytes between (keys are literals of a few letters, numbers at most 20
** digits); a failed ask leaves nothing more written.
*/

/* "text":"…","start":…,"end":… of a range (the caller writes the braces). */
static void span_fields(writer *w, kiji_range r) {
  if (!room(w, ROOM)) return;
  LIT(w, "\"text\":");
  put_string(w, w->doc->text + r.start, r.end - r.start, w->doc->len - r.start);
  if (!room(w, ROOM)) return;
  LIT(w, ",\"start\":");
  number(w, r.start);
  LIT(w, ",\"end\":");
  number(w, r.end);
}

/* "k":{span} or "k":null */
static void span(writer *w, const char *k, kiji_range r) {
  if (!room(w, ROOM)) return;
  key(w, k);
  if (r.start == KIJI_NONE) {
    LIT(w, "null");
    return;
  }
  *w->o++ = '{';
  span_fields(w, r);
  if (room(w, 1)) *w->o++ = '}';
}

/* ,"k":"…" when s is given */
static void str_field(writer *w, const char *k, kiji_str s) {
  if (s.ptr == NULL || !room(w, ROOM)) return;
  *w->o++ = ',';
  key(w, k);
  put_string(w, s.ptr, s.len, s.len);
}

/* ,"kind":"official","subtype":"…" (no subtype when it is empty, unless
** empty_too). */
static void kind_subtype(writer *w, kiji_kind kind, const char *subtype, int empty_too) {
  size_t n = strlen(subtype);
  if (!room(w, n + ROOM)) return;
  if (kind == KIJI_KIND_OFFICIAL)
    LIT(w, ",\"kind\":\"official\"");
  else
    LIT(w, ",\"kind\":\"outlet\"");
  if (n == 0 && !empty_too) return;
  LIT(w, ",\"subtype\":\"");
  raw(w, subtype, n);
  *w->o++ = '"';
}

static void mention(writer *w, const kiji_mention *m) {
  if (!room(w, ROOM)) return;
  *w->o++ = '{';
  span_fields(w, m->span);
  kind_subtype(w, m->kind, m->subtype, 1);
  str_field(w, "id", m->id);
  str_field(w, "name", m->name);
  str_field(w, "country", m->country);
  if (!room(w, ROOM)) return;
  LIT(w, ",\"sentence\":");
  number(w, m->sentence);
  if (m->title.start != KIJI_NONE) {
    *w->o++ = ',';
    span(w, "title", m->title);
  }
  if (m->person.start != KIJI_NONE && room(w, 1)) {
    *w->o++ = ',';
    span(w, "person", m->person);
  }
  if (room(w, 1)) *w->o++ = '}';
}

/* A party: the mention it is, else a plain span (with the mention it
** refers to, when it is an anaphor), else null. */
static void party(writer *w, const char *k, size_t index, kiji_range r, size_t antecedent) {
  const kiji_mention *m = w->doc->mentions.p;
  if (!room(w, ROOM)) return;
  key(w, k);
  if (index != KIJI_NONE) {
    mention(w, m + index);
  } else if (r.start == KIJI_NONE) {
    LIT(w, "null");
  } else {
    *w->o++ = '{';
    span_fields(w, r);
    if (antecedent != KIJI_NONE && room(w, ROOM)) {
      *w->o++ = ',';
      key(w, "antecedent");
      mention(w, m + antecedent);
    }
    if (room(w, 1)) *w->o++ = '}';
  }
}

/* A quotation: its text, speaker, cue, first sentence and how many. */
static void quote(writer *w, const kiji_quote *q) {
  if (!room(w, 1)) return;
  *w->o++ = '{';
  span(w, "text", q->text);
  if (!room(w, 1)) return;
  *w->o++ = ',';
  party(w, "speaker", q->speaker_mention, q->speaker, q->speaker_antecedent);
  if (!room(w, 1)) return;
  *w->o++ = ',';
  span(w, "cue", q->cue);
  if (!room(w, ROOM)) return;
  LIT(w, ",\"sentence\":");
  number(w, q->sentence);
  LIT(w, ",\"sentences\":");
  number(w, q->sentences);
  *w->o++ = '}';
}

/* ,"quote": the quotation that carries a record (a copy), or null. */
static void carried_by(writer *w, size_t index) {
  if (!room(w, ROOM)) return;
  LIT(w, ",\"quote\":");
  if (index == KIJI_NONE)
    LIT(w, "null");
  else
    quote(w, (const kiji_quote *)w->doc->quotes.p + index);
}

/* ,"date":"2023-08-08","date_text":{…}: when a record happened, when
** the text says. */
static void date_fields(writer *w, const char *date, kiji_range text) {
  if (date[0] == 0 || !room(w, KIJI_DATE_ISO_SIZE + ROOM)) return;
  LIT(w, ",\"date\":\"");
  raw(w, date, strlen(date));
  LIT(w, "\",");
  span(w, "date_text", text);
}

static void sentence(writer *w, size_t index) {
  const kiji_range *r = (const kiji_range *)w->doc->sentences.p + index;
  if (!room(w, ROOM)) return;
  LIT(w, ",\"sentence\":{");
  span_fields(w, *r);
  if (!room(w, ROOM)) return;
  LIT(w, ",\"index\":");
  number(w, index);
  *w->o++ = '}';
}

static void mentions(writer *w, kiji_kind kind) {
  const kiji_mention *m = w->doc->mentions.p;
  size_t i, n = 0;
  if (!room(w, 1)) return;
  *w->o++ = '[';
  for (i = 0; i < w->doc->mentions.n && w->ok; i++)
    if (m[i].kind == kind) {
      if (n++ && room(w, 1)) *w->o++ = ',';
      mention(w, m + i);
    }
  if (room(w, 1)) *w->o++ = ']';
}

/* "source": the source the caller named: its name, and what the
** dictionaries know of it (no span: it is not in the text). */
static void given_source(writer *w) {
  const kiji_mention *g = &w->doc->given;
  if (!room(w, ROOM)) return;
  key(w, "source");
  LIT(w, "{\"text\":");
  put_string(w, w->doc->given_name.n ? w->doc->given_name.p : "", w->doc->given_name.n,
             w->doc->given_name.n);
  kind_subtype(w, KIJI_KIND_OUTLET, g->subtype, 0);
  str_field(w, "id", g->id);
  str_field(w, "name", g->name);
  str_field(w, "country", g->country);
  if (room(w, 1)) *w->o++ = '}';
}

/* The document's fields around its lists; room for ROOM bytes after. */
static void head(writer *w, const kiji_doc *doc, const char *id, size_t id_len) {
  const kiji_range no = {KIJI_NONE, KIJI_NONE};
  if (!room(w, ROOM)) return;
  LIT(w, "{\"kiji\":2,");
  if (id) {
    LIT(w, "\"id\":");
    put_string(w, id, id_len, id_len);
    if (!room(w, 1)) return;
    *w->o++ = ',';
  }
  if (!room(w, ROOM + strlen(kiji_lang_name(doc->lang)))) return;
  LIT(w, "\"lang\":\"");
  raw(w, kiji_lang_name(doc->lang), strlen(kiji_lang_name(doc->lang)));
  LIT(w, "\",\"bytes\":");
  number(w, doc->len);
  *w->o++ = ',';
  span(w, "dateline", doc->dateline);
  if (doc->date[0] && room(w, KIJI_DATE_ISO_SIZE + ROOM)) {
    LIT(w, ",\"date\":\"");
    raw(w, doc->date, strlen(doc->date));
    *w->o++ = '"';
  }
  if (!room(w, 1)) return;
  *w->o++ = ',';
  if (doc->has_given)
    given_source(w);
  else
    party(w, "source", doc->source, no, KIJI_NONE);
}

static int write_doc(kiji_doc *doc, const char *id, size_t id_len) {
  writer w;
  const kiji_range *s = doc->sentences.p;
  const kiji_denial *d = doc->denials.p;
  const kiji_attribution *a = doc->attributions.p;
  const kiji_range no = {KIJI_NONE, KIJI_NONE};
  size_t i;
  w.b = &doc->json;
  w.doc = doc;
  w.ok = kiji_grow(&doc->json.p, &doc->json.cap, 1, 1); /* (no arithmetic on NULL) */
  if (!w.ok) return 0;
  w.o = doc->json.p;
  w.end = w.o + doc->json.cap - 1;
  head(&w, doc, id, id_len);
  if (!room(&w, ROOM)) return 0;
  LIT(&w, ",\"sentences\":[");
  for (i = 0; i < doc->sentences.n && room(&w, ROOM); i++) {
    if (i) *w.o++ = ',';
    LIT(&w, "{\"start\":");
    number(&w, s[i].start);
    LIT(&w, ",\"end\":");
    number(&w, s[i].end);
    *w.o++ = '}';
  }
  if (!room(&w, ROOM)) return 0;
  LIT(&w, "],\"officials\":");
  mentions(&w, KIJI_KIND_OFFICIAL);
  if (!room(&w, ROOM)) return 0;
  LIT(&w, ",\"outlets\":");
  mentions(&w, KIJI_KIND_OUTLET);
  if (!room(&w, ROOM)) return 0;
  LIT(&w, ",\"denials\":[");
  for (i = 0; i < doc->denials.n && room(&w, 2); i++) {
    if (i) *w.o++ = ',';
    *w.o++ = '{';
    span(&w, "cue", d[i].cue);
    if (room(&w, 1)) *w.o++ = ',';
    party(&w, "by", d[i].by_mention, d[i].by, d[i].by_antecedent);
    if (room(&w, 1)) *w.o++ = ',';
    span(&w, "claim", d[i].claim);
    if (room(&w, 1)) *w.o++ = ',';
    party(&w, "reported_by", d[i].reported_by, no, KIJI_NONE);
    if (room(&w, 1)) *w.o++ = ',';
    party(&w, "target", d[i].target_mention, d[i].target, d[i].target_antecedent);
    carried_by(&w, d[i].quote);
    date_fields(&w, d[i].date, d[i].date_text);
    sentence(&w, d[i].sentence);
    if (room(&w, 1)) *w.o++ = '}';
  }
  if (!room(&w, ROOM)) return 0;
  LIT(&w, "],\"attributions\":[");
  for (i = 0; i < doc->attributions.n && room(&w, 2); i++) {
    if (i) *w.o++ = ',';
    *w.o++ = '{';
    span(&w, "cue", a[i].cue);
    if (room(&w, 1)) *w.o++ = ',';
    party(&w, "source", a[i].source_mention, a[i].source, a[i].source_antecedent);
    if (room(&w, 1)) *w.o++ = ',';
    span(&w, "claim", a[i].claim);
    carried_by(&w, a[i].quote);
    date_fields(&w, a[i].date, a[i].date_text);
    sentence(&w, a[i].sentence);
    if (room(&w, 1)) *w.o++ = '}';
  }
  if (!room(&w, ROOM)) return 0;
  LIT(&w, "],\"quotes\":[");
  for (i = 0; i < doc->quotes.n && room(&w, 1); i++) {
    if (i) *w.o++ = ',';
    quote(&w, (const kiji_quote *)doc->quotes.p + i);
  }
  if (!room(&w, 2)) return 0;
  LIT(&w, "]}");
  *w.o = 0; /* (the byte kept past the room) */
  doc->json.n = (size_t)(w.o - (char *)doc->json.p);
  return 1;
}

const char *kiji_doc_json(kiji_doc *doc, const char *id, size_t id_len, size_t *len) {
  if (len) *len = 0;
  if (doc == NULL || !write_doc(doc, id, id_len)) return NULL;
  if (len) *len = doc->json.n;
  return doc->json.p;
}
