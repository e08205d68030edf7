/*
** test_compound_ends.c -- Japanese open bodies and papers found by the
** characters their heads end with (open_mentions.c's by_word_ends) are
** those the walk over every compound finds. A caller's word of the same
** classes that ends with a character of other than three bytes sends the
** annotator back to the walk (word_ends.h): the two annotators must give
** the same JSON for every text, the fixtures and texts of our own whose
** compounds start or end at a sentence's edges, next to ASCII, a
** character of four bytes, 々 or ー.
*/
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "kiji.h"
#include "tap.h"

#define FIXTURES "tests/fixtures/annotate/ja"

/* Words that no text below holds, each ending with no kana or kanji. */
static const char walk_tsv[] =
    "本部Q\tword\t\t\tsubtype=body_suffix_ja\n"
    "新聞Q\tword\t\t\tsubtype=paper_suffix\n";

static const char *const texts[] = {
    "政府の行政改革推進室は否定した。ボルドー・クーリエ紙によると、日米防衛当局は協議した。",
    "防衛省は否定した。中国国防部の報道官は「事実無根だ」と述べた。",
    "国家安全保障局", /* a compound that is the whole sentence */
    "abc国家安全保障局によると",
    "\xF0\xA0\xAE\x9F国家安全保障局は発表した。", /* a kanji of four bytes first */
    "国々の防衛当局、各省庁、同局、一部、中国北部。",
    "スポーツ紙とケニア紙とマリタイム・タイムズ紙は報じた。",
    "サイバー防衛隊本部は\n行政改革推進室と協議した",
    "ＡＢＣ国防総省は、米国防総省の発表を否定した。",
    "部。局。省庁は。紙。",
    "サイバー防衛隊本部は行政改革推進本部と国家安全保障局と協議した。",
};

/* Whether a and b annotate text alike (their JSON). */
static int same_json(kiji_annotator *a, kiji_annotator *b, kiji_doc *da, kiji_doc *db,
                     const char *text, size_t len) {
  size_t la, lb;
  const char *ja, *jb;
  if (kiji_annotate(a, da, text, len, NULL) != KIJI_OK ||
      kiji_annotate(b, db, text, len, NULL) != KIJI_OK)
    return 0;
  ja = kiji_doc_json(da, "t", 1, &la);
  jb = kiji_doc_json(db, "t", 1, &lb);
  return ja != NULL && jb != NULL && la == lb && memcmp(ja, jb, la) == 0;
}

static int has_mention(const kiji_doc *doc, const char *text, const char *want) {
  size_t n, i;
  const kiji_mention *m = kiji_doc_mentions(doc, &n);
  for (i = 0; i < n; i++)
    if (m[i].span.end - m[i].span.start == strlen(want) &&
        memcmp(text + m[i].span.start, want, strlen(want)) == 0)
      return 1;
  return 0;
}

int main(void) {
  tap t = {0, 0};
  kiji_error err;
  kiji_dict_builder *bld = kiji_dict_builder_new();
  kiji_dict *d = NULL;
  const kiji_dict *extra[1];
  kiji_annotator *fast = kiji_annotator_new(NULL, 0, &err), *walk = NULL;
  kiji_doc *df = kiji_doc_new(), *dw = kiji_doc_new();
  size_t i, n = 0, same = 0;
  DIR *dir;
  struct dirent *de;
  if (bld && kiji_dict_builder_add_tsv(bld, walk_tsv, sizeof walk_tsv - 1, &err) == KIJI_OK &&
      kiji_dict_compile(bld, &d) == KIJI_OK) {
    extra[0] = d;
    walk = kiji_annotator_new(extra, 1, &err);
  }
  if (!tap_ok(&t, fast && walk && df && dw,
              "two annotators: by the heads' last characters, by walk"))
    return tap_done(&t);
  for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
    tap_ok(&t, same_json(fast, walk, df, dw, texts[i], strlen(texts[i])), "alike: text %zu", i);
  tap_ok(&t,
         same_json(fast, walk, df, dw, texts[0], strlen(texts[0])) &&
             has_mention(df, texts[0], "行政改革推進室") &&
             has_mention(df, texts[0], "ボルドー・クーリエ紙") &&
             has_mention(df, texts[0], "日米防衛当局") &&
             same_json(fast, walk, df, dw, texts[10], strlen(texts[10])) &&
             has_mention(df, texts[10], "行政改革推進本部"),
         "the open bodies and the paper are found");
  if ((dir = opendir(FIXTURES)) != NULL) {
    while ((de = readdir(dir)) != NULL) {
      static char text[1 << 16]; /* (a fixture is a few KB) */
      char path[512];
      size_t l = strlen(de->d_name), len;
      FILE *fp;
      if (l < 5 || strcmp(de->d_name + l - 4, ".txt") != 0) continue;
      snprintf(path, sizeof path, "%s/%s", FIXTURES, de->d_name);
      if ((fp = fopen(path, "rb")) == NULL) continue;
      len = fread(text, 1, sizeof text, fp);
      fclose(fp);
      n++;
      if (same_json(fast, walk, df, dw, text, len))
        same++;
      else
        printf("# differs: %s\n", de->d_name);
    }
    closedir(dir);
  }
  tap_ok(&t, n > 0 && same == n, "alike: the Japanese fixtures (%zu of %zu)", same, n);
  kiji_doc_free(df);
  kiji_doc_free(dw);
  kiji_annotator_free(fast);
  kiji_annotator_free(walk);
  kiji_dict_free(d);
  kiji_dict_builder_free(bld);
  return tap_done(&t);
}
