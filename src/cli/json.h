/* json.h - a small streaming JSON writer for --json output. */
#ifndef TOETS_CLI_JSON_H
#define TOETS_CLI_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct json {
	FILE *out;
	int depth;
	bool need_comma[32];
};

void json_init(struct json *j, FILE *out);
void json_object_begin(struct json *j);
void json_object_end(struct json *j);
void json_array_begin(struct json *j);
void json_array_end(struct json *j);
/* A key inside an object; the next value call gives its value. */
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s); /* NULL writes null */
void json_int(struct json *j, int64_t v);
void json_bool(struct json *j, bool v);
/* key and string value at once. */
void json_field(struct json *j, const char *key, const char *value);
/* Ends the document with a newline. */
void json_finish(struct json *j);

#endif
