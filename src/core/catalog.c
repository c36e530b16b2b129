/* catalog.c - frameworks on the search path. */
#define _DEFAULT_SOURCE
#include "toets/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "toets/i18n.h"
#include "toets/xalloc.h"

static struct catalog_entry *new_entry(struct catalog *cat, char *path)
{
	cat->items = xgrow(cat->items, &cat->cap, cat->n + 1, sizeof(*cat->items));
	struct catalog_entry *e = &cat->items[cat->n++];
	memset(e, 0, sizeof(*e));
	e->path = path;
	diag_init(&e->diags, path);
	return e;
}

static bool is_framework_name(const char *name)
{
	size_t len = strlen(name);
	return name[0] != '.' && len > 5 && strcmp(name + len - 5, ".yaml") == 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void scan_dir(struct catalog *cat, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		if (errno == ENOENT || errno == ENOTDIR)
			return;
		struct catalog_entry *e = new_entry(cat, xstrdup(dir));
		e->status = TOETS_ERR_IO;
		diag_error(&e->diags, 0, 0, _("cannot read this directory: %s"), strerror(errno));
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *de; (de = readdir(d));) {
		if (!is_framework_name(de->d_name))
			continue;
		names = xgrow(names, &cap, n + 1, sizeof(*names));
		names[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		struct catalog_entry *e = new_entry(cat, xasprintf("%s/%s", dir, names[i]));
		e->status = kader_load_file(e->path, &e->kader, &e->diags);
		free(names[i]);
	}
	free(names);
}

void catalog_scan(struct catalog *cat, const struct path_list *dirs)
{
	memset(cat, 0, sizeof(*cat));
	for (size_t i = 0; i < dirs->n; i++)
		scan_dir(cat, dirs->dirs[i]);
	for (size_t i = 0; i < cat->n; i++) {
		struct catalog_entry *e = &cat->items[i];
		for (size_t j = 0; e->kader && j < i; j++) {
			const struct catalog_entry *prev = &cat->items[j];
			if (prev->kader && strcmp(prev->kader->id, e->kader->id) == 0) {
				e->shadowed = true;
				break;
			}
		}
	}
}

const struct catalog_entry *catalog_find(const struct catalog *cat, const char *id)
{
	for (size_t i = 0; i < cat->n; i++) {
		const struct catalog_entry *e = &cat->items[i];
		if (e->kader && !e->shadowed && strcmp(e->kader->id, id) == 0)
			return e;
	}
	return NULL;
}

bool catalog_has_errors(const struct catalog *cat)
{
	for (size_t i = 0; i < cat->n; i++)
		if (!cat->items[i].kader)
			return true;
	return false;
}

void catalog_release(struct catalog *cat)
{
	for (size_t i = 0; i < cat->n; i++) {
		struct catalog_entry *e = &cat->items[i];
		free(e->path);
		kader_free(&e->kader);
		diag_release(&e->diags);
	}
	free(cat->items);
	memset(cat, 0, sizeof(*cat));
}
