/*
** corpus.c -- deterministic English and Japanese news-like text (corpus.h).
**
** Articles are assembled from sentence shapes and word lists written here
** (every name, outlet and quote is invented). The shapes follow wire copy:
** datelines, quotes with typographic marks, titles before names, figures,
** dashes; in Japanese, 「」 quotes, （age） after names, katakana loan
** words with ー, and, per article, either half-width or full-width digits
** as Japanese outlets differ on that. Rare artifacts of real feeds (NBSP,
** ligatures, half-width katakana, zero-width spaces) are sprinkled at low
** rates so the fast paths of a normalizer see realistic interruptions.
*/
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"

/* Part of the cache file name: bump it whenever the generated text changes,
** so a stale cache is never benchmarked. */
#define CORPUS_VERSION 2

/* Characters easy to misread in source, spelled out. */
#define NBSP "\xC2\xA0"     /* U+00A0 no-break space */
#define SHY "\xC2\xAD"      /* U+00AD soft hyphen */
#define ZWSP "\xE2\x80\x8B" /* U+200B zero width space */
#define IDSP "\xE3\x80\x80" /* U+3000 ideographic space */

/* ------------------------------------------------------------ randomness */

typedef struct rng {
  uint64_t s;
} rng;

/* splitmix64: tiny, and the same sequence on every platform. */
static uint64_t rng_next(rng *r) {
  uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));
  z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Uniform enough in [0, n) for n far below 2^64. */
static unsigned rng_below(rng *r, unsigned n) { return (unsigned)(rng_next(r) % n); }

/* True with probability per_mille / 1000. */
static int rng_chance(rng *r, unsigned per_mille) { return rng_below(r, 1000) < per_mille; }

/* A uniform element of a static array. */
#define PICK(r, list) ((list)[rng_below((r), (unsigned)(sizeof(list) / sizeof((list)[0])))])

/* ------------------------------------------------------------ output */

typedef struct text {
  char *p;
  size_t len, cap;
  int oom; /* an allocation failed: later writes are ignored */
} text;

static void put_n(text *t, const char *s, size_t n) {
  if (t->oom) return;
  if (t->cap - t->len <= n) {
    size_t ncap = t->cap ? t->cap : (size_t)1 << 16;
    char *np;
    while (ncap - t->len <= n) ncap *= 2;
    np = realloc(t->p, ncap);
    if (np == NULL) {
      t->oom = 1;
      return;
    }
    t->p = np;
    t->cap = ncap;
  }
  memcpy(t->p + t->len, s, n);
  t->len += n;
  t->p[t->len] = '\0';
}

static void put(text *t, const char *s) { put_n(t, s, strlen(s)); }

static void put_uint(text *t, unsigned v) {
  char d[16];
  put_n(t, d, (size_t)snprintf(d, sizeof d, "%u", v));
}

/* Digits U+FF10..U+FF19, as NHK-style Japanese copy prints them. */
static void put_fw_uint(text *t, unsigned v) {
  char d[16], fw[3] = {'\xEF', '\xBC', 0};
  int i, n = snprintf(d, sizeof d, "%u", v);
  for (i = 0; i < n; i++) {
    fw[2] = (char)(0x90 + (d[i] - '0'));
    put_n(t, fw, 3);
  }
}

/* Append s with its first (ASCII) letter upper-cased: a sentence start. */
static void put_cap(text *t, const char *s) {
  size_t at = t->len;
  put(t, s);
  if (!t->oom && t->p[at] >= 'a' && t->p[at] <= 'z') t->p[at] = (char)(t->p[at] - 32);
}

/* ------------------------------------------------------------ English */

static const char *const EN_FIRST[] = {"Maria", "James",  "Akira",  "Elena",    "René",   "Chloé",
                                       "Priya", "Tomás",  "Hélène", "Kenji",    "Sarah",  "David",
                                       "Yuki",  "Anders", "Zoë",    "Olusegun", "Fatima", "Liam",
                                       "Noor",  "Mateo",  "Grace",  "Hiroshi",  "Ingrid", "Samuel"};
static const char *const EN_LAST[] = {
    "Okafor",    "Lindqvist", "Moreau",    "Tanaka",      "Hargrove", "Delacroix",
    "Brennan",   "Nakamura",  "Whitfield", "Castellanos", "Ferreira", "Kowalski",
    "Abernathy", "Ishikawa",  "Dubois",    "Müller",      "Novák",    "Haddad",
    "Sørensen",  "Okonkwo",   "Pemberton", "Yamaguchi",   "Varga",    "Ashworth"};
static const char *const EN_TITLE[] = {"Prime Minister",
                                       "Finance Minister",
                                       "Foreign Minister",
                                       "Chief Cabinet Secretary",
                                       "Economy Minister",
                                       "Defense Minister",
                                       "Trade Minister",
                                       "Health Minister",
                                       "Governor",
                                       "Mayor",
                                       "Senator",
                                       "Deputy Prime Minister",
                                       "Central Bank Governor",
                                       "Transport Minister"};
static const char *const EN_MINISTRY[] = {"Ministry of Finance",
                                          "Ministry of Foreign Affairs",
                                          "Ministry of Health, Labour and Welfare",
                                          "Ministry of Economy, Trade and Industry",
                                          "Ministry of Defense",
                                          "Ministry of Land, Infrastructure, Transport and Tourism",
                                          "Financial Services Agency",
                                          "Cabinet Office",
                                          "Department of Energy",
                                          "Treasury Department",
                                          "Home Office",
                                          "Environment Agency"};
static const char *const EN_OUTLET[] = {
    "Northern Ledger",     "Harbor Daily",    "Meridian Post",   "Capital Wire",
    "Evening Chronicle",   "Westbrook Radio", "Global Dispatch", "Coastal Herald",
    "Kestrel News Agency", "Pacific Observer"};
static const char *const EN_DATELINE[] = {"TOKYO",      "OSAKA",  "BRUSSELS",  "GENEVA",
                                          "WASHINGTON", "LONDON", "SÃO PAULO", "ZÜRICH",
                                          "MONTRÉAL",   "SEOUL",  "NAIROBI",   "CANBERRA"};
static const char *const EN_CITY[] = {"Tokyo",      "Osaka",     "Brussels",  "Geneva",
                                      "Washington", "São Paulo", "Zürich",    "Montréal",
                                      "Malmö",      "Kraków",    "Reykjavík", "Singapore"};
static const char *const EN_MONTH[] = {"January",   "February", "March",    "April",
                                       "May",       "June",     "July",     "August",
                                       "September", "October",  "November", "December"};
static const char *const EN_WEEKDAY[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
static const char *const EN_QUOTE[] = {"We have no plans to change the policy at this time",
                                       "The figures speak for themselves",
                                       "There is no truth to these reports",
                                       "We will respond calmly and appropriately",
                                       "Our priority is the safety of residents",
                                       "Nothing has been decided yet",
                                       "It’s too early to say whether the measures are working",
                                       "We’re monitoring the situation closely",
                                       "I didn’t discuss the matter with anyone",
                                       "That’s a question for the committee",
                                       "We won’t comment on speculation",
                                       "We will see what the data show…"};
static const char *const EN_DENY_WORD[] = {"baseless",      "entirely false", "a fabrication",
                                           "simply untrue", "irresponsible",  "misleading"};
static const char *const EN_TOPIC[] = {"the proposed consumption tax increase",
                                       "the budget for fiscal 2025",
                                       "the nuclear plant restart",
                                       "the trade talks",
                                       "the merger of two regional banks",
                                       "the minimum wage",
                                       "the rice import quota",
                                       "the coastal defense plan",
                                       "the pension reform bill",
                                       "energy subsidies",
                                       "the semiconductor plant",
                                       "the ﬁscal stimulus package"};
static const char *const EN_ALLEGATION[] = {
    "a report that he had accepted undeclared donations",
    "claims that the survey data had been altered",
    "reports of an imminent cabinet reshuffle",
    "speculation that she would resign before the election",
    "an account of the meeting published last week",
    "allegations that the contract was awarded without a tender"};
static const char *const EN_METRIC[] = {"consumer prices",   "exports",
                                        "industrial output", "household spending",
                                        "tourist arrivals",  "crude steel production",
                                        "machinery orders",  "ＧＤＰ estimates"};
static const char *const EN_ACTION[] = {"submit a revised bill",  "release the full report",
                                        "raise the subsidy",      "review the contract",
                                        "suspend the program",    "hold a public hearing",
                                        "publish new guidelines", "extend the deadline"};
static const char *const EN_ORDINAL[] = {"second", "third", "fourth", "fifth", "sixth", "seventh"};

static void en_name(text *t, rng *r) {
  put(t, PICK(r, EN_FIRST));
  put(t, " ");
  put(t, PICK(r, EN_LAST));
}

/* Who speaks, in the forms wire copy uses. */
static void en_speaker(text *t, rng *r) {
  switch (rng_below(r, 5)) {
    case 0:
      put(t, PICK(r, EN_TITLE));
      put(t, " ");
      en_name(t, r);
      break;
    case 1:
      en_name(t, r);
      put(t, ", a senior official at the ");
      put(t, PICK(r, EN_MINISTRY));
      put(t, ",");
      break;
    case 2:
      put(t, "a spokesperson for the ");
      put(t, PICK(r, EN_MINISTRY));
      break;
    case 3:
      put(t, rng_chance(r, 500) ? "Mr." : "Ms.");
      /* NBSP after an honorific: a typesetting habit that survives in feeds */
      put(t, rng_chance(r, 150) ? NBSP : " ");
      put(t, PICK(r, EN_LAST));
      break;
    default:
      put(t, PICK(r, EN_TITLE));
      put(t, " ");
      put(t, PICK(r, EN_LAST));
      break;
  }
}

static void en_percent(text *t, rng *r) {
  put_uint(t, rng_below(r, 12));
  put(t, ".");
  put_uint(t, rng_below(r, 10));
  switch (rng_below(r, 10)) {
    case 0: put(t, NBSP "percent"); break;
    case 1:
    case 2: put(t, "%"); break;
    default: put(t, " percent"); break;
  }
}

static void en_money(text *t, rng *r) {
  static const char *const UNIT[] = {" million", " billion", " trillion"};
  static const char *const CUR[] = {"$", "$", "€", "¥"};
  put(t, PICK(r, CUR));
  put_uint(t, 1 + rng_below(r, 900));
  put(t, PICK(r, UNIT));
}

static void en_day(text *t, rng *r) {
  put(t, PICK(r, EN_MONTH));
  put(t, " ");
  /* a full-width date now and then, from copy relayed through Asian desks */
  if (rng_chance(r, 20))
    put_fw_uint(t, 1 + rng_below(r, 28));
  else
    put_uint(t, 1 + rng_below(r, 28));
}

static void en_quote_sentence(text *t, rng *r) {
  put(t, "“");
  put(t, PICK(r, EN_QUOTE));
  put(t, ",” ");
  en_speaker(t, r);
  put(t, " said");
  if (rng_chance(r, 500)) {
    put(t, " on ");
    put(t, PICK(r, EN_WEEKDAY));
  }
  put(t, ".");
}

static void en_report_sentence(text *t, rng *r) {
  put(t, PICK(r, EN_OUTLET));
  put(t, " reported on ");
  put(t, PICK(r, EN_WEEKDAY));
  put(t, " that the ");
  put(t, PICK(r, EN_MINISTRY));
  put(t, " was considering ");
  put(t, PICK(r, EN_TOPIC));
  put(t, ", citing people familiar with the matter.");
}

static void en_denial_sentence(text *t, rng *r) {
  size_t at = t->len;
  en_speaker(t, r);
  if (!t->oom && t->p[at] == 'a') t->p[at] = 'A';
  put(t, " denied ");
  put(t, PICK(r, EN_ALLEGATION));
  put(t, ", calling it “");
  put(t, PICK(r, EN_DENY_WORD));
  put(t, ".”");
}

static void en_figure_sentence(text *t, rng *r) {
  put(t, "The ");
  put(t, PICK(r, EN_MINISTRY));
  put(t, " said ");
  put(t, PICK(r, EN_METRIC));
  put(t, rng_chance(r, 500) ? " rose " : " fell ");
  en_percent(t, r);
  put(t, " in ");
  put(t, PICK(r, EN_MONTH));
  put(t, " from a year earlier, the ");
  put(t, PICK(r, EN_ORDINAL));
  put(t, " straight monthly change.");
}

static void en_statement_sentence(text *t, rng *r) {
  size_t at = t->len;
  en_speaker(t, r);
  if (!t->oom && t->p[at] == 'a') t->p[at] = 'A';
  put(t, " told reporters in ");
  put(t, PICK(r, EN_CITY));
  put(t, " that the government would ");
  put(t, PICK(r, EN_ACTION));
  put(t, " by ");
  en_day(t, r);
  put(t, ".");
}

static void en_dash_sentence(text *t, rng *r) {
  put(t, "The plan — first proposed in ");
  put_uint(t, 2015 + rng_below(r, 10));
  put(t, " — would cost about ");
  en_money(t, r);
  put(t, ", according to the ");
  put(t, PICK(r, EN_OUTLET));
  put(t, ".");
}

static void en_nocomment_sentence(text *t, rng *r) {
  put(t, "The ");
  put(t, PICK(r, EN_MINISTRY));
  put(t, "’s press office didn’t respond to a request for comment on ");
  put(t, PICK(r, EN_WEEKDAY));
  put(t, ".");
}

static void en_range_sentence(text *t, rng *r) {
  unsigned y = 2010 + rng_below(r, 10);
  put_cap(t, PICK(r, EN_METRIC));
  put(t, " declined in each year from ");
  put_uint(t, y);
  put(t, "–");
  put_uint(t, y + 2 + rng_below(r, 4));
  put(t, ", official data show.");
}

static void en_nested_sentence(text *t, rng *r) {
  put(t, "“He told me, ‘");
  put(t, PICK(r, EN_QUOTE));
  put(t, ",’ and that was the end of it,” said ");
  en_name(t, r);
  put(t, ", who attended the meeting.");
}

typedef void (*sentence_fn)(text *, rng *);

static const sentence_fn EN_SENTENCES[] = {
    en_quote_sentence,     en_quote_sentence,     en_report_sentence,    en_denial_sentence,
    en_figure_sentence,    en_statement_sentence, en_statement_sentence, en_dash_sentence,
    en_nocomment_sentence, en_range_sentence,     en_nested_sentence};

static void en_headline(text *t, rng *r) {
  put(t, PICK(r, EN_TITLE));
  put(t, " ");
  put(t, PICK(r, EN_LAST));
  switch (rng_below(r, 3)) {
    case 0: put(t, " denies report, says ‘no truth’ to claims"); break;
    case 1:
      put(t, " vows to ");
      put(t, PICK(r, EN_ACTION));
      break;
    default:
      put(t, " says ");
      put(t, PICK(r, EN_TOPIC));
      put(t, " on track");
      break;
  }
  put(t, "\n\n");
}

static void en_article(text *t, rng *r) {
  unsigned p, s, paragraphs = 3 + rng_below(r, 4);
  en_headline(t, r);
  put(t, PICK(r, EN_DATELINE));
  put(t, ", ");
  en_day(t, r);
  put(t, " (");
  put(t, PICK(r, EN_OUTLET));
  put(t, ") — ");
  for (p = 0; p < paragraphs; p++) {
    unsigned sentences = 1 + rng_below(r, 4);
    for (s = 0; s < sentences; s++) {
      if (s > 0) put(t, " ");
      PICK(r, EN_SENTENCES)(t, r);
      /* debris of web scraping: a stray zero-width space or soft hyphen */
      if (rng_chance(r, 3)) put(t, rng_chance(r, 500) ? ZWSP : SHY);
    }
    put(t, "\n\n");
  }
}

/* ------------------------------------------------------------ Japanese */

static const char *const JA_SURNAME[] = {"田中", "佐藤", "鈴木", "高橋", "渡辺", "伊藤", "山本",
                                         "中村", "小林", "加藤", "吉田", "山田", "松本", "井上",
                                         "木村", "斎藤", "清水", "森",   "池田", "橋本"};
static const char *const JA_GIVEN[] = {"一郎", "健太", "美咲", "翔太", "由美", "誠",
                                       "恵子", "大輔", "直樹", "陽子", "拓也", "亜希子"};
static const char *const JA_TITLE[] = {"首相",   "財務相",     "外相",  "官房長官", "経済産業相",
                                       "防衛相", "厚生労働相", "知事",  "市長",     "総裁",
                                       "報道官", "事務次官",   "幹事長"};
static const char *const JA_MINISTRY[] = {
    "財務省", "外務省", "厚生労働省", "経済産業省", "国土交通省", "防衛省",    "文部科学省",
    "総務省", "金融庁", "気象庁",     "内閣府",     "環境省",     "農林水産省"};
/* Invented outlets, plus the full-width Latin initials Japanese copy uses. */
static const char *const JA_OUTLET[] = {"東都新聞",       "北海日報",   "中央通信", "関西放送",
                                        "西日本タイムズ", "湊経済新報", "南海新聞", "東洋テレビ",
                                        "山陽日報",       "全国通信",   "ＮＨＫ",   "ＴＢＮ"};
static const char *const JA_COMPANY[] = {"ミナト電機", "サクラ自動車", "ヒカリ通信", "アオバ製薬",
                                         "ツバメ重工"};
static const char *const JA_KATAKANA[] = {
    "エネルギー",       "データ",   "サーバー",       "コンピューター",
    "リーダー",         "ニュース", "セキュリティー", "エコノミスト",
    "テクノロジー",     "ルール",   "プロジェクト",   "センター",
    "インタビュー",     "スーパー", "ガソリン",       "インフラ",
    "サプライチェーン", "デジタル", "ポイント",       "メーカー",
    "ワクチン",         "チーム"};
/* What old feeds and OCR still deliver: half-width katakana, with the
** voicing marks as separate characters (ｶﾞ for ガ). */
static const char *const JA_KATAKANA_HALF[] = {"ｶﾞｿﾘﾝ", "ﾃﾞｰﾀ", "ｻｰﾊﾞｰ", "ﾆｭｰｽ", "ｴﾈﾙｷﾞｰ", "ﾒｰｶｰ"};
static const char *const JA_TOPIC[] = {
    "消費税率の引き上げ", "来年度予算案",     "原子力発電所の再稼働", "貿易交渉",
    "地方銀行の統合",     "最低賃金の改定",   "年金制度改革",         "物価高対策",
    "防衛費の増額",       "半導体工場の誘致", "少子化対策",           "電気料金の補助"};
static const char *const JA_QUOTE[] = {"現時点で方針を変更する考えはない",
                                       "報道は事実ではない",
                                       "冷静に対応していきたい",
                                       "住民の安全を最優先に考える",
                                       "まだ何も決まっていない",
                                       "効果を見極める必要がある",
                                       "状況を注視している",
                                       "指摘は全く当たらない",
                                       "丁寧に説明していく",
                                       "そのような事実はない"};
static const char *const JA_METRIC[] = {"消費者物価指数", "輸出額",   "鉱工業生産", "完全失業率",
                                        "家計支出",       "訪日客数", "税収"};
static const char *const JA_PLACE[] = {"東京都", "大阪府", "北海道", "福岡県",
                                       "愛知県", "宮城県", "広島県", "沖縄県"};
static const char *const JA_NOUN[] = {"活用", "導入", "見直し", "確保", "整備", "人材育成"};

/* One article's conventions: digits half-width or full-width. */
typedef struct ja_style {
  int fw;
} ja_style;

static void ja_uint(text *t, const ja_style *st, unsigned v) {
  if (st->fw)
    put_fw_uint(t, v);
  else
    put_uint(t, v);
}

static void ja_katakana(text *t, rng *r) {
  if (rng_chance(r, 15))
    put(t, PICK(r, JA_KATAKANA_HALF));
  else
    put(t, PICK(r, JA_KATAKANA));
}

static void ja_day(text *t, rng *r, const ja_style *st) {
  ja_uint(t, st, 1 + rng_below(r, 28));
  put(t, "日");
}

static void ja_speaker(text *t, rng *r) {
  if (rng_chance(r, 500)) {
    put(t, PICK(r, JA_MINISTRY));
    put(t, "の");
  }
  put(t, PICK(r, JA_SURNAME));
  put(t, PICK(r, JA_TITLE));
}

static void ja_press_sentence(text *t, rng *r, const ja_style *st) {
  ja_speaker(t, r);
  put(t, "は");
  ja_day(t, r, st);
  put(t, "の記者会見で「");
  put(t, PICK(r, JA_QUOTE));
  put(t, "」と述べた。");
}

static void ja_report_sentence(text *t, rng *r, const ja_style *st) {
  (void)st;
  put(t, PICK(r, JA_OUTLET));
  put(t, "によると、");
  put(t, PICK(r, JA_MINISTRY));
  put(t, "は");
  put(t, PICK(r, JA_TOPIC));
  put(t, "に向けて");
  ja_katakana(t, r);
  put(t, "の");
  put(t, PICK(r, JA_NOUN));
  put(t, "を検討している。");
}

static void ja_denial_sentence(text *t, rng *r, const ja_style *st) {
  (void)st;
  ja_speaker(t, r);
  put(t, "は");
  put(t, PICK(r, JA_TOPIC));
  put(t, "をめぐる一部報道を否定し、「");
  put(t, PICK(r, JA_QUOTE));
  put(t, "」と語った。");
}

static void ja_figure_sentence(text *t, rng *r, const ja_style *st) {
  put(t, PICK(r, JA_MINISTRY));
  put(t, "が");
  ja_day(t, r, st);
  put(t, "発表した");
  ja_uint(t, st, 1 + rng_below(r, 12));
  put(t, "月の");
  put(t, PICK(r, JA_METRIC));
  put(t, "は、前年同月比");
  ja_uint(t, st, rng_below(r, 10));
  put(t, st->fw ? "．" : ".");
  ja_uint(t, st, rng_below(r, 10));
  put(t, st->fw ? "％" : "%");
  put(t, rng_chance(r, 500) ? "上昇した。" : "低下した。");
}

static void ja_person_sentence(text *t, rng *r, const ja_style *st) {
  put(t, PICK(r, JA_PLACE));
  put(t, "に住む会社員、");
  put(t, PICK(r, JA_SURNAME));
  put(t, PICK(r, JA_GIVEN));
  put(t, "さん（");
  ja_uint(t, st, 20 + rng_below(r, 60));
  put(t, "）は「");
  ja_katakana(t, r);
  put(t, "の");
  put(t, PICK(r, JA_NOUN));
  put(t, "が課題だ」と話した。");
}

static void ja_hours_sentence(text *t, rng *r, const ja_style *st) {
  put(t, "受け付けは平日の午前");
  ja_uint(t, st, 8 + rng_below(r, 3));
  /* both wave dashes occur: 〜 (U+301C) and ～ (U+FF5E) */
  put(t, rng_chance(r, 300) ? "時～午後" : "時〜午後");
  ja_uint(t, st, 4 + rng_below(r, 3));
  put(t, "時まで。");
}

static void ja_budget_sentence(text *t, rng *r, const ja_style *st) {
  put(t, PICK(r, JA_MINISTRY));
  put(t, "は");
  put(t, PICK(r, JA_TOPIC));
  put(t, "に関する");
  ja_katakana(t, r);
  put(t, "を公表し、");
  ja_uint(t, st, 10 + rng_below(r, 990));
  put(t, "億円の予算を計上する方針だ。");
}

static void ja_company_sentence(text *t, rng *r, const ja_style *st) {
  (void)st;
  put(t, PICK(r, JA_OUTLET));
  put(t, "の取材に対し、");
  put(t, PICK(r, JA_COMPANY));
  put(t, "の");
  put(t, PICK(r, JA_SURNAME));
  put(t, rng_chance(r, 300) ? "社長は「ＡＩ（人工知能）を使った" : "社長は「人工知能を使った");
  ja_katakana(t, r);
  put(t, "の開発を急ぐ」と答えた。");
}

typedef void (*ja_sentence_fn)(text *, rng *, const ja_style *);

static const ja_sentence_fn JA_SENTENCES[] = {
    ja_press_sentence,  ja_press_sentence,  ja_report_sentence, ja_denial_sentence,
    ja_figure_sentence, ja_person_sentence, ja_hours_sentence,  ja_budget_sentence,
    ja_budget_sentence, ja_report_sentence, ja_press_sentence,  ja_company_sentence};

/* Headlines separate their parts with ideographic spaces. */
static void ja_headline(text *t, rng *r) {
  put(t, PICK(r, JA_MINISTRY));
  put(t, IDSP);
  put(t, PICK(r, JA_TOPIC));
  put(t, rng_chance(r, 500) ? "を検討" : "で調整");
  put(t, "\n");
}

static void ja_article(text *t, rng *r) {
  ja_style st;
  unsigned p, s, paragraphs = 3 + rng_below(r, 4);
  st.fw = rng_chance(r, 150);
  ja_headline(t, r);
  for (p = 0; p < paragraphs; p++) {
    unsigned sentences = 2 + rng_below(r, 3);
    put(t, IDSP); /* a paragraph opens with an ideographic space */
    for (s = 0; s < sentences; s++) PICK(r, JA_SENTENCES)(t, r, &st);
    put(t, "\n");
  }
  put(t, "\n");
}

/* ------------------------------------------------------------ cache */

typedef struct corpus_kind {
  const char *lang;
  uint64_t seed;
  void (*article)(text *, rng *);
} corpus_kind;

static const corpus_kind KINDS[] = {
    {"en", UINT64_C(0x6B696A69656E0001), en_article},
    {"ja", UINT64_C(0x6B696A696A610001), ja_article},
};

static int generate(const corpus_kind *k, text *t) {
  rng r;
  r.s = k->seed;
  while (t->len < KIJI_BENCH_CORPUS_MIN && !t->oom) k->article(t, &r);
  if (t->oom) {
    free(t->p);
    t->p = NULL;
    errno = ENOMEM;
    return -1;
  }
  return 0;
}

/* Read a cache file; -1 when it is missing, unreadable or too short. */
static int read_cache(const char *path, text *t) {
  FILE *f = fopen(path, "rb");
  long size;
  if (f == NULL) return -1;
  if (fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || (size_t)size < KIJI_BENCH_CORPUS_MIN ||
      fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return -1;
  }
  t->p = malloc((size_t)size + 1);
  if (t->p == NULL) {
    fclose(f);
    errno = ENOMEM;
    return -1;
  }
  if (fread(t->p, 1, (size_t)size, f) != (size_t)size) {
    fclose(f);
    free(t->p);
    t->p = NULL;
    return -1;
  }
  fclose(f);
  t->len = (size_t)size;
  t->p[t->len] = '\0';
  return 0;
}

/* Write through a temporary name, so an interrupted run leaves no short
** file behind that a later run would take for the corpus. */
static int write_cache(const char *path, const text *t) {
  char tmp[4096];
  FILE *f;
  int ok;
  if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp) {
    errno = ENAMETOOLONG;
    return -1;
  }
  if ((f = fopen(tmp, "wb")) == NULL) return -1;
  ok = fwrite(t->p, 1, t->len, f) == t->len;
  ok = (fclose(f) == 0) && ok;
  if (!ok || rename(tmp, path) != 0) {
    remove(tmp);
    return -1;
  }
  return 0;
}

int kiji_bench_corpus(const char *dir, const char *lang, char **buf, size_t *len) {
  const corpus_kind *k = NULL;
  char path[4096];
  text t = {NULL, 0, 0, 0};
  size_t i;
  *buf = NULL;
  *len = 0;
  for (i = 0; i < sizeof KINDS / sizeof KINDS[0]; i++)
    if (strcmp(KINDS[i].lang, lang) == 0) k = &KINDS[i];
  if (k == NULL) {
    errno = EINVAL;
    return -1;
  }
  if ((size_t)snprintf(path, sizeof path, "%s/corpus-%s-v%d.txt", dir, lang, CORPUS_VERSION) >=
      sizeof path) {
    errno = ENAMETOOLONG;
    return -1;
  }
  if (read_cache(path, &t) != 0) {
    if (generate(k, &t) != 0) return -1;
    if (write_cache(path, &t) != 0) {
      free(t.p);
      return -1;
    }
  }
  *buf = t.p;
  *len = t.len;
  return 0;
}
