/*
** corpus.h -- synthetic news corpora for the normalization benchmark.
**
** The text is generated from a vocabulary written in corpus.c with a
** fixed-seed PRNG, so every machine benchmarks the same bytes and no
** copyrighted text is needed. Most characters are ones normalization
** leaves alone; a few percent (typographic quotes and dashes, NBSP,
** full-width forms, half-width katakana, ideographic spaces...) are ones
** it changes, roughly as in real wire copy.
*/
#ifndef KIJI_BENCH_CORPUS_H
#define KIJI_BENCH_CORPUS_H

#include <stddef.h>

/* Every corpus is at least this many bytes (20 MiB). */
#define KIJI_BENCH_CORPUS_MIN ((size_t)20 << 20)

/*
** The corpus of lang ("en" or "ja"), read from its cache file in dir, or
** generated and cached there when the file is missing or short. On success
** returns 0 and *buf (malloc'd, NUL-terminated after *len bytes; the caller
** frees it). On failure returns -1 with errno set and *buf NULL.
*/
int kiji_bench_corpus(const char *dir, const char *lang, char **buf, size_t *len);

#endif
