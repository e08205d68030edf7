/*
** test_memory.c -- the memory of one large document: linked with
** alloc_count.c instead of plugin/base/alloc.c (see the Makefile), so that
** every byte kiji and ICU hold is counted. One document of DOC_BYTES (the
** fixture articles of a language, dense in officials, outlets and denials,
** joined by blank lines over and over) annotated in one kiji_annotate call
** on a fresh kiji_doc may hold at most MAX_PER_BYTE bytes more at its peak
** than before the call, per input byte: the records it returns (about 2
** bytes per byte of these articles) and the view of the text, not the
** lexicon's hits of the whole text (issue 14). The same call again on the
** same kiji_doc reuses its buffers (all but the sentence finder's spans,
** which a large text gives back: see annotate.c). Counted bytes, not time.
** Then batches: one short text after another, each its own batch (as
** `kiji annotate` reads a pipe), finds the docs of the one before warm,
** and a batch of a large text gives its doc back to the allocator.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uclean.h>

#include "alloc_count.h"
#include "kiji.h"
#include "tap.h"

#define DOC_BYTES ((size_t)8000000)
#define MAX_PER_BYTE 4.0
#define MAX_AGAIN_PER_BYTE 0.5

static int is_txt(const struct dirent *e) {
  size_t n = strlen(e->d_name);
  return n > 4 && strcmp(e->d_name + n - 4, ".txt") == 0;
}

/* The articles of dir joined by blank lines, over and over, to size
** bytes (cut at a line end); NULL when none can be read. */
static char *build_doc(const char *dir, size_t size, size_t *len) {
  struct dirent **names;
  char path[4096], *doc = malloc(size + 1), *art = NULL;
  size_t n = 0, alen = 0, cap = 0;
  int k, count = scandir(dir, &names, is_txt, alphasort);
  if (doc == NULL || count <= 0) return free(doc), NULL;
  for (k = 0; k < count; k++) { /* every article once, then the whole again */
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", dir, names[k]->d_name);
    free(names[k]);
    if ((f = fopen(path, "rb")) == NULL) continue;
    for (;;) {
      size_t got;
      if (alen + 4096 + 2 > cap) {
        char *na = realloc(art, cap = (alen + 4096 + 2) * 2);
        if (na == NULL) break;
        art = na;
      }
      if ((got = fread(art + alen, 1, 4096, f)) == 0) break;
      alen += got;
    }
    fclose(f);
    art[alen++] = '\n';
    art[alen++] = '\n';
  }
  free(names);
  while (art != NULL && alen > 0 && n + alen <= size) {
    memcpy(doc + n, art, alen);
    n += alen;
  }
  free(art);
  if (n == 0) return free(doc), NULL;
  doc[n] = '\0';
  *len = n;
  return doc;
}

static void one_language(tap *t, const kiji_annotator *a, const char *lang) {
  char dir[64];
  size_t len = 0, before, count;
  double per_byte;
  char *text;
  kiji_doc *doc;
  snprintf(dir, sizeof dir, "tests/fixtures/annotate/%s", lang);
  if (!tap_ok(t, (text = build_doc(dir, DOC_BYTES, &len)) != NULL, "%s: the fixture articles", dir))
    return;
  doc = kiji_doc_new();
  before = ac.live;
  ac_mark();
  if (tap_ok(t, doc != NULL && kiji_annotate(a, doc, text, len, NULL) == KIJI_OK,
             "%s: one document of %zu bytes annotated", lang, len)) {
    per_byte = (double)(ac.peak - before) / (double)len;
    kiji_doc_mentions(doc, &count);
    tap_ok(t, per_byte <= MAX_PER_BYTE && count > len / 1000,
           "%s: its peak is %.2f bytes per input byte more than before the call (at most %.1f; "
           "%zu mentions)",
           lang, per_byte, MAX_PER_BYTE, count);
    before = ac.live;
    ac_mark();
    tap_ok(t, kiji_annotate(a, doc, text, len, NULL) == KIJI_OK, "%s: the same call again", lang);
    per_byte = (double)(ac.peak - before) / (double)len;
    tap_ok(t, per_byte <= MAX_AGAIN_PER_BYTE,
           "%s: which reuses the document's buffers: %.2f bytes per input byte more than they "
           "held (at most %.1f)",
           lang, per_byte, MAX_AGAIN_PER_BYTE);
  }
  kiji_doc_free(doc);
  free(text);
}

static int ignore(void *ud, size_t index, kiji_status st, kiji_doc *doc) {
  (void)ud, (void)index, (void)doc;
  return st != KIJI_OK;
}

/* What a batch of the one text asked the allocator for, and held after it. */
static size_t batch_asks(const kiji_annotator *a, const char *text, size_t len, size_t *held) {
  size_t asks = ac.asks;
  kiji_str s;
  s.ptr = text;
  s.len = len;
  if (kiji_annotate_batch(a, &s, 1, NULL, 0, 1, ignore, NULL) != KIJI_OK) return (size_t)-1;
  *held = ac.live;
  return ac.asks - asks;
}

static void batches(tap *t, const kiji_annotator *a) {
  size_t len, big_len, first, again, held, held_before;
  char *text = build_doc("tests/fixtures/annotate/en", 30000, &len);
  char *big = build_doc("tests/fixtures/annotate/en", 2000000, &big_len);
  if (tap_ok(t, text != NULL && big != NULL, "batches: the fixture articles")) {
    first = batch_asks(a, text, len, &held);
    again = batch_asks(a, text, len, &held);
    tap_ok(t, first != (size_t)-1 && again * 4 < first,
           "a batch of %zu bytes after another asks for %zu blocks, the first %zu: "
           "its doc was kept warm",
           len, again, first);
    held_before = held;
    first = batch_asks(a, big, big_len, &held);
    tap_ok(t, first != (size_t)-1 && held < held_before,
           "a batch of %zu bytes keeps no doc: %zu bytes held after it, %zu before", big_len, held,
           held_before);
  }
  free(text);
  free(big);
}

int main(void) {
  tap t = {0, 0};
  kiji_error err;
  kiji_annotator *a;
  if (!tap_ok(&t, ac_install_icu(), "ICU's heap goes through the counting allocator"))
    return tap_done(&t);
  a = kiji_annotator_new(NULL, 0, &err);
  if (tap_ok(&t, a != NULL, "an annotator")) {
    one_language(&t, a, "en");
    one_language(&t, a, "ja");
    batches(&t, a);
  }
  kiji_annotator_free(a);
  u_cleanup(); /* ICU's caches */
  tap_ok(&t, ac.live == 0, "every byte given back (%zu held)", ac.live);
  return tap_done(&t);
}
