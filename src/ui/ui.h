/* ui.h - the workstation's terminal interface: the application, its views
 * (each a table of functions, as tig's view_ops), the action table that
 * drives keys, help and the config file, and drawing helpers that measure
 * text in columns. Only src/ui includes curses. */
#ifndef TOETS_UI_H
#define TOETS_UI_H

#define _XOPEN_SOURCE_EXTENDED 1
#include <ncursesw/curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "toets/datetime.h"
#include "toets/settings.h"
#include "toets/store.h"
#include "ui_main.h"
#include "toets/xalloc.h"

#define UI_MIN_COLS 80
#define UI_MIN_LINES 24

/* Every action: its config name, default keys, help text. One table drives
 * the keymap, the '?' screen, `bind` lines and the man page's key table.
 * Two actions may share a default key when no screen takes both (a on the
 * dossier adds a document, in the constituency an entry): a key goes to
 * the first of its actions that the screen on top takes. A `bind` line
 * gives a key to its action alone. */
#define UI_ACTIONS(X)                                                                    \
	X(UP, "up", "<Up> k", N_("move up"))                                               \
	X(DOWN, "down", "<Down> j", N_("move down"))                                       \
	X(LEFT, "left", "<Left> h", N_("move left; previous pane"))                        \
	X(RIGHT, "right", "<Right> l", N_("move right; next pane"))                        \
	X(PAGE_UP, "page-up", "<PageUp> C-b", N_("one screen up"))                         \
	X(PAGE_DOWN, "page-down", "<PageDown> C-f <Space>", N_("one screen down"))         \
	X(FIRST, "first", "g <Home>", N_("go to the first line"))                          \
	X(LAST, "last", "G <End>", N_("go to the last line"))                              \
	X(OPEN, "open", "<Enter>", N_("open; choose"))                                     \
	X(BACK, "back", "<Escape>", N_("go back; cancel"))                                 \
	X(QUIT, "quit", "q", N_("close this screen; in the list: quit"))                   \
	X(HELP, "help", "?", N_("show the keys"))                                          \
	X(REDRAW, "redraw", "C-l", N_("redraw the screen"))                                \
	X(NEXT_PANE, "next-pane", "<Tab>", N_("next pane"))                                \
	X(PREV_PANE, "prev-pane", "<BackTab>", N_("previous pane"))                        \
	X(SEARCH, "search", "/", N_("search dossiers (names, references, notes, titles)")) \
	X(FILTER_STATUS, "filter-status", "s", N_("filter the list by status"))            \
	X(FILTER_CATEGORY, "filter-category", "c", N_("filter the list by category"))      \
	X(SORT, "sort", "o", N_("sort by the next column"))                                \
	X(SORT_REVERSE, "sort-reverse", "O", N_("reverse the sort order"))                 \
	X(NEW, "new", "n", N_("new dossier"))                                              \
	X(EDIT, "edit", "e", N_("edit"))                                                   \
	X(STATUS, "status", "S", N_("move the dossier to another status"))                 \
	X(NOTE, "note", "N", N_("add a note to the dossier"))                              \
	X(ADD_DOCUMENT, "add-document", "a", N_("add a document from a file"))             \
	X(VIEW_DOCUMENT, "view-document", "v", N_("view the document"))                    \
	X(WALK, "walk", "w", N_("walk the assessment"))                                    \
	X(NEXT_OPEN, "next-open", "u", N_("next unanswered question"))                     \
	X(NEXT_REQUIRED, "next-required", "r", N_("next required, unanswered question"))   \
	X(EDIT_NOTE, "edit-note", "t", N_("write the note of an answer"))                  \
	X(EVIDENCE, "evidence", "E", N_("link evidence: a document and a location"))       \
	X(CLEAR, "clear", "x", N_("clear the answer"))                                     \
	X(OVERRIDE, "override", "V", N_("override the verdict of the criterion, with a reason")) \
	X(ACCEPT, "accept", "A", N_("accept the computed verdict (remove the override)"))  \
	X(MOTIVERING, "motivering", "m", N_("write the criterion's motivering"))           \
	X(PROPOSE, "propose", "P", N_("propose a decision (four eyes)"))                   \
	X(APPROVE, "approve", "Y", N_("approve the waiting proposal"))                     \
	X(SEND_BACK, "send-back", "B", N_("send a proposal back, with a reason"))          \
	X(REASSESS, "reassess", "R", N_("re-assess a locked assessment"))                  \
	X(LETTER, "letter", "L", N_("show a letter (issued, or a draft)"))                 \
	X(ISSUE, "issue", "I", N_("issue a letter (made once only)"))                      \
	X(PRINT, "print", "p", N_("print an issued letter"))                               \
	X(WRITE_PDF, "write-pdf", "F", N_("write a letter's PDF to a new file"))                 \
	X(ATTENTION, "attention", "!", N_("list: what is due (deadlines near or past, re-assessments)")) \
	X(AANSLUITING, "aansluiting", "A", N_("dossier: record the leidraad and the NDN connection"))  \
	X(CONSTITUENCY, "constituency", "C", N_("dossier: its AS numbers, IP prefixes and domain names")) \
	X(ADD_ENTRY, "add-entry", "a", N_("constituency: add an entry"))                         \
	X(REMOVE_ENTRY, "remove-entry", "d <Delete>", N_("constituency: remove the entry"))      \
	X(IMPORT, "import", "i", N_("constituency: import a file of entries"))                   \
	X(OVERLAPS, "overlaps", "o", N_("constituency: overlaps with other dossiers"))

enum ui_action {
#define UI_ACTION_ENUM(id, name, keys, help) ACT_##id,
	UI_ACTIONS(UI_ACTION_ENUM)
#undef UI_ACTION_ENUM
	ACT_COUNT,
	ACT_NONE = -1
};

struct ui_action_info {
	const char *name;
	const char *keys; /* the default keys, as in a bind line */
	const char *help;
};

extern const struct ui_action_info ui_actions[ACT_COUNT];

/* A key: a character (wint_t) or a curses function key. */
struct ui_key {
	bool fn;
	int code;
};

/* "<Down>", "C-b", "j", "<Space>"...: to a key and back. */
bool ui_key_parse(const char *text, struct ui_key *out);
void ui_key_name(struct ui_key k, char *out, size_t size);
int ui_action_parse(const char *name);

struct ui;
struct view;

struct view_ops {
	const char *name;
	/* Draws the view into lines [top, bottom) of the screen. */
	void (*draw)(struct view *v, struct ui *ui, int top, int bottom);
	/* Handles an action (or ACT_NONE with the raw key, for text entry);
	 * true when handled. */
	bool (*key)(struct view *v, struct ui *ui, enum ui_action a, struct ui_key k);
	/* Called when the view comes on top again (data may have changed). */
	void (*enter)(struct view *v, struct ui *ui);
	void (*free)(struct view *v);
	/* Where you are, and the keys that matter here, for the status line. */
	const char *(*title)(struct view *v);
	const char *(*hints)(struct view *v);
	/* The view holds typed text: where the cursor is, or false. */
	bool (*cursor)(struct view *v, int *y, int *x);
	/* Before the program ends on SIGHUP/SIGTERM: store what was typed. */
	void (*rescue)(struct view *v, struct ui *ui);
};

struct view {
	const struct view_ops *ops;
	void *data;
};

struct ui {
	struct store *store;
	struct view *stack[16];
	int depth;
	bool dirty;
	bool quit;
	bool color;
	bool headless;
	char message[512];
	bool message_is_error;
	struct ui_key keymap_keys[128];
	enum ui_action keymap_actions[128];
	int keymap_n;
	struct settings settings; /* the config file's set lines, read once at start */
	/* The day the screens count from: "" for today; a script's `today`
	 * line sets it, as --as-of does for the commands. */
	char today[DATE_LEN];
};

/* The day the clocks are told on (ui->today, or the local date). */
void ui_today(const struct ui *ui, char out[DATE_LEN]);


void ui_push(struct ui *ui, struct view *v);
/* Removes the top view and frees it. */
void ui_pop(struct ui *ui);
struct view *ui_top(struct ui *ui);
void ui_message(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_error(struct ui *ui, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Everything changed: the whole screen is drawn again. */
void ui_dirty(struct ui *ui);

/* ---- drawing: text measured in columns, cut on character boundaries ---- */

enum ui_style {
	STYLE_NORMAL,
	STYLE_TITLE,    /* top bar */
	STYLE_STATUS,   /* bottom bar */
	STYLE_HEADER,   /* column headers, labels */
	STYLE_SELECTED, /* the selected row */
	STYLE_ERROR,
	STYLE_DIM,      /* hidden questions, hints */
	STYLE_GOOD,     /* voldoet */
	STYLE_BAD,      /* voldoet niet, deadline past */
	STYLE_WARN,     /* nader onderzoek, deadline near */
	STYLE_COUNT
};

void ui_style(struct ui *ui, enum ui_style s);
/* Writes text at (y, x) in at most `width` columns, padding with spaces to
 * exactly `width` when pad is set; returns the columns used. Control
 * characters are shown as U+FFFD. */
int ui_text(int y, int x, int width, const char *text, bool pad);
/* Word-wraps text into lines [y, bottom) from column x, width columns;
 * returns the next free line. `skip` lines of the wrapped text are left out
 * (scrolling). */
int ui_wrap(int y, int bottom, int x, int width, const char *text, int skip);
/* Lines the wrapped text takes. */
int ui_wrap_height(int width, const char *text);
/* Columns the text takes. */
int ui_width(const char *text);
void ui_fill(int y, int x, int width);

/* ---- widgets ---- */

/* A one-line prompt on the status line's place; on Enter calls done with
 * the text, on Escape with NULL. `complete`, when set, completes file paths
 * on Tab. */
typedef void (*ui_prompt_fn)(struct ui *ui, const char *text, void *ctx);
void ui_prompt(struct ui *ui, const char *label, const char *initial, bool complete_paths,
	       ui_prompt_fn done, void *ctx);
/* Marks the prompt just opened as an answer worth keeping: if toets ends
 * on a signal while it is open and its text was changed, done() gets the
 * text. Never for decisions (a status move, a verdict). */
void ui_prompt_rescue_typed(struct ui *ui);

/* A question answered with y or n (Escape: n) on the status line's place;
 * " (y/n)" is added to it. For decisions: never answered on a signal. */
typedef void (*ui_confirm_fn)(struct ui *ui, bool yes, void *ctx);
void ui_confirm(struct ui *ui, const char *question, ui_confirm_fn done, void *ctx);

/* A menu of choices in a box; done gets the index, or -1 for Escape. */
typedef void (*ui_menu_fn)(struct ui *ui, int choice, void *ctx);
void ui_menu(struct ui *ui, const char *title, const char *const *items, int n, int selected,
	     ui_menu_fn done, void *ctx);

/* A text editor of several lines (UTF-8, wrapping); done gets the text on
 * F2/Ctrl-S ("store"), NULL on Escape; the typed text is also handed to
 * done before the program ends on SIGHUP/SIGTERM. */
typedef void (*ui_editor_fn)(struct ui *ui, const char *text, void *ctx);
void ui_editor(struct ui *ui, const char *title, const char *initial, ui_editor_fn done, void *ctx);
/* As ui_editor, but `text` counts as changed from the start (Escape asks
 * before discarding it, rescue() hands it on): for reopening the editor
 * when done() could not store the text. */
void ui_editor_unstored(struct ui *ui, const char *title, const char *text, ui_editor_fn done,
			void *ctx);

/* Moves the cursor of the prompt just opened to its character `col`
 * (1-based: where an error was found). */
void ui_prompt_cursor(struct ui *ui, unsigned col);

/* A read-only text in a pager (documents, help). */
void ui_pager(struct ui *ui, const char *title, const char *text);

/* ---- the legal clock (clockwords.c; its words: toets/clock_words.h) ---- */

struct clock_settings;
struct clock_term;
struct procedure;
struct suspension;

/* The clock settings of the user's `set` lines. */
void ui_clock_settings(const struct ui *ui, struct clock_settings *out);
/* The style of a term's state (near: warn; past, missed: bad). */
enum ui_style ui_term_style(const struct clock_term *t);

/* ---- views ---- */

struct view *view_list_new(struct ui *ui);
struct view *view_dossier_new(struct ui *ui, const char *reference);
struct view *view_walk_new(struct ui *ui, const char *reference);
struct view *view_form_new(struct ui *ui, const char *reference /* NULL: new dossier */);
struct view *view_help_new(struct ui *ui);
/* What is near or past a deadline, and the re-assessments due (as `toets due`). */
struct view *view_due_new(struct ui *ui);
/* The constituency of a dossier: its entries, added, removed, imported. */
struct view *view_constituency_new(struct ui *ui, const char *reference);

#endif
