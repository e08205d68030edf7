/*
** dict.h -- the compiled dictionary (gazetteer), shared by dict_build.c
** (builder, compile), dict_file.c (save, load, structural checks) and
** dict_scan.c (the scan).
**
** A compiled dictionary is ONE image: a header and sections at 8-aligned
** offsets. Compile writes it, save writes it to disk as it is, load maps
** (or copies) it back, verifies its checksum and checks every index in it
** (dict_file.c); a kiji_dict is then a set of pointers into the image.
** Nothing is parsed per entry, so a saved dictionary is usable as soon as
** it is checked.
**
** The automaton is an Aho-Corasick automaton over the bytes of the match
** form of the surfaces, with its trie numbered breadth-first, children in
** label order. That numbering gives it three properties the image uses:
**   - the children of a state are consecutive states, so the edges of s
**     are the states (first[s], first[s + 1]] and the label of an edge is
**     the label of the state it leads to: no edge targets are stored;
**   - a failure link goes to a shallower state, hence a smaller number:
**     fail[s] < s for s > 0, which bounds every failure chain (load checks
**     it, so no image can make a scan loop);
**   - the same holds for the dictionary-suffix ("output") links between
**     records, so every output chain ends too.
**
** The shallowest states (the first D, by that numbering) also get a
** dense row of a DFA: the complete transition (failures folded in) for
** every byte class. A scan spends most of its bytes near the root, where
** a row makes a step one load; deeper states walk their labels and
** failure links (an NFA step) until a failure link lands in a dense
** state. The rows are 16-bit and stored by column (class k of state s
** at k * D + s), so that the entry IS the next state: a dense target
** that does not report is its number (below 2^15), any other target an
** index into SLOW (with DICT_ROW_SLOW), which holds the target as a scan
** stands on it: a dense state t, or DICT_NFA | a deep state t, and
** DICT_REPORT when t reports. The reporting dense states come first in
** SLOW, in order, so the index of one is its record: a step onto it
** queues that, no rank to count (an index past REC in a crafted image is
** skipped, as a wrong rank would be). Half the bytes of 32-bit rows buys twice
** the rows (by column, a step needs no multiplication: measured, a bit
** faster than 32-bit rows at the same count). So D < 2^15 and SLOW has
** at most 2^15 entries; the row budget is the compiler's (dict_build.c),
** a loader takes any D.
**
** Sections (counts in the header):
**   CLASS  uint8[256]        byte -> class: one per byte used in a label,
**                            class 0 for all the others
**   DENSE  uint16[C * D]     the rows of the D dense states, by column
**   SLOW   uint32[L]         the targets of entries with DICT_ROW_SLOW
**   STATE  dict_state[S+1]   first edge (| DICT_REPORT), failure link;
**                            the sentinel S holds first = S - 1
**   LABEL  uint8[S + pad]    the byte entering each state (0 for the root);
**                            padded so 16-byte loads past the end stay inside
**   BITS   uint64[W]         one bit per state: it has a record (W = S/64 up)
**   RANK   uint32[W + 1]     records before each word of BITS
**   REC    dict_rec[R + 1]   per reporting state: its outputs, the next
**                            record down its output chain, its key length
**   OUT    uint32[N]         entry indexes, grouped by record, ascending
**   ENT    dict_ent[N+1]     per entry: where its strings are, its kind and
**                            flags; the sentinel's off ends the last entry
**   KIND   dict_kind[K]      kind strings (interned)
**   POOL   bytes             per entry: surface, id NUL, payload, exact
**                            form; then each kind NUL
**
** Matching rules (kiji.h has the API):
**   - a match is a run of the normalized text equal to an entry's key (its
**     surface in the match form) that starts and ends on character
**     boundaries of the normalized text; its original range is what
**     kiji_map_origin gives for that run;
**   - word boundaries: an end of a key whose character there is a word
**     character (kiji_dict_word_char: a letter, digit or mark of a script
**     that separates words with spaces) needs a non-word character (or the edge
**     of the text) just outside the original range; KIJI_ENTRY_WORD asks
**     for the check at both ends, KIJI_ENTRY_NO_WORD at neither;
**   - KIJI_ENTRY_EXACT_CASE: the original range, normalized with the
**     match form without case folding, must equal the surface so
**     normalized;
**   - KIJI_SCAN_ALL: every match, sorted by original start, then end
**     (then normalized start and end, then entry index);
**   - KIJI_SCAN_LONGEST: among the matches that pass the filters, take
**     the one that starts first in the original and, among those, ends last
**     (then the longer normalized run, then the earlier one); drop the
**     matches that overlap it in the original; repeat. When several
**     entries share the winning key (the same surface under two kinds...),
**     EVERY one of them is reported, with the same range: a duplicate
**     surface is one match with several readings, and the caller picks.
*/
#ifndef KIJI_DICT_H
#define KIJI_DICT_H

#include "base/internal.h"

#define DICT_MAGIC "KIJIDICT"
#define DICT_VERSION 2u
#define DICT_BYTE_ORDER 0x01020304u

#define DICT_REPORT 0x80000000u /* the state has a record (STATE.first, SLOW) */
#define DICT_NFA 0x40000000u    /* SLOW, a walk: the state has no dense row */
#define DICT_MASK 0x1FFFFFFFu   /* a state, an edge */
#define DICT_MAX_STATES 0x1FFFFFFFu
#define DICT_ROW_SLOW 0x8000u  /* DENSE: the entry is an index into SLOW */
#define DICT_MAX_ROWS 0x7FFFu  /* dense states: their numbers are entries */
#define DICT_MAX_SLOW 0x8000u  /* SLOW entries: their indexes are entries */
#define DICT_NO_ID 0xFFFFFFFFu /* dict_ent.id_len of an entry without id */
#define DICT_LABEL_PAD 16      /* bytes after the last label (SIMD loads) */

/* dict_ent.flags: the caller's flags in the low bits, the ends that need
** a word boundary (decided at build time) above them. */
#define DICT_USER_FLAGS (KIJI_ENTRY_EXACT_CASE | KIJI_ENTRY_WORD | KIJI_ENTRY_NO_WORD)
#define DICT_NEED_LEFT (1u << 3)
#define DICT_NEED_RIGHT (1u << 4)
#define DICT_ALL_FLAGS (DICT_USER_FLAGS | DICT_NEED_LEFT | DICT_NEED_RIGHT)
#define DICT_MAX_KINDS (1u << 24) /* dict_ent.info: kind << 8 | flags */

enum {
  DICT_SEC_CLASS,
  DICT_SEC_DENSE,
  DICT_SEC_SLOW,
  DICT_SEC_STATE,
  DICT_SEC_LABEL,
  DICT_SEC_BITS,
  DICT_SEC_RANK,
  DICT_SEC_REC,
  DICT_SEC_OUT,
  DICT_SEC_ENT,
  DICT_SEC_KIND,
  DICT_SEC_POOL,
  DICT_NSEC
};

typedef struct dict_section {
  uint64_t offset, size;
} dict_section;

typedef struct dict_header {
  char magic[8];
  uint32_t version, byte_order;
  uint64_t size;     /* the whole image, header included */
  uint64_t checksum; /* kiji_dict_checksum: all but this field */
  uint64_t nstates, nentries, nrecs, nkinds, pool_size;
  uint64_t ndense, nclasses, nslow;
  uint64_t max_depth; /* the longest key, in bytes */
  dict_section sec[DICT_NSEC];
} dict_header;

typedef struct dict_state {
  uint32_t first; /* edges: states (first & MASK, next.first & MASK] */
  uint32_t fail;
} dict_state;

typedef struct dict_rec {
  uint32_t out;  /* outputs: OUT[out, next.out) */
  uint32_t down; /* 1 + the record of the longest proper suffix that
                           has outputs, or 0 */
  uint32_t key;  /* key length in bytes (0 in the sentinel) | what
                           its entries check, DICT_REC_* << 24 */
} dict_rec;

/* dict_rec.key: the entries' checks, when they are all the same and none
** is exact-case (DICT_REC_SAME), so that a scan need not read them. */
#define DICT_MAX_KEY 0xFFFFFFu
#define DICT_REC_LEN(r) ((r)->key & DICT_MAX_KEY)
#define DICT_REC_SAME (1u << 24)
#define DICT_REC_LEFT (1u << 25)
#define DICT_REC_RIGHT (1u << 26)
#define DICT_REC_FLAGS (DICT_REC_SAME | DICT_REC_LEFT | DICT_REC_RIGHT)

typedef struct dict_ent {
  uint32_t off; /* in POOL: surface, [id NUL], payload, exact form
                           (the exact form runs to the next entry's off) */
  uint32_t surface_len, id_len, payload_len;
  uint32_t info; /* kind << 8 | flags */
} dict_ent;

#define DICT_ENT_FLAGS(e) ((e)->info & 0xFFu)
#define DICT_ENT_KIND(e) ((e)->info >> 8)

/* Where an entry's exact form starts in POOL. */
static inline size_t dict_exact_off(const dict_ent *e) {
  return (size_t)e->off + e->surface_len + (e->id_len == DICT_NO_ID ? 0 : e->id_len + 1u) +
         e->payload_len;
}

typedef struct dict_kind {
  uint32_t off, len; /* in POOL, NUL-terminated */
} dict_kind;

struct kiji_dict {
  const unsigned char *image;
  size_t size;
  void *mem;    /* what kiji_dict_free releases (kiji_alloc'd) */
  void *mapped; /* or the file mapping of kiji_dict_load */
  size_t mapped_len;
  const uint8_t *cls;
  const uint16_t *dense;
  const uint32_t *slow;
  const dict_state *st;
  const uint8_t *label;
  const uint64_t *bits;
  const uint32_t *rank;
  const dict_rec *rec;
  const uint32_t *out;
  const dict_ent *ent;
  const dict_kind *kind;
  const char *pool;
  size_t nstates, nentries, nrecs, nkinds, pool_size, ndense, nclasses, nslow, max_depth;
  /* worked out by kiji_dict_prepare, for the scan: */
  uint32_t col[256]; /* where each byte's column starts in DENSE: its class * D */
  uint8_t idle[256]; /* 1: the byte leads from the root to the root, unreported */
};

/* Without the instruction, GCC's builtin is a library call: the
** bit-slicing count instead, inline. */
static inline size_t dict_popcount(uint64_t x) {
#if defined(__GNUC__) && defined(__POPCNT__)
  return (size_t)__builtin_popcountll(x);
#else
  x -= (x >> 1) & 0x5555555555555555ull;
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
  return (size_t)((x * 0x0101010101010101ull) >> 56);
#endif
}

/* The record of state s, when s has one: how many states below s do. */
static inline size_t dict_rank(const kiji_dict *d, uint32_t s) {
  return d->rank[s >> 6] + dict_popcount(d->bits[s >> 6] & (((uint64_t)1 << (s & 63)) - 1));
}

/* Point d's arrays into its image (whose header is already checked). */
KIJI_HIDDEN void kiji_dict_attach(kiji_dict *d);

/* Work out d's scan constants (dict_file.c), once its rows are trusted. */
KIJI_HIDDEN void kiji_dict_prepare(kiji_dict *d);

/* XXH64 with seed 0 (dict_file.c). */
KIJI_HIDDEN uint64_t kiji_xxh64(const void *data, size_t len);

/* The checksum of an image of size bytes (header first, size >= header). */
KIJI_HIDDEN uint64_t kiji_dict_checksum(const unsigned char *image, size_t size);

/* A letter, digit or mark of a script that puts spaces between words
** (Latin, Greek, Cyrillic, Hangul...): not CJK, kana, Thai and the like. */
KIJI_HIDDEN int kiji_dict_word_char(int32_t c);

/* Fill h->sec and h->size from the counts in h; 0 when the counts are
** beyond the format's limits or the image would not fit in a size_t. */
KIJI_HIDDEN int kiji_dict_layout(dict_header *h);

/* How many entries b holds, and dropping those added after the first
** count (their kinds stay interned): a TSV text goes in whole or not at
** all (dict_tsv.c). */
KIJI_HIDDEN size_t kiji_dict_builder_count(const kiji_dict_builder *b);
KIJI_HIDDEN void kiji_dict_builder_truncate(kiji_dict_builder *b, size_t count);

/* Room for count more entries, made at once (a TSV text counts its lines
** first): 0 when memory runs out, which adding would find anyway. */
KIJI_HIDDEN int kiji_dict_builder_reserve(kiji_dict_builder *b, size_t count);

/* kiji_dict_scan_normalized for the keys that start in norm[from, to)
** only: a long text scanned part by part, each key found once, its
** checks made on the whole text (the annotator keeps a window's hits,
** not the document's). */
KIJI_HIDDEN kiji_status kiji_dict_scan_part(const kiji_dict *d, kiji_scan *s, const char *text,
                                            size_t len, const char *norm, size_t norm_len,
                                            const kiji_map *map, size_t from, size_t to,
                                            kiji_scan_mode mode);

/* kiji_dict_compile with a budget of its own for the dense rows, in
** bytes (0: the usual one, which keeps a user's dictionary small): the
** built-in lexicon, compiled once, takes more (gen/lexicon_gen.c). */
KIJI_HIDDEN kiji_status kiji_dict_compile_rows(kiji_dict_builder *b, size_t rows, kiji_dict **out);

/* Load a built-in image (plugin/dict/lexicon.h: checked whole when it was
** generated, read-only, outliving the dictionary) in place, its header
** checked, when it is 8-aligned; else as kiji_dict_load_bytes does. */
KIJI_HIDDEN kiji_status kiji_dict_load_builtin(const void *data, size_t len, kiji_dict **out,
                                               kiji_error *err);

#endif
