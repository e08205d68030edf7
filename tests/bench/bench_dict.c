/*
** bench_dict.c -- the dictionary: compile time, size, load time and scan
** throughput with 10 000 and 1 000 000 entries.
**
** Usage: bench_dict DIR [SIZES...]   (DIR holds the cached corpora, see
** corpus.h; SIZES default to 10000 1000000)
**
** The entries are generated names, half English ("Maria K. Okafor",
** "Pacific Steel Holdings"), half Japanese (田中美咲, ミナト電機株式会社),
** from a fixed-seed PRNG and syllable and word lists, so every machine
** benchmarks the same dictionary; the lists share names with the corpus,
** so scans find matches. Per size the table gives:
**   add        kiji_dict_builder_add of every entry (normalization included)
**   compile    kiji_dict_compile
**   automaton  bytes of the automaton sections (states, labels, links,
**              outputs), per byte of the entries' match forms
**   image      bytes of the whole image (= file), per entry byte
**   load       kiji_dict_load of the saved file (page cache warm): checksum
**              and structural checks included; median of RUNS
**   scan       input MB (10^6 bytes) per second of kiji_dict_scan, longest
**              mode, normalization included, median of RUNS; "scan-norm"
**              is kiji_dict_scan_normalized on a text normalized beforehand
**              (the automaton alone), "norm" normalization alone.
** Targets (issue 3): compile 1M < 3 s; automaton <= 40 B per entry byte;
** load 1M < 20 ms; scan >= 300 MB/s (10k) and >= 150 MB/s (1M), both
** with normalization. Unmet targets are reported, not failed.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "corpus.h"
#include "dict.h"
#include "kiji.h"

#define RUNS 5

/* ------------------------------------------------------------ names */

static const char *const FIRST[] = {
  "Maria", "James", "Akira", "Elena", "René", "Chloé", "Priya", "Tomás", "Hélène", "Kenji",
  "Sarah", "David", "Yuki", "Anders", "Zoë", "Olusegun", "Fatima", "Liam", "Noor", "Mateo",
  "Grace", "Hiroshi", "Ingrid", "Samuel", "John", "Michael", "Robert", "William", "Richard",
  "Thomas", "Charles", "Daniel", "Matthew", "Anthony", "Mark", "Paul", "Steven", "Andrew",
  "Joshua", "Kevin", "Brian", "George", "Edward", "Ronald", "Timothy", "Jason", "Jeffrey",
  "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen", "Larry", "Justin",
  "Scott", "Brandon", "Benjamin", "Gregory", "Frank", "Alexander", "Raymond", "Patrick",
  "Jack", "Dennis", "Jerry", "Tyler", "Aaron", "Jose", "Adam", "Henry", "Nathan", "Douglas",
  "Zachary", "Peter", "Kyle", "Walter", "Ethan", "Jeremy", "Harold", "Keith", "Christian",
  "Roger", "Noah", "Gerald", "Carl", "Terry", "Sean", "Austin", "Arthur", "Lawrence",
  "Jesse", "Dylan", "Bryan", "Joe", "Jordan", "Billy", "Bruce", "Albert", "Willie", "Gabriel",
  "Logan", "Alan", "Juan", "Wayne", "Roy", "Ralph", "Randy", "Eugene", "Vincent", "Russell",
  "Elijah", "Louis", "Bobby", "Philip", "Johnny", "Mary", "Patricia", "Jennifer", "Linda",
  "Elizabeth", "Barbara", "Susan", "Jessica", "Karen", "Nancy", "Lisa", "Betty", "Margaret",
  "Sandra", "Ashley", "Kimberly", "Emily", "Donna", "Michelle", "Dorothy", "Carol", "Amanda",
  "Melissa", "Deborah", "Stephanie", "Rebecca", "Sharon", "Laura", "Cynthia", "Kathleen",
  "Amy", "Shirley", "Angela", "Helen", "Anna", "Brenda", "Pamela", "Nicole", "Emma"};
static const char *const LAST[] = {
  "Okafor", "Lindqvist", "Moreau", "Tanaka", "Hargrove", "Delacroix", "Brennan", "Nakamura",
  "Whitfield", "Castellanos", "Ferreira", "Kowalski", "Abernathy", "Ishikawa", "Dubois",
  "Müller", "Novák", "Haddad", "Sørensen", "Okonkwo", "Pemberton", "Yamaguchi", "Varga",
  "Ashworth", "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis",
  "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
  "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris",
  "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King",
  "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "Green", "Adams", "Nelson",
  "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts", "Gomez",
  "Phillips", "Evans", "Turner", "Diaz", "Parker", "Cruz", "Edwards", "Collins", "Reyes",
  "Stewart", "Morris", "Morales", "Murphy", "Cook", "Rogers", "Gutierrez", "Ortiz", "Morgan",
  "Cooper", "Peterson", "Bailey", "Reed", "Kelly", "Howard", "Ramos", "Kim", "Cox", "Ward",
  "Richardson", "Watson", "Brooks", "Chavez", "Wood", "James", "Bennett", "Gray", "Mendoza",
  "Ruiz", "Hughes", "Price", "Alvarez", "Castillo", "Sanders", "Patel", "Myers", "Long",
  "Ross", "Foster", "Jimenez", "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Bell",
  "Coleman", "Butler", "Henderson", "Barnes", "Gonzales", "Fisher", "Vasquez", "Simmons",
  "Romero", "Jordan", "Patterson", "Alexander", "Hamilton", "Graham", "Reynolds", "Griffin",
  "Wallace", "Moreno", "West", "Cole", "Hayes", "Bryant", "Herrera", "Gibson", "Ellis",
  "Tran", "Medina", "Aguilar", "Stevens", "Murray", "Ford", "Castro", "Marshall", "Owens",
  "Harrison", "Fernandez", "McDonald", "Woods", "Washington", "Kennedy", "Wells", "Vargas",
  "Henry", "Chen", "Freeman", "Webb", "Tucker", "Guzman", "Burns", "Crawford", "Olson",
  "Simpson", "Porter", "Hunter", "Gordon", "Mendez", "Silva", "Shaw", "Snyder", "Mason",
  "Dixon", "Munoz", "Hunt", "Hicks", "Holmes", "Palmer", "Wagner", "Black", "Robertson",
  "Boyd", "Rose", "Stone", "Salazar", "Fox", "Warren", "Mills", "Meyer", "Rice", "Schmidt",
  "Garza", "Daniels", "Ferguson", "Nichols", "Stephens", "Soto", "Weaver", "Ryan", "Gardner",
  "Payne", "Grant", "Dunn", "Kelley", "Spencer", "Hawkins", "Arnold", "Pierce", "Vazquez",
  "Hansen", "Peters", "Santos", "Hart", "Bradley", "Knight", "Elliott", "Cunningham",
  "Duncan", "Armstrong", "Hudson", "Carroll", "Lane", "Riley", "Andrews", "Alvarado", "Ray",
  "Delgado", "Berry", "Perkins", "Hoffman", "Johnston", "Matthews", "Pena", "Richards",
  "Contreras", "Willis", "Carpenter", "Lawrence", "Sandoval", "Guerrero", "George",
  "Chapman", "Rios", "Estrada", "Ortega", "Watkins", "Greene", "Nunez", "Wheeler", "Valdez",
  "Harper", "Burke", "Larson", "Santiago", "Maldonado", "Morrison", "Franklin", "Carlson",
  "Austin", "Dominguez", "Carr", "Lawson", "Jacobs", "O'Brien", "Lynch", "Singh", "Vega"};
static const char *const ORG_A[] = {
  "Northern", "Pacific", "Harbor", "Meridian", "Capital", "Evening", "Westbrook", "Global",
  "Coastal", "Kestrel", "Atlantic", "Central", "Eastern", "Southern", "Western", "United",
  "National", "Royal", "Imperial", "Summit", "Pioneer", "Liberty", "Heritage", "Frontier",
  "Silver", "Golden", "Iron", "Granite", "Cedar", "Maple", "Oak", "Pine", "River", "Lake",
  "Valley", "Mountain", "Prairie", "Island", "Metro", "Urban", "Rural", "Delta", "Sierra"};
static const char *const ORG_B[] = {
  "Ledger", "Daily", "Post", "Wire", "Chronicle", "Radio", "Dispatch", "Herald", "News",
  "Observer", "Steel", "Energy", "Motors", "Bank", "Trust", "Insurance", "Airlines",
  "Railways", "Shipping", "Chemicals", "Pharmaceuticals", "Foods", "Textiles", "Mining",
  "Telecom", "Software", "Electronics", "Logistics", "Capital", "Partners", "Ventures",
  "Foundation", "Institute", "University", "Hospital", "Council", "Commission", "Agency"};
static const char *const ORG_C[] = {
  "", "", "", " Holdings", " Group", " Corporation", " Inc.", " Ltd.", " Co.", " Agency",
  " International", " & Co."};
static const char *const KANJI[] = {
  "田", "中", "佐", "藤", "鈴", "木", "高", "橋", "渡", "辺", "伊", "山", "本", "村", "小",
  "林", "加", "吉", "松", "井", "上", "斎", "清", "水", "森", "池", "野", "川", "石", "原",
  "岡", "竹", "西", "東", "北", "南", "長", "谷", "島", "大", "宮", "内", "近", "坂", "平",
  "菅", "今", "金", "和", "福", "太", "郎", "一", "健", "美", "咲", "翔", "由", "誠", "恵",
  "子", "輔", "直", "樹", "陽", "拓", "也", "亜", "希", "明", "正", "博", "秀", "信", "幸",
  "浩", "隆", "剛", "智", "裕", "香", "奈", "真", "理", "沙", "織", "花", "愛", "結", "菜"};
static const char *const KANA_GIVEN[] = {
  "さくら", "ひなた", "あおい", "ゆい", "みゆ", "はると", "そうた", "ゆうと", "れん", "めい",
  "ミナト", "サクラ", "ヒカリ", "アオバ", "ツバメ", "カエデ", "ハヤテ", "ソラ"};
static const char *const JA_ORG_B[] = {
  "電機", "自動車", "通信", "製薬", "重工", "新聞", "日報", "放送", "銀行", "証券", "商事",
  "物産", "建設", "化学", "食品", "電力", "ガス", "鉄道", "航空", "海運", "不動産", "テレビ"};
static const char *const JA_ORG_C[] = {"", "", "株式会社", "ホールディングス", "グループ", "工業"};
static const char *const JA_SURNAME[] = {
  "田中", "佐藤", "鈴木", "高橋", "渡辺", "伊藤", "山本", "中村", "小林", "加藤",
  "吉田", "山田", "松本", "井上", "木村", "斎藤", "清水", "森", "池田", "橋本"};
static const char *const JA_GIVEN[] = {
  "一郎", "健太", "美咲", "翔太", "由美", "誠", "恵子", "大輔", "直樹", "陽子", "拓也", "亜希子"};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(r, a) ((a)[rnd(r) % N_OF(a)])

static uint64_t rnd(uint64_t *s) {
  *s ^= *s << 13;
  *s ^= *s >> 7;
  *s ^= *s << 17;
  return *s;
}

static size_t cat(char *buf, size_t len, const char *s) {
  size_t n = strlen(s);
  memcpy(buf + len, s, n);
  return len + n;
}

/* One name into buf (NUL-terminated); *kind receives person or org. */
static size_t make_name(uint64_t *r, char *buf, const char **kind) {
  size_t len = 0, i, n;
  switch (rnd(r) % 8) {
    case 0: case 1: case 2:  /* English person, sometimes with an initial */
      len = cat(buf, len, PICK(r, FIRST));
      if (rnd(r) % 3) {
        buf[len++] = ' ';
        buf[len++] = (char)('A' + rnd(r) % 26);
        buf[len++] = '.';
      }
      buf[len++] = ' ';
      len = cat(buf, len, PICK(r, LAST));
      if (rnd(r) % 4 == 0) { buf[len++] = '-'; len = cat(buf, len, PICK(r, LAST)); }
      *kind = "person";
      break;
    case 3:
      len = cat(buf, len, PICK(r, ORG_A));
      buf[len++] = ' ';
      if (rnd(r) % 2) { len = cat(buf, len, PICK(r, LAST)); buf[len++] = ' '; }
      len = cat(buf, len, PICK(r, ORG_B));
      len = cat(buf, len, PICK(r, ORG_C));
      *kind = "org";
      break;
    case 4: case 5: case 6:  /* Japanese person: surname, given name (3+ characters) */
      if (rnd(r) % 4 == 0) {
        len = cat(buf, len, PICK(r, JA_SURNAME));
      } else {
        for (i = 0; i < 2; i++) len = cat(buf, len, PICK(r, KANJI));
      }
      if (rnd(r) % 5 == 0) len = cat(buf, len, PICK(r, KANA_GIVEN));
      else if (rnd(r) % 4 == 0) len = cat(buf, len, PICK(r, JA_GIVEN));
      else for (i = 0, n = 1 + rnd(r) % 2; i < n; i++) len = cat(buf, len, PICK(r, KANJI));
      *kind = "person";
      break;
    default:  /* Japanese organization */
      for (i = 0, n = 1 + rnd(r) % 2; i < n; i++) len = cat(buf, len, PICK(r, KANJI));
      if (rnd(r) % 3 == 0) len = cat(buf, len, PICK(r, KANA_GIVEN));
      len = cat(buf, len, PICK(r, JA_ORG_B));
      len = cat(buf, len, PICK(r, JA_ORG_C));
      *kind = "org";
      break;
  }
  buf[len] = '\0';
  return len;
}

/* ------------------------------------------------------------ timing */

static double clock_of(clockid_t id) {
  struct timespec t;
  clock_gettime(id, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

static double now(void) { return clock_of(CLOCK_MONOTONIC); }
static double cpu(void) { return clock_of(CLOCK_THREAD_CPUTIME_ID); }

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, cmp_double);
  return v[n / 2];
}

/* ------------------------------------------------------------ bench */

typedef struct corpus {
  const char *lang;
  char *text;
  size_t len;
  kiji_norm *norm;      /* the text normalized once, for scan-norm */
} corpus;

static int fail(const char *what, const char *msg) {
  fprintf(stderr, "bench_dict: %s: %s\n", what, msg);
  return 1;
}

static size_t automaton_bytes(const kiji_dict *d) {
  const dict_header *h = (const dict_header *)d->image;
  int i;
  size_t n = 0;
  for (i = DICT_SEC_CLASS; i <= DICT_SEC_OUT; i++) n += (size_t)h->sec[i].size;
  return n;
}

static int bench_size(const char *dir, size_t count, corpus *cs, size_t ncs) {
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL, *l = NULL;
  kiji_scan *s = kiji_scan_new();
  kiji_error err;
  uint64_t r = 0x2545F4914F6CDD1Dull;
  size_t i, key_bytes = 0, surface_bytes = 0, c;
  double t0, t_add, t_compile, times[RUNS];
  char path[1024], name[256];
  int k;
  t0 = now();
  for (i = 0; i < count; i++) {
    kiji_entry e;
    char id[32];
    memset(&e, 0, sizeof e);
    e.surface_len = make_name(&r, name, &e.kind);
    e.surface = name;
    snprintf(id, sizeof id, "Q%zu", i + 1);
    e.id = id;
    surface_bytes += e.surface_len;
    if (kiji_dict_builder_add(b, &e) != KIJI_OK) return fail("add", kiji_dict_builder_error(b));
  }
  t_add = now() - t0;
  t0 = now();
  if (kiji_dict_compile(b, &d) != KIJI_OK) return fail("compile", kiji_dict_builder_error(b));
  t_compile = now() - t0;
  kiji_dict_builder_free(b);
  for (i = 0; i < d->nrecs; i++) key_bytes += (size_t)d->rec[i].depth * (d->rec[i + 1].out - d->rec[i].out);
  snprintf(path, sizeof path, "%s/bench-dict-%zu.kd", dir, count);
  if (kiji_dict_save(d, path, &err) != KIJI_OK) return fail("save", err.message);
  for (k = 0; k < RUNS; k++) {
    t0 = now();
    if (kiji_dict_load(path, &l, &err) != KIJI_OK) return fail("load", err.message);
    times[k] = now() - t0;
    kiji_dict_free(l);
  }
  printf("%-9zu entries   %zu states (%zu dense, %zu byte classes), %zu surface bytes, "
         "%zu match-form bytes\n", count, d->nstates, d->ndense, d->nclasses, surface_bytes,
         key_bytes);
  printf("%-9zu add       %8.3f s\n", count, t_add);
  printf("%-9zu compile   %8.3f s   target 1M < 3 s\n", count, t_compile);
  printf("%-9zu automaton %8.1f MB  %5.1f B/entry byte   target <= 40\n", count,
         (double)automaton_bytes(d) / 1e6, (double)automaton_bytes(d) / (double)key_bytes);
  printf("%-9zu image     %8.1f MB  %5.1f B/entry byte (file)\n", count, (double)d->size / 1e6,
         (double)d->size / (double)key_bytes);
  printf("%-9zu load      %8.2f ms  target 1M < 20 ms\n", count, median(times, RUNS) * 1e3);
  unlink(path);
  for (c = 0; c < ncs; c++) {
    corpus *cp = &cs[c];
    const char *nt;
    size_t nlen, nm = 0;
    double scan, scan_cpu, scan_norm, scan_norm_cpu, c0, ctimes[RUNS];
    for (k = 0; k <= RUNS; k++) {
      t0 = now();
      c0 = cpu();
      if (kiji_dict_scan(d, s, cp->text, cp->len, KIJI_SCAN_LONGEST) != KIJI_OK)
        return fail("scan", kiji_scan_error(s));
      if (k) times[k - 1] = now() - t0, ctimes[k - 1] = cpu() - c0;  /* run 0 warms up */
    }
    kiji_scan_matches(s, &nm);
    scan = (double)cp->len / median(times, RUNS) / 1e6;
    scan_cpu = (double)cp->len / median(ctimes, RUNS) / 1e6;
    nt = kiji_norm_text(cp->norm, &nlen);
    for (k = 0; k <= RUNS; k++) {
      t0 = now();
      c0 = cpu();
      if (kiji_dict_scan_normalized(d, s, cp->text, cp->len, nt, nlen, kiji_norm_map(cp->norm),
                                    KIJI_SCAN_LONGEST) != KIJI_OK)
        return fail("scan", kiji_scan_error(s));
      if (k) times[k - 1] = now() - t0, ctimes[k - 1] = cpu() - c0;
    }
    scan_norm = (double)cp->len / median(times, RUNS) / 1e6;
    scan_norm_cpu = (double)cp->len / median(ctimes, RUNS) / 1e6;
    printf("%-9zu scan %s   %8.1f MB/s (cpu %.1f); without normalization %.1f MB/s (cpu %.1f); "
           "%zu matches   target %s\n", count, cp->lang, scan, scan_cpu, scan_norm,
           scan_norm_cpu, nm, count <= 10000 ? ">= 300" : ">= 150");
  }
  kiji_scan_free(s);
  kiji_dict_free(d);
  return 0;
}

int main(int argc, char **argv) {
  static const char *const langs[] = {"en", "ja"};
  corpus cs[2];
  size_t sizes[8] = {10000, 1000000}, nsizes = 2, i;
  int k;
  if (argc < 2) {
    fprintf(stderr, "usage: bench_dict DIR [SIZES...]\n");
    return 2;
  }
  if (argc > 2) {
    for (nsizes = 0; nsizes < 8 && (int)nsizes + 2 < argc; nsizes++)
      sizes[nsizes] = (size_t)strtoul(argv[nsizes + 2], NULL, 10);
  }
  for (i = 0; i < 2; i++) {
    double times[RUNS], t0;
    cs[i].lang = langs[i];
    if (kiji_bench_corpus(argv[1], langs[i], &cs[i].text, &cs[i].len) != 0)
      return fail("corpus", langs[i]);
    cs[i].norm = kiji_norm_new();
    for (k = 0; k < RUNS; k++) {
      t0 = now();
      kiji_normalize(cs[i].norm, cs[i].text, cs[i].len, NULL);
      times[k] = now() - t0;
    }
    printf("corpus %s: %.1f MB, norm %.1f MB/s\n", langs[i], (double)cs[i].len / 1e6,
           (double)cs[i].len / median(times, RUNS) / 1e6);
  }
  for (i = 0; i < nsizes; i++)
    if (bench_size(argv[1], sizes[i], cs, 2) != 0) return 1;
  for (i = 0; i < 2; i++) {
    kiji_norm_free(cs[i].norm);
    free(cs[i].text);
  }
  return 0;
}
