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
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
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

/* The byte before the final '.' of a key (at least 2 bytes). */
static unsigned key_byte(const sent_abbr *a) { return (unsigned char)a->s[a->len - 2]; }

static int by_key(const void *a, const void *b) { return (int)key_byte(a) - (int)key_byte(b); }

/* The bytes up to and with the first '.' of a, or 0 when that is all of a
** (ICU's builder: such an entry is a "partial"). */
static size_t first_part(const sent_abbr *a) {
  const char *dot = memchr(a->s, '.', a->len);
  return dot != NULL && (size_t)(dot + 1 - a->s) < a->len ? (size_t)(dot + 1 - a->s) : 0;
}

/*
** ICU's two tries as lists. ICU's builder puts an entry with a '.' inside
** ("U.S.") and every entry that starts with the same part ("U.") in the
** forward trie, that part in the backward trie as a partial match, and
** the other entries in the backward trie whole.
*/
static void sort_entries(sent_scan_data *d, const sent_abbr *all, size_t n) {
  size_t i, j, k;
  for (i = 0; i < n; i++) {
    size_t part = 0;
    int shared = 0;
    for (j = 0; j < n && !shared; j++) {
      size_t pj = first_part(&all[j]);
      shared = pj && all[i].len >= pj && memcmp(all[i].s, all[j].s, pj) == 0;
      if (shared) part = pj;
    }
    if (!shared) {
      d->abbr[d->nabbr] = all[i];
      d->abbr[d->nabbr++].partial = 0;
      continue;
    }
    d->fwd[d->nfwd++] = all[i];
    for (k = 0; k < d->nabbr; k++)
      if (d->abbr[k].partial && d->abbr[k].len == part && memcmp(d->abbr[k].s, all[i].s, part) == 0)
        break;
    if (k == d->nabbr) {
      d->abbr[d->nabbr].s = all[i].s;
      d->abbr[d->nabbr].len = part;
      d->abbr[d->nabbr++].partial = 1;
    }
  }
  for (i = 0; i < d->nabbr; i++)
    if (d->abbr[i].len < 2 || d->abbr[i].s[d->abbr[i].len - 1] != '.') d->all_to_icu = 1;
  for (i = 0; i < n; i++)
    for (j = 0; j < all[i].len; j++)
      if ((unsigned char)all[i].s[j] >= 0x80) d->all_to_icu = 1;
}

kiji_status kiji_sent_scan_data_init(sent_scan_data *d) {
  UErrorCode e = U_ZERO_ERROR;
  UResourceBundle *outer, *list;
  sent_abbr *all = NULL;
  int32_t n, i, room = 0;
  size_t nall = 0;
  char *at;
  size_t k;
  memset(d, 0, sizeof *d);
  for (i = 0; i < 128; i++)
    d->ascii[i] = (unsigned char)u_getIntPropertyValue(i, UCHAR_SENTENCE_BREAK);
  for (i = 0; i < 256; i++) {
    int c = i < 128 ? d->ascii[i] : -1;
    d->stop[i] = c < 0 || c == U_SB_CR || c == U_SB_LF || c == U_SB_SEP || c == U_SB_EXTEND ||
                 c == U_SB_FORMAT || c == U_SB_STERM || c == U_SB_ATERM;
    /* a continuation byte belongs to a character whose lead was looked
    ** at, or reads as U+FFFD; a lead E4..E9 starts U+4000..U+9FFF (Other
    ** and OLetter) or, cut short, U+FFFD: no class the scan stops at */
    if ((i >= 0x80 && i < 0xC0) || (i >= 0xE4 && i <= 0xE9)) d->stop[i] = 0;
  }
  d->stop_ascii5 = 1;
  for (i = 0; i < 128; i++)
    d->stop_ascii5 &= d->stop[i] == (i == '\n' || i == '\r' || i == '!' || i == '.' || i == '?');
  list = open_exceptions(&outer, &e);
  n = U_SUCCESS(e) ? ures_getSize(list) : 0;
  for (i = 0; i < n && U_SUCCESS(e); i++) {
    int32_t l, u8 = 0;
    const UChar *u = ures_getStringByIndex(list, i, &l, &e);
    UErrorCode e2 = U_ZERO_ERROR;
    if (U_SUCCESS(e)) u_strToUTF8(NULL, 0, &u8, u, l, &e2);
    room += u8;
  }
  if (U_SUCCESS(e) && ((all = kiji_alloc(sizeof *all * (size_t)(n + 1))) == NULL ||
                       (d->abbr = kiji_alloc(sizeof *d->abbr * (size_t)(2 * n + 1))) == NULL ||
                       (d->fwd = kiji_alloc(sizeof *d->fwd * (size_t)(n + 1))) == NULL ||
                       (d->chars = kiji_alloc((size_t)room + 1)) == NULL))
    e = U_MEMORY_ALLOCATION_ERROR;
  at = d->chars;
  for (i = 0; i < n && U_SUCCESS(e); i++) {
    int32_t l, u8 = 0;
    const UChar *u = ures_getStringByIndex(list, i, &l, &e);
    if (U_FAILURE(e)) break;
    u_strToUTF8(at, (int32_t)(d->chars + room - at), &u8, u, l, &e);
    if (e == U_STRING_NOT_TERMINATED_WARNING) e = U_ZERO_ERROR;
    if (U_FAILURE(e)) break;
    all[nall].s = at;
    all[nall++].len = (size_t)u8;
    at += u8;
  }
  ures_close(list);
  ures_close(outer);
  if (U_SUCCESS(e)) sort_entries(d, all, nall);
  kiji_dealloc(all);
  if (e == U_MEMORY_ALLOCATION_ERROR) {
    kiji_sent_scan_data_free(d);
    return KIJI_ENOMEM;
  }
  if (U_FAILURE(e)) d->all_to_icu = 1; /* data ICU reads its own way, or lacks */
  if (d->all_to_icu) d->nabbr = 0;     /* not the shape the scan knows: ICU decides */
  if (d->nabbr > 1) qsort(d->abbr, d->nabbr, sizeof *d->abbr, by_key);
  for (k = 0, i = 0; i < 257; i++) {
    while (k < d->nabbr && key_byte(&d->abbr[k]) < (unsigned)i) k++;
    d->by_byte[i] = (unsigned short)k;
  }
  return KIJI_OK;
}

void kiji_sent_scan_data_free(sent_scan_data *d) {
  kiji_dealloc(d->abbr);
  kiji_dealloc(d->fwd);
  kiji_dealloc(d->chars);
  d->abbr = NULL;
  d->fwd = NULL;
  d->nfwd = 0;
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

/*
** What en@ss=standard's filter does with the boundary b: 1 drops it, 0
** keeps it, -1 when ICU must say. ICU (filteredbrk.cpp) passes over one
** space before b, walks its backward trie from there while the trie goes
** on, and takes the last entry it passed (or the one it stopped on): a
** whole entry drops b; a partial one ("S." of "S.A.") drops it when the
** walk of the forward trie from the entry's start ends on a value or at
** the end of the text. The entries are ASCII, so bytes walk as ICU's
** code points do (an ill-formed byte matches nothing, as U+FFFD does).
**
** A trie's walk goes on while some entry matches the text so far, so
** each entry is matched on its own as far as it goes, and the walk's end
** follows from the longest matches: the longest entry matched whole is
** the last value the walk passes (it is never final before its own end:
** it is longer, and still on the path), and final when no entry that is
** not whole matches as far.
*/
static int suppressed(const sent_scan *sc, size_t b) {
  const sent_scan_data *d = sc->d;
  const unsigned char *s = sc->s;
  const sent_abbr *e, *best = NULL;
  size_t q = b, n, k, start, rest, most = 0, whole = 0, part = 0;
  if (d->all_to_icu) return -1;
  if (q > 0 && s[q - 1] == ' ') q--;
  if (q == 0 || s[q - 1] != '.') return 0;
  if (q < 2) return -1; /* the text starts with the '.' */
  e = d->abbr + d->by_byte[s[q - 2]];
  n = (size_t)(d->by_byte[s[q - 2] + 1] - d->by_byte[s[q - 2]]);
  for (k = 0; k < n; k++) { /* the '.' and the bucket's byte match: from 2 */
    size_t j = 2;
    while (j < e[k].len && j < q && s[q - 1 - j] == (unsigned char)e[k].s[e[k].len - 1 - j]) j++;
    if (j == e[k].len && j >= whole) { /* the last of the longest, as ICU's trie keeps it */
      whole = j;
      best = &e[k];
    }
    if (j > most) most = j;
  }
  /* a walk back into the start of the text past the last value (most
  ** boundaries have nothing that long) reads a value that is not there */
  if (most >= q && whole < q) return -1;
  if (best == NULL || !best->partial) return best != NULL;
  start = q - best->len;
  rest = sc->len - start;
  whole = 0;
  for (k = 0; k < d->nfwd; k++) {
    const sent_abbr *f = &d->fwd[k];
    size_t j = 0;
    while (j < f->len && j < rest && s[start + j] == (unsigned char)f->s[j]) j++;
    if (j == f->len) {
      if (j > whole) whole = j;
    } else if (j > part) {
      part = j;
    }
  }
  /* a final value, or the end of the text still on the trie's path */
  return (whole > 0 && part < whole) || whole >= rest || part >= rest;
}

/* The boundary b, unless the filter drops it (0: the scan goes on from
** b, where ICU's own iterator goes on) or ICU must decide. */
static size_t boundary(const sent_scan *sc, size_t b, size_t *go) {
  int drop = sc->filter && b < sc->len ? suppressed(sc, b) : 0; /* ICU: never at the end */
  if (drop < 0) return NEED_ICU;
  if (drop == 0) return b;
  *go = b;
  return 0;
}

/*
** After the final punctuation of class term at [p, q): its boundary, or
** 0 and *go the place the scan goes on from (SB6-SB8a keep the sentence
** going), or NEED_ICU.
*/
static size_t after_term(const sent_scan *sc, size_t floor, size_t p, size_t q, int term,
                         size_t *go) {
  size_t n = q, next, m;
  int k, before;
  if (n >= sc->len) return sc->len;
  k = sb_at(sc, n, &next);
  if (is_odd(k)) return NEED_ICU;
  if (term == U_SB_ATERM) {
    before = sb_before(sc, p, floor);
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
  if (is_sep(k)) return boundary(sc, past_sep(sc, k, next), go); /* SB11 */
  if (k == U_SB_SCONTINUE || k == U_SB_STERM || k == U_SB_ATERM ||
      (term == U_SB_ATERM && k == U_SB_LOWER)) {
    *go = n; /* SB8a, SB8 */
    return 0;
  }
  if (term == U_SB_ATERM && k != U_SB_OLETTER && k != U_SB_UPPER) {
    /* SB8: anything but letters, separators and final punctuation, then
    ** a lowercase letter, keeps the sentence going */
    for (m = n; m < sc->len; m = next) {
      int j = sb_at(sc, m, &next);
      if (is_odd(j)) return NEED_ICU;
      if (j == U_SB_OLETTER || j == U_SB_UPPER || j == U_SB_LOWER || is_sep(j) || j == U_SB_STERM ||
          j == U_SB_ATERM) {
        if (j == U_SB_LOWER) {
          *go = n;
          return 0;
        }
        break;
      }
    }
  }
  return boundary(sc, n, go); /* SB11 */
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

#if defined(__SSE2__)
#define SPLAT(b) _mm_set1_epi8((char)(b))
#define EQ(x, b) _mm_cmpeq_epi8((x), SPLAT(b))
#define ASCII_STOPS(x)                                 \
  _mm_or_si128(_mm_or_si128(EQ(x, '\n'), EQ(x, '\r')), \
               _mm_or_si128(_mm_or_si128(EQ(x, '!'), EQ(x, '.')), EQ(x, '?')))

/*
** p moved 16 bytes at a time up to a byte that may matter: LF, CR, ! . ?
** (d->stop_ascii5), a lead byte but E3..E9, or E3 80 82 (。), E3 80
** A8..AF (marks among them) or E3 82 98..9B (voicing marks among them).
** It may stop early (plain_cjk decides), never late. Reads 2 bytes ahead.
*/
static size_t skip_plain(const unsigned char *s, size_t p, size_t len) {
  for (; p + 18 <= len; p += 16) {
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + p)), m;
    int bits, high = _mm_movemask_epi8(x);
    if (high == 0) /* all ASCII: English mostly is */
      m = ASCII_STOPS(x);
    else {
      __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(s + p + 1));
      __m128i z = _mm_loadu_si128((const __m128i *)(const void *)(s + p + 2));
      /* signed: leads C0..FF are -64..-1, of which E3..E9 are -29..-23 */
      __m128i lead = _mm_and_si128(_mm_cmpgt_epi8(x, SPLAT(0xBF)), _mm_cmplt_epi8(x, SPLAT(0)));
      __m128i cjk = _mm_and_si128(_mm_cmpgt_epi8(x, SPLAT(0xE2)), _mm_cmplt_epi8(x, SPLAT(0xEA)));
      __m128i punct = _mm_and_si128(
          EQ(y, 0x80), _mm_or_si128(EQ(z, 0x82), EQ(_mm_and_si128(z, SPLAT(0xF8)), 0xA8)));
      __m128i voicing = _mm_and_si128(EQ(y, 0x82), EQ(_mm_and_si128(z, SPLAT(0xFC)), 0x98));
      m = _mm_or_si128(_mm_andnot_si128(cjk, lead),
                       _mm_and_si128(EQ(x, 0xE3), _mm_or_si128(punct, voicing)));
      if (high != 0xFFFF) m = _mm_or_si128(m, ASCII_STOPS(x)); /* Japanese mostly has none */
    }
    if ((bits = _mm_movemask_epi8(m)) != 0) return p + (size_t)__builtin_ctz((unsigned)bits);
  }
  return p;
}
#endif

/* The next boundary after sc->pos, or NEED_ICU. */
static size_t decide(const sent_scan *sc) {
  const unsigned char *s = sc->s, *stop = sc->d->stop;
  size_t p = sc->pos, len = sc->len, next, b, go = 0;
  for (;;) {
    int k;
#if defined(__SSE2__)
    if (sc->d->stop_ascii5) p = skip_plain(s, p, len);
#endif
    while (p < len && !stop[s[p]]) { /* past one byte, four a test (not at each kana) */
      p++;
      while (p + 4 <= len && !(stop[s[p]] | stop[s[p + 1]] | stop[s[p + 2]] | stop[s[p + 3]]))
        p += 4;
    }
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
        /* from the last boundary given, though ICU's own iterator goes
        ** on from one its filter dropped: the character before an ATerm
        ** is never Upper or Lower across one (a space or SB8a) */
        if ((b = after_term(sc, sc->pos, p, next, k, &go)) != 0) return b;
        next = go;
        break;
      default: break;
    }
    p = next;
  }
}

/* ------------------------------------------------------------ ICU */

/*
** ICU over the paragraph from sc->pos to just past its separator. Its
** iterator reads the whole text, from its first boundary after sc->pos,
** so that what its filter reads before and after a boundary is what it
** would read over the whole text.
*/
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
  if (!sc->text_set) {
    utext_openUTF8(sc->ut, (const char *)sc->s, (int64_t)sc->len, &e);
    ubrk_setUText(sc->bi, sc->ut, &e);
    if (U_FAILURE(e)) return 0;
    sc->text_set = 1;
  }
  sc->win1 = p;
  sc->win_first = 1;
  return 1;
}

/* ICU's next boundary in the window, on a character boundary. */
static size_t window_next(sent_scan *sc) {
  int32_t b;
  for (;;) {
    size_t at;
    b = sc->win_first ? ubrk_following(sc->bi, (int32_t)sc->pos) : ubrk_next(sc->bi);
    sc->win_first = 0;
    if (b == UBRK_DONE) return KIJI_NONE;
    at = kiji_seg_snap(sc->s, sc->len, (size_t)b);
    if (at >= sc->win1) sc->win1 = 0;
    if (at > sc->pos) return at;
  }
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
  sc->win1 = 0;
  sc->text_set = 0;
}

size_t kiji_sent_scan_next(sent_scan *sc) {
  size_t b;
  if (sc->win1 == 0 && (b = decide(sc)) != NEED_ICU) return sc->pos = b;
  if (sc->win1 == 0 && !open_window(sc)) return KIJI_NONE;
  b = window_next(sc);
  if (b != KIJI_NONE) sc->pos = b;
  return b;
}
