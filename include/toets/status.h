/* status.h - what a core function reports back, and the error value that
 * carries its message; the CLI and UI map the status to an exit code or a
 * message line. */
#ifndef TOETS_STATUS_H
#define TOETS_STATUS_H

enum toets_status {
	TOETS_OK = 0,
	TOETS_ERR_INVALID,   /* outside input is wrong; details in the message */
	TOETS_ERR_NOT_FOUND, /* a named file or object does not exist */
	TOETS_ERR_IO,        /* reading or writing a file failed */
	TOETS_ERR_EXISTS,    /* would overwrite something that exists */
	TOETS_ERR_REFUSED,   /* not allowed now (a status transition, say) */
	TOETS_ERR_BUSY,      /* the database is in use by another process */
	TOETS_ERR_READONLY,  /* the database cannot be written */
	TOETS_ERR_CORRUPT,   /* the database is damaged */
	TOETS_ERR_FOREIGN,   /* not a toets database, or from a newer toets */
	TOETS_ERR_FULL,      /* the database or the disk is full */
	TOETS_ERR_INTERNAL,  /* a bug or an unexpected library failure */
};

struct toets_error {
	enum toets_status status;
	char message[1024];
};

/* Fills e (which may be NULL) and returns st, so that callers can write
 * `return toets_fail(e, TOETS_ERR_INVALID, _("..."), ...);`. */
enum toets_status toets_fail(struct toets_error *e, enum toets_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
