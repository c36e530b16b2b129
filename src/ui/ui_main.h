/* ui_main.h - what the command line needs of the workstation: its entry.
 * (The rest of ui.h stays inside src/ui, with curses.) */
#ifndef TOETS_UI_MAIN_H
#define TOETS_UI_MAIN_H

#include <stdbool.h>
#include <stdio.h>

/* Opens the workstation on the database at db_path; returns the exit code. */
int ui_main(const char *db_path);

/* Writes the default keys of every action (the one action table): as text,
 * or as an mdoc list for the man page. */
void ui_print_keys(FILE *out, bool mdoc);

#endif
