/* partners.c - the constituency of each dossier as stored: import, single
 * additions and removals, reading in a natural order, CSV and JSON, and
 * the index over every dossier for lookups and overlaps. */
#include "toets/partners.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "toets/arena.h"
#include "toets/audit.h"
#include "toets/datetime.h"
#include "toets/dossier.h"
#include "toets/i18n.h"
#include "toets/ident.h"
#include "toets/validate.h"

const char *partners_kind_code(enum constituency_kind k)
{
	switch (k) {
	case CONSTITUENCY_ASN: return "asn";
	case CONSTITUENCY_PREFIX: return "prefix";
	case CONSTITUENCY_DOMAIN: return "domain";
	case CONSTITUENCY_NONE: break;
	}
	return "";
}

static enum constituency_kind kind_parse(const char *code)
{
	if (strcmp(code, "asn") == 0)
		return CONSTITUENCY_ASN;
	if (strcmp(code, "prefix") == 0)
		return CONSTITUENCY_PREFIX;
	if (strcmp(code, "domain") == 0)
		return CONSTITUENCY_DOMAIN;
	return CONSTITUENCY_NONE;
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static size_t table_size(size_t n)
{
	size_t size = 16;
	while (size < 2 * n)
		size *= 2;
	return size;
}

/* ---- what a dossier holds now ------------------------------------------------------ */

struct existing {
	const char *id, *value, *note;
	bool seen;
};

struct existing_set {
	struct existing *items;
	size_t n, cap;
	size_t *slot; /* index + 1; 0 is free */
	size_t mask;
	struct arena *arena;
};

static enum toets_status existing_load(struct store *s, const char *dossier_id, struct existing_set *x,
				       struct toets_error *e)
{
	static const char sql[] = "SELECT id, value, note FROM constituency WHERE dossier_id = ?";
	memset(x, 0, sizeof(*x));
	x->arena = arena_new();
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, dossier_id, -1, SQLITE_TRANSIENT);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		x->items = xgrow(x->items, &x->cap, x->n + 1, sizeof(*x->items));
		const unsigned char *note = sqlite3_column_text(st, 2);
		x->items[x->n++] = (struct existing){
			.id = arena_strdup(x->arena, store_text(st, 0)),
			.value = arena_strdup(x->arena, store_text(st, 1)),
			.note = note ? arena_strdup(x->arena, (const char *)note) : NULL,
		};
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the constituency"), e);
	/* Values of different kinds never agree as text (only prefixes have a
	 * '/', only names a dot), so the value alone is the key. */
	size_t size = table_size(x->n);
	x->slot = xcalloc(size, sizeof(*x->slot));
	x->mask = size - 1;
	for (size_t i = 0; i < x->n; i++) {
		size_t h = (size_t)hash_str(x->items[i].value) & x->mask;
		while (x->slot[h])
			h = (h + 1) & x->mask;
		x->slot[h] = i + 1;
	}
	return TOETS_OK;
}

static struct existing *existing_find(const struct existing_set *x, const char *value)
{
	for (size_t h = (size_t)hash_str(value) & x->mask; x->slot[h]; h = (h + 1) & x->mask)
		if (strcmp(x->items[x->slot[h] - 1].value, value) == 0)
			return &x->items[x->slot[h] - 1];
	return NULL;
}

static void existing_release(struct existing_set *x)
{
	free(x->items);
	free(x->slot);
	arena_free(&x->arena);
	memset(x, 0, sizeof(*x));
}

/* ---- importing --------------------------------------------------------------------- */

static unsigned count_chars(const char *s, const char *end)
{
	unsigned n = 0;
	for (; s < end; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The comment after each entry on its line, as the entry's note (tabs as
 * spaces); one that is no good as a note is left out with a warning. */
static void collect_notes(const char *buf, size_t len, const struct constituency_list *l, const char **notes,
			  struct arena *a, struct diag_list *dl)
{
	const char *p = buf, *end = buf + len;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	unsigned lineno = 1;
	for (size_t i = 0; i < l->n; i++) {
		notes[i] = NULL;
		unsigned want = l->items[i].line;
		while (lineno < want && p < end) {
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			p = nl ? nl + 1 : end;
			lineno++;
		}
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl : end;
		const char *hash = memchr(p, '#', (size_t)(eol - p));
		if (!hash)
			continue;
		const char *b = hash, *t = eol;
		while (b < t && (*b == '#' || *b == ' ' || *b == '\t'))
			b++;
		while (t > b && (t[-1] == ' ' || t[-1] == '\t' || t[-1] == '\r'))
			t--;
		if (b == t)
			continue;
		char *note = arena_strndup(a, b, (size_t)(t - b));
		for (char *c = note; *c; c++)
			if (*c == '\t')
				*c = ' ';
		const char *why = validate_line(note, PARTNERS_NOTE_MAX);
		if (why) {
			diag_warning(dl, want, count_chars(p, hash) + 1,
				     _("the comment is not kept as the entry's note: %s"), why);
			continue;
		}
		notes[i] = note;
	}
}

struct insert_order {
	const struct constituency_entry *entry;
	const char *note;
};

/* The order of the UNIQUE (dossier_id, kind, value) index: rows inserted
 * in it append to the index instead of landing at random pages. */
static int insert_cmp(const void *a, const void *b)
{
	const struct constituency_entry *x = ((const struct insert_order *)a)->entry;
	const struct constituency_entry *y = ((const struct insert_order *)b)->entry;
	if (x->kind != y->kind) {
		int c = strcmp(partners_kind_code(x->kind), partners_kind_code(y->kind));
		if (c)
			return c;
	}
	return strcmp(x->text, y->text);
}

static int id_cmp(const void *a, const void *b)
{
	return memcmp(a, b, STORE_ID_LEN);
}

static void bind_note(sqlite3_stmt *st, int i, const char *note)
{
	if (note && *note)
		sqlite3_bind_text(st, i, note, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static bool same_note(const char *a, const char *b)
{
	if (!a || !*a)
		return !b || !*b;
	return b && strcmp(a, b) == 0;
}

/* Inside the transaction: what changes, and its audit row. */
static enum toets_status import_rows(struct store *s, const char *dossier_id, const struct constituency_list *l,
				     const char **notes, unsigned flags, const char *account, const char *at,
				     struct partners_import *out, struct toets_error *e)
{
	static const char ins_sql[] = "INSERT INTO constituency (id, dossier_id, kind, value, note, account, at) "
				      "VALUES (?, ?, ?, ?, ?, ?, ?)";
	static const char del_sql[] = "DELETE FROM constituency WHERE id = ?";
	static const char note_sql[] = "UPDATE constituency SET note = ? WHERE id = ?";
	struct existing_set x;
	enum toets_status st = existing_load(s, dossier_id, &x, e);
	struct insert_order *todo = xmalloc((l->n ? l->n : 1) * sizeof(*todo));
	size_t n_todo = 0;
	sqlite3_stmt *q;
	for (size_t i = 0; st == TOETS_OK && i < l->n; i++) {
		struct existing *old = existing_find(&x, l->items[i].text);
		if (!old) {
			todo[n_todo++] = (struct insert_order){ &l->items[i], notes[i] };
			continue;
		}
		old->seen = true;
		out->kept++;
		if (!(flags & PARTNERS_REPLACE) || same_note(old->note, notes[i]))
			continue;
		if (!(q = store_prepare(s, note_sql, e)))
			st = e->status;
		else {
			bind_note(q, 1, notes[i]);
			sqlite3_bind_text(q, 2, old->id, -1, SQLITE_STATIC);
			st = store_step_done(s, q, _("changing a note"), e);
			out->notes_changed++;
		}
	}
	for (size_t i = 0; st == TOETS_OK && (flags & PARTNERS_REPLACE) && i < x.n; i++) {
		if (x.items[i].seen)
			continue;
		if (!(q = store_prepare(s, del_sql, e))) {
			st = e->status;
			break;
		}
		sqlite3_bind_text(q, 1, x.items[i].id, -1, SQLITE_STATIC);
		st = store_step_done(s, q, _("removing an entry"), e);
		out->removed++;
	}
	if (st == TOETS_OK && n_todo) {
		qsort(todo, n_todo, sizeof(*todo), insert_cmp);
		/* The random ids, sorted, are handed out in that order too: every
		 * index of the table then takes the rows in its own order. */
		char (*ids)[STORE_ID_LEN] = xmalloc(n_todo * sizeof(*ids));
		for (size_t i = 0; i < n_todo; i++)
			store_new_id(ids[i]);
		qsort(ids, n_todo, sizeof(*ids), id_cmp);
		/* One statement for every row: prepared once, bound per row. */
		if (!(q = store_prepare(s, ins_sql, e)))
			st = e->status;
		if (q) {
			sqlite3_bind_text(q, 2, dossier_id, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 6, account, -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 7, at, -1, SQLITE_STATIC);
		}
		for (size_t i = 0; st == TOETS_OK && i < n_todo; i++) {
			sqlite3_bind_text(q, 1, ids[i], -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 3, partners_kind_code(todo[i].entry->kind), -1, SQLITE_STATIC);
			sqlite3_bind_text(q, 4, todo[i].entry->text, -1, SQLITE_STATIC);
			bind_note(q, 5, todo[i].note);
			int rc = sqlite3_step(q);
			sqlite3_reset(q);
			if (rc != SQLITE_DONE)
				st = store_fail(s, rc, _("storing the constituency"), e);
			else
				out->added++;
		}
		free(ids);
	}
	free(todo);
	existing_release(&x);
	return st;
}

enum toets_status partners_import_buffer(struct store *s, const char *reference, const char *name,
					 const char *buf, size_t len, unsigned flags, struct diag_list *dl,
					 struct partners_import *out, struct toets_error *e)
{
	memset(out, 0, sizeof(*out));
	/* An unknown dossier before a million lines are checked in vain. */
	char dossier_id[STORE_ID_LEN], at[TIMESTAMP_LEN];
	enum toets_status st = dossier_lookup(s, reference, dossier_id, e);
	if (st != TOETS_OK)
		return st;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)buf, len);
	sodium_bin2hex(out->sha256, sizeof(out->sha256), h, sizeof(h));
	struct constituency_list l;
	if (constituency_parse_buffer(buf, len, &l, dl) != TOETS_OK)
		return toets_fail(e, TOETS_ERR_INVALID,
				  ngettext("%s: %zu error; nothing was stored", "%s: %zu errors; nothing was stored",
					   dl->n_errors),
				  dl->file ? dl->file : name, dl->n_errors);
	out->entries = l.n;
	const char **notes = xcalloc(l.n ? l.n : 1, sizeof(*notes));
	diag_set_source(dl, buf, len);
	collect_notes(buf, len, &l, notes, l.arena, dl);
	diag_set_source(dl, NULL, 0);
	diag_sort(dl);

	const char *account = ident_account(e);
	st = account ? store_begin(s, e) : e->status;
	if (st != TOETS_OK) {
		free(notes);
		constituency_list_release(&l);
		return st;
	}
	timestamp_now(at);
	if ((st = dossier_lookup(s, reference, dossier_id, e)) == TOETS_OK)
		st = import_rows(s, dossier_id, &l, notes, flags, account, at, out, e);
	free(notes);
	constituency_list_release(&l);
	if (st != TOETS_OK) {
		store_rollback(s);
		struct partners_import zero = { 0 };
		memcpy(zero.sha256, out->sha256, sizeof(zero.sha256));
		*out = zero;
		return st;
	}
	struct audit_payload p = { STRBUF_INIT };
	const char *base = strrchr(name, '/');
	audit_payload_add(&p, "file", base ? base + 1 : name);
	audit_payload_add(&p, "sha256", out->sha256);
	audit_payload_add(&p, "mode", flags & PARTNERS_REPLACE ? "replace" : "add");
	audit_payload_addf(&p, "entries", "%zu", out->entries);
	audit_payload_addf(&p, "added", "%zu", out->added);
	audit_payload_addf(&p, "kept", "%zu", out->kept);
	audit_payload_addf(&p, "notes_changed", "%zu", out->notes_changed);
	audit_payload_addf(&p, "removed", "%zu", out->removed);
	return audit_commit(s, account, "constituency.import", dossier_id, &p, e);
}

/* Reads a whole regular file of at most CONSTITUENCY_MAX_FILE bytes. */
static enum toets_status read_file(const char *path, char **out, size_t *out_len, struct toets_error *e)
{
	/* O_NONBLOCK: a FIFO must not hang the open; it is refused below. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		int err = errno;
		return toets_fail(e, err == ENOENT || err == ENOTDIR || err == EACCES ? TOETS_ERR_NOT_FOUND
										       : TOETS_ERR_IO,
				  _("cannot open %s: %s"), path, strerror(err));
	}
	struct stat sb;
	const char *why = NULL;
	if (fstat(fd, &sb) != 0)
		why = strerror(errno);
	else if (S_ISDIR(sb.st_mode))
		why = _("is a directory");
	else if (!S_ISREG(sb.st_mode))
		why = _("is not a regular file");
	if (why) { /* a file that cannot be read, as a missing one */
		close(fd);
		return toets_fail(e, TOETS_ERR_NOT_FOUND, "%s: %s", path, why);
	}
	/* Read up to one byte past the limit: the file may grow meanwhile. */
	size_t cap = (unsigned long long)sb.st_size < CONSTITUENCY_MAX_FILE ? (size_t)sb.st_size + 1
									       : (size_t)CONSTITUENCY_MAX_FILE + 1;
	size_t len = 0;
	char *buf = xmalloc(cap);
	for (;;) {
		if (len == cap) {
			if (cap > CONSTITUENCY_MAX_FILE)
				break;
			cap = cap * 2 > (size_t)CONSTITUENCY_MAX_FILE + 1 ? (size_t)CONSTITUENCY_MAX_FILE + 1 : cap * 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t r = read(fd, buf + len, cap - len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int err = errno;
			close(fd);
			free(buf);
			return toets_fail(e, TOETS_ERR_IO, _("cannot read %s: %s"), path, strerror(err));
		}
		if (r == 0)
			break;
		len += (size_t)r;
	}
	close(fd);
	if (len > CONSTITUENCY_MAX_FILE) {
		free(buf);
		return toets_fail(e, TOETS_ERR_INVALID, _("%s: the file is larger than %u MiB"), path,
				  CONSTITUENCY_MAX_FILE / (1024 * 1024));
	}
	*out = buf;
	*out_len = len;
	return TOETS_OK;
}

enum toets_status partners_import_file(struct store *s, const char *reference, const char *path,
				       unsigned flags, struct diag_list *dl, struct partners_import *out,
				       struct toets_error *e)
{
	memset(out, 0, sizeof(*out));
	char *buf = NULL;
	size_t len = 0;
	enum toets_status st = read_file(path, &buf, &len, e);
	if (st != TOETS_OK)
		return st;
	st = partners_import_buffer(s, reference, path, buf, len, flags, dl, out, e);
	free(buf);
	return st;
}

/* ---- single entries ------------------------------------------------------------------ */

static enum toets_status parse_values(const char *const *values, size_t n, struct constituency_value *parsed,
				      struct toets_error *e)
{
	for (size_t i = 0; i < n; i++) {
		struct toets_error pe;
		if (strchr(values[i], '\n'))
			return toets_fail(e, TOETS_ERR_INVALID, _("'%s': one entry per value, on one line"),
					  values[i]);
		if (constituency_parse_line(values[i], strlen(values[i]), &parsed[i], &pe) != TOETS_OK)
			return toets_fail(e, TOETS_ERR_INVALID, "'%s': %s", values[i], pe.message);
		if (parsed[i].kind == CONSTITUENCY_NONE)
			return toets_fail(e, TOETS_ERR_INVALID,
					  _("'%s': give an AS number, an IP prefix or a domain name"), values[i]);
	}
	return TOETS_OK;
}

/* The id and note of an entry of the dossier, or TOETS_ERR_NOT_FOUND. */
static enum toets_status find_entry(struct store *s, const char *dossier_id, const struct constituency_value *v,
				    char id[STORE_ID_LEN], char **note, struct toets_error *e)
{
	static const char sql[] =
		"SELECT id, note FROM constituency WHERE dossier_id = ? AND kind = ? AND value = ?";
	sqlite3_stmt *st = store_prepare(s, sql, e);
	if (!st)
		return e->status;
	sqlite3_bind_text(st, 1, dossier_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, partners_kind_code(v->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, v->text, -1, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		snprintf(id, STORE_ID_LEN, "%s", store_text(st, 0));
		if (note)
			*note = store_strdup(st, 1);
	}
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return TOETS_OK;
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the constituency"), e);
	return TOETS_ERR_NOT_FOUND;
}

/* Every change but the last gets its audit row now; the last ends the
 * transaction with audit_commit. */
static enum toets_status audit_step(struct store *s, const char *account, const char *action,
				    const char *dossier_id, struct audit_payload *p, bool last,
				    struct toets_error *e)
{
	if (last)
		return audit_commit(s, account, action, dossier_id, p, e);
	enum toets_status st = audit_append(s, account, action, dossier_id, p, e);
	audit_payload_release(p);
	return st;
}

enum toets_status partners_add(struct store *s, const char *reference, const char *const *values, size_t n,
			       const char *note, struct constituency_value *parsed, bool *existed,
			       struct toets_error *e)
{
	static const char sql[] = "INSERT INTO constituency (id, dossier_id, kind, value, note, account, at) "
				  "VALUES (?, ?, ?, ?, ?, ?, ?)";
	enum toets_status st = parse_values(values, n, parsed, e);
	if (st != TOETS_OK)
		return st;
	const char *why;
	if (note && *note && (why = validate_line(note, PARTNERS_NOTE_MAX)))
		return toets_fail(e, TOETS_ERR_INVALID, _("note: %s"), why);
	const char *account = ident_account(e);
	if (!account)
		return e->status;
	if ((st = store_begin(s, e)) != TOETS_OK)
		return st;
	char dossier_id[STORE_ID_LEN], at[TIMESTAMP_LEN], id[STORE_ID_LEN];
	if ((st = dossier_lookup(s, reference, dossier_id, e)) != TOETS_OK)
		return store_abort(s, st);
	timestamp_now(at);
	size_t last = n;
	for (size_t i = 0; i < n; i++) {
		existed[i] = false;
		for (size_t j = 0; j < i; j++)
			if (strcmp(parsed[j].text, parsed[i].text) == 0)
				existed[i] = true; /* the same entry twice: added once */
		if (existed[i])
			continue;
		st = find_entry(s, dossier_id, &parsed[i], id, NULL, e);
		if (st == TOETS_OK)
			existed[i] = true;
		else if (st != TOETS_ERR_NOT_FOUND)
			return store_abort(s, st);
		else
			last = i;
	}
	if (last == n) { /* nothing new: no change */
		store_rollback(s);
		return TOETS_OK;
	}
	for (size_t i = 0; i <= last; i++) {
		if (existed[i])
			continue;
		sqlite3_stmt *q = store_prepare(s, sql, e);
		if (!q)
			return store_abort(s, e->status);
		store_new_id(id);
		sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 2, dossier_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 3, partners_kind_code(parsed[i].kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 4, parsed[i].text, -1, SQLITE_STATIC);
		bind_note(q, 5, note);
		sqlite3_bind_text(q, 6, account, -1, SQLITE_STATIC);
		sqlite3_bind_text(q, 7, at, -1, SQLITE_STATIC);
		if ((st = store_step_done(s, q, _("storing the constituency"), e)) != TOETS_OK)
			return store_abort(s, st);
		struct audit_payload p = { STRBUF_INIT };
		audit_payload_add(&p, "entry", id);
		audit_payload_add(&p, "kind", partners_kind_code(parsed[i].kind));
		audit_payload_add(&p, "value", parsed[i].text);
		audit_payload_add(&p, "note", note && *note ? note : NULL);
		if ((st = audit_step(s, account, "constituency.add", dossier_id, &p, i == last, e)) != TOETS_OK)
			return i == last ? st : store_abort(s, st);
	}
	return TOETS_OK;
}

enum toets_status partners_remove(struct store *s, const char *reference, const char *const *values,
				  size_t n, struct toets_error *e)
{
	static const char sql[] = "DELETE FROM constituency WHERE id = ?";
	if (!n)
		return toets_fail(e, TOETS_ERR_INVALID, _("nothing to remove"));
	struct constituency_value *parsed = xcalloc(n, sizeof(*parsed));
	enum toets_status st = parse_values(values, n, parsed, e);
	const char *account = st == TOETS_OK ? ident_account(e) : NULL;
	if (st == TOETS_OK && !account)
		st = e->status;
	if (st == TOETS_OK && (st = store_begin(s, e)) == TOETS_OK) {
		char dossier_id[STORE_ID_LEN], id[STORE_ID_LEN];
		if ((st = dossier_lookup(s, reference, dossier_id, e)) != TOETS_OK)
			store_rollback(s);
		/* The last value that is not a repeat of an earlier one. */
		size_t last = 0;
		for (size_t i = 0; i < n; i++) {
			bool repeat = false;
			for (size_t j = 0; j < i && !repeat; j++)
				repeat = strcmp(parsed[j].text, parsed[i].text) == 0;
			if (!repeat)
				last = i;
		}
		for (size_t i = 0; st == TOETS_OK && i < n; i++) {
			bool repeat = false;
			for (size_t j = 0; j < i && !repeat; j++)
				repeat = strcmp(parsed[j].text, parsed[i].text) == 0;
			if (repeat)
				continue;
			char *note = NULL;
			st = find_entry(s, dossier_id, &parsed[i], id, &note, e);
			if (st == TOETS_ERR_NOT_FOUND)
				st = toets_fail(e, st, _("%s is not in the constituency of %s; nothing was removed"),
						parsed[i].text, reference);
			sqlite3_stmt *q = st == TOETS_OK ? store_prepare(s, sql, e) : NULL;
			if (st == TOETS_OK && !q)
				st = e->status;
			if (st == TOETS_OK) {
				sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
				st = store_step_done(s, q, _("removing an entry"), e);
			}
			if (st == TOETS_OK) {
				struct audit_payload p = { STRBUF_INIT };
				audit_payload_add(&p, "entry", id);
				audit_payload_add(&p, "kind", partners_kind_code(parsed[i].kind));
				audit_payload_add(&p, "value", parsed[i].text);
				audit_payload_add(&p, "note", note);
				st = audit_step(s, account, "constituency.remove", dossier_id, &p, i == last, e);
				if (st != TOETS_OK && i != last)
					store_rollback(s);
			} else {
				store_rollback(s);
			}
			free(note);
		}
	}
	free(parsed);
	return st;
}

/* ---- reading ----------------------------------------------------------------------- */

struct sort_row {
	struct partners_row row;
	int rank; /* 0 AS numbers, 1 IPv4, 2 IPv6, 3 names, 4 what no longer parses */
	uint32_t asn;
	struct constituency_prefix prefix;
};

static int row_cmp(const void *a, const void *b)
{
	const struct sort_row *x = a, *y = b;
	if (x->row.reference != y->row.reference) {
		int c = strcmp(x->row.reference, y->row.reference);
		if (c)
			return c;
	}
	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->rank == 0 && x->asn != y->asn)
		return x->asn < y->asn ? -1 : 1;
	if (x->rank == 1 || x->rank == 2) {
		int c = memcmp(x->prefix.addr, y->prefix.addr, sizeof(x->prefix.addr));
		if (c)
			return c;
		if (x->prefix.len != y->prefix.len)
			return x->prefix.len < y->prefix.len ? -1 : 1;
	}
	return strcmp(x->row.value, y->row.value);
}

/* The same text as the row before shares its copy: many rows of one
 * import have one account and one moment. */
static const char *intern(struct arena *a, const char *prev, sqlite3_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st, col);
	if (!t)
		return NULL;
	if (prev && strcmp(prev, (const char *)t) == 0)
		return prev;
	return arena_strdup(a, (const char *)t);
}

enum toets_status partners_read(struct store *s, const char *reference, struct partners_rows *out,
				struct toets_error *e)
{
#define READ_COLUMNS                                                                                      \
	"SELECT c.id, c.dossier_id, d.reference, o.name, d.status, c.kind, c.value, c.note, c.account, c.at " \
	"FROM constituency c JOIN dossier d ON d.id = c.dossier_id "                                          \
	"JOIN organisation o ON o.id = d.organisation_id "
	static const char one_sql[] = READ_COLUMNS "WHERE c.dossier_id = ?";
	static const char all_sql[] = READ_COLUMNS;
#undef READ_COLUMNS
	memset(out, 0, sizeof(*out));
	out->arena = arena_new();
	char dossier_id[STORE_ID_LEN];
	enum toets_status status;
	if (reference && (status = dossier_lookup(s, reference, dossier_id, e)) != TOETS_OK)
		return status;
	sqlite3_stmt *st = store_prepare(s, reference ? one_sql : all_sql, e);
	if (!st)
		return e->status;
	if (reference)
		sqlite3_bind_text(st, 1, dossier_id, -1, SQLITE_TRANSIENT);
	struct sort_row *rows = NULL;
	size_t n = 0, cap = 0;
	struct partners_row prev = { 0 };
	struct constituency_value v;
	struct toets_error pe;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rows = xgrow(rows, &cap, n + 1, sizeof(*rows));
		struct sort_row *r = &rows[n++];
		memset(r, 0, sizeof(*r));
		struct partners_row *w = &r->row;
		w->id = arena_strdup(out->arena, store_text(st, 0));
		w->dossier_id = intern(out->arena, prev.dossier_id, st, 1);
		if (w->dossier_id == prev.dossier_id) {
			w->reference = prev.reference;
			w->organisation = prev.organisation;
			w->status = prev.status;
		} else {
			w->reference = arena_strdup(out->arena, store_text(st, 2));
			w->organisation = arena_strdup(out->arena, store_text(st, 3));
			w->status = arena_strdup(out->arena, store_text(st, 4));
		}
		w->kind = kind_parse(store_text(st, 5));
		w->value = arena_strdup(out->arena, store_text(st, 6));
		w->note = intern(out->arena, NULL, st, 7);
		w->account = intern(out->arena, prev.account, st, 8);
		w->at = intern(out->arena, prev.at, st, 9);
		prev = *w;
		r->rank = 4;
		if (constituency_parse_line(w->value, strlen(w->value), &v, &pe) == TOETS_OK && v.kind == w->kind) {
			r->rank = v.kind == CONSTITUENCY_ASN ? 0
				  : v.kind == CONSTITUENCY_DOMAIN ? 3
				  : v.prefix.family == 4 ? 1
							 : 2;
			r->asn = v.asn;
			r->prefix = v.prefix;
		}
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(rows);
		return store_fail(s, rc, _("reading the constituency"), e);
	}
	if (n)
		qsort(rows, n, sizeof(*rows), row_cmp);
	out->items = xmalloc((n ? n : 1) * sizeof(*out->items));
	for (size_t i = 0; i < n; i++)
		out->items[i] = rows[i].row;
	out->n = out->cap = n;
	free(rows);
	return TOETS_OK;
}

void partners_rows_release(struct partners_rows *r)
{
	free(r->items);
	arena_free(&r->arena);
	memset(r, 0, sizeof(*r));
}

/* ---- CSV and JSON -------------------------------------------------------------------- */

static void csv_cell(struct strbuf *out, const char *v, bool last)
{
	if (!v)
		v = "";
	bool formula = v[0] && strchr("=+-@\t\r", v[0]);
	bool quote = formula || strpbrk(v, ",\"\r\n");
	if (quote)
		strbuf_addc(out, '"');
	if (formula)
		strbuf_addc(out, '\'');
	for (const char *p = v; *p; p++) {
		if (*p == '"')
			strbuf_addc(out, '"');
		strbuf_addc(out, *p);
	}
	if (quote)
		strbuf_addc(out, '"');
	strbuf_adds(out, last ? "\r\n" : ",");
}

void partners_csv(const struct partners_rows *r, struct strbuf *out)
{
	strbuf_adds(out, "kenmerk,organisatie,status,soort,waarde,notitie,toegevoegd_door,toegevoegd_op\r\n");
	for (size_t i = 0; i < r->n; i++) {
		const struct partners_row *x = &r->items[i];
		const char *v[] = { x->reference, x->organisation,	     x->status,	 partners_kind_code(x->kind),
				    x->value,	  x->note,		     x->account, x->at };
		for (size_t c = 0; c < 8; c++)
			csv_cell(out, v[c], c == 7);
	}
}

/* A JSON string (RFC 8259), escaped as src/cli/json.c does. */
static void json_str(struct strbuf *out, const char *s)
{
	if (!s) {
		strbuf_adds(out, "null");
		return;
	}
	strbuf_addc(out, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': strbuf_adds(out, "\\\""); break;
		case '\\': strbuf_adds(out, "\\\\"); break;
		case '\n': strbuf_adds(out, "\\n"); break;
		case '\r': strbuf_adds(out, "\\r"); break;
		case '\t': strbuf_adds(out, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				strbuf_addf(out, "\\u%04x", *p);
			else
				strbuf_addc(out, (char)*p);
		}
	}
	strbuf_addc(out, '"');
}

static void json_kv(struct strbuf *out, const char *key, const char *value, bool comma)
{
	json_str(out, key);
	strbuf_addc(out, ':');
	json_str(out, value);
	if (comma)
		strbuf_addc(out, ',');
}

void partners_json(const struct partners_rows *r, const char *audit_head, struct strbuf *out)
{
	strbuf_adds(out, "{");
	json_kv(out, "audit_head", audit_head, true);
	strbuf_adds(out, "\"partners\":[");
	for (size_t i = 0; i < r->n; i++) {
		const struct partners_row *x = &r->items[i];
		bool first = i == 0 || strcmp(r->items[i - 1].dossier_id, x->dossier_id) != 0;
		if (first) {
			if (i)
				strbuf_adds(out, "]},");
			strbuf_addc(out, '{');
			json_kv(out, "reference", x->reference, true);
			json_kv(out, "organisation", x->organisation, true);
			json_kv(out, "status", x->status, true);
			strbuf_adds(out, "\"entries\":[");
		} else {
			strbuf_addc(out, ',');
		}
		strbuf_addc(out, '{');
		json_kv(out, "kind", partners_kind_code(x->kind), true);
		json_kv(out, "value", x->value, true);
		json_kv(out, "note", x->note, true);
		json_kv(out, "account", x->account, true);
		json_kv(out, "at", x->at, false);
		strbuf_addc(out, '}');
	}
	if (r->n)
		strbuf_adds(out, "]}");
	strbuf_adds(out, "]}\n");
}

/* ---- the index ------------------------------------------------------------------------ */

/* Reading rows into the index: the owners by dossier id (a dossier not
 * among them, not designated or new since, is left out). */
struct loader {
	struct partners_index *out;
	uint32_t *slot;
	size_t mask;
	char last_id[STORE_ID_LEN];
	uint32_t owner;
};

static enum toets_status load_owners(struct store *s, unsigned flags, struct partners_index *out,
				     struct loader *ld, struct toets_error *e)
{
#define OWNERS_SQL                                                                          \
	"SELECT d.id, d.reference, o.name, d.status FROM dossier d "                         \
	"JOIN organisation o ON o.id = d.organisation_id "                                   \
	"WHERE EXISTS (SELECT 1 FROM constituency c WHERE c.dossier_id = d.id) "
	static const char all_sql[] = OWNERS_SQL "ORDER BY d.reference";
	static const char designated_sql[] =
		OWNERS_SQL "AND d.status IN ('aangewezen', 'aangesloten') ORDER BY d.reference";
#undef OWNERS_SQL
	memset(out, 0, sizeof(*out));
	memset(ld, 0, sizeof(*ld));
	ld->out = out;
	ld->owner = CONSTITUENCY_NO_OWNER;
	out->arena = arena_new();
	out->ix = constituency_index_new();
	sqlite3_stmt *st = store_prepare(s, flags & PARTNERS_DESIGNATED ? designated_sql : all_sql, e);
	if (!st)
		return e->status;
	size_t cap = 0;
	struct strbuf name = STRBUF_INIT;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->owners = xgrow(out->owners, &cap, out->n_owners + 1, sizeof(*out->owners));
		struct partners_owner *o = &out->owners[out->n_owners++];
		o->dossier_id = arena_strdup(out->arena, store_text(st, 0));
		o->reference = arena_strdup(out->arena, store_text(st, 1));
		o->organisation = arena_strdup(out->arena, store_text(st, 2));
		o->status = arena_strdup(out->arena, store_text(st, 3));
		strbuf_reset(&name);
		strbuf_addf(&name, "%s (%s)", o->organisation, o->reference);
		constituency_index_owner(out->ix, o->dossier_id, strbuf_str(&name));
	}
	strbuf_release(&name);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_fail(s, rc, _("reading the dossiers"), e);
	size_t size = table_size(out->n_owners);
	ld->mask = size - 1;
	ld->slot = xmalloc(size * sizeof(*ld->slot));
	for (size_t i = 0; i < size; i++)
		ld->slot[i] = CONSTITUENCY_NO_OWNER;
	for (uint32_t o = 0; o < out->n_owners; o++) {
		size_t h = (size_t)hash_str(out->owners[o].dossier_id) & ld->mask;
		while (ld->slot[h] != CONSTITUENCY_NO_OWNER)
			h = (h + 1) & ld->mask;
		ld->slot[h] = o;
	}
	return TOETS_OK;
}

/* Adds the rows of st (dossier_id, kind, value) to the index. */
static int load_rows(struct loader *ld, sqlite3_stmt *st)
{
	struct partners_index *out = ld->out;
	struct constituency_value v;
	struct toets_error pe;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *id = store_text(st, 0);
		if (strcmp(id, ld->last_id) != 0) {
			snprintf(ld->last_id, sizeof(ld->last_id), "%s", id);
			ld->owner = CONSTITUENCY_NO_OWNER;
			for (size_t h = (size_t)hash_str(id) & ld->mask; ld->slot[h] != CONSTITUENCY_NO_OWNER;
			     h = (h + 1) & ld->mask)
				if (strcmp(out->owners[ld->slot[h]].dossier_id, id) == 0) {
					ld->owner = ld->slot[h];
					break;
				}
		}
		if (ld->owner == CONSTITUENCY_NO_OWNER)
			continue;
		const unsigned char *value = sqlite3_column_text(st, 2);
		int vlen = sqlite3_column_bytes(st, 2);
		if (!value || constituency_parse_line((const char *)value, (size_t)vlen, &v, &pe) != TOETS_OK ||
		    v.kind == CONSTITUENCY_NONE || v.kind != kind_parse(store_text(st, 1))) {
			out->n_unreadable++;
			continue;
		}
		struct constituency_entry entry = {
			.kind = v.kind, .asn = v.asn, .prefix = v.prefix, .text = v.text,
		};
		constituency_index_add(out->ix, ld->owner, &entry);
		out->n_entries++;
	}
	sqlite3_reset(st);
	return rc;
}

enum toets_status partners_index_load(struct store *s, unsigned flags, struct partners_index *out,
				      struct toets_error *e)
{
	static const char rows_sql[] = "SELECT dossier_id, kind, value FROM constituency";
	struct loader ld;
	enum toets_status st = load_owners(s, flags, out, &ld, e);
	sqlite3_stmt *q = st == TOETS_OK ? store_prepare(s, rows_sql, e) : NULL;
	if (st == TOETS_OK && !q)
		st = e->status;
	int rc = q ? load_rows(&ld, q) : SQLITE_DONE;
	free(ld.slot);
	if (st == TOETS_OK && rc != SQLITE_DONE)
		st = store_fail(s, rc, _("reading the constituency"), e);
	if (st == TOETS_OK)
		constituency_index_build(out->ix);
	return st;
}

static int text_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every stored value that could hold q: each prefix of it down to /0, each
 * name it is under, the AS number itself. */
static void candidates(const struct constituency_value *q, struct arena *a, char ***items, size_t *n,
		       size_t *cap)
{
	char text[CONSTITUENCY_TEXT_MAX];
	if (q->kind == CONSTITUENCY_PREFIX) {
		for (int len = q->prefix.len; len >= 0; len--) {
			struct constituency_prefix p = q->prefix;
			p.len = (uint8_t)len;
			for (unsigned i = 0; i < 16; i++) {
				unsigned keep = len >= (int)(8 * (i + 1)) ? 8 : len > (int)(8 * i) ? (unsigned)len - 8 * i : 0;
				p.addr[i] &= (uint8_t)(keep ? 0xFF << (8 - keep) : 0);
			}
			constituency_format_prefix(&p, text);
			*items = xgrow(*items, cap, *n + 1, sizeof(**items));
			(*items)[(*n)++] = arena_strdup(a, text);
		}
	} else if (q->kind == CONSTITUENCY_DOMAIN) {
		for (const char *p = q->text; p; p = strchr(p, '.') ? strchr(p, '.') + 1 : NULL) {
			*items = xgrow(*items, cap, *n + 1, sizeof(**items));
			(*items)[(*n)++] = arena_strdup(a, p);
		}
	} else if (q->kind == CONSTITUENCY_ASN) {
		*items = xgrow(*items, cap, *n + 1, sizeof(**items));
		(*items)[(*n)++] = arena_strdup(a, q->text);
	}
}

enum toets_status partners_index_load_for(struct store *s, unsigned flags, const struct constituency_value *q,
					  size_t n, struct partners_index *out, struct toets_error *e)
{
	static const char sql[] = "SELECT dossier_id, kind, value FROM constituency WHERE kind = ? AND value = ?";
	struct loader ld;
	enum toets_status st = load_owners(s, flags, out, &ld, e);
	char **items = NULL;
	size_t n_items = 0, cap = 0;
	struct arena *a = arena_new();
	for (size_t i = 0; st == TOETS_OK && i < n; i++)
		candidates(&q[i], a, &items, &n_items, &cap);
	if (n_items)
		qsort(items, n_items, sizeof(*items), text_cmp);
	int rc = SQLITE_DONE;
	for (size_t i = 0; st == TOETS_OK && rc == SQLITE_DONE && i < n_items; i++) {
		if (i && strcmp(items[i], items[i - 1]) == 0)
			continue;
		sqlite3_stmt *qs = store_prepare(s, sql, e);
		if (!qs) {
			st = e->status;
			break;
		}
		/* Only prefixes have a '/', only AS numbers start with "AS" and
		 * no dot: the kind follows from the text. */
		const char *kind = strchr(items[i], '/') ? "prefix" : strchr(items[i], '.') ? "domain" : "asn";
		sqlite3_bind_text(qs, 1, kind, -1, SQLITE_STATIC);
		sqlite3_bind_text(qs, 2, items[i], -1, SQLITE_STATIC);
		rc = load_rows(&ld, qs);
	}
	free(items);
	arena_free(&a);
	free(ld.slot);
	if (st == TOETS_OK && rc != SQLITE_DONE)
		st = store_fail(s, rc, _("reading the constituency"), e);
	if (st == TOETS_OK)
		constituency_index_build(out->ix);
	return st;
}

uint32_t partners_index_find(const struct partners_index *pi, const char *dossier_id)
{
	for (size_t o = 0; o < pi->n_owners; o++)
		if (strcmp(pi->owners[o].dossier_id, dossier_id) == 0)
			return (uint32_t)o;
	return CONSTITUENCY_NO_OWNER;
}

void partners_index_release(struct partners_index *pi)
{
	constituency_index_free(&pi->ix);
	free(pi->owners);
	arena_free(&pi->arena);
	memset(pi, 0, sizeof(*pi));
}
