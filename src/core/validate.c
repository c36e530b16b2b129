/* validate.c - checks of typed values. */
#include "toets/validate.h"

#include <stdbool.h>
#include <string.h>

#include "toets/datetime.h"
#include "toets/i18n.h"
#include "toets/utf8.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

const char *validate_kvk(const char *s)
{
	if (strlen(s) != 8)
		return _("a KvK number has exactly 8 digits");
	for (int i = 0; i < 8; i++)
		if (!is_digit(s[i]))
			return _("a KvK number has exactly 8 digits");
	return NULL;
}

const char *validate_email(const char *s)
{
	const char *at = strchr(s, '@');
	size_t len = strlen(s);
	if (len > 254 || !at || at == s || strchr(at + 1, '@'))
		return _("not an e-mail address (name@domain.nl)");
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == ',' || *p == ';' || *p == '<' || *p == '>')
			return _("not an e-mail address (name@domain.nl)");
	const char *dot = strrchr(at, '.');
	if (!dot || dot == at + 1 || dot[1] == '\0' || strstr(at, ".."))
		return _("not an e-mail address (name@domain.nl)");
	if (utf8_invalid_offset(s, len) != len)
		return _("not valid UTF-8");
	return NULL;
}

const char *validate_phone(const char *s)
{
	int digits = 0;
	for (const char *p = s; *p; p++) {
		if (is_digit(*p))
			digits++;
		else if (!(*p == '+' && p == s) && *p != ' ' && *p != '-' && *p != '(' && *p != ')')
			return _("a phone number holds digits, and only +, spaces, - and ( )");
	}
	if (digits < 6 || digits > 20)
		return _("a phone number has 6 to 20 digits");
	return NULL;
}

const char *validate_fingerprint(const char *s, char out[41])
{
	int n = 0;
	for (const char *p = s; *p; p++) {
		char c = *p;
		if (c == ' ')
			continue;
		if (c >= 'a' && c <= 'f')
			c = (char)(c - 32);
		if (!(is_digit(c) || (c >= 'A' && c <= 'F')) || n == 40)
			return _("a PGP fingerprint has 40 hexadecimal digits");
		out[n++] = c;
	}
	if (n != 40)
		return _("a PGP fingerprint has 40 hexadecimal digits");
	out[40] = '\0';
	return NULL;
}

const char *validate_website(const char *s)
{
	const char *host = NULL;
	if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	if (!host || !*host || *host == '/' || !strchr(host, '.'))
		return _("a web address starts with https:// (or http://) and names a host");
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f)
			return _("a web address has no spaces");
	return NULL;
}

const char *validate_date(const char *s)
{
	return date_valid(s) ? NULL : _("not a date: write YYYY-MM-DD, a real calendar date");
}

bool validate_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return false;
	return true;
}

const char *validate_line(const char *s, size_t max_len)
{
	const char *why = validate_text(s, max_len);
	if (why)
		return why;
	if (strpbrk(s, "\n\t"))
		return _("one line only: no line breaks or tabs");
	return NULL;
}

const char *validate_text(const char *s, size_t max_len)
{
	size_t len = strlen(s);
	if (len > max_len)
		return _("the text is too long");
	if (utf8_invalid_offset(s, len) != len)
		return _("the text is not valid UTF-8");
	for (const char *p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			return _("the text holds control characters");
	}
	return NULL;
}
