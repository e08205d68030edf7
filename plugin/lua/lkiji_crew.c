/*
** lkiji_crew.c -- a Lua state's worker threads (lkiji_crew.h).
**
** Why a crew, not threads per batch: `kiji annotate --jobs N` starts a
** batch for every megabyte, and threads made and ended that often left
** cores idle at every batch's end and start. A new thread lands where the
** scheduler puts it, and the two of a batch shared one core for
** milliseconds while the other idled: 177-185 % of 2 cores busy. Kept
** threads go from one job's last item straight to the next job's first,
** each on the core it warmed.
**
** A thread takes one item at a time under the lock and does it outside
** the lock; it stays on its job while the job has items, so that what it
** keeps (a doc) is warm, and leaves it before the job can count as done.
** The threads block every signal: a signal for the program (SIGINT) goes
** to the Lua thread, where lua.c's handler stops Lua and where it cuts
** short the reads that wait for a pipe (lkiji_lines.c).
**
** After fork, the child has the crew's memory but none of its threads:
** lkiji_crew_of makes it a crew of its own, and a job queued on the
** parent's is not waited for there (lkiji_crew_finish says so).
*/
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "lkiji_crew.h"

struct lkiji_crew {
  pthread_mutex_t mu;
  pthread_cond_t work; /* a job was queued, or the crew stops */
  pthread_cond_t done; /* a job is done */
  lkiji_job *head;     /* the jobs queued, oldest first (a few: a list) */
  pthread_t *threads;
  size_t n, cap;
  pid_t pid; /* the process whose threads these are */
  int stop;
};

/* Every item j took is finished and left, and none is left to take (lock
** held). */
static int job_done(const lkiji_job *j) { return !j->queued && j->active == 0; }

/* The first job queued with room for one more thread, or NULL (lock held). */
static lkiji_job *takeable(const lkiji_crew *c) {
  lkiji_job *j;
  for (j = c->head; j != NULL; j = j->next)
    if (j->active < j->limit) return j;
  return NULL;
}

/* j out of the queue: no more of its items are taken (lock held). */
static void unqueue(lkiji_crew *c, lkiji_job *j) {
  lkiji_job **p = &c->head;
  while (*p != j) p = &(*p)->next;
  *p = j->next;
  j->next = NULL;
  j->queued = 0;
}

/* Take j's next item; j leaves the queue with its last (lock held). */
static size_t take(lkiji_crew *c, lkiji_job *j) {
  size_t i = j->taken++;
  if (j->taken == j->n) unqueue(c, j);
  return i;
}

static void *work(void *p) {
  lkiji_crew *c = (lkiji_crew *)p;
  pthread_mutex_lock(&c->mu);
  for (;;) {
    lkiji_job *j;
    lkiji_hand h;
    size_t i;
    while (!c->stop && (j = takeable(c)) == NULL) pthread_cond_wait(&c->work, &c->mu);
    if (c->stop) break;
    j->active++;
    i = take(c, j);
    pthread_mutex_unlock(&c->mu);
    h.p = NULL;
    h.most = 0;
    j->start(j, &h);
    for (;;) {
      j->item(j, i, &h);
      pthread_mutex_lock(&c->mu);
      if (!j->queued || c->stop) break;
      i = take(c, j);
      pthread_mutex_unlock(&c->mu);
    }
    pthread_mutex_unlock(&c->mu);
    j->leave(j, &h);
    pthread_mutex_lock(&c->mu);
    j->active--;
    if (job_done(j)) pthread_cond_broadcast(&c->done);
  }
  pthread_mutex_unlock(&c->mu);
  return NULL;
}

/* The condition a job's end is told by, timed by CLOCK_MONOTONIC (a wait
** in slices must not stretch when the wall clock is set back); 1 when made. */
static int done_init(pthread_cond_t *done) {
  pthread_condattr_t a;
  int ok;
  if (pthread_condattr_init(&a) != 0) return 0;
  ok = pthread_condattr_setclock(&a, CLOCK_MONOTONIC) == 0 && pthread_cond_init(done, &a) == 0;
  pthread_condattr_destroy(&a);
  return ok;
}

lkiji_crew *lkiji_crew_of(lkiji_crew **home) {
  lkiji_crew *c = *home;
  if (c != NULL && c->pid == getpid()) return c;
  /* (a parent's crew, copied by fork: its threads and its lock's holder
  ** are not here; it is left as it is, its memory lost) */
  if ((c = (lkiji_crew *)calloc(1, sizeof *c)) == NULL) return NULL;
  if (pthread_mutex_init(&c->mu, NULL) != 0) return free(c), (lkiji_crew *)NULL;
  if (pthread_cond_init(&c->work, NULL) != 0) goto no_work;
  if (!done_init(&c->done)) goto no_done;
  c->pid = getpid();
  return *home = c;
no_done:
  pthread_cond_destroy(&c->work);
no_work:
  pthread_mutex_destroy(&c->mu);
  free(c);
  return NULL;
}

size_t lkiji_crew_hire(lkiji_crew *c, size_t want) {
  sigset_t all, old;
  if (c->n >= want) return c->n;
  if (c->cap < want) {
    pthread_t *t = (pthread_t *)realloc(c->threads, want * sizeof *t);
    if (t == NULL) return c->n;
    c->threads = t;
    c->cap = want;
  }
  sigfillset(&all);
  pthread_sigmask(SIG_SETMASK, &all, &old); /* (what a new thread inherits) */
  while (c->n < want && pthread_create(&c->threads[c->n], NULL, work, c) == 0) c->n++;
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return c->n;
}

void lkiji_crew_queue(lkiji_crew *c, lkiji_job *j) {
  pthread_mutex_lock(&c->mu);
  j->taken = j->active = 0;
  j->next = NULL;
  j->queued = j->n > 0;
  if (j->queued) {
    lkiji_job **p = &c->head;
    while (*p != NULL) p = &(*p)->next;
    *p = j;
    pthread_cond_broadcast(&c->work);
  }
  pthread_mutex_unlock(&c->mu);
}

int lkiji_crew_finish(lkiji_crew *c, lkiji_job *j, int cancel) {
  if (c->pid != getpid()) return 0; /* (no thread of that crew is here) */
  pthread_mutex_lock(&c->mu);
  if (cancel && j->queued) unqueue(c, j);
  while (!job_done(j)) pthread_cond_wait(&c->done, &c->mu);
  pthread_mutex_unlock(&c->mu);
  return 1;
}

int lkiji_crew_help(lkiji_crew *c, lkiji_job *j, lkiji_hand *h) {
  size_t i;
  if (c->pid != getpid()) return 0;
  pthread_mutex_lock(&c->mu);
  if (!j->queued) {
    pthread_mutex_unlock(&c->mu);
    return 0;
  }
  i = take(c, j);
  pthread_mutex_unlock(&c->mu);
  j->item(j, i, h); /* (the caller waits for the job: no count of it, no signal) */
  return 1;
}

int lkiji_crew_wait(lkiji_crew *c, lkiji_job *j, long ms) {
  struct timespec until;
  int done;
  if (c->pid != getpid()) return -1;
  clock_gettime(CLOCK_MONOTONIC, &until);
  until.tv_sec += ms / 1000;
  until.tv_nsec += ms % 1000 * 1000000L;
  if (until.tv_nsec >= 1000000000L) {
    until.tv_sec++;
    until.tv_nsec -= 1000000000L;
  }
  pthread_mutex_lock(&c->mu);
  while (!job_done(j) && pthread_cond_timedwait(&c->done, &c->mu, &until) == 0) continue;
  done = job_done(j); /* (else ETIMEDOUT) */
  pthread_mutex_unlock(&c->mu);
  return done;
}

void lkiji_crew_free(lkiji_crew *c) {
  size_t i;
  if (c == NULL || c->pid != getpid()) return;
  pthread_mutex_lock(&c->mu);
  c->stop = 1; /* (a job still queued, made by a finalizer at lua_close, is dropped) */
  while (c->head != NULL) unqueue(c, c->head);
  pthread_cond_broadcast(&c->work);
  pthread_mutex_unlock(&c->mu);
  for (i = 0; i < c->n; i++) pthread_join(c->threads[i], NULL);
  free(c->threads);
  pthread_cond_destroy(&c->done);
  pthread_cond_destroy(&c->work);
  pthread_mutex_destroy(&c->mu);
  free(c);
}
