/* print.c - the print command as a child process with the PDF on its stdin. */
#define _DEFAULT_SOURCE
#include "toets/print.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "toets/i18n.h"
#include "toets/utf8.h"
#include "toets/xalloc.h"

#define STDERR_KEEP 2000 /* bytes of the command's complaints kept for the message */

char *print_command_line(char *const argv[])
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; argv[i]; i++)
		strbuf_addf(&sb, "%s%s", i ? " " : "", argv[i]);
	return strbuf_detach(&sb);
}

/* A pipe whose ends close on exec (pipe2 is not POSIX 2008). */
static int cloexec_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* In the child: stdin from the pipe, stdout to /dev/null, stderr to the
 * pipe; an exec failure is reported as its errno on the status pipe. */
static void child(char *const argv[], int in, int err, int status)
{
	int null = open("/dev/null", O_WRONLY);
	if (dup2(in, STDIN_FILENO) < 0 || dup2(err, STDERR_FILENO) < 0 ||
	    (null >= 0 && dup2(null, STDOUT_FILENO) < 0))
		_exit(127);
	signal(SIGPIPE, SIG_DFL);
	execvp(argv[0], argv);
	int errnum = errno;
	if (write(status, &errnum, sizeof(errnum)) < 0)
		_exit(127);
	_exit(127);
}

/* Feeds data to `in` and collects `err` until both are done. */
static void exchange(int *in, int *err, const unsigned char *data, size_t len, struct strbuf *complaints,
		     size_t *written)
{
	*written = 0;
	while (*in >= 0 || *err >= 0) {
		struct pollfd fds[2] = { { *in, POLLOUT, 0 }, { *err, POLLIN, 0 } };
		if (poll(fds, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (*in >= 0 && (fds[0].revents & (POLLOUT | POLLERR | POLLHUP))) {
			ssize_t n = write(*in, data + *written, len - *written > 65536 ? 65536 : len - *written);
			if (n > 0)
				*written += (size_t)n;
			if ((n < 0 && errno != EINTR && errno != EAGAIN) || *written == len)
				close_fd(in); /* done, or the command stopped reading (EPIPE) */
		}
		if (*err >= 0 && (fds[1].revents & (POLLIN | POLLERR | POLLHUP))) {
			char buf[4096];
			ssize_t n = read(*err, buf, sizeof(buf));
			if (n > 0 && complaints->len < STDERR_KEEP)
				strbuf_add(complaints, buf, (size_t)n);
			else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN))
				close_fd(err);
		}
	}
}

enum toets_status print_run(char *const argv[], const void *data, size_t len, struct toets_error *e)
{
	if (!argv || !argv[0])
		return toets_fail(e, TOETS_ERR_INVALID, _("no print command is set (set print-command ...)"));
	int in[2], err[2], status[2];
	if (cloexec_pipe(in) != 0)
		return toets_fail(e, TOETS_ERR_IO, _("cannot start '%s': %s"), argv[0], strerror(errno));
	if (cloexec_pipe(err) != 0 || cloexec_pipe(status) != 0) {
		int errnum = errno;
		close(in[0]);
		close(in[1]);
		return toets_fail(e, TOETS_ERR_IO, _("cannot start '%s': %s"), argv[0], strerror(errnum));
	}
	/* A command that stops reading must not kill us with SIGPIPE. */
	struct sigaction ignore = { .sa_handler = SIG_IGN }, old;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGPIPE, &ignore, &old);
	pid_t pid = fork();
	if (pid == 0)
		child(argv, in[0], err[1], status[1]);
	int errnum = errno;
	close(in[0]);
	close(err[1]);
	close(status[1]);
	enum toets_status st = TOETS_OK;
	struct strbuf complaints = STRBUF_INIT;
	if (pid < 0) {
		close(in[1]);
		close(err[0]);
		close(status[0]);
		sigaction(SIGPIPE, &old, NULL);
		return toets_fail(e, TOETS_ERR_IO, _("cannot start '%s': %s"), argv[0], strerror(errnum));
	}
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	int to = in[1], from = err[0];
	size_t written;
	exchange(&to, &from, data, len, &complaints, &written);
	int wstatus = 0;
	while (waitpid(pid, &wstatus, 0) < 0 && errno == EINTR)
		;
	int exec_errno = 0;
	ssize_t n = read(status[0], &exec_errno, sizeof(exec_errno));
	close(status[0]);
	sigaction(SIGPIPE, &old, NULL);
	/* What it said, one line, without control characters. */
	struct strbuf said = STRBUF_INIT;
	while (complaints.len && (complaints.data[complaints.len - 1] == '\n'))
		complaints.data[--complaints.len] = '\0';
	if (complaints.len) {
		strbuf_adds(&said, ": ");
		utf8_sanitize(&said, strbuf_str(&complaints), complaints.len);
	}
	char *line = print_command_line(argv);
	if (n == (ssize_t)sizeof(exec_errno))
		st = toets_fail(e, TOETS_ERR_IO, _("cannot run the print command '%s': %s"), line,
				strerror(exec_errno));
	else if (WIFSIGNALED(wstatus))
		st = toets_fail(e, TOETS_ERR_IO, _("the print command '%s' was killed by signal %d%s"), line,
				WTERMSIG(wstatus), strbuf_str(&said));
	else if (WEXITSTATUS(wstatus) != 0)
		st = toets_fail(e, TOETS_ERR_IO, _("the print command '%s' failed with exit status %d%s"), line,
				WEXITSTATUS(wstatus), strbuf_str(&said));
	else if (written < len)
		st = toets_fail(e, TOETS_ERR_IO,
				_("the print command '%s' stopped reading after %zu of %zu bytes%s"), line, written,
				len, strbuf_str(&said));
	free(line);
	strbuf_release(&said);
	strbuf_release(&complaints);
	return st;
}
