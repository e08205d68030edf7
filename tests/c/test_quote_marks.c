/*
** test_quote_marks.c -- quotes.c passes an English sentence with no ",
** no colon and no byte past ASCII by a test of its bytes, sixteen or eight
** at a time, before any search: the quotation (and "X said:") must be
** found wherever its mark lies in the sentence, at every offset of those
** blocks and of the bytes left after them.
*/
#include <stdio.h>
#include <string.h>

#include "kiji.h"
#include "tap.h"

#define PAD_MAX 40

static int quote_is(const kiji_doc *doc, const char *text, const char *want) {
  size_t n;
  const kiji_quote *q = kiji_doc_quotes(doc, &n);
  return n == 1 && q[0].text.end - q[0].text.start == strlen(want) &&
         memcmp(text + q[0].text.start, want, strlen(want)) == 0;
}

/* The text is annotated as English: a bracket's mark is past ASCII too. */
static void one(tap *t, kiji_annotator *a, kiji_doc *doc, const char *text, const char *want) {
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  o.lang = KIJI_LANG_EN;
  tap_ok(t, kiji_annotate(a, doc, text, strlen(text), &o) == KIJI_OK && quote_is(doc, text, want),
         "%s", text);
}

int main(void) {
  tap t = {0, 0};
  kiji_error err;
  kiji_annotator *a = kiji_annotator_new(NULL, 0, &err);
  kiji_doc *doc = kiji_doc_new();
  char text[256], pad[PAD_MAX + 1];
  int k;
  if (!tap_ok(&t, a != NULL && doc != NULL, "annotator and document")) return tap_done(&t);
  for (k = 0; k < PAD_MAX; k++) {
    memset(pad, 'x', (size_t)k);
    pad[k] = 0;
    /* the " at byte k + 1 of the sentence (after the padding word) */
    snprintf(text, sizeof text, "Tanaka %s said: \"We never discussed a visit.\"", pad);
    one(&t, a, doc, text, "We never discussed a visit.");
    /* a closing mark and nothing after it but the frame */
    snprintf(text, sizeof text, "\"We never discussed a visit,\" said Tanaka %s.", pad);
    one(&t, a, doc, text, "We never discussed a visit,");
    /* 「 」, three bytes past ASCII each */
    snprintf(text, sizeof text,
             "Tanaka %s said \xE3\x80\x8CWe never discussed a visit\xE3\x80\x82\xE3\x80\x8D", pad);
    one(&t, a, doc, text, "We never discussed a visit\xE3\x80\x82");
  }
  kiji_doc_free(doc);
  kiji_annotator_free(a);
  return tap_done(&t);
}
