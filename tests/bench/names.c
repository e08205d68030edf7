/*
** names.c -- generated names for the dictionary benchmarks (names.h).
**
** Syllable and word lists written here (every name is invented or a
** common given name or surname) drawn by a fixed-seed xorshift PRNG, so
** every machine builds the same dictionaries; the lists share names with
** the corpus of corpus.c, so scans of it find matches.
*/
#include <stdint.h>
#include <string.h>

#include "names.h"

static const char *const FIRST[] = {
    "Maria",    "James",     "Akira",     "Elena",    "René",    "Chloé",     "Priya",
    "Tomás",    "Hélène",    "Kenji",     "Sarah",    "David",   "Yuki",      "Anders",
    "Zoë",      "Olusegun",  "Fatima",    "Liam",     "Noor",    "Mateo",     "Grace",
    "Hiroshi",  "Ingrid",    "Samuel",    "John",     "Michael", "Robert",    "William",
    "Richard",  "Thomas",    "Charles",   "Daniel",   "Matthew", "Anthony",   "Mark",
    "Paul",     "Steven",    "Andrew",    "Joshua",   "Kevin",   "Brian",     "George",
    "Edward",   "Ronald",    "Timothy",   "Jason",    "Jeffrey", "Ryan",      "Jacob",
    "Gary",     "Nicholas",  "Eric",      "Jonathan", "Stephen", "Larry",     "Justin",
    "Scott",    "Brandon",   "Benjamin",  "Gregory",  "Frank",   "Alexander", "Raymond",
    "Patrick",  "Jack",      "Dennis",    "Jerry",    "Tyler",   "Aaron",     "Jose",
    "Adam",     "Henry",     "Nathan",    "Douglas",  "Zachary", "Peter",     "Kyle",
    "Walter",   "Ethan",     "Jeremy",    "Harold",   "Keith",   "Christian", "Roger",
    "Noah",     "Gerald",    "Carl",      "Terry",    "Sean",    "Austin",    "Arthur",
    "Lawrence", "Jesse",     "Dylan",     "Bryan",    "Joe",     "Jordan",    "Billy",
    "Bruce",    "Albert",    "Willie",    "Gabriel",  "Logan",   "Alan",      "Juan",
    "Wayne",    "Roy",       "Ralph",     "Randy",    "Eugene",  "Vincent",   "Russell",
    "Elijah",   "Louis",     "Bobby",     "Philip",   "Johnny",  "Mary",      "Patricia",
    "Jennifer", "Linda",     "Elizabeth", "Barbara",  "Susan",   "Jessica",   "Karen",
    "Nancy",    "Lisa",      "Betty",     "Margaret", "Sandra",  "Ashley",    "Kimberly",
    "Emily",    "Donna",     "Michelle",  "Dorothy",  "Carol",   "Amanda",    "Melissa",
    "Deborah",  "Stephanie", "Rebecca",   "Sharon",   "Laura",   "Cynthia",   "Kathleen",
    "Amy",      "Shirley",   "Angela",    "Helen",    "Anna",    "Brenda",    "Pamela",
    "Nicole",   "Emma"};
static const char *const LAST[] = {
    "Okafor",     "Lindqvist", "Moreau",      "Tanaka",     "Hargrove",  "Delacroix",  "Brennan",
    "Nakamura",   "Whitfield", "Castellanos", "Ferreira",   "Kowalski",  "Abernathy",  "Ishikawa",
    "Dubois",     "Müller",    "Novák",       "Haddad",     "Sørensen",  "Okonkwo",    "Pemberton",
    "Yamaguchi",  "Varga",     "Ashworth",    "Smith",      "Johnson",   "Williams",   "Brown",
    "Jones",      "Garcia",    "Miller",      "Davis",      "Rodriguez", "Martinez",   "Hernandez",
    "Lopez",      "Gonzalez",  "Wilson",      "Anderson",   "Thomas",    "Taylor",     "Moore",
    "Jackson",    "Martin",    "Lee",         "Perez",      "Thompson",  "White",      "Harris",
    "Sanchez",    "Clark",     "Ramirez",     "Lewis",      "Robinson",  "Walker",     "Young",
    "Allen",      "King",      "Wright",      "Scott",      "Torres",    "Nguyen",     "Hill",
    "Flores",     "Green",     "Adams",       "Nelson",     "Baker",     "Hall",       "Rivera",
    "Campbell",   "Mitchell",  "Carter",      "Roberts",    "Gomez",     "Phillips",   "Evans",
    "Turner",     "Diaz",      "Parker",      "Cruz",       "Edwards",   "Collins",    "Reyes",
    "Stewart",    "Morris",    "Morales",     "Murphy",     "Cook",      "Rogers",     "Gutierrez",
    "Ortiz",      "Morgan",    "Cooper",      "Peterson",   "Bailey",    "Reed",       "Kelly",
    "Howard",     "Ramos",     "Kim",         "Cox",        "Ward",      "Richardson", "Watson",
    "Brooks",     "Chavez",    "Wood",        "James",      "Bennett",   "Gray",       "Mendoza",
    "Ruiz",       "Hughes",    "Price",       "Alvarez",    "Castillo",  "Sanders",    "Patel",
    "Myers",      "Long",      "Ross",        "Foster",     "Jimenez",   "Powell",     "Jenkins",
    "Perry",      "Russell",   "Sullivan",    "Bell",       "Coleman",   "Butler",     "Henderson",
    "Barnes",     "Gonzales",  "Fisher",      "Vasquez",    "Simmons",   "Romero",     "Jordan",
    "Patterson",  "Alexander", "Hamilton",    "Graham",     "Reynolds",  "Griffin",    "Wallace",
    "Moreno",     "West",      "Cole",        "Hayes",      "Bryant",    "Herrera",    "Gibson",
    "Ellis",      "Tran",      "Medina",      "Aguilar",    "Stevens",   "Murray",     "Ford",
    "Castro",     "Marshall",  "Owens",       "Harrison",   "Fernandez", "McDonald",   "Woods",
    "Washington", "Kennedy",   "Wells",       "Vargas",     "Henry",     "Chen",       "Freeman",
    "Webb",       "Tucker",    "Guzman",      "Burns",      "Crawford",  "Olson",      "Simpson",
    "Porter",     "Hunter",    "Gordon",      "Mendez",     "Silva",     "Shaw",       "Snyder",
    "Mason",      "Dixon",     "Munoz",       "Hunt",       "Hicks",     "Holmes",     "Palmer",
    "Wagner",     "Black",     "Robertson",   "Boyd",       "Rose",      "Stone",      "Salazar",
    "Fox",        "Warren",    "Mills",       "Meyer",      "Rice",      "Schmidt",    "Garza",
    "Daniels",    "Ferguson",  "Nichols",     "Stephens",   "Soto",      "Weaver",     "Ryan",
    "Gardner",    "Payne",     "Grant",       "Dunn",       "Kelley",    "Spencer",    "Hawkins",
    "Arnold",     "Pierce",    "Vazquez",     "Hansen",     "Peters",    "Santos",     "Hart",
    "Bradley",    "Knight",    "Elliott",     "Cunningham", "Duncan",    "Armstrong",  "Hudson",
    "Carroll",    "Lane",      "Riley",       "Andrews",    "Alvarado",  "Ray",        "Delgado",
    "Berry",      "Perkins",   "Hoffman",     "Johnston",   "Matthews",  "Pena",       "Richards",
    "Contreras",  "Willis",    "Carpenter",   "Lawrence",   "Sandoval",  "Guerrero",   "George",
    "Chapman",    "Rios",      "Estrada",     "Ortega",     "Watkins",   "Greene",     "Nunez",
    "Wheeler",    "Valdez",    "Harper",      "Burke",      "Larson",    "Santiago",   "Maldonado",
    "Morrison",   "Franklin",  "Carlson",     "Austin",     "Dominguez", "Carr",       "Lawson",
    "Jacobs",     "O'Brien",   "Lynch",       "Singh",      "Vega"};
static const char *const ORG_A[] = {
    "Northern", "Pacific", "Harbor",   "Meridian", "Capital", "Evening",  "Westbrook", "Global",
    "Coastal",  "Kestrel", "Atlantic", "Central",  "Eastern", "Southern", "Western",   "United",
    "National", "Royal",   "Imperial", "Summit",   "Pioneer", "Liberty",  "Heritage",  "Frontier",
    "Silver",   "Golden",  "Iron",     "Granite",  "Cedar",   "Maple",    "Oak",       "Pine",
    "River",    "Lake",    "Valley",   "Mountain", "Prairie", "Island",   "Metro",     "Urban",
    "Rural",    "Delta",   "Sierra"};
static const char *const ORG_B[] = {
    "Ledger",          "Daily",       "Post",      "Wire",       "Chronicle",
    "Radio",           "Dispatch",    "Herald",    "News",       "Observer",
    "Steel",           "Energy",      "Motors",    "Bank",       "Trust",
    "Insurance",       "Airlines",    "Railways",  "Shipping",   "Chemicals",
    "Pharmaceuticals", "Foods",       "Textiles",  "Mining",     "Telecom",
    "Software",        "Electronics", "Logistics", "Capital",    "Partners",
    "Ventures",        "Foundation",  "Institute", "University", "Hospital",
    "Council",         "Commission",  "Agency"};
static const char *const ORG_C[] = {
    "",      "",      "",     " Holdings", " Group",         " Corporation",
    " Inc.", " Ltd.", " Co.", " Agency",   " International", " & Co."};
static const char *const KANJI[] = {
    "田", "中", "佐", "藤", "鈴", "木", "高", "橋", "渡", "辺", "伊", "山", "本", "村", "小",
    "林", "加", "吉", "松", "井", "上", "斎", "清", "水", "森", "池", "野", "川", "石", "原",
    "岡", "竹", "西", "東", "北", "南", "長", "谷", "島", "大", "宮", "内", "近", "坂", "平",
    "菅", "今", "金", "和", "福", "太", "郎", "一", "健", "美", "咲", "翔", "由", "誠", "恵",
    "子", "輔", "直", "樹", "陽", "拓", "也", "亜", "希", "明", "正", "博", "秀", "信", "幸",
    "浩", "隆", "剛", "智", "裕", "香", "奈", "真", "理", "沙", "織", "花", "愛", "結", "菜"};
static const char *const KANA_GIVEN[] = {"さくら", "ひなた", "あおい", "ゆい",   "みゆ",   "はると",
                                         "そうた", "ゆうと", "れん",   "めい",   "ミナト", "サクラ",
                                         "ヒカリ", "アオバ", "ツバメ", "カエデ", "ハヤテ", "ソラ"};
static const char *const JA_ORG_B[] = {
    "電機", "自動車", "通信", "製薬", "重工", "新聞", "日報", "放送", "銀行", "証券",   "商事",
    "物産", "建設",   "化学", "食品", "電力", "ガス", "鉄道", "航空", "海運", "不動産", "テレビ"};
static const char *const JA_ORG_C[] = {"", "", "株式会社", "ホールディングス", "グループ", "工業"};
static const char *const JA_SURNAME[] = {"田中", "佐藤", "鈴木", "高橋", "渡辺", "伊藤", "山本",
                                         "中村", "小林", "加藤", "吉田", "山田", "松本", "井上",
                                         "木村", "斎藤", "清水", "森",   "池田", "橋本"};
static const char *const JA_GIVEN[] = {"一郎", "健太", "美咲", "翔太", "由美", "誠",
                                       "恵子", "大輔", "直樹", "陽子", "拓也", "亜希子"};

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

size_t kiji_bench_name(uint64_t *r, char *buf, const char **kind) {
  size_t len = 0, i, n;
  switch (rnd(r) % 8) {
    case 0:
    case 1:
    case 2: /* English person, sometimes with an initial */
      len = cat(buf, len, PICK(r, FIRST));
      if (rnd(r) % 3) {
        buf[len++] = ' ';
        buf[len++] = (char)('A' + rnd(r) % 26);
        buf[len++] = '.';
      }
      buf[len++] = ' ';
      len = cat(buf, len, PICK(r, LAST));
      if (rnd(r) % 4 == 0) {
        buf[len++] = '-';
        len = cat(buf, len, PICK(r, LAST));
      }
      *kind = "person";
      break;
    case 3:
      len = cat(buf, len, PICK(r, ORG_A));
      buf[len++] = ' ';
      if (rnd(r) % 2) {
        len = cat(buf, len, PICK(r, LAST));
        buf[len++] = ' ';
      }
      len = cat(buf, len, PICK(r, ORG_B));
      len = cat(buf, len, PICK(r, ORG_C));
      *kind = "org";
      break;
    case 4:
    case 5:
    case 6: /* Japanese person: surname, given name (3+ characters) */
      if (rnd(r) % 4 == 0) {
        len = cat(buf, len, PICK(r, JA_SURNAME));
      } else {
        for (i = 0; i < 2; i++) len = cat(buf, len, PICK(r, KANJI));
      }
      if (rnd(r) % 5 == 0)
        len = cat(buf, len, PICK(r, KANA_GIVEN));
      else if (rnd(r) % 4 == 0)
        len = cat(buf, len, PICK(r, JA_GIVEN));
      else
        for (i = 0, n = 1 + rnd(r) % 2; i < n; i++) len = cat(buf, len, PICK(r, KANJI));
      *kind = "person";
      break;
    default: /* Japanese organization */
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
