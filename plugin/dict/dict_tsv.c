/*
** dict_tsv.c -- dictionary entries from TSV text.
**
**   surface <TAB> kind [<TAB> id [<TAB> flags [<TAB> payload]]]
**
** '#' starts a comment line; blank lines are skipped; CRLF is accepted.
** kind is [a-z0-9_]+; an empty id or "-" means none; flags is a comma
** list of exact_case, word, no_word. The text is checked whole (down to
** surfaces that normalize to nothing) before anything is added, so a bad
** line adds nothing; when the builder still stops half-way (memory runs
** out), the entries already added are taken back.
*/
#include <stdio.h>
#include <string.h>

#include "dict.h"
#include "base/utf8.h"

#define MAX_FIELDS 5
#define NAME_MAX_LEN 63

typedef struct field {
  const char *p;
  size_t len;
} field;

typedef struct tsv_line {
  field f[MAX_FIELDS];
  int nfields;
  unsigned flags;
  char kind[NAME_MAX_LEN + 1], id[256];
} tsv_line;

static int line_error(kiji_error *err, size_t line, const char *what) {
  if (err) {
    err->status = KIJI_EINVAL;
    err->offset = line;
    snprintf(err->message, sizeof err->message, "line %zu: %s", line, what);
  }
  return 0;
}

static int valid_utf8(const char *p, size_t len) {
  size_t i = 0, l;
  while (i < len) {
    if (p[i] == 0 || kiji_utf8_decode((const unsigned char *)p + i, len - i, &l) < 0) return 0;
    i += l;
  }
  return 1;
}

static int is_name(const field *f) {
  size_t i;
  if (f->len == 0 || f->len > NAME_MAX_LEN) return 0;
  for (i = 0; i < f->len; i++) {
    char c = f->p[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return 0;
  }
  return 1;
}

static int parse_flags(const field *f, unsigned *flags) {
  static const struct {
    const char *name;
    unsigned bit;
  } known[] = {{"exact_case", KIJI_ENTRY_EXACT_CASE},
               {"word", KIJI_ENTRY_WORD},
               {"no_word", KIJI_ENTRY_NO_WORD}};
  size_t i = 0;
  *flags = 0;
  while (i < f->len) {
    size_t j = i, k, n;
    while (j < f->len && f->p[j] != ',') j++;
    n = j - i;
    for (k = 0; k < sizeof known / sizeof known[0]; k++)
      if (strlen(known[k].name) == n && memcmp(known[k].name, f->p + i, n) == 0) break;
    if (k == sizeof known / sizeof known[0]) return 0;
    *flags |= known[k].bit;
    i = j + 1;
  }
  return 1;
}

/* Split and check one line (without its newline); 0 with err filled. */
static int parse_line(const char *p, size_t len, size_t lineno, tsv_line *ln, kiji_error *err) {
  size_t i, start = 0;
  memset(ln, 0, sizeof *ln);
  for (i = 0; i <= len; i++) {
    if (i < len && p[i] != '\t') continue;
    if (ln->nfields == MAX_FIELDS) return line_error(err, lineno, "more than 5 fields");
    ln->f[ln->nfields].p = p + start;
    ln->f[ln->nfields].len = i - start;
    ln->nfields++;
    start = i + 1;
  }
  if (!valid_utf8(p, len)) return line_error(err, lineno, "invalid UTF-8 or NUL byte");
  if (ln->f[0].len == 0) return line_error(err, lineno, "empty surface");
  if (ln->nfields < 2) return line_error(err, lineno, "missing kind (fields are TAB-separated)");
  if (!is_name(&ln->f[1]))
    return line_error(err, lineno, "kind must be [a-z0-9_]+, at most 63 bytes");
  memcpy(ln->kind, ln->f[1].p, ln->f[1].len);
  if (ln->nfields > 2 && ln->f[2].len > 0 && !(ln->f[2].len == 1 && ln->f[2].p[0] == '-')) {
    if (ln->f[2].len >= sizeof ln->id) return line_error(err, lineno, "id longer than 255 bytes");
    memcpy(ln->id, ln->f[2].p, ln->f[2].len);
  }
  if (ln->nfields > 3 && !parse_flags(&ln->f[3], &ln->flags))
    return line_error(err, lineno, "unknown flag (exact_case, word, no_word)");
  /* what the builder would refuse half-way must stop the first pass */
  if ((ln->flags & KIJI_ENTRY_WORD) && (ln->flags & KIJI_ENTRY_NO_WORD))
    return line_error(err, lineno, "flags word and no_word together");
  return 1;
}

/* A line that fails for want of memory is not a bad line: the caller
** may try again. Every other failure is the line's (KIJI_EINVAL). */
static kiji_status line_status(kiji_error *err, size_t line, kiji_status st, const char *what) {
  st = st == KIJI_ENOMEM ? st : KIJI_EINVAL;
  line_error(err, line, what);
  if (err) err->status = st;
  return st;
}

/* The first pass: a surface must keep something under the match form;
** the entries are counted, so that the builder makes room once. */
typedef struct checker {
  kiji_norm *norm;
  size_t count;
} checker;

static kiji_status check_surface(void *ctx, const tsv_line *ln, size_t lineno, kiji_error *err) {
  checker *c = ctx;
  size_t len;
  kiji_status st;
  kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
  o.map = 0;
  if ((st = kiji_normalize(c->norm, ln->f[0].p, ln->f[0].len, &o)) != KIJI_OK)
    return line_status(err, lineno, st, kiji_norm_error(c->norm));
  kiji_norm_text(c->norm, &len);
  if (len == 0) return line_status(err, lineno, KIJI_EINVAL, "surface is empty once normalized");
  c->count++;
  return KIJI_OK;
}

/* Call fn on each entry line; stops at the first failure, its status. */
static kiji_status each_line(const char *data, size_t len, kiji_error *err,
                             kiji_status (*fn)(void *, const tsv_line *, size_t, kiji_error *),
                             void *ctx) {
  size_t pos = 0, lineno = 0;
  kiji_status st;
  while (pos < len) {
    const char *nl = memchr(data + pos, '\n', len - pos);
    size_t end = nl ? (size_t)(nl - data) : len, n = end - pos;
    tsv_line ln;
    lineno++;
    if (n > 0 && data[pos + n - 1] == '\r') n--;
    if (n > 0 && data[pos] != '#') {
      if (!parse_line(data + pos, n, lineno, &ln, err)) return KIJI_EINVAL;
      if ((st = fn(ctx, &ln, lineno, err)) != KIJI_OK) return st;
    }
    pos = end + 1;
  }
  return KIJI_OK;
}

static kiji_status add_line(void *ctx, const tsv_line *ln, size_t lineno, kiji_error *err) {
  kiji_dict_builder *b = ctx;
  kiji_entry e;
  kiji_status st;
  memset(&e, 0, sizeof e);
  e.surface = ln->f[0].p;
  e.surface_len = ln->f[0].len;
  e.kind = ln->kind;
  e.id = ln->id[0] ? ln->id : NULL;
  e.flags = ln->flags;
  if (ln->nfields > 4) {
    e.payload = ln->f[4].p;
    e.payload_len = ln->f[4].len;
  }
  if ((st = kiji_dict_builder_add(b, &e)) != KIJI_OK) {
    char what[160];
    snprintf(what, sizeof what, "%s", kiji_dict_builder_error(b));
    return line_status(err, lineno, st, what);
  }
  return KIJI_OK;
}

kiji_status kiji_dict_builder_add_tsv(kiji_dict_builder *b, const char *data, size_t len,
                                      kiji_error *err) {
  checker c;
  kiji_status st;
  size_t before;
  if (err) {
    err->status = KIJI_OK;
    err->offset = 0;
    err->message[0] = 0;
  }
  if (b == NULL || (data == NULL && len > 0)) return KIJI_EINVAL;
  c.count = 0;
  c.norm = kiji_norm_new();
  if (c.norm == NULL) {
    if (err) {
      err->status = KIJI_ENOMEM;
      snprintf(err->message, sizeof err->message, "out of memory");
    }
    return KIJI_ENOMEM;
  }
  st = each_line(data, len, err, check_surface, &c);
  kiji_norm_free(c.norm);
  if (st != KIJI_OK) return st;
  kiji_dict_builder_reserve(b, c.count); /* (when it cannot, the adds say so) */
  before = kiji_dict_builder_count(b);
  if ((st = each_line(data, len, err, add_line, b)) != KIJI_OK)
    kiji_dict_builder_truncate(b, before);
  return st;
}
