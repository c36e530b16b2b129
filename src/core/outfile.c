/* outfile.c - new private files for the user, written whole or not at all. */
#include "toets/outfile.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "toets/i18n.h"

static bool to_stdout(const char *dest)
{
	return strcmp(dest, "-") == 0;
}

enum toets_status outfile_open(const char *dest, int *fd, struct toets_error *e)
{
	*fd = to_stdout(dest) ? STDOUT_FILENO : open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (*fd >= 0)
		return TOETS_OK;
	if (errno == EEXIST)
		return toets_fail(e, TOETS_ERR_EXISTS, _("%s exists; toets does not overwrite files"), dest);
	return toets_fail(e, TOETS_ERR_IO, _("cannot create %s: %s"), dest, strerror(errno));
}

enum toets_status outfile_write(int fd, const void *buf, size_t n, const char *dest, struct toets_error *e)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return toets_fail(e, TOETS_ERR_IO, _("cannot write %s: %s"),
					  to_stdout(dest) ? _("standard output") : dest, strerror(errno));
		p += w;
		n -= (size_t)w;
	}
	return TOETS_OK;
}

enum toets_status outfile_close(int fd, const char *dest, enum toets_status st, struct toets_error *e)
{
	if (to_stdout(dest))
		return st;
	if (st == TOETS_OK && fsync(fd) != 0)
		st = toets_fail(e, TOETS_ERR_IO, _("cannot write %s: %s"), dest, strerror(errno));
	if (close(fd) != 0 && st == TOETS_OK)
		st = toets_fail(e, TOETS_ERR_IO, _("cannot write %s: %s"), dest, strerror(errno));
	if (st != TOETS_OK)
		unlink(dest);
	return st;
}

enum toets_status outfile_save(const char *dest, const void *buf, size_t n, struct toets_error *e)
{
	int fd;
	enum toets_status st = outfile_open(dest, &fd, e);
	if (st != TOETS_OK)
		return st;
	return outfile_close(fd, dest, outfile_write(fd, buf, n, dest, e), e);
}
