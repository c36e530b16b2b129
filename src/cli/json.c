/* json.c - streaming JSON writer: strings escaped per RFC 8259. */
#include "json.h"

#include <inttypes.h>

void json_init(struct json *j, FILE *out)
{
	j->out = out;
	j->depth = 0;
	j->need_comma[0] = false;
}

/* Before a value: a comma when a sibling came before it. */
static void before_value(struct json *j)
{
	if (j->need_comma[j->depth])
		fputc(',', j->out);
	j->need_comma[j->depth] = true;
}

static void open_(struct json *j, char c)
{
	before_value(j);
	fputc(c, j->out);
	if (j->depth < 31)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void close_(struct json *j, char c)
{
	if (j->depth > 0)
		j->depth--;
	fputc(c, j->out);
}

void json_object_begin(struct json *j)
{
	open_(j, '{');
}

void json_object_end(struct json *j)
{
	close_(j, '}');
}

void json_array_begin(struct json *j)
{
	open_(j, '[');
}

void json_array_end(struct json *j)
{
	close_(j, ']');
}

static void write_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

void json_key(struct json *j, const char *key)
{
	before_value(j);
	write_string(j->out, key);
	fputc(':', j->out);
	/* The value that follows is not a sibling. */
	j->need_comma[j->depth] = false;
}

static void after_value(struct json *j)
{
	j->need_comma[j->depth] = true;
}

void json_string(struct json *j, const char *s)
{
	before_value(j);
	if (s)
		write_string(j->out, s);
	else
		fputs("null", j->out);
	after_value(j);
}

void json_int(struct json *j, int64_t v)
{
	before_value(j);
	fprintf(j->out, "%" PRId64, v);
	after_value(j);
}

void json_bool(struct json *j, bool v)
{
	before_value(j);
	fputs(v ? "true" : "false", j->out);
	after_value(j);
}

void json_field(struct json *j, const char *key, const char *value)
{
	json_key(j, key);
	json_string(j, value);
}

void json_finish(struct json *j)
{
	fputc('\n', j->out);
}
