/*
** sent_scan.c -- the sentence boundaries of ICU's iterator ("ja", or
** "en@ss=standard" with its suppressions), found in one pass by kiji.
**
** UAX #29 breaks a sentence only after a paragraph separator (SB4: LF,
** CR, CR LF, NEL, LS, PS) and after final punctuation (SB11: STerm or
** ATerm, closers, spaces, perhaps one separator), unless what follows
** keeps it going (SB6-SB8a). The scanner skips everything else a byte or
** a character at a time and decides those cases itself. ICU decides the
** paragraph, from the last boundary to its next separator, when the
** scanner meets what it does not model:
**   - Extend and Format characters (SB5 makes them part of the character
**     before them: combining marks, U+FEFF, soft hyphens);
**   - with en@ss=standard, a boundary after "." or ". " that ends with one
**     of ICU's suppressions or the part of one up to its first full stop
**     ("Mr.", "U."): ICU's filter looks back (and for "U.S." forward)
**     through a trie; any such boundary goes to ICU, the others stand, as
**     the filter only ever removes boundaries that end that way.
** ICU starts each next() afresh at the last boundary ({bof}) and looks no
** further than the paragraph's separator, so ICU over the paragraph alone
** gives the boundaries ICU gives over the whole text.
*/
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/udata.h>
#include <unicode/ures.h>
#include <unicode/ustring.h>

#include "sent_scan.h"
#include "seg.h"
#include "base/utf8.h"

#define NEED_ICU ((size_t)-2) /* the scanner cannot decide: ICU will */

/* ------------------------------------------------------------ the data */

/* ICU's suppressions for English sentences, as ICU's builder reads them. */
static UResourceBundle *open_exceptions(UResourceBundle **outer, UErrorCode *e) {
  UResourceBundle *b = ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", "en", e);
  UResourceBundle *x = ures_getByKey(b, "exceptions", NULL, e);
  UResourceBundle *s = ures_getByKey(x, "SentenceBreak", NULL, e);
  ures_close(x);
  *outer = b;
  return s;
}

/* The byte before the final '.' of a string that ends with one. */
static unsigned key_byte(const sent_abbr *a) { return (unsigned char)a->s[a->len - 2]; }

/* Add s[0..len) unless too short to be a key; the bytes go to *at. */
static void add_abbr(sent_scan_data *d, char **at, const char *s, size_t len) {
  if (len < 2 || s[len - 1] != '.') return;
  memcpy(*at, s, len);
  d->abbr[d->nabbr].s = *at;
  d->abbr[d->nabbr++].len = len;
  *at += len;
}

static int by_key(const void *a, const void *b) {
  return (int)key_byte(a) - (int)key_byte(b);
}

kiji_status kiji_sent_scan_data_init(sent_scan_data *d) {
  UErrorCode e = U_ZERO_ERROR;
  UResourceBundle *outer, *list;
  int32_t n, i, room = 0;
  char *at;
  size_t k;
  memset(d, 0, sizeof *d);
  for (i = 0; i < 128; i++) d->ascii[i] = (unsigned char)u_getIntPropertyValue(i, UCHAR_SENTENCE_BREAK);
  for (i = 0; i < 256; i++) {
    int c = i < 128 ? d->ascii[i] : -1;
    d->stop[i] = c < 0 || c == U_SB_CR || c == U_SB_LF || c == U_SB_SEP || c == U_SB_EXTEND ||
                 c == U_SB_FORMAT || c == U_SB_STERM || c == U_SB_ATERM;
  }
  list = open_exceptions(&outer, &e);
  n = U_SUCCESS(e) ? ures_getSize(list) : 0;
  for (i = 0; i < n && U_SUCCESS(e); i++) {
    int32_t l, u8 = 0;
    const UChar *u = ures_getStringByIndex(list, i, &l, &e);
    UErrorCode e2 = U_ZERO_ERROR;
    if (U_SUCCESS(e)) u_strToUTF8(NULL, 0, &u8, u, l, &e2);
    room += 2 * u8;
  }
  /* each string and its first part: at most twice the bytes, 2n strings */
  if (U_SUCCESS(e) && ((d->abbr = kiji_alloc(sizeof *d->abbr * (size_t)(2 * n + 1))) == NULL ||
                       (d->chars = kiji_alloc((size_t)room + 1)) == NULL))
    e = U_MEMORY_ALLOCATION_ERROR;
  at = d->chars;
  for (i = 0; i < n && U_SUCCESS(e); i++) {
    char buf[256];
    int32_t l, u8 = 0;
    const UChar *u = ures_getStringByIndex(list, i, &l, &e);
    const char *dot;
    if (U_FAILURE(e)) break;
    u_strToUTF8(buf, sizeof buf, &u8, u, l, &e);
    if (U_FAILURE(e) || u8 >= (int32_t)sizeof buf) {
      e = U_ZERO_ERROR; /* a string too long to suppress anything in news */
      continue;
    }
    add_abbr(d, &at, buf, (size_t)u8);
    dot = memchr(buf, '.', (size_t)u8);
    if (dot != NULL && dot + 1 < buf + u8) add_abbr(d, &at, buf, (size_t)(dot + 1 - buf));
  }
  ures_close(list);
  ures_close(outer);
  if (U_FAILURE(e)) {
    kiji_sent_scan_data_free(d);
    return e == U_MEMORY_ALLOCATION_ERROR ? KIJI_ENOMEM : KIJI_EINVAL;
  }
  if (d->nabbr > 1) qsort(d->abbr, d->nabbr, sizeof *d->abbr, by_key);
  for (k = 0, i = 0; i < 257; i++) {
    while (k < d->nabbr && key_byte(&d->abbr[k]) < (unsigned)i) k++;
    d->by_byte[i] = (unsigned short)k;
  }
  return KIJI_OK;
}

void kiji_sent_scan_data_free(sent_scan_data *d) {
  kiji_dealloc(d->abbr);
  kiji_dealloc(d->chars);
  d->abbr = NULL;
  d->chars = NULL;
  d->nabbr = 0;
}

/* ------------------------------------------------------------ characters */

/* The Sentence_Break class of the character at p; *next gets its end. An
** ill-formed sequence reads as U+FFFD, as ICU's UTF-8 UText reads it. */
static int sb_at(const sent_scan *sc, size_t p, size_t *next) {
  size_t l;
  int32_t c;
  if (sc->s[p] < 0x80) {
    *next = p + 1;
    return sc->d->ascii[sc->s[p]];
  }
  c = kiji_utf8_decode(sc->s + p, sc->len - p, &l);
  *next = p + l;
  if (c < 0) c = 0xFFFD;
  /* kanji, hiragana and katakana letters, the bulk of Japanese */
  if ((c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA))
    return U_SB_OLETTER;
  if (c == 0x3002) return U_SB_STERM;
  return u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
}

/* The class of the character that ends at p, or -1 when p is floor. A
** byte that is not a continuation byte starts a character, so it is found
** at most 3 bytes back; strays and cut sequences read as U+FFFD. */
static int sb_before(const sent_scan *sc, size_t p, size_t floor) {
  size_t q = p - 1, next;
  int k;
  if (p <= floor) return -1;
  while (q > floor && p - q < 4 && kiji_utf8_is_cont(sc->s[q])) q--;
  k = sb_at(sc, q, &next);
  return next == p ? k : U_SB_OTHER;
}

static int is_sep(int k) { return k == U_SB_CR || k == U_SB_LF || k == U_SB_SEP; }

static int is_odd(int k) { return k == U_SB_EXTEND || k == U_SB_FORMAT; }

/* p past the separator at p (CR LF is one). */
static size_t past_sep(const sent_scan *sc, int k, size_t next) {
  return k == U_SB_CR && next < sc->len && sc->s[next] == '\n' ? next + 1 : next;
}

/* ------------------------------------------------------------ SB6-SB11 */

/* Whether en@ss=standard's filter might drop the boundary b. */
static int may_suppress(const sent_scan *sc, size_t b) {
  const sent_scan_data *d = sc->d;
  size_t q = b, k;
  if (q > 0 && sc->s[q - 1] == ' ') q--; /* as ICU: one space, no more */
  if (q < 2 || sc->s[q - 1] != '.') return 0;
  for (k = d->by_byte[sc->s[q - 2]]; k < d->by_byte[sc->s[q - 2] + 1]; k++)
    if (d->abbr[k].len <= q && memcmp(sc->s + q - d->abbr[k].len, d->abbr[k].s, d->abbr[k].len) == 0)
      return 1;
  return 0;
}

static size_t boundary(const sent_scan *sc, size_t b) {
  return sc->filter && may_suppress(sc, b) ? NEED_ICU : b;
}

/*
** After the final punctuation of class term at [p, q): its boundary, or
** 0 and *go the place the scan goes on from (SB6-SB8a keep the sentence
** going), or NEED_ICU.
*/
static size_t after_term(const sent_scan *sc, size_t p, size_t q, int term, size_t *go) {
  size_t n = q, next, m;
  int k, before;
  if (n >= sc->len) return sc->len;
  k = sb_at(sc, n, &next);
  if (is_odd(k)) return NEED_ICU;
  if (term == U_SB_ATERM) {
    before = sb_before(sc, p, sc->pos);
    if (is_odd(before)) return NEED_ICU;
    if (k == U_SB_NUMERIC || (k == U_SB_UPPER && (before == U_SB_UPPER || before == U_SB_LOWER))) {
      *go = n; /* SB6, SB7 */
      return 0;
    }
  }
  for (; k == U_SB_CLOSE; k = sb_at(sc, n, &next))
    if ((n = next) >= sc->len) return sc->len;
  for (; k == U_SB_SP; k = sb_at(sc, n, &next))
    if ((n = next) >= sc->len) return sc->len;
  if (is_odd(k)) return NEED_ICU;
  if (is_sep(k)) return boundary(sc, past_sep(sc, k, next)); /* SB11 */
  if (k == U_SB_SCONTINUE || k == U_SB_STERM || k == U_SB_ATERM || (term == U_SB_ATERM && k == U_SB_LOWER)) {
    *go = n; /* SB8a, SB8 */
    return 0;
  }
  if (term == U_SB_ATERM && k != U_SB_OLETTER && k != U_SB_UPPER) {
    /* SB8: anything but letters, separators and final punctuation, then
    ** a lowercase letter, keeps the sentence going */
    for (m = n; m < sc->len; m = next) {
      int j = sb_at(sc, m, &next);
      if (is_odd(j)) return NEED_ICU;
      if (j == U_SB_OLETTER || j == U_SB_UPPER || j == U_SB_LOWER || is_sep(j) ||
          j == U_SB_STERM || j == U_SB_ATERM) {
        if (j == U_SB_LOWER) {
          *go = n;
          return 0;
        }
        break;
      }
    }
  }
  return boundary(sc, n); /* SB11 */
}

/*
** Whether the well-formed 3-byte character at s (lead E3..E9) is neither
** final punctuation, a separator, Extend nor Format: U+4000..U+9FFF
** (kanji), and of U+3000..U+30FF all but 。 (E3 80 82), the marks
** U+302A..U+302F and the voicing marks U+3099..U+309A.
*/
static int plain_cjk(const unsigned char *s) {
  if (s[0] != 0xE3) return 1;
  switch (s[1]) {
    case 0x80: return s[2] != 0x82 && (s[2] < 0xAA || s[2] > 0xAF);
    case 0x81:
    case 0x83: return 1;
    case 0x82: return s[2] != 0x99 && s[2] != 0x9A;
    default: return 0;
  }
}

/* The next boundary after sc->pos, or NEED_ICU. */
static size_t decide(const sent_scan *sc) {
  const unsigned char *s = sc->s, *stop = sc->d->stop;
  size_t p = sc->pos, len = sc->len, next, b, go = 0;
  for (;;) {
    int k;
    while (p < len && !stop[s[p]]) p++;
    if (p >= len) return len;
    if (s[p] < 0x80) {
      k = sc->d->ascii[s[p]];
      next = p + 1;
    } else if (s[p] >= 0xE3 && s[p] <= 0xE9 && p + 2 < len && kiji_utf8_is_cont(s[p + 1]) &&
               kiji_utf8_is_cont(s[p + 2]) && plain_cjk(s + p)) {
      p += 3;
      continue;
    } else
      k = sb_at(sc, p, &next);
    switch (k) {
      case U_SB_CR:
      case U_SB_LF:
      case U_SB_SEP: return past_sep(sc, k, next); /* SB4 */
      case U_SB_EXTEND:
      case U_SB_FORMAT: return NEED_ICU;
      case U_SB_STERM:
      case U_SB_ATERM:
        if ((b = after_term(sc, p, next, k, &go)) != 0) return b;
        next = go;
        break;
      default: break;
    }
    p = next;
  }
}

/* ------------------------------------------------------------ ICU */

/* ICU over the paragraph from sc->pos to just past its separator. */
static int open_window(sent_scan *sc) {
  UErrorCode e = U_ZERO_ERROR;
  size_t p = sc->pos, next;
  while (p < sc->len) {
    int k = sc->s[p] < 0x80 ? sc->d->ascii[sc->s[p]] : sb_at(sc, p, &next);
    if (sc->s[p] < 0x80) next = p + 1;
    if (is_sep(k)) {
      p = past_sep(sc, k, next);
      break;
    }
    p = next;
  }
  sc->win0 = sc->pos;
  sc->win1 = p;
  utext_openUTF8(sc->ut, (const char *)sc->s + sc->win0, (int64_t)(p - sc->win0), &e);
  ubrk_setUText(sc->bi, sc->ut, &e);
  if (U_FAILURE(e)) return 0;
  ubrk_first(sc->bi);
  return 1;
}

/* ICU's next boundary in the window, on a character boundary. */
static size_t window_next(sent_scan *sc) {
  int32_t b;
  while ((b = ubrk_next(sc->bi)) != UBRK_DONE) {
    size_t at = kiji_seg_snap(sc->s, sc->len, sc->win0 + (size_t)b);
    if (at >= sc->win1) sc->win1 = 0;
    if (at > sc->pos) return at;
  }
  return KIJI_NONE;
}

void kiji_sent_scan_begin(sent_scan *sc, const sent_scan_data *d, UBreakIterator *bi, UText *ut,
                          const unsigned char *s, size_t len, int filter) {
  sc->d = d;
  sc->s = s;
  sc->len = len;
  sc->pos = 0;
  sc->filter = filter;
  sc->bi = bi;
  sc->ut = ut;
  sc->win0 = sc->win1 = 0;
}

size_t kiji_sent_scan_next(sent_scan *sc) {
  size_t b;
  if (sc->win1 == 0 && (b = decide(sc)) != NEED_ICU) return sc->pos = b;
  if (sc->win1 == 0 && !open_window(sc)) return KIJI_NONE;
  b = window_next(sc);
  if (b != KIJI_NONE) sc->pos = b;
  return b;
}
