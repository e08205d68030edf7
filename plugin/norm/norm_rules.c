/*
** norm_rules.c -- which characters the match form's rules touch.
*/
#include <utf8proc.h>

#include "norm_rules.h"

static int is_white_space(int32_t c) {
  /* Unicode's White_Space property (PropList.txt), a stable, short list. */
  return (c >= 0x09 && c <= 0x0D) || c == 0x20 || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

kiji_rule kiji_rule_of(int32_t c) {
  switch (c) {
    case 0x30FC:
    case 0xFF70:
    case 0x2014:
    case 0x2015:
    case 0x2500:
    case 0x2501:
    /* their compatibility forms: NFKC turns these into — */
    case 0xFE31:
    case 0xFE58: return KIJI_RULE_LONG;
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2212:
    case 0xFE63:
    case 0xFF0D:
    /* NFKC turns these into – or − */
    case 0xFE32:
    case 0x207B:
    case 0x208B: return KIJI_RULE_HYPHEN;
    case 0x2043: return KIJI_RULE_MINUS;
    case 0x301C:
    case 0xFF5E:
    case 0x223C:
    case 0x223F:
    case 0x3030: return KIJI_RULE_TILDE;
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032: return KIJI_RULE_APOS;
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x2033: return KIJI_RULE_QUOTE;
    case 0x309B:
    case 0x309C: return KIJI_RULE_VOICING;
    default: break;
  }
  if (is_white_space(c)) return KIJI_RULE_SPACE;
  if (c < 0x80) return (c < 0x20 || c == 0x7F) ? KIJI_RULE_DROP : KIJI_RULE_NONE;
  switch (utf8proc_category(c)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF: return KIJI_RULE_DROP;
    default: return KIJI_RULE_NONE;
  }
}
