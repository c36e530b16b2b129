/* config.h - the user's configuration file ($XDG_CONFIG_HOME/toets/config):
 * lines of words: `bind KEY ACTION` (the UI's) and `set NAME VALUE` (the
 * settings module's), and comments after '#'.
 * This module only splits the text and reports what is malformed, with
 * line and column; the UI knows which keys and actions exist and reports
 * unknown ones at the positions kept here. */
#ifndef TOETS_CONFIG_H
#define TOETS_CONFIG_H

#include <stddef.h>

#include "toets/diag.h"
#include "toets/status.h"

#define CONFIG_MAX_SIZE (256 * 1024)

struct config_word {
	char *text;
	unsigned col; /* 1-based, in characters */
};

struct config_line {
	unsigned line;
	struct config_word words[4];
	size_t n_words;
};

struct config {
	struct config_line *entries;
	size_t n;
	char *source; /* kept for diagnostics that quote lines */
	size_t source_len;
};

/* Reads and splits the file. A missing file is an empty configuration
 * (TOETS_OK); a line that is not `bind KEY ACTION` or `set NAME VALUE` is reported in diags
 * and left out; the rest still applies. Words may be quoted with "...". */
enum toets_status config_load_file(const char *path, struct config *out, struct diag_list *diags);
enum toets_status config_parse(const char *text, size_t len, struct config *out, struct diag_list *diags);
void config_release(struct config *c);

/* The default path: $XDG_CONFIG_HOME/toets/config, or ~/.config/toets/config. */
char *config_default_path(void);

#endif
