/*
** ann.h -- the annotation stage's shared model: dictionary hits decoded
** into kinds, one sentence's candidates, and the document being built.
**
** The files, bottom up, are listed in README.md: each calls only the
** files above it (tests/suites/layers.t). Internal: include/kiji.h is
** the API.
*/
#ifndef KIJI_ANN_H
#define KIJI_ANN_H

#include <string.h>

#include "ann_text.h"
#include "annotate/word_classes.h"
#include "base/internal.h"

/* What a dictionary entry is to the rules (its kind string). */
typedef enum ann_kind {
  AK_OTHER = 0,
  AK_OUTLET,
  AK_BODY,
  AK_TITLE,
  AK_COUNTRY,
  AK_ORG,
  AK_GENERIC,
  AK_SOURCE,
  AK_OUTLET_PREFIX,
  AK_OUTLET_SUFFIX,
  AK_MODIFIER,
  AK_CUE,
  AK_WORD, /* a word the rules consult: looked up (words.c), never a hit */
  AK_DATE  /* a word of a date expression: a hit that dates.c alone reads */
} ann_kind;

/* The classes of a word (the subtypes of kind `word`): AW_THE... */
#define KIJI_AW_ENUM(e, name) AW_##e,
typedef enum ann_word_class { KIJI_WORD_CLASSES(KIJI_AW_ENUM) AW_COUNT } ann_word_class;
#undef KIJI_AW_ENUM

/* A set of word classes (a word's: words.c), AW_IN(set, cls) each. */
typedef struct ann_classes {
  uint64_t bits[(AW_COUNT + 63) / 64];
} ann_classes;
#define AW_IN(set, cls) ((int)((set).bits[(cls) / 64] >> ((cls) % 64) & 1))

/* A class's filters (words.c): a word of n bytes from its first to its
** last character is of the class only if it passes them, and most words
** of a text fail them, before any lookup. */
typedef struct ann_class_filter {
  uint64_t lengths;  /* bit k: a word of the class of k + 1 bytes */
  uint64_t sig[16];  /* its words' signatures (kiji_ann_word_sig) */
  uint64_t pair[16]; /* its words' first two bytes (kiji_ann_word_pair) */
  uint64_t last;     /* its words' last characters (kiji_ann_char_bit) */
} ann_class_filter;

/* A character's bit in a class's 64-bit filter of characters. */
static inline uint64_t kiji_ann_char_bit(uint32_t c) {
  return (uint64_t)1 << ((c * 2654435761u) >> 26);
}

/* A word's first two bytes s[start..end), five bits of each (the second
** 0 for a word of one byte): one of 1024. */
static inline unsigned kiji_ann_word_pair(const unsigned char *s, size_t start, size_t end) {
  return (s[start] & 31u) << 5 | (end - start > 1 ? s[start + 1] & 31u : 0u);
}

/* A word's signature, one of 1024: its first and last characters and its
** length in bytes. */
static inline unsigned kiji_ann_word_sig(uint32_t first, uint32_t last, size_t n) {
  return ((first * 2654435761u) ^ (last * 2246822519u) ^ ((uint32_t)n * 3266489917u)) >> 22;
}

static inline int kiji_ann_filter_passes(const ann_class_filter *f, uint32_t first, uint32_t last,
                                         size_t n) {
  unsigned g;
  if (n == 0 || n > 64 || !(f->lengths >> (n - 1) & 1)) return 0;
  g = kiji_ann_word_sig(first, last, n);
  return (int)(f->sig[g >> 6] >> (g & 63) & 1);
}

/* Its subtype (the payload's subtype=), one list for every kind. */
typedef enum ann_sub {
  AS_OTHER = 0,
  /* outlets and outlet suffixes */
  AS_AGENCY,
  AS_NEWSPAPER,
  AS_BROADCASTER,
  AS_MAGAZINE,
  AS_ONLINE,
  /* bodies */
  AS_GOVERNMENT,
  AS_MINISTRY,
  AS_MILITARY,
  AS_OFFICE,
  AS_EMBASSY,
  AS_POLICE,
  AS_LOCAL,
  AS_GENERIC,
  /* titles */
  AS_HEAD,
  AS_MINISTER,
  AS_DEPUTY,
  AS_SPOKESPERSON,
  AS_AMBASSADOR,
  AS_SECRETARY,
  AS_GOVERNOR,
  AS_SENIOR,
  /* countries and places */
  AS_COUNTRY,
  AS_CAPITAL,
  AS_PREFECTURE,
  AS_REGION,
  /* modifiers */
  AS_RANK,
  AS_FIELD,
  /* cues */
  AS_DENIAL_VERB,
  AS_DENIAL_NOUN,
  AS_DENIAL_PRED,
  AS_DENIAL_JA,
  AS_ATTRIB_VERB,
  AS_ATTRIB_PREP,
  AS_ATTRIB_JA_SOURCE,
  AS_ATTRIB_JA_VERB,
  AS_TRAP,
  AS_NEGATION,
  AS_DENY_OBJECT,
  /* dates (dates.c) */
  AS_MONTH,
  AS_WEEKDAY,
  AS_ERA,
  AS_ERA_YEAR,
  AS_REL_DAY,
  AS_REL_WEEK,
  AS_REL_MONTH,
  AS_REL_YEAR,
  AS_PART,
  AS_DAYPART,
  AS_COUNT
} ann_sub;

/* One dictionary match, decoded. Strings borrow the dictionary's bytes. */
typedef struct ann_hit {
  size_t start, end;  /* the view (the match form; see annotate.c) */
  unsigned char kind; /* ann_kind */
  unsigned char sub;  /* ann_sub */
  kiji_str id, name, country, subtype;
  kiji_str bases; /* a,b: the records this one is its country's own of (nationals.c) */
} ann_hit;

/* A candidate subject or source that is not a mention (a bare name, a
** pronoun, a country as an agent). */
typedef struct ann_party {
  size_t start, end;
  size_t mention; /* KIJI_NONE for a plain span */
} ann_party;

/* The size of text past which the sentence finder's spans are given back
** once the sentences are found, not kept for the next call (and past which
** a batch's doc is not kept for the next batch: spare_docs.h). */
#define ANN_KEEP ((size_t)1 << 20)

/* Decoded entries, two places for each (dictionary, entry), skewed
** (ann_hits.c): most hits of a batch of news are the same few hundred
** entries (which sets of two places lost to one another: the Japanese
** fixtures' 250 were decoded 1,196 times in 20 rounds, 253 now). */
#define ANN_CACHE_SIZE 1024
typedef struct ann_cached {
  const kiji_dict *dict;
  size_t entry;
  ann_hit hit; /* start and end unused */
} ann_cached;

/* The document under construction and its scratch (struct kiji_doc). */
typedef struct ann_buf {
  void *p;
  size_t n, cap;
} ann_buf;

/* Lookups into one sentence that ann_index.c builds on first use (a rule
** that asks about a position then costs a logarithm, not a pass over the
** sentence: hostile text puts 10^6 cues into one sentence). `of` is 1 +
** the sentence a lookup was built for, 0 for none since the last call. */
enum {
  ANN_IX_DQUOTE,
  ANN_IX_BRACKET,
  ANN_IX_CLOSE,
  ANN_IX_COMMA,
  ANN_IX_ENDS,
  ANN_IX_BY_END,
  ANN_IX_TOPIC,
  ANN_IX_SUBJECT,
  ANN_IX_LEAD,
  ANN_IX_TRAIL,
  ANN_IX_NONLETTER,
  ANN_IX_BREAKS, /* (view.c: whether the sentence holds a line break) */
  ANN_IX_COUNT
};
typedef struct ann_lookup {
  ann_buf b;
  size_t of;
} ann_lookup;

/* What frames a quotation (quotes.c): its speaker (start KIJI_NONE when
** none; the antecedent when it is an anaphor) and its verb or label. */
typedef struct ann_frame {
  ann_party speaker;
  size_t antecedent;
  kiji_range cue;
} ann_frame;

/* A quotation still open when its sentence ends (quotes.c): kind 0 when
** none. Its text starts at open (KIJI_NONE: with the next sentence) and
** so far ends at last; frame is what introduced it, direct when a speech
** verb stands right before its mark (then no verb after it overrides). */
typedef struct ann_quoting {
  int kind, depth, direct;
  size_t open, last, sentence;
  ann_frame frame;
} ann_quoting;

/* The classes of the words of the view asked lately, by where they start
** (words.c): the rules ask about the same word many times, one class at a
** time. end 0: empty. 64: a sentence's words, and few to empty per text. */
#define ANN_WORD_MEMO 64
typedef struct ann_word_memo {
  size_t start, end;
  ann_classes classes;
} ann_word_memo;

struct kiji_doc {
  uintptr_t annotator; /* the address of the one it last worked for (annotate.c: meet) */
  unsigned long long annotator_born; /* and when that one was made */
  kiji_norm *norm; /* the view: the match form and its map (first NFKC, for sentences) */
  size_t map_hint; /* the map's piece looked up last (kiji_map_origin_near): rules go in order */
  const kiji_map *view_map; /* kiji_norm_map(norm) once the view is made (view.c reads it) */
  kiji_seg *seg;
  kiji_scan *scan;
  const char *text; /* the caller's input of the last call */
  size_t len;
  kiji_lang lang;
  ann_buf hits;                /* ann_hit: every match of every dictionary */
  ann_buf picked;              /* ann_hit: one sentence's selected hits */
  ann_buf occupied;            /* unsigned char per byte of a sentence */
  ann_buf sentences;           /* kiji_range */
  ann_buf mentions;            /* kiji_mention */
  ann_buf denials;             /* kiji_denial */
  ann_buf attributions;        /* kiji_attribution */
  ann_buf acronyms;            /* the text's acronyms so far (acronyms.c) */
  ann_buf acronym_hits;        /* ann_hit: a sentence's entities and its acronyms */
  ann_buf quotes;              /* kiji_quote */
  ann_buf json;                /* char */
  ann_cached *cache;           /* ANN_CACHE_SIZE slots, made on first use */
  ann_lookup ix[ANN_IX_COUNT]; /* one sentence's lookups (ann_index.c) */
  ann_word_memo *words_seen;   /* ANN_WORD_MEMO, made on first use, emptied per text */
  size_t parties_of;           /* 1 + the sentence whose topics and subjects ix lists (parties.c) */
  size_t parties_stage;        /* how many kinds of candidates they list so far */
  int parties_subjects;        /* whether it holds a subject particle (-1: not yet known) */
  kiji_range dateline;         /* the text's first dateline or credit (datelines.c) */
  size_t source;               /* the outlet mention it names, or KIJI_NONE */
  size_t targeted; /* 1 + the last denial of the sentences done with a target, or 0 (targets.c) */
  ann_quoting quoting;           /* a quotation open past its sentence (quotes.c) */
  char date[KIJI_DATE_ISO_SIZE]; /* the article's: the caller's, else the dateline's */
  kiji_date ref;                 /* what relative dates read against (dates.c) */
  int dated;                     /* the dateline's date was read */
  ann_buf given_name;            /* char: the source the caller named */
  kiji_mention given;            /* it, as the dictionaries know it */
  int has_given;
  char error[200];
  size_t error_offset;
};

/* The words the rules consult, by their match form (words.c). */
typedef struct ann_words ann_words;
/* Countries' own bodies and titles of general ones (nationals.c). */
typedef struct ann_nationals ann_nationals;

/* One sentence as the rules see it. */
typedef struct ann_sent {
  kiji_doc *doc;
  const ann_words *words;          /* the annotator's */
  const ann_class_filter *filters; /* its filters, by class (kiji_ann_word_filters) */
  const ann_nationals *nationals;
  const unsigned char *s; /* the whole original text */
  size_t start, end;      /* the sentence */
  size_t index;           /* in doc->sentences */
  int ja;                 /* Japanese rules apply */
  const ann_hit *ent;     /* entity hits (not cues), non-overlapping, in order */
  size_t nent;
  const ann_hit *cue; /* cue hits (traps and negations included), likewise */
  size_t ncue;
  const ann_hit *all; /* every hit of the sentence, overlapping, by start */
  size_t nall;
  size_t first_mention;           /* this sentence's mentions: [first_mention, n) */
  kiji_range dateline;            /* its dateline or credit (datelines.c): nobody's subject */
  size_t floor;                   /* where its paragraph starts: past a dateline, else start */
  const unsigned char *compounds; /* the annotator's kiji_ann_compound_blocks, or NULL */
  kiji_range dates;               /* all[start, end) holds its date words (dates.c's, set by it) */
} ann_sent;

/* ann_hits.c */
/* The hits of dictionary d's matches m[0, count), decoded into out (a
** match of a kind the rules take no hit of, or of an entry that cannot be
** read, is none): how many. */
KIJI_HIDDEN size_t kiji_ann_decode_matches(kiji_doc *doc, const kiji_dict *d, const kiji_match *m,
                                           size_t count, ann_hit *out);
/* The value of key= in a payload of ;-separated key=value fields. */
KIJI_HIDDEN kiji_str kiji_ann_payload_field(const char *p, size_t n, const char *key);
/* A dictionary entry decoded (start and end left alone); 0 when no entry. */
KIJI_HIDDEN int kiji_ann_decode_entry(const kiji_dict *d, size_t entry, ann_hit *out);
/* The name of a subtype ("agency"; "" for AS_OTHER). */
KIJI_HIDDEN const char *kiji_ann_sub_name(unsigned char sub);
/* Whether a hit's entry has this id. */
KIJI_HIDDEN int kiji_ann_is(const ann_hit *h, const char *id);
/* kiji_ann_is for an id of n bytes, inline; ANN_IS(h, "cue.said") for a
** literal, whose length the compiler knows: the length tells most ids
** apart before any compare (the rules ask several ids of every cue). */
static inline int kiji_ann_is_n(const ann_hit *h, const char *id, size_t n) {
  return h->id.ptr && h->id.len == n && memcmp(h->id.ptr, id, n) == 0;
}
#define ANN_IS(h, lit) kiji_ann_is_n((h), "" lit, sizeof(lit) - 1)
/* Select non-overlapping hits of [start, end): the longest first, then the
** leftmost; entities and cues separately. The hits of that range must be
** hits[0..n) sorted by start. Fills sent->ent/cue; 0 when out of memory. */
KIJI_HIDDEN int kiji_ann_select(kiji_doc *doc, ann_sent *sent, const ann_hit *hits, size_t n);

/* doc.c: growing arrays; 0 when out of memory. */
KIJI_HIDDEN void *kiji_ann_push(ann_buf *b, size_t elsize);
/* Room for need elements (kiji_grow), with no call when it is there: a
** sentence's scratch and its records find room most times. */
static inline int kiji_ann_room(void **p, size_t *cap, size_t need, size_t elsize) {
  return need <= *cap || kiji_grow(p, cap, need, elsize);
}
KIJI_HIDDEN kiji_mention *kiji_ann_mention(ann_sent *st, size_t start, size_t end, kiji_kind kind,
                                           const char *subtype);

/* ann_index.c: lookups into the sentence, each answering what a pass over
** it would (ann_index.c says how). A lookup is built for one sentence on
** first use: kiji_ann_lookup gives it, or NULL (emptied) when it must be
** built, and kiji_ann_lookup_done marks it built. */
KIJI_HIDDEN void kiji_ann_index_reset(kiji_doc *doc);
static inline ann_buf *kiji_ann_lookup(const ann_sent *st, int which) {
  ann_lookup *l = &st->doc->ix[which];
  if (l->of == st->index + 1) return &l->b;
  l->of = 0;
  l->b.n = 0;
  return NULL;
}
static inline void kiji_ann_lookup_done(const ann_sent *st, int which) {
  st->doc->ix[which].of = st->index + 1;
}
/* The first of hits h[0..n) that ends after pos (h: one layer of
** kiji_ann_select, whose ends ascend too), or that starts at pos or later
** (h sorted by start); n when none. */
KIJI_HIDDEN size_t kiji_ann_hit_after(const ann_hit *h, size_t n, size_t pos);
KIJI_HIDDEN size_t kiji_ann_hit_from(const ann_hit *h, size_t n, size_t pos);
/* Whether pos is inside "…" / “…”, or inside 「…」 / 『…』, of the sentence. */
KIJI_HIDDEN int kiji_ann_in_double_quotes(const ann_sent *st, size_t pos);
/* Where the quotation that holds pos closes (its closing mark, or the
** sentence's end), or KIJI_NONE when pos is in no "…". */
KIJI_HIDDEN size_t kiji_ann_quote_close(const ann_sent *st, size_t pos);
/* Whether the double quote at i opens a quotation, by what stands before it. */
KIJI_HIDDEN int kiji_ann_mark_opens(const ann_sent *st, size_t i);
KIJI_HIDDEN int kiji_ann_in_brackets(const ann_sent *st, size_t pos);
/* The 「 that the 」 starting at close closes, or KIJI_NONE. */
KIJI_HIDDEN size_t kiji_ann_bracket_open(const ann_sent *st, size_t close);
/* i moved back to just after the last 、 or , that lies in [floor, i); floor
** when there is none (i itself when i <= floor). */
KIJI_HIDDEN size_t kiji_ann_comma_back(const ann_sent *st, size_t floor, size_t i);
/* Once the sentence's mentions are sorted (attributions, denials): the
** first overlapping [start, end), the first that ends at pos; KIJI_NONE. */
KIJI_HIDDEN size_t kiji_ann_mention_at(const ann_sent *st, size_t start, size_t end);
KIJI_HIDDEN size_t kiji_ann_mention_ending(const ann_sent *st, size_t pos);
/* The bytes of the sentence that its mentions cover, one flag each, in
** the document's scratch `occupied` (the selection's, free once it is
** done): kiji_ann_cover_mentions makes them (0 when out of memory), then
** kiji_ann_covered asks whether a mention covers a byte of [start, end)
** and kiji_ann_cover adds one. Asking costs the range's length, not a
** pass over the mentions, which are not sorted until the relations. */
KIJI_HIDDEN int kiji_ann_cover_mentions(const ann_sent *st);
KIJI_HIDDEN int kiji_ann_covered(const ann_sent *st, size_t start, size_t end);
KIJI_HIDDEN void kiji_ann_cover(const ann_sent *st, size_t start, size_t end);
/* Whether pos lies in a long run (64 bytes or more) of characters of a
** class (lookup `which` holds the runs of that class), and the run. */
KIJI_HIDDEN int kiji_ann_long_run(const ann_sent *st, int which, int (*in_class)(uint32_t c),
                                  size_t pos, size_t *start, size_t *end);

/* view.c: whether the original character at view position pos is a
** capital letter (Lu, Lt: Ａ and Á count); whether the original bytes
** behind [a, b) hold a line break; every record's ranges carried from
** the view to the original bytes (after the rules). */
KIJI_HIDDEN int kiji_ann_capital(const ann_sent *st, size_t pos);
KIJI_HIDDEN int kiji_ann_line_break(const ann_sent *st, size_t a, size_t b);
/* Whether only blanks lie between a line break (or the text's start)
** and the character at view position pos; between the character that
** ends at pos and a line break (or the text's end). */
KIJI_HIDDEN int kiji_ann_line_starts(const ann_sent *st, size_t pos);
KIJI_HIDDEN int kiji_ann_line_ends(const ann_sent *st, size_t pos);
/* Whether white space of the original that the view dropped (between
** Japanese characters) stands just before the character at pos. */
KIJI_HIDDEN int kiji_ann_spaced(const ann_sent *st, size_t pos);
KIJI_HIDDEN void kiji_ann_to_original(kiji_doc *doc);
/* kiji_map_target_near and kiji_map_origin_near of the view's map (a
** normalizer's), with their answers and their hint, cheaper: the
** annotator's lookups (hits, sentences, records). */
KIJI_HIDDEN kiji_status kiji_ann_to_view(const kiji_map *m, size_t start, size_t end, size_t *vs,
                                         size_t *ve, size_t *hint);
KIJI_HIDDEN kiji_status kiji_ann_to_origin(const kiji_map *m, size_t start, size_t end, size_t *os,
                                           size_t *oe, size_t *hint);
/* The hits h[0, n) of one dictionary, in the original's offsets and in
** order of their starts, carried to the view's, those that do not fit
** the map dropped: how many are left, at the start of h, in order. */
KIJI_HIDDEN size_t kiji_ann_hits_to_view(const kiji_map *m, ann_hit *h, size_t n, size_t *hint);

/* words.c: the table of every dictionary's `word` entries (NULL when out
** of memory), and words by class (ann_word_class) on the view: the end
** of the longest word of class cls at pos, or 0; the first in [from, to),
** its start (and *end), or KIJI_NONE. */
KIJI_HIDDEN ann_words *kiji_ann_words_new(const kiji_dict *builtin, const kiji_dict *const *extra,
                                          size_t n_extra);
KIJI_HIDDEN void kiji_ann_words_free(ann_words *w);
KIJI_HIDDEN size_t kiji_ann_word_at(const ann_sent *st, size_t pos, int cls);
/* The filters of every class, AW_COUNT of them (ann_sent's). */
KIJI_HIDDEN const ann_class_filter *kiji_ann_word_filters(const ann_words *w);
/* kiji_ann_word_is past the filters of its ASCII ends: the lookup. */
KIJI_HIDDEN int kiji_ann_word_lookup(const ann_sent *st, const ann_word *w, int cls);
/* Whether the Latin word w is a word of class cls, as a whole: most words
** fail the class's filters, checked here with no call (the rules ask
** some 20 times per word of a text). */
static inline int kiji_ann_word_is(const ann_sent *st, const ann_word *w, int cls) {
  const unsigned char *s = st->s;
  unsigned g;
  if (w->end > w->start && (g = kiji_ann_word_pair(s, w->start, w->end),
                            !(st->filters[cls].pair[g >> 6] >> (g & 63) & 1)))
    return 0; /* (two letters tell most words of a text from a class's few) */
  if (w->end > w->start && (s[w->start] | s[w->end - 1]) < 0x80 &&
      !kiji_ann_filter_passes(&st->filters[cls], s[w->start], s[w->end - 1], w->end - w->start))
    return 0;
  return kiji_ann_word_lookup(st, w, cls);
}
/* All the classes of the Latin word w at once (one lookup for a rule that
** asks several): AW_IN(set, cls) for each. */
KIJI_HIDDEN ann_classes kiji_ann_word_classes(const ann_sent *st, const ann_word *w);
KIJI_HIDDEN size_t kiji_ann_word_within(const ann_sent *st, size_t from, size_t to, int cls,
                                        size_t *end);
/* The start of the longest word of class cls that ends at pos and starts
** at floor or after it, or KIJI_NONE. */
KIJI_HIDDEN size_t kiji_ann_word_ending(const ann_sent *st, size_t floor, size_t pos, int cls);
/* Whether a word of class cls may end with the character c (0: none
** does; a filter, so 1 may be wrong): a scan that has c at hand asks this
** before kiji_ann_word_ending. */
static inline int kiji_ann_may_end(const ann_sent *st, uint32_t c, int cls) {
  return (st->filters[cls].last & kiji_ann_char_bit(c)) != 0;
}
/* The end of a Japanese report verb at pos that qualifies the noun after
** it (報じたメモ, 報じた内容: a relative clause, whose Xが is no subject of
** the sentence), or 0. */
KIJI_HIDDEN size_t kiji_ann_report_clause_ja(const ann_sent *st, size_t pos);

/* heads.c: what follows the word that ends at pos, for a name found by
** its last word: nothing (the sentence or its line ends), a mark
** (punctuation, a possessive 's), a word that may follow a noun phrase's
** head (a verb cue, a title, on, which, and...), or another word, which
** goes on with the phrase ("military hackers", "Times Square"). *next is
** the word after pos when there is one. */
typedef enum ann_after {
  ANN_AFTER_NOTHING,
  ANN_AFTER_MARK,
  ANN_AFTER_WORD,
  ANN_AFTER_NOUN
} ann_after;
KIJI_HIDDEN ann_after kiji_ann_after_head(const ann_sent *st, size_t pos, ann_word *next);
/* Whether a verb cue overlaps [start, end): a denial or an attribution
** verb, or a trap or a negation before one ("declined to confirm", "did
** not"); not a noun ("denial") or a refusal's object ("service"). */
KIJI_HIDDEN int kiji_ann_verb_cue(const ann_sent *st, size_t start, size_t end);

/* nationals.c: the table of every dictionary's national records (NULL
** when out of memory); the record that base is in country (a country's
** own: "Defense Ministry" in JP is jp.mod), or NULL. */
KIJI_HIDDEN ann_nationals *kiji_ann_nationals_new(const kiji_dict *const *dicts, size_t ndicts);
KIJI_HIDDEN void kiji_ann_nationals_free(ann_nationals *t);
KIJI_HIDDEN const ann_hit *kiji_ann_national(const ann_sent *st, const ann_hit *base,
                                             kiji_str country);

/* parties.c: the subject before pos (English: the nearest candidate that
** no preposition governs; Japanese: the topic Xは, else the subject Xが),
** the party right after pos ("according to X", "said X"), the mention
** that ends at pos (Xによると). 0 when there is none. */
KIJI_HIDDEN int kiji_ann_subject_en(const ann_sent *st, size_t pos, ann_party *out);
KIJI_HIDDEN int kiji_ann_party_after_en(const ann_sent *st, size_t pos, ann_party *out);
KIJI_HIDDEN int kiji_ann_subject_ja(const ann_sent *st, size_t pos, ann_party *out);
KIJI_HIDDEN int kiji_ann_party_before_ja(const ann_sent *st, size_t pos, ann_party *out);
/* Any noun phrase as a source, when no party is one: the one that ends
** before pos (its verb: "analysts said", "a spokesman for the firm
** said"; not the object of a preposition), the one that starts at pos
** ("according to a poll by the Asahi", "said the firm's chief"), the
** Japanese one that ends at pos (世論調査によると). A plain span, or the
** mention when the phrase is one less its determiner. 0 when none. */
KIJI_HIDDEN int kiji_ann_np_before_en(const ann_sent *st, size_t pos, ann_party *out);
KIJI_HIDDEN int kiji_ann_np_after_en(const ann_sent *st, size_t pos, ann_party *out);
KIJI_HIDDEN int kiji_ann_np_before_ja(const ann_sent *st, size_t pos, ann_party *out);
/* Who acts in a Japanese clause before pos: the topic, else the subject;
** the subject after an outlet's topic, which then reports (*reporter its
** mention, else KIJI_NONE). 0 when there is none. */
KIJI_HIDDEN int kiji_ann_agent_ja(const ann_sent *st, size_t pos, ann_party *out, size_t *reporter);

/* claims.c: whether a speech-verb cue is used as a noun ("the report",
** "Kyodo's report"); [start, end) less spaces and punctuation at its ends;
** the Japanese claim before a cue (the 〜と / 〜を part; を when accept_wo),
** after the speaker's particle when the speaker ends before the cue. */
KIJI_HIDDEN int kiji_ann_noun_use(const ann_sent *st, const ann_hit *v);
/* The same with the word before v known: prev (kiji_ann_word_before from
** the sentence's start), NULL for none. */
KIJI_HIDDEN int kiji_ann_noun_use_by(const ann_sent *st, const ann_hit *v, const ann_word *prev);
/* Where the claim of a reporting verb that ends at pos starts when a
** clause or a quotation follows it ("that …", ': "…', "the plan would
** fail", "he would", past a hearer: "warned investors that …"), or
** KIJI_NONE when none does ("noted the figures", "warned of risks"). */
KIJI_HIDDEN size_t kiji_ann_clause_after(const ann_sent *st, size_t pos);
KIJI_HIDDEN kiji_range kiji_ann_trimmed(const ann_sent *st, size_t start, size_t end);
/* Where a particle と (or を, when accept_wo) sits just before pos, across
** a few adverbs (と明確に否定した), or KIJI_NONE. */
KIJI_HIDDEN size_t kiji_ann_particle_before(const ann_sent *st, size_t pos, int accept_wo);
KIJI_HIDDEN kiji_range kiji_ann_ja_claim(const ann_sent *st, size_t cue_start, int accept_wo,
                                         size_t speaker_end);
/* kiji_ann_ja_claim with its particle found at `to` (kiji_ann_particle_before's). */
KIJI_HIDDEN kiji_range kiji_ann_ja_claim_from(const ann_sent *st, size_t to, size_t cue_start,
                                              size_t speaker_end);

/* The relations, in the order annotate.c's table runs them. 0 when out of memory.
** A sentence gives at most ANN_MAX_ATTRIBUTIONS attributions (and denials.c
** weighs at most 16 denial cues): news has a few; a line of 10^5 cues is
** hostile input, and each record carries its sentence (and often a claim
** to the sentence's end) into the JSON and the Lua tables, which would
** then grow with the square of the line. */
#define ANN_MAX_ATTRIBUTIONS 32
/* Before officials: the uses of a body's acronym defined in an earlier
** sentence join the sentence's entities (st->ent), as lexicon bodies. */
KIJI_HIDDEN int kiji_ann_acronym_entries(ann_sent *st);
KIJI_HIDDEN int kiji_ann_officials(ann_sent *st);
KIJI_HIDDEN int kiji_ann_outlets(ann_sent *st);
KIJI_HIDDEN int kiji_ann_open_mentions(ann_sent *st);
/* open_mentions.c: what the code points of each block of 64 of the BMP
** (c >> 6) are to a Japanese compound: 1 none is kanji or katakana, 2 all
** are kanji, 3 all katakana, 0 ask each; 4 + r: each is told at
** ANN_BMP_BLOCKS + 64 r + (c & 63), for ANN_MIXED_BLOCKS of the others.
** Made once per annotator, ANN_COMPOUND_BLOCKS bytes. */
#define ANN_BMP_BLOCKS 1024
#define ANN_MIXED_BLOCKS 16
#define ANN_COMPOUND_BLOCKS (ANN_BMP_BLOCKS + 64 * ANN_MIXED_BLOCKS)
KIJI_HIDDEN void kiji_ann_compound_blocks(unsigned char *blocks);
KIJI_HIDDEN int kiji_ann_acronyms(ann_sent *st);
KIJI_HIDDEN int kiji_ann_datelines(ann_sent *st);
KIJI_HIDDEN int kiji_ann_attributions(ann_sent *st);
KIJI_HIDDEN int kiji_ann_denials(ann_sent *st);
KIJI_HIDDEN int kiji_ann_anaphors(ann_sent *st);
KIJI_HIDDEN int kiji_ann_quotes(ann_sent *st);
KIJI_HIDDEN int kiji_ann_targets(ann_sent *st);
KIJI_HIDDEN int kiji_ann_dates(ann_sent *st);
/* dates.c: before the sentences, the article's date the caller gave
** ({0, 0, 0}: none); 0 when it is no date. */
KIJI_HIDDEN int kiji_ann_dates_start(kiji_doc *doc, kiji_date given);
/* anaphors.c: the mention the anaphor [start, end) of the sentence refers
** to, or KIJI_NONE. */
KIJI_HIDDEN size_t kiji_ann_antecedent(const ann_sent *st, size_t start, size_t end);
/* After every sentence: a denial that no sentence gave a reporter is
** reported by the outlet of the text's dateline or credit (a credit
** （共同） closes its paragraph, after the denials it carries). */
KIJI_HIDDEN void kiji_ann_dateline_reporters(kiji_doc *doc);
/* Whether [start, end) of the view overlaps the sentence's dateline
** (inline: the rules ask of every word they weigh). */
static inline int kiji_ann_in_dateline(const ann_sent *st, size_t start, size_t end) {
  return st->dateline.start != KIJI_NONE && start < st->dateline.end && end > st->dateline.start;
}

#endif
