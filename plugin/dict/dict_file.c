/*
** dict_file.c -- the dictionary image (dict.h): its layout, its checks,
** saving and loading it, and reading entries out of it.
**
** A file is the image byte for byte, in the byte order of the machine
** that saved it (the header says which). Loading maps the file (or reads
** it in one go when it cannot be mapped) and uses it in place; mapping
** matters: a copy into fresh memory costs more than the checks. Before a
** kiji_dict exists, load checks the header, the checksum (XXH64 of every
** byte but the checksum's own) and every index the scan or
** kiji_dict_entry will follow, so no image, however crafted, can make
** them read out of bounds or loop.
**
** A mapped file must not be rewritten in place while it is loaded (as
** with a shared library): kiji_dict_save writes a new file and renames it
** over the old one, so saving over a loaded dictionary is safe.
*/
#define _DEFAULT_SOURCE 1 /* MAP_POPULATE */

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "dict.h"

#define U32_LIMIT 0xFFFFFFFEu

/* ------------------------------------------------------------ XXH64 */

#define P1 0x9E3779B185EBCA87ull
#define P2 0xC2B2AE3D27D4EB4Full
#define P3 0x165667B19E3779F9ull
#define P4 0x85EBCA77C2B2AE63ull
#define P5 0x27D4EB2F165667C5ull

static uint64_t rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }
static uint64_t rd64(const unsigned char *p) {
  uint64_t v;
  memcpy(&v, p, 8);
  return v;
}
static uint32_t rd32(const unsigned char *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}
static uint64_t round64(uint64_t acc, uint64_t in) { return rotl(acc + in * P2, 31) * P1; }
static uint64_t merge64(uint64_t h, uint64_t v) { return (h ^ round64(0, v)) * P1 + P4; }

/*
** XXH64 (seed 0) as specified by its author, in three steps so that a
** load can hash an image piece by piece while it checks it: four lanes
** keep it at memory speed. Little-endian reads on little-endian machines;
** a big-endian one gets its own (consistent) checksums, as its images are
** its own anyway.
*/
typedef struct xxh {
  uint64_t v[4], len;
} xxh;

static void xxh_init(xxh *x) {
  x->v[0] = P1 + P2;
  x->v[1] = P2;
  x->v[2] = 0;
  x->v[3] = 0 - P1;
  x->len = 0;
}

/* n is a multiple of 32. */
static void xxh_stripes(xxh *x, const unsigned char *p, size_t n) {
  uint64_t v1 = x->v[0], v2 = x->v[1], v3 = x->v[2], v4 = x->v[3];
  const unsigned char *end = p + n;
  for (; p < end; p += 32) {
    v1 = round64(v1, rd64(p));
    v2 = round64(v2, rd64(p + 8));
    v3 = round64(v3, rd64(p + 16));
    v4 = round64(v4, rd64(p + 24));
  }
  x->v[0] = v1;
  x->v[1] = v2;
  x->v[2] = v3;
  x->v[3] = v4;
  x->len += n;
}

/* The last n < 32 bytes, and the result. */
static uint64_t xxh_final(const xxh *x, const unsigned char *p, size_t n) {
  const unsigned char *end = p + n;
  uint64_t h;
  if (x->len >= 32) {
    h = rotl(x->v[0], 1) + rotl(x->v[1], 7) + rotl(x->v[2], 12) + rotl(x->v[3], 18);
    h = merge64(merge64(merge64(merge64(h, x->v[0]), x->v[1]), x->v[2]), x->v[3]);
  } else {
    h = P5;
  }
  h += x->len + n;
  for (; p + 8 <= end; p += 8) h = rotl(h ^ round64(0, rd64(p)), 27) * P1 + P4;
  if (p + 4 <= end) {
    h = rotl(h ^ (uint64_t)rd32(p) * P1, 23) * P2 + P3;
    p += 4;
  }
  for (; p < end; p++) h = rotl(h ^ *p * P5, 11) * P1;
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  return h ^ (h >> 32);
}

uint64_t kiji_xxh64(const void *data, size_t len) {
  xxh x;
  size_t full = len & ~(size_t)31;
  xxh_init(&x);
  xxh_stripes(&x, data, full);
  return xxh_final(&x, (const unsigned char *)data + full, len - full);
}

/* The header's part of the checksum (its checksum field as 0). */
static uint64_t header_hash(const unsigned char *image) {
  dict_header h;
  memcpy(&h, image, sizeof h);
  h.checksum = 0;
  return kiji_xxh64(&h, sizeof h);
}

static uint64_t combine(uint64_t header, uint64_t payload) { return header ^ rotl(payload, 1); }

/* The image's checksum: the header (with its checksum field as 0) and
** everything after it, so that no byte of a file goes unchecked. */
uint64_t kiji_dict_checksum(const unsigned char *image, size_t size) {
  return combine(header_hash(image),
                 kiji_xxh64(image + sizeof(dict_header), size - sizeof(dict_header)));
}

/* ------------------------------------------------------------ layout */

static uint64_t align8(uint64_t x) { return (x + 7) & ~(uint64_t)7; }

int kiji_dict_layout(dict_header *h) {
  uint64_t s = h->nstates, n = h->nentries, w = (s + 63) / 64, off = sizeof(dict_header);
  uint64_t size[DICT_NSEC];
  int i;
  if (s < 1 || s > DICT_MAX_STATES || n > U32_LIMIT || h->nrecs > s || h->nkinds > n ||
      h->pool_size > U32_LIMIT || h->ndense < 1 || h->ndense > s || h->ndense > DICT_MAX_ROWS ||
      h->nclasses < 1 || h->nclasses > 256 || h->nslow > DICT_MAX_SLOW || h->max_depth >= s ||
      h->max_depth > DICT_MAX_KEY)
    return 0;
  size[DICT_SEC_CLASS] = 256;
  size[DICT_SEC_DENSE] = h->ndense * h->nclasses * sizeof(uint16_t);
  size[DICT_SEC_SLOW] = h->nslow * sizeof(uint32_t);
  size[DICT_SEC_STATE] = (s + 1) * sizeof(dict_state);
  size[DICT_SEC_LABEL] = s + DICT_LABEL_PAD;
  size[DICT_SEC_BITS] = w * sizeof(uint64_t);
  size[DICT_SEC_RANK] = (w + 1) * sizeof(uint32_t);
  size[DICT_SEC_REC] = (h->nrecs + 1) * sizeof(dict_rec);
  size[DICT_SEC_OUT] = n * sizeof(uint32_t);
  size[DICT_SEC_ENT] = (n + 1) * sizeof(dict_ent);
  size[DICT_SEC_KIND] = h->nkinds * sizeof(dict_kind);
  size[DICT_SEC_POOL] = h->pool_size;
  for (i = 0; i < DICT_NSEC; i++) {
    h->sec[i].offset = off;
    h->sec[i].size = size[i];
    off = align8(off + size[i]);
  }
  h->size = off;
  return (uint64_t)(size_t)off == off;
}

void kiji_dict_attach(kiji_dict *d) {
  const dict_header *h = (const dict_header *)d->image;
  const unsigned char *b = d->image;
  d->cls = b + h->sec[DICT_SEC_CLASS].offset;
  d->dense = (const uint16_t *)(b + h->sec[DICT_SEC_DENSE].offset);
  d->slow = (const uint32_t *)(b + h->sec[DICT_SEC_SLOW].offset);
  d->st = (const dict_state *)(b + h->sec[DICT_SEC_STATE].offset);
  d->label = b + h->sec[DICT_SEC_LABEL].offset;
  d->bits = (const uint64_t *)(b + h->sec[DICT_SEC_BITS].offset);
  d->rank = (const uint32_t *)(b + h->sec[DICT_SEC_RANK].offset);
  d->rec = (const dict_rec *)(b + h->sec[DICT_SEC_REC].offset);
  d->out = (const uint32_t *)(b + h->sec[DICT_SEC_OUT].offset);
  d->ent = (const dict_ent *)(b + h->sec[DICT_SEC_ENT].offset);
  d->kind = (const dict_kind *)(b + h->sec[DICT_SEC_KIND].offset);
  d->pool = (const char *)(b + h->sec[DICT_SEC_POOL].offset);
  d->nstates = (size_t)h->nstates;
  d->nentries = (size_t)h->nentries;
  d->nrecs = (size_t)h->nrecs;
  d->nkinds = (size_t)h->nkinds;
  d->pool_size = (size_t)h->pool_size;
  d->ndense = (size_t)h->ndense;
  d->nclasses = (size_t)h->nclasses;
  d->nslow = (size_t)h->nslow;
  d->max_depth = (size_t)h->max_depth;
}

/* What the scan works out from the image: where each byte's column
** starts, and the bytes the root keeps. Call after the rows are filled
** (compile) or checked (load). */
void kiji_dict_prepare(kiji_dict *d) {
  int b;
  for (b = 0; b < 256; b++) {
    d->col[b] = (uint32_t)(d->cls[b] * d->ndense);
    d->idle[b] = d->dense[d->col[b]] == 0;
  }
}

/* ------------------------------------------------------------ checks */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static int
bad(kiji_error *err, size_t offset, const char *fmt, ...) {
  if (err) {
    va_list ap;
    err->status = KIJI_EINVAL;
    err->offset = offset;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
  }
  return 0;
}

/* The header alone (len bytes available, possibly unaligned): the format,
** and counts that give exactly the sections it lists and the size. */
static int check_header(const void *data, size_t len, dict_header *h, kiji_error *err) {
  dict_header want;
  if (len < sizeof *h)
    return bad(err, len, "truncated dictionary: %zu bytes, less than a header (%zu)", len,
               sizeof *h);
  memcpy(h, data, sizeof *h);
  if (memcmp(h->magic, DICT_MAGIC, 8) != 0) return bad(err, 0, "not a kiji dictionary (bad magic)");
  if (h->byte_order != DICT_BYTE_ORDER)
    return bad(err, 12, "dictionary saved with another byte order");
  if (h->version != DICT_VERSION)
    return bad(err, 8, "dictionary format version %lu, this library reads version %lu",
               (unsigned long)h->version, (unsigned long)DICT_VERSION);
  if (h->size != len)
    return bad(err, len, "dictionary is %zu bytes, its header says %zu (truncated?)", len,
               (size_t)h->size);
  want = *h;
  if (!kiji_dict_layout(&want) || want.size != h->size ||
      memcmp(want.sec, h->sec, sizeof want.sec) != 0)
    return bad(err, 40, "corrupt dictionary: counts and sections disagree");
  return 1;
}

/*
** A loaded image is hashed and checked in one pass, a chunk at a time:
** each chunk is hashed, then the elements that start in it are checked
** while it is still in the cache, so a large dictionary is read from
** memory once. Checking before the checksum is known is safe: the checks
** read only inside the image, and nothing is used unless both pass.
** Every element gets the check the scan and kiji_dict_entry rely on:
**   CLASS  a class below C
**   DENSE  a dense state below D, or an index below L into SLOW
**   SLOW   a dense state below D, or a state below S; no stray bit
**   STATE  edges that never go back and stay below S; failure links that
**          go to a smaller state (so chains end)
**   RANK   running counts of BITS, ending at R (so a rank is at most R,
**          which the scan checks: a report bit without its BITS bit would
**          report a wrong record, never one outside REC)
**   REC    outputs in order, ending at N; output chains that go to a
**          smaller record (so they end); key lengths in [1, max_depth]
**   OUT    an entry below N
**   ENT    offsets in order inside POOL, lengths that fit, known flags,
**          a kind below K, an exact form exactly when the flag says so
**   KIND   inside POOL
** The NUL after each id and kind is checked when kiji_dict_entry hands it
** out, which keeps this pass from reading POOL out of order.
*/
#define CHUNK ((size_t)64 << 10)

typedef struct checker {
  const kiji_dict *d;
  const dict_header *h;
  kiji_error *err;
  int failed;
} checker;

static const size_t elsize[DICT_NSEC] = {1,
                                         sizeof(uint16_t),
                                         sizeof(uint32_t),
                                         sizeof(dict_state),
                                         1,
                                         sizeof(uint64_t),
                                         sizeof(uint32_t),
                                         sizeof(dict_rec),
                                         sizeof(uint32_t),
                                         sizeof(dict_ent),
                                         sizeof(dict_kind),
                                         1};

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static void
bad_elem(checker *c, int sec, size_t index, const char *fmt, ...) {
  static const char *const names[DICT_NSEC] = {"class",  "dense row", "slow target", "state",
                                               "label",  "bits",      "rank",        "record",
                                               "output", "entry",     "kind",        "pool"};
  char what[120];
  va_list ap;
  if (c->failed) return;
  c->failed = 1;
  va_start(ap, fmt);
  vsnprintf(what, sizeof what, fmt, ap);
  va_end(ap);
  bad(c->err, (size_t)c->h->sec[sec].offset + index * elsize[sec], "corrupt dictionary: %s %zu: %s",
      names[sec], index, what);
}

static void check_class(checker *c, size_t lo, size_t hi) {
  size_t i;
  for (i = lo; i < hi; i++)
    if (c->d->cls[i] >= c->d->nclasses) bad_elem(c, DICT_SEC_CLASS, i, "class out of range");
}

/* Row entries [lo, hi): a dense state below D, or an index below L into
** SLOW: without DICT_ROW_SLOW at most D - 1, with it at most L - 1 (-1
** when L is 0), as 16-bit signed values. Eight at a time with SSE2. */
static void check_dense(checker *c, size_t lo, size_t hi) {
  const kiji_dict *d = c->d;
  int32_t top_row = (int32_t)d->ndense - 1, top_slow = (int32_t)d->nslow - 1;
  uint32_t badv = 0;
  size_t i = lo;
#if defined(__SSE2__)
  const __m128i low = _mm_set1_epi16(0x7FFF), row = _mm_set1_epi16((short)top_row),
                slow = _mm_set1_epi16((short)top_slow);
  __m128i acc = _mm_setzero_si128();
  for (; i + 8 <= hi; i += 8) {
    __m128i x = _mm_loadu_si128((const __m128i *)(d->dense + i));
    __m128i is_slow = _mm_srai_epi16(x, 15);
    __m128i limit = _mm_or_si128(_mm_and_si128(is_slow, slow), _mm_andnot_si128(is_slow, row));
    acc = _mm_or_si128(acc, _mm_cmpgt_epi16(_mm_and_si128(x, low), limit));
  }
  badv = (uint32_t)_mm_movemask_epi8(acc);
#endif
  for (; i < hi; i++) {
    uint32_t x = d->dense[i];
    badv |= (uint32_t)((int32_t)(x & ~DICT_ROW_SLOW) > ((x & DICT_ROW_SLOW) ? top_slow : top_row));
  }
  if (badv)
    bad_elem(c, DICT_SEC_DENSE, lo, "a target out of range in entries %zu..%zu", lo, hi - 1);
}

/* SLOW entries [lo, hi): a dense state below D, or DICT_NFA | a state
** below S; no other bit but DICT_REPORT. */
static void check_slow(checker *c, size_t lo, size_t hi) {
  const kiji_dict *d = c->d;
  uint32_t nd = (uint32_t)d->ndense, ns = (uint32_t)d->nstates, badv = 0;
  size_t i;
  for (i = lo; i < hi; i++) {
    uint32_t y = d->slow[i], t = y & DICT_MASK;
    badv |= (uint32_t)((y & ~(DICT_MASK | DICT_NFA | DICT_REPORT)) != 0) |
            (uint32_t)(t >= ((y & DICT_NFA) ? ns : nd));
  }
  if (badv) bad_elem(c, DICT_SEC_SLOW, lo, "a target out of range in entries %zu..%zu", lo, hi - 1);
}

/* States [lo, hi) (lo >= 1): 1 if one has an edge start below the one
** before it, a failure link not below itself, or a stray bit. Four at a
** time with SSE2, so the pass keeps up with the hash. */
static uint32_t bad_states(const dict_state *st, size_t lo, size_t hi) {
  uint32_t badv = 0;
  size_t s = lo;
#if defined(__SSE2__)
  const __m128i mask = _mm_set1_epi32((int)DICT_MASK),
                stray = _mm_set1_epi32((int)~(DICT_MASK | DICT_REPORT));
  const __m128i sign = _mm_set1_epi32((int)0x80000000u), four = _mm_set1_epi32(4);
  __m128i acc = _mm_setzero_si128(),
          idx = _mm_setr_epi32((int)s, (int)s + 1, (int)s + 2, (int)s + 3);
  __m128i prev = _mm_cvtsi32_si128((int)(st[s - 1].first & DICT_MASK));
  for (; s + 4 <= hi; s += 4) {
    __m128i a =
        _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&st[s]), _MM_SHUFFLE(3, 1, 2, 0));
    __m128i b =
        _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&st[s + 2]), _MM_SHUFFLE(3, 1, 2, 0));
    __m128i first = _mm_unpacklo_epi64(a, b), fail = _mm_unpackhi_epi64(a, b);
    __m128i e = _mm_and_si128(first, mask), before = _mm_or_si128(_mm_slli_si128(e, 4), prev);
    acc = _mm_or_si128(acc, _mm_cmplt_epi32(e, before)); /* both below 2^29: signed is fine */
    acc = _mm_or_si128(acc, _mm_and_si128(first, stray));
    /* fail >= s, unsigned: flip the sign bits, compare signed */
    acc = _mm_or_si128(acc,
                       _mm_cmpgt_epi32(_mm_xor_si128(fail, sign),
                                       _mm_xor_si128(_mm_sub_epi32(idx, _mm_set1_epi32(1)), sign)));
    prev = _mm_srli_si128(e, 12);
    idx = _mm_add_epi32(idx, four);
  }
  badv = _mm_movemask_epi8(_mm_cmpeq_epi8(acc, _mm_setzero_si128())) != 0xFFFF;
#endif
  for (; s < hi; s++) {
    uint32_t f = st[s].first;
    badv |= (uint32_t)((f & DICT_MASK) < (st[s - 1].first & DICT_MASK)) |
            (uint32_t)(st[s].fail >= (uint32_t)s) | (f & ~(DICT_MASK | DICT_REPORT));
  }
  return badv;
}

static void check_state(checker *c, size_t lo, size_t hi) {
  const dict_state *st = c->d->st;
  size_t n = c->d->nstates;
  size_t from = lo > 0 ? lo : 1, to = hi < n ? hi : n, s;
  if (from < to && bad_states(st, from, to)) {
    for (s = from; s + 1 < to && !bad_states(st, s, s + 1); s++) {}
    bad_elem(c, DICT_SEC_STATE, s,
             "an edge going back, a failure link not going up, or a stray bit");
  }
  if (lo == 0 && ((st[0].first & ~DICT_REPORT) != 0 || st[0].fail != 0))
    bad_elem(c, DICT_SEC_STATE, 0, "bad root");
  if (hi > n && (st[n].first != n - 1 || st[n].fail != 0 || (st[n - 1].first & DICT_MASK) > n - 1))
    bad_elem(c, DICT_SEC_STATE, n, "bad sentinel");
}

static void check_rank(checker *c, size_t lo, size_t hi) {
  const kiji_dict *d = c->d;
  size_t w, nw = (d->nstates + 63) / 64;
  for (w = lo; w < hi; w++) {
    if (w == 0 ? d->rank[0] != 0 : d->rank[w] != d->rank[w - 1] + dict_popcount(d->bits[w - 1]))
      bad_elem(c, DICT_SEC_RANK, w, "wrong count");
    if (w == nw && d->rank[w] != d->nrecs) bad_elem(c, DICT_SEC_RANK, w, "wrong total");
  }
}

/* Record r: its outputs start after those before it (and at 0 for the
** first), end at N in the sentinel; a depth in [1, max_depth]; an output
** chain going down. Branch-free: 1 when bad. */
static inline uint32_t bad_rec(const kiji_dict *d, size_t r) {
  const dict_rec *x = &d->rec[r];
  uint32_t before = r ? x[-1].out : 0;
  if (r == d->nrecs) return (uint32_t)(x->out != d->nentries) | (uint32_t)(x->out < before);
  return (uint32_t)(x->out < before) | (uint32_t)(DICT_REC_LEN(x) - 1u >= d->max_depth) |
         (x->key & ~(DICT_MAX_KEY | DICT_REC_FLAGS)) |
         (uint32_t)(x->down - 1u < 0xFFFFFFFFu && x->down - 1u >= r);
}

static void check_rec(checker *c, size_t lo, size_t hi) {
  size_t r;
  uint32_t badv = 0;
  for (r = lo; r < hi; r++) badv |= bad_rec(c->d, r);
  if (!badv) return;
  for (r = lo; !bad_rec(c->d, r); r++) {}
  bad_elem(c, DICT_SEC_REC, r, "outputs out of order, bad depth or output chain");
}

static void check_out(checker *c, size_t lo, size_t hi) {
  size_t k;
  uint32_t badv = 0;
  for (k = lo; k < hi; k++) badv |= (uint32_t)(c->d->out[k] >= c->d->nentries);
  if (badv) bad_elem(c, DICT_SEC_OUT, lo, "an entry out of range in outputs %zu..%zu", lo, hi - 1);
}

/* Entry i: its strings between its offset and the next one's, inside POOL;
** known flags; a kind below K; an exact form exactly when the flag says
** so. The sentinel only ends the last entry inside POOL. */
static inline uint32_t bad_ent(const kiji_dict *d, size_t i) {
  const dict_ent *e = &d->ent[i];
  uint64_t used, room;
  uint32_t flags = DICT_ENT_FLAGS(e);
  if (i == d->nentries) return (uint32_t)(e->off > d->pool_size);
  used = (uint64_t)e->surface_len + e->payload_len +
         (e->id_len == DICT_NO_ID ? 0 : (uint64_t)e->id_len + 1);
  room = (uint64_t)e[1].off - e->off; /* wraps past 2^32 when out of order */
  return (uint32_t)(e[1].off < e->off) | (uint32_t)(used > room) | (flags & ~DICT_ALL_FLAGS) |
         (uint32_t)(DICT_ENT_KIND(e) >= d->nkinds) |
         (uint32_t)(((flags & KIJI_ENTRY_EXACT_CASE) != 0) != (used < room));
}

static void check_ent(checker *c, size_t lo, size_t hi) {
  size_t i;
  uint32_t badv = 0;
  for (i = lo; i < hi; i++) badv |= bad_ent(c->d, i);
  if (!badv) return;
  for (i = lo; !bad_ent(c->d, i); i++) {}
  bad_elem(c, DICT_SEC_ENT, i, "strings, flags or kind out of range");
}

static void check_kind(checker *c, size_t lo, size_t hi) {
  size_t i;
  for (i = lo; i < hi; i++) {
    const dict_kind *k = &c->d->kind[i];
    if (k->len == 0 || (uint64_t)k->off + k->len >= c->d->pool_size)
      bad_elem(c, DICT_SEC_KIND, i, "outside the pool");
  }
}

/* The elements of section sec that start in image bytes [a, b). */
static void check_range(checker *c, size_t a, size_t b) {
  static void (*const fn[DICT_NSEC])(checker *, size_t, size_t) = {
      check_class, check_dense, check_slow, check_state, NULL,       NULL,
      check_rank,  check_rec,   check_out,  check_ent,   check_kind, NULL};
  int i;
  for (i = 0; i < DICT_NSEC && !c->failed; i++) {
    size_t start = (size_t)c->h->sec[i].offset, end = start + (size_t)c->h->sec[i].size;
    size_t es = elsize[i], lo, hi;
    if (fn[i] == NULL || b <= start || a >= end) continue;
    lo = a <= start ? 0 : (a - start + es - 1) / es;
    hi = b >= end ? (end - start) / es : (b - start + es - 1) / es;
    if (lo < hi) fn[i](c, lo, hi);
  }
}

/* Header, checksum and every index, in one pass: the image at d->image is
** aligned. */
static int check_image(kiji_dict *d, kiji_error *err) {
  dict_header h;
  checker c;
  xxh x;
  size_t at = sizeof h, full;
  if (!check_header(d->image, d->size, &h, err)) return 0;
  kiji_dict_attach(d);
  memset(&c, 0, sizeof c);
  c.d = d;
  c.h = &h;
  c.err = err;
  xxh_init(&x);
  for (; d->size - at > CHUNK; at += CHUNK) {
    xxh_stripes(&x, d->image + at, CHUNK);
    check_range(&c, at, at + CHUNK);
  }
  full = (d->size - at) & ~(size_t)31;
  xxh_stripes(&x, d->image + at, full);
  check_range(&c, at, d->size);
  if (combine(header_hash(d->image), xxh_final(&x, d->image + at + full, d->size - at - full)) !=
      h.checksum)
    return bad(err, 24, "dictionary checksum mismatch (corrupt file)");
  return !c.failed;
}

/* ------------------------------------------------------------ load, save */

static void clear_error(kiji_error *err) {
  if (err) {
    err->status = KIJI_OK;
    err->offset = 0;
    err->message[0] = 0;
  }
}

static kiji_status fail_status(kiji_error *err, kiji_status st, const char *what, const char *path,
                               int errnum) {
  if (err) {
    char buf[120];
    err->status = st;
    err->offset = 0;
    if (errnum && strerror_r(errnum, buf, sizeof buf) != 0) buf[0] = 0;
    if (errnum)
      snprintf(err->message, sizeof err->message, "%s %.100s: %s", what, path, buf);
    else
      snprintf(err->message, sizeof err->message, "%s", what);
  }
  return st;
}

static kiji_dict *new_dict(void) {
  kiji_dict *d = kiji_alloc(sizeof *d);
  if (d) memset(d, 0, sizeof *d);
  return d;
}

void kiji_dict_free(kiji_dict *d) {
  if (d == NULL) return;
  if (d->mapped) munmap(d->mapped, d->mapped_len);
  kiji_dealloc(d->mem);
  kiji_dealloc(d);
}

/* Check d's image and hand it out, or free it. */
static kiji_status finish_load(kiji_dict *d, kiji_dict **out, kiji_error *err) {
  if (!check_image(d, err)) {
    kiji_dict_free(d);
    return KIJI_EINVAL;
  }
  kiji_dict_prepare(d);
  *out = d;
  return KIJI_OK;
}

kiji_status kiji_dict_load_bytes(const void *data, size_t len, kiji_dict **out, kiji_error *err) {
  dict_header h;
  kiji_dict *d;
  clear_error(err);
  if (out) *out = NULL;
  if (out == NULL || (data == NULL && len > 0))
    return fail_status(err, KIJI_EINVAL, "bad argument", NULL, 0);
  /* the header first, so that garbage costs no copy */
  if (!check_header(data, len, &h, err)) return KIJI_EINVAL;
  if ((d = new_dict()) == NULL || (d->mem = kiji_alloc(len)) == NULL) {
    kiji_dealloc(d);
    return fail_status(err, KIJI_ENOMEM, "out of memory", NULL, 0);
  }
  memcpy(d->mem, data, len); /* aligned, and ours: the caller may free data */
  d->image = d->mem;
  d->size = len;
  return finish_load(d, out, err);
}

/* The built-in images live in the library's read-only data and were
** checked whole by lexicon_gen before it wrote them (tests/c/test_dict.c
** checks them again): the header is enough here. The whole check cost
** 18 M instructions and a read of 10 MB for every annotator, two thirds
** of kiji_annotator_new and most of a short `kiji annotate`. */
kiji_status kiji_dict_load_builtin(const void *data, size_t len, kiji_dict **out, kiji_error *err) {
  dict_header h;
  kiji_dict *d;
  if (((uintptr_t)data & 7) != 0 || out == NULL) return kiji_dict_load_bytes(data, len, out, err);
  clear_error(err);
  *out = NULL;
  if (!check_header(data, len, &h, err)) return KIJI_EINVAL;
  if ((d = new_dict()) == NULL) return fail_status(err, KIJI_ENOMEM, "out of memory", NULL, 0);
  d->image = data;
  d->size = len;
  kiji_dict_attach(d);
  kiji_dict_prepare(d);
  *out = d;
  return KIJI_OK;
}

/* Read the whole file into d->mem (when it cannot be mapped). */
static int read_all(int fd, kiji_dict *d, size_t len) {
  size_t got = 0;
  if ((d->mem = kiji_alloc(len)) == NULL) return ENOMEM;
  while (got < len) {
    ssize_t r = read(fd, (char *)d->mem + got, len - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) return errno;
    if (r == 0) return EIO; /* the file shrank under us */
    got += (size_t)r;
  }
  d->image = d->mem;
  return 0;
}

static int map_file(int fd, kiji_dict *d, size_t len) {
  int flags = MAP_PRIVATE;
  void *p;
#ifdef MAP_POPULATE
  flags |= MAP_POPULATE; /* the checksum reads every page anyway */
#endif
  p = mmap(NULL, len, PROT_READ, flags, fd, 0);
  if (p == MAP_FAILED) return 0;
  d->mapped = p;
  d->mapped_len = len;
  d->image = p;
  return 1;
}

kiji_status kiji_dict_load(const char *path, kiji_dict **out, kiji_error *err) {
  struct stat sb;
  kiji_dict *d;
  int fd, e = 0;
  clear_error(err);
  if (out) *out = NULL;
  if (path == NULL || out == NULL) return fail_status(err, KIJI_EINVAL, "bad argument", NULL, 0);
  if ((fd = open(path, O_RDONLY)) < 0)
    return fail_status(err, KIJI_EINVAL, "cannot open", path, errno);
  if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
    /* errno only when fstat failed (else it is stale: say what the file is) */
    e = fstat(fd, &sb) != 0 ? errno : S_ISDIR(sb.st_mode) ? EISDIR : EINVAL;
    close(fd);
    return fail_status(err, KIJI_EINVAL, "not a regular file:", path, e ? e : EINVAL);
  }
  if ((uint64_t)sb.st_size < sizeof(dict_header) ||
      (uint64_t)(size_t)sb.st_size != (uint64_t)sb.st_size) {
    close(fd);
    return bad(err, 0, "truncated dictionary: %zu bytes", (size_t)sb.st_size), KIJI_EINVAL;
  }
  if ((d = new_dict()) == NULL) {
    close(fd);
    return fail_status(err, KIJI_ENOMEM, "out of memory", NULL, 0);
  }
  d->size = (size_t)sb.st_size;
  if (!map_file(fd, d, d->size)) e = read_all(fd, d, d->size);
  close(fd);
  if (e) {
    kiji_dict_free(d);
    return fail_status(err, e == ENOMEM ? KIJI_ENOMEM : KIJI_EINVAL, "cannot read", path, e);
  }
  return finish_load(d, out, err);
}

static int write_all(int fd, const unsigned char *p, size_t len) {
  while (len > 0) {
    ssize_t w = write(fd, p, len);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return 0;
    p += w;
    len -= (size_t)w;
  }
  return 1;
}

/* Write a new file, then rename it over path: a reader that has the old
** file mapped keeps it, and a crash never leaves half a dictionary. */
kiji_status kiji_dict_save(const kiji_dict *d, const char *path, kiji_error *err) {
  size_t n;
  char *tmp;
  int fd, ok, e;
  clear_error(err);
  if (d == NULL || path == NULL) return fail_status(err, KIJI_EINVAL, "bad argument", NULL, 0);
  n = strlen(path) + 64;
  if ((tmp = kiji_alloc(n)) == NULL) return fail_status(err, KIJI_ENOMEM, "out of memory", NULL, 0);
  snprintf(tmp, n, "%s.%ld.%lx.tmp", path, (long)getpid(), (unsigned long)(uintptr_t)d);
  if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0666)) < 0) {
    e = errno;
    kiji_dealloc(tmp);
    return fail_status(err, KIJI_EINVAL, "cannot create a file next to", path, e);
  }
  ok = write_all(fd, d->image, d->size);
  e = errno;
  if (close(fd) != 0 && ok) {
    ok = 0;
    e = errno;
  }
  if (ok && rename(tmp, path) != 0) {
    ok = 0;
    e = errno;
  }
  if (!ok) unlink(tmp);
  kiji_dealloc(tmp);
  return ok ? KIJI_OK : fail_status(err, KIJI_EINVAL, "cannot write", path, e ? e : EIO);
}

/* ------------------------------------------------------------ entries */

size_t kiji_dict_count(const kiji_dict *d) { return d ? d->nentries : 0; }

kiji_status kiji_dict_entry(const kiji_dict *d, size_t index, kiji_entry *out) {
  const dict_ent *e;
  const dict_kind *k;
  const char *p;
  if (d == NULL || out == NULL || index >= d->nentries) return KIJI_EINVAL;
  e = &d->ent[index];
  k = &d->kind[DICT_ENT_KIND(e)];
  p = d->pool + e->off;
  /* load checked the lengths; the NULs are checked here, when used */
  if (d->pool[k->off + k->len] != 0 ||
      (e->id_len != DICT_NO_ID && p[e->surface_len + e->id_len] != 0))
    return KIJI_EINVAL;
  out->surface = p;
  out->surface_len = e->surface_len;
  p += e->surface_len;
  out->kind = d->pool + k->off;
  out->id = e->id_len == DICT_NO_ID ? NULL : p;
  if (e->id_len != DICT_NO_ID) p += e->id_len + 1;
  out->flags = DICT_ENT_FLAGS(e) & DICT_USER_FLAGS;
  out->payload = e->payload_len ? p : NULL;
  out->payload_len = e->payload_len;
  return KIJI_OK;
}
