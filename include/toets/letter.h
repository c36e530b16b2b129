/* letter.h - the letters of a dossier: drafted from a template
 * (data/templates/KIND.md, or the user's template directory) with the
 * dossier's values, issued once, and then only ever read back.
 *
 * Issuing stores the rendered text, its SHA-256, the PDF and its SHA-256,
 * the template's id and SHA-256 and the audit head at that moment; the
 * stored letter is the letter: it is never made again. A decision letter
 * needs the approved decision of its kind and is refused while a
 * mandatory criterion lacks its motivering or required evidence (the
 * refusal names them). The designation summary is never issued: it is
 * drafted whenever it is shown or printed. */
#ifndef TOETS_LETTER_H
#define TOETS_LETTER_H

#include <cmark.h>
#include <stdbool.h>

#include "toets/datetime.h"
#include "toets/diag.h"
#include "toets/settings.h"
#include "toets/status.h"
#include "toets/store.h"
#include "toets/xalloc.h"

enum letter_kind {
	LETTER_ONTVANGST,   /* ontvangstbevestiging */
	LETTER_AANVULLING,  /* verzoek om aanvulling (Awb 4:5) */
	LETTER_AANWIJZING,  /* aanwijzingsbesluit */
	LETTER_AFWIJZING,   /* afwijzingsbesluit */
	LETTER_INTREKKING,  /* intrekkingsbesluit */
	LETTER_SAMENVATTING, /* designation summary: never issued */
	LETTER_KIND_COUNT
};

/* "aanwijzingsbesluit": the code typed, and the template's file name. */
const char *letter_kind_code(enum letter_kind k);
/* "aanwijzingsbesluit", "verzoek om aanvulling": the Dutch name shown. */
const char *letter_kind_name(enum letter_kind k);
bool letter_kind_parse(const char *text, enum letter_kind *out);
/* "ontvangstbevestiging, verzoek-aanvulling, ...", for messages. */
const char *letter_kind_list(void);

struct letter_draft {
	enum letter_kind kind;
	char *template_path;
	char template_sha256[65];
	cmark_node *doc;           /* the filled tree */
	char *text;                /* rendered as plain text */
	char audit_head[65];       /* the log's head when drafted */
	char reference[24];
	char dated[DATE_LEN];      /* the date the letter carries */
	char decision_id[STORE_ID_LEN]; /* "" when it rests on none */
	char *missing;             /* what stops it being issued; NULL when nothing */
};

/* Drafts a letter of a dossier: finds the template (its problems go to
 * dl, which the caller has set up with diag_init and releases; it takes
 * the template's path as its file name),
 * collects the values and fills it. Fails when the letter cannot exist
 * yet (no approved decision of its kind, not received); `missing` lists
 * what the dossier still lacks for issuing. */
enum toets_status letter_draft(struct store *s, const char *reference, enum letter_kind kind,
			       const struct settings *cfg, struct letter_draft *out, struct diag_list *dl,
			       struct toets_error *e);
void letter_draft_release(struct letter_draft *d);

/* The draft as a PDF (marked CONCEPT on every page). */
enum toets_status letter_draft_pdf(const struct letter_draft *d, struct strbuf *pdf, struct toets_error *e);

struct letter {
	char id[STORE_ID_LEN];
	enum letter_kind kind;
	char *template_id, *template_sha256;
	char *text, *sha256;
	unsigned char *pdf;
	size_t pdf_len;
	char *pdf_sha256;
	char *audit_head;
	char *dated, *issued_by, *issued_at;
	int prints; /* how often it was printed */
};

void letter_release(struct letter *l);

/* Issues the letter: drafts it, refuses when something is missing, and
 * stores it with its PDF in one transaction with its audit row. A letter
 * of a kind is issued once per decision (an acknowledgement once). */
enum toets_status letter_issue(struct store *s, const char *reference, enum letter_kind kind,
			       const struct settings *cfg, struct letter *out, struct diag_list *dl,
			       struct toets_error *e);

/* The issued letter of a kind (the newest); TOETS_ERR_NOT_FOUND when none. */
enum toets_status letter_get(struct store *s, const char *reference, enum letter_kind kind,
			     struct letter *out, struct toets_error *e);

/* Every issued letter of a dossier, oldest first (without text and PDF). */
enum toets_status letter_list(struct store *s, const char *dossier_id,
			      bool (*fn)(const struct letter *l, void *ctx), void *ctx,
			      struct toets_error *e);

/* Records that the letter was printed with this command. */
enum toets_status letter_record_print(struct store *s, const struct letter *l, const char *command,
				      struct toets_error *e);

#endif
