/* status.h - what a core function reports back; the CLI and UI map it to
 * an exit code or a message. */
#ifndef TOETS_STATUS_H
#define TOETS_STATUS_H

enum toets_status {
	TOETS_OK = 0,
	TOETS_ERR_INVALID,   /* outside input is wrong; details in the diagnostics */
	TOETS_ERR_NOT_FOUND, /* a named file or object does not exist */
	TOETS_ERR_IO,        /* reading or writing failed */
};

#endif
