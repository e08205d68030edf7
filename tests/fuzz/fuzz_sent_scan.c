/*
** fuzz_sent_scan.c -- libFuzzer target: kiji's sentence scanner
** (plugin/seg/sent_scan.c) gives ICU's boundaries on any bytes.
**
** The input is the text (any bytes: NUL, ill-formed UTF-8, any script).
** Both views of tests/c/sent_diff.h must agree, or the run stops with
** __builtin_trap(): the raw boundaries of the scanner against ICU's
** iterator over the whole text ("en@ss=standard" and "ja"), and the
** sentences of kiji_sentences under the news rules by the scanner against
** ICU alone (locales EN, JA, AUTO). plugin/seg/README.md lists the
** accepted differences: none, so every input is checked.
**
** The iterators and scratches are static, as usual in a fuzz target (one
** process, one input at a time); the library itself keeps no state.
**
** Run:       make fuzz FUZZ_SECONDS=120   (or: sh tests/fuzz/run.sh fuzz_sent_scan)
** Reproduce: build/fuzz/fuzz_sent_scan crash-<sha1>
*/
#include <stdint.h>
#include <stdio.h>

#include "../c/sent_diff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static sent_diff diff;
static int ready;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *what;
  size_t where;
  if (!ready) {
    if (!sent_diff_init(&diff)) __builtin_trap();
    ready = 1;
  }
  if (!sent_diff_all(&diff, (const char *)data, size, &what, &where)) {
    fprintf(stderr, "fuzz_sent_scan: %s differs at byte %zu\n", what, where);
    __builtin_trap();
  }
  return 0;
}
