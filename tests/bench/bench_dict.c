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
  kiji_norm *norm;      /* the text normalized once, for the scan without it */
  char norm_path[1024]; /* and written there, for pyahocorasick */
  double norm_mbs;
} corpus;

/* What one dictionary size measured; the table is printed at the end. */
typedef struct result {
  size_t count, states, dense, classes, key_bytes;
  double add, compile, automaton, image, load;
  double scan[2], scan_norm[2], py[2];
  size_t matches[2], py_matches[2];
} result;

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

static int write_file(const char *path, const char *data, size_t len) {
  FILE *f = fopen(path, "wb");
  int ok = f && fwrite(data, 1, len, f) == len;
  if (f && fclose(f) != 0) ok = 0;
  return ok;
}

/* The entries' match forms, one a line, for pyahocorasick. */
static int write_keys(const kiji_dict *d, const char *path) {
  FILE *f = fopen(path, "wb");
  kiji_norm *n = kiji_norm_new();
  size_t i, len;
  int ok = f != NULL;
  for (i = 0; ok && i < kiji_dict_count(d); i++) {
    kiji_entry e;
    const char *k;
    ok = kiji_dict_entry(d, i, &e) == KIJI_OK &&
         kiji_normalize(n, e.surface, e.surface_len, NULL) == KIJI_OK;
    k = kiji_norm_text(n, &len);
    ok = ok && fwrite(k, 1, len, f) == len && fputc('\n', f) != EOF;
  }
  if (f && fclose(f) != 0) ok = 0;
  kiji_norm_free(n);
  return ok;
}

/*
** pyahocorasick (Debian's python3-ahocorasick) on the same keys and the
** same normalized text: bench_dict_pyac.py, next to this file. 0 when it
** cannot run (no python3 with the module): the column says n/a.
*/
static double pyahocorasick(const char *keys, const char *text, size_t *matches) {
  const char *py = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
  const char *src = __FILE__, *slash = strrchr(src, '/');
  char cmd[4096];
  double mbs = 0, build;
  FILE *p;
  snprintf(cmd, sizeof cmd, "%s '%.*s/bench_dict_pyac.py' '%s' '%s' %d 2>/dev/null", py,
           slash ? (int)(slash - src) : 1, slash ? src : ".", keys, text, RUNS);
  if ((p = popen(cmd, "r")) == NULL) return 0;
  if (fscanf(p, "%lf %zu %lf", &mbs, matches, &build) != 3) mbs = 0;
  pclose(p);
  return mbs;
}

/* Median input MB/s of RUNS scans after one to warm up. */
static int time_scans(const kiji_dict *d, kiji_scan *s, const corpus *cp, int normalized,
                      double *mbs) {
  double times[RUNS];
  int k;
  for (k = 0; k <= RUNS; k++) {
    double t0 = now();
    const char *nt;
    size_t nlen;
    kiji_status st;
    if (normalized) {
      nt = kiji_norm_text(cp->norm, &nlen);
      st = kiji_dict_scan_normalized(d, s, cp->text, cp->len, nt, nlen, kiji_norm_map(cp->norm),
                                     KIJI_SCAN_LONGEST);
    } else {
      st = kiji_dict_scan(d, s, cp->text, cp->len, KIJI_SCAN_LONGEST);
    }
    if (st != KIJI_OK) return fail("scan", kiji_scan_error(s));
    if (k) times[k - 1] = now() - t0;
  }
  *mbs = (double)cp->len / median(times, RUNS) / 1e6;
  return 0;
}

static int bench_size(const char *dir, size_t count, corpus *cs, result *res) {
  kiji_dict_builder *b = kiji_dict_builder_new();
  kiji_dict *d = NULL, *l = NULL;
  kiji_scan *s = kiji_scan_new();
  kiji_error err;
  uint64_t r = 0x2545F4914F6CDD1Dull;
  size_t i, c;
  double t0, times[RUNS];
  char path[1024], keys[1024], name[256];
  int k;
  memset(res, 0, sizeof *res);
  res->count = count;
  fprintf(stderr, "bench_dict: %zu entries...\n", count);
  t0 = now();
  for (i = 0; i < count; i++) {
    kiji_entry e;
    char id[32];
    memset(&e, 0, sizeof e);
    e.surface_len = make_name(&r, name, &e.kind);
    e.surface = name;
    snprintf(id, sizeof id, "Q%zu", i + 1);
    e.id = id;
    if (kiji_dict_builder_add(b, &e) != KIJI_OK) return fail("add", kiji_dict_builder_error(b));
  }
  res->add = now() - t0;
  t0 = now();
  if (kiji_dict_compile(b, &d) != KIJI_OK) return fail("compile", kiji_dict_builder_error(b));
  res->compile = now() - t0;
  kiji_dict_builder_free(b);
  for (i = 0; i < d->nrecs; i++)
    res->key_bytes += (size_t)DICT_REC_LEN(&d->rec[i]) * (d->rec[i + 1].out - d->rec[i].out);
  res->states = d->nstates;
  res->dense = d->ndense;
  res->classes = d->nclasses;
  res->automaton = (double)automaton_bytes(d);
  res->image = (double)d->size;
  snprintf(path, sizeof path, "%s/bench-dict-%zu.kd", dir, count);
  if (kiji_dict_save(d, path, &err) != KIJI_OK) return fail("save", err.message);
  for (k = 0; k < RUNS; k++) {
    t0 = now();
    if (kiji_dict_load(path, &l, &err) != KIJI_OK) return fail("load", err.message);
    times[k] = now() - t0;
    kiji_dict_free(l);
  }
  res->load = median(times, RUNS);
  unlink(path);
  snprintf(keys, sizeof keys, "%s/bench-dict-keys-%zu.txt", dir, count);
  if (!write_keys(d, keys)) return fail("keys", keys);
  for (c = 0; c < 2; c++) {
    if (time_scans(d, s, &cs[c], 0, &res->scan[c]) || time_scans(d, s, &cs[c], 1, &res->scan_norm[c]))
      return 1;
    kiji_scan_matches(s, &res->matches[c]);
    res->py[c] = pyahocorasick(keys, cs[c].norm_path, &res->py_matches[c]);
  }
  unlink(keys);
  kiji_scan_free(s);
  kiji_dict_free(d);
  return 0;
}

static void row(const char *name, const result *res, size_t n, double (*get)(const result *, int),
                int arg, const char *fmt, const char *target) {
  size_t i;
  char cell[32];
  printf("  %-34s", name);
  for (i = 0; i < n; i++) {
    double v = get(&res[i], arg);
    if (v > 0) snprintf(cell, sizeof cell, fmt, v); else snprintf(cell, sizeof cell, "n/a");
    printf(" %12s", cell);
  }
  printf("   %s\n", target);
}

static double g_states(const result *r, int a) { (void)a; return (double)r->states; }
static double g_dense(const result *r, int a) { (void)a; return (double)r->dense; }
static double g_keyb(const result *r, int a) { (void)a; return (double)r->key_bytes / 1e6; }
static double g_add(const result *r, int a) { (void)a; return r->add; }
static double g_compile(const result *r, int a) { (void)a; return r->compile; }
static double g_auto(const result *r, int a) { (void)a; return r->automaton / 1e6; }
static double g_auto_b(const result *r, int a) { (void)a; return r->automaton / (double)r->key_bytes; }
static double g_image(const result *r, int a) { (void)a; return r->image / 1e6; }
static double g_load(const result *r, int a) { (void)a; return r->load * 1e3; }
static double g_scan(const result *r, int c) { return r->scan[c]; }
static double g_scan_norm(const result *r, int c) { return r->scan_norm[c]; }
static double g_matches(const result *r, int c) { return (double)r->matches[c]; }
static double g_py(const result *r, int c) { return r->py[c]; }
static double g_ratio(const result *r, int c) { return r->py[c] > 0 ? r->scan_norm[c] / r->py[c] : 0; }

static void table(const corpus *cs, const result *res, size_t n) {
  size_t i;
  int c;
  char name[64];
  printf("\ndictionary: %d-run medians; MB = 10^6 bytes of input text\n", RUNS);
  for (c = 0; c < 2; c++)
    printf("  corpus %s: %.1f MB, normalization alone %.1f MB/s\n", cs[c].lang,
           (double)cs[c].len / 1e6, cs[c].norm_mbs);
  printf("  %-34s", "entries");
  for (i = 0; i < n; i++) printf(" %12zu", res[i].count);
  printf("   target\n");
  row("automaton states", res, n, g_states, 0, "%.0f", "");
  row("  with a dense row", res, n, g_dense, 0, "%.0f", "");
  row("entry match forms, MB", res, n, g_keyb, 0, "%.2f", "");
  row("add (normalizes entries), s", res, n, g_add, 0, "%.3f", "");
  row("compile, s", res, n, g_compile, 0, "%.3f", "1M: < 3 s");
  row("automaton, MB", res, n, g_auto, 0, "%.1f", "");
  row("automaton, B per entry byte", res, n, g_auto_b, 0, "%.1f", "<= 40");
  row("image = file, MB", res, n, g_image, 0, "%.1f", "");
  row("load (map, checksum, checks), ms", res, n, g_load, 0, "%.2f", "1M: < 20 ms");
  for (c = 0; c < 2; c++) {
    snprintf(name, sizeof name, "scan %s, MB/s", cs[c].lang);
    row(name, res, n, g_scan, c, "%.1f", "10k: >= 300, 1M: >= 150");
    snprintf(name, sizeof name, "  normalized beforehand, MB/s");
    row(name, res, n, g_scan_norm, c, "%.1f", "");
    snprintf(name, sizeof name, "  matches (longest)");
    row(name, res, n, g_matches, c, "%.0f", "");
    snprintf(name, sizeof name, "  pyahocorasick iter_long, MB/s");
    row(name, res, n, g_py, c, "%.1f", "");
    snprintf(name, sizeof name, "  kiji / pyahocorasick");
    row(name, res, n, g_ratio, c, "%.2fx", ">= 2x");
  }
}

int main(int argc, char **argv) {
  static const char *const langs[] = {"en", "ja"};
  corpus cs[2];
  result res[8];
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
    const char *nt;
    size_t nlen;
    cs[i].lang = langs[i];
    if (kiji_bench_corpus(argv[1], langs[i], &cs[i].text, &cs[i].len) != 0)
      return fail("corpus", langs[i]);
    cs[i].norm = kiji_norm_new();
    for (k = 0; k < RUNS; k++) {
      t0 = now();
      kiji_normalize(cs[i].norm, cs[i].text, cs[i].len, NULL);
      times[k] = now() - t0;
    }
    cs[i].norm_mbs = (double)cs[i].len / median(times, RUNS) / 1e6;
    snprintf(cs[i].norm_path, sizeof cs[i].norm_path, "%s/bench-dict-norm-%s.txt", argv[1], langs[i]);
    nt = kiji_norm_text(cs[i].norm, &nlen);
    if (!write_file(cs[i].norm_path, nt, nlen)) return fail("write", cs[i].norm_path);
  }
  for (i = 0; i < nsizes; i++)
    if (bench_size(argv[1], sizes[i], cs, &res[i]) != 0) return 1;
  table(cs, res, nsizes);
  for (i = 0; i < 2; i++) {
    unlink(cs[i].norm_path);
    kiji_norm_free(cs[i].norm);
    free(cs[i].text);
  }
  return 0;
}
