/* editor.h - one addition to ui_editor (ui.h) for callers whose store
 * failed: the editor opens on text that is not stored yet. (Kept apart from
 * ui.h while the framework is edited by others; it can move there.) */
#ifndef TOETS_UI_EDITOR_H
#define TOETS_UI_EDITOR_H

#include "ui.h"

/* As ui_editor, but `text` counts as changed from the start: Escape asks
 * before it is discarded, and rescue() hands it on when the program ends.
 * For reopening the editor after done() could not store the text. */
void ui_editor_unstored(struct ui *ui, const char *title, const char *text, ui_editor_fn done,
			void *ctx);

#endif
