/* settings.c - the set lines of the configuration file. */
#include "toets/settings.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "toets/clock.h"
#include "toets/i18n.h"
#include "toets/validate.h"
#include "toets/xalloc.h"

static void free_argv(char ***argv)
{
	for (char **p = *argv; p && *p; p++)
		free(*p);
	free(*argv);
	*argv = NULL;
}

/* Splits on blanks: the command runs with execvp, never through a shell,
 * so there is nothing to quote. NULL when there are no words. */
static char **split_argv(const char *text)
{
	char **argv = NULL;
	size_t n = 0, cap = 0;
	for (const char *p = text; *p;) {
		p += strspn(p, " \t");
		size_t len = strcspn(p, " \t");
		if (!len)
			break;
		argv = xgrow(argv, &cap, n + 2, sizeof(*argv));
		argv[n++] = xstrndup(p, len);
		argv[n] = NULL;
		p += len;
	}
	return argv;
}

void settings_defaults(struct settings *s)
{
	memset(s, 0, sizeof(*s));
	s->print_argv = split_argv("lpr");
	s->reassess_years = 3;
	s->service_days = CLOCK_TARGET_WORKING_DAYS;
	s->near_days = CLOCK_NEAR_DAYS;
}

/* A whole number from lo to hi; false for anything else. */
static bool parse_int(const char *text, long lo, long hi, int *out)
{
	char *end;
	long v = strtol(text, &end, 10);
	if (end == text || *end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

void settings_apply(struct settings *s, const struct config *c, struct diag_list *dl)
{
	for (size_t i = 0; i < c->n; i++) {
		const struct config_line *l = &c->entries[i];
		if (strcmp(l->words[0].text, "set") != 0)
			continue;
		const char *name = l->words[1].text, *value = l->words[2].text;
		unsigned line = l->line, col = l->words[2].col;
		if (strcmp(name, "print-command") == 0) {
			char **argv = split_argv(value);
			if (!argv) {
				diag_error(dl, line, col, _("print-command needs a command, such as \"lpr -P kantoor\""));
				continue;
			}
			free_argv(&s->print_argv);
			s->print_argv = argv;
		} else if (strcmp(name, "reassess-years") == 0) {
			char *end;
			long y = strtol(value, &end, 10);
			if (end == value || *end || y < 1 || y > 10) {
				diag_error(dl, line, col, _("reassess-years takes a number of years from 1 to 10, not '%s'"),
					   value);
				continue;
			}
			s->reassess_years = (int)y;
		} else if (strcmp(name, "service-days") == 0) {
			/* The NCSC aims at two to three weeks after completeness. */
			if (!parse_int(value, 0, 1000, &s->service_days))
				diag_error(dl, line, col,
					   _("service-days takes a number of working days from 0 to 1000, not '%s'"), value);
		} else if (strcmp(name, "near-days") == 0) {
			if (!parse_int(value, 0, 365, &s->near_days))
				diag_error(dl, line, col, _("near-days takes a number of days from 0 to 365, not '%s'"),
					   value);
		} else if (strcmp(name, "template-dir") == 0) {
			if (value[0] != '/') {
				diag_error(dl, line, col, _("template-dir takes an absolute path, not '%s'"), value);
				continue;
			}
			free(s->template_dir);
			s->template_dir = xstrdup(value);
		} else if (strcmp(name, "signatory") == 0) {
			const char *why = validate_line(value, 300);
			if (why) {
				diag_error(dl, line, col, _("signatory: %s"), why);
				continue;
			}
			free(s->signatory);
			s->signatory = xstrdup(value);
		} else {
			diag_error(dl, line, l->words[1].col,
				   _("unknown setting '%s'; known: print-command, reassess-years, template-dir, "
				     "signatory, service-days, near-days"),
				   name);
		}
	}
}

void settings_release(struct settings *s)
{
	free_argv(&s->print_argv);
	xfree(&s->template_dir);
	xfree(&s->signatory);
}
