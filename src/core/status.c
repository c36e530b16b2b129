/* status.c - the error value. */
#include "toets/status.h"

#include <stdarg.h>
#include <stdio.h>

enum toets_status toets_fail(struct toets_error *e, enum toets_status st, const char *fmt, ...)
{
	if (e) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(e->message, sizeof(e->message), fmt, ap);
		va_end(ap);
		e->status = st;
	}
	return st;
}
