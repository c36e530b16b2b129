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
	char a[600], b[600], c[600], d[600];
	snprintf(a, sizeof(a), "%s/a", root);
	snprintf(b, sizeof(b), "%s/b", root);
	snprintf(c, sizeof(c), "%s/c", root);
	snprintf(d, sizeof(d), "%s/d", root);
	mkdir(a, 0700);
	mkdir(b, 0700);
	mkdir(c, 0700);
	mkdir(d, 0700);
	/* c: a broken isp.yaml before a valid isp in d; two files with id
	 * csirt; a broken file that cannot hold "cert". */
	write_file(c, "isp.yaml", "format: 1\nid: isp\nversion: [\n");
	write_file(c, "csirt-1.yaml", FW("csirt", "1"));
	write_file(c, "csirt-2.yaml", FW("csirt", "2"));
	write_file(c, "concept.yaml", "format: 1\n");
	write_file(d, "isp.yaml", FW("isp", "1"));
	write_file(d, "csirt.yaml", FW("csirt", "9"));
	write_file(d, "cert.yaml", FW("cert", "1"));
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
				"b/oktt.yaml", "b/cert.yaml", "c/isp.yaml", "c/csirt-1.yaml",
				"c/csirt-2.yaml", "c/concept.yaml", "d/isp.yaml", "d/csirt.yaml",
				"d/cert.yaml", "a", "b", "c", "d", "" };
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

/* A file that does not load is not passed over for a later one when it
 * may be the framework meant; two files with one id in one directory are
 * both errors. */
static void test_lookup(void **state)
{
	(void)state;
	char c[600], d[600];
	snprintf(c, sizeof(c), "%s/c", root);
	snprintf(d, sizeof(d), "%s/d", root);
	char *dirs[] = { c, d };
	struct path_list pl = { dirs, 2 };
	struct catalog cat;
	catalog_scan(&cat, &pl);
	/* c/concept, c/csirt-1, c/csirt-2, c/isp, d/cert, d/csirt, d/isp */
	assert_int_equal(cat.n, 7);
	for (size_t i = 1; i <= 2; i++) {
		assert_null(cat.items[i].kader);
		assert_int_equal(cat.items[i].status, TOETS_ERR_INVALID);
		assert_string_equal(cat.items[i].clash_id, "csirt");
	}
	assert_string_equal(cat.items[1].diags.items[0].message,
			    "framework id \"csirt\" is also used by \"csirt-2.yaml\" in the same "
			    "directory: give each framework its own id");
	const struct catalog_entry *e;
	/* isp: c/isp.yaml does not load and comes first */
	assert_int_equal(catalog_lookup(&cat, "isp", &e), TOETS_ERR_INVALID);
	assert_ptr_equal(e, &cat.items[3]);
	/* csirt: the clashing files come first */
	assert_int_equal(catalog_lookup(&cat, "csirt", &e), TOETS_ERR_INVALID);
	assert_ptr_equal(e, &cat.items[1]);
	/* cert: concept.yaml is broken but cannot be it */
	assert_int_equal(catalog_lookup(&cat, "cert", &e), TOETS_OK);
	assert_ptr_equal(e, &cat.items[4]);
	assert_int_equal(catalog_lookup(&cat, "oktt", &e), TOETS_ERR_NOT_FOUND);
	assert_null(e);
	/* the plain lookup still finds what loaded */
	assert_ptr_equal(catalog_find(&cat, "isp"), &cat.items[6]);
	catalog_release(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scan),
		cmocka_unit_test(test_lookup),
	};
	return cmocka_run_group_tests_name("catalog", tests, setup, teardown);
}
