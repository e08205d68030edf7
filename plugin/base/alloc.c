/*
** alloc.c -- the one place kiji asks for memory. Nothing else lives here:
** a test build links tests/c/alloc_fail.c instead of this file, to make
** the N-th allocation fail (kiji_grow, which uses these, is in grow.c).
*/
#include <stdlib.h>

#include "internal.h"

void *kiji_alloc(size_t size) { return malloc(size ? size : 1); }

void *kiji_realloc(void *p, size_t size) { return realloc(p, size ? size : 1); }

void kiji_dealloc(void *p) { free(p); }
