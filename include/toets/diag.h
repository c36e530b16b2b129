/* diag.h - diagnostics about outside input: errors and warnings with the
 * file, line and column they concern, and the source line to show them in.
 * Core code fills a diag_list; the CLI or UI decides how to show it. */
#ifndef TOETS_DIAG_H
#define TOETS_DIAG_H

#include <stdbool.h>
#include <stddef.h>

#include "toets/xalloc.h"

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

/* At most this many errors are kept per file; then checking stops. */
#define DIAG_MAX_ERRORS 50

struct diag {
	enum diag_severity severity;
	unsigned line; /* 1-based; 0 when the diagnostic concerns the whole file */
	unsigned col;  /* 1-based, in characters */
	char *message;
	char *source_line; /* sanitised copy of the line, or NULL */
	size_t caret;      /* display columns before the caret */
};

struct diag_list {
	char *file;
	const char *src; /* borrowed while loading, for source lines; may be NULL */
	size_t src_len;
	unsigned last_line, last_col; /* just after the last non-blank character */
	struct diag *items;
	size_t n, cap;
	size_t n_errors, n_warnings;
	bool stopped; /* the cap was reached: there may be more errors */
};

void diag_init(struct diag_list *dl, const char *file);
/* Lets later diagnostics quote lines of src (which must outlive the calls).
 * A position past the last non-blank character (an error at the end of the
 * file) is moved back to just after it, so that it names a line that shows
 * something. */
void diag_set_source(struct diag_list *dl, const char *src, size_t len);

void diag_error(struct diag_list *dl, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diag_warning(struct diag_list *dl, unsigned line, unsigned col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* True once DIAG_MAX_ERRORS errors were recorded: stop looking for more.
 * Further errors are not kept. */
bool diag_full(const struct diag_list *dl);

/* Orders diagnostics by position (stable), file-wide ones first. */
void diag_sort(struct diag_list *dl);

/* Appends one diagnostic as
 *   file:line:col: message            (errors)
 *   file:line:col: warning: message   (warnings)
 * followed by the source line and a caret under the column; of a long line,
 * about 120 columns around the column, cut with "...". */
void diag_format(const struct diag_list *dl, const struct diag *d, struct strbuf *out);
/* Appends every diagnostic, and a closing line when checking stopped at the
 * cap: "FILE: too many errors; stopped after 50". */
void diag_format_all(const struct diag_list *dl, struct strbuf *out);

void diag_release(struct diag_list *dl);

#endif
