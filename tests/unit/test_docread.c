/* test_docread.c - a document read whole into memory: byte-exact (NUL
 * bytes and all, with a NUL after them), the size limit, the hash check,
 * documents of another dossier, and which bytes count as text. */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "toets/docread.h"
#include "toets/document.h"
#include "toets/dossier.h"
#include "toets/store.h"
#include "toets/xalloc.h"

#include "fixture.h"

struct fx {
	char dir[64];
	char path[128];
	struct store *s;
	char ref[2][DOSSIER_REF_LEN];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/toets-ut-docread.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/toets.db", f->dir);
	struct toets_error e;
	if (store_open(f->path, &f->s, &e) != TOETS_OK)
		return -1;
	const char *names[2] = { "Stichting Leesbaar", "Andere Stichting" };
	for (int i = 0; i < 2; i++) {
		struct dossier_new in = { .category = CATEGORY_OKTT };
		in.org.name = (char *)names[i];
		if (dossier_create(f->s, &in, f->ref[i], &e) != TOETS_OK)
			return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(&f->s);
	nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

/* Adds a document with these bytes to dossier i; its id in id. */
static void add(struct fx *f, int i, const void *data, size_t n, char id[STORE_ID_LEN])
{
	char *path = xasprintf("%s/in-%zu.bin", f->dir, n);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, data, n), (ssize_t)n);
	assert_int_equal(close(fd), 0);
	struct toets_error e = { TOETS_OK, "" };
	if (document_add(f->s, f->ref[i], path, "stuk", "overig", NULL, id, &e) != TOETS_OK)
		fail_msg("document_add: %s", e.message);
	unlink(path);
	free(path);
}

static void test_reads_bytes_exactly(void **state)
{
	struct fx *f = *state;
	unsigned char data[256];
	for (int i = 0; i < 256; i++)
		data[i] = (unsigned char)i;
	char id[STORE_ID_LEN];
	add(f, 0, data, sizeof(data), id);
	char *buf = NULL;
	size_t len = 0;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(document_read(f->s, f->ref[0], id, 0, &buf, &len, &e), TOETS_OK);
	assert_int_equal(len, sizeof(data));
	assert_memory_equal(buf, data, sizeof(data));
	assert_int_equal(buf[len], '\0');
	free(buf);
	/* By a prefix of its id, as the command line names it. */
	char prefix[9];
	snprintf(prefix, sizeof(prefix), "%.8s", id);
	assert_int_equal(document_read(f->s, f->ref[0], prefix, 0, &buf, &len, &e), TOETS_OK);
	assert_int_equal(len, sizeof(data));
	free(buf);
}

static void test_empty_document(void **state)
{
	struct fx *f = *state;
	char id[STORE_ID_LEN];
	add(f, 0, "", 0, id);
	char *buf = NULL;
	size_t len = 99;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(document_read(f->s, f->ref[0], id, 0, &buf, &len, &e), TOETS_OK);
	assert_int_equal(len, 0);
	assert_non_null(buf);
	assert_string_equal(buf, "");
	assert_true(document_is_text(buf, len));
	free(buf);
}

static void test_larger_than_max_is_refused(void **state)
{
	struct fx *f = *state;
	char id[STORE_ID_LEN];
	add(f, 0, "0123456789", 10, id);
	char *buf = (char *)"untouched";
	size_t len = 5;
	struct toets_error e = { TOETS_OK, "" };
	assert_int_equal(document_read(f->s, f->ref[0], id, 9, &buf, &len, &e), TOETS_ERR_REFUSED);
	assert_null(buf);
	assert_int_equal(len, 0);
	assert_string_equal(e.message, "the document is 10 bytes; the pager shows text documents up to 9 bytes");
	/* Exactly max is fine. */
	assert_int_equal(document_read(f->s, f->ref[0], id, 10, &buf, &len, &e), TOETS_OK);
	assert_string_equal(buf, "0123456789");
	free(buf);
}

static void test_hash_mismatch_gives_nothing(void **state)
{
	struct fx *f = *state;
	char id[STORE_ID_LEN];
	add(f, 0, "beleid", 6, id);
	/* Same length, other bytes; then another length. */
	const char *tamper[] = { "UPDATE document SET content = X'42454c454944'",
				 "UPDATE document SET content = X'42'" };
	for (size_t t = 0; t < 2; t++) {
		assert_int_equal(sqlite3_exec(store_db(f->s), tamper[t], NULL, NULL, NULL), SQLITE_OK);
		char *buf = NULL;
		size_t len = 0;
		struct toets_error e = { TOETS_OK, "" };
		assert_int_equal(document_read(f->s, f->ref[0], id, 0, &buf, &len, &e), TOETS_ERR_CORRUPT);
		assert_null(buf);
		assert_int_equal(len, 0);
		assert_non_null(strstr(e.message, "does not match its SHA-256"));
	}
}

static void test_other_dossier_and_unknown(void **state)
{
	struct fx *f = *state;
	char id[STORE_ID_LEN];
	add(f, 0, "van de eerste", 13, id);
	char *buf = NULL;
	size_t len = 0;
	struct toets_error e = { TOETS_OK, "" };
	/* Another dossier's document is not found through this one. */
	assert_int_equal(document_read(f->s, f->ref[1], id, 0, &buf, &len, &e), TOETS_ERR_NOT_FOUND);
	assert_null(buf);
	assert_int_equal(document_read(f->s, "2099-0001", id, 0, &buf, &len, &e), TOETS_ERR_NOT_FOUND);
	assert_null(buf);
	assert_int_equal(document_read(f->s, f->ref[0], "ab", 0, &buf, &len, &e), TOETS_ERR_INVALID);
	assert_null(buf);
}

static void test_is_text(void **state)
{
	(void)state;
	const char dutch[] = "Zu\xC3\xAF" "d, \xC4\xB2sselmeer, ca\xC3\xA9\r\n\tregel\f";
	assert_true(document_is_text(dutch, sizeof(dutch) - 1));
	assert_true(document_is_text("", 0));
	/* A NUL byte, an escape sequence, DEL, C1 controls, broken UTF-8. */
	assert_false(document_is_text("a\0b", 3));
	assert_false(document_is_text("\x1b[2J", 4));
	assert_false(document_is_text("a\x7f", 2));
	assert_false(document_is_text("\xC2\x9B" "2J", 4));
	assert_false(document_is_text("caf\xE9", 4));          /* Latin-1 */
	assert_false(document_is_text("\xC3", 1));             /* cut off */
	assert_false(document_is_text("%PDF-1.4\n\x80\x81", 11));
	/* The length counts, not a NUL. */
	assert_true(document_is_text("ok\0", 2));
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_reads_bytes_exactly),
		T(test_empty_document),
		T(test_larger_than_max_is_refused),
		T(test_hash_mismatch_gives_nothing),
		T(test_other_dossier_and_unknown),
		cmocka_unit_test(test_is_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
