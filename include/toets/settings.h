/* settings.h - the `set NAME VALUE` lines of the configuration file, with
 * their defaults:
 *
 *   set print-command "lpr -P kantoor"   the printer; the PDF on its stdin
 *   set reassess-years 3                 designation to re-assessment
 *   set template-dir PATH                letter templates that override the shipped ones
 *   set signatory "..."                  who signs, namens de Minister
 *   set service-days 15                  the service target: working days after completeness
 *   set near-days 7                      warn when a deadline is this many days away
 *
 * A bad line is reported with its line and column; the default stays. */
#ifndef TOETS_SETTINGS_H
#define TOETS_SETTINGS_H

#include <stddef.h>

#include "toets/config.h"
#include "toets/diag.h"

struct settings {
	char **print_argv;  /* NULL-terminated; split on blanks, no shell */
	int reassess_years; /* 1..10 */
	char *template_dir; /* NULL: $XDG_CONFIG_HOME/toets/templates */
	char *signatory;    /* NULL: the template's own text */
	int service_days;   /* 0..1000 working days; CLOCK_TARGET_WORKING_DAYS */
	int near_days;      /* 0..365 days; CLOCK_NEAR_DAYS */
};

void settings_defaults(struct settings *s);
/* Applies the set lines of c; errors go to dl at their positions. */
void settings_apply(struct settings *s, const struct config *c, struct diag_list *dl);
void settings_release(struct settings *s);

#endif
