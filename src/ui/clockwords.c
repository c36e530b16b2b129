/* clockwords.c - the legal clock on the screens: its settings and the
 * styles of its states; the words are core's (clock_words.h), as the
 * command line's are. */
#include "ui.h"

#include <stdio.h>
#include <string.h>

#include "toets/calendar.h"
#include "toets/clock.h"
#include "toets/i18n.h"
#include "toets/procedure.h"

void ui_clock_settings(const struct ui *ui, struct clock_settings *out)
{
	procedure_clock_settings(&ui->settings, out);
}

enum ui_style ui_term_style(const struct clock_term *t)
{
	switch (t->state) {
	case CLOCK_TERM_NEAR: return STYLE_WARN;
	case CLOCK_TERM_PAST:
	case CLOCK_TERM_MISSED: return STYLE_BAD;
	case CLOCK_TERM_MET: return STYLE_GOOD;
	case CLOCK_TERM_NONE: return STYLE_DIM;
	default: return STYLE_NORMAL;
	}
}

