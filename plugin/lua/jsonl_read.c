/*
** jsonl_read.c -- a line of JSON Lines read as a plain record
** (jsonl_read.h): the RFC 8259 grammar, strict, over the bytes of the
** line; the text decoded only when it has escapes.
*/
#include <stdint.h>
#include <string.h>

#include "jsonl_read.h"

#define MAX_DEPTH 64

static const unsigned char *skip_blanks(const unsigned char *p, const unsigned char *end) {
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) p++;
  return p;
}

static int hex4(const unsigned char *p, const unsigned char *end, unsigned *v) {
  int i;
  *v = 0;
  if (end - p < 4) return 0;
  for (i = 0; i < 4; i++) {
    unsigned c = p[i], d;
    if (c >= '0' && c <= '9')
      d = c - '0';
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
      d = (c | 0x20) - 'a' + 10;
    else
      return 0;
    *v = *v << 4 | d;
  }
  return 1;
}

static size_t put_utf8(char *o, unsigned c) {
  if (c < 0x80) return (size_t)(o[0] = (char)c, 1);
  if (c < 0x800) {
    o[0] = (char)(0xC0 | c >> 6);
    o[1] = (char)(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    o[0] = (char)(0xE0 | c >> 12);
    o[1] = (char)(0x80 | (c >> 6 & 0x3F));
    o[2] = (char)(0x80 | (c & 0x3F));
    return 3;
  }
  o[0] = (char)(0xF0 | c >> 18);
  o[1] = (char)(0x80 | (c >> 12 & 0x3F));
  o[2] = (char)(0x80 | (c >> 6 & 0x3F));
  o[3] = (char)(0x80 | (c & 0x3F));
  return 4;
}

/* The end of the bytes from p on that a string takes as they are (no
** quote, backslash or control character), eight at a time. */
static const unsigned char *plain_run(const unsigned char *p, const unsigned char *end) {
  const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  while (end - p >= 8) {
    uint64_t x, quote, slash;
    memcpy(&x, p, 8);
    quote = x ^ (ones * '"');
    slash = x ^ (ones * '\\');
    /* a zero byte in quote or slash, or a byte below 0x20 in x (ASCII
    ** bytes only: a byte >= 0x80 is never any of those) */
    if (((quote - ones) | (slash - ones) | (x - ones * 0x20)) & ~x & highs) break;
    p += 8;
  }
  while (p < end && *p >= 0x20 && *p != '"' && *p != '\\') p++;
  return p;
}

/*
** The string at p (its opening quote): the byte after its closing quote,
** or NULL when the reader does not take it (a control character, a lone
** surrogate: lua-cjson says what it makes of those). With out, its value
** is written there and *len set; *escaped tells whether it had escapes.
*/
static const unsigned char *string_at(const unsigned char *p, const unsigned char *end, char *out,
                                      size_t *len, int *escaped) {
  size_t n = 0;
  *escaped = 0;
  for (p++; p < end; p++) {
    unsigned c, v, lo;
    const unsigned char *q = plain_run(p, end);
    if (out != NULL && q > p) memcpy(out + n, p, (size_t)(q - p));
    n += (size_t)(q - p);
    if ((p = q) == end) break;
    c = *p;
    if (c == '"') {
      if (len) *len = n;
      return p + 1;
    }
    if (c < 0x20) return NULL;
    if (c != '\\') {
      if (out) out[n] = (char)c;
      n++;
      continue;
    }
    *escaped = 1;
    if (++p == end) return NULL;
    switch (*p) {
      case '"':
      case '\\':
      case '/': c = *p; break;
      case 'b': c = '\b'; break;
      case 'f': c = '\f'; break;
      case 'n': c = '\n'; break;
      case 'r': c = '\r'; break;
      case 't': c = '\t'; break;
      case 'u':
        if (!hex4(p + 1, end, &v)) return NULL;
        p += 4;
        if (v >= 0xDC00 && v <= 0xDFFF) return NULL;
        if (v >= 0xD800 && v <= 0xDBFF) {
          if (end - p < 7 || p[1] != '\\' || p[2] != 'u' || !hex4(p + 3, end, &lo) || lo < 0xDC00 ||
              lo > 0xDFFF)
            return NULL;
          p += 6;
          v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (out)
          n += put_utf8(out + n, v);
        else
          n += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4;
        continue;
      default: return NULL;
    }
    if (out) out[n] = (char)c;
    n++;
  }
  return NULL;
}

static int digit(const unsigned char *p, const unsigned char *end) {
  return p < end && *p >= '0' && *p <= '9';
}

/* The number at p, by RFC 8259's grammar: the byte after it, or NULL. */
static const unsigned char *number_at(const unsigned char *p, const unsigned char *end) {
  if (p < end && *p == '-') p++;
  if (!digit(p, end)) return NULL;
  if (*p == '0')
    p++;
  else
    while (digit(p, end)) p++;
  if (p < end && *p == '.') {
    if (!digit(++p, end)) return NULL;
    while (digit(p, end)) p++;
  }
  if (p < end && (*p | 0x20) == 'e') {
    p++;
    if (p < end && (*p == '+' || *p == '-')) p++;
    if (!digit(p, end)) return NULL;
    while (digit(p, end)) p++;
  }
  return p;
}

static const unsigned char *word_at(const unsigned char *p, const unsigned char *end,
                                    const char *w) {
  size_t n = strlen(w);
  return (size_t)(end - p) >= n && memcmp(p, w, n) == 0 ? p + n : NULL;
}

/* The value at p (no blank before it): the byte after it, or NULL. */
static const unsigned char *value_at(const unsigned char *p, const unsigned char *end, int depth) {
  int escaped;
  if (p == end) return NULL;
  switch (*p) {
    case '"': return string_at(p, end, NULL, NULL, &escaped);
    case 't': return word_at(p, end, "true");
    case 'f': return word_at(p, end, "false");
    case 'n': return word_at(p, end, "null");
    case '{':
    case '[': {
      unsigned char close = *p == '{' ? '}' : ']';
      if (depth >= MAX_DEPTH) return NULL;
      p = skip_blanks(p + 1, end);
      if (p < end && *p == close) return p + 1;
      for (;;) {
        if (close == '}') {
          if (p == end || *p != '"' || (p = string_at(p, end, NULL, NULL, &escaped)) == NULL)
            return NULL;
          p = skip_blanks(p, end);
          if (p == end || *p != ':') return NULL;
          p = skip_blanks(p + 1, end);
        }
        if ((p = value_at(p, end, depth + 1)) == NULL) return NULL;
        p = skip_blanks(p, end);
        if (p == end) return NULL;
        if (*p == close) return p + 1;
        if (*p != ',') return NULL;
        p = skip_blanks(p + 1, end);
      }
    }
    default: return number_at(p, end);
  }
}

static int named(const jsonl_member *m, const char *w) {
  return m->name_len == strlen(w) && memcmp(m->name, w, m->name_len) == 0;
}

static int own(const jsonl_names *o, const unsigned char *s, size_t len) {
  int i;
  for (i = 0; i < o->n; i++)
    if (o->len[i] == len && memcmp(o->name[i], s, len) == 0) return 1;
  return 0;
}

/* Is the name of `under` underscores then s[0, len) the document's or
** another jsonl_member's? */
static int taken(const jsonl_names *o, const jsonl_member *m, int n, size_t under,
                 const unsigned char *s, size_t len) {
  int i;
  size_t k;
  for (i = 0; i < o->n; i++)
    if (o->len[i] == under + len) {
      for (k = 0; k < under && o->name[i][k] == '_'; k++) {}
      if (k == under && memcmp(o->name[i] + under, s, len) == 0) return 1;
    }
  for (i = 0; i < n; i++)
    if (m[i].name_len == under + len) {
      for (k = 0; k < under && m[i].name[k] == '_'; k++) {}
      if (k == under && memcmp(m[i].name + under, s, len) == 0) return 1;
    }
  return 0;
}

/* The underscores before member i's name: none, or as many as it takes
** for a name of the document's to be neither the document's nor another
** member's (the Lua reader's renaming). */
static size_t underscores(const jsonl_record *r, int i, const jsonl_names *o) {
  const jsonl_member *m = &r->m[i];
  size_t under = 1;
  if (!own(o, m->name, m->name_len)) return 0;
  while (taken(o, r->m, r->n, under, m->name, m->name_len)) under++;
  return under;
}

static int kept(const jsonl_record *r, int i) { return i != r->text && i != r->id; }

size_t jsonl_members_room(const jsonl_record *r, const jsonl_names *own_names) {
  size_t room = 0;
  int i;
  for (i = 0; i < r->n; i++)
    if (kept(r, i)) room += 4 + underscores(r, i, own_names) + r->m[i].name_len + r->m[i].value_len;
  return room;
}

size_t jsonl_members(const jsonl_record *r, const jsonl_names *own_names, char *out) {
  size_t n = 0, under;
  int i;
  for (i = 0; i < r->n; i++) {
    const jsonl_member *m = &r->m[i];
    if (!kept(r, i)) continue;
    if (n > 0) out[n++] = ',';
    out[n++] = '"';
    for (under = underscores(r, i, own_names); under > 0; under--) out[n++] = '_';
    memcpy(out + n, m->name, m->name_len);
    n += m->name_len;
    out[n++] = '"';
    out[n++] = ':';
    memcpy(out + n, m->value, m->value_len);
    n += m->value_len;
  }
  return n;
}

/*
** Read the record on [p, end): 1 and the record's members, or 0 when the
** Lua reader must read it. A member name with an escape goes to Lua: a
** renamed name would be written as lua-cjson encodes it.
*/
static int read_record(const unsigned char *p, const unsigned char *end, jsonl_member *m, int *nm) {
  int n = 0, escaped;
  p = skip_blanks(p, end);
  if (p == end || *p != '{') return 0;
  p = skip_blanks(p + 1, end);
  if (p < end && *p == '}') return 0; /* (no "text") */
  for (;;) {
    const unsigned char *q;
    if (n == JSONL_MAX_MEMBERS || p == end || *p != '"') return 0;
    if ((q = string_at(p, end, NULL, NULL, &escaped)) == NULL || escaped) return 0;
    m[n].name = p + 1;
    m[n].name_len = (size_t)(q - p) - 2;
    p = skip_blanks(q, end);
    if (p == end || *p != ':') return 0;
    p = skip_blanks(p + 1, end);
    m[n].value = p;
    if ((p = value_at(p, end, 1)) == NULL) return 0;
    m[n].value_len = (size_t)(p - m[n].value);
    n++;
    p = skip_blanks(p, end);
    if (p == end) return 0;
    if (*p == '}') break;
    if (*p != ',') return 0;
    p = skip_blanks(p + 1, end);
  }
  if (skip_blanks(p + 1, end) != end) return 0;
  *nm = n;
  return 1;
}

/* The index of the member named w, or -1 (no name comes twice). */
static int index_of(const jsonl_member *m, int n, const char *w) {
  int i;
  for (i = 0; i < n; i++)
    if (named(&m[i], w)) return i;
  return -1;
}

/* Is the record read into r plain (see jsonl_read.h)? */
static int plain(jsonl_record *r) {
  const jsonl_member *m = r->m;
  int i, j, n = r->n;
  for (i = 0; i < n; i++) /* (renamed members would have to be told apart) */
    for (j = i + 1; j < n; j++)
      if (m[i].name_len == m[j].name_len && memcmp(m[i].name, m[j].name, m[i].name_len) == 0)
        return 0;
  r->text = index_of(m, n, "text");
  r->id = index_of(m, n, "id");
  if (r->text < 0 || index_of(m, n, "date") >= 0 || index_of(m, n, "source") >= 0) return 0;
  if (m[r->text].value[0] != '"') return 0;
  if (r->id >= 0) {
    unsigned char c = m[r->id].value[0];
    if (c == '{' || c == '[' || c == 't' || c == 'f') return 0;
  }
  return 1;
}

int jsonl_blank(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s, *end = p + len;
  for (; p < end; p++)
    if (*p != ' ' && *p != '\t' && *p != '\r') return 0;
  return 1;
}

int jsonl_read(const char *s, size_t len, jsonl_record *r) {
  const unsigned char *p = (const unsigned char *)s;
  return read_record(p, p + len, r->m, &r->n) && plain(r);
}

const char *jsonl_text(const jsonl_record *r, char *out, size_t *len) {
  const jsonl_member *t = &r->m[r->text];
  int escaped;
  if (memchr(t->value, '\\', t->value_len) == NULL) {
    *len = t->value_len - 2;
    return (const char *)t->value + 1;
  }
  string_at(t->value, t->value + t->value_len, out, len, &escaped);
  return out;
}
