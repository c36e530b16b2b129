/* constituency.h - a partner's constituency: the AS numbers, IP prefixes and
 * domain names it serves. This module owns their parsing and normalisation
 * (one entry per line of a text file), an index over the constituencies of
 * many owners (dossiers or organisations) that answers "whose is this
 * address, prefix, name or AS number?", and the overlaps between owners.
 * It is pure: no storage, no printing.
 *
 * The file format, one entry per line:
 *   - '#' starts a comment to the end of the line; blank lines are ignored;
 *     spaces and tabs around an entry are ignored; CRLF line ends and a
 *     UTF-8 byte-order mark are accepted.
 *   - AS number: "AS64500", "as64500" or "64500" (asplain), 1 to 4294967295;
 *     normalised to "AS64500". AS0 is an error (RFC 7607); leading zeros and
 *     asdot ("AS1.10") are errors that show the asplain form. Private,
 *     documentation and reserved numbers are accepted with a warning.
 *   - IP prefix: "192.0.2.0/24", "2001:db8::/32"; a bare address is a host
 *     prefix (/32, /128). Normalised to "a.b.c.d/len" and to the RFC 5952
 *     form of IPv6 (lower case, no leading zeros, the longest run of two or
 *     more zero groups as "::"), always with the length. Leading zeros in
 *     IPv4 octets are refused (octal or decimal?), as are host bits after
 *     the length (the message names the network meant) and IPv4-mapped IPv6
 *     (the message names the IPv4 prefix). Special-purpose blocks (RFC 6890:
 *     private use, documentation, loopback, ...) are accepted with a warning.
 *   - Domain name: LDH labels of 1 to 63 characters, not starting or ending
 *     with a hyphen, at least two labels, at most 253 characters; a trailing
 *     dot is dropped, letters are lowered. Internationalised names must be in
 *     A-label form (xn--, checked to be valid Punycode); other non-ASCII text
 *     is refused with a message saying so. A name covers every name under
 *     it, so a leading "*." adds nothing: it is dropped, with a warning.
 *     Special-use names (RFC 6761: .test, .example, ...) give a warning.
 * A list with any error yields no entries; warnings do not block. A line
 * repeated (after normalisation) is kept once, with a warning.
 *
 * The index keeps, per kind, sorted arrays (rather than a radix trie: flat
 * arrays built by one sort, and the same order serves the overlaps):
 *   - prefixes, per family: the distinct prefixes sorted by (start, length),
 *     each with its parent (the nearest prefix holding it) and its claims
 *     (owner, entry). Prefixes nest or are disjoint, so the longest prefix
 *     holding a query is the last prefix that sorts at or before it, or one
 *     of that prefix's ancestors: a binary search (within the bucket of the
 *     query's top bits, up to 2^20 buckets), then a walk up of at most 32 or
 *     128 steps, in practice one or two.
 *   - domains: sorted on keys with the labels reversed ("nl\1example"), so
 *     that a name is followed by the names under it and parents come from
 *     one pass; a lookup tries the query's suffixes at label boundaries,
 *     longest first, in a hash table of the names.
 *   - AS numbers: the claims sorted by number.
 * Building sorts (O(n log n)); a lookup is O(log n) (prefixes) or O(labels)
 * (names) and allocates nothing once the result buffer has grown; the
 * overlaps are one pass over the sorted nodes, each walking up its parents.
 * Measured (tests/bench/bench_constituency.c, one core of a small VM): a
 * million prefixes parsed and indexed in about 1 s; 2-3 million address
 * lookups a second.
 */
#ifndef TOETS_CONSTITUENCY_H
#define TOETS_CONSTITUENCY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "toets/diag.h"
#include "toets/status.h"

/* The largest file constituency_load_file reads. */
#define CONSTITUENCY_MAX_FILE (64u * 1024 * 1024)
/* Room for the longest normalised text (a 253-character name) and its NUL. */
#define CONSTITUENCY_TEXT_MAX 256

enum constituency_kind {
	CONSTITUENCY_NONE = 0, /* a blank or comment line */
	CONSTITUENCY_ASN,
	CONSTITUENCY_PREFIX,
	CONSTITUENCY_DOMAIN,
};

struct constituency_prefix {
	uint8_t family;   /* 4 or 6 */
	uint8_t len;      /* 0..32 or 0..128 */
	uint8_t addr[16]; /* network byte order, IPv4 in addr[0..3]; host bits 0 */
};

/* One parsed line or query, self-contained. */
struct constituency_value {
	enum constituency_kind kind;
	uint32_t asn;                      /* CONSTITUENCY_ASN */
	struct constituency_prefix prefix; /* CONSTITUENCY_PREFIX */
	char text[CONSTITUENCY_TEXT_MAX];  /* normalised: "AS64500", "192.0.2.0/24", "example.nl" */
	char warning[512];                 /* translated warning, or "" */
	unsigned col; /* 1-based column (characters) of the entry, or of the error */
};

/* One entry of an imported list. */
struct constituency_entry {
	enum constituency_kind kind;
	unsigned line; /* in the file; 0 when not from a file */
	uint32_t asn;
	struct constituency_prefix prefix;
	const char *text; /* normalised; owned by the list (or the caller) */
};

struct constituency_list {
	struct constituency_entry *items; /* in file order */
	size_t n, cap;
	struct arena *arena; /* the texts */
};

/* ---- parsing ---------------------------------------------------------------- */

/* Parses one line (without its '\n'; a trailing '\r' is ignored). A blank or
 * comment line gives kind CONSTITUENCY_NONE. On an error, returns
 * TOETS_ERR_INVALID with the message in e and its column in out->col; a
 * warning (the entry is still good) is left in out->warning. */
enum toets_status constituency_parse_line(const char *line, size_t len, struct constituency_value *out,
					  struct toets_error *e);

/* Parses what a user asks about: an IP address or prefix, a domain name, or
 * an AS number ("AS64500", "64500"). As a line, but no comments; a leading
 * "*." is dropped silently and an IPv4-mapped IPv6 address is asked as its
 * IPv4 address. */
enum toets_status constituency_parse_query(const char *s, size_t len, struct constituency_value *out,
					   struct toets_error *e);

/* Parses a whole file's text into out (initialised here). Every error and
 * warning goes to dl as FILE:LINE:COL (diag_init names the file), in line
 * order; checking stops at DIAG_MAX_ERRORS errors. With any error, out is
 * left empty and TOETS_ERR_INVALID is returned. */
enum toets_status constituency_parse_buffer(const char *buf, size_t len, struct constituency_list *out,
					    struct diag_list *dl);
/* Reads the file (a regular file of at most CONSTITUENCY_MAX_FILE bytes)
 * and parses it as above. */
enum toets_status constituency_load_file(const char *path, struct constituency_list *out,
					 struct diag_list *dl);
void constituency_list_release(struct constituency_list *l);

/* Writes the normalised text of p ("192.0.2.0/24", "2001:db8::/32"). */
void constituency_format_prefix(const struct constituency_prefix *p, char out[CONSTITUENCY_TEXT_MAX]);

/* ---- the index -------------------------------------------------------------- */

struct constituency_index;

#define CONSTITUENCY_NO_OWNER UINT32_MAX

struct constituency_index *constituency_index_new(void);
void constituency_index_free(struct constituency_index **ix);

/* Registers an owner (an opaque id, such as a dossier or organisation id,
 * and the name to show) and returns its number; the same id again returns
 * the same number (and keeps the first name). Both strings are copied. */
uint32_t constituency_index_owner(struct constituency_index *ix, const char *id, const char *name);
const char *constituency_index_owner_id(const struct constituency_index *ix, uint32_t owner);
const char *constituency_index_owner_name(const struct constituency_index *ix, uint32_t owner);
size_t constituency_index_n_owners(const struct constituency_index *ix);

/* Adds a claim of owner on an entry (its text is copied; kind NONE is
 * ignored). An owner claiming the same entry twice counts once. Adding
 * after constituency_index_build needs another build before queries. */
void constituency_index_add(struct constituency_index *ix, uint32_t owner, const struct constituency_entry *e);
void constituency_index_add_list(struct constituency_index *ix, uint32_t owner,
				 const struct constituency_list *l);
/* Sorts what was added; lookups and overlaps need it. */
void constituency_index_build(struct constituency_index *ix);

struct constituency_match {
	uint32_t owner;
	const char *owner_id, *owner_name;
	const char *text; /* the claimed entry that holds the query, normalised */
	unsigned line;    /* of that entry, as added */
	/* 0 for the most specific match; 1, 2, ... for ever less specific ones
	 * (with CONSTITUENCY_LESS_SPECIFIC). */
	unsigned depth;
};

struct constituency_matches {
	struct constituency_match *items;
	size_t n, cap;
};

/* Also report the claims that hold the query less specifically (the
 * enclosing prefixes, the parent domains), after the most specific ones. */
#define CONSTITUENCY_LESS_SPECIFIC 1u

/* Who claims q (from constituency_parse_query): for an address or prefix,
 * every owner of the longest claimed prefix holding it; for a domain, every
 * owner of the longest claimed suffix on label boundaries (sub.example.nl
 * is under example.nl, not under ample.nl); for an AS number, every owner
 * of it. Matches of one depth are in owner order. Replaces out's contents
 * (its buffer is reused: keep one for many lookups) and returns out->n. */
size_t constituency_index_lookup(const struct constituency_index *ix, const struct constituency_value *q,
				 unsigned flags, struct constituency_matches *out);
void constituency_matches_release(struct constituency_matches *m);

enum constituency_overlap_kind {
	CONSTITUENCY_OVERLAP_SAME,   /* both owners claim the same entry */
	CONSTITUENCY_OVERLAP_INSIDE, /* a lies inside b: a longer prefix, a name under b's */
};

struct constituency_overlap {
	enum constituency_overlap_kind kind;
	enum constituency_kind what;
	uint32_t owner_a, owner_b; /* never the same */
	const char *text_a, *text_b;
	unsigned line_a, line_b;
};

struct constituency_overlaps {
	struct constituency_overlap *items;
	size_t n, cap;
};

/* The claims of different owners that overlap: the same AS number, prefix or
 * name (once per pair of owners), and a prefix or name inside another
 * owner's. An entry inside several claims of one other owner is reported
 * once, against the nearest; one that the other owner also claims exactly
 * is reported as SAME only. With only_owner other than
 * CONSTITUENCY_NO_OWNER, only the overlaps that involve that owner (as a
 * or as b). Order: AS numbers, IPv4, IPv6, domains, each in sorted order.
 * Replaces out's contents; returns out->n. Time O(n * depth + overlaps). */
size_t constituency_index_overlaps(const struct constituency_index *ix, uint32_t only_owner,
				   struct constituency_overlaps *out);
void constituency_overlaps_release(struct constituency_overlaps *o);

#endif
