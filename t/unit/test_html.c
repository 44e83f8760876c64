
/*
 * Copyright (C) ngx_feed authors
 */


#include <stdlib.h>
#include <string.h>

#include "feed_html.h"
#include "tap.h"


/*
 * The HTML tree builder, one behaviour per block.  Expected trees are
 * the HTML standard's (section 13.2), as html5lib 1.1 builds them,
 * except where feed_html.h documents a simplification: those cases
 * assert the documented tree.  Code points of character references come
 * from the standard's table of named character references and its
 * windows-1252 table for &#128; to &#159;.
 *
 * A tree is written in one line: an element as <name a="v">...</name>
 * with its attributes in document order (a void element with no
 * children as <name a="v"> alone), a text node as "...".
 */


#define DEPTH  200

#define E_ACUTE      "\xc3\xa9"              /* U+00E9 */
#define NOT_SIGN     "\xc2\xac"              /* U+00AC */
#define COPY_SIGN    "\xc2\xa9"              /* U+00A9 */
#define EURO_SIGN    "\xe2\x82\xac"          /* U+20AC */
#define REPLACEMENT  "\xef\xbf\xbd"          /* U+FFFD */

#define HEAD_BODY  "<html><head></head><body>"
#define END_BODY   "</body></html>"


static char *serialise(xmlDoc *doc);
static int serialise_attrs(feed_buf_t *b, xmlNode *elt);
static int is_void(xmlNode *elt);


/*
 * The page is given to the parser in a buffer of its exact length, with
 * no NUL after it, so that the sanitizers see a read past its end.
 */

static char *
parse(const char *in, size_t max_depth)
{
    char          *s;
    size_t         len;
    xmlDoc        *doc;
    feed_uchar_t  *page;

    len = strlen(in);

    page = malloc(len ? len : 1);
    if (page == NULL) {
        return NULL;
    }

    memcpy(page, in, len);

    doc = feed_html_parse(page, len, max_depth);
    free(page);

    if (doc == NULL) {
        return NULL;
    }

    s = serialise(doc);
    feed_html_free(doc);

    return s;
}


static void
tree_is(const char *in, const char *want, const char *name)
{
    char  *got;

    got = parse(in, DEPTH);
    is_str(got, want, name);
    free(got);
}


/* a page whose head is empty: want is what its body holds */

static void
body_is(const char *in, const char *want, const char *name)
{
    char        *got, *full;
    feed_buf_t   b;

    feed_buf_init(&b, 0);
    feed_buf_printf(&b, HEAD_BODY "%s" END_BODY, want);
    full = feed_buf_cstr(&b);

    got = parse(in, DEPTH);
    is_str(got, full ? full : "(out of memory)", name);

    free(got);
    free(full);
}


/* body_is() for a page parsed with max_depth */

static void
depth_is(const char *in, size_t max_depth, const char *want,
    const char *name)
{
    char        *got, *full;
    feed_buf_t   b;

    feed_buf_init(&b, 0);
    feed_buf_printf(&b, HEAD_BODY "%s" END_BODY, want);
    full = feed_buf_cstr(&b);

    got = parse(in, max_depth);
    is_str(got, full ? full : "(out of memory)", name);

    free(got);
    free(full);
}


/*
 * The tree in one line, or "(broken links)" when a parent, sibling,
 * last child or document pointer does not agree with the others.
 * Walks without recursion: the trees of deep pages are deep.
 */

static char *
serialise(xmlDoc *doc)
{
    xmlNode     *n, *parent;
    feed_buf_t   b;

    feed_buf_init(&b, 0);

    parent = (xmlNode *) doc;
    n = doc->children;

    while (n) {

        if (n->parent != parent || n->doc != doc
            || (n->prev ? n->prev->next != n : parent->children != n)
            || (n->next == NULL && parent->last != n))
        {
            goto broken;
        }

        if (n->type == XML_TEXT_NODE) {
            if (n->content == NULL || n->children || n->properties) {
                goto broken;
            }

            feed_buf_printf(&b, "\"%s\"", (const char *) n->content);

        } else if (n->type == XML_ELEMENT_NODE) {
            feed_buf_printf(&b, "<%s", (const char *) n->name);

            if (serialise_attrs(&b, n) != FEED_OK) {
                goto broken;
            }

            feed_buf_add_byte(&b, '>');

            if (n->children) {
                parent = n;
                n = n->children;
                continue;
            }

            if (n->last) {
                goto broken;
            }

            if (!is_void(n)) {
                feed_buf_printf(&b, "</%s>", (const char *) n->name);
            }

        } else {
            goto broken;
        }

        /* the next sibling, or that of the nearest ancestor with one */

        while (n->next == NULL && parent != (xmlNode *) doc) {
            n = parent;
            parent = n->parent;
            feed_buf_printf(&b, "</%s>", (const char *) n->name);
        }

        n = n->next;
    }

    return feed_buf_cstr(&b);

broken:

    feed_buf_free(&b);

    return strdup("(broken links)");
}


static int
serialise_attrs(feed_buf_t *b, xmlNode *elt)
{
    xmlAttr  *a;
    xmlNode  *text;

    for (a = elt->properties; a; a = a->next) {
        text = a->children;

        if (a->type != XML_ATTRIBUTE_NODE || a->parent != elt
            || (a->prev ? a->prev->next != a : elt->properties != a)
            || text == NULL || text != a->last || text->next
            || text->type != XML_TEXT_NODE || text->content == NULL
            || text->parent != (xmlNode *) a)
        {
            return FEED_ERROR;
        }

        feed_buf_printf(b, " %s=\"%s\"", (const char *) a->name,
                        (const char *) text->content);
    }

    return FEED_OK;
}


static int
is_void(xmlNode *elt)
{
    size_t             i;
    static const char  *names[] = {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"
    };

    for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (strcmp((const char *) elt->name, names[i]) == 0) {
            return 1;
        }
    }

    return 0;
}


static void
test_implied(void)
{
    tree_is("", HEAD_BODY END_BODY, "an empty page: html, head and body");

    tree_is("<!DOCTYPE html>", HEAD_BODY END_BODY,
            "a doctype only: html, head and body");

    body_is("<p>a", "<p>\"a\"</p>", "a start tag implies html, head, body");

    tree_is("<html lang=en><head id=h><body class=b>x",
            "<html lang=\"en\"><head id=\"h\"></head>"
            "<body class=\"b\">\"x\"</body></html>",
            "explicit html, head and body keep their attributes");

    tree_is("<html><body>x</body></html>\n",
            HEAD_BODY "\"x\n\"" END_BODY,
            "text after </body> and </html> goes on in body");

    tree_is("<HTML><HEAD></HEAD><BODY>x</BODY></HTML>",
            HEAD_BODY "\"x\"" END_BODY, "tag names in any case");

    tree_is("<html lang=en><body><html lang=fr dir=ltr class=x>",
            "<html lang=\"en\" dir=\"ltr\" class=\"x\"><head></head><body>"
            "</body></html>",
            "a second html adds the attributes the first lacks");
}


static void
test_head(void)
{
    tree_is("<meta charset=utf-8><title>T</title><link rel=icon href=/i>"
            "<p>x",
            "<html><head><meta charset=\"utf-8\"><title>\"T\"</title>"
            "<link rel=\"icon\" href=\"/i\"></head>"
            "<body><p>\"x\"</p></body></html>",
            "meta, title and link before body content go to head");

    tree_is("<head>\n<title>t</title>\n</head>\n<body>\n<p>x</p>\n</body>\n",
            "<html><head><title>\"t\"</title></head>"
            "<body>\"\n\"<p>\"x\"</p>\"\n\n\"</body></html>",
            "white space in and after head is dropped");

    tree_is("<title>T</title></head><meta name=a><script>s</script>"
            "<style>c</style><p>x",
            "<html><head><title>\"T\"</title><meta name=\"a\">"
            "<script>\"s\"</script><style>\"c\"</style></head>"
            "<body><p>\"x\"</p></body></html>",
            "head elements after </head> still go to head");

    tree_is("<title>T</title><div>d</div><meta name=a>",
            "<html><head><title>\"T\"</title></head>"
            "<body><div>\"d\"</div><meta name=\"a\"></body></html>",
            "a head element after body content stays in body");

    tree_is("hello<title>t</title>",
            HEAD_BODY "\"hello\"<title>\"t\"</title>" END_BODY,
            "text before any tag starts the body");

    tree_is(" \n\t x", HEAD_BODY "\"x\"" END_BODY,
            "white space before the body is dropped");

    tree_is("<meta name=a>&amp;<meta name=b>",
            "<html><head><meta name=\"a\"></head>"
            "<body>\"&\"<meta name=\"b\"></body></html>",
            "a character reference is text: it starts the body");

    tree_is("<head><noscript><link rel=a></noscript><meta name=b>",
            "<html><head><noscript><link rel=\"a\"></noscript>"
            "<meta name=\"b\"></head><body></body></html>",
            "noscript with link in head");
}


static void
test_p(void)
{
    body_is("<p>a<div>b</div>", "<p>\"a\"</p><div>\"b\"</div>",
            "a div closes an open p");

    body_is("<p>a<ul><li>b</ul><p>c<h2>d</h2><p>e<hr>f",
            "<p>\"a\"</p><ul><li>\"b\"</li></ul><p>\"c\"</p><h2>\"d\"</h2>"
            "<p>\"e\"</p><hr>\"f\"",
            "ul, h2 and hr close an open p");

    body_is("<p>a<span>b<div>c",
            "<p>\"a\"<span>\"b\"</span></p><div>\"c\"</div>",
            "a block closes a p and what is open in it");

    body_is("<p>a<button><div>b",
            "<p>\"a\"<button><div>\"b\"</div></button></p>",
            "a p outside a button is not closed from inside it");

    body_is("<p>a<p>b", "<p>\"a\"</p><p>\"b\"</p>", "a p closes a p");

    body_is("a</p>b", "\"a\"<p></p>\"b\"",
            "</p> with no open p makes an empty p");

    body_is("<div></p></div>", "<div><p></p></div>",
            "</p> inside a div with no p makes an empty p there");
}


static void
test_lists(void)
{
    body_is("<ul><li>a<li>b</ul>",
            "<ul><li>\"a\"</li><li>\"b\"</li></ul>", "li closes li");

    body_is("<ul><li>a<ul><li>b</ul><li>c</ul>",
            "<ul><li>\"a\"<ul><li>\"b\"</li></ul></li><li>\"c\"</li></ul>",
            "li does not close an li of an outer list");

    body_is("<li>a<div><li>b",
            "<li>\"a\"<div></div></li><li>\"b\"</li>",
            "li closes an li with a div open inside it");

    body_is("<dl><dt>a<dd>b<dt>c<dd>d</dl>",
            "<dl><dt>\"a\"</dt><dd>\"b\"</dd><dt>\"c\"</dt><dd>\"d\"</dd>"
            "</dl>",
            "dd and dt close each other");

    body_is("<select><option>a<option>b<optgroup><option>c</select>",
            "<select><option>\"a\"</option><option>\"b\"</option>"
            "<optgroup><option>\"c\"</option></optgroup></select>",
            "option closes option, optgroup closes option");
}


static void
test_body_attributes(void)
{
    tree_is("x<body class=\"h-feed\" id=b>",
            "<html><head></head><body class=\"h-feed\" id=\"b\">\"x\""
            "</body></html>",
            "a later body tag adds its attributes to the body");

    tree_is("<head><noscript><img src=p></noscript></head>"
            "<body class=\"h-feed\"><p>x</p>",
            "<html><head><noscript></noscript></head>"
            "<body class=\"h-feed\"><img src=\"p\"><p>\"x\"</p>"
            "</body></html>",
            "an img in a head noscript starts the body; body's attributes "
            "stay");

    tree_is("<body class=a><body class=b id=c>x",
            "<html><head></head><body class=\"a\" id=\"c\">\"x\""
            "</body></html>",
            "a second body tag adds only what the body lacks");
}


static void
test_tables(void)
{
    body_is("<table><tr><td>a<td>b<tr><th>c<td>d</table>x",
            "<table><tr><td>\"a\"</td><td>\"b\"</td></tr>"
            "<tr><th>\"c\"</th><td>\"d\"</td></tr></table>\"x\"",
            "td and th close open cells, tr the open row");

    body_is("<table><thead><tr><td>a</td></tr><tbody><tr><td>b</table>",
            "<table><thead><tr><td>\"a\"</td></tr></thead>"
            "<tbody><tr><td>\"b\"</td></tr></tbody></table>",
            "tbody closes thead");

    body_is("<table><tr><td><table><tr><td>a<td>b</table>c<td>d</table>",
            "<table><tr><td><table><tr><td>\"a\"</td><td>\"b\"</td></tr>"
            "</table>\"c\"</td><td>\"d\"</td></tr></table>",
            "cells of an inner table do not close outer cells");

    body_is("<table><tr><td>a</table>",
            "<table><tr><td>\"a\"</td></tr></table>",
            "no implied tbody");

    body_is("<table><thead><tr><th>a<tbody><tr><td>b</table>",
            "<table><thead><tr><th>\"a\"</th></tr></thead>"
            "<tbody><tr><td>\"b\"</td></tr></tbody></table>",
            "tbody closes thead with a row open in it");

    body_is("<div><td class=x>a</td><tr><th>b<p>c</p></div>",
            "<div>\"ab\"<p>\"c\"</p></div>",
            "cells and rows outside a table are ignored, their text kept");

    body_is("<table><tbody><tr><td>a<tfoot><tr><td>b</table>",
            "<table><tbody><tr><td>\"a\"</td></tr></tbody>"
            "<tfoot><tr><td>\"b\"</td></tr></tfoot></table>",
            "tfoot closes tbody with a cell open in it");
}


static void
test_headings_and_a(void)
{
    body_is("<h1>a<h2>b", "<h1>\"a\"</h1><h2>\"b\"</h2>",
            "a heading closes an open heading");

    body_is("<h1>a</h2>b", "<h1>\"a\"</h1>\"b\"",
            "any heading end tag closes a heading");

    body_is("<h1>a<span>b<h2>c",
            "<h1>\"a\"<span>\"b\"<h2>\"c\"</h2></span></h1>",
            "a heading inside a span in a heading is nested");

    body_is("<a href=1>x<a href=2>y",
            "<a href=\"1\">\"x\"</a><a href=\"2\">\"y\"</a>",
            "a second a closes the first");

    body_is("<a href=1>x<b>y<a href=2>z",
            "<a href=\"1\">\"x\"<b>\"y\"</b></a>"
            "<b><a href=\"2\">\"z\"</a></b>",
            "a second a closes the first; the b in it is reopened");

    body_is("<button>a<button>b",
            "<button>\"a\"</button><button>\"b\"</button>",
            "a second button closes the first");
}


static void
test_end_tags(void)
{
    body_is("<div>a</span>b</div>", "<div>\"ab\"</div>",
            "an end tag with no open element is ignored");

    body_is("a</div>b", "\"ab\"", "a stray </div> is ignored");

    body_is("<div>a<span>b</div>c",
            "<div>\"a\"<span>\"b\"</span></div>\"c\"",
            "an end tag closes what is open inside its element");

    body_is("<b>1<div>2</b>3</div>4",
            "<b>\"1\"<div>\"23\"</div>\"4\"</b>",
            "a formatting end tag with a block open inside is ignored");

    body_is("<b>1<i>2</b>3",
            "<b>\"1\"<i>\"2\"</i></b><i>\"3\"</i>",
            "a formatting end tag closes formatting open inside it, "
            "which is reopened");

    body_is("<p><strong class=x>a</p><p>b</p>c",
            "<p><strong class=\"x\">\"a\"</strong></p>"
            "<p><strong class=\"x\">\"b\"</strong></p>"
            "<strong class=\"x\">\"c\"</strong>",
            "formatting closed with its block is reopened, attributes too");

    body_is("<div><p>See <a href=\"/x\">this</p>\n</div>",
            "<div><p>\"See \"<a href=\"/x\">\"this\"</a></p>"
            "<a href=\"/x\">\"\n\"</a></div>",
            "a link left open is reopened before the next text");

    body_is("<p><b>a</b></p>b",
            "<p><b>\"a\"</b></p>\"b\"",
            "a formatting element ended by its end tag is not reopened");

    body_is("<b>a<div>b</div>c</b>d",
            "<b>\"a\"<div>\"b\"</div>\"c\"</b>\"d\"",
            "formatting around a block stays open, not reopened");

    body_is("<table><tr><td><b>x</td><td>y</table>z",
            "<table><tr><td><b>\"x\"</b></td><td>\"y\"</td></tr></table>"
            "\"z\"",
            "formatting opened in a cell ends with it");

    body_is("<b><b><b><b>x</b></b></b></b><p>y",
            "<b><b><b><b>\"x\"</b></b></b></b><p>\"y\"</p>",
            "nested formatting closed by its end tags is not reopened");

    body_is("<div class=a>x</div class=b>y",
            "<div class=\"a\">\"x\"</div>\"y\"",
            "attributes of an end tag are dropped");
}


static void
test_void(void)
{
    body_is("<p>a<br>b<img src=x>c<wbr>d<embed><input><source><track>",
            "<p>\"a\"<br>\"b\"<img src=\"x\">\"c\"<wbr>\"d\"<embed><input>"
            "<source><track></p>",
            "void elements have no content");

    body_is("<p>a<hr>b", "<p>\"a\"</p><hr>\"b\"", "hr is void and closes p");

    body_is("<div>a<meta name=m>b</div>",
            "<div>\"a\"<meta name=\"m\">\"b\"</div>",
            "meta in the body is void");

    body_is("<br/>a<img/>b", "<br>\"a\"<img>\"b\"",
            "a self-closing void element");

    body_is("a</br>b", "\"a\"<br>\"b\"", "</br> reads as <br>");

    body_is("a</br class=x>b", "\"a\"<br>\"b\"",
            "</br> drops its attributes");

    body_is("<br>a</br>", "<br>\"a\"<br>", "a </br> after <br> is a br");
}


static void
test_raw_text(void)
{
    body_is("<body><script>if (a<b) x = \"</b>&amp;\";</SCRIPT>y",
            "<script>\"if (a<b) x = \"</b>&amp;\";\"</script>\"y\"",
            "script: raw text up to its end tag in any case");

    body_is("<body><style>a<b>&lt;</style x=\">\">b",
            "<style>\"a<b>&lt;\"</style>\"b\"",
            "style: an end tag with an attribute holding >");

    body_is("<xmp><b>&amp;</Xmp>x", "<xmp>\"<b>&amp;\"</xmp>\"x\"",
            "xmp is raw text");

    body_is("<iframe><p>a</p></iframe>x",
            "<iframe>\"<p>a</p>\"</iframe>\"x\"", "iframe is raw text");

    body_is("<noembed><i>&lt;</noembed>x",
            "<noembed>\"<i>&lt;\"</noembed>\"x\"", "noembed is raw text");

    body_is("<body><noframes><b></noframes>x",
            "<noframes>\"<b>\"</noframes>\"x\"", "noframes is raw text");

    body_is("<body><script>a</scriptx>b</script/>c",
            "<script>\"a</scriptx>b\"</script>\"c\"",
            "</scriptx> does not end a script, </script/ does");

    body_is("<body><script>a</script", "<script>\"a</script\"</script>",
            "a script cut at its end tag name keeps it as text");

    body_is("<body><script></script>x", "<script></script>\"x\"",
            "an empty script has no text");

    tree_is("<title>a&amp;b&lt;<i></title>",
            "<html><head><title>\"a&b<<i>\"</title></head><body></body>"
            "</html>",
            "title decodes character references, not tags");

    body_is("<textarea><b>&eacute;</b></TEXTAREA>x",
            "<textarea>\"<b>" E_ACUTE "</b>\"</textarea>\"x\"",
            "textarea decodes character references, not tags");
}


static void
test_script_escapes(void)
{
    body_is("<body><script><!--<script></script>--></script>x",
            "<script>\"<!--<script></script>-->\"</script>\"x\"",
            "a script in a script comment: one script");

    body_is("<body><script><!--</script>x",
            "<script>\"<!--\"</script>\"x\"",
            "</script> ends an escaped script");

    body_is("<body><script><!--<script>a</script>b</script>c",
            "<script>\"<!--<script>a</script>b\"</script>\"c\"",
            "the nested script's end tag leaves the double escape");

    body_is("<body><script><!--<script>--></script>c",
            "<script>\"<!--<script>-->\"</script>\"c\"",
            "--> leaves a double escape");

    body_is("<body><script><!--><script></script>x",
            "<script>\"<!--><script>\"</script>\"x\"",
            "<!--> opens and closes the escape at once");

    body_is("<body><style><!--<style></style>--></style>x",
            "<style>\"<!--<style>\"</style>\"-->x\"",
            "style has no escapes");
}


static void
test_plaintext(void)
{
    body_is("<p>a<plaintext><b>&amp;</plaintext>",
            "<p>\"a\"</p><plaintext>\"<b>&amp;</plaintext>\"</plaintext>",
            "plaintext: the rest of the page is its text");
}


static void
test_comments(void)
{
    body_is("a<!-- c -->b", "\"ab\"",
            "a comment makes no node: text on both sides is one");

    body_is("a<!-->b<!--->c", "\"abc\"", "<!--> and <!---> are comments");

    body_is("a<!-- x --!>b", "\"ab\"", "--!> ends a comment");

    body_is("a<!-- -- --!-->b", "\"ab\"", "-- and --! inside a comment");

    body_is("a<!--b<p>c", "\"a\"", "an unterminated comment runs to the end");

    body_is("a<?x y?>b</ x>c<!x>d</>e", "\"abcde\"",
            "bogus comments: <?, </ and a space, <!x, and </>");

    body_is("a<!DOCTYPE html>b<!doctype x \"a>\">c", "\"ab\">c\"",
            "a doctype makes no node, and ends at the first >");
}


static void
test_lt_text(void)
{
    body_is("a < b <1 <= c", "\"a < b <1 <= c\"", "< that is text");

    body_is("a<", "\"a<\"", "< at the end is text");

    body_is("a</", "\"a</\"", "</ at the end is text");

    tree_is("<", HEAD_BODY "\"<\"" END_BODY, "< alone starts the body");
}


static void
test_attributes(void)
{
    body_is("<DIV ID=a Id=b CLASS=\"C D\" id=c>x</div>",
            "<div id=\"a\" class=\"C D\">\"x\"</div>",
            "names lower-cased, the first of duplicates kept");

    body_is("<a b=1 c='2 \"3\"' d=\"4 '5'\" e f>x</a>",
            "<a b=\"1\" c=\"2 \"3\"\" d=\"4 '5'\" e=\"\" f=\"\">\"x\"</a>",
            "unquoted, single, double quoted and valueless attributes");

    body_is("<a b = 1 c\n=\n\"2\">x</a>", "<a b=\"1\" c=\"2\">\"x\"</a>",
            "white space around =");

    body_is("<a b/c=1 / d>x</a>", "<a b=\"\" c=\"1\" d=\"\">\"x\"</a>",
            "/ between attributes");

    body_is("<a href=x/>y", "<a href=\"x/\">\"y\"</a>",
            "an unquoted value takes a /");

    body_is("<a =x \"y=1>z", "<a =x=\"\" \"y=\"1\">\"z\"</a>",
            "attribute names may start with = and hold quotes");

    body_is("<div/>x", "<div>\"x\"</div>",
            "a self-closing div opens a div");

    body_is("<span/>x</span>y", "<span>\"x\"</span>\"y\"",
            "a self-closing span opens a span");

    body_is("<svg><circle r=\"1\"/>x<g/>y</svg>z",
            "<svg><circle r=\"1\"></circle>\"x\"<g></g>\"y\"</svg>\"z\"",
            "self-closing tags in svg close");

    body_is("<math><mi/>x</math>y", "<math><mi></mi>\"x\"</math>\"y\"",
            "self-closing tags in math close");

    body_is("<svg/>x", "<svg></svg>\"x\"", "a self-closing svg closes");

    body_is("<svg><![CDATA[a<b>&amp;]]>c</svg>",
            "<svg>\"a<b>&amp;c\"</svg>",
            "CDATA in svg is text, not decoded");

    body_is("<div><![CDATA[x]]>y</div>", "<div>\"y\"</div>",
            "CDATA in HTML is a bogus comment");

    body_is("<svg><p>x", "<svg></svg><p>\"x\"</p>",
            "an HTML element ends svg");

    body_is("<div><svg></div><b>x</b>y",
            "<div><svg></svg></div><b>\"x\"</b>\"y\"",
            "an HTML end tag that closes svg ends the svg content");

    body_is("<p><svg></p><script>a<b>c</script>",
            "<p><svg></svg></p><script>\"a<b>c\"</script>",
            "after svg closed by </p>, a script is raw text again");

    tree_is("<svg><body class=\"h-feed\"><p>x",
            "<html><head></head><body class=\"h-feed\"><svg></svg>"
            "<p>\"x\"</p></body></html>",
            "a body tag in svg ends the svg and adds its attributes");

    body_is("<a href=x><svg></a>y",
            "<a href=\"x\"><svg></svg></a>\"y\"",
            "an end tag of an element outside svg closes it");
}


static void
test_references(void)
{
    body_is("&eacute;&lt;&AMP;", "\"" E_ACUTE "<&\"",
            "named references with a semicolon");

    body_is("&NotEqualTilde;", "\"\xe2\x89\x82\xcc\xb8\"",
            "a two-code-point reference");

    body_is("&notit; &amp &ampx &copy2",
            "\"" NOT_SIGN "it; & &x " COPY_SIGN "2\"",
            "legacy names without a semicolon in text");

    body_is("&hellip &hellipx &bogus; &;", "\"&hellip &hellipx &bogus; &;\"",
            "other names without a semicolon, and unknown ones, stay");

    body_is("&#65;&#x41;&#X42;&#65 &#x43x &#0067", "\"AABA Cx C\"",
            "numeric references with and without a semicolon");

    body_is("&#0;|&#x110000;|&#xD800;|&#xdfff;|&#99999999999;",
            "\"" REPLACEMENT "|" REPLACEMENT "|" REPLACEMENT "|" REPLACEMENT
            "|" REPLACEMENT "\"",
            "zero, out of range and surrogates read as U+FFFD");

    body_is("&#128;&#x81;&#159;",
            "\"" EURO_SIGN "\xc2\x81\xc5\xb8\"",
            "&#128; to &#159; through windows-1252");

    body_is("&#; &#x; &#xg; &# &", "\"&#; &#x; &#xg; &# &\"",
            "&# and &#x without digits stay");

    body_is("<a href=\"?a=1&copy=2&amp=3&copyx\">x</a>",
            "<a href=\"?a=1&copy=2&amp=3&copyx\">\"x\"</a>",
            "legacy names in values before = or alphanumerics stay");

    body_is("<a title=\"&copy &copy;x &copy\" alt='&amp;&lt' id=&#65;>x</a>",
            "<a title=\"" COPY_SIGN " " COPY_SIGN "x " COPY_SIGN "\" "
            "alt=\"&<\" id=\"A\">\"x\"</a>",
            "references in attribute values");
}


/* the element depth of a tree (html is 1), and its deepest element */

static size_t
depth(xmlDoc *doc, xmlNode **deepest)
{
    size_t    d, max;
    xmlNode  *n;

    d = 0;
    max = 0;
    *deepest = NULL;

    n = doc->children;

    while (n) {
        if (n->type == XML_ELEMENT_NODE) {
            d++;

            if (d > max) {
                max = d;
                *deepest = n;
            }

            if (n->children) {
                n = n->children;
                continue;
            }

            d--;
        }

        while (n->next == NULL && n->parent != (xmlNode *) doc) {
            n = n->parent;
            d--;
        }

        n = n->next;
    }

    return max;
}


static char *
repeat(const char *s, size_t n, const char *tail)
{
    char    *p;
    size_t   len, i;

    len = strlen(s);

    p = malloc(len * n + strlen(tail) + 1);
    if (p == NULL) {
        return NULL;
    }

    for (i = 0; i < n; i++) {
        memcpy(p + i * len, s, len);
    }

    strcpy(p + len * n, tail);

    return p;
}


static void
test_depth(void)
{
    char     *in, *got;
    size_t    d;
    xmlDoc   *doc;
    xmlNode  *deepest;

    in = repeat("<div>", 100000, "x");
    doc = in ? feed_html_parse((feed_uchar_t *) in, strlen(in), DEPTH) : NULL;

    ok(doc != NULL, "100,000 nested divs: parsed");

    if (doc) {
        d = depth(doc, &deepest);

        ok(d == DEPTH + 2,
           "100,000 nested divs: html, body and max_depth divs (%zu)", d);

        ok(deepest && strcmp((const char *) deepest->name, "div") == 0
           && deepest->children && deepest->children == deepest->last
           && deepest->children->type == XML_TEXT_NODE
           && strcmp((const char *) deepest->children->content, "x") == 0,
           "100,000 nested divs: the text is in the deepest div");

        feed_html_free(doc);
    }

    free(in);

    /* the text of a raw text element not made keeps its place */

    in = repeat("<div>", 6, "a<script>b</script>c");
    got = in ? parse(in, 4) : NULL;

    is_str(got, HEAD_BODY "<div><div><div><div>\"abc\"</div></div></div>"
           "</div>" END_BODY,
           "too deep: a script's text stays in order");

    free(got);
    free(in);

    /* past max_depth, end tags still close what was not created */

    in = repeat("<div>", 12, "a<span>b</span>c<br>d</div></div></div>"
                "</div></div></div></div></div></div></div></div></div>e");
    got = in ? parse(in, 8) : NULL;

    is_str(got, HEAD_BODY "<div><div><div><div><div><div><div><div>"
           "\"abcd\"</div></div></div></div></div></div></div></div>"
           "\"e\"" END_BODY,
           "too deep: text goes to the deepest element, nothing is lost");

    free(got);
    free(in);
}


static void
test_eof(void)
{
    body_is("<p>x<div class=\"a", "<p>\"x\"</p>",
            "a page ending in a quoted value drops the tag");

    body_is("<p>x<div", "<p>\"x\"</p>",
            "a page ending in a tag name drops the tag");

    body_is("<p>x<img src=a", "<p>\"x\"</p>",
            "a page ending in an unquoted value drops the tag");

    body_is("<p>x</p", "<p>\"x\"</p>",
            "a page ending in an end tag drops it");

    body_is("<p>x<a href=y ", "<p>\"x\"</p>",
            "a page ending after an attribute drops the tag");
}


/*
 * The edges of the tokeniser's fast paths: text kept as a run of the
 * page, an end tag read against the current element, names remembered
 * by hash, the next "&" looked for once.
 */

static void
test_fast_paths(void)
{
    body_is("<p>a</p>b", "<p>\"a\"</p>\"b\"",
            "a text run ending at the end of the page");

    body_is("<p>a</p>b&amp", "<p>\"a\"</p>\"b&\"",
            "a reference ending at the end of the page");

    body_is("<p>a</p>b&", "<p>\"a\"</p>\"b&\"",
            "an \"&\" ending the page");

    body_is("a<!-- c -->b<!-- d -->c", "\"abc\"",
            "runs of text around comments make one text node");

    body_is("a<!-- c -->b&lt;c", "\"ab<c\"",
            "a run of text, then a reference");

    body_is("a&lt;b<!-- c -->c", "\"a<bc\"",
            "a reference, then a run of text");

    body_is("<a title=\"x&amp;y\" href=z>a&lt;b</a>c<a href=\"&gt;\">d</a>",
            "<a title=\"x&y\" href=\"z\">\"a<b\"</a>\"c\""
            "<a href=\">\">\"d\"</a>",
            "references in values and text, in page order");

    body_is("<p>x</p", "<p>\"x\"</p>",
            "an end tag of the current element ending the page");

    body_is("<p>x</p ", "<p>\"x\"</p>",
            "an end tag of the current element and a space ending the page");

    body_is("<p>x</pre>y", "<p>\"xy\"</p>",
            "an end tag that starts with the current element's name");

    body_is("<pre>x</p>y", "<pre>\"x\"<p></p>\"y\"</pre>",
            "an end tag that is the start of the current element's name");

    body_is("<p>x</P>y", "<p>\"x\"</p>\"y\"",
            "an upper-case end tag of the current element");

    body_is("<p>x</p\ny", "<p>\"x\"</p>",
            "an end tag of the current element with a newline after");

    body_is("<time>a</time><TIME>b</time><time>c</Time>d",
            "<time>\"a\"</time><time>\"b\"</time><time>\"c\"</time>\"d\"",
            "an element not in the table, in both cases");

    body_is("<a HREF=1 href=2 Href=3>x</a>", "<a href=\"1\">\"x\"</a>",
            "a duplicate attribute in another case");

    body_is("<a abc=1 axc=2 abc=3>x</a><b abc=4 axc=5>y</b>",
            "<a abc=\"1\" axc=\"2\">\"x\"</a><b abc=\"4\" axc=\"5\">\"y\"</b>",
            "attribute names of one hash");

    body_is("<a data-a-long-name-of-more-than-32=1 "
            "DATA-A-LONG-NAME-OF-MORE-THAN-32=2>x</a>",
            "<a data-a-long-name-of-more-than-32=\"1\">\"x\"</a>",
            "a long attribute name, and its duplicate in upper case");

    body_is("<an-element-name-of-more-than-32-bytes>x"
            "</AN-ELEMENT-NAME-OF-MORE-THAN-32-BYTES>y",
            "<an-element-name-of-more-than-32-bytes>\"x\""
            "</an-element-name-of-more-than-32-bytes>\"y\"",
            "a long element name, ended in upper case");

    body_is("<p class=a", "",
            "a page ending in an attribute name");

    body_is("<p><b>x</p><span>y</span>z",
            "<p><b>\"x\"</b></p><b><span>\"y\"</span>\"z\"</b>",
            "a plain element with formatting to reopen before it");

    body_is("<p>a<div>b</div>c", "<p>\"a\"</p><div>\"b\"</div>\"c\"",
            "a block with a p open");

    body_is("<svg><g><path></path></g></svg><div>x</div>",
            "<svg><g><path></path></g></svg><div>\"x\"</div>",
            "end tags of the current element in svg");

    body_is("<ul><li>a</li><li>b</ul>",
            "<ul><li>\"a\"</li><li>\"b\"</li></ul>",
            "end tags of the current element, one with a rule of its own");

    body_is("<table><tr><td><b>x</b></td><td>y</td></tr></table>",
            "<table><tr><td><b>\"x\"</b></td><td>\"y\"</td></tr></table>",
            "end tags of the current cell, row and table");

    body_is("<b>a</b>b</b>", "<b>\"a\"</b>\"b\"",
            "the end tag of the current formatting element");

    body_is("<span>a<p>b</span>c</p>",
            "<span>\"a\"<p>\"bc\"</p></span>",
            "an end tag of an element open around the current one");

    body_is("<p>a</p>\n<p>b</p>\n",
            "<p>\"a\"</p>\"\n\"<p>\"b\"</p>\"\n\"",
            "newlines between tags");

    body_is("a<!-- c -->\nb", "\"a\nb\"",
            "a newline joined to the text around it");

    body_is("<p>a</p>\n\n<p>b</p>x<p>c</p>&<p>d</p><",
            "<p>\"a\"</p>\"\n\n\"<p>\"b\"</p>\"x\"<p>\"c\"</p>\"&\""
            "<p>\"d\"</p>\"<\"",
            "runs of one and two bytes between tags");

    body_is("x", "\"x\"", "a page of one byte of text");

    body_is("<p>a</p>&#10;<p>b</p>&#10;", "<p>\"a\"</p>\"\n\"<p>\"b\"</p>\"\n\"",
            "a newline of a character reference between tags");

    depth_is("<div><div><div><div>x</div>y</div>z</div>w</div>v", 2,
             "<div><div>\"xyz\"</div>\"w\"</div>\"v\"",
             "end tags of elements not made, named as the current one");

    /* names found as one word of the page */

    body_is("<abcdefgh>a</abcdefgh><abcdefgh>b</abcdefgh>",
            "<abcdefgh>\"a\"</abcdefgh><abcdefgh>\"b\"</abcdefgh>",
            "a name of 8 bytes, remembered");

    body_is("<abcdefgh>a</abcdefgh><abcdefghi>b</abcdefghi>"
            "<abcdefgh>c</abcdefgh><abcdefghi>d</abcdefghi>",
            "<abcdefgh>\"a\"</abcdefgh><abcdefghi>\"b\"</abcdefghi>"
            "<abcdefgh>\"c\"</abcdefgh><abcdefghi>\"d\"</abcdefghi>",
            "names of 8 and 9 bytes with the same first 8");

    body_is("<time>a</time><timex>b</timex><time>c</time><timex>d",
            "<time>\"a\"</time><timex>\"b\"</timex><time>\"c\"</time>"
            "<timex>\"d\"</timex>",
            "a remembered name, then a longer one that starts with it");

    body_is("<div>a</div><div>bcdef", "<div>\"a\"</div><div>\"bcdef\"</div>",
            "a remembered name 9 bytes before the end of the page");

    body_is("<div>a</div><div>bcde", "<div>\"a\"</div><div>\"bcde\"</div>",
            "a remembered name 8 bytes before the end of the page");

    body_is("<abcdefgh>a</abcdefgh><abcdefgh>",
            "<abcdefgh>\"a\"</abcdefgh><abcdefgh></abcdefgh>",
            "a remembered name of 8 bytes, its \">\" ending the page");

    body_is("<abcdefgh>a</abcdefgh><abcdefgh",
            "<abcdefgh>\"a\"</abcdefgh>",
            "a remembered name of 8 bytes ending the page");

    body_is("<DIV>a</DIV><div>b</div><Div>c</dIV>",
            "<div>\"a\"</div><div>\"b\"</div><div>\"c\"</div>",
            "a remembered name in other cases");

    body_is("<section>a</section><select>b</select><section>c</section>",
            "<section>\"a\"</section><select>\"b\"</select>"
            "<section>\"c\"</section>",
            "names with the same first two bytes");

    body_is("<p>a</p><p class=x>b</p><p\nid=y>c</p><p/>d<p>e",
            "<p>\"a\"</p><p class=\"x\">\"b\"</p><p id=\"y\">\"c\"</p>"
            "<p>\"d\"</p><p>\"e\"</p>",
            "a name of one byte, ended in several ways");

    body_is("<a href=1>x</a><a href>y</a><a href/>z</a><a href =2>w</a>",
            "<a href=\"1\">\"x\"</a><a href=\"\">\"y\"</a>"
            "<a href=\"\">\"z\"</a><a href=\"2\">\"w\"</a>",
            "a remembered attribute name, ended in several ways");

    body_is("<i data=1 date=2>x</i><i date=3 data=4>y</i>",
            "<i data=\"1\" date=\"2\">\"x\"</i>"
            "<i date=\"3\" data=\"4\">\"y\"</i>",
            "attribute names with the same first two bytes");

    body_is("<i =x=1 =x=2>a</i><i =x>b</i>",
            "<i =x=\"1\">\"a\"</i><i =x=\"\">\"b\"</i>",
            "a remembered attribute name that starts with \"=\"");

    body_is("<i class=a>x</i><i class",
            "<i class=\"a\">\"x\"</i>",
            "a remembered attribute name ending the page");

    body_is("<i a=\"\" b='x' c = \"y\" d=z e f=\"&amp;\">t</i>",
            "<i a=\"\" b=\"x\" c=\"y\" d=\"z\" e=\"\" f=\"&\">\"t\"</i>",
            "values in every form");

    body_is("<p>x<i a=\"y\"", "<p>\"x\"</p>",
            "a page ending at the quote after a value");

    body_is("<p>x<i a=\"", "<p>\"x\"</p>",
            "a page ending at the quote before a value");

    body_is("<p>x<i a=", "<p>\"x\"</p>",
            "a page ending at the \"=\" of an attribute");

    body_is("<p>a<object>b<b>c</b></object>d</p><p>e</p>",
            "<p>\"a\"<object>\"b\"<b>\"c\"</b></object>\"d\"</p>"
            "<p>\"e\"</p>",
            "the end tag of a current element that is a marker");

    body_is("<p>a<b>b<object>c</object>d</p>e",
            "<p>\"a\"<b>\"b\"<object>\"c\"</object>\"d\"</b></p>"
            "<b>\"e\"</b>",
            "a marker closed, formatting open around it reopened");

    body_is("<p>a</p>b<p>c", "<p>\"a\"</p>\"b\"<p>\"c\"</p>",
            "a page ending in a tag with no attributes");

    /* the end tag of the current element, found at once */

    body_is("<abcdefgh>a</abcdefgh>b<abcdefgh>c</abcdefgh>",
            "<abcdefgh>\"a\"</abcdefgh>\"b\"<abcdefgh>\"c\"</abcdefgh>",
            "the end tag of a current element of 8 bytes, at the end");

    body_is("<abcdefghi>a</abcdefghi>b<div>c</div>d",
            "<abcdefghi>\"a\"</abcdefghi>\"b\"<div>\"c\"</div>\"d\"",
            "the end tag of a current element of 9 bytes");

    body_is("<div><span>a</span >b<span>c</SPAN>d<span>e</span class=x>f"
            "</div>g",
            "<div><span>\"a\"</span>\"b\"<span>\"c\"</span>\"d\""
            "<span>\"e\"</span>\"f\"</div>\"g\"",
            "end tags of the current element with a space, in upper case, "
            "with an attribute");

    body_is("<div><span>a</spanx>b</span>c</sp>d</div>e",
            "<div><span>\"ab\"</span>\"cd\"</div>\"e\"",
            "end tags that the current element's name starts or ends");

    body_is("<div><p>a</p></div>\n<div><b>b</b></div>\n",
            "<div><p>\"a\"</p></div>\"\n\"<div><b>\"b\"</b></div>\"\n\"",
            "end tags of the current element 8 bytes from the end and less");

    body_is("<svg><g>a</g>b</svg><div>c</div>d",
            "<svg><g>\"a\"</g>\"b\"</svg><div>\"c\"</div>\"d\"",
            "the end tag of the current element in svg");

    tree_is("<html><head><title>t</title></head><body><p>a</p>b</body></html>"
            "c",
            "<html><head><title>\"t\"</title></head><body><p>\"a\"</p>\"bc\""
            "</body></html>",
            "end tags of the head, the body and html");

    depth_is("<div><div><div>x</div>yyyyyyyy</div>zzzzzzzz</div>wwwwwwww", 1,
             "<div>\"xyyyyyyyyzzzzzzzz\"</div>\"wwwwwwww\"",
             "end tags of elements not made, with text after them");
}


static void
test_limits(void)
{
    char     *in;
    size_t    n;
    xmlDoc   *doc;
    xmlNode  *body, *c;

    in = repeat("<br>", FEED_HTML_MAX_NODES + 10, "");
    doc = in ? feed_html_parse((feed_uchar_t *) in, strlen(in), DEPTH) : NULL;

    ok(doc != NULL, "a page of too many nodes: parsed");

    if (doc) {
        body = doc->children ? doc->children->last : NULL;
        n = 0;

        for (c = body ? body->children : NULL; c; c = c->next) {
            n++;
        }

        ok(body && strcmp((const char *) body->name, "body") == 0
           && n == FEED_HTML_MAX_NODES - 3,
           "a page of too many nodes is cut at %d nodes (%zu br)",
           FEED_HTML_MAX_NODES, n);

        feed_html_free(doc);
    }

    free(in);

    /* freeing nothing is allowed, as with free() */
    feed_html_free(NULL);
}


static void
entity_is(const char *name, int want, uint32_t cp0, uint32_t cp1)
{
    int       rc;
    uint32_t  cp[2];

    cp[0] = 0xdead;
    cp[1] = 0xdead;

    rc = feed_html_entity((const feed_uchar_t *) name, strlen(name), cp);

    if (want == 0) {
        ok(rc == 0, "entity \"%s\": none", name);
        return;
    }

    ok(rc == want && cp[0] == cp0 && cp[1] == cp1,
       "entity \"%s\": %s U+%04X%s (got %d U+%04X U+%04X)", name,
       want == FEED_HTML_LEGACY ? "legacy" : "named", (unsigned) cp0,
       cp1 ? " and a second" : "", rc, (unsigned) cp[0], (unsigned) cp[1]);
}


static void
test_entities(void)
{
    entity_is("amp", FEED_HTML_LEGACY, 0x26, 0);
    entity_is("AMP", FEED_HTML_LEGACY, 0x26, 0);
    entity_is("lt", FEED_HTML_LEGACY, 0x3c, 0);
    entity_is("nbsp", FEED_HTML_LEGACY, 0xa0, 0);
    entity_is("AElig", FEED_HTML_LEGACY, 0xc6, 0);
    entity_is("NotEqualTilde", FEED_HTML_NAMED, 0x2242, 0x338);
    entity_is("zwnj", FEED_HTML_NAMED, 0x200c, 0);
    entity_is("hellip", FEED_HTML_NAMED, 0x2026, 0);
    entity_is("CounterClockwiseContourIntegral", FEED_HTML_NAMED, 0x2233, 0);
    entity_is("Afr", FEED_HTML_NAMED, 0x1d504, 0);

    entity_is("Amp", 0, 0, 0);
    entity_is("am", 0, 0, 0);
    entity_is("ampx", 0, 0, 0);
    entity_is("bogus", 0, 0, 0);
    entity_is("zwnjx", 0, 0, 0);
    entity_is("A", 0, 0, 0);
}


int
main(void)
{
    test_implied();
    test_head();
    test_p();
    test_lists();
    test_tables();
    test_body_attributes();
    test_headings_and_a();
    test_end_tags();
    test_void();
    test_raw_text();
    test_script_escapes();
    test_plaintext();
    test_comments();
    test_lt_text();
    test_attributes();
    test_references();
    test_depth();
    test_eof();
    test_fast_paths();
    test_limits();
    test_entities();

    return tap_done();
}
