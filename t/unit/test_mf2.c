
/*
 * Copyright (C) ngx_feed authors
 */


#include <stdio.h>
#include <stdlib.h>
#include <libxml/parser.h>

#include "feed_date.h"
#include "feed_extract.h"
#include "feed_mf2.h"
#include "tap.h"


/*
 * microformats2 h-entry items, through feed_extract().  Expected values
 * follow the microformats2 parsing specification and were checked case
 * by case against Debian's mf2py 1.1.2 on the same markup, first values
 * only; epoch seconds were computed with Python's calendar.timegm().
 */


#define URL  "https://example.com/a/b.html"


static feed_page_t  page;
static char         err[256];


static int
extract(const char *body)
{
    int      rc;
    char    *html;
    size_t   len;

    feed_page_free(&page);
    memset(&page, 0, sizeof(feed_page_t));

    len = strlen(body);
    html = malloc(len + 32);
    if (html == NULL) {
        return FEED_ERROR;
    }

    sprintf(html, "<html><body>%s</body></html>", body);

    rc = feed_extract(NULL, (feed_uchar_t *) html, strlen(html), NULL, URL,
                      0, &page, err, sizeof(err));
    free(html);

    return rc;
}


#define item(i)  (&page.items.elts[i])

#define none(v, name)  ok((v) == NULL, "%s: none", name)


static void
test_implied_name(void)
{
    extract("<div class=\"h-entry\">Just  text</div>");
    ok(page.items.nelts == 1, "one item");
    is_str(item(0)->title, "Just text", "name: the text, collapsed");
    none(item(0)->url, "name: no url");

    extract("<img class=\"h-entry\" src=\"/a.png\" alt=\"Alt name\">");
    is_str(item(0)->title, "Alt name", "name: an img's alt");
    is_str(item(0)->photo, "https://example.com/a.png", "photo: the img");

    extract("<abbr class=\"h-entry\" title=\"Long\">L</abbr>");
    is_str(item(0)->title, "Long", "name: an abbr's title");

    extract("<div class=\"h-entry\"><img src=\"/x.png\" alt=\"Child alt\">"
            "</div>");
    is_str(item(0)->title, "Child alt", "name: the only child img's alt");
    is_str(item(0)->photo, "https://example.com/x.png",
           "photo: the only child img");

    extract("<div class=\"h-entry\"><span><abbr title=\"T\">t</abbr></span>"
            "</div>");
    is_str(item(0)->title, "T", "name: the only grandchild abbr's title");

    extract("<abbr class=\"h-entry\" title=\"\"><img src=\"/i.png\" "
            "alt=\"from child\"></abbr>");
    is_str(item(0)->title, "from child",
           "name: an empty title, then the only child's alt");

    extract("<img class=\"h-entry\" src=\"/i.png\" alt=\"\">");
    none(item(0)->title, "name: an empty alt");
    is_str(item(0)->photo, "https://example.com/i.png", "photo: still there");

    extract("<div class=\"h-entry\"><span class=\"p-summary\">s</span> text"
            "</div>");
    none(item(0)->title, "name: not implied with a p-* property");
    is_str(item(0)->summary, "s", "summary");

    extract("<div class=\"h-entry\"><div class=\"e-content\">c</div> text"
            "</div>");
    none(item(0)->title, "name: not implied with an e-* property");
    is_str(item(0)->content, "c", "content");

    extract("<div class=\"h-entry\"><div class=\"h-card\">c</div> text"
            "</div>");
    none(item(0)->title, "name: not implied with a nested microformat");
}


static void
test_implied_url(void)
{
    extract("<a class=\"h-entry\" href=\"/p/1\">x</a>");
    is_str(item(0)->url, "https://example.com/p/1", "url: an a's href");

    extract("<div class=\"h-entry\"><p>t</p><a href=\"/p/2\">two</a></div>");
    is_str(item(0)->url, "https://example.com/p/2", "url: the one a child");
    is_str(item(0)->title, "ttwo", "name: text without separation");

    extract("<div class=\"h-entry\"><p><a href=\"/p/3\">three</a></p></div>");
    is_str(item(0)->url, "https://example.com/p/3",
           "url: the one a grandchild of the only child");

    extract("<div class=\"h-entry\"><a href=\"/1\">1</a><a href=\"/2\">2</a>"
            "</div>");
    none(item(0)->url, "url: two a children");

    extract("<div class=\"h-entry\"><a href=\"/x\">x</a>"
            "<img class=\"u-photo\" src=\"/p.png\"></div>");
    none(item(0)->url, "url: not implied with a u-* property");
    is_str(item(0)->photo, "https://example.com/p.png", "photo: u-photo");

    extract("<div class=\"h-entry\"><a class=\"h-card\" href=\"/me\">me</a>"
            "</div>");
    none(item(0)->url, "url: not implied with a nested microformat");

    extract("<a class=\"h-entry\" href=\"javascript:alert(1)\">x</a>");
    none(item(0)->url, "url: javascript: dropped");
}


static void
test_nested(void)
{
    extract("<div class=\"h-entry\"><span class=\"p-name\">Post</span>"
            "<div class=\"h-cite\"><a class=\"u-url p-name\" href=\"/cited\">"
            "Cited</a><time class=\"dt-published\" datetime=\"2020-01-01\">"
            "x</time><span class=\"p-category\">cat</span></div></div>");
    ok(page.items.nelts == 1, "h-cite: not an item");
    is_str(item(0)->title, "Post", "h-cite: its name stays its own");
    none(item(0)->url, "h-cite: its url does not leak");
    ok(item(0)->published.kind == FEED_DATE_NONE,
       "h-cite: its date does not leak");
    ok(item(0)->ncategories == 0, "h-cite: its category does not leak");

    extract("<div class=\"h-entry\"><p class=\"p-name\">A</p>"
            "<div class=\"p-comment h-entry\"><p class=\"p-name\">Reply</p>"
            "</div><div class=\"h-entry\">Child</div></div>");
    ok(page.items.nelts == 1, "comments: neither property nor child entry "
       "is an item");

    extract("<div class=\"h-card\"><div class=\"h-entry\">"
            "<span class=\"p-name\">no</span></div></div>"
            "<div class=\"h-entry\"><span class=\"p-name\">yes</span></div>");
    ok(page.items.nelts == 1, "an h-entry inside an h-card is not an item");
    is_str(item(0)->title, "yes", "the top-level one is");

    extract("<div class=\"h-feed\"><p class=\"p-name\">Feed</p>"
            "<div class=\"h-entry\"><b class=\"p-name\">1</b></div>"
            "<div class=\"h-feed\"><div class=\"h-entry\">"
            "<b class=\"p-name\">2</b></div></div>"
            "<div class=\"p-featured h-entry\"><b class=\"p-name\">prop</b>"
            "</div></div><div class=\"h-entry\"><b class=\"p-name\">3</b>"
            "</div>");
    ok(page.items.nelts == 3, "feeds: children of feeds and top level");
    is_str(item(0)->title, "1", "feeds: first");
    is_str(item(1)->title, "2", "feeds: in a nested feed");
    is_str(item(2)->title, "3", "feeds: after the feed");
    ok(item(2)->order == 2, "feeds: document order");
}


static void
test_author(void)
{
    extract("<div class=\"h-entry\"><div class=\"p-author h-card\">"
            "<img class=\"u-photo\" src=\"/me.jpg\" alt=\"\">"
            "<a class=\"p-name u-url\" href=\"/about\">Jane</a></div></div>");
    is_str(item(0)->author, "Jane", "author: the h-card's name");
    is_str(item(0)->author_url, "https://example.com/about",
           "author: the h-card's url");
    none(item(0)->photo, "author: its photo is not the entry's");

    extract("<div class=\"h-entry\"><span class=\"p-author\">Bob</span>"
            "</div>");
    is_str(item(0)->author, "Bob", "author: text");
    none(item(0)->author_url, "author: text, no url");

    extract("<div class=\"h-entry\"><a class=\"p-author h-card\" "
            "href=\"/jo\">Jo</a></div>");
    is_str(item(0)->author, "Jo", "author: an implied name");
    is_str(item(0)->author_url, "https://example.com/jo",
           "author: an implied url");

    extract("<div class=\"h-entry\"><a class=\"u-author\" href=\"/who\">w</a>"
            "</div>");
    none(item(0)->author, "u-author: no name");
    is_str(item(0)->author_url, "https://example.com/who", "u-author: a url");
    is_str(item(0)->title, "w", "u-author does not stop the implied name");

    /* the element's own value, read only where the microformat lacks one */

    extract("<div class=\"h-entry\"><a class=\"u-author h-card\" "
            "href=\"/jo\">Jo</a></div>");
    is_str(item(0)->author, "Jo", "u-author h-card: the implied name");
    is_str(item(0)->author_url, "https://example.com/jo",
           "u-author h-card: the implied url");

    extract("<div class=\"h-entry\"><span class=\"u-author h-card\">Jo"
            "</span></div>");
    is_str(item(0)->author_url, "https://example.com/a/Jo",
           "u-author h-card without a url: the element's value");

    extract("<div class=\"h-entry\"><span class=\"p-author vcard\">Ann "
            "<b class=\"url\">/x</b></span></div>");
    is_str(item(0)->author, "Ann /x", "p-author vcard without fn: the text");
    is_str(item(0)->author_url, "https://example.com/x",
           "p-author vcard: its url");

    extract("<div class=\"h-entry\"><span class=\"p-author h-card\">"
            "<span class=\"p-name\"></span>Ann</span></div>");
    none(item(0)->author, "p-author h-card with an empty name");
}


static void
test_urls(void)
{
    extract("<div class=\"h-entry\"><a class=\"u-url u-uid\" href=\"/p/9\">"
            "9</a></div>");
    is_str(item(0)->url, "https://example.com/p/9", "u-url");
    is_str(item(0)->id, "https://example.com/p/9", "u-uid");

    extract("<div class=\"h-entry\"><a class=\"u-url\" href=\"../x/y.html\">"
            "u</a></div>");
    is_str(item(0)->url, "https://example.com/x/y.html", "relative to the "
           "page");

    extract("<div class=\"h-entry\"><span class=\"u-url\">/from/text</span>"
            "</div>");
    is_str(item(0)->url, "https://example.com/from/text",
           "a url from text is resolved too");

    feed_page_free(&page);
    memset(&page, 0, sizeof(feed_page_t));

#define BASE_PAGE                                                            \
    "<html><head><base href=\"/blog/\"></head><body>"                        \
    "<div class=\"h-entry\"><a class=\"u-url\" href=\"post.html\">p</a>"      \
    "<img class=\"u-photo\" src=\"i.png\"></div></body></html>"

    feed_extract(NULL, (feed_uchar_t *) BASE_PAGE, sizeof(BASE_PAGE) - 1,
                 NULL, URL, 0, &page, err, sizeof(err));
    is_str(item(0)->url, "https://example.com/blog/post.html",
           "<base href>, itself relative");
    is_str(item(0)->photo, "https://example.com/blog/i.png",
           "<base href> for photos");

    feed_page_free(&page);
    memset(&page, 0, sizeof(feed_page_t));

#define BAD_BASE_PAGE                                                        \
    "<html><head><base href=\"javascript:x\"><base href=\"/other/\"></head>" \
    "<body><a class=\"h-entry\" href=\"p\">p</a></body></html>"

    feed_extract(NULL, (feed_uchar_t *) BAD_BASE_PAGE,
                 sizeof(BAD_BASE_PAGE) - 1, NULL, URL, 0, &page, err,
                 sizeof(err));
    is_str(item(0)->url, "https://example.com/a/p",
           "a javascript: base is ignored, and so are later ones");
}


static void
test_dates(void)
{
    extract("<div class=\"h-entry\"><time class=\"dt-published\" "
            "datetime=\"2026-11-20T09:30:00+01:00\">x</time>"
            "<time class=\"dt-updated\" datetime=\"2026-11-20\">y</time>"
            "</div>");
    ok(item(0)->published.kind == FEED_DATE_TIME
       && item(0)->published.t == 1795163400, "published: an instant");
    ok(item(0)->updated.kind == FEED_DATE_DAY
       && item(0)->updated.t == 1795132800, "updated: a day");

    extract("<div class=\"h-entry\"><time class=\"dt-published\">"
            "next Tuesday</time></div>");
    ok(item(0)->published.kind == FEED_DATE_NONE, "a date in words: none");

    extract("<div class=\"h-entry\"><p class=\"p-name\">x</p></div>");
    ok(item(0)->published.kind == FEED_DATE_NONE
       && item(0)->updated.kind == FEED_DATE_NONE, "no dates");

    extract("<div class=\"h-entry\"><p class=\"dt-published\">"
            "<span class=\"value\">2026-11-20</span> at "
            "<span class=\"value\">9:30pm</span></p>"
            "<p class=\"dt-updated\"><span class=\"value\">11:45pm</span></p>"
            "</div>");
    ok(item(0)->published.t == 1795210200,
       "value class pattern: a date and a 12-hour time");
    ok(item(0)->updated.t == 1795218300,
       "value class pattern: a time takes the earlier date");

    extract("<div class=\"h-entry\"><abbr class=\"dt-published\" "
            "title=\"2026-11-15 14:00+01:00\">x</abbr></div>");
    ok(item(0)->published.t == 1794747600, "abbr title, space, zone");

    extract("<div class=\"h-entry\"><span class=\"dt-published\">"
            "<span class=\"value\">2026-001</span>"
            "<span class=\"value\">12:00 a.m.</span>"
            "<span class=\"value\">Z</span></span></div>");
    ok(item(0)->published.t == 1767225600, "ordinal date, 12 a.m., zone");

    ok(feed_mf2_date("2026-11-20 9:30pm", &item(0)->published) == FEED_OK
       && item(0)->published.t == 1795210200, "feed_mf2_date: 12-hour");

    /* normalised forms longer than the value, shorter, and as long */

    extract("<div class=\"h-entry\"><time class=\"dt-published\" "
            "datetime=\"2026-11-20 9pm\">x</time></div>");
    ok(item(0)->published.kind == FEED_DATE_TIME
       && item(0)->published.t == 1795208400, "a normalised form longer");

    ok(feed_mf2_date("2026-11-20 9", &item(0)->published) == FEED_OK
       && item(0)->published.t == 1795165200, "feed_mf2_date: an hour");

    ok(feed_mf2_date("2026-11-20 09:00 PM Z", &item(0)->published) == FEED_OK
       && item(0)->published.t == 1795208400, "feed_mf2_date: shorter");

    ok(feed_mf2_date("2026-11-20T09:00", &item(0)->published) == FEED_OK
       && item(0)->published.t == 1795165200, "feed_mf2_date: as long");

    /* the usual form, normalised already, and near misses */

    extract("<div class=\"h-entry\"><time class=\"dt-published\" "
            "datetime=\"2026-11-20T09:30:00+01:00\">x</time>"
            "<span class=\"dt-updated\">10:00</span></div>");
    ok(item(0)->published.t == 1795163400, "usual: published");
    ok(item(0)->updated.t == 1795168800, "usual: its date lent to a time");

    ok(feed_mf2_date("2026-11-20T09:30", &item(0)->published) == FEED_OK
       && item(0)->published.t == 1795167000, "usual: no seconds, no zone");
    ok(feed_mf2_date("2026-11-20T09:30:05Z", &item(0)->published) == FEED_OK
       && item(0)->published.t == 1795167005, "usual: Z");
    ok(feed_mf2_date("2026-11-20T09:30-0500", &item(0)->published) == FEED_OK
       && item(0)->published.t == 1795185000, "usual: -HHMM");
    ok(feed_mf2_date("2026-11-20T09:30:05.25Z", &item(0)->published)
       == FEED_OK && item(0)->published.t == 1795167005,
       "a fraction of a second");
    ok(feed_mf2_date("2026-11-20T09:30 Z", &item(0)->published) == FEED_OK
       && item(0)->published.t == 1795167000, "a space before the zone");
    ok(feed_mf2_date("2026-11-20T09:30:5Z", &item(0)->published)
       == FEED_ERROR, "a one-digit second");
    ok(feed_mf2_date("2026-11-20T09:30+01", &item(0)->published) == FEED_OK
       && item(0)->published.t == 1795163400, "a zone of hours only");

    /* a <time datetime> in the usual form is read where it is */

    extract("<div class=\"h-entry\"><time class=\"dt-published dt-name\" "
            "datetime=\"2026-11-20T09:30\">x</time>"
            "<time class=\"dt-updated\" datetime=\"10:00\">y</time></div>");
    ok(item(0)->published.t == 1795167000, "usual time: published");
    is_str(item(0)->title, "2026-11-20T09:30", "usual time: as a name too");
    ok(item(0)->updated.t == 1795168800, "usual time: its date lent");

    extract("<div class=\"h-entry\"><time class=\"dt-published\" "
            "datetime=\"2026-11-20T09:30 \">x</time></div>");
    ok(item(0)->published.t == 1795167000, "usual time: a space after");

    extract("<div class=\"h-entry\"><time class=\"dt-published\" "
            "datetime=\"2026-11-20T09:30\"><b class=\"value\">"
            "2026-11-21</b></time></div>");
    ok(item(0)->published.kind == FEED_DATE_DAY
       && item(0)->published.t == 1795219200, "usual time: a value class");

    extract("<div class=\"h-entry\"><time class=\"dt-published\" "
            "datetime=\"\">2026-11-20T09:30</time></div>");
    ok(item(0)->published.kind == FEED_DATE_NONE,
       "usual time: an empty datetime");

    extract("<div class=\"h-entry\"><ins class=\"dt-published\" "
            "datetime=\"2026-11-20T09:30:00Z\">x</ins></div>");
    ok(item(0)->published.t == 1795167000, "usual time: an <ins>");
}


static void
test_text(void)
{
    extract("<div class=\"h-entry\"><span class=\"p-name\">Caf&eacute; "
            "&amp; cr&egrave;me &#x263A;</span></div>");
    is_str(item(0)->title, "Caf\xc3\xa9 & cr\xc3\xa8me \xe2\x98\xba",
           "entities and non-ASCII");

    extract("<div class=\"h-entry\"><p class=\"p-summary\">"
            "<span class=\"value-title\" title=\"From title\"></span>ignored"
            "</p><p class=\"p-name\"><span class=\"value\">A</span>-"
            "<span class=\"value\">B</span></p></div>");
    is_str(item(0)->summary, "From title", "value-title");
    is_str(item(0)->title, "AB", "value parts joined");

    extract("<div class=\"h-entry\"><b class=\"p-category\"> a </b>"
            "<b class=\"p-category\">a</b><b class=\"p-category\"></b>"
            "<a class=\"u-category h-card\" href=\"/p\">P</a>"
            "<b class=\"p-category\">b</b></div>");
    ok(item(0)->ncategories == 2, "categories: trimmed, without duplicates, "
       "empty ones or people");
    is_str(item(0)->categories[0], "a", "categories: first");
    is_str(item(0)->categories[1], "b", "categories: second");

    extract("<div class=\"h-entry\"><p class=\"p-name\">\x01" "a\x0b"
            "</p></div>");
    is_str(item(0)->title, "a", "controls removed from text");

    extract("<div class=\"h-entry\"><p class=\"p-name\">one&#x0C;two\ftree"
            "</p></div>");
    is_str(item(0)->title, "one two tree",
           "a form feed, HTML white space XML forbids, is a space");

    extract("<div class=\"h-entry\"><p class=\"p-name\">a b  c\td&#xe9;e"
            "\x01 f \x01g h</p></div>");
    is_str(item(0)->title, "a b c d\xc3\xa9" "e f g h",
           "runs of words, spaces collapsed, non-ASCII and controls between");

    extract("<div class=\"h-entry\"><p class=\"p-name\">ab</p></div>");
    is_str(item(0)->title, "ab", "a run that ends the text");

    extract("<div class=\"h-entry\"><p class=\"p-name\">&nbsp;<b>a</b>"
            "&nbsp;</p></div>");
    is_str(item(0)->title, "a", "no-break spaces stripped at both ends");

    extract("<div class=\"h-entry\"><div class=\"p-name\"><p>x</p> "
            "<p> y </p>z<br> </div></div>");
    is_str(item(0)->title, "x\ny z", "paragraphs and a line break at the end");
}


/* a name of many items, more than a text holds without allocation */

static void
test_many_items(void)
{
    char    *html, *p, *want, *w;
    size_t   i;

    html = malloc(40 * 16 + 64);
    want = malloc(40 * 8);

    p = html + sprintf(html, "<div class=\"h-entry\"><p class=\"p-name\">");
    w = want;

    for (i = 0; i < 40; i++) {
        p += sprintf(p, "w%zu<br>", i);
        w += sprintf(w, "%sw%zu", i ? "\n" : "", i);
    }

    sprintf(p, "</p></div>");

    extract(html);
    is_str(item(0)->title, want, "40 words and line breaks");

    free(html);
    free(want);
}


/*
 * Dates in the usual form are read at fixed positions: the same results
 * as the general reading, which a leading space leads to.
 */

static void
test_usual_dates(void)
{
    int           rc, rc2;
    char          buf[64];
    size_t        i, bad;
    feed_date_t   d, d2;

    static const char  *dates[] = {
        "2026-11-20T09:30:00", "2026-11-20T09:30:00Z",
        "2026-11-20T09:30:00+01:00", "2026-11-20T09:30:00-00:30",
        "2026-11-20T09:30:00+23:59", "2026-11-20T09:30:00+24:00",
        "2026-11-20T09:30:00-12:60", "0000-01-01T00:00:00",
        "0001-01-01T00:00:00", "0099-01-01T00:00:00", "0100-01-01T00:00:00",
        "2024-02-29T00:00:00", "2023-02-29T00:00:00",
        "2026-13-01T00:00:00", "2026-00-10T00:00:00", "2026-11-31T00:00:00",
        "2026-11-20T24:00:00", "2026-11-20T23:60:00", "2026-11-20T23:59:60",
        "2026-11-20T23:59:61", "2026-11-20t09:30:00", "2026-11-20T09:30:00z",
        "2026-11-20T09:30:00+0100", "2026-11-20T09:30:00.5Z",
        "2026-11-20T09:30:0a", "2026-1a-20T09:30:00", "2a26-11-20T09:30:00",
        "2026-11-20T09:30:00+01:0a", "2026-11-20T09:30:00*01:00",
        "2026-11-20T09:30:00+01-00", "-026-11-20T09:30:00",
        "2026-11-20 09:30:00", "2026-11-20T09:30:00 ", NULL
    };

    bad = 0;

    for (i = 0; dates[i]; i++) {
        memset(&d, 0, sizeof(feed_date_t));
        memset(&d2, 0, sizeof(feed_date_t));

        snprintf(buf, sizeof(buf), " %s", dates[i]);

        rc = feed_date_parse(dates[i], strlen(dates[i]), &d);
        rc2 = feed_date_parse(buf, strlen(buf), &d2);

        if (rc != rc2 || d.t != d2.t || d.kind != d2.kind) {
            printf("# %s: %d %lld, %d %lld\n", dates[i], rc, (long long) d.t,
                   rc2, (long long) d2.t);
            bad++;
        }
    }

    ok(bad == 0, "usual dates read as the general reading reads them");

    ok(feed_date_parse("2026-11-20T09:30:00-00:30", 25, &d) == FEED_OK
       && d.t == 1795168800, "usual: a negative zone");
}


/* string values: printable ASCII is copied, anything else cleaned */

static void
test_string(void)
{
    char             *v;
    feed_sanitize_t   s;

    memset(&s, 0, sizeof(feed_sanitize_t));

    s.base = URL;
    s.work = 100;
    s.room = 10;
    s.failed = 0;

    v = feed_sanitize_string(&s, (xmlChar *) "abc", 0, 3);
    is_str(v, "abc", "string: plain, as long as the cap");
    ok(s.room == 7, "string: the budget charged");
    free(v);

    v = feed_sanitize_string(&s, (xmlChar *) "abcd", 0, 3);
    is_str(v, "abc", "string: plain, cut at the cap");
    free(v);

    none(feed_sanitize_string(&s, (xmlChar *) "", 0, 3), "string: empty");

    v = feed_sanitize_string(&s, (xmlChar *) "a\x7f", 0, 8);
    is_str(v, "a", "string: DEL at the end removed");
    free(v);

    v = feed_sanitize_string(&s, (xmlChar *) "a\tb", 0, 8);
    is_str(v, "a\tb", "string: a TAB kept");
    free(v);

    s.room = 2;
    none(feed_sanitize_string(&s, (xmlChar *) "abc", 0, 8),
         "string: over the budget");
    ok(s.room == 2 && !s.failed, "string: over the budget, not charged");

    s.room = 3;
    v = feed_sanitize_string(&s, (xmlChar *) "abc", 0, 8);
    is_str(v, "abc", "string: the budget spent exactly");
    ok(s.room == 0, "string: nothing left");
    free(v);
}


/* a name of len bytes of words "ab", around the limit of text read */

static void
test_long_name(size_t len)
{
    char    *html, *p, *want;
    size_t   i, n;
    char     name[64];

    html = malloc(len + 64);
    want = malloc(FEED_MF2_MAX_TEXT + 1);

    p = html + sprintf(html, "<div class=\"h-entry\"><p class=\"p-name\">");

    for (i = 0; i < len; i++) {
        *p++ = (i % 3 == 2) ? ' ' : 'a' + i % 3;
    }

    sprintf(p, "</p></div>");

    /* cut at FEED_MF2_MAX_TEXT, without the space that may end it */

    n = (len < FEED_MF2_MAX_TEXT) ? len : FEED_MF2_MAX_TEXT;

    for (i = 0; i < n; i++) {
        want[i] = (i % 3 == 2) ? ' ' : 'a' + i % 3;
    }

    n -= (want[n - 1] == ' ');
    want[n] = '\0';

    snprintf(name, sizeof(name), "a name of %zu bytes", len);

    extract(html);
    is_str(item(0)->title, want, name);

    free(html);
    free(want);
}


static void
test_content(void)
{
    extract("<div class=\"h-entry\"><div class=\"e-content\">"
            "<p onclick=\"steal()\">Hi <a href=\"javascript:alert(1)\">js</a> "
            "<a href=\"/ok\">ok</a></p><script>alert(1)</script>"
            "<iframe src=\"https://evil.example/\"></iframe>"
            "<embed src=\"/x.swf\">after embed "
            "<picture><source srcset=\"/a.avif\"><img src=\"/a.jpg\" alt=\"A\">"
            "</picture></div></div>");
    is_str(item(0)->content, "<p>Hi js <a href=\"https://example.com/ok\">ok"
           "</a></p>after embed <img src=\"https://example.com/a.jpg\" "
           "alt=\"A\" />", "content: sanitised; embed and source are void");

    extract("<div class=\"h-entry\"><p class=\"p-content\">a &lt; b</p>"
            "</div>");
    is_str(item(0)->content, "a &lt; b", "p-content: HTML from text");
}


static void
test_backcompat(void)
{
    extract("<div class=\"hentry\"><h2 class=\"entry-title\">"
            "<a href=\"/p/1\" rel=\"bookmark\">Old</a></h2>"
            "<abbr class=\"published\" title=\"2026-10-14T21:05:00+02:00\">"
            "x</abbr><span class=\"author vcard\"><a class=\"url fn\" "
            "href=\"/tom\">Tom</a></span><div class=\"entry-content\"><p>c</p>"
            "</div><a rel=\"tag\" href=\"/tags/caf%C3%A9s/\">x</a>"
            "<span class=\"p-name\">ignored mf2 class</span></div>");
    ok(page.items.nelts == 1, "hentry is an item");
    is_str(item(0)->title, "Old", "entry-title");
    is_str(item(0)->url, "https://example.com/p/1", "rel=bookmark");
    ok(item(0)->published.t == 1792004700, "published");
    is_str(item(0)->author, "Tom", "author vcard");
    is_str(item(0)->author_url, "https://example.com/tom", "author url");
    is_str(item(0)->content, "<p>c</p>", "entry-content");
    ok(item(0)->ncategories == 1, "rel=tag");
    is_str(item(0)->categories[0], "caf\xc3\xa9s", "rel=tag: the decoded "
           "last segment");

    extract("<div class=\"hentry\">no title</div>");
    none(item(0)->title, "microformats 1 imply nothing");
}


static void
test_limits(void)
{
    char    *html, *p;
    size_t   i;

    html = malloc(1100 * 40 + 1);
    p = html;

    for (i = 0; i < 1100; i++) {
        p += sprintf(p, "<p class=\"h-entry\">%zu</p>", i);
    }

    extract(html);
    ok(page.items.nelts == FEED_EXTRACT_MAX_ITEMS, "at most %d items",
       FEED_EXTRACT_MAX_ITEMS);
    is_str(item(999)->title, "999", "the first ones");

    p = html + sprintf(html, "<div class=\"h-entry\">");

    for (i = 0; i < 100; i++) {
        p += sprintf(p, "<b class=\"p-category\">c%zu</b>", i);
    }

    sprintf(p, "</div>");

    extract(html);
    ok(item(0)->ncategories == FEED_MF2_MAX_CATEGORIES,
       "at most %d categories", FEED_MF2_MAX_CATEGORIES);

    free(html);

    /* the text of a property is read up to 1024 bytes past its cap */

    test_long_name(FEED_MF2_MAX_TEXT - 1);
    test_long_name(FEED_MF2_MAX_TEXT + 1024 - 1);
    test_long_name(FEED_MF2_MAX_TEXT + 1024);
    test_long_name(FEED_MF2_MAX_TEXT + 1024 + 1);
    test_long_name(FEED_MF2_MAX_TEXT + 4096 + 1);
}


/*
 * The class attribute among others whose names share its first bytes,
 * and class lists with white space at the ends; values taken over as
 * they are, with spaces at their ends or not.
 */

static void
test_classes(void)
{
    extract("<div cl=\"h-entry\" classes=\"h-entry\" clas=\"h-entry\">"
            "x</div>");
    ok(page.items.nelts == 0, "classes: no class attribute");

    extract("<div c=\"\" classx=\"p-name\" class=\"\th-entry\n\">"
            "<p class=\"p-name \">N</p><p class=\" p-summary\">S</p>"
            "<p class=\"\">x</p><p class>y</p></div>");
    ok(page.items.nelts == 1, "classes: h-entry after other attributes");
    is_str(item(0)->title, "N", "classes: a list ending in a space");
    is_str(item(0)->summary, "S", "classes: a list starting with a space");

    extract("<div class=\"h-entry\"><p class=\"p-name p-summary\">"
            "Both</p></div>");
    is_str(item(0)->title, "Both", "classes: one value, name");
    is_str(item(0)->summary, "Both", "classes: one value, summary too");

    extract("<div class=\"h-entry\"><data class=\"p-name\" "
            "value=\" padded \">d</data><p class=\"p-summary\">"
            "caf\xc3\xa9 </p></div>");
    is_str(item(0)->title, "padded", "classes: a value stripped");
    is_str(item(0)->summary, "caf\xc3\xa9", "classes: not ASCII");
}


/* URL values resolved once, and those of an h-card read twice */

static void
test_url_values(void)
{
    extract("<div class=\"h-entry\"><a class=\"p-author u-url h-card\" "
            "href=\"/me\">Me</a></div>");
    is_str(item(0)->author, "Me", "url values: the author");
    is_str(item(0)->author_url, "https://example.com/me",
           "url values: the author's implied url");
    is_str(item(0)->url, "https://example.com/me",
           "url values: the same element's u-url");

    extract("<div class=\"h-entry\"><div class=\"p-author u-url h-card\">"
            "<a class=\"p-name u-url\" href=\"/card\">Ann</a></div></div>");
    is_str(item(0)->author, "Ann", "url values: an h-card's name");
    is_str(item(0)->author_url, "https://example.com/card",
           "url values: an h-card's url");
    is_str(item(0)->url, "https://example.com/card",
           "url values: the h-card's url as the u-url too");

    extract("<div class=\"h-entry\"><a class=\"u-url u-uid\" "
            "href=\"HTTPS://Example.COM/A/./b\">x</a>"
            "<a class=\"u-photo\" href=\"javascript:x\">p</a></div>");
    is_str(item(0)->url, "https://example.com/A/b",
           "url values: resolved, then again");
    is_str(item(0)->id, "https://example.com/A/b",
           "url values: one value for two properties");
    none(item(0)->photo, "url values: an unsafe one");
}


int
main(void)
{
    xmlInitParser();

    test_implied_name();
    test_implied_url();
    test_nested();
    test_author();
    test_urls();
    test_dates();
    test_text();
    test_string();
    test_usual_dates();
    test_many_items();
    test_content();
    test_backcompat();
    test_limits();
    test_classes();
    test_url_values();

    feed_page_free(&page);
    xmlCleanupParser();

    return tap_done();
}
