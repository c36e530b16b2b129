/* kader.c - loading and validating a framework: a table of fields per kind
 * of mapping drives the walk over the YAML tree (in the style of netplan's
 * parser), then one pass checks what crosses objects (ids, conditions). */
#include "toets/kader.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "toets/arena.h"
#include "toets/category.h"
#include "toets/datetime.h"
#include "toets/i18n.h"
#include "toets/utf8.h"
#include "toets/xalloc.h"
#include "toets/yaml.h"

struct kader_private {
	struct arena *arena;
	/* Question ids in an open-addressing table, for lookups and checks. */
	const struct kader_question **qtable;
	size_t qtable_size;
};

/* A condition as written, resolved after the whole file was read. */
struct raw_condition {
	struct kader_condition *cond;
	const struct kader_question *owner;
	const struct ynode *question; /* the id node */
	const struct ynode *choices;  /* the list node */
};

struct ctx {
	struct kader *k;
	struct arena *arena;
	struct diag_list *diags;
	struct raw_condition *conds;
	size_t n_conds, cap_conds;
	size_t question_index;
};

struct field;
typedef void (*field_fn)(struct ctx *c, const struct ynode *v, void *obj, const struct field *f);

struct field {
	const char *key;
	bool required;
	field_fn parse;
	size_t offset;     /* where in obj the value goes */
	const void *aux;   /* a table of names for enumerations */
};

struct name_value {
	const char *name;
	int value;
};

#define FIELD(obj) ((char *)(obj) + f->offset)

/* ---- messages ---------------------------------------------------------- */

static void err(struct ctx *c, const struct ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void err(struct ctx *c, const struct ynode *at, const char *fmt, ...)
{
	if (diag_full(c->diags))
		return; /* not even formatted: a hostile file may ask 100,000 times */
	struct strbuf sb = STRBUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	diag_error(c->diags, at->line, at->col, "%s", strbuf_str(&sb));
	strbuf_release(&sb);
}

/* A scalar's text quoted for a message, in a buffer the caller releases. */
static const char *q(struct strbuf *sb, const char *s)
{
	strbuf_reset(sb);
	utf8_quote(sb, s, strlen(s), 40);
	return strbuf_str(sb);
}

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 32 || lb > 32)
		return 99;
	size_t row[33];
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* The closest of `names` to `s` when close enough to be a typo, else NULL. */
static const char *suggest(const char *s, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t best_d = 3;
	for (size_t i = 0; i < n; i++) {
		size_t d = edit_distance(s, names[i]);
		/* Two edits make "de" of "nl": only suggest for longer words. */
		if (d < best_d && d * 2 <= strlen(s)) {
			best_d = d;
			best = names[i];
		}
	}
	return best;
}

struct named {
	const char *name;
	size_t index;
};

static int by_name_then_index(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* For each name that repeats an earlier one, the index of its first
 * occurrence; SIZE_MAX for the others and for NULL names. Sorted, not
 * compared pairwise: a hostile file may hold lists of 100,000 items. The
 * caller frees the array. */
static size_t *find_repeats(const char *const *names, size_t n)
{
	size_t *first = xmalloc(n * sizeof(*first));
	struct named *v = xmalloc(n * sizeof(*v));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		first[i] = SIZE_MAX;
		if (names[i])
			v[m++] = (struct named){ names[i], i };
	}
	qsort(v, m, sizeof(*v), by_name_then_index);
	for (size_t i = 1; i < m; i++) {
		if (strcmp(v[i].name, v[i - 1].name) != 0)
			continue;
		size_t prev = v[i - 1].index;
		first[v[i].index] = first[prev] != SIZE_MAX ? first[prev] : prev;
	}
	free(v);
	return first;
}

static void list_names(struct strbuf *sb, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i)
			strbuf_adds(sb, i == n - 1 ? _(" or ") : ", ");
		strbuf_adds(sb, names[i]);
	}
}

/* ---- scalars ------------------------------------------------------------ */

static bool want_scalar(struct ctx *c, const struct ynode *v, const char *what)
{
	if (v->kind == YNODE_INVALID)
		return false;
	if (v->kind != YNODE_SCALAR) {
		err(c, v, _("expected %s, got %s"), what, ynode_kind_name(v));
		return false;
	}
	return true;
}

static bool want_nonempty(struct ctx *c, const struct ynode *v, const char *what)
{
	if (!want_scalar(c, v, what))
		return false;
	if (v->u.scalar.len == 0) {
		err(c, v, _("expected %s, got an empty value"), what);
		return false;
	}
	return true;
}

static void parse_string(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	if (want_nonempty(c, v, _("a text")))
		*(const char **)FIELD(obj) = v->u.scalar.text;
}

static bool valid_id(const char *s, size_t len)
{
	if (len == 0 || len > 64)
		return false;
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		bool alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
		if (!alnum && (i == 0 || (ch != '-' && ch != '_' && ch != '.')))
			return false;
	}
	return true;
}

static bool check_id(struct ctx *c, const struct ynode *v)
{
	if (!want_nonempty(c, v, _("an id")))
		return false;
	if (!valid_id(v->u.scalar.text, v->u.scalar.len)) {
		struct strbuf sb = STRBUF_INIT;
		err(c, v, _("invalid id %s: use 1 to 64 letters, digits, \"-\", \"_\" or \".\", "
			   "starting with a letter or digit"), q(&sb, v->u.scalar.text));
		strbuf_release(&sb);
		return false;
	}
	return true;
}

static void parse_id(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	if (check_id(c, v))
		*(const char **)FIELD(obj) = v->u.scalar.text;
}

static bool ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return false;
	}
	return *a == *b;
}

static void parse_bool(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	static const char *const truthy[] = { "yes", "y", "on", "true" };
	static const char *const falsy[] = { "no", "n", "off", "false" };
	if (!want_scalar(c, v, _("true or false")))
		return;
	const char *s = v->u.scalar.text;
	if (v->u.scalar.plain && strcmp(s, "true") == 0) {
		*(bool *)FIELD(obj) = true;
		return;
	}
	if (v->u.scalar.plain && strcmp(s, "false") == 0) {
		*(bool *)FIELD(obj) = false;
		return;
	}
	struct strbuf sb = STRBUF_INIT;
	const char *hint = NULL;
	for (size_t i = 0; i < 4; i++) {
		if (ieq(s, truthy[i]))
			hint = "true";
		if (ieq(s, falsy[i]))
			hint = "false";
	}
	if (!v->u.scalar.plain && hint && (strcmp(s, "true") == 0 || strcmp(s, "false") == 0))
		err(c, v, _("expected true or false without quotes, got %s"), q(&sb, s));
	else if (hint)
		err(c, v, _("expected true or false, got %s (write %s)"), q(&sb, s), hint);
	else
		err(c, v, _("expected true or false, got %s"), q(&sb, s));
	strbuf_release(&sb);
}

static void parse_format(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	if (!want_nonempty(c, v, _("a format number")))
		return;
	const char *s = v->u.scalar.text;
	size_t len = v->u.scalar.len;
	/* 1 to 6 digits without a leading zero (01 is octal to YAML 1.1). */
	bool digits = len <= 6 && strspn(s, "0123456789") == len && s[0] != '0';
	long n = digits ? strtol(s, NULL, 10) : 0;
	struct strbuf sb = STRBUF_INIT;
	if (digits && !v->u.scalar.plain)
		err(c, v, _("expected a format number such as 1 without quotes, got %s"), q(&sb, s));
	else if (!digits)
		err(c, v, _("expected a format number such as 1, got %s"), q(&sb, s));
	else if (n > KADER_FORMAT)
		err(c, v, _("format %ld is newer than this toets understands (up to %d): "
			   "update toets to read this file"), n, KADER_FORMAT);
	else
		*(int *)FIELD(obj) = (int)n;
	strbuf_release(&sb);
}

static void parse_date(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	if (!want_nonempty(c, v, _("a date (YYYY-MM-DD)")))
		return;
	if (!date_valid(v->u.scalar.text)) {
		struct strbuf sb = STRBUF_INIT;
		err(c, v, _("invalid date %s: expected a real date from 1900 on, as YYYY-MM-DD"),
		    q(&sb, v->u.scalar.text));
		strbuf_release(&sb);
		return;
	}
	*(const char **)FIELD(obj) = v->u.scalar.text;
}

static void parse_enum(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	const struct name_value *tab = f->aux;
	const char *names[8];
	size_t n = 0;
	for (; tab[n].name; n++)
		names[n] = tab[n].name;
	if (!want_nonempty(c, v, _("a value")))
		return;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(v->u.scalar.text, names[i]) == 0) {
			*(int *)FIELD(obj) = tab[i].value;
			return;
		}
	}
	struct strbuf sb = STRBUF_INIT, choices = STRBUF_INIT;
	list_names(&choices, names, n);
	const char *sug = suggest(v->u.scalar.text, names, n);
	if (sug)
		err(c, v, _("unknown %s %s; expected %s (did you mean \"%s\"?)"), f->key,
		    q(&sb, v->u.scalar.text), strbuf_str(&choices), sug);
	else
		err(c, v, _("unknown %s %s; expected %s"), f->key, q(&sb, v->u.scalar.text),
		    strbuf_str(&choices));
	strbuf_release(&sb);
	strbuf_release(&choices);
}

/* ---- mappings ----------------------------------------------------------- */

/* Walks a mapping with a field table: unknown keys and missing required
 * keys are errors. Returns false when v is not a mapping at all. */
static bool parse_mapping(struct ctx *c, const struct ynode *v, const char *what,
			  const struct field *fields, size_t n_fields, void *obj)
{
	if (v->kind == YNODE_INVALID)
		return false;
	if (v->kind != YNODE_MAPPING) {
		err(c, v, _("expected %s (a mapping of keys), got %s"), what, ynode_kind_name(v));
		return false;
	}
	bool seen[16] = { false };
	const char *names[16];
	for (size_t i = 0; i < n_fields; i++)
		names[i] = fields[i].key;
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < v->u.map.n && !diag_full(c->diags); i++) {
		const struct ynode *key = v->u.map.pairs[i].key;
		const struct ynode *val = v->u.map.pairs[i].value;
		size_t j = 0;
		while (j < n_fields && strcmp(fields[j].key, key->u.scalar.text) != 0)
			j++;
		if (j == n_fields) {
			const char *sug = suggest(key->u.scalar.text, names, n_fields);
			if (sug)
				err(c, key, _("unknown key %s in %s (did you mean \"%s\"?)"),
				    q(&sb, key->u.scalar.text), what, sug);
			else
				err(c, key, _("unknown key %s in %s"), q(&sb, key->u.scalar.text), what);
			continue;
		}
		if (val->kind == YNODE_INVALID || seen[j]) {
			seen[j] = true;
			continue;
		}
		seen[j] = true;
		fields[j].parse(c, val, obj, &fields[j]);
	}
	for (size_t j = 0; j < n_fields; j++)
		if (fields[j].required && !seen[j])
			err(c, v, _("%s lacks the required key \"%s\""), what, fields[j].key);
	strbuf_release(&sb);
	return true;
}

static bool want_sequence(struct ctx *c, const struct ynode *v, const char *what, bool nonempty)
{
	if (v->kind == YNODE_INVALID)
		return false;
	if (v->kind != YNODE_SEQUENCE) {
		err(c, v, _("expected a list of %s, got %s"), what, ynode_kind_name(v));
		return false;
	}
	if (nonempty && v->u.seq.n == 0) {
		err(c, v, _("expected a list of %s, got an empty list"), what);
		return false;
	}
	return true;
}

/* ---- texts -------------------------------------------------------------- */

static void text_nl(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	(void)f;
	if (want_nonempty(c, v, _("a Dutch text")))
		((struct kader_text *)obj)->nl = v->u.scalar.text;
}

static void text_en(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	(void)f;
	if (want_nonempty(c, v, _("an English text")))
		((struct kader_text *)obj)->en = v->u.scalar.text;
}

static const struct field text_fields[] = {
	{ "nl", false, text_nl, 0, NULL },
	{ "en", false, text_en, 0, NULL },
};

/* A text is {nl, en}: Dutch is required, missing English is a warning. */
static void parse_text(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	struct kader_text *t = (struct kader_text *)FIELD(obj);
	if (v->kind == YNODE_SCALAR) {
		err(c, v, _("\"%s\" needs a Dutch and an English text: write nl: ... and en: ... "
			   "on their own lines below it"), f->key);
		return;
	}
	if (!parse_mapping(c, v, _("a text (nl, en)"), text_fields, 2, t))
		return;
	bool has_nl = ynode_get(v, "nl") != NULL, has_en = ynode_get(v, "en") != NULL;
	if (!has_nl)
		err(c, v, _("\"%s\" has no Dutch text (nl)"), f->key);
	if (!has_en)
		diag_warning(c->diags, v->line, v->col, _("\"%s\" has no English text (en)"), f->key);
}

/* ---- legal references ----------------------------------------------------- */

static const struct field ref_fields[] = {
	{ "ref", true, parse_string, offsetof(struct kader_ref, ref), NULL },
	{ "verify", false, parse_bool, offsetof(struct kader_ref, verify), NULL },
	{ "note", false, parse_string, offsetof(struct kader_ref, note), NULL },
};

static void parse_legal(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	struct kader_legal *l = (struct kader_legal *)FIELD(obj);
	if (!want_sequence(c, v, _("legal references"), true))
		return;
	struct kader_ref *refs = arena_array(c->arena, v->u.seq.n, sizeof(*refs));
	for (size_t i = 0; i < v->u.seq.n && !diag_full(c->diags); i++) {
		const struct ynode *item = v->u.seq.items[i];
		if (item->kind == YNODE_SCALAR) {
			if (want_nonempty(c, item, _("a legal reference")))
				refs[i].ref = item->u.scalar.text;
		} else {
			parse_mapping(c, item, _("a legal reference"), ref_fields, 3, &refs[i]);
		}
	}
	l->refs = refs;
	l->n = v->u.seq.n;
}

/* ---- categories ------------------------------------------------------------ */

static void parse_categories(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	unsigned *set = (unsigned *)FIELD(obj);
	if (!want_sequence(c, v, _("categories, such as [oktt]"), true))
		return;
	struct strbuf sb = STRBUF_INIT, choices = STRBUF_INIT;
	category_format_choices(&choices);
	for (size_t i = 0; i < v->u.seq.n && !diag_full(c->diags); i++) {
		const struct ynode *item = v->u.seq.items[i];
		if (!want_nonempty(c, item, _("a category")))
			continue;
		enum category cat;
		if (!category_parse(item->u.scalar.text, &cat))
			err(c, item, _("unknown category %s; expected %s"), q(&sb, item->u.scalar.text),
			    strbuf_str(&choices));
		else if (*set & CATEGORY_BIT(cat))
			err(c, item, _("category %s is listed twice"), q(&sb, item->u.scalar.text));
		else
			*set |= CATEGORY_BIT(cat);
	}
	strbuf_release(&sb);
	strbuf_release(&choices);
}

/* ---- choices, conditions, questions, criteria ---------------------------- */

static const struct name_value effect_names[] = {
	{ "pass", KADER_EFFECT_PASS }, { "fail", KADER_EFFECT_FAIL },
	{ "followup", KADER_EFFECT_FOLLOWUP }, { "none", KADER_EFFECT_NONE }, { NULL, 0 },
};

static const struct name_value qtype_names[] = {
	{ "choice", KADER_Q_CHOICE }, { "multi", KADER_Q_MULTI }, { "text", KADER_Q_TEXT },
	{ "date", KADER_Q_DATE }, { "number", KADER_Q_NUMBER }, { NULL, 0 },
};

static const struct name_value evidence_names[] = {
	{ "none", KADER_EVIDENCE_NONE }, { "optional", KADER_EVIDENCE_OPTIONAL },
	{ "required", KADER_EVIDENCE_REQUIRED }, { NULL, 0 },
};

static const struct field choice_fields[] = {
	{ "id", true, parse_id, offsetof(struct kader_choice, id), NULL },
	{ "label", true, parse_text, offsetof(struct kader_choice, label), NULL },
	{ "effect", true, parse_enum, offsetof(struct kader_choice, effect), effect_names },
};

static void parse_choices(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	struct kader_question *qn = obj;
	(void)f;
	if (!want_sequence(c, v, _("choices"), true))
		return;
	size_t n = v->u.seq.n;
	struct kader_choice *ch = arena_array(c->arena, n, sizeof(*ch));
	for (size_t i = 0; i < n && !diag_full(c->diags); i++)
		parse_mapping(c, v->u.seq.items[i], _("a choice"), choice_fields, 3, &ch[i]);
	const char **ids = xcalloc(n, sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		ids[i] = ch[i].id;
	size_t *first = find_repeats(ids, n);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n && !diag_full(c->diags); i++)
		if (first[i] != SIZE_MAX)
			err(c, ynode_get(v->u.seq.items[i], "id"),
			    _("choice id %s is used twice in this question"), q(&sb, ch[i].id));
	strbuf_release(&sb);
	free(first);
	free(ids);
	qn->choices = ch;
	qn->n_choices = v->u.seq.n;
}

static void cond_choices(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	struct raw_condition *rc = obj;
	if (!want_sequence(c, v, _("choice ids"), true))
		return;
	size_t n = v->u.seq.n;
	const char **ids = xcalloc(n, sizeof(*ids));
	for (size_t i = 0; i < n && !diag_full(c->diags); i++)
		ids[i] = check_id(c, v->u.seq.items[i]) ? v->u.seq.items[i]->u.scalar.text : NULL;
	if (diag_full(c->diags)) {
		free(ids);
		return;
	}
	size_t *first = find_repeats(ids, n);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n && !diag_full(c->diags); i++)
		if (first[i] != SIZE_MAX)
			err(c, v->u.seq.items[i], _("choice %s is listed twice"), q(&sb, ids[i]));
	strbuf_release(&sb);
	free(first);
	free(ids);
	if (rc->choices) {
		err(c, v, _("a condition takes either any_of or none_of, not both"));
		return;
	}
	rc->choices = v;
	rc->cond->negate = strcmp(f->key, "none_of") == 0;
}

static void cond_question(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	(void)f;
	if (check_id(c, v))
		((struct raw_condition *)obj)->question = v;
}

static const struct field condition_fields[] = {
	{ "question", true, cond_question, 0, NULL },
	{ "any_of", false, cond_choices, 0, NULL },
	{ "none_of", false, cond_choices, 0, NULL },
};

static void parse_condition(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	(void)f;
	struct raw_condition rc = { .owner = obj };
	rc.cond = arena_alloc(c->arena, sizeof(*rc.cond));
	if (!parse_mapping(c, v, _("a condition"), condition_fields, 3, &rc))
		return;
	if (!ynode_get(v, "any_of") && !ynode_get(v, "none_of")) {
		err(c, v, _("a condition needs any_of or none_of"));
		return;
	}
	if (!rc.question || !rc.choices)
		return;
	((struct kader_question *)obj)->show_if = rc.cond;
	c->conds = xgrow(c->conds, &c->cap_conds, c->n_conds + 1, sizeof(*c->conds));
	c->conds[c->n_conds++] = rc;
}

static const struct field question_fields[] = {
	{ "id", true, parse_id, offsetof(struct kader_question, id), NULL },
	{ "text", true, parse_text, offsetof(struct kader_question, text), NULL },
	{ "type", true, parse_enum, offsetof(struct kader_question, type), qtype_names },
	{ "choices", false, parse_choices, 0, NULL },
	{ "required", false, parse_bool, offsetof(struct kader_question, required), NULL },
	{ "evidence", false, parse_enum, offsetof(struct kader_question, evidence), evidence_names },
	{ "guidance", false, parse_text, offsetof(struct kader_question, guidance), NULL },
	{ "show_if", false, parse_condition, 0, NULL },
};

static void parse_question(struct ctx *c, const struct ynode *v, struct kader_question *qn)
{
	qn->line = v->line;
	qn->col = v->col;
	qn->index = c->question_index++;
	qn->type = (enum kader_qtype)-1; /* unset: no follow-up errors about choices */
	if (!parse_mapping(c, v, _("a question"), question_fields, 8, qn))
		return;
	const struct ynode *choices = ynode_get(v, "choices");
	bool wants_choices = qn->type == KADER_Q_CHOICE || qn->type == KADER_Q_MULTI;
	if (wants_choices && !choices)
		err(c, v, _("a %s question needs \"choices\""), kader_qtype_name(qn->type));
	else if (choices && (qn->type == KADER_Q_TEXT || qn->type == KADER_Q_DATE ||
			     qn->type == KADER_Q_NUMBER))
		err(c, choices, _("a %s question has no choices; use type choice or multi"),
		    kader_qtype_name(qn->type));
}

static void parse_questions(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	struct kader_criterion *cr = obj;
	(void)f;
	if (!want_sequence(c, v, _("questions"), true))
		return;
	struct kader_question *qs = arena_array(c->arena, v->u.seq.n, sizeof(*qs));
	for (size_t i = 0; i < v->u.seq.n && !diag_full(c->diags); i++)
		parse_question(c, v->u.seq.items[i], &qs[i]);
	cr->questions = qs;
	cr->n_questions = v->u.seq.n;
}

static const struct field criterion_fields[] = {
	{ "id", true, parse_id, offsetof(struct kader_criterion, id), NULL },
	{ "title", true, parse_text, offsetof(struct kader_criterion, title), NULL },
	{ "legal_basis", true, parse_legal, offsetof(struct kader_criterion, legal), NULL },
	{ "guidance", false, parse_text, offsetof(struct kader_criterion, guidance), NULL },
	{ "mandatory", true, parse_bool, offsetof(struct kader_criterion, mandatory), NULL },
	{ "questions", true, parse_questions, 0, NULL },
};

static void parse_criteria(struct ctx *c, const struct ynode *v, void *obj, const struct field *f)
{
	struct kader *k = obj;
	(void)f;
	if (!want_sequence(c, v, _("criteria"), true))
		return;
	struct kader_criterion *cr = arena_array(c->arena, v->u.seq.n, sizeof(*cr));
	for (size_t i = 0; i < v->u.seq.n && !diag_full(c->diags); i++) {
		cr[i].line = v->u.seq.items[i]->line;
		cr[i].col = v->u.seq.items[i]->col;
		parse_mapping(c, v->u.seq.items[i], _("a criterion"), criterion_fields, 6, &cr[i]);
	}
	k->criteria = cr;
	k->n_criteria = v->u.seq.n;
}

static const struct field kader_fields[] = {
	{ "format", true, parse_format, offsetof(struct kader, format), NULL },
	{ "id", true, parse_id, offsetof(struct kader, id), NULL },
	{ "version", true, parse_string, offsetof(struct kader, version), NULL },
	{ "title", true, parse_text, offsetof(struct kader, title), NULL },
	{ "applies_to", true, parse_categories, offsetof(struct kader, categories), NULL },
	{ "legal_basis", true, parse_legal, offsetof(struct kader, legal), NULL },
	{ "valid_from", true, parse_date, offsetof(struct kader, valid_from), NULL },
	{ "description", false, parse_text, offsetof(struct kader, description), NULL },
	{ "criteria", true, parse_criteria, 0, NULL },
};

/* ---- checks across objects --------------------------------------------- */

static size_t hash_str(const char *s)
{
	size_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static const struct kader_question **qtable_slot(struct kader_private *p, const char *id)
{
	size_t mask = p->qtable_size - 1;
	for (size_t i = hash_str(id) & mask;; i = (i + 1) & mask) {
		const struct kader_question **slot = &p->qtable[i];
		if (!*slot || strcmp((*slot)->id, id) == 0)
			return slot;
	}
}

/* Indexes question ids and reports those used twice. */
static void index_questions(struct ctx *c)
{
	struct kader_private *p = c->k->priv;
	size_t n = 0;
	for (size_t i = 0; i < c->k->n_criteria; i++)
		n += c->k->criteria[i].n_questions;
	c->k->n_questions = n;
	p->qtable_size = 16;
	while (p->qtable_size < 2 * n)
		p->qtable_size *= 2;
	p->qtable = arena_array(c->arena, p->qtable_size, sizeof(*p->qtable));
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < c->k->n_criteria; i++) {
		const struct kader_criterion *cr = &c->k->criteria[i];
		for (size_t j = 0; j < cr->n_questions; j++) {
			const struct kader_question *qn = &cr->questions[j];
			if (!qn->id)
				continue;
			const struct kader_question **slot = qtable_slot(p, qn->id);
			if (*slot)
				diag_error(c->diags, qn->line, qn->col,
					   _("question id %s is used twice (first at line %u)"),
					   q(&sb, qn->id), (*slot)->line);
			else
				*slot = qn;
		}
	}
	strbuf_release(&sb);
}

static void check_criterion_ids(struct ctx *c)
{
	size_t n = c->k->n_criteria;
	const char **ids = xcalloc(n, sizeof(*ids));
	for (size_t i = 0; i < n; i++)
		ids[i] = c->k->criteria[i].id;
	size_t *first = find_repeats(ids, n);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n && !diag_full(c->diags); i++) {
		if (first[i] == SIZE_MAX)
			continue;
		const struct kader_criterion *a = &c->k->criteria[i];
		diag_error(c->diags, a->line, a->col, _("criterion id %s is used twice (first at line %u)"),
			   q(&sb, a->id), c->k->criteria[first[i]].line);
	}
	strbuf_release(&sb);
	free(first);
	free(ids);
}

static bool qtype_known(enum kader_qtype t)
{
	for (size_t i = 0; qtype_names[i].name; i++)
		if (qtype_names[i].value == (int)t)
			return true;
	return false;
}

static void resolve_condition(struct ctx *c, struct raw_condition *rc)
{
	struct strbuf sb = STRBUF_INIT;
	const struct ynode *qnode = rc->question;
	const struct kader_question *target = kader_find_question(c->k, qnode->u.scalar.text);
	const char *id = q(&sb, qnode->u.scalar.text);
	if (!target) {
		err(c, qnode, _("the condition refers to question %s, which does not exist"), id);
	} else if (target == rc->owner) {
		err(c, qnode, _("the condition refers to its own question %s"), id);
	} else if (target->index > rc->owner->index) {
		err(c, qnode, _("the condition refers to question %s, which comes later (line %u); "
			       "a condition may only look back"), id, target->line);
	} else if (!qtype_known(target->type)) {
		/* Its type is missing or wrong, which is reported there. */
	} else if (target->type != KADER_Q_CHOICE && target->type != KADER_Q_MULTI) {
		err(c, qnode, _("the condition refers to question %s of type %s; "
			       "it needs a choice or multi question"), id, kader_qtype_name(target->type));
	} else {
		const struct ynode *list = rc->choices;
		const struct kader_choice **chosen = arena_array(c->arena, list->u.seq.n, sizeof(*chosen));
		size_t n = 0;
		for (size_t i = 0; i < list->u.seq.n && !diag_full(c->diags); i++) {
			const struct ynode *item = list->u.seq.items[i];
			if (item->kind != YNODE_SCALAR)
				continue;
			const struct kader_choice *ch = kader_find_choice(target, item->u.scalar.text);
			if (!ch) {
				struct strbuf cid = STRBUF_INIT;
				err(c, item, _("question %s has no choice %s"), id,
				    q(&cid, item->u.scalar.text));
				strbuf_release(&cid);
			} else {
				chosen[n++] = ch;
			}
		}
		rc->cond->question = target;
		rc->cond->choices = chosen;
		rc->cond->n_choices = n;
	}
	strbuf_release(&sb);
}

/* ---- loading ------------------------------------------------------------ */

static void hash_source(struct kader *k)
{
	static const char hex[] = "0123456789abcdef";
	crypto_hash_sha256(k->sha256, (const unsigned char *)k->source, k->source_len);
	for (int i = 0; i < 32; i++) {
		k->sha256_hex[2 * i] = hex[k->sha256[i] >> 4];
		k->sha256_hex[2 * i + 1] = hex[k->sha256[i] & 15];
	}
	k->sha256_hex[64] = '\0';
}

enum toets_status kader_load_buffer(const char *name, const char *buf, size_t len,
				    struct kader **out, struct diag_list *diags)
{
	*out = NULL;
	struct arena *arena = arena_new();
	struct kader *k = arena_alloc(arena, sizeof(*k));
	k->priv = arena_alloc(arena, sizeof(*k->priv));
	k->priv->arena = arena;
	k->path = arena_strdup(arena, name);
	char *source = arena_alloc(arena, len + 1);
	memcpy(source, buf, len);
	k->source = source;
	k->source_len = len;

	struct yaml_doc doc;
	bool ok = yaml_parse(k->source, len, arena, diags, &doc);
	/* Like a compiler's phases: what YAML itself refuses (anchors, tags,
	 * duplicate keys) is reported first, alone, without the schema errors
	 * that would follow from it. */
	if (ok && diags->n_errors == 0) {
		struct ctx c = { .k = k, .arena = arena, .diags = diags };
		parse_mapping(&c, doc.root, _("the framework"), kader_fields, 9, k);
		if (!diag_full(diags)) {
			index_questions(&c);
			check_criterion_ids(&c);
			for (size_t i = 0; i < c.n_conds && !diag_full(diags); i++)
				resolve_condition(&c, &c.conds[i]);
		}
		free(c.conds);
	}
	diag_set_source(diags, NULL, 0);
	diag_sort(diags);
	if (!ok || diags->n_errors > 0) {
		arena_free(&arena);
		return TOETS_ERR_INVALID;
	}
	if (sodium_init() < 0) {
		diag_error(diags, 0, 0, _("cannot initialise the hashing library"));
		arena_free(&arena);
		return TOETS_ERR_IO;
	}
	hash_source(k);
	*out = k;
	return TOETS_OK;
}

enum toets_status kader_load_file(const char *path, struct kader **out, struct diag_list *diags)
{
	*out = NULL;
	/* O_NONBLOCK: a FIFO must not hang the open; it is refused below. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		int e = errno;
		diag_error(diags, 0, 0, _("cannot open: %s"), strerror(e));
		return e == ENOENT || e == ENOTDIR ? TOETS_ERR_NOT_FOUND : TOETS_ERR_IO;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		diag_error(diags, 0, 0, _("cannot read: %s"), strerror(errno));
		close(fd);
		return TOETS_ERR_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_error(diags, 0, 0, S_ISDIR(st.st_mode) ? _("is a directory, not a framework file")
							    : _("is not a regular file"));
		close(fd);
		return TOETS_ERR_IO;
	}
	if ((unsigned long long)st.st_size > YAML_MAX_FILE) {
		diag_error(diags, 0, 0, _("file is larger than %u MiB (%lld bytes)"),
			   YAML_MAX_FILE / (1024 * 1024), (long long)st.st_size);
		close(fd);
		return TOETS_ERR_INVALID;
	}
	/* Read up to one byte past the limit: the file may grow meanwhile. */
	size_t cap = YAML_MAX_FILE + 1;
	char *buf = xmalloc(cap);
	size_t len = 0;
	while (len < cap) {
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_error(diags, 0, 0, _("cannot read: %s"), strerror(errno));
			free(buf);
			close(fd);
			return TOETS_ERR_IO;
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	enum toets_status st_load;
	if (len > YAML_MAX_FILE) {
		diag_error(diags, 0, 0, _("file is larger than %u MiB (%lld bytes)"),
			   YAML_MAX_FILE / (1024 * 1024), (long long)len);
		st_load = TOETS_ERR_INVALID;
	} else {
		st_load = kader_load_buffer(path, buf, len, out, diags);
	}
	free(buf);
	return st_load;
}

void kader_free(struct kader **kp)
{
	if (!*kp)
		return;
	struct arena *a = (*kp)->priv->arena;
	arena_free(&a);
	*kp = NULL;
}

/* ---- lookup ------------------------------------------------------------- */

const struct kader_question *kader_find_question(const struct kader *k, const char *id)
{
	if (!k->priv->qtable)
		return NULL;
	return *qtable_slot(k->priv, id);
}

const struct kader_criterion *kader_find_criterion(const struct kader *k, const char *id)
{
	for (size_t i = 0; i < k->n_criteria; i++)
		if (k->criteria[i].id && strcmp(k->criteria[i].id, id) == 0)
			return &k->criteria[i];
	return NULL;
}

const struct kader_criterion *kader_question_criterion(const struct kader *k,
						       const struct kader_question *qn)
{
	for (size_t i = 0; i < k->n_criteria; i++) {
		const struct kader_criterion *cr = &k->criteria[i];
		if (qn >= cr->questions && qn < cr->questions + cr->n_questions)
			return cr;
	}
	return NULL;
}

const struct kader_choice *kader_find_choice(const struct kader_question *qn, const char *id)
{
	for (size_t i = 0; i < qn->n_choices; i++)
		if (qn->choices[i].id && strcmp(qn->choices[i].id, id) == 0)
			return &qn->choices[i];
	return NULL;
}

const char *kader_text(const struct kader_text *t, enum kader_lang lang)
{
	if (lang == KADER_EN && t->en)
		return t->en;
	return t->nl ? t->nl : "";
}

const char *kader_effect_name(enum kader_effect e)
{
	for (size_t i = 0; effect_names[i].name; i++)
		if (effect_names[i].value == (int)e)
			return effect_names[i].name;
	return "?";
}

const char *kader_qtype_name(enum kader_qtype t)
{
	for (size_t i = 0; qtype_names[i].name; i++)
		if (qtype_names[i].value == (int)t)
			return qtype_names[i].name;
	return "?";
}

const char *kader_evidence_name(enum kader_evidence e)
{
	for (size_t i = 0; evidence_names[i].name; i++)
		if (evidence_names[i].value == (int)e)
			return evidence_names[i].name;
	return "?";
}
