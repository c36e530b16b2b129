/* test_arena.c - the region allocator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "toets/arena.h"
#include "toets/xalloc.h"

static void test_alloc(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char *s = arena_strdup(a, "Coöperatie");
	assert_string_equal(s, "Coöperatie");
	/* zeroed, aligned, and large blocks keep earlier ones intact */
	unsigned char *z = arena_alloc(a, 100);
	for (int i = 0; i < 100; i++)
		assert_int_equal(z[i], 0);
	assert_int_equal((uintptr_t)z % _Alignof(max_align_t), 0);
	char *big = arena_alloc(a, 1 << 20);
	memset(big, 'x', 1 << 20);
	char *after = arena_strndup(a, "abcdef", 3);
	assert_string_equal(after, "abc");
	assert_string_equal(s, "Coöperatie");
	assert_true(arena_used(a) >= (1u << 20) + 100);
	for (int i = 0; i < 10000; i++)
		assert_non_null(arena_array(a, 3, sizeof(int)));
	arena_free(&a);
	assert_null(a);
	arena_free(&a); /* freeing NULL is harmless */
}

static jmp_buf oom_jump;
static size_t oom_size;

static void fake_oom(size_t size)
{
	oom_size = size;
	longjmp(oom_jump, 1);
}

/* Sizes that overflow go straight to the out-of-memory hook. */
static void test_overflow(void **state)
{
	(void)state;
	struct arena *volatile a = arena_new();
	xalloc_set_oom_handler(fake_oom);
	oom_size = 0;
	if (setjmp(oom_jump) == 0)
		(void)arena_array(a, SIZE_MAX / 2, 4);
	assert_int_equal(oom_size, SIZE_MAX);
	oom_size = 0;
	if (setjmp(oom_jump) == 0)
		(void)arena_alloc(a, SIZE_MAX - 1);
	assert_int_equal(oom_size, SIZE_MAX);
	xalloc_set_oom_handler(NULL);
	struct arena *b = a;
	arena_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc),
		cmocka_unit_test(test_overflow),
	};
	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
