/*
** alloc_count.h -- the counting allocator of test_memory: kiji's three
** allocation primitives (alloc_count.c replaces plugin/base/alloc.c in that
** test build) and ICU's (u_setMemoryFunctions) count the bytes they hold,
** and the most they held since the last ac_mark.
*/
#ifndef KIJI_ALLOC_COUNT_H
#define KIJI_ALLOC_COUNT_H

#include <stddef.h>

typedef struct ac_state {
  size_t live; /* bytes held now (kiji and ICU) */
  size_t peak; /* the most held since ac_mark */
  size_t asks; /* allocations and reallocations asked for, ever */
} ac_state;

/* The state, read by the test (test code may have globals). */
extern ac_state ac;

/* Route ICU's heap through the counter: before ICU's first allocation. */
int ac_install_icu(void);

/* Start a new peak from what is held now. */
void ac_mark(void);

#endif
