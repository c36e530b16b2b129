/* keys_doc.c - the action table as a document: `toets keys` and the KEYS
 * section of toets(1), so the man page cannot drift from the program. */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "toets/i18n.h"

void ui_print_keys(FILE *out, bool mdoc)
{
	if (mdoc)
		fputs(".Bl -tag -width Ds\n", out);
	for (int a = 0; a < ACT_COUNT; a++) {
		const struct ui_action_info *info = &ui_actions[a];
		if (mdoc) {
			/* Key names as literals: <Down>, C-b, j. */
			fputs(".It", out);
			char *keys = xstrdup(info->keys);
			const char *sep = " ";
			for (char *save = NULL, *k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
				/* A lone ? or / would be taken for punctuation. */
				fprintf(out, "%sCm %s%s", sep, strlen(k) == 1 ? "\\&" : "", k);
				sep = " , ";
			}
			free(keys);
			fprintf(out, "\n.Pq Ic %s\n%s.\n", info->name, info->help);
		} else {
			char line[256];
			snprintf(line, sizeof(line), "%-24s %-16s %s\n", info->keys, info->name, _(info->help));
			fputs(line, out);
		}
	}
	if (mdoc)
		fputs(".El\n", out);
}
