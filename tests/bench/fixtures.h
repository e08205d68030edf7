/*
** fixtures.h -- the project's fixture articles (the .txt files of
** tests/fixtures/annotate/en and /ja: news written for the tests, dense in
** officials, outlets and denials) as benchmark input: bench_annotate,
** bench_scale.
*/
#ifndef KIJI_BENCH_FIXTURES_H
#define KIJI_BENCH_FIXTURES_H

#include <stddef.h>

typedef struct kiji_bench_articles {
  char **text; /* each malloc'd and NUL-terminated */
  size_t *len;
  size_t n;
} kiji_bench_articles;

/* The *.txt files of dir, in name order: 0, or -1 when none can be read. */
int kiji_bench_articles_load(const char *dir, kiji_bench_articles *a);
void kiji_bench_articles_free(kiji_bench_articles *a);

/*
** The articles joined by blank lines, over and over, cut to at most size
** bytes on a character boundary: malloc'd, NUL-terminated, its length in
** *len; NULL when memory runs out. The first round is in name order, each
** later one in an order of its own (seeded: the same every run), so that
** the text has no period: parts of one long text a fixed distance apart
** (the lexicon scan's lanes) would otherwise read the same bytes at the
** same time whenever the distance fell on a multiple of the period, and
** run faster than on any real text.
*/
char *kiji_bench_articles_join(const kiji_bench_articles *a, size_t size, size_t *len);

#endif
