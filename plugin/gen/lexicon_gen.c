/*
** lexicon_gen.c -- compile the TSV files of plugin/lexicon into the C source of the
** built-in lexicon (build/gen/lexicon_data.c): two kiji_dict images as bytes,
** the lexicon (entities, cues) and the rules' words (kind `word`).
**
**   lexicon_gen [--check] OUT.c IN.tsv...
**
** It lints as it reads (plugin/lexicon/README.md has the format): six
** fields, known kinds and subtypes, ISO country codes, ids of one record
** each, and no surface (in the match form) under two different records
** (a `word` is a class of its own: a surface may be in several classes,
** but in each once, and may also name an entity or a cue).
** Any error names file and line, and nothing is written.
**
** It also derives, from the aliases themselves, which body or title is a
** country's own of a more general one: an alias of a national record
** (country C) that is a word naming C and an alias of another record
** ("Japanese" + "Defense Ministry", 中国 + 外務省, "Ministry of Defense"
** + " of Japan") makes the national record C's of that one. The national
** record's entries carry the others' ids (payload bases=a,b), so that the
** annotation gives "Japan's Defense Ministry" the id of 防衛省.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kiji.h"
#include "annotate/word_classes.h"
#include "dict/dict.h"

#define MAX_SURFACES 400000

static const char *const kinds[] = {
    "outlet",        "body",          "title",    "country", "org",  "generic", "source",
    "outlet_prefix", "outlet_suffix", "modifier", "cue",     "word", "date",    NULL};

/* Subtypes per kind, in the order of kinds[] ("-" allowed where listed);
** a word's are the rules' word classes (annotate/word_classes.h). */
#define KIJI_GEN_WORD_CLASS(e, name) name " "
static const char *const subtypes[] = {
    "agency newspaper broadcaster magazine online",
    "government ministry agency military office embassy police local generic",
    "head minister deputy spokesperson ambassador military secretary governor senior generic",
    "country capital prefecture region",
    "party company sport intl legislature",
    "outlet official",
    "anonymous",
    "-",
    "agency newspaper broadcaster magazine online",
    "rank field",
    ("denial_verb denial_noun denial_pred denial_ja attrib_verb attrib_prep attrib_ja_source "
     "attrib_ja_verb trap negation deny_object"),
    KIJI_WORD_CLASSES(KIJI_GEN_WORD_CLASS),
    "month weekday era era_year rel_day rel_week rel_month rel_year part daypart",
};

typedef struct seen {
  char *key;   /* match form of a surface */
  char *owner; /* "kind:id" or "file:line" of its record */
} seen;

/* A word of the rules: one entry for all its classes. The words are a
** dictionary of their own, which the rules look words up in (annotate/
** words.c) and no scan runs over. */
typedef struct word {
  char *key; /* match form */
  char *surface;
  char classes[512]; /* classes=a,b,... */
} rule_word;

/* A record of an entity or a cue, kept until every file is read: its
** entries' payloads wait for what the whole lexicon says (derive). */
typedef struct rec {
  char *kind, *id, *sub, *country, *name;
  char bases[256]; /* a,b: the records it is its country's own of */
} rec;

/* One alias of a rec, in the match form (key) and as written. */
typedef struct pending {
  size_t rec;
  char *surface, *key;
  size_t n;
  unsigned flags;
} pending;

typedef struct state {
  kiji_dict_builder *b;       /* the lexicon: entities and cues */
  kiji_dict_builder *words_b; /* the rules' words: a dictionary of their own */
  rule_word *words;
  size_t nwords;
  kiji_norm *norm;
  seen *surfaces;
  size_t nsurfaces;
  char **ids;
  size_t nids;
  rec *recs;
  size_t nrecs;
  pending *aliases;
  size_t naliases;
  size_t nbases; /* derived (record, country) pairs */
  int errors;
} state;

static void error(state *s, const char *file, size_t line, const char *fmt, const char *arg) {
  fprintf(stderr, "%s:%zu: ", file, line);
  fprintf(stderr, fmt, arg);
  fputc('\n', stderr);
  s->errors++;
}

static int in_list(const char *list, const char *word) {
  size_t n = strlen(word);
  const char *p = list;
  while ((p = strstr(p, word)) != NULL) {
    if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0')) return 1;
    p += n;
  }
  return 0;
}

static int kind_index(const char *k) {
  int i;
  for (i = 0; kinds[i]; i++)
    if (strcmp(kinds[i], k) == 0) return i;
  return -1;
}

static int valid_id(const char *id) {
  const char *p;
  if (strcmp(id, "-") == 0) return 1;
  if (*id == '\0') return 0;
  for (p = id; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '.' ||
          *p == '-'))
      return 0;
  return 1;
}

static char *dup(const char *p, size_t n) {
  char *d = malloc(n + 1);
  if (d == NULL) {
    fprintf(stderr, "lexicon_gen: out of memory\n");
    exit(2);
  }
  memcpy(d, p, n);
  d[n] = '\0';
  return d;
}

/* A word's class, joined to the word's other classes. */
static void add_word(state *s, const char *file, size_t line, const char *key, size_t klen,
                     const char *surface, size_t n, const char *cls) {
  rule_word *w = NULL;
  size_t i;
  for (i = 0; i < s->nwords && w == NULL; i++)
    if (strlen(s->words[i].key) == klen && memcmp(s->words[i].key, key, klen) == 0)
      w = &s->words[i];
  if (w == NULL) {
    s->words = realloc(s->words, (s->nwords + 1) * sizeof *s->words);
    if (s->words == NULL) exit(2);
    w = &s->words[s->nwords++];
    w->key = dup(key, klen);
    w->surface = dup(surface, n);
    snprintf(w->classes, sizeof w->classes, "classes=%s", cls);
  } else if (strlen(w->classes) + strlen(cls) + 2 > sizeof w->classes) {
    error(s, file, line, "%s", "too many classes for one word");
  } else {
    strcat(w->classes, ",");
    strcat(w->classes, cls);
  }
}

static void add_words(state *s) {
  size_t i;
  for (i = 0; i < s->nwords; i++) {
    kiji_entry e;
    memset(&e, 0, sizeof e);
    e.surface = s->words[i].surface;
    e.surface_len = strlen(e.surface);
    e.kind = "word";
    e.payload = s->words[i].classes;
    e.payload_len = strlen(e.payload);
    if (kiji_dict_builder_add(s->words_b, &e) != KIJI_OK)
      error(s, "words", i, "cannot add: %s", kiji_dict_builder_error(s->words_b));
  }
}

/* One alias: lint its match form against the others, then keep it for
** its record (a word is added with its classes: add_words). */
static void alias(state *s, const char *file, size_t line, char **f, const char *a, size_t n,
                  const char *owner) {
  pending *p;
  kiji_norm_options no = KIJI_NORM_OPTIONS_INIT;
  const char *key;
  char scoped[600];
  size_t klen, i;
  unsigned flags = 0;
  if (n > 0 && a[0] == '=') {
    flags = KIJI_ENTRY_EXACT_CASE;
    a++;
    n--;
  }
  no.map = 0;
  if (n == 0 || kiji_normalize(s->norm, a, n, &no) != KIJI_OK) {
    error(s, file, line, "an empty or invalid alias in record %s", owner);
    return;
  }
  key = kiji_norm_text(s->norm, &klen);
  if (strcmp(f[0], "word") == 0) { /* words collide only within their class */
    add_word(s, file, line, key, klen, a, n, f[2]);
    snprintf(scoped, sizeof scoped, "%s\t%.*s", f[2], (int)klen, key);
    key = scoped;
    klen = strlen(scoped);
  } else if (strcmp(f[0], "date") == 0) { /* a date word is read only by
                                          ** dates.c: it may also name an
                                          ** entity (FRIDAY, USA Today) */
    snprintf(scoped, sizeof scoped, "date\t%.*s", (int)klen, key);
    key = scoped;
    klen = strlen(scoped);
  }
  for (i = 0; i < s->nsurfaces; i++) /* linear: the lexicon is small and this is build time */
    if (strlen(s->surfaces[i].key) == klen && memcmp(s->surfaces[i].key, key, klen) == 0) {
      if (strcmp(s->surfaces[i].owner, owner) != 0) {
        char msg[600];
        snprintf(msg, sizeof msg, "alias \"%.*s\" of %s is already an alias of %s", (int)n, a,
                 owner, s->surfaces[i].owner);
        error(s, file, line, "%s", msg);
      }
      return; /* the same record twice: harmless */
    }
  if (s->nsurfaces == MAX_SURFACES) {
    error(s, file, line, "%s", "too many aliases");
    return;
  }
  s->surfaces[s->nsurfaces].key = dup(key, klen);
  s->surfaces[s->nsurfaces].owner = dup(owner, strlen(owner));
  s->nsurfaces++;
  if (strcmp(f[0], "word") == 0) return;
  s->aliases = realloc(s->aliases, (s->naliases + 1) * sizeof *s->aliases);
  if (s->aliases == NULL) exit(2);
  p = &s->aliases[s->naliases++];
  p->rec = s->nrecs - 1;
  p->surface = dup(a, n);
  p->n = n;
  p->key = dup(key, klen);
  p->flags = flags;
}

static void record(state *s, const char *file, size_t line, char *text) {
  char *f[6], *p = text, owner[300];
  rec *r;
  int nf = 0, k;
  size_t i;
  while (nf < 6) {
    f[nf++] = p;
    p = strchr(p, '\t');
    if (p == NULL) break;
    *p++ = '\0';
  }
  if (nf != 6 || p != NULL) {
    error(s, file, line, "%s", "want 6 TAB-separated fields: kind id subtype country name aliases");
    return;
  }
  if ((k = kind_index(f[0])) < 0) {
    error(s, file, line, "unknown kind \"%s\"", f[0]);
    return;
  }
  if (!valid_id(f[1])) error(s, file, line, "bad id \"%s\"", f[1]);
  if (!in_list(subtypes[k], f[2]))
    error(s, file, line, "subtype \"%s\" is not one of its kind's", f[2]);
  if (strcmp(f[3], "-") != 0 &&
      !(strlen(f[3]) == 2 && f[3][0] >= 'A' && f[3][0] <= 'Z' && f[3][1] >= 'A' && f[3][1] <= 'Z'))
    error(s, file, line, "country \"%s\" is not ISO 3166 alpha-2", f[3]);
  if (strcmp(f[1], "-") != 0) {
    for (i = 0; i < s->nids; i++)
      if (strcmp(s->ids[i], f[1]) == 0) {
        error(s, file, line, "id \"%s\" has another record", f[1]);
        return;
      }
    s->ids = realloc(s->ids, (s->nids + 1) * sizeof *s->ids);
    if (s->ids == NULL) exit(2);
    s->ids[s->nids++] = dup(f[1], strlen(f[1]));
  }
  if (strchr(f[4], ';')) error(s, file, line, "%s", "a name may not hold ';'");
  if (strlen(f[4]) > 200) error(s, file, line, "%s", "a name longer than 200 bytes");
  s->recs = realloc(s->recs, (s->nrecs + 1) * sizeof *s->recs);
  if (s->recs == NULL) exit(2);
  r = &s->recs[s->nrecs++];
  r->kind = dup(f[0], strlen(f[0]));
  r->id = dup(f[1], strlen(f[1]));
  r->sub = dup(f[2], strlen(f[2]));
  r->country = dup(f[3], strlen(f[3]));
  r->name = dup(f[4], strlen(f[4]));
  r->bases[0] = '\0';
  if (strcmp(f[1], "-") != 0)
    snprintf(owner, sizeof owner, "%s:%s", f[0], f[1]);
  else if (strcmp(f[0], "word") == 0)
    snprintf(owner, sizeof owner, "word:%s", f[2]);
  else
    snprintf(owner, sizeof owner, "%s:%zu", file, line);
  for (p = f[5]; *p;) {
    char *bar = strchr(p, '|');
    size_t n = bar ? (size_t)(bar - p) : strlen(p);
    alias(s, file, line, f, p, n, owner);
    if (!bar) break;
    p = bar + 1;
  }
}

static void read_file(state *s, const char *file) {
  FILE *in = fopen(file, "rb");
  char buf[16384];
  size_t line = 0;
  if (in == NULL) {
    error(s, file, 0, "%s", "cannot open");
    return;
  }
  while (fgets(buf, sizeof buf, in)) {
    size_t n = strlen(buf);
    line++;
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r')) buf[--n] = '\0';
    if (n == 0 || buf[0] == '#') continue;
    record(s, file, line, buf);
  }
  fclose(in);
}

/* ---- national records of general ones (the header says why) ---- */

/* An alias key and its record, for bodies and titles, sorted by key. */
typedef struct keyed {
  const char *key;
  size_t rec;
} keyed;

static int by_key(const void *a, const void *b) {
  return strcmp(((const keyed *)a)->key, ((const keyed *)b)->key);
}

static int latin(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.';
}

/* The rest of key after the country word w and what joins them (a space,
** "'s ", or nothing between two non-Latin characters: 中国 + 外務省), or
** NULL. */
static const char *after_word(const char *key, const char *w) {
  size_t n = strlen(w);
  if (strncmp(key, w, n) != 0 || key[n] == '\0') return NULL;
  key += n;
  if (strncmp(key, "'s ", 3) == 0) return key + 3;
  if (key[0] == ' ') return key + 1;
  return latin((unsigned char)w[n - 1]) || latin((unsigned char)key[0]) ? NULL : key;
}

/* The length of key before " of " or " of the " and the country word w
** at its end ("ministry of defense of japan"), or 0. */
static size_t before_of(const char *key, const char *w) {
  static const char *const joins[] = {" of the ", " of "};
  size_t n = strlen(key), wn = strlen(w), i;
  if (n <= wn || strcmp(key + n - wn, w) != 0) return 0;
  for (i = 0; i < 2; i++) {
    size_t jn = strlen(joins[i]);
    if (n - wn > jn && strncmp(key + n - wn - jn, joins[i], jn) == 0) return n - wn - jn;
  }
  return 0;
}

/* National record nat is its country's own of record base. */
static void national_of(state *s, size_t nat, size_t base) {
  rec *n = &s->recs[nat], *b = &s->recs[base];
  const char *p;
  size_t i, len = strlen(b->id);
  if (nat == base || strcmp(n->kind, b->kind) != 0 || strcmp(n->country, b->country) == 0) return;
  for (p = n->bases; (p = strstr(p, b->id)) != NULL; p += len)
    if ((p == n->bases || p[-1] == ',') && (p[len] == ',' || p[len] == '\0')) return; /* known */
  for (i = 0; i < s->nrecs; i++) { /* one national record per (base, country) */
    const rec *o = &s->recs[i];
    if (i == nat || strcmp(o->country, n->country) != 0) continue;
    for (p = o->bases; (p = strstr(p, b->id)) != NULL; p += len)
      if ((p == o->bases || p[-1] == ',') && (p[len] == ',' || p[len] == '\0')) {
        char msg[600];
        snprintf(msg, sizeof msg, "%s in %s names both %s and %s", b->id, n->country, o->id, n->id);
        error(s, "lexicon", 0, "%s", msg);
        return;
      }
  }
  if (strlen(n->bases) + len + 2 > sizeof n->bases) {
    error(s, "lexicon", 0, "too many bases for %s", n->id);
    return;
  }
  if (n->bases[0]) strcat(n->bases, ",");
  strcat(n->bases, b->id);
  s->nbases++;
}

static int names_official(const rec *r) {
  return strcmp(r->kind, "body") == 0 || strcmp(r->kind, "title") == 0;
}

/* Every national alias against every word naming its country. */
static void derive(state *s) {
  keyed *index = malloc((s->naliases + 1) * sizeof *index), probe, *hit;
  const pending **words = malloc((s->naliases + 1) * sizeof *words);
  size_t n = 0, nw = 0, i, j, cut;
  char base[600];
  if (index == NULL || words == NULL) exit(2);
  for (i = 0; i < s->naliases; i++) {
    const rec *r = &s->recs[s->aliases[i].rec];
    if (names_official(r)) {
      index[n].key = s->aliases[i].key;
      index[n++].rec = s->aliases[i].rec;
    } else if (strcmp(r->kind, "country") == 0 && strcmp(r->sub, "country") == 0) {
      words[nw++] = &s->aliases[i]; /* a country's name, not a city's or a region's */
    }
  }
  qsort(index, n, sizeof *index, by_key);
  for (i = 0; i < s->naliases; i++) {
    const pending *a = &s->aliases[i];
    const rec *nat = &s->recs[a->rec];
    if (!names_official(nat) || strcmp(nat->country, "-") == 0) continue;
    for (j = 0; j < nw; j++) {
      const pending *w = words[j];
      const char *rest;
      if (strcmp(s->recs[w->rec].country, nat->country) != 0) continue;
      probe.key = NULL;
      if ((rest = after_word(a->key, w->key)) != NULL)
        probe.key = rest;
      else if ((cut = before_of(a->key, w->key)) != 0 && cut < sizeof base) {
        memcpy(base, a->key, cut);
        base[cut] = '\0';
        probe.key = base;
      }
      if (probe.key && (hit = bsearch(&probe, index, n, sizeof *index, by_key)) != NULL)
        national_of(s, a->rec, hit->rec);
    }
  }
  free(index);
  free(words);
}

/* The entities and cues, each alias with its record's payload. */
static void add_entries(state *s) {
  size_t i;
  for (i = 0; i < s->naliases; i++) {
    const pending *a = &s->aliases[i];
    const rec *r = &s->recs[a->rec];
    char payload[600];
    kiji_entry e;
    snprintf(payload, sizeof payload, "subtype=%s%s%s%s%s%s%s", strcmp(r->sub, "-") ? r->sub : "",
             strcmp(r->country, "-") ? ";country=" : "", strcmp(r->country, "-") ? r->country : "",
             strcmp(r->name, "-") ? ";name=" : "", strcmp(r->name, "-") ? r->name : "",
             r->bases[0] ? ";bases=" : "", r->bases);
    memset(&e, 0, sizeof e);
    e.surface = a->surface;
    e.surface_len = a->n;
    e.kind = r->kind;
    e.id = strcmp(r->id, "-") ? r->id : NULL;
    e.flags = a->flags;
    e.payload = payload;
    e.payload_len = strlen(payload);
    if (kiji_dict_builder_add(s->b, &e) != KIJI_OK)
      error(s, "lexicon", i, "cannot add: %s", kiji_dict_builder_error(s->b));
  }
}

/* An image as a C string literal: printable ASCII as is, the rest octal. */
static void write_array(FILE *f, const char *name, const unsigned char *img, size_t n) {
  size_t i, col = 0;
  int prev_octal = 0;
  fprintf(f, "const size_t %s_size = %zu;\nKIJI_LEXICON_ALIGN const char %s[] =\n\"", name, n,
          name);
  for (i = 0; i < n; i++) {
    unsigned c = img[i];
    if (col >= 76) {
      fputs("\"\n\"", f);
      col = 0;
      prev_octal = 0;
    }
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '?' &&
        !(prev_octal && c >= '0' && c <= '7')) {
      fputc((int)c, f);
      col++;
      prev_octal = 0;
    } else {
      col += (size_t)fprintf(f, "\\%o", c);
      prev_octal = 1;
    }
  }
  fputs("\";\n\n", f);
}

/* The lexicon's dense rows: 8 MB, 32,263 rows of its 80,443 states
** (dict_build.c), where the usual budget gives 5 MB. Measured, one call
** over 8 MB of the fixtures' match form: English 7 % faster, Japanese
** 12 %; 16 MB (the format's limit) gives no more. The image grows from
** 7.0 to 10.3 MB. */
#ifndef LEXICON_ROWS
#define LEXICON_ROWS ((size_t)8 << 20)
#endif

/* A builder compiled (with rows bytes of dense rows, 0: the usual
** budget), saved and read back: the image's bytes, or NULL. */
static unsigned char *image_of(kiji_dict_builder *b, size_t rows, const char *tmp, size_t *n,
                               size_t *entries) {
  kiji_dict *d = NULL;
  kiji_error err;
  unsigned char *img;
  long size;
  FILE *f;
  if (kiji_dict_compile_rows(b, rows, &d) != KIJI_OK) {
    fprintf(stderr, "lexicon_gen: compile: %s\n", kiji_dict_builder_error(b));
    return NULL;
  }
  if (kiji_dict_save(d, tmp, &err) != KIJI_OK) {
    fprintf(stderr, "lexicon_gen: %s\n", err.message);
    return NULL;
  }
  *entries = kiji_dict_count(d);
  kiji_dict_free(d);
  f = fopen(tmp, "rb");
  if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET))
    return NULL;
  img = malloc((size_t)size + 1);
  if (img == NULL || fread(img, 1, (size_t)size, f) != (size_t)size) return NULL;
  fclose(f);
  remove(tmp);
  *n = (size_t)size;
  /* checked whole here, once: the library loads it trusting all but its
  ** header (kiji_dict_load_builtin) */
  if (kiji_dict_load_bytes(img, *n, &d, &err) != KIJI_OK || kiji_dict_count(d) != *entries) {
    fprintf(stderr, "lexicon_gen: the image fails its check: %s\n",
            d ? "entry count" : err.message);
    kiji_dict_free(d);
    return NULL;
  }
  kiji_dict_free(d);
  return img;
}

int main(int argc, char **argv) {
  state s;
  int i = 1, check = 0;
  char tmp[4096];
  FILE *f;
  unsigned char *img, *words;
  size_t n, nw, entries, wentries;
  memset(&s, 0, sizeof s);
  if (argc > 1 && strcmp(argv[1], "--check") == 0) check = i = 2;
  if (argc - i < 2) {
    fprintf(stderr, "usage: lexicon_gen [--check] OUT.c IN.tsv...\n");
    return 2;
  }
  s.b = kiji_dict_builder_new();
  s.words_b = kiji_dict_builder_new();
  s.norm = kiji_norm_new();
  s.surfaces = malloc(MAX_SURFACES * sizeof *s.surfaces);
  if (!s.b || !s.words_b || !s.norm || !s.surfaces) return 2;
  for (int k = i + 1; k < argc; k++) read_file(&s, argv[k]);
  derive(&s);
  add_entries(&s);
  add_words(&s);
  if (s.errors) {
    fprintf(stderr, "lexicon_gen: %d error(s); nothing written\n", s.errors);
    return 1;
  }
  if (check) {
    printf(
        "lexicon: %zu aliases, %zu ids, %zu words, %zu (record, country) pairs with a national "
        "record: ok\n",
        s.nsurfaces, s.nids, s.nwords, s.nbases);
    return 0;
  }
  snprintf(tmp, sizeof tmp, "%s.kdict", argv[i]);
  if ((img = image_of(s.b, LEXICON_ROWS, tmp, &n, &entries)) == NULL ||
      (words = image_of(s.words_b, 0, tmp, &nw, &wentries)) == NULL)
    return 1;
  f = fopen(argv[i], "wb");
  if (f == NULL) {
    fprintf(stderr, "lexicon_gen: cannot write %s\n", argv[i]);
    return 1;
  }
  fprintf(f,
          "/* Generated by plugin/gen/lexicon_gen.c from plugin/lexicon/ (TSV): the\n"
          "** lexicon (%zu entries) and the rules' words (%zu): do not edit. */\n"
          "#include \"dict/lexicon.h\"\n\n",
          entries, wentries);
  write_array(f, "kiji_lexicon_image", img, n);
  write_array(f, "kiji_lexicon_words_image", words, nw);
  if (fclose(f) != 0) {
    fprintf(stderr, "lexicon_gen: cannot write %s\n", argv[i]);
    return 1;
  }
  return 0;
}
