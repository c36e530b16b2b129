/* arena.h - region allocator: many small allocations, one free.
 * A loaded framework and its YAML tree live in one arena. */
#ifndef TOETS_ARENA_H
#define TOETS_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
/* Zeroed memory aligned for any type; never NULL (see xalloc.h). */
void *arena_alloc(struct arena *a, size_t size);
void *arena_array(struct arena *a, size_t n, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Bytes handed out so far (for limits and benchmarks). */
size_t arena_used(const struct arena *a);
void arena_free(struct arena **a);

#endif
