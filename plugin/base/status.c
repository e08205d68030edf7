/*
** status.c -- versions and status strings.
*/
#include <utf8proc.h>

#include "internal.h"
#include "unitab.h"

const char *kiji_status_string(kiji_status status) {
  switch (status) {
    case KIJI_OK: return "ok";
    case KIJI_EINVAL: return "invalid argument";
    case KIJI_ENOMEM: return "out of memory";
    case KIJI_EUTF8: return "invalid UTF-8";
    case KIJI_ETOOBIG: return "input too large";
  }
  return "unknown status";
}

const char *kiji_version(void) { return KIJI_VERSION; }

/* The Unicode version of kiji's tables; tests check utf8proc agrees. */
const char *kiji_unicode_version(void) { return kiji_unitab_unicode_version; }
