/* config.c - the configuration file: split into words with positions. */
#include "toets/config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "toets/i18n.h"
#include "toets/paths.h"
#include "toets/utf8.h"
#include "toets/xalloc.h"

char *config_default_path(void)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/toets/config", xdg);
	const char *home = getenv("HOME");
	return home && home[0] == '/' ? xasprintf("%s/.config/toets/config", home) : NULL;
}

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

/* Splits one line into words; false (with a diagnostic) when malformed. */
static int split(const char *line, size_t len, unsigned lineno, struct config_line *out,
		 struct diag_list *diags)
{
	const char *p = line, *end = line + len;
	out->line = lineno;
	out->n_words = 0;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end || *p == '#')
			break;
		if (out->n_words == 4) {
			diag_error(diags, lineno, char_col(line, p), _("too many words on this line"));
			return 0;
		}
		struct strbuf word = STRBUF_INIT;
		const char *start = p;
		if (*p == '"') {
			p++;
			while (p < end && *p != '"') {
				if (*p == '\\' && p + 1 < end)
					p++;
				strbuf_addc(&word, *p++);
			}
			if (p == end) {
				diag_error(diags, lineno, char_col(line, start), _("a quote that is not closed"));
				strbuf_release(&word);
				return 0;
			}
			p++;
		} else {
			while (p < end && *p != ' ' && *p != '\t' && *p != '#')
				strbuf_addc(&word, *p++);
		}
		out->words[out->n_words].text = strbuf_detach(&word);
		out->words[out->n_words].col = char_col(line, start);
		out->n_words++;
	}
	return 1;
}

static void free_line(struct config_line *l)
{
	for (size_t i = 0; i < l->n_words; i++)
		free(l->words[i].text);
	l->n_words = 0;
}

enum toets_status config_parse(const char *text, size_t len, struct config *out, struct diag_list *diags)
{
	memset(out, 0, sizeof(*out));
	out->source = xstrndup(text, len);
	out->source_len = len;
	diag_set_source(diags, out->source, len);
	size_t bad = utf8_invalid_offset(text, len);
	size_t cap = 0;
	unsigned lineno = 0;
	for (const char *p = text, *end = text + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		size_t n = (size_t)(eol - p);
		if (n && p[n - 1] == '\r')
			n--;
		lineno++;
		if (bad < len && (size_t)(p - text) <= bad && bad < (size_t)(eol - text)) {
			diag_error(diags, lineno, char_col(p, text + bad), _("invalid UTF-8"));
		} else {
			struct config_line cl;
			if (split(p, n, lineno, &cl, diags) && cl.n_words > 0) {
				bool bind = strcmp(cl.words[0].text, "bind") == 0;
				if (!bind && strcmp(cl.words[0].text, "set") != 0) {
					diag_error(diags, lineno, cl.words[0].col,
						   _("unknown setting '%s'; expected: bind KEY ACTION or set NAME VALUE"),
						   cl.words[0].text);
					free_line(&cl);
				} else if (cl.n_words != 3) {
					diag_error(diags, lineno, cl.words[0].col,
						   bind ? _("expected: bind KEY ACTION") : _("expected: set NAME VALUE"));
					free_line(&cl);
				} else {
					out->entries = xgrow(out->entries, &cap, out->n + 1, sizeof(*out->entries));
					out->entries[out->n++] = cl;
				}
			} else {
				free_line(&cl);
			}
		}
		p = nl ? nl + 1 : end;
	}
	return diags->n_errors ? TOETS_ERR_INVALID : TOETS_OK;
}

enum toets_status config_load_file(const char *path, struct config *out, struct diag_list *diags)
{
	memset(out, 0, sizeof(*out));
	FILE *f = fopen(path, "rb");
	if (!f) {
		if (errno == ENOENT)
			return TOETS_OK;
		diag_error(diags, 0, 0, _("cannot open: %s"), strerror(errno));
		return TOETS_ERR_IO;
	}
	char *buf = xmalloc(CONFIG_MAX_SIZE + 1);
	size_t len = fread(buf, 1, CONFIG_MAX_SIZE + 1, f);
	fclose(f);
	enum toets_status st;
	if (len > CONFIG_MAX_SIZE) {
		diag_error(diags, 0, 0, _("file is larger than %d KiB"), CONFIG_MAX_SIZE / 1024);
		st = TOETS_ERR_INVALID;
	} else {
		st = config_parse(buf, len, out, diags);
	}
	free(buf);
	return st;
}

void config_release(struct config *c)
{
	for (size_t i = 0; i < c->n; i++)
		free_line(&c->entries[i]);
	free(c->entries);
	free(c->source);
	memset(c, 0, sizeof(*c));
}
