/* kader.h - a toetsingskader (assessment framework): the model of a question
 * set, its loading and validation from a forms/NAME.yaml file (format in
 * toets-kader(5)), lookup, and the SHA-256 of the exact source bytes that
 * binds an assessment to it. */
#ifndef TOETS_KADER_H
#define TOETS_KADER_H

#include <stdbool.h>
#include <stddef.h>

#include "toets/diag.h"
#include "toets/status.h"

#define KADER_FORMAT 1 /* the newest format this toets reads */

enum kader_lang { KADER_NL, KADER_EN };

struct kader_text {
	const char *nl;
	const char *en; /* NULL when the file gives none */
};

struct kader_ref {
	const char *ref;
	const char *note; /* NULL when none */
	bool verify;      /* still to be confirmed by a lawyer */
};

struct kader_legal {
	const struct kader_ref *refs;
	size_t n;
};

enum kader_effect { KADER_EFFECT_NONE, KADER_EFFECT_PASS, KADER_EFFECT_FAIL, KADER_EFFECT_FOLLOWUP };
enum kader_qtype { KADER_Q_CHOICE, KADER_Q_MULTI, KADER_Q_TEXT, KADER_Q_DATE, KADER_Q_NUMBER };
enum kader_evidence { KADER_EVIDENCE_NONE, KADER_EVIDENCE_OPTIONAL, KADER_EVIDENCE_REQUIRED };

struct kader_choice {
	const char *id;
	struct kader_text label;
	enum kader_effect effect;
};

struct kader_question;

struct kader_condition {
	const struct kader_question *question; /* an earlier choice/multi question */
	const struct kader_choice **choices;
	size_t n_choices;
	bool negate; /* none_of rather than any_of */
};

struct kader_question {
	const char *id;
	struct kader_text text;
	struct kader_text guidance; /* nl NULL when none */
	enum kader_qtype type;
	const struct kader_choice *choices;
	size_t n_choices;
	bool required;
	enum kader_evidence evidence;
	const struct kader_condition *show_if; /* NULL: always shown */
	size_t index;                          /* position in the whole framework */
	unsigned line, col;
};

struct kader_criterion {
	const char *id;
	struct kader_text title;
	struct kader_text guidance;
	struct kader_legal legal;
	bool mandatory;
	const struct kader_question *questions;
	size_t n_questions;
	unsigned line, col;
};

struct kader {
	int format;
	const char *id;
	const char *version;
	struct kader_text title;
	struct kader_text description;
	unsigned categories; /* mask of CATEGORY_BIT */
	struct kader_legal legal;
	const char *valid_from; /* YYYY-MM-DD */
	const struct kader_criterion *criteria;
	size_t n_criteria;
	size_t n_questions;
	const char *path;           /* as given to the loader */
	const char *source;         /* the exact bytes read, NUL-terminated */
	size_t source_len;
	unsigned char sha256[32];   /* over the exact bytes, BOM included */
	char sha256_hex[65];
	struct kader_private *priv;
};

/* Reads and validates a framework file. On success *out is set and the
 * status is TOETS_OK (diags may hold warnings). Otherwise *out is NULL and
 * the status says why: TOETS_ERR_NOT_FOUND / TOETS_ERR_IO (could not be
 * read), TOETS_ERR_INVALID (the errors are in diags). */
enum toets_status kader_load_file(const char *path, struct kader **out, struct diag_list *diags);

/* The same for bytes in memory; `name` is used in messages. */
enum toets_status kader_load_buffer(const char *name, const char *buf, size_t len,
				    struct kader **out, struct diag_list *diags);

void kader_free(struct kader **k);

const struct kader_question *kader_find_question(const struct kader *k, const char *id);
const struct kader_criterion *kader_find_criterion(const struct kader *k, const char *id);
/* The criterion a question belongs to. */
const struct kader_criterion *kader_question_criterion(const struct kader *k,
						       const struct kader_question *q);
const struct kader_choice *kader_find_choice(const struct kader_question *q, const char *id);

/* The text in the wanted language; Dutch when English is missing. */
const char *kader_text(const struct kader_text *t, enum kader_lang lang);

const char *kader_effect_name(enum kader_effect e);
const char *kader_qtype_name(enum kader_qtype t);
const char *kader_evidence_name(enum kader_evidence e);

#endif
