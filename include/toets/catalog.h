/* catalog.h - the frameworks found on a search path: every *.yaml file in
 * each directory, loaded and validated; an id found earlier on the path
 * shadows the same id later. */
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

/* True when an entry did not load. */
bool catalog_has_errors(const struct catalog *cat);

void catalog_release(struct catalog *cat);

#endif
