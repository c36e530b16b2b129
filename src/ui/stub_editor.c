/* stub_editor.c - a placeholder until the real ui_editor lands; delete this file then. */
#include "ui.h"

struct view *stub_new(const char *title);

void ui_editor(struct ui *ui, const char *title, const char *initial, ui_editor_fn done, void *ctx)
{
	(void)ui, (void)title, (void)initial, (void)done, (void)ctx;
}
