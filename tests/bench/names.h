/*
** names.h -- generated names for the dictionary benchmarks (bench_dict,
** bench_scale): half English ("Maria K. Okafor", "Pacific Steel
** Holdings"), half Japanese (田中美咲, ミナト電機株式会社), drawn from
** fixed word lists by a fixed-seed PRNG, so every machine benchmarks the
** same dictionaries.
*/
#ifndef KIJI_BENCH_NAMES_H
#define KIJI_BENCH_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* The state to start from; any nonzero value works. */
#define KIJI_BENCH_NAME_SEED UINT64_C(0x2545F4914F6CDD1D)
/* buf must hold this many bytes: the longest name is far shorter. */
#define KIJI_BENCH_NAME_MAX 256

/*
** The next name of the sequence in *state, into buf (NUL-terminated);
** returns its length. *kind receives "person" or "org".
*/
size_t kiji_bench_name(uint64_t *state, char *buf, const char **kind);

#endif
