/* xalloc.h - checked allocation and a growable string buffer.
 * Allocation failure calls the out-of-memory hook (the program decides how to
 * die); core code never checks for NULL after these. */
#ifndef TOETS_XALLOC_H
#define TOETS_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*xalloc_oom_fn)(size_t size);

/* Installs the function called when memory runs out; it must not return. */
void xalloc_set_oom_handler(xalloc_oom_fn fn);
/* Reports that `size` bytes cannot be had (a size that overflows, say):
 * calls the hook, never returns. */
void xalloc_oom(size_t size) __attribute__((noreturn));

void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Grows an array of n elements of `size` bytes to hold at least `need`. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Frees *pp and sets it to NULL. */
#define xfree(pp) do { free(*(pp)); *(pp) = NULL; } while (0)

struct strbuf {
	char *data; /* always NUL-terminated once anything was added */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_add(struct strbuf *sb, const char *s, size_t n);
void strbuf_adds(struct strbuf *sb, const char *s);
void strbuf_addc(struct strbuf *sb, char c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* The contents, "" when empty; valid until the next change. */
const char *strbuf_str(const struct strbuf *sb);
void strbuf_reset(struct strbuf *sb);
/* Hands the string to the caller (never NULL) and empties the buffer. */
char *strbuf_detach(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);

#endif
