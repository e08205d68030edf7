/*
** lkiji_crew.h -- the threads that run a Lua state's jobs (the texts of
** annotate_many's batches on threads): started when a job first asks
** for them, kept, idle, for the next job, and stopped when the state
** closes. A job is n items; the crew's threads take them in order, the
** oldest job's first, at most `limit` threads on one job at once.
*/
#ifndef LKIJI_CREW_H
#define LKIJI_CREW_H

#include <stddef.h>

typedef struct lkiji_crew lkiji_crew;

/* What one thread keeps while it works on a job (a doc, and its most). */
typedef struct lkiji_hand {
  void *p;
  size_t most;
} lkiji_hand;

typedef struct lkiji_job lkiji_job;
struct lkiji_job {
  size_t n;     /* items */
  size_t limit; /* threads on it at once, at most (at least 1) */
  /* a thread starts on the job, does item i, leaves the job (all three
  ** set): called on the crew's threads (and item on a helper's), without
  ** its lock; leave runs before the job can be done, so what the job
  ** anchors is still alive there */
  void (*start)(lkiji_job *j, lkiji_hand *h);
  void (*item)(lkiji_job *j, size_t i, lkiji_hand *h);
  void (*leave)(lkiji_job *j, lkiji_hand *h);
  /* the crew's */
  lkiji_job *next;
  size_t taken, active;
  int queued; /* items are still to take */
};

/* The crew at *home, made on first use (and made anew in a child
** process after fork, where the parent's threads are not); NULL when
** out of memory. */
lkiji_crew *lkiji_crew_of(lkiji_crew **home);
/* At least `want` threads, as far as they can start: how many there are. */
size_t lkiji_crew_hire(lkiji_crew *c, size_t want);
/* Queue j (its n, limit and functions set) after the jobs queued. */
void lkiji_crew_queue(lkiji_crew *c, lkiji_job *j);
/* Wait until j is done: every item it took finished, and left. With
** cancel, the items not yet taken never will be. 0 when j cannot be done
** here: c is a parent's, copied by fork (its threads are not here). */
int lkiji_crew_finish(lkiji_crew *c, lkiji_job *j, int cancel);
/* Do one of j's items on the calling thread, with h (which the caller
** got from j's start, and gives to its leave): 1 when one was done, 0
** when none is left to take. The caller must then wait for j. */
int lkiji_crew_help(lkiji_crew *c, lkiji_job *j, lkiji_hand *h);
/* Wait at most ms milliseconds for j to be done (as lkiji_crew_finish
** without cancel): 1 when it is, 0 when the time ran out first, -1 when
** c is a parent's. */
int lkiji_crew_wait(lkiji_crew *c, lkiji_job *j, long ms);
/* Stop the threads and free the crew: a job still queued is dropped, the
** items begun are finished first. */
void lkiji_crew_free(lkiji_crew *c);

#endif
