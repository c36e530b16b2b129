/* bench_partners.c - the constituency through the real storage path: a
 * file of 1,000,000 prefixes imported into a dossier of a new database
 * (parse, one transaction, one prepared INSERT), imported again with
 * --replace, 100 other dossiers of 1,000 entries each, the index loaded
 * from the database, 1,000,000 lookups through it, the overlaps, and the
 * whole constituency read back as CSV; a single lookup that reads only
 * the entries that could hold its value. Prints figures; exits 1 when the
 * import takes over 60 s or the lookups run under 100,000 a second.
 *
 * Usage: bench_partners [DIR]   (the database goes to a new directory in
 * DIR, default $TMPDIR or /tmp, removed afterwards) */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "toets/dossier.h"
#include "toets/partners.h"
#include "toets/store.h"
#include "toets/xalloc.h"

enum { N = 1000000, OTHERS = 100, PER_OTHER = 1000, LOOKUPS = 1000000 };

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717u;
}

static int over;

static void report(const char *what, double seconds, double limit)
{
	bool bad = limit > 0 && seconds > limit;
	over += bad;
	printf("%-46s %9.3f s%s\n", what, seconds, bad ? "  OVER TARGET" : "");
}

static void report_rate(const char *what, size_t n, double seconds, double min_rate)
{
	double rate = (double)n / seconds;
	bool bad = min_rate > 0 && rate < min_rate;
	over += bad;
	printf("%-46s %9.0f /s (%.0f ns each)%s\n", what, rate, 1e9 * seconds / (double)n,
	       bad ? "  UNDER TARGET" : "");
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void die(const char *what, const struct toets_error *e)
{
	fprintf(stderr, "bench_partners: %s: %s\n", what, e->message);
	exit(2);
}

/* The i-th of 5.8 million distinct IPv4 /24s in 11.0.0.0-99.255.255.0
 * (no special-purpose block there, so no warnings), in a scattered order;
 * one in four an IPv6 /48 under 2a00::/12. */
static void prefix_text(size_t i, struct strbuf *out)
{
	if (i % 4 == 3) {
		uint64_t k = (i * 2654435761u) % (1u << 20);
		strbuf_addf(out, "2a0%x:%x:%x::/48", (unsigned)(k >> 16 & 0xf), (unsigned)(k & 0xffff),
			    (unsigned)(i & 0xffff));
		return;
	}
	uint32_t a = (uint32_t)((i * 2654435761u) % (89u * 65536u)) + 11u * 65536u;
	strbuf_addf(out, "%u.%u.%u.0/24", a >> 16, a >> 8 & 0xff, a & 0xff);
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	const char *tmp = argc > 1 ? argv[1] : getenv("TMPDIR");
	char dir[4096], path[4200], file[4200];
	snprintf(dir, sizeof(dir), "%s/toets-bench-partners.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		perror("bench_partners: mkdtemp");
		return 2;
	}
	snprintf(path, sizeof(path), "%s/toets.db", dir);
	snprintf(file, sizeof(file), "%s/prefixes.txt", dir);
	printf("partners: %d prefixes imported through the database, %d x %d more, %d lookups\n"
	       "(targets: import < 60 s, >= 100,000 lookups/s)\n",
	       N, OTHERS, PER_OTHER, LOOKUPS);

	struct strbuf text = STRBUF_INIT;
	for (size_t i = 0; i < N; i++) {
		prefix_text(i, &text);
		strbuf_adds(&text, i % 10 == 0 ? "  # a note\n" : "\n");
	}
	FILE *f = fopen(file, "w");
	if (!f || fwrite(text.data, 1, text.len, f) != text.len || fclose(f) != 0) {
		perror("bench_partners: writing the file");
		return 2;
	}
	printf("%-46s %9.1f MB\n", "file", (double)text.len / 1e6);
	strbuf_release(&text);

	struct toets_error e = { 0 };
	struct store *s;
	if (store_open(path, &s, &e) != TOETS_OK)
		die("opening", &e);
	char big[DOSSIER_REF_LEN];
	struct dossier_new dn = { .org = { .name = "Stichting Groot" }, .category = CATEGORY_ISP };
	if (dossier_create(s, &dn, big, &e) != TOETS_OK)
		die("dossier", &e);

	struct diag_list dl;
	struct partners_import r;
	diag_init(&dl, file);
	double t0 = now_s();
	if (partners_import_file(s, big, file, 0, &dl, &r, &e) != TOETS_OK)
		die("import", &e);
	double t = now_s() - t0;
	printf("%-46s %9zu (%zu warnings)\n", "entries stored", r.added, dl.n_warnings);
	report("import 1,000,000 prefixes (parse + store)", t, 60.0);
	diag_release(&dl);

	diag_init(&dl, file);
	t0 = now_s();
	if (partners_import_file(s, big, file, PARTNERS_REPLACE, &dl, &r, &e) != TOETS_OK)
		die("import --replace", &e);
	report("the same file again, --replace (all kept)", now_s() - t0, 60.0);
	diag_release(&dl);

	/* 100 more dossiers: each 1,000 entries, some inside the big one's. */
	t0 = now_s();
	for (int o = 0; o < OTHERS; o++) {
		char name[64], ref[DOSSIER_REF_LEN];
		snprintf(name, sizeof(name), "Organisatie %d", o);
		dn.org.name = name;
		if (dossier_create(s, &dn, ref, &e) != TOETS_OK)
			die("dossier", &e);
		struct strbuf t2 = STRBUF_INIT;
		for (int k = 0; k < PER_OTHER; k++) {
			if (k % 100 == 0) { /* a /25 inside one of the big one's /24s */
				size_t i = (size_t)(rnd() % N);
				if (i % 4 == 3)
					i--;
				prefix_text(i, &t2);
				t2.len -= 5; /* ".0/24" */
				t2.data[t2.len] = '\0';
				strbuf_adds(&t2, ".128/25\n");
			} else {
				strbuf_addf(&t2, "d%d-%d.example.nl\nAS%u\n", o, k, 70000u + (unsigned)(o * PER_OTHER + k));
			}
		}
		diag_init(&dl, "other.txt");
		if (partners_import_buffer(s, ref, "other.txt", t2.data, t2.len, 0, &dl, &r, &e) != TOETS_OK)
			die("import of another", &e);
		diag_release(&dl);
		strbuf_release(&t2);
	}
	report("100 more dossiers, ~2,000 entries each", now_s() - t0, 0);

	t0 = now_s();
	struct partners_index pi;
	if (partners_index_load(s, 0, &pi, &e) != TOETS_OK)
		die("loading the index", &e);
	double t_load = now_s() - t0;
	printf("%-46s %9zu of %zu owners\n", "entries in the index", pi.n_entries, pi.n_owners);
	report("load the index from the database", t_load, 0);

	/* Addresses: half inside the big one's prefixes, half at random. */
	struct constituency_value *q = xmalloc(4096 * sizeof(*q));
	struct strbuf qt = STRBUF_INIT;
	for (size_t i = 0; i < 4096; i++) {
		strbuf_reset(&qt);
		if (i % 2) {
			size_t k = (size_t)(rnd() % N);
			prefix_text(k, &qt);
			*strchr(qt.data, '/') = '\0';
			qt.len = strlen(qt.data);
			if (k % 4 == 3)
				strbuf_addf(&qt, "%x", (unsigned)(rnd() & 0xffff));
			else
				qt.data[qt.len - 1] = (char)('1' + rnd() % 9);
		} else {
			uint32_t a = (uint32_t)rnd();
			strbuf_addf(&qt, "%u.%u.%u.%u", a >> 24, a >> 16 & 0xff, a >> 8 & 0xff, a & 0xff);
		}
		if (constituency_parse_query(qt.data, qt.len, &q[i], &e) != TOETS_OK)
			die(qt.data, &e);
	}
	strbuf_release(&qt);
	struct constituency_matches m = { 0 };
	size_t hits = 0;
	t0 = now_s();
	for (size_t i = 0; i < LOOKUPS; i++)
		hits += constituency_index_lookup(pi.ix, &q[i % 4096], 0, &m) > 0;
	double t_lookup = now_s() - t0;
	printf("%-46s %9zu of %d\n", "lookups that matched", hits, LOOKUPS);
	report_rate("lookup through the loaded index", LOOKUPS, t_lookup, 0);
	report_rate("load + 1,000,000 lookups", LOOKUPS, t_load + t_lookup, 100000);
	/* A few values, as 'toets lookup VALUE' asks: only the candidates read. */
	t0 = now_s();
	for (size_t i = 0; i < 100; i++) {
		struct partners_index one;
		if (partners_index_load_for(s, 0, &q[i], 1, &one, &e) != TOETS_OK)
			die("loading for one value", &e);
		constituency_index_lookup(one.ix, &q[i], 0, &m);
		partners_index_release(&one);
	}
	printf("%-46s %9.3f ms\n", "one value: its candidates loaded, looked up", (now_s() - t0) * 1e3 / 100);
	free(q);
	constituency_matches_release(&m);

	struct constituency_overlaps ov = { 0 };
	t0 = now_s();
	size_t n_ov = constituency_index_overlaps(pi.ix, CONSTITUENCY_NO_OWNER, &ov);
	printf("%-46s %9zu\n", "overlaps between dossiers", n_ov);
	report("overlaps", now_s() - t0, 0);
	constituency_overlaps_release(&ov);
	partners_index_release(&pi);

	t0 = now_s();
	struct partners_rows rows;
	if (partners_read(s, NULL, &rows, &e) != TOETS_OK)
		die("reading", &e);
	struct strbuf csv = STRBUF_INIT;
	partners_csv(&rows, &csv);
	printf("%-46s %9.1f MB\n", "CSV of everything", (double)csv.len / 1e6);
	report("read everything back, sorted, as CSV", now_s() - t0, 0);
	strbuf_release(&csv);
	partners_rows_release(&rows);

	store_close(&s);
	struct stat sb;
	if (stat(path, &sb) == 0)
		printf("%-46s %9.1f MB\n", "database file", (double)sb.st_size / 1e6);
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);

	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("%-46s %9.0f MB\n", "peak memory (max RSS)", (double)ru.ru_maxrss / 1024.0);
	if (over)
		printf("%d figure%s over target\n", over, over == 1 ? "" : "s");
	return over ? 1 : 0;
}
