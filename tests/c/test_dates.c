/*
** test_dates.c -- the dates of denials and attributions (annotate/dates.c):
** a table of expressions in each language, each read in a sentence of
** our own against an article date that makes it hard (month and year
** boundaries, leap days, era changes, the weekday of the article date
** itself, no article date), the traps that are no date (3日間, "the 2016
** law", page numbers, times, ages), and the ISO helpers.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiji.h"
#include "tap.h"

/* ref: the article's date (NULL: unknown); expr: the expression, put in
** a sentence; date: what the record's date must be ("" for none); text:
** its date_text (NULL: expr itself). */
typedef struct row {
  const char *ref, *expr, *date, *text;
} row;

static const row en[] = {
    {"2023-08-08", "on Tuesday", "2023-08-08", NULL}, /* the article's own weekday */
    {"2023-08-08", "Tuesday", "2023-08-08", NULL},
    {"2023-08-08", "on Monday", "2023-08-07", NULL},
    {"2023-08-08", "on Wednesday", "2023-08-02", NULL},
    {"2023-08-08", "on Sunday", "2023-08-06", NULL},
    {"2023-01-02", "on Saturday", "2022-12-31", NULL},
    {"2023-01-02", "on Friday", "2022-12-30", NULL},
    {"2024-03-01", "on Thursday", "2024-02-29", NULL},
    {"2024-03-01", "on Friday", "2024-03-01", NULL},
    {"2023-10-01", "on Saturday", "2023-09-30", NULL},
    {"2023-08-08", "on Aug. 8", "2023-08-08", NULL},
    {"2023-08-08", "on Aug. 9", "2022-08-09", NULL},
    {"2023-08-08", "on August 8, 2023", "2023-08-08", NULL},
    {NULL, "on August 8, 2023", "2023-08-08", NULL},
    {NULL, "on Aug. 8", "", NULL},
    {NULL, "on Tuesday", "", NULL},
    {NULL, "last week", "", NULL},
    {"2023-08-08", "last week", "2023", NULL}, /* July 31 to Aug. 6 */
    {"2023-08-20", "last week", "2023-08", NULL},
    {"2023-01-04", "last week", "", NULL}, /* Dec. 26 to Jan. 1 */
    {"2023-08-08", "earlier this month", "2023-08", NULL},
    {"2023-01-02", "last month", "2022-12", NULL},
    {"2023-03-31", "last month", "2023-02", NULL},
    {"2023-08-08", "this month", "2023-08", NULL},
    {"2023-08-08", "in September of 2016", "2016-09", NULL},
    {NULL, "in September of 2016", "2016-09", NULL},
    {"2023-08-08", "late February", "2023-02", NULL},
    {"2023-01-02", "late February", "2022-02", NULL},
    {"2023-08-08", "in September", "2022-09", NULL},
    {"2023-08-08", "in August", "2023-08", NULL},
    {"2024-03-01", "on Feb. 29", "2024-02-29", NULL},
    {"2023-08-08", "on Feb. 29", "2020-02-29", NULL},
    {NULL, "on Feb. 29, 2023", "", NULL},
    {NULL, "on Feb. 29, 2024", "2024-02-29", NULL},
    {"2023-08-08", "yesterday", "2023-08-07", NULL},
    {"2023-03-01", "yesterday", "2023-02-28", NULL},
    {"2024-03-01", "yesterday", "2024-02-29", NULL},
    {"2023-01-01", "yesterday", "2022-12-31", NULL},
    {"2023-08-08", "today", "2023-08-08", NULL},
    {"2023-08-08", "last year", "2022", NULL},
    {"2023-08-08", "late last year", "2022", NULL},
    {"2023-08-08", "this year", "2023", NULL},
    {"2023-08-08", "earlier this year", "2023", NULL},
    {"2023-08-08", "in 2016", "2016", NULL},
    {NULL, "in 2016", "2016", NULL},
    {"2023-08-08", "on 8 August 2023", "2023-08-08", NULL},
    {"2023-08-08", "in mid-July", "2023-07", "mid-July"},
    {"2023-08-08", "on Sept. 30", "2022-09-30", NULL},
    {"2023-08-08", "on Sept. 31", "", NULL},
    {"2023-08-08", "on 2019.5.13", "2019-05-13", NULL},
    {NULL, "on 2019/5/13", "2019-05-13", NULL},
    {"2023-08-08", "on 2023-08-01", "2023-08-01", NULL},
    {"2023-08-08", "on Dec. 31", "2022-12-31", NULL},
    {"2023-01-02", "on Jan. 1", "2023-01-01", NULL},
    {"2023-01-02", "on Jan. 3", "2022-01-03", NULL},
    {"2023-08-08", "in December 2022", "2022-12", NULL},
    {"2023-08-08", "on Tuesday morning", "2023-08-08", NULL},
    {"2023-08-08", "on Jan. 31", "2023-01-31", NULL},
    {"2023-08-08", "early this month", "2023-08", NULL},
    {"2023-08-08", "this week", "2023-08", NULL},
    {"2023-08-01", "this week", "2023", NULL}, /* July 31 and Aug. 1 */
    {"2023-08-08", "next month", "2023-09", NULL},
    {"2023-08-08", "in March 2016", "2016-03", NULL},
    /* no date */
    {"2023-08-08", "under Article 9", "", NULL},
    {"2023-08-08", "on page 8", "", NULL},
    {"2023-08-08", "at 8 a.m.", "", NULL},
    {"2023-08-08", "with 9 percent", "", NULL},
    {"2023-08-08", "aged 52", "", NULL},
    {"2023-08-08", "under the 2016 law", "", NULL},
    {"2023-08-08", "for 3 days", "", NULL},
    {"2023-08-08", "on 31 June", "", NULL},
    {"2023-08-08", "in 12,000 pages", "", NULL},
    {"2023-08-08", "with 2,016 staff", "", NULL},
};

static const row ja[] = {
    {"2023-08-08", "２７日", "2023-07-27", NULL},
    {"2023-08-08", "8日", "2023-08-08", NULL},
    {"2023-08-08", "7日", "2023-08-07", NULL},
    {"2023-03-01", "31日", "2023-01-31", NULL},
    {"2023-03-01", "29日", "2023-01-29", NULL},
    {"2024-03-01", "29日", "2024-02-29", NULL},
    {"2023-01-02", "31日", "2022-12-31", NULL},
    {"2023-08-08", "13日午前", "2023-07-13", NULL},
    {"2023-08-08", "8日午後", "2023-08-08", NULL},
    {"2023-08-08", "先月", "2023-07", NULL},
    {"2023-01-02", "先月", "2022-12", NULL},
    {"2023-08-08", "昨年末", "2022-12", NULL},
    {"2023-01-02", "昨年末", "2022-12", NULL},
    {"2023-08-08", "今月上旬", "2023-08", NULL},
    {"2023-08-08", "先月下旬", "2023-07", NULL},
    {"2023-08-08", "今年", "2023", NULL},
    {"2023-08-08", "昨年", "2022", NULL},
    {"2023-08-08", "去年", "2022", NULL},
    {"2023-08-08", "一昨年", "2021", NULL},
    {"2023-08-08", "2019年5月13日", "2019-05-13", NULL},
    {NULL, "2019年5月13日", "2019-05-13", NULL},
    {NULL, "令和5年8月8日", "2023-08-08", NULL},
    {NULL, "平成29年", "2017", NULL},
    {NULL, "平成31年4月30日", "2019-04-30", NULL},
    {NULL, "令和元年5月1日", "2019-05-01", NULL},
    {NULL, "昭和64年1月7日", "1989-01-07", NULL},
    {NULL, "平成元年", "1989", NULL},
    {NULL, "令和2年2月29日", "2020-02-29", NULL},
    {NULL, "令和3年2月29日", "", NULL},
    {NULL, "２７日", "", NULL},
    {NULL, "先月", "", NULL},
    {NULL, "火曜日", "", NULL},
    {"2023-08-08", "火曜日", "2023-08-08", NULL},
    {"2023-08-08", "月曜", "2023-08-07", NULL},
    {"2023-08-08", "日曜日", "2023-08-06", NULL},
    {"2023-08-08", "5月13日", "2023-05-13", NULL},
    {"2023-08-08", "9月1日", "2022-09-01", NULL},
    {"2023-08-08", "8月", "2023-08", NULL},
    {"2023-08-08", "9月", "2022-09", NULL},
    {"2023-08-08", "5月上旬", "2023-05", NULL},
    {"2023-08-08", "2016年9月", "2016-09", NULL},
    {"2023-08-08", "2016年", "2016", NULL},
    {"2023-08-08", "昨日", "2023-08-07", NULL},
    {"2024-03-01", "昨日", "2024-02-29", NULL},
    {"2023-08-08", "本日", "2023-08-08", NULL},
    {"2023-08-08", "先週", "2023", NULL},
    {"2023-08-20", "先週", "2023-08", NULL},
    {"2023-08-08", "今週", "2023-08", NULL},
    {"2023-08-08", "昨年5月", "2022-05", NULL},
    {"2023-08-08", "先月27日", "2023-07-27", NULL},
    {"2023-08-08", "2019.5.13", "2019-05-13", NULL},
    {"2023-08-08", "２０１９年５月１３日", "2019-05-13", NULL},
    {"2019-05-07", "1日", "2019-05-01", NULL},
    {"2019-05-01", "30日", "2019-04-30", NULL},
    {"2023-08-08", "31日", "2023-07-31", NULL},
    {"2023-09-01", "31日", "2023-08-31", NULL},
    {"2023-10-01", "31日", "2023-08-31", NULL},
    {"2023-08-08", "今年初め", "2023", NULL},
    {"2023-08-08", "来月", "2023-09", NULL},
    {"2023-12-20", "来月", "2024-01", NULL},
    {"2023-08-08", "平成30年12月", "2018-12", NULL},
    {"2023-08-08", "2023年8月8日午前", "2023-08-08", NULL},
    {"2023-08-08", "12月31日", "2022-12-31", NULL},
    {"2023-01-02", "12月31日", "2022-12-31", NULL},
    {"2023-01-02", "1月1日", "2023-01-01", NULL},
    /* no date */
    {"2023-08-08", "3日間", "", NULL},
    {"2023-08-08", "5年ぶりに", "", NULL},
    {"2023-08-08", "10日以内に", "", NULL},
    {"2023-08-08", "3日目に", "", NULL},
    {"2023-08-08", "52歳の記者に", "", NULL},
    {"2023-08-08", "10％の", "", NULL},
    {"2023-08-08", "第9条で", "", NULL},
    {"2023-08-08", "3時に", "", NULL},
    {"2023-08-08", "2年後に", "", NULL},
    {"2023-08-08", "3か月", "", NULL},
    {"2023-08-08", "8月期", "", NULL},
    {"2023-08-08", "13日前に", "", NULL},
};

/* Whole sentences: which date is the record's. */
typedef struct whole {
  const char *ref, *text, *date, *date_text;
  int attribution; /* the first attribution's, not the first denial's */
} whole;

static const whole wholes[] = {
    /* the claim's date is not the denial's */
    {"2023-08-08", "The ministry denied a report that the plan was set in September of 2016.", "",
     NULL, 0},
    {"2023-08-08",
     "On Tuesday, the ministry denied a report that the plan was set in September of 2016.",
     "2023-08-08", "On Tuesday", 0},
    {"2023-08-08", "Kyodo News reported on Monday that the ministry had planned the visit.",
     "2023-08-07", "on Monday", 1},
    {"2023-08-08", "防衛省は８日、２０１６年９月に計画が始まったとする共同通信の報道を否定した。",
     "2023-08-08", "８日", 0},
    {"2023-08-08", "防衛省は「昨年の報道は事実無根だ」と否定した。", "", NULL, 0},
    /* the dateline's day is what the text's relative dates read against */
    {"2023-08-10", "Osaka, Aug. 8 (Jiji Press)--The ministry on Monday denied the report.",
     "2023-08-07", "on Monday", 0},
    {NULL, "Osaka, Aug. 8 (Jiji Press)--The ministry on Monday denied the report.", "", NULL, 0},
    /* a dateline that gives its year dates the article */
    {NULL, "TOKYO, Aug. 8, 2023 (Kyodo) -- The ministry on Monday denied the report.", "2023-08-07",
     "on Monday", 0},
    {"2023-08-25", "[東京 22日 ロイター] 防衛省は前日、報道を否定した。", "", NULL, 0},
    {"2023-08-25", "[東京 22日 ロイター] 防衛省は月曜日、報道を否定した。", "2023-08-21", "月曜日",
     0},
    /* a date that ends a bare noun phrase claim is when the denial was
    ** made ("denied [the report on Tuesday]"); a claim with a clause
    ** keeps its own ("denied [that ... on Tuesday]") */
    {"2023-08-08", "The ministry denied the report on Tuesday.", "2023-08-08", "on Tuesday", 0},
    {"2023-08-10", "The ministry rejected a Kyodo News report on Monday.", "2023-08-07",
     "on Monday", 0},
    {"2023-08-08", "The ministry denied that troops crossed the border on Tuesday.", "", NULL, 0},
    {"2023-08-08", "The ministry denied a report that troops crossed the border on Tuesday.", "",
     NULL, 0},
    {"2023-08-08", "Kyodo News reported that the talks had been held at a party meeting in 2016.",
     "", NULL, 1},
    /* a modal and a verb are no months */
    {"2023-08-08", "The ministry denied the report, but officials may review it in May.", "", NULL,
     0},
};

static kiji_range first_date(const kiji_doc *doc, int attribution, const char **date, int *found) {
  size_t n;
  kiji_range none = {KIJI_NONE, KIJI_NONE};
  if (!attribution) {
    const kiji_denial *d = kiji_doc_denials(doc, &n);
    *found = n > 0;
    if (n == 0) return none;
    *date = d[0].date;
    return d[0].date_text;
  } else {
    const kiji_attribution *a = kiji_doc_attributions(doc, &n);
    *found = n > 0;
    if (n == 0) return none;
    *date = a[0].date;
    return a[0].date_text;
  }
}

static void check(tap *t, const kiji_annotator *a, kiji_doc *doc, const char *ref, const char *text,
                  int attribution, const char *want, const char *want_text, const char *what) {
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  const char *date = "";
  kiji_range r;
  int found = 0, ok;
  size_t wl = want_text ? strlen(want_text) : 0;
  if (ref && kiji_date_parse(ref, strlen(ref), &o.date) != KIJI_OK) {
    tap_ok(t, 0, "%s: bad article date %s", what, ref);
    return;
  }
  if (kiji_annotate(a, doc, text, strlen(text), &o) != KIJI_OK) {
    tap_ok(t, 0, "%s: annotate failed", what);
    return;
  }
  r = first_date(doc, attribution, &date, &found);
  ok = found && strcmp(date, want) == 0 &&
       (want[0] == 0 ? r.start == KIJI_NONE
                     : r.start != KIJI_NONE && r.end - r.start == wl &&
                           memcmp(text + r.start, want_text, wl) == 0);
  tap_ok(t, ok, "%s [%s] -> %s (got %s%s, \"%.*s\")", what, ref ? ref : "no date",
         want[0] ? want : "none", found ? (date[0] ? date : "none") : "no record", "",
         r.start == KIJI_NONE ? 0 : (int)(r.end - r.start),
         r.start == KIJI_NONE ? "" : text + r.start);
}

static void table(tap *t, const kiji_annotator *a, kiji_doc *doc, const row *rows, size_t n,
                  const char *before, const char *after) {
  char text[256];
  size_t i;
  for (i = 0; i < n; i++) {
    snprintf(text, sizeof text, "%s%s%s", before, rows[i].expr, after);
    check(t, a, doc, rows[i].ref, text, 0, rows[i].date, rows[i].text ? rows[i].text : rows[i].expr,
          rows[i].expr);
  }
}

static void iso(tap *t) {
  kiji_date d;
  char out[KIJI_DATE_ISO_SIZE];
  kiji_date bad = {2023, 2, 29}, year = {2016, 0, 0};
  tap_ok(t,
         kiji_date_parse("2024-02-29", 10, &d) == KIJI_OK && d.year == 2024 && d.month == 2 &&
             d.day == 29,
         "parse: a leap day");
  tap_ok(t, kiji_date_parse("2023-02-29", 10, &d) == KIJI_EINVAL, "parse: no such day");
  tap_ok(t, kiji_date_parse("2023-08", 7, &d) == KIJI_OK && d.day == 0 && d.month == 8,
         "parse: a month");
  tap_ok(t, kiji_date_parse("2023", 4, &d) == KIJI_OK && d.month == 0, "parse: a year");
  tap_ok(t,
         kiji_date_parse("2023-8-8", 8, &d) == KIJI_EINVAL &&
             kiji_date_parse("2023-08-08T00", 13, &d) == KIJI_EINVAL &&
             kiji_date_parse("", 0, &d) == KIJI_EINVAL,
         "parse: not ISO 8601");
  tap_ok(t, kiji_date_iso(bad, out) == 0 && out[0] == 0, "iso: no such day gives \"\"");
  tap_ok(t, kiji_date_iso(year, out) == 4 && strcmp(out, "2016") == 0, "iso: a year");
}

static void options(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  const char *text = "The ministry denied the report.";
  kiji_mention m;
  kiji_str name;
  o.date.year = 2023;
  o.date.month = 13;
  tap_ok(t, kiji_annotate(a, doc, text, strlen(text), &o) == KIJI_EINVAL, "a bad date is EINVAL");
  o.date.month = 8;
  o.date.day = 8;
  o.source = "Kyodo";
  o.source_len = 5;
  tap_ok(t,
         kiji_annotate(a, doc, text, strlen(text), &o) == KIJI_OK &&
             strcmp(kiji_doc_date(doc), "2023-08-08") == 0,
         "the caller's date is the document's");
  tap_ok(t,
         kiji_doc_given_source(doc, &m, &name) && name.len == 5 && m.id.ptr && m.id.len == 5 &&
             memcmp(m.id.ptr, "kyodo", 5) == 0 && m.span.start == KIJI_NONE,
         "the caller's source, as the lexicon knows it");
  o.source = NULL;
  o.source_len = 0;
  o.date.year = o.date.month = o.date.day = 0;
  tap_ok(t,
         kiji_annotate(a, doc, text, strlen(text), &o) == KIJI_OK && kiji_doc_date(doc)[0] == 0 &&
             !kiji_doc_given_source(doc, NULL, NULL),
         "no date and no source: none kept from the last call");
}

/* Long sentences of date words and of numbers: one pass each (a date
** word between two digits far apart costs no pass to the next digit). */
static void hostile(tap *t, const kiji_annotator *a, kiji_doc *doc) {
  static const char *const parts[] = {"today ", "3日", "May ", "12 "};
  kiji_annotate_options o = KIJI_ANNOTATE_OPTIONS_INIT;
  size_t k, i, n = 40000, len;
  o.date.year = 2023;
  o.date.month = o.date.day = 8;
  for (k = 0; k < sizeof parts / sizeof parts[0]; k++) {
    size_t pl = strlen(parts[k]);
    char *text = malloc(n * pl + 64);
    if (text == NULL) return;
    len = (size_t)sprintf(text, "The ministry denied the report ");
    for (i = 0; i < n; i++, len += pl) memcpy(text + len, parts[k], pl);
    text[len++] = '1';
    text[len++] = '.';
    tap_ok(t, kiji_annotate(a, doc, text, len, &o) == KIJI_OK, "a sentence of %zu \"%s\"", n,
           parts[k]);
    free(text);
  }
}

int main(void) {
  tap t = {0, 0};
  kiji_error err;
  kiji_annotator *a = kiji_annotator_new(NULL, 0, &err);
  kiji_doc *doc = kiji_doc_new();
  size_t i;
  if (a == NULL || doc == NULL) {
    tap_ok(&t, 0, "annotator: %s", a ? "no memory" : err.message);
    return tap_done(&t);
  }
  iso(&t);
  table(&t, a, doc, en, sizeof en / sizeof en[0], "The Defense Ministry ", " denied the report.");
  table(&t, a, doc, ja, sizeof ja / sizeof ja[0], "防衛省は", "、報道を否定した。");
  for (i = 0; i < sizeof wholes / sizeof wholes[0]; i++)
    check(&t, a, doc, wholes[i].ref, wholes[i].text, wholes[i].attribution, wholes[i].date,
          wholes[i].date_text, wholes[i].text);
  options(&t, a, doc);
  hostile(&t, a, doc);
  kiji_doc_free(doc);
  kiji_annotator_free(a);
  return tap_done(&t);
}
