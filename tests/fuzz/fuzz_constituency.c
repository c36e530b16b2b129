/* fuzz_constituency.c - libFuzzer target for the constituency parser (a
 * whole file, and the input as one query), the formatting of what it
 * reports, and the index built from what it accepts. Besides the
 * sanitizers, it checks that normalising is idempotent (an entry's text
 * parses to itself), that every entry finds its owner when looked up, and
 * that overlaps name two different owners. `make fuzz` builds and runs it. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "toets/constituency.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct constituency_value v;
	struct toets_error e;
	(void)constituency_parse_query(text, size < 300 ? size : 300, &v, &e);

	struct diag_list dl;
	struct constituency_list l;
	diag_init(&dl, "fuzz.txt");
	enum toets_status st = constituency_parse_buffer(text, size, &l, &dl);
	struct strbuf sb = STRBUF_INIT;
	diag_format_all(&dl, &sb);
	strbuf_release(&sb);
	if (st == TOETS_OK) {
		struct constituency_index *ix = constituency_index_new();
		uint32_t owner[2] = { constituency_index_owner(ix, "a", "A"), constituency_index_owner(ix, "b", "B") };
		for (size_t i = 0; i < l.n; i++) {
			const struct constituency_entry *en = &l.items[i];
			if (constituency_parse_line(en->text, strlen(en->text), &v, &e) != TOETS_OK ||
			    strcmp(v.text, en->text) != 0 || v.kind != en->kind)
				abort(); /* the normalised text must parse to itself */
			constituency_index_add(ix, owner[i % 2], en);
		}
		constituency_index_build(ix);
		struct constituency_matches m = { 0 };
		for (size_t i = 0; i < l.n; i++) {
			const struct constituency_entry *en = &l.items[i];
			if (constituency_parse_query(en->text, strlen(en->text), &v, &e) != TOETS_OK)
				abort();
			constituency_index_lookup(ix, &v, CONSTITUENCY_LESS_SPECIFIC, &m);
			bool found = false;
			for (size_t k = 0; k < m.n && !found; k++)
				found = m.items[k].depth == 0 && m.items[k].owner == owner[i % 2] &&
					strcmp(m.items[k].text, en->text) == 0;
			if (!found)
				abort(); /* an entry must find itself */
		}
		struct constituency_overlaps o = { 0 };
		constituency_index_overlaps(ix, CONSTITUENCY_NO_OWNER, &o);
		for (size_t k = 0; k < o.n; k++)
			if (o.items[k].owner_a == o.items[k].owner_b)
				abort();
		constituency_overlaps_release(&o);
		constituency_matches_release(&m);
		constituency_index_free(&ix);
	}
	constituency_list_release(&l);
	diag_release(&dl);
	return 0;
}
