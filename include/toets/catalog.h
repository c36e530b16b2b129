/* catalog.h - the frameworks found on a search path: every *.yaml file in
 * each directory, loaded and validated; an id found earlier on the path
 * shadows the same id later, and an id used by two files in one directory
 * is an error in both. */
#ifndef TOETS_CATALOG_H
#define TOETS_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "toets/diag.h"
#include "toets/kader.h"
#include "toets/paths.h"

struct catalog_entry {
	char *path;
	struct kader *kader;     /* NULL when the file did not load */
	enum toets_status status;
	struct diag_list diags;  /* why it did not load, or its warnings */
	bool shadowed;           /* an earlier file has the same id */
	char *clash_id;          /* the id it shares with another file in its
				  * directory (then kader is NULL), or NULL */
};

struct catalog {
	struct catalog_entry *items;
	size_t n, cap;
};

/* Loads every framework in the directories, in path order and by file name
 * within a directory. Missing directories are skipped; an unreadable one
 * becomes an entry with its error. */
void catalog_scan(struct catalog *cat, const struct path_list *dirs);

/* The framework with this id that is not shadowed, or NULL. */
const struct catalog_entry *catalog_find(const struct catalog *cat, const char *id);

/* The framework to use for this id, refusing to fall back past a file that
 * may be the one meant: TOETS_OK with *out the entry found; else
 * TOETS_ERR_INVALID with *out a file that did not load and comes before it
 * on the path, and is named ID.yaml or clashes over this id in its
 * directory; else TOETS_ERR_NOT_FOUND with *out NULL. */
enum toets_status catalog_lookup(const struct catalog *cat, const char *id,
				 const struct catalog_entry **out);

/* True when an entry did not load (or clashes with another). */
bool catalog_has_errors(const struct catalog *cat);

void catalog_release(struct catalog *cat);

#endif
