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
  KIJI_EINVAL,   /* a bad argument (NULL handle, range out of bounds...) */
  KIJI_ENOMEM,   /* an allocation failed; the handle is still usable */
  KIJI_EUTF8,    /* invalid UTF-8 under KIJI_INVALID_ERROR */
  KIJI_ETOOBIG   /* an input larger than the library can index */
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
  int casefold;         /* -1: the form's default (on for MATCH only) */
  kiji_invalid invalid;
  int map;              /* nonzero: build the offset map */
} kiji_norm_options;

#define KIJI_NORM_OPTIONS_INIT {KIJI_FORM_MATCH, -1, KIJI_INVALID_REPLACE, 1}

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
KIJI_API kiji_status kiji_map_origin(const kiji_map *m, size_t start,
                                     size_t end, size_t *ostart, size_t *oend);

/*
** The other way: the smallest normalized range [*tstart, *tend) produced by
** the original bytes [start, end) (widened to whole characters).
*/
KIJI_API kiji_status kiji_map_target(const kiji_map *m, size_t start,
                                     size_t end, size_t *tstart, size_t *tend);

/*
** A self-contained copy of a map in caller-owned memory (a Lua userdata, a
** cache): kiji_map_copy_size bytes, aligned for any object. The copy
** outlives the normalizer and needs no freeing beyond its memory. NULL when
** size is too small.
*/
KIJI_API size_t kiji_map_copy_size(const kiji_map *m);
KIJI_API kiji_map *kiji_map_copy(const kiji_map *m, void *mem, size_t size);

/* Lengths of the two sides of a map. */
KIJI_API size_t kiji_map_source_length(const kiji_map *m);
KIJI_API size_t kiji_map_target_length(const kiji_map *m);

#ifdef __cplusplus
}
#endif

#endif
