/* utf8.c - UTF-8 decoding, widths, quoting and wrapping. */
#define _XOPEN_SOURCE 700
#include "toets/utf8.h"

#include <stdbool.h>
#include <string.h>
#include <wchar.h>

size_t utf8_decode(const char *str, size_t n, uint32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t len;
	uint32_t c, min;
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2; c = s[0] & 0x1F; min = 0x80;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3; c = s[0] & 0x0F; min = 0x800;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4; c = s[0] & 0x07; min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

size_t utf8_invalid_offset(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len)
			return i;
		i += len;
	}
	return n;
}

static int is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0);
}

/* The common East Asian wide blocks, for when wcwidth() cannot tell (in
 * the C locale it knows nothing beyond ASCII). */
static bool is_wide(uint32_t cp)
{
	static const uint32_t wide[][2] = {
		{ 0x1100, 0x115F },   /* Hangul Jamo initials */
		{ 0x2E80, 0x303E },   /* CJK radicals, punctuation */
		{ 0x3041, 0x33FF },   /* kana, Bopomofo, CJK compatibility */
		{ 0x3400, 0x4DBF },   /* CJK extension A */
		{ 0x4E00, 0x9FFF },   /* CJK unified ideographs */
		{ 0xA000, 0xA4CF },   /* Yi */
		{ 0xAC00, 0xD7A3 },   /* Hangul syllables */
		{ 0xF900, 0xFAFF },   /* CJK compatibility ideographs */
		{ 0xFE30, 0xFE4F },   /* CJK compatibility forms */
		{ 0xFF00, 0xFF60 },   /* full-width forms */
		{ 0xFFE0, 0xFFE6 },
		{ 0x1F300, 0x1F64F }, /* pictographs, emoticons */
		{ 0x1F900, 0x1F9FF },
		{ 0x20000, 0x3FFFD }, /* CJK extensions B and later */
	};
	for (size_t i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (cp >= wide[i][0] && cp <= wide[i][1])
			return true;
	return false;
}

int utf8_cp_width(uint32_t cp)
{
	if (is_control(cp))
		return 1;
	int w = wcwidth((wchar_t)cp);
	if (w < 0)
		return cp >= 0x1100 && is_wide(cp) ? 2 : 1;
	return w;
}

size_t utf8_width(const char *s, size_t n)
{
	size_t width = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len) {
			width++;
			i++;
			continue;
		}
		width += (size_t)utf8_cp_width(cp);
		i += len;
	}
	return width;
}

void utf8_quote(struct strbuf *out, const char *s, size_t n, size_t max_chars)
{
	size_t chars = 0;
	strbuf_addc(out, '"');
	for (size_t i = 0; i < n;) {
		if (chars == max_chars) {
			strbuf_adds(out, "...");
			break;
		}
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len) {
			strbuf_addf(out, "\\x%02X", (unsigned char)s[i]);
			i++;
		} else if (cp == '"' || cp == '\\') {
			strbuf_addc(out, '\\');
			strbuf_addc(out, (char)cp);
			i++;
		} else if (cp == '\n') {
			strbuf_adds(out, "\\n");
			i++;
		} else if (cp == '\t') {
			strbuf_adds(out, "\\t");
			i++;
		} else if (is_control(cp)) {
			strbuf_addf(out, "\\u%04X", (unsigned)cp);
			i += len;
		} else {
			strbuf_add(out, s + i, len);
			i += len;
		}
		chars++;
	}
	strbuf_addc(out, '"');
}

void utf8_sanitize(struct strbuf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(s + i, n - i, &cp);
		if (!len) {
			strbuf_adds(out, "\xEF\xBF\xBD");
			i++;
		} else if (cp == '\t') {
			strbuf_addc(out, ' ');
			i++;
		} else if (is_control(cp)) {
			strbuf_adds(out, "\xEF\xBF\xBD");
			i += len;
		} else {
			strbuf_add(out, s + i, len);
			i += len;
		}
	}
}

/* Base letters of U+00C0..U+017F (Latin-1 Supplement and Latin
 * Extended-A), lower case; "" where the letter has no plain base. */
static const char *const latin_base[0x180 - 0xC0] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",       /* C0 */
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",      /* D0 */
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",       /* E0 */
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",       /* F0 */
	"a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",       /* 100 */
	"d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",       /* 110 */
	"g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",       /* 120 */
	"i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",     /* 130 */
	"l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",       /* 140 */
	"o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",     /* 150 */
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",       /* 160 */
	"u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",       /* 170 */
};

void utf8_sort_key(const char *s, struct strbuf *out)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (!n) {
			i++;
			continue;
		}
		if (cp >= 'A' && cp <= 'Z')
			strbuf_addc(out, (char)(cp + 32));
		else if (cp >= 0xC0 && cp < 0x180 && latin_base[cp - 0xC0][0])
			strbuf_adds(out, latin_base[cp - 0xC0]);
		else
			strbuf_add(out, s + i, n);
		i += n;
	}
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t room(size_t width, const char *indent)
{
	size_t w = utf8_width(indent, strlen(indent));
	return width > w + 10 ? width - w : 10;
}

void utf8_wrap(struct strbuf *out, const char *text, size_t width, const char *indent,
	       const char *hang)
{
	size_t avail = room(width, indent);
	size_t col = 0; /* columns used on the current line after the indent */
	const char *p = text;
	int line_open = 0, lines = 0;

	for (;;) {
		while (*p && is_space(*p))
			p++;
		if (!*p)
			break;
		const char *word = p;
		while (*p && !is_space(*p))
			p++;
		size_t wlen = (size_t)(p - word);
		struct strbuf clean = STRBUF_INIT;
		utf8_sanitize(&clean, word, wlen);
		const char *w = strbuf_str(&clean);
		size_t wl = clean.len;
		size_t ww = utf8_width(w, wl);

		if (line_open && col + 1 + ww > avail) {
			strbuf_addc(out, '\n');
			line_open = 0;
		}
		if (!line_open) {
			if (lines++ == 1) {
				indent = hang;
				avail = room(width, indent);
			}
			strbuf_adds(out, indent);
			col = 0;
			line_open = 1;
		} else {
			strbuf_addc(out, ' ');
			col++;
		}
		/* A word longer than a whole line is cut on character boundaries. */
		size_t i = 0;
		while (i < wl) {
			uint32_t cp;
			size_t len = utf8_decode(w + i, wl - i, &cp);
			if (!len)
				len = 1, cp = '?';
			size_t cw = (size_t)utf8_cp_width(cp);
			if (col + cw > avail && col > 0) {
				strbuf_addc(out, '\n');
				if (lines++ == 1) {
					indent = hang;
					avail = room(width, indent);
				}
				strbuf_adds(out, indent);
				col = 0;
			}
			strbuf_add(out, w + i, len);
			col += cw;
			i += len;
		}
		strbuf_release(&clean);
	}
	if (line_open)
		strbuf_addc(out, '\n');
}
