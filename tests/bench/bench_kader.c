/* bench_kader.c - timings of the framework loader: the shipped frameworks,
 * and the hostile inputs that must be refused in well under 100 ms.
 * Prints figures and exits 1 when a hostile input is over its target;
 * `make bench` runs it. Correctness is tested elsewhere; timings are kept
 * out of the unit tests, where a busy machine would make them flaky. */
#define _POSIX_C_SOURCE 200809L
#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "toets/kader.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int over_target;

/* Best of several runs of loading buf; prints one line. */
static void bench(const char *name, const char *buf, size_t len, double limit_ms)
{
	double best = 1e9;
	size_t errors = 0;
	for (int run = 0; run < 5; run++) {
		struct diag_list dl;
		struct kader *k;
		diag_init(&dl, name);
		double t0 = now_ms();
		kader_load_buffer(name, buf, len, &k, &dl);
		double t = now_ms() - t0;
		if (t < best)
			best = t;
		errors = dl.n_errors;
		kader_free(&k);
		diag_release(&dl);
	}
	bool over = limit_ms > 0 && best > limit_ms;
	over_target += over;
	printf("%-30s %9zu bytes %8.3f ms  %3zu errors%s\n", name, len, best, errors,
	       over ? "  OVER TARGET" : "");
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	char *buf = malloc(2 * 1024 * 1024);
	*len = fread(buf, 1, 2 * 1024 * 1024, f);
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	setlocale(LC_ALL, "C.UTF-8");
	const char *src = argc > 1 ? argv[1] : ".";
	printf("framework loader, best of 5 runs (target for hostile input: < 100 ms)\n");

	const char *forms[] = { "oktt", "cert", "csirt", "isp" };
	for (size_t i = 0; i < 4; i++) {
		char path[4096];
		size_t len;
		snprintf(path, sizeof(path), "%s/forms/%s.yaml", src, forms[i]);
		char *buf = read_all(path, &len);
		if (buf) {
			char name[64];
			snprintf(name, sizeof(name), "forms/%s.yaml", forms[i]);
			bench(name, buf, len, 0);
			free(buf);
		}
	}

	size_t cap = 4 * 1024 * 1024, n = 0;
	char *buf = malloc(cap);

	/* billion laughs: 9 levels of 9 aliases */
	n = (size_t)sprintf(buf, "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]\n");
	for (char c = 'b'; c <= 'j'; c++)
		n += (size_t)sprintf(buf + n, "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n", c, c, c - 1,
				     c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
	bench("billion laughs", buf, n, 100);

	memset(buf, '[', 100000);
	bench("100,000 nested [", buf, 100000, 100);

	n = (size_t)sprintf(buf, "x: ");
	memset(buf + n, 'a', 2 * 1024 * 1024);
	bench("2 MiB scalar", buf, n + 2 * 1024 * 1024, 100);

	n = (size_t)sprintf(buf, "x: ");
	memset(buf + n, 'a', 1000 * 1000 - 10);
	bench("1 MB scalar (within size)", buf, n + 1000 * 1000 - 10, 100);

	n = 0;
	buf[n++] = '{';
	for (int i = 0; i < 200000 && n < 1000000; i++)
		n += (size_t)sprintf(buf + n, "%x: 0,", i);
	buf[n - 1] = '}';
	bench("200,000 keys (flow, <1 MiB)", buf, n, 100);

	n = 0;
	for (int i = 0; i < 200000; i++)
		n += (size_t)sprintf(buf + n, "k%d: 0\n", i);
	bench("200,000 keys (block, >1 MiB)", buf, n, 100);

	n = 0;
	for (int i = 0; i < 45000 && n < 1000000; i++)
		n += (size_t)sprintf(buf + n, "k: %d\n", i);
	bench("45,000 duplicate keys", buf, n, 100);

	/* Lists that a pairwise check of repeats would make quadratic. */
	const char *head = "format: 1\nid: x\nversion: '1'\ntitle: {nl: x, en: x}\n"
			   "applies_to: [oktt]\nlegal_basis: [x]\nvalid_from: 2022-12-01\n"
			   "criteria:\n  - {id: c, title: {nl: c, en: c}, legal_basis: [x], mandatory: true,\n"
			   "     questions: [\n";
	n = (size_t)sprintf(buf, "%s       {id: q1, text: {nl: q, en: q}, type: choice, choices: [", head);
	for (int i = 0; i < 8500 && n < 1000000; i++)
		n += (size_t)sprintf(buf + n, "{id: k%d, label: {nl: a, en: a}, effect: none},", i);
	n += (size_t)sprintf(buf + n, "]}]}\n");
	bench("8,500 choices", buf, n, 100);

	n = (size_t)sprintf(buf, "%s       {id: q1, text: {nl: q, en: q}, type: choice,\n"
			    "        choices: [{id: a, label: {nl: a, en: a}, effect: pass}]},\n"
			    "       {id: q2, text: {nl: q, en: q}, type: text, show_if: {question: q1, any_of: [",
			    head);
	for (int i = 0; i < 99000 && n < 1000000; i++)
		n += (size_t)sprintf(buf + n, "c%d,", i);
	n += (size_t)sprintf(buf + n, "]}}]}\n");
	bench("condition on 99,000 choices", buf, n, 100);

	n = (size_t)sprintf(buf, "format: 1\napplies_to: [");
	for (int i = 0; i < 99000 && n < 1000000; i++)
		n += (size_t)sprintf(buf + n, "bank%d,", i);
	n += (size_t)sprintf(buf + n, "]\n");
	bench("99,000 unknown categories", buf, n, 100);

	memset(buf, 'x', 1000 * 1000);
	memcpy(buf, "a: [", 4);
	bench("error at the end of 1 MB line", buf, 1000 * 1000, 100);

	free(buf);
	if (over_target)
		printf("%d hostile input%s over the target of 100 ms\n", over_target,
		       over_target == 1 ? "" : "s");
	return over_target ? 1 : 0;
}
