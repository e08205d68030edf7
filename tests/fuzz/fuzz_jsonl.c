/*
** fuzz_jsonl.c -- libFuzzer target: the C reader of `kiji annotate
** --jobs` (plugin/lua/jsonl_read.c) on any line.
**
** The input is one line (any bytes: NUL, newlines inside, ill-formed
** UTF-8). The reader must stay inside it, and what it takes must hold
** together: a text no longer than its value, the members no longer than
** the room asked for, the same answers when asked twice. Whether it
** takes what lua-cjson takes is tests/spec/jsonl_records_spec.lua's
** business (lua-cjson is not linked here).
**
** Run:       make fuzz FUZZ_SECONDS=120   (or: sh tests/fuzz/run.sh fuzz_jsonl)
** Reproduce: build/fuzz/fuzz_jsonl crash-<sha1>
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lua/jsonl_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(int ok) {
  if (!ok) __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static const char *const names[] = {"kiji", "lang", "bytes", "_lang", "sentences", "date"};
  static jsonl_record r, again; /* (8 KB each: off the stack) */
  jsonl_names own;
  char *line = (char *)malloc(size ? size : 1), *out, *members;
  const char *text;
  size_t i, len, room, written;
  int taken;
  if (line == NULL) return 0;
  memcpy(line, data, size); /* (exactly size bytes: ASan sees a read past the line) */
  own.n = (int)(sizeof names / sizeof *names);
  for (i = 0; i < sizeof names / sizeof *names; i++) {
    own.name[i] = names[i];
    own.len[i] = strlen(names[i]);
  }
  taken = jsonl_read(line, size, &r);
  check(taken == jsonl_read(line, size, &again));
  if (taken) {
    check(!jsonl_blank(line, size) && r.text >= 0 && r.text < r.n && r.id < r.n);
    out = (char *)malloc(size);
    if (out != NULL) {
      text = jsonl_text(&r, out, &len);
      check(len + 2 <= r.m[r.text].value_len);
      check(text == out || memcmp(text, r.m[r.text].value + 1, len) == 0);
      free(out);
    }
    room = jsonl_members_room(&r, &own);
    members = (char *)malloc(room ? room : 1);
    if (members != NULL) {
      written = jsonl_members(&r, &own, members);
      check(written <= room && (written == 0) == (room == 0));
      free(members);
    }
  }
  free(line);
  return 0;
}
