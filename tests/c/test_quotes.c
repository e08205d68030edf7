/*
** test_quotes.c -- what quotes.c finds fast must be what it finds:
** - an English sentence with no ", no colon and no byte past ASCII is
**   passed by a test of its bytes, sixteen or eight at a time, before any
**   search: the quotation (and "X said:") must be found wherever its mark
**   lies in the sentence, at every offset of those blocks and of the
**   bytes left after them;
** - the verb after a Japanese quotation's と is read a character at a
**   time, as far as it is sought: a cue right after the と or up to four
**   characters on, a word of quote_verb_ja (in kana only right after it),
**   none past a mark or further on.
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

/* 防衛省は「事実ではない」と + between + verb + 。: the cue of its one
** quotation, or NULL for no quotation. */
static void japanese_verbs(tap *t, kiji_annotator *a, kiji_doc *doc) {
  static const struct {
    const char *between, *verb, *cue;
  } cases[] = {
      {"", "述べた", "述べた"},
      {"記者団に", "述べた", "述べた"},     /* four characters on */
      {"記者団に対", "述べた", NULL},       /* five */
      {"、", "述べた", NULL},               /* a mark between */
      {"明確に", "否定した", "明確に否定"}, /* the cue as the lexicon has it */
      {"", "断言した", "と断言した"},       /* a cue that holds its と */
      {"記者団に", "断言した", "断言した"},
      {"", "した", "した"}, /* quote_verb_ja right after the と */
      {"記", "した", "と記した"},
      {"記者", "した", NULL}, /* kana only right after it */
  };
  size_t i, n;
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char text[256];
    const kiji_quote *q;
    int ok;
    snprintf(text, sizeof text, "防衛省は「事実ではない」と%s%s。", cases[i].between,
             cases[i].verb);
    ok = kiji_annotate(a, doc, text, strlen(text), NULL) == KIJI_OK;
    q = kiji_doc_quotes(doc, &n);
    if (cases[i].cue == NULL)
      ok = ok && n == 0;
    else
      ok = ok && n == 1 && q[0].cue.start != KIJI_NONE &&
           q[0].cue.end - q[0].cue.start == strlen(cases[i].cue) &&
           memcmp(text + q[0].cue.start, cases[i].cue, strlen(cases[i].cue)) == 0;
    tap_ok(t, ok, "%s: %s", text, cases[i].cue ? cases[i].cue : "no quotation");
  }
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
  japanese_verbs(&t, a, doc);
  kiji_doc_free(doc);
  kiji_annotator_free(a);
  return tap_done(&t);
}
