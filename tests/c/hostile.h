/*
** hostile.h -- generators of hostile texts for test_hostile.c (small
** sizes, in `make test`) and tests/hostile/huge.c (large sizes and time
** ratios, in `make check-huge`). Each generator repeats a unit n times
** with no sentence terminator between the copies, so that everything
** lands in ONE sentence: the case where a per-cue or per-candidate scan
** over the sentence turns quadratic.
*/
#ifndef KIJI_HOSTILE_H
#define KIJI_HOSTILE_H

#include <stdlib.h>
#include <string.h>

typedef struct hostile_gen {
  const char *name;
  const char *head, *unit, *tail; /* head + unit * n + more * n + tail */
  const char *more;
} hostile_gen;

/* Every cue below is a surface of plugin/lexicon/cues.tsv. */
static const hostile_gen hostile_gens[] = {
    {"en-denied", "Japan ", "denied the report and ", "it.", NULL},
    {"en-bare-denied", "", "denied ", ".", NULL},
    {"en-not-deny", "Officials ", "did not deny ", "it.", NULL},
    {"en-rejected", "Tokyo ", "rejected ", ".", NULL},
    {"en-untrue", "It was ", "untrue ", ".", NULL},
    {"en-quoted-untrue", "", "\"untrue\" ", ".", NULL},
    {"en-quotes", "Japan denied it ", "\" ", ".", NULL},
    {"en-said", "", "Kyodo said ", ".", NULL},
    {"en-told", "Oda ", "told Reuters ", "the report was untrue.", NULL},
    /* sentences of denials: a target is sought back through the text's
    ** earlier denials and mentions (targets.c) */
    {"en-denial-sentences", "", "The ministry denied it. ", "", NULL},
    {"en-reported-denials", "Kyodo reported it. ", "Kyodo said the ministry denied the report. ",
     "", NULL},
    {"en-according", "", "according to Kyodo ", ".", NULL},
    {"en-outlets", "", "Kyodo, Reuters, ", "denied it.", NULL},
    {"en-titles", "", "Defense Minister ", "Oda denied it.", NULL},
    {"en-names", "", "Kenji Oda ", "denied it.", NULL},
    {"en-government", "", "the Japanese government ", "denied it.", NULL},
    {"ja-hitei", "政府は", "否定した、", "。", NULL},
    {"ja-topic-hitei", "", "政府は否定し、", "。", NULL},
    {"ja-not-hitei", "政府は", "否定しなかった、", "。", NULL},
    {"ja-quote-nobeta", "官房長官は", "「事実はない」と述べ、", "。", NULL},
    {"ja-shi", "", "稲田氏は", "否定した。", NULL},
    {"ja-gohou", "", "誤報だ、", "。", NULL},
    {"ja-outlets", "", "共同通信、", "が報じた。", NULL},
    {"ja-yoruto", "", "共同通信によると、", "否定した。", NULL},
    {"ja-nested-open", "", "「", "否定した。", NULL},
    {"ja-nested-close", "", "」", "否定した。", NULL},
    {"ja-headline-quote", "政府高官", "「", "事実ない", NULL},
    {"ja-kanji", "", "防衛省", "は否定した。", NULL},
    /* a class searched by its first characters (words.c): many words of
    ** one, and the other only at the end */
    {"ja-anaphors-far-first", "", "同氏は調べ、", "両氏は否定した。", NULL},
    {"ja-suffixes-far-first", "", "稲田さんは調べ、", "稲田氏は否定した。", NULL},
    {"spaces", "", " ", "", NULL},
    {"newlines", "", "\n", "", NULL},
    {"space-newline", "", " \n", "", NULL},
    {"combining", "a", "\xCC\x81", ".", NULL},
    {"no-terminator-en", "", "the ministry said that ", "", NULL},
    {"no-terminator-ja", "", "政府の計画について", "", NULL},
    {"en-party-titles", "The LDP", " minister", " Oda denied it.", NULL},
    {"ja-party-titles", "自民党", "大臣", "は否定した。", NULL},
    {"en-said-then-commas", "", "Kyodo said it ", ".", ", "},
    {"en-dashes-then-said", "", "- ", ".", "Kyodo said it "},
    {"ja-nested-nobeta", "政府は", "「", "。", "事実はない」と述べ"},
    {"ja-nested-hitei", "政府は", "「", "。", "事実はない」と否定し"},
    {"en-nested-quotes", "Oda said ", "\"", "untrue.", "untrue\" "},
    {"en-spaces-said", "Oda", " ", " said it.", ""},
    {"en-long-word", "Oda said ", "a", " untrue.", ""},
    {"ja-long-kanji-name", "", "稲", "氏は否定した。", ""},
    {"bracket-lines", "", "[ab]\n", "Kyodo denied it.", "Kyodo\n"},
    {"credit-lines", "", "a (ab)\n", "Kyodo denied it.", "Kyodo\n"},
    {"dash-lines", "", "Tokyo —\n", "Kyodo denied it.", "Kyodo\n"},
    /* open-class names (open_mentions.c) and acronyms (acronyms.c): every
    ** head, bracket and compound is looked at a bounded way around it */
    {"en-open-heads", "", "Revenue Service ", "denied it.", NULL},
    {"en-capitals-before-head", "The ", "Federal ", "Agency denied it.", NULL},
    {"en-and-names", "The ", "Food and ", "Drug Administration denied it.", NULL},
    {"en-of-lists", "The Office for ", "Coastal Statistics, ", "and the Marine denied it.", NULL},
    {"en-lexicon-lists", "The Department of Agriculture", ", Food", " and the Marine denied it.",
     NULL},
    {"en-acronym-defs", "", "the Revenue Service (RS) ", "RS denied it.", NULL},
    {"en-acronym-brackets", "", "Defense Ministry x (AB) ", "AB denied it.", NULL},
    {"en-acronym-uses", "The Revenue Service (RS) said so. ", "RS ", "denied it.", NULL},
    {"en-acronym-nothing", "The Pacific Power Company (PPC) said so. ", "PPC ", "denied it.", NULL},
    {"ja-open-compounds", "", "行政改革推進室と", "は否定した。", NULL},
    {"ja-long-compound", "", "防", "局は否定した。", NULL},
    {"ja-katakana-papers", "", "ボルドー・クーリエ紙と", "が報じた。", NULL},
    {"ja-acronym-uses", "国家サイバー統括室（NCO）は調査した。", "NCOと", "は否定した。", NULL},
    /* quotations (quotes.c): marks that never close, one mark open over
    ** every sentence, quotations and their speech verbs, turns and labels */
    {"en-quote-sentences", "", "\"It is untrue. ", "", NULL},
    {"en-open-quote", "Oda said \"", "It is untrue. ", "", NULL},
    {"en-quotes-said", "", "\"It is untrue,\" Oda said, ", ".", NULL},
    {"en-said-colon", "Oda said", ":", " \"It is untrue.\"", NULL},
    {"en-colon-lines", "", "Oda said:\n", "It is untrue.", NULL},
    {"en-labels", "", "SPOKESMAN: It is untrue.\n", "", NULL},
    {"en-label-turn", "SPOKESMAN: ", "It is untrue. ", "", NULL},
    {"ja-labels", "", "【報道官】事実無根だ。\n", "", NULL},
    {"ja-label-turn", "【報道官】", "事実無根だ、", "。", NULL},
    {"ja-open-bracket-sentences", "", "「事実無根だ。", "", NULL},
    {"ja-quote-equals", "", "「事実無根」＝", "官房長官", NULL},
    {"ja-quote-shita", "官房長官は", "「事実ではない」とした、", "。", NULL},
};

#define HOSTILE_NGENS (sizeof hostile_gens / sizeof hostile_gens[0])

/* head + unit * n + more * n + tail, malloc'd; its length in *len. */
static char *hostile_text(const hostile_gen *g, size_t n, size_t *len) {
  size_t h = strlen(g->head), u = strlen(g->unit), t = strlen(g->tail), i;
  size_t m = g->more ? strlen(g->more) : 0;
  char *buf = malloc(h + (u + m) * n + t + 1), *p = buf;
  if (buf == NULL) return NULL;
  memcpy(p, g->head, h);
  p += h;
  for (i = 0; i < n; i++, p += u) memcpy(p, g->unit, u);
  for (i = 0; m > 0 && i < n; i++, p += m) memcpy(p, g->more, m);
  memcpy(p, g->tail, t + 1);
  *len = h + (u + m) * n + t;
  return buf;
}

/* Nested quotes: 「 * depth, a denial, 」 * depth, 。 */
static char *hostile_nested(size_t depth, size_t *len) {
  static const char open[] = "「", close[] = "」", mid[] = "事実はないと否定した";
  size_t m = strlen(mid), i;
  char *buf = malloc(6 * depth + m + 4), *p = buf;
  if (buf == NULL) return NULL;
  for (i = 0; i < depth; i++, p += 3) memcpy(p, open, 3);
  memcpy(p, mid, m);
  p += m;
  for (i = 0; i < depth; i++, p += 3) memcpy(p, close, 3);
  memcpy(p, "。", 4);
  *len = 6 * depth + m + 3;
  return buf;
}

#endif
