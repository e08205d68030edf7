/*
** fuzz_dict_scan.c -- libFuzzer target for the dictionary scan: a random
** dictionary and a random text from the input, every result checked
** against the brute-force reference of tests/c/dict_ref.h.
**
** Input: byte 0: bits 0-2 the number of entries - 1, bits 3-5 a seed for
** their flags, bits 6-7 both set: "repeat the text to at least 17 KB"
** (the scan splits texts between four lanes, from 256 bytes). Then the entries' surfaces, each ended
** by a newline (any bytes: invalid UTF-8, NUL), then the text. A violation
** of any of these stops the run with __builtin_trap():
**   - the builder accepts exactly the surfaces that are valid UTF-8 and
**     not empty once normalized, and holds an entry given twice once
**     (ref_entry_add keeps the reference's entries the same);
**   - kiji_dict_scan in ALL and LONGEST modes gives the reference's
**     matches, in order; kiji_dict_scan_normalized gives the same;
**   - the dictionary through a saved image (load_bytes) gives the same.
**
** Build:     clang -fsanitize=fuzzer,address,undefined -Iinclude -Iplugin \
**              tests/fuzz/fuzz_dict_scan.c plugin/{alloc,norm,norm_rules,offmap,status,\
**              unitab_data,dict_build,dict_file,dict_scan}.c -lutf8proc
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../c/dict_ref.h"
#include "dict/dict.h"
#include "kiji.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                      \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      fprintf(stderr, "fuzz_dict_scan: check failed at line %d: %s\n", __LINE__, #cond); \
      __builtin_trap();                                                                  \
    }                                                                                    \
  } while (0)

#define MAX_ENTRIES 8

static kiji_norm *norm;
static kiji_scan *scan;
static ref_entry ents[MAX_ENTRIES];

/* The scan of d in one mode equals the reference's candidates c (n). */
static void compare(const kiji_dict *d, const char *text, size_t len, kiji_scan_mode mode,
                    ref_match *c, size_t n) {
  ref_match *want = malloc((n + 1) * sizeof *want);
  const kiji_match *m;
  const char *nt;
  size_t k, nlen, got;
  if (mode == KIJI_SCAN_ALL) {
    memcpy(want, c, n * sizeof *c);
    k = ref_all(want, n);
  } else {
    k = ref_longest(c, n, want);
  }
  CHECK(kiji_dict_scan(d, scan, text, len, mode) == KIJI_OK);
  m = kiji_scan_matches(scan, &got);
  CHECK(ref_same(m, got, want, k));
  CHECK(kiji_normalize(norm, text, len, NULL) == KIJI_OK);
  nt = kiji_norm_text(norm, &nlen);
  CHECK(kiji_dict_scan_normalized(d, scan, text, len, nt, nlen, kiji_norm_map(norm), mode) ==
        KIJI_OK);
  m = kiji_scan_matches(scan, &got);
  CHECK(ref_same(m, got, want, k));
  free(want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const unsigned fl[] = {0,
                                KIJI_ENTRY_EXACT_CASE,
                                KIJI_ENTRY_WORD,
                                KIJI_ENTRY_NO_WORD,
                                KIJI_ENTRY_EXACT_CASE | KIJI_ENTRY_WORD,
                                0,
                                KIJI_ENTRY_EXACT_CASE | KIJI_ENTRY_NO_WORD};
  kiji_dict_builder *b;
  kiji_dict *d = NULL, *l = NULL;
  kiji_error err;
  const char *p = (const char *)data + 1, *end = (const char *)data + size;
  size_t want_entries, i, nents = 0, len, n;
  ref_match *c, *c2;
  char *text;
  if (size < 1) return 0;
  if (norm == NULL) {
    norm = kiji_norm_new();
    scan = kiji_scan_new();
  }
  want_entries = 1 + (data[0] & 7u);
  b = kiji_dict_builder_new();
  for (i = 0; i < want_entries && p < end; i++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    size_t sl = nl ? (size_t)(nl - p) : (size_t)(end - p);
    unsigned flags = fl[((data[0] >> 3 & 7u) + 3 * i) % 7];
    kiji_entry e;
    int r = sl > 256 ? -1 : ref_entry_add(ents, &nents, norm, p, sl, "k", flags);
    memset(&e, 0, sizeof e);
    e.surface = p;
    e.surface_len = sl;
    e.kind = "k";
    e.flags = flags;
    if (r >= 0) CHECK((kiji_dict_builder_add(b, &e) == KIJI_OK) == (r > 0));
    p += sl + (nl != NULL);
  }
  CHECK(kiji_dict_compile(b, &d) == KIJI_OK);
  CHECK(kiji_dict_count(d) == nents);
  kiji_dict_builder_free(b);
  len = (size_t)(end - p);
  text = malloc(17000 + 2 * len + 1);
  memcpy(text, p, len);
  if ((data[0] & 0xC0) == 0xC0 && len > 0)
    while (len < 17000) {
      memcpy(text + len, p, (size_t)(end - p));
      len += (size_t)(end - p);
    }
  n = ref_candidates(ents, nents, text, len, NULL, 0);
  c = malloc((n + 1) * sizeof *c);
  c2 = malloc((n + 1) * sizeof *c2);
  ref_candidates(ents, nents, text, len, c, n);
  memcpy(c2, c, n * sizeof *c);
  compare(d, text, len, KIJI_SCAN_ALL, c, n);
  compare(d, text, len, KIJI_SCAN_LONGEST, c, n);
  CHECK(kiji_dict_load_bytes(d->image, d->size, &l, &err) == KIJI_OK);
  compare(l, text, len, KIJI_SCAN_LONGEST, c2, n);
  kiji_dict_free(l);
  kiji_dict_free(d);
  free(c);
  free(c2);
  free(text);
  return 0;
}
