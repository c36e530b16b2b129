/* category.h - the four partner categories of Wbni art. 3 lid 2. */
#ifndef TOETS_CATEGORY_H
#define TOETS_CATEGORY_H

#include <stdbool.h>

#include "toets/xalloc.h"

enum category {
	CATEGORY_OKTT,
	CATEGORY_CSIRT,
	CATEGORY_CERT,
	CATEGORY_ISP,
	CATEGORY_COUNT
};

#define CATEGORY_BIT(c) (1u << (c))

/* The code used in files and on the command line: "oktt", "csirt", ... */
const char *category_code(enum category c);
/* The Dutch name shown to the assessor. */
const char *category_name(enum category c);
bool category_parse(const char *code, enum category *out);
/* Appends the codes in a set (a mask of CATEGORY_BIT): "oktt, isp". */
void category_format_set(unsigned set, struct strbuf *out);
/* Appends every code as "oktt, csirt, cert or isp" for messages. */
void category_format_choices(struct strbuf *out);

#endif
