/* test_constituency.c - a partner's AS numbers, prefixes and domain names:
 * every class of error with its exact message, line and column; warnings
 * for reserved AS numbers and special-purpose blocks; normalisation (RFC
 * 5952, case); overlaps of each kind; lookups against a brute-force scan of
 * random data; suffix matches only on label boundaries. */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <arpa/inet.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "toets/constituency.h"
#include "toets/xalloc.h"

#include "fixture.h"

/* ---- helpers ---------------------------------------------------------------- */

static enum toets_status parse(const char *text, struct constituency_list *l, struct diag_list *dl)
{
	diag_init(dl, "c.txt");
	return constituency_parse_buffer(text, strlen(text), l, dl);
}

struct want {
	unsigned line, col;
	const char *message;
};

static void check_diags(const struct diag_list *dl, enum diag_severity sev, const struct want *w, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < dl->n; i++) {
		const struct diag *d = &dl->items[i];
		if (d->severity != sev)
			continue;
		if (k >= n)
			fail_msg("unexpected diagnostic %u:%u: %s", d->line, d->col, d->message);
		if (strcmp(d->message, w[k].message) != 0 || d->line != w[k].line || d->col != w[k].col)
			fail_msg("line %u: got %u:%u: %s\n        want %u:%u: %s", w[k].line, d->line, d->col,
				 d->message, w[k].line, w[k].col, w[k].message);
		k++;
	}
	assert_int_equal(k, n);
}

/* The normalised text of one line, or its error message. */
static const char *norm(const char *line)
{
	static struct constituency_value v;
	static struct toets_error e;
	if (constituency_parse_line(line, strlen(line), &v, &e) != TOETS_OK)
		return e.message;
	return v.text;
}

/* ---- errors ------------------------------------------------------------------ */

static void test_errors(void **state)
{
	(void)state;
	char long_label[100], long_name[300];
	memset(long_label, 'a', 64);
	strcpy(long_label + 64, ".nl\n");
	/* 63 + 1 + 63 + 1 + 63 + 1 + 60 + 3 = 255 characters */
	size_t w = 0;
	const char parts[] = "bcde";
	for (int k = 0; k < 4; k++) {
		size_t n = k == 3 ? 60 : 63;
		memset(long_name + w, parts[k], n);
		w += n;
		long_name[w++] = '.';
	}
	strcpy(long_name + w, "nl\n");
	struct strbuf text = STRBUF_INIT;
	strbuf_adds(&text, "# constituency of Voorbeeld\n"      /* 1 */
			   "AS0\n"                               /* 2 */
			   "AS4294967296\n"                      /* 3 */
			   "  hello world\n"                     /* 4 */
			   "%%%\n"                               /* 5 */
			   "192.0.2.010\n"                       /* 6 */
			   "192.0.2.0/33\n"                      /* 7 */
			   "192.0.2.1/24\n"                      /* 8 */
			   "2001:db8::g\n"                       /* 9 */
			   "bücher.nl\n");                       /* 10 */
	strbuf_adds(&text, long_label);                     /* 11 */
	strbuf_adds(&text, long_name);                      /* 12 */
	strbuf_adds(&text, "-example.nl\n"                  /* 13 */
			   "localhost\n"                        /* 14 */
			   "example..nl\n"                      /* 15 */
			   "2001:db8::/129\n"                   /* 16 */
			   "AS0123\n"                           /* 17 */
			   "AS1.10\n"                           /* 18 */
			   "192.0.2.256\n"                      /* 19 */
			   "192.0.2\n"                          /* 20 */
			   "exa_mple.nl\n"                      /* 21 */
			   "example-.nl\n"                      /* 22 */
			   "ab--cd.nl\n"                        /* 23 */
			   "xn--999999999999.nl\n"              /* 24 */
			   "::ffff:192.0.2.1\n"                 /* 25 */
			   "https://example.nl/\n"              /* 26 */
			   "AS-VOORBEELD\n"                     /* 27 */
			   "example.123\n"                      /* 28 */
			   "\xff\xfe\n"                         /* 29 */
			   "2001:DB8::1/32\n"                   /* 30 */
			   "*.*.example.nl\r\n"                 /* 31 */
			   "192.0.2.0/\n"                       /* 32 */
			   "99999999999999999999999\n"          /* 33 */
			   "example.nl/24\n"                    /* 34 */
			   "192.0.2.0/024\n"                    /* 35 */
			   "fe80::1%eth0\n"                     /* 36 */
			   "AS 1103\n"                          /* 37 */
			   "   \t  # only a comment, then a blank line\n" /* 38 */
			   "\n"                                 /* 39 */
			   "example.nl # and a good line\n");   /* 40 */
	const struct want want[] = {
		{ 2, 1, "AS0 is reserved and never announced (RFC 7607)" },
		{ 3, 1, "AS number \"4294967296\" is too large: the largest is 4294967295" },
		{ 4, 9, "one entry per line: \"world\" follows \"hello\"" },
		{ 5, 1, "\"%%%\" is not an AS number, IP address or prefix, or domain name" },
		{ 6, 9,
		  "\"010\" in \"192.0.2.010\" has a leading zero, which some programs read as octal; write the "
		  "number without it" },
		{ 7, 11, "invalid prefix length \"33\": expected a number from 0 to 32" },
		{ 8, 1, "192.0.2.1/24 has host bits set; did you mean 192.0.2.0/24?" },
		{ 9, 1, "invalid IPv6 address \"2001:db8::g\"" },
		{ 10, 2,
		  "\"bücher.nl\" is not ASCII: write an internationalised domain name in its A-label (xn--) "
		  "form" },
		{ 11, 1,
		  "label \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...\" is 64 characters "
		  "long; a label has at most 63" },
		{ 12, 1, "domain name is 255 characters long; at most 253 are allowed" },
		{ 13, 1, "label \"-example\" starts with a hyphen" },
		{ 14, 1, "\"localhost\" is a single label; a domain name needs at least two (example.nl)" },
		{ 15, 9, "empty label in domain name \"example..nl\"" },
		{ 16, 12, "invalid prefix length \"129\": expected a number from 0 to 128" },
		{ 17, 1, "AS number \"AS0123\" has a leading zero; write AS123" },
		{ 18, 1, "\"AS1.10\" is an AS number in asdot notation; write AS65546" },
		{ 19, 9, "\"256\" in \"192.0.2.256\" is larger than 255" },
		{ 20, 1,
		  "invalid IPv4 address \"192.0.2\": expected four numbers from 0 to 255 separated by dots" },
		{ 21, 4,
		  "invalid character \"_\" in domain name; use only letters, digits, hyphens and dots" },
		{ 22, 8, "label \"example-\" ends with a hyphen" },
		{ 23, 1,
		  "label \"ab--cd\" has hyphens in the third and fourth position, which only A-labels (xn--) "
		  "may have" },
		{ 24, 1,
		  "label \"xn--999999999999\" is not a valid A-label: what follows xn-- is not Punycode of a "
		  "non-ASCII name (RFC 3492)" },
		{ 25, 1, "::ffff:192.0.2.1 is an IPv4-mapped IPv6 address; write the IPv4 prefix 192.0.2.1/32" },
		{ 26, 1, "\"https://example.nl/\" is a URL; write the domain name alone (example.nl)" },
		{ 27, 1, "\"AS-VOORBEELD\" is an AS-SET; list its AS numbers instead" },
		{ 28, 9, "the last label of \"example.123\" is all digits; no top-level domain is" },
		{ 29, 1, "invalid UTF-8" },
		{ 30, 1, "2001:db8::1/32 has host bits set; did you mean 2001:db8::/32?" },
		{ 31, 3,
		  "invalid character \"*\" in domain name; use only letters, digits, hyphens and dots" },
		{ 32, 11, "invalid prefix length \"\": expected a number from 0 to 32" },
		{ 33, 1, "AS number \"99999999999999999999999\" is too large: the largest is 4294967295" },
		{ 34, 1,
		  "\"example.nl/24\" is not an AS number, IP address or prefix, or domain name" },
		{ 35, 11, "invalid prefix length \"024\": expected a number from 0 to 32" },
		{ 36, 1, "invalid IPv6 address \"fe80::1%eth0\"" },
		{ 37, 3, "write the AS number without a space: AS1103" },
	};
	struct constituency_list l;
	struct diag_list dl;
	assert_int_equal(parse(strbuf_str(&text), &l, &dl), TOETS_ERR_INVALID);
	check_diags(&dl, DIAG_ERROR, want, sizeof(want) / sizeof(want[0]));
	assert_int_equal(l.n, 0); /* an import with an error yields nothing */
	assert_null(l.items);

	/* As the CLI shows it: FILE:LINE:COL, the line, a caret. */
	struct strbuf out = STRBUF_INIT;
	diag_format(&dl, &dl.items[6], &out);
	assert_string_equal(strbuf_str(&out), "c.txt:8:1: 192.0.2.1/24 has host bits set; did you mean "
					      "192.0.2.0/24?\n"
					      " 8 | 192.0.2.1/24\n"
					      "   | ^\n");
	strbuf_release(&out);
	constituency_list_release(&l);
	diag_release(&dl);
	strbuf_release(&text);
}

static void test_error_cap(void **state)
{
	(void)state;
	struct strbuf text = STRBUF_INIT;
	for (int i = 0; i < 80; i++)
		strbuf_addf(&text, "%s\n", i == 10 ? "example.nl" : "AS0");
	struct constituency_list l;
	struct diag_list dl;
	assert_int_equal(parse(strbuf_str(&text), &l, &dl), TOETS_ERR_INVALID);
	assert_int_equal(dl.n_errors, DIAG_MAX_ERRORS);
	assert_true(dl.stopped);
	assert_int_equal(dl.items[dl.n - 1].line, 51); /* line 11 was good */
	assert_int_equal(l.n, 0);
	constituency_list_release(&l);
	diag_release(&dl);
	strbuf_release(&text);
}

/* ---- warnings ----------------------------------------------------------------------- */

static void test_warnings(void **state)
{
	(void)state;
	const char *text = "AS1103\n"        /* 1: SURF, fine */
			   "AS23456\n"       /* 2 */
			   "AS64496\n"       /* 3 */
			   "AS64511\n"       /* 4 */
			   "AS64512\n"       /* 5 */
			   "AS65534\n"       /* 6 */
			   "AS65535\n"       /* 7 */
			   "AS65536\n"       /* 8 */
			   "AS65551\n"       /* 9 */
			   "AS65552\n"       /* 10 */
			   "AS131071\n"      /* 11 */
			   "AS131072\n"      /* 12: fine */
			   "AS4199999999\n"  /* 13: fine */
			   "AS4200000000\n"  /* 14 */
			   "AS4294967294\n"  /* 15 */
			   "AS4294967295\n"  /* 16 */
			   "10.1.0.0/16\n"   /* 17 */
			   "2001:db8::/48\n" /* 18 */
			   "0.0.0.0/0\n"     /* 19 */
			   "  *.example.nl\n" /* 20 */
			   "www.example.test\n" /* 21 */
			   "EXAMPLE.NL.\n"   /* 22: repeats 20 */
			   "as1103\n"        /* 23: repeats 1 */
			   "145.100.0.0/15\n" /* 24: fine */
			   "example.com\n";  /* 25 */
	const struct want want[] = {
		{ 2, 1, "AS23456 is AS_TRANS, the stand-in for 4-byte AS numbers (RFC 6793), never a network" },
		{ 3, 1, "AS64496 is reserved for documentation (RFC 5398)" },
		{ 4, 1, "AS64511 is reserved for documentation (RFC 5398)" },
		{ 5, 1, "AS64512 is reserved for private use (RFC 6996)" },
		{ 6, 1, "AS65534 is reserved for private use (RFC 6996)" },
		{ 7, 1, "AS65535 is reserved: the last AS number of its range (RFC 7300)" },
		{ 8, 1, "AS65536 is reserved for documentation (RFC 5398)" },
		{ 9, 1, "AS65551 is reserved for documentation (RFC 5398)" },
		{ 10, 1, "AS65552 is in the block 65552-131071 that IANA keeps reserved" },
		{ 11, 1, "AS131071 is in the block 65552-131071 that IANA keeps reserved" },
		{ 14, 1, "AS4200000000 is reserved for private use (RFC 6996)" },
		{ 15, 1, "AS4294967294 is reserved for private use (RFC 6996)" },
		{ 16, 1, "AS4294967295 is reserved: the last AS number of its range (RFC 7300)" },
		{ 17, 1, "10.1.0.0/16 lies within 10.0.0.0/8, reserved for private use (RFC 1918)" },
		{ 18, 1, "2001:db8::/48 lies within 2001:db8::/32, reserved for documentation (RFC 3849)" },
		{ 19, 1, "0.0.0.0/0 covers 0.0.0.0/8, reserved for \"this network\" (RFC 791)" },
		{ 20, 3, "the \"*.\" is dropped: example.nl covers every name under it" },
		{ 21, 1, "www.example.test is a special-use name, never delegated on the internet (RFC 6761)" },
		{ 22, 1, "example.nl repeats line 20; it is kept once" },
		{ 23, 1, "AS1103 repeats line 1; it is kept once" },
		{ 25, 1, "example.com is a special-use name, never delegated on the internet (RFC 6761)" },
	};
	struct constituency_list l;
	struct diag_list dl;
	assert_int_equal(parse(text, &l, &dl), TOETS_OK);
	assert_int_equal(dl.n_errors, 0);
	check_diags(&dl, DIAG_WARNING, want, sizeof(want) / sizeof(want[0]));
	assert_int_equal(l.n, 23); /* warnings do not block; the repeats go */
	assert_int_equal(l.items[0].kind, CONSTITUENCY_ASN);
	assert_int_equal(l.items[0].asn, 1103);
	assert_string_equal(l.items[0].text, "AS1103");
	assert_int_equal(l.items[0].line, 1);
	assert_int_equal(l.items[15].asn, 4294967295u);
	assert_int_equal(l.items[16].kind, CONSTITUENCY_PREFIX);
	assert_int_equal(l.items[16].prefix.family, 4);
	assert_int_equal(l.items[16].prefix.len, 16);
	assert_memory_equal(l.items[16].prefix.addr, "\x0a\x01\x00\x00", 4);
	assert_int_equal(l.items[19].kind, CONSTITUENCY_DOMAIN);
	assert_string_equal(l.items[19].text, "example.nl");
	assert_int_equal(l.items[19].line, 20);
	assert_string_equal(l.items[21].text, "145.100.0.0/15");
	assert_int_equal(l.items[21].line, 24);

	struct strbuf out = STRBUF_INIT;
	diag_format(&dl, &dl.items[0], &out);
	assert_string_equal(strbuf_str(&out), "c.txt:2:1: warning: AS23456 is AS_TRANS, the stand-in for 4-byte "
					      "AS numbers (RFC 6793), never a network\n"
					      " 2 | AS23456\n"
					      "   | ^\n");
	strbuf_release(&out);
	constituency_list_release(&l);
	diag_release(&dl);
}

/* ---- normalisation ------------------------------------------------------------------- */

static void test_normalise(void **state)
{
	(void)state;
	/* AS numbers */
	assert_string_equal(norm("AS64500"), "AS64500");
	assert_string_equal(norm("as1103"), "AS1103");
	assert_string_equal(norm("aS1103"), "AS1103");
	assert_string_equal(norm("1103"), "AS1103");
	assert_string_equal(norm("4294967295"), "AS4294967295");
	/* IPv4 */
	assert_string_equal(norm("192.0.2.1"), "192.0.2.1/32");
	assert_string_equal(norm("145.100.0.0/15"), "145.100.0.0/15");
	assert_string_equal(norm("0.0.0.0/0"), "0.0.0.0/0");
	assert_string_equal(norm("255.255.255.255/32"), "255.255.255.255/32");
	/* IPv6, RFC 5952: lower case, no leading zeros, longest zero run (the
	 * first of equal ones) as "::", a single zero group not compressed. */
	assert_string_equal(norm("2001:0DB8:0000:0000:0000:0000:0000:0001"), "2001:db8::1/128");
	assert_string_equal(norm("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1/128");
	assert_string_equal(norm("2001:0:0:1:0:0:0:1"), "2001:0:0:1::1/128");
	assert_string_equal(norm("2001:db8:0:1:1:1:1:1"), "2001:db8:0:1:1:1:1:1/128");
	assert_string_equal(norm("2001:DB8:AAAA:BBBB:CCCC:DDDD:EEEE:0001"),
			    "2001:db8:aaaa:bbbb:cccc:dddd:eeee:1/128");
	assert_string_equal(norm("::"), "::/128");
	assert_string_equal(norm("::/0"), "::/0");
	assert_string_equal(norm("::1"), "::1/128");
	assert_string_equal(norm("1:0:0:0:0:0:0:0"), "1::/128");
	assert_string_equal(norm("2001:DB8::/32"), "2001:db8::/32");
	assert_string_equal(norm("2001:db8:0:0:0:0:0:0/48"), "2001:db8::/48");
	assert_string_equal(norm("2a00:1450:4001:0800::/56"), "2a00:1450:4001:800::/56");
	assert_string_equal(norm("::1.2.3.4"), "::102:304/128");
	/* domains */
	assert_string_equal(norm("Example.NL."), "example.nl");
	assert_string_equal(norm("WWW.Example.nl"), "www.example.nl");
	assert_string_equal(norm("xn--bcher-kva.nl"), "xn--bcher-kva.nl");
	assert_string_equal(norm("XN--BCHER-KVA.NL"), "xn--bcher-kva.nl");
	assert_string_equal(norm("*.example.nl"), "example.nl");
	assert_string_equal(norm("1example.nl"), "1example.nl");
	assert_string_equal(norm("as1103.nl"), "as1103.nl");

	/* a line: comment, blanks, CR; the column of the entry */
	struct constituency_value v;
	struct toets_error e;
	const char *line = "\t AS64500  # ons AS\r";
	assert_int_equal(constituency_parse_line(line, strlen(line), &v, &e), TOETS_OK);
	assert_int_equal(v.kind, CONSTITUENCY_ASN);
	assert_int_equal(v.asn, 64500);
	assert_int_equal(v.col, 3);
	assert_string_equal(v.warning, "AS64500 is reserved for documentation (RFC 5398)");
	line = "   # nothing but a comment: ünïcode is fine here";
	assert_int_equal(constituency_parse_line(line, strlen(line), &v, &e), TOETS_OK);
	assert_int_equal(v.kind, CONSTITUENCY_NONE);
	assert_int_equal(constituency_parse_line("", 0, &v, &e), TOETS_OK);
	assert_int_equal(v.kind, CONSTITUENCY_NONE);
	line = "2001:db8:1::/48";
	assert_int_equal(constituency_parse_line(line, strlen(line), &v, &e), TOETS_OK);
	assert_int_equal(v.prefix.family, 6);
	assert_int_equal(v.prefix.len, 48);
	assert_memory_equal(v.prefix.addr, "\x20\x01\x0d\xb8\x00\x01\0\0\0\0\0\0\0\0\0\0", 16);
	/* a column counts characters, not bytes */
	line = "Ĳssel.nl";
	assert_int_equal(constituency_parse_line(line, strlen(line), &v, &e), TOETS_ERR_INVALID);
	assert_int_equal(v.col, 1);
	line = "ĳ.nl ĳ.nl";
	assert_int_equal(constituency_parse_line(line, strlen(line), &v, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "one entry per line: \"ĳ.nl\" follows \"ĳ.nl\"");
	assert_int_equal(v.col, 6);

	/* glibc's inet_pton refuses leading zeros in IPv4 too; our own
	 * parser does not rely on it, and says why. */
	unsigned char buf[16];
	assert_int_equal(inet_pton(AF_INET, "010.0.0.1", buf), 0);
	assert_string_equal(norm("010.0.0.1"), "\"010\" in \"010.0.0.1\" has a leading zero, which some "
					       "programs read as octal; write the number without it");
	assert_string_equal(norm("0.0.0.00"), "\"00\" in \"0.0.0.00\" has a leading zero, which some "
					      "programs read as octal; write the number without it");
}

static void test_query(void **state)
{
	(void)state;
	struct constituency_value q;
	struct toets_error e;
	const char *s = " ::FFFF:192.0.2.7 \n";
	assert_int_equal(constituency_parse_query(s, strlen(s), &q, &e), TOETS_OK);
	assert_int_equal(q.kind, CONSTITUENCY_PREFIX);
	assert_string_equal(q.text, "192.0.2.7/32"); /* asked as the IPv4 address */
	s = "*.Example.NL.";
	assert_int_equal(constituency_parse_query(s, strlen(s), &q, &e), TOETS_OK);
	assert_string_equal(q.text, "example.nl");
	assert_string_equal(q.warning, "");
	s = "AS64500";
	assert_int_equal(constituency_parse_query(s, strlen(s), &q, &e), TOETS_OK);
	assert_int_equal(q.asn, 64500);
	assert_string_equal(q.warning, "");
	s = "10.0.0.0/8";
	assert_int_equal(constituency_parse_query(s, strlen(s), &q, &e), TOETS_OK);
	assert_string_equal(q.warning, "");
	s = "example.nl # no comments in a query";
	assert_int_equal(constituency_parse_query(s, strlen(s), &q, &e), TOETS_ERR_INVALID);
	s = "  ";
	assert_int_equal(constituency_parse_query(s, strlen(s), &q, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message,
			    "nothing to look up: give an IP address or prefix, a domain name or an AS number");
	s = "nl";
	assert_int_equal(constituency_parse_query(s, strlen(s), &q, &e), TOETS_ERR_INVALID);
	s = "192.0.2.1/24";
	assert_int_equal(constituency_parse_query(s, strlen(s), &q, &e), TOETS_ERR_INVALID);
	assert_string_equal(e.message, "192.0.2.1/24 has host bits set; did you mean 192.0.2.0/24?");
}

static void test_load_file(void **state)
{
	(void)state;
	char dir[] = "/tmp/toets-constituency-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof(path), "%s/c.txt", dir);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs("\xEF\xBB\xBF# van Windows\r\nAS1103\r\n145.100.0.0/15\r\n\r\nsurf.nl\r\n", f);
	fclose(f);
	struct constituency_list l;
	struct diag_list dl;
	diag_init(&dl, path);
	assert_int_equal(constituency_load_file(path, &l, &dl), TOETS_OK);
	assert_int_equal(dl.n, 0);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.items[2].text, "surf.nl");
	assert_int_equal(l.items[2].line, 5);
	constituency_list_release(&l);
	diag_release(&dl);

	diag_init(&dl, dir);
	assert_int_equal(constituency_load_file(dir, &l, &dl), TOETS_ERR_IO);
	assert_string_equal(dl.items[0].message, "is a directory");
	diag_release(&dl);
	snprintf(path, sizeof(path), "%s/none.txt", dir);
	diag_init(&dl, path);
	assert_int_equal(constituency_load_file(path, &l, &dl), TOETS_ERR_NOT_FOUND);
	diag_release(&dl);
	constituency_list_release(&l);
	rm_tree(dir);
}

/* ---- overlaps ------------------------------------------------------------------------ */

static void add_texts(struct constituency_index *ix, uint32_t owner, const char *const *texts)
{
	for (unsigned i = 0; texts[i]; i++) {
		struct constituency_value v;
		struct toets_error e;
		assert_int_equal(constituency_parse_line(texts[i], strlen(texts[i]), &v, &e), TOETS_OK);
		struct constituency_entry en = { v.kind, i + 1, v.asn, v.prefix, v.text };
		constituency_index_add(ix, owner, &en);
	}
}

static void test_overlaps(void **state)
{
	(void)state;
	struct constituency_index *ix = constituency_index_new();
	uint32_t a = constituency_index_owner(ix, "org-a", "Alfa");
	uint32_t b = constituency_index_owner(ix, "org-b", "Bravo");
	uint32_t c = constituency_index_owner(ix, "org-c", "Charlie");
	assert_int_equal(constituency_index_owner(ix, "org-a", "other name"), a);
	assert_string_equal(constituency_index_owner_name(ix, a), "Alfa");
	assert_int_equal(constituency_index_n_owners(ix), 3);
	const char *const ta[] = { "AS64500", "192.0.2.0/24", "2001:db8::/32", "example.nl", "AS1", NULL };
	const char *const tb[] = { "AS64500", "192.0.2.128/25", "2001:db8:1::/48", "sub.example.nl",
				   "other.nl", "2001:db8:2::/48", NULL };
	const char *const tc[] = { "192.0.2.0/24", "ample.nl", "192.0.2.130", "192.0.2.0/24", NULL };
	add_texts(ix, a, ta);
	add_texts(ix, b, tb);
	add_texts(ix, c, tc);
	constituency_index_build(ix);

	struct constituency_overlaps o = { 0 };
	const struct {
		enum constituency_overlap_kind kind;
		enum constituency_kind what;
		uint32_t oa, ob;
		const char *ta, *tb;
		unsigned la, lb;
	} want[] = {
		{ CONSTITUENCY_OVERLAP_SAME, CONSTITUENCY_ASN, a, b, "AS64500", "AS64500", 1, 1 },
		{ CONSTITUENCY_OVERLAP_SAME, CONSTITUENCY_PREFIX, a, c, "192.0.2.0/24", "192.0.2.0/24", 2, 1 },
		{ CONSTITUENCY_OVERLAP_INSIDE, CONSTITUENCY_PREFIX, b, a, "192.0.2.128/25", "192.0.2.0/24", 2, 2 },
		{ CONSTITUENCY_OVERLAP_INSIDE, CONSTITUENCY_PREFIX, b, c, "192.0.2.128/25", "192.0.2.0/24", 2, 1 },
		{ CONSTITUENCY_OVERLAP_INSIDE, CONSTITUENCY_PREFIX, c, b, "192.0.2.130/32", "192.0.2.128/25", 3, 2 },
		{ CONSTITUENCY_OVERLAP_INSIDE, CONSTITUENCY_PREFIX, c, a, "192.0.2.130/32", "192.0.2.0/24", 3, 2 },
		{ CONSTITUENCY_OVERLAP_INSIDE, CONSTITUENCY_PREFIX, b, a, "2001:db8:1::/48", "2001:db8::/32", 3, 3 },
		{ CONSTITUENCY_OVERLAP_INSIDE, CONSTITUENCY_PREFIX, b, a, "2001:db8:2::/48", "2001:db8::/32", 6, 3 },
		{ CONSTITUENCY_OVERLAP_INSIDE, CONSTITUENCY_DOMAIN, b, a, "sub.example.nl", "example.nl", 4, 4 },
	};
	size_t n = sizeof(want) / sizeof(want[0]);
	assert_int_equal(constituency_index_overlaps(ix, CONSTITUENCY_NO_OWNER, &o), n);
	for (size_t i = 0; i < n; i++) {
		const struct constituency_overlap *r = &o.items[i];
		if (r->kind != want[i].kind || r->what != want[i].what || r->owner_a != want[i].oa ||
		    r->owner_b != want[i].ob || strcmp(r->text_a, want[i].ta) != 0 ||
		    strcmp(r->text_b, want[i].tb) != 0 || r->line_a != want[i].la || r->line_b != want[i].lb)
			fail_msg("overlap %zu: got %d %u:%s:%u %u:%s:%u", i, r->kind, r->owner_a, r->text_a,
				 r->line_a, r->owner_b, r->text_b, r->line_b);
	}
	/* only those of Charlie */
	assert_int_equal(constituency_index_overlaps(ix, c, &o), 4);
	for (size_t i = 0; i < o.n; i++)
		assert_true(o.items[i].owner_a == c || o.items[i].owner_b == c);
	constituency_overlaps_release(&o);
	constituency_index_free(&ix);
	assert_null(ix);
}

/* A claim the owner also has exactly is reported as SAME only; one owner's
 * nested claims are no overlap. */
static void test_overlap_nearest(void **state)
{
	(void)state;
	struct constituency_index *ix = constituency_index_new();
	uint32_t a = constituency_index_owner(ix, "a", "A");
	uint32_t b = constituency_index_owner(ix, "b", "B");
	const char *const ta[] = { "10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "nl.example.nl", NULL };
	const char *const tb[] = { "10.1.2.0/24", "a.b.nl.example.nl", NULL };
	add_texts(ix, a, ta);
	add_texts(ix, b, tb);
	constituency_index_build(ix);
	struct constituency_overlaps o = { 0 };
	assert_int_equal(constituency_index_overlaps(ix, CONSTITUENCY_NO_OWNER, &o), 2);
	assert_int_equal(o.items[0].kind, CONSTITUENCY_OVERLAP_SAME);
	assert_string_equal(o.items[0].text_a, "10.1.2.0/24");
	assert_int_equal(o.items[1].kind, CONSTITUENCY_OVERLAP_INSIDE);
	assert_string_equal(o.items[1].text_a, "a.b.nl.example.nl");
	assert_string_equal(o.items[1].text_b, "nl.example.nl");
	constituency_overlaps_release(&o);
	constituency_index_free(&ix);
}

/* ---- lookups --------------------------------------------------------------------- */

static size_t lookup(const struct constituency_index *ix, const char *s, unsigned flags,
		     struct constituency_matches *m)
{
	struct constituency_value q;
	struct toets_error e;
	if (constituency_parse_query(s, strlen(s), &q, &e) != TOETS_OK)
		fail_msg("query %s: %s", s, e.message);
	return constituency_index_lookup(ix, &q, flags, m);
}

static void test_lookup_domains(void **state)
{
	(void)state;
	struct constituency_index *ix = constituency_index_new();
	uint32_t a = constituency_index_owner(ix, "a", "Alfa");
	uint32_t b = constituency_index_owner(ix, "b", "Bravo");
	uint32_t c = constituency_index_owner(ix, "c", "Charlie");
	const char *const ta[] = { "example.nl", "AS64500", NULL };
	const char *const tb[] = { "sub.example.nl", "AS64500", "xn--bcher-kva.nl", NULL };
	const char *const tc[] = { "ample.nl", "example.nl", "b-example.nl", NULL };
	add_texts(ix, a, ta);
	add_texts(ix, b, tb);
	add_texts(ix, c, tc);
	struct constituency_matches m = { 0 };
	assert_int_equal(lookup(ix, "example.nl", 0, &m), 0); /* not built yet */
	constituency_index_build(ix);

	assert_int_equal(lookup(ix, "x.sub.example.nl", 0, &m), 1);
	assert_int_equal(m.items[0].owner, b);
	assert_string_equal(m.items[0].owner_id, "b");
	assert_string_equal(m.items[0].owner_name, "Bravo");
	assert_string_equal(m.items[0].text, "sub.example.nl");
	assert_int_equal(m.items[0].line, 1);
	assert_int_equal(m.items[0].depth, 0);

	assert_int_equal(lookup(ix, "X.Sub.Example.NL.", CONSTITUENCY_LESS_SPECIFIC, &m), 3);
	assert_int_equal(m.items[0].owner, b);
	assert_int_equal(m.items[1].owner, a);
	assert_int_equal(m.items[1].depth, 1);
	assert_int_equal(m.items[2].owner, c);
	assert_int_equal(m.items[2].depth, 1);
	assert_string_equal(m.items[2].text, "example.nl");

	assert_int_equal(lookup(ix, "example.nl", 0, &m), 2);
	assert_int_equal(lookup(ix, "a.example.nl", 0, &m), 2);
	assert_int_equal(lookup(ix, "zzz.example.nl", 0, &m), 2);
	assert_int_equal(lookup(ix, "subexample.nl", 0, &m), 0);
	assert_int_equal(lookup(ix, "ample.nl", 0, &m), 1);
	assert_int_equal(m.items[0].owner, c);
	assert_int_equal(lookup(ix, "www.ample.nl", 0, &m), 1);
	assert_int_equal(lookup(ix, "xample.nl", 0, &m), 0);
	assert_int_equal(lookup(ix, "le.nl", 0, &m), 0);
	assert_int_equal(lookup(ix, "b-example.nl", 0, &m), 1);
	assert_int_equal(lookup(ix, "x.b-example.nl", 0, &m), 1);
	assert_int_equal(m.items[0].owner, c);
	assert_int_equal(lookup(ix, "example.com", 0, &m), 0);
	assert_int_equal(lookup(ix, "a.example.nl.evil.nl", 0, &m), 0);
	assert_int_equal(lookup(ix, "www.xn--bcher-kva.nl", 0, &m), 1);

	assert_int_equal(lookup(ix, "AS64500", 0, &m), 2);
	assert_int_equal(m.items[0].owner, a);
	assert_int_equal(m.items[1].owner, b);
	assert_int_equal(m.items[1].line, 2);
	assert_int_equal(lookup(ix, "64501", 0, &m), 0);
	assert_int_equal(lookup(ix, "192.0.2.1", 0, &m), 0);
	assert_int_equal(lookup(ix, "2001:db8::1", 0, &m), 0);

	/* Entries not from the parser: host bits cleared, a bad length ignored. */
	struct constituency_entry raw = { CONSTITUENCY_PREFIX, 0, 0, { 4, 24, { 192, 0, 2, 77 } }, "raw" };
	constituency_index_add(ix, a, &raw);
	raw.prefix.len = 33;
	constituency_index_add(ix, b, &raw);
	raw.prefix.family = 5;
	raw.prefix.len = 8;
	constituency_index_add(ix, b, &raw);
	constituency_index_build(ix);
	assert_int_equal(lookup(ix, "192.0.2.1", 0, &m), 1);
	assert_int_equal(m.items[0].owner, a);
	assert_int_equal(lookup(ix, "192.0.2.77", 0, &m), 1);
	assert_int_equal(lookup(ix, "example.nl", 0, &m), 2); /* rebuilt: the rest is still there */
	constituency_matches_release(&m);
	constituency_index_free(&ix);
}

static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t rnd(void)
{
	/* xorshift64*: fixed seed, the same data every run */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717u;
}

static void mask(struct constituency_prefix *p)
{
	unsigned bits = p->family == 4 ? 32 : 128;
	for (unsigned i = 0; i < bits / 8; i++) {
		unsigned keep = p->len >= 8 * (i + 1) ? 8 : p->len > 8 * i ? p->len - 8 * i : 0;
		p->addr[i] &= (uint8_t)(keep ? 0xFF << (8 - keep) : 0);
	}
	for (unsigned i = bits / 8; i < 16; i++)
		p->addr[i] = 0;
}

/* A random prefix in a small space, so that many nest: IPv4 in 10.0.0.0/12
 * (lengths 12 to 32), IPv6 in 2001:db8::/32 with few distinct bits. */
/* Set: random prefixes anywhere in the address space instead, mostly short,
 * so that one covers many of the index's buckets. */
static bool wide_space;

static struct constituency_prefix random_prefix(int family, bool host)
{
	struct constituency_prefix p = { (uint8_t)family, 0, { 0 } };
	uint64_t r = rnd();
	if (wide_space) {
		for (int i = 0; i < (family == 4 ? 4 : 16); i++)
			p.addr[i] = (uint8_t)rnd();
		unsigned bits = family == 4 ? 32 : 128;
		p.len = host ? (uint8_t)bits : (uint8_t)(r % 4 == 0 ? rnd() % (bits + 1) : rnd() % 20);
	} else if (family == 4) {
		uint32_t a = 0x0A000000u | (uint32_t)(r & 0x000FFFFF);
		p.addr[0] = (uint8_t)(a >> 24);
		p.addr[1] = (uint8_t)(a >> 16);
		p.addr[2] = (uint8_t)(a >> 8);
		p.addr[3] = (uint8_t)a;
		p.len = host ? 32 : (uint8_t)(12 + rnd() % 21);
	} else {
		memcpy(p.addr, "\x20\x01\x0d\xb8", 4);
		p.addr[4] = (uint8_t)(r & 0x3);
		p.addr[5] = (uint8_t)(r >> 8);
		p.addr[6] = (uint8_t)(r >> 16 & 0xF0);
		for (int i = 7; i < 16; i++)
			p.addr[i] = (uint8_t)(rnd() & (i == 15 ? 0xFF : 0x01));
		p.len = host ? 128 : (uint8_t)(rnd() % 8 == 0 ? 56 + rnd() % 73 : 28 + rnd() % 28);
	}
	mask(&p);
	return p;
}

static bool holds(const struct constituency_prefix *p, const struct constituency_prefix *q)
{
	if (p->family != q->family || p->len > q->len)
		return false;
	unsigned whole = p->len / 8, rest = p->len % 8;
	for (unsigned i = 0; i < whole; i++) /* not memcmp: valgrind makes that slow */
		if (p->addr[i] != q->addr[i])
			return false;
	return !rest || ((p->addr[whole] ^ q->addr[whole]) & (uint8_t)(0xFF << (8 - rest))) == 0;
}

/* Random prefixes in the lookup test. */
#define N_CLAIMS 2000

struct claimed {
	struct constituency_prefix p;
	uint32_t owner;
	char text[CONSTITUENCY_TEXT_MAX];
};

static int by_owner_text(const void *x, const void *y)
{
	const struct constituency_match *a = x, *b = y;
	if (a->depth != b->depth)
		return a->depth < b->depth ? -1 : 1;
	if (a->owner != b->owner)
		return a->owner < b->owner ? -1 : 1;
	return strcmp(a->text, b->text);
}

/* What the index must answer, by a scan of every claim: all claims holding q,
 * depth 0 for the longest length, 1 for the next, ...; each (owner, prefix)
 * once. */
static void naive(const struct claimed *c, size_t n, const struct constituency_prefix *q,
		  struct constituency_matches *out)
{
	out->n = 0;
	size_t in[N_CLAIMS], n_in = 0;
	bool lens[129] = { false };
	for (size_t i = 0; i < n; i++)
		if (holds(&c[i].p, q)) {
			lens[c[i].p.len] = true;
			in[n_in++] = i;
		}
	unsigned depth_of[129], d = 0;
	for (int len = 128; len >= 0; len--)
		if (lens[len])
			depth_of[len] = d++;
	for (size_t k = 0; k < n_in; k++) {
		const struct claimed *ci = &c[in[k]];
		bool dup = false;
		for (size_t j = 0; j < out->n && !dup; j++)
			dup = out->items[j].owner == ci->owner && strcmp(out->items[j].text, ci->text) == 0;
		if (dup)
			continue;
		out->items = xgrow(out->items, &out->cap, out->n + 1, sizeof(*out->items));
		out->items[out->n++] = (struct constituency_match){ .owner = ci->owner,
								    .text = ci->text,
								    .depth = depth_of[ci->p.len] };
	}
	if (out->n)
		qsort(out->items, out->n, sizeof(*out->items), by_owner_text);
}

static void lookup_random(void)
{
	enum { N = N_CLAIMS, OWNERS = 7, QUERIES = 20000 };
	struct constituency_index *ix = constituency_index_new();
	char id[32];
	for (int o = 0; o < OWNERS; o++) {
		snprintf(id, sizeof(id), "owner-%d", o);
		constituency_index_owner(ix, id, id);
	}
	struct claimed *c = xmalloc(N * sizeof(*c));
	for (size_t i = 0; i < N; i++) {
		c[i].p = random_prefix(i % 2 ? 6 : 4, rnd() % 10 == 0);
		if (i >= 10 && rnd() % 8 == 0)
			c[i].p = c[rnd() % i].p; /* the same prefix, often another owner */
		c[i].owner = (uint32_t)(rnd() % OWNERS);
		constituency_format_prefix(&c[i].p, c[i].text);
		struct constituency_entry e = { CONSTITUENCY_PREFIX, (unsigned)i + 1, 0, c[i].p, c[i].text };
		constituency_index_add(ix, c[i].owner, &e);
	}
	constituency_index_build(ix);
	struct constituency_matches got = { 0 }, want = { 0 };
	size_t hits = 0, deep = 0;
	for (size_t k = 0; k < QUERIES; k++) {
		struct constituency_value q = { .kind = CONSTITUENCY_PREFIX };
		bool prefix_query = k % 5 == 0;
		q.prefix = random_prefix(k % 2 ? 6 : 4, !prefix_query);
		if (k % 50 == 0) /* now and then outside the space */
			q.prefix.addr[0] ^= 0x40;
		unsigned flags = k % 3 == 0 ? CONSTITUENCY_LESS_SPECIFIC : 0;
		constituency_index_lookup(ix, &q, flags, &got);
		naive(c, N, &q.prefix, &want);
		if (!flags) {
			size_t w = 0;
			while (w < want.n && want.items[w].depth == 0)
				w++;
			want.n = w;
		}
		if (got.n)
			qsort(got.items, got.n, sizeof(*got.items), by_owner_text);
		char qt[CONSTITUENCY_TEXT_MAX];
		constituency_format_prefix(&q.prefix, qt);
		if (got.n != want.n)
			fail_msg("query %s: %zu matches, want %zu", qt, got.n, want.n);
		for (size_t i = 0; i < got.n; i++)
			if (got.items[i].owner != want.items[i].owner ||
			    strcmp(got.items[i].text, want.items[i].text) != 0 ||
			    got.items[i].depth != want.items[i].depth)
				fail_msg("query %s, match %zu: got %u %s depth %u, want %u %s depth %u", qt, i,
					 got.items[i].owner, got.items[i].text, got.items[i].depth,
					 want.items[i].owner, want.items[i].text, want.items[i].depth);
		hits += got.n > 0;
		deep += got.n > 0 && got.items[got.n - 1].depth >= 2;
	}
	/* The data must exercise the interesting cases. */
	assert_true(hits > QUERIES / 4);
	assert_true(deep > (wide_space ? 20 : 100));
	constituency_matches_release(&got);
	constituency_matches_release(&want);
	free(c);
	constituency_index_free(&ix);
}

static int by_string(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Longest-prefix lookups against a scan: nested prefixes in a small part of
 * the space, then prefixes all over it. */
static void test_lookup_random(void **state)
{
	(void)state;
	wide_space = false;
	lookup_random();
	wide_space = true;
	lookup_random();
	wide_space = false;
}

/* Overlaps of random data against a pairwise check: the SAME pairs, and
 * every INSIDE record names a real enclosing claim of another owner. */
static void test_overlaps_random(void **state)
{
	(void)state;
	enum { N = 1500, OWNERS = 5 };
	struct constituency_index *ix = constituency_index_new();
	for (int o = 0; o < OWNERS; o++) {
		char id[32];
		snprintf(id, sizeof(id), "o%d", o);
		constituency_index_owner(ix, id, id);
	}
	struct claimed *c = xmalloc(N * sizeof(*c));
	for (size_t i = 0; i < N; i++) {
		c[i].p = random_prefix(4, false);
		if (i >= 10 && rnd() % 4 == 0)
			c[i].p = c[rnd() % i].p;
		c[i].owner = (uint32_t)(rnd() % OWNERS);
		constituency_format_prefix(&c[i].p, c[i].text);
		struct constituency_entry e = { CONSTITUENCY_PREFIX, (unsigned)i + 1, 0, c[i].p, c[i].text };
		constituency_index_add(ix, c[i].owner, &e);
	}
	constituency_index_build(ix);
	struct constituency_overlaps o = { 0 };
	constituency_index_overlaps(ix, CONSTITUENCY_NO_OWNER, &o);
	/* distinct (prefix, owner, other owner) with the same prefix */
	char **pairs = NULL;
	size_t n_pairs = 0, cap_pairs = 0;
	for (size_t i = 0; i < N; i++)
		for (size_t j = 0; j < N; j++)
			if (c[i].owner < c[j].owner && strcmp(c[i].text, c[j].text) == 0) {
				pairs = xgrow(pairs, &cap_pairs, n_pairs + 1, sizeof(*pairs));
				pairs[n_pairs++] = xasprintf("%s %u %u", c[i].text, c[i].owner, c[j].owner);
			}
	if (n_pairs)
		qsort(pairs, n_pairs, sizeof(*pairs), by_string);
	size_t same = 0;
	for (size_t i = 0; i < n_pairs; i++)
		same += i == 0 || strcmp(pairs[i], pairs[i - 1]) != 0;
	for (size_t i = 0; i < n_pairs; i++)
		free(pairs[i]);
	free(pairs);
	assert_true(same > 20);
	size_t got_same = 0, got_inside = 0;
	for (size_t i = 0; i < o.n; i++) {
		const struct constituency_overlap *r = &o.items[i];
		assert_int_not_equal(r->owner_a, r->owner_b);
		struct constituency_value va, vb;
		struct toets_error e;
		assert_int_equal(constituency_parse_line(r->text_a, strlen(r->text_a), &va, &e), TOETS_OK);
		assert_int_equal(constituency_parse_line(r->text_b, strlen(r->text_b), &vb, &e), TOETS_OK);
		if (r->kind == CONSTITUENCY_OVERLAP_SAME) {
			got_same++;
			assert_string_equal(r->text_a, r->text_b);
		} else {
			got_inside++;
			assert_true(holds(&vb.prefix, &va.prefix));
			assert_true(vb.prefix.len < va.prefix.len);
		}
	}
	assert_int_equal(got_same, same);
	assert_true(got_inside > 100);
	/* A claim inside a claim of another owner is reported against that
	 * owner: INSIDE, or SAME when that owner claims it exactly too. */
	char **keys = xmalloc((o.n ? o.n : 1) * sizeof(*keys));
	for (size_t k = 0; k < o.n; k++) {
		const struct constituency_overlap *r = &o.items[k];
		keys[k] = r->kind == CONSTITUENCY_OVERLAP_INSIDE
				  ? xasprintf("I %s %u %u", r->text_a, r->owner_a, r->owner_b)
				  : xasprintf("S %s %u %u", r->text_a, r->owner_a, r->owner_b);
	}
	qsort(keys, o.n, sizeof(*keys), by_string);
	for (size_t i = 0; i < N; i++)
		for (size_t j = 0; j < N; j++) {
			if (c[j].owner == c[i].owner || c[j].p.len >= c[i].p.len || !holds(&c[j].p, &c[i].p))
				continue;
			uint32_t lo = c[i].owner < c[j].owner ? c[i].owner : c[j].owner;
			uint32_t hi = c[i].owner ^ c[j].owner ^ lo;
			char inside[128], exact[128];
			snprintf(inside, sizeof(inside), "I %s %u %u", c[i].text, c[i].owner, c[j].owner);
			snprintf(exact, sizeof(exact), "S %s %u %u", c[i].text, lo, hi);
			char *pi = inside, *ps = exact;
			if (!bsearch(&pi, keys, o.n, sizeof(*keys), by_string) &&
			    !bsearch(&ps, keys, o.n, sizeof(*keys), by_string))
				fail_msg("%s of owner %u lies inside %s of owner %u, not reported", c[i].text,
					 c[i].owner, c[j].text, c[j].owner);
		}
	for (size_t k = 0; k < o.n; k++)
		free(keys[k]);
	free(keys);
	constituency_overlaps_release(&o);
	free(c);
	constituency_index_free(&ix);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_error_cap),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_normalise),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_overlaps),
		cmocka_unit_test(test_overlap_nearest),
		cmocka_unit_test(test_lookup_domains),
		cmocka_unit_test(test_lookup_random),
		cmocka_unit_test(test_overlaps_random),
	};
	return cmocka_run_group_tests_name("constituency", tests, NULL, NULL);
}
