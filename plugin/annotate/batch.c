/*
** batch.c -- kiji_annotate_batch: many texts on many threads that share one
** (read-only) annotator, delivered in input order; and
** kiji_annotate_batch_any_order, each delivered where and when it is done.
**
** Text i is annotated into slot i % nslots, a ring of docs: a thread takes
** the next text only when its slot was delivered, so at most nslots
** results wait at once however uneven the texts. Whichever thread finishes
** a text delivers every finished text in order from `emit` on, unless
** another thread is delivering already (it will see the new one before it
** stops); the lock is not held while fn runs, so the others keep working.
** In any order, each thread has one doc and hands it to fn itself: the
** lock is only taken to take a text, and no thread waits for another.
** The docs come from the annotator's spares and go back to them
** (spare_docs.h): the next batch starts with warm ones.
*/
#include <pthread.h>
#include <unistd.h>

#include "base/internal.h"
#include "batch.h"
#include "spare_docs.h"

enum { SLOTS_PER_THREAD = 4 };

typedef struct slot {
  kiji_doc *doc;
  size_t most; /* the longest text it annotated */
  kiji_status status;
  int done; /* annotated, not yet delivered */
} slot;

typedef struct batch {
  pthread_mutex_t mu;
  pthread_cond_t cv; /* a slot was freed, or the batch stopped */
  const kiji_annotator *a;
  const kiji_str *texts;
  size_t n;
  const kiji_annotate_options *opts; /* nopts of them: 0, 1 or n */
  size_t nopts;
  kiji_batch_fn fn;
  void *ud;
  slot *slots;
  size_t nslots;
  size_t next;  /* the next text to take */
  size_t emit;  /* the next text to deliver */
  int emitting; /* a thread is delivering */
  int stop;     /* fn asked to stop */
  int any_order;
} batch;

/* Deliver the finished texts in order (b->mu held, and held again after). */
static void deliver(batch *b) {
  b->emitting = 1;
  while (!b->stop && b->emit < b->n && b->slots[b->emit % b->nslots].done) {
    slot *s = &b->slots[b->emit % b->nslots];
    int r;
    pthread_mutex_unlock(&b->mu);
    r = b->fn(b->ud, b->emit, s->status, s->doc);
    pthread_mutex_lock(&b->mu);
    s->done = 0;
    b->emit++;
    if (r != 0) b->stop = 1;
    pthread_cond_broadcast(&b->cv);
  }
  b->emitting = 0;
}

static const kiji_annotate_options *options_of(const batch *b, size_t i) {
  return b->nopts == 0 ? NULL : b->opts + (b->nopts == 1 ? 0 : i);
}

/* In any order: fn called here, with this thread's doc. */
static void work_any_order(batch *b, slot *own) {
  for (;;) {
    size_t i;
    kiji_status st;
    pthread_mutex_lock(&b->mu);
    if (b->stop || b->next >= b->n) {
      pthread_mutex_unlock(&b->mu);
      break;
    }
    i = b->next++;
    pthread_mutex_unlock(&b->mu);
    if (b->texts[i].len > own->most) own->most = b->texts[i].len;
    st = kiji_annotate(b->a, own->doc, b->texts[i].ptr, b->texts[i].len, options_of(b, i));
    if (b->fn(b->ud, i, st, own->doc) != 0) {
      pthread_mutex_lock(&b->mu);
      b->stop = 1;
      pthread_mutex_unlock(&b->mu);
    }
  }
}

static void *work(void *p) {
  batch *b = p;
  if (b->any_order) { /* a thread that cannot have a doc leaves the texts to the others */
    slot own;
    own.most = 0;
    if ((own.doc = kiji_ann_spare_take(kiji_ann_spares_of(b->a))) != NULL) work_any_order(b, &own);
    kiji_ann_spare_give(kiji_ann_spares_of(b->a), own.doc, own.most);
    return NULL;
  }
  pthread_mutex_lock(&b->mu);
  for (;;) {
    size_t i;
    slot *s;
    kiji_status st;
    while (!b->stop && b->next < b->n && b->next >= b->emit + b->nslots)
      pthread_cond_wait(&b->cv, &b->mu);
    if (b->stop || b->next >= b->n) break;
    i = b->next++;
    s = &b->slots[i % b->nslots];
    pthread_mutex_unlock(&b->mu);
    if (b->texts[i].len > s->most) s->most = b->texts[i].len;
    st = kiji_annotate(b->a, s->doc, b->texts[i].ptr, b->texts[i].len, options_of(b, i));
    pthread_mutex_lock(&b->mu);
    s->status = st;
    s->done = 1;
    if (!b->emitting) deliver(b);
  }
  pthread_cond_broadcast(&b->cv);
  pthread_mutex_unlock(&b->mu);
  return NULL;
}

size_t kiji_ann_batch_threads(unsigned threads, size_t n) {
  long cores = sysconf(_SC_NPROCESSORS_ONLN);
  size_t nth = threads ? threads : cores > 0 ? (size_t)cores : 1;
  return nth < n ? nth : n;
}

static kiji_status run_batch(const kiji_annotator *a, const kiji_str *texts, size_t n,
                             const kiji_annotate_options *opts, size_t nopts, unsigned threads,
                             kiji_batch_fn fn, void *ud, int any_order) {
  batch b;
  pthread_t *th = NULL;
  size_t nth, started = 0, i;
  kiji_status st = KIJI_OK;
  if (a == NULL || fn == NULL || (texts == NULL && n > 0) || (opts == NULL && nopts > 0) ||
      (nopts > 1 && nopts != n))
    return KIJI_EINVAL;
  if (n == 0) return KIJI_OK;
  nth = kiji_ann_batch_threads(threads, n);
  if (nth > ((size_t)-1) / sizeof *th / SLOTS_PER_THREAD) return KIJI_EINVAL;
  b.a = a;
  b.texts = texts;
  b.n = n;
  b.opts = opts;
  b.nopts = nopts;
  b.fn = fn;
  b.ud = ud;
  b.next = b.emit = 0;
  b.emitting = b.stop = 0;
  b.any_order = any_order;
  b.nslots = any_order ? 1 : nth * SLOTS_PER_THREAD; /* any order: the caller's thread's doc */
  if (b.nslots > n) b.nslots = n;                    /* (no doc that no text would warm) */
  if ((b.slots = kiji_alloc(b.nslots * sizeof *b.slots)) == NULL) return KIJI_ENOMEM;
  for (i = 0; i < b.nslots; i++) {
    b.slots[i].done = 0;
    b.slots[i].most = 0;
    if ((b.slots[i].doc = kiji_ann_spare_take(kiji_ann_spares_of(a))) == NULL) break;
  }
  b.nslots = i; /* fewer slots when memory runs short: slower, still right */
  if (b.nslots == 0) {
    kiji_dealloc(b.slots);
    return KIJI_ENOMEM;
  }
  if (pthread_mutex_init(&b.mu, NULL) != 0) {
    st = KIJI_ENOMEM;
    goto out;
  }
  if (pthread_cond_init(&b.cv, NULL) != 0) {
    pthread_mutex_destroy(&b.mu);
    st = KIJI_ENOMEM;
    goto out;
  }
  /* the caller's thread is one of them; fewer when threads cannot start */
  if (nth > 1 && (th = kiji_alloc((nth - 1) * sizeof *th)) != NULL)
    while (started < nth - 1 && pthread_create(&th[started], NULL, work, &b) == 0) started++;
  if (any_order)
    work_any_order(&b, &b.slots[0]);
  else
    work(&b);
  for (i = 0; i < started; i++) pthread_join(th[i], NULL);
  kiji_dealloc(th);
  pthread_cond_destroy(&b.cv);
  pthread_mutex_destroy(&b.mu);
out:
  for (i = 0; i < b.nslots; i++)
    kiji_ann_spare_give(kiji_ann_spares_of(a), b.slots[i].doc, b.slots[i].most);
  kiji_dealloc(b.slots);
  return st;
}

kiji_status kiji_annotate_batch(const kiji_annotator *a, const kiji_str *texts, size_t n,
                                const kiji_annotate_options *opts, size_t nopts, unsigned threads,
                                kiji_batch_fn fn, void *ud) {
  return run_batch(a, texts, n, opts, nopts, threads, fn, ud, 0);
}

kiji_status kiji_annotate_batch_any_order(const kiji_annotator *a, const kiji_str *texts, size_t n,
                                          const kiji_annotate_options *opts, size_t nopts,
                                          unsigned threads, kiji_batch_fn fn, void *ud) {
  return run_batch(a, texts, n, opts, nopts, threads, fn, ud, 1);
}
