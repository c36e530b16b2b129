/* paths.c - search paths. */
#define _DEFAULT_SOURCE
#include "toets/paths.h"

#include <limits.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "toets/xalloc.h"

#ifndef TOETS_DATADIR
#define TOETS_DATADIR "/usr/local/share/toets"
#endif
#ifndef TOETS_LOCALEDIR
#define TOETS_LOCALEDIR "/usr/local/share/locale"
#endif

static bool is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *paths_source_tree(void)
{
	static bool looked;
	static char tree[PATH_MAX];
	if (looked)
		return tree[0] ? tree : NULL;
	looked = true;
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return NULL;
	*slash = '\0';
	/* ./toets, a build variant such as build/asan/toets, or a test
	 * program in build/asan/tests/. */
	for (int up = 0; up < 4 && !tree[0]; up++) {
		char *forms = xasprintf("%s/forms", exe);
		char *marker = xasprintf("%s/src/core/kader.c", exe);
		if (is_dir(forms) && is_file(marker) && strlen(exe) < sizeof(tree))
			strcpy(tree, exe);
		free(forms);
		free(marker);
		slash = strrchr(exe, '/');
		if (!slash || slash == exe)
			break;
		*slash = '\0';
	}
	return tree[0] ? tree : NULL;
}

static const char *home_dir(void)
{
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return home;
	struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_dir && pw->pw_dir[0] == '/' ? pw->pw_dir : NULL;
}

char *paths_user_data_dir(void)
{
	/* The XDG spec says relative paths are invalid and must be ignored. */
	const char *xdg = getenv("XDG_DATA_HOME");
	if (xdg && xdg[0] == '/')
		return xasprintf("%s/toets", xdg);
	const char *home = home_dir();
	return home ? xasprintf("%s/.local/share/toets", home) : NULL;
}

static void add(struct path_list *pl, char *dir, size_t *cap)
{
	for (size_t i = 0; i < pl->n; i++) {
		if (strcmp(pl->dirs[i], dir) == 0) {
			free(dir);
			return;
		}
	}
	pl->dirs = xgrow(pl->dirs, cap, pl->n + 1, sizeof(*pl->dirs));
	pl->dirs[pl->n++] = dir;
}

void paths_forms_search(struct path_list *out)
{
	size_t cap = 0;
	memset(out, 0, sizeof(*out));
	char *user = paths_user_data_dir();
	if (user) {
		add(out, xasprintf("%s/forms", user), &cap);
		free(user);
	}
	add(out, xasprintf("%s/forms", paths_data_dir()), &cap);
	const char *tree = paths_source_tree();
	if (tree)
		add(out, xasprintf("%s/forms", tree), &cap);
}

void paths_templates_search(struct path_list *out, const char *user_dir)
{
	size_t cap = 0;
	memset(out, 0, sizeof(*out));
	if (user_dir)
		add(out, xstrdup(user_dir), &cap);
	char *user = paths_user_data_dir();
	if (user) {
		add(out, xasprintf("%s/templates", user), &cap);
		free(user);
	}
	add(out, xasprintf("%s/templates", paths_data_dir()), &cap);
	const char *tree = paths_source_tree();
	if (tree)
		add(out, xasprintf("%s/data/templates", tree), &cap);
}

const char *paths_data_dir(void)
{
	/* A relocated installation (or a test) names its share directory. */
	const char *env = getenv("TOETS_DATADIR");
	return env && env[0] == '/' ? env : TOETS_DATADIR;
}

const char *paths_locale_dir(void)
{
	static char *dir;
	if (!dir) {
		const char *tree = paths_source_tree();
		dir = tree ? xasprintf("%s/build/locale", tree) : xstrdup(TOETS_LOCALEDIR);
	}
	return dir;
}

void path_list_release(struct path_list *pl)
{
	for (size_t i = 0; i < pl->n; i++)
		free(pl->dirs[i]);
	free(pl->dirs);
	memset(pl, 0, sizeof(*pl));
}
