/*
** dates.c -- when a denial or an attribution happened: the date
** expressions of its sentence ("on Tuesday", "Aug. 8", "in September of
** 2016", "last week", ２７日, 先月, 昨年末, 令和5年8月8日, "2019.5.13"),
** resolved against the article's date, and the one that is the record's.
**
** The words (months, weekdays, eras, 先月, 上旬...) are the lexicon's
** (dates.tsv: hits of kind `date`, whose id ends with the value they
** carry; the units 年 月 日: words.tsv); the numbers and the calendar
** are read here. An expression reads as far as the text goes and says
** only what it gives: "Aug. 8" a day, "last week" a month when the whole
** week lies in one (else a year, else nothing), 平成29年 a year. What
** needs the article's date (a weekday, a day or month with no year, a
** word relative to it) gives nothing without one: nothing is guessed. A
** weekday, a month or a day with no year is the latest such on or
** before the article's date.
**
** The record's date is the expression nearest its cue that lies neither
** in its claim (the date of what is denied, not of the denial; but one
** that ends a bare noun phrase object, "denied the report on Tuesday",
** is the denial's), nor in a
** quotation its cue is not in, nor in the dateline (doc/ANNOTATION.md).
*/
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "ann.h"
#include "ann_text.h"

/* How many expressions of one sentence are weighed: news has a few; a
** line of 10^5 dates is hostile input, and each record weighs them all. */
#define MAX_WHEN 16

/* ---- the calendar */

static int leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in(int y, int m) {
  static const unsigned char n[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : n[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (the civil
** algorithm: years from March, so a leap day ends its year). */
static long days_from(int y, int m, int d) {
  long era, yoe, doy, doe;
  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static kiji_date date_of(long z) {
  long era, doe, yoe, doy, mp;
  kiji_date r;
  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  r.day = (int)(doy - (153 * mp + 2) / 5 + 1);
  r.month = (int)(mp < 10 ? mp + 3 : mp - 9);
  r.year = (int)(yoe + era * 400 + (r.month <= 2));
  return r;
}

/* 0 Sunday .. 6 Saturday (1970-01-01 was a Thursday). */
static int weekday(long z) { return (int)(((z % 7) + 11) % 7); }

static int valid(kiji_date d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 0 && d.month <= 12 && d.day >= 0 &&
         (d.month || !d.day) && (!d.day || d.day <= days_in(d.year, d.month));
}

size_t kiji_date_iso(kiji_date d, char out[KIJI_DATE_ISO_SIZE]) {
  size_t n = 0;
  int k, v;
  out[0] = 0;
  if (!valid(d)) return 0;
  for (k = 1000, v = d.year; k; k /= 10) out[n++] = (char)('0' + v / k % 10);
  if (d.month) {
    out[n++] = '-';
    out[n++] = (char)('0' + d.month / 10);
    out[n++] = (char)('0' + d.month % 10);
  }
  if (d.day) {
    out[n++] = '-';
    out[n++] = (char)('0' + d.day / 10);
    out[n++] = (char)('0' + d.day % 10);
  }
  out[n] = 0;
  return n;
}

kiji_status kiji_date_parse(const char *s, size_t len, kiji_date *out) {
  kiji_date d = {0, 0, 0};
  size_t i, part = 0, digits = 0;
  int v = 0, *field[3];
  field[0] = &d.year;
  field[1] = &d.month;
  field[2] = &d.day;
  if (s == NULL || out == NULL) return KIJI_EINVAL;
  for (i = 0; i <= len; i++) {
    if (i < len && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (s[i] - '0');
      digits++;
      continue;
    }
    if (digits != (part ? 2u : 4u) || (i < len && (s[i] != '-' || part == 2))) return KIJI_EINVAL;
    *field[part++] = v;
    v = 0;
    digits = 0;
  }
  if (!valid(d) || (d.month == 0 && part > 1)) return KIJI_EINVAL;
  *out = d;
  return KIJI_OK;
}

/* ---- reading the text */

/* What an expression gives, before the article's date resolves it. */
typedef struct given {
  size_t start, end; /* the view */
  int year;          /* from the text (a number, an era), or 0 */
  int month, day;    /* likewise */
  int weekday;       /* 0..6, or -1 */
  int rel_unit;      /* AS_REL_DAY..AS_REL_YEAR, or 0 */
  int rel;           /* its offset */
  int part;          /* 4: the end (of a year: its December) */
} given;

/* An expression, resolved (year 0: it gives none). */
typedef struct when {
  size_t start, end;
  kiji_date date;
  int quoted; /* 1 in "…", 2 in 「…」, 3 both */
  size_t clause;
} when;

/* The value at the end of a date word's id (date.month.8 -> 8). */
static int value_of(const ann_hit *h) {
  size_t i = h->id.len;
  int v = 0, sign = 1, k = 1;
  while (i > 0 && h->id.ptr[i - 1] != '.') i--;
  if (i < h->id.len && h->id.ptr[i] == '-') sign = -1, i++;
  for (; i < h->id.len && k < 6; i++, k++) v = v * 10 + (h->id.ptr[i] - '0');
  return sign * v;
}

/* The longest date word at pos, or NULL. */
static const ann_hit *word_at(const ann_sent *st, size_t pos) {
  const ann_hit *best = NULL;
  size_t i;
  if (st->dates.start == st->dates.end) return NULL; /* (no date word: no array to point into) */
  for (i = st->dates.start +
           kiji_ann_hit_from(st->all + st->dates.start, st->dates.end - st->dates.start, pos);
       i < st->dates.end && st->all[i].start == pos; i++)
    if (st->all[i].kind == AK_DATE && st->all[i].end <= st->end &&
        (best == NULL || st->all[i].end > best->end))
      best = &st->all[i];
  return best;
}

static int digit(const ann_sent *st, size_t i) {
  return i < st->end && st->s[i] >= '0' && st->s[i] <= '9';
}

/* The number at pos (at most 4 digits: a longer run is none) and where it
** ends, or 0. */
static size_t number(const ann_sent *st, size_t pos, int *v) {
  size_t i;
  *v = 0;
  for (i = pos; digit(st, i); i++) {
    if (i - pos == 4) return 0;
    *v = *v * 10 + (st->s[i] - '0');
  }
  return i > pos ? i : 0;
}

/* Whether pos starts a number of its own: no letter, digit or decimal
** point before it (G7, 1.5, 3,000). */
static int number_starts(const ann_sent *st, size_t pos) {
  size_t k;
  uint32_t c;
  if (pos <= st->start) return 1;
  c = kiji_ann_cp_before(st->s, st->start, pos, &k);
  if (c == '.' || c == ',') return !digit(st, k - 1) || k == st->start;
  return kiji_ann_script(c) != SC_LATIN;
}

/* The word of class cls right before pos across one space ("on", "in"),
** its start, or pos. */
static size_t prep_before(const ann_sent *st, size_t pos, int cls) {
  ann_word w;
  if (st->ja &&
      (pos <= st->start || st->s[pos - 1] >= 0x80 || kiji_ann_script(st->s[pos - 1]) != SC_SPACE))
    return pos; /* (Japanese puts no space before 27日 or 令和: no word to ask) */
  if (kiji_ann_word_before(st->s, st->start, pos, &w) && w.end + 1 == pos &&
      kiji_ann_word_ending(st, w.start, w.end, cls) == w.start)
    return w.start;
  return pos;
}

/* The next token after pos across blanks: where it starts. */
static size_t next(const ann_sent *st, size_t pos) {
  return kiji_ann_skip_space(st->s, pos, st->end);
}

/* A four-digit year at pos: its end, or 0. */
static size_t year_at(const ann_sent *st, size_t pos, int *y) {
  int v;
  size_t e = number(st, pos, &v);
  if (!e || e - pos != 4 || v < 1000) return 0;
  *y = v;
  return e;
}

/* "2019.5.13", "2019/5/13", "2019-05-13" at pos: its end, or 0. */
static size_t numeric(const ann_sent *st, size_t pos, given *g) {
  int y = 0, m, d;
  size_t e = year_at(st, pos, &y), e2, e3;
  unsigned char sep;
  if (!e || e + 1 >= st->end) return 0;
  sep = st->s[e];
  if ((sep != '.' && sep != '/' && sep != '-') || !(e2 = number(st, e + 1, &m)) || e2 - e - 1 > 2 ||
      e2 >= st->end || st->s[e2] != sep || !(e3 = number(st, e2 + 1, &d)) || e3 - e2 - 1 > 2 ||
      (e3 + 1 < st->end && (st->s[e3] == '.' || st->s[e3] == sep) && digit(st, e3 + 1)))
    return 0;
  g->year = y;
  g->month = m;
  g->day = d;
  return e3;
}

/* A number in [lo, hi] and its Japanese unit (年 月 日) at pos: the
** unit's end, or 0 (the unit looked up only for such a number). */
static size_t unit_number(const ann_sent *st, size_t pos, int cls, int lo, int hi, int *v) {
  size_t e = number(st, pos, v), u;
  if (!e || *v < lo || *v > hi || !(u = kiji_ann_word_at(st, e, cls))) return 0;
  return u;
}

/* The Japanese parts after a year, a month or a day: 5月13日, 上旬, 末,
** 午前. Where the expression ends. */
static size_t japanese_rest(const ann_sent *st, size_t pos, given *g, int has_month, int has_day) {
  const ann_hit *h;
  size_t e;
  int v;
  if (!has_month && (e = unit_number(st, pos, AW_MONTH_UNIT, 1, 12, &v))) {
    g->month = v;
    has_month = 1;
    pos = e;
  }
  if (has_month && !has_day && (e = unit_number(st, pos, AW_DAY_UNIT, 1, 31, &v))) {
    g->day = v;
    has_day = 1;
    pos = e;
  }
  if (!has_day && (h = word_at(st, pos)) && h->sub == AS_PART) {
    g->part = value_of(h);
    pos = h->end;
  }
  if (has_day && (h = word_at(st, pos)) && h->sub == AS_DAYPART) pos = h->end;
  return pos;
}

/* An English month and what goes with it after pos (its end): " 8",
** " 8, 2023", " 2023", " of 2016". Without a day or a year a month
** counts only after a part or a preposition ("late February", "in May"):
** "March" and "May" are words too. 0 when none. */
static size_t english_month(const ann_sent *st, const ann_hit *h, given *g, int lead) {
  size_t p = next(st, h->end), e;
  ann_word w;
  int v;
  if (!kiji_ann_capital(st, h->start)) return 0;
  g->month = value_of(h);
  e = h->end;
  if ((e = number(st, p, &v)) && e - p <= 2 && v >= 1 && v <= 31 && p > h->end) {
    g->day = v;
    p = e;
    if (p + 1 < st->end && st->s[p] == ',' && year_at(st, next(st, p + 1), &v)) {
      g->year = v;
      p = year_at(st, next(st, p + 1), &v);
    }
    return p;
  }
  if (p > h->end && year_at(st, p, &v)) {
    g->year = v;
    return year_at(st, p, &v);
  }
  if (kiji_ann_word_after(st->s, h->end, st->end, &w) && kiji_ann_word_is(st, &w, AW_OF) &&
      year_at(st, next(st, w.end), &v)) {
    g->year = v;
    return year_at(st, next(st, w.end), &v);
  }
  return lead ? h->end : 0;
}

static size_t expression_at(const ann_sent *st, size_t pos, given *g);

/* An expression that starts at pos: its end (and *g), or 0. One that
** starts with a number takes the preposition before it ("on 8 August",
** "on 2019.5.13"; looked for only then: numbers are many). */
static size_t expression(const ann_sent *st, size_t pos, given *g) {
  size_t e = expression_at(st, pos, g);
  if (e && g->start == pos && digit(st, pos)) g->start = prep_before(st, pos, AW_PLACE_PREP);
  return e;
}

static size_t expression_at(const ann_sent *st, size_t pos, given *g) {
  const ann_hit *h, *k;
  size_t e, p, lead;
  int v;
  memset(g, 0, sizeof *g);
  g->weekday = -1;
  g->start = pos;
  if (digit(st, pos)) {
    if (!number_starts(st, pos)) return 0;
    if ((e = numeric(st, pos, g))) return e;
    if ((e = unit_number(st, pos, AW_YEAR_UNIT, 1000, 9999, &v))) {
      g->year = v;
      return japanese_rest(st, e, g, 0, 0);
    }
    if ((e = unit_number(st, pos, AW_MONTH_UNIT, 1, 12, &v))) {
      g->month = v;
      return japanese_rest(st, e, g, 1, 0);
    }
    if ((e = unit_number(st, pos, AW_DAY_UNIT, 1, 31, &v))) {
      g->day = v;
      return japanese_rest(st, e, g, 1, 1);
    }
    /* "8 August 2023" */
    if ((e = number(st, pos, &v)) && e - pos <= 2 && v >= 1 && v <= 31 && (p = next(st, e)) > e &&
        (k = word_at(st, p)) && k->sub == AS_MONTH && kiji_ann_capital(st, p)) {
      g->day = v;
      g->month = value_of(k);
      if ((p = next(st, k->end)) > k->end && year_at(st, p, &v)) {
        g->year = v;
        return year_at(st, p, &v);
      }
      return k->end;
    }
    /* "in 2016": a year alone only after "in" (the 2016 law is none) */
    if ((e = year_at(st, pos, &v)) && prep_before(st, pos, AW_IN) < pos &&
        (e >= st->end || kiji_ann_script(kiji_ann_cp(st->s, e, st->end, &p)) != SC_LATIN)) {
      g->year = v;
      g->start = prep_before(st, pos, AW_IN);
      return e;
    }
    return 0;
  }
  if ((h = word_at(st, pos)) == NULL) return 0;
  lead = 0;
  if (h->sub == AS_PART) { /* "late February", "earlier this month", "mid-2019" */
    g->part = value_of(h);
    lead = 1;
    p = next(st, h->end);
    if ((k = word_at(st, p)) == NULL) {
      if (year_at(st, p, &v) && h->end == p) { /* mid-2019 */
        g->year = v;
        return year_at(st, p, &v);
      }
      return 0;
    }
    h = k;
  }
  switch (h->sub) {
    case AS_MONTH:
      if (!(e = english_month(st, h, g, lead || prep_before(st, pos, AW_IN) < pos))) return 0;
      if (!lead) g->start = prep_before(st, pos, AW_PLACE_PREP);
      return e;
    case AS_WEEKDAY:
      if (!st->ja && !kiji_ann_capital(st, h->start)) return 0;
      g->weekday = value_of(h);
      if (!lead) g->start = prep_before(st, pos, AW_PLACE_PREP);
      e = h->end;
      if ((k = word_at(st, next(st, e))) && k->sub == AS_DAYPART) e = k->end;
      return e;
    case AS_ERA:
      if ((e = number(st, h->end, &v)) && v >= 1 && (p = kiji_ann_word_at(st, e, AW_YEAR_UNIT))) {
        g->year = value_of(h) + v - 1;
        return japanese_rest(st, p, g, 0, 0);
      }
      if ((k = word_at(st, h->end)) && k->sub == AS_ERA_YEAR) {
        g->year = value_of(h);
        return japanese_rest(st, k->end, g, 0, 0);
      }
      return 0;
    case AS_REL_DAY:
    case AS_REL_WEEK:
    case AS_REL_MONTH:
    case AS_REL_YEAR:
      g->rel_unit = h->sub;
      g->rel = value_of(h);
      e = h->end;
      if (h->sub == AS_REL_YEAR) return japanese_rest(st, e, g, 0, 0);
      if (h->sub == AS_REL_MONTH) return japanese_rest(st, e, g, 1, 0);
      if ((k = word_at(st, next(st, e))) && k->sub == AS_DAYPART) e = k->end;
      return e;
    default: return 0;
  }
}

/* After a whole expression, a Japanese length or count: 3日間, 5年ぶり. */
static int counts(const ann_sent *st, size_t end) {
  return kiji_ann_word_at(st, end, AW_NOT_DATE_AFTER) != 0;
}

/* ---- resolving */

static int known(kiji_date ref) { return ref.year != 0 && ref.month != 0 && ref.day != 0; }

/* What g says, on the article's date ref ({0} when unknown). */
static kiji_date resolve(const given *g, kiji_date ref) {
  kiji_date r = {0, 0, 0}, none = {0, 0, 0};
  long z = known(ref) ? days_from(ref.year, ref.month, ref.day) : 0;
  int k;
  if (g->year) { /* from the text: no article date needed */
    r.year = g->year;
    r.month = g->month ? g->month : g->part == 4 ? 12 : 0;
    r.day = g->month ? g->day : 0;
    return valid(r) ? r : none;
  }
  if (!known(ref)) return none;
  if (g->weekday >= 0) return date_of(z - (weekday(z) - g->weekday + 7) % 7);
  switch (g->rel_unit) {
    case AS_REL_DAY: return date_of(z + g->rel);
    case AS_REL_WEEK: { /* Monday to Sunday; this week so far */
      long mon = z - (weekday(z) + 6) % 7 + 7L * g->rel;
      kiji_date a = date_of(mon), b = date_of(g->rel == 0 ? z : mon + 6);
      r.year = a.year == b.year ? a.year : 0;
      r.month = r.year && a.month == b.month ? a.month : 0;
      return r;
    }
    case AS_REL_MONTH:
      k = ref.year * 12 + ref.month - 1 + g->rel;
      r.year = k / 12;
      r.month = k % 12 + 1;
      r.day = g->day;
      return valid(r) ? r : none;
    case AS_REL_YEAR:
      r.year = ref.year + g->rel;
      r.month = g->month ? g->month : g->part == 4 ? 12 : 0;
      r.day = g->month ? g->day : 0;
      return valid(r) ? r : none;
    default: break;
  }
  if (g->month) { /* the latest such month (and day) on or before ref */
    r.month = g->month;
    r.day = g->day;
    for (k = 0, r.year = ref.year; k < 9; k++, r.year--)
      if (valid(r) &&
          (r.year < ref.year || r.month < ref.month || (r.month == ref.month && r.day <= ref.day)))
        return r;
    return none;
  }
  if (g->day) { /* 27日: the latest such day of a month */
    r.year = ref.year;
    r.month = ref.month;
    r.day = g->day;
    for (k = 0; k < 13; k++) {
      if (valid(r) && (k > 0 || r.day <= ref.day)) return r;
      if (--r.month == 0) r.month = 12, r.year--;
    }
  }
  return none;
}

/* ---- the sentence */

#if defined(__SSE2__)
/* A bit for each ASCII digit of p[0..16) (signed: no byte from 0x80 up is
** in '0'..'9'). */
static unsigned digits16(const unsigned char *p) {
  __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
  return (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
                                                   _mm_cmplt_epi8(x, _mm_set1_epi8('9' + 1))));
}
#endif

/* The first ASCII digit at i or after it, or st->end: sixteen bytes at a
** time with SSE2, else eight (whether a word has a byte strictly between
** '0' - 1 and '9' + 1, the bit trick "determine if a word has a byte
** between m and n"). */
static size_t next_digit(const ann_sent *st, size_t i) {
#if defined(__SSE2__)
  unsigned bits;
  for (; i + 16 <= st->end; i += 16)
    if ((bits = digits16(st->s + i)) != 0) return i + (size_t)__builtin_ctz(bits);
  if (i < st->end && st->end >= 16) { /* the last 16 bytes, those before i shifted out */
    bits = digits16(st->s + st->end - 16) >> (i + 16 - st->end);
    return bits ? i + (size_t)__builtin_ctz(bits) : st->end;
  }
#else
  const uint64_t ones = ~(uint64_t)0 / 255, highs = ones * 128, lows = ones * 127;
  uint64_t x, t;
  while (i + 8 <= st->end) {
    memcpy(&x, st->s + i, 8);
    t = x & lows;
    if (((ones * (127 + '9' + 1) - t) & ~x & (t + ones * (127 - ('0' - 1)))) & highs) break;
    i += 8;
  }
#endif
  while (i < st->end && !digit(st, i)) i++;
  return i;
}

/* Where the sentence's date words lie among its hits: a few of its
** dozens, which the pass to the next one and each lookup read alone. */
static kiji_range date_words(const ann_sent *st) {
  kiji_range r = {0, 0};
  size_t i = 0, j = st->nall;
  while (i < j && st->all[i].kind != AK_DATE) i++;
  while (j > i && st->all[j - 1].kind != AK_DATE) j--;
  if (i < j) r.start = i, r.end = j;
  return r;
}

/* Every expression of the sentence, in order (at most MAX_WHEN). */
static size_t expressions(const ann_sent *st, given *out) {
  size_t i = st->start, n = 0, e, h = st->dates.start;
  size_t digit_at = st->start, d;
  int looked = 0;
  while (i < st->end && n < MAX_WHEN) {
    /* the next place that may start one: a digit (looked for again only
    ** once passed: date words between digits cost no pass each), or a
    ** date word */
    if (!looked || digit_at < i) {
      digit_at = next_digit(st, i);
      looked = 1;
    }
    while (h < st->dates.end && (st->all[h].start < i || st->all[h].kind != AK_DATE)) h++;
    d = h < st->dates.end && st->all[h].start < digit_at ? st->all[h].start : digit_at;
    if (d >= st->end) break;
    if ((e = expression(st, d, &out[n])) > d) {
      out[n].end = e;
      if (!counts(st, e)) n++;
      i = e;
    } else {
      i = d + 1;
      while (digit(st, i)) i++;
    }
  }
  return n;
}

/* The quotations that hold pos: 1 "…", 2 「…」, 3 both (the sentence's
** lookups: the records' rules have most often made them). */
static int quoting(const ann_sent *st, size_t pos) {
  return kiji_ann_in_double_quotes(st, pos) | kiji_ann_in_brackets(st, pos) << 1;
}

/* Whether [start, end) lies inside r. */
static int within(size_t start, size_t end, kiji_range r) {
  return r.start != KIJI_NONE && start >= r.start && end <= r.end;
}

/* Where the sentence's English clauses start: after a ';', or a comma
** before a word that links a clause (", but", ", while", ", which"); at
** most MAX_CLAUSES (later ones join the last). Japanese clauses before
** the main verb are its own (防衛省は８日、…否定した): none. */
#define MAX_CLAUSES 32
static size_t clauses(const ann_sent *st, size_t *at) {
  const unsigned char *p = st->s + st->start, *end = st->s + st->end;
  size_t n = 0, i, k;
  ann_word w;
  if (st->ja) return 0;
  while (n < MAX_CLAUSES && (p = memchr(p, ',', (size_t)(end - p))) != NULL) {
    i = (size_t)(p++ - st->s);
    if (kiji_ann_word_after(st->s, i + 1, st->end, &w) && w.start == next(st, i + 1) &&
        kiji_ann_word_is(st, &w, AW_CLAUSE_LINK))
      at[n++] = i;
  }
  for (p = st->s + st->start; n < MAX_CLAUSES && (p = memchr(p, ';', (size_t)(end - p)));) {
    i = (size_t)(p++ - st->s);
    for (k = n++; k > 0 && at[k - 1] > i; k--) at[k] = at[k - 1]; /* in order */
    at[k] = i;
  }
  return n;
}

/* The clause that holds pos: how many clause starts lie before it. */
static size_t clause_of(const size_t *at, size_t n, size_t pos) {
  size_t k = 0;
  while (k < n && at[k] < pos) k++;
  return k;
}

/* Does w end a claim that is the cue verb's object and a bare noun
** phrase, an article or a determiner and words up to w ("denied [the
** report on Tuesday]")? Then
** w says when the record's verb happened, not what the claim says; a
** claim with a clause or punctuation keeps its dates ("denied [a report
** that troops crossed on Tuesday]"). English only: a Japanese claim ends
** before its particle, so no date of the verb is in it. */
static int ends_bare_claim(const ann_sent *st, const when *w, kiji_range cue, kiji_range claim) {
  ann_word v;
  size_t at = claim.start;
  if (st->ja || w->end != claim.end || w->start <= claim.start || cue.end > claim.start ||
      kiji_ann_skip_space(st->s, cue.end, claim.start) != claim.start)
    return 0;
  if (!kiji_ann_word_after(st->s, at, w->start, &v) || v.start != at ||
      !(kiji_ann_word_is(st, &v, AW_ARTICLE) || kiji_ann_word_is(st, &v, AW_DETERMINER)))
    return 0;
  while (v.end < w->start) { /* words and white space only, no "that" */
    size_t from = v.end;
    if (!kiji_ann_word_after(st->s, from, w->start, &v))
      return kiji_ann_skip_space(st->s, from, w->start) == w->start;
    if (kiji_ann_word_is(st, &v, AW_THAT)) return 0;
  }
  return 1;
}

/* The expression that is a record's: the nearest to its cue that lies in
** its clause and in none of its claim (but at the end of a bare one), a
** quotation its cue is not in, the dateline (of w[0, n), n > 0). */
static const when *of_record(const ann_sent *st, const when *w, size_t n, kiji_range cue,
                             kiji_range claim, const size_t *at, size_t nat) {
  const when *best = NULL;
  size_t i, dist, best_dist = (size_t)-1, clause = clause_of(at, nat, cue.start);
  int quoted = quoting(st, cue.start);
  for (i = 0; i < n; i++) {
    if ((within(w[i].start, w[i].end, claim) && !ends_bare_claim(st, &w[i], cue, claim)) ||
        w[i].clause != clause || w[i].quoted != quoted)
      continue;
    dist = w[i].end <= cue.start   ? cue.start - w[i].end
           : w[i].start >= cue.end ? w[i].start - cue.end
                                   : 0;
    if (dist < best_dist) best = &w[i], best_dist = dist;
  }
  return best;
}

static void set(char date[KIJI_DATE_ISO_SIZE], kiji_range *text, const when *w) {
  date[0] = 0;
  text->start = text->end = KIJI_NONE;
  if (w == NULL || !kiji_date_iso(w->date, date)) return;
  text->start = w->start;
  text->end = w->end;
}

int kiji_ann_dates_start(kiji_doc *doc, kiji_date given_date) {
  doc->ref.year = doc->ref.month = doc->ref.day = 0;
  doc->date[0] = 0;
  doc->dated = 0;
  if (given_date.year == 0 && given_date.month == 0 && given_date.day == 0) return 1;
  if (!kiji_date_iso(given_date, doc->date)) return 0;
  doc->ref = given_date;
  return 1;
}

int kiji_ann_dates(ann_sent *st) {
  kiji_doc *doc = st->doc;
  kiji_denial *d = doc->denials.p;
  kiji_attribution *a = doc->attributions.p;
  given g[MAX_WHEN];
  when w[MAX_WHEN];
  size_t at[MAX_CLAUSES], nat = 0, n, i, k, nd = doc->denials.n, na = doc->attributions.n;
  int has_d = nd > 0 && d[nd - 1].sentence == st->index,
      has_a = na > 0 && a[na - 1].sentence == st->index,
      dateline = st->dateline.start != KIJI_NONE && !doc->dated;
  if (!has_d && !has_a && !dateline) return 1;
  st->dates = date_words(st);
  n = expressions(st, g);
  if (n > 0) nat = clauses(st, at);
  /* the dateline's day is what the text's relative dates read against:
  ** the article's date when the caller gave none and it has a year; on
  ** the caller's date, the latest such day ("Jan. 12", [東京 22日 ロイター];
  ** with neither it gives nothing) */
  doc->dated |= dateline;
  for (i = 0; dateline && i < n; i++)
    if (within(g[i].start, g[i].end, st->dateline) && g[i].day) {
      kiji_date r = resolve(&g[i], doc->ref);
      if (valid(r) && r.day) {
        if (doc->date[0] == 0) kiji_date_iso(r, doc->date);
        doc->ref = r;
      }
      break;
    }
  for (i = 0, k = 0; i < n; i++) {
    if (within(g[i].start, g[i].end, st->dateline)) continue; /* nobody's */
    w[k].start = g[i].start;
    w[k].end = g[i].end;
    w[k].date = resolve(&g[i], doc->ref);
    w[k].quoted = quoting(st, g[i].start);
    w[k].clause = clause_of(at, nat, g[i].start);
    k++;
  }
  n = k; /* (none: no record has a date, and none is weighed) */
  for (i = nd; has_d && i > 0 && d[i - 1].sentence == st->index; i--)
    set(d[i - 1].date, &d[i - 1].date_text,
        n ? of_record(st, w, n, d[i - 1].cue, d[i - 1].claim, at, nat) : NULL);
  for (i = na; has_a && i > 0 && a[i - 1].sentence == st->index; i--)
    set(a[i - 1].date, &a[i - 1].date_text,
        n ? of_record(st, w, n, a[i - 1].cue, a[i - 1].claim, at, nat) : NULL);
  return 1;
}
