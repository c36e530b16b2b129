/* bench_constituency.c - timings of the constituency module at scale:
 * parsing and indexing 1,000,000 random prefixes (and 1,000,000 names),
 * 1,000,000 lookups, and the overlaps between 1,000 owners. Prints figures
 * and exits 1 when over a target (an import over 10 s, fewer than 100,000
 * lookups a second); `make bench` runs it. */
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "toets/constituency.h"
#include "toets/xalloc.h"

enum { N = 1000000, OWNERS = 1000, LOOKUPS = 1000000 };

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x2545F4914F6CDD1Du;

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717u;
}

/* A random routed-looking prefix: IPv4 /16../32 (mostly /22../24), IPv6
 * 2000::/3 /19../64 (mostly /32../48), host bits clear. */
static void random_prefix(struct constituency_prefix *p, bool v6)
{
	memset(p, 0, sizeof(*p));
	uint64_t r = rnd();
	if (!v6) {
		p->family = 4;
		static const uint8_t lens[] = { 16, 18, 19, 20, 21, 22, 22, 23, 23, 24, 24, 24, 24, 24, 28, 32 };
		p->len = lens[r % sizeof(lens)];
		uint32_t a = (uint32_t)(r >> 16);
		a = (a % 223u + 1) << 24 | (a & 0xFFFFFF); /* 1..223 */
		a &= p->len ? ~0u << (32 - p->len) : 0;
		for (int i = 0; i < 4; i++)
			p->addr[i] = (uint8_t)(a >> (24 - 8 * i));
	} else {
		p->family = 6;
		static const uint8_t lens[] = { 19, 24, 29, 32, 32, 32, 36, 40, 44, 48, 48, 48, 48, 56, 64, 64 };
		p->len = lens[r % sizeof(lens)];
		uint64_t hi = 0x2000000000000000u | (rnd() >> 3);
		hi &= ~0ull << (64 - p->len);
		for (int i = 0; i < 8; i++)
			p->addr[i] = (uint8_t)(hi >> (56 - 8 * i));
	}
}

static int over;

static void report(const char *what, double seconds, double limit)
{
	bool bad = limit > 0 && seconds > limit;
	over += bad;
	printf("%-44s %9.3f s%s\n", what, seconds, bad ? "  OVER TARGET" : "");
}

static void report_rate(const char *what, size_t n, double seconds, double min_rate)
{
	double rate = n / seconds;
	bool bad = min_rate > 0 && rate < min_rate;
	over += bad;
	printf("%-44s %9.0f /s (%.0f ns each)%s\n", what, rate, 1e9 * seconds / n, bad ? "  UNDER TARGET" : "");
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	printf("constituency: %d prefixes, %d owners (targets: import < 10 s, >= 100,000 lookups/s)\n", N,
	       OWNERS);

	/* 1,000,000 lines of text, three in four IPv4. */
	struct strbuf text = STRBUF_INIT;
	struct constituency_prefix p;
	char buf[CONSTITUENCY_TEXT_MAX];
	for (size_t i = 0; i < N; i++) {
		random_prefix(&p, i % 4 == 3);
		constituency_format_prefix(&p, buf);
		strbuf_adds(&text, buf);
		strbuf_addc(&text, '\n');
	}
	printf("%-44s %9.1f MB\n", "file", text.len / 1e6);

	double t0 = now_s();
	struct constituency_list l;
	struct diag_list dl;
	diag_init(&dl, "bench.txt");
	enum toets_status st = constituency_parse_buffer(text.data, text.len, &l, &dl);
	double t_parse = now_s() - t0;
	if (st != TOETS_OK) {
		struct strbuf out = STRBUF_INIT;
		diag_format_all(&dl, &out);
		fprintf(stderr, "%s", strbuf_str(&out));
		return 2;
	}
	printf("%-44s %9zu (%zu repeats dropped, %zu warnings)\n", "entries", l.n, (size_t)N - l.n,
	       dl.n_warnings);
	report("parse 1,000,000 lines", t_parse, 0);

	t0 = now_s();
	struct constituency_index *ix = constituency_index_new();
	uint32_t owners[OWNERS];
	for (int o = 0; o < OWNERS; o++) {
		char id[32], name[64];
		snprintf(id, sizeof(id), "org-%04d", o);
		snprintf(name, sizeof(name), "Organisatie %d", o);
		owners[o] = constituency_index_owner(ix, id, name);
	}
	for (size_t i = 0; i < l.n; i++)
		constituency_index_add(ix, owners[rnd() % OWNERS], &l.items[i]);
	constituency_index_build(ix);
	double t_index = now_s() - t0;
	report("index (add + build)", t_index, 0);
	report("import: parse + index", t_parse + t_index, 10.0);

	/* Lookups of random addresses, three in four IPv4. */
	struct constituency_prefix *qp = xmalloc(LOOKUPS * sizeof(*qp));
	for (size_t i = 0; i < LOOKUPS; i++) {
		random_prefix(&qp[i], i % 4 == 3);
		qp[i].len = qp[i].family == 4 ? 32 : 128;
		for (int b = qp[i].family == 4 ? 2 : 6; b < (qp[i].family == 4 ? 4 : 16); b++)
			qp[i].addr[b] = (uint8_t)rnd();
	}
	struct constituency_matches m = { 0 };
	struct constituency_value v = { .kind = CONSTITUENCY_PREFIX };
	size_t hits = 0;
	t0 = now_s();
	for (size_t i = 0; i < LOOKUPS; i++) {
		v.prefix = qp[i];
		hits += constituency_index_lookup(ix, &v, 0, &m) > 0;
	}
	double t_lookup = now_s() - t0;
	printf("%-44s %9zu of %d\n", "lookups that matched", hits, LOOKUPS);
	report_rate("lookup (parsed address)", LOOKUPS, t_lookup, 100000);
	t0 = now_s();
	for (size_t i = 0; i < LOOKUPS; i++) {
		v.prefix = qp[i];
		constituency_index_lookup(ix, &v, CONSTITUENCY_LESS_SPECIFIC, &m);
	}
	report_rate("lookup, less specific too", LOOKUPS, now_s() - t0, 100000);
	/* As a user asks: text in, parsed, looked up. */
	enum { TEXT_LOOKUPS = 200000 };
	char (*qt)[48] = xmalloc(TEXT_LOOKUPS * sizeof(*qt));
	for (size_t i = 0; i < TEXT_LOOKUPS; i++) {
		constituency_format_prefix(&qp[i], buf);
		*strchr(buf, '/') = '\0';
		memcpy(qt[i], buf, strlen(buf) + 1); /* at most 39 + NUL */
	}
	t0 = now_s();
	for (size_t i = 0; i < TEXT_LOOKUPS; i++)
		if (constituency_parse_query(qt[i], strlen(qt[i]), &v, NULL) == TOETS_OK)
			constituency_index_lookup(ix, &v, 0, &m);
	report_rate("parse query text + lookup", TEXT_LOOKUPS, now_s() - t0, 100000);
	free(qt);

	struct constituency_overlaps ov = { 0 };
	t0 = now_s();
	size_t n_ov = constituency_index_overlaps(ix, CONSTITUENCY_NO_OWNER, &ov);
	double t_ov = now_s() - t0;
	printf("%-44s %9zu\n", "overlaps between owners", n_ov);
	report("overlaps of 1,000,000 claims", t_ov, 10.0);
	t0 = now_s();
	n_ov = constituency_index_overlaps(ix, owners[7], &ov);
	report("overlaps of one owner", now_s() - t0, 10.0);
	constituency_overlaps_release(&ov);
	constituency_index_free(&ix);
	constituency_list_release(&l);
	diag_release(&dl);
	strbuf_release(&text);

	/* 1,000,000 names under 5,000 registered domains and a few suffixes. */
	static const char *const tlds[] = { "nl", "eu", "com", "org", "net", "frl", "amsterdam" };
	for (size_t i = 0; i < N; i++) {
		unsigned base = (unsigned)(rnd() % 200000);
		switch (rnd() % 4) {
		case 0:
			strbuf_addf(&text, "d%u.%s\n", base, tlds[base % 7]);
			break;
		case 1:
			strbuf_addf(&text, "www%u.d%u.%s\n", (unsigned)(rnd() % 100), base, tlds[base % 7]);
			break;
		default:
			strbuf_addf(&text, "h%llx.s%u.d%u.%s\n", (unsigned long long)(rnd() % 1000000),
				    (unsigned)(rnd() % 10), base, tlds[base % 7]);
		}
	}
	t0 = now_s();
	diag_init(&dl, "names.txt");
	st = constituency_parse_buffer(text.data, text.len, &l, &dl);
	ix = constituency_index_new();
	for (int o = 0; o < OWNERS; o++) {
		char id[32];
		snprintf(id, sizeof(id), "org-%04d", o);
		owners[o] = constituency_index_owner(ix, id, id);
	}
	for (size_t i = 0; i < l.n; i++)
		constituency_index_add(ix, owners[rnd() % OWNERS], &l.items[i]);
	constituency_index_build(ix);
	report("import 1,000,000 names: parse + index", now_s() - t0, 10.0);
	if (st != TOETS_OK)
		return 2;
	char (*qn)[64] = xmalloc(LOOKUPS * sizeof(*qn));
	for (size_t i = 0; i < LOOKUPS; i++) {
		unsigned base = (unsigned)(rnd() % 200000);
		snprintf(qn[i], sizeof(qn[i]), "x%u.www%u.d%u.%s", (unsigned)(rnd() % 10),
			 (unsigned)(rnd() % 100), base, tlds[base % 7]);
	}
	hits = 0;
	v.kind = CONSTITUENCY_DOMAIN;
	t0 = now_s();
	for (size_t i = 0; i < LOOKUPS; i++) {
		memcpy(v.text, qn[i], strlen(qn[i]) + 1);
		hits += constituency_index_lookup(ix, &v, 0, &m) > 0;
	}
	t_lookup = now_s() - t0;
	printf("%-44s %9zu of %d\n", "name lookups that matched", hits, LOOKUPS);
	report_rate("name lookup", LOOKUPS, t_lookup, 100000);
	t0 = now_s();
	n_ov = constituency_index_overlaps(ix, CONSTITUENCY_NO_OWNER, &ov);
	printf("%-44s %9zu\n", "name overlaps between owners", n_ov);
	report("overlaps of 1,000,000 names", now_s() - t0, 10.0);

	constituency_overlaps_release(&ov);
	constituency_matches_release(&m);
	constituency_index_free(&ix);
	constituency_list_release(&l);
	diag_release(&dl);
	strbuf_release(&text);
	free(qp);
	free(qn);

	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("%-44s %9.0f MB\n", "peak memory (max RSS)", ru.ru_maxrss / 1024.0);
	if (over)
		printf("%d figure%s over target\n", over, over == 1 ? "" : "s");
	return over ? 1 : 0;
}
