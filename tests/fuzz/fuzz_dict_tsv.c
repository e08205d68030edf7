/*
** fuzz_dict_tsv.c -- libFuzzer target for the TSV parser
** (kiji_dict_builder_add_tsv): any bytes are a TSV text.
**
** The builder starts with one entry of its own. A violation of any of these
** stops the run with __builtin_trap():
**   - the status is KIJI_OK or KIJI_EINVAL; on KIJI_EINVAL the error names
**     a line that exists ("line N: ...", err.offset = N) and nothing was
**     added (all or nothing: the compiled dictionary has the one entry);
**   - on KIJI_OK the dictionary holds one entry per line that is neither
**     blank nor a comment nor a repeat of an earlier entry in every field
**     (kept once), in order, each read back with the line's
**     surface, kind, id (none for "" and "-"), and payload, as an
**     independent split of the line gives them;
**   - a compiled dictionary survives save-to-bytes and load;
**   - scanning the TSV text itself in ALL mode finds every entry whose
**     surface is a run of ASCII letters and digits at the start of its line
**     (the line goes on with a TAB, so no word boundary can hide it).
**
** Run:       make fuzz FUZZ_SECONDS=120
** Reproduce: build/fuzz/fuzz_dict_tsv crash-<sha1>
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "kiji.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                     \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      fprintf(stderr, "fuzz_dict_tsv: check failed at line %d: %s\n", __LINE__, #cond); \
      __builtin_trap();                                                                 \
    }                                                                                   \
  } while (0)

#define MAX_LINES 512

/* One entry line as an independent reading of the format gives it. */
typedef struct ref_line {
  const char *f[5];
  size_t len[5];
  int nfields;
  size_t start; /* the line's offset in the text */
} ref_line;

static int ref_split(const char *text, size_t size, ref_line *out, size_t *nlines) {
  size_t pos = 0, n = 0, total = 0;
  while (pos < size) {
    const char *nl = memchr(text + pos, '\n', size - pos);
    size_t end = nl ? (size_t)(nl - text) : size, len = end - pos, i, from = pos;
    total++;
    if (len > 0 && text[end - 1] == '\r') len--;
    if (len > 0 && text[pos] != '#') {
      ref_line *r;
      if (n == MAX_LINES) { /* too many to keep: count the lines left, for err.offset */
        for (pos = end + 1; pos < size; total++) {
          const char *more = memchr(text + pos, '\n', size - pos);
          pos = more ? (size_t)(more - text) + 1 : size;
        }
        *nlines = total;
        return 0;
      }
      r = &out[n++];
      memset(r, 0, sizeof *r);
      r->start = pos;
      for (i = pos; i <= pos + len; i++) {
        if (i < pos + len && text[i] != '\t') continue;
        if (r->nfields < 5) {
          r->f[r->nfields] = text + from;
          r->len[r->nfields] = i - from;
        }
        r->nfields++;
        from = i + 1;
      }
    }
    pos = end + 1;
  }
  *nlines = total;
  return (int)n + 1;
}

static int same(const char *a, size_t alen, const char *b) {
  return b != NULL && strlen(b) == alen && memcmp(a, b, alen) == 0;
}

static int ascii_word(const char *p, size_t len) {
  size_t i;
  if (len == 0) return 0;
  for (i = 0; i < len; i++)
    if (!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
          (p[i] >= '0' && p[i] <= '9')))
      return 0;
  return 1;
}

static unsigned ref_flags(const ref_line *r) {
  unsigned f = 0;
  size_t i = 0;
  if (r->nfields < 4) return 0;
  while (i <= r->len[3]) {
    size_t j = i;
    while (j < r->len[3] && r->f[3][j] != ',') j++;
    if (j - i == 10 && memcmp(r->f[3] + i, "exact_case", 10) == 0) f |= KIJI_ENTRY_EXACT_CASE;
    if (j - i == 4 && memcmp(r->f[3] + i, "word", 4) == 0) f |= KIJI_ENTRY_WORD;
    if (j - i == 7 && memcmp(r->f[3] + i, "no_word", 7) == 0) f |= KIJI_ENTRY_NO_WORD;
    i = j + 1;
  }
  return f;
}

static int no_id(const ref_line *r) {
  return r->nfields < 3 || r->len[2] == 0 || (r->len[2] == 1 && r->f[2][0] == '-');
}

static size_t payload_len(const ref_line *r) { return r->nfields > 4 ? r->len[4] : 0; }

static int field_eq(const ref_line *a, const ref_line *b, int k, size_t la, size_t lb) {
  return la == lb && (la == 0 || memcmp(a->f[k], b->f[k], la) == 0);
}

/* Line a repeats line b in every field: the builder keeps one (kiji.h). */
static int same_entry(const ref_line *a, const ref_line *b) {
  return field_eq(a, b, 0, a->len[0], b->len[0]) && field_eq(a, b, 1, a->len[1], b->len[1]) &&
         no_id(a) == no_id(b) && (no_id(a) || field_eq(a, b, 2, a->len[2], b->len[2])) &&
         ref_flags(a) == ref_flags(b) && field_eq(a, b, 4, payload_len(a), payload_len(b));
}

/* The entries, in order, one per line that repeats no earlier line; *seen
** gets each line's entry index. */
static void check_entries(const kiji_dict *d, const ref_line *lines, size_t n, size_t *index) {
  size_t i, k, next = 1;
  for (i = 0; i < n; i++) {
    const ref_line *r = &lines[i];
    kiji_entry e;
    for (k = 0; k < i && !same_entry(r, &lines[k]); k++) {}
    if (k < i) {
      index[i] = index[k];
      continue;
    }
    /* the builder's own entry, "kiji" of kind "own", is entry 0 */
    if (r->len[0] == 4 && memcmp(r->f[0], "kiji", 4) == 0 && r->len[1] == 3 &&
        memcmp(r->f[1], "own", 3) == 0 && no_id(r) && ref_flags(r) == 0 && payload_len(r) == 0) {
      index[i] = 0;
      continue;
    }
    index[i] = next;
    CHECK(kiji_dict_entry(d, next++, &e) == KIJI_OK);
    CHECK(e.surface_len == r->len[0] && memcmp(e.surface, r->f[0], r->len[0]) == 0);
    CHECK(same(r->f[1], r->len[1], e.kind));
    CHECK(no_id(r) ? e.id == NULL : same(r->f[2], r->len[2], e.id));
    CHECK(e.payload_len == payload_len(r) &&
          (e.payload_len == 0 || memcmp(e.payload, r->f[4], e.payload_len) == 0));
  }
  CHECK(kiji_dict_count(d) == next);
}

/* Every ASCII-word surface is found where its line starts. */
static void check_scan(const kiji_dict *d, const char *text, size_t size, const ref_line *lines,
                       size_t n, const size_t *index) {
  kiji_scan *s = kiji_scan_new();
  const kiji_match *m;
  size_t count, i, k;
  CHECK(s != NULL);
  CHECK(kiji_dict_scan(d, s, text, size, KIJI_SCAN_ALL) == KIJI_OK);
  m = kiji_scan_matches(s, &count);
  for (k = 0; k < count; k++) CHECK(m[k].start < m[k].end && m[k].end <= size);
  for (i = 0; i < n; i++) {
    int found = 0;
    if (!ascii_word(lines[i].f[0], lines[i].len[0])) continue;
    for (k = 0; k < count && !found; k++)
      found = m[k].entry == index[i] && m[k].start == lines[i].start &&
              m[k].end == lines[i].start + lines[i].len[0];
    CHECK(found);
  }
  kiji_scan_free(s);
}

static void check_image(const kiji_dict *d) {
  kiji_dict *back = NULL;
  kiji_error err;
  void *copy = malloc(d->size);
  CHECK(copy != NULL);
  memcpy(copy, d->image, d->size);
  CHECK(kiji_dict_load_bytes(copy, d->size, &back, &err) == KIJI_OK);
  CHECK(kiji_dict_count(back) == kiji_dict_count(d));
  kiji_dict_free(back);
  free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static ref_line lines[MAX_LINES];
  static size_t index[MAX_LINES];
  const char *text = (const char *)data;
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  kiji_entry own;
  kiji_error err;
  kiji_status st;
  size_t n, nlines;
  int split = ref_split(text, size, lines, &nlines);
  CHECK(b != NULL);
  memset(&own, 0, sizeof own);
  own.surface = "kiji";
  own.surface_len = 4;
  own.kind = "own";
  CHECK(kiji_dict_builder_add(b, &own) == KIJI_OK);
  st = kiji_dict_builder_add_tsv(b, text, size, &err);
  CHECK(st == KIJI_OK || st == KIJI_EINVAL);
  CHECK(st == err.status);
  if (st == KIJI_EINVAL) {
    char prefix[32];
    CHECK(err.offset >= 1 && err.offset <= nlines);
    snprintf(prefix, sizeof prefix, "line %zu: ", err.offset);
    CHECK(strncmp(err.message, prefix, strlen(prefix)) == 0);
  }
  CHECK(kiji_dict_compile(b, &d) == KIJI_OK);
  if (st == KIJI_EINVAL) {
    CHECK(kiji_dict_count(d) == 1);
  } else if (split) {
    n = (size_t)split - 1;
    check_entries(d, lines, n, index);
    check_scan(d, text, size, lines, n, index);
  }
  check_image(d);
  kiji_dict_free(d);
  kiji_dict_builder_free(b);
  return 0;
}
