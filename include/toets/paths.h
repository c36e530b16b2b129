/* paths.h - where toets finds its files: the framework search path, the
 * shipped data and the message catalogues, whether installed or run from
 * its source tree. */
#ifndef TOETS_PATHS_H
#define TOETS_PATHS_H

#include <stddef.h>

struct path_list {
	char **dirs;
	size_t n;
};

/* The source tree the running program was built in, when it runs from
 * there (the executable sits beside forms/ and src/core/), else NULL. */
const char *paths_source_tree(void);

/* The user's data directory: $XDG_DATA_HOME/toets when XDG_DATA_HOME is an
 * absolute path, else ~/.local/share/toets; NULL when neither is known. */
char *paths_user_data_dir(void);

/* Directories searched for frameworks, earliest first:
 * the user's forms, the installed forms, the source tree's forms. */
void paths_forms_search(struct path_list *out);

/* Directories searched for letter templates, earliest first: user_dir
 * (the template-dir setting; may be NULL), the user's templates
 * ($XDG_DATA_HOME/toets/templates), the installed ones, the source tree's. */
void paths_templates_search(struct path_list *out, const char *user_dir);

/* The installed share directory (PREFIX/share/toets), or $TOETS_DATADIR
 * when that is an absolute path. */
const char *paths_data_dir(void);

/* Where the compiled message catalogues are. */
const char *paths_locale_dir(void);

void path_list_release(struct path_list *pl);

#endif
