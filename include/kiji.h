/*
** kiji.h -- the public C API of kiji (記事): officials, outlets and denials
** in Japanese and English news text.
**
** Conventions
**   - Every offset is a byte offset into the caller's ORIGINAL input,
**     0-based, half-open [start, end), on a UTF-8 character boundary.
**   - Handles are opaque and come in _new/_free pairs. A handle is used by
**     one thread at a time; different handles are independent.
**   - Functions return a kiji_status; the message of the last error of a
**     handle is kept by that handle. Nothing aborts, nothing prints.
**   - Sizes are size_t. Inputs are (pointer, length): NUL bytes are data.
*/
#ifndef KIJI_H
#define KIJI_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KIJI_VERSION "0.1.0"

#if defined(__GNUC__) && !defined(KIJI_STATIC_BUILD)
#define KIJI_API __attribute__((visibility("default")))
#else
#define KIJI_API
#endif

typedef enum kiji_status {
  KIJI_OK = 0,
  KIJI_EINVAL, /* a bad argument (NULL handle, range out of bounds...) */
  KIJI_ENOMEM, /* an allocation failed; the handle is still usable */
  KIJI_EUTF8,  /* invalid UTF-8 under KIJI_INVALID_ERROR */
  KIJI_ETOOBIG /* an input larger than the library can index */
} kiji_status;

/* A static English description of a status ("out of memory"...). */
KIJI_API const char *kiji_status_string(kiji_status status);

/* Library and Unicode versions ("0.1.0", "15.0.0"). */
KIJI_API const char *kiji_version(void);
KIJI_API const char *kiji_unicode_version(void);

/*
** Normalization
**
** KIJI_FORM_NFC .. NFKD are exactly Unicode's forms. KIJI_FORM_MATCH is what
** every matcher of kiji compares: NFKC with full case folding plus news and
** Japanese rules (width, kana voicing marks, prolonged sound marks, dashes,
** tildes, quotes, white space, control and format characters); README.md
** lists the rules.
*/
typedef enum kiji_form {
  KIJI_FORM_MATCH = 0,
  KIJI_FORM_NFC,
  KIJI_FORM_NFD,
  KIJI_FORM_NFKC,
  KIJI_FORM_NFKD
} kiji_form;

typedef enum kiji_invalid {
  KIJI_INVALID_REPLACE = 0, /* each maximal subpart of an ill-formed sequence
                               becomes U+FFFD, mapped to exactly its bytes */
  KIJI_INVALID_ERROR        /* stop with KIJI_EUTF8 and its offset */
} kiji_invalid;

typedef struct kiji_norm_options {
  kiji_form form;
  int casefold; /* -1: the form's default (on for MATCH only) */
  kiji_invalid invalid;
  int map; /* nonzero: build the offset map */
} kiji_norm_options;

#define KIJI_NORM_OPTIONS_INIT \
  { KIJI_FORM_MATCH, -1, KIJI_INVALID_REPLACE, 1 }

/* A normalizer: the reusable scratch that holds the last result. */
typedef struct kiji_norm kiji_norm;

/* The offset map between a normalized text and its original. */
typedef struct kiji_map kiji_map;

KIJI_API kiji_norm *kiji_norm_new(void);
KIJI_API void kiji_norm_free(kiji_norm *n);

/*
** Normalize src[0..len). opts may be NULL (KIJI_NORM_OPTIONS_INIT). On
** success the result stays in n until the next call or kiji_norm_free.
*/
KIJI_API kiji_status kiji_normalize(kiji_norm *n, const char *src, size_t len,
                                    const kiji_norm_options *opts);

/* The normalized text of the last success (not NUL-terminated). */
KIJI_API const char *kiji_norm_text(const kiji_norm *n, size_t *len);

/* The map of the last success, or NULL when opts->map was 0. */
KIJI_API const kiji_map *kiji_norm_map(const kiji_norm *n);

/* The message and input offset of the last error ("" and 0 after success). */
KIJI_API const char *kiji_norm_error(const kiji_norm *n);
KIJI_API size_t kiji_norm_error_offset(const kiji_norm *n);

/*
** The smallest original range [*ostart, *oend) that covers the normalized
** bytes [start, end); both ends fall on original character boundaries. A
** dropped character maps to an empty range between its neighbours; an empty
** [start, start) maps to an empty original range. KIJI_EINVAL when
** start > end or end exceeds the normalized length.
*/
KIJI_API kiji_status kiji_map_origin(const kiji_map *m, size_t start, size_t end, size_t *ostart,
                                     size_t *oend);

/*
** The other way: the smallest normalized range [*tstart, *tend) produced by
** the original bytes [start, end) (widened to whole characters).
*/
KIJI_API kiji_status kiji_map_target(const kiji_map *m, size_t start, size_t end, size_t *tstart,
                                     size_t *tend);

/*
** A self-contained copy of a map in caller-owned memory (a Lua userdata, a
** cache): kiji_map_copy_size bytes, aligned for any object. The copy
** outlives the normalizer and needs no freeing beyond its memory. NULL when
** size is too small.
*/
KIJI_API size_t kiji_map_copy_size(const kiji_map *m);
KIJI_API kiji_map *kiji_map_copy(const kiji_map *m, void *mem, size_t size);
/*
** The same without the normalized text: the copy reads `text` instead, the
** out_len bytes of kiji_norm_text (or a copy of them the caller keeps, a
** Lua string), which must outlive it. kiji_map_share_size bytes.
*/
KIJI_API size_t kiji_map_share_size(const kiji_map *m);
KIJI_API kiji_map *kiji_map_share(const kiji_map *m, const char *text, void *mem, size_t size);

/* Lengths of the two sides of a map. */
KIJI_API size_t kiji_map_source_length(const kiji_map *m);
KIJI_API size_t kiji_map_target_length(const kiji_map *m);


/* An error of a call that has no handle to keep it (loading a file...). */
typedef struct kiji_error {
  kiji_status status;
  size_t offset; /* input offset or file line, when it applies */
  char message[200];
} kiji_error;

/* A span of the original input: [start, end) and a tag (see below). */
typedef struct kiji_span {
  size_t start, end;
  int tag;
} kiji_span;

/*
** Segmentation: sentences and words by ICU break iterators over a UTF-8
** UText (offsets straight into the input), with news rules on top.
**
** A kiji_segmenter holds the opened ICU iterators (templates): build it
** once, share it read-only between threads. A kiji_seg is one thread's
** scratch (clones of the templates, the result spans).
*/
typedef enum kiji_locale {
  KIJI_LOCALE_AUTO = 0, /* en or ja, by the script of the text */
  KIJI_LOCALE_EN,
  KIJI_LOCALE_JA,
  KIJI_LOCALE_ROOT /* plain UAX #29 */
} kiji_locale;

typedef struct kiji_seg_options {
  kiji_locale locale;
  int news_rules;   /* nonzero: kiji's news rules (README); 0: ICU's alone */
  int all_segments; /* words: nonzero returns spaces and punctuation too */
  kiji_invalid invalid;
} kiji_seg_options;

#define KIJI_SEG_OPTIONS_INIT \
  { KIJI_LOCALE_AUTO, 1, 0, KIJI_INVALID_REPLACE }

/* Word span tags (ICU's rule status classes). */
enum { KIJI_WORD_NONE = 0, KIJI_WORD_NUMBER, KIJI_WORD_LETTER, KIJI_WORD_KANA, KIJI_WORD_IDEO };

typedef struct kiji_segmenter kiji_segmenter;
typedef struct kiji_seg kiji_seg;

KIJI_API kiji_segmenter *kiji_segmenter_new(kiji_error *err);
KIJI_API void kiji_segmenter_free(kiji_segmenter *sg);
KIJI_API kiji_seg *kiji_seg_new(const kiji_segmenter *sg);
KIJI_API void kiji_seg_free(kiji_seg *s);

KIJI_API kiji_status kiji_sentences(kiji_seg *s, const char *text, size_t len,
                                    const kiji_seg_options *opts);
KIJI_API kiji_status kiji_words(kiji_seg *s, const char *text, size_t len,
                                const kiji_seg_options *opts);
/* The spans of the last success, in text order. */
KIJI_API const kiji_span *kiji_seg_spans(const kiji_seg *s, size_t *count);
KIJI_API const char *kiji_seg_error(const kiji_seg *s);
KIJI_API size_t kiji_seg_error_offset(const kiji_seg *s);

/*
** The dictionary (gazetteer): many surface strings -> kind and canonical
** id, matched in one pass over the match form of a text (Aho-Corasick).
** Entries are normalized with exactly the match form. A compiled
** kiji_dict is immutable and shared read-only between threads; a
** kiji_scan is one thread's scratch and results.
*/
enum {
  KIJI_ENTRY_EXACT_CASE = 1 << 0, /* the original text must match the case too */
  KIJI_ENTRY_WORD = 1 << 1,       /* word boundary at a Latin/digit end (the
                                     default for such entries: see below) */
  KIJI_ENTRY_NO_WORD = 1 << 2     /* no boundary check, even at Latin ends */
};

typedef struct kiji_entry {
  const char *surface;
  size_t surface_len;
  const char *kind; /* "outlet", "body", "title", "cue"... (NUL-terminated) */
  const char *id;   /* canonical id, or NULL */
  unsigned flags;
  const char *payload; /* optional bytes carried to the match, or NULL */
  size_t payload_len;
} kiji_entry;

typedef enum kiji_scan_mode {
  KIJI_SCAN_LONGEST = 0, /* leftmost-longest, non-overlapping */
  KIJI_SCAN_ALL          /* every match, overlapping and nested */
} kiji_scan_mode;

typedef struct kiji_match {
  size_t start, end; /* original input */
  size_t entry;      /* index for kiji_dict_entry */
} kiji_match;

typedef struct kiji_dict_builder kiji_dict_builder;
typedef struct kiji_dict kiji_dict;
typedef struct kiji_scan kiji_scan;

KIJI_API kiji_dict_builder *kiji_dict_builder_new(void);
KIJI_API void kiji_dict_builder_free(kiji_dict_builder *b);
/* KIJI_EINVAL for an empty surface (after normalization) or a bad entry.
** An entry equal to one added before (surface, kind, id, flags and payload,
** byte for byte) adds nothing and gives KIJI_OK: a dictionary holds each
** entry once, however often a list repeats it. */
KIJI_API kiji_status kiji_dict_builder_add(kiji_dict_builder *b, const kiji_entry *e);
KIJI_API const char *kiji_dict_builder_error(const kiji_dict_builder *b);
/*
** Add the entries of a TSV text (README: surface, kind, id, flags,
** payload; # comments; UTF-8). All or nothing: on a bad line nothing is
** added and err names the line (err->offset is its 1-based number). A
** line equal to an earlier one adds nothing (kiji_dict_builder_add).
*/
KIJI_API kiji_status kiji_dict_builder_add_tsv(kiji_dict_builder *b, const char *data, size_t len,
                                               kiji_error *err);
/* Compile what was added; the builder can go on and compile again. */
KIJI_API kiji_status kiji_dict_compile(kiji_dict_builder *b, kiji_dict **out);

KIJI_API void kiji_dict_free(kiji_dict *d);
KIJI_API size_t kiji_dict_count(const kiji_dict *d);
/* The entry as added (surface as given; kind, id, payload). */
KIJI_API kiji_status kiji_dict_entry(const kiji_dict *d, size_t index, kiji_entry *out);

/* A compiled dictionary as bytes (versioned header, checksum) and back. A
** truncated or corrupt image is an error, never a crash or a wrong match. */
KIJI_API kiji_status kiji_dict_save(const kiji_dict *d, const char *path, kiji_error *err);
/* load maps the file (or reads it when it cannot): do not rewrite a
** loaded file in place; save writes a new file and renames it. */
KIJI_API kiji_status kiji_dict_load(const char *path, kiji_dict **out, kiji_error *err);
KIJI_API kiji_status kiji_dict_load_bytes(const void *data, size_t len, kiji_dict **out,
                                          kiji_error *err);

KIJI_API kiji_scan *kiji_scan_new(void);
KIJI_API void kiji_scan_free(kiji_scan *s);
/* Normalize text with the match form and scan it. */
KIJI_API kiji_status kiji_dict_scan(const kiji_dict *d, kiji_scan *s, const char *text, size_t len,
                                    kiji_scan_mode mode);
/* Scan a text already normalized by the match form (norm, with its map
** back to text): many dictionaries, one normalization. norm and map must
** come from one match-form kiji_normalize of text; a map whose lengths
** disagree is KIJI_EINVAL, other mismatches give wrong matches (never an
** out-of-bounds read). */
KIJI_API kiji_status kiji_dict_scan_normalized(const kiji_dict *d, kiji_scan *s, const char *text,
                                               size_t len, const char *norm, size_t norm_len,
                                               const kiji_map *map, kiji_scan_mode mode);
/* The matches of the last success, in text order (start, then end). */
KIJI_API const kiji_match *kiji_scan_matches(const kiji_scan *s, size_t *count);
KIJI_API const char *kiji_scan_error(const kiji_scan *s);

/*
** The built-in lexicon (the TSV files of plugin/lexicon, compiled into the library):
** outlets, government bodies, titles, countries and cue phrases, as a
** kiji_dict of its own (kinds and payloads: plugin/lexicon/README.md).
*/
KIJI_API kiji_status kiji_lexicon_load(kiji_dict **out, kiji_error *err);
/* The rules' words (plugin/lexicon/words.tsv, kind `word`, payload
** `classes=a,b`): grammar words, never content (kiji.track's claim keys). */
KIJI_API kiji_status kiji_lexicon_words_load(kiji_dict **out, kiji_error *err);

/*
** Annotation: officials, outlets, denials, attributions and quotations
** (SCHEMA.md).
**
** A kiji_annotator holds the built-in lexicon, the caller's extra
** dictionaries (borrowed: keep them alive as long as the annotator) and
** the ICU templates: build it once, share it read-only between threads.
** A kiji_doc is one thread's scratch and the last result; its strings and
** spans stay valid until the next kiji_annotate on it or kiji_doc_free, and
** it refers to the caller's text, which must live as long. It may serve
** one annotator after another, and outlive them (its results borrow the
** strings of the dictionaries of the annotator that made them).
*/
typedef enum kiji_lang {
  KIJI_LANG_AUTO = 0, /* per sentence, by its script */
  KIJI_LANG_EN,
  KIJI_LANG_JA,
  KIJI_LANG_MIXED /* a document result only: both languages */
} kiji_lang;

/* A calendar date: year, month 1-12, day 1-31; a part the caller does
** not know is 0 ({2023, 8, 0}: August 2023). */
typedef struct kiji_date {
  int year, month, day;
} kiji_date;

typedef struct kiji_annotate_options {
  kiji_lang lang;
  kiji_invalid invalid;
  /* the article's date, {0, 0, 0} when unknown (then the dateline's, when
  ** it gives a year): what "on Tuesday", 27日 and 先月 are read against. A
  ** relative date needs year, month and day; without them it gives none */
  kiji_date date;
  /* the article's source as the caller names it ("Kyodo", 共同通信), or
  ** NULL: the document's source (kiji_doc_given_source) */
  const char *source;
  size_t source_len;
} kiji_annotate_options;

#define KIJI_ANNOTATE_OPTIONS_INIT \
  { KIJI_LANG_AUTO, KIJI_INVALID_REPLACE, {0, 0, 0}, NULL, 0 }

/* "2023-08-08", "2023-08" or "2023" (ISO 8601 at a precision) into *out,
** the parts it does not give 0; KIJI_EINVAL when it is no such date. */
KIJI_API kiji_status kiji_date_parse(const char *s, size_t len, kiji_date *out);
/* The date as ISO 8601 at its precision into out (NUL-terminated): its
** length, or 0 (and "") when the date is not a valid one. */
#define KIJI_DATE_ISO_SIZE 11
KIJI_API size_t kiji_date_iso(kiji_date d, char out[KIJI_DATE_ISO_SIZE]);

/* "No such thing": an absent mention index or span start. */
#define KIJI_NONE ((size_t)-1)

/* A range of the original input; start == KIJI_NONE when absent. */
typedef struct kiji_range {
  size_t start, end;
} kiji_range;

/* A string borrowed from a dictionary (not NUL-terminated); ptr NULL when absent.
** kiji_annotate_batch takes its texts as these too. */
typedef struct kiji_str {
  const char *ptr;
  size_t len;
} kiji_str;

typedef enum kiji_kind { KIJI_KIND_OFFICIAL = 1, KIJI_KIND_OUTLET } kiji_kind;

typedef struct kiji_mention {
  kiji_range span;
  kiji_kind kind;
  const char *subtype; /* "body" "person" "group"; "agency" "newspaper"
                            "broadcaster" "magazine" "online" "handle" */
  kiji_str id, name, country;
  kiji_range title, person; /* an official person's parts, when present */
  size_t sentence;          /* index into kiji_doc_sentences */
} kiji_mention;

typedef struct kiji_denial {
  kiji_range cue, by, claim;
  size_t by_mention;  /* index of the mention `by` is, or KIJI_NONE */
  size_t reported_by; /* mention index of the reporting outlet, or KIJI_NONE */
  size_t sentence;
  /* whose report is denied: an outlet the sentence names (target_mention),
  ** or an anaphor ("the report", 同紙) for the outlet target_antecedent;
  ** {KIJI_NONE, KIJI_NONE} and KIJI_NONE when the text names none */
  kiji_range target;
  size_t target_mention, target_antecedent;
  size_t by_antecedent; /* when `by` is an anaphor (he, the ministry, 同省): its mention */
  size_t quote;         /* index of the quotation that carries it (kiji_doc_quotes), or KIJI_NONE */
  /* when it happened: ISO 8601 at the text's precision ("2023-08-08",
  ** "2023-08", "2023"; "" when the text gives none or it cannot be
  ** resolved) and the expression it was read from ("on Tuesday", ２７日) */
  char date[KIJI_DATE_ISO_SIZE];
  kiji_range date_text;
} kiji_denial;

typedef struct kiji_attribution {
  kiji_range cue, source, claim;
  size_t source_mention;    /* or KIJI_NONE (anonymous sources, a bare name) */
  size_t source_antecedent; /* when `source` is an anaphor: its mention, or KIJI_NONE */
  size_t sentence;
  size_t quote; /* index of the quotation that carries it (kiji_doc_quotes), or KIJI_NONE */
  char date[KIJI_DATE_ISO_SIZE]; /* as a denial's */
  kiji_range date_text;
} kiji_attribution;

/* A direct quotation: the text inside its marks (“…” "…" 「…」 『…』), or
** a transcript's turn after its label (【報道官】…, SPOKESMAN: …) or the
** paragraph after "X said:". */
typedef struct kiji_quote {
  kiji_range text;
  kiji_range speaker;        /* who says it, or {KIJI_NONE, KIJI_NONE} */
  size_t speaker_mention;    /* index of the mention `speaker` is, or KIJI_NONE */
  size_t speaker_antecedent; /* when `speaker` is an anaphor: its mention, or KIJI_NONE */
  kiji_range cue;            /* the verb or label that frames it, or {KIJI_NONE, KIJI_NONE} */
  size_t sentence;           /* index of its first sentence */
  size_t sentences;          /* how many sentences it spans: 1 or more */
} kiji_quote;

typedef struct kiji_annotator kiji_annotator;
typedef struct kiji_doc kiji_doc;

/* extra may be NULL when n_extra is 0. */
KIJI_API kiji_annotator *kiji_annotator_new(const kiji_dict *const *extra, size_t n_extra,
                                            kiji_error *err);
KIJI_API void kiji_annotator_free(kiji_annotator *a);

KIJI_API kiji_doc *kiji_doc_new(void);
KIJI_API void kiji_doc_free(kiji_doc *doc);
/*
** A copy of the results of doc's last success (not its scratch), for a
** result that must outlive the next call: its accessors and kiji_doc_json
** work as on doc. It borrows what doc borrows (the text, the annotator's
** dictionaries). NULL when out of memory. Free it with kiji_doc_free.
*/
KIJI_API kiji_doc *kiji_doc_snapshot(const kiji_doc *doc);

/* Annotate text[0..len); opts may be NULL (KIJI_ANNOTATE_OPTIONS_INIT). */
KIJI_API kiji_status kiji_annotate(const kiji_annotator *a, kiji_doc *doc, const char *text,
                                   size_t len, const kiji_annotate_options *opts);
KIJI_API const char *kiji_doc_error(const kiji_doc *doc);
KIJI_API size_t kiji_doc_error_offset(const kiji_doc *doc);

/* The results of the last success, each in text order. */
KIJI_API kiji_lang kiji_doc_lang(const kiji_doc *doc);
/* "en", "ja" or "mixed" (SCHEMA.md's names; AUTO reads "en"). */
KIJI_API const char *kiji_lang_name(kiji_lang lang);
KIJI_API const kiji_range *kiji_doc_sentences(const kiji_doc *doc, size_t *count);
KIJI_API const kiji_mention *kiji_doc_mentions(const kiji_doc *doc, size_t *count);
KIJI_API const kiji_denial *kiji_doc_denials(const kiji_doc *doc, size_t *count);
KIJI_API const kiji_attribution *kiji_doc_attributions(const kiji_doc *doc, size_t *count);
KIJI_API const kiji_quote *kiji_doc_quotes(const kiji_doc *doc, size_t *count);
/* The dateline or credit of the text ("PARIS —", 【ソウル共同】, （共同）:
** the first one), {KIJI_NONE, KIJI_NONE} when there is none; the index
** of the outlet mention it names (the document's source), or KIJI_NONE. */
KIJI_API kiji_range kiji_doc_dateline(const kiji_doc *doc);
KIJI_API size_t kiji_doc_source(const kiji_doc *doc);
/* The article's date as ISO 8601: the caller's (opts.date), else the
** dateline's when it gives a year; "" when unknown. */
KIJI_API const char *kiji_doc_date(const kiji_doc *doc);
/* The source the caller named (opts.source): 1 and *out, a mention with
** no span (start KIJI_NONE, sentence KIJI_NONE) whose id, name, country
** and subtype are those of the dictionaries' outlet of that name when
** one is (else subtype "" and no id), and *text the name as given (kept
** by doc); 0 when the caller named none. */
KIJI_API int kiji_doc_given_source(const kiji_doc *doc, kiji_mention *out, kiji_str *text);

/*
** The document as SCHEMA.md JSON (one line, no trailing newline), with
** "id" when id is not NULL. The bytes stay in doc until its next call;
** NULL when memory ran out.
*/
KIJI_API const char *kiji_doc_json(kiji_doc *doc, const char *id, size_t id_len, size_t *len);

/*
** Many texts on many threads sharing one annotator. opts holds nopts
** options: none (nopts 0: the defaults), one for every text (nopts 1),
** or one per text (nopts n: opts[i] for text i, so that each article is
** annotated with its own date and source). The texts are
** annotated on `threads` threads (0: one per online CPU; never more than
** n; the caller's thread is one of them), and fn is called once per text,
** in input order, one call at a time (on one of those threads), with that
** text's status and a doc that holds its results (KIJI_OK) or its error
** (kiji_doc_error, kiji_doc_error_offset): a text that fails fails alone.
** The doc is valid until fn returns: read it with the accessors,
** kiji_doc_json or kiji_doc_snapshot, never annotate with it. A nonzero
** return from fn stops the batch: no later text is delivered. The texts
** must live until the call returns; at most 4 docs per thread are alive at
** once, so memory is bounded by the texts in flight, not by n. The docs
** are kept by the annotator for its next batch (at most 16 of them, none
** that annotated a text of 1 MB or more; kiji_annotator_free frees them),
** so that a batch of one text costs what kiji_annotate on a reused doc
** does: a fresh doc's first text costs about a third more. Returns
** KIJI_OK once every text was delivered or fn stopped the batch,
** KIJI_EINVAL for a bad argument, KIJI_ENOMEM when not even one doc (or
** the lock the threads share) could be made (nothing delivered then).
*/
typedef int (*kiji_batch_fn)(void *ud, size_t index, kiji_status status, kiji_doc *doc);

KIJI_API kiji_status kiji_annotate_batch(const kiji_annotator *a, const kiji_str *texts, size_t n,
                                         const kiji_annotate_options *opts, size_t nopts,
                                         unsigned threads, kiji_batch_fn fn, void *ud);

/*
** The same, but fn is called for each text as soon as it is annotated, on
** the thread that annotated it: in no particular order, and from several
** threads at once (fn must be safe to call so; a caller that keeps each
** result at its index needs no lock for that). No thread waits for
** another, nor for an earlier text: the faster way when the order can be
** made afterwards. A nonzero return from fn stops the batch: texts not
** yet taken when it returns are not annotated, and those taken before
** (the other threads go on while fn runs) are still delivered. One doc
** per thread.
*/
KIJI_API kiji_status kiji_annotate_batch_any_order(const kiji_annotator *a, const kiji_str *texts,
                                                   size_t n, const kiji_annotate_options *opts,
                                                   size_t nopts, unsigned threads, kiji_batch_fn fn,
                                                   void *ud);

#ifdef __cplusplus
}
#endif

#endif
