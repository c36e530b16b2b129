/* test_render.c - a CommonMark tree as plain text (exact output) and as a
 * PDF, checked with poppler's tools (pdftotext, pdffonts, pdfinfo): the
 * Dutch letters come back, every font is embedded, A4, pagination with
 * the footer on every page, nothing outside the margins, the same bytes
 * for the same input. The tools are required: without them the PDF tests
 * fail (make check installs poppler-utils). */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "toets/render.h"
#include "toets/xalloc.h"

#include "fixture.h"

#define HASH "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define CREATED ((time_t)1772359200) /* 2026-03-01T10:00:00Z */

/* The page in points, and the margins the renderer promises: 25 mm left,
 * right and top; the body ends 30 mm above the foot of the page; the
 * footer lies in the 20 mm above the last 10 mm; a draft mark in the
 * header above the top margin. */
#define MM(x) ((x) * 72.0 / 25.4)
#define PAGE_W MM(210.0)
#define PAGE_H MM(297.0)
#define LEFT MM(25.0)
#define RIGHT (PAGE_W - MM(25.0))
#define TOP MM(25.0)
#define BODY_BOTTOM (PAGE_H - MM(30.0))
#define FOOT_BOTTOM (PAGE_H - MM(10.0))
#define HEAD_TOP MM(10.0)
#define SLACK 0.5 /* pt: rounding in pdftotext's boxes */

static const struct render_meta meta = { "Besluit op uw aanvraag", "2026-0007", HASH, NULL, CREATED };

static cmark_node *parse(const char *md)
{
	return cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
}

static char *text_of(cmark_node *doc, const struct render_meta *m, int width)
{
	struct strbuf sb = STRBUF_INIT;
	render_text(doc, m, width, &sb);
	return strbuf_detach(&sb);
}

static const char letter_md[] =
	"# Besluit op uw aanvraag\n"
	"\n"
	"Geachte heer De Vries,\n"
	"\n"
	"Op 3 maart 2026 ontvingen wij de aanvraag van *Coöperatie Ĳsselland* voor een aanwijzing als "
	"**OKTT** (financiële sector, € 1.250,00, café, ruïne). Wij hebben die getoetst aan het "
	"`toetsingskader`.\n"
	"\n"
	"## Overwegingen\n"
	"\n"
	"- De statuten noemen de informerende taak.\n"
	"- De vertrouwelijkheid is geregeld:\n"
	"  1. in een convenant met alle deelnemers, dat ook de verwerking van persoonsgegevens regelt;\n"
	"  2. in een geheimhoudingsverklaring.\n"
	"- Een regel met een harde\\\n"
	"  regelafbreking.\n"
	"\n"
	"> Het NCSC deelt informatie alleen met aangewezen organisaties, zoals bedoeld in artikel 3, "
	"tweede lid, van de Wbni.\n"
	">\n"
	"> Tweede alinea.\n"
	"\n"
	"    REF        STATUS\n"
	"    2026-0007  compleet\n"
	"    12345678901234567890123456789012345678901234567890123456789012345678901234567890\n"
	"\n"
	"---\n"
	"\n"
	"### Ondertekening\n"
	"\n"
	"Met vriendelijke groet,\n"
	"namens deze,\n";

static void test_text_letter(void **state)
{
	(void)state;
	cmark_node *doc = parse(letter_md);
	char *s = text_of(doc, &meta, 72);
	assert_string_equal(s,
			    "Besluit op uw aanvraag\n"
			    "======================\n"
			    "\n"
			    "Geachte heer De Vries,\n"
			    "\n"
			    "Op 3 maart 2026 ontvingen wij de aanvraag van Coöperatie Ĳsselland voor\n"
			    "een aanwijzing als OKTT (financiële sector, € 1.250,00, café, ruïne).\n"
			    "Wij hebben die getoetst aan het toetsingskader.\n"
			    "\n"
			    "Overwegingen\n"
			    "------------\n"
			    "\n"
			    "- De statuten noemen de informerende taak.\n"
			    "- De vertrouwelijkheid is geregeld:\n"
			    "  1. in een convenant met alle deelnemers, dat ook de verwerking van\n"
			    "     persoonsgegevens regelt;\n"
			    "  2. in een geheimhoudingsverklaring.\n"
			    "- Een regel met een harde\n"
			    "  regelafbreking.\n"
			    "\n"
			    "> Het NCSC deelt informatie alleen met aangewezen organisaties, zoals\n"
			    "> bedoeld in artikel 3, tweede lid, van de Wbni.\n"
			    ">\n"
			    "> Tweede alinea.\n"
			    "\n"
			    "REF        STATUS\n"
			    "2026-0007  compleet\n"
			    "12345678901234567890123456789012345678901234567890123456789012345678901234567890\n"
			    "\n"
			    "------------------------------------------------------------------------\n"
			    "\n"
			    "Ondertekening\n"
			    "\n"
			    "Met vriendelijke groet, namens deze,\n"
			    "\n"
			    "Kenmerk 2026-0007 · audit " HASH "\n");
	free(s);
	cmark_node_free(doc);
}

/* Narrow: widths are display columns (ë, Ĳ one each); the hanging indent
 * of nested and loose lists; an underline as wide as the heading's widest
 * line; no footer without reference, hash or mark. */
static void test_text_narrow(void **state)
{
	(void)state;
	cmark_node *doc = parse("## Coöperatie Ĳsselland en de financiële sector\n"
				"\n"
				"1. eerste punt met ëëë en meer woorden\n"
				"\n"
				"   nog een alinea\n"
				"2. tweede\n"
				"   - genest punt dat ook wat langer is\n"
				"10. tiende\n");
	char *s = text_of(doc, NULL, 24);
	assert_string_equal(s,
			    "Coöperatie Ĳsselland en\n"
			    "de financiële sector\n"
			    "-----------------------\n"
			    "\n"
			    "1. eerste punt met ëëë\n"
			    "   en meer woorden\n"
			    "\n"
			    "   nog een alinea\n"
			    "\n"
			    "2. tweede\n"
			    "\n"
			    "   - genest punt dat ook\n" /* 24 columns */
			    "     wat langer is\n"
			    "\n"
			    "3. tiende\n");
	free(s);
	cmark_node_free(doc);
}

static cmark_node *add_text(cmark_node *parent, const char *s)
{
	cmark_node *t = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(t, s);
	cmark_node_append_child(parent, t);
	return t;
}

/* A tree as the letter module makes it: values in text nodes. They come
 * out as they are, never as markup, and control characters (and invalid
 * UTF-8) as U+FFFD. */
static cmark_node *literal_tree(void)
{
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	cmark_node *h = cmark_node_new(CMARK_NODE_HEADING);
	cmark_node_set_heading_level(h, 1);
	add_text(h, "{{titel}}");
	cmark_node_append_child(doc, h);
	cmark_node *p = cmark_node_new(CMARK_NODE_PARAGRAPH);
	add_text(p, "Naam: *niet vet* ref {{ref}} pad C:\\temp\\ ");
	cmark_node *em = cmark_node_new(CMARK_NODE_EMPH);
	add_text(em, "$(rm -rf /)");
	cmark_node_append_child(p, em);
	add_text(p, " <b>x</b> `y` [z](u)");
	cmark_node_append_child(doc, p);
	cmark_node *brk = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	cmark_node_set_on_enter(brk, RENDER_PAGE_BREAK);
	cmark_node_append_child(doc, brk);
	p = cmark_node_new(CMARK_NODE_PARAGRAPH);
	add_text(p, "bel\a esc\x1b[2J del\x7f csi\xC2\x9B cr\r kapot\xFF regel\nnieuw\ttab");
	cmark_node_append_child(doc, p);
	cmark_node *code = cmark_node_new(CMARK_NODE_CODE_BLOCK);
	cmark_node_set_literal(code, "a\tb\x1b]0;x\a\nc\n");
	cmark_node_append_child(doc, code);
	return doc;
}

static void test_text_literal(void **state)
{
	(void)state;
	cmark_node *doc = literal_tree();
	struct render_meta m = { NULL, "2026-\x1b[1m0007", NULL, "CONCEPT", CREATED };
	char *s = text_of(doc, &m, 72);
	assert_string_equal(s,
			    "{{titel}}\n"
			    "=========\n"
			    "\n"
			    "Naam: *niet vet* ref {{ref}} pad C:\\temp\\ $(rm -rf /) <b>x</b> `y`\n"
			    "[z](u)\n"
			    "\n"
			    "\f\n"
			    "\n"
			    "bel\xEF\xBF\xBD esc\xEF\xBF\xBD[2J del\xEF\xBF\xBD csi\xEF\xBF\xBD cr\xEF\xBF\xBD "
			    "kapot\xEF\xBF\xBD regel nieuw tab\n"
			    "\n"
			    "a\tb\xEF\xBF\xBD]0;x\xEF\xBF\xBD\n"
			    "c\n"
			    "\n"
			    "Kenmerk 2026-\xEF\xBF\xBD[1m0007\n"
			    "CONCEPT\n");
	free(s);
	cmark_node_free(doc);

	/* Parsed html and entities: shown as written, or as the entity means. */
	doc = parse("<b>vet?</b> &amp; \\*niet\\*\n\n<div>\nblok\n</div>\n");
	struct render_meta only_hash = { NULL, NULL, HASH, NULL, 0 };
	s = text_of(doc, &only_hash, 72);
	assert_string_equal(s, "<b>vet?</b> & *niet*\n\n<div>\nblok\n</div>\n\naudit " HASH "\n");
	free(s);
	cmark_node_free(doc);
}

/* ---- the PDF, through poppler's tools ---------------------------------------- */

struct fx {
	char dir[64];
	char path[128];
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/toets-ut-render.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/brief.pdf", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	rm_tree(f->dir);
	free(f);
	return 0;
}

/* Runs argv (fork/execvp, no shell) and returns its exit status, its
 * standard output in out; 127 when it could not be started. */
static int run(const char *const argv[], struct strbuf *out)
{
	int fd[2];
	if (pipe(fd) != 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(fd[1], 1);
		if (null >= 0)
			dup2(null, 2);
		close(fd[0]);
		close(fd[1]);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	char buf[8192];
	ssize_t n;
	while ((n = read(fd[0], buf, sizeof(buf))) > 0)
		strbuf_add(out, buf, (size_t)n);
	close(fd[0]);
	int status;
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* The tool's output; fails the test when the tool is missing or fails. */
static char *tool(const char *const argv[])
{
	struct strbuf out = STRBUF_INIT;
	int rc = run(argv, &out);
	if (rc != 0)
		print_error("%s exited with %d (poppler-utils installed?)\n", argv[0], rc);
	assert_int_equal(rc, 0);
	return strbuf_detach(&out);
}

static void render_to(struct fx *f, cmark_node *doc, const struct render_meta *m)
{
	struct strbuf pdf = STRBUF_INIT;
	struct toets_error e = { 0 };
	assert_int_equal(render_pdf(doc, m, &pdf, &e), TOETS_OK);
	assert_true(pdf.len > 5);
	assert_memory_equal(pdf.data, "%PDF-", 5);
	FILE *out = fopen(f->path, "wb");
	assert_non_null(out);
	assert_int_equal(fwrite(pdf.data, 1, pdf.len, out), pdf.len);
	assert_int_equal(fclose(out), 0);
	strbuf_release(&pdf);
}

static char *pdftotext(struct fx *f, int page)
{
	char num[16];
	snprintf(num, sizeof(num), "%d", page);
	const char *all[] = { "pdftotext", "-enc", "UTF-8", f->path, "-", NULL };
	const char *one[] = { "pdftotext", "-enc", "UTF-8", "-f", num, "-l", num, f->path, "-", NULL };
	return tool(page ? one : all);
}

/* The number after "key:" in pdfinfo's output. */
static int pdfinfo_pages(struct fx *f)
{
	const char *argv[] = { "pdfinfo", f->path, NULL };
	char *info = tool(argv);
	const char *p = strstr(info, "\nPages:");
	assert_non_null(p);
	int pages = atoi(p + strlen("\nPages:"));
	free(info);
	return pages;
}

/* Every line of pdffonts' table says "yes" in the emb column. */
static void assert_fonts_embedded(struct fx *f)
{
	const char *argv[] = { "pdffonts", f->path, NULL };
	char *out = tool(argv);
	const char *emb = strstr(out, " emb ");
	assert_non_null(emb);
	size_t col = (size_t)(emb - out) + 1;
	const char *line = strchr(out, '\n');
	assert_non_null(line);
	line = strchr(line + 1, '\n'); /* past the dashes */
	assert_non_null(line);
	int fonts = 0;
	for (line++; *line; fonts++) {
		const char *nl = strchr(line, '\n');
		size_t len = nl ? (size_t)(nl - line) : strlen(line);
		if (len < col + 3 || strncmp(line + col, "yes", 3) != 0)
			fail_msg("font not embedded: %.*s", (int)len, line);
		line += len + (nl ? 1 : 0);
	}
	assert_true(fonts >= 3); /* serif, sans bold, mono at least */
	assert_non_null(strstr(out, "DejaVuSerif"));
	free(out);
}

static void test_pdf_letter(void **state)
{
	struct fx *f = *state;
	cmark_node *doc = parse(letter_md);
	render_to(f, doc, &meta);
	cmark_node_free(doc);

	char *txt = pdftotext(f, 0);
	/* The Dutch letters come back as themselves, Ĳ as one character, in
	 * the serif, its italic and the sans bold of the heading. */
	assert_non_null(strstr(txt, "Besluit op uw aanvraag\n"));
	assert_non_null(strstr(txt, "de aanvraag van Coöperatie Ĳsselland voor"));
	assert_non_null(strstr(txt, "(financiële sector, € 1.250,00, café, ruïne)"));
	/* (pdftotext may read the code block's columns one after the other) */
	assert_non_null(strstr(txt, "2026-0007"));
	assert_non_null(strstr(txt, "compleet\n"));
	/* 80 columns of a code block fit on one line */
	assert_non_null(strstr(txt, "\n12345678901234567890123456789012345678901234567890123456789012345678901234567890\n"));
	assert_non_null(strstr(txt, "• De statuten noemen de informerende taak.\n"));
	assert_non_null(strstr(txt, "Een regel met een harde\nregelafbreking."));
	assert_non_null(strstr(txt, "Met vriendelijke groet, namens deze,"));
	assert_non_null(strstr(txt, "Kenmerk 2026-0007 · pagina 1 van 1 · audit " HASH "\n"));
	assert_null(strstr(txt, "CONCEPT"));
	free(txt);
	assert_fonts_embedded(f);

	const char *argv[] = { "pdfinfo", "-isodates", f->path, NULL };
	char *info = tool(argv);
	assert_non_null(strstr(info, "Page size:       595.276 x 841.89 pts (A4)\n"));
	assert_non_null(strstr(info, "Pages:           1\n"));
	assert_non_null(strstr(info, "Title:           Besluit op uw aanvraag\n"));
	assert_non_null(strstr(info, "Creator:         toets\n"));
	assert_non_null(strstr(info, "CreationDate:    2026-03-01T10:00:00Z\n"));
	free(info);
}

/* The values of the letter module as text, never markup; the page break
 * starts page 2; the draft mark on every page; control characters as
 * U+FFFD. */
static void test_pdf_literal_and_draft(void **state)
{
	struct fx *f = *state;
	cmark_node *doc = literal_tree();
	struct render_meta m = meta;
	m.draft = "CONCEPT";
	render_to(f, doc, &m);
	cmark_node_free(doc);
	assert_int_equal(pdfinfo_pages(f), 2);
	char *p1 = pdftotext(f, 1), *p2 = pdftotext(f, 2);
	assert_non_null(strstr(p1, "CONCEPT\n"));
	assert_non_null(strstr(p1, "{{titel}}\n"));
	assert_non_null(strstr(p1, "Naam: *niet vet* ref {{ref}} pad C:\\temp\\ $(rm -rf /) <b>x</b> `y` [z](u)"));
	assert_non_null(strstr(p1, "pagina 1 van 2"));
	assert_null(strstr(p1, "bel"));
	assert_non_null(strstr(p2, "CONCEPT\n"));
	assert_non_null(strstr(p2, "bel\xEF\xBF\xBD esc\xEF\xBF\xBD[2J del\xEF\xBF\xBD csi\xEF\xBF\xBD"));
	assert_non_null(strstr(p2, "pagina 2 van 2"));
	assert_null(strstr(p2, "\x1b"));
	free(p1);
	free(p2);
	assert_fonts_embedded(f);
}

/* A word in pdftotext -bbox's output. */
struct word {
	double x0, y0, x1, y1;
	char text[256];
};

/* Calls fn for every word; returns how many. */
static int each_word(const char *html, void (*fn)(const struct word *, void *), void *arg)
{
	int n = 0;
	for (const char *p = strstr(html, "<word "); p; p = strstr(p + 1, "<word ")) {
		struct word w;
		int end = 0;
		if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">%n", &w.x0, &w.y0, &w.x1, &w.y1,
			   &end) != 4 ||
		    !end)
			fail_msg("unreadable word: %.80s", p);
		const char *t = p + end, *close = strstr(t, "</word>");
		assert_non_null(close);
		snprintf(w.text, sizeof(w.text), "%.*s", (int)(close - t), t);
		fn(&w, arg);
		n++;
	}
	return n;
}

struct margins {
	int pages;
	int starts, ends;  /* "Alinea" and "Einde." seen */
	int footer_words;
	int page_numbers;  /* "pagina" seen */
};

static int is_footer_word(const char *s, int pages)
{
	static const char *const fixed[] = { "Kenmerk", "2026-0007", "·", "&#183;", "pagina", "van", "audit", HASH };
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (strcmp(s, fixed[i]) == 0)
			return 1;
	int n = atoi(s);
	return n >= 1 && n <= pages;
}

/* Every word lies between the left and right margins; the body's words
 * between the top margin and the body's foot; below that only the
 * footer's words, in its band. */
static void check_word(const struct word *w, void *arg)
{
	struct margins *m = arg;
	if (w->x0 < LEFT - SLACK || w->x1 > RIGHT + SLACK)
		fail_msg("\"%s\" outside the side margins: x %.2f..%.2f", w->text, w->x0, w->x1);
	if (w->y1 > BODY_BOTTOM + SLACK) {
		if (!is_footer_word(w->text, m->pages) || w->y0 < BODY_BOTTOM || w->y1 > FOOT_BOTTOM + SLACK)
			fail_msg("\"%s\" below the body: y %.2f..%.2f", w->text, w->y0, w->y1);
		m->footer_words++;
		m->page_numbers += strcmp(w->text, "pagina") == 0;
	} else if (w->y0 < TOP - SLACK) {
		fail_msg("\"%s\" above the top margin: y %.2f..%.2f", w->text, w->y0, w->y1);
	}
	m->starts += strcmp(w->text, "Alinea") == 0;
	m->ends += strcmp(w->text, "Einde.") == 0;
}

static char *long_markdown(int paragraphs)
{
	struct strbuf md = STRBUF_INIT;
	strbuf_adds(&md, "# Een lange brief\n\n");
	for (int i = 0; i < paragraphs; i++) {
		if (i % 40 == 20)
			strbuf_adds(&md, "## Tussenkop bij de toetsing\n\n");
		if (i == 50)
			strbuf_adds(&md, "    regel-zonder-spaties-die-veel-te-lang-is-voor-een-regel-"
					 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\n");
		if (i == 70)
			strbuf_adds(&md, "- punt in een lijst met *nadruk* en **vet** en een woord "
					 "https://example.nl/een/heel/lang/pad/zonder/spaties/dat/niet/op/een/regel/past/"
					 "en/dus/tussen/tekens/breekt/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n\n> citaat in de brief\n\n");
		strbuf_adds(&md, "Alinea met tekst over de aanvraag, de statuten en de verwerking ");
		for (int k = 0; k < i % 5; k++)
			strbuf_adds(&md, "die de aanvrager heeft beschreven in het dossier ");
		strbuf_adds(&md, "Einde.\n\n");
	}
	return strbuf_detach(&md);
}

static void test_pdf_long(void **state)
{
	struct fx *f = *state;
	char *md = long_markdown(200);
	cmark_node *doc = parse(md);
	free(md);
	render_to(f, doc, &meta);
	cmark_node_free(doc);

	int pages = pdfinfo_pages(f);
	assert_true(pages >= 4);
	char *txt = pdftotext(f, 0);
	char want[256];
	snprintf(want, sizeof(want), "Kenmerk 2026-0007 · pagina 3 van %d · audit " HASH "\n", pages);
	assert_non_null(strstr(txt, want));
	free(txt);

	const char *argv[] = { "pdftotext", "-bbox", f->path, "-", NULL };
	char *html = tool(argv);
	struct margins m = { .pages = pages };
	int words = each_word(html, check_word, &m);
	assert_true(words > 5000);
	assert_int_equal(m.starts, 200); /* nothing went missing off a page */
	assert_int_equal(m.ends, 200);
	assert_int_equal(m.page_numbers, pages);
	assert_int_equal(m.footer_words, pages * 10);
	free(html);
}

/* The same letter, the same bytes; another date, other bytes. */
static void test_pdf_same_bytes(void **state)
{
	(void)state;
	cmark_node *doc = parse(letter_md);
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT, c = STRBUF_INIT;
	struct toets_error e;
	assert_int_equal(render_pdf(doc, &meta, &a, &e), TOETS_OK);
	assert_int_equal(render_pdf(doc, &meta, &b, &e), TOETS_OK);
	struct render_meta later = meta;
	later.created++;
	assert_int_equal(render_pdf(doc, &later, &c, &e), TOETS_OK);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	assert_true(a.len != c.len || memcmp(a.data, c.data, a.len) != 0);
	strbuf_release(&a);
	strbuf_release(&b);
	strbuf_release(&c);
	cmark_node_free(doc);
}

/* Appends to what is in the buffer; an empty tree is one page with its
 * footer. */
static void test_pdf_appends(void **state)
{
	(void)state;
	cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
	struct strbuf sb = STRBUF_INIT;
	struct toets_error e;
	strbuf_adds(&sb, "vooraf");
	assert_int_equal(render_pdf(doc, NULL, &sb, &e), TOETS_OK);
	assert_memory_equal(sb.data, "vooraf%PDF-", 11);
	strbuf_release(&sb);
	cmark_node_free(doc);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_letter),
		cmocka_unit_test(test_text_narrow),
		cmocka_unit_test(test_text_literal),
		cmocka_unit_test_setup_teardown(test_pdf_letter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf_literal_and_draft, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf_long, setup, teardown),
		cmocka_unit_test(test_pdf_same_bytes),
		cmocka_unit_test(test_pdf_appends),
	};
	int rc = cmocka_run_group_tests_name("render", tests, NULL, NULL);
	render_shutdown(); /* fontconfig's, pango's and cairo's caches, for valgrind */
	return rc;
}
