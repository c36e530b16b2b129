/* print.h - handing a PDF to the print command: started with fork/execvp
 * from an argv list (never a shell), the PDF on its standard input, its
 * standard output discarded and its standard error kept for the message,
 * its exit status checked. */
#ifndef TOETS_PRINT_H
#define TOETS_PRINT_H

#include <stddef.h>

#include "toets/status.h"

/* Runs argv[0] (found on PATH) with the data on its standard input.
 * TOETS_OK only when it read everything it wanted and exited with 0;
 * otherwise TOETS_ERR_IO with what happened: it could not be started,
 * died of a signal, or exited non-zero, with the first lines it wrote to
 * standard error. */
enum toets_status print_run(char *const argv[], const void *data, size_t len, struct toets_error *e);

/* The command as one line for messages and the record: "lpr -P kantoor". */
char *print_command_line(char *const argv[]);

#endif
