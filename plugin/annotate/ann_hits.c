/*
** ann_hits.c -- dictionary matches as the rules see them: the kind and
** the payload (subtype=...;country=...;name=...) decoded once per match,
** then, per sentence, one reading of overlapping matches.
**
** Overlaps are resolved the longest first: 米国防総省 has 米国 and 国防総省
** in it, and a leftmost-first choice would keep 米国 and lose the
** ministry; the longest-first choice keeps 国防総省 and then 米 (which
** the rules read as the ministry's country). Entities and cues are two
** layers: a cue may sit inside a name, and a trap ("denial of service")
** wins over the cue inside it because it is longer. Words (kind `word`)
** are no hits: the rules look them up where they stand (words.c).
*/
#include <stdlib.h>
#include <stddef.h>
#include <string.h>

#include "ann.h"

static const struct {
  const char *name;
  unsigned char kind;
} kinds[] = {
    {"outlet", AK_OUTLET},
    {"body", AK_BODY},
    {"title", AK_TITLE},
    {"country", AK_COUNTRY},
    {"org", AK_ORG},
    {"generic", AK_GENERIC},
    {"source", AK_SOURCE},
    {"outlet_prefix", AK_OUTLET_PREFIX},
    {"outlet_suffix", AK_OUTLET_SUFFIX},
    {"modifier", AK_MODIFIER},
    {"cue", AK_CUE},
    {"word", AK_WORD},
    {"date", AK_DATE},
};


/* In ann_sub order. */
static const char *const subs[AS_COUNT] = {
    "",
    "agency",
    "newspaper",
    "broadcaster",
    "magazine",
    "online",
    "government",
    "ministry",
    "military",
    "office",
    "embassy",
    "police",
    "local",
    "generic",
    "head",
    "minister",
    "deputy",
    "spokesperson",
    "ambassador",
    "secretary",
    "governor",
    "senior",
    "country",
    "capital",
    "prefecture",
    "region",
    "rank",
    "field",
    "denial_verb",
    "denial_noun",
    "denial_pred",
    "denial_ja",
    "attrib_verb",
    "attrib_prep",
    "attrib_ja_source",
    "attrib_ja_verb",
    "trap",
    "negation",
    "deny_object",
    "month",
    "weekday",
    "era",
    "era_year",
    "rel_day",
    "rel_week",
    "rel_month",
    "rel_year",
    "part",
    "daypart",
};

/* (The first letter first, in both: it tells most names apart with no call.) */
static unsigned char kind_of(const char *k) {
  size_t i;
  for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
    if (kinds[i].name[0] == k[0] && strcmp(k, kinds[i].name) == 0) return kinds[i].kind;
  return AK_OTHER;
}

static unsigned char sub_of(kiji_str v) {
  size_t i;
  for (i = 1; i < AS_COUNT; i++)
    if (subs[i][0] == v.ptr[0] && strlen(subs[i]) == v.len && memcmp(subs[i], v.ptr, v.len) == 0)
      return (unsigned char)i;
  return AS_OTHER;
}

kiji_str kiji_ann_payload_field(const char *p, size_t n, const char *key) {
  kiji_str out = {NULL, 0};
  size_t k = strlen(key), i = 0;
  while (i < n) {
    const char *semi = memchr(p + i, ';', n - i);
    size_t j = semi ? (size_t)(semi - p) : n;
    if (j - i > k && memcmp(p + i, key, k) == 0 && p[i + k] == '=') {
      out.ptr = p + i + k + 1;
      out.len = j - i - k - 1;
      if (out.len == 0) out.ptr = NULL;
      return out;
    }
    i = j + 1;
  }
  return out;
}

/* The payload's fields that a hit keeps, in one pass (as
** kiji_ann_payload_field reads each: the first of a key wins, an empty
** value is none). */
static void decode_payload(const char *p, size_t n, ann_hit *h) {
  static const struct {
    const char *key;
    size_t len;
    size_t at;
  } keys[] = {{"subtype", 7, offsetof(ann_hit, subtype)},
              {"country", 7, offsetof(ann_hit, country)},
              {"name", 4, offsetof(ann_hit, name)},
              {"bases", 5, offsetof(ann_hit, bases)}};
  size_t i = 0, k;
  unsigned seen = 0;
  for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
    kiji_str *f = (kiji_str *)(void *)((char *)h + keys[k].at);
    f->ptr = NULL;
    f->len = 0;
  }
  while (i < n) {
    const char *semi = memchr(p + i, ';', n - i);
    size_t j = semi ? (size_t)(semi - p) : n;
    for (k = 0; k < sizeof keys / sizeof keys[0]; k++) {
      size_t kl = keys[k].len;
      if (!(seen >> k & 1) && j - i > kl && p[i + kl] == '=' &&
          memcmp(p + i, keys[k].key, kl) == 0) {
        kiji_str *f = (kiji_str *)(void *)((char *)h + keys[k].at);
        seen |= 1u << k;
        if (j - i - kl - 1 > 0) {
          f->ptr = p + i + kl + 1;
          f->len = j - i - kl - 1;
        }
        break;
      }
    }
    i = j + 1;
  }
}

int kiji_ann_decode_entry(const kiji_dict *d, size_t entry, ann_hit *h) {
  kiji_entry e;
  if (kiji_dict_entry(d, entry, &e) != KIJI_OK) return 0;
  h->kind = kind_of(e.kind);
  h->id.ptr = e.id;
  h->id.len = e.id ? strlen(e.id) : 0;
  decode_payload(e.payload, e.payload_len, h);
  h->sub = h->subtype.ptr ? sub_of(h->subtype) : AS_OTHER; /* (a value is never empty) */
  return 1;
}

/* The decoded entries' cache: two places for each (dictionary, entry)
** key, its low bits in the first half and its bits mixed in the second
** (a skewed two-way cache: keys that share one place seldom share both,
** and the few hundred entries of a batch of news stay in it). */
static size_t key_of(const kiji_dict *d, size_t entry) { return entry ^ ((uintptr_t)d >> 6); }
static size_t way0(size_t k) { return k & (ANN_CACHE_SIZE / 2 - 1); }
static size_t way1(size_t k) {
  return ANN_CACHE_SIZE / 2 + ((uint32_t)k * 2654435761u >> 16 & (ANN_CACHE_SIZE / 2 - 1));
}

/* The hits of a dictionary's matches: a kind the rules take no hit of
** (AK_OTHER; AK_WORD: a caller's words are looked up, words.c) is none. */
static int is_hit(const ann_hit *h) { return h->kind != AK_OTHER && h->kind != AK_WORD; }

/* The cached decoding of entry e of d (its key k), decoded now if it is in
** neither of its places: then it takes its first place, and what stood
** there moves to its own second place. NULL when the entry cannot be read. */
static const ann_hit *cached(ann_cached *cache, const kiji_dict *d, size_t e, size_t k) {
  ann_cached *own = &cache[way0(k)], *other, fresh;
  if (own->dict == d && own->entry == e) return &own->hit;
  other = &cache[way1(k)];
  if (other->dict == d && other->entry == e) return &other->hit;
  if (!kiji_ann_decode_entry(d, e, &fresh.hit)) return NULL;
  fresh.dict = d;
  fresh.entry = e;
  if (own->dict != NULL) cache[way1(key_of(own->dict, own->entry))] = *own;
  *own = fresh;
  return &own->hit;
}

size_t kiji_ann_decode_matches(kiji_doc *doc, const kiji_dict *d, const kiji_match *m, size_t count,
                               ann_hit *out) {
  size_t i, n = 0;
  const ann_hit *h;
  if (doc->cache == NULL && (doc->cache = kiji_alloc(ANN_CACHE_SIZE * sizeof *doc->cache))) {
    for (i = 0; i < ANN_CACHE_SIZE; i++) doc->cache[i].dict = NULL;
  }
  for (i = 0; i < count; i++) {
    if (doc->cache == NULL) { /* no memory for the cache: decode each time */
      if (!kiji_ann_decode_entry(d, m[i].entry, &out[n]) || !is_hit(&out[n])) continue;
    } else {
      if ((h = cached(doc->cache, d, m[i].entry, key_of(d, m[i].entry))) == NULL || !is_hit(h))
        continue; /* (before a copy) */
      out[n] = *h;
    }
    out[n].start = m[i].start;
    out[n].end = m[i].end;
    n++;
  }
  return n;
}

const char *kiji_ann_sub_name(unsigned char sub) { return sub < AS_COUNT ? subs[sub] : ""; }

int kiji_ann_is(const ann_hit *h, const char *id) {
  return h->id.ptr && h->id.len == strlen(id) && memcmp(h->id.ptr, id, h->id.len) == 0;
}

static int longer_first(const void *a, const void *b) {
  const ann_hit *x = *(const ann_hit *const *)a, *y = *(const ann_hit *const *)b;
  size_t lx = x->end - x->start, ly = y->end - y->start;
  if (lx != ly) return lx > ly ? -1 : 1;
  if (x->start != y->start) return x->start < y->start ? -1 : 1;
  return x < y ? -1 : x > y;
}

/*
** Sort the hits at order[0, m) longest first, then by start, then as they
** come (longer_first's order). Usually a few dozen: their order packed in
** one integer each (length, start and index in a sentence under 16 MB
** and 65,536 hits) and sorted by insertion, with no call per comparison;
** anything bigger goes to qsort.
*/
static void longest_first(const ann_hit **order, size_t m, const ann_hit *hits, size_t base,
                          size_t span) {
  uint64_t key[64];
  size_t i, j;
  if (m > sizeof key / sizeof *key || span >= (size_t)1 << 24 ||
      (size_t)(order[m - 1] - hits) >= (size_t)1 << 16) {
    qsort(order, m, sizeof *order, longer_first);
    return;
  }
  for (i = 0; i < m; i++) {
    const ann_hit *h = order[i];
    uint64_t k = ((uint64_t)(span - (h->end - h->start)) << 40) |
                 ((uint64_t)(h->start - base) << 16) | (uint64_t)(h - hits);
    for (j = i; j > 0 && key[j - 1] > k; j--) key[j] = key[j - 1];
    key[j] = k;
  }
  for (i = 0; i < m; i++) order[i] = hits + (key[i] & 0xFFFF);
}

/* What a hit of the sentence [start, end) is to the layers, told once
** for both: a candidate of the entities' or of the cues', or of neither
** (words and dates are looked up where they stand; a match across the
** sentence's end is none). A kept candidate is marked KEPT too. */
enum { NO_LAYER = 0, ENTITIES = 1, CUES = 2, KEPT = 4 };

static unsigned char layer_of(const ann_hit *h, size_t start, size_t end) {
  if (h->kind == AK_WORD || h->kind == AK_DATE || h->start == h->end || h->start < start ||
      h->end > end)
    return NO_LAYER;
  return h->kind == AK_CUE ? CUES : ENTITIES;
}
/* Keep the candidates at order[0, n) that no longer (or earlier) one
** overlaps. A hit kept before h is at least as long, so if it overlaps h
** it holds h's first or last byte: two bytes tell, whatever h's length.
** A kept hit is marked KEPT in layers (by its index in hits); how many
** are kept. */
static size_t pick_layer(const ann_hit **order, size_t n, unsigned char *occ, size_t base,
                         const ann_hit *hits, unsigned char *layers) {
  size_t i, kept = 0;
  for (i = 0; i < n; i++) {
    const ann_hit *h = order[i];
    if (occ[h->start - base] || occ[h->end - 1 - base]) continue;
    memset(occ + h->start - base, 1, h->end - h->start);
    layers[h - hits] |= KEPT;
    kept++;
  }
  return kept;
}

/* One layer, its candidates in text order at list[0, n) (the hits come
** sorted by start): they fall into clusters, runs of hits that overlap
** one another in turn, and a hit's fate is decided by the hits of its
** cluster alone: a hit alone is kept, a cluster is sorted in place and
** picked by itself (longest_first, pick_layer: the order the whole layer
** would be picked in, restricted to it). Most hits of a sentence overlap
** none. How many are kept. */
static size_t layer(const ann_hit **list, size_t n, const ann_hit *hits, size_t start, size_t end,
                    unsigned char *occ, unsigned char *layers) {
  size_t a, b, m, kept = 0, reach;
  for (a = 0; a < n; a = b) {
    const ann_hit *h = list[a];
    for (reach = h->end, b = a + 1; b < n && list[b]->start < reach; b++)
      if (list[b]->end > reach) reach = list[b]->end;
    m = b - a;
    if (m == 1) {
      layers[h - hits] |= KEPT;
      kept++;
    } else if (m == 2) { /* two that overlap: the longer, else the first (longer_first) */
      const ann_hit *k = list[a + 1];
      layers[(k->end - k->start > h->end - h->start ? k : h) - hits] |= KEPT;
      kept++;
    } else {
      longest_first(list + a, m, hits, start, end - start);
      memset(occ + h->start - start, 0, reach - h->start);
      kept += pick_layer(list + a, m, occ, start, hits, layers);
    }
  }
  return kept;
}

int kiji_ann_select(kiji_doc *doc, ann_sent *st, const ann_hit *hits, size_t n) {
  size_t span = st->end - st->start, i, e = 0, c, nents = 0, ncues = 0;
  size_t need = n * sizeof(ann_hit) + 2 * n * sizeof(void *) + n;
  const ann_hit **ents, **cues;
  ann_hit *out;
  unsigned char *occ, *layers;
  st->ent = st->cue = NULL;
  st->nent = st->ncue = 0;
  if (n == 0) return 1;
  if (!kiji_ann_room(&doc->picked.p, &doc->picked.cap, need, 1) ||
      !kiji_ann_room(&doc->occupied.p, &doc->occupied.cap, span, 1))
    return 0;
  out = doc->picked.p;
  ents = (const ann_hit **)(out + n);
  cues = ents + n;
  layers = (unsigned char *)(cues + n);
  occ = doc->occupied.p;
  for (i = 0; i < n; i++) { /* each layer's candidates, in text order */
    layers[i] = layer_of(&hits[i], st->start, st->end);
    if (layers[i] == ENTITIES)
      ents[nents++] = &hits[i];
    else if (layers[i] == CUES)
      cues[ncues++] = &hits[i];
  }
  st->nent = layer(ents, nents, hits, st->start, st->end, occ, layers);
  st->ncue = layer(cues, ncues, hits, st->start, st->end, occ, layers);
  /* each layer in text order: the hits come sorted by start, and a
  ** layer's hits overlap none of its others (no sort needed) */
  for (i = 0, c = st->nent; i < n; i++)
    if (layers[i] & KEPT) out[layers[i] == (ENTITIES | KEPT) ? e++ : c++] = hits[i];
  st->ent = out;
  st->cue = out + st->nent;
  return 1;
}
