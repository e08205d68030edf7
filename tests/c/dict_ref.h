/*
** dict_ref.h -- a brute-force reference for the dictionary scan, shared by
** tests/c/test_dict.c and tests/fuzz/fuzz_dict_scan.c.
**
** It finds matches the slow, obvious way, from the rules in plugin/dict/dict.h:
** every key at every offset of the normalized text, the boundary and case
** rules on the original text, offsets through kiji_map_origin; then qsort
** and a greedy pass. Nothing in it comes from the automaton, the map
** cursor or the sorting of dict_scan.c.
**
** Its entries are the dictionary's, entry for entry: ref_entry_add takes
** each entry given to the builder and keeps what the builder keeps (kiji.h),
** so that ref_match.entry is the dictionary's entry index.
*/
#ifndef KIJI_DICT_REF_H
#define KIJI_DICT_REF_H

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "kiji.h"
#include "base/utf8.h"

#define REF_FORM_MAX 1024

typedef struct ref_entry {
  char surface[REF_FORM_MAX], key[REF_FORM_MAX], exact[REF_FORM_MAX];
  size_t surface_len, key_len, exact_len;
  const char *kind;
  unsigned flags;
} ref_entry;

typedef struct ref_match {
  size_t os, oe, ns, ne, entry;
} ref_match;

/* A letter, digit or mark, but not of a script written without spaces. */
static int ref_word(int32_t c) {
  static const int32_t unspaced[][2] = {
      {0x0E00, 0x0EFF},   {0x0F00, 0x0FFF},   {0x1000, 0x109F},   {0x1780, 0x17FF},
      {0x2E80, 0x2FDF},   {0x3000, 0x30FF},   {0x3100, 0x312F},   {0x3190, 0x31BF},
      {0x31F0, 0x31FF},   {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xA000, 0xA4CF},
      {0xF900, 0xFAFF},   {0xFF61, 0xFF9F},   {0x16FE2, 0x16FE3}, {0x16FF0, 0x16FF1},
      {0x1AFF0, 0x1AFFF}, {0x1B000, 0x1B16F}, {0x20000, 0x323AF}};
  size_t i;
  if (c < 0) return 0;
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: break;
    default: return 0;
  }
  for (i = 0; i < sizeof unspaced / sizeof unspaced[0]; i++)
    if (c >= unspaced[i][0] && c <= unspaced[i][1]) return 0;
  return 1;
}

/* The character that starts at (ends at) a byte offset, or -1. */
static int32_t ref_char_at(const char *s, size_t len, size_t at) {
  size_t l;
  return kiji_utf8_decode((const unsigned char *)s + at, len - at, &l);
}

static int32_t ref_char_before(const char *s, size_t at) {
  size_t i, l;
  for (i = 1; i <= 4 && i <= at; i++) {
    int32_t c = kiji_utf8_decode((const unsigned char *)s + at - i, i, &l);
    if (c >= 0 && l == i) return c;
  }
  return -1;
}

/* The match form of s (without case folding unless fold) into out; its
** length (which may exceed cap: then out holds the start), or (size_t)-1
** when s is not valid UTF-8. */
static size_t ref_form(kiji_norm *n, const char *s, size_t len, int fold, char *out, size_t cap) {
  kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
  const char *p;
  size_t l;
  o.map = 0;
  o.invalid = KIJI_INVALID_ERROR;
  if (!fold) o.casefold = 0;
  if (kiji_normalize(n, s, len, &o) != KIJI_OK) return (size_t)-1;
  p = kiji_norm_text(n, &l);
  memcpy(out, p, l < cap ? l : cap);
  return l;
}

/* What the builder should make of a surface: 0 when it must refuse it
** (invalid UTF-8, empty once normalized), -1 when it is too long for the
** reference, 1 otherwise. */
static int ref_entry_set(ref_entry *re, kiji_norm *n, const char *surface, size_t len,
                         unsigned flags) {
  re->flags = flags;
  re->key_len = ref_form(n, surface, len, 1, re->key, sizeof re->key);
  re->exact_len = ref_form(n, surface, len, 0, re->exact, sizeof re->exact);
  if (re->key_len == (size_t)-1 || re->key_len == 0) return 0;
  return re->key_len <= sizeof re->key && re->exact_len <= sizeof re->exact ? 1 : -1;
}

/*
** An entry given to the builder (surface, kind, flags; no id, no payload),
** added to the reference's entries ents[0, *n) as the builder adds it:
** 0 when the builder must refuse it (invalid UTF-8, empty once normalized);
** -1 when it is too long for the reference (give it to neither); 1 when it
** is a new entry, ents[*n - 1]; 2 when it equals an earlier one in every
** field, which the builder holds once (kiji.h: it adds nothing and gives
** KIJI_OK), so that *n stays. ents must have room for *n + 1.
*/
static int ref_entry_add(ref_entry *ents, size_t *n, kiji_norm *norm, const char *surface,
                         size_t len, const char *kind, unsigned flags) {
  ref_entry *re = &ents[*n];
  size_t k;
  int r;
  if (len > sizeof re->surface) return -1;
  if ((r = ref_entry_set(re, norm, surface, len, flags)) != 1) return r;
  for (k = 0; k < *n; k++)
    if (ents[k].surface_len == len && ents[k].flags == flags && strcmp(ents[k].kind, kind) == 0 &&
        (len == 0 || memcmp(ents[k].surface, surface, len) == 0))
      return 2;
  if (len) memcpy(re->surface, surface, len);
  re->surface_len = len;
  re->kind = kind;
  (*n)++;
  return 1;
}

static int ref_cmp_all(const void *x, const void *y) {
  const ref_match *a = x, *b = y;
  if (a->os != b->os) return a->os < b->os ? -1 : 1;
  if (a->oe != b->oe) return a->oe < b->oe ? -1 : 1;
  if (a->ns != b->ns) return a->ns < b->ns ? -1 : 1;
  if (a->ne != b->ne) return a->ne < b->ne ? -1 : 1;
  return a->entry < b->entry ? -1 : a->entry > b->entry;
}

/* Every match (at most cap; the count may exceed it). */
static size_t ref_candidates(const ref_entry *ents, size_t ne, const char *text, size_t len,
                             ref_match *out, size_t cap) {
  kiji_norm *n = kiji_norm_new(), *m = kiji_norm_new();
  const char *norm;
  const kiji_map *map;
  size_t nlen, e, i, k = 0;
  char *span = malloc(REF_FORM_MAX);
  kiji_normalize(n, text, len, NULL);
  norm = kiji_norm_text(n, &nlen);
  map = kiji_norm_map(n);
  for (e = 0; e < ne; e++) {
    const ref_entry *re = &ents[e];
    int32_t first = ref_char_at(re->key, re->key_len, 0);
    int32_t last = ref_char_before(re->key, re->key_len);
    int word = !(re->flags & KIJI_ENTRY_NO_WORD), force = (re->flags & KIJI_ENTRY_WORD) != 0;
    int need_l = word && (force || ref_word(first)), need_r = word && (force || ref_word(last));
    for (i = 0; i + re->key_len <= nlen; i++) {
      size_t os, oe, j = i + re->key_len;
      if (memcmp(norm + i, re->key, re->key_len) != 0) continue;
      if (kiji_utf8_is_cont((unsigned char)norm[i])) continue;
      if (j < nlen && kiji_utf8_is_cont((unsigned char)norm[j])) continue;
      kiji_map_origin(map, i, j, &os, &oe);
      if (need_l && os > 0 && ref_word(ref_char_before(text, os))) continue;
      if (need_r && oe < len && ref_word(ref_char_at(text, len, oe))) continue;
      if (re->flags & KIJI_ENTRY_EXACT_CASE) {
        kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
        const char *p;
        size_t l;
        o.casefold = 0;
        o.map = 0;
        kiji_normalize(m, text + os, oe - os, &o);
        p = kiji_norm_text(m, &l);
        if (l != re->exact_len || memcmp(p, re->exact, l) != 0) continue;
      }
      if (k < cap) {
        out[k].os = os;
        out[k].oe = oe;
        out[k].ns = i;
        out[k].ne = j;
        out[k].entry = e;
      }
      k++;
    }
  }
  free(span);
  kiji_norm_free(n);
  kiji_norm_free(m);
  return k;
}

/* ALL: the candidates sorted, in place. */
static size_t ref_all(ref_match *c, size_t n) {
  qsort(c, n, sizeof *c, ref_cmp_all);
  return n;
}

static int ref_cmp_longest(const void *x, const void *y) {
  const ref_match *a = x, *b = y;
  if (a->os != b->os) return a->os < b->os ? -1 : 1;
  if (a->oe != b->oe) return a->oe > b->oe ? -1 : 1;
  if (a->ne - a->ns != b->ne - b->ns) return a->ne - a->ns > b->ne - b->ns ? -1 : 1;
  if (a->ns != b->ns) return a->ns < b->ns ? -1 : 1;
  return a->entry < b->entry ? -1 : a->entry > b->entry;
}

/* LONGEST: the leftmost, then longest (original, then normalized)
** candidate, with every entry of its key; then the same among those that
** start at or after its end, and so on. c is sorted in place; out holds
** n. */
static size_t ref_longest(ref_match *c, size_t n, ref_match *out) {
  size_t k = 0, end = 0, i = 0, j;
  int any = 0;
  qsort(c, n, sizeof *c, ref_cmp_longest);
  while (i < n) {
    if (any && c[i].os < end) {
      i++;
      continue;
    }
    for (j = i; j < n && c[j].ns == c[i].ns && c[j].ne == c[i].ne; j++) out[k++] = c[j];
    end = c[i].oe;
    any = 1;
    i = j;
  }
  return k;
}

static int ref_same(const kiji_match *m, size_t n, const ref_match *r, size_t rn) {
  size_t i;
  if (n != rn) return 0;
  for (i = 0; i < n; i++)
    if (m[i].start != r[i].os || m[i].end != r[i].oe || m[i].entry != r[i].entry) return 0;
  return 1;
}

#endif
