
/*
 * Copyright (C) ngx_feed authors
 */


#include <stdlib.h>

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "feed_date.h"
#include "feed_merge.h"
#include "feed_write.h"
#include "feed_rss.h"
#include "feed_atom.h"
#include "feed_json.h"
#include "tap.h"


/*
 * Expected urn:uuid values were computed with python3-xxhash from the
 * construction documented in feed_write.h (two xxHash64 seeds, RFC 9562
 * version 8); expected documents were written from the RSS 2.0, RFC 4287
 * and JSON Feed 1.1 texts.
 */

#define FFFD  "\xef\xbf\xbd"

/* is_str() for arrays */
#define is_buf(buf, want, name)                                               \
    is_mem(buf, strlen(buf), want, strlen(want), name)


/*
 * A strict check of JSON (RFC 8259) as the writers use it: objects,
 * arrays and strings (escapes, strict UTF-8, no raw controls), and no "<"
 * anywhere.  The writers write no numbers, true, false or null.
 */

typedef const feed_uchar_t  *test_ptr_t;


static test_ptr_t
test_json_ws(test_ptr_t p, test_ptr_t last)
{
    while (p < last && (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r'))
    {
        p++;
    }

    return p;
}


static test_ptr_t
test_json_string(test_ptr_t p, test_ptr_t last)
{
    int       i, n;
    uint32_t  cp;

    if (p == NULL || p == last || *p++ != '"') {
        return NULL;
    }

    while (p < last && *p != '"') {

        if (*p == '\\') {
            if (last - p < 2 || !p[1] || !strchr("\"\\/bfnrtu", p[1])) {
                return NULL;
            }

            n = (p[1] == 'u') ? 6 : 2;

            for (i = 2; i < n; i++) {
                if (p + i >= last || !strchr("0123456789abcdef", p[i])
                    || !p[i])
                {
                    return NULL;
                }
            }

            p += n;
            continue;
        }

        n = (*p < 0x20) ? -1 : (*p < 0x80) ? 0
            : (*p >= 0xc2 && *p <= 0xdf) ? 1 : (*p >= 0xe0 && *p <= 0xef) ? 2
            : (*p >= 0xf0 && *p <= 0xf4) ? 3 : -1;

        if (n < 0 || last - p <= n) {
            return NULL;
        }

        cp = *p & (0x7f >> n);

        for (i = 1; i <= n; i++) {
            if ((p[i] & 0xc0) != 0x80) {
                return NULL;
            }

            cp = (cp << 6) | (p[i] & 0x3f);
        }

        if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)
            || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        {
            return NULL;
        }

        p += n + 1;
    }

    return (p < last) ? p + 1 : NULL;
}


static test_ptr_t
test_json_value(test_ptr_t p, test_ptr_t last, int depth)
{
    feed_uchar_t  close;

    p = test_json_ws(p, last);

    if (p == last || depth > 8) {
        return NULL;
    }

    if (*p != '{' && *p != '[') {
        return test_json_string(p, last);
    }

    close = (*p == '{') ? '}' : ']';
    p = test_json_ws(p + 1, last);

    if (p < last && *p == close) {
        return p + 1;
    }

    for ( ;; ) {
        if (close == '}') {
            p = test_json_ws(test_json_string(test_json_ws(p, last), last),
                             last);

            if (p == NULL || p == last || *p++ != ':') {
                return NULL;
            }
        }

        p = test_json_value(p, last, depth + 1);

        if (p == NULL) {
            return NULL;
        }

        p = test_json_ws(p, last);

        if (p == last || (*p != ',' && *p != close)) {
            return NULL;
        }

        if (*p++ == close) {
            return p;
        }
    }
}


static int
test_json_ok(const feed_buf_t *b)
{
    test_ptr_t  p, last;

    if (b->failed || b->len == 0 || memchr(b->data, '<', b->len) != NULL) {
        return 0;
    }

    last = b->data + b->len;
    p = test_json_value(b->data, last, 0);

    return p != NULL && test_json_ws(p, last) == last;
}


/* XML: well-formedness by libxml2, values by XPath */

static xmlDocPtr
test_xml(const feed_buf_t *b)
{
    if (b->failed) {
        return NULL;
    }

    return xmlReadMemory((const char *) b->data, (int) b->len, "feed.xml",
                         NULL, XML_PARSE_NONET);
}


static char *
test_xpath(xmlDocPtr doc, const char *expr)
{
    char                *s;
    xmlChar             *v;
    xmlXPathObjectPtr    obj;
    xmlXPathContextPtr   ctx;

    ctx = xmlXPathNewContext(doc);
    if (ctx == NULL) {
        return NULL;
    }

    xmlXPathRegisterNs(ctx, BAD_CAST "a",
                       BAD_CAST "http://www.w3.org/2005/Atom");
    xmlXPathRegisterNs(ctx, BAD_CAST "dc",
                       BAD_CAST "http://purl.org/dc/elements/1.1/");

    obj = xmlXPathEvalExpression(BAD_CAST expr, ctx);
    s = NULL;

    if (obj) {
        v = xmlXPathCastToString(obj);

        if (v) {
            s = strdup((const char *) v);
            xmlFree(v);
        }

        xmlXPathFreeObject(obj);
    }

    xmlXPathFreeContext(ctx);

    return s;
}


static int
test_is_xpath(xmlDocPtr doc, const char *expr, const char *want,
    const char *file, int line)
{
    int    rc;
    char  *got;

    got = doc ? test_xpath(doc, expr) : NULL;

    rc = tap_is_mem(got, got ? strlen(got) : 0, want, strlen(want), file,
                    line, expr);

    free(got);

    return rc;
}


#define is_xpath(doc, expr, want)                                             \
    test_is_xpath(doc, expr, want, __FILE__, __LINE__)


/* pairs of an XPath expression and its expected string value */

static void
test_xpaths(xmlDocPtr doc, const char *const *t, int line)
{
    for ( /* void */ ; t[0]; t += 2) {
        test_is_xpath(doc, t[0], t[1], __FILE__, line);
    }
}


/* the text cleaning and escaping */

static void
test_escape(const char *in, size_t len, int esc, const char *want,
    const char *name)
{
    char        *copy;
    feed_buf_t   b;

    /* an exact-size heap copy: the sanitizer catches any overread */

    copy = malloc(len ? len : 1);
    if (copy == NULL) {
        ok(0, "%s: no memory", name);
        return;
    }

    memcpy(copy, in, len);

    feed_buf_init(&b, 0);
    feed_write_text(&b, copy, len, esc);
    free(copy);

    is_mem(b.data ? (char *) b.data : "", b.len, want, strlen(want), name);

    feed_buf_free(&b);
}


static void
test_chunks(void)
{
    char        *in, *want;
    size_t       i;
    feed_buf_t   b;

    /* the worst growth, 9 times, over several 4 KB chunks */

    in = malloc(10000);
    want = malloc(90000);

    if (in == NULL || want == NULL) {
        free(in);
        free(want);
        ok(0, "chunks: no memory");
        return;
    }

    memset(in, '&', 10000);

    for (i = 0; i < 10000; i++) {
        memcpy(want + 9 * i, "&amp;amp;", 9);
    }

    feed_buf_init(&b, 0);
    feed_write_text(&b, in, 10000, FEED_ESC_HTML);
    is_mem(b.data, b.len, want, 90000, "html: 10000 & as &amp;amp;");
    feed_buf_free(&b);

    /* a character across the end of the first chunk, then a bad one */

    memset(in, 'a', 4095);
    memcpy(in + 4095, "\xe2\x82\xac\xc0" "b", 5);
    memset(want, 'a', 4095);
    memcpy(want + 4095, "\xe2\x82\xac" FFFD "b", 7);

    feed_buf_init(&b, 0);
    feed_write_text(&b, in, 4100, FEED_ESC_XML);
    is_mem(b.data, b.len, want, 4102, "a character across two chunks");
    feed_buf_free(&b);

    /* a buffer limit stops the writing and says so */

    feed_buf_init(&b, 1000);
    feed_write_text(&b, in, 4100, FEED_ESC_XML);
    ok(b.failed, "a buffer limit fails the buffer");
    feed_buf_free(&b);

    feed_buf_init(&b, 4200);
    feed_write_text(&b, in, 4100, FEED_ESC_XML);
    ok(!b.failed, "a text that fits under the limit is written");
    is_mem(b.data, b.len, want, 4102, "... all of it");
    feed_buf_free(&b);

    free(in);
    free(want);
}


/*
 * The scan of plain bytes, 16 at a time where it can: each byte value in
 * each mode, at every place of runs around the 16-byte blocks and at the
 * end of an exact-size input, is written as it is written alone.
 */

static void
test_runs(void)
{
    int            esc, c, bad;
    char          *in, want[128];
    size_t         i, j, n, wlen;
    feed_buf_t     one, b;
    feed_uchar_t   byte;

    static const size_t  lens[] = { 15, 16, 17, 31, 32, 33, 47, 48 };

    for (esc = FEED_ESC_NONE; esc <= FEED_ESC_JSON; esc++) {
        bad = 0;

        for (c = 0; c < 256 && !bad; c++) {
            byte = (feed_uchar_t) c;

            feed_buf_init(&one, 0);
            feed_write_text(&one, (const char *) &byte, 1, esc);

            for (i = 0; i < sizeof(lens) / sizeof(lens[0]) && !bad; i++) {
                n = lens[i];

                for (j = 0; j < n && !bad; j++) {
                    in = malloc(n);
                    if (in == NULL) {
                        bad = 1;
                        break;
                    }

                    memset(in, 'a', n);
                    in[j] = (char) byte;

                    memset(want, 'a', j);

                    if (one.len) {
                        memcpy(want + j, one.data, one.len);
                    }

                    memset(want + j + one.len, 'a', n - 1 - j);
                    wlen = n - 1 + one.len;

                    feed_buf_init(&b, 0);
                    feed_write_text(&b, in, n, esc);
                    free(in);

                    if (b.len != wlen || memcmp(b.data, want, wlen) != 0) {
                        bad = 1;
                        ok(0, "mode %d: byte 0x%02x at %zu of %zu", esc, c,
                           j, n);
                    }

                    feed_buf_free(&b);
                }
            }

            feed_buf_free(&one);
        }

        ok(!bad, "mode %d: every byte at every place of a run", esc);
    }

    /* a character across two blocks, and a run to the end of the input */

    test_escape("aaaaaaaaaaaaaaa\xc3\xa9" "aaaaaaaaaaaaaaa", 32, FEED_ESC_XML,
                "aaaaaaaaaaaaaaa\xc3\xa9" "aaaaaaaaaaaaaaa",
                "a character across two blocks");
    test_escape("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 32, FEED_ESC_XML,
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "two blocks, to the end");
    test_escape("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa<", 32, FEED_ESC_XML,
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa&lt;",
                "two blocks, < the last byte");
}


/* a string written again from the buffer, also when the buffer moves */

static void
test_again(void)
{
    size_t       i;
    feed_buf_t   b;
    char         want[4096];

    feed_buf_init(&b, 0);
    feed_write_text(&b, "a<b", 3, FEED_ESC_XML);

    memcpy(want, "a&lt;b", 6);

    for (i = 1; i < 600; i++) {
        feed_write_again(&b, 0, 6);
        memcpy(want + 6 * i, "a&lt;b", 6);
    }

    is_mem(b.data, b.len, want, 3600, "written again 600 times as it grew");
    feed_buf_free(&b);

    feed_buf_init(&b, 30);
    feed_write_text(&b, "0123456789", 10, FEED_ESC_XML);
    feed_write_again(&b, 0, 10);
    feed_write_again(&b, 10, 10);
    ok(!b.failed && b.len == 30, "written again up to the limit");
    feed_write_again(&b, 0, 10);
    ok(b.failed && b.len == 30, "not past the limit");
    feed_buf_free(&b);
}


static void
test_cleaning(void)
{
    static const char  specials[] = "a&b<c>d\"e'f\\g";
    static const char  controls[] = "a\0b\x01" "c\x1f" "d\x7f" "e\tf\ng\rh";

    test_escape(specials, sizeof(specials) - 1, FEED_ESC_NONE,
                "a&b<c>d\"e'f\\g", "none: specials stay");
    test_escape(specials, sizeof(specials) - 1, FEED_ESC_XML,
                "a&amp;b&lt;c&gt;d\"e'f\\g", "xml: & < >");
    test_escape(specials, sizeof(specials) - 1, FEED_ESC_PLAIN,
                "a&#x26;b&#x3C;c&#x3E;d\"e'f\\g", "plain: hex references");
    test_escape(specials, sizeof(specials) - 1, FEED_ESC_HTML,
                "a&amp;amp;b&amp;lt;c&amp;gt;d\"e'f\\g",
                "html: escaped twice");
    test_escape(specials, sizeof(specials) - 1, FEED_ESC_ATTR,
                "a&amp;b&lt;c&gt;d&quot;e'f\\g", "attr: & < > \"");
    test_escape(specials, sizeof(specials) - 1, FEED_ESC_JSON,
                "a&b\\u003cc\\u003ed\\\"e'f\\\\g", "json: < > \" \\");

    test_escape(controls, sizeof(controls) - 1, FEED_ESC_NONE,
                "abcde\tf\ng\rh", "none: NUL, C0 and DEL removed");
    test_escape(controls, sizeof(controls) - 1, FEED_ESC_XML,
                "abcde\tf\ng\rh", "xml: TAB LF CR kept");
    test_escape(controls, sizeof(controls) - 1, FEED_ESC_ATTR,
                "abcde&#9;f&#10;g&#13;h", "attr: TAB LF CR as references");
    test_escape(controls, sizeof(controls) - 1, FEED_ESC_JSON,
                "abcde\\tf\\ng\\rh", "json: \\t \\n \\r");

    test_escape("\xc0\xaf", 2, FEED_ESC_XML, FFFD FFFD,
                "overlong C0 AF: two U+FFFD");
    test_escape("\xe0\x80\xaf", 3, FEED_ESC_XML, FFFD FFFD FFFD,
                "overlong E0 80 AF: three U+FFFD");
    test_escape("x\xed\xa0\x80y\xed\xbf\xbfz", 9, FEED_ESC_XML, "xyz",
                "UTF-8 encoded surrogates removed");
    test_escape("x\xef\xbf\xbey\xef\xbf\xbfz", 9, FEED_ESC_XML, "xyz",
                "U+FFFE and U+FFFF removed");
    test_escape("x\xc2\x80y\xc2\x9fz", 7, FEED_ESC_XML, "xyz",
                "C1 controls removed");
    test_escape("\xc2\xa0\xe2\x82\xac\xf0\x9f\x98\x80\xef\xbf\xbd", 12,
                FEED_ESC_XML, "\xc2\xa0\xe2\x82\xac\xf0\x9f\x98\x80" FFFD,
                "valid characters kept");
    test_escape("\xf4\x90\x80\x80", 4, FEED_ESC_XML,
                FFFD FFFD FFFD FFFD, "above U+10FFFF: four U+FFFD");
    test_escape("\xf8\x88\x80\x80\x80", 5, FEED_ESC_XML,
                FFFD FFFD FFFD FFFD FFFD, "five-byte form: five U+FFFD");
    test_escape("a\x80\xbf" "b", 4, FEED_ESC_XML, "a" FFFD FFFD "b",
                "stray continuation bytes");
    test_escape("a\xe2\x82", 3, FEED_ESC_XML, "a" FFFD,
                "a truncated sequence at the end: one U+FFFD");
    test_escape("a\xe2\x82<", 4, FEED_ESC_XML, "a" FFFD "&lt;",
                "a truncated sequence before <");
    test_escape("\xf0\x9f\x98", 3, FEED_ESC_JSON, FFFD,
                "json: truncated four-byte sequence");
    test_escape("a\xe2\x80\xa8" "b\xe2\x80\xa9" "c", 9, FEED_ESC_JSON,
                "a\\u2028b\\u2029c", "json: U+2028 and U+2029 escaped");
    test_escape("a\xe2\x80\xa8" "b", 5, FEED_ESC_XML, "a\xe2\x80\xa8" "b",
                "xml: U+2028 kept");
    test_escape("]]>", 3, FEED_ESC_XML, "]]&gt;", "xml: ]]> broken");
    test_escape("</script>", 9, FEED_ESC_JSON, "\\u003c/script\\u003e",
                "json: </script> escaped");
    test_escape("", 0, FEED_ESC_XML, "", "empty");
    test_escape("abcd", 4, FEED_ESC_XML, "abcd", "four plain bytes");
    test_escape("abcdefgh<", 9, FEED_ESC_XML, "abcdefgh&lt;",
                "eight plain bytes and <");

    test_chunks();
    test_runs();
    test_again();
}


typedef struct {
    int            (*fn)(const char *s);
    const char      *name;
    const char      *in;
    int              want;
    const char      *what;
} test_pred_t;


#define P(fn, in, want, what)  { feed_write_##fn, #fn, in, want, what }

static const test_pred_t  preds[] = {
    P(has_text, NULL, 0, "NULL"),
    P(has_text, "", 0, "empty"),
    P(has_text, " \t\r\n", 0, "white space"),
    P(has_text, "\x01\x02\x7f", 0, "controls"),
    P(has_text, "\xc2\xa0\xe3\x80\x80\xe2\x80\x83", 0, "Unicode spaces"),
    P(has_text, "\xef\xbf\xbe\xed\xa0\x80", 0, "characters removed"),
    P(has_text, "\xc0", 1, "an invalid byte (U+FFFD)"),
    P(has_text, " a ", 1, "a letter"),
    P(has_text, "\xc3\xa9", 1, "e acute"),

    P(is_url, "https://example.com/", 1, "https"),
    P(is_url, "HTTP://example.com", 1, "HTTP"),
    P(is_url, "ftp://example.com/", 0, "ftp"),
    P(is_url, "/relative", 0, "relative"),
    P(is_url, "https://", 0, "no host"),
    P(is_url, "https:///x", 0, "empty host"),
    P(is_url, "javascript:alert(1)", 0, "javascript"),
    P(is_url, NULL, 0, "NULL"),

    P(is_iri, "tag:example.com,2026:1", 1, "tag"),
    P(is_iri, "urn:isbn:0451450523", 1, "urn"),
    P(is_iri, "https://example.com/\xc3\xbc", 1, "IRI"),
    P(is_iri, "note-42", 0, "no scheme"),
    P(is_iri, "1abc:x", 0, "scheme starts with a digit"),
    P(is_iri, "a b:c", 0, "space in the scheme"),
    P(is_iri, "http://x y", 0, "space"),
    P(is_iri, "http://x<y", 0, "<"),
    P(is_iri, "mailto:", 0, "nothing after the scheme"),
    P(is_iri, "x:\xc0", 0, "invalid UTF-8"),

    P(is_lang, "en", 1, "en"),
    P(is_lang, "en-GB", 1, "en-GB"),
    P(is_lang, "zh-Hant-TW", 1, "zh-Hant-TW"),
    P(is_lang, "x-1", 1, "x-1"),
    P(is_lang, "", 0, "empty"),
    P(is_lang, NULL, 0, "NULL"),
    P(is_lang, "en_GB", 0, "underscore"),
    P(is_lang, "toolongtag", 0, "10 letters"),
    P(is_lang, "en-", 0, "empty subtag"),
    P(is_lang, "-en", 0, "starts with -"),
    P(is_lang, "e1", 0, "digit in the primary tag"),
    P(is_lang, "en\">", 0, "quote"),

    { NULL, NULL, NULL, 0, NULL }
};

#undef P


static void
test_predicates(void)
{
    size_t  n;
    char    buf[FEED_WRITE_CUT_SIZE], in[600];

    for (n = 0; preds[n].name; n++) {
        ok(preds[n].fn(preds[n].in) == preds[n].want, "%s %d: %s",
           preds[n].name, preds[n].want, preds[n].what);
    }

    n = feed_write_cut(buf, "  Hello \n\t world  again ", 0);
    ok(n == strlen(buf), "cut: returns the length");
    is_buf(buf, "Hello world again", "cut: white space collapsed");

    memset(in, 0, sizeof(in));

    for (n = 0; n < 30; n++) {
        memcpy(in + 5 * n, "word ", 5);
    }

    feed_write_cut(buf, in, 0);
    is_buf(buf, "word word word word word word word word word word word "
                "word word word word word\xe2\x80\xa6",
           "cut: 16 whole words (79 characters), then an ellipsis");

    memset(in, 0, sizeof(in));
    memcpy(in, "word ", 5);
    memset(in + 5, 'x', 100);

    feed_write_cut(buf, in, 0);
    ok(strlen(buf) == 83 && memcmp(buf, "word xxxx", 9) == 0
       && memcmp(buf + 80, "\xe2\x80\xa6", 3) == 0,
       "cut: a long word is cut inside, not at the far space");

    memset(in, 0, sizeof(in));

    for (n = 0; n < 100; n++) {
        memcpy(in + 2 * n, "\xc3\xa9", 2);
    }

    feed_write_cut(buf, in, 0);
    ok(strlen(buf) == 163 && memcmp(buf + 158, "\xc3\xa9\xe2\x80\xa6", 5)
       == 0, "cut: 80 two-byte characters, never a split one");

    memset(in, 0, sizeof(in));
    memset(in, 0x80, 500);
    in[0] = 'a';
    in[1] = (char) 0xe2;

    n = feed_write_cut(buf, in, 0);
    ok(n < FEED_WRITE_CUT_SIZE, "cut: runs of continuation bytes bounded");

    feed_write_cut(buf, "<p>Hello <b>big</b> world</p><p>Second &amp; "
                   "third&#8217;s &nbsp;x&#x41;</p>", 1);
    is_buf(buf, "Hello big world Second & third\xe2\x80\x99s xA",
           "cut: html tags dropped, references decoded");

    feed_write_cut(buf, "&bogus; &#0; &#x110000; &#12 a <b", 1);
    is_buf(buf, "&bogus; &#0; &#x110000; &#12 a",
           "cut: html: no reference, kept as text; an open tag dropped");

    feed_write_cut(buf, "", 0);
    is_buf(buf, "", "cut: empty");
}


static void
test_ids(void)
{
    char             buf[FEED_WRITE_UUID_LEN + 1];
    size_t           n;
    feed_item_t      item;
    feed_write_id_t  id;

    n = feed_write_uuid(buf, "note-42", 7);
    ok(n == FEED_WRITE_UUID_LEN, "uuid: 45 characters");
    is_buf(buf, "urn:uuid:f0f93a00-0ca7-8507-80e8-b18534a2080c",
           "uuid of \"note-42\"");

    feed_write_uuid(buf, "", 0);
    is_buf(buf, "urn:uuid:2a393357-e92e-8ac7-b97e-5f334f722ca8",
           "uuid of nothing");

    memset(&item, 0, sizeof(feed_item_t));
    item.id = "note-42";
    item.url = "https://example.com/n/42";

    feed_write_item_id(&id, &item, 0);
    ok(strcmp(id.id, "note-42") == 0 && !id.permalink,
       "id: a non-URL id as it is, not a permalink");

    feed_write_item_id(&id, &item, 1);
    ok(strcmp(id.id, "urn:uuid:f0f93a00-0ca7-8507-80e8-b18534a2080c") == 0
       && !id.permalink, "id: a non-IRI id hashed for Atom");

    item.id = "https://example.com/n/42";
    feed_write_item_id(&id, &item, 1);
    ok(strcmp(id.id, item.url) == 0 && id.permalink,
       "id: the URL as id is a permalink");

    item.id = "tag:example.com,2026:42";
    feed_write_item_id(&id, &item, 1);
    ok(strcmp(id.id, item.id) == 0 && !id.permalink, "id: a tag URI");

    item.id = " \t";
    feed_write_item_id(&id, &item, 0);
    ok(strcmp(id.id, item.url) == 0 && id.permalink,
       "id: a blank id gives way to the URL");

    item.id = NULL;
    item.url = "javascript:alert(1)";
    item.summary = "Just a note";
    item.published.t = 1795046400LL;
    item.published.kind = FEED_DATE_DAY;

    feed_write_item_id(&id, &item, 0);
    is_str(id.id, "urn:uuid:09a34fde-a67b-862b-a06c-6f3051670e21",
           "id: no id and no http URL: hashed from the content");
    ok(!id.permalink, "id: a hashed id is no permalink");

    item.summary = "Just a note!";
    feed_write_item_id(&id, &item, 0);
    ok(strcmp(id.id, "urn:uuid:09a34fde-a67b-862b-a06c-6f3051670e21") != 0,
       "id: another content, another hash");
}


/* the small channel of the exact documents below */

static const char  *test_cats[] = { "news", "c&d" };


static void
test_small_channel(feed_channel_t *ch, feed_item_t *it)
{
    memset(ch, 0, sizeof(feed_channel_t));
    memset(it, 0, 2 * sizeof(feed_item_t));

    it[0].title = "First <post>";
    it[0].url = "https://example.com/posts/1";
    it[0].published.t = 1795167000LL;       /* 2026-11-20T09:30:00Z */
    it[0].published.kind = FEED_DATE_TIME;
    it[0].updated.t = 1795248000LL;         /* 2026-11-21T08:00:00Z */
    it[0].updated.kind = FEED_DATE_TIME;
    it[0].content = "<p>Hello &amp; welcome</p>";
    it[0].summary = "Hello & welcome";
    it[0].author = "Ann";
    it[0].author_url = "https://ann.example/";
    it[0].photo = "https://example.com/a.jpg";
    it[0].categories = (char **) test_cats;
    it[0].ncategories = 2;

    it[1].id = "note-42";
    it[1].summary = "Just a note";
    it[1].published.t = 1795046400LL;       /* 2026-11-19 */
    it[1].published.kind = FEED_DATE_DAY;

    ch->title = "Example & Co";
    ch->home_url = "https://example.com/";
    ch->self_url = "https://example.com/feed.xml";
    ch->lang = "en-GB";
    ch->build_date = 1795167000LL;
    ch->items = it;
    ch->nitems = 2;
}


static const char  expect_rss[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\""
    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
    "  <channel>\n"
    "    <title>Example &#x26; Co</title>\n"
    "    <link>https://example.com/</link>\n"
    "    <description>Example &#x26; Co</description>\n"
    "    <atom:link href=\"https://example.com/feed.xml\" rel=\"self\""
    " type=\"application/rss+xml\"/>\n"
    "    <language>en-GB</language>\n"
    "    <lastBuildDate>Fri, 20 Nov 2026 09:30:00 +0000</lastBuildDate>\n"
    "    <generator>ngx_feed</generator>\n"
    "    <item>\n"
    "      <title>First &#x3C;post&#x3E;</title>\n"
    "      <link>https://example.com/posts/1</link>\n"
    "      <description>&lt;p&gt;Hello &amp;amp; welcome&lt;/p&gt;"
    "</description>\n"
    "      <dc:creator>Ann</dc:creator>\n"
    "      <category>news</category>\n"
    "      <category>c&#x26;d</category>\n"
    "      <guid isPermaLink=\"true\">https://example.com/posts/1</guid>\n"
    "      <pubDate>Fri, 20 Nov 2026 09:30:00 +0000</pubDate>\n"
    "    </item>\n"
    "    <item>\n"
    "      <description>Just a note</description>\n"
    "      <guid isPermaLink=\"false\">note-42</guid>\n"
    "      <pubDate>Thu, 19 Nov 2026 00:00:00 +0000</pubDate>\n"
    "    </item>\n"
    "  </channel>\n"
    "</rss>\n";


static const char  expect_atom[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n"
    "  <id>https://example.com/feed.xml</id>\n"
    "  <title>Example &amp; Co</title>\n"
    "  <updated>2026-11-21T08:00:00Z</updated>\n"
    "  <link rel=\"self\" type=\"application/atom+xml\""
    " href=\"https://example.com/feed.xml\"/>\n"
    "  <link rel=\"alternate\" href=\"https://example.com/\"/>\n"
    "  <author>\n"
    "    <name>Example &amp; Co</name>\n"
    "    <uri>https://example.com/</uri>\n"
    "  </author>\n"
    "  <generator>ngx_feed</generator>\n"
    "  <entry>\n"
    "    <id>https://example.com/posts/1</id>\n"
    "    <title>First &lt;post&gt;</title>\n"
    "    <updated>2026-11-21T08:00:00Z</updated>\n"
    "    <published>2026-11-20T09:30:00Z</published>\n"
    "    <link rel=\"alternate\" href=\"https://example.com/posts/1\"/>\n"
    "    <author>\n"
    "      <name>Ann</name>\n"
    "      <uri>https://ann.example/</uri>\n"
    "    </author>\n"
    "    <category term=\"news\"/>\n"
    "    <category term=\"c&amp;d\"/>\n"
    "    <summary>Hello &amp; welcome</summary>\n"
    "    <content type=\"html\">&lt;p&gt;Hello &amp;amp; welcome&lt;/p&gt;"
    "</content>\n"
    "  </entry>\n"
    "  <entry>\n"
    "    <id>urn:uuid:f0f93a00-0ca7-8507-80e8-b18534a2080c</id>\n"
    "    <title>Just a note</title>\n"
    "    <updated>2026-11-19T00:00:00Z</updated>\n"
    "    <published>2026-11-19T00:00:00Z</published>\n"
    "    <content type=\"text\">Just a note</content>\n"
    "  </entry>\n"
    "</feed>\n";


static const char  expect_json[] =
    "{\n"
    "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
    "  \"title\": \"Example & Co\",\n"
    "  \"home_page_url\": \"https://example.com/\",\n"
    "  \"feed_url\": \"https://example.com/feed.xml\",\n"
    "  \"language\": \"en-GB\",\n"
    "  \"items\": [\n"
    "    {\n"
    "      \"id\": \"https://example.com/posts/1\",\n"
    "      \"url\": \"https://example.com/posts/1\",\n"
    "      \"title\": \"First \\u003cpost\\u003e\",\n"
    "      \"content_html\": \"\\u003cp\\u003eHello &amp; welcome"
    "\\u003c/p\\u003e\",\n"
    "      \"summary\": \"Hello & welcome\",\n"
    "      \"image\": \"https://example.com/a.jpg\",\n"
    "      \"date_published\": \"2026-11-20T09:30:00Z\",\n"
    "      \"date_modified\": \"2026-11-21T08:00:00Z\",\n"
    "      \"authors\": [{\"name\": \"Ann\","
    " \"url\": \"https://ann.example/\"}],\n"
    "      \"tags\": [\"news\", \"c&d\"]\n"
    "    },\n"
    "    {\n"
    "      \"id\": \"note-42\",\n"
    "      \"content_text\": \"Just a note\",\n"
    "      \"date_published\": \"2026-11-19T00:00:00Z\"\n"
    "    }\n"
    "  ]\n"
    "}\n";


static void
test_exact(void)
{
    feed_buf_t      b;
    xmlDocPtr       doc;
    feed_item_t     it[2];
    feed_channel_t  ch;

    test_small_channel(&ch, it);

    feed_buf_init(&b, 0);
    ok(feed_write_rss(&b, &ch) == FEED_OK, "rss: FEED_OK");
    is_mem(b.data, b.len, expect_rss, sizeof(expect_rss) - 1,
           "rss: the whole document");

    doc = test_xml(&b);
    ok(doc != NULL, "rss: well-formed");
    is_xpath(doc, "string(/rss/channel/item[1]/title)", "First <post>");
    is_xpath(doc, "string(/rss/channel/item[1]/description)",
             "<p>Hello &amp; welcome</p>");
    is_xpath(doc, "string(/rss/channel/item[1]/category[2])", "c&d");
    is_xpath(doc, "string(/rss/channel/a:link/@href)",
             "https://example.com/feed.xml");
    xmlFreeDoc(doc);
    feed_buf_free(&b);

    feed_buf_init(&b, 0);
    ok(feed_write_atom(&b, &ch) == FEED_OK, "atom: FEED_OK");
    is_mem(b.data, b.len, expect_atom, sizeof(expect_atom) - 1,
           "atom: the whole document");

    doc = test_xml(&b);
    ok(doc != NULL, "atom: well-formed");
    is_xpath(doc, "string(/a:feed/a:entry[1]/a:title)", "First <post>");
    is_xpath(doc, "string(/a:feed/a:entry[1]/a:content)",
             "<p>Hello &amp; welcome</p>");
    is_xpath(doc, "string(/a:feed/a:entry[1]/a:category[2]/@term)", "c&d");
    xmlFreeDoc(doc);
    feed_buf_free(&b);

    feed_buf_init(&b, 0);
    ok(feed_write_json(&b, &ch) == FEED_OK, "json: FEED_OK");
    is_mem(b.data, b.len, expect_json, sizeof(expect_json) - 1,
           "json: the whole document");
    ok(test_json_ok(&b), "json: valid, no <");
    feed_buf_free(&b);

    /* determinism: the same bytes twice */

    {
        feed_buf_t  b1, b2;

        feed_buf_init(&b1, 0);
        feed_buf_init(&b2, 0);
        feed_write_atom(&b1, &ch);
        feed_write_atom(&b2, &ch);

        ok(b1.len == b2.len && memcmp(b1.data, b2.data, b1.len) == 0,
           "the same channel, the same bytes");

        feed_buf_free(&b1);
        feed_buf_free(&b2);
    }

    /* a buffer limit makes the writers fail, not truncate silently */

    feed_buf_init(&b, 100);
    ok(feed_write_rss(&b, &ch) == FEED_ERROR, "rss: out of room: error");
    feed_buf_free(&b);

    feed_buf_init(&b, 100);
    ok(feed_write_atom(&b, &ch) == FEED_ERROR, "atom: out of room: error");
    feed_buf_free(&b);

    feed_buf_init(&b, 100);
    ok(feed_write_json(&b, &ch) == FEED_ERROR, "json: out of room: error");
    feed_buf_free(&b);
}


static const char  *xp_rss_fallbacks[] = {
    "string(/rss/channel/title)", "https://example.com/",
    "string(/rss/channel/description)", "https://example.com/",
    "count(/rss/channel/language)", "0",
    "string(/rss/channel/lastBuildDate)", "Thu, 01 Jan 1970 00:00:00 +0000",
    "count(/rss/channel/item)", "3",
    "count(/rss/channel/item[1]/title)", "0",
    "string(/rss/channel/item[1]/description)",
        "<p>Only <em>content</em> here</p>",
    "count(/rss/channel/item[1]/pubDate)", "0",
    "string(/rss/channel/item[2]/description)", "Summary &amp; more",
    "string(/rss/channel/item[2]/pubDate)", "Fri, 20 Nov 2026 09:30:00 +0000",
    "string(/rss/channel/item[2]/dc:creator)", "https://bob.example/",
    "count(/rss/channel/item[2]/category)", "1",
    "string(/rss/channel/item[3]/title)", "Title only",
    "count(/rss/channel/item[3]/link)", "0",
    "count(/rss/channel/item[3]/description)", "0",
    "string(/rss/channel/item[3]/guid/@isPermaLink)", "false",
    "starts-with(/rss/channel/item[3]/guid, 'urn:uuid:')", "true",
    NULL
};

static const char  *xp_atom_fallbacks[] = {
    "count(/a:feed/@xml:lang)", "0",
    "string(/a:feed/a:updated)", "2026-11-20T09:30:00Z",
    "string(/a:feed/a:author/a:name)", "https://example.com/",
    "count(/a:feed/a:entry)", "3",
    "string(/a:feed/a:entry[1]/a:title)", "Only content here",
    "string(/a:feed/a:entry[1]/a:updated)", "2026-11-20T09:30:00Z",
    "count(/a:feed/a:entry[1]/a:link)", "0",
    "string(/a:feed/a:entry[1]/a:content/@type)", "html",
    "string(/a:feed/a:entry[2]/a:title)", "Summary & more",
    "string(/a:feed/a:entry[2]/a:summary)", "Summary & more",
    "count(/a:feed/a:entry[2]/a:content)", "0",
    "count(/a:feed/a:entry[2]/a:published)", "0",
    "string(/a:feed/a:entry[2]/a:author/a:name)", "https://bob.example/",
    "string(/a:feed/a:entry[2]/a:author/a:uri)", "https://bob.example/",
    "string(/a:feed/a:entry[2]/a:id)", "https://example.com/1",
    "string(/a:feed/a:entry[3]/a:content/@type)", "text",
    "string(/a:feed/a:entry[3]/a:content)", "",
    "string(/a:feed/a:entry[3]/a:author/a:name)", "Carol",
    "count(/a:feed/a:entry[3]/a:author/a:uri)", "0",
    NULL
};

static const char  *xp_atom_authors[] = {
    "count(/a:feed/a:author)", "0",
    NULL
};

static const char  *xp_rss_empty[] = {
    "count(/rss/channel/item)", "0",
    "string(/rss/channel/description)", "Nothing yet",
    "string(/rss/channel/language)", "fr",
    NULL
};

static const char  *xp_atom_empty[] = {
    "string(/a:feed/a:updated)", "2026-11-20T09:30:00Z",
    "string(/a:feed/a:author/a:name)", "Empty",
    "string(/a:feed/a:subtitle)", "Nothing yet",
    "string(/a:feed/@xml:lang)", "fr",
    NULL
};


static void
test_fallbacks(void)
{
    feed_buf_t      b;
    xmlDocPtr       doc;
    feed_item_t     it[4];
    feed_channel_t  ch;

    static const char  *blank[] = { " ", "tag", "\x01" };

    memset(&ch, 0, sizeof(feed_channel_t));
    memset(it, 0, sizeof(it));

    /* 0: content only, no link */
    it[0].content = "<p>Only <em>content</em> here</p>";

    /* 1: a summary and a link, updated only */
    it[1].summary = "Summary & more";
    it[1].url = "https://example.com/1";
    it[1].updated.t = 1795167000LL;
    it[1].updated.kind = FEED_DATE_TIME;
    it[1].author_url = "https://bob.example/";
    it[1].categories = (char **) blank;
    it[1].ncategories = 3;

    /* 2: nothing to show: left out everywhere */
    it[2].url = "https://example.com/2";
    it[2].title = " \n ";
    it[2].summary = "\x01";
    it[2].author = "Nobody";

    /* 3: a title only, with a javascript: link and a bad photo */
    it[3].title = "Title only";
    it[3].url = "javascript:alert(1)";
    it[3].photo = "data:image/png;base64,AAAA";
    it[3].author = "Carol";

    ch.title = NULL;
    ch.home_url = "https://example.com/";
    ch.self_url = "https://example.com/feed";
    ch.lang = "en_US";
    ch.build_date = 0;
    ch.items = it;
    ch.nitems = 4;

    feed_buf_init(&b, 0);
    ok(feed_write_rss(&b, &ch) == FEED_OK, "rss fallbacks: FEED_OK");
    doc = test_xml(&b);
    ok(doc != NULL, "rss fallbacks: well-formed");
    test_xpaths(doc, xp_rss_fallbacks, __LINE__);
    xmlFreeDoc(doc);
    feed_buf_free(&b);

    feed_buf_init(&b, 0);
    ok(feed_write_atom(&b, &ch) == FEED_OK, "atom fallbacks: FEED_OK");
    doc = test_xml(&b);
    ok(doc != NULL, "atom fallbacks: well-formed");
    test_xpaths(doc, xp_atom_fallbacks, __LINE__);
    xmlFreeDoc(doc);
    feed_buf_free(&b);

    feed_buf_init(&b, 0);
    ok(feed_write_json(&b, &ch) == FEED_OK, "json fallbacks: FEED_OK");
    ok(test_json_ok(&b), "json fallbacks: valid");
    ok(feed_buf_cstr(&b) != NULL
       && strstr((char *) b.data, "\"title\": \"https://example.com/\"")
       && !strstr((char *) b.data, "\"language\"")
       && !strstr((char *) b.data, "\"description\"")
       && strstr((char *) b.data, "\"content_text\": \"Summary & more\"")
       && strstr((char *) b.data, "\"date_modified\": "
                                  "\"2026-11-20T09:30:00Z\"")
       && !strstr((char *) b.data, "\"date_published\"")
       && strstr((char *) b.data,
                 "\"authors\": [{\"url\": \"https://bob.example/\"}]")
       && strstr((char *) b.data, "\"tags\": [\"tag\"]")
       && strstr((char *) b.data, "\"content_text\": \"\"")
       && !strstr((char *) b.data, "javascript")
       && !strstr((char *) b.data, "data:")
       && !strstr((char *) b.data, "Nobody"),
       "json fallbacks: the fields expected");
    feed_buf_free(&b);

    /* every entry has an author: the feed needs none */

    it[0].author = "Dan";
    it[1].author = NULL;
    ch.items = &it[0];
    ch.nitems = 2;

    feed_buf_init(&b, 0);
    feed_write_atom(&b, &ch);
    doc = test_xml(&b);
    test_xpaths(doc, xp_atom_authors, __LINE__);
    xmlFreeDoc(doc);
    feed_buf_free(&b);

    /* no items at all */

    ch.title = "Empty";
    ch.description = "Nothing yet";
    ch.lang = "fr";
    ch.build_date = 1795167000LL;
    ch.nitems = 0;

    feed_buf_init(&b, 0);
    feed_write_rss(&b, &ch);
    doc = test_xml(&b);
    ok(doc != NULL, "rss, no items: well-formed");
    test_xpaths(doc, xp_rss_empty, __LINE__);
    xmlFreeDoc(doc);
    feed_buf_free(&b);

    feed_buf_init(&b, 0);
    feed_write_atom(&b, &ch);
    doc = test_xml(&b);
    ok(doc != NULL, "atom, no items: well-formed");
    test_xpaths(doc, xp_atom_empty, __LINE__);
    xmlFreeDoc(doc);
    feed_buf_free(&b);

    feed_buf_init(&b, 0);
    feed_write_json(&b, &ch);
    ok(test_json_ok(&b), "json, no items: valid");
    ok(feed_buf_cstr(&b) != NULL
       && strstr((char *) b.data, "\"items\": []\n}\n")
       && strstr((char *) b.data, "\"description\": \"Nothing yet\"")
       && strstr((char *) b.data, "\"language\": \"fr\""),
       "json, no items: an empty array");
    feed_buf_free(&b);
}


/*
 * Hostile strings in every field: control characters, forbidden and
 * invalid code points, markup, and the cleaned text that must come out.
 */

#define HOSTILE                                                               \
    "x\x01y\x1f<]]>&\"'\xef\xbf\xbe\xef\xbf\xbf\xed\xa0\x80\xc0\xaf"          \
    "</script>\xe2\x80\xa8\x7f\xc2\x85z\xf4\x90\x80\x80\xe2\x82"

#define HOSTILE_CLEAN                                                         \
    "xy<]]>&\"'" FFFD FFFD "</script>\xe2\x80\xa8z"                           \
    FFFD FFFD FFFD FFFD FFFD


static const char  *xp_rss_hostile[] = {
    "string(/rss/channel/title)", HOSTILE_CLEAN,
    "string(/rss/channel/item[1]/title)", HOSTILE_CLEAN,
    "string(/rss/channel/item[1]/description)", HOSTILE_CLEAN,
    "string(/rss/channel/item[1]/guid)", HOSTILE_CLEAN,
    "string(/rss/channel/item[1]/category[1])", HOSTILE_CLEAN,
    "count(/rss/channel/item[1]/category)", "1",
    "string(/rss/channel/a:link/@href)", "https://example.com/" HOSTILE_CLEAN,
    "string(/rss/channel/item[1]/pubDate)", "Mon, 01 Jan 0001 00:00:00 +0000",
    NULL
};

static const char  *xp_atom_hostile[] = {
    "string(/a:feed/a:entry[1]/a:title)", HOSTILE_CLEAN,
    "string(/a:feed/a:entry[1]/a:summary)", HOSTILE_CLEAN,
    "string(/a:feed/a:entry[1]/a:content)", HOSTILE_CLEAN,
    "string(/a:feed/a:entry[1]/a:category/@term)", HOSTILE_CLEAN,
    "string(/a:feed/a:entry[1]/a:link/@href)",
        "https://example.com/?" HOSTILE_CLEAN,
    "starts-with(/a:feed/a:entry[1]/a:id, 'urn:uuid:')", "true",
    "string(/a:feed/a:entry[1]/a:id)",
        "urn:uuid:00d26421-a850-8f45-b107-7dd623016935",
    "string(/a:feed/a:updated)", "0001-01-01T00:00:00Z",
    NULL
};

static const char  *xp_atom_big[] = {
    "string-length(/a:feed/a:entry[1]/a:id)", "45",
    NULL
};


static void
test_hostile(void)
{
    char            *big;
    size_t           i;
    feed_buf_t       b;
    xmlDocPtr        doc;
    feed_item_t      it[2];
    feed_channel_t   ch;
    char            *cats[2];

    cats[0] = HOSTILE;
    cats[1] = "\xed\xa0\x80";

    memset(&ch, 0, sizeof(feed_channel_t));
    memset(it, 0, sizeof(it));

    for (i = 0; i < 2; i++) {
        it[i].title = HOSTILE;
        it[i].url = "https://example.com/?" HOSTILE;
        it[i].id = HOSTILE;
        it[i].summary = HOSTILE;
        it[i].content = HOSTILE;
        it[i].author = HOSTILE;
        it[i].author_url = "https://example.com/" HOSTILE;
        it[i].photo = "https://example.com/" HOSTILE;
        it[i].categories = cats;
        it[i].ncategories = 2;
        it[i].published.t = INT64_MIN;
        it[i].published.kind = FEED_DATE_TIME;
    }

    ch.title = HOSTILE;
    ch.description = HOSTILE;
    ch.home_url = "https://example.com/" HOSTILE;
    ch.self_url = "https://example.com/" HOSTILE;
    ch.lang = HOSTILE;
    ch.build_date = INT64_MAX;
    ch.items = it;
    ch.nitems = 2;

    feed_buf_init(&b, 0);
    ok(feed_write_rss(&b, &ch) == FEED_OK, "hostile rss: FEED_OK");
    doc = test_xml(&b);
    ok(doc != NULL, "hostile rss: well-formed");
    test_xpaths(doc, xp_rss_hostile, __LINE__);
    xmlFreeDoc(doc);
    feed_buf_free(&b);

    feed_buf_init(&b, 0);
    ok(feed_write_atom(&b, &ch) == FEED_OK, "hostile atom: FEED_OK");
    doc = test_xml(&b);
    ok(doc != NULL, "hostile atom: well-formed");
    test_xpaths(doc, xp_atom_hostile, __LINE__);
    xmlFreeDoc(doc);
    feed_buf_free(&b);

    feed_buf_init(&b, 0);
    ok(feed_write_json(&b, &ch) == FEED_OK, "hostile json: FEED_OK");
    ok(test_json_ok(&b), "hostile json: valid, no <");
    feed_buf_free(&b);

    /* 1 MB strings */

    big = malloc(1024 * 1024 + 1);
    if (big == NULL) {
        ok(0, "1 MB: no memory");
        return;
    }

    for (i = 0; i < 1024 * 1024; i++) {
        big[i] = HOSTILE[i % (sizeof(HOSTILE) - 1)];
    }

    big[1024 * 1024] = '\0';

    for (i = 0; i < 2; i++) {
        it[i].title = big;
        it[i].summary = big;
        it[i].content = big;
        it[i].id = NULL;
        it[i].url = NULL;
    }

    ch.title = big;

    feed_buf_init(&b, 0);
    ok(feed_write_rss(&b, &ch) == FEED_OK && b.len > 5 * 1024 * 1024,
       "1 MB rss: written");
    doc = test_xml(&b);
    ok(doc != NULL, "1 MB rss: well-formed");
    xmlFreeDoc(doc);
    feed_buf_free(&b);

    feed_buf_init(&b, 0);
    ok(feed_write_atom(&b, &ch) == FEED_OK, "1 MB atom: written");
    doc = test_xml(&b);
    ok(doc != NULL, "1 MB atom: well-formed");
    test_xpaths(doc, xp_atom_big, __LINE__);
    xmlFreeDoc(doc);
    feed_buf_free(&b);

    feed_buf_init(&b, 0);
    ok(feed_write_json(&b, &ch) == FEED_OK, "1 MB json: written");
    ok(test_json_ok(&b), "1 MB json: valid");
    feed_buf_free(&b);

    free(big);
}


/* random bytes, biased towards the ones that matter, in every field */

static uint64_t
test_rand(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;

    return *s;
}


static char *
test_random_string(uint64_t *s, const char *prefix)
{
    char    *p;
    size_t   i, n, plen;

    static const char  pick[] = "<>&\"']\\\t\n\r\x01\x7f\x80\xbf\xc0\xc2"
                                "\xe0\xed\xef\xf0\xf4\xff a\xe2\xa8";

    plen = prefix ? strlen(prefix) : 0;
    n = test_rand(s) % 64;

    p = malloc(plen + n + 1);
    if (p == NULL) {
        return NULL;
    }

    if (plen) {
        memcpy(p, prefix, plen);
    }

    for (i = 0; i < n; i++) {
        if (test_rand(s) % 2) {
            p[plen + i] = pick[test_rand(s) % (sizeof(pick) - 1)];

        } else {
            p[plen + i] = (char) (test_rand(s) % 255 + 1);
        }
    }

    p[plen + n] = '\0';

    return p;
}


static void
test_fuzz(void)
{
    int              bad;
    size_t           round, i, j;
    uint64_t         seed;
    feed_buf_t       b;
    xmlDocPtr        doc;
    feed_item_t      it[4];
    feed_channel_t   ch;

    seed = 0x2545f4914f6cdd1dULL;
    bad = 0;

    for (round = 0; round < 300 && !bad; round++) {
        memset(it, 0, sizeof(it));
        memset(&ch, 0, sizeof(feed_channel_t));

        ch.title = test_random_string(&seed, NULL);
        ch.description = test_random_string(&seed, NULL);
        ch.home_url = test_random_string(&seed, "https://");
        ch.self_url = test_random_string(&seed, "http://");
        ch.lang = test_random_string(&seed, NULL);
        ch.build_date = (int64_t) test_rand(&seed);

        for (i = 0; i < 4; i++) {
            it[i].title = test_random_string(&seed, NULL);
            it[i].url = test_random_string(&seed, "https://");
            it[i].id = (i % 2) ? test_random_string(&seed, NULL) : NULL;
            it[i].summary = test_random_string(&seed, NULL);
            it[i].content = (i % 3) ? test_random_string(&seed, NULL) : NULL;
            it[i].author = test_random_string(&seed, NULL);
            it[i].author_url = test_random_string(&seed, "https://");
            it[i].photo = test_random_string(&seed, "https://");
            it[i].published.t = (int64_t) test_rand(&seed);
            it[i].published.kind = (int) (test_rand(&seed) % 3);
            it[i].updated.t = (int64_t) test_rand(&seed);
            it[i].updated.kind = (int) (test_rand(&seed) % 3);
            it[i].categories = malloc(3 * sizeof(char *));
            it[i].ncategories = it[i].categories ? 3 : 0;

            for (j = 0; j < it[i].ncategories; j++) {
                it[i].categories[j] = test_random_string(&seed, NULL);
            }
        }

        ch.items = it;
        ch.nitems = 4;

        feed_buf_init(&b, 0);
        feed_write_rss(&b, &ch);
        doc = test_xml(&b);
        bad |= (doc == NULL);
        xmlFreeDoc(doc);
        feed_buf_free(&b);

        feed_buf_init(&b, 0);
        feed_write_atom(&b, &ch);
        doc = test_xml(&b);
        bad |= (doc == NULL);
        xmlFreeDoc(doc);
        feed_buf_free(&b);

        feed_buf_init(&b, 0);
        feed_write_json(&b, &ch);
        bad |= !test_json_ok(&b);
        feed_buf_free(&b);

        if (bad) {
            printf("#   round %zu failed\n", round);
        }

        free((char *) ch.title);
        free((char *) ch.description);
        free((char *) ch.home_url);
        free((char *) ch.self_url);
        free((char *) ch.lang);

        for (i = 0; i < 4; i++) {
            feed_item_free(&it[i]);
        }
    }

    ok(!bad, "300 random channels: well-formed XML and valid JSON");
}


/* merging */

static void
test_push(feed_page_t *page, const char *title, const char *url,
    int pub_kind, int64_t pub, int upd_kind, int64_t upd)
{
    feed_item_t  *item;

    item = feed_items_push(&page->items);
    if (item == NULL) {
        return;
    }

    item->title = title ? strdup(title) : NULL;
    item->url = url ? strdup(url) : NULL;
    item->published.kind = pub_kind;
    item->published.t = pub;
    item->updated.kind = upd_kind;
    item->updated.t = upd;
}


static void
test_titles(const feed_items_t *items, const char *want, const char *name)
{
    size_t      i;
    feed_buf_t  b;

    feed_buf_init(&b, 0);

    for (i = 0; i < items->nelts; i++) {
        feed_buf_add_str(&b, i ? " " : "");
        feed_buf_add_str(&b, items->elts[i].title ? items->elts[i].title
                                                  : "-");
    }

    feed_buf_add_byte(&b, '\0');

    is_str(b.data, want, name);

    feed_buf_free(&b);
}


static void
test_merge_pages(feed_page_t *pages)
{
    feed_item_t  *item;

    memset(pages, 0, 2 * sizeof(feed_page_t));

    pages[0].title = strdup("Page one");

    test_push(&pages[0], "a0", "https://e.com/a", FEED_DATE_TIME, 100, 0, 0);
    test_push(&pages[0], "a1", "https://e.com/b", 0, 0, 0, 0);
    test_push(&pages[0], "a2", "https://e.com/c", FEED_DATE_TIME, 300, 0, 0);

    /* nothing to show, however new: dropped */
    test_push(&pages[0], NULL, "https://e.com/x", FEED_DATE_TIME, 999, 0, 0);

    test_push(&pages[1], "b0", "https://e.com/d", 0, 0, FEED_DATE_TIME, 200);
    test_push(&pages[1], "b1", NULL, 0, 0, 0, 0);
    test_push(&pages[1], "b2", "https://e.com/e", FEED_DATE_DAY, 300, 0, 0);
    test_push(&pages[1], "b3", "https://e.com/c", FEED_DATE_TIME, 50, 0, 0);
    test_push(&pages[1], "b4", "https://e.com/b", 0, 0, 0, 0);
    test_push(&pages[1], "b5", "https://e.com/a", FEED_DATE_TIME, 400,
              FEED_DATE_TIME, 10);
    test_push(&pages[1], "b6", NULL, FEED_DATE_TIME, -5, 0, 0);

    /* a summary alone is enough */
    item = feed_items_push(&pages[1].items);
    if (item) {
        item->summary = strdup("s7");
    }
}


static void
test_merge(void)
{
    int           sorted;
    size_t        i;
    uint64_t      seed;
    feed_page_t   pages[3];
    feed_items_t  out;

    /*
     * Dated: b5 (400), a2 and b2 (300, document order), b0 (200, its
     * updated date), a0 (100: its URL is b5's, dropped), b3 (50: a2's URL,
     * dropped), b6 (before 1970).  Undated, in document order: a1, b1, b4
     * (a1's URL, dropped), the summary-only item.
     */

    test_merge_pages(pages);
    memset(&out, 0, sizeof(feed_items_t));

    ok(feed_merge(&out, pages, 2, 100) == FEED_OK, "merge: FEED_OK");
    test_titles(&out, "b5 a2 b2 b0 b6 a1 b1 -",
                "merge: newest first, undated after, each URL once");
    ok(out.nelts == 8 && strcmp(out.elts[7].summary, "s7") == 0,
       "merge: an item with only a summary is kept");
    ok(pages[0].items.nelts == 0 && pages[0].items.elts == NULL
       && pages[1].items.nelts == 0 && pages[1].items.elts == NULL,
       "merge: the pages' item lists are emptied");
    ok(pages[0].title && strcmp(pages[0].title, "Page one") == 0,
       "merge: the pages keep their titles");

    feed_items_free(&out);
    feed_page_free(&pages[0]);
    feed_page_free(&pages[1]);

    test_merge_pages(pages);
    ok(feed_merge(&out, pages, 2, 4) == FEED_OK, "merge max 4: FEED_OK");
    test_titles(&out, "b5 a2 b2 b0", "merge: at most max items");
    feed_items_free(&out);
    feed_page_free(&pages[0]);
    feed_page_free(&pages[1]);

    test_merge_pages(pages);
    ok(feed_merge(&out, pages, 2, 0) == FEED_OK && out.nelts == 0,
       "merge max 0: nothing kept, everything freed");
    feed_items_free(&out);
    feed_page_free(&pages[0]);
    feed_page_free(&pages[1]);

    ok(feed_merge(&out, NULL, 0, 20) == FEED_OK && out.nelts == 0
       && out.elts == NULL, "merge: no pages");

    /* a failed page in the middle is an empty page */

    memset(pages, 0, sizeof(pages));
    test_push(&pages[0], "p0", "https://e.com/1", 0, 0, 0, 0);
    test_push(&pages[2], "p2", "https://e.com/2", 0, 0, 0, 0);
    test_push(&pages[2], "p2b", "https://e.com/1", 0, 0, 0, 0);

    ok(feed_merge(&out, pages, 3, 20) == FEED_OK, "merge: an empty page");
    test_titles(&out, "p0 p2", "merge: undated in page order");
    feed_items_free(&out);

    /* many items: the order holds and every URL is there once */

    memset(pages, 0, sizeof(pages));
    seed = 88172645463325252ULL;

    for (i = 0; i < 3000; i++) {
        char  url[64], title[32];

        snprintf(url, sizeof(url), "https://e.com/%u",
                 (unsigned) (test_rand(&seed) % 1500));
        snprintf(title, sizeof(title), "t%zu", i);

        test_push(&pages[i % 3], title, url,
                  (test_rand(&seed) % 4) ? FEED_DATE_TIME : FEED_DATE_NONE,
                  (int64_t) (test_rand(&seed) % 100000) - 50000, 0, 0);
    }

    ok(feed_merge(&out, pages, 3, 1000) == FEED_OK && out.nelts == 1000,
       "merge: 3000 items into 1000");

    sorted = 1;

    for (i = 1; i < out.nelts; i++) {
        const feed_item_t  *a = &out.elts[i - 1], *b = &out.elts[i];

        if ((a->published.kind == FEED_DATE_NONE
             && b->published.kind != FEED_DATE_NONE)
            || (a->published.kind != FEED_DATE_NONE
                && b->published.kind != FEED_DATE_NONE
                && a->published.t < b->published.t))
        {
            sorted = 0;
        }
    }

    for (i = 0; i < out.nelts && sorted; i++) {
        size_t  j;

        for (j = i + 1; j < out.nelts; j++) {
            if (strcmp(out.elts[i].url, out.elts[j].url) == 0) {
                sorted = 0;
                break;
            }
        }
    }

    ok(sorted, "merge: newest first, no URL twice");
    feed_items_free(&out);
}


int
main(void)
{
    xmlInitParser();

    test_cleaning();
    test_predicates();
    test_ids();
    test_exact();
    test_fallbacks();
    test_hostile();
    test_fuzz();
    test_merge();

    xmlCleanupParser();

    return tap_done();
}
