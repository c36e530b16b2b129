/* constituency.c - parsing and normalising constituency entries (AS numbers,
 * IP prefixes, domain names), one a line; the index is in
 * constituency_index.c. */
#include "toets/constituency.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "toets/arena.h"
#include "toets/i18n.h"
#include "toets/utf8.h"
#include "toets/xalloc.h"

/* ---- helpers ------------------------------------------------------------------ */

/* Column (1-based, in characters) of `at` in the line. */
static unsigned char_col(const char *line, const char *at)
{
	unsigned col = 1;
	for (const char *p = line; p < at;) {
		uint32_t cp;
		size_t n = utf8_decode(p, (size_t)(at - p), &cp);
		p += n ? n : 1;
		col++;
	}
	return col;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool all_digits(const char *s, const char *e)
{
	if (s == e)
		return false;
	for (; s < e; s++)
		if (!is_digit(*s))
			return false;
	return true;
}

static const char *find_char(const char *s, const char *e, char c)
{
	return memchr(s, c, (size_t)(e - s));
}

/* Outside text for a message: quoted, control characters escaped, cut. */
struct quoted {
	char s[160];
};

static struct quoted quote(const char *s, size_t n)
{
	struct quoted q;
	struct strbuf sb = STRBUF_INIT;
	utf8_quote(&sb, s, n, 60);
	snprintf(q.s, sizeof(q.s), "%s", strbuf_str(&sb));
	strbuf_release(&sb);
	return q;
}

/* Fails with the message in e and the column of `at` in out->col. */
static enum toets_status fail_at(struct constituency_value *out, struct toets_error *e, const char *line,
				 const char *at, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static enum toets_status fail_at(struct constituency_value *out, struct toets_error *e, const char *line,
				 const char *at, const char *fmt, ...)
{
	out->kind = CONSTITUENCY_NONE;
	out->col = char_col(line, at);
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->message, sizeof(e->message), fmt, ap);
		va_end(ap);
		e->status = TOETS_ERR_INVALID;
	}
	return TOETS_ERR_INVALID;
}

/* ---- AS numbers ----------------------------------------------------------------- */

/* Numbers that no network announces on the internet. */
static void asn_warning(struct constituency_value *out)
{
	uint32_t a = out->asn;
	const char *w = NULL;
	if (a == 23456)
		/* RFC 6793: stands in for a 4-byte number towards old speakers. */
		w = _("AS%u is AS_TRANS, the stand-in for 4-byte AS numbers (RFC 6793), never a network");
	else if ((a >= 64496 && a <= 64511) || (a >= 65536 && a <= 65551))
		w = _("AS%u is reserved for documentation (RFC 5398)");
	else if ((a >= 64512 && a <= 65534) || (a >= 4200000000u && a <= 4294967294u))
		w = _("AS%u is reserved for private use (RFC 6996)");
	else if (a == 65535 || a == 4294967295u)
		w = _("AS%u is reserved: the last AS number of its range (RFC 7300)");
	else if (a >= 65552 && a <= 131071)
		/* IANA's 32-bit AS number registry: reserved, never allocated. */
		w = _("AS%u is in the block 65552-131071 that IANA keeps reserved");
	if (w)
		snprintf(out->warning, sizeof(out->warning), w, a);
}

/* digits: the token after an optional "AS". */
static enum toets_status parse_asn(const char *line, const char *tok, const char *digits, const char *te,
				   bool query, struct constituency_value *out, struct toets_error *e)
{
	size_t nd = (size_t)(te - digits);
	/* Skip zeros to see the number's size without overflow. */
	const char *sig = digits;
	while (sig < te - 1 && *sig == '0')
		sig++;
	uint64_t v = 0;
	bool big = (size_t)(te - sig) > 10;
	for (const char *p = sig; !big && p < te; p++)
		v = v * 10 + (uint64_t)(*p - '0');
	if (v > UINT32_MAX)
		big = true;
	if (big)
		return fail_at(out, e, line, tok, _("AS number %s is too large: the largest is 4294967295"),
			       quote(digits, nd).s);
	if (v == 0)
		return fail_at(out, e, line, tok, _("AS0 is reserved and never announced (RFC 7607)"));
	if (digits[0] == '0')
		return fail_at(out, e, line, tok, _("AS number %s has a leading zero; write AS%u"),
			       quote(tok, (size_t)(te - tok)).s, (unsigned)v);
	out->kind = CONSTITUENCY_ASN;
	out->asn = (uint32_t)v;
	snprintf(out->text, sizeof(out->text), "AS%u", out->asn);
	if (!query)
		asn_warning(out);
	return TOETS_OK;
}

/* ---- prefixes --------------------------------------------------------------- */

/* Writes v in decimal; returns the end. (No printf: 1,000,000 prefixes
 * are formatted on an import.) */
static char *put_dec(char *p, unsigned v)
{
	char tmp[10];
	int n = 0;
	do
		tmp[n++] = (char)('0' + v % 10);
	while ((v /= 10) && n < 10);
	while (n)
		*p++ = tmp[--n];
	return p;
}

static char *put_hex(char *p, unsigned v)
{
	static const char digits[] = "0123456789abcdef";
	int shift = 12;
	while (shift > 0 && !(v >> shift & 0xF))
		shift -= 4;
	for (; shift >= 0; shift -= 4)
		*p++ = digits[v >> shift & 0xF];
	return p;
}

/* RFC 5952: lower case, no leading zeros, and the longest run of two or more
 * zero groups (the first of equal runs) as "::". At most 39 characters. */
static char *format_v6(const uint8_t a[16], char *p)
{
	unsigned g[8];
	for (int i = 0; i < 8; i++)
		g[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
	int best = -1, best_len = 1;
	for (int i = 0; i < 8;) {
		if (g[i]) {
			i++;
			continue;
		}
		int j = i;
		while (j < 8 && !g[j])
			j++;
		if (j - i > best_len)
			best = i, best_len = j - i;
		i = j;
	}
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			*p++ = ':';
			*p++ = ':';
			i += best_len - 1;
			continue;
		}
		if (i > 0 && i != best + best_len)
			*p++ = ':';
		p = put_hex(p, g[i]);
	}
	return p;
}

void constituency_format_prefix(const struct constituency_prefix *p, char out[CONSTITUENCY_TEXT_MAX])
{
	char *w = out;
	if (p->family == 4) {
		for (int i = 0; i < 4; i++) {
			w = put_dec(w, p->addr[i]);
			*w++ = i < 3 ? '.' : '/';
		}
	} else {
		w = format_v6(p->addr, w);
		*w++ = '/';
	}
	w = put_dec(w, p->len);
	*w = '\0';
}

/* Clears the host bits; true when any was set. */
static bool mask_host_bits(struct constituency_prefix *p)
{
	unsigned bits = p->family == 4 ? 32 : 128;
	bool had = false;
	for (unsigned i = 0; i < bits / 8; i++) {
		unsigned keep = p->len >= 8 * (i + 1) ? 8 : p->len > 8 * i ? p->len - 8 * i : 0;
		uint8_t mask = (uint8_t)(keep ? 0xFF << (8 - keep) : 0);
		if (p->addr[i] & ~mask)
			had = true;
		p->addr[i] &= mask;
	}
	return had;
}

/* Special-purpose blocks (RFC 6890 and the IANA registries that follow it):
 * not reachable on the internet, so not a partner's constituency. */
struct special {
	uint8_t family, len;
	uint8_t addr[16];
	const char *what; /* N_() */
	const char *rfc;
};

static const struct special specials[] = {
	{ 4, 8, { 0 }, N_("\"this network\""), "RFC 791" },
	{ 4, 8, { 10 }, N_("private use"), "RFC 1918" },
	{ 4, 10, { 100, 64 }, N_("shared address space (carrier-grade NAT)"), "RFC 6598" },
	{ 4, 8, { 127 }, N_("loopback"), "RFC 1122" },
	{ 4, 16, { 169, 254 }, N_("link-local addresses"), "RFC 3927" },
	{ 4, 12, { 172, 16 }, N_("private use"), "RFC 1918" },
	{ 4, 24, { 192, 0, 0 }, N_("IETF protocol assignments"), "RFC 6890" },
	{ 4, 24, { 192, 0, 2 }, N_("documentation"), "RFC 5737" },
	{ 4, 16, { 192, 168 }, N_("private use"), "RFC 1918" },
	{ 4, 15, { 198, 18 }, N_("benchmarking"), "RFC 2544" },
	{ 4, 24, { 198, 51, 100 }, N_("documentation"), "RFC 5737" },
	{ 4, 24, { 203, 0, 113 }, N_("documentation"), "RFC 5737" },
	{ 4, 4, { 224 }, N_("multicast"), "RFC 5771" },
	{ 4, 4, { 240 }, N_("future use"), "RFC 1112" },
	{ 6, 128, { 0 }, N_("the unspecified address"), "RFC 4291" },
	{ 6, 128, { [15] = 1 }, N_("loopback"), "RFC 4291" },
	{ 6, 64, { 0x01, 0x00 }, N_("discarding traffic"), "RFC 6666" },
	{ 6, 32, { 0x20, 0x01, 0x0d, 0xb8 }, N_("documentation"), "RFC 3849" },
	{ 6, 20, { 0x3f, 0xff }, N_("documentation"), "RFC 9637" },
	{ 6, 7, { 0xfc }, N_("unique local addresses"), "RFC 4193" },
	{ 6, 10, { 0xfe, 0x80 }, N_("link-local addresses"), "RFC 4291" },
	{ 6, 8, { 0xff }, N_("multicast"), "RFC 4291" },
};

/* True when the first len bits of a and b agree. */
static bool same_bits(const uint8_t *a, const uint8_t *b, unsigned len)
{
	unsigned whole = len / 8, rest = len % 8;
	if (memcmp(a, b, whole) != 0)
		return false;
	if (!rest)
		return true;
	uint8_t mask = (uint8_t)(0xFF << (8 - rest));
	return (a[whole] & mask) == (b[whole] & mask);
}

static void prefix_warning(struct constituency_value *out)
{
	const struct constituency_prefix *p = &out->prefix;
	for (size_t i = 0; i < sizeof(specials) / sizeof(specials[0]); i++) {
		const struct special *s = &specials[i];
		if (s->family != p->family)
			continue;
		unsigned common = p->len < s->len ? p->len : s->len;
		if (!same_bits(p->addr, s->addr, common))
			continue;
		struct constituency_prefix sp = { s->family, s->len, { 0 } };
		memcpy(sp.addr, s->addr, 16);
		char block[CONSTITUENCY_TEXT_MAX];
		constituency_format_prefix(&sp, block);
		if (p->len == s->len)
			snprintf(out->warning, sizeof(out->warning), _("%s is reserved for %s (%s)"), out->text,
				 _(s->what), s->rfc);
		else
			snprintf(out->warning, sizeof(out->warning),
				 p->len > s->len ? _("%s lies within %s, reserved for %s (%s)")
						 : _("%s covers %s, reserved for %s (%s)"),
				 out->text, block, _(s->what), s->rfc);
		return;
	}
}

/* The length after '/', or -1. No sign, no leading zeros. */
static int parse_len(const char *s, const char *e, int max)
{
	if (s == e || e - s > 3 || !all_digits(s, e) || (*s == '0' && e - s > 1))
		return -1;
	int v = 0;
	for (; s < e; s++)
		v = v * 10 + (*s - '0');
	return v <= max ? v : -1;
}

/* A strict dotted quad: four decimal numbers 0..255 without leading zeros. */
static enum toets_status parse_v4(const char *line, const char *s, const char *e, uint8_t addr[4],
				  struct constituency_value *out, struct toets_error *err)
{
	const char *p = s;
	for (int i = 0; i < 4; i++) {
		const char *q = p;
		while (q < e && is_digit(*q))
			q++;
		bool last = i == 3;
		if (q == p || (last ? q != e : (q == e || *q != '.')))
			return fail_at(out, err, line, s,
				       _("invalid IPv4 address %s: expected four numbers from 0 to 255 "
					 "separated by dots"),
				       quote(s, (size_t)(e - s)).s);
		if (*p == '0' && q - p > 1)
			return fail_at(out, err, line, p,
				       _("%s in %s has a leading zero, which some programs read as octal; "
					 "write the number without it"),
				       quote(p, (size_t)(q - p)).s, quote(s, (size_t)(e - s)).s);
		unsigned v = 0;
		for (const char *d = p; d < q && v <= 255; d++)
			v = v * 10 + (unsigned)(*d - '0');
		if (v > 255)
			return fail_at(out, err, line, p, _("%s in %s is larger than 255"),
				       quote(p, (size_t)(q - p)).s, quote(s, (size_t)(e - s)).s);
		addr[i] = (uint8_t)v;
		p = q + 1;
	}
	return TOETS_OK;
}

static bool is_v4_mapped(const uint8_t a[16])
{
	static const uint8_t head[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	return memcmp(a, head, 12) == 0;
}

static enum toets_status parse_prefix(const char *line, const char *tok, const char *te, bool v6, bool query,
				      struct constituency_value *out, struct toets_error *e)
{
	const char *slash = find_char(tok, te, '/');
	const char *ae = slash ? slash : te;
	struct constituency_prefix *p = &out->prefix;
	memset(p, 0, sizeof(*p));
	if (!v6) {
		p->family = 4;
		if (parse_v4(line, tok, ae, p->addr, out, e) != TOETS_OK)
			return TOETS_ERR_INVALID;
	} else {
		p->family = 6;
		char buf[64];
		size_t n = (size_t)(ae - tok);
		bool ok = n < sizeof(buf);
		for (const char *c = tok; ok && c < ae; c++)
			ok = is_digit(*c) || (lower(*c) >= 'a' && lower(*c) <= 'f') || *c == ':' || *c == '.';
		if (ok) {
			memcpy(buf, tok, n);
			buf[n] = '\0';
			ok = inet_pton(AF_INET6, buf, p->addr) == 1;
		}
		if (!ok)
			return fail_at(out, e, line, tok, _("invalid IPv6 address %s"), quote(tok, n).s);
	}
	int max = p->family == 4 ? 32 : 128;
	int len = max;
	if (slash) {
		len = parse_len(slash + 1, te, max);
		if (len < 0)
			return fail_at(out, e, line, slash + 1,
				       p->family == 4 ? _("invalid prefix length %s: expected a number from 0 to 32")
						      : _("invalid prefix length %s: expected a number from 0 to 128"),
				       quote(slash + 1, (size_t)(te - slash - 1)).s);
	}
	p->len = (uint8_t)len;
	if (p->family == 6 && is_v4_mapped(p->addr) && p->len >= 96) {
		struct constituency_prefix v4 = { 4, (uint8_t)(p->len - 96), { 0 } };
		memcpy(v4.addr, p->addr + 12, 4);
		if (query) {
			*p = v4;
		} else {
			char written[CONSTITUENCY_TEXT_MAX], meant[CONSTITUENCY_TEXT_MAX];
			mask_host_bits(&v4);
			constituency_format_prefix(&v4, meant);
			snprintf(written, sizeof(written), "%.*s", (int)(te - tok), tok);
			return fail_at(out, e, line, tok,
				       _("%s is an IPv4-mapped IPv6 address; write the IPv4 prefix %s"), written,
				       meant);
		}
	}
	struct constituency_prefix masked = *p;
	if (mask_host_bits(&masked)) {
		char written[CONSTITUENCY_TEXT_MAX], meant[CONSTITUENCY_TEXT_MAX];
		constituency_format_prefix(p, written);
		constituency_format_prefix(&masked, meant);
		return fail_at(out, e, line, tok, _("%s has host bits set; did you mean %s?"), written, meant);
	}
	out->kind = CONSTITUENCY_PREFIX;
	constituency_format_prefix(p, out->text);
	if (!query)
		prefix_warning(out);
	return TOETS_OK;
}

/* ---- domain names ------------------------------------------------------------------ */

/* RFC 3492 6.2, only to see whether s (after "xn--") decodes, to at least
 * one non-ASCII code point that is not a surrogate. */
static bool punycode_ok(const char *s, size_t n)
{
	enum { BASE = 36, TMIN = 1, TMAX = 26, SKEW = 38, DAMP = 700 };
	size_t b = 0;
	for (size_t j = 0; j < n; j++)
		if (s[j] == '-')
			b = j;
	size_t in = b ? b + 1 : 0;
	if (in >= n)
		return false; /* nothing but ASCII */
	uint32_t code = 128, i = 0, bias = 72, out_len = (uint32_t)b;
	while (in < n) {
		uint32_t oldi = i, w = 1;
		for (uint32_t k = BASE;; k += BASE) {
			if (in >= n)
				return false;
			char c = s[in++];
			uint32_t digit = c >= 'a' && c <= 'z' ? (uint32_t)(c - 'a')
				       : is_digit(c)		   ? (uint32_t)(c - '0' + 26)
							   : BASE;
			if (digit >= BASE || digit > (UINT32_MAX - i) / w)
				return false;
			i += digit * w;
			uint32_t t = k <= bias ? TMIN : k >= bias + TMAX ? TMAX : k - bias;
			if (digit < t)
				break;
			if (w > UINT32_MAX / (BASE - t))
				return false;
			w *= BASE - t;
		}
		out_len++;
		/* adapt() */
		uint32_t delta = oldi == 0 ? (i - oldi) / DAMP : (i - oldi) / 2;
		delta += delta / out_len;
		uint32_t k = 0;
		while (delta > ((BASE - TMIN) * TMAX) / 2) {
			delta /= BASE - TMIN;
			k += BASE;
		}
		bias = k + (BASE - TMIN + 1) * delta / (delta + SKEW);
		if (i / out_len > 0x10FFFF - code)
			return false;
		code += i / out_len;
		i %= out_len;
		if (code >= 0xD800 && code <= 0xDFFF)
			return false;
		i++;
	}
	return true;
}

/* Names that are never delegated on the internet (RFC 6761 and after). */
static const struct {
	const char *suffix;
	const char *rfc;
} special_names[] = {
	{ "test", "RFC 6761" },	       { "example", "RFC 6761" },     { "invalid", "RFC 6761" },
	{ "localhost", "RFC 6761" },   { "example.com", "RFC 6761" }, { "example.net", "RFC 6761" },
	{ "example.org", "RFC 6761" }, { "local", "RFC 6762" },	      { "onion", "RFC 7686" },
	{ "home.arpa", "RFC 8375" },
};

static void domain_warning(struct constituency_value *out)
{
	size_t n = strlen(out->text);
	for (size_t i = 0; i < sizeof(special_names) / sizeof(special_names[0]); i++) {
		size_t m = strlen(special_names[i].suffix);
		if (n >= m && strcmp(out->text + n - m, special_names[i].suffix) == 0 &&
		    (n == m || out->text[n - m - 1] == '.')) {
			snprintf(out->warning, sizeof(out->warning),
				 _("%s is a special-use name, never delegated on the internet (%s)"), out->text,
				 special_names[i].rfc);
			return;
		}
	}
}

static enum toets_status parse_domain(const char *line, const char *tok, const char *te, bool query,
				      struct constituency_value *out, struct toets_error *e)
{
	const char *s = tok;
	bool wildcard = false;
	if (te - s >= 2 && s[0] == '*' && s[1] == '.') {
		wildcard = true;
		s += 2;
	}
	for (const char *p = s; p < te; p++)
		if ((unsigned char)*p >= 0x80)
			return fail_at(out, e, line, p,
				       _("%s is not ASCII: write an internationalised domain name in its A-label "
					 "(xn--) form"),
				       quote(tok, (size_t)(te - tok)).s);
	const char *end = te;
	if (end > s && end[-1] == '.')
		end--; /* the root */
	size_t labels = 0;
	const char *last = s;
	for (const char *l = s;; l++) {
		const char *le = l;
		while (le < end && *le != '.') {
			char c = *le;
			if (!is_alpha(c) && !is_digit(c) && c != '-')
				return fail_at(out, e, line, le,
					       _("invalid character %s in domain name; use only letters, digits, "
						 "hyphens and dots"),
					       quote(le, 1).s);
			le++;
		}
		size_t n = (size_t)(le - l);
		if (n == 0)
			return fail_at(out, e, line, l, _("empty label in domain name %s"),
				       quote(tok, (size_t)(te - tok)).s);
		if (n > 63)
			return fail_at(out, e, line, l,
				       _("label %s is %zu characters long; a label has at most 63"),
				       quote(l, n).s, n);
		if (l[0] == '-')
			return fail_at(out, e, line, l, _("label %s starts with a hyphen"), quote(l, n).s);
		if (le[-1] == '-')
			return fail_at(out, e, line, le - 1, _("label %s ends with a hyphen"), quote(l, n).s);
		if (n >= 4 && l[2] == '-' && l[3] == '-') {
			/* RFC 5891 4.2.3.1: "??--" is kept for A-labels. */
			if (lower(l[0]) != 'x' || lower(l[1]) != 'n')
				return fail_at(out, e, line, l,
					       _("label %s has hyphens in the third and fourth position, which "
						 "only A-labels (xn--) may have"),
					       quote(l, n).s);
			char low[64];
			for (size_t i = 0; i < n; i++)
				low[i] = lower(l[i]);
			if (!punycode_ok(low + 4, n - 4))
				return fail_at(out, e, line, l,
					       _("label %s is not a valid A-label: what follows xn-- is not "
						 "Punycode of a non-ASCII name (RFC 3492)"),
					       quote(l, n).s);
		}
		labels++;
		last = l;
		if (le == end)
			break;
		l = le;
	}
	if (labels < 2)
		return fail_at(out, e, line, tok,
			       _("%s is a single label; a domain name needs at least two (example.nl)"),
			       quote(tok, (size_t)(te - tok)).s);
	if (all_digits(last, end))
		return fail_at(out, e, line, last,
			       _("the last label of %s is all digits; no top-level domain is"),
			       quote(tok, (size_t)(te - tok)).s);
	size_t n = (size_t)(end - s);
	if (n > 253)
		return fail_at(out, e, line, tok, _("domain name is %zu characters long; at most 253 are allowed"),
			       n);
	out->kind = CONSTITUENCY_DOMAIN;
	for (size_t i = 0; i < n; i++)
		out->text[i] = lower(s[i]);
	out->text[n] = '\0';
	if (!query) {
		if (wildcard)
			snprintf(out->warning, sizeof(out->warning),
				 _("the \"*.\" is dropped: %s covers every name under it"), out->text);
		else
			domain_warning(out);
	}
	return TOETS_OK;
}

/* ---- one entry ------------------------------------------------------------------- */

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool has_url_scheme(const char *s, const char *e)
{
	for (const char *p = s; p + 3 <= e; p++)
		if (p[0] == ':' && p[1] == '/' && p[2] == '/')
			return true;
	return false;
}

static enum toets_status parse_token(const char *line, const char *tok, const char *te, bool query,
				     struct constituency_value *out, struct toets_error *e)
{
	out->col = char_col(line, tok);
	for (const char *p = tok; p < te; p++)
		if (is_blank(*p)) {
			const char *q = p;
			while (is_blank(*q))
				q++;
			if (p - tok == 2 && lower(tok[0]) == 'a' && lower(tok[1]) == 's' && all_digits(q, te))
				return fail_at(out, e, line, p, _("write the AS number without a space: AS%.*s"),
					       te - q > 20 ? 20 : (int)(te - q), q);
			return fail_at(out, e, line, q, _("one entry per line: %s follows %s"),
				       quote(q, (size_t)(te - q)).s, quote(tok, (size_t)(p - tok)).s);
		}
	size_t n = (size_t)(te - tok);
	bool ascii = true, alnum = false, colon = false, v4chars = true;
	for (const char *p = tok; p < te; p++) {
		unsigned char c = (unsigned char)*p;
		ascii &= c < 0x80;
		alnum |= is_alpha(*p) || is_digit(*p);
		colon |= c == ':';
		v4chars &= is_digit(*p) || c == '.' || c == '/';
	}
	if (has_url_scheme(tok, te))
		return fail_at(out, e, line, tok, _("%s is a URL; write the domain name alone (example.nl)"),
			       quote(tok, n).s);
	if (ascii && colon)
		return parse_prefix(line, tok, te, true, query, out, e);
	if (!alnum)
		return fail_at(out, e, line, tok, _("%s is not an AS number, IP address or prefix, or domain name"),
			       quote(tok, n).s);
	/* AS numbers: "AS64500", "as64500", "64500". */
	const char *digits = tok;
	if (n > 2 && lower(tok[0]) == 'a' && lower(tok[1]) == 's' && is_digit(tok[2]))
		digits = tok + 2;
	if (all_digits(digits, te))
		return parse_asn(line, tok, digits, te, query, out, e);
	if (digits != tok) {
		const char *dot = find_char(digits, te, '.');
		if (dot && all_digits(digits, dot) && all_digits(dot + 1, te) && dot - digits <= 5 &&
		    te - dot - 1 <= 5) {
			/* RFC 5396: asdot HIGH.LOW is HIGH * 65536 + LOW. */
			unsigned long hi = 0, lo = 0; /* not strtoul: the line has no NUL */
			for (const char *d = digits; d < dot; d++)
				hi = hi * 10 + (unsigned long)(*d - '0');
			for (const char *d = dot + 1; d < te; d++)
				lo = lo * 10 + (unsigned long)(*d - '0');
			if (hi <= 65535 && lo <= 65535)
				return fail_at(out, e, line, tok,
					       _("%s is an AS number in asdot notation; write AS%lu"),
					       quote(tok, n).s, hi * 65536 + lo);
		}
	}
	if (n > 3 && lower(tok[0]) == 'a' && lower(tok[1]) == 's' && tok[2] == '-' && !find_char(tok, te, '.'))
		return fail_at(out, e, line, tok, _("%s is an AS-SET; list its AS numbers instead"),
			       quote(tok, n).s);
	if (v4chars)
		return parse_prefix(line, tok, te, false, query, out, e);
	if (find_char(tok, te, '/'))
		return fail_at(out, e, line, tok, _("%s is not an AS number, IP address or prefix, or domain name"),
			       quote(tok, n).s);
	return parse_domain(line, tok, te, query, out, e);
}

static void value_reset(struct constituency_value *out)
{
	out->kind = CONSTITUENCY_NONE;
	out->asn = 0;
	memset(&out->prefix, 0, sizeof(out->prefix));
	out->text[0] = '\0';
	out->warning[0] = '\0';
	out->col = 0;
}

enum toets_status constituency_parse_line(const char *line, size_t len, struct constituency_value *out,
					  struct toets_error *e)
{
	value_reset(out);
	if (len && line[len - 1] == '\r')
		len--;
	size_t bad = utf8_invalid_offset(line, len);
	const char *end = line + len;
	const char *hash = find_char(line, end, '#');
	if (bad < len && (!hash || line + bad < hash))
		return fail_at(out, e, line, line + bad, _("invalid UTF-8"));
	if (hash)
		end = hash;
	const char *s = line;
	while (s < end && is_blank(*s))
		s++;
	while (end > s && is_blank(end[-1]))
		end--;
	if (s == end)
		return TOETS_OK;
	return parse_token(line, s, end, false, out, e);
}

enum toets_status constituency_parse_query(const char *s, size_t len, struct constituency_value *out,
					   struct toets_error *e)
{
	value_reset(out);
	size_t bad = utf8_invalid_offset(s, len);
	if (bad < len)
		return fail_at(out, e, s, s + bad, _("invalid UTF-8"));
	const char *b = s, *end = s + len;
	while (b < end && (is_blank(*b) || *b == '\r' || *b == '\n'))
		b++;
	while (end > b && (is_blank(end[-1]) || end[-1] == '\r' || end[-1] == '\n'))
		end--;
	if (b == end)
		return fail_at(out, e, s, b, _("nothing to look up: give an IP address or prefix, a domain name "
					       "or an AS number"));
	return parse_token(s, b, end, true, out, e);
}

/* ---- a whole file ---------------------------------------------------------------- */

void constituency_list_release(struct constituency_list *l)
{
	free(l->items);
	arena_free(&l->arena);
	memset(l, 0, sizeof(*l));
}

static uint64_t hash_text(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* Keeps the first of entries that normalise to the same text (texts of
 * different kinds never agree: only prefixes have a '/', only names a dot). */
static void drop_repeats(struct constituency_list *l, struct diag_list *dl)
{
	if (l->n < 2)
		return;
	size_t size = 16;
	while (size < 2 * l->n)
		size *= 2;
	size_t *slot = xcalloc(size, sizeof(*slot)); /* index + 1; 0 is free */
	size_t w = 0;
	for (size_t i = 0; i < l->n; i++) {
		const struct constituency_entry *e = &l->items[i];
		size_t h = (size_t)hash_text(e->text) & (size - 1);
		while (slot[h] && strcmp(l->items[slot[h] - 1].text, e->text) != 0)
			h = (h + 1) & (size - 1);
		if (slot[h]) {
			diag_warning(dl, e->line, 1, _("%s repeats line %u; it is kept once"), e->text,
				     l->items[slot[h] - 1].line);
			continue;
		}
		/* Entries move down over the dropped ones; the kept are never
		 * moved past an index the table still names. */
		l->items[w] = *e;
		slot[h] = ++w;
	}
	l->n = w;
	free(slot);
}

enum toets_status constituency_parse_buffer(const char *buf, size_t len, struct constituency_list *out,
					    struct diag_list *dl)
{
	memset(out, 0, sizeof(*out));
	out->arena = arena_new();
	diag_set_source(dl, buf, len);
	const char *p = buf, *end = buf + len;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		p += 3; /* a byte-order mark, as editors on Windows write */
	unsigned lineno = 0;
	struct toets_error e;
	struct constituency_value v;
	while (p < end && !diag_full(dl)) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		lineno++;
		if (constituency_parse_line(p, (size_t)(eol - p), &v, &e) != TOETS_OK) {
			diag_error(dl, lineno, v.col, "%s", e.message);
		} else if (v.kind != CONSTITUENCY_NONE) {
			if (v.warning[0])
				diag_warning(dl, lineno, v.col, "%s", v.warning);
			if (!dl->n_errors) {
				out->items = xgrow(out->items, &out->cap, out->n + 1, sizeof(*out->items));
				out->items[out->n++] = (struct constituency_entry){
					.kind = v.kind,
					.line = lineno,
					.asn = v.asn,
					.prefix = v.prefix,
					.text = arena_strdup(out->arena, v.text),
				};
			}
		}
		p = nl ? nl + 1 : end;
	}
	enum toets_status st = TOETS_OK;
	if (dl->n_errors) {
		constituency_list_release(out);
		st = TOETS_ERR_INVALID;
	} else {
		drop_repeats(out, dl);
	}
	diag_sort(dl);
	diag_set_source(dl, NULL, 0);
	return st;
}

enum toets_status constituency_load_file(const char *path, struct constituency_list *out,
					 struct diag_list *dl)
{
	memset(out, 0, sizeof(*out));
	/* O_NONBLOCK: a FIFO must not hang the open; it is refused below. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		int err = errno;
		diag_error(dl, 0, 0, _("cannot open: %s"), strerror(err));
		return err == ENOENT || err == ENOTDIR ? TOETS_ERR_NOT_FOUND : TOETS_ERR_IO;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		diag_error(dl, 0, 0, _("cannot read: %s"), strerror(errno));
		close(fd);
		return TOETS_ERR_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		if (S_ISDIR(st.st_mode))
			diag_error(dl, 0, 0, _("is a directory"));
		else
			diag_error(dl, 0, 0, _("is not a regular file"));
		close(fd);
		return TOETS_ERR_IO;
	}
	if ((unsigned long long)st.st_size > CONSTITUENCY_MAX_FILE) {
		diag_error(dl, 0, 0, _("file is larger than %u MiB (%lld bytes)"),
			   CONSTITUENCY_MAX_FILE / (1024 * 1024), (long long)st.st_size);
		close(fd);
		return TOETS_ERR_INVALID;
	}
	/* Read up to one byte past the size seen: the file may grow meanwhile. */
	size_t cap = (size_t)st.st_size + 1, len = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap > CONSTITUENCY_MAX_FILE)
				break;
			cap = cap * 2 > (size_t)CONSTITUENCY_MAX_FILE + 1 ? (size_t)CONSTITUENCY_MAX_FILE + 1
									  : cap * 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_error(dl, 0, 0, _("cannot read: %s"), strerror(errno));
			free(buf);
			close(fd);
			return TOETS_ERR_IO;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	enum toets_status status;
	if (len > CONSTITUENCY_MAX_FILE) {
		diag_error(dl, 0, 0, _("file is larger than %u MiB (%lld bytes)"),
			   CONSTITUENCY_MAX_FILE / (1024 * 1024), (long long)len);
		status = TOETS_ERR_INVALID;
	} else {
		status = constituency_parse_buffer(buf, len, out, dl);
	}
	free(buf);
	return status;
}
