/* stub.c - a placeholder view for screens still being written. */
#include "ui.h"

#include "toets/i18n.h"

struct stub {
	const char *title;
};

static void stub_draw(struct view *v, struct ui *ui, int top, int bottom)
{
	(void)bottom;
	struct stub *s = v->data;
	ui_style(ui, STYLE_NORMAL);
	ui_text(top + 1, 2, COLS - 4, s->title, false);
}

static bool stub_key(struct view *v, struct ui *ui, enum ui_action a, struct ui_key k)
{
	(void)v, (void)ui, (void)a, (void)k;
	return false;
}

static const char *stub_title(struct view *v)
{
	return ((struct stub *)v->data)->title;
}

static const struct view_ops stub_ops = { "stub", stub_draw, stub_key, NULL, NULL, stub_title, NULL, NULL, NULL };

struct view *stub_new(const char *title);

struct view *stub_new(const char *title)
{
	static struct stub stubs[8];
	static int n;
	struct stub *s = &stubs[n++ % 8];
	s->title = title;
	struct view *v = xcalloc(1, sizeof(*v));
	v->ops = &stub_ops;
	v->data = s;
	return v;
}

