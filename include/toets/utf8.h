/* utf8.h - UTF-8 validation, display width and safe quoting of outside text.
 * Widths use wcwidth(), so they are right once the program has called
 * setlocale(); without a UTF-8 locale the common East Asian wide blocks
 * count 2 and every other printable code point 1. */
#ifndef TOETS_UTF8_H
#define TOETS_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "toets/xalloc.h"

/* Decodes one code point; returns its length in bytes, or 0 when the bytes
 * at s are not valid UTF-8 (overlong, surrogate, beyond U+10FFFF, cut off). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* Offset of the first invalid byte, or n when all of s is valid UTF-8. */
size_t utf8_invalid_offset(const char *s, size_t n);

/* Columns a code point takes on a terminal: 0 for combining marks, 2 for
 * wide characters, 1 otherwise (control characters count 1: they are shown
 * replaced). */
int utf8_cp_width(uint32_t cp);

/* Columns the (valid) UTF-8 text takes. */
size_t utf8_width(const char *s, size_t n);

/* Appends s in double quotes for a message: control characters and quotes
 * escaped, cut after max_chars code points with "...". Invalid bytes are
 * shown as \xNN. */
void utf8_quote(struct strbuf *out, const char *s, size_t n, size_t max_chars);

/* Appends s with every control character (C0, DEL, C1) replaced by U+FFFD
 * and tabs by one space, so that outside text cannot drive the terminal. */
void utf8_sanitize(struct strbuf *out, const char *s, size_t n);

/* Appends the key names sort by: lower case, Latin letters without their
 * diacritics (é -> e, Ĳ -> ij, ß -> ss, æ -> ae), so that "Élan" sorts
 * with the e's and "Ĳsselland" with the i's, as a Dutch reader expects. */
void utf8_sort_key(const char *s, struct strbuf *out);

/* Appends text word-wrapped to `width` columns; the first line starts with
 * `indent`, the others with `hang` (whose widths count). Runs of white
 * space collapse to one space; a word wider than the line is cut at a
 * character boundary; control characters are replaced. */
void utf8_wrap(struct strbuf *out, const char *text, size_t width, const char *indent,
	       const char *hang);

#endif
