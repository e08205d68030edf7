/*
** batch.h -- what kiji_annotate_batch (batch.c) shares with the other
** runners of many texts, the Lua binding's async batches: how many
** threads a batch runs on.
*/
#ifndef KIJI_BATCH_H
#define KIJI_BATCH_H

#include "base/internal.h"

/* The threads of a batch of n texts (n > 0) that asks for `threads`: 0
** asks for one per core; never more than n (no thread that no text needs). */
KIJI_HIDDEN size_t kiji_ann_batch_threads(unsigned threads, size_t n);

#endif
