/* yaml.c - strict reader over libyaml's event API. */
#include "toets/yaml.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "toets/i18n.h"
#include "toets/utf8.h"
#include "toets/xalloc.h"

/* A collection being read: its children, keys and values alternating for a
 * mapping. */
struct frame {
	struct ynode *node;
	struct ynode **kids;
	size_t n, cap;
};

struct reader {
	struct arena *arena;
	struct diag_list *diags;
	struct frame stack[YAML_MAX_DEPTH];
	unsigned depth;
	struct ynode *root;
	unsigned documents;
	size_t nodes;
	bool fatal;
};

static unsigned line_of(yaml_mark_t m)
{
	return (unsigned)m.line + 1;
}

static unsigned col_of(yaml_mark_t m)
{
	return (unsigned)m.column + 1;
}

static void quoted(struct strbuf *sb, const char *s)
{
	utf8_quote(sb, s, strlen(s), 40);
}

/* Anchor and tag names cannot hold spaces: shown bare, made harmless. */
static void bare(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s);
	utf8_sanitize(sb, s, len > 40 ? 40 : len);
	if (len > 40)
		strbuf_adds(sb, "...");
}

static struct ynode *node_new(struct reader *r, enum ynode_kind kind, yaml_mark_t at)
{
	struct ynode *n = arena_alloc(r->arena, sizeof(*n));
	n->kind = kind;
	n->line = line_of(at);
	n->col = col_of(at);
	return n;
}

static bool count_node(struct reader *r, yaml_mark_t at)
{
	if (++r->nodes > YAML_MAX_NODES) {
		diag_error(r->diags, line_of(at), col_of(at),
			   _("more than %u values: too large for a framework"), YAML_MAX_NODES);
		r->fatal = true;
		return false;
	}
	return true;
}

/* Anchors, tags: refused, but the node itself is still read. */
static void check_anchor_tag(struct reader *r, const yaml_char_t *anchor, const yaml_char_t *tag,
			     yaml_mark_t at)
{
	struct strbuf sb = STRBUF_INIT;
	if (anchor) {
		bare(&sb, (const char *)anchor);
		diag_error(r->diags, line_of(at), col_of(at),
			   _("anchor &%s is not allowed: write the value out in full"), strbuf_str(&sb));
		strbuf_reset(&sb);
	}
	if (tag) {
		/* libyaml resolves !!str to its long form; show what was written. */
		const char *t = (const char *)tag, *core = "tag:yaml.org,2002:";
		if (strncmp(t, core, strlen(core)) == 0) {
			strbuf_adds(&sb, "!!");
			t += strlen(core);
		}
		bare(&sb, t);
		diag_error(r->diags, line_of(at), col_of(at),
			   _("tag %s is not allowed: the format decides the type of each value"),
			   strbuf_str(&sb));
	}
	strbuf_release(&sb);
}

static void attach(struct reader *r, struct ynode *n)
{
	if (r->depth == 0) {
		r->root = n;
		return;
	}
	struct frame *f = &r->stack[r->depth - 1];
	f->kids = xgrow(f->kids, &f->cap, f->n + 1, sizeof(*f->kids));
	f->kids[f->n++] = n;
}

static void push(struct reader *r, struct ynode *n, yaml_mark_t at)
{
	if (r->depth == YAML_MAX_DEPTH) {
		diag_error(r->diags, line_of(at), col_of(at),
			   _("nesting deeper than %u levels"), YAML_MAX_DEPTH);
		r->fatal = true;
		return;
	}
	struct frame *f = &r->stack[r->depth++];
	memset(f, 0, sizeof(*f));
	f->node = n;
}

static int compare_keys(const void *a, const void *b)
{
	const struct ypair *pa = *(const struct ypair *const *)a;
	const struct ypair *pb = *(const struct ypair *const *)b;
	int c = strcmp(pa->key->u.scalar.text, pb->key->u.scalar.text);
	if (c)
		return c;
	/* Same key: the earlier one first, so later ones are the duplicates. */
	if (pa->key->line != pb->key->line)
		return pa->key->line < pb->key->line ? -1 : 1;
	return pa->key->col < pb->key->col ? -1 : (pa->key->col > pb->key->col);
}

/* Sorting finds duplicates in n log n: a mapping may hold 50,000 keys. */
static void check_duplicates(struct reader *r, struct ynode *map)
{
	size_t n = map->u.map.n, m = 0;
	if (n < 2)
		return;
	struct ypair **v = xmalloc(n * sizeof(*v));
	for (size_t i = 0; i < n; i++) {
		const struct ynode *key = map->u.map.pairs[i].key;
		if (key->kind == YNODE_SCALAR && !key->u.scalar.standin)
			v[m++] = &map->u.map.pairs[i];
	}
	qsort(v, m, sizeof(*v), compare_keys);
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 1; i < m && !diag_full(r->diags); i++) {
		const struct ynode *first = v[i - 1]->key, *dup = v[i]->key;
		if (strcmp(first->u.scalar.text, dup->u.scalar.text) != 0)
			continue;
		/* v[i-1] may itself be a duplicate: find the first of the run. */
		size_t j = i - 1;
		while (j > 0 && strcmp(v[j - 1]->key->u.scalar.text, dup->u.scalar.text) == 0)
			j--;
		first = v[j]->key;
		strbuf_reset(&sb);
		quoted(&sb, dup->u.scalar.text);
		diag_error(r->diags, dup->line, dup->col,
			   _("duplicate key %s (first given at line %u)"), strbuf_str(&sb), first->line);
		/* The later value is dropped from the tree: no follow-up errors. */
		v[i]->value->kind = YNODE_INVALID;
	}
	strbuf_release(&sb);
	free(v);
}

static void pop(struct reader *r)
{
	struct frame *f = &r->stack[--r->depth];
	struct ynode *n = f->node;
	if (n->kind == YNODE_SEQUENCE) {
		n->u.seq.n = f->n;
		n->u.seq.items = arena_array(r->arena, f->n, sizeof(*n->u.seq.items));
		if (f->n)
			memcpy(n->u.seq.items, f->kids, f->n * sizeof(*f->kids));
	} else {
		size_t pairs = f->n / 2;
		n->u.map.n = pairs;
		n->u.map.pairs = arena_array(r->arena, pairs, sizeof(*n->u.map.pairs));
		for (size_t i = 0; i < pairs; i++) {
			struct ynode *key = f->kids[2 * i];
			if (key->kind != YNODE_SCALAR && key->kind != YNODE_INVALID) {
				diag_error(r->diags, key->line, key->col,
					   _("a key must be a plain name, not %s"), ynode_kind_name(key));
				key->kind = YNODE_INVALID;
			}
			if (key->kind == YNODE_INVALID) {
				/* Keep a harmless stand-in so later passes see a scalar. */
				key->kind = YNODE_SCALAR;
				key->u.scalar.text = arena_strdup(r->arena, "");
				key->u.scalar.len = 0;
				key->u.scalar.plain = false;
				key->u.scalar.standin = true;
				f->kids[2 * i + 1]->kind = YNODE_INVALID;
			}
			n->u.map.pairs[i].key = key;
			n->u.map.pairs[i].value = f->kids[2 * i + 1];
		}
		check_duplicates(r, n);
	}
	free(f->kids);
	f->kids = NULL;
	attach(r, n);
}

/* The first control character in a value (C0 but tab and line feed, DEL,
 * C1), or 0. They come in through escapes such as "\e" or "\x9B" (libyaml
 * refuses them written raw), and would reach the terminal when shown. */
static uint32_t control_char(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (!n)
			return 0xFFFD; /* cannot happen: libyaml produces UTF-8 */
		if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp < 0xA0))
			return cp;
		i += n;
	}
	return 0;
}

static void on_scalar(struct reader *r, const yaml_event_t *ev)
{
	yaml_mark_t at = ev->start_mark;
	if (!count_node(r, at))
		return;
	check_anchor_tag(r, ev->data.scalar.anchor, ev->data.scalar.tag, at);
	struct ynode *n = node_new(r, YNODE_SCALAR, at);
	size_t len = ev->data.scalar.length;
	uint32_t cc;
	if (len > YAML_MAX_SCALAR) {
		diag_error(r->diags, n->line, n->col,
			   _("value is longer than %u KiB (%zu bytes)"), YAML_MAX_SCALAR / 1024, len);
		n->kind = YNODE_INVALID;
	} else if (memchr(ev->data.scalar.value, '\0', len)) {
		diag_error(r->diags, n->line, n->col, _("value holds a NUL character"));
		n->kind = YNODE_INVALID;
	} else if ((cc = control_char((const char *)ev->data.scalar.value, len))) {
		diag_error(r->diags, n->line, n->col,
			   _("value holds the control character U+%04X: only tabs and line breaks "
			     "are allowed"), (unsigned)cc);
		n->kind = YNODE_INVALID;
	} else {
		n->u.scalar.text = arena_strndup(r->arena, (const char *)ev->data.scalar.value, len);
		n->u.scalar.len = len;
		n->u.scalar.plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	}
	attach(r, n);
}

static void on_collection(struct reader *r, const yaml_event_t *ev, enum ynode_kind kind)
{
	yaml_mark_t at = ev->start_mark;
	if (!count_node(r, at))
		return;
	if (kind == YNODE_SEQUENCE)
		check_anchor_tag(r, ev->data.sequence_start.anchor, ev->data.sequence_start.tag, at);
	else
		check_anchor_tag(r, ev->data.mapping_start.anchor, ev->data.mapping_start.tag, at);
	push(r, node_new(r, kind, at), at);
}

static void on_alias(struct reader *r, const yaml_event_t *ev)
{
	yaml_mark_t at = ev->start_mark;
	if (!count_node(r, at))
		return;
	struct strbuf sb = STRBUF_INIT;
	bare(&sb, (const char *)ev->data.alias.anchor);
	diag_error(r->diags, line_of(at), col_of(at),
		   _("alias *%s is not allowed: write the value out in full"), strbuf_str(&sb));
	strbuf_release(&sb);
	attach(r, node_new(r, YNODE_INVALID, at));
}

static void on_document(struct reader *r, const yaml_event_t *ev)
{
	yaml_mark_t at = ev->start_mark;
	if (r->documents++ > 0) {
		diag_error(r->diags, line_of(at), col_of(at),
			   _("a second document: a file holds exactly one framework"));
		r->fatal = true;
		return;
	}
	if (ev->data.document_start.version_directive ||
	    ev->data.document_start.tag_directives.start != ev->data.document_start.tag_directives.end)
		diag_error(r->diags, line_of(at), col_of(at),
			   _("directives (%%YAML, %%TAG) are not allowed"));
}

/* Counts lines and characters up to `off` to place an error on a byte. */
static void position_of(const char *buf, size_t off, unsigned *line, unsigned *col)
{
	unsigned l = 1, c = 1;
	for (size_t i = 0; i < off;) {
		if (buf[i] == '\n') {
			l++, c = 1, i++;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(buf + i, off - i, &cp);
		i += n ? n : 1;
		c++;
	}
	*line = l;
	*col = c;
}

static void syntax_error(struct reader *r, const yaml_parser_t *p, const char *buf, size_t len)
{
	const char *problem = p->problem ? p->problem : _("unreadable input");
	if (p->error == YAML_MEMORY_ERROR) {
		diag_error(r->diags, 0, 0, _("out of memory while reading"));
	} else if (p->error == YAML_READER_ERROR) {
		/* The reader has no marks: it gives the byte offset. */
		unsigned line, col;
		position_of(buf, p->problem_offset < len ? p->problem_offset : len, &line, &col);
		if (p->problem_value >= 0)
			diag_error(r->diags, line, col, _("YAML syntax error: %s (U+%04X)"), problem,
				   (unsigned)p->problem_value);
		else
			diag_error(r->diags, line, col, _("YAML syntax error: %s"), problem);
	} else if (p->context) {
		/* Past the end (an unclosed bracket): the last line with text. */
		unsigned context_line = line_of(p->context_mark);
		if (r->diags->last_line && context_line > r->diags->last_line)
			context_line = r->diags->last_line;
		diag_error(r->diags, line_of(p->problem_mark), col_of(p->problem_mark),
			   _("YAML syntax error: %s (%s at line %u)"), problem, p->context, context_line);
	} else {
		diag_error(r->diags, line_of(p->problem_mark), col_of(p->problem_mark),
			   _("YAML syntax error: %s"), problem);
	}
	r->fatal = true;
}

/* The first line break that is not LF or CR LF (a lone CR, U+0085, U+2028,
 * U+2029): YAML counts it as a line break, diagnostics and editors do not,
 * so every position after it would be wrong. Returns its offset or len. */
static size_t odd_line_break(const char *buf, size_t len, uint32_t *what)
{
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c == '\r' && (i + 1 == len || buf[i + 1] != '\n')) {
			*what = '\r';
			return i;
		}
		if (c == 0xC2 && i + 1 < len && (unsigned char)buf[i + 1] == 0x85) {
			*what = 0x85;
			return i;
		}
		if (c == 0xE2 && i + 2 < len && (unsigned char)buf[i + 1] == 0x80 &&
		    ((unsigned char)buf[i + 2] == 0xA8 || (unsigned char)buf[i + 2] == 0xA9)) {
			*what = (unsigned char)buf[i + 2] == 0xA8 ? 0x2028 : 0x2029;
			return i;
		}
	}
	return len;
}

bool yaml_parse(const char *buf, size_t len, struct arena *arena,
		struct diag_list *diags, struct yaml_doc *doc)
{
	memset(doc, 0, sizeof(*doc));
	if (len > YAML_MAX_FILE) {
		diag_error(diags, 0, 0, _("file is larger than %u MiB (%zu bytes)"),
			   YAML_MAX_FILE / (1024 * 1024), len);
		return false;
	}
	/* libyaml would count a BOM as a column; the bytes stay in the hash. */
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		buf += 3, len -= 3;
	diag_set_source(diags, buf, len);

	size_t bad = utf8_invalid_offset(buf, len);
	if (bad < len) {
		unsigned line, col;
		position_of(buf, bad, &line, &col);
		diag_error(diags, line, col, _("invalid UTF-8: byte 0x%02X cannot appear here"),
			   (unsigned char)buf[bad]);
		return false;
	}
	uint32_t what;
	bad = odd_line_break(buf, len, &what);
	if (bad < len) {
		unsigned line, col;
		position_of(buf, bad, &line, &col);
		if (what == '\r')
			diag_error(diags, line, col, _("a carriage return (CR) without a line feed: "
						       "use a normal line break"));
		else
			diag_error(diags, line, col, _("line break U+%04X is not allowed: "
						       "use a normal line break"), (unsigned)what);
		return false;
	}

	struct reader r = { .arena = arena, .diags = diags };
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		diag_error(diags, 0, 0, _("out of memory while reading"));
		return false;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);

	bool done = false;
	while (!done && !r.fatal && !diag_full(diags)) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			syntax_error(&r, &parser, buf, len);
			break;
		}
		doc->events++;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			on_document(&r, &ev);
			break;
		case YAML_SCALAR_EVENT:
			on_scalar(&r, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			on_collection(&r, &ev, YNODE_SEQUENCE);
			break;
		case YAML_MAPPING_START_EVENT:
			on_collection(&r, &ev, YNODE_MAPPING);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			pop(&r);
			break;
		case YAML_ALIAS_EVENT:
			on_alias(&r, &ev);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	for (unsigned i = 0; i < r.depth; i++)
		free(r.stack[i].kids);

	doc->nodes = r.nodes;
	if (!done)
		return false; /* stopped early: the tree is incomplete */
	/* An empty document ("---" alone) is an empty value: no framework. */
	if (!r.root || (r.root->kind == YNODE_SCALAR && r.root->u.scalar.len == 0 &&
			r.root->u.scalar.plain)) {
		diag_error(diags, 0, 0, _("the file is empty: it holds no framework"));
		return false;
	}
	doc->root = r.root;
	return true;
}

const char *ynode_kind_name(const struct ynode *n)
{
	switch (n->kind) {
	case YNODE_SCALAR:
		return n->u.scalar.len ? _("a text value") : _("an empty value");
	case YNODE_SEQUENCE:
		return _("a list");
	case YNODE_MAPPING:
		return _("a mapping");
	default:
		return _("an invalid value");
	}
}

const struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	if (!map || map->kind != YNODE_MAPPING)
		return NULL;
	for (size_t i = 0; i < map->u.map.n; i++)
		if (strcmp(map->u.map.pairs[i].key->u.scalar.text, key) == 0)
			return map->u.map.pairs[i].value;
	return NULL;
}
