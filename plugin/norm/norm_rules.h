/*
** norm_rules.h -- the news and Japanese rules of the match form, as
** character classes. norm.c applies them; the table generator marks their
** characters KIJI_U_SPECIAL so the fast paths leave them to norm.c.
*/
#ifndef KIJI_NORM_RULES_H
#define KIJI_NORM_RULES_H

#include <stdint.h>

#include "base/internal.h"

typedef enum kiji_rule {
  KIJI_RULE_NONE = 0,
  KIJI_RULE_SPACE,  /* White_Space: runs become one space (or none) */
  KIJI_RULE_DROP,   /* Cc other than white space, Cf: dropped */
  KIJI_RULE_LONG,   /* ー ｰ — ― ─ ━: ー after kana, else as NFKC leaves it */
  KIJI_RULE_HYPHEN, /* ‐ ‑ ‒ – − ﹣ －: ー after kana, else "-" */
  KIJI_RULE_MINUS,  /* ⁃: always "-" */
  KIJI_RULE_TILDE,  /* 〜 ～ ∼ ∿ 〰: "〜" */
  KIJI_RULE_APOS,   /* ‘ ’ ‚ ‛ ′: "'" */
  KIJI_RULE_QUOTE,  /* “ ” „ ‟ ″: '"' */
  KIJI_RULE_VOICING /* ゛ ゜: merged into the kana before, as ﾞ ﾟ are */
} kiji_rule;

/* The rule for a source character (before NFKC). Which characters are
** kana (for ー) and Japanese (for spaces) is base/script.h's answer. */
KIJI_HIDDEN kiji_rule kiji_rule_of(int32_t c);

#endif
