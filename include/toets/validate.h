/* validate.h - checks of single values an assessor types: KvK number,
 * e-mail address, phone number, PGP fingerprint, web address. Each returns
 * NULL when the value is acceptable, else a translated reason. */
#ifndef TOETS_VALIDATE_H
#define TOETS_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

/* Exactly eight digits. */
const char *validate_kvk(const char *s);
/* local@domain.tld, no spaces or control characters, at most 254 bytes. */
const char *validate_email(const char *s);
/* Digits with optional +, spaces, hyphens and parentheses; 6-20 digits. */
const char *validate_phone(const char *s);
/* 40 hexadecimal digits (spaces allowed); normalised into out (41 bytes):
 * upper case, no spaces. */
const char *validate_fingerprint(const char *s, char out[41]);
/* http:// or https:// followed by a host. */
const char *validate_website(const char *s);
/* YYYY-MM-DD, a real date. */
const char *validate_date(const char *s);
/* True for NULL, "" and text of only white space. */
bool validate_blank(const char *s);
/* One line of text: no control characters at all (names, titles, places). */
const char *validate_line(const char *s, size_t max_len);
/* Text without control characters other than newline and tab. */
const char *validate_text(const char *s, size_t max_len);

#endif
