/*
** alloc_fail.h -- the failing allocator of test_alloc_fail: kiji's three
** allocation primitives (alloc_fail.c replaces plugin/base/alloc.c in that test
** build) and ICU's (u_setMemoryFunctions) share one counter, and the N-th
** allocation, or the N-th and every later one, fails.
*/
#ifndef KIJI_ALLOC_FAIL_H
#define KIJI_ALLOC_FAIL_H

typedef struct af_state {
  unsigned long count;   /* allocations asked for since af_reset (kiji and ICU) */
  unsigned long icu;     /* ... of which ICU's */
  unsigned long fail_at; /* the allocation that fails (1-based); 0: none */
  int fail_later;        /* nonzero: every one after fail_at fails too */
  unsigned long failed;  /* allocations made to fail */
  int failed_icu;        /* the first of them was ICU's */
  long live_kiji;        /* blocks kiji holds */
  long live_icu;         /* blocks ICU holds (its caches included) */
} af_state;

/* The state, read and set by the test (test code may have globals). */
extern af_state af;

/* Route ICU's heap through the counter: before ICU's first allocation. */
int af_install_icu(void);

/* Count from zero; fail the n-th allocation (n = 0: none), and with
** later, every allocation after it too. */
void af_reset(unsigned long n, int later);

/* Stop failing (counting goes on). */
void af_disarm(void);

#endif
