/*
** test_sent_scan.c -- kiji's sentence scanner (plugin/seg/sent_scan.c)
** gives ICU's boundaries, and kiji_sentences the same sentences as with
** ICU's iterator over the whole text (sent_diff.h): on every fixture text,
** on the benchmark corpora (tests/bench/corpus.c, cached in
** $KIJI_BENCH_DIR, default $BUILD/bench), on hand-made cases of each rule
** and on random mixes of the pieces news text is made of. A difference is
** printed with its context. plugin/seg/README.md lists the accepted
** differences: none.
*/
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tap.h"
#include "sent_diff.h"
#include "../bench/corpus.h"

/* One check: the text agrees, or the difference is shown. */
static int agree(tap *t, sent_diff *d, const char *s, size_t len, const char *name) {
  const char *what;
  size_t where, a, b;
  int ok = sent_diff_all(d, s, len, &what, &where);
  if (!ok) {
    a = where > 40 ? where - 40 : 0;
    b = where + 40 < len ? where + 40 : len;
    printf("# %s: %s differs at %zu: [%.*s|%.*s]\n", name, what, where, (int)(where - a), s + a,
           (int)(b - where), s + where);
  }
  return tap_ok(t, ok, "%s (%zu bytes)", name, len);
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  long n;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
      (buf = malloc((size_t)n + 1)) != NULL && fread(buf, 1, (size_t)n, f) == (size_t)n)
    *len = (size_t)n;
  else {
    free(buf);
    buf = NULL;
  }
  fclose(f);
  return buf;
}

/* Every regular file of dir (not its subfolders). */
static void fixtures(tap *t, sent_diff *d, const char *dir) {
  DIR *dp = opendir(dir);
  struct dirent *e;
  int n = 0, bad = 0;
  if (dp == NULL) {
    tap_ok(t, 0, "%s: %s", dir, strerror(errno));
    return;
  }
  while ((e = readdir(dp)) != NULL) {
    char path[1024];
    struct stat st;
    size_t len;
    char *s;
    const char *what;
    size_t where;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || (s = slurp(path, &len)) == NULL) continue;
    n++;
    if (!sent_diff_all(d, s, len, &what, &where)) {
      bad++;
      agree(t, d, s, len, path);
    }
    free(s);
  }
  closedir(dp);
  tap_ok(t, n > 0 && bad == 0, "%s: %d files, %d differ", dir, n, bad);
}

/* The benchmark corpora, in 64 KB pieces cut at line breaks (a piece is
** a text of its own), and whole. */
static void corpora(tap *t, sent_diff *d) {
  static const char *const langs[] = {"en", "ja"};
  const char *dir = getenv("KIJI_BENCH_DIR"), *build = getenv("BUILD");
  char in_build[4096];
  int i;
  if (dir == NULL) { /* the build tree's, as make test names it */
    snprintf(in_build, sizeof in_build, "%s/bench", build && *build ? build : "build");
    dir = in_build;
  }
  mkdir(dir, 0777);
  for (i = 0; i < 2; i++) {
    char *buf, name[64];
    size_t len, p = 0;
    int pieces = 0, bad = 0;
    if (kiji_bench_corpus(dir, langs[i], &buf, &len) != 0) {
      tap_ok(t, 0, "corpus %s: %s", langs[i], strerror(errno));
      continue;
    }
    while (p < len) {
      size_t q = p + 65536 < len ? p + 65536 : len;
      const char *what;
      size_t where;
      while (q < len && buf[q - 1] != '\n') q++;
      pieces++;
      if (!sent_diff_all(d, buf + p, q - p, &what, &where) && bad++ < 3) {
        snprintf(name, sizeof name, "corpus %s piece at %zu", langs[i], p);
        agree(t, d, buf + p, q - p, name);
      }
      p = q;
    }
    tap_ok(t, bad == 0, "corpus %s: %d pieces, %d differ", langs[i], pieces, bad);
    snprintf(name, sizeof name, "corpus %s whole", langs[i]);
    agree(t, d, buf, len, name);
    free(buf);
  }
}

/* Hand-made cases: one for each thing the scanner decides or hands over. */
static void cases(tap *t, sent_diff *d) {
  static const char *const texts[] = {
      "He left. She stayed.",
      "Mr. Smith met Dr. Jones at 3 p.m. Friday. The U.S. Army said no.",
      "It was 3.5 percent. U.S.A. is big. e.g. this. I.e. that.",
      "\"Why now?\" she asked. \"Because!\" He went (home.) Then.",
      "Ends.) Next. ends.\" next one. 3. 4. a. b. A. B.",
      /* split where a hex escape would run on into the next letter */
      ("Line one\nline two.\r\nThree\rFour\xc2\x85"
       "Five\xe2\x80\xa8Six\xe2\x80\xa9Seven"),
      "政府は否定した。「事実はない。」と述べた。次の文！本当？はい。",
      "ｶﾀｶﾅ。漢字！？。。「引用」。（括弧）。\xe3\x80\x80全角空白。",
      "Combining e\xcc\x81. Next\xcc\x81. \xcc\x81Then. Soft\xc2\xad hy. BOM\xef\xbb\xbf. X.",
      "Bad \xff bytes. \xe3\x81 cut. \x80\x80 stray.\xf0\x9f. Ok.",
      "Georgia. Asia. pp. vs. Dept. Mr.Smith Ph.D. thesis. Ph.D. Holder.",
      "Dots... Then. ... and. Wait... what. One\xe2\x80\xa4 Two. Three\xef\xbc\x8e Four.",
      "A. b. C? d! E, f; G: (h) [I] \"J\" 'k' \xe2\x80\x9cL\xe2\x80\x9d.",
      "\t  Spaced.   Out.\t\tTabs.\xc2\xa0NBSP. \n\n\nEnd",
      "1.\t2.\n3.) 4.\" 5.' x",
      ".",
      "a.",
      " .",
      ". ",
      "!",
      "\n",
      "\r\n",
      "\r",
      /* ICU's filter walking to the start or end of the text, partials */
      ".X",
      "r. X",
      "S. X",
      "Hi! r. X",
      "Hi! S. X",
      "x S.A. Y",
      "x S.A.",
      "Lt.Cdr. Y",
      "Lt. Y",
      "a Ph. D",
      "U.S.A",
      "so U.S.",
      "so U.S. A",
      "go S.p.A. now",
      "At 9 a.m. Then",
      "A.M. Sun",
      "e\xcc\x81 Mr. X. Y\xcc\x81. Z",
      "\xef\xbb\xbfMr. X",
      "Q. Who? A. Me.",
      "Hon.B.A. Lee",
      "Mr.",
      "Mr. ",
      "U.S. ",
      "U.S.",
  };
  size_t i;
  for (i = 0; i < sizeof texts / sizeof *texts; i++) {
    char name[32];
    snprintf(name, sizeof name, "case %zu", i);
    agree(t, d, texts[i], strlen(texts[i]), name);
  }
}

/* Random mixes of news pieces, from a fixed seed. */
static void mixes(tap *t, sent_diff *d) {
  static const char *const pieces[] = {
      "word",
      "Word",
      "WORD",
      "a",
      "I",
      " ",
      "  ",
      ". ",
      ".",
      "! ",
      "?",
      "。",
      "！",
      "？",
      "、",
      "「",
      "」",
      "『",
      "』",
      "（",
      "）",
      "\"",
      "'",
      ")",
      "(",
      "]",
      ",",
      ";",
      ":",
      "-",
      "3",
      "42",
      "\n",
      "\n\n",
      "\r\n",
      "\r",
      "\xc2\x85",
      "\xe2\x80\xa8",
      "\xe2\x80\xa9",
      "\t",
      "\xc2\xa0",
      "\xe3\x80\x80",
      "Mr.",
      "Dr.",
      "U.S.",
      "U.S.A.",
      "Ph.D.",
      "a.m.",
      "p.m.",
      "No.",
      "Inc.",
      "Gen.",
      "Sept.",
      "S.",
      "A.",
      "Lt.Cdr.",
      "vs.",
      "pp.",
      "exec.",
      "漢字",
      "ひらがな",
      "カタカナ",
      "ｶﾅ",
      "\xcc\x81",
      "\xef\xbb\xbf",
      "\xc2\xad",
      "\xe2\x80\x8b",
      "\xff",
      "\xe3\x81",
      "\x80",
      "\xe2\x80\x9c",
      "\xe2\x80\x9d",
      "\xe2\x80\x99",
      "\xe2\x80\xa4",
      "\xef\xbc\x8e",
      "...",
      "Georgia",
      "ΑΒΓ",
      "αβγ",
      "\xd8\xa7\xd9\x84",
      "\xe0\xb8\x81",
      "\x00",
      "2024.2.1 09:30",
      "と述べた",
      "Mr. Smith",
      "U.S. ",
      "e.g. ",
      "i.e.",
  };
  enum { N = sizeof pieces / sizeof *pieces, ROUNDS = 20000 };
  uint64_t x = 0x9E3779B97F4A7C15u;
  char buf[4096];
  int r, bad = 0;
  for (r = 0; r < ROUNDS; r++) {
    size_t len = 0, k, n;
    const char *what;
    size_t where;
    x = x * 6364136223846793005u + 1442695040888963407u;
    n = 1 + (size_t)(x >> 58);
    for (k = 0; k < n; k++) {
      const char *p;
      size_t l;
      x = x * 6364136223846793005u + 1442695040888963407u;
      p = pieces[(x >> 33) % N];
      l = p[0] ? strlen(p) : 1; /* "\x00": one NUL byte */
      if (len + l > sizeof buf) break;
      memcpy(buf + len, p, l);
      len += l;
    }
    if (!sent_diff_all(d, buf, len, &what, &where) && bad++ < 5) {
      char name[32];
      snprintf(name, sizeof name, "mix %d", r);
      agree(t, d, buf, len, name);
    }
  }
  tap_ok(t, bad == 0, "%d random mixes, %d differ", ROUNDS, bad);
}

int main(void) {
  static const char *const dirs[] = {
      "tests/fixtures",      "tests/fixtures/annotate/en", "tests/fixtures/annotate/ja",
      "tests/fixtures/html", "tests/fixtures/pandoc",      "tests/fixtures/pandoc/expected",
      "tests/fuzz/corpus",
  };
  tap t = {0, 0};
  sent_diff d;
  size_t i;
  if (!tap_ok(&t, sent_diff_init(&d), "iterators, scanner data, segmenter")) {
    sent_diff_free(&d);
    return tap_done(&t);
  }
  cases(&t, &d);
  for (i = 0; i < sizeof dirs / sizeof *dirs; i++) fixtures(&t, &d, dirs[i]);
  mixes(&t, &d);
  corpora(&t, &d);
  sent_diff_free(&d);
  return tap_done(&t);
}
