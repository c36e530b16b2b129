/* i18n.h - gettext markers shared by every layer.
 * Core messages are translated too: they reach the user through the CLI/UI. */
#ifndef TOETS_I18N_H
#define TOETS_I18N_H

#include <libintl.h>

#define _(s) gettext(s)
#define N_(s) (s)

#endif
