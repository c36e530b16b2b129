/* yaml.h - the strict YAML reader: libyaml's event API turned into a small
 * tree with positions, refusing what a framework file never needs (anchors,
 * aliases, tags, directives, several documents, duplicate keys, control
 * characters in values, line breaks other than LF and CR LF) and anything
 * beyond the limits, early and with a clear message. */
#ifndef TOETS_YAML_H
#define TOETS_YAML_H

#include <stdbool.h>
#include <stddef.h>

#include "toets/arena.h"
#include "toets/diag.h"

#define YAML_MAX_FILE   (1024u * 1024u)
#define YAML_MAX_SCALAR (64u * 1024u)
#define YAML_MAX_NODES  100000u
#define YAML_MAX_DEPTH  64u

enum ynode_kind {
	YNODE_SCALAR,
	YNODE_SEQUENCE,
	YNODE_MAPPING,
	YNODE_INVALID, /* stands in for a refused node, so no follow-up errors */
};

struct ynode;

struct ypair {
	struct ynode *key;
	struct ynode *value;
};

struct ynode {
	enum ynode_kind kind;
	unsigned line, col; /* 1-based */
	union {
		struct {
			char *text; /* NUL-terminated, may hold no NUL itself */
			size_t len;
			bool plain; /* not quoted, not a block scalar */
			bool standin; /* stands in for a refused key: a duplicate of none */
		} scalar;
		struct {
			struct ynode **items;
			size_t n;
		} seq;
		struct {
			struct ypair *pairs;
			size_t n;
		} map;
	} u;
};

struct yaml_doc {
	struct ynode *root; /* NULL when nothing usable was read */
	size_t events;      /* parser events consumed: shows how early input was refused */
	size_t nodes;
};

/* Parses buf (UTF-8, an optional BOM) into doc, allocating in `arena`.
 * Every problem is added to diags. diags keep quoting source lines from buf
 * (after its BOM) for later checks; the caller clears that with
 * diag_set_source(diags, NULL, 0) before buf goes away.
 * Returns false when the tree is unusable (syntax error, a limit reached);
 * true otherwise, even when diags holds errors about refused nodes. */
bool yaml_parse(const char *buf, size_t len, struct arena *arena,
		struct diag_list *diags, struct yaml_doc *doc);

/* What kind of node this is, for messages: "a mapping", "a list", "a text". */
const char *ynode_kind_name(const struct ynode *n);

/* The value of key in a mapping, or NULL. */
const struct ynode *ynode_get(const struct ynode *map, const char *key);

#endif
