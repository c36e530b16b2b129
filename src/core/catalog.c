/* catalog.c - frameworks on the search path. */
#define _DEFAULT_SOURCE
#include "toets/catalog.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "toets/i18n.h"
#include "toets/utf8.h"
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

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Two files in one directory with the same id: neither wins (there is no
 * order between them), both become errors naming the other. Files in a
 * directory are few: compared pairwise. */
static void find_clashes(struct catalog *cat, size_t first)
{
	size_t n = cat->n - first;
	if (n < 2)
		return;
	size_t *other = xmalloc(n * sizeof(*other));
	for (size_t i = 0; i < n; i++) {
		other[i] = SIZE_MAX;
		const struct kader *a = cat->items[first + i].kader;
		for (size_t j = 0; a && j < n && other[i] == SIZE_MAX; j++) {
			const struct kader *b = cat->items[first + j].kader;
			if (j != i && b && strcmp(a->id, b->id) == 0)
				other[i] = first + j;
		}
	}
	struct strbuf id = STRBUF_INIT, name = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (other[i] == SIZE_MAX)
			continue;
		struct catalog_entry *e = &cat->items[first + i];
		const char *base = base_name(cat->items[other[i]].path);
		strbuf_reset(&id);
		strbuf_reset(&name);
		utf8_quote(&id, e->kader->id, strlen(e->kader->id), 64);
		utf8_quote(&name, base, strlen(base), 64);
		diag_error(&e->diags, 0, 0,
			   _("framework id %s is also used by %s in the same directory: "
			     "give each framework its own id"),
			   strbuf_str(&id), strbuf_str(&name));
		e->clash_id = xstrdup(e->kader->id);
		e->status = TOETS_ERR_INVALID;
	}
	for (size_t i = 0; i < n; i++)
		if (other[i] != SIZE_MAX)
			kader_free(&cat->items[first + i].kader);
	strbuf_release(&id);
	strbuf_release(&name);
	free(other);
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
	size_t first = cat->n;
	for (size_t i = 0; i < n; i++) {
		struct catalog_entry *e = new_entry(cat, xasprintf("%s/%s", dir, names[i]));
		e->status = kader_load_file(e->path, &e->kader, &e->diags);
		free(names[i]);
	}
	free(names);
	find_clashes(cat, first);
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

/* A file that did not load and may be the framework with this id. */
static bool may_hold(const struct catalog_entry *e, const char *id)
{
	if (e->kader)
		return false;
	if (e->clash_id)
		return strcmp(e->clash_id, id) == 0;
	const char *name = base_name(e->path);
	size_t len = strlen(id);
	return strncmp(name, id, len) == 0 && strcmp(name + len, ".yaml") == 0;
}

enum toets_status catalog_lookup(const struct catalog *cat, const char *id,
				 const struct catalog_entry **out)
{
	const struct catalog_entry *found = catalog_find(cat, id);
	size_t end = found ? (size_t)(found - cat->items) : cat->n;
	for (size_t i = 0; i < end; i++) {
		if (may_hold(&cat->items[i], id)) {
			*out = &cat->items[i];
			return TOETS_ERR_INVALID;
		}
	}
	*out = found;
	return found ? TOETS_OK : TOETS_ERR_NOT_FOUND;
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
		free(e->clash_id);
		kader_free(&e->kader);
		diag_release(&e->diags);
	}
	free(cat->items);
	memset(cat, 0, sizeof(*cat));
}
