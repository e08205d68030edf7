/*
** officials.c -- officials: government bodies, titles with or without a
** name, and roles made specific by what stands before them.
**
** A title takes the qualifiers that touch it on the left (a country or
** nationality, a body, rank and field words: "Japanese Defense Minister",
** "senior military officials", 防衛省幹部, 米国防長官) and a name: the
** capitalized words after it in English ("Defense Minister Tomomi Inada"),
** the kanji or katakana run before it in Japanese (稲田朋美防衛相). A
** generic role ("official", 関係者) counts only with a qualifier; a party
** or a company before it (自民党幹部) makes it no official at all. Bodies
** no title took count alone, with the country before them ("Japanese
** government", 韓国国防省), except generic ones ("government") that have
** none. A country possessive is not part of a span ("Japan's Defense
** Ministry" gives "Defense Ministry").
**
** A country word that qualifies a body in its own noun phrase (before
** it, its possessive, its genitive 中国の, or "of Japan" after it) gives
** the body the id of that country's own when the lexicon has one
** (nationals.c): "Japan's Defense Ministry" is 防衛省. A country word
** further away ("a Japanese team met the Defense Ministry") is none.
*/
#include <string.h>

#include "ann.h"
#include "ann_text.h"

#define SPACES (1u << SC_SPACE)

/* Whether hit a ends where b starts: no gap in Japanese, spaces in English
** (no line break: a headline is not the subject of the next line). */
static int touches(const ann_sent *st, size_t a_end, size_t b_start) {
  size_t i;
  if (a_end > b_start) return 0;
  if (st->ja)
    return kiji_ann_skip_space(st->s, a_end, b_start) == b_start &&
           b_start - a_end <= 3;  /* one space at most */
  if (a_end == b_start) return 0; /* "Japanese" in "Japanesegovernment"? */
  for (i = a_end; i < b_start; i++)
    if (st->s[i] != ' ') return 0;
  return !kiji_ann_line_break(st, a_end, b_start);
}

/* "X's Y", or "Xs' Y" ("the Philippines' Foreign Ministry"). */
static int possessive_between(const ann_sent *st, size_t a_end, size_t b_start) {
  const unsigned char *s = st->s;
  size_t i = a_end + 2;
  if (a_end > st->start && a_end + 1 < b_start && s[a_end - 1] == 's' && s[a_end] == '\'' &&
      s[a_end + 1] == ' ')
    i = a_end + 1;
  else if (!(i < b_start && s[a_end] == '\'' && s[a_end + 1] == 's'))
    return 0;
  return kiji_ann_skip_space(s, i, b_start) == b_start;
}

/* Whether the country at ent[k] owns what follows alone: not the last
** of two ("Japan and China's defense ministers" are both's). */
static int sole_owner(const ann_sent *st, size_t k) {
  ann_word w;
  return !(kiji_ann_word_before(st->s, st->start, st->ent[k].start, &w) &&
           kiji_ann_word_is(st, &w, AW_AND));
}

/* Whether a genitive particle (の) may end at `at`, after floor: the
** filter of the characters that end one, before any lookup (most places
** fail it). */
static int genitive_may_end(const ann_sent *st, size_t floor, size_t at) {
  size_t j;
  return at > floor &&
         kiji_ann_may_end(st, kiji_ann_cp_before(st->s, floor, at, &j), AW_GENITIVE_PARTICLE);
}

/* The country whose genitive ends at `at`, right after ent[k] or at the
** start of it (韓国の is an outlet prefix too): 中国の国防省, or NULL. */
static const ann_hit *genitive_country(const ann_sent *st, size_t k, size_t at) {
  size_t h;
  if (!genitive_may_end(st, st->ent[k].start, at)) return NULL;
  for (h = kiji_ann_hit_from(st->all, st->nall, st->ent[k].start);
       h < st->nall && st->all[h].start == st->ent[k].start; h++)
    if (st->all[h].kind == AK_COUNTRY &&
        kiji_ann_word_at(st, st->all[h].end, AW_GENITIVE_PARTICLE) == at)
      return &st->all[h];
  return NULL;
}

/* The name after an English title: up to four capitalized words, not
** into another candidate. [*ns, *ne) or 0. */
static int name_after(const ann_sent *st, size_t i, size_t *ns, size_t *ne) {
  const ann_hit *next = i + 1 < st->nent ? &st->ent[i + 1] : NULL;
  size_t pos = st->ent[i].end, words = 0;
  ann_word w;
  while (words < 4 && kiji_ann_word_after(st->s, pos, st->end, &w)) {
    if (!kiji_ann_capital(st, w.start) || !touches(st, pos, w.start) ||
        kiji_ann_word_is(st, &w, AW_NOT_NAME) || (next && w.end > next->start))
      break;
    if (words++ == 0) *ns = w.start;
    *ne = pos = kiji_ann_strip_possessive(st->s, w.start, w.end);
    if (pos != w.end) break; /* "Minister X Y's": the name ends there */
  }
  return words > 0;
}

/* The name before a Japanese title or qualifier at `at`: a run of kanji
** (at most 5) or katakana with ・ (at most 16), after the previous hit. A
** leading or trailing "former"-like character is not part of it. */
static int name_before(const ann_sent *st, size_t i, size_t at, size_t *ns, size_t *ne) {
  size_t floor = st->start, j, last, end, start, k, e;
  uint32_t c;
  /* the previous candidate bounds the name, but not a one-character
  ** country or a rank inside it (英 in 野口英明, 元 in 中谷元) */
  while (i > 0) {
    const ann_hit *h = &st->ent[--i];
    if ((h->kind == AK_COUNTRY && h->end - h->start == 3) || h->kind == AK_MODIFIER) continue;
    if (h->end > floor) floor = h->end;
    break;
  }
  end = kiji_ann_run_back(st->s, floor, at, SPACES, 1); /* 稲田朋美 防衛相 */
  if (end <= floor) return 0;
  c = kiji_ann_cp_before(st->s, floor, end, &last);
  if (kiji_ann_script(c) == SC_KATA) {
    start = kiji_ann_run_back(st->s, floor, end, 1u << SC_KATA, 16);
    if (end - start < 6) return 0; /* two katakana at least */
  } else if (kiji_ann_script(c) == SC_HAN) {
    start = kiji_ann_run_back(st->s, floor, end, 1u << SC_HAN, 6);
    if (start > floor && kiji_ann_script(kiji_ann_cp_before(st->s, floor, start, &j)) == SC_HAN)
      return 0; /* a longer kanji run: a compound noun, not a name */
    if (start == floor && end - start == 3 && start > st->start &&
        kiji_ann_script(kiji_ann_cp_before(st->s, st->start, start, &j)) == SC_HAN)
      return 0; /* one kanji that ends the word of the hit before it: 東京都内 長官 */
    if (kiji_ann_word_at(st, last, AW_FORMER) == end && end - start > 3)
      end = last; /* 直嶋元経産大臣, 安倍前首相: "former" is the title's */
    for (k = start; k < end && (e = kiji_ann_word_at(st, k, AW_DEICTIC)) != 0; k = e) {}
    if (k == end) return 0;         /* 同首相, 新首相: no name */
    if (end - start > 15) return 0; /* six kanji: not a name */
    {
      /* a family name before a space: 水野　春斗官房長官 */
      size_t gap = kiji_ann_run_back(st->s, floor, start, SPACES, 1), fam;
      if (gap < start && end - start <= 9 && gap > floor) {
        fam = kiji_ann_run_back(st->s, floor, gap, 1u << SC_HAN, 4);
        if (fam < gap && gap - fam <= 9 &&
            (fam == floor || kiji_ann_script(kiji_ann_cp_before(st->s, floor, fam, &j)) != SC_HAN))
          start = fam;
      }
    }
  } else {
    return 0;
  }
  if (start >= end) return 0;
  *ns = start;
  *ne = end;
  return 1;
}

static int str_eq(kiji_str a, kiji_str b) {
  return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static void set_str(kiji_str *dst, kiji_str src) {
  if (src.ptr) *dst = src;
}

/* The index of a body named after an English title by "for", "from" or
** "of" (and "the"), or 0. */
static size_t body_after(const ann_sent *st, size_t i) {
  ann_word w;
  size_t pos = st->ent[i].end;
  if (i + 1 >= st->nent || st->ent[i + 1].kind != AK_BODY) return 0;
  if (!kiji_ann_word_after(st->s, pos, st->end, &w) || !kiji_ann_word_is(st, &w, AW_OF_BODY))
    return 0;
  pos = w.end;
  if (kiji_ann_word_after(st->s, pos, st->end, &w) && kiji_ann_word_is(st, &w, AW_THE)) pos = w.end;
  return kiji_ann_skip_space(st->s, pos, st->end) == st->ent[i + 1].start ? i + 1 : 0;
}

/* A party's or a company's role: the titles among the qualifiers ent[j..i)
** would each walk to the same party, so none of them is looked at again
** (a line of 10^5 titles after "LDP" stays linear). Only the title loop
** reads used[] of a title. */
static int party_role(const ann_sent *st, size_t j, size_t i, unsigned char *used) {
  for (; j < i; j++)
    if (st->ent[j].kind == AK_TITLE) used[j] = 1;
  return 1;
}

/* A title at ent[i] with what touches it. used[] marks hits it takes. */
static int title(ann_sent *st, size_t i, unsigned char *used) {
  const ann_hit *t = &st->ent[i];
  size_t begin = t->start, end = t->end, j = i, ns = 0, ne = 0, of_body;
  int qualified = 0, has_name, plural = 0;
  kiji_str country = t->country;
  const ann_hit *word = NULL, *owner = NULL, *nat = NULL; /* country words: next to it, X's */
  kiji_mention *m;
  if (!st->ja && ((t->start > st->start && st->s[t->start - 1] == '-') ||
                  (t->end < st->end && st->s[t->end] == '-')))
    return 1; /* part of a compound: "Secretary-General", "vice-minister-level" */
  /* qualifiers on the left */
  while (j > 0) {
    const ann_hit *q = &st->ent[j - 1];
    if (!touches(st, q->end, begin)) {
      if (!st->ja && q->kind == AK_BODY && possessive_between(st, q->end, begin))
        qualified = 1; /* "the ministry's spokesperson": the body stays apart */
      if (!st->ja && q->kind == AK_COUNTRY && possessive_between(st, q->end, begin) &&
          sole_owner(st, j - 1))
        owner = q; /* "Japan's foreign minister": Japan's, not in the span */
      if (st->ja && genitive_may_end(st, q->end, begin) &&
          kiji_ann_word_at(st, q->end, AW_GENITIVE_PARTICLE) == begin) {
        if (q->kind == AK_ORG) return party_role(st, j, i, used);       /* 自民党の幹部 */
        if (q->kind == AK_BODY || q->kind == AK_COUNTRY) qualified = 1; /* 米政府の当局者 */
      }
      break;
    }
    if (q->kind == AK_ORG) return party_role(st, j, i, used); /* a party's official */
    if (q->kind != AK_COUNTRY && q->kind != AK_BODY && q->kind != AK_MODIFIER &&
        q->kind != AK_TITLE)
      break; /* a title before a rank: "GSDF Chief of Staff Gen. X" */
    if (q->kind == AK_COUNTRY) set_str(&country, (word = q)->country);
    if (q->kind == AK_BODY) set_str(&country, q->country);
    qualified = 1;
    begin = q->start;
    j--;
  }
  if (st->ja && j > 0) owner = genitive_country(st, j - 1, begin);
  /* the owner's country over a body's between them (中国の外務省報道官) */
  if (word == NULL && owner != NULL) set_str(&country, (word = owner)->country);
  if (word != NULL && word->sub == AS_COUNTRY) nat = kiji_ann_national(st, t, word->country);
  if (st->ja)
    has_name = name_before(st, j, begin, &ns, &ne);
  else
    has_name = name_after(st, i, &ns, &ne);
  if (!st->ja && !has_name && !qualified &&
      (t->sub == AS_GENERIC ||
       (t->sub != AS_SENIOR && memchr(st->s + t->start, ' ', t->end - t->start) == NULL)) &&
      (of_body = body_after(st, i)) != 0) {
    /* "a spokesperson for the Defense Ministry", "an official from the …";
    ** a title that counts alone leaves the body apart */
    end = st->ent[of_body].end;
    qualified = 1;
  }
  if (t->sub == AS_GENERIC && !qualified && !has_name) return 1;
  if (!st->ja && !qualified && !has_name && t->sub != AS_SENIOR &&
      memchr(st->s + t->start, ' ', t->end - t->start) == NULL)
    return 1; /* a lone one-word title ("minister", "president") is too vague */
  if (!st->ja && t->sub == AS_GENERIC && st->s[t->end - 1] == 's') plural = 1;
  if (st->ja && t->sub == AS_GENERIC && !has_name) plural = 1;
  if (has_name) {
    if (st->ja)
      begin = ns;
    else
      end = ne;
  }
  m = kiji_ann_mention(st, begin, end, KIJI_KIND_OFFICIAL, plural ? "group" : "person");
  if (m == NULL) return 0;
  if (has_name) {
    m->person.start = ns;
    m->person.end = ne;
    m->title.start =
        st->ja ? (ne < t->start ? kiji_ann_skip_space(st->s, ne, t->start) : ne) : begin;
    m->title.end = st->ja ? t->end : t->end;
  }
  m->id = nat ? nat->id : t->id;
  m->name = nat ? nat->name : t->name;
  m->country = country;
  for (; j <= i; j++) used[j] = 1;
  if (!st->ja && !has_name && end > t->end && (of_body = body_after(st, i)) != 0 &&
      st->ent[of_body].end == end)
    used[of_body] = 1;
  return 1;
}

/* The country named by "of [the] X" right after the body at ent[i]
** ("the Defense Ministry of Japan"), not "of Japan's …": its index, or 0. */
static size_t country_after(const ann_sent *st, size_t i) {
  ann_word w;
  size_t pos = st->ent[i].end;
  const ann_hit *c = i + 1 < st->nent ? &st->ent[i + 1] : NULL;
  if (c == NULL || c->kind != AK_COUNTRY || !kiji_ann_word_after(st->s, pos, st->end, &w) ||
      !kiji_ann_word_is(st, &w, AW_OF))
    return 0;
  pos = w.end;
  if (kiji_ann_word_after(st->s, pos, st->end, &w) && kiji_ann_word_is(st, &w, AW_THE)) pos = w.end;
  if (!touches(st, pos, c->start) || (c->end < st->end && st->s[c->end] == '\''))
    return 0; /* "of Japan's neighbour" */
  return i + 1;
}

/* A body that no title took, with the country before it. */
static int body(ann_sent *st, size_t i, unsigned char *used) {
  const ann_hit *b = &st->ent[i];
  size_t begin = b->start, end = b->end, of = 0;
  int has_country = 0, same = 1;
  kiji_str country = b->country;
  const ann_hit *word = NULL, *nat = NULL, *g; /* the country word that qualifies it */
  kiji_mention *m;
  if (i > 0 && !used[i - 1] && st->ent[i - 1].kind == AK_COUNTRY &&
      touches(st, st->ent[i - 1].end, begin)) {
    const ann_hit *c = &st->ent[i - 1];
    has_country = 1;
    begin = c->start;
    if (c->country.ptr && b->country.ptr && !str_eq(c->country, b->country))
      same = 0; /* 中国 + 外務省: China's ministry, not Japan's */
    set_str(&country, c->country);
    word = c;
    /* 在日 before the country (在日中国大使館) */
    if (i > 1 && st->ent[i - 2].kind == AK_MODIFIER && touches(st, st->ent[i - 2].end, begin))
      begin = st->ent[i - 2].start;
  }
  if (!has_country && !st->ja && i > 0 && st->ent[i - 1].kind == AK_COUNTRY &&
      possessive_between(st, st->ent[i - 1].end, begin) && sole_owner(st, i - 1)) {
    /* "Japan's Defense Ministry": Japan's, though the span leaves it out */
    set_str(&country, (word = &st->ent[i - 1])->country);
    if (b->country.ptr && !str_eq(b->country, st->ent[i - 1].country)) same = 0;
  }
  if (!has_country && st->ja && i > 0 && (g = genitive_country(st, i - 1, begin)) != NULL) {
    /* 中国の国防省: 中国の, like a possessive, stays out of the span; a
    ** body of another country's own takes it only as that country's
    ** (中国の外務省), as の may belong to a later noun (米国の防衛省への要請) */
    nat = g->sub == AS_COUNTRY ? kiji_ann_national(st, b, g->country) : NULL;
    if (b->country.ptr == NULL || nat) set_str(&country, (word = g)->country);
  }
  if (!has_country && word == NULL && !st->ja && (of = country_after(st, i)) != 0) {
    /* "the Defense Ministry of Japan", in the span as an alias would be */
    end = st->ent[of].end;
    set_str(&country, (word = &st->ent[of])->country);
    if (b->country.ptr && !str_eq(b->country, word->country)) same = 0;
  }
  if (word != NULL && word->sub == AS_COUNTRY) nat = kiji_ann_national(st, b, word->country);
  if (!st->ja && b->sub == AS_EMBASSY && i + 1 < st->nent) {
    /* "the Chinese Embassy in Tokyo" */
    const ann_hit *c = &st->ent[i + 1];
    ann_word w;
    if (c->kind == AK_COUNTRY && kiji_ann_word_after(st->s, end, st->end, &w) &&
        kiji_ann_word_is(st, &w, AW_IN) && touches(st, w.end, c->start)) {
      end = c->end;
      used[i + 1] = 1;
    }
  }
  if (b->sub == AS_GENERIC && !has_country) return 1;
  if (st->ja && kiji_ann_word_at(st, end, AW_SIDE_SUFFIX))
    return 1; /* 陸自側, 韓国側: "the X side", not the body itself */
  m = kiji_ann_mention(st, begin, end, KIJI_KIND_OFFICIAL, "body");
  if (m == NULL) return 0;
  if (nat) { /* the country's own: "Japan's Defense Ministry" is 防衛省 */
    m->id = nat->id;
    m->name = nat->name;
    country = nat->country;
  } else if (same) {
    m->id = b->id;
    m->name = b->name;
  }
  m->country = country;
  used[i] = 1;
  if (has_country) used[i - 1] = 1;
  if (of) used[of] = 1;
  return 1;
}

int kiji_ann_officials(ann_sent *st) {
  unsigned char used_small[64], *used = used_small;
  size_t i;
  int ok = 1;
  if (st->nent > sizeof used_small) {
    if ((used = kiji_alloc(st->nent)) == NULL) return 0;
  }
  memset(used, 0, st->nent);
  /* titles from the right, so a qualifier goes to the title it touches */
  for (i = st->nent; ok && i-- > 0;)
    if (st->ent[i].kind == AK_TITLE && !used[i]) ok = title(st, i, used);
  for (i = 0; ok && i < st->nent; i++)
    if (st->ent[i].kind == AK_BODY && !used[i]) ok = body(st, i, used);
  if (used != used_small) kiji_dealloc(used);
  return ok;
}
