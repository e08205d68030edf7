/*
** norm.c -- normalization with an offset map (kiji_normalize).
**
** The input is cut into normalization segments: a segment starts at a
** character no normalization can reach across (unitab's BB flags) and runs
** over the characters that can. Fast paths copy ASCII runs and runs of
** characters the form leaves alone; only segments that change go through
** utf8proc. Each segment becomes one piece of the map, so every output
** byte knows the original bytes it came from.
*/
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "norm_check.h"
#include "norm_rules.h"
#include "offmap.h"
#include "base/script.h"
#include "base/unitab.h"
#include "base/utf8.h"

/* Stream-safe cap (UAX #15, section 13): a segment longer than this many
** code points is cut and U+034F COMBINING GRAPHEME JOINER starts the rest,
** so absurd runs of combining marks stay linear in time and the output
** stays in canonical order. */
#define SEGMENT_MAX 128
#define CGJ 0x034F

enum { ASCII_COPY, ASCII_LOWER, ASCII_SPACE, ASCII_DROP };

/* What happens to each ASCII byte, and what it becomes when copied. */
typedef struct ascii_plan {
  unsigned char act[128], fold[128];
} ascii_plan;

struct kiji_norm {
  unsigned char *out;
  size_t out_len, out_cap;
  int32_t *u32; /* scratch for utf8proc */
  size_t u32_cap;
  kiji_map map;
  int has_map;
  size_t err_offset;
  char err[96];
  ascii_plan ascii[4]; /* the ASCII tables by options (rules << 1 | fold), */
  unsigned ascii_made; /* built when first used (bit per table): short texts
                          must not pay for them, nor a caller that alternates
                          options (the annotator: NFKC, then the match form) */
};

/* What one call does, derived from the options. */
typedef struct norm_plan {
  unsigned pass_mask; /* flags a character needs to pass through */
  unsigned stop_mask; /* flags that forbid passing through */
  unsigned bb_mask;   /* the boundary flag of the form */
  utf8proc_option_t uopts;
  int rules; /* the match form's rules */
  int fold;
  kiji_invalid invalid;
  int want_map;
} norm_plan;

/* The state of one call: output, map, pending white space. */
typedef struct norm_run {
  kiji_norm *n;
  const norm_plan *plan;
  const unsigned char *src;
  size_t len;
  int32_t last; /* last code point written, -1 at the start */
  int pending;  /* a run of white space waits for what follows */
  size_t pend_start, pend_end;
  kiji_status status;
} norm_run;


kiji_norm *kiji_norm_new(void) {
  kiji_norm *n = kiji_alloc(sizeof *n);
  if (n == NULL) return NULL;
  memset(n, 0, sizeof *n);
  kiji_map_init(&n->map);
  n->ascii_made = 0;
  return n;
}

void kiji_norm_free(kiji_norm *n) {
  if (n == NULL) return;
  kiji_dealloc(n->out);
  kiji_dealloc(n->u32);
  kiji_map_release(&n->map);
  kiji_dealloc(n);
}

const char *kiji_norm_text(const kiji_norm *n, size_t *len) {
  if (len) *len = n ? n->out_len : 0;
  return n && n->out ? (const char *)n->out : "";
}

const kiji_map *kiji_norm_map(const kiji_norm *n) { return n && n->has_map ? &n->map : NULL; }

const char *kiji_norm_error(const kiji_norm *n) { return n ? n->err : "no normalizer"; }

size_t kiji_norm_error_offset(const kiji_norm *n) { return n ? n->err_offset : 0; }

static kiji_status fail(norm_run *r, kiji_status st, size_t offset) {
  kiji_norm *n = r->n;
  if (r->status != KIJI_OK) return r->status;
  r->status = st;
  n->err_offset = offset;
  if (st == KIJI_EUTF8)
    snprintf(n->err, sizeof n->err, "invalid UTF-8 at byte offset %zu", offset);
  else
    snprintf(n->err, sizeof n->err, "%s", kiji_status_string(st));
  return st;
}

static inline int reserve(norm_run *r, size_t more) {
  kiji_norm *n = r->n;
  if (n->out_cap - n->out_len >= more) return 1;
  if (more > ((size_t)-1) - n->out_len ||
      !kiji_grow((void **)&n->out, &n->out_cap, n->out_len + more, 1)) {
    fail(r, KIJI_ENOMEM, 0);
    return 0;
  }
  return 1;
}

static inline int push(norm_run *r, size_t in, int linear) {
  if (!r->plan->want_map) return 1;
  if (!kiji_map_push(&r->n->map, r->n->out_len, in, linear)) {
    fail(r, KIJI_ENOMEM, in);
    return 0;
  }
  return 1;
}

/* Input [in, end) writes nothing. */
static int drop(norm_run *r, size_t in) { return push(r, in, 0); }

/*
** Settle the pending white space before output that starts with `next`:
** one space, or none at the start of the text or between two Japanese
** characters. A one-byte run written as one space stays linear.
*/
static int settle_space(norm_run *r, int32_t next) {
  size_t width;
  if (!r->pending) return 1;
  r->pending = 0;
  if (r->last < 0 || (kiji_is_japanese(r->last) && kiji_is_japanese(next)))
    return drop(r, r->pend_start);
  width = r->pend_end - r->pend_start;
  if (!reserve(r, 1) || !push(r, r->pend_start, width == 1)) return 0;
  r->n->out[r->n->out_len++] = ' ';
  r->last = ' ';
  return 1;
}

static void space(norm_run *r, size_t in, size_t end) {
  if (!r->pending) {
    r->pending = 1;
    r->pend_start = in;
  }
  r->pend_end = end;
}

/* A character the match form drops; inside a space run it joins the run. */
static int drop_char(norm_run *r, size_t in, size_t end) {
  if (r->pending) {
    r->pend_end = end;
    return 1;
  }
  return drop(r, in);
}

/* Append k > 0 code points to the output (space reserved). */
static int put_cps(norm_run *r, const int32_t *cps, size_t k) {
  size_t i;
  for (i = 0; i < k; i++) r->n->out_len += kiji_utf8_encode(cps[i], r->n->out + r->n->out_len);
  r->last = cps[k - 1];
  return 1;
}

/* Write code points as one atomic piece for input [in, ...). */
static int write_cps(norm_run *r, const int32_t *cps, size_t k, size_t in) {
  if (k == 0) return r->pending ? 1 : drop(r, in); /* a pending space absorbs it */
  if (!settle_space(r, cps[0]) || !reserve(r, 4 * k) || !push(r, in, 0)) return 0;
  return put_cps(r, cps, k);
}

/* Make the character written last, and what follows until the next push,
** one atomic piece; with replace, take it out of the output too. */
static int tie_to_last(norm_run *r, int replace) {
  unsigned char tmp[4];
  size_t prev = kiji_utf8_encode(r->last, tmp);
  if (r->plan->want_map && !kiji_map_atomic_tail(&r->n->map, r->n->out_len - prev))
    return fail(r, KIJI_ENOMEM, 0), 0;
  if (replace) r->n->out_len -= prev;
  return 1;
}

/* Write code points that belong with the character written last. */
static int write_joined(norm_run *r, const int32_t *cps, size_t k) {
  return tie_to_last(r, 0) && reserve(r, 4 * k) && put_cps(r, cps, k);
}

/* ゛ or ゜ (c) after a kana: the voiced kana replaces the one written last
** (ハ゛ -> バ), tied to both in the map; elsewhere the combining mark. */
static int voicing(norm_run *r, int32_t c, size_t in) {
  int32_t pair[2];
  pair[0] = r->pending ? -1 : r->last;
  pair[1] = c - 2; /* U+3099, U+309A */
  if (pair[0] < 0 || !kiji_is_kana(pair[0]) ||
      utf8proc_normalize_utf32(pair, 2, UTF8PROC_COMPOSE | UTF8PROC_STABLE) != 1)
    return write_cps(r, &pair[1], 1, in);
  return tie_to_last(r, 1) && reserve(r, 4) && put_cps(r, pair, 1);
}

/* Normalize src[in, end) (whole characters, valid UTF-8) with utf8proc. */
static int segment(norm_run *r, size_t in, size_t end, int32_t **cps, size_t *k) {
  kiji_norm *n = r->n;
  utf8proc_ssize_t got;
  for (;;) {
    got = utf8proc_decompose_custom(r->src + in, (utf8proc_ssize_t)(end - in), n->u32,
                                    (utf8proc_ssize_t)n->u32_cap, r->plan->uopts, NULL, NULL);
    /* utf8proc cannot fail on validated input; stay safe if it does */
    if (got < 0) return fail(r, KIJI_EINVAL, in), 0;
    if ((size_t)got <= n->u32_cap) break;
    if (!kiji_grow((void **)&n->u32, &n->u32_cap, (size_t)got, sizeof(int32_t)))
      return fail(r, KIJI_ENOMEM, in), 0;
  }
  if (r->plan->uopts & UTF8PROC_COMPOSE)
    got = utf8proc_normalize_utf32(n->u32, got, r->plan->uopts);
  if (got < 0) return fail(r, KIJI_EINVAL, in), 0;
  *cps = n->u32;
  *k = (size_t)got;
  return 1;
}

/*
** The match form's rules for one character c at src[in, end) that unitab
** marks special.
*/
static int special(norm_run *r, int32_t c, size_t in, size_t end) {
  kiji_rule rule = kiji_rule_of(c);
  int32_t *cps, one = c;
  size_t k, i, w;
  int join = 0;
  if (rule == KIJI_RULE_SPACE) {
    space(r, in, end);
    return 1;
  }
  if (rule == KIJI_RULE_DROP) return drop_char(r, in, end);
  if (rule == KIJI_RULE_VOICING) return voicing(r, c, in);
  if ((kiji_unitab(c) & KIJI_U_PASS_NFKC) && (kiji_unitab(c) & KIJI_U_NOFOLD)) {
    cps = &one;
    k = 1;
  } else if (!segment(r, in, end, &cps, &k)) {
    return 0;
  }
  /* Rules act on what NFKC made of c; ″ and the like are listed as they
  ** come, so their own rule wins. */
  for (i = w = 0; i < k; i++) {
    int32_t d = cps[i];
    kiji_rule dr = rule != KIJI_RULE_NONE ? rule : kiji_rule_of(d);
    int32_t before = w > 0 ? cps[w - 1] : r->pending ? -1 : r->last;
    int after_kana = before >= 0 && kiji_is_kana(before);
    int after_long = before == 0x30FC;
    switch (dr) {
      case KIJI_RULE_LONG:
      case KIJI_RULE_HYPHEN:
        if (after_long) continue; /* a run is one ー */
        if (after_kana) {
          join |= w == 0 && d != 0x30FC; /* ー because of the kana before */
          d = 0x30FC;
        } else if (dr == KIJI_RULE_HYPHEN)
          d = '-';
        break;
      case KIJI_RULE_MINUS: d = '-'; break;
      case KIJI_RULE_TILDE: d = 0x301C; break;
      case KIJI_RULE_APOS: d = '\''; break;
      case KIJI_RULE_QUOTE: d = '"'; break;
      default: break;
    }
    if (rule == KIJI_RULE_QUOTE || rule == KIJI_RULE_APOS) {
      cps[0] = d;
      w = 1;
      break;
    }
    cps[w++] = d;
  }
  return join ? write_joined(r, cps, w) : write_cps(r, cps, w, in);
}

static void plan_of(const kiji_norm_options *o, norm_plan *p) {
  static const unsigned pass[] = {KIJI_U_PASS_NFKC, KIJI_U_PASS_NFC, KIJI_U_PASS_NFD,
                                  KIJI_U_PASS_NFKC, KIJI_U_PASS_NFKD};
  int compat = o->form == KIJI_FORM_MATCH || o->form == KIJI_FORM_NFKC || o->form == KIJI_FORM_NFKD;
  int compose = o->form == KIJI_FORM_MATCH || o->form == KIJI_FORM_NFC || o->form == KIJI_FORM_NFKC;
  p->rules = o->form == KIJI_FORM_MATCH;
  p->fold = o->casefold < 0 ? p->rules : o->casefold != 0;
  p->pass_mask = pass[o->form] | (p->fold ? KIJI_U_NOFOLD : 0u);
  p->stop_mask = p->rules ? KIJI_U_SPECIAL : 0u;
  p->bb_mask = compat ? KIJI_U_BB_COMPAT : KIJI_U_BB_CANON;
  p->uopts = UTF8PROC_STABLE | (compose ? UTF8PROC_COMPOSE : UTF8PROC_DECOMPOSE) |
             (compat ? UTF8PROC_COMPAT : 0) | (p->fold ? UTF8PROC_CASEFOLD : 0);
  p->invalid = o->invalid;
  p->want_map = o->map != 0;
}

static int passes(const norm_plan *p, unsigned f) {
  return (f & (p->pass_mask | p->stop_mask)) == p->pass_mask;
}

/* Copy src[p, q), characters the form leaves alone. */
static int copy_run(norm_run *r, size_t p, size_t q, int32_t first, int32_t last) {
  if (!settle_space(r, first) || !reserve(r, q - p) || !push(r, p, 1)) return 0;
  memcpy(r->n->out + r->n->out_len, r->src + p, q - p);
  r->n->out_len += q - p;
  r->last = last;
  return 1;
}

static int replacement(norm_run *r, size_t p) {
  static const int32_t fffd = 0xFFFD;
  if (r->plan->invalid == KIJI_INVALID_ERROR) return fail(r, KIJI_EUTF8, p), 0;
  return write_cps(r, &fffd, 1, p);
}

/* The character that ends at src[q], q > floor, inside a run of valid
** UTF-8; *start receives where it starts. */
static int32_t char_before(const unsigned char *s, size_t floor, size_t q, size_t *start) {
  size_t b = q - 1, len;
  while (b > floor && kiji_utf8_is_cont(s[b])) b--;
  *start = b;
  return kiji_utf8_decode(s + b, q - b, &len);
}

/* kiji_is_kana, called out of line: pass_run asks only at a ー, and its
** loop compiles tighter without the lookup inlined (1% fewer instructions
** on Japanese text). */
static KIJI_NOINLINE int kana_out_of_line(int32_t c) { return kiji_is_kana(c); }

/* Does the three-byte character in the low bytes of w (read as little
** endian, its form checked) pass kiji_unitab_match3? Its lead alone
** answers for kanji and hangul (`full`). */
static inline int match3_word(uint64_t w, unsigned full) {
  return (full >> (w & 0xF) & 1) ||
         (kiji_unitab_match3[(w & 0xFu) << 6 | (w >> 8 & 0x3Fu)] >> (w >> 16 & 0x3F) & 1);
}

/* Past s[q]: the end of the three-byte characters kiji_unitab_match3
** passes, q <= len. Five at a time with SSE2, two at a time from one load
** where the byte order allows; out of line, its few locals stay in registers (inlined into
** pass_run, one kanji took 41 instructions, here 10). */
static KIJI_NOINLINE size_t match3_span(const unsigned char *s, size_t q, size_t len) {
#if defined(__SSE2__)
  /* five at a time from one load: the shape of their fifteen bytes at
  ** once, and at once the kanji (leads E4-E9) and the hiragana of E3 81
  ** (four in five characters of Japanese news), when the tables pass
  ** them all; the others by the table */
  static const unsigned char shape_bits[16] = {0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0,
                                               0xC0, 0xF0, 0xC0, 0xC0, 0xF0, 0xC0, 0xC0, 0},
                             shape[16] = {0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80,
                                          0x80, 0xE0, 0x80, 0x80, 0xE0, 0x80, 0x80, 0};
  if ((kiji_unitab_match3_full & 0x3F0u) == 0x3F0u &&
      kiji_unitab_match3[3 << 6 | 1] == ~(uint64_t)0) {
    const __m128i bits = _mm_loadu_si128((const __m128i *)(const void *)shape_bits),
                  want = _mm_loadu_si128((const __m128i *)(const void *)shape);
    while (len - q >= 16) {
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + q));
      __m128i kanji = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8((char)0xE3)),
                                    _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xEA)));
      __m128i hiragana =
          _mm_and_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE3)),
                        _mm_cmpeq_epi8(_mm_srli_si128(v, 1), _mm_set1_epi8((char)0x81)));
      unsigned others;
      if (_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_and_si128(v, bits), want)) != 0xFFFF) break;
      others = ~(unsigned)_mm_movemask_epi8(_mm_or_si128(kanji, hiragana)) & 0x1249u; /* (leads) */
      for (; others != 0; others &= others - 1) {
        const unsigned char *c = s + q + (unsigned)__builtin_ctz(others);
        if (!(kiji_unitab_match3[(c[0] & 0x0Fu) << 6 | (c[1] & 0x3Fu)] >> (c[2] & 0x3F) & 1))
          return (size_t)(c - s);
      }
      q += 15;
    }
  }
#endif
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const unsigned full = kiji_unitab_match3_full;
  while (len - q >= 8) {
    uint64_t w;
    memcpy(&w, s + q, 8);
    if ((w & 0xC0C0F0C0C0F0ull) != 0x8080E08080E0ull || !match3_word(w, full)) break;
    if (!match3_word(w >> 24, full)) return q + 3;
    q += 6;
  }
#endif
  while (len - q >= 3 && kiji_unitab_match3_passes(s + q)) q += 3;
  return q;
}

/* ASCII sixteen bytes at a time with SSE2, and past a first sixteen 64
** (English), else eight; kana and kanji by match3_span; the first other
** character that is not its own form says no at once (Japanese news has
** full-width brackets early). */
int kiji_norm_is_nfkc(const unsigned char *s, size_t len) {
  const unsigned want = KIJI_U_PASS_NFKC | KIJI_U_BB_COMPAT;
  size_t i = 0, l, q;
  while (i < len) {
    uint64_t x;
    int32_t c;
    if (s[i] < 0x80) {
#if defined(__SSE2__)
      if (len - i >= 16 &&
          _mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i))) == 0) {
        for (i += 16; len - i >= 64; i += 64) {
          const __m128i *v = (const __m128i *)(const void *)(s + i);
          __m128i any = _mm_or_si128(_mm_or_si128(_mm_loadu_si128(v), _mm_loadu_si128(v + 1)),
                                     _mm_or_si128(_mm_loadu_si128(v + 2), _mm_loadu_si128(v + 3)));
          if (_mm_movemask_epi8(any) != 0) break;
        }
        continue;
      }
#endif
      i += len - i >= 8 && (memcpy(&x, s + i, 8), (x & 0x8080808080808080ull) == 0) ? 8 : 1;
      continue;
    }
    if ((q = match3_span(s, i, len)) > i) { /* (the match form's: NFKC's too) */
      i = q;
      continue;
    }
    if ((c = kiji_utf8_decode(s + i, len - i, &l)) < 0 || (kiji_unitab(c) & want) != want) return 0;
    i += l;
  }
  return 1;
}

/*
** Past the character at src[p, p + cl): the end of the run of characters
** that pass through, each followed by a boundary (p when the first must go
** through utf8proc). *last receives the last character of the run. One
** masked compare per character asks "boundary before it, and it passes";
** for NFKC and the match form a bit test on the bytes themselves answers
** first (its characters pass both, folded or not). A character without a
** boundary takes the one before it out of the run.
*/
static size_t pass_run(norm_run *r, size_t p, size_t cl, int32_t *last) {
  const norm_plan *plan = r->plan;
  const unsigned want = plan->pass_mask | plan->bb_mask;
  const unsigned care = want | plan->stop_mask;
  const int bytewise = (plan->pass_mask & KIJI_U_PASS_NFKC) != 0;
  const unsigned char *s = r->src;
  size_t len = r->len, q = p + cl, at, last_at = p; /* where the run's last character starts */
  /* ASCII starts a boundary; the ASCII fast path takes over there */
  for (;;) {
    size_t nl;
    int32_t nc, before;
    unsigned nf;
    if (bytewise) {
      size_t from = q;
      if ((q = match3_span(s, q, len)) > from) last_at = q - 3;
    }
    if (q >= len || s[q] < 0x80) break;
    nc = kiji_utf8_decode(s + q, len - q, &nl);
    if (nc < 0) break;
    nf = kiji_unitab(nc);
    if ((nf & care) == want) {
      last_at = q;
      q += nl;
      continue;
    }
    before = char_before(s, p, q, &at);
    /* ー right after a kana stays as it is: the commonest special */
    if (nc == 0x30FC && plan->rules && before != 0x30FC && kana_out_of_line(before)) {
      last_at = q;
      q += nl;
      continue;
    }
    if (nf & plan->bb_mask) break;
    /* nc combines with the character before it, which leaves the run */
    if (at == p) return p;
    *last = char_before(s, p, at, &nl);
    return at;
  }
  *last = kiji_utf8_decode(s + last_at, q - last_at, &at);
  return q;
}

/* How many code points c is once decomposed as the form decomposes. */
static size_t decomposed_len(const norm_plan *plan, int32_t c) {
  utf8proc_int32_t buf[32];
  int boundclass = 0;
  utf8proc_ssize_t k = utf8proc_decompose_char(c, buf, 32, plan->uopts, &boundclass);
  return k > 0 ? (size_t)k : 1;
}

/* The end of the segment that starts with the character at src[p, p + cl);
** *cut says the cap, not a boundary, ended it. The cap counts the code
** points the form decomposes the segment into, less a first character with
** a boundary before it (one without starts the rest of a cut): a second
** pass over the output meets exactly those and cuts nowhere new. */
static size_t segment_end(const norm_run *r, size_t p, size_t cl, int *cut) {
  size_t q = p + cl, nl, count = 0, d;
  int32_t c = kiji_utf8_decode(r->src + p, r->len - p, &nl);
  int counted = 0;
  *cut = 0;
  while (q < r->len) {
    int32_t nc = kiji_utf8_decode(r->src + q, r->len - q, &nl);
    if (nc < 0 || (kiji_unitab(nc) & r->plan->bb_mask)) break;
    if (!counted) { /* the segment's first character, once it has company */
      count = decomposed_len(r->plan, c) - ((kiji_unitab(c) & r->plan->bb_mask) ? 1 : 0);
      counted = 1;
    }
    d = decomposed_len(r->plan, nc);
    if (count + d > SEGMENT_MAX) {
      *cut = 1;
      break;
    }
    count += d;
    q += nl;
  }
  return q;
}

/* Segments through utf8proc from src[p] (its character cl bytes long),
** going on past each cut with a CGJ. Returns where they end. */
static size_t segments(norm_run *r, size_t p, size_t cl) {
  int after_cut = 0, cut;
  for (;;) {
    size_t q = segment_end(r, p, cl, &cut), k;
    int32_t *cps;
    if (!segment(r, p, q, &cps, &k)) return q;
    if (after_cut) {
      kiji_norm *n = r->n;
      if (!kiji_grow((void **)&n->u32, &n->u32_cap, k + 1, sizeof(int32_t)))
        return fail(r, KIJI_ENOMEM, p), q;
      memmove(n->u32 + 1, n->u32, k * sizeof(int32_t));
      n->u32[0] = CGJ;
      cps = n->u32;
      k++;
    }
    if (!write_cps(r, cps, k, p) || !cut) return q;
    p = q;
    kiji_utf8_decode(r->src + p, r->len - p, &cl);
    after_cut = 1;
  }
}

static void ascii_table(const norm_plan *plan, ascii_plan *ap) {
  int b;
  unsigned char *act = ap->act;
  for (b = 0; b < 128; b++) {
    act[b] = ASCII_COPY;
    ap->fold[b] = (unsigned char)b;
    if (plan->fold && b >= 'A' && b <= 'Z') {
      act[b] = ASCII_LOWER;
      ap->fold[b] = (unsigned char)(b + 32);
    }
    if (plan->rules) {
      kiji_rule rule = kiji_rule_of(b);
      if (rule == KIJI_RULE_SPACE) act[b] = ASCII_SPACE;
      if (rule == KIJI_RULE_DROP) act[b] = ASCII_DROP;
    }
  }
}

/* Does the character at src[q] start a segment (end of text included)? */
static int boundary_at(const norm_run *r, size_t q) {
  size_t nl;
  int32_t nc;
  if (q >= r->len) return 1;
  nc = kiji_utf8_decode(r->src + q, r->len - q, &nl);
  return nc < 0 || (kiji_unitab(nc) & r->plan->bb_mask);
}

/* SWAR on eight bytes below 0x80 (so adding at most 0x80 to each never
** carries into the next): the high bit of each byte that is ... */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull
#define AT_LEAST(w, n) (((w) + ONES * (0x80 - (n))) & HIGHS)   /* ... >= n */
#define EQUAL(w, n) (HIGHS & ~AT_LEAST((w) ^ (ONES * (n)), 1)) /* ... == n */

/* Eight bytes from s the rules leave alone, folded into *w; 0 when the
** block needs a closer look. A space must be alone: the last one is
** followed by more ASCII (`more` bytes in all). rules and fold come as
** values: the output may alias the plan, which would be read again for
** every block. */
static int ascii_block(const unsigned char *s, size_t more, int rules, int fold,
                       const ascii_plan *ap, uint64_t *w) {
  uint64_t v, sp;
  memcpy(&v, s, 8);
  if (v & HIGHS) return 0;
  if (rules) {
    if ((HIGHS & ~AT_LEAST(v, 0x20)) | AT_LEAST(v, 0x7F)) return 0; /* controls, DEL */
    sp = EQUAL(v, ' ');
    if (sp & (sp >> 8)) return 0;
    if ((sp >> 63) && (more <= 8 || s[8] >= 0x80 || ap->act[s[8]] > ASCII_LOWER)) return 0;
  }
  if (fold) v |= (AT_LEAST(v, 'A') & ~AT_LEAST(v, 'Z' + 1)) >> 2;
  *w = v;
  return 1;
}

#if defined(__SSE2__)
/* How many of the sixteen bytes from s (`more` bytes in all) the run
** takes, as the byte loop of ascii_run would: bytes the rules leave alone
** and a space followed by one. All sixteen are folded into o, which has
** room for them. English takes a third of the instructions it took in
** blocks of eight, a run's last block too. */
static size_t ascii_prefix16(const unsigned char *s, size_t more, int rules, int fold,
                             const ascii_plan *ap, unsigned char *o) {
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
  unsigned taken = ~(unsigned)_mm_movemask_epi8(v) & 0xFFFFu;
  if (rules) { /* (a byte of 0x80 or more is below 0x20 as a signed byte) */
    __m128i ctl = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                               _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
    unsigned sp = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(' ')));
    unsigned alone = taken & ~((unsigned)_mm_movemask_epi8(ctl) | sp);
    if ((sp >> 15) && more > 16 && s[16] < 0x80 && ap->act[s[16]] <= ASCII_LOWER) alone |= 1u << 16;
    taken = (alone | (sp & alone >> 1)) & 0xFFFFu;
  }
  if (fold) {
    __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                  _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
    v = _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
  }
  _mm_storeu_si128((__m128i *)(void *)o, v);
  return taken == 0xFFFFu ? 16 : (size_t)__builtin_ctz(~taken);
}
#endif

/*
** Copy and fold ASCII from src[p] (a byte the rules leave alone), sixteen or eight
** bytes at a time where it can. A lone space between two such bytes is one
** space whatever the rules, so it stays in the run. The last byte before a
** character that combines with it belongs to that character's segment.
** Returns the end of the run (p when there is none).
*/
static size_t ascii_run(norm_run *r, size_t p, const ascii_plan *ap) {
  const unsigned char *s = r->src;
  size_t len = r->len, q = p;
  unsigned char *o;
  const int rules = r->plan->rules, fold = r->plan->fold;
  if (p + 1 < len && s[p + 1] >= 0x80 && !boundary_at(r, p + 1)) return p;
  if (!settle_space(r, ap->fold[s[p]]) || !reserve(r, len - p) || !push(r, p, 1)) return len;
  o = r->n->out + r->n->out_len;
  /* blocks while they go through whole, a byte where they do not */
  for (;;) {
    uint64_t w;
    unsigned b;
#if defined(__SSE2__)
    size_t k = 16;
    while (k == 16 && q + 16 <= len) {
      k = ascii_prefix16(s + q, len - q, rules, fold, ap, o);
      q += k;
      o += k;
    }
    if (k < 16) break; /* s[q] ends the run */
#endif
    for (; q + 8 <= len && ascii_block(s + q, len - q, rules, fold, ap, &w); q += 8, o += 8)
      memcpy(o, &w, 8);
    if (q >= len || s[q] >= 0x80) break;
    b = s[q];
    if (ap->act[b] > ASCII_LOWER &&
        !(b == ' ' && q > p && q + 1 < len && s[q + 1] < 0x80 && ap->act[s[q + 1]] <= ASCII_LOWER))
      break;
    *o++ = ap->fold[b];
    q++;
  }
  if (q < len && s[q] >= 0x80 && !boundary_at(r, q)) {
    q--;
    o--;
  }
  r->n->out_len = (size_t)(o - r->n->out);
  r->last = o[-1];
  return q;
}

static void normalize_all(norm_run *r) {
  const norm_plan *plan = r->plan;
  const unsigned char *s = r->src;
  int key = (plan->rules != 0) << 1 | (plan->fold != 0);
  const ascii_plan *ap = &r->n->ascii[key];
  size_t p = 0, len = r->len;
  if (!(r->n->ascii_made >> key & 1)) {
    ascii_table(plan, &r->n->ascii[key]);
    r->n->ascii_made |= 1u << key;
  }
  while (p < len && r->status == KIJI_OK) {
    size_t cl, q;
    int32_t c, last = -1;
    unsigned f;
    if (s[p] < 0x80) {
      unsigned a = ap->act[s[p]];
      if (a == ASCII_SPACE) {
        space(r, p, p + 1);
        p++;
        continue;
      }
      if (a == ASCII_DROP) {
        drop_char(r, p, p + 1);
        p++;
        continue;
      }
      q = ascii_run(r, p, ap);
      if (q > p) {
        p = q;
        continue;
      }
    }
    c = kiji_utf8_decode(s + p, len - p, &cl);
    if (c < 0) {
      replacement(r, p);
      p += cl;
      continue;
    }
    f = kiji_unitab(c);
    if (plan->rules && (f & KIJI_U_SPECIAL)) {
      special(r, c, p, p + cl);
      p += cl;
      continue;
    }
    if (passes(plan, f)) {
      q = pass_run(r, p, cl, &last);
      if (q > p) {
        copy_run(r, p, q, c, last);
        p = q;
        continue;
      }
    }
    if (((c >= 0xFF01 && c <= 0xFF5E) || c == 0x3000) && (plan->uopts & UTF8PROC_COMPAT) &&
        boundary_at(r, p + cl)) {
      /* full-width ASCII and the ideographic space: NFKC is the ASCII character */
      int32_t d = c == 0x3000 ? ' ' : c - 0xFEE0;
      if (plan->fold && d >= 'A' && d <= 'Z') d += 32;
      write_cps(r, &d, 1, p);
      p += cl;
      continue;
    }
    p = segments(r, p, cl);
  }
  if (r->status == KIJI_OK && r->pending) drop(r, r->pend_start);
}

kiji_status kiji_normalize(kiji_norm *n, const char *src, size_t len,
                           const kiji_norm_options *opts) {
  static const kiji_norm_options defaults = KIJI_NORM_OPTIONS_INIT;
  norm_plan plan;
  norm_run run;
  if (n == NULL) return KIJI_EINVAL;
  n->err[0] = 0;
  n->err_offset = 0;
  n->out_len = 0;
  n->has_map = 0;
  kiji_map_clear(&n->map);
  memset(&run, 0, sizeof run);
  run.n = n;
  if (opts == NULL) opts = &defaults;
  if (src == NULL && len > 0) return fail(&run, KIJI_EINVAL, 0);
  if ((unsigned)opts->form > KIJI_FORM_NFKD || (unsigned)opts->invalid > KIJI_INVALID_ERROR)
    return fail(&run, KIJI_EINVAL, 0);
  /* offsets live in 63 bits of a piece */
  if (len > ((size_t)-1) >> 2) return fail(&run, KIJI_ETOOBIG, 0);
  plan_of(opts, &plan);
  run.plan = &plan;
  run.src = (const unsigned char *)src;
  run.len = len;
  run.last = -1;
  if (!reserve(&run, len + 1)) return run.status;
  normalize_all(&run);
  if (run.status != KIJI_OK) {
    n->out_len = 0;
    kiji_map_clear(&n->map);
    return run.status;
  }
  if (plan.want_map) {
    kiji_map_finish(&n->map, n->out, n->out_len, len);
    n->has_map = 1;
  }
  return KIJI_OK;
}
