
/*
 * Copyright (C) ngx_feed authors
 */


#include <stdlib.h>
#include <libxml/HTMLparser.h>

#include "feed_sanitize.h"
#include "tap.h"


/*
 * Expected values: the allowlist documented in feed_sanitize.c, the HTML
 * and XML escapes, XML 1.0's Char production, windows-1252 for the C1
 * range (the HTML standard's numeric character reference table), and,
 * for feed_sanitize_text(), the output of mf2py 1.1.2's get_textContent()
 * on the same markup (Debian's python3-mf2py, run by hand on each case).
 */


#define BASE  "https://example.com/dir/page.html"
#define MB    (1024 * 1024)


static xmlDoc  *doc;


static feed_sanitize_t
budget(void)
{
    feed_sanitize_t  s;

    memset(&s, 0, sizeof(feed_sanitize_t));

    s.base = BASE;
    s.work = 10000000;
    s.room = 64 * MB;
    s.failed = 0;

    return s;
}


static xmlNode *
child(xmlNode *node, const char *name)
{
    for (node = node ? node->children : NULL; node; node = node->next) {
        if (feed_sanitize_is(node, name)) {
            return node;
        }
    }

    return NULL;
}


/* the <div> holding a fragment, parsed as feed_extract() parses pages */

static xmlNode *
fragment(const char *html)
{
    char    *page;
    size_t   len;

    if (doc) {
        xmlFreeDoc(doc);
    }

    len = strlen(html);
    page = malloc(len + 64);
    if (page == NULL) {
        return NULL;
    }

    memcpy(page, "<html><body><div>", 17);
    memcpy(page + 17, html, len);
    memcpy(page + 17 + len, "</div></body></html>", 21);

    doc = htmlReadMemory(page, (int) strlen(page), NULL, "UTF-8",
                         HTML_PARSE_NONET | HTML_PARSE_NOERROR
                         | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER);
    free(page);

    return child(child(xmlDocGetRootElement(doc), "body"), "div");
}


static void
html_is(const char *in, const char *want, const char *name)
{
    char             *got;
    feed_sanitize_t   s;

    s = budget();
    got = feed_sanitize_html(&s, fragment(in), 256 * 1024);

    if (want == NULL) {
        ok(got == NULL, "%s: nothing", name);

    } else {
        is_str(got, want, name);
    }

    free(got);
}


static void
text_is(const char *in, unsigned flags, const char *want, const char *name)
{
    char             *got;
    feed_sanitize_t   s;

    s = budget();
    got = feed_sanitize_text(&s, fragment(in), flags, 65536);

    if (want == NULL) {
        ok(got == NULL, "%s: nothing", name);

    } else {
        is_str(got, want, name);
    }

    free(got);
}


static void
add_is(const char *in, size_t len, int escape, size_t max, const char *want,
    int whole, const char *name)
{
    int         rc;
    feed_buf_t  b;

    feed_buf_init(&b, 0);

    rc = feed_sanitize_add(&b, (const feed_uchar_t *) in, len, escape, max);

    is_mem(b.data ? (char *) b.data : "", b.len, want, strlen(want), name);
    ok(rc == whole, "%s: %s", name, whole ? "whole" : "cut");

    feed_buf_free(&b);
}


static void
test_allowlist(void)
{
    html_is("<p>Hello <b>world</b></p>", "<p>Hello <b>world</b></p>",
            "kept elements");

    html_is("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>",
            "script dropped with its content");

    html_is("a<style>p{}</style><iframe src=\"x\">f</iframe>"
            "<object data=\"y\">o</object>"
            "<template><p>t</p></template><svg><text>s</text></svg>"
            "<math><mi>m</mi></math><input value=\"i\"><button>b</button>"
            "<select><option>o</option></select><textarea>t</textarea>"
            "<video>v</video><audio>u</audio><canvas>c</canvas>z",
            "az", "style, frames, plugins, templates, svg, math, controls, "
            "media dropped");

    html_is("<article><section>in <font color=\"red\">red</font></section>"
            "</article>", "in red", "unknown elements unwrapped");

    html_is("<noscript><p>n</p></noscript>", "<p>n</p>",
            "noscript unwrapped");

    html_is("a<!-- comment -->b", "ab", "comments dropped");

    html_is("a<br>b<hr>", "a<br />b<hr />", "void elements");

    html_is("<ul><li>1</li></ul><ol><li>2</li></ol><dl><dt>t</dt><dd>d</dd>"
            "</dl><blockquote>q</blockquote><pre>p</pre><code>c</code>"
            "<h1>1</h1><h6>6</h6><figure><figcaption>f</figcaption></figure>"
            "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td>"
            "</tr></tbody></table><sup>s</sup><sub>s</sub><abbr>a</abbr>"
            "<cite>c</cite><q>q</q><time>t</time><em>e</em><strong>s</strong>"
            "<i>i</i><u>u</u><s>s</s><span>s</span>",
            "<ul><li>1</li></ul><ol><li>2</li></ol><dl><dt>t</dt><dd>d</dd>"
            "</dl><blockquote>q</blockquote><pre>p</pre><code>c</code>"
            "<h1>1</h1><h6>6</h6><figure><figcaption>f</figcaption></figure>"
            "<table><thead><tr><th>h</th></tr></thead><tbody><tr><td>d</td>"
            "</tr></tbody></table><sup>s</sup><sub>s</sub><abbr>a</abbr>"
            "<cite>c</cite><q>q</q><time>t</time><em>e</em><strong>s</strong>"
            "<i>i</i><u>u</u><s>s</s><span>s</span>",
            "the whole allowlist of elements");

    html_is("  \n<p>x</p>\n  ", "<p>x</p>", "white space trimmed");

    html_is("<script>x</script>", NULL, "nothing left");
}


static void
test_attributes(void)
{
    html_is("<p onclick=\"x()\" style=\"color:red\" class=\"c\" id=\"i\" "
            "title=\"T\" lang=\"fr\" dir=\"rtl\" data-x=\"1\">x</p>",
            "<p title=\"T\" lang=\"fr\" dir=\"rtl\">x</p>",
            "on*, style, class, id, data-* removed; title, lang, dir kept");

    html_is("<p dir=\"sideways\" ONMOUSEOVER=\"x()\">x</p>", "<p>x</p>",
            "a bad dir and an upper-case handler removed");

    html_is("<td colspan=\"2\" rowspan=\"x\">c</td>",
            "<td colspan=\"2\">c</td>", "colspan kept, bad rowspan removed");

    /* each element's own attributes, and none on names alike */

    html_is("<table><tr><th rowspan=\"3\" colspan=\"2\">h</th></tr>"
            "</table>",
            "<table><tr><th rowspan=\"3\" colspan=\"2\">h</th></tr>"
            "</table>", "spans on th");
    html_is("<ins cite=\"/w\" datetime=\"2026\">i</ins><del cite=\"/x\" "
            "datetime=\"2027\">d</del>",
            "<ins cite=\"https://example.com/w\" datetime=\"2026\">i</ins>"
            "<del cite=\"https://example.com/x\" datetime=\"2027\">d</del>",
            "cite and datetime on ins and del");
    html_is("<q cite=\"/y\">q</q><blockquote cite=\"/z\">b</blockquote>",
            "<q cite=\"https://example.com/y\">q</q>"
            "<blockquote cite=\"https://example.com/z\">b</blockquote>",
            "cite on q and blockquote");
    html_is("<i src=\"/i.png\" alt=\"A\" width=\"2\">i</i>"
            "<abbr href=\"/a\" cite=\"/c\">a</abbr>"
            "<b cite=\"/b\" datetime=\"2026\">b</b>"
            "<table><tr><td datetime=\"2026\">t</td></tr></table>"
            "<dfn cite=\"/d\">d</dfn>",
            "<i>i</i><abbr>a</abbr><b>b</b><table><tr><td>t</td></tr></table>"
            "<dfn>d</dfn>",
            "none on names alike");

    html_is("<img src=\"/i.png\" alt=\"A &quot;q&quot;\" width=\"10\" "
            "height=\"abc\" onerror=\"x()\" srcset=\"a.png 2x\">",
            "<img src=\"https://example.com/i.png\" alt=\"A &quot;q&quot;\" "
            "width=\"10\" />", "img: src resolved, alt escaped, bad height "
            "and srcset removed");

    html_is("<time datetime=\"2026-11-20\" class=\"dt\">x</time>",
            "<time datetime=\"2026-11-20\">x</time>", "datetime on time");

    html_is("<span datetime=\"2026\">x</span>", "<span>x</span>",
            "datetime only where it means something");

    html_is("<a href=\"x.html\" title=\"t\" target=\"_blank\" rel=\"me\">x</a>",
            "<a href=\"https://example.com/dir/x.html\" title=\"t\">x</a>",
            "target and rel removed");

    html_is("<span href=\"/x\" src=\"/y\">s</span>", "<span>s</span>",
            "href and src only on a and img");
}


static void
test_urls(void)
{
    html_is("<a href=\"../other.html?a=1&amp;b=2#f\">l</a>",
            "<a href=\"https://example.com/other.html?a=1&amp;b=2#f\">l</a>",
            "relative href resolved, & escaped");

    html_is("<a href=\"javascript:alert(1)\">j</a>", "j",
            "javascript: link unwrapped");

    html_is("<a href=\" JaVaScRiPt:alert(1)\">j</a>", "j",
            "javascript: in any case, after spaces");

    html_is("<a href=\"java&#x09;script:alert(1)\">j</a>", "j",
            "javascript: with a tab inside");

    html_is("<a href=\"data:text/html,&lt;script&gt;\">d</a>", "d",
            "data: link unwrapped");

    html_is("<a href=\"vbscript:x\">v</a><a href=\"file:///etc/passwd\">f</a>",
            "vf", "vbscript: and file: unwrapped");

    html_is("<a href=\"mailto:a@example.com\">m</a>",
            "<a href=\"mailto:a@example.com\">m</a>", "mailto: kept");

    html_is("<a>no href</a>", "no href", "a without href unwrapped");

    html_is("<img src=\"data:image/png;base64,AAAA\" alt=\"pic\">", "pic",
            "img with a data: src leaves its alt");

    html_is("<img src=\"javascript:x\">", NULL,
            "img with an unsafe src and no alt leaves nothing");

    html_is("<blockquote cite=\"/src\">q</blockquote>",
            "<blockquote cite=\"https://example.com/src\">q</blockquote>",
            "cite resolved");

    html_is("<q cite=\"javascript:x\">q</q>", "<q>q</q>",
            "unsafe cite removed");

    html_is("<a href=\"/a b/&#233;\">u</a>",
            "<a href=\"https://example.com/a%20b/%C3%A9\">u</a>",
            "href escaped");
}


static void
test_text_escaping(void)
{
    html_is("<p>1 &lt; 2 &amp;&amp; \"q\" 'a' &gt;</p>",
            "<p>1 &lt; 2 &amp;&amp; &quot;q&quot; &#39;a&#39; &gt;</p>",
            "text escaped");

    html_is("<p>]]&gt; and ]]></p>", "<p>]]&gt; and ]]&gt;</p>",
            "]]> cannot end a CDATA section");

    html_is("<p>&#150;&#128;&#159;&#129;</p>",
            "<p>\xe2\x80\x93\xe2\x82\xac\xc5\xb8</p>",
            "C1 references read as windows-1252, undefined ones dropped");

    html_is("<p>a&nbsp;b &eacute;</p>", "<p>a\xc2\xa0" "b \xc3\xa9</p>",
            "entities become characters");
}


static void
test_add(void)
{
    char    in[16], want[16], name[64];
    size_t  i;

    add_is("plain", 5, 0, 100, "plain", 1, "ASCII as it is");

    add_is("a\x01" "b\x0b" "c\x7f" "d\t\n\r", 11, 0, 100, "abcd\t\n\r", 1,
           "C0 controls and DEL dropped, TAB LF CR kept");

    add_is("x\xef\xbf\xbey\xef\xbf\xbfz", 9, 0, 100, "xyz", 1,
           "U+FFFE and U+FFFF dropped");

    add_is("a\xff" "b", 3, 0, 100, "a\xef\xbf\xbd" "b", 1,
           "an invalid byte becomes U+FFFD");

    add_is("\xc0\x80", 2, 0, 100, "\xef\xbf\xbd\xef\xbf\xbd", 1,
           "an overlong NUL is two U+FFFD");

    add_is("\xed\xa0\x80", 3, 0, 100,
           "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 1,
           "a UTF-8 surrogate is not a character");

    add_is("\xf4\x90\x80\x80", 4, 0, 100,
           "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd", 1,
           "above U+10FFFF");

    add_is("ok\xe2\x82", 4, 0, 100, "ok\xef\xbf\xbd\xef\xbf\xbd", 1,
           "a truncated sequence");

    add_is("\xc2\x96\xc2\x81", 4, 0, 100, "\xe2\x80\x93", 1,
           "U+0096 is windows-1252's en dash, U+0081 has none");

    add_is("\xf0\x9f\x8c\x8a", 4, 0, 100, "\xf0\x9f\x8c\x8a", 1,
           "four-byte characters kept");

    add_is("<&>\"'", 5, 1, 100, "&lt;&amp;&gt;&quot;&#39;", 1, "escaped");

    add_is("<&>\"'", 5, 0, 100, "<&>\"'", 1, "not escaped");

    add_is("abcdef", 6, 0, 4, "abcd", 0, "cut at max");

    add_is("a\xc3\xa9\xc3\xa9", 5, 0, 4, "a\xc3\xa9", 0,
           "cut between characters");

    add_is("a&b", 3, 1, 3, "a", 0, "an escape is not cut");

    add_is("abcd", 4, 1, 4, "abcd", 1, "a run ending at max and at the end");

    add_is("ab<", 3, 1, 6, "ab&lt;", 1, "an escape ending at max");

    add_is("a\xe2\x80\x94\xef\xbf\xbd", 7, 0, 7,
           "a\xe2\x80\x94\xef\xbf\xbd", 1,
           "characters ending at max, U+FFFD itself kept");

    add_is("a\xe2\x80\x94", 4, 0, 3, "a", 0, "a character is not cut");

    add_is("\xc2\xa0\xdf\xbf\xe0\xa0\x80\xf0\x90\x80\x80", 11, 0, 100,
           "\xc2\xa0\xdf\xbf\xe0\xa0\x80\xf0\x90\x80\x80", 1,
           "the first or last character of each length");

    add_is("\xc2\x9f\xc2", 3, 0, 100, "\xc5\xb8\xef\xbf\xbd", 1,
           "U+009F, then a lead byte at the end");

    /* runs are read four bytes at a time: every place in a block */

    for (i = 0; i < 10; i++) {
        memcpy(in, "abcdefghij", 10);
        memcpy(want, "abcdefghij", 10);

        in[i] = '<';
        memcpy(want + i, "&lt;", 4);
        memcpy(want + i + 4, "abcdefghij" + i + 1, 9 - i);
        want[13] = '\0';

        snprintf(name, sizeof(name), "an escape at %d of 10", (int) i);
        add_is(in, 10, 1, 100, want, 1, name);

        in[i] = '\x01';
        memcpy(want, "abcdefghij", 10);
        memmove(want + i, want + i + 1, 9 - i);
        want[9] = '\0';

        snprintf(name, sizeof(name), "a control at %d of 10", (int) i);
        add_is(in, 10, 0, 100, want, 1, name);

        memcpy(want, "abcdefghij", i);
        want[i] = '\0';

        snprintf(name, sizeof(name), "a run of 10 cut at %d", (int) i);
        add_is("abcdefghij", 10, 1, i, want, 0, name);
    }
}


/*
 * The byte buffer the output goes into, at the edges of its room: the
 * room a buffer has is never past its max.
 */

static void
test_buf(void)
{
    char        s[300];
    feed_buf_t  b;

    memset(s, 'x', sizeof(s));

    feed_buf_init(&b, 0);

    ok(feed_buf_cstr(&b) != NULL && b.data[0] == '\0' && b.len == 0,
       "buffer: an empty one is an empty string");

    feed_buf_add(&b, s, 255);
    ok(!b.failed && b.len == 255 && b.size == 256,
       "buffer: 255 bytes and the NUL fill 256");

    feed_buf_add_byte(&b, 'y');
    feed_buf_add_str(&b, "z");
    ok(!b.failed && b.len == 257 && b.size == 512, "buffer: then it doubles");

    ok(feed_buf_cstr(&b) != NULL && strlen((char *) b.data) == 257
       && memcmp(b.data + 254, "xyz", 4) == 0, "buffer: NUL-terminated");

    feed_buf_free(&b);

    feed_buf_init(&b, 300);

    feed_buf_add(&b, s, 299);
    feed_buf_add_byte(&b, 'y');
    ok(!b.failed && b.len == 300 && b.size == 301,
       "buffer: filled to max, and no larger");

    ok(feed_buf_reserve(&b, 0) == FEED_OK, "buffer: room for the NUL");

    feed_buf_add_byte(&b, 'z');
    ok(b.failed && b.len == 300, "buffer: a byte past max fails");

    feed_buf_add(&b, "z", 1);
    ok(b.len == 300 && feed_buf_cstr(&b) == NULL,
       "buffer: a failed buffer stays failed");

    feed_buf_free(&b);

    feed_buf_init(&b, 300);

    feed_buf_add(&b, s, 300);
    ok(!b.failed && b.len == 300 && feed_buf_cstr(&b) != NULL,
       "buffer: max bytes at once");

    feed_buf_free(&b);

    feed_buf_init(&b, 300);

    feed_buf_add(&b, s, 200);
    feed_buf_add(&b, s, 101);
    ok(b.failed && b.len == 200, "buffer: an append past max fails whole");

    feed_buf_free(&b);
}


static void
test_limits(void)
{
    int               i, ok1;
    char             *got, *p, *in;
    size_t            len, n;
    feed_sanitize_t   s;

    /* deep nesting: 100 divs, 64 of them kept */

    in = malloc(100 * 11 + 16);
    p = in;

    for (i = 0; i < 100; i++) {
        p += sprintf(p, "<div>");
    }

    p += sprintf(p, "x");

    for (i = 0; i < 100; i++) {
        p += sprintf(p, "</div>");
    }

    s = budget();
    got = feed_sanitize_html(&s, fragment(in), 256 * 1024);

    n = 0;

    for (p = got; p && (p = strstr(p, "<div>")); p++) {
        n++;
    }

    ok(n == FEED_SANITIZE_MAX_DEPTH, "nesting: %zu of 100 divs kept", n);
    ok(got && strstr(got, "x") != NULL, "nesting: the text stays");

    n = 0;

    for (p = got; p && (p = strstr(p, "</div>")); p++) {
        n++;
    }

    ok(n == FEED_SANITIZE_MAX_DEPTH, "nesting: every div closed");

    free(got);
    free(in);

    /* a long text cut on a character boundary, tags closed */

    len = 20000;
    in = malloc(len * 2 + 32);
    p = in + sprintf(in, "<p><b>");

    for (i = 0; i < (int) len; i++) {
        *p++ = '\xc3';
        *p++ = '\xa9';
    }

    sprintf(p, "</b></p>");

    s = budget();
    got = feed_sanitize_html(&s, fragment(in), 4096);

    len = got ? strlen(got) : 0;

    ok(len > 2048 && len <= 4096, "cut: %zu bytes, at most 4096", len);
    ok(got && strncmp(got, "<p><b>\xc3\xa9", 8) == 0, "cut: starts whole");
    ok(len > 8 && strcmp(got + len - 8, "</b></p>") == 0,
       "cut: closes its tags");

    ok1 = 1;

    for (i = 6; got && i < (int) len - 8; i += 2) {
        if ((unsigned char) got[i] != 0xc3
            || (unsigned char) got[i + 1] != 0xa9)
        {
            ok1 = 0;
        }
    }

    ok(ok1, "cut: whole characters only");

    free(got);
    free(in);

    /* budgets */

    s = budget();
    s.room = 3;
    got = feed_sanitize_string(&s, (const xmlChar *) "four", 0, 100);
    ok(got == NULL && s.room == 3, "a string over the output budget: none");

    got = feed_sanitize_string(&s, (const xmlChar *) "two", 0, 100);
    is_str(got, "two", "a string within the budget");
    ok(s.room == 0, "the budget is charged");
    free(got);

    s = budget();
    s.work = 0;
    got = feed_sanitize_text(&s, fragment("<p>x</p>"), 0, 100);
    ok(got == NULL, "no visits left: no text");
}


static void text_max(const char *in, size_t max, const char *want,
    const char *name);


/* the printable run, eight bytes at a time, against a byte at a time */

static void
test_printable(void)
{
    int            bad;
    size_t         len, at, i, want;
    feed_uchar_t   buf[24];

    static const feed_uchar_t  bytes[] = {
        0x00, 0x01, 0x09, 0x1f, 0x20, 0x21, 0x41, 0x7e, 0x7f, 0x80, 0xa0,
        0xc3, 0xfe, 0xff
    };

    bad = 0;

    for (len = 0; len <= sizeof(buf); len++) {
        for (at = 0; at <= len; at++) {
            for (i = 0; i < sizeof(bytes); i++) {
                memset(buf, 'a', sizeof(buf));

                if (at < len) {
                    buf[at] = bytes[i];
                }

                /* a byte past the end is never looked at */

                if (len < sizeof(buf)) {
                    buf[len] = 0x01;
                }

                want = (at < len && (bytes[i] < 0x20 || bytes[i] > 0x7e))
                       ? at : len;

                bad += (feed_sanitize_printable(buf, len) != want);
            }
        }
    }

    ok(bad == 0, "printable runs of every length up to 24 (%d bad)", bad);
}


static void
test_text(void)
{
    /* the expected values are mf2py's get_textContent() */

    text_is("<p>a</p><p>b</p>", 0, "a\nb", "paragraphs");
    text_is("x <br> y", 0, "x \ny", "a line break");
    text_is("<div>a</div><div>b</div>", 0, "ab", "divs do not separate");
    text_is("a<script>s</script><style>t</style><template>u</template>b", 0,
            "ab", "script, style and template dropped");
    text_is("<img src=\"/i.png\" alt=\"A\"> x", FEED_TEXT_IMG_ALT, "A  x",
            "an image's alt");
    text_is("<img src=\"/i.png\"> x", FEED_TEXT_IMG_ALT|FEED_TEXT_IMG_SRC,
            "https://example.com/i.png  x", "an image's src, resolved");
    text_is("<img src=\"/i.png\"> x", FEED_TEXT_IMG_ALT, "x",
            "no alt, no src wanted");
    text_is("<img src=\"/i.png\" alt=\"A\"> x", 0, "x", "images ignored");
    text_is("<pre>\n  a\n b  </pre>", 0, "  a\n b  ",
            "pre kept as is, without its first line feed");
    text_is("  a \n\t b  ", 0, "a b", "white space collapsed and trimmed");
    text_is("\xc2\xa0" "a\xc2\xa0", 0, "a", "no-break spaces trimmed");
    text_is("<p>one</p> <p> two <b>three</b></p>\n<p>four<br> five</p>", 0,
            "one\ntwo three\nfour\nfive", "paragraphs and spaces");
    text_is("a<p></p>b", 0, "a\nb", "an empty paragraph");
    text_is("<span>x</span> <span>y</span>", 0, "x y",
            "a space between elements");
    text_is("t <pre>p</pre> u", 0, "tp u", "pre eats the space before it");
    text_is("<p>a</p><img alt=\"\" src=\"/z.png\">b", FEED_TEXT_IMG_ALT,
            "a b", "an empty alt");
    text_is("a<br><br> b", 0, "a\n\nb", "two line breaks");
    text_is("", 0, NULL, "no text");

    text_is("a<b> b</b><script>x</script>\n c<pre>\nd</pre>", FEED_TEXT_RAW,
            "a b\n c\nd", "raw: the text nodes as they are");

    /* one string item: the text itself when its ends are printable */

    text_is("x", 0, "x", "one item, one byte");
    text_is("ab  cd", 0, "ab cd", "one item, plain ends");
    text_is(" ab ", 0, "ab", "one item, spaces at the ends");
    text_is("\xc3\xa9t\xc3\xa9", 0, "\xc3\xa9t\xc3\xa9",
            "one item, not ASCII at the ends");
    text_is("a<b>b</b>", 0, "ab", "two items");
    text_is("<p>a</p>", 0, "a", "one item in a paragraph");

    text_max("abcdef", 3, "abc", "one item, cut");
    text_max("abc", 3, "abc", "one item, exactly as long as the cap");
    text_max("ab\xc3\xa9", 3, "ab", "one item, cut before a character");
}


static void
text_max(const char *in, size_t max, const char *want, const char *name)
{
    char             *got;
    feed_sanitize_t   s;

    s = budget();
    got = feed_sanitize_text(&s, fragment(in), 0, max);
    is_str(got, want, name);
    free(got);
}


static void
test_url_string(void)
{
    char             *got;
    char             *long_ref;
    feed_sanitize_t   s;

    s = budget();

    got = feed_sanitize_url(&s, (const xmlChar *) "../x?y#z", 1);
    is_str(got, "https://example.com/x?y#z", "url: resolved");
    free(got);

    got = feed_sanitize_url(&s, (const xmlChar *) "javascript:x", 1);
    ok(got == NULL, "url: unsafe refused when checked");

    got = feed_sanitize_url(&s, (const xmlChar *) "urn:uuid:1234", 0);
    is_str(got, "urn:uuid:1234", "url: any scheme when not checked");
    free(got);

    got = feed_sanitize_url(&s, NULL, 1);
    ok(got == NULL, "url: none");

    long_ref = malloc(FEED_SANITIZE_MAX_URL + 2);
    memset(long_ref, 'a', FEED_SANITIZE_MAX_URL + 1);
    long_ref[FEED_SANITIZE_MAX_URL + 1] = '\0';

    got = feed_sanitize_url(&s, (const xmlChar *) long_ref, 1);
    ok(got == NULL, "url: too long");
    free(long_ref);

    got = feed_sanitize_string(&s, (const xmlChar *) " \t a \n\n b \r",
                               FEED_STRING_TRIM|FEED_STRING_COLLAPSE, 100);
    is_str(got, "a b", "string: trimmed and collapsed");
    free(got);

    got = feed_sanitize_string(&s, (const xmlChar *) "a<b>",
                               FEED_STRING_ESCAPE, 100);
    is_str(got, "a&lt;b&gt;", "string: escaped");
    free(got);

    got = feed_sanitize_string(&s, (const xmlChar *) " \x01 ",
                               FEED_STRING_TRIM, 100);
    ok(got == NULL, "string: nothing left");
}


int
main(void)
{
    xmlInitParser();

    test_allowlist();
    test_attributes();
    test_urls();
    test_text_escaping();
    test_add();
    test_buf();
    test_limits();
    test_text();
    test_printable();
    test_url_string();

    if (doc) {
        xmlFreeDoc(doc);
    }

    xmlCleanupParser();

    return tap_done();
}
