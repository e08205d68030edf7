/*
** dict_build.c -- the dictionary builder and its compiler: entries in,
** one immutable image (dict.h) out.
**
** Compile sorts the keys, lays the trie out breadth-first straight from
** the sorted keys (the states of depth d are the distinct d-byte prefixes,
** in order), then computes failure and output links in that same order.
** No recursion: the queue is the state numbering itself.
*/
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "dict.h"
#include "base/script.h"
#include "base/utf8.h"

#define U32_LIMIT 0xFFFFFFFEu /* longest length and largest count kept */

/* The dense rows' budget: DENSE_PER_STATE bytes for each state of the
** automaton (about one per key byte), at most DENSE_MAX bytes in all,
** which keeps 10,000 generated names under 40 bytes of automaton per
** key byte (bench_dict). Measured on the built-in lexicon over news
** (80,443 states, 130 classes: a row is 260 bytes): 4 MB give 16,100
** rows and 86 % of the English steps on them, 5 MB 19,800 rows, 88 %
** and the scan 5 % faster (its lanes stall on the other steps); rows
** keep paying past that (8 MB, 32,000 rows: 14 % faster than 4 MB on
** 3 KB pieces of English) for a file 3 MB bigger, which the built-in
** lexicon takes (kiji_dict_compile_rows): its size is known, a user's
** dictionary's is not. */
#ifndef DENSE_PER_STATE
#define DENSE_PER_STATE 64
#endif
#ifndef DENSE_MAX
#define DENSE_MAX ((size_t)5 << 20)
#endif

/* An entry as added. Its bytes are one run of the pool: surface, id and
** its NUL (when there is an id), payload, exact form, key. */
typedef struct bent {
  size_t off;
  uint32_t surface_len, id_len, payload_len, exact_len, key_len;
  uint32_t kind;
  uint32_t flags;
  uint32_t hash; /* entry_hash, for the table of duplicates */
} bent;

struct kiji_dict_builder {
  kiji_norm *norm;
  bent *ents;
  size_t nents, ents_cap;
  unsigned char *pool;
  size_t pool_len, pool_cap;
  dict_kind *kinds; /* offsets into kpool */
  size_t nkinds, kinds_cap;
  char *kpool;
  size_t kpool_len, kpool_cap;
  uint32_t *khash; /* open addressing: kind index + 1, 0 empty */
  size_t khash_cap;
  uint32_t *ehash; /* the entries, likewise: entry index + 1 */
  size_t ehash_cap, ehash_used;
  char err[160];
};

/* ------------------------------------------------------------ helpers */

int kiji_dict_word_char(int32_t c) {
  if (c < 0x80) return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
  /* scripts written without spaces between words: kanji, kana and the
  ** marks among Japanese punctuation (base/script.h), and these; first,
  ** as a table says it faster than utf8proc (a key next to Japanese) */
  if (kiji_is_japanese(c) || (c >= 0x0E00 && c <= 0x0EFF) || /* Thai, Lao */
      (c >= 0x0F00 && c <= 0x0FFF) ||                        /* Tibetan */
      (c >= 0x1000 && c <= 0x109F) ||                        /* Myanmar */
      (c >= 0x1780 && c <= 0x17FF) ||                        /* Khmer */
      (c >= 0x2E80 && c <= 0x2FDF) ||                        /* CJK radicals */
      (c >= 0x3100 && c <= 0x312F) ||                        /* Bopomofo */
      (c >= 0x3190 && c <= 0x31BF) ||                        /* Kanbun, Bopomofo extended */
      (c >= 0xA000 && c <= 0xA4CF))                          /* Yi */
    return 0;
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO: return 1;
    default: return 0;
  }
}

static kiji_status berr(kiji_dict_builder *b, kiji_status st, const char *msg) {
  snprintf(b->err, sizeof b->err, "%s", msg);
  return st;
}

static int reserve_pool(kiji_dict_builder *b, size_t more) {
  if (more > ((size_t)-1) - b->pool_len) return 0;
  return kiji_grow((void **)&b->pool, &b->pool_cap, b->pool_len + more, 1);
}

static void put_pool(kiji_dict_builder *b, const void *p, size_t n) {
  if (n) memcpy(b->pool + b->pool_len, p, n);
  b->pool_len += n;
}

static uint32_t hash_str(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 16777619u;
  return h;
}

static int rehash_kinds(kiji_dict_builder *b, size_t cap) {
  uint32_t *t = kiji_alloc(cap * sizeof *t);
  size_t i;
  if (t == NULL) return 0;
  memset(t, 0, cap * sizeof *t);
  for (i = 0; i < b->nkinds; i++) {
    size_t h = hash_str(b->kpool + b->kinds[i].off, b->kinds[i].len) & (cap - 1);
    while (t[h]) h = (h + 1) & (cap - 1);
    t[h] = (uint32_t)i + 1;
  }
  kiji_dealloc(b->khash);
  b->khash = t;
  b->khash_cap = cap;
  return 1;
}

/* The index of kind (interned on first sight); -1 when out of memory. */
static long intern_kind(kiji_dict_builder *b, const char *kind, size_t n) {
  size_t h;
  if (2 * (b->nkinds + 1) > b->khash_cap && !rehash_kinds(b, b->khash_cap ? 2 * b->khash_cap : 64))
    return -1;
  h = hash_str(kind, n) & (b->khash_cap - 1);
  for (; b->khash[h]; h = (h + 1) & (b->khash_cap - 1)) {
    const dict_kind *k = &b->kinds[b->khash[h] - 1];
    if (k->len == n && memcmp(b->kpool + k->off, kind, n) == 0) return (long)b->khash[h] - 1;
  }
  if (!kiji_grow((void **)&b->kinds, &b->kinds_cap, b->nkinds + 1, sizeof *b->kinds) ||
      !kiji_grow((void **)&b->kpool, &b->kpool_cap, b->kpool_len + n + 1, 1))
    return -1;
  memcpy(b->kpool + b->kpool_len, kind, n + 1);
  b->kinds[b->nkinds].off = (uint32_t)b->kpool_len;
  b->kinds[b->nkinds].len = (uint32_t)n;
  b->kpool_len += n + 1;
  b->khash[h] = (uint32_t)++b->nkinds;
  return (long)b->nkinds - 1;
}

/* ------------------------------------------------------------ builder */

kiji_dict_builder *kiji_dict_builder_new(void) {
  kiji_dict_builder *b = kiji_alloc(sizeof *b);
  if (b == NULL) return NULL;
  memset(b, 0, sizeof *b);
  b->norm = kiji_norm_new();
  if (b->norm == NULL) {
    kiji_dealloc(b);
    return NULL;
  }
  return b;
}

void kiji_dict_builder_free(kiji_dict_builder *b) {
  if (b == NULL) return;
  kiji_norm_free(b->norm);
  kiji_dealloc(b->ents);
  kiji_dealloc(b->pool);
  kiji_dealloc(b->kinds);
  kiji_dealloc(b->kpool);
  kiji_dealloc(b->khash);
  kiji_dealloc(b->ehash);
  kiji_dealloc(b);
}

const char *kiji_dict_builder_error(const kiji_dict_builder *b) {
  return b ? b->err : "no builder";
}

size_t kiji_dict_builder_count(const kiji_dict_builder *b) { return b->nents; }

/* Entries are appended to the pool one after another, so the first one
** dropped starts where the pool goes back to. */
void kiji_dict_builder_truncate(kiji_dict_builder *b, size_t count) {
  if (count >= b->nents) return;
  b->pool_len = b->ents[count].off;
  b->nents = count;
}

/* Normalize the surface into the pool (fold: the match form; else the
** match form without case folding); its length in *len. */
static kiji_status put_form(kiji_dict_builder *b, const kiji_entry *e, int fold, uint32_t *len) {
  kiji_norm_options o = KIJI_NORM_OPTIONS_INIT;
  const char *t;
  size_t n;
  kiji_status st;
  o.map = 0;
  o.invalid = KIJI_INVALID_ERROR;
  if (!fold) o.casefold = 0;
  st = kiji_normalize(b->norm, e->surface, e->surface_len, &o);
  if (st == KIJI_EUTF8) {
    snprintf(b->err, sizeof b->err, "surface is not valid UTF-8 (byte %zu)",
             kiji_norm_error_offset(b->norm));
    return KIJI_EINVAL;
  }
  if (st != KIJI_OK) return berr(b, st, kiji_norm_error(b->norm));
  t = kiji_norm_text(b->norm, &n);
  if (n == 0) return berr(b, KIJI_EINVAL, "surface is empty once normalized");
  if (n > DICT_MAX_KEY) return berr(b, KIJI_ETOOBIG, "surface too long (16 MB once normalized)");
  if (!reserve_pool(b, n)) return berr(b, KIJI_ENOMEM, "out of memory");
  put_pool(b, t, n);
  *len = (uint32_t)n;
  return KIJI_OK;
}

/* Whether the key's first (last) character is a word character. */
static unsigned word_ends(const unsigned char *k, size_t n) {
  size_t l, i = n;
  unsigned need = 0;
  int32_t c = kiji_utf8_decode(k, n, &l);
  if (c >= 0 && kiji_dict_word_char(c)) need |= DICT_NEED_LEFT;
  while (i > 0 && kiji_utf8_is_cont(k[i - 1])) i--;
  if (i > 0) i--;
  c = kiji_utf8_decode(k + i, n - i, &l);
  if (c >= 0 && kiji_dict_word_char(c)) need |= DICT_NEED_RIGHT;
  return need;
}

static kiji_status check_entry(kiji_dict_builder *b, const kiji_entry *e) {
  if (e == NULL) return berr(b, KIJI_EINVAL, "entry is NULL");
  if (e->surface == NULL && e->surface_len > 0) return berr(b, KIJI_EINVAL, "surface is NULL");
  if (e->kind == NULL || e->kind[0] == 0) return berr(b, KIJI_EINVAL, "kind is missing");
  if (e->payload == NULL && e->payload_len > 0) return berr(b, KIJI_EINVAL, "payload is NULL");
  if (e->flags & ~(unsigned)DICT_USER_FLAGS) return berr(b, KIJI_EINVAL, "unknown entry flags");
  if ((e->flags & KIJI_ENTRY_WORD) && (e->flags & KIJI_ENTRY_NO_WORD))
    return berr(b, KIJI_EINVAL, "flags word and no_word together");
  if (e->surface_len > U32_LIMIT || e->payload_len > U32_LIMIT || strlen(e->kind) > U32_LIMIT ||
      (e->id && strlen(e->id) > U32_LIMIT))
    return berr(b, KIJI_ETOOBIG, "entry too large");
  if (b->nents >= U32_LIMIT) return berr(b, KIJI_ETOOBIG, "too many entries");
  if (b->nkinds >= DICT_MAX_KINDS) return berr(b, KIJI_ETOOBIG, "too many kinds");
  return KIJI_OK;
}

/* ------------------------------------------------------------ duplicates */

/*
** An entry equal to one already added (surface, kind, id, flags and
** payload, byte for byte) is not added again: a list with 10^6 copies of
** a line would otherwise give 10^6 matches at every occurrence. A hash
** table of the entries finds the first copy; an index in it may be stale
** (kiji_dict_builder_truncate), which the comparison sees. Each entry
** keeps its hash, so that a probe reads the pool (a cache miss, in a
** large list) only for an entry that is likely the same, and a table
** grows without hashing anything again.
*/
static uint32_t fnv(uint32_t h, const void *p, size_t n) {
  const unsigned char *s = p;
  size_t i;
  for (i = 0; i < n; i++) h = (h ^ s[i]) * 16777619u;
  return h;
}

static uint32_t entry_hash(const kiji_entry *e) {
  uint32_t h = fnv(2166136261u, e->surface, e->surface_len);
  h = fnv(h ^ 1u, e->kind, strlen(e->kind) + 1);
  if (e->id) h = fnv(h ^ 2u, e->id, strlen(e->id) + 1);
  h = fnv(h ^ 3u, &e->flags, sizeof e->flags);
  return fnv(h ^ 4u, e->payload, e->payload_len);
}

/* Entry k as it was added (its strings in the pools). */
static kiji_entry added(const kiji_dict_builder *b, size_t k) {
  const bent *x = &b->ents[k];
  kiji_entry e;
  const char *p = (const char *)b->pool + x->off;
  e.surface = p;
  e.surface_len = x->surface_len;
  e.kind = b->kpool + b->kinds[x->kind].off;
  e.id = x->id_len == DICT_NO_ID ? NULL : p + x->surface_len;
  e.flags = x->flags & DICT_USER_FLAGS;
  e.payload = p + x->surface_len + (e.id ? x->id_len + 1 : 0);
  e.payload_len = x->payload_len;
  return e;
}

static int same_entry(const kiji_entry *x, const kiji_entry *e) {
  return x->surface_len == e->surface_len && x->flags == e->flags &&
         x->payload_len == e->payload_len && (x->id == NULL) == (e->id == NULL) &&
         strcmp(x->kind, e->kind) == 0 && (x->id == NULL || strcmp(x->id, e->id) == 0) &&
         (e->surface_len == 0 || memcmp(x->surface, e->surface, e->surface_len) == 0) &&
         (e->payload_len == 0 || memcmp(x->payload, e->payload, e->payload_len) == 0);
}

/* Whether e was added already; else *slot is where it goes. */
static int known_entry(const kiji_dict_builder *b, const kiji_entry *e, uint32_t h, size_t *slot) {
  size_t i, mask = b->ehash_cap - 1;
  for (i = h & mask; b->ehash[i]; i = (i + 1) & mask) {
    size_t k = b->ehash[i] - 1;
    kiji_entry x;
    if (k >= b->nents || b->ents[k].hash != h) continue;
    x = added(b, k);
    if (same_entry(&x, e)) return 1;
  }
  *slot = i;
  return 0;
}

/* Room in the table for `more` entries (rebuilt from the entries there are). */
static int reserve_ehash(kiji_dict_builder *b, size_t more) {
  size_t cap = b->ehash_cap ? b->ehash_cap : 64, k;
  uint32_t *t;
  if (more <= b->ehash_cap / 2 && b->ehash_used <= b->ehash_cap / 2 - more) return 1;
  if (more > ((size_t)-1) / 8 - b->nents) return 0;
  while (2 * (b->nents + more) > cap) cap *= 2;
  if (cap > ((size_t)-1) / sizeof *t || (t = kiji_alloc(cap * sizeof *t)) == NULL) return 0;
  memset(t, 0, cap * sizeof *t);
  for (k = 0; k < b->nents; k++) {
    size_t i = b->ents[k].hash & (cap - 1);
    while (t[i]) i = (i + 1) & (cap - 1);
    t[i] = (uint32_t)k + 1;
  }
  kiji_dealloc(b->ehash);
  b->ehash = t;
  b->ehash_cap = cap;
  b->ehash_used = b->nents;
  return 1;
}

int kiji_dict_builder_reserve(kiji_dict_builder *b, size_t count) {
  return kiji_grow((void **)&b->ents, &b->ents_cap, b->nents + count, sizeof *b->ents) &&
         reserve_ehash(b, count);
}

/*
** The pool takes the entry's bytes first, so a failure leaves the builder
** as it was: pool_len goes back, and the entry count moves last.
*/
kiji_status kiji_dict_builder_add(kiji_dict_builder *b, const kiji_entry *e) {
  bent *be;
  size_t mark, idl, slot;
  uint32_t h;
  long kind;
  kiji_status st;
  if (b == NULL) return KIJI_EINVAL;
  b->err[0] = 0;
  if ((st = check_entry(b, e)) != KIJI_OK) return st;
  if (!reserve_ehash(b, 1)) return berr(b, KIJI_ENOMEM, "out of memory");
  h = entry_hash(e);
  if (known_entry(b, e, h, &slot)) return KIJI_OK; /* added already */
  if (!kiji_grow((void **)&b->ents, &b->ents_cap, b->nents + 1, sizeof *b->ents))
    return berr(b, KIJI_ENOMEM, "out of memory");
  be = &b->ents[b->nents];
  mark = b->pool_len;
  idl = e->id ? strlen(e->id) : 0;
  if (!reserve_pool(b, e->surface_len + (e->id ? idl + 1 : 0) + e->payload_len))
    return berr(b, KIJI_ENOMEM, "out of memory");
  put_pool(b, e->surface, e->surface_len);
  if (e->id) put_pool(b, e->id, idl + 1);
  put_pool(b, e->payload, e->payload_len);
  be->exact_len = 0;
  if ((e->flags & KIJI_ENTRY_EXACT_CASE) && (st = put_form(b, e, 0, &be->exact_len)) != KIJI_OK)
    goto undo;
  if ((st = put_form(b, e, 1, &be->key_len)) != KIJI_OK) goto undo;
  if ((kind = intern_kind(b, e->kind, strlen(e->kind))) < 0) {
    st = berr(b, KIJI_ENOMEM, "out of memory");
    goto undo;
  }
  be->off = mark;
  be->surface_len = (uint32_t)e->surface_len;
  be->id_len = e->id ? (uint32_t)idl : DICT_NO_ID;
  be->payload_len = (uint32_t)e->payload_len;
  be->kind = (uint32_t)kind;
  be->flags = e->flags;
  if (!(e->flags & KIJI_ENTRY_NO_WORD))
    be->flags |= (e->flags & KIJI_ENTRY_WORD)
                     ? DICT_NEED_LEFT | DICT_NEED_RIGHT
                     : word_ends(b->pool + b->pool_len - be->key_len, be->key_len);
  be->hash = h;
  b->ehash[slot] = (uint32_t)b->nents + 1;
  b->ehash_used++;
  b->nents++;
  return KIJI_OK;
undo:
  b->pool_len = mark;
  return st;
}

/* ------------------------------------------------------------ sorting */

/* A sort item: 16 bytes of the key, big-endian, zero-padded (a digit),
** settle comparisons without touching the pool, where a read is a cache
** miss; sorted, they are the key's first 16 bytes, and give the trie
** most of its bytes. */
#define PREFIX 16

typedef struct sitem {
  uint64_t p[2];
  uint32_t ent, len;
} sitem;

typedef struct compiler {
  kiji_dict_builder *b;
  sitem *items; /* entries by key, then by index */
  size_t n;
  unsigned char *tails; /* key bytes past PREFIX, item after item */
  size_t *toff;         /* per item: where its tail starts */
  /* the trie, breadth-first */
  dict_state *st;
  uint8_t *label;
  uint32_t *lo, *hi; /* per state: its keys, as a range of items */
  uint32_t *term;    /* per state: how many entries have its key */
  uint32_t *depth;
  uint32_t *outs; /* entries of the keys, state by state */
  size_t nouts;
  size_t nstates, cap;
  uint32_t root[256];
  uint8_t cls[256];
  /* outputs */
  uint32_t *down; /* per state: nearest proper suffix with a key */
  size_t rows;    /* the rows' budget in bytes, or 0: the usual one */
} compiler;

static const unsigned char *key_of(const kiji_dict_builder *b, uint32_t ent) {
  const bent *e = &b->ents[ent];
  return b->pool + e->off + e->surface_len + (e->id_len == DICT_NO_ID ? 0 : e->id_len + 1) +
         e->payload_len + e->exact_len;
}

/* The digit number `level` of item it: key bytes [16 level, 16 level + 16). */
static void load_digit(const compiler *c, sitem *it, size_t level) {
  const unsigned char *k = key_of(c->b, it->ent);
  size_t at = level * PREFIX, j;
  uint64_t p[2] = {0, 0};
  for (j = 0; j < PREFIX; j++) p[j / 8] = p[j / 8] << 8 | (at + j < it->len ? k[at + j] : 0u);
  it->p[0] = p[0];
  it->p[1] = p[1];
}

/*
** The order of keys that agree before digit `level`: by that digit; when
** it ties, a key that ends in it comes before one that goes on (it is a
** prefix of the other: the padding is the other's bytes), two that end
** in it go by length (the shorter is a prefix of the other), and the
** entries of one key by index. Two keys that go on tie: the next digit
** settles them.
*/
static int item_cmp(const sitem *x, const sitem *y, size_t level) {
  size_t end = (level + 1) * PREFIX;
  int xon = x->len > end, yon = y->len > end;
  if (x->p[0] != y->p[0]) return x->p[0] < y->p[0] ? -1 : 1;
  if (x->p[1] != y->p[1]) return x->p[1] < y->p[1] ? -1 : 1;
  if (xon != yon) return xon - yon;
  if (xon) return 0;
  if (x->len != y->len) return x->len < y->len ? -1 : 1;
  return x->ent < y->ent ? -1 : x->ent > y->ent;
}

/* Bottom-up merge sort of a[0, n) by digit `level` (stable, no
** recursion), runs of 16 by insertion; t has room for n. Returns where
** the sorted items are: a or t. */
static sitem *sort_digit(sitem *a, sitem *t, size_t n, size_t level) {
  size_t w, i;
  sitem *tmp;
  for (i = 0; i < n; i += 16) {
    size_t end = i + 16 < n ? i + 16 : n, j, k;
    for (j = i + 1; j < end; j++) {
      sitem v = a[j];
      for (k = j; k > i && item_cmp(&a[k - 1], &v, level) > 0; k--) a[k] = a[k - 1];
      a[k] = v;
    }
  }
  for (w = 16; w < n; w *= 2) {
    for (i = 0; i < n; i += 2 * w) {
      size_t mid = i + w < n ? i + w : n, end = i + 2 * w < n ? i + 2 * w : n;
      size_t p = i, q = mid, k = i;
      while (p < mid && q < end) t[k++] = item_cmp(&a[q], &a[p], level) < 0 ? a[q++] : a[p++];
      while (p < mid) t[k++] = a[p++];
      while (q < end) t[k++] = a[q++];
    }
    tmp = a;
    a = t;
    t = tmp;
  }
  return a;
}

typedef struct sort_run {
  size_t lo, hi, level;
} sort_run;

/*
** Most-significant digit first: sort every item by its first digit; the
** keys that still tie (they agree on the whole digit and go on) form
** runs, each sorted alone by its next digit, loaded then, once per item,
** and so on (a stack of runs, no recursion). A comparison never reads
** the pool: a dictionary of keys that share a long beginning costs a
** pool read per item and digit, not per comparison. Then each item gets
** its first digit back, for the trie.
*/
static int sort_items(compiler *c) {
  size_t n = c->n, nrun = 0, cap = 0, i;
  sitem *a = c->items, *t = kiji_alloc((n ? n : 1) * sizeof *t), *s;
  sort_run *run = NULL;
  int ok = t != NULL, refined = 0;
  if (ok && (s = sort_digit(a, t, n, 0)) != a) memcpy(a, s, n * sizeof *a);
  for (i = 0; ok && i < n;) { /* the runs of level 0 */
    size_t j = i + 1;
    while (j < n && item_cmp(&a[i], &a[j], 0) == 0) j++;
    if (j - i > 1) {
      if ((ok = kiji_grow((void **)&run, &cap, nrun + 1, sizeof *run)) != 0) {
        run[nrun].lo = i;
        run[nrun].hi = j;
        run[nrun++].level = 1;
      }
    }
    i = j;
  }
  while (ok && nrun > 0) {
    sort_run r = run[--nrun];
    refined = 1;
    for (i = r.lo; i < r.hi; i++) load_digit(c, &a[i], r.level);
    if ((s = sort_digit(a + r.lo, t, r.hi - r.lo, r.level)) != a + r.lo)
      memcpy(a + r.lo, s, (r.hi - r.lo) * sizeof *a);
    for (i = r.lo; ok && i < r.hi;) {
      size_t j = i + 1;
      while (j < r.hi && item_cmp(&a[i], &a[j], r.level) == 0) j++;
      if (j - i > 1 && (ok = kiji_grow((void **)&run, &cap, nrun + 1, sizeof *run)) != 0) {
        run[nrun].lo = i;
        run[nrun].hi = j;
        run[nrun++].level = r.level + 1;
      }
      i = j;
    }
  }
  if (refined)
    for (i = 0; i < n; i++)
      if (a[i].len > PREFIX) load_digit(c, &a[i], 0);
  kiji_dealloc(run);
  kiji_dealloc(t);
  return ok;
}

static int load_items(compiler *c) {
  size_t i;
  c->items = kiji_alloc((c->n ? c->n : 1) * sizeof *c->items);
  if (c->items == NULL) return 0;
  for (i = 0; i < c->n; i++) {
    c->items[i].ent = (uint32_t)i;
    c->items[i].len = c->b->ents[i].key_len;
    load_digit(c, &c->items[i], 0);
  }
  return sort_items(c);
}

/* ------------------------------------------------------------ the trie */

static uint32_t key_len(const compiler *c, uint32_t i) { return c->items[i].len; }

/* Key byte at depth d of item i (the caller knows d < its length). */
static unsigned key_byte(const compiler *c, uint32_t i, uint32_t d) {
  const sitem *it = &c->items[i];
  return d < PREFIX ? (unsigned)(it->p[d / 8] >> (56 - 8 * (d % 8))) & 0xFF
                    : c->tails[c->toff[i] + d - PREFIX];
}

/* The key bytes past the prefixes, copied in sorted order: the trie then
** reads memory in order, level after level, instead of the pool at
** random. */
static int load_tails(compiler *c) {
  size_t i, total = 0;
  c->toff = kiji_alloc((c->n ? c->n : 1) * sizeof *c->toff);
  if (c->toff == NULL) return 0;
  for (i = 0; i < c->n; i++) {
    c->toff[i] = total;
    if (c->items[i].len > PREFIX) total += c->items[i].len - PREFIX;
  }
  if ((c->tails = kiji_alloc(total)) == NULL) return 0;
  for (i = 0; i < c->n; i++)
    if (c->items[i].len > PREFIX)
      memcpy(c->tails + c->toff[i], key_of(c->b, c->items[i].ent) + PREFIX,
             c->items[i].len - PREFIX);
  return 1;
}

/* Whether item j belongs to the run: its key ends at depth d (byte < 0),
** or has that byte there. */
static int in_run(const compiler *c, uint32_t j, uint32_t d, int byte) {
  return byte < 0 ? key_len(c, j) == d : key_byte(c, j, d) == (unsigned)byte;
}

/* The end of the run that starts at item i, before hi: the items being
** sorted, a run is a prefix of the range, found by galloping, then
** bisection, so a long run (a key shared by many entries) costs a
** logarithm and the usual run of one costs one look. */
static uint32_t run_end(const compiler *c, uint32_t i, uint32_t hi, uint32_t d, int byte) {
  size_t lo = i, top, step = 1;
  while (lo + step < hi && in_run(c, (uint32_t)(lo + step), d, byte)) {
    lo += step;
    step *= 2;
  }
  top = lo + step < hi ? lo + step : hi;
  while (top - lo > 1) {
    size_t mid = lo + (top - lo) / 2;
    if (in_run(c, (uint32_t)mid, d, byte))
      lo = mid;
    else
      top = mid;
  }
  return (uint32_t)top;
}

static int alloc_states(compiler *c) {
  size_t cap = 1, i;
  for (i = 0; i < c->n; i++) {
    cap += c->b->ents[i].key_len;
    if (cap > DICT_MAX_STATES) {
      cap = DICT_MAX_STATES;
      break;
    }
  }
  c->cap = cap;
  /* one state per key byte at most; pages never touched cost nothing */
  c->st = kiji_alloc((cap + 1) * sizeof *c->st);
  c->label = kiji_alloc(cap);
  c->lo = kiji_alloc(cap * sizeof *c->lo);
  c->hi = kiji_alloc(cap * sizeof *c->hi);
  c->term = kiji_alloc(cap * sizeof *c->term);
  c->depth = kiji_alloc(cap * sizeof *c->depth);
  c->outs = kiji_alloc((c->n ? c->n : 1) * sizeof *c->outs);
  return c->st && c->label && c->lo && c->hi && c->term && c->depth && c->outs;
}

/*
** State s holds the items [lo, hi) whose keys start with its prefix (of
** length depth). A key equal to the prefix ends here; the others split by
** their next byte into s's children, appended in byte order: since every
** state is expanded in number order, the numbering is breadth-first.
*/
static int expand(compiler *c, uint32_t s) {
  uint32_t i = c->lo[s], hi = c->hi[s], d = c->depth[s], k;
  c->term[s] = 0;
  if (i < hi && key_len(c, i) == d) { /* the key equal to the prefix, its entries */
    k = run_end(c, i, hi, d, -1);
    c->term[s] = k - i;
    for (; i < k; i++) c->outs[c->nouts++] = c->items[i].ent;
  }
  c->st[s].first = (uint32_t)(c->nstates - 1);
  while (i < hi) {
    unsigned byte = key_byte(c, i, d);
    uint32_t j = run_end(c, i, hi, d, (int)byte), t;
    if (c->nstates >= c->cap) return 0; /* cannot happen: cap counts key bytes */
    t = (uint32_t)c->nstates++;
    c->label[t] = (uint8_t)byte;
    c->lo[t] = i;
    c->hi[t] = j;
    c->depth[t] = d + 1;
    i = j;
  }
  return 1;
}

static int build_trie(compiler *c) {
  size_t s;
  c->nstates = 1;
  c->label[0] = 0;
  c->lo[0] = 0;
  c->hi[0] = (uint32_t)c->n;
  c->depth[0] = 0;
  for (s = 0; s < c->nstates; s++)
    if (!expand(c, (uint32_t)s)) return 0;
  c->st[c->nstates].first = (uint32_t)(c->nstates - 1);
  c->st[c->nstates].fail = 0;
  memset(c->root, 0, sizeof c->root);
  for (s = 1; s <= c->st[1].first && s < c->nstates; s++) c->root[c->label[s]] = (uint32_t)s;
  return 1;
}

/* The child of s by byte, or 0 (labels are sorted: binary search). */
static uint32_t child(const compiler *c, uint32_t s, unsigned byte) {
  uint32_t lo, hi;
  if (s == 0) return c->root[byte];
  lo = c->st[s].first + 1;
  hi = c->st[s + 1].first + 1;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (c->label[mid] < byte)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < c->st[s + 1].first + 1 && c->label[lo] == byte ? lo : 0;
}

/*
** Failure links, breadth-first: the failure of a child t of s by byte is
** the child by byte of the first state on s's failure chain that has one.
** Then the output chain: the nearest state on t's failure chain with a key.
*/
static void link_states(compiler *c) {
  uint32_t s, t;
  c->st[0].fail = 0;
  c->down = c->lo; /* the item ranges are done with */
  c->down[0] = 0;
  for (s = 0; s < c->nstates; s++) {
    for (t = c->st[s].first + 1; t <= c->st[s + 1].first; t++) {
      uint32_t f = c->st[s].fail, u = 0;
      if (s != 0) {
        for (;;) {
          if ((u = child(c, f, c->label[t])) != 0 || f == 0) break;
          f = c->st[f].fail;
        }
      }
      c->st[t].fail = u;
      c->down[t] = c->term[u] ? u : c->down[u];
    }
  }
}

/* ------------------------------------------------------------ the image */

/* Byte classes: each byte that labels an edge is a class of its own; the
** others lead nowhere but the root and share class 0. Keys are UTF-8, so
** at most 243 bytes label anything. */
static size_t make_classes(const compiler *c, uint8_t cls[256]) {
  unsigned char used[256];
  size_t s, k = 1;
  int b;
  memset(used, 0, sizeof used);
  for (s = 1; s < c->nstates; s++) used[c->label[s]] = 1;
  for (b = 0; b < 256; b++) cls[b] = used[b] && k < 256 ? (uint8_t)k++ : 0;
  return k;
}

/*
** How many states get a dense row: the shallowest ones (breadth-first
** numbering), as many as the budget allows and the format takes: fewer
** than 2^15, and at most 2^15 targets in SLOW, which are the reporting
** states among them and their children past them (*nslow). The rows are
** where a scan spends most of its bytes, and a bigger budget keeps more
** walks on them. (Measured on news: rows for the states with the most
** keys below them instead do no better.)
*/
static size_t dense_count(const compiler *c, size_t nclasses, size_t *nslow) {
  size_t row = nclasses * sizeof(uint16_t), n, s, reports = 0, deep;
  size_t budget = c->rows                                    ? c->rows
                  : c->nstates < DENSE_MAX / DENSE_PER_STATE ? c->nstates * DENSE_PER_STATE
                                                             : DENSE_MAX;
  n = budget / row;
  n = n < 1 ? 1 : n > c->nstates ? c->nstates : n;
  if (n > DICT_MAX_ROWS) n = DICT_MAX_ROWS;
  for (s = 0; s < n; s++) reports += c->term[s] || c->down[s];
  for (;; n--) { /* the children of the states below n: (0, st[n].first] */
    deep = c->st[n].first >= n ? c->st[n].first - n + 1 : 0;
    if (reports + deep <= DICT_MAX_SLOW || n == 1) break; /* one row: the root's children */
    reports -= c->term[n - 1] || c->down[n - 1];
  }
  *nslow = reports + deep;
  return n;
}

/* The row entry of target t: t itself, when it has a row and does not
** report; else its index in SLOW, where the reporting dense states come
** first, in order, then the deep targets, in order. */
static uint16_t row_entry(const kiji_dict *d, uint32_t t) {
  uint32_t nd = (uint32_t)d->ndense;
  if (t >= nd) return (uint16_t)(DICT_ROW_SLOW | (dict_rank(d, nd) + t - nd));
  if (!(d->st[t].first & DICT_REPORT)) return (uint16_t)t;
  return (uint16_t)(DICT_ROW_SLOW | dict_rank(d, t));
}

/* Row s: the row of its failure state (folded failures), then its own
** edges; a target that SLOW holds goes there too. */
static void fill_dense(const compiler *c, kiji_dict *d) {
  uint16_t *dense = (uint16_t *)d->dense;
  uint32_t *slow = (uint32_t *)d->slow, t;
  size_t nc = d->nclasses, nd = d->ndense, s, k;
  memcpy((void *)d->cls, c->cls, 256);
  for (k = 0; k < nc; k++) dense[k * nd] = 0;
  for (s = 0; s < nd; s++) {
    if (s > 0)
      for (k = 0; k < nc; k++) dense[k * nd + s] = dense[k * nd + c->st[s].fail];
    for (t = c->st[s].first + 1; t <= c->st[s + 1].first; t++) {
      uint16_t e = row_entry(d, t);
      dense[c->cls[c->label[t]] * nd + s] = e;
      if (e & DICT_ROW_SLOW)
        slow[e & ~DICT_ROW_SLOW] = (t < nd ? t : DICT_NFA | t) | (d->st[t].first & DICT_REPORT);
    }
  }
}

/* What the entries outs[o, o + n) of one key check, when they all check
** the same and none checks the case (DICT_REC_SAME): the scan then checks
** once for all, without reading the entries. */
static uint32_t rec_checks(const compiler *c, size_t o, size_t n) {
  uint32_t any = 0, all = DICT_ALL_FLAGS;
  size_t k;
  for (k = o; k < o + n; k++) {
    any |= c->b->ents[c->outs[k]].flags;
    all &= c->b->ents[c->outs[k]].flags;
  }
  if (n == 0 || (any & KIJI_ENTRY_EXACT_CASE) ||
      (any & (DICT_NEED_LEFT | DICT_NEED_RIGHT)) != (all & (DICT_NEED_LEFT | DICT_NEED_RIGHT)))
    return 0;
  return DICT_REC_SAME | (all & DICT_NEED_LEFT ? DICT_REC_LEFT : 0) |
         (all & DICT_NEED_RIGHT ? DICT_REC_RIGHT : 0);
}

static void fill_automaton(compiler *c, kiji_dict *d) {
  dict_state *st = (dict_state *)d->st;
  uint64_t *bits = (uint64_t *)d->bits;
  uint32_t *rank = (uint32_t *)d->rank, *out = (uint32_t *)d->out, *recno = c->hi;
  dict_rec *rec = (dict_rec *)d->rec;
  size_t s, w, nw = (c->nstates + 63) / 64, r = 0, o = 0;
  if (c->nouts) memcpy(out, c->outs, c->nouts * sizeof *out);
  memcpy((void *)d->label, c->label, c->nstates);
  memset((void *)(d->label + c->nstates), 0, DICT_LABEL_PAD);
  memset(bits, 0, nw * sizeof *bits);
  for (s = 0; s < c->nstates; s++) {
    st[s] = c->st[s];
    if (!c->term[s] && !c->down[s]) continue;
    st[s].first |= DICT_REPORT;
    bits[s / 64] |= (uint64_t)1 << (s % 64);
    recno[s] = (uint32_t)r;
    rec[r].out = (uint32_t)o;
    rec[r].down = c->down[s] ? recno[c->down[s]] + 1 : 0;
    rec[r].key = c->depth[s] | rec_checks(c, o, c->term[s]);
    o += c->term[s];
    r++;
  }
  st[c->nstates] = c->st[c->nstates];
  rec[r].out = (uint32_t)o;
  rec[r].down = rec[r].key = 0;
  for (w = 0, r = 0; w < nw; w++) {
    rank[w] = (uint32_t)r;
    r += dict_popcount(bits[w]);
  }
  rank[nw] = (uint32_t)r;
}

/* Entries and kinds: POOL holds each entry's strings without its key. */
static void fill_entries(const kiji_dict_builder *b, kiji_dict *d) {
  dict_ent *ent = (dict_ent *)d->ent;
  dict_kind *kind = (dict_kind *)d->kind;
  char *pool = (char *)d->pool;
  size_t i, p = 0;
  for (i = 0; i < b->nents; i++) {
    const bent *e = &b->ents[i];
    size_t n = e->surface_len + (e->id_len == DICT_NO_ID ? 0 : e->id_len + 1) + e->payload_len +
               e->exact_len;
    ent[i].off = (uint32_t)p;
    ent[i].surface_len = e->surface_len;
    ent[i].id_len = e->id_len;
    ent[i].payload_len = e->payload_len;
    ent[i].info = e->kind << 8 | e->flags;
    memcpy(pool + p, b->pool + e->off, n);
    p += n;
  }
  ent[b->nents].off = (uint32_t)p;
  ent[b->nents].surface_len = ent[b->nents].id_len = ent[b->nents].payload_len = 0;
  ent[b->nents].info = 0;
  for (i = 0; i < b->nkinds; i++) {
    kind[i].off = (uint32_t)(p + b->kinds[i].off);
    kind[i].len = b->kinds[i].len;
  }
  if (b->kpool_len) memcpy(pool + p, b->kpool, b->kpool_len);
}

static size_t count_recs(const compiler *c) {
  size_t s, r = 0;
  for (s = 0; s < c->nstates; s++) r += c->term[s] || c->down[s];
  return r;
}

static kiji_status make_image(compiler *c, kiji_dict **out) {
  kiji_dict_builder *b = c->b;
  dict_header h;
  kiji_dict *d;
  size_t i, nslow, strings = b->kpool_len;
  for (i = 0; i < b->nents; i++)
    strings += b->ents[i].surface_len + b->ents[i].payload_len + b->ents[i].exact_len +
               (b->ents[i].id_len == DICT_NO_ID ? 0 : b->ents[i].id_len + 1);
  memset(&h, 0, sizeof h);
  memcpy(h.magic, DICT_MAGIC, sizeof h.magic);
  h.version = DICT_VERSION;
  h.byte_order = DICT_BYTE_ORDER;
  h.nstates = c->nstates;
  h.nentries = b->nents;
  h.nrecs = count_recs(c);
  h.nkinds = b->nkinds;
  h.pool_size = strings;
  h.nclasses = make_classes(c, c->cls);
  h.ndense = dense_count(c, (size_t)h.nclasses, &nslow);
  h.nslow = nslow;
  h.max_depth = c->depth[c->nstates - 1]; /* breadth-first: the last is deepest */
  if (strings > U32_LIMIT || !kiji_dict_layout(&h))
    return berr(b, KIJI_ETOOBIG, "dictionary too large");
  d = kiji_alloc(sizeof *d);
  if (d == NULL) return berr(b, KIJI_ENOMEM, "out of memory");
  memset(d, 0, sizeof *d);
  d->mem = kiji_alloc((size_t)h.size);
  if (d->mem == NULL) {
    kiji_dealloc(d);
    return berr(b, KIJI_ENOMEM, "out of memory");
  }
  memset(d->mem, 0, (size_t)h.size); /* padding too: saved images are reproducible */
  memcpy(d->mem, &h, sizeof h);
  d->image = d->mem;
  d->size = (size_t)h.size;
  kiji_dict_attach(d);
  fill_automaton(c, d);
  fill_dense(c, d);
  kiji_dict_prepare(d);
  fill_entries(b, d);
  ((dict_header *)d->mem)->checksum = kiji_dict_checksum(d->image, d->size);
  *out = d;
  return KIJI_OK;
}

static void compiler_free(compiler *c) {
  kiji_dealloc(c->items);
  kiji_dealloc(c->st);
  kiji_dealloc(c->label);
  kiji_dealloc(c->lo);
  kiji_dealloc(c->hi);
  kiji_dealloc(c->term);
  kiji_dealloc(c->depth);
  kiji_dealloc(c->outs);
  kiji_dealloc(c->tails);
  kiji_dealloc(c->toff);
}

kiji_status kiji_dict_compile(kiji_dict_builder *b, kiji_dict **out) {
  return kiji_dict_compile_rows(b, 0, out);
}

kiji_status kiji_dict_compile_rows(kiji_dict_builder *b, size_t rows, kiji_dict **out) {
  compiler c;
  kiji_status st;
  if (out) *out = NULL;
  if (b == NULL || out == NULL) return KIJI_EINVAL;
  b->err[0] = 0;
  memset(&c, 0, sizeof c);
  c.b = b;
  c.n = b->nents;
  c.rows = rows;
  if (!load_items(&c) || !load_tails(&c) || !alloc_states(&c)) {
    compiler_free(&c);
    return berr(b, KIJI_ENOMEM, "out of memory");
  }
  if (!build_trie(&c)) {
    compiler_free(&c);
    return berr(b, KIJI_ETOOBIG, "dictionary too large");
  }
  link_states(&c);
  st = make_image(&c, out);
  compiler_free(&c);
  return st;
}
