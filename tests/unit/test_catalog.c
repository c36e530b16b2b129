/* test_catalog.c - frameworks on a search path: order, shadowing, files
 * that do not load. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "toets/catalog.h"

static char root[] = "/tmp/toets-catalog.XXXXXX";

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

#define FW(id, version) \
	"format: 1\nid: " id "\nversion: '" version "'\ntitle: {nl: t, en: t}\napplies_to: [oktt]\n" \
	"legal_basis: [x]\nvalid_from: 2022-12-01\ncriteria:\n" \
	"  - {id: c, title: {nl: c, en: c}, legal_basis: [x], mandatory: true,\n" \
	"     questions: [{id: q, text: {nl: q, en: q}, type: text}]}\n"

static int setup(void **state)
{
	(void)state;
	if (!mkdtemp(root))
		return -1;
	char a[600], b[600];
	snprintf(a, sizeof(a), "%s/a", root);
	snprintf(b, sizeof(b), "%s/b", root);
	mkdir(a, 0700);
	mkdir(b, 0700);
	write_file(a, "oktt.yaml", FW("oktt", "2"));
	write_file(a, "broken.yaml", "format: 1\nid: [\n");
	write_file(a, "notes.txt", "not a framework");
	write_file(a, ".hidden.yaml", FW("hidden", "1"));
	write_file(b, "oktt.yaml", FW("oktt", "1"));
	write_file(b, "cert.yaml", FW("cert", "1"));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	const char *names[] = { "a/oktt.yaml", "a/broken.yaml", "a/notes.txt", "a/.hidden.yaml",
				"b/oktt.yaml", "b/cert.yaml", "a", "b", "" };
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char path[600];
		snprintf(path, sizeof(path), "%s/%s", root, names[i]);
		remove(path);
	}
	return 0;
}

static void test_scan(void **state)
{
	(void)state;
	char a[600], b[600], missing[600];
	snprintf(a, sizeof(a), "%s/a", root);
	snprintf(b, sizeof(b), "%s/b", root);
	snprintf(missing, sizeof(missing), "%s/none", root);
	char *dirs[] = { missing, a, b };
	struct path_list pl = { dirs, 3 };
	struct catalog cat;
	catalog_scan(&cat, &pl);
	/* a/broken, a/oktt, b/cert, b/oktt: by directory, then by name */
	assert_int_equal(cat.n, 4);
	assert_null(cat.items[0].kader);
	assert_int_equal(cat.items[0].status, TOETS_ERR_INVALID);
	assert_true(cat.items[0].diags.n_errors > 0);
	assert_string_equal(cat.items[1].kader->version, "2");
	assert_false(cat.items[1].shadowed);
	assert_string_equal(cat.items[2].kader->id, "cert");
	assert_true(cat.items[3].shadowed);
	assert_true(catalog_has_errors(&cat));
	const struct catalog_entry *e = catalog_find(&cat, "oktt");
	assert_ptr_equal(e, &cat.items[1]);
	assert_null(catalog_find(&cat, "isp"));
	assert_null(catalog_find(&cat, "hidden"));
	catalog_release(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan),
	};
	return cmocka_run_group_tests_name("catalog", tests, setup, teardown);
}
