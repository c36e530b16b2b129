/* test_xalloc.c - growable strings and arrays. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "toets/xalloc.h"

static void test_strbuf(void **state)
{
	(void)state;
	struct strbuf sb = STRBUF_INIT;
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_adds(&sb, "ab");
	strbuf_addc(&sb, 'c');
	strbuf_addf(&sb, "-%d-%s", 42, "ë");
	assert_string_equal(strbuf_str(&sb), "abc-42-ë");
	assert_int_equal(sb.len, 9);
	for (int i = 0; i < 1000; i++)
		strbuf_addf(&sb, "%04d", i);
	assert_int_equal(sb.len, 9 + 4000);
	strbuf_reset(&sb);
	assert_string_equal(strbuf_str(&sb), "");
	strbuf_adds(&sb, "x");
	char *s = strbuf_detach(&sb);
	assert_string_equal(s, "x");
	assert_null(sb.data);
	free(s);
	s = strbuf_detach(&sb); /* an empty buffer gives "" */
	assert_string_equal(s, "");
	xfree(&s);
	assert_null(s);
	s = xasprintf("%s=%d", "n", 7);
	assert_string_equal(s, "n=7");
	free(s);
}

static void test_xgrow(void **state)
{
	(void)state;
	int *v = NULL;
	size_t cap = 0;
	for (int i = 0; i < 1000; i++) {
		v = xgrow(v, &cap, (size_t)i + 1, sizeof(*v));
		v[i] = i;
	}
	assert_true(cap >= 1000);
	assert_int_equal(v[999], 999);
	free(v);
}

static int oom_called;
static jmp_buf oom_jump;

static void fake_oom(size_t size)
{
	(void)size;
	oom_called = 1;
	longjmp(oom_jump, 1);
}

/* An impossible size reaches the out-of-memory hook, not a NULL return. */
static void test_oom_hook(void **state)
{
	(void)state;
	xalloc_set_oom_handler(fake_oom);
	if (setjmp(oom_jump) == 0) {
		size_t cap = SIZE_MAX / 2 + 1;
		(void)xgrow(NULL, &cap, SIZE_MAX, 16);
	}
	assert_int_equal(oom_called, 1);
	xalloc_set_oom_handler(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strbuf),
		cmocka_unit_test(test_xgrow),
		cmocka_unit_test(test_oom_hook),
	};
	return cmocka_run_group_tests_name("xalloc", tests, NULL, NULL);
}
