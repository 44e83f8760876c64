
/*
 * Copyright (C) ngx_feed authors
 */


#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <libxml/parser.h>

#include "feed_extract.h"
#include "feed_merge.h"
#include "tap.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif

#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND  0
#endif


/*
 * The driver: character sets, page metadata, errors and hostile pages.
 * Byte values of the encodings come from their code charts (Python's
 * codecs give the same: "日本" is 93 FA 96 7B in Shift_JIS, "é€" is
 * E9 00 AC 20 in UTF-16LE); the choice of charset follows the order
 * documented in feed_extract.h and the HTML standard's prescan.
 */


#define URL  "https://example.com/a/b.html"
#define MB   (1024 * 1024)

#define E_ACUTE  "\xc3\xa9"


static feed_page_t  page;
static char         err[256];


/* an array as a pointer, for is_str() */

static const char *
str(const char *s)
{
    return s;
}


static int
run(const char *html, size_t len, const char *charset)
{
    feed_page_free(&page);
    memset(&page, 0, sizeof(feed_page_t));
    err[0] = '\0';

    return feed_extract(NULL, (const feed_uchar_t *) html, len, charset, URL,
                        0, &page, err, sizeof(err));
}


/* the first item's name */

static const char *
title(const char *html, size_t len, const char *charset)
{
    if (run(html, len, charset) != FEED_OK || page.items.nelts == 0) {
        return NULL;
    }

    return page.items.elts[0].title;
}


#define T(s)  title(s, sizeof(s) - 1, NULL)
#define TC(s, cs)  title(s, sizeof(s) - 1, cs)


static void
charset_is(const char *html, size_t len, const char *header, int source,
    const char *name, const char *what)
{
    int   rc;
    char  buf[64];

    rc = feed_extract_charset((const feed_uchar_t *) html, len, header, buf,
                              sizeof(buf));

    ok(rc == source, "charset %s: from %d (want %d)", what, rc, source);
    is_str(str(buf), name, what);
}


#define CS(s, header, source, name, what)                                    \
    charset_is(s, sizeof(s) - 1, header, source, name, what)


static void
test_charsets(void)
{
    is_str(TC("<p class=\"h-entry\">caf\xe9</p>", "ISO-8859-1"),
           "caf" E_ACUTE, "ISO-8859-1 by Content-Type");

    is_str(T("<meta charset=\"iso-8859-1\"><p class=\"h-entry\">caf\xe9</p>"),
           "caf" E_ACUTE, "ISO-8859-1 by <meta charset>");

    is_str(T("<meta http-equiv=\"Content-Type\" "
             "content=\"text/html; charset=ISO-8859-1\">"
             "<p class=\"h-entry\">caf\xe9</p>"),
           "caf" E_ACUTE, "ISO-8859-1 by <meta http-equiv>");

    is_str(TC("<p class=\"h-entry\">\x80 \x93q\x94</p>", "windows-1252"),
           "\xe2\x82\xac \xe2\x80\x9cq\xe2\x80\x9d", "windows-1252");

    is_str(TC("<p class=\"h-entry\">\x80</p>", "iso-8859-1"),
           "\xe2\x82\xac", "iso-8859-1 read as windows-1252");

    is_str(T("\xef\xbb\xbf<p class=\"h-entry\">" E_ACUTE "</p>"), E_ACUTE,
           "UTF-8 by BOM, the BOM dropped");

    is_str(T("\xff\xfe<\0p\0 \0c\0l\0a\0s\0s\0=\0h\0-\0e\0n\0t\0r\0y\0>\0"
             "\xe9\0\xac\x20<\0/\0p\0>\0"),
           E_ACUTE "\xe2\x82\xac", "UTF-16LE by BOM");

    is_str(T("\xfe\xff\0<\0p\0 \0c\0l\0a\0s\0s\0=\0h\0-\0e\0n\0t\0r\0y\0>"
             "\0\xe9\x20\xac\0<\0/\0p\0>"),
           E_ACUTE "\xe2\x82\xac", "UTF-16BE by BOM");

    is_str(TC("<meta charset=\"iso-8859-1\"><p class=\"h-entry\">" E_ACUTE
              "</p>", "utf-8"),
           E_ACUTE, "Content-Type before <meta>");

    is_str(TC("\xef\xbb\xbf<p class=\"h-entry\">" E_ACUTE "</p>", "latin1"),
           "\xc3\x83\xc2\xa9", "Content-Type before the BOM");

    is_str(TC("<meta charset=\"iso-8859-1\"><p class=\"h-entry\">caf\xe9</p>",
              "x-no-such-charset"),
           "caf" E_ACUTE, "an unknown Content-Type charset is skipped");

    is_str(T("<meta charset=\"shift_jis\"><p class=\"h-entry\">\x93\xfa\x96\x7b"
             "</p>"),
           "\xe6\x97\xa5\xe6\x9c\xac", "Shift_JIS");

    is_str(T("<meta charset=\"koi8-r\"><p class=\"h-entry\">"
             "\xf0\xd2\xc9\xd7\xc5\xd4</p>"),
           "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82",
           "a name iconv knows: KOI8-R");

    is_str(T("<p class=\"h-entry\">caf\xe9</p>"), "caf" E_ACUTE,
           "undeclared, not UTF-8: windows-1252");

    is_str(TC("<p class=\"h-entry\">a\xff" "b</p>", "utf-8"),
           "a\xef\xbf\xbd" "b", "declared UTF-8, an invalid byte: U+FFFD");

    is_str(T("<meta charset=\"utf-16\"><p class=\"h-entry\">" E_ACUTE "</p>"),
           E_ACUTE, "a <meta> UTF-16 means UTF-8");

    CS("", "latin1", FEED_CHARSET_HEADER, "WINDOWS-1252",
       "header label latin1");
    CS("", " UTF-8 ", FEED_CHARSET_HEADER, "UTF-8", "header, spaces");
    CS("", "iso-8859-2", FEED_CHARSET_HEADER, "ISO-8859-2",
       "header, a label for iconv");
    CS("\xfe\xff", NULL, FEED_CHARSET_BOM, "UTF-16BE", "BOM");
    CS("<meta charset=shift_jis>", NULL, FEED_CHARSET_META, "CP932",
       "meta, unquoted");
    CS("<!-- <meta charset=\"koi8-r\"> --><meta charset='iso-8859-2'>", NULL,
       FEED_CHARSET_META, "ISO-8859-2", "meta in a comment skipped");
    CS("<meta content=\"text/html; charset=koi8-r\">", NULL,
       FEED_CHARSET_DEFAULT, "UTF-8", "content without http-equiv ignored");
    CS("<meta charset=\"bogus\"><meta charset=\"koi8-r\">", NULL,
       FEED_CHARSET_META, "KOI8-R", "an unknown meta label is skipped");
    CS("<meta charset=\"utf-8//TRANSLIT\">", NULL, FEED_CHARSET_DEFAULT,
       "UTF-8", "iconv options are not labels");
    CS("<title>a<meta charset=x></title><meta http-equiv=content-type "
       "content='text/html;charset=\"koi8-r\"'>", NULL, FEED_CHARSET_META,
       "KOI8-R", "http-equiv with a quoted charset");
    CS("ok \xe2\x82\xac", NULL, FEED_CHARSET_DEFAULT, "UTF-8",
       "valid UTF-8");
    CS("\xe2\x82", NULL, FEED_CHARSET_DEFAULT, "WINDOWS-1252",
       "truncated UTF-8");
}


static void
test_prescan_limit(void)
{
    char  *html;

    html = malloc(2048);
    memset(html, ' ', 2048);
    memcpy(html + 1100, "<meta charset=\"koi8-r\">", 23);

    charset_is(html, 2048, NULL, FEED_CHARSET_DEFAULT, "UTF-8",
               "a <meta> past the first 1024 bytes is not seen");

    free(html);
}


static void
test_bytes(void)
{
    static const char  nul[] = "<p class=\"h-entry\">\0a</p>"
                               "<p class=\"h-entry\">b\0</p>";
    static const char  crlf[] = "<pre class=\"h-entry\">a\r\nb\rc</pre>";

    ok(run(nul, sizeof(nul) - 1, NULL) == FEED_OK && page.items.nelts == 2,
       "NUL bytes: the page goes on");
    is_str(page.items.elts[0].title, "\xef\xbf\xbd" "a", "NUL: U+FFFD");
    is_str(page.items.elts[1].title, "b\xef\xbf\xbd", "NUL at the end");

    is_str(title(crlf, sizeof(crlf) - 1, NULL), "a\nb\nc",
           "CR LF and CR are LF");
}


/*
 * Runs of ASCII of every length up to past two blocks of the scan, then
 * bytes to check or to change, the page ending right after them: read
 * as declared UTF-8, and their charset when undeclared.
 */

static void
test_utf8_runs(void)
{
    char         *html, *want, *p;
    size_t        i, k, n, bad, badcs;
    const char   *got;
    char          cs[64];

    static const struct {
        const char  *bytes;
        size_t       len;
        const char  *text;
        const char  *charset;
    } ends[] = {
        { "\r", 1, "", "UTF-8" },
        { "", 1, "\xef\xbf\xbd", "UTF-8" },
        { "\xe2\x82", 2, "\xef\xbf\xbd\xef\xbf\xbd", "WINDOWS-1252" },
        { "\xe2\x82\xac", 3, "\xe2\x82\xac", "UTF-8" },
        { "\r\nb", 3, " b", "UTF-8" },
        { "\xc3\xa9\r\xff" "b", 5, "\xc3\xa9 \xef\xbf\xbd" "b",
          "WINDOWS-1252" }
    };

    for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
        bad = 0;
        badcs = 0;

        for (k = 1; k <= 70; k++) {
            n = sizeof("<p class=\"h-entry\">") - 1;

            html = malloc(n + k + ends[i].len);
            want = malloc(k + 16);

            p = html;
            memcpy(p, "<p class=\"h-entry\">", n);
            p += n;
            memset(p, 'a', k);
            p += k;
            memcpy(p, ends[i].bytes, ends[i].len);
            p += ends[i].len;

            memset(want, 'a', k);
            strcpy(want + k, ends[i].text);

            got = title(html, p - html, "utf-8");
            bad += (got == NULL || strcmp(got, want) != 0);

            /* the charset of the run and its end alone: no <meta> */

            badcs += (feed_extract_charset((feed_uchar_t *) html + n,
                                           p - html - n, NULL, cs, sizeof(cs))
                      != FEED_CHARSET_DEFAULT
                      || strcmp(cs, ends[i].charset) != 0);

            free(html);
            free(want);
        }

        ok(bad == 0, "ASCII runs, then end %zu: the text", i);
        ok(badcs == 0, "ASCII runs, then end %zu: the charset", i);
    }
}


static void
test_metadata(void)
{
    static const char  html[] =
        "<!DOCTYPE html><html lang=\" en-GB \"><head>"
        "<title>  My \n blog ]]&gt; x </title><title>second</title>"
        "<meta name=\"keywords\" content=\"k\">"
        "<meta name=\" Description \" content=\"  A \n blog  \">"
        "<meta name=\"description\" content=\"second\">"
        "</head><body></body></html>";

    ok(run(html, sizeof(html) - 1, NULL) == FEED_OK, "metadata: parsed");
    is_str(page.title, "My blog ]]> x", "title: collapsed and trimmed");
    is_str(page.description, "A blog", "description");
    is_str(page.lang, "en-GB", "lang");
    ok(page.items.nelts == 0, "no items");

    run("<html lang=\"en GB<\"><title></title>", 36, NULL);
    ok(page.lang == NULL, "a bad lang: none");
    ok(page.title == NULL, "an empty title: none");

    ok(run("", 0, NULL) == FEED_OK && page.items.nelts == 0
       && page.title == NULL, "an empty page");

    ok(feed_extract(NULL, NULL, 0, NULL, URL, 0, &page, err, sizeof(err))
       == FEED_OK, "no page at all");
}


static void
test_errors(void)
{
    ok(feed_extract(NULL, (feed_uchar_t *) "x", 1, NULL, NULL, 0, &page, err,
                    sizeof(err)) == FEED_ERROR, "no page URL");
    is_str(str(err), "no page URL", "no page URL: said");

    ok(feed_extract(NULL, (feed_uchar_t *) "x", 1, NULL, "/a/b", 0, &page, err,
                    sizeof(err)) == FEED_ERROR, "a relative page URL");
    ok(strstr(err, "\"/a/b\"") != NULL, "a relative page URL: said");

    ok(feed_extract(NULL, (feed_uchar_t *) "x", 1, NULL, "ftp://h/x", 0, &page,
                    err, sizeof(err)) == FEED_ERROR, "an ftp page URL");

    ok(feed_extract(NULL, (feed_uchar_t *) "x",
                    (size_t) FEED_EXTRACT_MAX_INPUT + 1, NULL, URL, 0, &page,
                    err, sizeof(err)) == FEED_ERROR, "a page too large");
    ok(strncmp(err, "page of ", 8) == 0, "a page too large: said");

    feed_page_free(&page);
    memset(&page, 0, sizeof(feed_page_t));
}


/* seconds allowed: valgrind runs code some 30 times slower */

static double
limit(double secs)
{
    return RUNNING_ON_VALGRIND ? secs * 50 : secs;
}


static double
now(void)
{
    struct timespec  ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);

    return ts.tv_sec + ts.tv_nsec / 1e9;
}


static void
test_hostile(void)
{
    int      i;
    char    *html, *p;
    double   t;
    size_t   n;

    /* 100,000 nested elements, then an item after them */

    n = 100000;
    html = malloc(n * 40 + 256);
    p = html + sprintf(html, "<html><body><div class=\"h-entry\">");

    for (i = 0; i < (int) n; i++) {
        p += sprintf(p, "<div class=\"p-name e-content\">");
    }

    p += sprintf(p, "deep");

    for (i = 0; i < (int) n; i++) {
        p += sprintf(p, "</div>");
    }

    p += sprintf(p, "</div><p class=\"h-entry\">after</p></body></html>");

    t = now();
    ok(run(html, p - html, NULL) == FEED_OK, "100,000 nested elements");
    t = now() - t;

    ok(t < limit(1.0), "100,000 nested elements: %.3f s", t);
    ok(page.items.nelts == 2, "100,000 nested elements: the page goes on");
    is_str(page.items.elts[0].title, "deep", "the deep text is kept");
    is_str(page.items.elts[1].title, "after", "and what follows");

    /* a 1 MB attribute */

    n = MB;
    p = html + sprintf(html, "<a class=\"h-entry\" title=\"");
    memset(p, 'x', n);
    p += n;
    p += sprintf(p, "\" href=\"/");
    memset(p, 'y', n);
    p += n;
    p += sprintf(p, "\">short</a>");

    t = now();
    ok(run(html, p - html, NULL) == FEED_OK, "1 MB attributes");
    t = now() - t;

    ok(t < limit(1.0), "1 MB attributes: %.3f s", t);
    is_str(page.items.elts[0].title, "short", "1 MB attributes: the text");
    ok(page.items.elts[0].url == NULL, "a 1 MB URL is dropped");

    /* 100,000 sibling items and properties */

    p = html + sprintf(html, "<div class=\"h-entry\">");

    for (i = 0; i < 100000; i++) {
        p += sprintf(p, "<i class=\"p-category p-name\">c</i>");
    }

    p += sprintf(p, "</div>");

    t = now();
    ok(run(html, p - html, NULL) == FEED_OK, "100,000 properties");
    t = now() - t;

    /* libxml2 allocates three nodes per element here: slower */
    ok(t < limit(2.0), "100,000 properties: %.3f s", t);

    free(html);

    is_str(T("<div class=\"h-entry\"><p class=\"p-name\">a ]]> b</p>"
             "<div class=\"e-content\"><script>alert(1)</script>"
             "<iframe src=\"x\"></iframe><p onclick=\"x()\">"
             "<a href=\"javascript:alert(1)\">j</a></p></div></div>"),
           "a ]]> b", "]]> in a title is text");
    is_str(page.items.elts[0].content, "<p>j</p>",
           "script, iframe, onclick and javascript: removed");
}


static void
test_conf(void)
{
    feed_extract_conf_t  *c;

    c = feed_extract_conf_create();
    ok(c != NULL, "conf: created");

    ok(feed_extract_conf_set_items(c, "//div[", err, sizeof(err))
       == FEED_ERROR, "conf: a bad item expression");
    ok(strstr(err, "at offset") != NULL, "conf: the error has an offset");

    ok(feed_extract_conf_set_items(c, "bogus(//a)", err, sizeof(err))
       == FEED_ERROR, "conf: an unknown function");
    is_str(str(err), "unknown function \"bogus()\"", "conf: its name is said");

    ok(feed_extract_conf_add_field(c, "titel", "//h1", err, sizeof(err))
       == FEED_ERROR, "conf: an unknown field");
    ok(strncmp(err, "unknown field name", 18) == 0, "conf: said");

    ok(feed_extract_conf_add_field(c, "title", "", err, sizeof(err))
       == FEED_ERROR, "conf: an empty expression");
    is_str(str(err), "empty expression", "conf: empty, said");

    ok(feed_extract_conf_set_items(c, "//article", err, sizeof(err))
       == FEED_OK, "conf: items");
    ok(feed_extract_conf_add_field(c, "title", ".//h2", err, sizeof(err))
       == FEED_OK, "conf: a field");

    feed_extract_conf_free(c);
    feed_extract_conf_free(NULL);

    feed_page_free(&page);
    memset(&page, 0, sizeof(feed_page_t));

    c = feed_extract_conf_create();
    ok(feed_extract(c, (feed_uchar_t *) "<p class=\"h-entry\">x</p>", 24,
                    NULL, URL, 0, &page, err, sizeof(err)) == FEED_OK
       && page.items.nelts == 1, "conf without items: h-entry");
    feed_extract_conf_free(c);
}


/*
 * A feed of max items reads in full only the entries the merge could
 * take: newest first, the first of a URL, those with text, the undated
 * last; they stay in document order.
 */

#define CHOOSE_PAGE                                                           \
    "<!doctype html><body>"                                                   \
    "<div class=h-entry><a class='u-url p-name' href=/a>A</a>"                \
    "<time class=dt-published datetime=2026-11-01>x</time></div>"             \
    "<div class=h-entry><a class=u-url href=/b></a>"                          \
    "<time class=dt-published datetime=2026-11-05></time></div>"              \
    "<div class=h-entry><a class='u-url p-name' href=/c>C</a>"                \
    "<time class=dt-published datetime=2026-11-04>x</time></div>"             \
    "<div class=h-entry><a class='u-url p-name' href=/a>A2</a>"               \
    "<time class=dt-published datetime=2026-11-04>x</time></div>"             \
    "<div class=h-entry><a class='u-url p-name' href=/d>D</a></div>"

/* the same entries in the merge's order already */

#define SORTED_PAGE                                                           \
    "<!doctype html><body>"                                                   \
    "<div class=h-entry><a class='u-url p-name' href=/e>E</a>"                \
    "<time class=dt-published datetime=2026-11-05>x</time></div>"             \
    "<div class=h-entry><a class='u-url p-name' href=/f>F</a>"                \
    "<time class=dt-published datetime=2026-11-04>x</time></div>"             \
    "<div class=h-entry><a class='u-url p-name' href=/g>G</a>"                \
    "<time class=dt-published datetime=2026-11-04>x</time></div>"             \
    "<div class=h-entry><a class='u-url p-name' href=/h>H</a></div>"

#define chosen(max)  chosen_in(CHOOSE_PAGE, sizeof(CHOOSE_PAGE) - 1, max)

static const char *
chosen_in(const char *html, size_t len, size_t max)
{
    size_t        i;
    feed_items_t  merged;
    static char   titles[64];

    feed_page_free(&page);
    memset(&page, 0, sizeof(feed_page_t));

    if (feed_extract(NULL, (const feed_uchar_t *) html, len, NULL, URL, max,
                     &page, err, sizeof(err))
        != FEED_OK)
    {
        return "error";
    }

    titles[0] = '\0';

    for (i = 0; i < page.items.nelts; i++) {
        snprintf(titles + strlen(titles), sizeof(titles) - strlen(titles),
                 "%s%s", i ? " " : "",
                 page.items.elts[i].title ? page.items.elts[i].title : "-");
    }

    /* and the merge takes them all, in its order */

    memset(&merged, 0, sizeof(feed_items_t));

    if (max && feed_merge(&merged, &page, 1, max) == FEED_OK) {
        snprintf(titles + strlen(titles), sizeof(titles) - strlen(titles),
                 " /");

        for (i = 0; i < merged.nelts; i++) {
            snprintf(titles + strlen(titles),
                     sizeof(titles) - strlen(titles), " %s",
                     merged.elts[i].title);
        }

        feed_items_free(&merged);
    }

    return titles;
}


static void
test_choose(void)
{
    is_str(chosen(0), "A - C A2 D", "every item without max");
    is_str(chosen(1), "C / C", "max 1: the newest with text");
    is_str(chosen(2), "C A2 / C A2", "max 2: same date, document order");
    is_str(chosen(3), "C A2 D / C A2 D", "max 3: an older URL taken, undated");
    is_str(chosen(4), "C A2 D / C A2 D", "max 4: nothing more to take");
    is_str(chosen(5), "A - C A2 D / C A2 D", "max 5: all read, merge drops");

    is_str(chosen_in(SORTED_PAGE, sizeof(SORTED_PAGE) - 1, 0), "E F G H",
           "in order: every item");
    is_str(chosen_in(SORTED_PAGE, sizeof(SORTED_PAGE) - 1, 2), "E F / E F",
           "in order: max 2");
    is_str(chosen_in(SORTED_PAGE, sizeof(SORTED_PAGE) - 1, 3),
           "E F G / E F G", "in order: max 3, same date");
    is_str(chosen_in(SORTED_PAGE, sizeof(SORTED_PAGE) - 1, 5),
           "E F G H / E F G H", "in order: max 5, undated last");
}


int
main(void)
{
    xmlInitParser();

    test_charsets();
    test_prescan_limit();
    test_bytes();
    test_utf8_runs();
    test_metadata();
    test_errors();
    test_hostile();
    test_conf();
    test_choose();

    feed_page_free(&page);
    xmlCleanupParser();

    return tap_done();
}
