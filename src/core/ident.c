/* ident.c - the operating-system account. */
#define _DEFAULT_SOURCE
#include "toets/ident.h"

#include <pwd.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "toets/i18n.h"

const char *ident_account(struct toets_error *e)
{
	static char name[256];
	if (name[0])
		return name;
	uid_t uid = getuid();
	struct passwd *pw = getpwuid(uid);
	if (!pw || !pw->pw_name || !pw->pw_name[0] || strlen(pw->pw_name) >= sizeof(name)) {
		toets_fail(e, TOETS_ERR_REFUSED,
			   _("user id %u has no account name: toets records who did what, "
			     "so it needs one"), (unsigned)uid);
		return NULL;
	}
	strcpy(name, pw->pw_name);
	return name;
}
