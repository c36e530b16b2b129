/* fuzz_kader.c - libFuzzer target for the framework loader (the strict
 * YAML reader, the schema walk and the cross checks), and for formatting
 * every diagnostic it produces. `make fuzz` builds and runs it. */
#include <stddef.h>
#include <stdint.h>

#include "toets/kader.h"
#include "toets/verdict.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl;
	struct kader *k = NULL;
	diag_init(&dl, "fuzz.yaml");
	if (kader_load_buffer("fuzz.yaml", (const char *)data, size, &k, &dl) == TOETS_OK) {
		/* Walk what loaded: lookups, conditions and the verdict rule. */
		struct answers none = { NULL, 0 };
		for (size_t i = 0; i < k->n_criteria; i++) {
			const struct kader_criterion *c = &k->criteria[i];
			(void)verdict_compute(c, &none, NULL);
			for (size_t j = 0; j < c->n_questions; j++)
				(void)kader_find_question(k, c->questions[j].id);
		}
	}
	struct strbuf sb = STRBUF_INIT;
	diag_format_all(&dl, &sb);
	strbuf_release(&sb);
	kader_free(&k);
	diag_release(&dl);
	return 0;
}
