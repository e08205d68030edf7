/*
** internal.h -- types and helpers shared by the C files of kiji.
** Nothing here is part of the public API (include/kiji.h is).
*/
#ifndef KIJI_INTERNAL_H
#define KIJI_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "kiji.h"

#if defined(__GNUC__)
#define KIJI_LIKELY(x) __builtin_expect(!!(x), 1)
#define KIJI_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define KIJI_HIDDEN __attribute__((visibility("hidden")))
#define KIJI_NOINLINE __attribute__((noinline))
#else
#define KIJI_LIKELY(x) (x)
#define KIJI_UNLIKELY(x) (x)
#define KIJI_HIDDEN
#define KIJI_NOINLINE
#endif

/*
** All allocation goes through these three, so that a test build can make
** the N-th allocation fail (issue: allocation-failure tests).
*/
KIJI_HIDDEN void *kiji_alloc(size_t size);
KIJI_HIDDEN void *kiji_realloc(void *p, size_t size);
KIJI_HIDDEN void kiji_dealloc(void *p);

/* Grow *p (an array of *cap elements of elsize bytes) to hold need. */
KIJI_HIDDEN int kiji_grow(void **p, size_t *cap, size_t need, size_t elsize);

#endif
