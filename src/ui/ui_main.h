/* ui_main.h - what the command line needs of the workstation: its entry.
 * (The rest of ui.h stays inside src/ui, with curses.) */
#ifndef TOETS_UI_MAIN_H
#define TOETS_UI_MAIN_H

/* Opens the workstation on the database at db_path; returns the exit code. */
int ui_main(const char *db_path);

#endif
