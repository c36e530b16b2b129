/* ident.h - who is working: the operating-system account running toets.
 * Never an environment variable or an option: the audit log and the
 * four-eyes rule rest on it. */
#ifndef TOETS_IDENT_H
#define TOETS_IDENT_H

#include "toets/status.h"

/* The login name of the real user id (getpwuid(getuid())). The string is
 * kept by this module; NULL with e filled when the account has no name. */
const char *ident_account(struct toets_error *e);

#endif
