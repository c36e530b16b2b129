/* fuzz_config.c - libFuzzer target for the configuration file parser
 * (the user's ~/.config/toets/config), and the formatting of what it
 * reports. `make fuzz` builds and runs it after the framework loader. */
#include <stddef.h>
#include <stdint.h>

#include "toets/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag_list dl;
	struct config cfg;
	diag_init(&dl, "config");
	config_parse((const char *)data, size, &cfg, &dl);
	struct strbuf sb = STRBUF_INIT;
	diag_format_all(&dl, &sb);
	strbuf_release(&sb);
	diag_set_source(&dl, NULL, 0);
	config_release(&cfg);
	diag_release(&dl);
	return 0;
}
