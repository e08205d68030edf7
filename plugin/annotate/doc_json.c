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
  int ok;
} writer;

/* The rare call that must make room: 0 when memory ran out. */
static int make_room(writer *w, size_t n) {
  ann_buf *b = w->b;
  if (kiji_grow(&b->p, &b->cap, b->n + n + 1, 1)) return 1;
  w->ok = 0;
  return 0;
}

/* Inline, so that a literal's length is known where it is written: the
** writer is a fifth of what kiji annotate spends per document. */
static inline void put(writer *w, const char *p, size_t n) {
  ann_buf *b = w->b;
  if (!w->ok || (b->n + n + 1 > b->cap && !make_room(w, n))) return;
  memcpy((char *)b->p + b->n, p, n);
  b->n += n;
}

static inline void puts_(writer *w, const char *s) { put(w, s, strlen(s)); }

static void put_size(writer *w, size_t v) {
  char tmp[24];
  size_t i = sizeof tmp;
  do { /* digits from the right: no printf on the hot path */
    tmp[--i] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  put(w, tmp + i, sizeof tmp - i);
}

/* s[0..n) as a JSON string. What JSON takes as it is (printable ASCII
** but " and \, whole UTF-8 characters) is copied a run at a time: a put
** per character was most of the writer's time on Japanese text. With
** SSE2, ASCII that needs no escape is passed sixteen bytes a test (a
** signed compare with 0x20 also catches every byte of 0x80 and up). */
static void put_string(writer *w, const char *s, size_t n) {
  static const char hex[] = "0123456789abcdef";
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0, from = 0, l;
  put(w, "\"", 1);
  while (i < n) {
    unsigned char c = p[i];
#if defined(__SSE2__)
    if (n - i >= 16) {
      __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
      __m128i odd = _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')),
                                              _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))));
      unsigned m = (unsigned)_mm_movemask_epi8(odd);
      if (m == 0) {
        i += 16;
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
        if (i == n || p[i] < 0x80) break;
      }
      if (i == n || p[i] < 0x80) continue;
      put(w, s + from, i - from);
      puts_(w, "\\ufffd");
      i += l ? l : 1;
      from = i;
      continue;
    }
    put(w, s + from, i - from);
    if (c == '"')
      puts_(w, "\\\"");
    else if (c == '\\')
      puts_(w, "\\\\");
    else if (c == '\n')
      puts_(w, "\\n");
    else if (c == '\t')
      puts_(w, "\\t");
    else if (c == '\r')
      puts_(w, "\\r");
    else {
      char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      put(w, u, 6);
    }
    from = ++i;
  }
  put(w, s + from, i - from);
  put(w, "\"", 1);
}

static inline void key(writer *w, const char *k) {
  put(w, "\"", 1);
  puts_(w, k);
  put(w, "\":", 2);
}

/* "text","start","end" of a range (the caller writes the braces). */
static void span_fields(writer *w, kiji_range r) {
  key(w, "text");
  put_string(w, w->doc->text + r.start, r.end - r.start);
  put(w, ",", 1);
  key(w, "start");
  put_size(w, r.start);
  put(w, ",", 1);
  key(w, "end");
  put_size(w, r.end);
}

static void span(writer *w, const char *k, kiji_range r) {
  key(w, k);
  if (r.start == KIJI_NONE) {
    puts_(w, "null");
    return;
  }
  put(w, "{", 1);
  span_fields(w, r);
  put(w, "}", 1);
}

static void str_field(writer *w, const char *k, kiji_str s) {
  if (s.ptr == NULL) return;
  put(w, ",", 1);
  key(w, k);
  put_string(w, s.ptr, s.len);
}

static void mention(writer *w, const kiji_mention *m) {
  put(w, "{", 1);
  span_fields(w, m->span);
  puts_(w, ",\"kind\":");
  puts_(w, m->kind == KIJI_KIND_OFFICIAL ? "\"official\"" : "\"outlet\"");
  puts_(w, ",\"subtype\":\"");
  puts_(w, m->subtype);
  put(w, "\"", 1);
  str_field(w, "id", m->id);
  str_field(w, "name", m->name);
  str_field(w, "country", m->country);
  puts_(w, ",\"sentence\":");
  put_size(w, m->sentence);
  if (m->title.start != KIJI_NONE) {
    put(w, ",", 1);
    span(w, "title", m->title);
  }
  if (m->person.start != KIJI_NONE) {
    put(w, ",", 1);
    span(w, "person", m->person);
  }
  put(w, "}", 1);
}

/* A party: the mention it is, else a plain span (with the mention it
** refers to, when it is an anaphor), else null. */
static void party(writer *w, const char *k, size_t index, kiji_range r, size_t antecedent) {
  const kiji_mention *m = w->doc->mentions.p;
  key(w, k);
  if (index != KIJI_NONE) {
    mention(w, m + index);
  } else if (r.start == KIJI_NONE) {
    puts_(w, "null");
  } else {
    put(w, "{", 1);
    span_fields(w, r);
    if (antecedent != KIJI_NONE) {
      put(w, ",", 1);
      key(w, "antecedent");
      mention(w, m + antecedent);
    }
    put(w, "}", 1);
  }
}

/* A quotation: its text, speaker, cue, first sentence and how many. */
static void quote(writer *w, const kiji_quote *q) {
  put(w, "{", 1);
  span(w, "text", q->text);
  put(w, ",", 1);
  party(w, "speaker", q->speaker_mention, q->speaker, q->speaker_antecedent);
  put(w, ",", 1);
  span(w, "cue", q->cue);
  puts_(w, ",\"sentence\":");
  put_size(w, q->sentence);
  puts_(w, ",\"sentences\":");
  put_size(w, q->sentences);
  put(w, "}", 1);
}

/* ,"quote": the quotation that carries a record (a copy), or null. */
static void carried_by(writer *w, size_t index) {
  puts_(w, ",\"quote\":");
  if (index == KIJI_NONE)
    puts_(w, "null");
  else
    quote(w, (const kiji_quote *)w->doc->quotes.p + index);
}

/* ,"date":"2023-08-08","date_text":{…}: when a record happened, when
** the text says. */
static void date_fields(writer *w, const char *date, kiji_range text) {
  if (date[0] == 0) return;
  puts_(w, ",\"date\":\"");
  puts_(w, date);
  puts_(w, "\",");
  span(w, "date_text", text);
}

static void sentence(writer *w, size_t index) {
  const kiji_range *r = (const kiji_range *)w->doc->sentences.p + index;
  puts_(w, ",\"sentence\":{");
  span_fields(w, *r);
  puts_(w, ",\"index\":");
  put_size(w, index);
  put(w, "}", 1);
}

static void mentions(writer *w, kiji_kind kind) {
  const kiji_mention *m = w->doc->mentions.p;
  size_t i, n = 0;
  put(w, "[", 1);
  for (i = 0; i < w->doc->mentions.n; i++)
    if (m[i].kind == kind) {
      if (n++) put(w, ",", 1);
      mention(w, m + i);
    }
  put(w, "]", 1);
}

/* "source": the source the caller named: its name, and what the
** dictionaries know of it (no span: it is not in the text). */
static void given_source(writer *w) {
  const kiji_mention *g = &w->doc->given;
  key(w, "source");
  puts_(w, "{\"text\":");
  put_string(w, w->doc->given_name.n ? w->doc->given_name.p : "", w->doc->given_name.n);
  puts_(w, ",\"kind\":\"outlet\"");
  if (g->subtype[0]) {
    puts_(w, ",\"subtype\":\"");
    puts_(w, g->subtype);
    put(w, "\"", 1);
  }
  str_field(w, "id", g->id);
  str_field(w, "name", g->name);
  str_field(w, "country", g->country);
  put(w, "}", 1);
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
  w.ok = 1;
  doc->json.n = 0;
  puts_(&w, "{\"kiji\":2,");
  if (id) {
    key(&w, "id");
    put_string(&w, id, id_len);
    put(&w, ",", 1);
  }
  puts_(&w, "\"lang\":\"");
  puts_(&w, kiji_lang_name(doc->lang));
  puts_(&w, "\",\"bytes\":");
  put_size(&w, doc->len);
  put(&w, ",", 1);
  span(&w, "dateline", doc->dateline);
  if (doc->date[0]) {
    puts_(&w, ",\"date\":\"");
    puts_(&w, doc->date);
    put(&w, "\"", 1);
  }
  put(&w, ",", 1);
  if (doc->has_given)
    given_source(&w);
  else
    party(&w, "source", doc->source, no, KIJI_NONE);
  puts_(&w, ",\"sentences\":[");
  for (i = 0; i < doc->sentences.n; i++) {
    puts_(&w, i ? ",{\"start\":" : "{\"start\":");
    put_size(&w, s[i].start);
    puts_(&w, ",\"end\":");
    put_size(&w, s[i].end);
    put(&w, "}", 1);
  }
  puts_(&w, "],\"officials\":");
  mentions(&w, KIJI_KIND_OFFICIAL);
  puts_(&w, ",\"outlets\":");
  mentions(&w, KIJI_KIND_OUTLET);
  puts_(&w, ",\"denials\":[");
  for (i = 0; i < doc->denials.n; i++) {
    puts_(&w, i ? ",{" : "{");
    span(&w, "cue", d[i].cue);
    put(&w, ",", 1);
    party(&w, "by", d[i].by_mention, d[i].by, d[i].by_antecedent);
    put(&w, ",", 1);
    span(&w, "claim", d[i].claim);
    put(&w, ",", 1);
    party(&w, "reported_by", d[i].reported_by, no, KIJI_NONE);
    put(&w, ",", 1);
    party(&w, "target", d[i].target_mention, d[i].target, d[i].target_antecedent);
    carried_by(&w, d[i].quote);
    date_fields(&w, d[i].date, d[i].date_text);
    sentence(&w, d[i].sentence);
    put(&w, "}", 1);
  }
  puts_(&w, "],\"attributions\":[");
  for (i = 0; i < doc->attributions.n; i++) {
    puts_(&w, i ? ",{" : "{");
    span(&w, "cue", a[i].cue);
    put(&w, ",", 1);
    party(&w, "source", a[i].source_mention, a[i].source, a[i].source_antecedent);
    put(&w, ",", 1);
    span(&w, "claim", a[i].claim);
    carried_by(&w, a[i].quote);
    date_fields(&w, a[i].date, a[i].date_text);
    sentence(&w, a[i].sentence);
    put(&w, "}", 1);
  }
  puts_(&w, "],\"quotes\":[");
  for (i = 0; i < doc->quotes.n; i++) {
    if (i) put(&w, ",", 1);
    quote(&w, (const kiji_quote *)doc->quotes.p + i);
  }
  puts_(&w, "]}");
  if (w.ok) ((char *)doc->json.p)[doc->json.n] = 0;
  return w.ok;
}

const char *kiji_doc_json(kiji_doc *doc, const char *id, size_t id_len, size_t *len) {
  if (len) *len = 0;
  if (doc == NULL || !write_doc(doc, id, id_len)) return NULL;
  if (len) *len = doc->json.n;
  return doc->json.p;
}
