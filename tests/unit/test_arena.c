/* test_arena.c - the region allocator. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "toets/arena.h"

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc),
	};
	return cmocka_run_group_tests_name("arena", tests, NULL, NULL);
}
