/*
** seg_rules.c -- kiji's news rules for sentences (news_rules != 0).
**
** ICU proposes the boundaries; the rules drop some of them and move some
** back over opening brackets, so a kiji sentence is always a run of whole
** ICU sentences, give or take those brackets. For a boundary b they look
** at the run of white space around b (the "gap") and at the text on
** either side.
**
**  1. Abbreviations. The token just before the gap, if it is on kiji's
**     list (titles, months but May, U.S., Inc. ...), does not end a
**     sentence; "No." only before a number, a capital initial only after
**     a capitalized word ("George W. Bush", not "plan B."). For English
**     ICU's ss=standard suppressions run first, but its list lacks Dr.
**     and Gen. and a quirk of its matcher lets "U.S." through.
**  2. Quotations that go on. A Japanese quotation closed by 」 or 』 (or
**     half-width ｣) and directly followed by a quotative particle -- と
**     (so also との, という, とも, とか, として...), って, など, なんて --
**     is one sentence with what follows: no boundary from just after its
**     opening bracket to the particle, including the ones ICU puts after
**     。 inside the quotation (「事実はない。調査する。」と述べた。 is
**     three sentences to ICU). Without its opening bracket in the same
**     paragraph, the boundary between the bracket and the particle still
**     goes. In English, final punctuation and a closing quote followed on
**     the same line by a lowercase word ("Why now?" she asked.) go on;
**     ICU ends a sentence there after ? and !.
**     And a boundary right after opening brackets moves back before them:
**     UAX #29 counts them as Close (rule SB9), so after 。 ICU keeps the 「
**     of the next quotation with the sentence that ends (言った。「 |
**     未定だ。」などと); so does one after an ASCII quote glued between
**     final punctuation and a letter (reported."No one: it opens).
**  3. Headlines. A line without final punctuation that starts a
**     paragraph (starts the text, follows a blank line or a line that
**     ends with final punctuation) and is followed by one line break is
**     a headline, a sentence of its own, when the next line is indented
**     deeper; or, both indented alike, when the next line does not start
**     with a lowercase letter and is at least 4/3 as wide. The lines of a
**     wrapped paragraph are about as wide as each other, a headline is
**     narrower than the paragraph under it, and a line indented deeper
**     than the next starts a paragraph of text (as 　 does in Japanese).
**  4. Line breaks. One line break inside a paragraph does not end a
**     sentence unless the line ends with final punctuation (Unicode's
**     STerm and ATerm: . ! ? 。 ！ ？ ．..., perhaps followed by closing
**     brackets and quotes) or is a headline. ICU ends a sentence at every
**     line break, which cuts Japanese sentences laid out over lines and
**     hard-wrapped English paragraphs alike; kiji treats both languages
**     the same way.
**
**  5. Time stamps. A scraped page runs its headline, a time stamp, a
**     photo caption and the story together on one line ("…報道を否定
**     2024.2.1 09:30 会見する長官=1日… 長官は…と否定した。"). A date
**     (four-digit year, then month and day after . / or -) with a time
**     (9:30), between white space, is a sentence of its own, and so ends
**     the one before it; a date alone only between Japanese characters,
**     as Japanese prose never spaces a date ("dated 2024-02-01 was" stays).
**     This rule adds boundaries where ICU proposes none.
**
** Precedence: a blank line (two line breaks; U+2029 counts as two) always
** ends a sentence, as does a gap at either end of the text; then rule 2
** keeps a boundary away, then rule 1, then rules 3 and 4 decide.
*/
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <unicode/uchar.h>

#include "seg.h"
#include "seg_words.h"
#include "base/script.h"
#include "base/utf8.h"

#define TOKEN_MAX 12  /* bytes of the longest abbreviation, and some */
#define NAME_MAX 32   /* characters of a name before an initial */
#define CLOSERS_MAX 4 /* closing brackets and quotes after final punctuation */
#define QUOTE_DEPTH 16

/* ------------------------------------------------------------ characters */

/* The character at i < len, or -1 (ill-formed); *next gets its end. */
static inline int32_t char_at(const seg_news *n, size_t i, size_t *next) {
  size_t l;
  int32_t c = kiji_utf8_decode(n->s + i, n->len - i, &l);
  *next = i + l;
  return c;
}

/*
** The character that ends at the character boundary i > 0, or -1 for an
** ill-formed byte; *start gets where it starts. A byte that is not a
** continuation byte always starts a character, so the character is found
** from the last such byte at most 4 bytes back.
*/
static int32_t char_before_slow(const seg_news *n, size_t i, size_t *start) {
  const unsigned char *s = n->s;
  size_t k, q, l;
  int32_t c;
  for (k = 1; k <= 4 && k <= i; k++)
    if (!kiji_utf8_is_cont(s[i - k])) break;
  *start = i - 1; /* a stray continuation byte, unless found below */
  if (k > 4 || k > i) return -1;
  q = i - k;
  c = kiji_utf8_decode(s + q, n->len - q, &l);
  if (q + l < i) return -1;
  *start = q;
  return q + l == i ? c : -1;
}

/* The same, ASCII and well-formed 3-byte characters (lead E1..EF but ED:
** no limit on the second byte) at once: small enough to inline. */
static inline int32_t char_before(const seg_news *n, size_t i, size_t *start) {
  const unsigned char *s = n->s;
  unsigned b = s[i - 1];
  if (b < 0x80) {
    *start = i - 1;
    return (int32_t)b;
  }
  if (i >= 3 && s[i - 3] - 0xE1u <= 0xEu && s[i - 3] != 0xED && kiji_utf8_is_cont(s[i - 2]) &&
      kiji_utf8_is_cont((unsigned char)b)) {
    *start = i - 3;
    return (int32_t)((s[i - 3] & 0x0Fu) << 12 | (s[i - 2] & 0x3Fu) << 6 | (b & 0x3Fu));
  }
  return char_before_slow(n, i, start);
}

/* White_Space, spelled out: it is stable, and asking ICU for each
** character of every gap would cost more than the rules themselves. */
static inline int is_space(int32_t c) {
  if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0D);
  if (c < 0x2000) return c == 0x85 || c == 0xA0 || c == 0x1680;
  return c <= 0x200A || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/*
** Whether the character at i (*next past it), or the one that ends at i
** (*start where it starts), is white space, or with feff U+FEFF too;
** *next and *start are only set when it is. Most characters next to a
** gap are letters, kana, kanji or punctuation, and the bytes answer:
** ASCII at once, and of the white space above only U+3000 (E3 80 80) has
** a lead from E3 to E9, where kanji, kana and Japanese punctuation have
** theirs; the others are decoded.
*/
static inline int space_at(const seg_news *n, size_t i, size_t *next, int feff) {
  const unsigned char *s = n->s + i;
  int32_t c;
  if (s[0] < 0x80) {
    *next = i + 1;
    return is_space(s[0]);
  }
  if (s[0] - 0xE3u <= 6u && (s[0] != 0xE3 || n->len - i < 3 || s[1] != 0x80 || s[2] != 0x80))
    return 0;
  c = char_at(n, i, next);
  return is_space(c) || (feff && c == 0xFEFF);
}

static inline int space_before(const seg_news *n, size_t i, size_t *start, int feff) {
  const unsigned char *s = n->s;
  unsigned b = s[i - 1];
  int32_t c;
  if (b < 0x80) {
    *start = i - 1;
    return is_space((int32_t)b);
  }
  /* a lead E3..E9 three bytes back starts the character (or b, not a
  ** continuation byte, is one of its own: ill-formed, no space) */
  if (i >= 3 && s[i - 3] - 0xE3u <= 6u && kiji_utf8_is_cont(s[i - 2]) && b != 0x80) return 0;
  c = char_before(n, i, start);
  return is_space(c) || (feff && c == 0xFEFF);
}

/* How many line breaks the space c at i makes: CR LF is one. */
static size_t break_weight(const seg_news *n, int32_t c, size_t at) {
  switch (c) {
    case '\n':
    case 0x85:
    case 0x2028: return 1;
    case '\r': return at + 1 < n->len && n->s[at + 1] == '\n' ? 0 : 1;
    case 0x2029: return 2;
    default: return 0;
  }
}

/* Unicode's Sentence_Break STerm and ATerm. */
static int is_final(int32_t c) {
  int sb;
  if (c < 0x80) return c == '.' || c == '!' || c == '?';
  if (c == 0x3002) return 1; /* 。, the common case */
  sb = u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK);
  return sb == U_SB_STERM || sb == U_SB_ATERM;
}

/* Closing brackets and quotes (Sentence_Break Close, in ASCII only the
** closing ones, as ASCII quotes serve both ways). */
static int is_close(int32_t c) {
  if (c < 0x80) return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}';
  if (c == 0x3002) return 0; /* 。, the common case */
  return u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK) == U_SB_CLOSE;
}

static int is_lower(int32_t c) { return c >= 0 && u_islower(c); }

static int is_ascii_letter(unsigned b) { return (b | 0x20u) - 'a' < 26u; }

/* The line breaks kiji knows, seen from their last byte at p - 1. */
static int line_break_before(const unsigned char *s, size_t p) {
  unsigned b = s[p - 1];
  if (b == '\n' || b == '\r') return 1;
  if (b == 0x85) return p >= 2 && s[p - 2] == 0xC2;
  if (b == 0xA8 || b == 0xA9) return p >= 3 && s[p - 2] == 0x80 && s[p - 3] == 0xE2;
  return 0;
}

/*
** Display columns of s[a, b), roughly: what a wrapping editor counts.
** Characters from U+3000 up (kana, kanji, full-width forms) take two.
*/
static size_t columns(const seg_news *n, size_t a, size_t b) {
  size_t w = 0;
  for (; a < b; a++) {
    unsigned c = n->s[a];
    if (!kiji_utf8_is_cont((unsigned char)c)) w += c >= 0xE3 && c <= 0xF4 ? 2 : 1;
  }
  return w;
}

/* ------------------------------------------------------------ the gap */

/* The white space around b, scanned once per run (seg_news). */
static void gap_at(seg_news *n, size_t b) {
  size_t p, q, st;
  if (n->gap_valid && b >= n->ws0 && b <= n->ws1) return;
  for (p = b; p > 0 && space_before(n, p, &st, 0); p = st) {}
  for (q = b; q < n->len && space_at(n, q, &st, 0); q = st) {}
  n->ws0 = p;
  n->ws1 = q;
  n->breaks = 0;
  n->next_line = p;
  for (; p < q; p = st) {
    size_t w = break_weight(n, char_at(n, p, &st), p);
    if (w) {
      n->breaks += w;
      n->next_line = st;
    }
  }
  n->gap_valid = 1;
}

/* Whether the text before e ends with final punctuation and closers. */
static int ends_with_final(const seg_news *n, size_t e) {
  size_t k, st;
  for (k = 0; e > 0 && k <= CLOSERS_MAX; k++, e = st) {
    int32_t c = char_before(n, e, &st);
    if (!is_close(c)) return is_final(c);
  }
  return 0;
}

/* ------------------------------------------------------------ rule 2 */

/* 「 」 『 』 ｢ ｣ at s[i]: the kind of bracket (1 or 2), negative for a
** closing one; 0 for anything else. */
static int quote_mark(const unsigned char *s, size_t len, size_t i) {
  if (i + 3 > len) return 0;
  if (s[i] == 0xE3 && s[i + 1] == 0x80) {
    switch (s[i + 2]) {
      case 0x8C: return 1;
      case 0x8D: return -1;
      case 0x8E: return 2;
      case 0x8F: return -2;
      default: return 0;
    }
  }
  if (s[i] == 0xEF && s[i + 1] == 0xBD) return s[i + 2] == 0xA2 ? 1 : s[i + 2] == 0xA3 ? -1 : 0;
  return 0;
}

/* Whether one of the words w (seg_words.h) starts at i. */
static int word_at(const seg_news *n, size_t i, const kiji_seg_word *w) {
  for (; w->s; w++)
    if (n->len - i >= w->len && memcmp(n->s + i, w->s, w->len) == 0) return 1;
  return 0;
}

/* Whether a quotative particle starts at i. */
static int particle_at(const seg_news *n, size_t i) { return word_at(n, i, kiji_seg_quotative); }

/* Add (start, end] to the ranges; one that encloses earlier (nested)
** ranges replaces them, so the ranges stay sorted and disjoint. */
static int add_quote(seg_news *n, size_t start, size_t end) {
  while (n->nquotes > 0 && n->quotes[n->nquotes - 1].start >= start) n->nquotes--;
  if (n->nquotes > 0 && n->quotes[n->nquotes - 1].end > start)
    start = n->quotes[--n->nquotes].start;
  if (n->nquotes == n->quote_cap &&
      !kiji_grow((void **)&n->quotes, &n->quote_cap, n->nquotes + 1, sizeof *n->quotes))
    return 0;
  n->quotes[n->nquotes].start = start;
  n->quotes[n->nquotes].end = end;
  n->nquotes++;
  return 1;
}

/* Whether only spaces and tabs (and CR) separate the LF at i from another. */
static int blank_line_after(const seg_news *n, size_t i) {
  for (i++; i < n->len; i++) {
    unsigned b = n->s[i];
    if (b == '\n') return 1;
    if (b != ' ' && b != '\t' && b != '\r') return 0;
  }
  return 0;
}

/* ---- finding the brackets fast */

#define REP8(b) (UINT64_C(0x0101010101010101) * (b))
#define REP16(h) (UINT64_C(0x0001000100010001) * (h))

#if !defined(__SSE2__) /* the portable way: eight bytes a word */
/* Whether p[k] lands in bits 8k..8k+7 of a word memcpy'd from p (a
** constant to the compiler). */
static int little_endian(void) {
  const uint16_t one = 1;
  unsigned char b;
  memcpy(&b, &one, 1);
  return b == 1;
}

/* The classic tests for a zero byte (16-bit lane) in a word: exact about
** whether there is one, which is all the caller needs. */
static uint64_t zero8(uint64_t y) { return (y - REP8(0x01)) & ~y & REP8(0x80); }
static uint64_t zero16(uint64_t y) { return (y - REP16(0x0001)) & ~y & REP16(0x8000); }

/* Bytes 80 8C..8F (the tail of 「」『』, E3 80 8C..8F) or BD A2..A3 (of ｢｣)
** in one of the 16-bit lanes of x, read from memory as little_endian says. */
static uint64_t bracket_tail(uint64_t x, int le) {
  return zero16((x & REP16(le ? 0xFCFF : 0xFFFC)) ^ REP16(le ? 0x8C80 : 0x808C)) |
         zero16((x & REP16(le ? 0xFEFF : 0xFFFE)) ^ REP16(le ? 0xA2BD : 0xBDA2));
}

/*
** Whether p[0..8) holds LF or the second byte of a bracket (9 bytes are
** read). In Japanese every third byte is a lead byte E3 and many a second
** byte 80 (、。), so a test on each byte would cost a good part of what
** ICU's own pass costs; this costs a few operations per 8 bytes, and
** almost every window fails it.
*/
static int window_has_mark(const unsigned char *p) {
  uint64_t x, y;
  int le = little_endian();
  memcpy(&x, p, 8);
  memcpy(&y, p + 1, 8);
  return (zero8(x ^ REP8(0x0A)) | bracket_tail(x, le) | bracket_tail(y, le)) != 0;
}
#endif

/* ---- pairing them */

typedef struct quote_stack {
  size_t open[QUOTE_DEPTH];
  int kind[QUOTE_DEPTH];
  int depth;
} quote_stack;

/*
** The LF or bracket at p meets the stack of open brackets: a blank line
** empties it (a quotation does not run over paragraphs); an opening
** bracket is pushed (the oldest forgotten when the stack is full, so that
** unbalanced text stays linear); a closing one pops to the nearest opening
** one of its kind and, if a particle follows, records the quotation.
** 0 when out of memory.
*/
static int on_mark(seg_news *n, quote_stack *q, size_t p) {
  int k, j;
  if (n->s[p] == '\n') {
    if (blank_line_after(n, p)) q->depth = 0;
    return 1;
  }
  if ((k = quote_mark(n->s, n->len, p)) > 0) {
    if (q->depth == QUOTE_DEPTH) {
      memmove(q->open, q->open + 1, sizeof q->open - sizeof q->open[0]);
      memmove(q->kind, q->kind + 1, sizeof q->kind - sizeof q->kind[0]);
      q->depth--;
    }
    q->open[q->depth] = p;
    q->kind[q->depth++] = k;
    return 1;
  }
  if (k == 0) return 1;
  for (j = q->depth - 1; j >= 0 && q->kind[j] != -k; j--) {}
  if (j < 0) return 1;
  q->depth = j;
  return !particle_at(n, p + 3) || add_quote(n, q->open[j], p + 3);
}

#if !defined(__SSE2__)
/* The LF at i, or the bracket whose second byte is at i, meets the stack. */
static int mark_near(seg_news *n, quote_stack *q, size_t i) {
  if (n->s[i] == '\n') return on_mark(n, q, i);
  if (i >= 1 && quote_mark(n->s, n->len, i - 1) != 0) return on_mark(n, q, i - 1);
  return 1;
}
#endif

/*
** Where the first bracket may start: the first E3 byte, or a ｢ or ｣ (EF
** BD A2..A3) before it; len when there is none. memchr is fast enough
** that English text, which has neither, costs next to nothing.
*/
static size_t first_bracket(const seg_news *n) {
  const unsigned char *e3 = memchr(n->s, 0xE3, n->len), *p = n->s;
  const unsigned char *end = e3 ? e3 : n->s + n->len;
  while (p < end && (p = memchr(p, 0xEF, (size_t)(end - p))) != NULL) {
    if (quote_mark(n->s, n->len, (size_t)(p - n->s)) != 0) return (size_t)(p - n->s);
    p++;
  }
  return (size_t)(end - n->s);
}

#if defined(__SSE2__)
#define SPLAT(b) _mm_set1_epi8((char)(b))
#define EQ(x, b) _mm_cmpeq_epi8((x), SPLAT(b))

/* One pass over the text from the first bracket, 16 bytes at a time: a
** bit for each LF and each start of E3 80 8C..8F or EF BD A2..A3, as
** in Japanese the other bytes of brackets are in every kana and mark. An
** LF matters only while a bracket is open (it may empty the stack). */
static int find_quotes(seg_news *n) {
  quote_stack q;
  size_t i = first_bracket(n);
  q.depth = 0;
  for (; i + 18 <= n->len; i += 16) {
    const unsigned char *p = n->s + i;
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i y = _mm_loadu_si128((const __m128i *)(const void *)(p + 1));
    __m128i z = _mm_loadu_si128((const __m128i *)(const void *)(p + 2));
    __m128i cjk = _mm_and_si128(_mm_and_si128(EQ(x, 0xE3), EQ(y, 0x80)),
                                EQ(_mm_and_si128(z, SPLAT(0xFC)), 0x8C));
    __m128i half = _mm_and_si128(_mm_and_si128(EQ(x, 0xEF), EQ(y, 0xBD)),
                                 EQ(_mm_and_si128(z, SPLAT(0xFE)), 0xA2));
    unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(EQ(x, '\n'), _mm_or_si128(cjk, half)));
    for (; bits; bits &= bits - 1) {
      size_t at = i + (size_t)__builtin_ctz(bits);
      if ((q.depth > 0 || n->s[at] != '\n') && !on_mark(n, &q, at)) return 0;
    }
  }
  for (; i < n->len; i++)
    if (((n->s[i] == '\n' && q.depth > 0) || n->s[i] >= 0xE3) && !on_mark(n, &q, i)) return 0;
  return 1;
}
#else
/* One pass over the text from the first bracket, 8 bytes at a time. */
static int find_quotes(seg_news *n) {
  quote_stack q;
  size_t i = first_bracket(n), k;
  q.depth = 0;
  for (; i + 9 <= n->len; i += 8) {
    if (!window_has_mark(n->s + i)) continue;
    for (k = i; k < i + 8; k++) {
      unsigned b = n->s[k];
      if ((b == '\n' || b == 0x80 || b == 0xBD) && !mark_near(n, &q, k)) return 0;
    }
  }
  for (; i < n->len; i++)
    if (!mark_near(n, &q, i)) return 0;
  return 1;
}
#endif

/* Opening brackets and quotes (ASCII quotes serve both ways: not these). */
static int is_open(int32_t c) {
  int gc;
  if (c < 0x80) return c == '(' || c == '[' || c == '{';
  if (c == 0x3002) return 0; /* 。, the common case */
  gc = u_charType(c);
  return gc == U_START_PUNCTUATION || gc == U_INITIAL_PUNCTUATION;
}

/* Whether b falls inside a recorded quotation (boundaries only grow). */
static int in_quote(seg_news *n, size_t b) {
  while (n->qi < n->nquotes && n->quotes[n->qi].end < b) n->qi++;
  return n->qi < n->nquotes && n->quotes[n->qi].start < b;
}

/* A closing bracket, then the gap (no line break), then a particle. */
static int bracket_then_particle(const seg_news *n) {
  size_t st;
  int32_t c;
  if (n->breaks || n->ws0 == 0) return 0;
  c = char_before(n, n->ws0, &st);
  return (c == 0x300D || c == 0x300F || c == 0xFF63) && particle_at(n, n->ws1);
}

/* English: final punctuation, a closing quote, the gap, a lowercase word. */
static int quote_goes_on(const seg_news *n) {
  size_t e = n->ws0, st, k;
  int32_t c = -1;
  if (n->breaks || n->ws1 >= n->len) return 0;
  for (k = 0; e > 0 && k <= CLOSERS_MAX; k++, e = st)
    if (!is_close(c = char_before(n, e, &st))) break;
  if (k == 0 || !is_final(c)) return 0;
  return is_lower(char_at(n, n->ws1, &st));
}

/* ------------------------------------------------------------ rule 1 */

/* The initial at t ("W.") follows a capitalized word ("George W."). */
static int initial_after_name(const seg_news *n, size_t t) {
  size_t p = t - 1, st, k;
  int32_t first = -1;
  if (t < 2 || n->s[t - 1] != ' ') return 0;
  for (k = 0; p > 0; k++, p = st) {
    int32_t c = char_before(n, p, &st);
    if (c < 0 || (c != '.' && !u_isalpha(c))) break;
    if (k == NAME_MAX) return 0;
    first = c;
  }
  return first >= 0 && u_isupper(first);
}

/* Whether the l bytes at p are one of the words w, exactly. */
static int is_word(const unsigned char *p, size_t l, const kiji_seg_word *w) {
  for (; w->s; w++) /* the first byte before memcmp: most words differ there */
    if (w->len == l && (unsigned char)w->s[0] == p[0] && memcmp(p, w->s, l) == 0) return 1;
  return 0;
}

/* kiji's abbreviations (lexicon/seg.tsv): a full stop after one goes on;
** initials have a rule of their own. */
static int abbreviation_before(const seg_news *n) {
  const unsigned char *s = n->s;
  size_t e = n->ws0, t = e, l;
  if (e < 2 || s[e - 1] != '.') return 0;
  while (t > 0 && (is_ascii_letter(s[t - 1]) || s[t - 1] == '.'))
    if (e - --t > TOKEN_MAX) return 0;
  l = e - t;
  if (l == 2 && s[t] >= 'A' && s[t] <= 'Z') return initial_after_name(n, t);
  if (is_word(s + t, l, kiji_seg_abbreviation_number)) /* "No. 3" */
    return n->ws1 < n->len && s[n->ws1] >= '0' && s[n->ws1] <= '9';
  return is_word(s + t, l, kiji_seg_abbreviation);
}

/* ------------------------------------------------------------ rules 3, 4 */

/* A headline ends with a letter, digit, mark, symbol or closer; not with
** a comma, colon, dash or opening bracket, which say the line goes on. */
static int headline_end(int32_t c) {
  int gc;
  if (c < 0) return 0;
  if (u_getIntPropertyValue(c, UCHAR_SENTENCE_BREAK) == U_SB_SCONTINUE) return 0;
  if (c == ';' || c == 0xFF1B) return 0;
  gc = u_charType(c);
  return gc != U_DASH_PUNCTUATION && gc != U_START_PUNCTUATION && gc != U_INITIAL_PUNCTUATION &&
         gc != U_CONNECTOR_PUNCTUATION;
}

static size_t line_start(const seg_news *n, size_t e) {
  while (e > 0 && !line_break_before(n->s, e)) e--;
  return e;
}

/* The line at ls starts the text, follows a blank line, or follows a
** line that ends with final punctuation. */
static int starts_paragraph(const seg_news *n, size_t ls) {
  size_t p = ls, st, breaks = 0;
  int32_t c;
  while (p > 0 && is_space(c = char_before(n, p, &st))) {
    breaks += break_weight(n, c, st);
    p = st;
  }
  return p == 0 || breaks >= 2 || ends_with_final(n, p);
}

/* Whether the line at a is wider than w columns (looks no further). */
static int wider_than(const seg_news *n, size_t a, size_t w) {
  size_t seen = 0;
  for (; a < n->len && !line_break_before(n->s, a + 1); a++) {
    if (kiji_utf8_is_cont(n->s[a])) continue;
    seen += n->s[a] >= 0xE3 && n->s[a] <= 0xF4 ? 2 : 1;
    if (seen > w) return 1;
  }
  return 0;
}

/* Rule 3 for the line that ends at the gap, when the gap holds one break. */
static int is_headline(const seg_news *n) {
  size_t e = n->ws0, ls, cs, st, indent, next_indent;
  if (!headline_end(char_before(n, e, &st))) return 0;
  ls = line_start(n, e);
  if (!starts_paragraph(n, ls)) return 0;
  if (is_lower(char_at(n, n->ws1, &st))) return 0;
  for (cs = ls; cs < e && space_at(n, cs, &st, 0); cs = st) {}
  indent = columns(n, ls, cs);
  next_indent = columns(n, n->next_line, n->ws1);
  if (indent != next_indent) return indent < next_indent;
  return wider_than(n, n->ws1, columns(n, cs, e) * 4 / 3);
}

/* ------------------------------------------------------------ entry points */

int kiji_seg_news_begin(seg_news *n, const unsigned char *s, size_t len) {
  n->s = s;
  n->len = len;
  n->nquotes = 0;
  n->qi = 0;
  n->gap_valid = 0;
  return find_quotes(n);
}

/* An ASCII double quote at [st, p) glued between final punctuation and a
** letter ('reported."No one'): it opens what follows, as “ would (a
** closing one is followed by white space or punctuation). */
static int ascii_opener(const seg_news *n, size_t st, size_t p, size_t floor) {
  size_t s2, next;
  if (st + 1 != p || n->s[st] != '"' || p >= n->len || st <= floor) return 0;
  return is_final(char_before(n, st, &s2)) && u_isalpha(char_at(n, p, &next));
}

size_t kiji_seg_news_move(const seg_news *n, size_t b, size_t floor) {
  size_t p = b, st, last = b, k;
  for (k = 0; p > floor && k < CLOSERS_MAX; k++) {
    int open = is_open(char_before(n, p, &st));
    if (k == 0) last = st; /* where the character before b starts */
    if (!open) break;
    p = st;
  }
  if (p == b && p > floor && ascii_opener(n, last, p, floor)) p = last;
  return p > floor ? p : b;
}

int kiji_seg_news_keep(seg_news *n, size_t b) {
  gap_at(n, b);
  /* only white space on one side: the span it makes is trimmed away */
  if (n->ws0 == 0 || n->ws1 >= n->len) return 1;
  if (n->breaks >= 2) return 1;                                                 /* a paragraph */
  if (in_quote(n, b) || bracket_then_particle(n) || quote_goes_on(n)) return 0; /* 2 */
  if (abbreviation_before(n)) return 0;                                         /* rule 1 */
  if (n->breaks == 1) return ends_with_final(n, n->ws0) || is_headline(n);      /* 3, 4 */
  return 1;
}

/* ------------------------------------------------------------ rule 5 */

/* The end of a run of min..max ASCII digits at i (not followed by one
** more), or 0. */
static size_t digits(const seg_news *n, size_t i, size_t end, size_t min, size_t max) {
  size_t j = i;
  while (j < end && j - i <= max && n->s[j] - (unsigned)'0' < 10u) j++;
  return j - i >= min && j - i <= max ? j : 0;
}

/* The first ASCII digit in [i, b), or b: eight bytes at a time past the
** windows with none (a digit byte XOR '0' is below 10, the test for a
** byte below 10 is exact about whether there is one), as news has few. */
#if defined(__SSE2__)
/* A bit for each ASCII digit of p[0..16) (signed: no byte from 0x80 up is
** in '0'..'9'). */
static unsigned digits16(const unsigned char *p) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  return (unsigned)_mm_movemask_epi8(
      _mm_and_si128(_mm_cmpgt_epi8(x, SPLAT('0' - 1)), _mm_cmplt_epi8(x, SPLAT('9' + 1))));
}
#endif

static size_t digit_from(const seg_news *n, size_t i, size_t b) {
#if defined(__SSE2__)
  unsigned bits;
  for (; i + 16 <= b; i += 16)
    if ((bits = digits16(n->s + i)) != 0) return i + (size_t)__builtin_ctz(bits);
  if (i < b && b >= 16) { /* the last 16 bytes, those before i shifted out */
    bits = digits16(n->s + b - 16) >> (i + 16 - b);
    return bits ? i + (size_t)__builtin_ctz(bits) : b;
  }
#endif
  while (i < b) {
    uint64_t x;
    if (i + 8 <= b) {
      memcpy(&x, n->s + i, 8);
      x ^= REP8(0x30);
      if (((x - REP8(10)) & ~x & REP8(0x80)) == 0) {
        i += 8;
        continue;
      }
    }
    if (n->s[i] - (unsigned)'0' < 10u) return i;
    i++;
  }
  return b;
}

/* The end of a date at i (2024.2.1, 2024/02/01, 2024-2-1), or 0. */
static size_t date_at(const seg_news *n, size_t i, size_t end) {
  size_t j = digits(n, i, end, 4, 4);
  unsigned char sep;
  if (j == 0 || j >= end || ((sep = n->s[j]) != '.' && sep != '/' && sep != '-')) return 0;
  j = digits(n, j + 1, end, 1, 2);
  if (j == 0 || j >= end || n->s[j] != sep) return 0;
  return digits(n, j + 1, end, 1, 2);
}

/* The end of a time at i (9:30, 09:30), or 0. */
static size_t time_at(const seg_news *n, size_t i, size_t end) {
  size_t j = digits(n, i, end, 1, 2);
  if (j == 0 || j >= end || n->s[j] != ':') return 0;
  return digits(n, j + 1, end, 2, 2);
}

/* i moved forward over white space, up to end. */
static size_t skip_spaces(const seg_news *n, size_t i, size_t end) {
  size_t next;
  while (i < end && space_at(n, i, &next, 0)) i = next;
  return i;
}

/* Whether the character before the white space that ends at i (or after
** the white space that starts at i) is a kana or a kanji. */
static int japanese_before(const seg_news *n, size_t floor, size_t i) {
  size_t st;
  while (i > floor && space_before(n, i, &st, 0)) i = st;
  return i > floor && kiji_is_kanji_kana(char_before(n, i, &st));
}

static int japanese_after(const seg_news *n, size_t i, size_t end) {
  size_t next;
  i = skip_spaces(n, i, end);
  return i < end && kiji_is_kanji_kana(char_at(n, i, &next));
}

int kiji_seg_news_stamp(const seg_news *n, size_t a, size_t b, size_t *start, size_t *end) {
  size_t i, e, t, z, st;
  for (i = a; i<b; i = e> i ? e : i + 1) {
    i = digit_from(n, i, b);
    e = i;
    if (i >= b || i == a || (e = date_at(n, i, b)) == 0 || !space_before(n, i, &st, 0)) continue;
    t = skip_spaces(n, e, b);
    if (t > e && (z = time_at(n, t, b)) != 0 && (z == b || space_at(n, z, &st, 0))) {
      *start = i;
      *end = z;
      return 1;
    }
    if ((e == b || space_at(n, e, &st, 0)) && japanese_before(n, a, i) && japanese_after(n, e, b)) {
      *start = i;
      *end = e;
      return 1;
    }
  }
  return 0;
}

/* What a sentence's span leaves out at its ends: white space and U+FEFF,
** a byte order mark at the start of a file (elsewhere an invisible
** no-break space that begins or ends nothing). */
void kiji_seg_trim(const seg_news *n, size_t *start, size_t *end) {
  size_t a = *start, b = *end, st;
  while (a < b && space_at(n, a, &st, 1)) a = st;
  while (b > a && space_before(n, b, &st, 1)) b = st;
  *start = a;
  *end = b;
}
