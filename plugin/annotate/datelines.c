/*
** datelines.c -- the dateline or credit of a paragraph: where and through
** whom wire copy comes ("PARIS —", "BEIJING, March 3 (Xinhua) --",
** "Osaka, Jan. 12 (Jiji Press)--", 【ソウル共同】, [東京 22日 ロイター],
** and a credit （共同） that closes a paragraph).
**
** Read from punctuation and capitals, never from a list of places: at a
** paragraph's start, one to three capitalized words (all capitals unless
** a date or an outlet follows), an optional ", Month 12", an optional
** outlet in parentheses, then a dash; or a bracket that holds a place or
** an outlet; at a paragraph's end, an outlet alone in parentheses. An
** outlet inside stays a mention (an agency's short name, 共同 or 時事, is
** one only here), but the span is nobody's subject: parties.c skips it,
** and takes no subject before a leading one (the sentence's floor: the
** line before it is another paragraph). The text's first dateline and
** its outlet are the document's.
*/
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ann.h"
#include "ann_text.h"

/* How far a bracket's closer may lie, in characters: a credit is short. */
#define CREDIT_REACH 24
/* How far an English dateline's dash may lie, in bytes ("WASHINGTON,
** Sept. 30 (Jiji Press) --" is 35). */
#define LATIN_REACH 64
/* How many places of one sentence are tried: each reads the sentence's
** mentions, and lines with no full stop make one sentence of a whole
** text (hostile input: 10^5 of them); news has one or two. */
#define TRIES 8

/* The outlet mention that covers [start, end) of the sentence exactly,
** or KIJI_NONE (the mentions are not sorted yet: a pass, at most TRIES
** times a sentence). */
static size_t outlet_covering(const ann_sent *st, size_t start, size_t end) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i;
  for (i = st->first_mention; i < st->doc->mentions.n; i++)
    if (m[i].kind == KIJI_KIND_OUTLET && m[i].span.start == start && m[i].span.end == end) return i;
  return KIJI_NONE;
}

/* Whether some mention overlaps [start, end): "NHK —" names no place. */
static int holds_mention(const ann_sent *st, size_t start, size_t end) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i;
  for (i = st->first_mention; i < st->doc->mentions.n; i++)
    if (m[i].span.start < end && m[i].span.end > start) return 1;
  return 0;
}

/* The outlet that ends a credit's content [start, end): a mention, or an
** agency's short name (共同), which becomes one. *outlet is KIJI_NONE when
** there is none; 0 when out of memory. */
static int credit_outlet(ann_sent *st, size_t start, size_t end, size_t *outlet) {
  const kiji_mention *m = st->doc->mentions.p;
  size_t i, at, e;
  *outlet = KIJI_NONE;
  for (i = st->first_mention; i < st->doc->mentions.n; i++)
    if (m[i].kind == KIJI_KIND_OUTLET && m[i].span.start >= start && m[i].span.end == end) {
      *outlet = i;
      return 1;
    }
  for (at = start; (at = kiji_ann_word_within(st, at, end, AW_CREDIT_OUTLET, &e)) != KIJI_NONE;
       at = e) {
    if (e != end || holds_mention(st, at, e)) continue;
    if (kiji_ann_mention(st, at, e, KIJI_KIND_OUTLET, "agency") == NULL) return 0;
    *outlet = st->doc->mentions.n - 1;
    return 1;
  }
  return 1;
}

/* Whether a cue lies in [start, end). */
static int holds_cue(const ann_sent *st, size_t start, size_t end) {
  size_t i = kiji_ann_hit_after(st->cue, st->ncue, start);
  return i < st->ncue && st->cue[i].start < end;
}

static int is_dash(uint32_t c) {
  return c == '-' || c == 0x2014 || c == 0x2015 || c == 0x2500 || c == 0x2501 || c == 0x30FC;
}

/* The end of a dash (one mark, or a run: "--") at i, or i. */
static size_t dash_at(const ann_sent *st, size_t i) {
  size_t l;
  while (i < st->end && is_dash(kiji_ann_cp(st->s, i, st->end, &l))) i += l;
  return i;
}

/* Whether every letter of [start, end) is a capital in the original. */
static int all_capitals(const ann_sent *st, size_t start, size_t end) {
  size_t i, l;
  for (i = start; i < end; i += l) {
    uint32_t c = kiji_ann_cp(st->s, i, end, &l);
    if (kiji_ann_script(c) == SC_LATIN && !(c >= '0' && c <= '9') && !kiji_ann_capital(st, i))
      return 0;
  }
  return 1;
}

/* Whether [start, end) of the view is all digits. */
static int digits(const ann_sent *st, size_t start, size_t end) {
  size_t i;
  for (i = start; i < end; i++)
    if (st->s[i] < '0' || st->s[i] > '9') return 0;
  return end > start;
}

/* ", March 3" / ", Jan. 12" / ", Aug. 8, 2023" (*dated set), or ", Ukraine" / ", D.C." (one
** or two capitalized words) after pos: where it ends, or pos. */
static size_t comma_part(const ann_sent *st, size_t pos, int *dated) {
  ann_word w, day;
  size_t i = kiji_ann_skip_space(st->s, pos, st->end), end, n;
  if (i >= st->end || st->s[i] != ',') return pos;
  if (!kiji_ann_word_after(st->s, i + 1, st->end, &w) || !kiji_ann_capital(st, w.start)) return pos;
  end = w.end;
  if (end < st->end && st->s[end] == '.') end++; /* Jan., D.C. */
  if (kiji_ann_word_after(st->s, end, st->end, &day) && digits(st, day.start, day.end)) {
    ann_word year; /* "Aug. 8, 2023" */
    *dated = 1;
    if (day.end < st->end && st->s[day.end] == ',' &&
        kiji_ann_word_after(st->s, day.end + 1, st->end, &year) && year.end - year.start == 4 &&
        digits(st, year.start, year.end))
      return year.end;
    return day.end;
  }
  for (n = 1; n < 2 && kiji_ann_word_after(st->s, end, st->end, &w) && w.start == end + 1 &&
              kiji_ann_capital(st, w.start);
       n++)
    end = w.end;
  return end;
}

/* An outlet in parentheses after pos: "(Xinhua)". Where it ends (and the
** outlet), or pos. */
static size_t outlet_after(const ann_sent *st, size_t pos, size_t *outlet) {
  size_t i = kiji_ann_skip_space(st->s, pos, st->end), j, n, l;
  if (i >= st->end || st->s[i] != '(') return pos;
  for (j = i + 1, n = 0; j < st->end && n < CREDIT_REACH; j += l, n++)
    if (kiji_ann_cp(st->s, j, st->end, &l) == ')') break;
  if (j >= st->end || n >= CREDIT_REACH) return pos;
  *outlet = outlet_covering(st, kiji_ann_skip_space(st->s, i + 1, j),
                            kiji_ann_skip_space_back(st->s, i + 1, j));
  return *outlet == KIJI_NONE ? pos : j + 1;
}

/* "PARIS —", "BEIJING, March 3 (Xinhua) --", "Osaka, Jan. 12 (Jiji
** Press)--" at pos: its end, or KIJI_NONE. */
static size_t latin_dateline(const ann_sent *st, size_t at, size_t *outlet) {
  ann_word w, words[3];
  size_t pos = at, n, k, after, dash;
  int caps = 1, dated = 0;
  for (n = 0; n < 3 && kiji_ann_word_after(st->s, pos, st->end, &w); n++) {
    if ((n == 0 && w.start != at) || (n > 0 && w.start != pos + 1) ||
        !kiji_ann_capital(st, w.start))
      break;
    words[n] = w;
    pos = w.end;
    if (pos < st->end && st->s[pos] == '.' && all_capitals(st, w.start, w.end)) pos++; /* U.S. */
  }
  if (n == 0 || pos - at < 2 || holds_mention(st, at, pos) || holds_cue(st, at, pos))
    return KIJI_NONE; /* "NHK —", "JAPAN DENIES REPORT —", "I —" name no place */
  after = comma_part(st, comma_part(st, pos, &dated), &dated); /* KYIV, Ukraine, May 3 */
  after = outlet_after(st, after, outlet);
  for (k = 0; caps && !dated && *outlet == KIJI_NONE && k < n; k++) /* asked only then */
    caps = all_capitals(st, words[k].start, words[k].end);
  if (!caps) return KIJI_NONE; /* "Officials — who…" */
  after = kiji_ann_skip_space(st->s, after, st->end);
  dash = dash_at(st, after);
  if (dash == after || kiji_ann_skip_space(st->s, dash, st->end) >= st->end) {
    *outlet = KIJI_NONE;
    return KIJI_NONE; /* a heading in capitals */
  }
  return dash;
}

/* 【ソウル共同】, [東京 22日 ロイター] (and a dash after it) at pos: its
** end, or KIJI_NONE. The bracket holds an outlet at its end, or starts
** with a place. */
static size_t bracket_dateline(ann_sent *st, size_t at, size_t *outlet, int *oom) {
  size_t l, j, n, open_len, close, inner_end, end;
  uint32_t c = kiji_ann_cp(st->s, at, st->end, &open_len), closer;
  if (c != '[' && c != 0x3010) return KIJI_NONE;
  closer = c == '[' ? ']' : 0x3011;
  for (j = at + open_len, n = 0; j < st->end && n < CREDIT_REACH; j += l, n++) {
    uint32_t d = kiji_ann_cp(st->s, j, st->end, &l);
    if (d == closer) break;
    if (d == '[' || d == 0x3010 || d == 0x3002) return KIJI_NONE;
  }
  if (j >= st->end || n >= CREDIT_REACH) return KIJI_NONE;
  close = j + l;
  inner_end = kiji_ann_skip_space_back(st->s, at + open_len, j);
  if (!credit_outlet(st, at + open_len, inner_end, outlet)) {
    *oom = 1;
    return KIJI_NONE;
  }
  if (*outlet == KIJI_NONE) { /* a place alone: 【ワシントン】 */
    size_t i = kiji_ann_hit_after(st->ent, st->nent, at + open_len);
    if (i >= st->nent || st->ent[i].start != at + open_len || st->ent[i].kind != AK_COUNTRY)
      return KIJI_NONE;
  }
  end = dash_at(st, kiji_ann_skip_space(st->s, close, st->end));
  return end > close ? end : close;
}

/* A credit that closes a paragraph at end: （共同）, "(Kyodo)". Its start,
** or KIJI_NONE. */
static size_t closing_credit(ann_sent *st, size_t end, size_t *outlet, int *oom) {
  size_t i, j = end, n;
  for (i = end - 1, n = 0; i > st->start && n < CREDIT_REACH; i = j, n++) {
    uint32_t c = kiji_ann_cp_before(st->s, st->start, i, &j);
    if (c == '(') break;
    if (c == ')' || c == 0x3002) return KIJI_NONE;
  }
  if (i <= st->start || n >= CREDIT_REACH) return KIJI_NONE;
  if (!credit_outlet(st, kiji_ann_skip_space(st->s, i, end - 1),
                     kiji_ann_skip_space_back(st->s, i, end - 1), outlet)) {
    *oom = 1;
    return KIJI_NONE;
  }
  return *outlet == KIJI_NONE ? KIJI_NONE : j;
}

/* Whether the line ends at pos, or after a full stop there: a credit
** may come before the stop (…と反論した（共同）。). */
static int closes_line(const ann_sent *st, size_t pos) {
  size_t l;
  uint32_t c;
  if (kiji_ann_line_ends(st, pos)) return 1;
  if (pos >= st->end) return 0;
  c = kiji_ann_cp(st->s, pos, st->end, &l);
  return (c == 0x3002 || c == '.') && kiji_ann_line_ends(st, pos + l);
}

#if defined(__SSE2__)
/* The bytes of p[0, 16) that may start a dash (-, E2, E3), a bit each. */
static unsigned dash_leads16(const unsigned char *p) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i a = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('-')),
                           _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2)));
  return (unsigned)_mm_movemask_epi8(_mm_or_si128(a, _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE3))));
}
#endif

/* The first dash at or after pos, or the sentence's end: a dash starts
** with - or the lead byte E2 / E3 (news has few), passed 16 bytes at a
** time with SSE2 (the last 16 once more, those before pos shifted out),
** else looked for by memchr. */
static size_t next_dash(const ann_sent *st, size_t pos) {
  const unsigned char *s = st->s;
  size_t end = st->end, l;
#if defined(__SSE2__)
  if (end >= 16) {
    for (; pos < end; pos++) {
      unsigned bits = 0;
      while (pos + 16 <= end && (bits = dash_leads16(s + pos)) == 0) pos += 16;
      if (bits == 0 && pos < end) bits = dash_leads16(s + end - 16) >> (pos + 16 - end);
      if (bits == 0) return end;
      pos += (size_t)__builtin_ctz(bits);
      if (is_dash(kiji_ann_cp(s, pos, end, &l))) return pos;
    }
    return end;
  }
#endif
  {
    static const unsigned char lead[] = {'-', 0xE2, 0xE3};
    size_t k, next[sizeof lead];
    for (k = 0; k < sizeof lead; k++) next[k] = pos; /* each lead's next place, kept: linear */
    while (pos < end) {
      size_t first = end;
      for (k = 0; k < sizeof lead; k++) {
        if (next[k] < pos) next[k] = pos;
        if (next[k] < end && s[next[k]] != lead[k]) {
          const unsigned char *p = memchr(s + next[k], lead[k], end - next[k]);
          next[k] = p ? (size_t)(p - s) : end;
        }
        if (next[k] < first) first = next[k];
      }
      if (first >= end || is_dash(kiji_ann_cp(s, first, end, &l))) return first;
      pos = first + 1;
    }
    return end;
  }
}

/* Whether a dateline may start at pos of the view: a bracket (Japanese
** drops the space before it), or a word at the sentence's start or after
** a space with a dash near (asking the original costs more). *dash is
** the first dash at or after the last place looked from (KIJI_NONE: not
** looked yet), so the sentence is read once whatever its words. */
static int may_start_line(const ann_sent *st, size_t pos, uint32_t c, size_t *dash) {
  if (c == '[' || c == 0x3010) return 1;
  if (kiji_ann_script(c) != SC_LATIN || (pos > st->start && st->s[pos - 1] != ' ')) return 0;
  if (*dash == KIJI_NONE || *dash < pos) *dash = next_dash(st, pos);
  return *dash < st->end && *dash - pos < LATIN_REACH;
}

#if defined(__SSE2__)
/* The bytes of p[0, 16) that are a space, [, ) or 90 (next_candidate's
** stops), a bit each. */
static unsigned stops16(const unsigned char *p) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i a =
      _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(' ')), _mm_cmpeq_epi8(x, _mm_set1_epi8('[')));
  __m128i b = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(')')),
                           _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0x90)));
  return (unsigned)_mm_movemask_epi8(_mm_or_si128(a, b));
}
#else
/* Whether the eight bytes at p hold a space, [, ) or 90 (next_candidate's
** stops): a byte equal to one is a zero byte of p ^ it. */
static int any_stop(const unsigned char *p) {
  static const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
  uint64_t x, z = 0;
  memcpy(&x, p, 8);
  z |= ((x ^ ones * ' ') - ones) & ~(x ^ ones * ' ');
  z |= ((x ^ ones * '[') - ones) & ~(x ^ ones * '[');
  z |= ((x ^ ones * ')') - ones) & ~(x ^ ones * ')');
  z |= ((x ^ ones * 0x90) - ones) & ~(x ^ ones * 0x90);
  return (z & highs) != 0;
}
#endif

/* The first place from pos where a dateline or a credit may touch: the
** sentence's start, a word after a space, an opening bracket [ or 【, a
** closing ). The bytes between are passed without decoding (a dateline
** is rare and this runs over every byte of the text); 【 (E3 80 90) stops
** the scan at its 90, which Japanese text holds far fewer of than E3, or
** than 80 (、 。 む). */
static size_t next_candidate(const ann_sent *st, size_t pos) {
  /* the bytes a candidate begins at or after: a space, [, ), 【's 90 */
  static const unsigned char stop[256] = {[' '] = 1, ['['] = 1, [')'] = 1, [0x90] = 1};
  const unsigned char *s = st->s;
  size_t end = st->end, from = pos;
  if (pos == st->start) return pos;
  for (;; pos++) {
    if (st->ja) { /* few spaces: many bytes at once past those with no stop */
#if defined(__SSE2__)
      unsigned bits = 0;
      while (pos + 16 <= end && (bits = stops16(s + pos)) == 0) pos += 16;
      if (bits == 0 && pos < end && end >= 16) { /* the last 16, those before pos shifted out */
        bits = stops16(s + end - 16) >> (pos + 16 - end);
        if (bits == 0) pos = end;
      }
      if (bits) pos += (size_t)__builtin_ctz(bits);
#else
      while (pos + 8 <= end && !any_stop(s + pos)) pos += 8;
#endif
    }
    while (pos < end && !stop[s[pos]]) pos++;
    if (pos >= end) return end;
    if (s[pos] == '[' || s[pos] == ')') return pos;
    if (s[pos] == ' ') {
      if (pos + 1 < end && s[pos + 1] != ' ') return pos + 1;
    } else if (pos >= from + 2 && s[pos - 2] == 0xE3 && s[pos - 1] == 0x80) {
      return pos - 2; /* 【 */
    }
  }
}

#if defined(__SSE2__)
/* The bytes of p[0, 16) that may_follow looks for, a bit each. */
static unsigned follows16(const unsigned char *p) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i a =
      _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('[')), _mm_cmpeq_epi8(x, _mm_set1_epi8(')')));
  __m128i b = _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('-')),
                           _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE2)));
  return (unsigned)_mm_movemask_epi8(
      _mm_or_si128(_mm_or_si128(a, b), _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE3))));
}
#endif

/* Whether [pos, end) holds what a candidate there needs: a bracket [ or
** 【, a ) to close a credit, a dash after a word (the bytes [ ) - E2 E3).
** An English sentence with none is done: from its start, before any
** candidate is read; past it, with no question to the original about
** its lines. */
static int may_follow(const ann_sent *st, size_t pos) {
  static const unsigned char need[256] = {['['] = 1, [')'] = 1, ['-'] = 1, [0xE2] = 1, [0xE3] = 1};
#if defined(__SSE2__)
  for (; pos + 16 <= st->end; pos += 16)
    if (follows16(st->s + pos)) return 1;
  if (pos < st->end && st->end >= 16) /* the last 16, those before pos shifted out */
    return (follows16(st->s + st->end - 16) >> (pos + 16 - st->end)) != 0;
#endif
  for (; pos < st->end; pos++)
    if (need[st->s[pos]]) return 1;
  return 0;
}

/* The first dateline of the sentence: at a line's start, or a credit
** at a line's end. 0 when out of memory. */
static int find(ann_sent *st, size_t *outlet) {
  size_t pos, l, at, dash = KIJI_NONE, tries = 0, last = KIJI_NONE;
  int oom = 0, past_start = 0;
  for (pos = st->start; (pos = next_candidate(st, pos)) < st->end && tries < TRIES; pos += l) {
    uint32_t c;
    if (pos > st->start && !past_start && !st->ja) {
      /* (a Japanese sentence has few spaces to try words after anyway) */
      past_start = 1;
      if (!may_follow(st, pos)) break;
      if (!kiji_ann_line_break(st, st->start, st->end)) {
        /* one line: a dateline can only open it, a credit only close it */
        const unsigned char *p = st->s + st->start, *close = NULL;
        while ((p = memchr(p, ')', (size_t)(st->s + st->end - p))) != NULL) close = p++;
        last = close ? (size_t)(close - st->s) : st->end;
      }
    }
    if (last != KIJI_NONE && pos > st->start && pos < last) pos = last;
    if (pos >= st->end) break;
    c = kiji_ann_cp(st->s, pos, st->end, &l);
    if (c == ' ') continue;
    if (may_start_line(st, pos, c, &dash) && kiji_ann_line_starts(st, pos)) {
      tries++;
      if ((at = bracket_dateline(st, pos, outlet, &oom)) == KIJI_NONE && !oom &&
          kiji_ann_script(c) == SC_LATIN)
        at = latin_dateline(st, pos, outlet);
      if (at != KIJI_NONE) {
        st->dateline.start = pos;
        st->dateline.end = at;
        st->floor = kiji_ann_skip_space(st->s, at, st->end);
        return 1;
      }
    }
    if (oom) return 0;
    if (c == ')' && closes_line(st, pos + l)) {
      tries++;
      if ((at = closing_credit(st, pos + l, outlet, &oom)) != KIJI_NONE) {
        st->dateline.start = at;
        st->dateline.end = pos + l;
        return 1;
      }
      if (oom) return 0;
    }
  }
  return 1;
}

int kiji_ann_datelines(ann_sent *st) {
  kiji_doc *doc = st->doc;
  size_t outlet = KIJI_NONE;
  /* most English sentences hold no bracket, ) or dash, so no dateline or
  ** credit (every Japanese one holds an E3: its candidates tell) */
  if (!st->ja && !may_follow(st, st->start)) return 1;
  if (!find(st, &outlet)) return 0;
  if (st->dateline.start != KIJI_NONE && doc->dateline.start == KIJI_NONE) {
    doc->dateline = st->dateline;
    doc->source = outlet;
  }
  return 1;
}
