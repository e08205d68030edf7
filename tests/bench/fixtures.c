/*
** fixtures.c -- fixture articles as benchmark input (fixtures.h).
*/
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixtures.h"

#define MAX_FILES 1024

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  long n;
  char *t = NULL;
  if (f == NULL) return NULL;
  if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
      (t = malloc((size_t)n + 1)) != NULL) {
    if (fread(t, 1, (size_t)n, f) == (size_t)n) {
      t[n] = '\0';
      *len = (size_t)n;
    } else {
      free(t);
      t = NULL;
    }
  }
  fclose(f);
  return t;
}

int kiji_bench_articles_load(const char *dir, kiji_bench_articles *a) {
  DIR *d = opendir(dir);
  struct dirent *e;
  char *names[MAX_FILES], path[4096];
  size_t nn = 0, i;
  int ok = 1;
  memset(a, 0, sizeof *a);
  if (d == NULL) return -1;
  while ((e = readdir(d)) != NULL && nn < MAX_FILES) {
    size_t l = strlen(e->d_name);
    if (l > 4 && strcmp(e->d_name + l - 4, ".txt") == 0 && (names[nn] = strdup(e->d_name))) nn++;
  }
  closedir(d);
  qsort(names, nn, sizeof *names, cmp_str);
  a->text = malloc((nn ? nn : 1) * sizeof *a->text);
  a->len = malloc((nn ? nn : 1) * sizeof *a->len);
  if (a->text == NULL || a->len == NULL) ok = 0;
  for (i = 0; i < nn; i++) {
    snprintf(path, sizeof path, "%s/%s", dir, names[i]);
    free(names[i]);
    if (ok && (a->text[a->n] = read_file(path, &a->len[a->n])) != NULL)
      a->n++;
    else
      ok = 0;
  }
  if (!ok || a->n == 0) {
    kiji_bench_articles_free(a);
    return -1;
  }
  return 0;
}

void kiji_bench_articles_free(kiji_bench_articles *a) {
  size_t i;
  for (i = 0; i < a->n; i++) free(a->text[i]);
  free(a->text);
  free(a->len);
  memset(a, 0, sizeof *a);
}

/* splitmix64: the same sequence on every platform */
static uint64_t next_random(uint64_t *s) {
  uint64_t z = (*s += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

char *kiji_bench_articles_join(const kiji_bench_articles *a, size_t size, size_t *len) {
  char *t = malloc(size + 1);
  size_t *order = a->n ? malloc(a->n * sizeof *order) : NULL;
  size_t n = 0, i = 0, k;
  uint64_t seed = 14;
  if (t == NULL || order == NULL) return free(t), free(order), NULL;
  for (k = 0; k < a->n; k++) order[k] = k;
  while (n < size) {
    size_t l, at;
    if (i == a->n) { /* a round done: the next in another order */
      for (k = a->n - 1; k > 0; k--) {
        size_t j = (size_t)(next_random(&seed) % (k + 1)), x = order[k];
        order[k] = order[j];
        order[j] = x;
      }
      i = 0;
    }
    at = order[i++];
    l = a->len[at];
    if (l > size - n) l = size - n;
    memcpy(t + n, a->text[at], l);
    n += l;
    if (n + 2 > size) break;
    t[n++] = '\n';
    t[n++] = '\n';
  }
  free(order);
  /* a cut inside a character moves back to its start */
  if (n == size && n > 0) {
    size_t c = n;
    while (c > 0 && ((unsigned char)t[c - 1] & 0xC0) == 0x80) c--;
    if (c > 0 && ((unsigned char)t[c - 1] & 0x80)) { /* t[c - 1] leads a sequence */
      unsigned char b = (unsigned char)t[c - 1];
      size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
      if (n - (c - 1) < need) n = c - 1;
    }
  }
  t[n] = '\0';
  *len = n;
  return t;
}
