/* outfile.h - files toets writes for the user (exported documents,
 * letters, PDFs, the register): never over an existing file, private to
 * the owner (0600), flushed to disk, and removed again when writing fails
 * half-way. "-" is standard output. */
#ifndef TOETS_OUTFILE_H
#define TOETS_OUTFILE_H

#include <stddef.h>

#include "toets/status.h"

/* Creates dest (O_EXCL, 0600); *fd is standard output for "-". */
enum toets_status outfile_open(const char *dest, int *fd, struct toets_error *e);
enum toets_status outfile_write(int fd, const void *buf, size_t n, const char *dest, struct toets_error *e);
/* Syncs and closes (not standard output); after a failure (st), or when
 * closing fails, the file is removed: a partial copy is no copy. */
enum toets_status outfile_close(int fd, const char *dest, enum toets_status st, struct toets_error *e);
/* open + write + close. */
enum toets_status outfile_save(const char *dest, const void *buf, size_t n, struct toets_error *e);

#endif
