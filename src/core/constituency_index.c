/* constituency_index.c - the constituencies of many owners, sorted for
 * longest-match lookups and for finding overlaps between owners (the shape
 * is described in constituency.h). */
#include "toets/constituency.h"

#include <stdlib.h>
#include <string.h>

#include "toets/arena.h"
#include "toets/xalloc.h"

#define NONE UINT32_MAX

struct u128 {
	uint64_t hi, lo;
};

struct owner {
	const char *id, *name;
};

/* One added claim; its typed value stays here until built into the arrays. */
struct item {
	const char *text;
	unsigned line;
	uint32_t owner;
	enum constituency_kind kind;
	uint32_t asn;
	struct constituency_prefix prefix;
};

struct claim {
	uint32_t owner, item;
};

/* A node of a tree of nested values (prefixes or names): its parent (the
 * nearest value holding it) and its claims, in owner order. */
struct links {
	uint32_t parent, first, n;
};

struct tree {
	struct links *links;
	size_t n;
	struct claim *claims;
	size_t n_claims;
	/* Prefixes: bucket[b] is the first node whose start has b as its top
	 * `bits` bits, so that a search starts within one bucket. */
	uint32_t *bucket;
	unsigned bits;
	/* Names: a hash table on the name, each slot the hash's top 32 bits
	 * and node + 1 (0: free), so that a miss reads no name. */
	uint64_t *slots;
	size_t n_bucket;
};

struct pkey {
	struct u128 start, end;
	uint8_t len;
};

struct dkey {
	const char *key; /* labels reversed, separated by '\1' */
	size_t len;
	const char *name; /* as written */
};

struct asn_claim {
	uint32_t asn, owner, item;
};

struct constituency_index {
	struct arena *arena; /* owner strings, texts, domain keys */
	struct owner *owners;
	size_t n_owners, cap_owners;
	uint32_t *owner_slots; /* open addressing on the id; NONE when free */
	size_t n_slots;
	struct item *items;
	size_t n_items, cap_items;
	bool built;
	struct pkey *pkeys[2]; /* IPv4, IPv6 */
	struct tree ptree[2];
	struct dkey *dkeys;
	struct tree dtree;
	struct asn_claim *asns;
	size_t n_asns;
};

/* ---- owners -------------------------------------------------------------- */

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void rehash_owners(struct constituency_index *ix)
{
	size_t n = ix->n_slots ? ix->n_slots * 2 : 64;
	free(ix->owner_slots);
	ix->owner_slots = xmalloc(n * sizeof(*ix->owner_slots));
	for (size_t i = 0; i < n; i++)
		ix->owner_slots[i] = NONE;
	ix->n_slots = n;
	for (uint32_t o = 0; o < ix->n_owners; o++) {
		size_t s = hash_str(ix->owners[o].id) & (n - 1);
		while (ix->owner_slots[s] != NONE)
			s = (s + 1) & (n - 1);
		ix->owner_slots[s] = o;
	}
}

struct constituency_index *constituency_index_new(void)
{
	struct constituency_index *ix = xcalloc(1, sizeof(*ix));
	ix->arena = arena_new();
	rehash_owners(ix);
	return ix;
}

static void free_built(struct constituency_index *ix)
{
	for (int f = 0; f < 2; f++) {
		xfree(&ix->pkeys[f]);
		free(ix->ptree[f].links);
		free(ix->ptree[f].claims);
		free(ix->ptree[f].bucket);
		memset(&ix->ptree[f], 0, sizeof(ix->ptree[f]));
	}
	xfree(&ix->dkeys);
	free(ix->dtree.links);
	free(ix->dtree.claims);
	free(ix->dtree.slots);
	memset(&ix->dtree, 0, sizeof(ix->dtree));
	xfree(&ix->asns);
	ix->n_asns = 0;
	ix->built = false;
}

void constituency_index_free(struct constituency_index **ixp)
{
	struct constituency_index *ix = *ixp;
	if (!ix)
		return;
	free_built(ix);
	free(ix->owners);
	free(ix->owner_slots);
	free(ix->items);
	arena_free(&ix->arena);
	free(ix);
	*ixp = NULL;
}

uint32_t constituency_index_owner(struct constituency_index *ix, const char *id, const char *name)
{
	size_t s = hash_str(id) & (ix->n_slots - 1);
	for (; ix->owner_slots[s] != NONE; s = (s + 1) & (ix->n_slots - 1))
		if (strcmp(ix->owners[ix->owner_slots[s]].id, id) == 0)
			return ix->owner_slots[s];
	if (ix->n_owners >= NONE - 1)
		xalloc_oom(SIZE_MAX);
	ix->owners = xgrow(ix->owners, &ix->cap_owners, ix->n_owners + 1, sizeof(*ix->owners));
	uint32_t o = (uint32_t)ix->n_owners++;
	ix->owners[o].id = arena_strdup(ix->arena, id);
	ix->owners[o].name = arena_strdup(ix->arena, name ? name : id);
	if (ix->n_owners * 2 > ix->n_slots) {
		rehash_owners(ix);
	} else {
		ix->owner_slots[s] = o;
	}
	return o;
}

const char *constituency_index_owner_id(const struct constituency_index *ix, uint32_t owner)
{
	return owner < ix->n_owners ? ix->owners[owner].id : NULL;
}

const char *constituency_index_owner_name(const struct constituency_index *ix, uint32_t owner)
{
	return owner < ix->n_owners ? ix->owners[owner].name : NULL;
}

size_t constituency_index_n_owners(const struct constituency_index *ix)
{
	return ix->n_owners;
}

/* ---- adding -------------------------------------------------------------- */

void constituency_index_add(struct constituency_index *ix, uint32_t owner, const struct constituency_entry *e)
{
	if (e->kind == CONSTITUENCY_NONE || owner >= ix->n_owners)
		return;
	struct constituency_prefix prefix = e->prefix;
	if (e->kind == CONSTITUENCY_PREFIX) {
		/* Not from the parser, perhaps: the search needs sane prefixes. */
		unsigned bits = prefix.family == 4 ? 32 : prefix.family == 6 ? 128 : 0;
		if (!bits || prefix.len > bits)
			return;
		for (unsigned i = 0; i < 16; i++) {
			unsigned keep = prefix.len >= 8 * (i + 1) ? 8 : prefix.len > 8 * i ? prefix.len - 8 * i : 0;
			prefix.addr[i] &= (uint8_t)(keep ? 0xFF << (8 - keep) : 0);
		}
	}
	if (ix->n_items >= NONE - 1)
		xalloc_oom(SIZE_MAX);
	ix->items = xgrow(ix->items, &ix->cap_items, ix->n_items + 1, sizeof(*ix->items));
	ix->items[ix->n_items++] = (struct item){
		.text = arena_strdup(ix->arena, e->text ? e->text : ""),
		.line = e->line,
		.owner = owner,
		.kind = e->kind,
		.asn = e->asn,
		.prefix = prefix,
	};
	ix->built = false;
}

void constituency_index_add_list(struct constituency_index *ix, uint32_t owner,
				 const struct constituency_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		constituency_index_add(ix, owner, &l->items[i]);
}

/* ---- 128-bit keys ------------------------------------------------------------ */

static int u128_cmp(struct u128 a, struct u128 b)
{
	if (a.hi != b.hi)
		return a.hi < b.hi ? -1 : 1;
	if (a.lo != b.lo)
		return a.lo < b.lo ? -1 : 1;
	return 0;
}

static uint64_t be64(const uint8_t *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = v << 8 | p[i];
	return v;
}

/* The first and last address of p, as numbers (IPv4 in the low 32 bits). */
static void prefix_range(const struct constituency_prefix *p, struct u128 *start, struct u128 *end)
{
	if (p->family == 4) {
		uint64_t a = (uint64_t)p->addr[0] << 24 | (uint64_t)p->addr[1] << 16 |
			     (uint64_t)p->addr[2] << 8 | p->addr[3];
		uint64_t host = p->len >= 32 ? 0 : 0xFFFFFFFFu >> p->len;
		*start = (struct u128){ 0, a };
		*end = (struct u128){ 0, a | host };
		return;
	}
	*start = (struct u128){ be64(p->addr), be64(p->addr + 8) };
	*end = *start;
	if (p->len < 64) {
		end->hi |= UINT64_MAX >> p->len;
		end->lo = UINT64_MAX;
	} else if (p->len < 128) {
		end->lo |= UINT64_MAX >> (p->len - 64);
	}
}

/* The first `bits` bits of an address (IPv4 or IPv6). */
static size_t top_bits(struct u128 a, int fam, unsigned bits)
{
	return fam == 0 ? (size_t)(a.lo >> (32 - bits)) : (size_t)(a.hi >> (64 - bits));
}

/* ---- building -------------------------------------------------------------------- */

struct psort {
	struct u128 start;
	uint8_t len;
	uint32_t owner, item;
};

static int psort_cmp(const void *a, const void *b)
{
	const struct psort *x = a, *y = b;
	int c = u128_cmp(x->start, y->start);
	if (c)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

/* Pushes node i on the stack of open ancestors and returns its parent;
 * `holds(a, b)` says whether node a holds node b. */
#define FIND_PARENT(stack, depth, cap, i, holds)                                   \
	do {                                                                       \
		while ((depth) > 0 && !(holds((stack)[(depth) - 1], (i))))         \
			(depth)--;                                                 \
		parent = (depth) > 0 ? (stack)[(depth) - 1] : NONE;                \
		(stack) = xgrow((stack), &(cap), (depth) + 1, sizeof(*(stack)));   \
		(stack)[(depth)++] = (i);                                          \
	} while (0)

static void build_prefixes(struct constituency_index *ix, int fam)
{
	uint8_t family = fam == 0 ? 4 : 6;
	size_t n = 0;
	for (size_t i = 0; i < ix->n_items; i++)
		n += ix->items[i].kind == CONSTITUENCY_PREFIX && ix->items[i].prefix.family == family;
	struct psort *v = xmalloc((n ? n : 1) * sizeof(*v));
	n = 0;
	for (size_t i = 0; i < ix->n_items; i++) {
		const struct item *it = &ix->items[i];
		if (it->kind != CONSTITUENCY_PREFIX || it->prefix.family != family)
			continue;
		struct u128 end;
		prefix_range(&it->prefix, &v[n].start, &end);
		v[n].len = it->prefix.len;
		v[n].owner = it->owner;
		v[n].item = (uint32_t)i;
		n++;
	}
	qsort(v, n, sizeof(*v), psort_cmp);
	struct tree *t = &ix->ptree[fam];
	struct pkey *keys = xmalloc((n ? n : 1) * sizeof(*keys));
	t->links = xmalloc((n ? n : 1) * sizeof(*t->links));
	t->claims = xmalloc((n ? n : 1) * sizeof(*t->claims));
	uint32_t *stack = NULL;
	size_t depth = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		bool same = t->n > 0 && keys[t->n - 1].len == v[i].len && u128_cmp(keys[t->n - 1].start, v[i].start) == 0;
		if (!same) {
			uint32_t node = (uint32_t)t->n++;
			keys[node].start = v[i].start;
			keys[node].len = v[i].len;
			prefix_range(&ix->items[v[i].item].prefix, &keys[node].start, &keys[node].end);
			uint32_t parent;
#define PHOLDS(a, b) (u128_cmp(keys[a].end, keys[b].end) >= 0)
			FIND_PARENT(stack, depth, cap, node, PHOLDS);
#undef PHOLDS
			t->links[node] = (struct links){ parent, (uint32_t)t->n_claims, 0 };
		} else if (t->claims[t->n_claims - 1].owner == v[i].owner) {
			continue; /* one owner, the same prefix again */
		}
		t->claims[t->n_claims++] = (struct claim){ v[i].owner, v[i].item };
		t->links[t->n - 1].n++;
	}
	free(stack);
	free(v);
	ix->pkeys[fam] = keys;
	/* About one node a bucket, at most 2^20 buckets (4 MiB). */
	t->bits = 4;
	while (t->bits < 20 && ((size_t)1 << t->bits) < t->n)
		t->bits++;
	t->n_bucket = ((size_t)1 << t->bits) + 1;
	t->bucket = xmalloc(t->n_bucket * sizeof(*t->bucket));
	size_t node = 0;
	for (size_t b = 0; b < t->n_bucket; b++) {
		while (node < t->n && top_bits(keys[node].start, fam, t->bits) < b)
			node++;
		t->bucket[b] = (uint32_t)node;
	}
}

/* The key of a name: its labels in reverse order, separated by '\1' (below
 * every character of a name), so that a name sorts just before the names
 * under it. Returns its length. */
static size_t domain_key(const char *name, char *out)
{
	size_t n = strlen(name), w = 0;
	size_t end = n;
	while (end > 0) {
		size_t start = end;
		while (start > 0 && name[start - 1] != '.')
			start--;
		if (w)
			out[w++] = '\1';
		memcpy(out + w, name + start, end - start);
		w += end - start;
		end = start ? start - 1 : 0;
	}
	out[w] = '\0';
	return w;
}

/* True when name a (a key) is b or holds b. */
static bool key_holds(const char *a, size_t alen, const char *b, size_t blen)
{
	return alen <= blen && memcmp(a, b, alen) == 0 && (alen == blen || b[alen] == '\1');
}

struct dsort {
	const char *key;
	size_t len;
	const char *name;
	uint32_t owner, item;
};

static int dsort_cmp(const void *a, const void *b)
{
	const struct dsort *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	if (c)
		return c;
	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

static void build_domains(struct constituency_index *ix)
{
	size_t n = 0;
	for (size_t i = 0; i < ix->n_items; i++)
		n += ix->items[i].kind == CONSTITUENCY_DOMAIN;
	struct dsort *v = xmalloc((n ? n : 1) * sizeof(*v));
	n = 0;
	for (size_t i = 0; i < ix->n_items; i++) {
		const struct item *it = &ix->items[i];
		if (it->kind != CONSTITUENCY_DOMAIN)
			continue;
		size_t len = strlen(it->text);
		char *key = arena_alloc(ix->arena, len + 1);
		v[n] = (struct dsort){ key, domain_key(it->text, key), it->text, it->owner, (uint32_t)i };
		n++;
	}
	qsort(v, n, sizeof(*v), dsort_cmp);
	struct tree *t = &ix->dtree;
	struct dkey *keys = xmalloc((n ? n : 1) * sizeof(*keys));
	t->links = xmalloc((n ? n : 1) * sizeof(*t->links));
	t->claims = xmalloc((n ? n : 1) * sizeof(*t->claims));
	uint32_t *stack = NULL;
	size_t depth = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		if (t->n == 0 || strcmp(keys[t->n - 1].key, v[i].key) != 0) {
			uint32_t node = (uint32_t)t->n++;
			keys[node] = (struct dkey){ v[i].key, v[i].len, v[i].name };
			uint32_t parent;
#define DHOLDS(a, b) key_holds(keys[a].key, keys[a].len, keys[b].key, keys[b].len)
			FIND_PARENT(stack, depth, cap, node, DHOLDS);
#undef DHOLDS
			t->links[node] = (struct links){ parent, (uint32_t)t->n_claims, 0 };
		} else if (t->claims[t->n_claims - 1].owner == v[i].owner) {
			continue;
		}
		t->claims[t->n_claims++] = (struct claim){ v[i].owner, v[i].item };
		t->links[t->n - 1].n++;
	}
	free(stack);
	free(v);
	ix->dkeys = keys;
	t->n_bucket = 16;
	while (t->n_bucket < 2 * t->n)
		t->n_bucket *= 2;
	t->slots = xcalloc(t->n_bucket, sizeof(*t->slots));
	for (uint32_t node = 0; node < t->n; node++) {
		uint64_t hash = hash_str(keys[node].name);
		size_t h = (size_t)hash & (t->n_bucket - 1);
		while (t->slots[h])
			h = (h + 1) & (t->n_bucket - 1);
		t->slots[h] = (hash & 0xFFFFFFFF00000000u) | (node + 1);
	}
}

static int asn_cmp(const void *a, const void *b)
{
	const struct asn_claim *x = a, *y = b;
	if (x->asn != y->asn)
		return x->asn < y->asn ? -1 : 1;
	if (x->owner != y->owner)
		return x->owner < y->owner ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

static void build_asns(struct constituency_index *ix)
{
	size_t n = 0;
	for (size_t i = 0; i < ix->n_items; i++)
		n += ix->items[i].kind == CONSTITUENCY_ASN;
	struct asn_claim *v = xmalloc((n ? n : 1) * sizeof(*v));
	n = 0;
	for (size_t i = 0; i < ix->n_items; i++)
		if (ix->items[i].kind == CONSTITUENCY_ASN)
			v[n++] = (struct asn_claim){ ix->items[i].asn, ix->items[i].owner, (uint32_t)i };
	qsort(v, n, sizeof(*v), asn_cmp);
	size_t w = 0;
	for (size_t i = 0; i < n; i++)
		if (w == 0 || v[w - 1].asn != v[i].asn || v[w - 1].owner != v[i].owner)
			v[w++] = v[i];
	ix->asns = v;
	ix->n_asns = w;
}

void constituency_index_build(struct constituency_index *ix)
{
	free_built(ix);
	build_prefixes(ix, 0);
	build_prefixes(ix, 1);
	build_domains(ix);
	build_asns(ix);
	ix->built = true;
}

/* ---- lookups ---------------------------------------------------------------------- */

static void add_match(const struct constituency_index *ix, struct constituency_matches *out,
		      const struct claim *c, unsigned depth)
{
	if (out->n == out->cap)
		out->items = xgrow(out->items, &out->cap, out->n + 1, sizeof(*out->items));
	const struct item *it = &ix->items[c->item];
	out->items[out->n++] = (struct constituency_match){
		.owner = c->owner,
		.owner_id = ix->owners[c->owner].id,
		.owner_name = ix->owners[c->owner].name,
		.text = it->text,
		.line = it->line,
		.depth = depth,
	};
}

/* Reports node and, with LESS_SPECIFIC, its ancestors. */
static void report_chain(const struct constituency_index *ix, const struct tree *t, uint32_t node,
			 unsigned flags, struct constituency_matches *out)
{
	for (unsigned depth = 0; node != NONE; depth++, node = t->links[node].parent) {
		const struct links *l = &t->links[node];
		for (uint32_t k = 0; k < l->n; k++)
			add_match(ix, out, &t->claims[l->first + k], depth);
		if (!(flags & CONSTITUENCY_LESS_SPECIFIC))
			break;
	}
}

static uint32_t find_prefix(const struct constituency_index *ix, const struct constituency_prefix *q)
{
	int fam = q->family == 4 ? 0 : 1;
	const struct pkey *keys = ix->pkeys[fam];
	const struct tree *t = &ix->ptree[fam];
	struct u128 qs, qe;
	prefix_range(q, &qs, &qe);
	/* The last node at or before (start, len) of the query: every node
	 * before the query's bucket is, every node after it is not. */
	if (!t->n)
		return NONE;
	size_t b = top_bits(qs, fam, t->bits);
	size_t lo = t->bucket[b], hi = t->bucket[b + 1];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = u128_cmp(keys[mid].start, qs);
		if (c < 0 || (c == 0 && keys[mid].len <= q->len))
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return NONE;
	uint32_t node = (uint32_t)(lo - 1);
	while (node != NONE && u128_cmp(keys[node].end, qe) < 0)
		node = t->links[node].parent;
	return node;
}

/* The node of the longest claimed name that is q or holds it: the suffixes
 * of q at label boundaries, longest first, looked up by hash. */
static uint32_t find_domain(const struct constituency_index *ix, const char *q)
{
	const struct tree *t = &ix->dtree;
	if (!t->n)
		return NONE;
	for (const char *s = q; s; s = strchr(s, '.'), s = s ? s + 1 : NULL) {
		uint64_t hash = hash_str(s), tag = hash & 0xFFFFFFFF00000000u;
		for (size_t h = (size_t)hash & (t->n_bucket - 1); t->slots[h]; h = (h + 1) & (t->n_bucket - 1)) {
			uint32_t node = (uint32_t)(t->slots[h] & 0xFFFFFFFFu) - 1;
			if ((t->slots[h] & 0xFFFFFFFF00000000u) == tag && strcmp(ix->dkeys[node].name, s) == 0)
				return node;
		}
	}
	return NONE;
}

size_t constituency_index_lookup(const struct constituency_index *ix, const struct constituency_value *q,
				 unsigned flags, struct constituency_matches *out)
{
	out->n = 0;
	if (!ix->built)
		return 0;
	switch (q->kind) {
	case CONSTITUENCY_PREFIX:
		if (q->prefix.family == 4 || q->prefix.family == 6)
			report_chain(ix, &ix->ptree[q->prefix.family == 4 ? 0 : 1], find_prefix(ix, &q->prefix),
				     flags, out);
		break;
	case CONSTITUENCY_DOMAIN:
		report_chain(ix, &ix->dtree, find_domain(ix, q->text), flags, out);
		break;
	case CONSTITUENCY_ASN: {
		size_t lo = 0, hi = ix->n_asns;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (ix->asns[mid].asn < q->asn)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (; lo < ix->n_asns && ix->asns[lo].asn == q->asn; lo++) {
			struct claim c = { ix->asns[lo].owner, ix->asns[lo].item };
			add_match(ix, out, &c, 0);
		}
		break;
	}
	case CONSTITUENCY_NONE:
		break;
	}
	return out->n;
}

void constituency_matches_release(struct constituency_matches *m)
{
	free(m->items);
	memset(m, 0, sizeof(*m));
}

/* ---- overlaps ------------------------------------------------------------------- */

static void add_overlap(const struct constituency_index *ix, struct constituency_overlaps *out,
			enum constituency_overlap_kind kind, const struct claim *a, const struct claim *b,
			uint32_t only)
{
	if (only != NONE && a->owner != only && b->owner != only)
		return;
	if (out->n == out->cap)
		out->items = xgrow(out->items, &out->cap, out->n + 1, sizeof(*out->items));
	const struct item *x = &ix->items[a->item], *y = &ix->items[b->item];
	out->items[out->n++] = (struct constituency_overlap){
		.kind = kind,
		.what = x->kind,
		.owner_a = a->owner,
		.owner_b = b->owner,
		.text_a = x->text,
		.text_b = y->text,
		.line_a = x->line,
		.line_b = y->line,
	};
}

/* Every claim against the other claims of its node (SAME) and against the
 * nearest claim of each other owner above it (INSIDE). seen[owner] holds
 * the number of the claim for which that owner was last reported. */
static void tree_overlaps(const struct constituency_index *ix, const struct tree *t, uint32_t *seen,
			  uint32_t only, struct constituency_overlaps *out)
{
	uint32_t mark = 0;
	for (uint32_t node = 0; node < t->n; node++) {
		const struct links *l = &t->links[node];
		for (uint32_t i = 0; i < l->n; i++) {
			const struct claim *c = &t->claims[l->first + i];
			if (++mark == NONE - 1) {
				/* wrapped (four billion claims): start the marks afresh */
				memset(seen, 0, ix->n_owners * sizeof(*seen));
				mark = 1;
			}
			for (uint32_t j = 0; j < l->n; j++) {
				const struct claim *d = &t->claims[l->first + j];
				seen[d->owner] = mark;
				if (j > i)
					add_overlap(ix, out, CONSTITUENCY_OVERLAP_SAME, c, d, only);
			}
			for (uint32_t p = l->parent; p != NONE; p = t->links[p].parent) {
				const struct links *pl = &t->links[p];
				for (uint32_t k = 0; k < pl->n; k++) {
					const struct claim *d = &t->claims[pl->first + k];
					if (seen[d->owner] == mark)
						continue;
					seen[d->owner] = mark;
					add_overlap(ix, out, CONSTITUENCY_OVERLAP_INSIDE, c, d, only);
				}
			}
		}
	}
}

size_t constituency_index_overlaps(const struct constituency_index *ix, uint32_t only_owner,
				   struct constituency_overlaps *out)
{
	out->n = 0;
	if (!ix->built)
		return 0;
	for (size_t i = 0; i < ix->n_asns;) {
		size_t j = i + 1;
		while (j < ix->n_asns && ix->asns[j].asn == ix->asns[i].asn)
			j++;
		for (size_t a = i; a < j; a++)
			for (size_t b = a + 1; b < j; b++) {
				struct claim x = { ix->asns[a].owner, ix->asns[a].item };
				struct claim y = { ix->asns[b].owner, ix->asns[b].item };
				add_overlap(ix, out, CONSTITUENCY_OVERLAP_SAME, &x, &y, only_owner);
			}
		i = j;
	}
	uint32_t *seen = xcalloc(ix->n_owners ? ix->n_owners : 1, sizeof(*seen));
	tree_overlaps(ix, &ix->ptree[0], seen, only_owner, out);
	tree_overlaps(ix, &ix->ptree[1], seen, only_owner, out);
	tree_overlaps(ix, &ix->dtree, seen, only_owner, out);
	free(seen);
	return out->n;
}

void constituency_overlaps_release(struct constituency_overlaps *o)
{
	free(o->items);
	memset(o, 0, sizeof(*o));
}
