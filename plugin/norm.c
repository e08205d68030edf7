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

#include "norm_rules.h"
#include "offmap.h"
#include "unitab.h"
#include "utf8.h"

/* Stream-safe cap (UAX #15, section 13): a segment longer than this many
** code points is cut, so absurd runs of combining marks stay linear. */
#define SEGMENT_MAX 128

struct kiji_norm {
  unsigned char *out;
  size_t out_len, out_cap;
  int32_t *u32; /* scratch for utf8proc */
  size_t u32_cap;
  kiji_map map;
  int has_map;
  size_t err_offset;
  char err[96];
};

/* What one call does, derived from the options. */
typedef struct norm_plan {
  unsigned pass_mask;   /* flags a character needs to pass through */
  unsigned stop_mask;   /* flags that forbid passing through */
  unsigned bb_mask;     /* the boundary flag of the form */
  utf8proc_option_t uopts;
  int rules;            /* the match form's rules */
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
  int32_t last;           /* last code point written, -1 at the start */
  int pending;            /* a run of white space waits for what follows */
  size_t pend_start, pend_end;
  kiji_status status;
} norm_run;

enum { ASCII_COPY, ASCII_LOWER, ASCII_SPACE, ASCII_DROP };

kiji_norm *kiji_norm_new(void) {
  kiji_norm *n = kiji_alloc(sizeof *n);
  if (n == NULL) return NULL;
  memset(n, 0, sizeof *n);
  kiji_map_init(&n->map);
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

const kiji_map *kiji_norm_map(const kiji_norm *n) {
  return n && n->has_map ? &n->map : NULL;
}

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

static int reserve(norm_run *r, size_t more) {
  kiji_norm *n = r->n;
  if (n->out_cap - n->out_len >= more) return 1;
  if (more > ((size_t)-1) - n->out_len ||
      !kiji_grow((void **)&n->out, &n->out_cap, n->out_len + more, 1)) {
    fail(r, KIJI_ENOMEM, 0);
    return 0;
  }
  return 1;
}

static int push(norm_run *r, size_t in, int linear) {
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
  if (!r->pending) { r->pending = 1; r->pend_start = in; }
  r->pend_end = end;
}

/* A character the match form drops; inside a space run it joins the run. */
static int drop_char(norm_run *r, size_t in, size_t end) {
  if (r->pending) { r->pend_end = end; return 1; }
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

/* Write code points that belong with the character written last. */
static int write_joined(norm_run *r, const int32_t *cps, size_t k) {
  unsigned char tmp[4];
  size_t prev = kiji_utf8_encode(r->last, tmp);
  if (r->plan->want_map && !kiji_map_atomic_tail(&r->n->map, r->n->out_len - prev))
    return fail(r, KIJI_ENOMEM, 0), 0;
  return reserve(r, 4 * k) && put_cps(r, cps, k);
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
  if (rule == KIJI_RULE_SPACE) { space(r, in, end); return 1; }
  if (rule == KIJI_RULE_DROP) return drop_char(r, in, end);
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
        if (after_long) continue;               /* a run is one ー */
        if (after_kana) {
          join |= w == 0 && d != 0x30FC; /* ー because of the kana before */
          d = 0x30FC;
        } else if (dr == KIJI_RULE_HYPHEN) d = '-';
        break;
      case KIJI_RULE_MINUS: d = '-'; break;
      case KIJI_RULE_TILDE: d = 0x301C; break;
      case KIJI_RULE_APOS: d = '\''; break;
      case KIJI_RULE_QUOTE: d = '"'; break;
      default: break;
    }
    if (rule == KIJI_RULE_QUOTE || rule == KIJI_RULE_APOS) { cps[0] = d; w = 1; break; }
    cps[w++] = d;
  }
  return join ? write_joined(r, cps, w) : write_cps(r, cps, w, in);
}

static void plan_of(const kiji_norm_options *o, norm_plan *p) {
  static const unsigned pass[] = {KIJI_U_PASS_NFKC, KIJI_U_PASS_NFC, KIJI_U_PASS_NFD,
                                  KIJI_U_PASS_NFKC, KIJI_U_PASS_NFKD};
  int compat = o->form == KIJI_FORM_MATCH || o->form == KIJI_FORM_NFKC ||
               o->form == KIJI_FORM_NFKD;
  int compose = o->form == KIJI_FORM_MATCH || o->form == KIJI_FORM_NFC ||
                o->form == KIJI_FORM_NFKC;
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

/* Copy src[p, q) of ASCII letters, digits and punctuation, folding case. */
static int ascii_run(norm_run *r, size_t p, size_t q) {
  unsigned char *o;
  size_t i;
  int32_t first = r->src[p];
  if (r->plan->fold && first >= 'A' && first <= 'Z') first += 32;
  if (!settle_space(r, first) || !reserve(r, q - p) || !push(r, p, 1)) return 0;
  o = r->n->out + r->n->out_len;
  if (r->plan->fold) {
    for (i = p; i < q; i++) {
      unsigned char b = r->src[i];
      o[i - p] = (unsigned char)((unsigned)(b - 'A') < 26u ? b + 32 : b);
    }
  } else {
    memcpy(o, r->src + p, q - p);
  }
  r->n->out_len += q - p;
  r->last = o[q - p - 1];
  return 1;
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

/*
** Past the character c at src[p, p + cl): the end of the run of characters
** that pass through, each followed by a boundary (p when c must go
** through utf8proc). *last receives the last character of the run.
*/
static size_t pass_run(norm_run *r, size_t p, int32_t c, size_t cl, int32_t *last) {
  const norm_plan *plan = r->plan;
  size_t q = p;
  for (;;) {
    size_t next = q + cl, nl = 0;
    int32_t nc = -1;
    unsigned nf = 0;
    if (next < r->len) {
      nc = kiji_utf8_decode(r->src + next, r->len - next, &nl);
      if (nc >= 0) {
        nf = kiji_unitab(nc);
        if (!(nf & plan->bb_mask)) return q;
      }
    }
    *last = c;
    q = next;
    if (next >= r->len || nc < 0 || !passes(plan, nf)) return q;
    c = nc;
    cl = nl;
  }
}

/* The end of the segment that starts with the character at src[p, p + cl). */
static size_t segment_end(const norm_run *r, size_t p, size_t cl) {
  size_t q = p + cl, count = 1, nl;
  while (q < r->len && count < SEGMENT_MAX) {
    int32_t nc = kiji_utf8_decode(r->src + q, r->len - q, &nl);
    if (nc < 0 || (kiji_unitab(nc) & r->plan->bb_mask)) break;
    q += nl;
    count++;
  }
  return q;
}

static void ascii_table(const norm_plan *plan, unsigned char act[128]) {
  int b;
  for (b = 0; b < 128; b++) {
    act[b] = ASCII_COPY;
    if (plan->fold && b >= 'A' && b <= 'Z') act[b] = ASCII_LOWER;
    if (plan->rules) {
      kiji_rule rule = kiji_rule_of(b);
      if (rule == KIJI_RULE_SPACE) act[b] = ASCII_SPACE;
      if (rule == KIJI_RULE_DROP) act[b] = ASCII_DROP;
    }
  }
}

static void normalize_all(norm_run *r) {
  const norm_plan *plan = r->plan;
  const unsigned char *s = r->src;
  unsigned char act[128];
  size_t p = 0, len = r->len;
  ascii_table(plan, act);
  while (p < len && r->status == KIJI_OK) {
    size_t cl, q;
    int32_t c, last = -1;
    unsigned f;
    if (s[p] < 0x80) {
      unsigned a = act[s[p]];
      if (a == ASCII_SPACE) { space(r, p, p + 1); p++; continue; }
      if (a == ASCII_DROP) { drop_char(r, p, p + 1); p++; continue; }
      /* the last ASCII byte before a non-ASCII one may start a segment */
      for (q = p; q < len && s[q] < 0x80 && act[s[q]] <= ASCII_LOWER &&
                  (q + 1 >= len || s[q + 1] < 0x80);
           q++) {
      }
      if (q > p) { ascii_run(r, p, q); p = q; continue; }
    }
    c = kiji_utf8_decode(s + p, len - p, &cl);
    if (c < 0) { replacement(r, p); p += cl; continue; }
    f = kiji_unitab(c);
    if (plan->rules && (f & KIJI_U_SPECIAL)) { special(r, c, p, p + cl); p += cl; continue; }
    if (passes(plan, f)) {
      q = pass_run(r, p, c, cl, &last);
      if (q > p) { copy_run(r, p, q, c, last); p = q; continue; }
    }
    q = segment_end(r, p, cl);
    {
      int32_t *cps;
      size_t k;
      if (segment(r, p, q, &cps, &k)) write_cps(r, cps, k, p);
    }
    p = q;
  }
  if (r->status == KIJI_OK && r->pending) drop(r, r->pend_start);
}

kiji_status kiji_normalize(kiji_norm *n, const char *src, size_t len,
                           const kiji_norm_options *opts) {
  static const kiji_norm_options defaults = KIJI_NORM_OPTIONS_INIT;
  norm_plan plan;
  norm_run run;
  if (n == NULL) return KIJI_EINVAL;
  n->err[0] = '\0';
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
