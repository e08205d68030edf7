/*
** fuzz_dict_load.c -- libFuzzer target for kiji_dict_load_bytes: no image,
** however broken or crafted, may crash a load, a scan or an entry read.
**
** Input: byte 0 picks the mode, the rest drives it.
**   0 mod 3  the rest is an image as it is: almost always rejected (the
**            checksum), which exercises the header checks;
**   1 mod 3  the rest is patches (2 bytes offset, 1 byte xor) to the image
**            of a small built-in dictionary, whose checksum is then made
**            right again: only the structural checks stand between the
**            patched bytes and the scan;
**   2 mod 3  the built-in image cut at the length given by the next two
**            bytes: must be rejected.
** Whatever loads is used in full: every entry read (kind and id read to
** their NUL), texts scanned in both modes. ASan and UBSan watch.
**
** The built-in dictionary is static, as is usual in a fuzz target (one
** process, one input at a time); the library itself keeps no state.
**
** Build:     clang -fsanitize=fuzzer,address,undefined -Iinclude -Iplugin \
**              tests/fuzz/fuzz_dict_load.c plugin/{alloc,norm,norm_rules,offmap,status,\
**              unitab_data,dict_build,dict_file,dict_scan}.c -lutf8proc
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict/dict.h"
#include "kiji.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond)                                                                      \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      fprintf(stderr, "fuzz_dict_load: check failed at line %d: %s\n", __LINE__, #cond); \
      __builtin_trap();                                                                  \
    }                                                                                    \
  } while (0)

static const char *const SURFACES[] = {"NHK",        "AP",       "Japan",        "Japan Times",
                                       "Times",      "ガイアツ", "人民日報",     "strasse",
                                       "Kyodo News", "共同通信", "ＡＰＥＣ",     "New York Times",
                                       "平成",       "Asahi",    "asahi shimbun"};

static const char *const TEXTS[] = {
    "The Japan Times and AP said; ＮＨＫは「ガイアツ」を否定 APEC Asahikawa Asahi 2024人民日報",
    "new york times, New York Times: japan japan times ｔｉｍｅｓ ㍻ Kyodo News共同通信",
    "\xff\xfe broken \xe3\x81 AP\xe3\x80\x80\x61p Straße STRASSE asahi shimbun",
};

static kiji_dict *builtin(void) {
  static kiji_dict *d;
  kiji_dict_builder *b;
  size_t i;
  if (d) return d;
  b = kiji_dict_builder_new();
  for (i = 0; i < sizeof SURFACES / sizeof SURFACES[0]; i++) {
    kiji_entry e;
    memset(&e, 0, sizeof e);
    e.surface = SURFACES[i];
    e.surface_len = strlen(SURFACES[i]);
    e.kind = i % 3 ? "outlet" : "place";
    e.id = i % 2 ? "id" : NULL;
    e.flags = i % 4 == 1 ? KIJI_ENTRY_EXACT_CASE : i % 5 == 2 ? KIJI_ENTRY_NO_WORD : 0;
    e.payload = i % 3 == 0 ? "payload" : NULL;
    e.payload_len = i % 3 == 0 ? 7 : 0;
    CHECK(kiji_dict_builder_add(b, &e) == KIJI_OK);
  }
  CHECK(kiji_dict_compile(b, &d) == KIJI_OK);
  kiji_dict_builder_free(b);
  return d;
}

/* Use every part of a loaded dictionary. */
static void use(const kiji_dict *d) {
  static kiji_scan *s;
  size_t i, n, sum = 0;
  if (s == NULL) s = kiji_scan_new();
  for (i = 0; i < kiji_dict_count(d); i++) {
    kiji_entry e;
    if (kiji_dict_entry(d, i, &e) != KIJI_OK) continue;
    sum += e.surface_len ? (unsigned char)e.surface[e.surface_len - 1] : 0;
    sum += strlen(e.kind) + (e.id ? strlen(e.id) : 0);
    sum += e.payload_len ? (unsigned char)e.payload[e.payload_len - 1] : 0;
  }
  for (i = 0; i < sizeof TEXTS / sizeof TEXTS[0]; i++) {
    const kiji_match *m;
    size_t k;
    CHECK(kiji_dict_scan(d, s, TEXTS[i], strlen(TEXTS[i]), KIJI_SCAN_ALL) == KIJI_OK);
    m = kiji_scan_matches(s, &n);
    for (k = 0; k < n; k++)
      CHECK(m[k].start <= m[k].end && m[k].end <= strlen(TEXTS[i]) &&
            m[k].entry < kiji_dict_count(d));
    CHECK(kiji_dict_scan(d, s, TEXTS[i], strlen(TEXTS[i]), KIJI_SCAN_LONGEST) == KIJI_OK);
  }
  (void)sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  kiji_dict *d = NULL, *base = builtin();
  kiji_error err;
  unsigned char *img;
  size_t i;
  if (size < 1) return 0;
  switch (data[0] % 3) {
    case 0:
      img = malloc(size); /* a copy: the image the library sees is exactly size - 1 bytes */
      memcpy(img, data + 1, size - 1);
      if (kiji_dict_load_bytes(img, size - 1, &d, &err) == KIJI_OK)
        use(d);
      else
        CHECK(d == NULL && err.status == KIJI_EINVAL && err.message[0] != '\0');
      free(img);
      break;
    case 1:
      img = malloc(base->size);
      memcpy(img, base->image, base->size);
      for (i = 1; i + 3 <= size; i += 3)
        img[((size_t)data[i] << 8 | data[i + 1]) % base->size] ^= data[i + 2];
      ((dict_header *)img)->checksum = kiji_dict_checksum(img, base->size);
      if (kiji_dict_load_bytes(img, base->size, &d, &err) == KIJI_OK)
        use(d);
      else
        CHECK(d == NULL && err.message[0] != '\0');
      free(img);
      break;
    default: {
      size_t cut = size >= 3 ? ((size_t)data[1] << 8 | data[2]) % base->size : 0;
      img = malloc(cut + 1);
      memcpy(img, base->image, cut);
      CHECK(kiji_dict_load_bytes(img, cut, &d, &err) == KIJI_EINVAL && d == NULL);
      free(img);
      break;
    }
  }
  kiji_dict_free(d);
  return 0;
}
