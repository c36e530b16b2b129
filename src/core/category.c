/* category.c - partner categories. */
#include "toets/category.h"

#include <string.h>

#include "toets/i18n.h"

static const struct {
	const char *code;
	const char *name;
} categories[CATEGORY_COUNT] = {
	[CATEGORY_OKTT] = { "oktt", "OKTT (objectief kenbaar tot taak)" },
	[CATEGORY_CSIRT] = { "csirt", "CSIRT van een EU-lidstaat" },
	[CATEGORY_CERT] = { "cert", "Computercrisisteam (CERT)" },
	[CATEGORY_ISP] = { "isp", "Aanbieder van internettoegang" },
};

const char *category_code(enum category c)
{
	return c < CATEGORY_COUNT ? categories[c].code : "?";
}

const char *category_name(enum category c)
{
	return c < CATEGORY_COUNT ? categories[c].name : "?";
}

bool category_parse(const char *code, enum category *out)
{
	for (int c = 0; c < CATEGORY_COUNT; c++) {
		if (strcmp(code, categories[c].code) == 0) {
			*out = (enum category)c;
			return true;
		}
	}
	return false;
}

void category_format_set(unsigned set, struct strbuf *out)
{
	const char *sep = "";
	for (int c = 0; c < CATEGORY_COUNT; c++) {
		if (set & CATEGORY_BIT(c)) {
			strbuf_addf(out, "%s%s", sep, categories[c].code);
			sep = ", ";
		}
	}
}

void category_format_choices(struct strbuf *out)
{
	for (int c = 0; c < CATEGORY_COUNT; c++) {
		if (c > 0)
			strbuf_adds(out, c == CATEGORY_COUNT - 1 ? _(" or ") : ", ");
		strbuf_adds(out, categories[c].code);
	}
}
